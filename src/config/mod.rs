//! Configuration: `config.toml` merged with `FAQBOT_*` environment variables, checked, with errors that
//! name the key, the file and line, and what is expected.

pub mod logging;
pub mod throttled;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use crate::engine::texts::Texts;
use crate::search::matcher::Weights;

/// Everything faqbot can be told, with the defaults of the shipped `config.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where the FAQ lives.
    pub faq: FaqSettings,
    /// How questions are matched and when the bot answers.
    pub matching: Matching,
    /// Every text a user sees that is not from the FAQ.
    pub texts: Texts,
    /// The Telegram front end.
    pub telegram: Telegram,
    /// Logging.
    pub log: Log,
    /// The feedback database.
    pub database: Database,
    /// Where admins' changes go, and hot reload.
    pub curation: crate::curation::Curation,
    /// Health check and metrics over HTTP.
    pub service: Service,
}

/// `[service]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Service {
    /// Serve `/healthz` and `/metrics`; unset means on for `faqbot serve` and off otherwise.
    pub enabled: Option<bool>,
    /// Where to serve them (`host:port`).
    pub address: String,
    /// The health check fails when Telegram has not answered for this many seconds.
    pub telegram_stale_secs: u32,
}

impl Default for Service {
    fn default() -> Self {
        Service {
            enabled: None,
            address: "127.0.0.1:9464".into(),
            telegram_stale_secs: 120,
        }
    }
}

/// How updates reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The bot asks Telegram (getUpdates); works behind any firewall.
    #[default]
    Polling,
    /// Telegram POSTs updates to `telegram.webhook_url`.
    Webhook,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// `[database]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Database {
    /// The SQLite file, created on first start; a relative path is relative to the configuration file's
    /// folder (to the working directory when set by `FAQBOT_DATABASE__PATH`).
    pub path: PathBuf,
    /// Days that question texts (declined or voted 👎) are kept before they are deleted.
    pub keep_days: u32,
    /// The key that turns user ids into the votes' keys (HMAC-SHA256); when absent, a key file beside the
    /// database (`<path>.key`, mode 0600) is created on first start. Never stored in the database.
    pub secret: Option<String>,
}

impl Default for Database {
    fn default() -> Self {
        Database {
            path: PathBuf::from("faqbot.db"),
            keep_days: 30,
            secret: None,
        }
    }
}

/// `[faq]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaqSettings {
    /// Folders (searched recursively) or files; relative paths are relative to the configuration file's
    /// folder (to the working directory for `--faq` and `FAQBOT_FAQ__PATHS`), as are the other paths here.
    pub paths: Vec<PathBuf>,
    /// Synonym files used whatever the FAQ paths are (`--faq` too): knowledge about the field, not about
    /// one set of documents.
    pub synonyms: Vec<PathBuf>,
    /// The urgent-symptom rules; none when absent from the configuration.
    pub safety: Option<PathBuf>,
}

impl Default for FaqSettings {
    fn default() -> Self {
        FaqSettings {
            paths: vec![PathBuf::from("faq")],
            synonyms: vec![
                PathBuf::from("faq/synonyms.toml"),
                PathBuf::from("faq/lexicon.toml"),
            ],
            safety: Some(PathBuf::from("faq/safety.toml")),
        }
    }
}

impl FaqSettings {
    /// These settings with other document paths (`--faq`).
    pub fn with_paths(&self, paths: Vec<PathBuf>) -> FaqSettings {
        FaqSettings {
            paths,
            ..self.clone()
        }
    }
}

/// `[matching]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Matching {
    /// From this score up the best entry is the answer.
    pub answer_threshold: f32,
    /// From this score up (and below `answer_threshold`) the bot asks "did you mean".
    pub suggest_threshold: f32,
    /// The best entry is the answer only if it leads the runner-up by this much; otherwise the bot asks
    /// "did you mean" with both.
    pub answer_margin: f32,
    /// Runners-up scoring at least this share of the best score are offered as related.
    pub related_ratio: f32,
    /// How many related entries are offered at most.
    pub max_related: usize,
    /// How many "did you mean" candidates are offered at most.
    pub max_suggestions: usize,
    /// The scorer's weights.
    pub weights: Weights,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            answer_threshold: 0.35,
            suggest_threshold: 0.25,
            answer_margin: 0.02,
            related_ratio: 0.85,
            max_related: 2,
            max_suggestions: 3,
            weights: Weights::default(),
        }
    }
}

/// `[telegram]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Telegram {
    /// The bot token from BotFather; `TELOXIDE_TOKEN` takes precedence.
    pub token: Option<String>,
    /// The Bot API base URL (a self-hosted server); `TELOXIDE_API_URL` takes precedence.
    pub api_url: Option<String>,
    /// Answer every text message in groups, not only commands, mentions and replies.
    pub answer_all_group_messages: bool,
    /// Telegram user ids allowed to use the admin commands.
    pub admins: Vec<i64>,
    /// How long one long-polling getUpdates call waits for updates, in seconds.
    pub poll_timeout_secs: u32,
    /// Messages per second to one chat (Telegram's limit is 1).
    pub messages_per_sec_chat: u32,
    /// Messages per minute to one chat (Telegram's limit is 20).
    pub messages_per_min_chat: u32,
    /// Messages per minute to one group or channel (Telegram's limit is 20; 10 leaves room).
    pub messages_per_min_group: u32,
    /// Messages per second overall (Telegram's limit is 30).
    pub messages_per_sec_overall: u32,
    /// "polling" or "webhook".
    pub mode: Mode,
    /// The public HTTPS URL Telegram posts updates to, in webhook mode.
    pub webhook_url: Option<String>,
    /// The address the webhook listens on (`host:port`), usually behind a reverse proxy with TLS.
    pub webhook_listen: String,
    /// The secret token every webhook request must carry (1 to 256 of `A-Z a-z 0-9 _ -`); when unset, a
    /// new random one is registered on every start.
    pub webhook_secret: Option<String>,
}

impl Default for Telegram {
    fn default() -> Self {
        Telegram {
            token: None,
            api_url: None,
            answer_all_group_messages: false,
            admins: Vec::new(),
            poll_timeout_secs: 10,
            messages_per_sec_chat: 1,
            messages_per_min_chat: 20,
            messages_per_min_group: 10,
            messages_per_sec_overall: 30,
            mode: Mode::Polling,
            webhook_url: None,
            webhook_listen: "127.0.0.1:8080".into(),
            webhook_secret: None,
        }
    }
}

/// `[log]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Log {
    /// A tracing filter: "info" by default; "debug" adds detail (never message text below "trace").
    pub level: String,
    /// "text" (default) or "json": one JSON object per line.
    pub format: LogFormat,
}

impl Default for Log {
    fn default() -> Self {
        Log {
            level: "info".into(),
            format: LogFormat::Text,
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with `--config` does not exist.
    #[error("configuration file {0} not found")]
    Missing(String),
    /// The file or an environment variable could not be read or parsed.
    #[error("{location}: {message}")]
    Parse {
        /// "config.toml:12" or "config.toml".
        location: String,
        /// What the config crate said.
        message: String,
    },
    /// A value is out of its range.
    #[error("{location}: `{key}` is {value}; expected {expected}")]
    Invalid {
        /// Where it was set.
        location: String,
        /// The dotted key.
        key: String,
        /// The value found.
        value: String,
        /// What is allowed.
        expected: String,
    },
}

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

    /// The value of the whole-number setting `key`, one of [`COUNTS`].
    fn count(&self, key: &str) -> u64 {
        let (m, t) = (&self.matching, &self.telegram);
        match key {
            "matching.max_related" => m.max_related as u64,
            "matching.max_suggestions" => m.max_suggestions as u64,
            "telegram.poll_timeout_secs" => t.poll_timeout_secs.into(),
            "telegram.messages_per_sec_chat" => t.messages_per_sec_chat.into(),
            "telegram.messages_per_min_chat" => t.messages_per_min_chat.into(),
            "telegram.messages_per_min_group" => t.messages_per_min_group.into(),
            "telegram.messages_per_sec_overall" => t.messages_per_sec_overall.into(),
            "database.keep_days" => self.database.keep_days.into(),
            "service.telegram_stale_secs" => self.service.telegram_stale_secs.into(),
            "curation.debounce_ms" => self.curation.debounce_ms,
            _ => unreachable!("{key} is not in COUNTS"),
        }
    }

    fn check(&self, locate: &dyn Fn(&str) -> String) -> Result<(), ConfigError> {
        let m = &self.matching;
        let unit = "a number from 0 to 1";
        let w = &m.weights;
        let ranges = [
            ("matching.answer_threshold", m.answer_threshold, unit),
            ("matching.suggest_threshold", m.suggest_threshold, unit),
            ("matching.answer_margin", m.answer_margin, unit),
            ("matching.related_ratio", m.related_ratio, unit),
            ("matching.weights.title", w.title, unit),
            ("matching.weights.question", w.question, unit),
            ("matching.weights.body", w.body, unit),
            (
                "matching.weights.unknown_word",
                w.unknown_word,
                "a number from 0 to 1",
            ),
            (
                "matching.weights.typo_penalty",
                w.typo_penalty,
                "a number from 0 to 0.5",
            ),
            ("matching.weights.synonym", w.synonym, unit),
            ("matching.weights.title_fit", w.title_fit, unit),
            ("matching.weights.question_word", w.question_word, unit),
            (
                "matching.weights.half_evidence",
                w.half_evidence,
                "a number from 0.01 to 5",
            ),
            (
                "matching.weights.unmatched",
                w.unmatched,
                "a number from 0 to 5",
            ),
            (
                "matching.weights.common_zipf",
                w.common_zipf,
                "a Zipf frequency from 3 to 8",
            ),
        ];
        for (key, value, expected) in ranges {
            let (min, max) = if key.ends_with("typo_penalty") {
                (0.0, 0.5)
            } else if key.ends_with("half_evidence") {
                // Zero would make a score 0 / 0 for an entry with no evidence.
                (0.01, 5.0)
            } else if key.ends_with("unmatched") {
                (0.0, 5.0)
            } else if key.ends_with("common_zipf") {
                (3.0, 8.0)
            } else {
                (0.0, 1.0)
            };
            if !(min..=max).contains(&value) {
                return Err(invalid(locate(key), key, value, expected));
            }
        }
        if m.suggest_threshold > m.answer_threshold {
            let key = "matching.suggest_threshold";
            return Err(invalid(
                locate(key),
                key,
                m.suggest_threshold,
                "at most matching.answer_threshold",
            ));
        }
        if self.faq.paths.is_empty() {
            let key = "faq.paths";
            return Err(invalid(
                locate(key),
                key,
                "[]",
                "at least one folder or file",
            ));
        }
        for &(key, min, max) in COUNTS {
            check_count(key, self.count(key) as i128, min, max, locate)?;
        }
        if let Some(secret) = &self.database.secret {
            let key = "database.secret";
            let length = secret.trim().chars().count();
            if length < crate::store::MIN_SECRET_CHARS {
                // The length only: the value is a secret, even a bad one.
                return Err(invalid(
                    locate(key),
                    key,
                    format!("{length} characters long"),
                    &format!(
                        "at least {} characters (or no secret, for a key file)",
                        crate::store::MIN_SECRET_CHARS
                    ),
                ));
            }
        }
        if !crate::config::logging::valid_level(&self.log.level) {
            let key = "log.level";
            return Err(invalid(
                locate(key),
                key,
                format!("{:?}", self.log.level),
                "a level such as \"info\" or \"debug\"",
            ));
        }
        self.check_webhook(locate)?;
        if let Some(url) = &self.telegram.api_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            let key = "telegram.api_url";
            return Err(invalid(
                locate(key),
                key,
                format!("{url:?}"),
                "an http:// or https:// URL",
            ));
        }
        Ok(())
    }
}

impl Settings {
    fn check_webhook(&self, locate: &dyn Fn(&str) -> String) -> Result<(), ConfigError> {
        let t = &self.telegram;
        if let Some(secret) = &t.webhook_secret {
            let key = "telegram.webhook_secret";
            let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            let length = secret.chars().count();
            if !(1..=256).contains(&length) || !secret.chars().all(allowed) {
                // Its length only: the value is a secret, even a bad one.
                return Err(invalid(
                    locate(key),
                    key,
                    format!("a {length}-character value"),
                    "1 to 256 characters from A-Z, a-z, 0-9, _ and - (Telegram's rule)",
                ));
            }
        }
        if t.mode == Mode::Webhook {
            let key = "telegram.webhook_url";
            match &t.webhook_url {
                None => {
                    return Err(invalid(
                        locate("telegram.mode"),
                        "telegram.mode",
                        "\"webhook\"",
                        "\"polling\", or telegram.webhook_url set to the public https:// URL",
                    ));
                }
                Some(url) if url::Url::parse(url).is_err() => {
                    return Err(invalid(
                        locate(key),
                        key,
                        format!("{url:?}"),
                        "a URL such as https://bot.example.org/telegram",
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// Every whole-number setting with its allowed range. The upper bounds keep a typo or an extra digit from
/// turning into gigabytes of buttons or years of waiting: related entries and suggestions become buttons
/// (Telegram shows a handful well), Telegram caps a long poll at 50 s, its rate limits are far below 1000 a
/// second, and ten years is longer than any reason to keep question texts.
pub const COUNTS: &[(&str, u64, u64)] = &[
    ("matching.max_related", 0, 10),
    ("matching.max_suggestions", 1, 10),
    ("telegram.poll_timeout_secs", 0, 50),
    ("telegram.messages_per_sec_chat", 1, 1000),
    ("telegram.messages_per_min_chat", 1, 60_000),
    ("telegram.messages_per_min_group", 1, 60_000),
    ("telegram.messages_per_sec_overall", 1, 1000),
    ("database.keep_days", 1, 3650),
    ("service.telegram_stale_secs", 10, 86_400),
    ("curation.debounce_ms", 10, 60_000),
];

/// Checks the counts as written, before serde sees them: serde would take `2.5` or `true` for a count, and
/// a negative or huge number would fail with the type's limits instead of the setting's.
fn check_raw_counts(
    merged: &config::Config,
    locate: &dyn Fn(&str) -> String,
) -> Result<(), ConfigError> {
    use config::ValueKind;
    for &(key, min, max) in COUNTS {
        let Ok(value) = merged.get::<config::Value>(key) else {
            continue;
        };
        let whole = match value.kind {
            ValueKind::I64(n) => Some(i128::from(n)),
            ValueKind::U64(n) => Some(i128::from(n)),
            ValueKind::I128(n) => Some(n),
            ValueKind::U128(n) => Some(i128::try_from(n).unwrap_or(i128::MAX)),
            _ => None,
        };
        match whole {
            Some(n) => check_count(key, n, min, max, locate)?,
            None => {
                return Err(invalid(
                    locate(key),
                    key,
                    &value.kind,
                    &whole_number(min, max),
                ));
            }
        }
    }
    Ok(())
}

fn check_count(
    key: &str,
    value: i128,
    min: u64,
    max: u64,
    locate: &dyn Fn(&str) -> String,
) -> Result<(), ConfigError> {
    if (i128::from(min)..=i128::from(max)).contains(&value) {
        Ok(())
    } else {
        Err(invalid(locate(key), key, value, &whole_number(min, max)))
    }
}

fn whole_number(min: u64, max: u64) -> String {
    format!("a whole number from {min} to {max}")
}

fn invalid(location: String, key: &str, value: impl ToString, expected: &str) -> ConfigError {
    ConfigError::Invalid {
        location,
        key: key.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
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

    #[test]
    fn defaults_pass_the_checks() {
        Settings::default().check(&|k| k.to_string()).unwrap();
    }

    #[test]
    fn out_of_range_threshold_names_key_and_range() {
        let mut s = Settings::default();
        s.matching.answer_threshold = 1.5;
        let err = s
            .check(&|_| "c.toml:3".to_string())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "c.toml:3: `matching.answer_threshold` is 1.5; expected a number from 0 to 1"
        );
    }

    #[test]
    fn every_count_is_bounded_in_code_too() {
        for &(key, _, max) in COUNTS {
            let mut s = Settings::default();
            match key {
                "matching.max_related" => s.matching.max_related = usize::MAX,
                "matching.max_suggestions" => s.matching.max_suggestions = usize::MAX,
                "telegram.poll_timeout_secs" => s.telegram.poll_timeout_secs = u32::MAX,
                "telegram.messages_per_sec_chat" => s.telegram.messages_per_sec_chat = u32::MAX,
                "telegram.messages_per_min_chat" => s.telegram.messages_per_min_chat = u32::MAX,
                "telegram.messages_per_min_group" => s.telegram.messages_per_min_group = u32::MAX,
                "telegram.messages_per_sec_overall" => {
                    s.telegram.messages_per_sec_overall = u32::MAX
                }
                "database.keep_days" => s.database.keep_days = u32::MAX,
                "service.telegram_stale_secs" => s.service.telegram_stale_secs = u32::MAX,
                "curation.debounce_ms" => s.curation.debounce_ms = u64::MAX,
                _ => panic!("{key} has no case here"),
            }
            let err = s.check(&|_| "c.toml".to_string()).unwrap_err().to_string();
            assert!(err.contains(&format!("`{key}`")), "{err}");
            assert!(err.ends_with(&format!("to {max}")), "{err}");
        }
    }

    #[test]
    fn a_short_secret_is_refused_without_showing_it() {
        let mut s = Settings::default();
        s.database.secret = Some("hunter2".into());
        let err = s
            .check(&|_| "c.toml:9".to_string())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "c.toml:9: `database.secret` is 7 characters long; expected at least 16 characters (or no secret, for a key file)"
        );
    }
}
