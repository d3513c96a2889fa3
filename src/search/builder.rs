//! One thread's share of an index build: entries analysed into terms with the builder's own numbering,
//! each distinct word folded, looked up and stemmed once. `Index::new` merges the builders.

use rustc_hash::FxHashMap as HashMap;

use crate::faq::Entry;
use crate::faq::synonyms::{self, Synonyms};
use crate::search::answer_kind::{self, Kinds};
use crate::search::postings::{
    Field, Heading, Posting, TermId, Terms, function_term, question_term,
};
use crate::text::normalize;

/// Terms and words numbered by one builder.
#[derive(Default)]
pub struct Lexicon {
    /// The terms, numbered in the order they were met.
    pub terms: Terms,
    /// Each folded word of the entries, with its term.
    pub words: HashMap<String, TermId>,
}

impl Lexicon {
    fn intern(&mut self, term: &str) -> TermId {
        self.terms.intern(term)
    }

    /// The parts of a word seen for the first time: its tokens, their terms interned.
    fn analyse_word(&mut self, raw: &str, cache: &mut WordCache) -> Vec<Part> {
        normalize::word_tokens_unremembered(raw)
            .into_iter()
            .map(|token| {
                let term = self.intern(&token.stem);
                if !token.stop {
                    self.words.entry(token.word.clone()).or_insert(term);
                }
                cache.words.push(token.word.into_boxed_str());
                Part {
                    term,
                    stop: token.stop,
                    hyphen_next: false,
                    word: (cache.words.len() - 1) as u32,
                }
            })
            .collect()
    }
}

/// One token of a field's text, as the builder sees it.
#[derive(Debug, Clone, Copy)]
struct Part {
    term: TermId,
    stop: bool,
    hyphen_next: bool,
    /// Its folded word, by position in `WordCache::words`.
    word: u32,
}

/// Words already analysed: the same word is folded, looked up and stemmed once.
#[derive(Default)]
struct WordCache {
    known: HashMap<Box<str>, Vec<Part>>,
    words: Vec<Box<str>>,
}

/// Analyses entries into terms.
pub struct Builder {
    /// The terms and words met so far.
    pub lexicon: Lexicon,
    cache: WordCache,
    /// The synonym phrases as terms, by their first term: phrases are found without comparing strings.
    phrases: HashMap<TermId, Vec<(usize, Vec<TermId>)>>,
    /// The concept term of each synonym group.
    concepts: Vec<TermId>,
    /// Per entry added: each term with the strongest field holding it, packed as a `Posting` whose
    /// "entry" is the builder's term number.
    pub entries: Vec<Vec<Posting>>,
    /// Per entry added: the terms of its title, then of each alternate question.
    pub headings: Vec<Vec<Heading>>,
    /// Per entry added: how many words its body has.
    pub body_lens: Vec<u32>,
    /// Per entry added: the kinds of answer its text gives, or its headings ask for.
    pub gives: Vec<Kinds>,
    /// The kinds of answer the fields of the entry being added give so far.
    giving: Kinds,
}

impl Builder {
    /// A builder that finds the phrases of `synonyms`.
    pub fn new(synonyms: &Synonyms) -> Builder {
        let mut lexicon = Lexicon::default();
        let mut phrases: HashMap<TermId, Vec<(usize, Vec<TermId>)>> = HashMap::default();
        for (group, stems) in synonyms.phrases() {
            let terms: Vec<TermId> = stems.iter().map(|s| lexicon.intern(s)).collect();
            phrases.entry(terms[0]).or_default().push((group, terms));
        }
        let concepts = (0..synonyms.groups().len())
            .map(|g| lexicon.intern(&synonyms.concept(g)))
            .collect();
        Builder {
            lexicon,
            cache: WordCache::default(),
            phrases,
            concepts,
            entries: Vec::new(),
            headings: Vec::new(),
            body_lens: Vec::new(),
            gives: Vec::new(),
            giving: Kinds::NONE,
        }
    }

    /// Analyses one entry: its heading, the headings above it, its questions, its body, its document.
    pub fn add_entry(&mut self, entry: &Entry) {
        let mut fields = Vec::new();
        let mut headings = vec![self.add_text(entry.heading(), Field::Title, &mut fields)];
        // What the headings above it and its document's title say gives no time for this entry: "The
        // first 30 days at home" over a section says nothing of how long each thing in it takes.
        let giving = self.giving;
        if let Some(parents) = entry.parents() {
            self.add_text(parents, Field::Body, &mut fields);
        }
        self.giving = giving;
        for question in &entry.questions {
            headings.push(self.add_text(question, Field::Question, &mut fields));
        }
        let before = fields.len();
        self.add_text(&entry.body, Field::Body, &mut fields);
        self.body_lens
            .push(u32::try_from(fields.len() - before).unwrap_or(u32::MAX));
        let giving = self.giving;
        if entry.document != entry.title {
            self.add_text(&entry.document, Field::Body, &mut fields);
        }
        self.giving = giving;
        // The strongest field of each term: sorted by term, then field, the first of a run wins.
        fields.sort_unstable();
        fields.dedup_by_key(|(term, _)| *term);
        // A fresh, exact allocation: collecting in place would keep the capacity of every occurrence.
        let mut postings = Vec::with_capacity(fields.len());
        postings.extend(
            fields
                .into_iter()
                .map(|(term, field)| Posting::new(term, field)),
        );
        self.entries.push(postings);
        self.headings.push(headings);
        self.gives.push(std::mem::take(&mut self.giving));
    }

    /// Analyses one field's text; returns its terms for a title or question (none for a body).
    fn add_text(&mut self, text: &str, field: Field, fields: &mut Vec<(TermId, Field)>) -> Heading {
        let (lexicon, cache) = (&mut self.lexicon, &mut self.cache);
        let mut seq: Vec<Part> = Vec::new();
        let push = |seq: &mut Vec<Part>, parts: &[Part], hyphen_next: bool| {
            let last = parts.len().saturating_sub(1);
            seq.extend(parts.iter().enumerate().map(|(k, p)| Part {
                hyphen_next: hyphen_next && k == last,
                ..*p
            }));
        };
        normalize::raw_words(text, |raw, hyphen_next| {
            if let Some(parts) = cache.known.get(raw) {
                push(&mut seq, parts, hyphen_next);
                return;
            }
            let parts = lexicon.analyse_word(raw, cache);
            push(&mut seq, &parts, hyphen_next);
            cache.known.insert(raw.into(), parts);
        });
        // A heading that is not a question ("Medicines, supplements and alcohol") has no wording to
        // match: its "and" says nothing about how a question would be put. A heading that opens with a
        // verb ("Is it safe to fly?") asks too, and ends with "?" in every FAQ seen.
        let asks = field != Field::Body
            && (text.trim_end().ends_with('?')
                || seq
                    .first()
                    .is_some_and(|p| normalize::is_question_word(&cache.words[p.word as usize])));
        let words = || seq.iter().map(|p| &*cache.words[p.word as usize]);
        self.giving = self.giving.with(answer_kind::given(words()));
        // A heading that asks "how long" claims to give a length of time, whatever its answer's wording.
        if field != Field::Body {
            self.giving = self.giving.with(answer_kind::asked(words()));
        }
        let mut terms = Vec::new();
        let mut function = Vec::new();
        let mut add = |term: TermId| {
            fields.push((term, field));
            if field != Field::Body {
                terms.push(term);
            }
        };
        for (i, part) in seq.iter().enumerate() {
            let word = &cache.words[part.word as usize];
            if part.stop {
                if field == Field::Body {
                    continue;
                }
                if normalize::is_question_word(word) {
                    add(lexicon.intern(&question_term(word)));
                } else if asks && normalize::is_wording_word(word) {
                    function.push(lexicon.intern(&function_term(word)));
                }
                continue;
            }
            add(part.term);
            if let Some(next) = seq.get(i + 1).filter(|_| part.hyphen_next) {
                let joined = format!("{word}{}", cache.words[next.word as usize]);
                let term = lexicon.intern(&normalize::stem_word(&joined));
                lexicon.words.entry(joined).or_insert(term);
                add(term);
            }
        }
        let keys: Vec<(TermId, bool)> = seq.iter().map(|p| (p.term, p.stop)).collect();
        let table = &self.phrases;
        for hit in synonyms::find_phrases(&keys, |t| table.get(t).map(Vec::as_slice), |a, b| a == b)
        {
            add(self.concepts[hit.group]);
        }
        for list in [&mut terms, &mut function] {
            dedup_in_order(list);
        }
        Heading {
            terms: terms.into(),
            function: function.into(),
        }
    }
}

/// Keeps the first of each term, in the order met: the title fit sums their weights in this order, which
/// must not depend on how terms happen to be numbered (it differs with the number of build threads). A
/// long heading is deduplicated through a set: testing each term against those before would cost the
/// square of its length.
fn dedup_in_order(list: &mut Vec<TermId>) {
    if list.len() <= 16 {
        let mut kept = 0;
        for i in 0..list.len() {
            if !list[..kept].contains(&list[i]) {
                list[kept] = list[i];
                kept += 1;
            }
        }
        list.truncate(kept);
    } else {
        let mut seen = rustc_hash::FxHashSet::default();
        list.retain(|t| seen.insert(*t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_the_order_they_were_met_in() {
        let mut short = vec![5, 3, 5, 1, 3];
        dedup_in_order(&mut short);
        assert_eq!(short, [5, 3, 1]);
        let mut long: Vec<TermId> = (0..40).rev().chain(0..40).collect();
        dedup_in_order(&mut long);
        assert_eq!(long, (0..40).rev().collect::<Vec<_>>());
    }
}
