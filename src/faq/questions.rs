//! `questions.toml`: alternate questions for the entries built from documents, and hand-written entries.
//!
//! ```toml
//! [[alternates]]
//! entry = "car-t-cell-therapy/what-is-car-t-cell-therapy"   # an id, or an exact title
//! questions = ["how does it work", "what do they do to my cells"]
//!
//! [[entry]]
//! id = "contact"                                           # optional; made from the title otherwise
//! title = "Who can I talk to?"
//! questions = ["phone number of the clinic"]
//! answer = "Call your care team's 24-hour number."
//! ```

use serde::Deserialize;
use toml::Spanned;

/// The longest alternate question: what people ask is a sentence or two, not a paragraph. A longer one
/// is refused when written by an admin and reported when found in the file.
pub(crate) const MAX_QUESTION_CHARS: usize = 300;

use crate::faq::EntryId;
use crate::faq::diagnostic::{self, Diagnostic};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    alternates: Vec<AlternatesRaw>,
    #[serde(default)]
    entry: Vec<EntryRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlternatesRaw {
    entry: Spanned<String>,
    questions: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRaw {
    id: Option<String>,
    title: Spanned<String>,
    #[serde(default)]
    questions: Vec<Spanned<String>>,
    answer: String,
}

/// Alternate questions for one entry, named by id or title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternates {
    /// The entry's id or exact title.
    pub entry: String,
    /// The questions people ask that this entry answers.
    pub questions: Vec<Question>,
    /// The line of `entry = …`.
    pub line: usize,
}

/// One question of a `questions` list, with its line for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question as written.
    pub text: String,
    /// Its 1-based line.
    pub line: usize,
}

/// An entry written in `questions.toml` rather than cut from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandWritten {
    /// The id asked for, if any.
    pub id: Option<EntryId>,
    /// The title shown above the answer.
    pub title: String,
    /// Questions it answers.
    pub questions: Vec<Question>,
    /// The answer text.
    pub answer: String,
    /// The line of `title = …`.
    pub line: usize,
}

/// The content of one `questions.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Questions {
    /// `[[alternates]]` tables.
    pub alternates: Vec<Alternates>,
    /// `[[entry]]` tables.
    pub entries: Vec<HandWritten>,
}

/// Parses a `questions.toml`; a problem becomes a diagnostic naming the line.
pub fn parse(file: &str, text: &str) -> Result<Questions, Diagnostic> {
    let raw: File = toml::from_str(text).map_err(|err| {
        let mut d = diagnostic::from_toml(file, text, &err);
        d.message
            .push_str(" (expected [[alternates]] tables with `entry` and `questions`, or [[entry]] tables with `title`, `questions` and `answer`)");
        d
    })?;
    let mut alternates = Vec::new();
    for a in raw.alternates {
        alternates.push(Alternates {
            line: diagnostic::line_of(text, a.entry.span().start),
            entry: a.entry.into_inner(),
            questions: non_empty(file, text, a.questions)?,
        });
    }
    let mut entries = Vec::new();
    for e in raw.entry {
        let line = diagnostic::line_of(text, e.title.span().start);
        // A blank title would be a blank heading above the answer and in every list of topics.
        if e.title.get_ref().trim().is_empty() {
            return Err(Diagnostic::error(
                file,
                Some(line),
                "an entry has an empty `title`; expected the heading shown above its answer",
            ));
        }
        if e.answer.trim().is_empty() {
            return Err(Diagnostic::error(
                file,
                Some(line),
                format!(
                    "entry {:?} has an empty `answer`; expected the text to reply with",
                    e.title.get_ref()
                ),
            ));
        }
        entries.push(HandWritten {
            id: e.id.map(EntryId::new),
            title: e.title.into_inner(),
            questions: non_empty(file, text, e.questions)?,
            answer: e.answer,
            line,
        });
    }
    Ok(Questions {
        alternates,
        entries,
    })
}

/// The questions, each checked: an empty one matches nothing and is most likely a slip of the editor.
fn non_empty(
    file: &str,
    text: &str,
    questions: Vec<Spanned<String>>,
) -> Result<Vec<Question>, Diagnostic> {
    questions
        .into_iter()
        .map(|q| {
            let line = diagnostic::line_of(text, q.span().start);
            if q.get_ref().trim().is_empty() {
                Err(Diagnostic::error(
                    file,
                    Some(line),
                    "empty question in `questions`; expected a question people ask, or none",
                ))
            } else {
                Ok(Question {
                    text: q.into_inner(),
                    line,
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_kinds_with_lines() {
        let q = parse(
            "q.toml",
            "[[alternates]]\nentry = \"doc/a\"\nquestions = [\"x\"]\n\n[[entry]]\ntitle = \"T\"\nanswer = \"A\"\n",
        )
        .unwrap();
        assert_eq!(q.alternates[0].line, 2);
        assert_eq!(q.entries[0].line, 6);
        assert!(q.entries[0].questions.is_empty());
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let err = parse(
            "q.toml",
            "[[alternates]]\nentry = \"a\"\nquestion = [\"x\"]\n",
        )
        .unwrap_err();
        assert_eq!(err.file, "q.toml");
        assert!(err.line.is_some());
        assert!(err.message.contains("question"), "{}", err.message);
    }

    #[test]
    fn empty_answer_is_an_error() {
        let err = parse("q.toml", "[[entry]]\ntitle = \"T\"\nanswer = \" \"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
