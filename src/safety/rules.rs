//! The safety rules file (`safety.toml`): its format, the checks on its values, and the compiled rules.
//!
//! Everything a clinician may want to review or change is here as data: the symptoms and their lay
//! phrasings, the trigger phrases that modify a mention (ConText's negated, historical, hypothetical,
//! experiencer and other-sense), their direction and scope, the readings with their ranges, and the notices.

use std::ops::Range;

use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::faq::diagnostic::{self, Diagnostic};
use crate::safety::kinds::{Direction, Kind, Level, Scope};
use crate::safety::rules_file::File;
pub(crate) use crate::safety::rules_file::Notices;
use crate::safety::text::Words;
use crate::safety::text::{Splitter, phrase_stems};

/// A phrase as stems, the way messages are compared.
pub(crate) type Phrase = Vec<String>;

/// A trigger phrase list with what it does.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    pub kind: Kind,
    pub direction: Direction,
    pub scope: Scope,
    /// At most this many words between the trigger and the mention.
    pub window: usize,
    /// The symptoms it applies to (indexes); empty = all.
    pub symptoms: Vec<usize>,
    /// Applies only when the message names someone other than the writer (the writer's own feelings
    /// matter only when the patient is someone else).
    pub only_when_someone_else_is_named: bool,
    /// Applies only when the writer says the patient is someone else ("I'm the caregiver").
    pub only_when_the_writer_cares_for_the_patient: bool,
    pub phrases: Vec<Phrase>,
    /// The line in the rules file, for explanations.
    pub line: usize,
}

/// A warning sign.
#[derive(Debug, Clone)]
pub(crate) struct Symptom {
    pub name: String,
    pub level: Level,
    pub phrases: Vec<Phrase>,
}

/// A measurement that means a symptom: a number in one of `ranges` attached to one of `words`, or
/// written with one of `units`.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub symptom: usize,
    pub words: Vec<Phrase>,
    pub units: Vec<String>,
    /// Inclusive: 38.0 is a fever.
    pub ranges: Vec<(f64, f64)>,
    /// A number written with a decimal in one of these is the reading without its word ("38,5").
    pub decimal_ranges: Vec<(f64, f64)>,
    /// Readings written as two numbers ("85/50"): the first is compared.
    pub pairs: bool,
    /// At most this many words between the word and its number.
    pub reach: usize,
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    pub notices: Notices,
    /// Every symptom phrase by its first word (as written in the phrase, `=` left out): a message's
    /// words look up the few phrases that can start at them instead of every phrase being tried.
    pub symptom_starts: FxHashMap<String, Vec<(usize, usize)>>,
    pub splitter: Splitter,
    pub list_joiners: Words,
    /// Words that stand for "not" inside symptom phrases ("can barely breathe").
    pub nearly_not: Words,
    pub writer: Words,
    pub others: Words,
    /// Phrases by which the writer says the patient is someone else.
    pub caregiver: Vec<Phrase>,
    /// Phrases by which the writer says they are the patient: these win.
    pub patient: Vec<Phrase>,
    pub question_words: Words,
    pub auxiliaries: Words,
    pub modals: Words,
    pub requests: Vec<Phrase>,
    pub pseudo: Vec<Phrase>,
    /// Phrases that put a sentence in the last few hours: no historical modifier there.
    pub recent: Vec<Phrase>,
    /// Phrases that say a sign is going on now ("since yesterday", "still").
    pub current: Vec<Phrase>,
    /// Words that make the number after them a count, not a reading ("day 39").
    pub counts_before: Words,
    /// Words that make the number before them a count ("3 hours").
    pub counts_after: Words,
    /// Phrases that make the number after them a limit, not a reading ("under 38").
    pub limits_before: Vec<Phrase>,
    pub triggers: Vec<Trigger>,
    pub symptoms: Vec<Symptom>,
    pub readings: Vec<Reading>,
}

/// The largest scope window a rule may ask for: a trigger reaching further than this is a mistake.
const MAX_WINDOW: i64 = 50;

impl Rules {
    /// Parses and checks a rules file; the first problem is returned with the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Rules, Diagnostic> {
        let raw: File =
            toml::from_str(text).map_err(|err| diagnostic::from_toml(file, text, &err))?;
        let at = |span: Range<usize>| Some(diagnostic::line_of(text, span.start));
        let fail = |span: Range<usize>, message: String| Diagnostic::error(file, at(span), message);

        let notices = raw.notices;
        for (level, notice) in [
            ("urgent", &notices.urgent),
            ("emergency", &notices.emergency),
        ] {
            if notice.get_ref().trim().is_empty() {
                return Err(fail(
                    notice.span(),
                    format!(
                        "the {level} notice is empty; expected the text that starts an urgent reply"
                    ),
                ));
            }
        }
        if raw.symptom.is_empty() {
            return Err(Diagnostic::error(
                file,
                None,
                "no [[symptom]] tables; expected at least one",
            ));
        }
        let mut symptoms = Vec::new();
        for symptom in raw.symptom {
            let span = symptom.span();
            let symptom = symptom.into_inner();
            if symptoms.iter().any(|s: &Symptom| s.name == symptom.name) {
                return Err(fail(
                    span,
                    format!("symptom {:?} is defined twice", symptom.name),
                ));
            }
            let phrases = symptom_phrases(&symptom.phrases);
            if phrases.is_empty() {
                return Err(fail(
                    span,
                    format!("symptom {:?} has no phrases", symptom.name),
                ));
            }
            symptoms.push(Symptom {
                name: symptom.name,
                level: symptom.level,
                phrases,
            });
        }
        let symptom_index = |name: &str, span: Range<usize>, what: &str| {
            symptoms.iter().position(|s| s.name == name).ok_or_else(|| {
                fail(
                    span,
                    format!("{what} names the symptom {name:?}, which no [[symptom]] has"),
                )
            })
        };
        let mut triggers = Vec::new();
        for trigger in raw.trigger {
            let span = trigger.span();
            let line = diagnostic::line_of(text, span.start);
            let trigger = trigger.into_inner();
            let window = match trigger.window {
                None => MAX_WINDOW as usize,
                Some(w) if (0..=MAX_WINDOW).contains(w.get_ref()) => *w.get_ref() as usize,
                Some(w) => {
                    let (span, w) = (w.span(), w.into_inner());
                    return Err(fail(
                        span,
                        format!("window = {w}; expected a number of words from 0 to {MAX_WINDOW}"),
                    ));
                }
            };
            let phrases = phrases(&trigger.phrases);
            if phrases.is_empty() {
                return Err(fail(span, "a [[trigger]] with no phrases".to_string()));
            }
            let symptoms = trigger
                .symptoms
                .iter()
                .map(|name| symptom_index(name, span.clone(), "[[trigger]]"))
                .collect::<Result<_, _>>()?;
            triggers.push(Trigger {
                kind: trigger.kind,
                direction: trigger.direction,
                scope: trigger.scope,
                window,
                symptoms,
                only_when_someone_else_is_named: trigger.only_when_someone_else_is_named,
                only_when_the_writer_cares_for_the_patient: trigger
                    .only_when_the_writer_cares_for_the_patient,
                phrases,
                line,
            });
        }
        let mut readings = Vec::new();
        for reading in raw.reading {
            let span = reading.span();
            let reading = reading.into_inner();
            let symptom = symptom_index(&reading.symptom, span.clone(), "[[reading]]")?;
            if reading.ranges.get_ref().is_empty() {
                return Err(fail(span, "a [[reading]] with no ranges".to_string()));
            }
            let ranges = checked_ranges(reading.ranges, &fail)?;
            let decimal_ranges = match reading.decimal_ranges {
                Some(ranges) => checked_ranges(ranges, &fail)?,
                None => Vec::new(),
            };
            if !(0..=MAX_WINDOW).contains(&reading.reach) {
                return Err(fail(
                    span,
                    format!(
                        "reach = {}; expected a number of words from 0 to {MAX_WINDOW}",
                        reading.reach
                    ),
                ));
            }
            readings.push(Reading {
                symptom,
                words: symptom_phrases(&reading.words),
                units: reading.units.iter().map(|u| u.to_lowercase()).collect(),
                ranges,
                decimal_ranges,
                pairs: reading.pairs,
                reach: reading.reach as usize,
            });
        }
        // One word each: "hes" stands for "he" here, not for "he is".
        let words = |list: &[String]| -> Words {
            list.iter()
                .filter_map(|w| phrase_stems(w, false).into_iter().next())
                .collect::<Words>()
        };
        let mut symptom_starts: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        for (s, symptom) in symptoms.iter().enumerate() {
            for (p, phrase) in symptom.phrases.iter().enumerate() {
                if let Some(first) = phrase.first() {
                    let key = first.strip_prefix('=').unwrap_or(first).to_string();
                    symptom_starts.entry(key).or_default().push((s, p));
                }
            }
        }
        Ok(Rules {
            symptom_starts,
            notices,
            splitter: Splitter {
                breaks: phrases(&raw.clauses.breaks),
                conjunctions: words(&raw.clauses.conjunctions),
                subjects: [
                    &raw.clauses.subjects,
                    &raw.people.writer,
                    &raw.people.others,
                ]
                .into_iter()
                .flat_map(|list| words(list))
                .collect(),
                refer_back: words(&raw.clauses.refer_back),
            },
            nearly_not: words(&raw.nearly_not.words),
            list_joiners: words(&raw.clauses.list_joiners),
            writer: words(&raw.people.writer),
            others: words(&raw.people.others),
            caregiver: phrases(&raw.people.caregiver),
            patient: phrases(&raw.people.patient),
            question_words: words(&raw.questions.question_words),
            auxiliaries: words(&raw.questions.auxiliaries),
            modals: words(&raw.questions.modals),
            requests: phrases(&raw.questions.requests),
            pseudo: phrases(&raw.pseudo.phrases),
            recent: phrases(&raw.time.recent),
            current: phrases(&raw.time.current),
            counts_before: words(&raw.numbers.counts_before),
            counts_after: words(&raw.numbers.counts_after),
            limits_before: phrases(&raw.numbers.limits_before),
            triggers,
            symptoms,
            readings,
        })
    }

    /// Every stem the symptom phrases use: a misspelt word may be read as the nearest of them.
    pub fn symptom_vocabulary(&self) -> Vec<String> {
        let mut words: Vec<String> = self
            .symptoms
            .iter()
            .flat_map(|s| s.phrases.iter().flatten().cloned())
            .collect();
        words.sort();
        words.dedup();
        words
    }
}

/// Ranges as written, each checked to hold at least one number.
fn checked_ranges(
    ranges: Spanned<Vec<(f64, f64)>>,
    fail: &impl Fn(Range<usize>, String) -> Diagnostic,
) -> Result<Vec<(f64, f64)>, Diagnostic> {
    let span = ranges.span();
    let mut out = Vec::new();
    for (low, high) in ranges.into_inner() {
        if !(low.is_finite() && high.is_finite() && low < high) {
            return Err(fail(
                span,
                format!(
                    "the range [{low}, {high}] is empty or inverted; expected [lowest, highest] with lowest < highest"
                ),
            ));
        }
        out.push((low, high));
    }
    Ok(out)
}

/// Trigger phrases: every word counts ("my own").
fn phrases(list: &[String]) -> Vec<Phrase> {
    list.iter()
        .map(|p| phrase_stems(p, false))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Symptom phrases: small words like "his" are left out, so "catch his breath" matches "catch my
/// breath".
fn symptom_phrases(list: &[String]) -> Vec<Phrase> {
    list.iter()
        .map(|p| phrase_stems(p, true))
        .filter(|p| !p.is_empty())
        .collect()
}
