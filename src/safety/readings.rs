//! Readings: a number that is a measurement of a warning sign ("temp 38.4", "pulse 125", "sats 91",
//! "bp 85/50", "101.3F"). A number counts only when it is attached: to its unit, to one of its words
//! before or after it (no other number between), as the next value of a reading just given ("37.8
//! earlier, now 38.3"), or opening a clause of a sentence that named the reading before ("took his temp
//! because he felt warm, 38.2"). A count ("day 39", "3 hours") and a bare number never do.

use crate::safety::mention::Mention;
use crate::safety::phrases::{ends_at, starts_at};
use crate::safety::rules::{Reading, Rules};
use crate::safety::text::{Clause, Token};

/// How many words may separate the values of one reading given in a row ("38.2, then 38.9").
const CHAIN_GAP: usize = 6;

/// The readings in range in `clauses`, as mentions of their symptoms.
pub(crate) fn mentions(rules: &Rules, clauses: &[Clause]) -> Vec<Mention> {
    let mut found = Vec::new();
    // Most messages hold no number at all.
    if !clauses
        .iter()
        .any(|c| c.tokens.iter().any(|t| t.number.is_some()))
    {
        return found;
    }
    for reading in &rules.readings {
        // The sentence of the last attached value and the words since it.
        let mut chain: Option<(usize, usize)> = None;
        for (c, clause) in clauses.iter().enumerate() {
            let tokens = &clause.tokens;
            if chain.is_some_and(|(sentence, _)| sentence != clause.sentence) {
                chain = None;
            }
            for (i, token) in tokens.iter().enumerate() {
                let Some(value) = token.number else {
                    // "sats 96 and pulse 78": another reading's word ends the run of this one.
                    if chain.is_some() && other_reading_starts(rules, reading, tokens, i) {
                        chain = None;
                    }
                    if let Some((_, since)) = &mut chain {
                        *since += 1;
                    }
                    continue;
                };
                // "temp 102F day 4": a number with the reading's unit against it measures, whatever
                // follows.
                if token.pair != reading.pairs
                    || !has_glued_unit(reading, token) && is_count(rules, tokens, i)
                    || is_limit(rules, tokens, i)
                {
                    continue;
                }
                let before = word_before(reading, tokens, i);
                let attached = has_unit(reading, tokens, i)
                    || before.is_some()
                    || word_after(reading, tokens, i)
                    || chain.is_some_and(|(_, since)| since <= CHAIN_GAP)
                    // "took his temp because he felt warm, 38.2": a value that opens a clause of a
                    // sentence that has already named the reading is that reading's value (unless the
                    // sentence asks: "what is the cut-off for a temperature, 38 or 38.5?").
                    || i == 0 && !clause.asked && named_before(reading, clauses, c)
                    || decimal_in_range(reading, token, value);
                if !attached {
                    continue;
                }
                chain = Some((clause.sentence, 0));
                if reading
                    .ranges
                    .iter()
                    .any(|&(low, high)| low <= value && value <= high)
                {
                    found.push(Mention {
                        symptom: reading.symptom,
                        clause: c,
                        span: before.unwrap_or(i)..i + 1,
                        reading: Some(value),
                    });
                }
            }
        }
    }
    found
}

/// Whether a clause before clause `c`, in its sentence, names the reading ("temp", "thermometer").
fn named_before(reading: &Reading, clauses: &[Clause], c: usize) -> bool {
    let sentence = clauses[c].sentence;
    clauses[..c]
        .iter()
        .rev()
        .take_while(|k| k.sentence == sentence)
        .any(|k| {
            (0..k.tokens.len()).any(|at| reading.words.iter().any(|p| starts_at(&k.tokens, p, at)))
        })
}

/// A unit written against the number or as the next word ("101F", "38.5 degrees", "91 %").
fn has_unit(reading: &Reading, tokens: &[Token], i: usize) -> bool {
    match &tokens[i].unit {
        Some(_) => has_glued_unit(reading, &tokens[i]),
        None => tokens
            .get(i + 1)
            .is_some_and(|t| reading.units.contains(&t.word)),
    }
}

/// The reading's unit written against the number ("101F", "38°C").
fn has_glued_unit(reading: &Reading, token: &Token) -> bool {
    token
        .unit
        .as_ref()
        .is_some_and(|u| reading.units.contains(u))
}

/// Where one of the reading's words starts, within `reach` words before the number.
fn word_before(reading: &Reading, tokens: &[Token], i: usize) -> Option<usize> {
    (0..i).rev().take(reading.reach + 1).find_map(|end| {
        if tokens[end + 1..i].iter().any(|t| t.number.is_some()) {
            return None;
        }
        reading
            .words
            .iter()
            .find(|p| ends_at(tokens, p, end))
            .map(|p| end + 1 - p.len())
    })
}

/// Whether one of the reading's words follows within `reach` words ("100.4 on the ear thermometer").
fn word_after(reading: &Reading, tokens: &[Token], i: usize) -> bool {
    (i + 1..tokens.len())
        .take(reading.reach + 1)
        .take_while(|&at| tokens[at].number.is_none())
        .any(|at| reading.words.iter().any(|p| starts_at(tokens, p, at)))
}

/// Whether a word of a reading other than `reading` starts at token `i`.
fn other_reading_starts(rules: &Rules, reading: &Reading, tokens: &[Token], i: usize) -> bool {
    rules
        .readings
        .iter()
        .filter(|other| other.symptom != reading.symptom)
        .flat_map(|other| &other.words)
        .any(|p| starts_at(tokens, p, i))
}

/// A number written with a decimal, with no unit or the reading's own, in one of its decimal ranges:
/// "38,5" alone is a temperature.
fn decimal_in_range(reading: &Reading, token: &Token, value: f64) -> bool {
    token.word.contains(['.', ','])
        && token
            .unit
            .as_ref()
            .is_none_or(|u| reading.units.contains(u))
        && reading
            .decimal_ranges
            .iter()
            .any(|&(low, high)| low <= value && value <= high)
}

/// A number the writer compares with rather than measured: "under 38", "below 100.4".
fn is_limit(rules: &Rules, tokens: &[Token], i: usize) -> bool {
    i > 0
        && rules
            .limits_before
            .iter()
            .any(|p| ends_at(tokens, p, i - 1))
}

/// A number that counts something rather than measures: "day 39", "3 hours", "room 101".
fn is_count(rules: &Rules, tokens: &[Token], i: usize) -> bool {
    let before = i.checked_sub(1).map(|b| &tokens[b]);
    let after = tokens.get(i + 1);
    before.is_some_and(|t| rules.counts_before.contains(&t.stem))
        || after.is_some_and(|t| rules.counts_after.contains(&t.stem))
        || tokens[i]
            .unit
            .as_ref()
            .is_some_and(|u| rules.counts_after.contains(u))
}
