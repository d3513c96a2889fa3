//! What the database counts: questions by outcome, the most answered entries, votes per entry, and (read
//! only, for `faqbot check`) every entry id it names.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::schema::BUSY_TIMEOUT;
use super::{Store, StoreError};
use crate::faq::EntryId;

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

impl Store {
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
