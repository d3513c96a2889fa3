//! The feedback database on a real SQLite file: votes, forgetting, purging by age, and files that cannot be
//! used.

use faqbot::store::{GapReason, Store};
use rusqlite::Connection;

const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn creates_the_file_in_wal_mode_with_the_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let store = Store::open(&path, 30);
    store.record_question("answered", Some("doc/a"), None);
    assert!(path.is_file());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    assert_eq!(store.failures(), 0);
}

#[test]
fn counts_outcomes_entries_and_votes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bot.db"), 30);
    store.record_question("answered", Some("doc/a"), None);
    store.record_question("answered", Some("doc/a"), None);
    store.record_question("declined", None, Some("how do I park at the hospital"));
    assert!(store.vote(1, "doc/a", true, None));
    assert!(store.vote(2, "doc/a", false, Some("what about parking")));
    assert!(
        store.vote(2, "doc/a", false, Some("what about parking")),
        "a second vote replaces the first"
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.questions, 3);
    assert_eq!(
        stats.outcomes,
        [("answered".to_string(), 2), ("declined".to_string(), 1)]
    );
    assert_eq!(stats.top_entries, [("doc/a".to_string(), 2)]);
    assert_eq!(stats.votes, [("doc/a".to_string(), 1, 1)]);
    let gaps = store.gaps(10).unwrap();
    let texts: Vec<&str> = gaps.iter().map(|g| g.text.as_str()).collect();
    assert!(texts.contains(&"how do I park at the hospital"));
    assert!(texts.contains(&"what about parking"));
}

#[test]
fn stores_no_raw_user_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let store = Store::open(&path, 30);
    store.vote(987_654_321, "doc/a", true, None);
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    let wal = std::fs::read(dir.path().join("bot.db-wal")).unwrap_or_default();
    for haystack in [bytes, wal] {
        let text = String::from_utf8_lossy(&haystack);
        assert!(!text.contains("987654321"));
        assert!(
            !haystack
                .windows(8)
                .any(|w| w == 987_654_321i64.to_le_bytes() || w == 987_654_321i64.to_be_bytes())
        );
    }
}

#[test]
fn forget_deletes_only_that_users_votes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bot.db"), 30);
    store.vote(1, "doc/a", true, None);
    store.vote(1, "doc/b", false, None);
    store.vote(2, "doc/a", true, None);
    assert_eq!(store.forget(1), Some(2));
    assert_eq!(store.forget(1), Some(0));
    assert_eq!(store.stats().unwrap().votes, [("doc/a".to_string(), 1, 0)]);
}

#[test]
fn question_texts_are_purged_after_the_keeping_period() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bot.db"), 30);
    let now = now();
    store.insert_gap_at("old question", GapReason::Declined, now - 31 * DAY);
    store.insert_gap_at("recent question", GapReason::Declined, now - 29 * DAY);
    assert_eq!(store.purge_at(now), Some(1));
    let gaps = store.gaps(10).unwrap();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].text, "recent question");
    // Opening the database purges too.
    drop(store);
    let store = Store::open(&dir.path().join("bot.db"), 1);
    assert!(store.gaps(10).unwrap().is_empty());
}

#[test]
fn a_corrupt_file_is_counted_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    std::fs::write(
        &path,
        "this is not a database, just some text that fills the header and more".repeat(100),
    )
    .unwrap();
    let store = Store::open(&path, 30);
    store.record_question("answered", Some("doc/a"), None);
    assert!(!store.vote(1, "doc/a", true, None));
    assert!(store.stats().is_none());
    assert!(store.failures() >= 3);
}

#[test]
fn a_missing_folder_is_counted_not_fatal() {
    let store = Store::open(std::path::Path::new("/nonexistent/folder/bot.db"), 30);
    assert!(store.forget(1).is_none());
    assert!(store.failures() >= 2);
}

#[test]
fn a_locked_database_fails_the_write_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let store = Store::open(&path, 30);
    assert!(store.vote(1, "doc/a", true, None));
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO votes VALUES ('x', 'doc/x', 1, 0);")
        .unwrap();
    let before = store.failures();
    assert!(
        !store.vote(2, "doc/a", true, None),
        "the write waits out its timeout, then fails"
    );
    assert_eq!(store.failures(), before + 1);
    other.execute_batch("ROLLBACK").unwrap();
    assert!(store.vote(2, "doc/a", true, None));
    assert_eq!(store.stats().unwrap().votes, [("doc/a".to_string(), 2, 0)]);
}
