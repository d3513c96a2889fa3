//! Alternate questions: attaching them to the entries they name, and warning about the ones that cannot
//! work as meant (repeated, claimed by two entries, or far longer than a question).

use std::collections::{HashMap, hash_map};

use super::Loader;
use crate::faq::diagnostic::Diagnostic;
use crate::faq::questions::MAX_QUESTION_CHARS;
use crate::faq::questions::{Alternates, Question};
use crate::faq::{EntryId, EntryPos, Faq};
use crate::text::normalize;

/// The alternate questions attached so far, by [`key`].
#[derive(Default)]
pub(super) struct Asked(HashMap<String, Place>);

/// Where a question was first listed.
struct Place {
    entry: EntryId,
    file: String,
    line: usize,
}

/// Questions that differ only in case, accents, punctuation or spacing are the same question.
fn key(question: &str) -> String {
    let folded = normalize::fold(question);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

impl Loader {
    pub(super) fn apply_alternates(&mut self, faq: &mut Faq, file: &str, alt: Alternates) {
        let by_id = faq.position(&alt.entry);
        let by_title: Vec<EntryPos> = faq
            .positioned()
            .filter(|(_, e)| e.title == alt.entry)
            .map(|(pos, _)| pos)
            .collect();
        let target = match (by_id, by_title.as_slice()) {
            (Some(i), _) => i,
            (None, [i]) => *i,
            (None, []) => {
                // An id from before a heading was renamed, or before ids kept long headings whole.
                let longer: Vec<&str> = faq
                    .entries
                    .iter()
                    .map(|e| e.id.as_str())
                    .filter(|id| alt.entry.contains('/') && id.starts_with(&alt.entry))
                    .take(2)
                    .collect();
                let hint = match longer.as_slice() {
                    [id] => format!(" (did you mean {id:?}?)"),
                    _ => String::new(),
                };
                self.diagnostics.push(Diagnostic::error(
                    file,
                    Some(alt.line),
                    format!("no entry has the id or title {:?}; expected one that `faqbot check` lists{hint}", alt.entry),
                ));
                return;
            }
            (None, _) => {
                self.diagnostics.push(Diagnostic::error(
                    file,
                    Some(alt.line),
                    format!(
                        "{:?} is the title of more than one entry; name the entry by its id",
                        alt.entry
                    ),
                ));
                return;
            }
        };
        self.attach(faq, target, file, alt.questions);
    }

    /// Adds `questions` to the entry at `target`, warning about each that is over-long, listed for it
    /// already (the repeat is dropped) or listed for another entry too (the bot cannot tell which to answer).
    pub(super) fn attach(
        &mut self,
        faq: &mut Faq,
        target: EntryPos,
        file: &str,
        questions: Vec<Question>,
    ) {
        let id = &faq.at(target).id;
        let mut kept = Vec::with_capacity(questions.len());
        for question in questions {
            let text = question.text.trim();
            if text.is_empty() {
                continue;
            }
            let length = text.chars().count();
            if length > MAX_QUESTION_CHARS {
                let start: String = text.chars().take(40).collect();
                self.diagnostics.push(Diagnostic::warning(
                    file,
                    Some(question.line),
                    format!(
                        "the alternate question {start:?}… for {id:?} is {length} characters long; expected a question as people ask it (at most {MAX_QUESTION_CHARS})"
                    ),
                ));
            }
            let place = Place {
                entry: id.clone(),
                file: file.to_string(),
                line: question.line,
            };
            match self.asked.0.entry(key(text)) {
                hash_map::Entry::Vacant(vacant) => {
                    vacant.insert(place);
                }
                hash_map::Entry::Occupied(first) => {
                    let first = first.get();
                    let at = format!("{}:{}", first.file, first.line);
                    let repeat = first.entry == *id;
                    let message = if repeat {
                        format!(
                            "the question {text:?} is already listed for {id:?} at {at}; the repeat is ignored"
                        )
                    } else {
                        format!(
                            "the question {text:?} for {id:?} is also listed for {:?} at {at}; the bot cannot tell which of the two to answer",
                            first.entry
                        )
                    };
                    self.diagnostics
                        .push(Diagnostic::warning(file, Some(question.line), message));
                    if repeat {
                        continue;
                    }
                }
            }
            kept.push(question.text);
        }
        faq.entries[target.index()].questions.extend(kept);
    }
}
