//! The FAQ: entries built from every document and data file under the FAQ folders.

use crate::faq::diagnostic::{Diagnostic, Severity};
use crate::faq::entry_id::EntryId;
use crate::faq::position::EntryPos;
use crate::faq::synonyms::Synonyms;

/// One answerable entry: a document section or a hand-written answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id, made from the folder path, the file and the section's own heading, never from its position
    /// ("car-t-cell-therapy/the-future-of-car-t-cell-therapy", "clinic/guide/driving"; see `faq::ids`); a
    /// hand-written entry's as written, or its folder's slug and its title's.
    pub id: EntryId,
    /// The title shown above the answer.
    pub title: String,
    /// The answer text.
    pub body: String,
    /// The file it comes from, as found.
    pub source: String,
    /// The 1-based line of its heading in `source`.
    pub line: usize,
    /// The title of the document it belongs to.
    pub document: String,
    /// Alternate questions it answers.
    pub questions: Vec<String>,
}

impl Entry {
    /// The entry's own heading: the last part of a heading path ("Driving" in "Guide › Driving").
    pub fn heading(&self) -> &str {
        self.title
            .rsplit(HEADING_SEPARATOR)
            .next()
            .unwrap_or(&self.title)
    }

    /// The headings above the entry's own, if any ("Guide" in "Guide › Driving").
    pub fn parents(&self) -> Option<&str> {
        self.title
            .rsplit_once(HEADING_SEPARATOR)
            .map(|(parents, _)| parents)
    }
}

/// Joins the headings of a path in a title.
pub const HEADING_SEPARATOR: &str = " › ";

/// A document that was read, for `/about` and `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, as found.
    pub file: String,
    /// The document's title.
    pub title: String,
    /// How many entries it gave.
    pub entries: usize,
}

/// Everything the FAQ folders hold, checked and ready to index.
#[derive(Debug, Clone, Default)]
pub struct Faq {
    /// The entries, in document order, hand-written ones last.
    pub entries: Vec<Entry>,
    /// Synonym groups from `synonyms.toml` files and the documents' acronyms.
    pub synonyms: Synonyms,
    /// The documents read.
    pub sources: Vec<Source>,
    /// Problems that were worked around.
    pub warnings: Vec<Diagnostic>,
}

/// The FAQ could not be loaded: every error found, with the warnings beside them.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", describe(diagnostics))]
pub struct LoadError {
    /// All diagnostics, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

/// "the FAQ has 2 error(s)" and each error on a line of its own, with its file and line.
fn describe(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut out = format!("the FAQ has {} error(s)", errors.len());
    for d in errors {
        out.push_str(&format!("\n  {d}"));
    }
    out
}

/// The data files read by name in a FAQ folder; every other `.toml` is left alone.
pub const QUESTIONS_FILE: &str = "questions.toml";
/// Synonym groups.
pub const SYNONYMS_FILE: &str = "synonyms.toml";
/// The file of broader terms: the words documents use for kinds of things people name ("alcohol" for
/// "wine"), read wherever it stands in the synonym files or a FAQ folder.
pub const BROADER_FILE: &str = "broader.toml";

impl Faq {
    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The position of the entry with this id.
    pub fn position(&self, id: &str) -> Option<EntryPos> {
        self.entries
            .iter()
            .position(|e| e.id == id)
            .map(EntryPos::from_index)
    }

    /// The entry at `pos`.
    pub fn at(&self, pos: EntryPos) -> &Entry {
        &self.entries[pos.index()]
    }

    /// Every entry with its position, in document order.
    pub fn positioned(&self) -> impl Iterator<Item = (EntryPos, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(n, e)| (EntryPos::from_index(n), e))
    }
}
