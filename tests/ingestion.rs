//! Reading FAQ folders: both kinds of document, data files, and every kind of bad file.

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
        .map(|e| (e.title.clone(), e.id.clone()))
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

/// A guide whose long `#` title is every section's parent, with the `##` sections in the given order.
fn guide(sections: &[&str]) -> String {
    let mut text = String::from(
        "# Living with CAR T-Cell Therapy: A Practical Guide for Patients and Their Families\n\nRead this first.\n",
    );
    for heading in sections {
        text.push_str(&format!(
            "\n## {heading}\n\nWhat to know about {heading}.\n"
        ));
    }
    text
}

const GUIDE_SECTIONS: [&str; 5] = ["Driving", "Food", "Infections", "Work", "Travel"];

#[test]
fn a_long_markdown_title_keeps_each_section_heading_in_its_id() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", guide(&GUIDE_SECTIONS));
    let faq = load(dir.path()).unwrap();
    let ids = ids(&faq);
    assert_eq!(
        ids[1..],
        [
            "guide/driving",
            "guide/food",
            "guide/infections",
            "guide/work",
            "guide/travel"
        ]
    );
    // The opening is titled by the long heading itself: a readable prefix and a hash of the whole.
    let (prefix, hash) = ids[0].rsplit_once('-').unwrap();
    assert!(
        prefix.starts_with("guide/living-with-car-t-cell-therapy-a-practical"),
        "{}",
        ids[0]
    );
    assert!(
        hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{}",
        ids[0]
    );
    assert!(faq.warnings.is_empty(), "{:?}", faq.warnings);
}

#[test]
fn inserting_a_section_keeps_every_other_id() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", guide(&GUIDE_SECTIONS));
    write(
        dir.path(),
        "notes.txt",
        "Some notes.\n\nParking\nUse the east car park.\n",
    );
    let before = ids_by_title(&load(dir.path()).unwrap());
    write(
        dir.path(),
        "guide.md",
        guide(&["Driving", "Food", "Sleep", "Infections", "Work", "Travel"]),
    );
    let faq = load(dir.path()).unwrap();
    assert_unique(&faq);
    let after = ids_by_title(&faq);
    assert_eq!(after.len(), before.len() + 1);
    for (title, id) in &before {
        assert_eq!(after.get(title), Some(id), "{title}");
    }
}

#[test]
fn reordering_sections_keeps_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", guide(&GUIDE_SECTIONS));
    let before = ids_by_title(&load(dir.path()).unwrap());
    write(
        dir.path(),
        "guide.md",
        guide(&["Travel", "Work", "Driving", "Infections", "Food"]),
    );
    assert_eq!(ids_by_title(&load(dir.path()).unwrap()), before);
}

#[test]
fn headings_with_a_long_shared_prefix_are_told_apart_and_stay_put() {
    let dir = tempfile::tempdir().unwrap();
    let heading = |topic: &str| {
        format!(
            "What you should know in the first weeks after the infusion of CAR T cells about {topic}"
        )
    };
    let section = |topic: &str| format!("## {}\n\nAbout {topic}.\n\n", heading(topic));
    let both = format!("{}{}", section("driving"), section("food"));
    write(dir.path(), "faq.md", &both);
    let faq = load(dir.path()).unwrap();
    assert_unique(&faq);
    let food = ids_by_title(&faq)[&heading("food")].clone();
    assert!(
        food.starts_with("faq/what-you-should-know-in-the-first-weeks-after-"),
        "{food}"
    );
    write(dir.path(), "faq.md", section("food"));
    assert_eq!(ids(&load(dir.path()).unwrap()), [food.as_str()]);
}

#[test]
fn non_latin_headings_keep_their_letters() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "guide.md",
        "## Побочные эффекты\n\nЛихорадка.\n\n## Вождение\n\nНе водите машину 8 недель.\n\n## 副作用\n\n发烧。\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(
        ids(&faq),
        ["guide/побочные-эффекты", "guide/вождение", "guide/副作用"]
    );
}

#[test]
fn headings_without_letters_get_ids_from_their_text_not_their_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "## ???\n\nA.\n\n## !!!\n\nB.\n");
    let both = ids(&load(dir.path()).unwrap())
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_ne!(both[0], both[1]);
    write(dir.path(), "doc.md", "## !!!\n\nB.\n");
    assert_eq!(ids(&load(dir.path()).unwrap()), [both[1].as_str()]);
}

#[test]
fn equal_file_names_in_two_folders_get_their_folder_in_the_id() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "clinic/guide.md",
        "## Driving\n\nNot for 8 weeks.\n",
    );
    write(
        dir.path(),
        "home/guide.md",
        "## Driving\n\nAsk someone else to drive.\n",
    );
    write(
        dir.path(),
        "guide.md",
        "## Driving\n\nSee the two guides.\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(
        ids(&faq),
        [
            "clinic/guide/driving",
            "guide/driving",
            "home/guide/driving"
        ]
    );
}

#[test]
fn sibling_sections_with_the_same_heading_take_their_parent() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Guide\n\n## Adults\n\n### Driving\n\nNot for 8 weeks.\n\n## Children\n\n### Driving\n\nNot applicable.\n\n### Food\n\nSmall meals.\n";
    write(dir.path(), "guide.md", text);
    let faq = load(dir.path()).unwrap();
    assert_eq!(
        ids(&faq),
        [
            "guide/adults/driving",
            "guide/children/driving",
            "guide/food"
        ]
    );
}

#[test]
fn twenty_thousand_identical_headings_load_with_unique_stable_ids() {
    let dir = tempfile::tempdir().unwrap();
    let sections: Vec<String> = (0..20_000)
        .map(|i| format!("## Food\n\nMeal number {i}.\n\n"))
        .collect();
    write(dir.path(), "big.md", sections.concat());
    let all = load(dir.path()).unwrap();
    assert_eq!(all.entries.len(), 20_000);
    assert_unique(&all);
    write(dir.path(), "big.md", sections[1..].concat());
    let fewer = load(dir.path()).unwrap();
    let moved = ids(&fewer)
        .into_iter()
        .zip(&ids(&all)[1..])
        .position(|(after, before)| after != *before);
    assert_eq!(
        moved, None,
        "an id moved when the first section was removed"
    );
}

#[test]
fn the_same_file_in_two_faq_folders_gets_hashed_ids_or_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a/guide.md",
        "## Driving\n\nNot for 8 weeks.\n\n## Food\n\nSmall meals.\n",
    );
    write(
        dir.path(),
        "b/guide.md",
        "## Driving\n\nAsk someone else.\n\n## Food\n\nSmall meals.\n",
    );
    let roots = [dir.path().join("a"), dir.path().join("b")];
    let faq = Faq::load(&roots, &[]).unwrap();
    let ids = ids(&faq);
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids[1], "guide/food");
    for driving in [ids[0], ids[2]] {
        assert!(driving.starts_with("guide/driving-"), "{ids:?}");
    }
    assert_ne!(ids[0], ids[2]);
    let skipped = faq
        .warnings
        .iter()
        .find(|w| w.message.contains("duplicate"))
        .unwrap_or_else(|| panic!("{:?}", faq.warnings));
    assert!(skipped.file.ends_with("b/guide.md"), "{skipped}");
    assert!(skipped.message.contains("a/guide.md:5"), "{skipped}");
}

#[test]
fn an_alternate_naming_a_cut_id_is_an_error_naming_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "doc.txt",
        "Some opening text.\n\nInspiring Success Stories: A Glimpse into the Transformative Power of CAR T-Cell Therapy\nThree patients tell their story.\n",
    );
    write(
        dir.path(),
        "questions.toml",
        "[[alternates]]\nentry = \"doc/inspiring-success-stories-a-glimpse-into-the\"\nquestions = [\"patient stories\"]\n",
    );
    let errs = errors(load(dir.path()).unwrap_err());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, Some(2));
    assert!(
        errs[0]
            .message
            .contains("did you mean \"doc/inspiring-success-stories-a-glimpse-into-the-"),
        "{}",
        errs[0]
    );
}

#[test]
fn reload_reads_the_engines_own_files_and_an_engine_built_in_memory_has_none() {
    use faqbot::config::{FaqSettings, Matching};
    use faqbot::engine::Engine;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", "# Parking\nThe car park is free.\n");
    let sources = FaqSettings {
        paths: vec![dir.path().to_path_buf()],
        synonyms: Vec::new(),
        safety: None,
    };
    let engine = Engine::load(&sources, Matching::default()).unwrap();
    write(
        dir.path(),
        "guide.md",
        "# Parking\nThe car park is free.\n\n# Meals\nThe canteen opens at noon.\n",
    );
    let reloaded = engine.reload().unwrap();
    assert_eq!(ids(reloaded.faq()), ["guide/parking", "guide/meals"]);

    // Tests run in the crate's folder, where ./faq exists: the old reload loaded it silently.
    let in_memory = Engine::new(load(dir.path()).unwrap(), Matching::default());
    match in_memory.reload() {
        Ok(other) => panic!(
            "reloaded {} entries from elsewhere",
            other.faq().entries.len()
        ),
        Err(err) => assert!(err.to_string().contains("built in memory"), "{err}"),
    }
}

#[test]
fn an_empty_title_or_alternate_question_in_questions_toml_is_an_error_with_its_line() {
    let cases = [
        (
            "[[entry]]\ntitle = \"  \"\nanswer = \"Call the ward.\"\n",
            2,
            "empty `title`",
        ),
        (
            "[[alternates]]\nentry = \"guide/parking\"\nquestions = [\n  \"where to park\",\n  \"\",\n]\n",
            5,
            "empty question",
        ),
        (
            "[[entry]]\ntitle = \"Meals\"\nanswer = \"At noon.\"\nquestions = [\"when is lunch\", \" \"]\n",
            4,
            "empty question",
        ),
    ];
    for (text, line, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "guide.md", "# Parking\nPark in lot B.\n");
        write(dir.path(), "questions.toml", text);
        let errors = errors(load(dir.path()).unwrap_err());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].file.ends_with("questions.toml"),
            "{:?}",
            errors[0]
        );
        assert_eq!(errors[0].line, Some(line), "{text}: {:?}", errors[0]);
        assert!(errors[0].message.contains(message), "{:?}", errors[0]);
    }
}

#[test]
fn a_section_full_of_synonym_phrases_loads() {
    // Found in review: each synonym hit was checked against every hit before it, so a long section full
    // of known phrases loaded in quadratic time (a 6.4 MB section took 16.6 s). Now only the hits at the
    // same word are compared.
    let dir = tempfile::tempdir().unwrap();
    let body = "side effects and fever, t cells, long term remission. ".repeat(8_000);
    write(
        dir.path(),
        "big.md",
        format!("# Big\n\n## Everything\n\n{body}\n"),
    );
    let faq = Faq::load(
        &[dir.path().to_path_buf()],
        &[PathBuf::from("faq/synonyms.toml")],
    )
    .unwrap();
    assert_eq!(faq.entries.len(), 1);
    let index = faqbot::search::index::Index::new(&faq);
    assert_eq!(index.len(), 1);
}

fn warnings(faq: &Faq) -> Vec<&Diagnostic> {
    faq.warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect()
}

fn body<'a>(faq: &'a Faq, title: &str) -> &'a str {
    let entry = faq.entries.iter().find(|e| e.title == title);
    &entry
        .unwrap_or_else(|| panic!("no {title:?} in {:?}", titles(faq)))
        .body
}

fn titles(faq: &Faq) -> Vec<&str> {
    faq.entries.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn setext_headings_are_headings_in_markdown_and_their_underlines_are_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "guide.md",
        "Guide\n=====\n\nIntro.\n\nDriving\n-------\nNo driving for 8 weeks.\n\n---\n\nAfter a rule.\n\n- a list item\n---\n\n| a | b |\n---\nAfter a table.\n\nBefore you\ngo home\n---\nPack light.\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(
        titles(&faq),
        ["Guide", "Guide › Driving", "Guide › Before you go home"]
    );
    let driving = faq.entry("guide/driving").unwrap();
    assert_eq!(driving.line, 6);
    assert_eq!(
        driving.body,
        "No driving for 8 weeks.\n\nAfter a rule.\n\n- a list item\n\n| a | b |\n\nAfter a table."
    );
    assert_eq!(faq.entries[0].body, "Intro.");
    assert_eq!(body(&faq, "Guide › Before you go home"), "Pack light.");
    assert_eq!(faq.sources[0].title, "Guide");
}

#[test]
fn setext_headings_are_headings_in_plain_text_and_a_rule_ends_a_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "living.txt",
        "Living With CAR T\n=================\n\nAfter treatment you stay near the clinic.\n\ndriving after treatment\n-----------------------\nNo driving for 8 weeks.\nwe keep you near the clinic for\nfour weeks after it\n---\nAfter the rule.\n\nPart Two\n========\nText of part two.\n\nFood\n----\nEat well.\nDrink water.\n---\nRest.\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(faq.sources[0].title, "Living With CAR T");
    assert_eq!(
        titles(&faq),
        [
            "Living With CAR T",
            "driving after treatment",
            "Part Two",
            "Part Two › Food"
        ]
    );
    assert_eq!(
        body(&faq, "driving after treatment"),
        "No driving for 8 weeks.\nwe keep you near the clinic for\nfour weeks after it\n\nAfter the rule."
    );
    assert_eq!(
        body(&faq, "Part Two › Food"),
        "Eat well.\nDrink water.\n\nRest."
    );
    assert_eq!(faq.entry("living/food").unwrap().line, 18);
    for entry in &faq.entries {
        assert!(
            !entry.body.contains("---") && !entry.body.contains("==="),
            "{entry:?}"
        );
    }
}

#[test]
fn html_tags_are_neither_indexed_nor_shown_and_code_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "care.md",
        "# <b>Care</b>\n\nTake <b>all</b> your <i>pills</i>.<br/>Call <a href=\"tel:123\">the team</a>.\n\n```\n<b>literal</b>\n```\n\nFever <5 days is <your call>.\n\n<!-- an editor's note,\nhidden words\n-->\n",
    );
    write(
        dir.path(),
        "food.txt",
        "Some opening text.\n\n<strong>What Can I Eat</strong>\nMost foods, <em>cooked</em> well.<br>\n",
    );
    write(
        dir.path(),
        "questions.toml",
        "[[entry]]\ntitle = \"<b>Who to call</b>\"\nanswer = \"Your <i>care</i> team.\"\n",
    );
    let faq = load(dir.path()).unwrap();
    assert_eq!(
        body(&faq, "Care"),
        "Take all your pills. Call the team.\n\n```\n<b>literal</b>\n```\n\nFever <5 days is <your call>."
    );
    assert_eq!(body(&faq, "What Can I Eat"), "Most foods, cooked well.");
    assert_eq!(body(&faq, "Who to call"), "Your care team.");
    // What the index reads: the titles, bodies and questions, through the normaliser.
    let outside_code: Vec<&Entry> = faq
        .entries
        .iter()
        .filter(|e| !e.body.contains("literal"))
        .collect();
    for entry in outside_code {
        let text = format!("{} {}", entry.title, entry.body);
        let words: Vec<String> = tokens(&text).into_iter().map(|t| t.word).collect();
        for tag in ["b", "br", "em", "strong", "href", "tel"] {
            assert!(!words.iter().any(|w| w == tag), "{tag} in {words:?}");
        }
    }
}

#[test]
fn repeated_conflicting_and_huge_alternate_questions_are_warnings_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.md", "# Food\nEat well.\n# Sleep\nRest.\n");
    let huge = "why ".repeat(80);
    write(
        dir.path(),
        "questions.toml",
        format!(
            "[[alternates]]\nentry = \"doc/food\"\nquestions = [\n  \"what can I eat\",\n  \"What can I EAT?\",\n  \"how much rest\",\n]\n\n[[alternates]]\nentry = \"Sleep\"\nquestions = [\"how much  rest\", \"{huge}\"]\n\n[[entry]]\ntitle = \"Who to call\"\nquestions = [\"what can i eat\"]\nanswer = \"Your care team.\"\n"
        ),
    );
    let faq = load(dir.path()).unwrap();
    let found: Vec<(Option<usize>, &str)> = warnings(&faq)
        .iter()
        .map(|d| {
            assert!(d.file.ends_with("questions.toml"), "{d}");
            (d.line, d.message.as_str())
        })
        .collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0].0, Some(5));
    assert!(
        found[0].1.contains("already listed for \"doc/food\" at"),
        "{}",
        found[0].1
    );
    assert!(
        found[0].1.ends_with(":4; the repeat is ignored"),
        "{}",
        found[0].1
    );
    assert_eq!(found[1].0, Some(11));
    assert!(found[1].1.contains("\"doc/food\" at"), "{}", found[1].1);
    assert!(found[1].1.contains("cannot tell which"), "{}", found[1].1);
    assert_eq!(found[2].0, Some(11));
    assert!(found[2].1.contains("319 characters long"), "{}", found[2].1);
    assert_eq!(found[3].0, Some(15));
    assert!(
        found[3].1.contains("also listed for \"doc/food\""),
        "{}",
        found[3].1
    );
    // Loading goes on: the repeat is dropped, the rest are kept.
    assert_eq!(
        faq.entry("doc/food").unwrap().questions,
        ["what can I eat", "how much rest"]
    );
    assert_eq!(faq.entry("doc/sleep").unwrap().questions.len(), 2);
    assert_eq!(faq.entries.last().unwrap().questions, ["what can i eat"]);
}

#[cfg(unix)]
#[test]
fn a_folder_link_loop_is_a_warning_naming_the_link_and_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "faq/doc.md", "# Food\nEat well.\n");
    write(dir.path(), "faq/sub/more.md", "# Sleep\nRest.\n");
    std::os::unix::fs::symlink(dir.path().join("faq"), dir.path().join("faq/sub/loop")).unwrap();
    let faq = load(&dir.path().join("faq")).unwrap();
    assert_eq!(titles(&faq), ["Food", "Sleep"]);
    let found = warnings(&faq);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].file.ends_with("sub/loop"), "{}", found[0]);
    assert!(found[0].message.contains("already read"), "{}", found[0]);
    for source in &faq.sources {
        assert!(!source.file.contains("loop"), "{}", source.file);
    }
}
