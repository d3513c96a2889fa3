//! Documents → sections: finds the headings of a plain-text or Markdown document and cuts it into sections.
//!
//! Each format reads its headings its own way (`plain`, `markdown`) from line shapes they share (`lines`:
//! underlines, rules, list items, table rows), after HTML tags are taken out (`tags`); this file holds what
//! they have in common: the sections they build and the title made from a file name.

use std::path::Path;

mod lines;
mod markdown;
mod plain;
pub(crate) mod tags;

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
        Format::Text => {
            let stripped = tags::strip_lines(&lines, |_| false);
            let stripped: Vec<&str> = stripped.iter().map(|l| l.as_ref()).collect();
            plain::parse(name, &stripped)
        }
        Format::Markdown => markdown::parse(name, &lines),
    }
}

/// What a line of a document is, once its neighbours are known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// Text of the section it is in.
    Body,
    /// The first line of a heading: its level (1 for `#` and `===`) and text.
    Heading { level: usize, text: String },
    /// A further line of a heading: a Setext underline, or a Markdown heading's second line.
    Part,
    /// A rule (`---`, `***`): it ends a paragraph and is not shown.
    Rule,
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
