//! Reading the FAQ folders: walks them in a stable order, reads each document and data file, and turns
//! sections into entries with unique, stable ids ([`crate::faq::ids`]), recording every problem with its file and
//! line.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::faq::diagnostic::{Diagnostic, Severity};
use crate::faq::document::{self, Format};
use crate::faq::ids;
use crate::faq::questions::{self, Alternates, Questions};
use crate::faq::{Entry, Faq, LoadError, QUESTIONS_FILE, SYNONYMS_FILE, Source, slug};

/// Collects the files under the FAQ paths, then reads them into a `Faq`.
#[derive(Default)]
pub struct Loader {
    files: Vec<Found>,
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
            Ok(meta) if meta.is_dir() => self.walk(path, path),
            Ok(_) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                self.push_file(path.to_path_buf(), name.unwrap_or(shown));
            }
        }
    }

    /// Collects files under `dir` (inside the FAQ folder `root`) in a stable (sorted) order, skipping hidden
    /// ones.
    fn walk(&mut self, root: &Path, dir: &Path) {
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
                self.walk(root, &child);
            } else if Format::of(&child).is_some() || is_data_file(&child) {
                let relative = child.strip_prefix(root).unwrap_or(&child);
                let relative: Vec<_> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect();
                let relative = relative.join("/");
                self.push_file(child, relative);
            }
        }
    }

    fn push_file(&mut self, path: PathBuf, relative: String) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(key) {
            self.files.push(Found { path, relative });
        }
    }

    /// Reads everything collected; `Err` holds every error with the warnings.
    pub fn finish(mut self) -> Result<Faq, LoadError> {
        let mut faq = Faq::default();
        let mut documents = Vec::new();
        let mut question_files = Vec::new();
        for path in std::mem::take(&mut self.synonym_files) {
            let shown = path.display().to_string();
            if let Some(text) = read_text(&path, &shown, &mut self.diagnostics) {
                faq.synonyms.load_file(&shown, &text, &mut self.diagnostics);
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
                    "not a FAQ file: expected .txt, .md, {QUESTIONS_FILE} or {SYNONYMS_FILE}"
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
        let mut taken: HashSet<String> = faq.entries.iter().map(|e| e.id.clone()).collect();
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

    /// A document's sections as entries, with ids unique within the document.
    fn read_document(
        &mut self,
        found: &Found,
        shown: &str,
        text: &str,
        format: Format,
    ) -> Document {
        let name = found
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(shown);
        let doc = document::parse(name, text, format);
        let mut sections = Vec::with_capacity(doc.sections.len());
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
            sections.push(section);
        }
        let paths: Vec<&[String]> = sections.iter().map(|s| s.heading_path.as_slice()).collect();
        let wanted = ids::section_ids(&found.base(name), &paths);
        let settled = ids::settle(wanted, |i| sections[i].body.as_str());
        for group in &settled.hashed {
            let first = &sections[group[0]];
            let lines: Vec<String> = group[1..]
                .iter()
                .map(|&i| sections[i].line.to_string())
                .collect();
            self.diagnostics.push(Diagnostic::warning(
                shown,
                Some(first.line),
                format!(
                    "{} sections have the heading {:?} (here and at line(s) {}); their ids end in a hash of their text, which changes when the text does: give them different headings",
                    group.len(),
                    first.title(),
                    abbreviate(&lines)
                ),
            ));
        }
        let mut skip = vec![false; sections.len()];
        for &(i, earlier) in &settled.duplicates {
            skip[i] = true;
            self.diagnostics.push(Diagnostic::warning(
                shown,
                Some(sections[i].line),
                format!(
                    "section {:?} is a duplicate of {shown}:{} (same heading and text); skipped",
                    sections[i].title(),
                    sections[earlier].line
                ),
            ));
        }
        let entries = sections
            .into_iter()
            .zip(settled.ids)
            .zip(skip)
            .map(|((section, id), skip)| {
                let title = section.title();
                let mut body = section.body;
                // A FAQ of 100 000 entries is mostly text: keep no spare capacity.
                body.shrink_to_fit();
                Pending {
                    entry: Entry {
                        id,
                        title,
                        body,
                        source: shown.to_string(),
                        line: section.line,
                        document: doc.title.clone(),
                        questions: Vec::new(),
                    },
                    explicit: false,
                    skip,
                }
            })
            .collect();
        Document {
            relative: found.relative.clone(),
            source: Source {
                file: shown.to_string(),
                title: doc.title,
                entries: 0,
            },
            entries,
        }
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
            .map(|hand| {
                let body = hand.answer.trim().to_string();
                Pending {
                    explicit: hand.id.is_some(),
                    entry: Entry {
                        id: hand
                            .id
                            .unwrap_or_else(|| format!("{prefix}/{}", slug(&hand.title))),
                        document: hand.title.clone(),
                        title: hand.title,
                        body,
                        source: shown.to_string(),
                        line: hand.line,
                        questions: hand.questions,
                    },
                    skip: false,
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
        let wanted = claims.iter().map(|(_, p)| p.entry.id.clone()).collect();
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
            claim.entry.id = id;
        }
    }

    fn apply_questions(&mut self, faq: &mut Faq, taken: &mut HashSet<String>, q: QuestionFile) {
        let file = q.file.as_str();
        for alt in q.alternates {
            self.apply_alternates(faq, file, alt);
        }
        for hand in q.entries.into_iter().filter(|p| !p.skip) {
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
        }
    }

    fn apply_alternates(&mut self, faq: &mut Faq, file: &str, alt: Alternates) {
        let by_id = faq.entries.iter().position(|e| e.id == alt.entry);
        let by_title: Vec<usize> = (0..faq.entries.len())
            .filter(|&i| faq.entries[i].title == alt.entry)
            .collect();
        let target = match (by_id, by_title.as_slice()) {
            (Some(i), _) => i,
            (None, [i]) => *i,
            (None, []) => {
                // An id from before a heading was renamed, or before ids kept long headings whole.
                let longer: Vec<&str> = faq
                    .entries
                    .iter()
                    .map(|e| e.id.as_str())
                    .filter(|id| alt.entry.contains('/') && id.starts_with(&alt.entry))
                    .take(2)
                    .collect();
                let hint = match longer.as_slice() {
                    [id] => format!(" (did you mean {id:?}?)"),
                    _ => String::new(),
                };
                self.diagnostics.push(Diagnostic::error(
                    file,
                    Some(alt.line),
                    format!("no entry has the id or title {:?}; expected one that `faqbot check` lists{hint}", alt.entry),
                ));
                return;
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
                return;
            }
        };
        let questions = alt.questions.into_iter().filter(|q| !q.trim().is_empty());
        faq.entries[target].questions.extend(questions);
    }
}

/// A file found under a FAQ path.
struct Found {
    path: PathBuf,
    /// Its path inside the FAQ folder it was found under, `/`-separated; a file named alone is its name.
    relative: String,
}

impl Found {
    /// The part of its sections' ids that names the file: its folders inside the FAQ folder and its own slug
    /// (`clinic/guide` for `faq/clinic/guide.md`).
    fn base(&self, name: &str) -> String {
        let mut parts: Vec<String> = self.relative.split('/').map(slug).collect();
        parts.pop();
        parts.push(slug(&document::title_from_file_name(name)));
        parts.join("/")
    }
}

/// An entry read but not yet in the FAQ: its id may still change.
struct Pending {
    entry: Entry,
    /// A hand-written id, used as written.
    explicit: bool,
    /// A duplicate that will not be an entry.
    skip: bool,
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

/// Sections longer than this get a warning: Telegram splits them into several messages.
const HUGE_SECTION_CHARS: usize = 3500;

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
