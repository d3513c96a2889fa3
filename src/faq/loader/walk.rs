//! The folder walk: which files under the FAQ folders are read, in what order, and under what name.

use std::fs;
use std::path::{Path, PathBuf};

use super::Loader;
use crate::faq::diagnostic::Diagnostic;
use crate::faq::document::{self, Format};
use crate::faq::{BROADER_FILE, QUESTIONS_FILE, SYNONYMS_FILE, slug};

impl Loader {
    /// A folder (read recursively) or a file.
    pub fn add_path(&mut self, path: &Path) {
        let shown = path.display().to_string();
        match fs::metadata(path) {
            Err(err) => self.diagnostics.push(Diagnostic::error(
                shown,
                None,
                format!("cannot read: {err} (expected a folder of .txt/.md documents or a document file)"),
            )),
            Ok(meta) if meta.is_dir() => {
                if self.enter(path) {
                    self.walk(path, path);
                }
            }
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
                if self.enter(&child) {
                    self.walk(root, &child);
                }
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

    /// Whether to read the folder `dir`: not when a link led back to a folder already read, which would
    /// otherwise repeat it inside itself until the path is too long.
    fn enter(&mut self, dir: &Path) -> bool {
        let Ok(target) = fs::canonicalize(dir) else {
            return true;
        };
        if self.folders.insert(target.clone()) {
            return true;
        }
        self.diagnostics.push(Diagnostic::warning(
            dir.display().to_string(),
            None,
            format!(
                "leads to {}, a folder already read (a link loop, or a folder named twice); not read again",
                target.display()
            ),
        ));
        false
    }

    fn push_file(&mut self, path: PathBuf, relative: String) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(key) {
            self.files.push(Found { path, relative });
        }
    }
}

/// A file found under a FAQ path.
pub(super) struct Found {
    pub(super) path: PathBuf,
    /// Its path inside the FAQ folder it was found under, `/`-separated; a file named alone is its name.
    pub(super) relative: String,
}

impl Found {
    /// The part of its sections' ids that names the file: its folders inside the FAQ folder and its own slug
    /// (`clinic/guide` for `faq/clinic/guide.md`).
    pub(super) fn base(&self, name: &str) -> String {
        let mut parts: Vec<String> = self.relative.split('/').map(slug).collect();
        parts.pop();
        parts.push(slug(&document::title_from_file_name(name)));
        parts.join("/")
    }
}

fn is_data_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str());
    matches!(name, Some(QUESTIONS_FILE | SYNONYMS_FILE | BROADER_FILE))
}
