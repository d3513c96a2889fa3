//! Matching: a question → weighted query slots (typos corrected, synonyms and compounds resolved) → the
//! entries that cover most of the question's weight.
//!
//! The score of an entry is the share of the question's weight it covers (each word weighted by how rare it
//! is, each match by the field it is in and how it was found), nudged by how much of the entry's own title
//! or alternate question the question uses. Whole-string ratios are not used: they let "is" and "the" count
//! as much as "myeloma".

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

use crate::index::{Field, Index, TermId, question_term};
use crate::normalize::{self, Token};

/// The knobs of the scorer, from `[matching]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Weight of a term found in an entry's title.
    pub title: f32,
    /// Weight of a term found in an alternate question.
    pub question: f32,
    /// Weight of a term found only in the body.
    pub body: f32,
    /// Weight of a word the FAQ does not know, as a share of the rarest known word's weight.
    pub unknown_word: f32,
    /// Quality of a match through a typo correction, per edit.
    pub typo_penalty: f32,
    /// Quality of a match through a synonym.
    pub synonym: f32,
    /// How much the share of the entry's title used by the question counts (0 to 1).
    pub title_fit: f32,
    /// Weight of a question word ("what", "how") matched against headings, as a share of the rarest known
    /// word's weight.
    pub question_word: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: 1.0,
            question: 1.0,
            body: 0.85,
            unknown_word: 1.0,
            typo_penalty: 0.15,
            synonym: 0.9,
            title_fit: 0.15,
            question_word: 0.1,
        }
    }
}

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
    fn terms(&self) -> HashSet<TermId> {
        self.slots
            .iter()
            .flat_map(|s| s.variants.iter())
            .flat_map(|v| v.terms.iter().copied())
            .collect()
    }
}

/// One scored entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The entry's position in the FAQ.
    pub entry: u32,
    /// The final score, 0 to 1.
    pub score: f32,
    /// The share of the question's weight the entry covers.
    pub coverage: f32,
    /// The share of the entry's title (or best alternate question) the question uses.
    pub fit: f32,
    /// Per slot: how well it matched (0 to 1) and in which field.
    pub matched: Vec<Option<(f32, Field)>>,
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
            weight: weights.question_word * index.rarest_idf(),
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
    weights.unknown_word * index.rarest_idf() * length
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

/// Scores every entry that shares a term with the query; best first.
pub fn search(index: &Index, query: &Query, weights: &Weights) -> Vec<Hit> {
    let slots = query.slots.len();
    let mut matched: HashMap<u32, Vec<Option<(f32, Field)>>> = HashMap::default();
    for (s, slot) in query.slots.iter().enumerate() {
        for variant in &slot.variants {
            for (entry, field) in variant_entries(index, variant) {
                let quality = variant.quality * field_weight(weights, field);
                let cell = &mut matched.entry(entry).or_insert_with(|| vec![None; slots])[s];
                if cell.is_none_or(|(q, _)| q < quality) {
                    *cell = Some((quality, field));
                }
            }
        }
    }
    let total: f32 = query.slots.iter().map(|s| s.weight).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let query_terms = query.terms();
    let mut hits: Vec<Hit> = matched
        .into_iter()
        .map(|(entry, matched)| {
            let covered: f32 = query
                .slots
                .iter()
                .zip(&matched)
                .map(|(slot, m)| slot.weight * m.map_or(0.0, |(q, _)| q))
                .sum();
            let coverage = covered / total;
            let fit = title_fit(index, entry, &query_terms);
            let score = coverage * (1.0 - weights.title_fit + weights.title_fit * fit);
            Hit {
                entry,
                score,
                coverage,
                fit,
                matched,
            }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
    hits
}

fn field_weight(weights: &Weights, field: Field) -> f32 {
    match field {
        Field::Title => weights.title,
        Field::Question => weights.question,
        Field::Body => weights.body,
    }
}

/// The entries holding every term of the variant, with the weakest field among them.
fn variant_entries(index: &Index, variant: &Variant) -> Vec<(u32, Field)> {
    let Some((&first, rest)) = variant.terms.split_first() else {
        return Vec::new();
    };
    index
        .postings(first)
        .iter()
        .filter_map(|p| {
            rest.iter()
                .try_fold(p.field, |weakest, &term| {
                    let list = index.postings(term);
                    let at = list.binary_search_by_key(&p.entry, |q| q.entry).ok()?;
                    Some(weakest.max(list[at].field))
                })
                .map(|field| (p.entry, field))
        })
        .collect()
}

/// The largest share of the weight of the entry's title or of one alternate question that the query uses.
fn title_fit(index: &Index, entry: u32, query_terms: &HashSet<TermId>) -> f32 {
    index
        .headings(entry)
        .iter()
        .map(|terms| {
            let total: f32 = terms.iter().map(|&t| index.idf(t)).sum();
            let used: f32 = terms
                .iter()
                .filter(|t| query_terms.contains(t))
                .map(|&t| index.idf(t))
                .sum();
            if total > 0.0 { used / total } else { 0.0 }
        })
        .fold(0.0, f32::max)
}
