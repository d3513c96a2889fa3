//! Reading FAQ folders: both kinds of document, data files, and every kind of bad file. Stable ids are in
//! `ids.rs`, document formats and data-file warnings in `formats.rs`.

mod formats;
mod ids;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use faqbot::faq::diagnostic::{Diagnostic, Severity};
use faqbot::faq::{Entry, Faq, LoadError};
use faqbot::text::normalize::tokens;

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn load(dir: &Path) -> Result<Faq, LoadError> {
    Faq::load(&[dir.to_path_buf()], &[])
}

fn ids(faq: &Faq) -> Vec<&str> {
    faq.entries.iter().map(|e| e.id.as_str()).collect()
}

/// Each entry's id by its title (titles are unique in these tests).
fn ids_by_title(faq: &Faq) -> HashMap<String, String> {
    faq.entries
        .iter()
        .map(|e| (e.title.clone(), e.id.to_string()))
        .collect()
}

fn assert_unique(faq: &Faq) {
    let unique: HashSet<&str> = ids(faq).into_iter().collect();
    assert_eq!(unique.len(), faq.entries.len(), "{:?}", ids(faq));
}

fn errors(err: LoadError) -> Vec<Diagnostic> {
    err.diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn shipped_faq_has_the_seed_sections() {
    let faq = Faq::load(&[PathBuf::from("faq")], &[]).unwrap();
    let seed: Vec<&str> = faq
        .entries
        .iter()
        .filter(|e| e.source.ends_with("car-t-cell-therapy.txt"))
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(seed.len(), 8, "{seed:?}");
    assert_eq!(seed[0], "Car T Cell Therapy");
    assert_eq!(seed[1], "What is CAR T-Cell Therapy?");
    assert_eq!(seed[7], "The Future of CAR T-Cell Therapy");
    assert!(faq.warnings.is_empty(), "{:?}", faq.warnings);
}

#[test]
fn shipped_document_is_the_shared_one_verbatim() {
    let shared = Path::new("../shared/car-t-cell-therapy.txt");
    if shared.exists() {
        assert_eq!(
            fs::read(shared).unwrap(),
            fs::read("faq/car-t-cell-therapy.txt").unwrap()
        );
    }
}

#[test]
fn reads_markdown_and_text_recursively_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "b/guide.md",
        "# Guide\n\nIntro.\n\n## Driving\n\nNo driving for 8 weeks.\n",
    );
    write(
        dir.path(),
        "a.txt",
        "Some opening text.\nWhat should I pack?\nClothes and a charger.\n",
    );
    write(dir.path(), "notes.pdf", "ignored");
    write(dir.path(), ".hidden.md", "# Hidden\ntext\n");
    let faq = load(dir.path()).unwrap();
    let titles: Vec<&str> = faq.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["A", "What should I pack?", "Guide", "Guide › Driving"]
    );
    let driving = faq
        .entries
        .iter()
        .find(|e| e.title == "Guide › Driving")
        .unwrap();
    assert_eq!(driving.id, "b/guide/driving");
    assert_eq!(driving.line, 5);
    assert_eq!(driving.document, "Guide");
}

#[test]
fn alternate_questions_attach_by_id_and_title() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "# Food\nEat well.\n# Sleep\nRest.\n");
    write(
        dir.path(),
        "questions.toml",
        "[[alternates]]\nentry = \"doc/food\"\nquestions = [\"what can I eat\"]\n\n[[alternates]]\nentry = \"Sleep\"\nquestions = [\"how much rest\"]\n\n[[entry]]\ntitle = \"Who to call\"\nquestions = [\"phone number\"]\nanswer = \"Your care team.\"\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(faq.entry("doc/food").unwrap().questions, ["what can I eat"]);
    assert_eq!(faq.entry("doc/sleep").unwrap().questions, ["how much rest"]);
    let hand = faq.entries.last().unwrap();
    assert_eq!(hand.title, "Who to call");
    assert_eq!(hand.body, "Your care team.");
    assert!(hand.id.ends_with("/who-to-call"), "{}", hand.id);
}

#[test]
fn alternate_for_a_missing_entry_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "# Food\nEat well.\n");
    write(
        dir.path(),
        "questions.toml",
        "\n[[alternates]]\nentry = \"doc/nope\"\nquestions = [\"x\"]\n",
    );
    let errs = errors(load(dir.path()).unwrap_err());
    assert_eq!(errs.len(), 1);
    assert!(errs[0].file.ends_with("questions.toml"));
    assert_eq!(errs[0].line, Some(3));
    assert!(errs[0].message.contains("doc/nope"));
}

#[test]
fn invalid_toml_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "# Food\nEat well.\n");
    write(
        dir.path(),
        "questions.toml",
        "[[alternates]]\nentry = \"doc/food\nquestions = []\n",
    );
    let errs = errors(load(dir.path()).unwrap_err());
    assert_eq!(errs[0].line, Some(2), "{}", errs[0]);
    assert!(errs[0].message.contains("invalid TOML"));
}

#[test]
fn binary_and_non_utf8_files_are_errors_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", "# Food\nEat well.\n");
    write(dir.path(), "binary.txt", b"line one\nline two\0\x01\x02");
    write(dir.path(), "latin1.txt", b"Caf\xe9 au lait\n");
    let err = load(dir.path()).unwrap_err();
    let errs = errors(err.clone());
    assert_eq!(errs.len(), 2, "{err}");
    let binary = errs
        .iter()
        .find(|d| d.file.ends_with("binary.txt"))
        .unwrap();
    assert_eq!(binary.line, Some(2));
    assert!(binary.message.contains("binary"));
    let latin = errs
        .iter()
        .find(|d| d.file.ends_with("latin1.txt"))
        .unwrap();
    assert_eq!(latin.line, Some(1));
    assert!(latin.message.contains("UTF-8"));
    assert!(err.to_string().contains("latin1.txt:1"));
}

#[test]
fn empty_files_and_sections_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", "  \n\n");
    write(dir.path(), "doc.md", "# Food\nEat well.\n# Nothing here\n");
    let faq = load(dir.path()).unwrap();
    assert_eq!(faq.entries.len(), 1);
    let messages: Vec<String> = faq.warnings.iter().map(|d| d.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("empty.txt") && m.contains("empty")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("doc.md:3") && m.contains("no text")),
        "{messages:?}"
    );
}

#[test]
fn sections_with_the_same_heading_get_a_hash_of_their_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "doc.md",
        "# Food\nEat well.\n# Food\nAnd drink.\n",
    );
    let faq = load(dir.path()).unwrap();
    let ids = ids(&faq);
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    for id in &ids {
        let hash = id
            .strip_prefix("doc/food-")
            .unwrap_or_else(|| panic!("{id}"));
        assert!(
            hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
    assert!(
        faq.warnings
            .iter()
            .any(|w| w.message.contains("hash of their text")),
        "{:?}",
        faq.warnings
    );
    assert!(faq.warnings.iter().any(|w| w.message.contains("also used")));
}

#[test]
fn an_identical_section_is_a_duplicate_named_with_the_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "doc.md",
        "# Food\nEat well.\n# Sleep\nRest.\n# Food\nEat well.\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(ids(&faq), ["doc/food", "doc/sleep"]);
    let duplicate = faq
        .warnings
        .iter()
        .find(|w| w.message.contains("duplicate"))
        .unwrap_or_else(|| panic!("{:?}", faq.warnings));
    assert_eq!(duplicate.line, Some(5), "{duplicate}");
    assert!(duplicate.message.contains("doc.md:1"), "{duplicate}");
}

#[test]
fn duplicate_hand_written_id_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "# Food\nEat well.\n");
    write(
        dir.path(),
        "questions.toml",
        "[[entry]]\nid = \"doc/food\"\ntitle = \"Food\"\nanswer = \"x\"\n",
    );
    let errs = errors(load(dir.path()).unwrap_err());
    assert_eq!(errs[0].line, Some(3));
}

#[test]
fn missing_folder_and_no_documents_are_errors() {
    let missing = Faq::load(&[PathBuf::from("/nonexistent/faq")], &[]).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/faq"));
    let dir = tempfile::tempdir().unwrap();
    let empty = load(dir.path()).unwrap_err();
    assert!(empty.to_string().contains("no entries"));
}

#[test]
fn hostile_documents_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = [
        "#\n##\n###### \n# \u{200B}\n",
        "?\n?\n?\n",
        "A\n\n\n\nB\n",
        "- a\n1. b\n> c\n",
        "```\n# fenced\n",
        "\u{FEFF}Title\nBody text.\n",
        "Ünïcödé Heading\nشفاء الخلايا التائية. \nעברית\n",
        "(ABC) (AB) () ( ) (((((\n",
        "x\r\ny\r\nHeading\r\nbody.\r\n",
    ];
    for (i, text) in nasty.iter().enumerate() {
        write(dir.path(), &format!("n{i}.md"), text);
        write(dir.path(), &format!("n{i}.txt"), text);
    }
    write(dir.path(), "long.txt", "word ".repeat(200_000));
    let faq = load(dir.path()).unwrap();
    assert!(!faq.entries.is_empty());
}
