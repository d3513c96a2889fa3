//! The index: an inverted index from terms (stems and synonym concepts) to the entries and fields that hold
//! them, the vocabulary of words for typo correction, and the weights of terms.

use crate::faq::Faq;
use crate::faq::synonyms::Synonyms;
use crate::search::answer_kind::Kinds;
use crate::search::builder::Builder;
use crate::text::fuzzy::Fuzzy;
use crate::text::normalize;

pub use crate::search::postings::{
    Field, Heading, Posting, TermId, Terms, function_term, question_term,
};
pub use lookup::Correction;

mod lookup;

/// From this many entries the index is built on several threads.
const PARALLEL_FROM: usize = 2_000;
/// The most threads an index build uses.
const MAX_THREADS: usize = 8;

/// The searchable form of a FAQ.
#[derive(Debug, Clone, Default)]
pub struct Index {
    terms: Terms,
    postings: Vec<Vec<Posting>>,
    idf: Vec<f32>,
    /// Per term: the strongest field any entry holds it in.
    strongest: Vec<Field>,
    words: rustc_hash::FxHashMap<String, TermId>,
    fuzzy: Fuzzy,
    /// The term of each word in `fuzzy`, by the word's index there.
    fuzzy_terms: Vec<TermId>,
    /// Per entry: the terms of its title, then of each alternate question, for judging how well a question
    /// fits the entry's own wording.
    headings: Vec<Vec<Heading>>,
    /// Per entry: how much a match in its body counts, from 0 to 1 (less for long bodies).
    body_norm: Vec<f32>,
    /// Per entry: the kinds of answer it gives ("two weeks": a length of time).
    gives: Vec<Kinds>,
    synonyms: Synonyms,
    /// The term of each synonym group, by group.
    concepts: Vec<TermId>,
    entries: usize,
}

impl Index {
    /// Builds the index of `faq`: large FAQs are analysed on every core, each thread with its own term
    /// numbering, then merged in entry order.
    pub fn new(faq: &Faq) -> Index {
        let threads = if faq.entries.len() < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(MAX_THREADS)
        };
        Index::build(faq, threads)
    }

    /// Builds the index of `faq` on `threads` threads (at least one); the result does not depend on it.
    pub fn build(faq: &Faq, threads: usize) -> Index {
        let chunk = faq.entries.len().div_ceil(threads.max(1)).max(1);
        let parts: Vec<Builder> = std::thread::scope(|scope| {
            let workers: Vec<_> = faq
                .entries
                .chunks(chunk)
                .map(|entries| {
                    scope.spawn(move || {
                        let mut builder = Builder::new(&faq.synonyms);
                        for entry in entries {
                            builder.add_entry(entry);
                        }
                        builder
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut index = Index {
            synonyms: faq.synonyms.clone(),
            entries: faq.entries.len(),
            ..Index::default()
        };
        let remaps: Vec<Vec<TermId>> = parts
            .iter()
            .map(|part| {
                part.lexicon
                    .terms
                    .names()
                    .iter()
                    .map(|name| index.intern(name))
                    .collect()
            })
            .collect();
        // Exact capacities: growing by doubling would leave up to half of the largest structure unused.
        let mut counts = vec![0usize; index.terms.len()];
        for (part, remap) in parts.iter().zip(&remaps) {
            for posting in part.entries.iter().flatten() {
                counts[remap[posting.entry() as usize] as usize] += 1;
            }
        }
        for (list, count) in index.postings.iter_mut().zip(counts) {
            list.reserve_exact(count);
        }
        let mut next = 0u32;
        let mut body_lens: Vec<u32> = Vec::with_capacity(index.entries);
        for (part, remap) in parts.into_iter().zip(remaps) {
            for (word, term) in part.lexicon.words {
                index.words.entry(word).or_insert(remap[term as usize]);
            }
            body_lens.extend(&part.body_lens);
            index.gives.extend(&part.gives);
            for (fields, headings) in part.entries.into_iter().zip(part.headings) {
                // A builder's posting holds its own term number where the index's holds the entry.
                for posting in fields {
                    let term = remap[posting.entry() as usize] as usize;
                    index.postings[term].push(Posting::new(next, posting.field()));
                }
                let headings = headings
                    .into_iter()
                    .map(|h| Heading {
                        terms: h.terms.iter().map(|&t| remap[t as usize]).collect(),
                        function: h.function.iter().map(|&t| remap[t as usize]).collect(),
                    })
                    .collect();
                index.headings.push(headings);
                next += 1;
            }
        }
        index.body_norm = body_norms(&body_lens);
        // Typos are corrected only towards words the entries use: a guess at a word that only a synonym
        // list knows ("flight" → "fight") would match nothing the user can read.
        let mut vocabulary: Vec<(String, TermId)> =
            index.words.iter().map(|(w, &t)| (w.clone(), t)).collect();
        vocabulary.sort();
        index.fuzzy_terms = vocabulary.iter().map(|&(_, t)| t).collect();
        index.fuzzy = Fuzzy::new(vocabulary.iter().map(|(w, _)| w.as_str()));
        let synonym_words: Vec<String> = index.synonyms.words().collect();
        for word in synonym_words {
            let stem = normalize::stem_word(&word);
            let term = index.intern(&stem);
            index.words.entry(word).or_insert(term);
        }
        let concepts: Vec<String> = (0..index.synonyms.groups().len())
            .map(|g| index.synonyms.concept(g))
            .collect();
        index.concepts = concepts.iter().map(|c| index.intern(c)).collect();
        for list in &mut index.postings {
            list.shrink_to_fit();
        }
        let n = index.entries as f32;
        index.idf = index
            .postings
            .iter()
            .map(|p| idf(n, p.len() as f32))
            .collect();
        index.strongest = index
            .postings
            .iter()
            .map(|p| p.iter().map(|p| p.field()).min().unwrap_or(Field::Body))
            .collect();
        index
    }

    fn intern(&mut self, term: &str) -> TermId {
        let id = self.terms.intern(term);
        if self.postings.len() <= id as usize {
            self.postings.push(Vec::new());
        }
        id
    }

    /// How many entries the index holds.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the index holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// The term for a stem or concept.
    pub fn term(&self, name: &str) -> Option<TermId> {
        self.terms.get(name)
    }

    /// The printable name of a term.
    pub fn name(&self, term: TermId) -> &str {
        self.terms.name(term)
    }

    /// The term of a vocabulary word (folded, unstemmed).
    pub fn word(&self, word: &str) -> Option<TermId> {
        self.words.get(word).copied()
    }

    /// The entries holding `term`, by entry.
    pub fn postings(&self, term: TermId) -> &[Posting] {
        &self.postings[term as usize]
    }

    /// How many entries hold `term`.
    pub fn df(&self, term: TermId) -> usize {
        self.postings[term as usize].len()
    }

    /// The weight of a term: rare terms say more about what is asked.
    pub fn idf(&self, term: TermId) -> f32 {
        self.idf[term as usize]
    }

    /// The strongest field any entry holds `term` in: a word no heading names is found at best in a body.
    pub fn strongest_field(&self, term: TermId) -> Field {
        self.strongest[term as usize]
    }

    /// The weight of a rare term: one held by a single entry, or by one entry in a thousand in a large FAQ.
    /// Words the FAQ does not know are weighed against it; anchoring it to the very rarest term would let an
    /// unknown word outweigh everything else as the FAQ grows.
    pub fn rare_idf(&self) -> f32 {
        idf(self.entries as f32, (self.entries as f32 / 1000.0).max(1.0))
    }

    /// How much a match in the entry's body counts, 0 to 1: less for a long body.
    pub fn body_norm(&self, entry: u32) -> f32 {
        self.body_norm.get(entry as usize).copied().unwrap_or(1.0)
    }

    /// The kinds of answer an entry gives: its text says "two weeks", or a heading asks "how long".
    pub fn gives(&self, entry: u32) -> Kinds {
        self.gives.get(entry as usize).copied().unwrap_or_default()
    }

    /// The terms of an entry's title, then of each alternate question.
    pub fn headings(&self, entry: u32) -> &[Heading] {
        &self.headings[entry as usize]
    }

    /// The synonym groups the index was built with.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// The term that stands for synonym group `group`.
    pub fn concept(&self, group: usize) -> TermId {
        self.concepts[group]
    }

    /// Synonym groups that no entry mentions: probably misspelt or meant for other documents.
    pub fn unused_synonym_groups(&self) -> Vec<usize> {
        (0..self.synonyms.groups().len())
            .filter(|&g| self.df(self.concept(g)) == 0)
            .collect()
    }
}

/// BM25's inverse document frequency, always positive.
/// How much a body match counts per entry, as BM25 normalises for length: a word found in a body twice
/// the median length says half as much about the entry (b = 1 past the median), one in a body up to the
/// median counts fully. A long answer mentions many words in passing; its heading says what it is about.
fn body_norms(lens: &[u32]) -> Vec<f32> {
    let mut sorted = lens.to_vec();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(1).max(1) as f32;
    lens.iter()
        .map(|&len| {
            (median / (len as f32).max(1.0))
                .min(1.0)
                .powf(BODY_LENGTH_EXPONENT)
        })
        .collect()
}

/// How fast a body match loses weight with the body's length past the median (0 = not at all, 1 = in
/// proportion).
const BODY_LENGTH_EXPONENT: f32 = 1.0;

fn idf(entries: f32, df: f32) -> f32 {
    (1.0 + (entries - df + 0.5) / (df + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::Entry;

    fn faq(entries: &[(&str, &str)]) -> Faq {
        let mut faq = Faq::default();
        for (i, (title, body)) in entries.iter().enumerate() {
            faq.entries.push(Entry {
                id: format!("e{i}").into(),
                title: title.to_string(),
                body: body.to_string(),
                source: "x.txt".into(),
                line: 1,
                document: "Doc".into(),
                questions: vec![],
            });
        }
        faq
    }

    #[test]
    fn a_body_past_the_median_length_counts_less_in_proportion() {
        let norms = body_norms(&[10, 20, 20, 40, 80]);
        assert_eq!(norms[..3], [1.0, 1.0, 1.0]);
        assert!((norms[3] - 0.5).abs() < 1e-6 && (norms[4] - 0.25).abs() < 1e-6);
        assert_eq!(body_norms(&[]), Vec::<f32>::new());
        assert_eq!(body_norms(&[0, 0]), [1.0, 1.0]);
    }

    #[test]
    fn a_word_in_passing_in_a_long_answer_weighs_less_than_in_a_short_one() {
        let long = format!(
            "rsync backups are mentioned once. {}",
            "other words here. ".repeat(100)
        );
        let index = Index::new(&faq(&[
            ("Long", &long),
            ("Short", "rsync backups in brief."),
            ("Third", "nothing to see."),
        ]));
        assert!(index.body_norm(0) < 0.2, "{}", index.body_norm(0));
        assert_eq!(index.body_norm(1), 1.0);
    }

    #[test]
    fn title_beats_body_for_the_same_term() {
        let index = Index::new(&faq(&[("Myeloma", "about myeloma")]));
        let term = index.term("myeloma").unwrap();
        assert_eq!(index.postings(term)[0].field(), Field::Title);
    }

    #[test]
    fn only_a_question_heading_keeps_its_function_words() {
        let index = Index::new(&faq(&[
            ("How can I copy a file?", "x"),
            ("Medicines and alcohol", "x"),
            ("What are the 3 steps?", "x"),
        ]));
        let names = |entry| -> Vec<&str> {
            index.headings(entry)[0]
                .function
                .iter()
                .map(|&t| index.name(t))
                .collect()
        };
        assert_eq!(names(0), ["!can", "!i", "!a"]);
        assert!(names(1).is_empty());
        // A number is no part of how a question is put.
        assert_eq!(names(2), ["!are", "!the"]);
    }

    #[test]
    fn hyphenated_words_are_indexed_joined_too() {
        let index = Index::new(&faq(&[("A", "the T-cell count")]));
        assert!(index.word("tcell").is_some());
        assert!(index.word("cell").is_some());
    }

    #[test]
    fn rare_terms_weigh_more() {
        let index = Index::new(&faq(&[
            ("A", "cancer myeloma"),
            ("B", "cancer"),
            ("C", "cancer"),
        ]));
        let cancer = index.term("cancer").unwrap();
        let myeloma = index.term("myeloma").unwrap();
        assert!(index.idf(myeloma) > index.idf(cancer));
    }

    #[test]
    fn corrections_find_vocabulary_words() {
        let index = Index::new(&faq(&[("A", "multiple myeloma")]));
        let found = index.corrections("myloma", 1);
        assert_eq!(found[0].word, "myeloma");
        assert_eq!(found[0].cost, 1);
    }
}
