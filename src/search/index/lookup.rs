//! A word of a question → the index's terms: as written or by its stem, through a typo correction, or
//! as the beginning of a longer word.

use crate::search::index::{Index, TermId};
use crate::text::normalize::Token;

/// A vocabulary word close to a misspelled one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The vocabulary word.
    pub word: String,
    /// Its term.
    pub term: TermId,
    /// The typo cost (edits, a first-letter change counting double).
    pub cost: u32,
}

impl Index {
    /// Whether a token is a word the index knows, as written or by its stem.
    pub fn known(&self, token: &Token) -> Option<TermId> {
        self.word(&token.word)
            .or_else(|| self.term(&token.stem).filter(|&t| self.df(t) > 0))
    }

    /// Vocabulary words within `budget` edits of `word`, cheapest first.
    pub fn corrections(&self, word: &str, budget: u32) -> Vec<Correction> {
        self.fuzzy
            .lookup(word, budget)
            .into_iter()
            .map(|(id, cost)| Correction {
                word: self.fuzzy.word(id).to_string(),
                term: self.fuzzy_terms[id as usize],
                cost,
            })
            .collect()
    }

    /// Vocabulary words that `prefix` is the start of ("infu" → "infusion", "neutro" → "neutropenia"), the
    /// most used first; at most `most`.
    pub fn completions(&self, prefix: &str, most: usize) -> Vec<Correction> {
        // The vocabulary is sorted: the words with this prefix stand together.
        let words = self.fuzzy.words();
        let start = words.partition_point(|w| w.as_str() < prefix);
        let mut found: Vec<Correction> = words[start..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .take(MAX_COMPLETIONS)
            .enumerate()
            .map(|(i, w)| Correction {
                word: w.clone(),
                term: self.fuzzy_terms[start + i],
                cost: (w.chars().count() - prefix.chars().count()) as u32,
            })
            .filter(|c| self.df(c.term) > 0)
            .collect();
        found.sort_by_key(|c| std::cmp::Reverse(self.df(c.term)));
        found.truncate(most);
        found
    }
}

/// How many vocabulary words a prefix is compared with at most: a short prefix of a large FAQ would
/// otherwise cost as much as the vocabulary.
const MAX_COMPLETIONS: usize = 64;
