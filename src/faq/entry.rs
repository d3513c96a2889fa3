//! The FAQ: entries built from every document and data file under the FAQ folders.

use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::faq::diagnostic::{Diagnostic, Severity};
use crate::faq::ids::short_hash;
use crate::faq::loader::Loader;
use crate::faq::synonyms::Synonyms;

/// One answerable entry: a document section or a hand-written answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id, made from the folder path, the file and the section's own heading, never from its position
    /// ("car-t-cell-therapy/the-future-of-car-t-cell-therapy", "clinic/guide/driving"; see [`crate::faq::ids`]); a
    /// hand-written entry's as written, or its folder's slug and its title's.
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

/// "What is CAR T-Cell Therapy?" → "what-is-car-t-cell-therapy"; "Побочные эффекты" → "побочные-эффекты".
///
/// Letters and digits of every script are kept, lowercased, with Latin accents folded ("Ünïcödé" → "unicode");
/// everything else separates words with one dash. A slug longer than 64 characters keeps its first words and
/// ends in a hash of the whole, so that the words telling two long headings apart are never lost. A text
/// with no letter or digit at all becomes `section-` and a hash of the text: made from what it says, not from
/// where it stands.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    // Combining marks belong to a letter kept as written (a Devanagari vowel sign), not to one folded to ASCII.
    let mut marks_belong = false;
    let mut one = [0u8; 4];
    for c in text.nfc() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            marks_belong = false;
        } else if crate::text::normalize::is_invisible(c) {
            continue;
        } else if is_combining_mark(c) {
            if marks_belong {
                out.push(c);
            }
        } else if c.is_alphanumeric() {
            let folded = crate::text::normalize::fold(c.encode_utf8(&mut one));
            if !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
                out.push_str(&folded);
                marks_belong = false;
            } else {
                out.extend(c.to_lowercase());
                marks_belong = true;
            }
        } else {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            marks_belong = false;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        return format!("section-{}", short_hash(text.trim()));
    }
    if out.chars().count() <= MAX_SLUG_CHARS {
        return out.to_string();
    }
    let (cut, _) = out
        .char_indices()
        .nth(SLUG_PREFIX_CHARS)
        .unwrap_or((out.len(), ' '));
    let prefix = &out[..cut];
    let prefix = match prefix.rfind('-') {
        Some(dash) if dash > 0 => &prefix[..dash],
        _ => prefix,
    };
    format!("{prefix}-{}", short_hash(out))
}

/// Slugs longer than this are shortened to a prefix and a hash.
const MAX_SLUG_CHARS: usize = 64;
/// How much of a shortened slug is kept, at most, before its hash.
const SLUG_PREFIX_CHARS: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_plain_headings_as_they_were() {
        assert_eq!(
            slug("What is CAR T-Cell Therapy?"),
            "what-is-car-t-cell-therapy"
        );
        assert_eq!(slug("Ünïcödé — ok"), "unicode-ok");
        assert_eq!(slug("Emily's Journey"), "emily-s-journey");
        assert_eq!(slug("Stra\u{DF}e"), "strasse");
        // Decomposed accents fold like composed ones.
        assert_eq!(slug("Cafe\u{301} au lait"), "cafe-au-lait");
    }

    #[test]
    fn slug_keeps_letters_and_digits_of_every_script() {
        assert_eq!(slug("Побочные эффекты"), "побочные-эффекты");
        assert_eq!(slug("ЙОД и Ёлка"), "йод-и-ёлка");
        assert_eq!(slug("副作用"), "副作用");
        assert_eq!(slug("شفاء الخلايا ٣"), "شفاء-الخلايا-٣");
        // The vowel signs stay with their consonants.
        assert_eq!(slug("हिन्दी में"), "हिन्दी-में");
        assert_eq!(slug("a\u{200B}b"), "ab");
    }

    #[test]
    fn slug_of_a_text_without_letters_comes_from_the_text() {
        let question = slug("???");
        assert!(question.starts_with("section-"), "{question}");
        assert_eq!(question, slug("???"));
        assert_ne!(question, slug("!!!"));
    }

    #[test]
    fn long_slugs_keep_a_prefix_and_a_hash_of_the_whole() {
        let short = "word ".repeat(12);
        assert_eq!(slug(&short), "word-".repeat(12).trim_end_matches('-'));
        let a = slug(&format!("{} about driving", "word ".repeat(20)));
        let b = slug(&format!("{} about food", "word ".repeat(20)));
        assert_ne!(a, b);
        for s in [&a, &b] {
            assert!(s.chars().count() <= MAX_SLUG_CHARS, "{s}");
            let (prefix, hash) = s.rsplit_once('-').unwrap();
            assert!(prefix.starts_with("word-word-"), "{s}");
            assert!(!prefix.ends_with('-'), "{s}");
            assert_eq!(hash.len(), 8, "{s}");
        }
        let cyrillic = slug(&"слово ".repeat(30));
        assert!(cyrillic.starts_with("слово-слово-"), "{cyrillic}");
        assert!(cyrillic.chars().count() <= MAX_SLUG_CHARS, "{cyrillic}");
        let unbroken = slug(&"x".repeat(100));
        assert_eq!(
            unbroken.chars().count(),
            SLUG_PREFIX_CHARS + 9,
            "{unbroken}"
        );
    }
}
