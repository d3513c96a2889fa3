//! faqbot: answers questions about CAR T-cell therapy from an FAQ built out of documents.
//!
//! # Layout
//!
//! The folders follow the data, and each uses only the ones above it in this list (no import circles
//! between folders):
//!
//! - [`text`]: normalisation (an ordered list of small steps), typo-tolerant lookup and general English
//!   knowledge, shared by everything below.
//! - [`faq`]: documents and data files under the FAQ folders → entries with stable ids, alternate questions,
//!   synonym groups, and diagnostics naming file and line.
//! - [`search`]: the inverted index over the entries; a message → its question parts (and small talk) →
//!   weighted query slots → scored entries.
//! - [`safety`]: the urgent-symptom check (ConText): symptom mentions and their modifiers in the same message.
//! - [`config`]: `config.toml` + `FAQBOT_*` variables → checked settings, the bot's own words; logging.
//! - [`engine`]: the decision — answer, suggest, decline or small talk — its explanation, the rendered
//!   reply, and the evaluation on labelled questions.
//! - [`store`]: the SQLite database of feedback, counts, knowledge gaps and the inbox.
//! - `curation`: admins turning gaps into answers — `questions.toml` written in place, the change log, the
//!   served engine swapped on reload, the watcher that reloads it when files change, and the admins' reports.
//! - `service`: the health check and the metrics a monitor reads over HTTP while the bot serves.
//! - [`bot`] and [`cli`]: the two front ends, Telegram and the terminal; the binary only calls [`cli::run`].

pub mod bot;
pub mod cli;
pub mod config;
pub(crate) mod curation;
pub mod engine;
pub mod faq;
pub mod safety;
pub mod search;
pub(crate) mod service;
pub mod store;
pub mod text;
