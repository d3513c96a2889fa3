//! Document formats (Setext headings, rules, HTML tags) and the warnings about data files and folders.

use super::*;

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
