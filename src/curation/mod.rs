//! Curation: the FAQ learns from its users. Admins turn the questions it could not answer into alternate
//! questions or new entries (from `/gaps` buttons, `/alias` and `/answer` in the chat, or `faqbot review`),
//! written into `questions.toml` as a person would, logged, undoable, and served at once; edits made on disk
//! are picked up too.

mod changes;
mod curator;
mod editor;
mod edits;
mod error;
mod live;
mod names;
mod replay;
pub(crate) mod report;
mod review;
mod watch;

pub use changes::{Change, Kind, open_gap, recent};
pub use curator::{Admin, Curator, Done};
pub use editor::{EditError, QuestionsFile};
pub use error::CurateError;
pub use live::Live;
pub use names::closest;
pub use replay::{Split, replay};
pub use review::review;
pub use watch::watch;
