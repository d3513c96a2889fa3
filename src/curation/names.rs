//! How an admin names an entry — its id, its title in any case, or the last heading of it — the entries
//! closest to a gap, offered as the admin's choices, and the entry that already lists a question.

use crate::curation::error::{CurateError, MAX_QUESTION_CHARS};
use crate::engine::Engine;
use crate::faq::{EntryPos, HEADING_SEPARATOR};

/// The entry with id `id`.
pub fn find_id(engine: &Engine, id: &str) -> Option<EntryPos> {
    engine.faq().position(id)
}

/// The entry named `name`: its id, or its title in any case (or the last heading of it) when only one entry
/// has it.
pub fn resolve(engine: &Engine, name: &str) -> Result<EntryPos, CurateError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CurateError::Empty("entry name"));
    }
    if let Some(n) = find_id(engine, name) {
        return Ok(n);
    }
    let folded = name.to_lowercase();
    let titled: Vec<EntryPos> = engine
        .faq()
        .positioned()
        .filter(|(_, e)| e.title.to_lowercase() == folded)
        .map(|(pos, _)| pos)
        .collect();
    if let [n] = titled.as_slice() {
        return Ok(*n);
    }
    // "Parking" for "Clinic › Parking": the heading as the document shows it.
    let headed: Vec<EntryPos> = engine
        .faq()
        .positioned()
        .filter(|(_, e)| {
            e.title
                .rsplit(HEADING_SEPARATOR)
                .next()
                .is_some_and(|last| last.trim().to_lowercase() == folded)
        })
        .map(|(pos, _)| pos)
        .collect();
    if let [n] = headed.as_slice() {
        return Ok(*n);
    }
    let hint = closest(engine, name, 1).first().map(|&(n, _)| {
        let e = engine.entry(n);
        format!("{:?} ({})", e.title, e.id)
    });
    Err(CurateError::NoEntry {
        name: name.to_string(),
        hint,
    })
}

/// The `n` entries that come closest to answering `text`, best first, however low their scores: the
/// admin's choices for a gap.
pub fn closest(engine: &Engine, text: &str, n: usize) -> Vec<(EntryPos, f32)> {
    engine
        .closest(text, n)
        .into_iter()
        .map(|c| (c.entry, c.score))
        .collect()
}

/// The entry that lists `question` (as the loader compares them: case, accents, punctuation and spacing
/// aside) among its alternate questions; an error when it is too long to be one.
pub fn listed_for(engine: &Engine, question: &str) -> Result<Option<EntryPos>, CurateError> {
    let length = question.trim().chars().count();
    if length > MAX_QUESTION_CHARS {
        return Err(CurateError::TooLong(length));
    }
    let wanted = question_key(question);
    Ok(engine
        .faq()
        .positioned()
        .find(|(_, e)| e.questions.iter().any(|q| question_key(q) == wanted))
        .map(|(pos, _)| pos))
}

/// The loader's notion of the same question (`faq::loader`): folded, punctuation and spacing aside.
fn question_key(question: &str) -> String {
    let folded = crate::text::normalize::fold(question);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}
