//! Question → query: typos corrected, compounds and synonyms resolved, each meaningful unit weighted.
//!
//! The scorer in `matcher.rs` then looks the query's slots up in the index.

use rustc_hash::FxHashSet as HashSet;

use crate::index::{Index, TermId, question_term};
use crate::matcher::Weights;
use crate::normalize::{self, Token};

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

/// One meaningful unit of the question: a word, a compound, or a synonym phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The user's words it stands for (folded).
    pub text: String,
    /// Written like a name ("Johnathan"): when the FAQ does not know it, it says little about the topic.
    pub name_like: bool,
    /// How much it counts.
    pub weight: f32,
    /// The ways it can match; none when the FAQ does not know it.
    pub variants: Vec<Variant>,
}

/// A question analysed against an index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// The folded words of the question, stop words included.
    pub tokens: Vec<Token>,
    /// The meaningful units.
    pub slots: Vec<Slot>,
}

impl Query {
    /// Whether the question has nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every term any slot can match.
    pub fn terms(&self) -> HashSet<TermId> {
        self.slots
            .iter()
            .flat_map(|s| s.variants.iter())
            .flat_map(|v| v.terms.iter().copied())
            .collect()
    }
}

/// Analyses a question: corrects typos, finds compounds and synonyms, and weighs each slot.
pub fn analyse(index: &Index, text: &str, weights: &Weights) -> Query {
    let tokens = normalize::tokens(text);
    let mut resolved: Vec<Resolved> = tokens.iter().map(|t| resolve(index, t, weights)).collect();
    let mut corrected = tokens.clone();
    for (token, r) in corrected.iter_mut().zip(&resolved) {
        if let Some((word, _)) = &r.typo {
            token.stem = normalize::stem_word(word);
        }
    }
    let mut used = vec![false; tokens.len()];
    let mut slots = Vec::new();

    // Multi-word synonym phrases first, longest first: "cytokine release syndrome" is one idea.
    let hits = index.synonyms().find(&corrected);
    let mut phrases: Vec<_> = hits.iter().filter(|h| h.len > 1).collect();
    phrases.sort_by_key(|h| std::cmp::Reverse(h.len));
    for hit in phrases {
        let span = hit.start..hit.start + hit.len;
        if used[span.clone()].iter().any(|&u| u) {
            continue;
        }
        let group = index.synonyms().groups()[hit.group].name.clone();
        let mut variants = Vec::new();
        if let Some(term) = index.term(&index.synonyms().concept(hit.group)) {
            variants.push(Variant {
                terms: vec![term],
                quality: 1.0,
                how: How::Synonym { group },
            });
        }
        let parts: Vec<TermId> = span
            .clone()
            .filter(|&i| !tokens[i].stop)
            .filter_map(|i| resolved[i].term)
            .collect();
        if !parts.is_empty() {
            variants.push(Variant {
                terms: parts,
                quality: weights.synonym,
                how: How::Parts,
            });
        }
        let text = tokens[span.clone()]
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        span.for_each(|i| used[i] = true);
        slots.push(Slot {
            text,
            name_like: false,
            weight: 0.0,
            variants,
        });
    }

    // Two words that the FAQ writes as one.
    for i in 0..tokens.len().saturating_sub(1) {
        if used[i] || used[i + 1] || tokens[i].stop || tokens[i + 1].stop {
            continue;
        }
        let joined = format!("{}{}", tokens[i].word, tokens[i + 1].word);
        let Some(term) = index.word(&joined).filter(|&t| index.df(t) > 0) else {
            continue;
        };
        let mut variants = vec![Variant {
            terms: vec![term],
            quality: 1.0,
            how: How::Joined {
                word: joined.clone(),
            },
        }];
        if let (Some(a), Some(b)) = (resolved[i].term, resolved[i + 1].term) {
            variants.push(Variant {
                terms: vec![a, b],
                quality: 1.0,
                how: How::Parts,
            });
        }
        used[i] = true;
        used[i + 1] = true;
        slots.push(Slot {
            text: format!("{} {}", tokens[i].word, tokens[i + 1].word),
            name_like: false,
            weight: 0.0,
            variants,
        });
    }

    // The remaining words, each with its own synonyms.
    for (i, token) in tokens.iter().enumerate() {
        if used[i] || token.stop {
            continue;
        }
        let mut variants = std::mem::take(&mut resolved[i].variants);
        for hit in hits.iter().filter(|h| h.len == 1 && h.start == i) {
            if let Some(term) = index.term(&index.synonyms().concept(hit.group)) {
                let group = index.synonyms().groups()[hit.group].name.clone();
                variants.push(Variant {
                    terms: vec![term],
                    quality: weights.synonym,
                    how: How::Synonym { group },
                });
            }
        }
        slots.push(Slot {
            text: token.word.clone(),
            name_like: token.name_like,
            weight: 0.0,
            variants,
        });
    }

    // Question words, matched only against headings, and only beside words with a topic.
    let topical = !slots.is_empty();
    for (i, token) in tokens.iter().enumerate() {
        if !topical || used[i] || !token.stop || !normalize::is_question_word(&token.word) {
            continue;
        }
        let Some(term) = index.term(&question_term(&token.word)) else {
            continue;
        };
        slots.push(Slot {
            text: token.word.clone(),
            name_like: false,
            weight: weights.question_word * index.rare_idf(),
            variants: vec![Variant {
                terms: vec![term],
                quality: 1.0,
                how: How::Word,
            }],
        });
    }

    for slot in &mut slots {
        if slot.weight > 0.0 {
            continue;
        }
        let mut unknown = unknown_weight(index, weights, &slot.text);
        if slot.name_like {
            // "my husband Johnathan has a fever": the name is not what is asked about.
            unknown *= NAME_WEIGHT;
        }
        slot.variants
            .retain(|v| v.terms.iter().all(|&t| index.df(t) > 0));
        slot.weight = slot
            .variants
            .iter()
            .flat_map(|v| v.terms.iter())
            .map(|&t| index.idf(t))
            .fold(None, |best: Option<f32>, w| {
                Some(best.map_or(w, |b| b.max(w)))
            })
            .unwrap_or(unknown);
    }
    Query { tokens, slots }
}

/// How much an unknown word written like a name counts, as a share of an unknown word's weight.
const NAME_WEIGHT: f32 = 0.25;

/// The weight of a word the FAQ does not know. Longer words are rarer in any text (Zipf's law of
/// abbreviation), so an unknown "ibuprofen" says more about the question than an unknown "body".
fn unknown_weight(index: &Index, weights: &Weights, word: &str) -> f32 {
    let length = (word.chars().count() as f32 / 6.0).clamp(0.5, 1.5);
    weights.unknown_word * index.rare_idf() * length
}

/// What one token of the question turned out to be.
struct Resolved {
    term: Option<TermId>,
    typo: Option<(String, u32)>,
    variants: Vec<Variant>,
}

fn resolve(index: &Index, token: &Token, weights: &Weights) -> Resolved {
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
    let corrections = index.corrections(&token.word);
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
                quality: 1.0 - weights.typo_penalty * c.cost as f32,
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
    Resolved {
        variants: split_variant(index, &token.word).into_iter().collect(),
        ..none
    }
}

/// "sideeffects" → the two vocabulary words it is made of.
fn split_variant(index: &Index, word: &str) -> Option<Variant> {
    let chars: Vec<char> = word.chars().collect();
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
