//! What the index stores per term: postings (entry and field packed in 32 bits) and the interned term
//! names.

/// A term id.
pub type TermId = u32;

/// Where in an entry a term occurs; the strongest field counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The heading.
    Title,
    /// An alternate question.
    Question,
    /// The section text, the headings above the section's own, and the document's title.
    Body,
}

/// One entry holding one term, packed in 32 bits: the entry's position and the strongest field it holds the
/// term in. At 100 000 entries the postings are most of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting(u32);

impl Posting {
    const FIELD_BITS: u32 = 2;

    /// Entry `entry` holds the term in `field`.
    pub fn new(entry: u32, field: Field) -> Posting {
        Posting((entry << Self::FIELD_BITS) | field as u32)
    }

    /// The entry's position in the FAQ.
    pub fn entry(self) -> u32 {
        self.0 >> Self::FIELD_BITS
    }

    /// The strongest field the term is in.
    pub fn field(self) -> Field {
        match self.0 & 0b11 {
            0 => Field::Title,
            1 => Field::Question,
            _ => Field::Body,
        }
    }
}

/// Term names and their numbers.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    ids: rustc_hash::FxHashMap<String, TermId>,
    names: Vec<String>,
}

impl Terms {
    /// The number of `term`, given one if it has none yet.
    pub fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as TermId;
        self.ids.insert(term.to_string(), id);
        self.names.push(term.to_string());
        id
    }

    /// The number of `term`, if it has one.
    pub fn get(&self, term: &str) -> Option<TermId> {
        self.ids.get(term).copied()
    }

    /// The name of term `id`.
    pub fn name(&self, id: TermId) -> &str {
        &self.names[id as usize]
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name, by number.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// The term of a question word ("what") in headings and alternate questions.
pub fn question_term(word: &str) -> String {
    format!("?{word}")
}

/// The term of another function word ("does", "can", "a") of a heading: never a posting, only part of
/// the heading's wording. Its mark is its own: "?" is a question word's, "~" a synonym group's.
pub fn function_term(word: &str) -> String {
    format!("!{word}")
}

/// One heading of an entry (its title or an alternate question), as terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Heading {
    /// Its distinct topic and question-word terms.
    pub terms: Box<[TermId]>,
    /// Its distinct other function words ("does", "can", "i"), as `function_term`s: two headings with the
    /// same topic words differ in them ("How can I copy a file?", "How do I copy a file?").
    pub function: Box<[TermId]>,
}
