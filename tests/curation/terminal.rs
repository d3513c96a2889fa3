//! Curation from the terminal: `faqbot review` and `faqbot eval --replay`, through the real binary.

use super::*;

/// A configuration file in `dir` naming its own copy of the FAQ and its own database.
pub(crate) fn configured(dir: &Path) -> PathBuf {
    faq_copy(dir);
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "[faq]\npaths = [\"faq\"]\nsynonyms = [\"faq/synonyms.toml\", \"faq/lexicon.toml\"]\nsafety = \"faq/safety.toml\"\n\n[database]\npath = \"bot.db\"\n",
    )
    .unwrap();
    config
}

pub(crate) fn faqbot(args: &[&str], stdin: &str) -> (bool, String, String) {
    let out = support::process::run(args, stdin);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn review_in_the_terminal_writes_the_same_way_and_report_lists_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path());
    let config = config.to_str().unwrap();
    let store = faqbot::store::Store::open(&dir.path().join("bot.db"), 30);
    store.record_question("declined", None, Some(HOPE)).unwrap();
    store
        .record_question("declined", None, Some("book a flight to london"))
        .unwrap();
    drop(store);

    // Skipping shows the choices; the number of the success stories is then typed.
    let (ok, out, err) = faqbot(&["--config", config, "review"], "s\ns\n");
    assert!(ok, "{err}");
    assert!(out.contains("1 × pls share some good news"), "{out}");
    let choice = out
        .lines()
        .find(|l| l.contains(STORIES))
        .and_then(|l| l.trim().split('.').next())
        .unwrap_or_else(|| panic!("no choice for {STORIES}: {out}"))
        .to_string();
    let (ok, out, err) = faqbot(&["--config", config, "review"], &format!("{choice}\ni\n"));
    assert!(ok, "{err}");
    assert!(
        out.contains("Added to \"Inspiring Success Stories"),
        "{out}"
    );
    assert!(out.contains("Ignored."), "{out}");
    assert!(out.contains("2 change(s) written to"), "{out}");

    let file = std::fs::read_to_string(dir.path().join("faq/questions.toml")).unwrap();
    assert!(file.contains(HOPE), "{file}");
    let (ok, out, err) = faqbot(&["--config", config, "ask", "--json", HOPE], "");
    assert!(ok, "{err}");
    let reply: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(reply["outcome"], "answered");
    assert_eq!(reply["id"], STORIES);

    let (ok, out, err) = faqbot(&["--config", config, "report"], "");
    assert!(ok, "{err}");
    assert!(out.contains("No unanswered questions are stored."), "{out}");
    assert!(out.contains("Recent changes to the FAQ"), "{out}");
    assert!(
        out.contains(&format!("question {HOPE:?} → {STORIES}")),
        "{out}"
    );
    assert!(out.contains("by terminal: ignored a question"), "{out}");
    let (ok, out, _) = faqbot(&["--config", config, "report", "--json"], "");
    assert!(ok);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["changes"][1]["kind"], "question");
    assert_eq!(report["changes"][1]["entry"], STORIES);
}

#[test]
fn the_replay_measures_curation_on_a_copy_and_leaves_the_faq_alone() {
    let file = Path::new("../shared/eval/dev_chat.tsv");
    if !file.exists() {
        eprintln!("skipped: {} is not here", file.display());
        return;
    }
    let before = std::fs::read("faq/questions.toml").unwrap();
    let (ok, out, err) = faqbot(&["eval", file.to_str().unwrap(), "--replay"], "");
    assert!(ok, "{err}");
    assert_eq!(std::fs::read("faq/questions.toml").unwrap(), before);
    // The first half's assigned questions are answered afterwards: right goes up by at least that many.
    let line = out.lines().find(|l| l.starts_with("first half:")).unwrap();
    let assigned: usize = line
        .split("→ ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(assigned > 0, "{out}");
    let rights = out
        .lines()
        .find(|l| l.starts_with("first half right:"))
        .unwrap();
    let counts: Vec<usize> = rights
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    // "28/45 (62.2%) before, 35/45 (77.8%) after" → 28 45 62 2 35 45 77 8
    // An assigned question can take the answer of another one of the first half that was right before
    // and shares its words (with the broader words of faq/broader.toml one such pair appeared): right
    // goes up by all but at most one of those assigned.
    assert!(counts[4] + 1 >= counts[0] + assigned, "{rights}");
    assert!(counts[4] > counts[0], "{rights}");
    assert!(out.contains("second half right:"), "{out}");
}
