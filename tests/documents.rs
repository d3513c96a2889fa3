//! Documents and the normaliser on arbitrary input: any Unicode, any arrangement of headings, underlines,
//! rules, lists, tables, fences and HTML tags parses and loads without a panic, and a large document loads
//! with the work bounded by its size.

use std::fs;

use faqbot::faq::Faq;
use faqbot::faq::document::{Format, parse};
use faqbot::text::normalize;
use proptest::prelude::*;

/// Lines that mean something to one of the parsers, and some that only look as if they might.
const SHAPES: &[&str] = &[
    "# Heading",
    "## Sub heading",
    "###### Deep",
    "#",
    "#no space",
    "===",
    "---",
    "- - -",
    "***",
    "___",
    "=",
    "--",
    "- item",
    "1. item",
    "| a | b |",
    "|---|---|",
    "> quote",
    "```",
    "~~~",
    "    code",
    "\tcode",
    "<b>",
    "</i>",
    "<br/>",
    "<a href=\"x>y\">",
    "<a href='",
    "<!--",
    "-->",
    "<",
    ">",
    "<5 days",
    "",
    "   ",
    "Title",
    "What is it?",
    "Body text.",
    "a line that goes on",
    "İ",
    "\u{2126}",
    "\u{200B}",
    "\u{FEFF}",
    "😀",
    "\r",
    "Ünïcödé Heading",
    "شفاء الخلايا",
    "(CRS) (ABC) ((((",
    "x:",
    "...",
    "…",
];

/// A line: one of the shapes, arbitrary text, or both glued together.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(SHAPES).prop_map(str::to_string),
        1 => "\\PC{0,40}",
        1 => (prop::sample::select(SHAPES), "\\PC{0,20}").prop_map(|(a, b)| format!("{a}{b}")),
        1 => ("\\PC{0,20}", prop::sample::select(SHAPES)).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..60).prop_map(|lines| lines.join("\n"))
}

/// Every section of a parsed document names a line of it and has a heading; sections come in order.
fn check_sections(text: &str, format: Format) {
    let doc = parse("doc", text, format);
    assert!(
        !doc.title.trim().is_empty() || doc.title == "doc",
        "{doc:?}"
    );
    let count = text.lines().count().max(1);
    let mut previous = 0;
    for section in &doc.sections {
        assert!(
            (1..=count).contains(&section.line),
            "{section:?} of {count} lines"
        );
        assert!(section.line >= previous, "{doc:?}");
        previous = section.line;
        assert!(!section.heading_path.is_empty(), "{section:?}");
        assert_eq!(section.body.trim_end(), section.body, "{section:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_line_structure_parses_in_both_formats(text in document()) {
        check_sections(&text, Format::Markdown);
        check_sections(&text, Format::Text);
    }

    #[test]
    fn any_unicode_parses_in_both_formats(text in any::<String>()) {
        check_sections(&text, Format::Markdown);
        check_sections(&text, Format::Text);
    }

    #[test]
    fn the_normaliser_takes_any_unicode(text in any::<String>()) {
        for token in normalize::tokens(&text) {
            prop_assert!(!token.word.is_empty());
        }
        let _ = normalize::fold(&text);
        normalize::raw_words(&text, |raw, _| {
            let _ = normalize::word_tokens(raw);
            let _ = normalize::stem_word(raw);
        });
        prop_assert!(normalize::message_head(&text).chars().count() <= normalize::MAX_MESSAGE_CHARS);
    }

    #[test]
    fn the_normaliser_takes_any_document_line(text in document()) {
        let _ = normalize::tokens(&text);
        let _ = normalize::fold(&text);
    }
}

proptest! {
    // Each case writes a folder to disk: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_folder_of_any_documents_loads_or_names_its_errors(
        docs in prop::collection::vec((document(), any::<bool>()), 1..6)
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, (text, markdown)) in docs.iter().enumerate() {
            let ext = if *markdown { "md" } else { "txt" };
            fs::write(dir.path().join(format!("d{i}.{ext}")), text).unwrap();
        }
        match Faq::load(&[dir.path().to_path_buf()], &[]) {
            Ok(faq) => {
                for entry in &faq.entries {
                    prop_assert!(!entry.body.trim().is_empty());
                    prop_assert!(entry.line >= 1);
                }
            }
            Err(err) => {
                for d in &err.diagnostics {
                    prop_assert!(!d.message.is_empty());
                }
            }
        }
    }
}

/// 100 000 lines of every shape, repeated: loading does work in proportion (a quadratic step would take
/// hours here, and the test would not finish).
#[test]
fn a_hundred_thousand_line_document_of_every_shape_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut n = 0;
    while n < 100_000 {
        for shape in SHAPES {
            text.push_str(shape);
            text.push('\n');
            n += 1;
        }
        // Distinct headings of both kinds, so that the document has many sections.
        text.push_str(&format!(
            "Section {n}\n---\nText of section {n}.\n\n## Part {n}\n\nMore.\n\n"
        ));
        n += 8;
    }
    fs::write(dir.path().join("big.md"), &text).unwrap();
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let faq = Faq::load(&[dir.path().to_path_buf()], &[]).unwrap();
    // Two blocks in three are inside a code fence: one opened by a block's "```" and closed by the next
    // block's, then one opened there by "~~~" and closed by the third block's.
    let sections = faq
        .entries
        .iter()
        .filter(|e| e.title.contains("Part "))
        .count();
    assert!(sections > 500, "{sections}");
}

/// Pathological single structures: one paragraph of 100 000 lines under an underline, a line of 200 000
/// unclosed tags and comment openers, 100 000 underlines in a row.
#[test]
fn long_runs_of_one_structure_load() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = format!("{}---\nText.\n", "Word and more\n".repeat(100_000));
    let tags = format!("Tags\n\n{}\n", "<a <!-- <b href=\"".repeat(200_000 / 4));
    let underlines = format!("Heading\n{}Text.\n", "---\n===\n".repeat(50_000));
    for (name, text) in [
        ("paragraph", &paragraph),
        ("tags", &tags),
        ("underlines", &underlines),
    ] {
        fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
        fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    let faq = Faq::load(&[dir.path().to_path_buf()], &[]).unwrap();
    assert!(faq.entries.len() >= 6, "{}", faq.entries.len());
    let heading = faq.entries.iter().find(|e| e.title == "Heading").unwrap();
    assert_eq!(heading.body, "Text.");
}
