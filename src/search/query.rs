//! Question → query: typos corrected, compounds and synonyms resolved, each meaningful unit weighted.
//!
//! The scorer in `matcher.rs` then looks the query's slots up in the index.

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;

use crate::search::answer_kind::{self, Kinds};
use crate::search::index::{Index, TermId, question_term};
use crate::search::message::{self, Role};
pub use crate::search::resolve::{How, Variant};
use crate::search::resolve::{Resolved, resolve};
use crate::search::weigh::{
    IDF_FLOOR, NAME_WEIGHT, informativeness, is_frame_word, unknown_weight,
};
use crate::search::weights::Weights;
use crate::text::normalize::{self, Token};

/// One meaningful unit of the question: a word, a compound, or a synonym phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The user's words it stands for (folded).
    pub text: String,
    /// Written like a name ("Johnathan"): when the FAQ does not know it, it says little about the topic.
    pub name_like: bool,
    /// How much it counts as evidence for an entry that has it: its rarity, times its role's share.
    pub weight: f32,
    /// How much it counts against an entry that lacks it (less for context, nothing for pleasantries or
    /// the words that frame a question: "explain", "mean").
    pub miss: f32,
    /// The role of the clause it stands in.
    pub role: Role,
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
    /// The kind of answer its question parts ask for: "I don't know how long we'll stay, but what should
    /// I pack?" asks for nothing in particular.
    asks: Kinds,
}

impl Query {
    /// Whether the question has nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The kind of answer the question asks for ("how long": a length of time).
    pub fn asks(&self) -> Kinds {
        self.asks
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
    let reading = message::read(text);
    analyse_read(index, reading.tokens, &reading.roles, weights)
}

/// Analyses a message already read: its tokens and the role of each.
pub fn analyse_read(index: &Index, tokens: Vec<Token>, roles: &[Role], weights: &Weights) -> Query {
    debug_assert_eq!(tokens.len(), roles.len(), "a role for every token");
    let role_of =
        |span: std::ops::Range<usize>| roles[span].iter().copied().max().unwrap_or(Role::Question);
    let mut resolved: Vec<Resolved> = tokens.iter().map(|t| resolve(index, t, weights)).collect();
    // Phrases are looked for in the words as corrected; most messages have no typo, and need no copy.
    let corrected = if resolved.iter().any(|r| r.typo.is_some()) {
        let mut corrected = tokens.clone();
        for (token, r) in corrected.iter_mut().zip(&resolved) {
            if let Some((word, _)) = &r.typo {
                token.stem = normalize::stem_word(word);
            }
        }
        Cow::Owned(corrected)
    } else {
        Cow::Borrowed(&tokens)
    };
    let mut used = vec![false; tokens.len()];
    let mut slots = Vec::new();

    // Multi-word synonym phrases first, longest first: "cytokine release syndrome" is one idea.
    let hits = index.synonyms().find(&corrected);
    // The borrow of `tokens` ends here: the query takes them.
    drop(corrected);
    let mut phrases: Vec<_> = hits.iter().filter(|h| h.len > 1).collect();
    phrases.sort_by_key(|h| std::cmp::Reverse(h.len));
    for hit in phrases {
        let span = hit.start..hit.start + hit.len;
        if used[span.clone()].iter().any(|&u| u) {
            continue;
        }
        let group = index.synonyms().groups()[hit.group].name.clone();
        let mut variants = Vec::new();
        variants.push(Variant {
            terms: vec![index.concept(hit.group)],
            quality: 1.0,
            how: How::Synonym { group },
        });
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
        let role = role_of(span.clone());
        span.for_each(|i| used[i] = true);
        slots.push(Slot {
            text,
            name_like: false,
            weight: 0.0,
            miss: 0.0,
            role,
            variants,
        });
    }

    // Two words that the FAQ writes as one; most pairs are not, and are put together in one buffer.
    let mut joined = String::new();
    for i in 0..tokens.len().saturating_sub(1) {
        if used[i] || used[i + 1] || tokens[i].stop || tokens[i + 1].stop {
            continue;
        }
        joined.clear();
        joined.push_str(&tokens[i].word);
        joined.push_str(&tokens[i + 1].word);
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
            miss: 0.0,
            role: role_of(i..i + 2),
            variants,
        });
    }

    // "long" in "how long" asks for a length of time (see `Query::asks`): it names no topic.
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    for i in answer_kind::asking_words(&words) {
        used[i] = true;
    }
    let asked = words
        .iter()
        .zip(roles)
        .filter(|(_, role)| **role == Role::Question)
        .map(|(w, _)| *w);
    let asks = answer_kind::asked(asked);
    drop(words);

    // The remaining words, each with its own synonyms.
    for (i, token) in tokens.iter().enumerate() {
        if used[i] || token.stop {
            continue;
        }
        let mut variants = std::mem::take(&mut resolved[i].variants);
        // Hits are in order of their start: the ones at `i` are found by binary search, not a scan.
        let from = hits.partition_point(|h| h.start < i);
        let at_i = hits[from..].iter().take_while(|h| h.start == i);
        for hit in at_i.filter(|h| h.len == 1) {
            let group = index.synonyms().groups()[hit.group].name.clone();
            variants.push(Variant {
                terms: vec![index.concept(hit.group)],
                quality: weights.synonym,
                how: How::Synonym { group },
            });
        }
        // "wine" when the documents say "alcohol": weaker than a synonym, as a kind is not the whole, and
        // saying no more than the broader word would ("homework" found as "work" says as little as "work").
        for (stem, head) in index.synonyms().broader(&token.stem) {
            if let Some(term) = index.term(stem).filter(|&t| index.df(t) > 0) {
                let said = informativeness(head, weights) / informativeness(&token.word, weights);
                variants.push(Variant {
                    terms: vec![term],
                    quality: weights.broader * said.min(1.0),
                    how: How::Broader { head: head.clone() },
                });
            }
        }
        slots.push(Slot {
            text: token.word.clone(),
            name_like: token.name_like,
            weight: 0.0,
            miss: 0.0,
            role: role_of(i..i + 1),
            variants,
        });
    }

    for slot in &mut slots {
        slot.variants
            .retain(|v| v.terms.iter().all(|&t| index.df(t) > 0));
        let rarity = slot
            .variants
            .iter()
            .flat_map(|v| v.terms.iter())
            .map(|&t| index.idf(t))
            .fold(None, |best: Option<f32>, w| {
                Some(best.map_or(w, |b| b.max(w)))
            });
        // A word common in English says little about the topic whether or not the FAQ holds it: "day",
        // "people" and "week" never answer on their own.
        // A word every entry holds ("car t" in a CAR T FAQ) cannot choose between entries, but it still
        // says the question is on topic: its evidence has a floor.
        // A phrase the FAQ knows as one ("car t", "side effects") is specific whatever its words are.
        let phrase = slot.text.contains(' ') && rarity.is_some();
        let english = || {
            if phrase {
                1.0
            } else {
                informativeness(&slot.text, weights)
            }
        };
        // A variant commoner in the FAQ than the slot's rarest word says less: "white blood cells"
        // matched through the `t_cells` group, which every title of a CAR T FAQ holds, is no evidence for
        // the entry that happens to say "T cell" in its heading, while the words themselves point to one.
        // A variant of several words needs them all: its rarity is taken as the sum of theirs (as if they
        // occurred independently), so "live" + "vaccines" is as specific as the phrase.
        let floor = IDF_FLOOR * index.rare_idf();
        if let Some(idf) = rarity {
            let top = idf.max(floor);
            for v in &mut slot.variants {
                let own: f32 = v.terms.iter().map(|&t| index.idf(t)).sum();
                v.quality *= (own.max(floor) / top).min(1.0);
            }
        }
        let base = match rarity {
            Some(idf) => idf.max(floor) * english(),
            // "my husband Johnathan has a fever": the name is not what is asked about.
            None if slot.name_like => unknown_weight(index, weights, &slot.text) * NAME_WEIGHT,
            None => unknown_weight(index, weights, &slot.text),
        };
        slot.weight = base * slot.role.evidence();
        slot.miss = if is_frame_word(&slot.text) {
            0.0
        } else {
            base * slot.role.miss()
        };
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
        let role = role_of(i..i + 1);
        slots.push(Slot {
            text: token.word.clone(),
            name_like: false,
            weight: weights.question_word * index.rare_idf() * role.evidence(),
            miss: 0.0,
            role,
            variants: vec![Variant {
                terms: vec![term],
                quality: 1.0,
                how: How::Word,
            }],
        });
    }

    Query {
        tokens,
        slots,
        asks,
    }
}
