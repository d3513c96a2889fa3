//! ConText over a message's clauses: find each symptom mention (a lay phrase or a reading), then decide
//! its modifiers from the trigger phrases whose scope reaches it.
//!
//! After Harkema et al. (2009), "ConText: an algorithm for determining negation, experiencer, and temporal
//! status from clinical reports", building on NegEx (Chapman et al., 2001). A trigger's scope runs from it
//! in its direction to the end of its clause (or sentence), at most `window` words; pseudo-triggers ("not
//! sure if") are phrases that contain a trigger's words without being one.

use rustc_hash::FxHashSet;

use crate::safety::kinds::Kind;
use crate::safety::mention::{Mention, Modifier};
pub(crate) use crate::safety::phrases::words;
use crate::safety::phrases::{occurrence_at, occurrences};
use crate::safety::questions::{asked_in_general, question};
use crate::safety::readings;
use crate::safety::rules::{Phrase, Rules};
pub(crate) use crate::safety::scope::list_items;
use crate::safety::scope::{in_reach, scope_clauses};
use crate::safety::text::{Clause, Token};

/// How many words may stand between two words of a symptom phrase: "breathing really fast",
/// "can't get the words out".
const PHRASE_GAP: usize = 2;

/// Words that make a symptom phrase a negative one ("can not breathe", "not waking").
const NEGATIVES: &[&str] = &["not", "no", "never"];

/// Every word and stem of a message: a phrase with a word outside it cannot occur, and most of the
/// rules' phrases are ruled out by a few hash lookups instead of a scan of every clause.
struct Vocabulary<'a>(FxHashSet<&'a str>);

impl<'a> Vocabulary<'a> {
    fn of(clauses: &'a [Clause]) -> Self {
        Vocabulary(
            clauses
                .iter()
                .flat_map(|c| &c.tokens)
                .flat_map(|t| [t.word.as_str(), t.stem.as_str()])
                .collect(),
        )
    }

    fn may_hold(&self, phrase: &Phrase) -> bool {
        phrase
            .iter()
            .all(|w| self.0.contains(w.strip_prefix('=').unwrap_or(w)))
    }

    /// Whether `clause` holds one of `phrases` (those whose words the message lacks are not looked for).
    fn holds_in(&self, clause: &Clause, phrases: &[Phrase]) -> bool {
        phrases
            .iter()
            .filter(|p| self.may_hold(p))
            .any(|phrase| !occurrences(&clause.tokens, phrase, 0).is_empty())
    }
}

/// What the modifiers of every mention of a message need to know about the whole message, worked out
/// once per message rather than once per mention.
pub(crate) struct Facts<'a> {
    vocabulary: Vocabulary<'a>,
    /// The writer says they care for the patient ("my husband", "mum") and not that they are the patient.
    writer_cares: bool,
    /// Someone other than the writer is named ("my wife", "he").
    someone_else_named: bool,
    /// Per sentence of the message, what its clauses say together.
    sentences: Vec<SentenceFacts>,
}

/// What a sentence says as a whole, which every mention in it reads: a sentence of a hundred listed
/// symptoms is looked through once, not once per symptom.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SentenceFacts {
    /// It says something is going on now or started lately ("since this morning").
    pub recent: bool,
    /// It says now or lately in any way ("now", "today", "since yesterday").
    pub now: bool,
    /// It names the writer or someone else ("I", "my wife", "he").
    pub names_someone: bool,
}

impl<'a> Facts<'a> {
    pub(crate) fn of(rules: &Rules, clauses: &'a [Clause]) -> Facts<'a> {
        let vocabulary = Vocabulary::of(clauses);
        let says = |list: &[Phrase]| clauses.iter().any(|c| vocabulary.holds_in(c, list));
        let writer_cares = says(&rules.caregiver) && !says(&rules.patient);
        let someone_else_named = clauses
            .iter()
            .any(|c| c.tokens.iter().any(|t| rules.others.contains(&t.stem)));
        let mut sentences =
            vec![SentenceFacts::default(); clauses.last().map_or(0, |c| c.sentence + 1)];
        for clause in clauses {
            let facts = &mut sentences[clause.sentence];
            let recent = vocabulary.holds_in(clause, &rules.recent);
            facts.recent |= recent;
            facts.now |= recent || vocabulary.holds_in(clause, &rules.current);
            facts.names_someone |= clause
                .tokens
                .iter()
                .any(|t| rules.writer.contains(&t.stem) || rules.others.contains(&t.stem));
        }
        Facts {
            vocabulary,
            writer_cares,
            someone_else_named,
            sentences,
        }
    }

    /// What the sentence `at` says as a whole.
    pub(crate) fn sentence(&self, at: usize) -> SentenceFacts {
        self.sentences[at]
    }
}

/// The symptom mentions of the clauses: lay phrases (typos already corrected) and readings.
pub(crate) fn mentions(rules: &Rules, clauses: &[Clause]) -> Vec<Mention> {
    let mut found = Vec::new();
    for (c, clause) in clauses.iter().enumerate() {
        // "barely" reads as "not" here, so "not" may stand in a phrase without being written.
        let tokens = with_nearly_not(rules, &clause.tokens);
        for (i, token) in tokens.iter().enumerate() {
            let keys = [token.stem.as_str(), token.word.as_str()];
            let keys = if keys[0] == keys[1] {
                &keys[..1]
            } else {
                &keys[..]
            };
            for key in keys {
                for &(s, p) in rules.symptom_starts.get(*key).into_iter().flatten() {
                    let phrase = &rules.symptoms[s].phrases[p];
                    if let Some(span) = occurrence_at(&tokens, phrase, i, PHRASE_GAP) {
                        found.push(Mention {
                            symptom: s,
                            clause: c,
                            span,
                            reading: None,
                        });
                    }
                }
            }
        }
    }
    found.extend(readings::mentions(rules, clauses));
    // One mention per place: a longer phrase over the same words says the same.
    found.sort_by_key(|m| (m.clause, m.span.start, std::cmp::Reverse(m.span.end)));
    found.dedup_by(|later, earlier| {
        later.clause == earlier.clause
            && later.symptom == earlier.symptom
            && later.span.start < earlier.span.end
    });
    found
}

/// The tokens as symptom phrases read them: "barely" and the like stand for "not" ("can barely
/// breathe"). Borrowed unchanged when the clause has none.
fn with_nearly_not<'a>(rules: &Rules, tokens: &'a [Token]) -> std::borrow::Cow<'a, [Token]> {
    if !tokens.iter().any(|t| rules.nearly_not.contains(&t.stem)) {
        return std::borrow::Cow::Borrowed(tokens);
    }
    std::borrow::Cow::Owned(
        tokens
            .iter()
            .map(|t| {
                let mut t = t.clone();
                if rules.nearly_not.contains(&t.stem) {
                    "not".clone_into(&mut t.stem);
                    "not".clone_into(&mut t.word);
                }
                t
            })
            .collect(),
    )
}

/// The modifiers that reach `mention`; empty when it is current, affirmed and about the patient.
pub(crate) fn modifiers(
    rules: &Rules,
    clauses: &[Clause],
    list_items: &[bool],
    facts: &Facts,
    mention: &Mention,
) -> Vec<Modifier> {
    let mut out = Vec::new();
    let clause = &clauses[mention.clause];
    let vocabulary = &facts.vocabulary;
    // A measured number is a report even when the sentence goes on to ask about it ("temp 38.0
    // exactly, does that count?"), unless its own clause asks ("is 38.5 a fever?").
    let in_general = || {
        mention
            .reading
            .is_none()
            .then(|| asked_in_general(clauses, facts.sentence(clause.sentence), mention))
            .flatten()
    };
    if let Some(question) = question(rules, clause).or_else(in_general) {
        out.push(question);
    }
    let sentence = clauses[mention.clause].sentence;
    // "fever 39 now, it was normal days ago": a sign said to be going on now is not over.
    let recent = facts.sentence(sentence).recent || vocabulary.holds_in(clause, &rules.current);
    let negative_phrase = clauses[mention.clause].tokens[mention.span.clone()]
        .iter()
        .any(|t| NEGATIVES.contains(&t.stem.as_str()));
    let (writer_cares, someone_else_named) = (facts.writer_cares, facts.someone_else_named);
    for trigger in &rules.triggers {
        if !trigger.symptoms.is_empty() && !trigger.symptoms.contains(&mention.symptom) {
            continue;
        }
        if trigger.only_when_someone_else_is_named && !someone_else_named
            || trigger.only_when_the_writer_cares_for_the_patient && !writer_cares
            // A sign said as a negative ("does not know where he is") is not denied by another
            // negative before it ("people who are not there and does not know…").
            || trigger.kind == Kind::Negated && negative_phrase
            || trigger.kind == Kind::Historical && recent
            // The writer measures the patient: "I got 38.6 on the thermometer".
            || trigger.kind == Kind::Experiencer && mention.reading.is_some()
        {
            continue;
        }
        let mut phrases = trigger
            .phrases
            .iter()
            .filter(|p| vocabulary.may_hold(p))
            .peekable();
        if phrases.peek().is_none() {
            continue;
        }
        let scope = scope_clauses(
            clauses,
            list_items,
            mention.clause,
            trigger.scope,
            trigger.direction,
            trigger.kind == Kind::Historical,
        );
        let hit = phrases.find_map(|phrase| {
            scope
                .iter()
                .copied()
                .flat_map(|c| {
                    occurrences(&clauses[c].tokens, phrase, 0)
                        .into_iter()
                        .map(move |span| (c, span))
                })
                .find(|(c, span)| in_reach(rules, clauses, trigger, (*c, span.clone()), mention))
                .map(|(c, span)| words(&clauses[c].tokens[span]))
        });
        if let Some(trigger_words) = hit {
            out.push(Modifier {
                kind: trigger.kind,
                trigger: trigger_words,
                line: Some(trigger.line),
            });
        }
    }
    out
}
