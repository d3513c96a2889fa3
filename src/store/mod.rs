//! The database: feedback votes, per-outcome counts and the questions the FAQ could not answer, in an
//! embedded SQLite file. It holds no raw user or chat ids and no names; votes are keyed by an HMAC-SHA256 of
//! the user id so that `/forget` can delete them. The HMAC key is kept out of the database (in a key file
//! beside it, or in the configuration): a copy of the database alone cannot be turned back into user ids by
//! trying every id. A database that cannot be used never stops the bot: each failure is logged and counted,
//! and the next operation tries again.

mod gaps;
mod key;
mod sql;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;

use crate::faq::EntryId;

mod inbox;

pub use gaps::{Gap, GapReason};
pub(crate) use gaps::{gap_key, open_gap_rows, same_question};
use gaps::{group_gaps, insert_gap};
pub use key::key_file;
use key::{read_or_create_key, user_key};

pub use inbox::Kept;

/// A database error, with what was being done.
#[derive(Debug, thiserror::Error)]
#[error("database {path}: {action}: {source}")]
pub struct StoreError {
    path: String,
    action: &'static str,
    #[source]
    source: Cause,
}

/// What went wrong underneath a [`StoreError`].
#[derive(Debug, thiserror::Error)]
pub enum Cause {
    /// SQLite failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The key file could not be read or created.
    #[error("key file {0}: {1}")]
    Key(String, std::io::Error),
}

/// Counts over all questions asked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Questions asked.
    pub questions: u64,
    /// Questions per outcome ("answered", "suggested", "declined", "chitchat").
    pub outcomes: Vec<(String, u64)>,
    /// The most answered entries: (entry id, answers).
    pub top_entries: Vec<(EntryId, u64)>,
    /// Votes per entry: (entry id, 👍, 👎).
    pub votes: Vec<(EntryId, u64, u64)>,
    /// Question texts kept as knowledge gaps.
    pub gaps: u64,
    /// Database operations that failed since the start.
    pub failures: u64,
}

/// How often the database names one entry id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryUse {
    /// The entry id as stored.
    pub entry: EntryId,
    /// Votes on it.
    pub votes: u64,
    /// Questions counted with it as the best entry.
    pub questions: u64,
}

/// Every entry id that the database at `path` names, with how many votes and counted questions name it, by
/// id. Read only: the file is not created, migrated or changed, so `faqbot check` can look at a live bot's
/// database.
pub fn entry_uses(path: &Path) -> Result<Vec<EntryUse>, StoreError> {
    let fail = |action, source: rusqlite::Error| StoreError {
        path: path.display().to_string(),
        action,
        source: source.into(),
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| fail("opening read-only", e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| fail("opening read-only", e))?;
    let mut uses: BTreeMap<EntryId, EntryUse> = BTreeMap::new();
    let votes = pairs::<EntryId>(&conn, "SELECT entry, count(*) FROM votes GROUP BY entry")
        .map_err(|e| fail("reading votes", e))?;
    for (entry, n) in votes {
        uses.entry(entry.clone())
            .or_insert_with(|| EntryUse {
                entry,
                ..EntryUse::default()
            })
            .votes = n;
    }
    let questions = pairs::<EntryId>(
        &conn,
        "SELECT entry, count(*) FROM questions WHERE entry IS NOT NULL GROUP BY entry",
    )
    .map_err(|e| fail("reading question counts", e))?;
    for (entry, n) in questions {
        uses.entry(entry.clone())
            .or_insert_with(|| EntryUse {
                entry,
                ..EntryUse::default()
            })
            .questions = n;
    }
    Ok(uses.into_values().collect())
}

/// The schema, one migration per version; `PRAGMA user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
     CREATE TABLE questions (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, outcome TEXT NOT NULL, entry TEXT);
     CREATE TABLE gaps (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);
     CREATE INDEX gaps_at ON gaps (at);
     CREATE TABLE votes (user TEXT NOT NULL, entry TEXT NOT NULL, up INTEGER NOT NULL, at INTEGER NOT NULL,
                         PRIMARY KEY (user, entry));",
    // The salt that keyed the votes moves out of the database (to the key file). Votes keyed by it cannot be
    // re-keyed without the raw ids, which were never stored, and /forget could no longer reach them: they go.
    // `secure_delete` (set on every connection) overwrites the salt's bytes instead of leaving them in a free
    // page.
    "DELETE FROM votes;
     DELETE FROM meta WHERE key = 'salt';",
    // Curation: a gap an admin assigned or ignored leaves the list (`state` 'done' or 'ignored'), and every
    // change to the FAQ is logged by the admin's HMAC, never a raw id. `gaps` lists the rows a change
    // closed, so that undo can reopen them.
    "ALTER TABLE gaps ADD COLUMN state TEXT;
     CREATE TABLE changes (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, admin TEXT NOT NULL,
                           kind TEXT NOT NULL, entry TEXT NOT NULL, question TEXT NOT NULL,
                           gaps TEXT NOT NULL, undone_at INTEGER);",
];

/// How long a write waits for a lock held by another process before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_millis(250);

/// The feedback database.
pub struct Store {
    path: PathBuf,
    keep_days: u32,
    conn: Mutex<Option<Connection>>,
    /// The HMAC key for user ids: the configured secret, else the key file's, read once.
    key: Mutex<Option<Vec<u8>>>,
    failures: AtomicU64,
}

impl Store {
    /// Opens (or creates) the database at `path`, keeping question texts `keep_days` days, with the key in
    /// [`key_file`] (created on first use). When either cannot be used now, the failure is logged and
    /// counted and each later operation tries again.
    pub fn open(path: &Path, keep_days: u32) -> Store {
        Store::open_with_secret(path, keep_days, None)
    }

    /// [`Store::open`], with `secret` (`database.secret`) as the key instead of a key file when given.
    pub fn open_with_secret(path: &Path, keep_days: u32, secret: Option<&str>) -> Store {
        let store = Store {
            path: path.to_path_buf(),
            keep_days,
            conn: Mutex::new(None),
            key: Mutex::new(secret.map(|s| s.trim().as_bytes().to_vec())),
            failures: AtomicU64::new(0),
        };
        // Opening never fails: a database that cannot be used is reported here and tried again on each use,
        // while the bot keeps answering.
        let opened = store.run("opening", |_| Ok(()));
        // Created with the database, so that a deployment's backups see both from the first start.
        let keyed = store.key().map(|_| ());
        let purged = store.run("purging old questions", |conn| {
            purge(conn, keep_days, now()).map(|_| ())
        });
        for err in [opened, keyed, purged].into_iter().filter_map(Result::err) {
            tracing::warn!(failures = store.failures(), "{err}");
        }
        store
    }

    /// Database operations that failed so far.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// Counts a question by outcome and entry; keeps the text of a declined one as a gap.
    pub fn record_question(
        &self,
        outcome: &str,
        entry: Option<&EntryId>,
        declined_text: Option<&str>,
    ) -> Result<(), StoreError> {
        let keep_days = self.keep_days;
        self.run("recording a question", |conn| {
            let at = now();
            conn.execute(
                "INSERT INTO questions (at, outcome, entry) VALUES (?1, ?2, ?3)",
                params![at, outcome, entry],
            )?;
            if let Some(text) = declined_text {
                insert_gap(conn, text, GapReason::Declined, at)?;
                purge(conn, keep_days, at)?;
            }
            Ok(())
        })
    }

    /// Records a 👍 or 👎 from `user` (a Telegram user id, stored only as its HMAC) on `entry`; a 👎
    /// keeps the question's text as a gap. A second vote by the same user on the same entry replaces the
    /// first.
    pub fn vote(
        &self,
        user: i64,
        entry: &EntryId,
        up: bool,
        question: Option<&str>,
    ) -> Result<(), StoreError> {
        let secret = self.key()?;
        self.run("recording a vote", |conn| {
            let at = now();
            let key = user_key(&secret, user);
            conn.execute(
                "INSERT INTO votes (user, entry, up, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user, entry) DO UPDATE SET up = excluded.up, at = excluded.at",
                params![key, entry, up, at],
            )?;
            if let (false, Some(text)) = (up, question) {
                insert_gap(conn, text, GapReason::Downvoted, at)?;
            }
            Ok(())
        })
    }

    /// Deletes everything tied to `user`: their votes. Returns how many records went.
    pub fn forget(&self, user: i64) -> Result<usize, StoreError> {
        let secret = self.key()?;
        self.run("forgetting a user", |conn| {
            let key = user_key(&secret, user);
            let votes = conn.execute("DELETE FROM votes WHERE user = ?1", params![key])?;
            // An admin's changes stay in the log (the FAQ keeps them) but no longer point at them.
            let changes = conn.execute(
                "UPDATE changes SET admin = 'forgotten' WHERE admin = ?1",
                params![key],
            )?;
            Ok(votes + changes)
        })
    }

    /// Deletes question texts older than the keeping period, as of `now` (seconds since 1970).
    pub fn purge_at(&self, now: i64) -> Result<usize, StoreError> {
        let keep_days = self.keep_days;
        self.run("purging old questions", |conn| purge(conn, keep_days, now))
    }

    /// Stores a gap at a given time (for imports and tests of the purge).
    pub fn insert_gap_at(&self, text: &str, reason: GapReason, at: i64) -> Result<(), StoreError> {
        self.run("recording a question", |conn| {
            insert_gap(conn, text, reason, at)
        })
    }

    /// The statistics.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut stats = self.run("reading statistics", |conn| {
            let questions: i64 = conn.query_row("SELECT count(*) FROM questions", [], |r| r.get(0))?;
            let outcomes = pairs(conn, "SELECT outcome, count(*) FROM questions GROUP BY outcome ORDER BY 2 DESC")?;
            let top_entries = pairs(
                conn,
                "SELECT entry, count(*) FROM questions WHERE outcome = 'answered' AND entry IS NOT NULL
                 GROUP BY entry ORDER BY 2 DESC, 1 LIMIT 10",
            )?;
            let mut statement = conn.prepare(
                "SELECT entry, sum(up), sum(1 - up) FROM votes GROUP BY entry ORDER BY 2 + 3 DESC, 1",
            )?;
            let votes = statement
                .query_map([], |r| Ok((r.get::<_, EntryId>(0)?, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64)))?
                .collect::<Result<Vec<_>, _>>()?;
            let gaps: i64 = conn.query_row("SELECT count(*) FROM gaps", [], |r| r.get(0))?;
            Ok(Stats {
                questions: questions as u64,
                outcomes,
                top_entries,
                votes,
                gaps: gaps as u64,
                failures: 0,
            })
        })?;
        stats.failures = self.failures();
        Ok(stats)
    }

    /// The most frequent unanswered questions that no admin has assigned or ignored yet, near-duplicates
    /// grouped.
    pub fn gaps(&self, limit: usize) -> Result<Vec<Gap>, StoreError> {
        let rows = self.run("reading gaps", open_gap_rows)?;
        Ok(group_gaps(rows, limit))
    }

    /// The HMAC of `user` as the votes and the change log store it.
    pub(crate) fn hashed_user(&self, user: i64) -> Result<String, StoreError> {
        self.key().map(|secret| user_key(&secret, user))
    }

    /// Runs `op` on the connection, opening it first if needed; a failure is counted (see
    /// [`Store::failures`]) and returned: what to do about it is the caller's call.
    pub(crate) fn run<T>(
        &self,
        action: &'static str,
        op: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut slot = match self.conn.lock() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        if slot.is_none() {
            match open(&self.path) {
                Ok(conn) => *slot = Some(conn),
                Err(source) => return Err(self.failure(action, source)),
            }
        }
        let Some(conn) = slot.as_ref() else {
            unreachable!("the connection was opened just above");
        };
        match op(conn) {
            Ok(value) => Ok(value),
            Err(source) => {
                // A connection to a corrupt or vanished file stays broken: open afresh next time.
                if matches!(source, rusqlite::Error::SqliteFailure(ref e, _) if e.code != rusqlite::ErrorCode::DatabaseBusy)
                {
                    *slot = None;
                }
                Err(self.failure(action, source))
            }
        }
    }

    /// The HMAC key, read from (or first written to) the key file unless configured.
    fn key(&self) -> Result<Vec<u8>, StoreError> {
        let mut slot = self.key.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(key) = slot.as_ref() {
            return Ok(key.clone());
        }
        let file = key_file(&self.path);
        match read_or_create_key(&file) {
            Ok(key) => {
                *slot = Some(key.clone());
                Ok(key)
            }
            Err(err) => Err(self.failure(
                "reading the key",
                Cause::Key(file.display().to_string(), err),
            )),
        }
    }

    /// Counts a failure and describes it.
    fn failure(&self, action: &'static str, source: impl Into<Cause>) -> StoreError {
        self.failures.fetch_add(1, Ordering::Relaxed);
        StoreError {
            path: self.path.display().to_string(),
            action,
            source: source.into(),
        }
    }
}

fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // Purged question texts, forgotten votes and the old salt are overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    migrate(&conn)?;
    Ok(conn)
}

/// Brings the schema up to date, one transaction per migration.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        conn.execute_batch(&format!(
            "BEGIN; {sql}; PRAGMA user_version = {}; COMMIT;",
            n + 1
        ))?;
    }
    Ok(())
}

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn purge(conn: &Connection, keep_days: u32, now: i64) -> rusqlite::Result<usize> {
    let cutoff = now - i64::from(keep_days) * 86_400;
    conn.execute("DELETE FROM gaps WHERE at < ?1", params![cutoff])
}

/// Rows of a name (an outcome, an entry id) and a count.
fn pairs<K: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
) -> rusqlite::Result<Vec<(K, u64)>> {
    let mut statement = conn.prepare(sql)?;
    statement
        .query_map([], |r| Ok((r.get::<_, K>(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        migrate(&conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
    }
}
