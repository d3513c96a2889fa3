//! Entry ids that stay put under insertion, reordering and long or non-Latin headings.

use super::*;

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
