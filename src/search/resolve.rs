//! One word of a question → what the FAQ knows it as: itself, a typo correction (for a real English
//! word, only to one far commoner), a prefix completion ("neutro"), or the parts of a compound ("bloodtest").

use crate::search::index::{Correction, Index, TermId};
use crate::search::weights::Weights;
use crate::text::fuzzy;
use crate::text::lexicon::English;
use crate::text::normalize::Token;

/// How a variant of a query word was found.
#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// The word as typed (or another form of it).
    Word,
    /// A typo corrected to a vocabulary word.
    Typo {
        /// The vocabulary word.
        to: String,
        /// Edits made.
        cost: u32,
    },
    /// A synonym group.
    Synonym {
        /// The group's name.
        group: String,
    },
    /// A broader word the documents use for a kind of thing the user names ("wine" → "alcohol").
    Broader {
        /// The broader word.
        head: String,
    },
    /// Two words written as one ("neuro toxicity" → "neurotoxicity").
    Joined {
        /// The joined word.
        word: String,
    },
    /// One word written as two ("sideeffects" → "side effects"), or a phrase's words each on their own.
    Parts,
}

/// One way a query slot can be found in an entry: all its terms, with a quality below 1 for inexact ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Terms that must all be in the entry.
    pub terms: Vec<TermId>,
    /// How good a match this is (1 = as typed).
    pub quality: f32,
    /// How it was found, for `--explain`.
    pub how: How,
}

/// What one token of the question turned out to be.
pub(crate) struct Resolved {
    /// The word as the FAQ holds it, if it does.
    pub term: Option<TermId>,
    /// The correction made and its edit count, if the word was misspelt.
    pub typo: Option<(String, u32)>,
    /// What the slot can match: the word, its correction, completions or a compound's parts.
    pub variants: Vec<Variant>,
}

pub(crate) fn resolve(index: &Index, token: &Token, weights: &Weights) -> Resolved {
    let none = Resolved {
        term: None,
        typo: None,
        variants: Vec::new(),
    };
    if token.stop {
        return none;
    }
    if let Some(term) = index.known(token) {
        return Resolved {
            term: Some(term),
            variants: vec![Variant {
                terms: vec![term],
                quality: 1.0,
                how: How::Word,
            }],
            ..none
        };
    }
    // A real, fairly common English word is usually what the writer meant: "flight" is not a typo of
    // "fight". It is taken for a typo only of a word far more common than itself ("boks" → "books",
    // "stat" → "start"), the way a noisy-channel speller weighs the typed word against its neighbours.
    let english = English::shipped();
    let zipf = english.zipf(&token.word);
    let real_word = zipf.is_some_and(|z| z >= REAL_WORD_ZIPF);
    // A typo that makes a real word mostly makes a rare one ("boks", "stat", "fond"); a word common in its
    // own right ("husband", "nurses") is what the writer meant, and is not looked up at all: on a long
    // message those lookups would be most of the work.
    let too_common = zipf.is_some_and(|z| z >= REAL_TYPO_BELOW_ZIPF);
    let budget = if too_common {
        0
    } else {
        fuzzy::typo_budget_for(token.word.chars().count(), zipf)
    };
    let mut corrections = index.corrections(&token.word, budget);
    if let (true, Some(own)) = (real_word, zipf) {
        corrections.retain(|c| {
            english
                .zipf(&c.word)
                .is_some_and(|z| z >= own + REAL_WORD_MARGIN)
        });
    }
    // Among equally cheap corrections the writer more likely meant the commoner word.
    let commonness = |c: &Correction| english.zipf(&c.word).unwrap_or(0.0);
    corrections.sort_by(|a, b| {
        a.cost
            .cmp(&b.cost)
            .then(commonness(b).total_cmp(&commonness(a)))
    });
    // A real word turned into another is less certain than a non-word mended: one more edit of doubt.
    let doubt = u32::from(real_word);
    if let Some(best) = corrections.first() {
        let cheapest: Vec<_> = corrections
            .iter()
            .filter(|c| c.cost == best.cost)
            .take(3)
            .collect();
        let variants = cheapest
            .iter()
            .map(|c| Variant {
                terms: vec![c.term],
                quality: 1.0 - weights.typo_penalty * (c.cost + doubt) as f32,
                how: How::Typo {
                    to: c.word.clone(),
                    cost: c.cost,
                },
            })
            .collect();
        return Resolved {
            term: Some(best.term),
            typo: Some((best.word.clone(), best.cost)),
            variants,
        };
    }
    if !real_word && token.word.chars().count() >= MIN_PREFIX {
        // A word cut short while typing: "infu", "neutro", "lympho".
        let completions = index.completions(&token.word, 3);
        if let Some(best) = completions.first() {
            return Resolved {
                term: Some(best.term),
                typo: Some((best.word.clone(), 1)),
                variants: completions
                    .iter()
                    .map(|c| Variant {
                        terms: vec![c.term],
                        quality: 1.0 - weights.typo_penalty,
                        how: How::Typo {
                            to: c.word.clone(),
                            cost: 1,
                        },
                    })
                    .collect(),
            };
        }
    }
    Resolved {
        variants: split_variant(index, &token.word).into_iter().collect(),
        ..none
    }
}

/// From this Zipf frequency up, an English word the FAQ does not hold is taken as meant, unless a word far
/// more common than it is one typo away.
const REAL_WORD_ZIPF: f32 = 3.0;

/// How much more common (in Zipf units: powers of ten) a word must be than the real word typed for the
/// typed word to be taken as its typo.
const REAL_WORD_MARGIN: f32 = 1.0;

/// From this Zipf frequency up (ten words in a million), a real English word is never taken for a typo.
const REAL_TYPO_BELOW_ZIPF: f32 = 4.0;

/// The longest word that is tried as two words written together ("sideeffects").
const MAX_COMPOUND_CHARS: usize = 40;

/// The shortest beginning of a word that is completed to a vocabulary word.
const MIN_PREFIX: usize = 4;

/// "sideeffects" → the two vocabulary words it is made of.
fn split_variant(index: &Index, word: &str) -> Option<Variant> {
    let chars: Vec<char> = word.chars().collect();
    // No two real words written together are this long; a longer "word" is noise, and trying every cut
    // of it would cost the square of its length.
    if chars.len() > MAX_COMPOUND_CHARS {
        return None;
    }
    (2..chars.len().saturating_sub(1)).find_map(|cut| {
        let head: String = chars[..cut].iter().collect();
        let tail: String = chars[cut..].iter().collect();
        let (a, b) = (index.word(&head)?, index.word(&tail)?);
        (index.df(a) > 0 && index.df(b) > 0).then(|| Variant {
            terms: vec![a, b],
            quality: 0.9,
            how: How::Parts,
        })
    })
}
