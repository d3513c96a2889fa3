//! The stem of a word, for step 4 of normalisation: the Snowball English stemmer, so that "modified" and
//! "modify" meet, with a per-thread cache because it is the costliest step.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stem of one folded word.
pub fn stem_word(word: &str) -> String {
    if word.len() > crate::text::normalize::MEMO_WORD_BYTES {
        return stem_uncached(word);
    }
    STEM_CACHE.with_borrow_mut(|cache| {
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        let stem = stem_uncached(word);
        if cache.len() >= STEM_CACHE_SIZE {
            cache.clear();
        }
        cache.insert(word.to_string(), stem.clone());
        stem
    })
}

/// The stem of one folded word, its exceptions first, without the cache.
fn stem_uncached(word: &str) -> String {
    match OVERRIDES.iter().find(|(w, _)| *w == word) {
        Some(&(_, stem)) => stem.to_string(),
        None => STEMMER.stem(word).into_owned(),
    }
}

/// Words Snowball cuts back to the stem of an unrelated, commoner word: "immunisation" to "immun", the
/// stem of "immune", so that a question about vaccines found every text about the immune system. They
/// keep a stem of their own.
const OVERRIDES: &[(&str, &str)] = &[
    ("immunisation", "immunis"),
    ("immunisations", "immunis"),
    ("immunise", "immunis"),
    ("immunised", "immunis"),
    ("immunization", "immunis"),
    ("immunizations", "immunis"),
    ("immunize", "immunis"),
    ("immunized", "immunis"),
];

/// Stemming is the costliest step, and a FAQ uses a few tens of thousands of distinct words: each thread
/// remembers the stems it made, up to this many.
const STEM_CACHE_SIZE: usize = 200_000;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<FxHashMap<String, String>> = std::cell::RefCell::new(FxHashMap::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immunisation_is_not_immune() {
        assert_eq!(stem_word("immune"), "immun");
        assert_eq!(stem_word("immunisations"), stem_word("immunization"));
        assert_ne!(stem_word("immunisation"), stem_word("immune"));
        assert_eq!(stem_word("vaccinations"), stem_word("vaccination"));
    }
}
