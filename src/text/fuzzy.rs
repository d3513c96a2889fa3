//! Typo-tolerant word lookup: SymSpell-style deletes find the vocabulary words near a misspelling without
//! comparing it with every word; strsim then verifies the few candidates.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

/// The typo budget for a word of `len` characters: none up to 3, one up to 8, two from 9. Meilisearch
/// starts at 5, but a swapped pair in a short name ("prel" for "perl") is the commonest typo of all, and a
/// real English word is never corrected anyway (see `search::resolve`).
pub fn typo_budget(len: usize) -> u32 {
    match len {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// The typo budget for a word by its length and by how common it is in English (its Zipf frequency, if
/// the word is English at all): a three-letter string that is no English word ("cpy", "lck", "snd") is a
/// word with a letter missing, so it gets the one edit its length alone would not.
pub fn typo_budget_for(len: usize, zipf: Option<f32>) -> u32 {
    let is_english = zipf.is_some_and(|z| z >= SHORT_WORD_ZIPF);
    match len {
        3 if !is_english => 1,
        _ => typo_budget(len),
    }
}

/// From this Zipf frequency up, a three-letter string is taken for an English word as typed (GloVe's
/// vocabulary holds many clipped forms and codes of one in a million words or rarer).
const SHORT_WORD_ZIPF: f32 = 3.0;

/// How many leading characters the deletes are made from: long words differ in their heads too.
const PREFIX: usize = 7;
/// The largest budget `typo_budget` hands out: `deletes` makes one- and two-character deletes.
const MAX_EDITS: u32 = 2;

/// A vocabulary indexed by the deletes of each word's prefix.
#[derive(Debug, Clone, Default)]
pub struct Fuzzy {
    words: Vec<String>,
    /// (hash of a delete, word) pairs sorted by hash: compact, and found by binary search. A hash
    /// collision only adds a candidate that the distance check then drops.
    deletes: Vec<(u64, u32)>,
}

impl Fuzzy {
    /// Indexes `words` (each once; later duplicates are ignored by the caller).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Fuzzy {
        let mut fuzzy = Fuzzy::default();
        let words: Vec<&str> = words.into_iter().collect();
        let most: usize = words
            .iter()
            .map(|w| {
                let n = w.chars().count().min(PREFIX);
                1 + n + n * n.saturating_sub(1) / 2
            })
            .sum();
        fuzzy.deletes.reserve_exact(most);
        for word in words {
            let id = fuzzy.words.len() as u32;
            fuzzy.words.push(word.to_string());
            fuzzy
                .deletes
                .extend(deletes(word).into_iter().map(|key| (key, id)));
        }
        fuzzy.deletes.sort_unstable();
        fuzzy.deletes.shrink_to_fit();
        fuzzy
    }

    /// Every word, in the order given to `new`.
    pub fn words(&self) -> &[String] {
        &self.words
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
        let budget = budget.min(MAX_EDITS);
        let mut found: Vec<(u32, u32)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for key in deletes(word) {
            let from = self.deletes.partition_point(|&(k, _)| k < key);
            let ids = self.deletes[from..]
                .iter()
                .take_while(|&&(k, _)| k == key)
                .map(|&(_, id)| id);
            for id in ids {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
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

/// Hashes of the word's prefix with up to two (`MAX_EDITS`) characters deleted, the prefix itself included.
fn deletes(word: &str) -> Vec<u64> {
    let mut prefix = [0 as char; PREFIX];
    let mut len = 0;
    for c in word.chars().take(PREFIX) {
        prefix[len] = c;
        len += 1;
    }
    let prefix = &prefix[..len];
    let mut out = Vec::with_capacity(1 + len + len * len / 2);
    out.push(hash(prefix.iter()));
    for i in 0..len {
        let skip_one = |j: &usize| *j != i;
        out.push(hash((0..len).filter(skip_one).map(|j| &prefix[j])));
        for k in i + 1..len {
            out.push(hash(
                (0..len).filter(|&j| j != i && j != k).map(|j| &prefix[j]),
            ));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn hash<'a>(chars: impl Iterator<Item = &'a char>) -> u64 {
    let mut hasher = FxHasher::default();
    let mut n = 0u32;
    for c in chars {
        c.hash(&mut hasher);
        n += 1;
    }
    n.hash(&mut hasher);
    hasher.finish()
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
        assert_eq!(typo_budget(3), 0);
        assert_eq!(typo_budget(4), 1);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(8), 1);
        assert_eq!(typo_budget(9), 2);
    }

    #[test]
    fn budget_gives_a_short_non_word_one_edit() {
        assert_eq!(typo_budget_for(3, None), 1);
        assert_eq!(typo_budget_for(3, Some(2.0)), 1);
        assert_eq!(typo_budget_for(3, Some(5.2)), 0);
        assert_eq!(typo_budget_for(2, None), 0);
        assert_eq!(typo_budget_for(6, None), 1);
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
