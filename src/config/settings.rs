//! The settings faqbot runs with, resolved (see `resolve.rs`): every path usable from the working directory
//! (joined to the folder of the file that named it), every number checked against its row in
//! `check::BOUNDS`. Nothing here is deserialised: the only ways in are [`Settings::load`] and
//! [`Settings::default`] (the shipped `config.toml`), so code that holds these never meets a path relative
//! to another folder or an unbounded count.

use std::path::PathBuf;

use serde::Deserialize;

pub use crate::config::texts::Texts;
use crate::search::matcher::Weights;

/// Everything faqbot can be told.
#[derive(Debug, Clone, PartialEq)]
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
    pub curation: Curation,
    /// Health check and metrics over HTTP.
    pub service: Service,
}

/// `[service]`
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Serve `/healthz` and `/metrics`; unset means on for `faqbot serve` and off otherwise.
    pub enabled: Option<bool>,
    /// Where to serve them (`host:port`).
    pub address: String,
    /// The health check fails when Telegram has not answered for this many seconds.
    pub telegram_stale_secs: u32,
}

/// How updates reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The bot asks Telegram (getUpdates); works behind any firewall.
    Polling,
    /// Telegram POSTs updates to `telegram.webhook_url`.
    Webhook,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// `[database]`
#[derive(Debug, Clone, PartialEq)]
pub struct Database {
    /// The SQLite file, created on first start. Written relative to the configuration file's folder (to
    /// the working directory when set by `FAQBOT_DATABASE__PATH`); here usable from the working directory.
    pub path: PathBuf,
    /// Days that question texts (declined or voted 👎) are kept before they are deleted.
    pub keep_days: u32,
    /// The key that turns user ids into the votes' keys (HMAC-SHA256); when absent, a key file beside the
    /// database (`<path>.key`, mode 0600) is created on first start. Never stored in the database.
    pub secret: Option<String>,
}

/// `[faq]`
#[derive(Debug, Clone, PartialEq)]
pub struct FaqSettings {
    /// Folders (searched recursively) or files. Written relative to the configuration file's folder (to the
    /// working directory for `--faq` and `FAQBOT_FAQ__PATHS`), as are the other paths here; here usable
    /// from the working directory.
    pub paths: Vec<PathBuf>,
    /// Synonym files used whatever the FAQ paths are (`--faq` too): knowledge about the field, not about
    /// one set of documents.
    pub synonyms: Vec<PathBuf>,
    /// The urgent-symptom rules.
    pub safety: Option<PathBuf>,
}

impl FaqSettings {
    /// These settings with other document paths (`--faq`: relative to the working directory, as typed).
    pub fn with_paths(&self, paths: Vec<PathBuf>) -> FaqSettings {
        FaqSettings {
            paths,
            ..self.clone()
        }
    }
}

/// `[matching]`
#[derive(Debug, Clone, PartialEq)]
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

/// `[telegram]`
#[derive(Debug, Clone, PartialEq)]
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

/// `[log]`
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// A tracing filter: "info" by default; "debug" adds detail (never message text below "trace").
    pub level: String,
    /// "text" (default) or "json": one JSON object per line.
    pub format: LogFormat,
}

/// `[curation]`
#[derive(Debug, Clone, PartialEq)]
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

/// The shortest key accepted, from the key file or `database.secret`.
pub const MIN_SECRET_CHARS: usize = 16;
