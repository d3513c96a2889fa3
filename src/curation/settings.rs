//! `[curation]`: where admins' changes are written and how edits on disk are picked up.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::FaqSettings;
use crate::faq::QUESTIONS_FILE;

/// `[curation]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Curation {
    /// The `questions.toml` that changes made from Telegram and `faqbot review` go to; by default the one in
    /// the first FAQ folder.
    pub questions_file: Option<PathBuf>,
    /// Reload the FAQ when a file under its folders changes.
    pub watch: bool,
    /// How long the files must stay unchanged before that reload, in milliseconds: an editor saving a file
    /// in several steps causes one reload, not several.
    pub debounce_ms: u64,
}

impl Default for Curation {
    fn default() -> Self {
        Curation {
            questions_file: None,
            watch: true,
            debounce_ms: 500,
        }
    }
}

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
}
