//! Matching: a question → weighted query slots (typos corrected, synonyms and compounds resolved) → the
//! entries that cover most of the question's weight.
//!
//! The score of an entry rests on the evidence its matched words give (each word weighted by how rare it is
//! in the FAQ and in English and by the role of its clause, each match by the field it is in and how it
//! was found): `evidence / (evidence + half + unmatched × lacking)`, where `lacking` is the weight of the
//! question's words the entry does not have. It saturates like BM25: fifteen words of context do not dilute
//! a clear match, and one common word never makes one. It is then nudged by how much of the entry's own
//! title or alternate question the question uses, and lowered when the question asks for a time that the
//! entry does not give (`answer_kind`). Whole-string ratios are not used: they let "is" and "the" count as
//! much as "myeloma".

use rustc_hash::FxHashSet as HashSet;

use crate::faq::EntryPos;
use crate::search::answer_kind::Kinds;
use crate::search::index::{Field, Index, TermId, function_term};
use crate::search::query::{Query, Slot, Variant};
pub use crate::search::weights::Weights;
use crate::text::normalize;

/// One scored entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The entry's position in the FAQ.
    pub entry: EntryPos,
    /// The final score, 0 to 1.
    pub score: f32,
    /// The share of the question's weight the entry covers.
    pub coverage: f32,
    /// The weight of the question's words the entry has, each by the quality of its match.
    pub evidence: f32,
    /// The weight of the question's words the entry lacks (as counted against it).
    pub lacking: f32,
    /// How well the question fits the entry's title (or best alternate question).
    pub fit: Fit,
    /// What the question asks for that the entry does not give ("how long" and no length of time): the
    /// score is `weights.answer_kind` times what it would be.
    pub unanswered: Kinds,
    /// Per slot: how well it matched (0 to 1) and in which field.
    pub matched: Vec<Option<(f32, Field)>>,
}

/// How well a question fits an entry's best heading, with its parts for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fit {
    /// The fit, 0 to 1: `topic × (1 − function_words × like_heading × left out)`, where `left out` is
    /// the share of the heading's function words the question does not use (none when it has none).
    pub value: f32,
    /// The share of the heading's topic weight the question uses.
    pub topic: f32,
    /// How many of the heading's function words the question uses.
    pub said: usize,
    /// How many function words the heading has.
    pub of: usize,
    /// How far the question is worded like a heading, 0 to 1: its function words count in full when it
    /// has no more of them than the heading, and not at all when it has none ("source code" is a
    /// question in keywords, not a wording of "What is the source code?").
    pub like_heading: f32,
}

/// The `keep` best entries among those that can reach `floor`, best first, scored exactly as
/// `search_exhaustive` scores them.
///
/// Prunings keep a query's cost far below the number of entries. Slots too light to lift an entry to
/// `floor` on their own (MaxScore's non-essential terms: an entry holding only them has their evidence at
/// most and lacks every other slot) bring no candidates; they are looked up by binary search for the
/// entries the heavier slots found. A candidate whose score, even with every light slot matched, cannot
/// beat the `keep`-th best so far is dropped before its light slots are looked up, and one whose score
/// before the title fit (which can only lower it) cannot is dropped before the fit is worked out.
pub fn search(
    index: &Index,
    query: &Query,
    weights: &Weights,
    floor: f32,
    keep: usize,
) -> Vec<Hit> {
    let total: f32 = query.slots.iter().map(|s| s.weight).sum();
    if total <= 0.0 || keep == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..query.slots.len()).collect();
    order.sort_by(|&a, &b| query.slots[a].weight.total_cmp(&query.slots[b].weight));
    // The lightest slots whose evidence together cannot lift an entry to `floor`: an entry that holds
    // none of the other slots lacks every one of them, which the score counts against it.
    let half = half_evidence(index, weights);
    // What the slots after each one in `order` would lack, summed (not subtracted from a total, which
    // could round above the true sum), and taken a hair low so that rounding can only keep a slot essential.
    let mut after = vec![0.0f32; order.len() + 1];
    for i in (0..order.len()).rev() {
        after[i] = after[i + 1] + query.slots[order[i]].miss;
    }
    let mut light = 0.0;
    let mut essential = vec![true; query.slots.len()];
    for (i, &s) in order.iter().enumerate() {
        let evidence = light + query.slots[s].weight;
        let lacking = after[i + 1] * (1.0 - 1e-4);
        if saturated(evidence, lacking, half, weights) >= floor {
            break;
        }
        light = evidence;
        essential[s] = false;
    }
    let slots = query.slots.len();
    // The thread's buffers, taken for this query and given back at the end: a query touching tens of
    // thousands of entries neither grows them from nothing nor copies them as they grow.
    let mut scratch = SCRATCH.take();
    let Scratch {
        rows,
        candidates,
        cells,
    } = &mut scratch;
    {
        rows.resize(rows.len().max(index.len()), NO_ROW);
        for (s, slot) in query
            .slots
            .iter()
            .enumerate()
            .filter(|(s, _)| essential[*s])
        {
            for variant in &slot.variants {
                for (entry, share, field) in variant_entries(index, weights, variant) {
                    let row = &mut rows[entry as usize];
                    if *row == NO_ROW {
                        *row = candidates.len() as u32;
                        candidates.push(entry);
                        cells.extend(std::iter::repeat_n(None, slots));
                    }
                    let quality = variant.quality * share;
                    let cell = &mut cells[*row as usize * slots + s];
                    if cell.is_none_or(|(q, _)| q < quality) {
                        *cell = Some((quality, field));
                    }
                }
            }
        }
        for &entry in candidates.iter() {
            rows[entry as usize] = NO_ROW;
        }
    }
    let facts = Facts::new(index, weights, query, total);
    let mut top: Vec<Hit> = Vec::with_capacity(keep + 1);
    let mut matched = Vec::with_capacity(slots);
    for (row, &entry) in candidates.iter().enumerate() {
        matched.clear();
        matched.extend_from_slice(&cells[row * slots..(row + 1) * slots]);
        let heavy = covered(query, &matched);
        let bar = if top.len() == keep {
            top[keep - 1].score
        } else {
            0.0
        };
        // The heavy slots it lacks (or has weakly) are lacking for sure; the light ones may all be there.
        let sure = lacking(query, &matched, &facts.best, weights.weak_match, |s| {
            essential[s]
        });
        if saturated(heavy + light, sure, half, weights) < bar {
            continue;
        }
        for (s, slot) in query
            .slots
            .iter()
            .enumerate()
            .filter(|(s, _)| !essential[*s])
        {
            matched[s] = slot_in_entry(index, weights, slot, entry);
        }
        // Its score before the title fit, which can only lower it: the fit is the costly part.
        let (evidence, short) = weigh(query, weights, &facts, &matched);
        if saturated(evidence, short, half, weights) < bar {
            continue;
        }
        let hit = scored(
            index,
            weights,
            &facts,
            entry,
            matched.clone(),
            evidence,
            short,
        );
        if top.len() < keep || ranks_before(&hit, &top[keep - 1]) {
            let at = top.partition_point(|h| ranks_before(h, &hit));
            top.insert(at, hit);
            top.truncate(keep);
        }
    }
    candidates.clear();
    cells.clear();
    SCRATCH.set(scratch);
    top
}

/// Marks an entry with no row in `Scratch::rows`.
const NO_ROW: u32 = u32::MAX;

/// What a query is scored in.
#[derive(Default)]
struct Scratch {
    /// Per entry, its candidate row in the query being scored: an array indexed by entry is far cheaper
    /// than a map when a query touches tens of thousands of entries. Reset after each query.
    rows: Vec<u32>,
    /// The candidate entries, in the order they were found.
    candidates: Vec<u32>,
    /// Per candidate row, per slot: the best quality found and where.
    cells: Vec<Option<(f32, Field)>>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// The score before the title fit: it saturates as evidence adds up, and what is lacking holds it back.
fn saturated(evidence: f32, lacking: f32, half: f32, weights: &Weights) -> f32 {
    evidence / (evidence + half + weights.unmatched * lacking)
}

/// The evidence at which a score is half way to 1, in this index's units.
fn half_evidence(index: &Index, weights: &Weights) -> f32 {
    weights.half_evidence * index.rare_idf()
}

/// The weight of the slots an entry lacks, among those `counted` (by slot position); and of the slots it
/// has only weakly, the part by which the match falls short of the best any entry could give that slot
/// (`best`), times `weak` (`weights.weak_match`): a section that mentions every word in passing is no
/// better than a heading that names most of them, but a word no heading names is fully found in a body.
fn lacking(
    query: &Query,
    matched: &[Option<(f32, Field)>],
    best: &[f32],
    weak: f32,
    counted: impl Fn(usize) -> bool,
) -> f32 {
    query
        .slots
        .iter()
        .zip(matched)
        .zip(best)
        .enumerate()
        .filter(|(s, _)| counted(*s))
        .map(|(_, ((slot, m), &best))| match m {
            None => slot.miss,
            Some((quality, _)) if best > 0.0 => slot.miss * weak * (1.0 - quality / best).max(0.0),
            Some(_) => 0.0,
        })
        .sum()
}

/// Per slot, the match quality it can be sure to find in some entry: its variants' qualities in the
/// strongest field that all their terms reach (a body at its full weight). A match falling short of it
/// counts partly as lacking; one above it (a phrase with a word in a heading) not at all.
fn best_qualities(index: &Index, weights: &Weights, query: &Query) -> Vec<f32> {
    query
        .slots
        .iter()
        .map(|slot| {
            slot.variants
                .iter()
                .map(|v| {
                    let field = v
                        .terms
                        .iter()
                        .map(|&t| index.strongest_field(t))
                        .max()
                        .unwrap_or(Field::Body);
                    v.quality * field_ceiling(weights, field)
                })
                .fold(0.0, f32::max)
        })
        .collect()
}

/// The question's weight that the matches cover.
fn covered(query: &Query, matched: &[Option<(f32, Field)>]) -> f32 {
    query
        .slots
        .iter()
        .zip(matched)
        .map(|(slot, m)| slot.weight * m.map_or(0.0, |(q, _)| q))
        .sum()
}

/// Best first: higher score, then earlier entry.
fn ranks_before(a: &Hit, b: &Hit) -> bool {
    a.score > b.score || (a.score == b.score && a.entry < b.entry)
}

/// Scores every entry of the index one by one: the slow, obvious scorer that `search` must agree with.
pub fn search_exhaustive(index: &Index, query: &Query, weights: &Weights) -> Vec<Hit> {
    let total: f32 = query.slots.iter().map(|s| s.weight).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let facts = Facts::new(index, weights, query, total);
    let mut hits: Vec<Hit> = (0..index.len() as u32)
        .filter_map(|entry| {
            let matched: Vec<_> = query
                .slots
                .iter()
                .map(|slot| slot_in_entry(index, weights, slot, entry))
                .collect();
            matched
                .iter()
                .any(Option::is_some)
                .then(|| hit(index, query, weights, &facts, entry, matched))
        })
        .collect();
    sort(&mut hits);
    hits
}

fn sort(hits: &mut [Hit]) {
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
}

/// How well one slot matches one entry: its best variant found there.
fn slot_in_entry(
    index: &Index,
    weights: &Weights,
    slot: &Slot,
    entry: u32,
) -> Option<(f32, Field)> {
    slot.variants
        .iter()
        .filter_map(|v| {
            let (share, field) = terms_weight(index, weights, &v.terms, entry, None)?;
            Some((v.quality * share, field))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// What every entry's score needs to know about the query, worked out once per query.
struct Facts {
    /// Every term any slot can match, for the title fit.
    terms: HashSet<TermId>,
    /// The function words of the question that some heading holds, as sorted `function_term`s, for the
    /// title fit.
    function: Vec<TermId>,
    /// How many distinct function words the question has.
    function_count: usize,
    /// The sum of the slots' weights.
    total: f32,
    /// Per slot, the match quality it can be sure to find (see `best_qualities`).
    best: Vec<f32>,
    /// The kind of answer the question asks for.
    asks: Kinds,
}

impl Facts {
    fn new(index: &Index, weights: &Weights, query: &Query, total: f32) -> Facts {
        let (function, function_count) = function_words(index, query);
        Facts {
            terms: query.terms(),
            function,
            function_count,
            total,
            best: best_qualities(index, weights, query),
            asks: query.asks(),
        }
    }
}

/// An entry's evidence and what it lacks, from its matches.
fn weigh(
    query: &Query,
    weights: &Weights,
    facts: &Facts,
    matched: &[Option<(f32, Field)>],
) -> (f32, f32) {
    let evidence = covered(query, matched);
    let lacking = lacking(query, matched, &facts.best, weights.weak_match, |_| true);
    (evidence, lacking)
}

fn hit(
    index: &Index,
    query: &Query,
    weights: &Weights,
    facts: &Facts,
    entry: u32,
    matched: Vec<Option<(f32, Field)>>,
) -> Hit {
    let (evidence, lacking) = weigh(query, weights, facts, &matched);
    scored(index, weights, facts, entry, matched, evidence, lacking)
}

/// The hit of an entry whose evidence and lacking are known: its score with the title fit.
fn scored(
    index: &Index,
    weights: &Weights,
    facts: &Facts,
    entry: u32,
    matched: Vec<Option<(f32, Field)>>,
    evidence: f32,
    lacking: f32,
) -> Hit {
    let before_fit = saturated(evidence, lacking, half_evidence(index, weights), weights);
    let fit = title_fit(index, weights, entry, facts);
    let unanswered = facts.asks.missing_from(index.gives(entry));
    // Only ever lowers the score: the pruning bounds, taken before it, still hold.
    let kind = if unanswered.is_empty() {
        1.0
    } else {
        weights.answer_kind
    };
    let score = before_fit * (1.0 - weights.title_fit + weights.title_fit * fit.value) * kind;
    Hit {
        entry: EntryPos::new(entry),
        score,
        coverage: evidence / facts.total,
        evidence,
        lacking,
        fit,
        unanswered,
        matched,
    }
}

/// What a match in `field` of `entry` counts: a body match less when the body is long. Never more than
/// the field's weight, so the pruning bounds hold.
fn field_weight(index: &Index, weights: &Weights, field: Field, entry: u32) -> f32 {
    match field {
        Field::Body => weights.body * index.body_norm(entry),
        _ => field_ceiling(weights, field),
    }
}

/// The most a match in `field` counts in any entry: the field's weight (a body at its full length).
fn field_ceiling(weights: &Weights, field: Field) -> f32 {
    match field {
        Field::Title => weights.title,
        Field::Question => weights.question,
        Field::Body => weights.body,
    }
}

/// The entries holding every term of the variant, with what the match counts there and its weakest
/// field (see `terms_weight`).
fn variant_entries<'a>(
    index: &'a Index,
    weights: &'a Weights,
    variant: &'a Variant,
) -> impl Iterator<Item = (u32, f32, Field)> + 'a {
    let postings = variant
        .terms
        .first()
        .map_or(&[][..], |&t| index.postings(t));
    postings.iter().filter_map(|p| {
        let (share, field) =
            terms_weight(index, weights, &variant.terms, p.entry(), Some(p.field()))?;
        Some((p.entry(), share, field))
    })
}

/// What a match of `terms` in `entry` counts: the mean of each term's field weight (a phrase with one
/// word in the heading and one in the body counts between the two), with the weakest field, for
/// explanations; `None` if the entry lacks a term. `first`: the first term's field, when already known.
fn terms_weight(
    index: &Index,
    weights: &Weights,
    terms: &[TermId],
    entry: u32,
    first: Option<Field>,
) -> Option<(f32, Field)> {
    let mut total = 0.0;
    let mut weakest = Field::Title;
    for (i, &term) in terms.iter().enumerate() {
        let field = match first.filter(|_| i == 0) {
            Some(field) => field,
            None => {
                let list = index.postings(term);
                let at = list.binary_search_by_key(&entry, |p| p.entry()).ok()?;
                list[at].field()
            }
        };
        total += field_weight(index, weights, field, entry);
        weakest = weakest.max(field);
    }
    (!terms.is_empty()).then(|| (total / terms.len() as f32, weakest))
}

/// The function words ("does", "can", "i") of the question that some heading of the FAQ holds, as sorted
/// `function_term`s, and how many distinct function words the question has in all.
fn function_words(index: &Index, query: &Query) -> (Vec<TermId>, usize) {
    let mut words: Vec<&str> = query
        .tokens
        .iter()
        .filter(|t| t.stop && normalize::is_wording_word(&t.word))
        .map(|t| t.word.as_str())
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut name = function_term("");
    let mark = name.len();
    let mut known: Vec<TermId> = words
        .iter()
        .filter_map(|w| {
            name.truncate(mark);
            name.push_str(w);
            index.term(&name)
        })
        .collect();
    known.sort_unstable();
    (known, words.len())
}

/// How well the question fits the entry's own wording: at its best heading (the title or one alternate
/// question), the share of the heading's topic weight the question uses, lowered by the share of the
/// heading's function words it leaves out. The topic words decide; the function words tell apart two
/// headings with the same topic ("How do I copy a file?" and "How can I copy a file?" for "how do i copy a
/// file"). They count as far as the question is worded like a heading: in full when it has no more
/// function words than the heading, less in a long message whose wording is its own.
fn title_fit(index: &Index, weights: &Weights, entry: u32, facts: &Facts) -> Fit {
    index
        .headings(entry)
        .iter()
        .map(|heading| {
            let total: f32 = heading.terms.iter().map(|&t| index.idf(t)).sum();
            let used: f32 = heading
                .terms
                .iter()
                .filter(|t| facts.terms.contains(t))
                .map(|&t| index.idf(t))
                .sum();
            let topic = if total > 0.0 { used / total } else { 0.0 };
            let of = heading.function.len();
            let said = heading
                .function
                .iter()
                .filter(|t| facts.function.binary_search(t).is_ok())
                .count();
            let like_heading = if facts.function_count == 0 {
                0.0
            } else {
                (of as f32 / facts.function_count as f32).min(1.0)
            };
            let left_out = if of == 0 {
                0.0
            } else {
                1.0 - said as f32 / of as f32
            };
            Fit {
                value: topic * (1.0 - weights.function_words * like_heading * left_out),
                topic,
                said,
                of,
                like_heading,
            }
        })
        // The first of equally good headings: the title before its alternate questions.
        .reduce(|best, fit| if fit.value > best.value { fit } else { best })
        .unwrap_or_default()
}
