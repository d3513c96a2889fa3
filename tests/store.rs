//! The feedback database on a real SQLite file: votes, forgetting, purging by age, and files that cannot be
//! used.

use faqbot::faq::EntryId;
use faqbot::store::{GapReason, Store};
use rusqlite::Connection;

const DAY: i64 = 86_400;

fn id(id: &str) -> EntryId {
    EntryId::new(id)
}

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
    store
        .record_question("answered", Some(&id("doc/a")), None)
        .unwrap();
    assert!(path.is_file());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
    assert_eq!(store.failures(), 0);
}

#[test]
fn counts_outcomes_entries_and_votes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bot.db"), 30);
    store
        .record_question("answered", Some(&id("doc/a")), None)
        .unwrap();
    store
        .record_question("answered", Some(&id("doc/a")), None)
        .unwrap();
    store
        .record_question("declined", None, Some("how do I park at the hospital"))
        .unwrap();
    assert!(store.vote(1, &id("doc/a"), true, None).is_ok());
    assert!(
        store
            .vote(2, &id("doc/a"), false, Some("what about parking"))
            .is_ok()
    );
    assert!(
        store
            .vote(2, &id("doc/a"), false, Some("what about parking"))
            .is_ok(),
        "a second vote replaces the first"
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.questions, 3);
    assert_eq!(
        stats.outcomes,
        [("answered".to_string(), 2), ("declined".to_string(), 1)]
    );
    assert_eq!(stats.top_entries, [(id("doc/a"), 2)]);
    assert_eq!(stats.votes, [(id("doc/a"), 1, 1)]);
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
    store.vote(987_654_321, &id("doc/a"), true, None).unwrap();
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
    store.vote(1, &id("doc/a"), true, None).unwrap();
    store.vote(1, &id("doc/b"), false, None).unwrap();
    store.vote(2, &id("doc/a"), true, None).unwrap();
    assert_eq!(store.forget(1).ok(), Some(2));
    assert_eq!(store.forget(1).ok(), Some(0));
    assert_eq!(store.stats().unwrap().votes, [(id("doc/a"), 1, 0)]);
}

#[test]
fn question_texts_are_purged_after_the_keeping_period() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bot.db"), 30);
    let now = now();
    store
        .insert_gap_at("old question", GapReason::Declined, now - 31 * DAY)
        .unwrap();
    store
        .insert_gap_at("recent question", GapReason::Declined, now - 29 * DAY)
        .unwrap();
    assert_eq!(store.purge_at(now).ok(), Some(1));
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
    assert!(
        store
            .record_question("answered", Some(&id("doc/a")), None)
            .is_err()
    );
    assert!(store.vote(1, &id("doc/a"), true, None).is_err());
    assert!(store.stats().is_err());
    assert!(store.failures() >= 3);
}

#[test]
fn a_missing_folder_is_counted_not_fatal() {
    let store = Store::open(std::path::Path::new("/nonexistent/folder/bot.db"), 30);
    assert!(store.forget(1).is_err());
    assert!(store.failures() >= 2);
}

#[test]
fn a_locked_database_fails_the_write_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let store = Store::open(&path, 30);
    assert!(store.vote(1, &id("doc/a"), true, None).is_ok());
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO votes VALUES ('x', 'doc/x', 1, 0);")
        .unwrap();
    let before = store.failures();
    assert!(
        store.vote(2, &id("doc/a"), true, None).is_err(),
        "the write waits out its timeout, then fails"
    );
    assert_eq!(store.failures(), before + 1);
    other.execute_batch("ROLLBACK").unwrap();
    assert!(store.vote(2, &id("doc/a"), true, None).is_ok());
    assert_eq!(store.stats().unwrap().votes, [(id("doc/a"), 2, 0)]);
}

#[test]
fn the_key_lives_in_a_private_file_beside_the_database_not_in_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let store = Store::open(&path, 30);
    assert!(store.vote(987_654_321, &id("doc/a"), true, None).is_ok());
    drop(store);
    let key_file = dir.path().join("bot.db.key");
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let key = std::fs::read_to_string(&key_file).unwrap();
    let key = key.trim();
    assert!(key.len() >= 32, "{key:?}");
    for file in ["bot.db", "bot.db-wal"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains(key), "{file}");
    }
    let conn = Connection::open(&path).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "nothing secret is kept in the database");
    drop(conn);

    // The database alone no longer finds the user: the votes' keys come from the key file.
    std::fs::rename(&key_file, dir.path().join("saved.key")).unwrap();
    assert_eq!(Store::open(&path, 30).forget(987_654_321).ok(), Some(0));
    std::fs::rename(dir.path().join("saved.key"), &key_file).unwrap();
    assert_eq!(Store::open(&path, 30).forget(987_654_321).ok(), Some(1));
}

#[test]
fn a_configured_secret_replaces_the_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let secret = Some("a long secret from the environment");
    let store = Store::open_with_secret(&path, 30, secret);
    assert!(store.vote(5, &id("doc/a"), true, None).is_ok());
    drop(store);
    assert!(!dir.path().join("bot.db.key").exists());
    assert_eq!(
        Store::open_with_secret(&path, 30, secret).forget(5).ok(),
        Some(1)
    );
}

#[test]
fn upgrading_drops_the_salt_and_the_votes_keyed_by_it_and_keeps_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let salt = b"SALTSALTSALTSALT";
    {
        // The first schema, as an earlier faqbot left it.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
             CREATE TABLE questions (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, outcome TEXT NOT NULL, entry TEXT);
             CREATE TABLE gaps (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);
             CREATE INDEX gaps_at ON gaps (at);
             CREATE TABLE votes (user TEXT NOT NULL, entry TEXT NOT NULL, up INTEGER NOT NULL, at INTEGER NOT NULL,
                                 PRIMARY KEY (user, entry));
             INSERT INTO questions (at, outcome, entry) VALUES (1, 'answered', 'doc/a');
             INSERT INTO votes VALUES ('0123456789abcdef0123456789abcdef', 'doc/a', 1, 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('salt', ?1)",
            [salt.as_slice()],
        )
        .unwrap();
    }
    let store = Store::open(&path, 30);
    let stats = store.stats().unwrap();
    assert_eq!(stats.questions, 1);
    assert!(stats.votes.is_empty(), "{:?}", stats.votes);
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !bytes.windows(salt.len()).any(|w| w == salt),
        "the salt is overwritten, not just unlinked"
    );
}
