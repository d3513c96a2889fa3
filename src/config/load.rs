//! Loading: the shipped `config.toml` (every default, in one place), then the user's file, then the
//! `FAQBOT_*` variables, merged by the `config` crate into [`RawSettings`], then resolved (`resolve.rs`);
//! errors located by `locate.rs`.

use std::path::Path;
use std::sync::LazyLock;

use crate::config::error::ConfigError;
use crate::config::locate::Origin;
use crate::config::raw::RawSettings;
use crate::config::{Curation, Matching, Settings};

/// The configuration file used when `--config` is not given; it may be absent.
pub const DEFAULT_FILE: &str = "config.toml";

/// The shipped `config.toml`, compiled in: the defaults of every setting, where users read them.
pub(super) const SHIPPED: &str = include_str!("../../config.toml");

impl Settings {
    /// Loads `path` (required) or `config.toml` (optional) over the shipped defaults, then `FAQBOT_*`
    /// variables, and resolves the result.
    pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
        let file = path.unwrap_or(Path::new(DEFAULT_FILE));
        let exists = file.is_file();
        if path.is_some() && !exists {
            return Err(ConfigError::Missing(file.display().to_string()));
        }
        let text = if exists {
            // Unreadable: the config crate says why below.
            std::fs::read_to_string(file).ok()
        } else {
            None
        };
        let mut builder = config::Config::builder().add_source(shipped());
        if exists {
            builder = builder.add_source(config::File::from(file).format(config::FileFormat::Toml));
        }
        let builder = builder.add_source(
            config::Environment::with_prefix("FAQBOT")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                .list_separator(",")
                .with_list_parse_key("faq.paths")
                .with_list_parse_key("faq.synonyms")
                .with_list_parse_key("telegram.admins"),
        );
        // Without the text (absent, or unreadable), the variables still resolve against the working
        // directory, and the errors name the file alone.
        resolve(builder, &Origin::file(file, text))
    }

    /// The token from `TELOXIDE_TOKEN`, else from the configuration; empty counts as none.
    pub fn token(&self) -> Option<String> {
        std::env::var("TELOXIDE_TOKEN")
            .ok()
            .or_else(|| self.telegram.token.clone())
            .filter(|t| !t.trim().is_empty())
    }
}

/// The shipped defaults as a source to merge over.
fn shipped() -> config::File<config::FileSourceString, config::FileFormat> {
    config::File::from_str(SHIPPED, config::FileFormat::Toml)
}

/// Merges the sources in `builder`, deserialises them and resolves them.
fn resolve(
    builder: config::ConfigBuilder<config::builder::DefaultState>,
    at: &Origin,
) -> Result<Settings, ConfigError> {
    let merged = builder.build().map_err(|err| parse_error(err, at))?;
    let raw: RawSettings = merged
        .try_deserialize()
        .map_err(|err| parse_error(err, at))?;
    raw.resolve(at)
}

/// `text`, as the file named `shown`, over the shipped defaults, without the variables.
#[cfg(test)]
pub(super) fn from_text(shown: &str, text: &str) -> Result<Settings, ConfigError> {
    let builder = config::Config::builder()
        .add_source(shipped())
        .add_source(config::File::from_str(text, config::FileFormat::Toml));
    resolve(builder, &Origin::text(shown, text))
}

/// The shipped configuration, resolved once.
static DEFAULTS: LazyLock<Result<Settings, ConfigError>> = LazyLock::new(|| {
    resolve(
        config::Config::builder().add_source(shipped()),
        &Origin::shipped(),
    )
});

/// The shipped `config.toml`, with its paths relative to the working directory: what faqbot runs with when
/// there is no configuration file and no variable.
impl Default for Settings {
    fn default() -> Settings {
        match &*DEFAULTS {
            Ok(settings) => settings.clone(),
            // The shipped file is compiled in and checked by `the_shipped_file_is_the_default` below.
            Err(err) => panic!("the shipped config.toml does not load: {err}"),
        }
    }
}

/// `[matching]` of the shipped `config.toml`.
impl Default for Matching {
    fn default() -> Matching {
        Settings::default().matching
    }
}

/// `[curation]` of the shipped `config.toml`.
impl Default for Curation {
    fn default() -> Curation {
        Settings::default().curation
    }
}

/// Turns the config crate's error into ours, adding the line of the key it names.
fn parse_error(err: config::ConfigError, at: &Origin) -> ConfigError {
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
        Some(key) => at.locate(&key),
        None => at.shown().to_string(),
    };
    ConfigError::Parse { location, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_default() {
        let defaults = DEFAULTS.as_ref().unwrap();
        assert_eq!(defaults.matching.max_related, 2);
        assert_eq!(defaults.database.path, Path::new("faqbot.db"));
        assert!(defaults.texts.welcome.starts_with("Hello!"));
        // A file that says nothing changes nothing.
        assert_eq!(&from_text("c.toml", "").unwrap(), defaults);
    }

    #[test]
    fn a_file_overrides_what_it_names_and_keeps_the_rest() {
        let s = from_text(
            "c.toml",
            "[faq]\npaths = [\"docs\"]\n[matching.weights]\ntitle = 0.5\n",
        )
        .unwrap();
        let d = Settings::default();
        // A list replaces the default list; a table is merged key by key.
        assert_eq!(s.faq.paths, [Path::new("docs")]);
        assert_eq!(s.faq.synonyms, d.faq.synonyms);
        assert_eq!(s.matching.weights.title, 0.5);
        assert_eq!(s.matching.weights.body, d.matching.weights.body);
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let err = from_text("c.toml", "[matching]\n\nanswer_treshold = 0.4\n").unwrap_err();
        let err = err.to_string();
        assert!(
            err.starts_with("c.toml:3: unknown field `answer_treshold`"),
            "{err}"
        );
    }
}
