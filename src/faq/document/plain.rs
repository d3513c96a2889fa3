//! Plain-text documents: headings found from the shape of the lines, or underlined Setext-style.
//!
//! An underline (`===` level 1, `---` level 2) makes a heading of the line above when that line stands
//! alone, or starts after a finished sentence without ending like one itself. A `---` under the last line of
//! a paragraph is read as a separator, the way a writer of plain text means it. Headings are flat, except
//! that sections after a level-1 heading (other than the document's title) take it as their parent.

use super::lines::{self, MAX_HEADING_CHARS};
use super::{Builder, Document, Mark, title_from_file_name};

pub(super) fn parse(name: &str, lines: &[&str]) -> Document {
    let marks = marks(lines);
    // A rule above the first line boxes a title in ("=====\nTitle\n=====") rather than starting the text.
    let first = (0..lines.len()).find(|&i| !lines[i].trim().is_empty() && marks[i] != Mark::Rule);
    let title_line = first.filter(|&i| match &marks[i] {
        Mark::Heading { .. } => true,
        Mark::Body => is_title_line(lines, &marks, i),
        Mark::Part | Mark::Rule => false,
    });
    let title = match title_line {
        Some(i) => heading_text(lines, &marks, i),
        None => title_from_file_name(name),
    };
    let mut builder = Builder::new(&title);
    // The level-1 heading the sections below belong to.
    let mut part: Option<String> = None;
    let start = title_line.map_or(0, |i| i + 1);
    for (i, line) in lines.iter().enumerate().skip(start) {
        match &marks[i] {
            Mark::Heading { level: 1, text } => {
                part = Some(text.clone());
                builder.start(vec![text.clone()], i + 1);
            }
            Mark::Heading { text, .. } => {
                let path = part.iter().cloned().chain([text.clone()]).collect();
                builder.start(path, i + 1);
            }
            Mark::Part => {}
            Mark::Rule => builder.push_line("", i + 1),
            Mark::Body if is_text_heading(lines, &marks, i) => {
                let path = part.iter().cloned().chain([line.trim().to_string()]);
                builder.start(path.collect(), i + 1);
            }
            Mark::Body => builder.push_line(line, i + 1),
        }
    }
    Document {
        title,
        sections: builder.into_sections(),
    }
}

fn heading_text(lines: &[&str], marks: &[Mark], i: usize) -> String {
    match &marks[i] {
        Mark::Heading { text, .. } => text.clone(),
        _ => lines[i].trim().to_string(),
    }
}

/// Underlined headings, their underlines and rules; everything else is `Body` until its shape is read.
fn marks(lines: &[&str]) -> Vec<Mark> {
    let mut marks = vec![Mark::Body; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if let Some(level) = lines::underline(line)
            && i > 0
            && marks[i - 1] == Mark::Body
            && can_be_underlined(lines, &marks, i - 1)
        {
            let text = lines[i - 1].trim().to_string();
            marks[i - 1] = Mark::Heading { level, text };
            marks[i] = Mark::Part;
            continue;
        }
        if lines::rule(line).is_some() {
            marks[i] = Mark::Rule;
        }
    }
    marks
}

/// A line an underline makes a heading of: not a list item or table row, not long, and not the end of a
/// paragraph.
fn can_be_underlined(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    let line = lines[i].trim();
    if line.is_empty()
        || lines::is_list_item(line)
        || lines::is_table_row(line)
        || line.chars().count() > MAX_HEADING_CHARS
    {
        return false;
    }
    stands_alone(lines, marks, i)
        || (follows_a_break(lines, marks, i) && !line.ends_with(['.', ',', ';', '!', '…']))
}

/// The line before is blank, a rule or a heading's underline, or there is none.
fn stands_alone(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    i == 0 || lines[i - 1].trim().is_empty() || matches!(marks[i - 1], Mark::Part | Mark::Rule)
}

/// The first line is the document's title when it is heading-shaped and body text follows it.
fn is_title_line(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    is_heading_shaped(lines[i]) && next_is_body(lines, marks, i)
}

/// A plain-text heading: a short line without sentence-ending punctuation, or a question, followed by body
/// text.
fn is_text_heading(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    let line = lines[i].trim();
    if !follows_a_break(lines, marks, i) {
        return false;
    }
    if is_question_heading(line) {
        return next_non_blank(lines, i).is_some_and(|n| {
            marks[n] != Mark::Rule
                && !matches!(marks[n], Mark::Heading { .. })
                && !is_question_heading(lines[n].trim())
        });
    }
    is_heading_shaped(line) && next_is_body(lines, marks, i)
}

/// A heading starts after a blank line or a finished sentence, never in the middle of a run of short lines.
fn follows_a_break(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    if stands_alone(lines, marks, i) {
        return true;
    }
    let previous = lines[i - 1].trim();
    previous.ends_with(['.', '!', '?', ':', ';', '…', '"', '”', ')'])
}

fn is_question_heading(line: &str) -> bool {
    line.ends_with('?') && !lines::is_list_item(line) && line.split_whitespace().count() <= 25
}

const MAX_HEADING_WORDS: usize = 16;

fn is_heading_shaped(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().last().unwrap_or(first);
    (first.is_uppercase() || first.is_numeric())
        && !matches!(last, '.' | '!' | ',' | ';' | ':' | '…' | '"' | '”')
        && !lines::is_list_item(line)
        && line.split_whitespace().count() <= MAX_HEADING_WORDS
        && line.chars().count() <= MAX_HEADING_CHARS
}

fn next_non_blank(lines: &[&str], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&n| !lines[n].trim().is_empty())
}

/// Body text follows: the next non-blank line is not itself a heading, nor a rule ending the section.
fn next_is_body(lines: &[&str], marks: &[Mark], i: usize) -> bool {
    next_non_blank(lines, i).is_some_and(|n| {
        let next = lines[n].trim();
        marks[n] == Mark::Body && !is_heading_shaped(next) && !is_question_heading(next)
    })
}

#[cfg(test)]
mod tests {
    use crate::faq::document::{Format, parse};

    fn titles(text: &str) -> Vec<String> {
        let doc = parse("g.txt", text, Format::Text);
        doc.sections.iter().map(|s| s.title()).collect()
    }

    #[test]
    fn an_underlined_line_is_a_heading_whatever_its_shape() {
        assert_eq!(
            titles("Intro text.\n\nwhat to pack:\n---\nClothes.\n"),
            ["G", "what to pack:"]
        );
        // After a finished sentence, a line that does not end like one.
        assert_eq!(titles("Intro text.\nDriving\n---\nNo.\n"), ["G", "Driving"]);
        let boxed = parse(
            "g.txt",
            "=====\nCAR T FAQ\n=====\n\nText.\n\nFood\n----\nEat.\n",
            Format::Text,
        );
        assert_eq!(boxed.title, "CAR T FAQ");
        let titles: Vec<String> = boxed.sections.iter().map(|s| s.title()).collect();
        assert_eq!(titles, ["CAR T FAQ", "Food"]);
    }

    #[test]
    fn an_underline_under_a_paragraph_line_is_a_separator() {
        for text in [
            "Intro text.\nMore text.\n---\nAfter.\n",
            "intro text that\ngoes on\n---\nAfter.\n",
            "- a list item\n---\nAfter.\n",
            "| a | b |\n===\nAfter.\n",
            "Intro.\n\n***\n\nAfter.\n",
        ] {
            assert_eq!(titles(text), ["G"], "{text:?}");
            let doc = parse("g.txt", text, Format::Text);
            let body = &doc.sections[0].body;
            assert!(body.ends_with("\n\nAfter."), "{text:?} → {body:?}");
            assert!(!body.contains("---") && !body.contains("==="), "{body:?}");
        }
    }
}
