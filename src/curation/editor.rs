//! Writing `questions.toml` safely: each edit (`edits`) is applied to the file as it is on disk at that
//! moment, and must read back as the loader reads it; the new text replaces the old by a rename (never
//! half-written), the old one is kept as `questions.toml.bak`, and writes queue behind one lock so that two
//! admins pressing at once both land.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use toml_edit::DocumentMut;

use crate::faq::diagnostic::{self, Diagnostic};
use crate::faq::questions;

/// Writes in this process wait for each other here; another process (`faqbot review` beside a running bot)
/// waits on the lock file.
static WRITES: Mutex<()> = Mutex::new(());

/// Why a change could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file as it is on disk does not parse: it is left alone.
    #[error("{0}; fix it by hand first, nothing was written")]
    Broken(Diagnostic),
    /// Reading, writing or renaming failed.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What was being done.
        action: &'static str,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

/// The `questions.toml` that admins' changes go to.
#[derive(Debug, Clone)]
pub struct QuestionsFile {
    path: PathBuf,
}

/// What a new file starts with, so that whoever opens it knows what it is.
const NEW_FILE: &str =
    "# Alternate questions and hand-written entries; see README, \"Curating the FAQ\".\n\n";

impl QuestionsFile {
    /// The file at `path` (it need not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> QuestionsFile {
        QuestionsFile { path: path.into() }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the previous version is kept.
    pub fn backup(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".bak");
        PathBuf::from(name)
    }

    /// Applies `change` to the file as it is now on disk and writes the result, unless `change` returns
    /// `false` (nothing to do). The file is read again under the lock, so a change made meanwhile by anyone
    /// is kept.
    pub fn edit(&self, change: impl FnOnce(&mut DocumentMut) -> bool) -> Result<bool, EditError> {
        let _in_process = WRITES.lock().unwrap_or_else(|p| p.into_inner());
        let _across_processes = self.lock_file()?;
        let shown = self.path.display().to_string();
        // A comment alone in a document trails it: a new file gets its heading when written.
        let (text, heading) = match fs::read_to_string(&self.path) {
            Ok(text) => (text, ""),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => (String::new(), NEW_FILE),
            Err(source) => return Err(self.io("reading", source)),
        };
        // The loader's own check first: a file it would reject is not ours to rewrite.
        questions::parse(&shown, &text).map_err(EditError::Broken)?;
        let mut doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
            let line = err.span().map(|s| diagnostic::line_of(&text, s.start));
            EditError::Broken(Diagnostic::error(
                &shown,
                line,
                format!("invalid TOML: {}", err.message().trim()),
            ))
        })?;
        if !change(&mut doc) {
            return Ok(false);
        }
        let new = format!("{heading}{doc}");
        // Our own edit must read back; were it not to, the old file stays.
        questions::parse(&shown, &new).map_err(EditError::Broken)?;
        self.replace(&text, &new)?;
        Ok(true)
    }

    /// Writes `new` beside the file and renames it over the file, after saving `old` as the backup.
    fn replace(&self, old: &str, new: &str) -> Result<(), EditError> {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| self.io("creating its folder", e))?;
        if self.path.exists() {
            write_synced(&self.backup(), old).map_err(|e| self.io("writing the backup", e))?;
        }
        // Hidden, so that neither the loader nor the watcher takes the half-written file for a FAQ file.
        let mut temp = tempfile::Builder::new()
            .prefix(".questions.toml.")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| self.io("creating a temporary file", e))?;
        temp.write_all(new.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| self.io("writing a temporary file", e))?;
        if let Ok(meta) = fs::metadata(&self.path) {
            let _ = fs::set_permissions(temp.path(), meta.permissions());
        }
        temp.persist(&self.path)
            .map_err(|e| self.io("renaming the new version into place", e.error))?;
        // The rename itself is durable once the folder is synced.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    }

    /// Holds `.questions.toml.lock` beside the file until dropped.
    fn lock_file(&self) -> Result<File, EditError> {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "questions.toml".into());
        let lock = self.path.with_file_name(format!(".{name}.lock"));
        if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| self.io("creating its folder", e))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| self.io("opening the lock file", e))?;
        file.lock().map_err(|e| self.io("locking", e))?;
        Ok(file)
    }

    fn io(&self, action: &'static str, source: std::io::Error) -> EditError {
        EditError::Io {
            path: self.path.display().to_string(),
            action,
            source,
        }
    }
}

fn write_synced(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curation::edits::add_question;
    use crate::faq::EntryId;

    const FILE: &str = "# Written by hand.\n\n[[alternates]]\nentry = \"doc/a\"\nquestions = [\n  \"one\",\n  \"two\",\n]\n";

    fn id(id: &str) -> EntryId {
        EntryId::new(id)
    }

    #[test]
    fn writes_are_atomic_keep_a_backup_and_never_lose_a_concurrent_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("questions.toml");
        fs::write(&path, FILE).unwrap();
        let file = QuestionsFile::new(&path);
        std::thread::scope(|s| {
            for i in 0..16 {
                let file = file.clone();
                s.spawn(move || {
                    file.edit(|d| add_question(d, &id("doc/a"), "A", &format!("question {i}")))
                        .unwrap()
                });
            }
        });
        let text = fs::read_to_string(&path).unwrap();
        let q = questions::parse("q.toml", &text).unwrap();
        assert_eq!(q.alternates[0].questions.len(), 2 + 16, "{text}");
        assert!(text.starts_with("# Written by hand."));
        // The backup is the version before the last write: one question fewer.
        let backup = questions::parse("b", &fs::read_to_string(file.backup()).unwrap()).unwrap();
        assert_eq!(backup.alternates[0].questions.len(), 2 + 15);
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "temporary files left: {names:?}");
    }

    #[test]
    fn a_broken_file_is_left_alone_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("questions.toml");
        fs::write(&path, "[[alternates]]\nentry = \"a\"\nquestions = [\"x\"\n").unwrap();
        let err = QuestionsFile::new(&path)
            .edit(|d| add_question(d, &id("a"), "a", "y"))
            .unwrap_err();
        match &err {
            EditError::Broken(d) => assert!(d.line.is_some(), "{err}"),
            other => panic!("{other}"),
        }
        assert!(!QuestionsFile::new(&path).backup().exists());
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let file = QuestionsFile::new(dir.path().join("questions.toml"));
        assert!(
            file.edit(|d| add_question(d, &id("doc/a"), "A", "q"))
                .unwrap()
        );
        let text = fs::read_to_string(file.path()).unwrap();
        assert!(text.starts_with("# Alternate questions"), "{text}");
        assert_eq!(questions::parse("q", &text).unwrap().alternates.len(), 1);
    }
}
