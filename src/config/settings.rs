//! The settings as written in `config.toml` and `FAQBOT_*` variables, each table a struct, with the
//! defaults of the shipped `config.toml`.

use std::path::PathBuf;

use serde::Deserialize;

pub use crate::config::texts::Texts;
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
    pub curation: crate::config::Curation,
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
            answer_threshold: 0.33,
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
    #[serde(deserialize_with = "one_or_many")]
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

/// The shortest key accepted, from the key file or `database.secret`.
pub const MIN_SECRET_CHARS: usize = 16;

/// A list, or one value standing for a list of one: `FAQBOT_TELEGRAM__ADMINS=77001` reaches serde as a
/// number, `77001,77002` as a list (of numbers, or of text the environment did not parse).
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(i64),
        Text(String),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Id),
        Many(Vec<Id>),
    }
    let number = |id: Id| match id {
        Id::Number(n) => Ok(n),
        Id::Text(text) => text.trim().parse::<i64>().map_err(|_| {
            serde::de::Error::custom(format!(
                "{text:?} is not a Telegram user id (a whole number)"
            ))
        }),
    };
    match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(id) => Ok(vec![number(id)?]),
        OneOrMany::Many(ids) => ids.into_iter().map(number).collect(),
    }
}
