//! Markdown documents: `#` (ATX) and underlined (Setext) headings outside code, and the heading path they
//! build.
//!
//! As in CommonMark, an underline (`===` level 1, `---` level 2) makes a heading of the paragraph right above
//! it, and a `---` with no paragraph above (after a blank line, a list, a table or a quote) is a rule. One
//! departure: a paragraph over [`MAX_HEADING_CHARS`] is not made a heading; its underline is read as a rule,
//! as its writer most likely meant.

use super::lines::{self, MAX_HEADING_CHARS};
use super::{Builder, Document, Mark, tags, title_from_file_name};

pub(super) fn parse(name: &str, lines: &[&str]) -> Document {
    let fenced = fenced(lines);
    // Tags are markup outside code; inside it they are what the code says.
    let stripped = tags::strip_lines(lines, |i| fenced[i]);
    let lines: Vec<&str> = stripped.iter().map(|l| l.as_ref()).collect();
    let marks = marks(&lines, &fenced);
    let first = marks.iter().position(|m| matches!(m, Mark::Heading { .. }));
    let title = match first.map(|i| (i, &marks[i])) {
        Some((i, Mark::Heading { level: 1, text }))
            if (0..i).all(|j| marks[j] == Mark::Part || lines[j].trim().is_empty()) =>
        {
            text.clone()
        }
        _ => title_from_file_name(name),
    };
    let mut builder = Builder::new(&title);
    let mut stack: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match &marks[i] {
            Mark::Heading { level, text } => {
                stack.retain(|(l, _)| l < level);
                stack.push((*level, text.clone()));
                let path = stack.iter().map(|(_, t)| t.clone()).collect();
                builder.start(path, i + 1);
            }
            Mark::Part => {}
            Mark::Rule => builder.push_line("", i + 1),
            Mark::Body => builder.push_line(line, i + 1),
        }
    }
    let mut sections = builder.into_sections();
    // A heading whose text is all in its sub-sections is not a section of its own.
    let mut keep = Vec::with_capacity(sections.len());
    for (i, section) in sections.iter().enumerate() {
        let is_parent = sections
            .get(i + 1)
            .is_some_and(|n| n.heading_path.len() > section.heading_path.len());
        keep.push(!(section.body.is_empty() && is_parent));
    }
    let mut keep = keep.into_iter();
    sections.retain(|_| keep.next().unwrap_or(true));
    Document { title, sections }
}

/// Which lines are inside a ``` or ~~~ code fence, the fences included.
fn fenced(lines: &[&str]) -> Vec<bool> {
    let mut fence: Option<&str> = None;
    lines
        .iter()
        .map(|line| {
            let trimmed = line.trim_start();
            match fence {
                Some(open) => {
                    if trimmed.starts_with(open) {
                        fence = None;
                    }
                    true
                }
                None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                    fence = Some(&trimmed[..3]);
                    true
                }
                None => false,
            }
        })
        .collect()
}

/// Where the paragraph that an underline would make a heading stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paragraph {
    /// None open: the next text line starts one.
    Closed,
    /// Open since this line.
    Open(usize),
    /// Text that continues a list item, table or quote: never a heading.
    Blocked,
}

/// The headings, their further lines and the rules of a Markdown text, outside code.
fn marks(lines: &[&str], fenced: &[bool]) -> Vec<Mark> {
    let mut marks = vec![Mark::Body; lines.len()];
    let front = front_matter(lines);
    marks[..front].fill(Mark::Part);
    let mut paragraph = Paragraph::Closed;
    for (i, line) in lines.iter().enumerate().skip(front) {
        if fenced[i] || line.trim().is_empty() {
            paragraph = Paragraph::Closed;
            continue;
        }
        if let (Some(level), Paragraph::Open(start)) = (lines::underline(line), paragraph)
            && let Some(text) = setext_text(&lines[start..i])
        {
            marks[start] = Mark::Heading { level, text };
            marks[start + 1..=i].fill(Mark::Part);
            paragraph = Paragraph::Closed;
            continue;
        }
        if lines::rule(line).is_some_and(|c| c != '=') {
            marks[i] = Mark::Rule;
            paragraph = Paragraph::Closed;
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            // Indented code, or the continuation of an open paragraph.
            if paragraph == Paragraph::Closed {
                continue;
            }
        } else if let Some((level, text)) = atx(line) {
            marks[i] = Mark::Heading { level, text };
            paragraph = Paragraph::Closed;
            continue;
        }
        let trimmed = line.trim_start();
        if lines::is_list_item(trimmed) || lines::is_table_row(trimmed) {
            paragraph = Paragraph::Blocked;
        } else if paragraph == Paragraph::Closed {
            paragraph = Paragraph::Open(i);
        }
    }
    marks
}

/// How many lines a YAML front matter block takes: `---` on the first line, `key: value` lines with no blank
/// among them, and a closing `---` or `...`. It is data for site generators, not text to answer with, and
/// its closing `---` would otherwise underline its last line into a heading. A document that merely starts
/// with a rule has a blank line or plain text before its next one.
fn front_matter(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    let mut keys = false;
    for (i, line) in lines.iter().enumerate().skip(1) {
        match line.trim_end() {
            "---" | "..." => return if keys { i + 1 } else { 0 },
            "" => return 0,
            text if text.contains(':') => keys = true,
            text if text.starts_with([' ', '-']) => {}
            _ => return 0,
        }
    }
    0
}

/// An ATX heading's level and text; `None` for other lines and for a heading with no text.
fn atx(line: &str) -> Option<(usize, String)> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim();
    (!text.is_empty())
        .then(|| text.to_string())
        .map(|text| (level, text))
}

/// The heading a paragraph makes when underlined: its lines joined, unless that is too long for a heading.
fn setext_text(paragraph: &[&str]) -> Option<String> {
    let mut text = String::new();
    for line in paragraph {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line.trim());
        if text.chars().count() > MAX_HEADING_CHARS {
            return None;
        }
    }
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use crate::faq::document::{Format, parse};

    fn titles(text: &str) -> Vec<String> {
        let doc = parse("g.md", text, Format::Markdown);
        doc.sections.iter().map(|s| s.title()).collect()
    }

    #[test]
    fn a_rule_is_no_underline_after_a_blank_a_list_a_table_or_a_quote() {
        for text in [
            "Intro.\n\n---\n\nMore.\n",
            "- item\n---\nMore.\n",
            "- item\ncontinued\n---\nMore.\n",
            "| a | b |\n---\nMore.\n",
            "> quoted\n---\nMore.\n",
            "***\nMore.\n",
            "```\nText\n---\n```\n",
        ] {
            assert_eq!(titles(text), ["G"], "{text:?}");
            let doc = parse("g.md", text, Format::Markdown);
            let fenced = text.starts_with("```");
            assert_eq!(doc.sections[0].body.contains("---"), fenced, "{text:?}");
        }
    }

    #[test]
    fn front_matter_is_neither_shown_nor_a_heading() {
        let doc = parse(
            "g.md",
            "---\ntitle: Guide\ntags: [a]\n---\n# Guide\n\nIntro.\n",
            Format::Markdown,
        );
        assert_eq!(doc.title, "Guide");
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].body, "Intro.");
        // A rule at the top is a rule, whatever follows.
        assert_eq!(titles("---\nText.\n"), ["G"]);
        assert_eq!(titles("---\n\nIntro.\n\n---\nMore.\n"), ["G"]);
        // Plain text between two rules is no front matter: as in CommonMark, the second underlines it.
        assert_eq!(titles("---\nIntro.\n---\nMore.\n"), ["Intro."]);
    }

    #[test]
    fn an_underlined_paragraph_is_a_heading_unless_it_is_long() {
        assert_eq!(titles("Two\nlines\n===\ntext\n"), ["Two lines"]);
        let long = format!("{}\n---\ntext\n", "word ".repeat(30));
        let doc = parse("g.md", &long, Format::Markdown);
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(
            doc.sections[0].body,
            format!("{}\n\ntext", "word ".repeat(30).trim_end())
        );
        // `===` after a blank line is text, not a rule.
        assert_eq!(
            parse("g.md", "a\n\n===\n", Format::Markdown).sections[0].body,
            "a\n\n==="
        );
    }
}
