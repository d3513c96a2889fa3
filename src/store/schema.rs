//! The schema and the connection: migrations counted by `PRAGMA user_version`, WAL mode, and deleted data
//! overwritten rather than left in free pages.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

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
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_millis(250);

pub(super) fn open(path: &Path) -> rusqlite::Result<Connection> {
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
