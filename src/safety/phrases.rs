//! Phrase matching over tokens: symptom phrases with a few words between their words ("breathing
//! really fast") and small words passed over; trigger phrases word for word.

use std::ops::Range;

use crate::safety::rules::Phrase;
use crate::safety::text::Token;

/// How many small words ("her", "the") a symptom phrase passes over besides its gap.
const MAX_FILLERS: usize = 3;

/// Where `phrase` occurs in `tokens`, allowing up to `gap` other words between its words.
pub(crate) fn occurrences(tokens: &[Token], phrase: &Phrase, gap: usize) -> Vec<Range<usize>> {
    (0..tokens.len())
        .filter_map(|start| occurrence_at(tokens, phrase, start, gap))
        .collect()
}

/// The occurrence of `phrase` that starts at token `start`, if there is one.
pub(crate) fn occurrence_at(
    tokens: &[Token],
    phrase: &Phrase,
    start: usize,
    gap: usize,
) -> Option<Range<usize>> {
    let (first, rest) = phrase.split_first()?;
    if !same(first, tokens.get(start)?) {
        return None;
    }
    let mut at = start + 1;
    for word in rest {
        at = next_word(tokens, at, word, gap)? + 1;
    }
    Some(start..at)
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
