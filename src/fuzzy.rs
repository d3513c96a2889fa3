//! Typo-tolerant word lookup: SymSpell-style deletes find the vocabulary words near a misspelling without
//! comparing it with every word; strsim then verifies the few candidates.

use std::collections::HashMap;

/// The typo budget for a word of `len` characters (Meilisearch's rule): none below 5, one up to 8, two
/// from 9.
pub fn typo_budget(len: usize) -> u32 {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How many leading characters the deletes are made from: long words differ in their heads too.
const PREFIX: usize = 7;
/// The largest budget `typo_budget` hands out.
const MAX_EDITS: usize = 2;

/// A vocabulary indexed by the deletes of each word's prefix.
#[derive(Debug, Clone, Default)]
pub struct Fuzzy {
    words: Vec<String>,
    deletes: HashMap<String, Vec<u32>>,
}

impl Fuzzy {
    /// Indexes `words` (each once; later duplicates are ignored by the caller).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Fuzzy {
        let mut fuzzy = Fuzzy::default();
        for word in words {
            let id = fuzzy.words.len() as u32;
            fuzzy.words.push(word.to_string());
            for key in deletes(word) {
                let ids = fuzzy.deletes.entry(key).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        fuzzy
    }

    /// The word with index `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// The vocabulary words within `budget` of `word`, cheapest first: (word index, cost).
    pub fn lookup(&self, word: &str, budget: u32) -> Vec<(u32, u32)> {
        if budget == 0 {
            return Vec::new();
        }
        let mut found: Vec<(u32, u32)> = Vec::new();
        for key in deletes(word) {
            let Some(ids) = self.deletes.get(&key) else {
                continue;
            };
            for &id in ids {
                if found.iter().any(|(f, _)| *f == id) {
                    continue;
                }
                let cost = typo_cost(word, &self.words[id as usize]);
                if cost <= budget {
                    found.push((id, cost));
                }
            }
        }
        found.sort_by_key(|&(id, cost)| (cost, id));
        found
    }
}

/// The edit distance between two words (with transpositions), where a change to the first letter counts
/// double: people rarely mistype the letter a word starts with, and "lower" is not "power".
pub fn typo_cost(typed: &str, known: &str) -> u32 {
    let distance = strsim::osa_distance(typed, known) as u32;
    let first_differs = typed.chars().next() != known.chars().next();
    distance + u32::from(first_differs && distance > 0)
}

/// The word's prefix with up to `MAX_EDITS` characters deleted, the prefix itself included.
fn deletes(word: &str) -> Vec<String> {
    let prefix: Vec<char> = word.chars().take(PREFIX).collect();
    let mut out = vec![prefix.iter().collect::<String>()];
    let mut frontier = vec![prefix];
    for _ in 0..MAX_EDITS {
        let mut next = Vec::new();
        for chars in &frontier {
            if chars.len() <= 1 {
                continue;
            }
            for i in 0..chars.len() {
                let mut shorter = chars.clone();
                shorter.remove(i);
                let key: String = shorter.iter().collect();
                if !out.contains(&key) {
                    out.push(key);
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(vocabulary: &[&str], word: &str) -> Vec<String> {
        let fuzzy = Fuzzy::new(vocabulary.iter().copied());
        fuzzy
            .lookup(word, typo_budget(word.chars().count()))
            .into_iter()
            .map(|(id, _)| fuzzy.word(id).to_string())
            .collect()
    }

    #[test]
    fn budget_follows_word_length() {
        assert_eq!(typo_budget(4), 0);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(8), 1);
        assert_eq!(typo_budget(9), 2);
    }

    #[test]
    fn finds_one_typo_in_a_medium_word() {
        assert_eq!(found(&["myeloma", "therapy"], "myloma"), ["myeloma"]);
        assert_eq!(found(&["myeloma", "therapy"], "therpy"), ["therapy"]);
    }

    #[test]
    fn finds_two_typos_in_a_long_word() {
        assert_eq!(found(&["lymphoblastic"], "lymfoblastic"), ["lymphoblastic"]);
    }

    #[test]
    fn short_words_get_no_typos() {
        assert!(found(&["cell"], "sell").is_empty());
    }

    #[test]
    fn first_letter_change_costs_double() {
        assert!(found(&["power"], "lower").is_empty());
        assert_eq!(typo_cost("lower", "power"), 2);
    }

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(found(&["fever"], "fveer"), ["fever"]);
    }

    #[test]
    fn changes_past_the_prefix_are_found() {
        assert_eq!(
            found(&["immunotherapy"], "immunotherapie"),
            ["immunotherapy"]
        );
    }
}
