//! The inbox tables: updates kept from the moment they are received until their reply is sent, and the ids
//! of updates already answered, so that a crash loses no message and a redelivered one is not answered
//! twice.
//!
//! The tables are created with `IF NOT EXISTS` rather than by a numbered migration: they hold nothing that a
//! later schema must carry over, and other branches may number their own migrations.

use rusqlite::{Connection, params};

use super::{Store, StoreError, now};

/// How long the id of an answered update is remembered. Telegram keeps an update it has not seen confirmed
/// for 24 hours; two days cover that with room for a stopped bot and clocks that disagree.
const REMEMBER_ANSWERED_SECS: i64 = 2 * 86_400;

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS inbox (update_id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS answered (update_id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS answered_at ON answered (at);";

/// What happened to one update offered to the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Stored: it is new and must be answered.
    New,
    /// Already in the inbox or already answered: a redelivery, not to be answered again.
    Seen,
}

impl Store {
    /// Stores each new update (its id and its JSON) in one transaction, and says for each whether it is new.
    /// An error when the database cannot be written: the caller answers without the safety net.
    pub fn inbox_keep(&self, updates: &[(i64, String)]) -> Result<Vec<Kept>, StoreError> {
        self.run("keeping updates in the inbox", |conn| {
            conn.execute_batch(SCHEMA)?;
            let tx = conn.unchecked_transaction()?;
            let mut kept = Vec::with_capacity(updates.len());
            {
                let mut answered =
                    tx.prepare_cached("SELECT 1 FROM answered WHERE update_id = ?1")?;
                let mut insert = tx.prepare_cached(
                    "INSERT OR IGNORE INTO inbox (update_id, at, body) VALUES (?1, ?2, ?3)",
                )?;
                let at = now();
                for (id, body) in updates {
                    let seen = answered.exists(params![id])?
                        || insert.execute(params![id, at, body])? == 0;
                    kept.push(if seen { Kept::Seen } else { Kept::New });
                }
            }
            tx.commit()?;
            Ok(kept)
        })
    }

    /// The updates still waiting for a reply, oldest first, as (id, JSON).
    pub fn inbox_pending(&self) -> Result<Vec<(i64, String)>, StoreError> {
        self.run("reading the inbox", |conn| {
            conn.execute_batch(SCHEMA)?;
            let mut statement =
                conn.prepare("SELECT update_id, body FROM inbox ORDER BY update_id")?;
            statement
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
    }

    /// Removes the answered updates `ids` from the inbox (their text is overwritten: `secure_delete`) and
    /// remembers their ids; forgets ids answered long ago.
    pub fn inbox_done(&self, ids: &[i64]) -> Result<(), StoreError> {
        self.run("removing answered updates from the inbox", |conn| {
            done(conn, ids, now())
        })
    }

    /// How many updates wait in the inbox.
    pub fn inbox_len(&self) -> Result<u64, StoreError> {
        self.run("reading the inbox", |conn| {
            conn.execute_batch(SCHEMA)?;
            conn.query_row("SELECT count(*) FROM inbox", [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
        })
    }
}

fn done(conn: &Connection, ids: &[i64], at: i64) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut delete = tx.prepare_cached("DELETE FROM inbox WHERE update_id = ?1")?;
        let mut remember =
            tx.prepare_cached("INSERT OR REPLACE INTO answered (update_id, at) VALUES (?1, ?2)")?;
        for id in ids {
            delete.execute(params![id])?;
            remember.execute(params![id, at])?;
        }
        tx.execute(
            "DELETE FROM answered WHERE at < ?1",
            params![at - REMEMBER_ANSWERED_SECS],
        )?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_with_secret(
            &dir.path().join("t.db"),
            30,
            Some("a-test-secret-of-enough-length"),
        );
        (dir, store)
    }

    #[test]
    fn kept_until_done_and_never_new_twice() {
        let (_dir, store) = store();
        let batch = vec![(7, "{\"a\":1}".to_string()), (8, "{\"b\":2}".to_string())];
        assert_eq!(
            store.inbox_keep(&batch).ok(),
            Some(vec![Kept::New, Kept::New])
        );
        // Redelivered while still waiting.
        assert_eq!(store.inbox_keep(&batch[..1]).ok(), Some(vec![Kept::Seen]));
        assert_eq!(store.inbox_pending().unwrap(), batch);
        assert!(store.inbox_done(&[7]).is_ok());
        assert_eq!(store.inbox_pending().unwrap(), batch[1..].to_vec());
        // Redelivered after its answer.
        assert_eq!(store.inbox_keep(&batch[..1]).ok(), Some(vec![Kept::Seen]));
        assert_eq!(store.inbox_len().ok(), Some(1));
    }

    #[test]
    fn old_answered_ids_are_forgotten() {
        let (_dir, store) = store();
        store.run("test", |conn| done(conn, &[1], 1_000)).unwrap();
        store
            .run("test", |conn| {
                done(conn, &[2], 1_000 + REMEMBER_ANSWERED_SECS + 1)
            })
            .unwrap();
        let kept = store
            .inbox_keep(&[(1, "{}".into()), (2, "{}".into())])
            .unwrap();
        assert_eq!(kept, vec![Kept::New, Kept::Seen]);
    }
}
