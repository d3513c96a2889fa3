//! Curation: the FAQ learns from its users. Admins turn the questions it could not answer into alternate
//! questions or new entries (from `/gaps` buttons, `/alias` and `/answer` in the chat, or `faqbot review`),
//! written into `questions.toml` as a person would, logged, undoable, and served at once; edits made on disk
//! are picked up too.

mod changes;
mod curator;
mod editor;
mod live;
mod names;
mod replay;
pub mod report;
mod review;
mod watch;

pub use crate::config::Curation;
pub use changes::{Change, Kind, Unavailable, open_gap, recent};
pub use curator::{Admin, CurateError, Curator, Done};
pub use editor::{EditError, QuestionsFile};
pub use live::{Live, Loaded};
pub use names::{closest, find_id, resolve};
pub use replay::{Replay, Split, replay};
pub use review::review;
pub use watch::{Trigger, watch};
