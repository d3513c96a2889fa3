//! Reading the FAQ folders: walks them in a stable order, reads each document and data file, and turns
//! sections into entries with unique ids, recording every problem with its file and line.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{self, Format};
use crate::faq::{Entry, Faq, LoadError, QUESTIONS_FILE, SYNONYMS_FILE, Source, slug};
use crate::questions::{self, Questions};

/// Collects the files under the FAQ paths, then reads them into a `Faq`.
#[derive(Default)]
pub struct Loader {
    files: Vec<PathBuf>,
    synonym_files: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
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

    /// A folder (read recursively) or a file.
    pub fn add_path(&mut self, path: &Path) {
        let shown = path.display().to_string();
        match fs::metadata(path) {
            Err(err) => self.diagnostics.push(Diagnostic::error(
                shown,
                None,
                format!("cannot read: {err} (expected a folder of .txt/.md documents or a document file)"),
            )),
            Ok(meta) if meta.is_dir() => self.walk(path),
            Ok(_) => self.push_file(path.to_path_buf()),
        }
    }

    /// Collects files under `dir` in a stable (sorted) order, skipping hidden ones.
    fn walk(&mut self, dir: &Path) {
        let mut children: Vec<PathBuf> = match fs::read_dir(dir) {
            Ok(read) => read.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(err) => {
                let message = format!("cannot list folder: {err}");
                self.diagnostics
                    .push(Diagnostic::error(dir.display().to_string(), None, message));
                return;
            }
        };
        children.sort();
        for child in children {
            let hidden = child
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if child.is_dir() {
                self.walk(&child);
            } else if Format::of(&child).is_some() || is_data_file(&child) {
                self.push_file(child);
            }
        }
    }

    fn push_file(&mut self, path: PathBuf) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(key) {
            self.files.push(path);
        }
    }

    /// Reads everything collected; `Err` holds every error with the warnings.
    pub fn finish(mut self) -> Result<Faq, LoadError> {
        let mut faq = Faq::default();
        let mut question_files = Vec::new();
        let mut ids = Ids::default();
        for path in std::mem::take(&mut self.synonym_files) {
            let shown = path.display().to_string();
            if let Some(text) = read_text(&path, &shown, &mut self.diagnostics) {
                faq.synonyms.load_file(&shown, &text, &mut self.diagnostics);
            }
        }
        for path in std::mem::take(&mut self.files) {
            let shown = path.display().to_string();
            let Some(text) = read_text(&path, &shown, &mut self.diagnostics) else {
                continue;
            };
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name == SYNONYMS_FILE {
                faq.synonyms.load_file(&shown, &text, &mut self.diagnostics);
            } else if name == QUESTIONS_FILE {
                match questions::parse(&shown, &text) {
                    Ok(q) => question_files.push((shown, q)),
                    Err(d) => self.diagnostics.push(d),
                }
            } else if let Some(format) = Format::of(&path) {
                self.add_document(&mut faq, &mut ids, &path, &shown, &text, format);
            } else {
                let message = format!(
                    "not a FAQ file: expected .txt, .md, {QUESTIONS_FILE} or {SYNONYMS_FILE}"
                );
                self.diagnostics
                    .push(Diagnostic::error(shown, None, message));
            }
        }
        for (file, q) in question_files {
            self.apply_questions(&mut faq, &mut ids, &file, q);
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

    fn add_document(
        &mut self,
        faq: &mut Faq,
        ids: &mut Ids,
        path: &Path,
        shown: &str,
        text: &str,
        format: Format,
    ) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(shown);
        let doc = document::parse(name, text, format);
        let file_slug = slug(&document::title_from_file_name(name));
        let before = faq.entries.len();
        for section in doc.sections {
            let title = section.title();
            if section.body.trim().is_empty() {
                self.diagnostics.push(Diagnostic::warning(
                    shown,
                    Some(section.line),
                    format!("section {title:?} has no text under its heading; skipped"),
                ));
                continue;
            }
            if section.body.chars().count() > HUGE_SECTION_CHARS {
                self.diagnostics.push(Diagnostic::warning(
                    shown,
                    Some(section.line),
                    format!(
                        "section {title:?} is {} characters long; answers over 4096 are sent as several messages",
                        section.body.chars().count()
                    ),
                ));
            }
            let wanted = format!("{file_slug}/{}", slug(&section.heading_path.join(" ")));
            let id = ids.claim(wanted, shown, section.line, &mut self.diagnostics);
            let mut body = section.body;
            // A FAQ of 100 000 entries is mostly text: keep no spare capacity.
            body.shrink_to_fit();
            faq.entries.push(Entry {
                id,
                title,
                body,
                source: shown.to_string(),
                line: section.line,
                document: doc.title.clone(),
                questions: Vec::new(),
            });
        }
        faq.synonyms.add_acronyms(text, shown);
        faq.sources.push(Source {
            file: shown.to_string(),
            title: doc.title,
            entries: faq.entries.len() - before,
        });
    }

    fn apply_questions(&mut self, faq: &mut Faq, ids: &mut Ids, file: &str, q: Questions) {
        for alt in q.alternates {
            let by_id = faq.entries.iter().position(|e| e.id == alt.entry);
            let by_title: Vec<usize> = (0..faq.entries.len())
                .filter(|&i| faq.entries[i].title == alt.entry)
                .collect();
            let target = match (by_id, by_title.as_slice()) {
                (Some(i), _) => i,
                (None, [i]) => *i,
                (None, []) => {
                    self.diagnostics.push(Diagnostic::error(
                        file,
                        Some(alt.line),
                        format!("no entry has the id or title {:?}; expected one that `faqbot check` lists", alt.entry),
                    ));
                    continue;
                }
                (None, _) => {
                    self.diagnostics.push(Diagnostic::error(
                        file,
                        Some(alt.line),
                        format!(
                            "{:?} is the title of more than one entry; name the entry by its id",
                            alt.entry
                        ),
                    ));
                    continue;
                }
            };
            let questions = alt.questions.into_iter().filter(|q| !q.trim().is_empty());
            faq.entries[target].questions.extend(questions);
        }
        let stem = Path::new(file)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        let prefix = slug(stem.unwrap_or("faq"));
        for hand in q.entries {
            let id = match hand.id {
                Some(id) if ids.taken.contains(&id) => {
                    self.diagnostics.push(Diagnostic::error(
                        file,
                        Some(hand.line),
                        format!("id {id:?} is already used by another entry; expected a unique id"),
                    ));
                    continue;
                }
                Some(id) => ids.claim(id, file, hand.line, &mut self.diagnostics),
                None => ids.claim(
                    format!("{prefix}/{}", slug(&hand.title)),
                    file,
                    hand.line,
                    &mut self.diagnostics,
                ),
            };
            faq.entries.push(Entry {
                id,
                document: hand.title.clone(),
                title: hand.title,
                body: hand.answer.trim().to_string(),
                source: file.to_string(),
                line: hand.line,
                questions: hand.questions,
            });
        }
    }
}

/// Sections longer than this get a warning: Telegram splits them into several messages.
const HUGE_SECTION_CHARS: usize = 3500;

/// Hands out unique ids; a clash gets a numbered suffix and a warning.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn claim(
        &mut self,
        wanted: String,
        file: &str,
        line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let id = (2..)
            .map(|n| format!("{wanted}-{n}"))
            .find(|id| !self.taken.contains(id))
            .unwrap_or_default();
        diagnostics.push(Diagnostic::warning(
            file,
            Some(line),
            format!("duplicate id {wanted:?}; this entry is {id:?}"),
        ));
        self.taken.insert(id.clone());
        id
    }
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

fn is_data_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str());
    matches!(name, Some(QUESTIONS_FILE | SYNONYMS_FILE))
}

/// Reads a file as UTF-8 text, or records why it cannot be used.
fn read_text(path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                shown,
                None,
                format!("cannot read: {err}"),
            ));
            return None;
        }
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        diagnostics.push(Diagnostic::error(
            shown,
            Some(line),
            "binary file (it holds NUL bytes); expected UTF-8 text",
        ));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::error(
                shown,
                Some(line),
                format!(
                    "not UTF-8 (invalid byte 0x{:02x}); save the file as UTF-8",
                    bytes[at]
                ),
            ));
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning(shown, None, "empty file; skipped"));
        return None;
    }
    Some(text)
}
