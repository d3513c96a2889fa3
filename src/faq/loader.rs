//! Reading the FAQ folders: walks them in a stable order, reads each document and data file, and turns
//! sections into entries with unique, stable ids ([`crate::faq::ids`]), recording every problem with its file and
//! line.
//!
//! One step a file: `walk` finds the files (and stops at link loops), `read` turns bytes into text, `sections`
//! makes a document's entries, `alternates` attaches and checks the questions of `questions.toml`; this file
//! runs them in order and settles ids across files.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

mod alternates;
mod read;
mod sections;
mod walk;

use read::read_text;
use walk::Found;

use crate::faq::diagnostic::{Diagnostic, Severity};
use crate::faq::document::{self, Format};
use crate::faq::ids;
use crate::faq::questions::{self, Alternates, Question, Questions};
use crate::faq::{
    BROADER_FILE, Entry, EntryId, EntryPos, Faq, LoadError, QUESTIONS_FILE, SYNONYMS_FILE, Source,
    slug,
};

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
}

/// Collects the files under the FAQ paths, then reads them into a `Faq`.
#[derive(Default)]
pub struct Loader {
    files: Vec<Found>,
    synonym_files: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    /// The folders read, as canonical paths: a link back to one is not followed.
    folders: HashSet<PathBuf>,
    /// The alternate questions attached so far, to warn about repeats and conflicts.
    asked: alternates::Asked,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    /// A synonym file to read whatever its name; a FAQ folder holding it does not read it twice.
    pub fn add_synonyms(&mut self, path: &Path) {
        if let Ok(key) = fs::canonicalize(path) {
            self.seen.insert(key);
        }
        self.synonym_files.push(path.to_path_buf());
    }

    /// Reads everything collected; `Err` holds every error with the warnings.
    pub fn finish(mut self) -> Result<Faq, LoadError> {
        let mut faq = Faq::default();
        let mut documents = Vec::new();
        let mut question_files = Vec::new();
        for path in std::mem::take(&mut self.synonym_files) {
            let shown = path.display().to_string();
            if let Some(text) = read_text(&path, &shown, &mut self.diagnostics) {
                if path.file_name().and_then(|n| n.to_str()) == Some(BROADER_FILE) {
                    faq.synonyms
                        .load_broader(&shown, &text, &mut self.diagnostics);
                } else {
                    faq.synonyms.load_file(&shown, &text, &mut self.diagnostics);
                }
            }
        }
        for found in std::mem::take(&mut self.files) {
            let path = &found.path;
            let shown = path.display().to_string();
            let Some(text) = read_text(path, &shown, &mut self.diagnostics) else {
                continue;
            };
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name == SYNONYMS_FILE {
                faq.synonyms.load_file(&shown, &text, &mut self.diagnostics);
            } else if name == BROADER_FILE {
                faq.synonyms
                    .load_broader(&shown, &text, &mut self.diagnostics);
            } else if name == QUESTIONS_FILE {
                match questions::parse(&shown, &text) {
                    Ok(q) => question_files.push(self.hand_written(&found, &shown, q)),
                    Err(d) => self.diagnostics.push(d),
                }
            } else if let Some(format) = Format::of(path) {
                faq.synonyms.add_acronyms(&text, &shown);
                documents.push(self.read_document(&found, &shown, &text, format));
            } else {
                let message = format!(
                    "not a FAQ file: expected .txt, .md, {QUESTIONS_FILE}, {SYNONYMS_FILE} or {BROADER_FILE}"
                );
                self.diagnostics
                    .push(Diagnostic::error(shown, None, message));
            }
        }
        self.settle_across_files(&mut documents, &mut question_files);
        for document in documents {
            let entries: Vec<Entry> = document
                .entries
                .into_iter()
                .filter(|p| !p.skip)
                .map(|p| p.entry)
                .collect();
            faq.sources.push(Source {
                entries: entries.len(),
                ..document.source
            });
            faq.entries.extend(entries);
        }
        let mut taken: HashSet<EntryId> = faq.entries.iter().map(|e| e.id.clone()).collect();
        taken.extend(
            question_files
                .iter()
                .flat_map(|q| &q.entries)
                .filter(|p| !p.explicit && !p.skip)
                .map(|p| p.entry.id.clone()),
        );
        for q in question_files {
            self.apply_questions(&mut faq, &mut taken, q);
        }
        if faq.entries.is_empty() && !self.has_errors() {
            self.diagnostics.push(Diagnostic::error(
                "FAQ",
                None,
                "no entries: put .txt or .md documents in the FAQ folder (see README)",
            ));
        }
        warn_duplicate_titles(&faq.entries, &mut self.diagnostics);
        if self.has_errors() {
            self.diagnostics
                .sort_by_key(|d| std::cmp::Reverse(d.severity));
            return Err(LoadError {
                diagnostics: self.diagnostics,
            });
        }
        faq.warnings = self.diagnostics;
        Ok(faq)
    }

    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The hand-written entries of a `questions.toml`, with the ids they ask for or are given.
    fn hand_written(&mut self, found: &Found, shown: &str, q: Questions) -> QuestionFile {
        let stem = found
            .path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        let prefix = slug(stem.unwrap_or("faq"));
        let entries = q
            .entries
            .into_iter()
            .map(|mut hand| {
                // Tags are markup here as in documents: not words to index, and shown escaped.
                let title = document::tags::strip(&hand.title).trim().to_string();
                if !title.is_empty() {
                    hand.title = title;
                }
                let lines: Vec<&str> = hand.answer.lines().collect();
                let body = document::tags::strip_lines(&lines, |_| false);
                let body = body.join("\n").trim().to_string();
                Pending {
                    explicit: hand.id.is_some(),
                    entry: Entry {
                        id: hand.id.unwrap_or_else(|| {
                            EntryId::new(format!("{prefix}/{}", slug(&hand.title)))
                        }),
                        document: hand.title.clone(),
                        title: hand.title,
                        body,
                        source: shown.to_string(),
                        line: hand.line,
                        questions: Vec::new(),
                    },
                    skip: false,
                    questions: hand.questions,
                }
            })
            .collect();
        QuestionFile {
            relative: found.relative.clone(),
            file: shown.to_string(),
            alternates: q.alternates,
            entries,
        }
    }

    /// Makes the made-up ids unique across files: equal file names in two FAQ folders, or a hand-written title
    /// that reads like a section's id.
    fn settle_across_files(&mut self, documents: &mut [Document], questions: &mut [QuestionFile]) {
        let documents = documents.iter_mut().map(|d| (&d.relative, &mut d.entries));
        let questions = questions.iter_mut().map(|q| (&q.relative, &mut q.entries));
        let mut claims: Vec<(&String, &mut Pending)> = documents
            .chain(questions)
            .flat_map(|(relative, entries)| entries.iter_mut().map(move |p| (relative, p)))
            .filter(|(_, p)| !p.explicit && !p.skip)
            .collect();
        let wanted = claims.iter().map(|(_, p)| p.entry.id.to_string()).collect();
        let settled = ids::settle(wanted, |i| {
            let (relative, p) = &claims[i];
            format!("{relative}\n{}\n{}", p.entry.title, p.entry.body)
        });
        for group in &settled.hashed {
            let first = &claims[group[0]].1.entry;
            let others: Vec<String> = group[1..]
                .iter()
                .map(|&i| format!("{}:{}", claims[i].1.entry.source, claims[i].1.entry.line))
                .collect();
            self.diagnostics.push(Diagnostic::warning(
                &first.source,
                Some(first.line),
                format!(
                    "the id {:?} is also made for {}; each takes a hash of its file, title and text",
                    first.id,
                    abbreviate(&others)
                ),
            ));
        }
        for &(i, earlier) in &settled.duplicates {
            let (at, earlier) = (&claims[i].1.entry, &claims[earlier].1.entry);
            self.diagnostics.push(Diagnostic::warning(
                &at.source,
                Some(at.line),
                format!(
                    "{:?} is a duplicate of {}:{} (same file name, title and text); skipped",
                    at.title, earlier.source, earlier.line
                ),
            ));
        }
        for &(i, _) in &settled.duplicates {
            claims[i].1.skip = true;
        }
        for ((_, claim), id) in claims.iter_mut().zip(settled.ids) {
            claim.entry.id = EntryId::new(id);
        }
    }

    fn apply_questions(&mut self, faq: &mut Faq, taken: &mut HashSet<EntryId>, q: QuestionFile) {
        let file = q.file.as_str();
        for alt in q.alternates {
            self.apply_alternates(faq, file, alt);
        }
        for mut hand in q.entries.into_iter().filter(|p| !p.skip) {
            if hand.explicit && !taken.insert(hand.entry.id.clone()) {
                self.diagnostics.push(Diagnostic::error(
                    file,
                    Some(hand.entry.line),
                    format!(
                        "id {:?} is already used by another entry; expected a unique id",
                        hand.entry.id
                    ),
                ));
                continue;
            }
            faq.entries.push(hand.entry);
            let questions = std::mem::take(&mut hand.questions);
            let last = EntryPos::from_index(faq.entries.len() - 1);
            self.attach(faq, last, file, questions);
        }
    }
}

/// An entry read but not yet in the FAQ: its id may still change.
struct Pending {
    entry: Entry,
    /// A hand-written id, used as written.
    explicit: bool,
    /// A duplicate that will not be an entry.
    skip: bool,
    /// A hand-written entry's questions, attached (and checked) with the alternates.
    questions: Vec<Question>,
}

struct Document {
    /// [`Found::relative`]: with the title and text, it tells apart entries of several files that want one id.
    relative: String,
    source: Source,
    entries: Vec<Pending>,
}

struct QuestionFile {
    relative: String,
    file: String,
    alternates: Vec<Alternates>,
    entries: Vec<Pending>,
}

/// "1, 2, 3, 4 and 16 more".
fn abbreviate(items: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut text = items[..items.len().min(SHOWN)].join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

fn warn_duplicate_titles(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &Entry> = HashMap::new();
    for entry in entries {
        if let Some(prev) = first.get(entry.title.as_str()) {
            diagnostics.push(Diagnostic::warning(
                &entry.source,
                Some(entry.line),
                format!(
                    "title {:?} is also used at {}:{}; users cannot tell the two apart",
                    entry.title, prev.source, prev.line
                ),
            ));
        } else {
            first.insert(&entry.title, entry);
        }
    }
}
