//! Documents → sections: finds the headings of a plain-text or Markdown document and cuts it into sections.

use std::path::Path;

/// A section of a document: a heading (or the document's opening) and the text under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The headings from the document's top down to this one ("Guide", "Driving").
    pub heading_path: Vec<String>,
    /// The text under the heading, paragraphs separated by blank lines.
    pub body: String,
    /// The 1-based line of the heading (or of the first body line for an opening section).
    pub line: usize,
}

impl Section {
    /// The title shown to users: the heading path joined with " › ".
    pub fn title(&self) -> String {
        self.heading_path.join(crate::faq::HEADING_SEPARATOR)
    }
}

/// A parsed document: its title and its sections in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's own title: its title line or heading, else made from the file name.
    pub title: String,
    /// The sections, in the order they appear.
    pub sections: Vec<Section>,
}

/// The kinds of document the FAQ reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: headings are detected from the shape of the lines.
    Text,
    /// `.md` / `.markdown`: `#` headings of any level.
    Markdown,
}

impl Format {
    /// The format for a file path, or `None` when the file is not a document.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Parses `text` (the content of the file `name`) into a document.
pub fn parse(name: &str, text: &str, format: Format) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    match format {
        Format::Text => parse_text(name, &lines),
        Format::Markdown => parse_markdown(name, &lines),
    }
}

/// Collects the body lines of the section being read and closes it at the next heading.
struct Builder {
    sections: Vec<Section>,
    heading_path: Vec<String>,
    line: usize,
    body: Vec<String>,
    /// Still reading the text before the first heading.
    opening: bool,
}

impl Builder {
    fn new(title: &str) -> Builder {
        Builder {
            sections: Vec::new(),
            heading_path: vec![title.to_string()],
            line: 1,
            body: Vec::new(),
            opening: true,
        }
    }

    fn push_line(&mut self, line: &str, number: usize) {
        if self.body.is_empty() && line.trim().is_empty() {
            return;
        }
        if self.body.is_empty() && self.opening {
            self.line = number;
        }
        self.body.push(line.trim_end().to_string());
    }

    fn start(&mut self, heading_path: Vec<String>, number: usize) {
        self.finish();
        self.opening = false;
        self.heading_path = heading_path;
        self.line = number;
    }

    /// Closes the current section; an opening with no text is not a section.
    fn finish(&mut self) {
        let body = join_paragraphs(&self.body);
        self.body.clear();
        if body.is_empty() && self.opening {
            return;
        }
        self.sections.push(Section {
            heading_path: self.heading_path.clone(),
            body,
            line: self.line,
        });
    }

    fn into_sections(mut self) -> Vec<Section> {
        self.finish();
        self.sections
    }
}

/// Joins lines into paragraphs: one blank line between paragraphs, none at the ends.
fn join_paragraphs(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

fn parse_text(name: &str, lines: &[&str]) -> Document {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let title_line = first.filter(|&i| is_title_line(lines, i));
    let title = match title_line {
        Some(i) => lines[i].trim().to_string(),
        None => title_from_file_name(name),
    };
    let mut builder = Builder::new(&title);
    let start = title_line.map_or(0, |i| i + 1);
    for (i, line) in lines.iter().enumerate().skip(start) {
        if is_text_heading(lines, i) {
            builder.start(vec![line.trim().to_string()], i + 1);
        } else {
            builder.push_line(line, i + 1);
        }
    }
    Document {
        title,
        sections: builder.into_sections(),
    }
}

/// The first line is the document's title when it is heading-shaped and body text follows it.
fn is_title_line(lines: &[&str], i: usize) -> bool {
    is_heading_shaped(lines[i]) && next_is_body(lines, i)
}

/// A plain-text heading: a short line without sentence-ending punctuation, or a question, followed by body
/// text.
fn is_text_heading(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    if !follows_a_break(lines, i) {
        return false;
    }
    if is_question_heading(line) {
        return next_non_blank(lines, i).is_some_and(|n| !is_question_heading(lines[n].trim()));
    }
    is_heading_shaped(line) && next_is_body(lines, i)
}

/// A heading starts after a blank line or a finished sentence, never in the middle of a run of short lines.
fn follows_a_break(lines: &[&str], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|p| lines[p].trim()) else {
        return true;
    };
    previous.is_empty() || previous.ends_with(['.', '!', '?', ':', ';', '…', '"', '”', ')'])
}

fn is_question_heading(line: &str) -> bool {
    line.ends_with('?') && !is_list_item(line) && line.split_whitespace().count() <= 25
}

const MAX_HEADING_WORDS: usize = 16;
const MAX_HEADING_CHARS: usize = 120;

fn is_heading_shaped(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().last().unwrap_or(first);
    (first.is_uppercase() || first.is_numeric())
        && !matches!(last, '.' | '!' | ',' | ';' | ':' | '…' | '"' | '”')
        && !is_list_item(line)
        && line.split_whitespace().count() <= MAX_HEADING_WORDS
        && line.chars().count() <= MAX_HEADING_CHARS
}

/// Bullets and numbered items are body text however short they are.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '*', '•', '+', '–', '>']) {
        return true;
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

fn next_non_blank(lines: &[&str], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&n| !lines[n].trim().is_empty())
}

/// Body text follows: the next non-blank line is not itself heading-shaped.
fn next_is_body(lines: &[&str], i: usize) -> bool {
    next_non_blank(lines, i).is_some_and(|n| {
        let next = lines[n].trim();
        !is_heading_shaped(next) && !is_question_heading(next)
    })
}

/// "car-t_cell therapy.txt" → "Car T Cell Therapy".
pub fn title_from_file_name(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let words: Vec<String> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() {
        name.to_string()
    } else {
        words.join(" ")
    }
}

fn parse_markdown(name: &str, lines: &[&str]) -> Document {
    let headings = markdown_headings(lines);
    let title = match headings.first() {
        Some(&(i, 1, ref text)) if lines[..i].iter().all(|l| l.trim().is_empty()) => text.clone(),
        _ => title_from_file_name(name),
    };
    let mut builder = Builder::new(&title);
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut next = headings.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        match next.peek() {
            Some((at, level, text)) if *at == i => {
                stack.retain(|(l, _)| l < level);
                stack.push((*level, text.clone()));
                let path = stack.iter().map(|(_, t)| t.clone()).collect();
                builder.start(path, i + 1);
                next.next();
            }
            _ => builder.push_line(line, i + 1),
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

/// The ATX headings of a Markdown text, outside code fences: (line index, level, text).
fn markdown_headings(lines: &[&str]) -> Vec<(usize, usize, String)> {
    let mut headings = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if line.starts_with("    ") {
            continue;
        }
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&level) {
            continue;
        }
        let rest = &trimmed[level..];
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            continue;
        }
        let text = rest.trim().trim_end_matches('#').trim();
        if !text.is_empty() {
            headings.push((i, level, text.to_string()));
        }
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(doc: &Document) -> Vec<String> {
        doc.sections.iter().map(Section::title).collect()
    }

    #[test]
    fn text_headings_are_short_unpunctuated_lines() {
        let doc = parse(
            "guide.txt",
            "An opening paragraph that says what this is about.\nWhat is it?\nIt is a thing.\nGetting Started\nFirst do this. Then that.\n",
            Format::Text,
        );
        assert_eq!(titles(&doc), ["Guide", "What is it?", "Getting Started"]);
        assert_eq!(doc.sections[2].line, 4);
        assert_eq!(doc.sections[2].body, "First do this. Then that.");
    }

    #[test]
    fn text_title_line_names_the_document() {
        let doc = parse(
            "x.txt",
            "Living With CAR T\n\nAfter treatment you stay near the clinic.\n",
            Format::Text,
        );
        assert_eq!(doc.title, "Living With CAR T");
        assert_eq!(titles(&doc), ["Living With CAR T"]);
        assert_eq!(
            doc.sections[0].body,
            "After treatment you stay near the clinic."
        );
    }

    #[test]
    fn list_items_and_short_runs_are_body() {
        let doc = parse(
            "x.txt",
            "Signs to watch.\nFever\nChills\n- Confusion\nCall the team.\n",
            Format::Text,
        );
        assert_eq!(doc.sections.len(), 1);
        assert!(doc.sections[0].body.contains("- Confusion"));
    }

    #[test]
    fn a_trailing_short_line_is_not_a_heading() {
        let doc = parse("x.txt", "Some text here.\nThe End", Format::Text);
        assert_eq!(doc.sections.len(), 1);
    }

    #[test]
    fn markdown_heading_path() {
        let doc = parse(
            "g.md",
            "# Guide\n\nIntro text.\n\n## Driving\n\nNo driving for 8 weeks.\n\n```\n# not a heading\n```\n",
            Format::Markdown,
        );
        assert_eq!(doc.title, "Guide");
        assert_eq!(titles(&doc), ["Guide", "Guide › Driving"]);
        assert!(doc.sections[1].body.contains("# not a heading"));
        assert_eq!(doc.sections[1].line, 5);
    }

    #[test]
    fn markdown_parent_without_text_is_dropped() {
        let doc = parse("g.md", "# A\n## B\ntext\n", Format::Markdown);
        assert_eq!(titles(&doc), ["A › B"]);
    }

    #[test]
    fn markdown_text_before_first_heading_uses_file_name() {
        let doc = parse(
            "after-care.md",
            "Read this first.\n# Food\nEat well.\n",
            Format::Markdown,
        );
        assert_eq!(titles(&doc), ["After Care", "Food"]);
    }

    #[test]
    fn title_from_file_name_capitalises_words() {
        assert_eq!(
            title_from_file_name("car-t-cell-therapy.txt"),
            "Car T Cell Therapy"
        );
    }
}
