//! The database: feedback votes, per-outcome counts and the questions the FAQ could not answer, in an
//! embedded SQLite file. It holds no raw user or chat ids and no names; votes are keyed by an HMAC-SHA256 of
//! the user id so that `/forget` can delete them. The HMAC key is kept out of the database (in a key file
//! beside it, or in the configuration): a copy of the database alone cannot be turned back into user ids by
//! trying every id. A database that cannot be used never stops the bot: each failure is logged and counted,
//! and the next operation tries again.

mod gaps;
mod inbox;
mod key;
mod schema;
mod sql;
mod stats;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, params};

use crate::faq::EntryId;

pub use gaps::{Gap, GapReason};
pub(crate) use gaps::{gap_key, open_gap_rows, same_question};
use gaps::{group_gaps, insert_gap};
pub use inbox::Kept;
pub use key::key_file;
use key::{read_or_create_key, user_key};
use schema::open;
pub use stats::{EntryUse, Stats, entry_uses};

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

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn purge(conn: &Connection, keep_days: u32, now: i64) -> rusqlite::Result<usize> {
    let cutoff = now - i64::from(keep_days) * 86_400;
    conn.execute("DELETE FROM gaps WHERE at < ?1", params![cutoff])
}
