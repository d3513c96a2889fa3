//! Configuration: the shipped `config.toml` (every default), the user's file and `FAQBOT_*` environment
//! variables, merged and resolved into [`Settings`], with errors that name the key, the file and line (or
//! the variable), and what is expected.
//!
//! Raw → resolved, as ripgrep turns arguments into its config: `load.rs` merges the sources into the raw
//! tables of `raw.rs` (paths and numbers as written), `resolve.rs` turns them into the resolved tables of
//! `settings.rs` and `texts.rs` (paths usable from the working directory, every number read through its
//! row in `check.rs`'s table), `locate.rs` says where a setting was written, `error.rs` what is wrong.
//! `curation.rs` finds the `questions.toml` changes go to; `logging.rs` is set up from `[log]`.

mod check;
mod curation;
mod error;
mod load;
mod locate;
pub(crate) mod logging;
mod raw;
mod resolve;
mod settings;
mod texts;
pub(crate) mod throttled;

pub use error::ConfigError;
pub use load::DEFAULT_FILE;
pub use settings::{
    Curation, Database, FaqSettings, Log, LogFormat, MIN_SECRET_CHARS, Matching, Mode, Service,
    Settings, Telegram, Texts,
};
