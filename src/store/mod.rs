//! The database: feedback votes, per-outcome counts and the questions the FAQ could not answer, in an
//! embedded SQLite file. It holds no raw user or chat ids and no names; votes are keyed by an HMAC-SHA256 of
//! the user id so that `/forget` can delete them. The HMAC key is kept out of the database (in a key file
//! beside it, or in the configuration): a copy of the database alone cannot be turned back into user ids by
//! trying every id. A database that cannot be used never stops the bot: each failure is logged and counted,
//! and the next operation tries again.

pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;
use sha2::Sha256;

mod inbox;

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

/// Why a question's text was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapReason {
    /// The bot declined it.
    Declined,
    /// Someone voted 👎 on its answer.
    Downvoted,
}

impl GapReason {
    fn as_str(self) -> &'static str {
        match self {
            GapReason::Declined => "declined",
            GapReason::Downvoted => "downvoted",
        }
    }
}

/// Counts over all questions asked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Questions asked.
    pub questions: u64,
    /// Questions per outcome ("answered", "suggested", "declined", "chitchat").
    pub outcomes: Vec<(String, u64)>,
    /// The most answered entries: (entry id, answers).
    pub top_entries: Vec<(String, u64)>,
    /// Votes per entry: (entry id, 👍, 👎).
    pub votes: Vec<(String, u64, u64)>,
    /// Question texts kept as knowledge gaps.
    pub gaps: u64,
    /// Database operations that failed since the start.
    pub failures: u64,
}

/// A question the FAQ could not answer, with how often it (or a near-duplicate) was asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The database id of its first question: names the gap on buttons.
    pub id: i64,
    /// The question as first asked.
    pub text: String,
    /// How many times it and its near-duplicates were asked.
    pub count: u64,
    /// Why it was kept: declined, downvoted, or both.
    pub reasons: Vec<String>,
    /// The database ids of it and its near-duplicates, closed together when it is assigned.
    #[serde(skip)]
    pub members: Vec<i64>,
}

/// How often the database names one entry id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryUse {
    /// The entry id as stored.
    pub entry: String,
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
    let mut uses: BTreeMap<String, EntryUse> = BTreeMap::new();
    let votes = pairs(&conn, "SELECT entry, count(*) FROM votes GROUP BY entry")
        .map_err(|e| fail("reading votes", e))?;
    for (entry, n) in votes {
        uses.entry(entry.clone())
            .or_insert_with(|| EntryUse {
                entry,
                ..EntryUse::default()
            })
            .votes = n;
    }
    let questions = pairs(
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

/// The file that holds the key for the database at `database`: the same name with `.key` added.
pub fn key_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
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
        store.run("opening", |_| Ok(()));
        // Created with the database, so that a deployment's backups see both from the first start.
        store.key();
        store.run("purging old questions", |conn| {
            purge(conn, keep_days, now()).map(|_| ())
        });
        store
    }

    /// Database operations that failed so far.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// Counts a question by outcome and entry; keeps the text of a declined one as a gap.
    pub fn record_question(&self, outcome: &str, entry: Option<&str>, declined_text: Option<&str>) {
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
        });
    }

    /// Records a 👍 or 👎 from `user` (a Telegram user id, stored only as its HMAC) on `entry`; a 👎
    /// keeps the question's text as a gap. A second vote by the same user on the same entry replaces the
    /// first.
    pub fn vote(&self, user: i64, entry: &str, up: bool, question: Option<&str>) -> bool {
        let Some(secret) = self.key() else {
            return false;
        };
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
        .is_some()
    }

    /// Deletes everything tied to `user`: their votes. Returns how many records went, or `None` when the
    /// database could not be used.
    pub fn forget(&self, user: i64) -> Option<usize> {
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
    pub fn purge_at(&self, now: i64) -> Option<usize> {
        let keep_days = self.keep_days;
        self.run("purging old questions", |conn| purge(conn, keep_days, now))
    }

    /// Stores a gap at a given time (for imports and tests of the purge).
    pub fn insert_gap_at(&self, text: &str, reason: GapReason, at: i64) -> bool {
        self.run("recording a question", |conn| {
            insert_gap(conn, text, reason, at)
        })
        .is_some()
    }

    /// The statistics; `None` when the database could not be used.
    pub fn stats(&self) -> Option<Stats> {
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
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64)))?
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
        Some(stats)
    }

    /// The most frequent unanswered questions that no admin has assigned or ignored yet, near-duplicates
    /// grouped; `None` when the database could not be used.
    pub fn gaps(&self, limit: usize) -> Option<Vec<Gap>> {
        let rows = self.run("reading gaps", open_gap_rows)?;
        Some(group_gaps(rows, limit))
    }

    /// The HMAC of `user` as the votes and the change log store it; `None` when the key cannot be read.
    pub(crate) fn hashed_user(&self, user: i64) -> Option<String> {
        self.key().map(|secret| user_key(&secret, user))
    }

    /// Runs `op` on the connection, opening it first if needed; a failure is logged and counted.
    pub(crate) fn run<T>(
        &self,
        action: &'static str,
        op: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Option<T> {
        let mut slot = match self.conn.lock() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        if slot.is_none() {
            match open(&self.path) {
                Ok(conn) => *slot = Some(conn),
                Err(source) => {
                    self.fail(action, source);
                    return None;
                }
            }
        }
        let conn = slot.as_ref()?;
        match op(conn) {
            Ok(value) => Some(value),
            Err(source) => {
                // A connection to a corrupt or vanished file stays broken: open afresh next time.
                if matches!(source, rusqlite::Error::SqliteFailure(ref e, _) if e.code != rusqlite::ErrorCode::DatabaseBusy)
                {
                    *slot = None;
                }
                self.fail(action, source);
                None
            }
        }
    }

    /// The HMAC key, read from (or first written to) the key file unless configured.
    fn key(&self) -> Option<Vec<u8>> {
        let mut slot = self.key.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            let file = key_file(&self.path);
            match read_or_create_key(&file) {
                Ok(key) => *slot = Some(key),
                Err(err) => {
                    self.fail(
                        "reading the key",
                        Cause::Key(file.display().to_string(), err),
                    );
                    return None;
                }
            }
        }
        slot.clone()
    }

    fn fail(&self, action: &'static str, source: impl Into<Cause>) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        let err = StoreError {
            path: self.path.display().to_string(),
            action,
            source: source.into(),
        };
        tracing::warn!(failures = self.failures(), "{err}");
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

/// Question texts are kept at most this long (characters): enough to read, not a diary.
const MAX_GAP_CHARS: usize = 300;

fn insert_gap(conn: &Connection, text: &str, reason: GapReason, at: i64) -> rusqlite::Result<()> {
    let text: String = text.trim().chars().take(MAX_GAP_CHARS).collect();
    if !text.is_empty() {
        conn.execute(
            "INSERT INTO gaps (at, text, reason) VALUES (?1, ?2, ?3)",
            params![at, text, reason.as_str()],
        )?;
    }
    Ok(())
}

fn pairs(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<(String, u64)>> {
    let mut statement = conn.prepare(sql)?;
    statement
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect()
}

/// What stands for a user in the votes table: the HMAC-SHA256 of their id, cut to 128 bits.
fn user_key(secret: &[u8], user: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&user.to_le_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A key file's text is the key: 64 hex digits when faqbot writes it, so it can be copied into
/// `database.secret` as it is.
fn read_or_create_key(file: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{ErrorKind, Write};
    match std::fs::read_to_string(file) {
        Ok(text) => return key_from_text(file, &text),
        Err(err) if err.kind() != ErrorKind::NotFound => return Err(err),
        Err(_) => {}
    }
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    let text: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(mut out) => {
            out.write_all(format!("{text}\n").as_bytes())?;
            out.sync_all()?;
            tracing::info!(file = %file.display(), "created the key for user ids");
            Ok(text.into_bytes())
        }
        // Another process started at the same moment and wrote it first: use theirs.
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {
            key_from_text(file, &std::fs::read_to_string(file)?)
        }
        Err(err) => Err(err),
    }
}

/// The key file's key; too short a key would make the HMAC easy to brute-force, an empty one is likely a
/// truncated file.
fn key_from_text(file: &Path, text: &str) -> std::io::Result<Vec<u8>> {
    let key = text.trim();
    if key.chars().count() < MIN_SECRET_CHARS {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the key is shorter than {MIN_SECRET_CHARS} characters"),
        ));
    }
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(file) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %file.display(), "the key file can be read by others; chmod 600 it");
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(key.as_bytes().to_vec())
}

/// The shortest key accepted, from the key file or `database.secret`.
pub const MIN_SECRET_CHARS: usize = 16;

/// The gaps no admin has assigned or ignored yet, oldest first: (id, text, reason).
pub(crate) fn open_gap_rows(conn: &Connection) -> rusqlite::Result<Vec<(i64, String, String)>> {
    let mut statement =
        conn.prepare("SELECT id, text, reason FROM gaps WHERE state IS NULL ORDER BY at, id")?;
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Groups near-duplicate questions (same words once folded, stemmed and sorted, or nearly the same text),
/// most frequent first.
fn group_gaps(rows: Vec<(i64, String, String)>, limit: usize) -> Vec<Gap> {
    // Same words: one pass with a map, however many questions are kept.
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Gap)> = Vec::new();
    for (id, text, reason) in rows {
        let key = gap_key(&text);
        match exact.get(&key) {
            Some(&at) => {
                add_reason(&mut groups[at].1, 1, reason);
                groups[at].1.members.push(id);
            }
            None => {
                exact.insert(key.clone(), groups.len());
                let gap = Gap {
                    id,
                    text,
                    count: 1,
                    reasons: vec![reason],
                    members: vec![id],
                };
                groups.push((key, gap));
            }
        }
    }
    // Nearly the same words: compared pairwise, so only among the most frequent groups.
    groups.sort_by_key(|(_, g)| std::cmp::Reverse(g.count));
    groups.truncate(limit.saturating_mul(NEAR_DUPLICATE_POOL).max(limit));
    let mut merged: Vec<(String, Gap)> = Vec::new();
    for (key, gap) in groups {
        let near = merged
            .iter_mut()
            .find(|(k, _)| strsim::normalized_damerau_levenshtein(k, &key) >= NEAR_DUPLICATE);
        match near {
            Some((_, into)) => {
                for reason in gap.reasons {
                    add_reason(into, 0, reason);
                }
                into.count += gap.count;
                into.members.extend(gap.members);
            }
            None => merged.push((key, gap)),
        }
    }
    let mut gaps: Vec<Gap> = merged.into_iter().map(|(_, g)| g).collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.count));
    gaps.truncate(limit);
    gaps
}

fn add_reason(gap: &mut Gap, count: u64, reason: String) {
    gap.count += count;
    if !gap.reasons.contains(&reason) {
        gap.reasons.push(reason);
    }
}

/// Near-duplicates are looked for among this many times the groups asked for.
const NEAR_DUPLICATE_POOL: usize = 20;

/// Two questions whose keys are this similar count as one.
const NEAR_DUPLICATE: f64 = 0.85;

/// Whether two gap keys are the same question: equal, or nearly the same text.
pub(crate) fn same_question(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Lengths too far apart cannot reach the similarity: no need to compare the texts.
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longer = la.max(lb) as f64;
    la.abs_diff(lb) as f64 <= (1.0 - NEAR_DUPLICATE) * longer
        && strsim::normalized_damerau_levenshtein(a, b) >= NEAR_DUPLICATE
}

/// What near-duplicate questions share: their words folded, stemmed and sorted, stop words left out.
pub(crate) fn gap_key(text: &str) -> String {
    let mut words: Vec<String> = crate::text::normalize::tokens(text)
        .into_iter()
        .filter(|t| !t.stop)
        .map(|t| t.stem)
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_group_together() {
        let rows = vec![
            (
                1,
                "How do I book a flight?".to_string(),
                "declined".to_string(),
            ),
            (
                2,
                "how do i book flights".to_string(),
                "declined".to_string(),
            ),
            (3, "what about parking".to_string(), "downvoted".to_string()),
        ];
        let gaps = group_gaps(rows, 10);
        assert_eq!(gaps[0].count, 2);
        assert_eq!(gaps[0].text, "How do I book a flight?");
        assert_eq!((gaps[0].id, gaps[0].members.as_slice()), (1, &[1, 2][..]));
        assert_eq!(gaps[1].reasons, ["downvoted"]);
    }

    #[test]
    fn many_questions_group_quickly_and_keep_the_most_frequent() {
        // 20 000 distinct three-word questions, from a fixed linear congruential sequence.
        let mut state: u64 = 1;
        let mut word = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("w{}", state >> 40)
        };
        let mut rows: Vec<(i64, String, String)> = (0..20_000)
            .map(|i| {
                (
                    i,
                    format!("{} {} {}", word(), word(), word()),
                    "declined".to_string(),
                )
            })
            .collect();
        rows.extend((0..50).map(|i| {
            (
                20_000 + i,
                "Where can I park?".to_string(),
                "declined".to_string(),
            )
        }));
        let gaps = group_gaps(rows, 3);
        assert_eq!(gaps[0].text, "Where can I park?");
        assert_eq!(gaps[0].count, 50);
    }

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
