//! `faqbot report`: the database's statistics and gaps with their closest entries.

use super::*;

#[test]
fn report_prints_stats_and_gaps_with_the_closest_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let store = faqbot::store::Store::open(&db, 30);
    store
        .record_question(
            "answered",
            Some(&EntryId::new(
                "car-t-cell-therapy/challenges-and-ongoing-research",
            )),
            None,
        )
        .unwrap();
    store
        .record_question(
            "declined",
            None,
            Some("how much does crs treatment cost in hospital parking"),
        )
        .unwrap();
    drop(store);
    let out = support::process::run_with_env(
        &["report", "--json"],
        &[("FAQBOT_DATABASE__PATH", db.to_str().unwrap())],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(report["stats"]["questions"], 2);
    assert_eq!(report["gaps"][0]["count"], 1);
    assert!(report["gaps"][0]["closest"].is_string());
    let text = support::process::run_with_env(
        &["report"],
        &[("FAQBOT_DATABASE__PATH", db.to_str().unwrap())],
        "",
    );
    let text = stdout(&text);
    assert!(text.contains("Questions: 2"), "{text}");
    assert!(
        text.contains("1 × how much does crs treatment cost"),
        "{text}"
    );
}

#[test]
fn report_without_a_database_says_so() {
    let out = support::process::run_with_env(
        &["report"],
        &[("FAQBOT_DATABASE__PATH", "/nonexistent/bot.db")],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no database at /nonexistent/bot.db"));
}
