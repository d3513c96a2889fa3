//! Where each setting was written: a line of the configuration file, found by the spans of TOML's own
//! parser, or a `FAQBOT_*` variable; and so what a relative path written there is relative to.

use std::path::{Path, PathBuf};

/// The sources a configuration was merged from, as far as errors and relative paths need them.
pub(super) struct Origin {
    /// The configuration file as named ("config.toml" when none was read).
    shown: String,
    /// The folder of the file, when one was read: the paths it names (and the defaults, which the shipped
    /// file documents) are relative to it.
    folder: Option<PathBuf>,
    /// The file's text, for the spans.
    text: Option<String>,
    /// Whether `FAQBOT_*` variables were merged.
    environment: bool,
}

impl Origin {
    /// A configuration file named `shown`, its text if it was read, and the variables.
    pub fn file(shown: &Path, text: Option<String>) -> Origin {
        Origin {
            shown: shown.display().to_string(),
            folder: text
                .is_some()
                .then(|| shown.parent().unwrap_or(Path::new("")).to_path_buf()),
            text,
            environment: true,
        }
    }

    /// The shipped defaults alone: no file of the user's, no variables, paths relative to the working
    /// directory.
    pub fn shipped() -> Origin {
        Origin {
            shown: "the shipped config.toml".to_string(),
            folder: None,
            text: None,
            environment: false,
        }
    }

    /// `text` as the file `shown`, without the variables (for tests, which must not depend on the
    /// environment they run in).
    #[cfg(test)]
    pub fn text(shown: &str, text: &str) -> Origin {
        Origin {
            shown: shown.to_string(),
            folder: Some(PathBuf::new()),
            text: Some(text.to_string()),
            environment: false,
        }
    }

    /// The file as named, for errors that name no key.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The variable that set `key`, when it is set and the variables were read.
    fn variable(&self, key: &str) -> Option<String> {
        let name = env_name(key);
        (self.environment && std::env::var_os(&name).is_some()).then_some(name)
    }

    /// "config.toml:12" where `key` (dotted) is written in the file; the variable's name when one set it;
    /// the file alone when neither says.
    pub fn locate(&self, key: &str) -> String {
        if let Some(variable) = self.variable(key) {
            return format!("environment variable {variable}");
        }
        match self.text.as_deref().and_then(|text| line_of(text, key)) {
            Some(line) => format!("{}:{line}", self.shown),
            None => self.shown.clone(),
        }
    }

    /// `path`, the value of `key`, usable from the working directory: a path written in the file (or left
    /// at its default) is joined to the file's folder; one set by a variable stays relative to the working
    /// directory, like `--faq`, as that is where the person typing it is.
    pub fn path(&self, key: &str, path: PathBuf) -> PathBuf {
        match &self.folder {
            Some(folder) if path.is_relative() && self.variable(key).is_none() => folder.join(path),
            _ => path,
        }
    }
}

/// The environment variable that overrides the dotted `key`.
fn env_name(key: &str) -> String {
    format!("FAQBOT_{}", key.to_uppercase().replace('.', "__"))
}

/// The 1-based line where the dotted `key` is written in the TOML `text`, by the spans of TOML's own parser
/// (so inline tables, dotted keys and quoted names are found as TOML reads them, and a broken file still
/// locates what can be read).
fn line_of(text: &str, key: &str) -> Option<usize> {
    let (root, _) = toml::de::DeTable::parse_recoverable(text);
    let mut table = root.get_ref();
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let (name, value) = table.get_key_value(part)?;
        if parts.peek().is_none() {
            let start = name.span().start.min(text.len());
            return Some(text[..start].matches('\n').count() + 1);
        }
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &str, key: &str) -> String {
        Origin::text("c.toml", text).locate(key)
    }

    #[test]
    fn locate_finds_key_under_its_table() {
        let text = "[faq]\npaths = [\"x\"]\n[matching]\nanswer_threshold = 2\n";
        assert_eq!(locate(text, "matching.answer_threshold"), "c.toml:4");
        assert_eq!(locate(text, "matching.nothing"), "c.toml");
        // Dotted keys, inline tables and comments are read as TOML reads them.
        let text = "# answer_threshold = 1\nmatching.answer_threshold = 2\n[telegram]\nlimits = { x = 1 }\n";
        assert_eq!(locate(text, "matching.answer_threshold"), "c.toml:2");
        assert_eq!(locate(text, "telegram.limits.x"), "c.toml:4");
        // A broken file still locates what can be read.
        let text = "[matching]\nanswer_threshold = 2\nbroken = [\n";
        assert_eq!(locate(text, "matching.answer_threshold"), "c.toml:2");
    }

    #[test]
    fn paths_are_joined_to_the_folder_of_the_file_that_read_them() {
        let at = Origin::file(Path::new("/etc/fb/c.toml"), Some(String::new()));
        assert_eq!(
            at.path("database.path", "bot.db".into()),
            Path::new("/etc/fb/bot.db")
        );
        assert_eq!(
            at.path("database.path", "/var/bot.db".into()),
            Path::new("/var/bot.db")
        );
        // No file read: the defaults are relative to the working directory.
        let at = Origin::file(Path::new("/etc/fb/c.toml"), None);
        assert_eq!(
            at.path("database.path", "bot.db".into()),
            Path::new("bot.db")
        );
    }
}
