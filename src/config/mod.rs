//! Configuration: `config.toml` merged with `FAQBOT_*` environment variables, checked, with errors that
//! name the key, the file and line, and what is expected.
//!
//! `settings.rs` holds the tables as written, `load.rs` merges and resolves them, `check.rs` holds the
//! ranges, `error.rs` says what is wrong; `logging.rs` is set up from `[log]`.

mod check;
mod curation;
mod error;
mod load;
pub(crate) mod logging;
mod settings;
mod texts;
pub(crate) mod throttled;

pub use check::COUNTS;
pub use curation::Curation;

pub use error::ConfigError;
pub use load::DEFAULT_FILE;
pub use settings::{
    Database, FaqSettings, Log, LogFormat, MIN_SECRET_CHARS, Matching, Mode, Service, Settings,
    Telegram, Texts,
};
