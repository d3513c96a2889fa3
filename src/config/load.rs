//! Raw → resolved: the file and the `FAQBOT_*` variables merged, checked (see `check.rs`), and the paths
//! written in the file made relative to its folder; errors located by TOML's own spans.

use std::path::{Path, PathBuf};

use crate::config::check::check_raw_counts;
use crate::config::error::ConfigError;
use crate::config::settings::Settings;

/// The configuration file used when `--config` is not given; it may be absent.
pub const DEFAULT_FILE: &str = "config.toml";

impl Settings {
    /// Loads `path` (required) or `config.toml` (optional), then `FAQBOT_*` variables, and checks the result.
    pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
        let file = path.unwrap_or(Path::new(DEFAULT_FILE));
        let exists = file.is_file();
        if path.is_some() && !exists {
            return Err(ConfigError::Missing(file.display().to_string()));
        }
        let text = if exists {
            std::fs::read_to_string(file).ok()
        } else {
            None
        };
        let shown = file.display().to_string();
        let mut builder = config::Config::builder();
        if exists {
            builder = builder.add_source(config::File::from(file).format(config::FileFormat::Toml));
        }
        builder = builder.add_source(
            config::Environment::with_prefix("FAQBOT")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                .list_separator(",")
                .with_list_parse_key("faq.paths")
                .with_list_parse_key("faq.synonyms")
                .with_list_parse_key("telegram.admins"),
        );
        let locate = |key: &str| locate(&shown, text.as_deref(), key);
        let merged = builder
            .build()
            .map_err(|err| parse_error(err, &shown, text.as_deref()))?;
        check_raw_counts(&merged, &locate)?;
        let settings: Settings = merged
            .try_deserialize()
            .map_err(|err| parse_error(err, &shown, text.as_deref()))?;
        settings.check(&locate)?;
        let mut settings = settings;
        if exists {
            settings.resolve_paths(file.parent().unwrap_or(Path::new("")));
        }
        Ok(settings)
    }

    /// Makes the relative paths written in the configuration file (or left at their defaults, which the
    /// shipped file documents) relative to `base`, its folder, so that faqbot finds its files from any
    /// working directory. A path set by an environment variable stays relative to the working directory,
    /// like `--faq`: that is where the person typing it is.
    fn resolve_paths(&mut self, base: &Path) {
        if base.as_os_str().is_empty() {
            return;
        }
        let from_file = |key: &str| std::env::var_os(env_name(key)).is_none();
        let join = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        if from_file("faq.paths") {
            self.faq.paths.iter_mut().for_each(join);
        }
        if from_file("faq.synonyms") {
            self.faq.synonyms.iter_mut().for_each(join);
        }
        if from_file("faq.safety") {
            self.faq.safety.iter_mut().for_each(join);
        }
        if from_file("database.path") {
            join(&mut self.database.path);
        }
        if from_file("curation.questions_file") {
            self.curation.questions_file.iter_mut().for_each(join);
        }
    }

    /// The token from `TELOXIDE_TOKEN`, else from the configuration; empty counts as none.
    pub fn token(&self) -> Option<String> {
        std::env::var("TELOXIDE_TOKEN")
            .ok()
            .or_else(|| self.telegram.token.clone())
            .filter(|t| !t.trim().is_empty())
    }
}

/// Turns the config crate's error into ours, adding the line of the key it names.
fn parse_error(err: config::ConfigError, file: &str, text: Option<&str>) -> ConfigError {
    let message = err.to_string();
    let quoted = |marker: &str| {
        let rest = message.split(marker).nth(1)?;
        rest.split('`').next().map(str::to_string)
    };
    let key = match (quoted("for key `"), quoted("unknown field `")) {
        (Some(table), Some(field)) => Some(format!("{table}.{field}")),
        (key, field) => key.or(field),
    };
    let location = match key {
        Some(key) => locate(file, text, &key),
        None => file.to_string(),
    };
    ConfigError::Parse { location, message }
}

/// The environment variable that overrides the dotted `key`.
fn env_name(key: &str) -> String {
    format!("FAQBOT_{}", key.to_uppercase().replace('.', "__"))
}

/// "config.toml:12" where `key` (dotted) is set in the file; the variable's name when it is not.
fn locate(file: &str, text: Option<&str>, key: &str) -> String {
    let env = env_name(key);
    if std::env::var_os(&env).is_some() {
        return format!("environment variable {env}");
    }
    match text.and_then(|text| Some((text, key_offset(text, key)?))) {
        Some((text, offset)) => format!("{file}:{}", line_at(text, offset)),
        None => file.to_string(),
    }
}

/// Where the dotted `key` is written in the TOML `text`, by the spans of TOML's own parser (so inline
/// tables, dotted keys and quoted names are found as TOML reads them).
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let (root, _) = toml::de::DeTable::parse_recoverable(text);
    let mut table = root.get_ref();
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let (name, value) = table.get_key_value(part)?;
        if parts.peek().is_none() {
            return Some(name.span().start);
        }
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => return None,
        }
    }
    None
}

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_key_under_its_table() {
        let text = "[faq]\npaths = [\"x\"]\n[matching]\nanswer_threshold = 2\n";
        assert_eq!(
            locate("c.toml", Some(text), "matching.answer_threshold"),
            "c.toml:4"
        );
        assert_eq!(locate("c.toml", Some(text), "matching.nothing"), "c.toml");
        // Dotted keys, inline tables and comments are read as TOML reads them.
        let text = "# answer_threshold = 1\nmatching.answer_threshold = 2\n[telegram]\nlimits = { x = 1 }\n";
        assert_eq!(
            locate("c.toml", Some(text), "matching.answer_threshold"),
            "c.toml:2"
        );
        assert_eq!(
            locate("c.toml", Some(text), "telegram.limits.x"),
            "c.toml:4"
        );
        // A broken file still locates what can be read.
        let text = "[matching]\nanswer_threshold = 2\nbroken = [\n";
        assert_eq!(
            locate("c.toml", Some(text), "matching.answer_threshold"),
            "c.toml:2"
        );
    }
}
