//! How an admin names an entry — its id, its title in any case, or the last heading of it — and the
//! entries closest to a gap, offered as the admin's choices.

use crate::curation::error::CurateError;
use crate::engine::Engine;
use crate::faq::HEADING_SEPARATOR;

/// The entry with id `id`.
pub fn find_id(engine: &Engine, id: &str) -> Option<usize> {
    engine.faq().entries.iter().position(|e| e.id == id)
}

/// The entry named `name`: its id, or its title in any case (or the last heading of it) when only one entry
/// has it.
pub fn resolve(engine: &Engine, name: &str) -> Result<usize, CurateError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CurateError::Empty("entry name"));
    }
    if let Some(n) = find_id(engine, name) {
        return Ok(n);
    }
    let folded = name.to_lowercase();
    let count = engine.faq().entries.len();
    let titled: Vec<usize> = (0..count)
        .filter(|&n| engine.entry(n).title.to_lowercase() == folded)
        .collect();
    if let [n] = titled.as_slice() {
        return Ok(*n);
    }
    // "Parking" for "Clinic › Parking": the heading as the document shows it.
    let headed: Vec<usize> = (0..count)
        .filter(|&n| {
            let title = &engine.entry(n).title;
            title
                .rsplit(HEADING_SEPARATOR)
                .next()
                .is_some_and(|last| last.trim().to_lowercase() == folded)
        })
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
pub fn closest(engine: &Engine, text: &str, n: usize) -> Vec<(usize, f32)> {
    engine
        .closest(text, n)
        .into_iter()
        .map(|c| (c.entry, c.score))
        .collect()
}
