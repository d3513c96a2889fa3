//! `faqbot check`: the entries listed, broken folders named file by file, stale ids in the database, and no
//! database created.

use super::*;

#[test]
fn check_lists_entries() {
    let out = faqbot(&["check"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("car-t-cell-therapy/what-is-car-t-cell-therapy"));
    assert!(text.contains("faq/car-t-cell-therapy.txt:2"));
    assert!(text.contains("0 errors"));
}

#[test]
fn check_on_a_broken_folder_exits_1_naming_the_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# A\ntext\n").unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"ok\n\xff\xfe").unwrap();
    std::fs::write(
        dir.path().join("questions.toml"),
        "[[alternates]]\nentry = 'x'\nquestions = ['q']\n",
    )
    .unwrap();
    let out = faqbot(&["check", "--faq", dir.path().to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("bad.txt:2: error: not UTF-8"), "{text}");
    assert!(
        text.contains("questions.toml:2: error: no entry has the id or title \"x\""),
        "{text}"
    );
}

#[test]
fn check_warns_about_votes_and_answers_for_ids_that_no_longer_exist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let store = faqbot::store::Store::open(&db, 30);
    let kept = &EntryId::new("car-t-cell-therapy/challenges-and-ongoing-research");
    let gone = &EntryId::new("car-t-cell-therapy/a-section-that-was-renamed");
    assert!(store.vote(1, gone, true, None).is_ok());
    assert!(
        store
            .vote(2, gone, false, Some("what about driving"))
            .is_ok()
    );
    assert!(store.vote(1, kept, true, None).is_ok());
    store.record_question("answered", Some(gone), None).unwrap();
    store.record_question("answered", Some(kept), None).unwrap();
    drop(store);
    let out = support::process::run_with_env(
        &["check"],
        &[("FAQBOT_DATABASE__PATH", db.to_str().unwrap())],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let warnings: Vec<&str> = text.lines().filter(|l| l.contains(": warning: ")).collect();
    let stale: Vec<&&str> = warnings.iter().filter(|l| l.contains("bot.db")).collect();
    assert_eq!(stale.len(), 1, "{text}");
    assert!(stale[0].contains(gone.as_str()), "{text}");
    assert!(stale[0].contains("2 vote(s)"), "{text}");
    assert!(stale[0].contains("1 counted question(s)"), "{text}");
    assert!(
        !stale[0].contains("driving"),
        "user text in a warning: {text}"
    );
}

#[test]
fn check_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let out = support::process::run_with_env(
        &["check"],
        &[("FAQBOT_DATABASE__PATH", db.to_str().unwrap())],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!db.exists());
}
