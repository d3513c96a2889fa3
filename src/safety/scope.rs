//! How far a trigger reaches: its scope (clause, sentence, the sentence before), its window, the clauses
//! with a subject of their own that stop it, and lists whose items share one modifier.

use std::ops::Range;

use crate::safety::kinds::{Direction, Kind, Scope};
use crate::safety::mention::{At, Mention};
use crate::safety::phrases::occurrences;
use crate::safety::rules::{Rules, Trigger};
use crate::safety::text::{Clause, Start, Token};

/// Whether a trigger's words at `at` reach `mention`: in its direction and window, not part of a
/// pseudo-trigger, and not passed over for its kind.
pub(crate) fn in_reach(
    rules: &Rules,
    clauses: &[Clause],
    trigger: &Trigger,
    (c, span): (usize, Range<usize>),
    mention: &Mention,
) -> bool {
    let tokens = &clauses[c].tokens;
    // In a clause that speaks of the one before ("…, which went away"), a historical trigger's window
    // counts from the clause's start; other kinds keep their direction and distance.
    let referring =
        trigger.kind == Kind::Historical && c > mention.clause && clauses[c].refers_back;
    let reached = if referring {
        span.start <= trigger.window
    } else {
        reaches(
            clauses,
            (c, span.clone()),
            mention,
            trigger.direction,
            trigger.window,
        )
    };
    if !reached || is_pseudo(rules, tokens, &span) {
        return false;
    }
    match trigger.kind {
        // "temp 38.9, the nausea settled": a trigger in another clause that has a subject of its own
        // speaks of that subject; "…, it settled" and "she has been fine since" speak of the sign.
        // "…, a cough which cleared up": a clause that refers back speaks of the clause just before it.
        Kind::Historical if c != mention.clause => {
            let speaks_of_another = has_own_subject(rules, &tokens[..span.start], mention.symptom)
                || clauses[c].refers_back && c > mention.clause + 1;
            !speaks_of_another
        }
        // "confused about 20 minutes ago": a number after it gives a time or a count.
        Kind::OtherSense => tokens.get(span.end).is_none_or(|t| t.number.is_none()),
        Kind::Experiencer => !someone_between(rules, clauses, (c, span), mention),
        _ => true,
    }
}

/// Whether the clause of a trigger opens with a subject of its own: a word that is neither a function
/// word ("it", "that", "which"), a person, nor a word of the mentioned `symptom` ("the rash went away",
/// "the headache he had went away" after a fever; but "it settled", "she has been fine since", "the
/// fever broke").
pub(crate) fn has_own_subject(rules: &Rules, before: &[Token], symptom: usize) -> bool {
    let starts_symptom = |key: &str| {
        rules
            .symptom_starts
            .get(key)
            .is_some_and(|starts| starts.iter().any(|&(s, _)| s == symptom))
    };
    before
        .iter()
        .find(|t| !t.filler && !matches!(t.word.as_str(), "and" | "but" | "so" | "then"))
        .is_some_and(|t| {
            t.number.is_none()
                && !crate::text::normalize::is_stop_word(&t.word)
                && !rules.others.contains(&t.stem)
                && !rules.writer.contains(&t.stem)
                && !starts_symptom(&t.stem)
                && !starts_symptom(&t.word)
                && !rules.readings.iter().any(|r| {
                    r.symptom == symptom && r.words.iter().any(|w| w.first() == Some(&t.stem))
                })
        })
}

/// The most clauses a trigger reaches across on either side of a mention. ConText ends a scope at the
/// sentence or at a terminating word; this also ends it at a distance, so that a list of hundreds of
/// symptoms costs each mention a bounded look around, not the whole list (a 4096-character message of
/// "fever, fever, …" took 140 ms). No trigger in real messages stands this far from its symptom.
const MAX_REACH: usize = 12;

/// The clauses a trigger in them could reach `mention` from.
pub(crate) fn scope_clauses(
    clauses: &[Clause],
    list_items: &[bool],
    at: usize,
    scope: Scope,
    direction: Direction,
    reach_back: bool,
) -> Vec<usize> {
    let sentence = clauses[at].sentence;
    let same_sentence = |c: &usize| clauses[*c].sentence == sentence;
    let mut out = vec![at];
    let before = || (0..at).rev().take_while(same_sentence).take(MAX_REACH);
    let after = || {
        (at + 1..clauses.len())
            .take_while(same_sentence)
            .take(MAX_REACH)
    };
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
            // Clauses are in sentence order: only those within reach of `at` can be near.
            let from = at.saturating_sub(MAX_REACH);
            let to = (at + MAX_REACH + 1).min(clauses.len());
            out.extend((from..to).filter(|c| *c != at && near(c)));
        }
        Scope::Clause => {
            // A comma goes on into a list of symptoms: "no fever, chills or cough".
            if direction != Direction::Backward {
                let mut c = at;
                while c > 0 && list_items[c] && at - c < MAX_REACH {
                    c -= 1;
                    out.push(c);
                }
            }
            if direction != Direction::Forward {
                let mut c = at + 1;
                while c < clauses.len() && list_items[c] && c - at <= MAX_REACH {
                    out.push(c);
                    c += 1;
                }
                // "…, but that has been the case for years": the next clause speaks of this one.
                if reach_back
                    && clauses
                        .get(c)
                        .is_some_and(|next| next.refers_back && next.sentence == sentence)
                {
                    out.push(c);
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
pub(crate) fn reaches(
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
pub(crate) fn gap(clauses: &[Clause], from: At, to: At) -> usize {
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
pub(crate) fn someone_between(
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
pub(crate) fn is_pseudo(rules: &Rules, tokens: &[Token], span: &Range<usize>) -> bool {
    rules.pseudo.iter().any(|pseudo| {
        occurrences(tokens, pseudo, 0).iter().any(|p| {
            p.start <= span.start && span.end <= p.end || p.start < span.end && span.start < p.end
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::text::{Clause, Start};

    fn clause(sentence: usize) -> Clause<'static> {
        Clause {
            text: "",
            tokens: Vec::new(),
            sentence,
            start: Start::Comma,
            asked: false,
            refers_back: false,
        }
    }

    #[test]
    fn a_scope_reaches_a_bounded_number_of_clauses() {
        // One sentence of 300 clauses ("fever, fever, …"), every one a list item.
        let clauses: Vec<Clause> = (0..300).map(|_| clause(0)).collect();
        let list_items = vec![true; clauses.len()];
        for scope in [Scope::Sentence, Scope::PreviousSentence, Scope::Clause] {
            let reached = scope_clauses(&clauses, &list_items, 150, scope, Direction::Both, true);
            assert!(
                reached.len() <= 2 * MAX_REACH + 1,
                "{scope:?}: {}",
                reached.len()
            );
            assert!(
                reached.contains(&149) && reached.contains(&151),
                "{scope:?}"
            );
        }
    }
}
