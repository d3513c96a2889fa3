//! Why a curation change was not made, in words shown to the admin who asked for it.

use crate::curation::changes::Unavailable;
use crate::curation::editor::EditError;
use crate::faq::EntryId;

pub(crate) use crate::faq::questions::MAX_QUESTION_CHARS;

/// Why a change was not made. The `Display` text is shown to the admin.
#[derive(Debug, thiserror::Error)]
pub enum CurateError {
    /// The gap was assigned or ignored already (or purged).
    #[error(
        "that question was already handled (by another admin, or earlier); send /gaps for the current list"
    )]
    GapClosed,
    /// No entry has that id or title.
    #[error("no entry has the id or title {name:?}{}", hint.as_ref().map(|h| format!("; did you mean {h}?")).unwrap_or_default())]
    NoEntry {
        /// As given.
        name: String,
        /// The closest entry, "Title (id)".
        hint: Option<String>,
    },
    /// No change has that id.
    #[error("there is no change {0} to undo")]
    NoChange(i64),
    /// Undone already.
    #[error("that change was already undone")]
    AlreadyUndone,
    /// Empty title, answer or question.
    #[error("the {0} is empty")]
    Empty(&'static str),
    /// A question far longer than people ask.
    #[error(
        "the question is {0} characters long; an alternate question is what people ask, at most {MAX_QUESTION_CHARS}"
    )]
    TooLong(usize),
    /// Another entry lists the question already: the bot could not tell which to answer.
    #[error(
        "“{question}” is already a question of “{title}” ({id}); undo that first, or choose that entry"
    )]
    Taken {
        /// The question.
        question: String,
        /// The other entry's title.
        title: String,
        /// Its id.
        id: EntryId,
    },
    /// Writing `questions.toml` failed; nothing was changed.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The database could not be used.
    #[error(transparent)]
    Database(#[from] Unavailable),
}
