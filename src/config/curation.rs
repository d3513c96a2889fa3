//! `[curation]`: which `questions.toml` admins' changes are written to, and whether the FAQ reads it.

use std::path::{Path, PathBuf};

use crate::config::{Curation, FaqSettings};
use crate::faq::QUESTIONS_FILE;

impl Curation {
    /// The file changes are written to: `questions_file`, else `questions.toml` in the first FAQ path
    /// that is a folder (or beside the first file).
    pub fn questions_file(&self, faq: &FaqSettings) -> PathBuf {
        if let Some(file) = &self.questions_file {
            return file.clone();
        }
        let folder = faq
            .paths
            .iter()
            .find(|p| p.is_dir())
            .cloned()
            .or_else(|| {
                faq.paths
                    .first()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
            })
            .unwrap_or_else(|| PathBuf::from("faq"));
        folder.join(QUESTIONS_FILE)
    }

    /// Whether the FAQ reads the file changes go to: it lies under a FAQ folder, or is a FAQ path itself.
    pub fn is_read(&self, faq: &FaqSettings) -> bool {
        let file = self.questions_file(faq);
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        // The file may not exist yet: compare its folder.
        let folder = file.parent().and_then(canonical);
        let named = file.file_name() == Some(QUESTIONS_FILE.as_ref());
        faq.paths.iter().any(|p| match canonical(p) {
            Some(path) if path.is_dir() => {
                named && folder.as_ref().is_some_and(|f| f.starts_with(&path))
            }
            Some(path) => canonical(&file) == Some(path),
            None => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_in_the_first_folder_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(dir.path().join("guide.md"), "# G\n").unwrap();
        let faq = FaqSettings {
            paths: vec![dir.path().join("guide.md"), docs.clone()],
            synonyms: vec![],
            safety: None,
        };
        let c = Curation::default();
        assert_eq!(c.questions_file(&faq), docs.join("questions.toml"));
        assert!(c.is_read(&faq));
        // A single document: the file beside it is not read.
        let single = FaqSettings {
            paths: vec![dir.path().join("guide.md")],
            ..faq.clone()
        };
        assert!(!c.is_read(&single));
        let elsewhere = Curation {
            questions_file: Some(dir.path().join("other/questions.toml")),
            ..Curation::default()
        };
        assert!(!elsewhere.is_read(&faq));
    }
}
