//! The FAQ: entries built from every document and data file under the FAQ folders.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};
use crate::loader::Loader;
use crate::synonyms::Synonyms;

/// One answerable entry: a document section or a hand-written answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id: the file's slug and the title's slug ("car-t-cell-therapy/the-future-of-car-t-cell-therapy").
    pub id: String,
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
#[derive(Debug, Clone)]
pub struct LoadError {
    /// All diagnostics, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        write!(f, "the FAQ has {} error(s)", errors.len())?;
        for d in errors {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// The data files read by name in a FAQ folder; every other `.toml` is left alone.
pub const QUESTIONS_FILE: &str = "questions.toml";
/// Synonym groups.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

impl Faq {
    /// Loads every document and data file under `paths` (folders, searched recursively, or single files),
    /// and the synonym files `synonyms` whatever their names.
    pub fn load(paths: &[PathBuf], synonyms: &[PathBuf]) -> Result<Faq, LoadError> {
        let mut loader = Loader::default();
        for path in synonyms {
            loader.add_synonyms(path);
        }
        for path in paths {
            loader.add_path(path);
        }
        loader.finish()
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// "What is CAR T-Cell Therapy?" → "what-is-car-t-cell-therapy", at most 48 bytes, cut at a dash.
pub fn slug(text: &str) -> String {
    let folded = crate::normalize::fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

const MAX_SLUG: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_ascii_and_short() {
        assert_eq!(
            slug("What is CAR T-Cell Therapy?"),
            "what-is-car-t-cell-therapy"
        );
        assert_eq!(slug("Ünïcödé — ok"), "unicode-ok");
        assert_eq!(slug("???"), "section");
        assert!(slug(&"word ".repeat(40)).len() <= MAX_SLUG);
    }
}
