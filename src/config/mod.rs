//! Configuration: `config.toml` merged with `FAQBOT_*` environment variables, checked, with errors that
//! name the key, the file and line, and what is expected.
//!
//! [`settings`] holds the tables as written, [`load`] merges and resolves them, [`check`] holds the
//! ranges, [`error`] says what is wrong; [`logging`] is set up from `[log]`.

mod check;
mod error;
mod load;
pub mod logging;
mod settings;
pub mod throttled;

pub use check::COUNTS;
pub use error::ConfigError;
pub use load::DEFAULT_FILE;
pub use settings::{
    Database, FaqSettings, Log, LogFormat, Matching, Mode, Service, Settings, Telegram, Texts,
};
