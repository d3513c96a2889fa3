//! ConText over a message's clauses: find each symptom mention (a lay phrase or a reading), then decide
//! its modifiers from the trigger phrases whose scope reaches it.
//!
//! After Harkema et al. (2009), "ConText: an algorithm for determining negation, experiencer, and temporal
//! status from clinical reports", building on NegEx (Chapman et al., 2001). A trigger's scope runs from it
//! in its direction to the end of its clause (or sentence), at most `window` words; pseudo-triggers ("not
//! sure if") are phrases that contain a trigger's words without being one.

use std::ops::Range;

use crate::safety::readings;
use crate::safety::rules::{Direction, Kind, Phrase, Rules, Scope};
use crate::safety::text::{Clause, Start, Token};

/// How many words may stand between two words of a symptom phrase: "breathing really fast",
/// "can't get the words out".
const PHRASE_GAP: usize = 2;

/// How many small words ("her", "the") a symptom phrase passes over besides its gap.
const MAX_FILLERS: usize = 3;

/// A symptom found in a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The symptom's index in the rules.
    pub(crate) symptom: usize,
    pub(crate) clause: usize,
    /// The tokens of the clause it covers.
    pub(crate) span: Range<usize>,
    /// The number, for a reading.
    pub reading: Option<f64>,
}

/// Why a mention does not count.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    pub kind: Kind,
    /// The trigger's words as they stand in the message, or what made the clause a question.
    pub trigger: String,
    /// The rules file line of the trigger, if it came from one.
    pub line: Option<usize>,
}

/// A position in the message: clause, then token.
type At = (usize, usize);

/// The symptom mentions of the clauses: lay phrases (typos already corrected) and readings.
pub(crate) fn mentions(rules: &Rules, clauses: &[Clause]) -> Vec<Mention> {
    let mut found = Vec::new();
    for (c, clause) in clauses.iter().enumerate() {
        for (s, symptom) in rules.symptoms.iter().enumerate() {
            for phrase in &symptom.phrases {
                for span in occurrences(&clause.tokens, phrase, PHRASE_GAP) {
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

/// The modifiers that reach `mention`; empty when it is current, affirmed and about the patient.
pub(crate) fn modifiers(
    rules: &Rules,
    clauses: &[Clause],
    list_items: &[bool],
    mention: &Mention,
) -> Vec<Modifier> {
    let mut out = Vec::new();
    let clause = &clauses[mention.clause];
    if let Some(question) =
        question(rules, clause).or_else(|| asked_in_general(rules, clauses, mention))
    {
        out.push(question);
    }
    let sentence = clauses[mention.clause].sentence;
    let recent = rules.recent.iter().any(|phrase| {
        clauses
            .iter()
            .filter(|c| c.sentence == sentence)
            .any(|c| !occurrences(&c.tokens, phrase, 0).is_empty())
    });
    let someone_else_named = clauses
        .iter()
        .any(|c| c.tokens.iter().any(|t| rules.others.contains(&t.stem)));
    for trigger in &rules.triggers {
        if !trigger.symptoms.is_empty() && !trigger.symptoms.contains(&mention.symptom) {
            continue;
        }
        if trigger.only_when_someone_else_is_named && !someone_else_named
            || trigger.kind == Kind::Historical && recent
            // The writer measures the patient: "I got 38.6 on the thermometer".
            || trigger.kind == Kind::Experiencer && mention.reading.is_some()
        {
            continue;
        }
        let hit = trigger.phrases.iter().find_map(|phrase| {
            scope_clauses(
                clauses,
                list_items,
                mention.clause,
                trigger.scope,
                trigger.direction,
            )
            .into_iter()
            .flat_map(|c| {
                occurrences(&clauses[c].tokens, phrase, 0)
                    .into_iter()
                    .map(move |span| (c, span))
            })
            .find(|(c, span)| {
                reaches(
                    clauses,
                    (*c, span.clone()),
                    mention,
                    trigger.direction,
                    trigger.window,
                ) && !is_pseudo(rules, &clauses[*c].tokens, span)
                    && !(trigger.kind == Kind::Experiencer
                        && someone_between(rules, clauses, (*c, span.clone()), mention))
            })
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

/// A question about symptoms in general ("what does a fever mean?") or about what may happen ("can he
/// get a fever from it?"): a clause that asks and names nobody, or that starts with a modal verb.
fn question(rules: &Rules, clause: &Clause) -> Option<Modifier> {
    let tokens = &clause.tokens;
    let first = tokens.first()?;
    let second = tokens.get(1).map(|t| t.stem.as_str());
    let inverted = |list: &[String]| list.contains(&first.stem) && second != Some("not");
    // "and is shaking" mid-sentence does not ask; "is he shaking" at a clause start may.
    let may_invert = clause.start != Start::Break;
    if may_invert && inverted(&rules.modals) {
        return Some(Modifier {
            kind: Kind::Hypothetical,
            trigger: format!("a question about what may happen (\"{}\")", first.word),
            line: None,
        });
    }
    // A request ("tell me about…") asks too; its own "me" names nobody.
    let request = rules
        .requests
        .iter()
        .find(|r| starts_at(tokens, r, 0))
        .map_or(0, Vec::len);
    let asks = request > 0
        || rules.question_words.contains(&first.stem)
        || may_invert && inverted(&rules.auxiliaries);
    let names_someone = tokens[request..]
        .iter()
        .any(|t| rules.writer.contains(&t.stem) || rules.others.contains(&t.stem));
    (asks && !names_someone).then(|| Modifier {
        kind: Kind::Hypothetical,
        trigger: "a question that names nobody: about symptoms in general".to_string(),
        line: None,
    })
}

/// A sentence that ends with a question mark, names nobody and says nothing of now ("racing heart and
/// chills - are those CRS signs?"): about symptoms in general. "Shaking since this morning, is it the
/// CAR T?" is a report.
fn asked_in_general(rules: &Rules, clauses: &[Clause], mention: &Mention) -> Option<Modifier> {
    let sentence = clauses[mention.clause].sentence;
    let mut same = clauses.iter().filter(|c| c.sentence == sentence);
    let asked = clauses[mention.clause].asked;
    let names_someone = same.clone().any(|c| {
        c.tokens
            .iter()
            .any(|t| rules.writer.contains(&t.stem) || rules.others.contains(&t.stem))
    });
    let says_now = same.any(|c| {
        rules
            .current
            .iter()
            .chain(&rules.recent)
            .any(|p| !occurrences(&c.tokens, p, 0).is_empty())
    });
    (asked && !names_someone && !says_now).then(|| Modifier {
        kind: Kind::Hypothetical,
        trigger: "a question mark, nobody named and no time given: about symptoms in general"
            .to_string(),
        line: None,
    })
}

/// The clauses a trigger in them could reach `mention` from.
fn scope_clauses(
    clauses: &[Clause],
    list_items: &[bool],
    at: usize,
    scope: Scope,
    direction: Direction,
) -> Vec<usize> {
    let sentence = clauses[at].sentence;
    let same_sentence = |c: &usize| clauses[*c].sentence == sentence;
    let mut out = vec![at];
    let before = || (0..at).rev().take_while(same_sentence);
    let after = || (at + 1..clauses.len()).take_while(same_sentence);
    match scope {
        Scope::Sentence => {
            if direction != Direction::Backward {
                out.extend(before());
            }
            if direction != Direction::Forward {
                out.extend(after());
            }
        }
        Scope::PreviousSentence => {
            // A trigger reaches back through the sentence before its own: the mention may be in the
            // sentence before the trigger's (backward), or the trigger in the one before the mention's.
            let near = |c: &usize| {
                let s = clauses[*c].sentence;
                match direction {
                    Direction::Backward => s == sentence || s == sentence + 1,
                    Direction::Forward => s == sentence || s + 1 == sentence,
                    Direction::Both => s + 1 >= sentence && s <= sentence + 1,
                }
            };
            out.extend((0..clauses.len()).filter(|c| *c != at && near(c)));
        }
        Scope::Clause => {
            // A comma goes on into a list of symptoms: "no fever, chills or cough".
            if direction != Direction::Backward {
                let mut c = at;
                while c > 0 && list_items[c] {
                    c -= 1;
                    out.push(c);
                }
            }
            if direction != Direction::Forward {
                let mut c = at + 1;
                while c < clauses.len() && list_items[c] {
                    out.push(c);
                    c += 1;
                }
            }
        }
    }
    out
}

/// For each clause, whether it opens with a symptom after a comma (list joiners like "or" aside): an
/// item of a list that a negation before the comma still covers.
pub(crate) fn list_items(rules: &Rules, clauses: &[Clause], mentions: &[Mention]) -> Vec<bool> {
    clauses
        .iter()
        .enumerate()
        .map(|(c, clause)| {
            let joiners = clause
                .tokens
                .iter()
                .take_while(|t| rules.list_joiners.contains(&t.stem))
                .count();
            clause.start == Start::Comma
                && mentions
                    .iter()
                    .any(|m| m.clause == c && m.span.start <= joiners)
        })
        .collect()
}

/// Whether a trigger at `trigger` reaches the mention in its direction within `window` words.
fn reaches(
    clauses: &[Clause],
    (c, span): (usize, Range<usize>),
    mention: &Mention,
    direction: Direction,
    window: usize,
) -> bool {
    let trigger_end: At = (c, span.end);
    let trigger_start: At = (c, span.start);
    let mention_start: At = (mention.clause, mention.span.start);
    let mention_end: At = (mention.clause, mention.span.end);
    let forward = trigger_end <= mention_start;
    let backward = mention_end <= trigger_start;
    let distance = if forward {
        gap(clauses, trigger_end, mention_start)
    } else if backward {
        gap(clauses, mention_end, trigger_start)
    } else {
        // Overlapping the mention: part of the symptom's own words ("can not breathe").
        return false;
    };
    let direction_ok = match direction {
        Direction::Forward => forward,
        Direction::Backward => backward,
        Direction::Both => true,
    };
    direction_ok && distance <= window
}

/// Words between two positions (the first before the second).
fn gap(clauses: &[Clause], from: At, to: At) -> usize {
    if from.0 == to.0 {
        return to.1.saturating_sub(from.1);
    }
    let mut n = clauses[from.0].tokens.len().saturating_sub(from.1) + to.1;
    for clause in &clauses[from.0 + 1..to.0] {
        n += clause.tokens.len();
    }
    n
}

/// Whether a person other than the writer stands between an experiencer trigger and the mention: in
/// "I think my husband is confused", the "I" does not make the confusion the writer's.
fn someone_between(
    rules: &Rules,
    clauses: &[Clause],
    (c, span): (usize, Range<usize>),
    mention: &Mention,
) -> bool {
    let (from, to) = if (c, span.end) <= (mention.clause, mention.span.start) {
        ((c, span.end), (mention.clause, mention.span.start))
    } else {
        ((mention.clause, mention.span.end), (c, span.start))
    };
    (from.0..=to.0).any(|k| {
        let tokens = &clauses[k].tokens;
        let begin = if k == from.0 { from.1 } else { 0 };
        let end = if k == to.0 { to.1 } else { tokens.len() };
        tokens
            .get(begin..end)
            .is_some_and(|ts| ts.iter().any(|t| rules.others.contains(&t.stem)))
    })
}

/// Whether the trigger words at `span` are part of a pseudo-trigger ("not sure if", "no idea whether").
fn is_pseudo(rules: &Rules, tokens: &[Token], span: &Range<usize>) -> bool {
    rules.pseudo.iter().any(|pseudo| {
        occurrences(tokens, pseudo, 0).iter().any(|p| {
            p.start <= span.start && span.end <= p.end || p.start < span.end && span.start < p.end
        })
    })
}

/// Where `phrase` occurs in `tokens`, allowing up to `gap` other words between its words.
pub(crate) fn occurrences(tokens: &[Token], phrase: &Phrase, gap: usize) -> Vec<Range<usize>> {
    let Some(first) = phrase.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for start in 0..tokens.len() {
        if !same(first, &tokens[start]) {
            continue;
        }
        let mut at = start + 1;
        let mut whole = true;
        for word in &phrase[1..] {
            let next = next_word(tokens, at, word, gap);
            match next {
                Some(i) => at = i + 1,
                None => {
                    whole = false;
                    break;
                }
            }
        }
        if whole {
            out.push(start..at);
        }
    }
    out
}

/// Where `word` stands from `at` on, with at most `gap` other words and a few small words before it
/// (none when `gap` is 0: trigger phrases are written with their small words).
fn next_word(tokens: &[Token], at: usize, word: &str, gap: usize) -> Option<usize> {
    let (mut others, mut fillers) = (0, 0);
    for (i, token) in tokens.iter().enumerate().skip(at) {
        if same(word, token) {
            return Some(i);
        }
        if gap == 0 {
            return None;
        }
        if token.filler {
            fillers += 1;
        } else {
            others += 1;
        }
        if fillers > MAX_FILLERS || others > gap {
            return None;
        }
    }
    None
}

/// Whether `phrase` starts exactly at token `at`, words adjacent.
pub(crate) fn starts_at(tokens: &[Token], phrase: &Phrase, at: usize) -> bool {
    phrase.len() <= tokens.len().saturating_sub(at)
        && phrase.iter().zip(&tokens[at..]).all(|(p, t)| same(p, t))
}

/// Whether `phrase` ends exactly at token `at` (inclusive), words adjacent.
pub(crate) fn ends_at(tokens: &[Token], phrase: &Phrase, at: usize) -> bool {
    let n = phrase.len();
    n > 0
        && at + 1 >= n
        && phrase
            .iter()
            .zip(&tokens[at + 1 - n..=at])
            .all(|(p, t)| same(p, t))
}

/// Whether a phrase word matches a token: by stem, or by the word itself when written `=word` (for
/// words whose stem is shared with an ordinary one: "=seizing" is not "seized").
fn same(phrase_word: &str, token: &Token) -> bool {
    match phrase_word.strip_prefix('=') {
        Some(word) => token.word == word,
        None => token.stem == phrase_word || token.word == phrase_word,
    }
}

/// The words of some tokens, for explanations.
pub(crate) fn words(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
