//! A document's sections as entries: the warnings about empty, over-long and repeated sections, and ids
//! unique within the document.

use super::{Document, Found, Loader, Pending, abbreviate};
use crate::faq::diagnostic::Diagnostic;
use crate::faq::document::{self, Format};
use crate::faq::ids;
use crate::faq::{Entry, EntryId, Source};

/// Sections longer than this get a warning: Telegram splits them into several messages.
const HUGE_SECTION_CHARS: usize = 3500;

impl Loader {
    /// A document's sections as entries, with ids unique within the document.
    pub(super) fn read_document(
        &mut self,
        found: &Found,
        shown: &str,
        text: &str,
        format: Format,
    ) -> Document {
        let name = found
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(shown);
        let doc = document::parse(name, text, format);
        let mut sections = Vec::with_capacity(doc.sections.len());
        for section in doc.sections {
            let title = section.title();
            if section.body.trim().is_empty() {
                self.diagnostics.push(Diagnostic::warning(
                    shown,
                    Some(section.line),
                    format!("section {title:?} has no text under its heading; skipped"),
                ));
                continue;
            }
            if section.body.chars().count() > HUGE_SECTION_CHARS {
                self.diagnostics.push(Diagnostic::warning(
                    shown,
                    Some(section.line),
                    format!(
                        "section {title:?} is {} characters long; answers over 4096 are sent as several messages",
                        section.body.chars().count()
                    ),
                ));
            }
            sections.push(section);
        }
        let paths: Vec<&[String]> = sections.iter().map(|s| s.heading_path.as_slice()).collect();
        let wanted = ids::section_ids(&found.base(name), &paths);
        let settled = ids::settle(wanted, |i| sections[i].body.as_str());
        for group in &settled.hashed {
            let first = &sections[group[0]];
            let lines: Vec<String> = group[1..]
                .iter()
                .map(|&i| sections[i].line.to_string())
                .collect();
            self.diagnostics.push(Diagnostic::warning(
                shown,
                Some(first.line),
                format!(
                    "{} sections have the heading {:?} (here and at line(s) {}); their ids end in a hash of their text, which changes when the text does: give them different headings",
                    group.len(),
                    first.title(),
                    abbreviate(&lines)
                ),
            ));
        }
        let mut skip = vec![false; sections.len()];
        for &(i, earlier) in &settled.duplicates {
            skip[i] = true;
            self.diagnostics.push(Diagnostic::warning(
                shown,
                Some(sections[i].line),
                format!(
                    "section {:?} is a duplicate of {shown}:{} (same heading and text); skipped",
                    sections[i].title(),
                    sections[earlier].line
                ),
            ));
        }
        let entries = sections
            .into_iter()
            .zip(settled.ids)
            .zip(skip)
            .map(|((section, id), skip)| {
                let title = section.title();
                let mut body = section.body;
                // A FAQ of 100 000 entries is mostly text: keep no spare capacity.
                body.shrink_to_fit();
                Pending {
                    entry: Entry {
                        id: EntryId::new(id),
                        title,
                        body,
                        source: shown.to_string(),
                        line: section.line,
                        document: doc.title.clone(),
                        questions: Vec::new(),
                    },
                    explicit: false,
                    skip,
                    questions: Vec::new(),
                }
            })
            .collect();
        Document {
            relative: found.relative.clone(),
            source: Source {
                file: shown.to_string(),
                title: doc.title,
                entries: 0,
            },
            entries,
        }
    }
}
