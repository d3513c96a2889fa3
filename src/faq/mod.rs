//! The FAQ: documents and data files under the FAQ folders → entries with stable ids, alternate questions
//! and synonym groups, and the diagnostics found on the way.
//!
//! `loader` walks the folders and reads each file: `document`s are cut into sections, `questions.toml`
//! (`questions`) adds alternate questions and hand-written entries, `synonyms.toml` (`synonyms`) groups
//! words, `broader.toml` (`broader`) names the broader words for kinds of things; `ids` names every
//! entry from where it is and what it is called; `diagnostic` carries the problems found, each with its
//! file and line. An entry is named by its `EntryId` wherever the name must
//! outlive one load (votes, counts, the change log, buttons) and by its `EntryPos` within one.

pub(crate) mod broader;
pub mod diagnostic;
pub mod document;
mod entry;
mod entry_id;
pub(crate) mod ids;
pub(crate) mod loader;
mod position;
pub(crate) mod questions;
pub(crate) mod synonyms;

pub use entry::{
    BROADER_FILE, Entry, Faq, HEADING_SEPARATOR, LoadError, QUESTIONS_FILE, SYNONYMS_FILE, Source,
};
pub use entry_id::EntryId;
pub use ids::slug;
pub use position::EntryPos;
