//! The curation side of the database: which gaps are closed, and the log of every change admins made to the
//! FAQ (who by HMAC of their id, what, when), which undo reads back.

use rusqlite::{OptionalExtension, params};

use serde::Serialize;

use crate::faq::EntryId;
use crate::store::{self, Gap, Store, StoreError};

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Added an alternate question to an entry.
    Question,
    /// Wrote a new hand-written entry.
    NewEntry,
    /// Hid a gap without changing the FAQ.
    Ignore,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::NewEntry => "new_entry",
            Kind::Ignore => "ignore",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "question" => Kind::Question,
            "new_entry" => Kind::NewEntry,
            "ignore" => Kind::Ignore,
            _ => return None,
        })
    }
}

/// One logged change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Its id: names it on the undo button.
    pub id: i64,
    /// When, in seconds since 1970.
    pub at: i64,
    /// Who: the HMAC of the admin's Telegram id, or `terminal`.
    pub admin: String,
    /// What.
    pub kind: Kind,
    /// The entry's id (empty for an ignored gap).
    pub entry: EntryId,
    /// The question added (empty for an ignored gap: its text stays only as long as the gap does).
    pub question: String,
    /// The gap rows it closed.
    #[serde(skip)]
    pub gaps: Vec<i64>,
    /// When it was undone, if it was.
    pub undone_at: Option<i64>,
}

/// The open gap that the row `id` stands for — that row with its open near-duplicates, as `/gaps` grouped
/// them — or `None` when that row is closed or gone. One pass over the open rows, one comparison each.
pub fn open_gap(store: &Store, id: i64) -> Result<Option<Gap>, Unavailable> {
    let rows = store
        .run("reading gaps", store::open_gap_rows)
        .map_err(unavailable)?;
    let Some((_, text, _)) = rows.iter().find(|(row, _, _)| *row == id) else {
        return Ok(None);
    };
    let mut gap = Gap {
        id,
        text: text.clone(),
        count: 0,
        reasons: Vec::new(),
        members: Vec::new(),
    };
    gap.members = like(&rows, text);
    for (row, _, reason) in &rows {
        if gap.members.contains(row) && !gap.reasons.contains(reason) {
            gap.reasons.push(reason.clone());
        }
    }
    gap.count = gap.members.len() as u64;
    Ok(Some(gap))
}

/// The open gap rows asked the same way as `question` (for `/alias`, which names no gap).
pub fn open_gaps_like(store: &Store, question: &str) -> Vec<i64> {
    let rows = store
        .run("reading gaps", store::open_gap_rows)
        .map_err(unavailable)
        .unwrap_or_default();
    like(&rows, question)
}

fn like(rows: &[(i64, String, String)], question: &str) -> Vec<i64> {
    let wanted = store::gap_key(question);
    rows.iter()
        .filter(|(_, text, _)| store::same_question(&store::gap_key(text), &wanted))
        .map(|(id, _, _)| *id)
        .collect()
}

/// The database could not be used just now (the failure is logged here and counted by the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the database cannot be used just now; see the log")]
pub struct Unavailable;

/// Curation's policy for a database that cannot be used: the error goes to the log (it names the file and
/// what was being done, never a question's text), the admin is told it is unavailable.
fn unavailable(err: StoreError) -> Unavailable {
    tracing::warn!("{err}");
    Unavailable
}

/// Closes the gap rows `gaps` (`state` 'done' or 'ignored') and logs the change; returns its id.
pub fn record(
    store: &Store,
    admin: &str,
    kind: Kind,
    entry: &EntryId,
    question: &str,
    gaps: &[i64],
) -> Result<i64, Unavailable> {
    let state = if kind == Kind::Ignore {
        "ignored"
    } else {
        "done"
    };
    let list = join(gaps);
    store
        .run("logging a change", |conn| {
            let tx = conn.unchecked_transaction()?;
            for id in gaps {
                tx.execute(
                    "UPDATE gaps SET state = ?1 WHERE id = ?2",
                    params![state, id],
                )?;
            }
            tx.execute(
                "INSERT INTO changes (at, admin, kind, entry, question, gaps) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![store::now(), admin, kind.as_str(), entry, question, list],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })
        .map_err(unavailable)
}

/// The change `id`.
pub fn get(store: &Store, id: i64) -> Result<Option<Change>, Unavailable> {
    store
        .run("reading a change", |conn| {
            conn.query_row(&format!("{SELECT} WHERE id = ?1"), params![id], change_row)
                .optional()
        })
        .map_err(unavailable)
}

/// The latest `limit` changes, newest first.
pub fn recent(store: &Store, limit: usize) -> Result<Vec<Change>, Unavailable> {
    store
        .run("reading changes", |conn| {
            let mut statement = conn.prepare(&format!("{SELECT} ORDER BY id DESC LIMIT ?1"))?;
            statement
                .query_map(params![limit as i64], change_row)?
                .collect()
        })
        .map_err(unavailable)
}

/// Marks `change` undone and reopens its gaps; `false` when it was undone already (by someone else).
pub fn mark_undone(store: &Store, change: &Change) -> Result<bool, Unavailable> {
    store
        .run("undoing a change", |conn| {
            let tx = conn.unchecked_transaction()?;
            let updated = tx.execute(
                "UPDATE changes SET undone_at = ?1 WHERE id = ?2 AND undone_at IS NULL",
                params![store::now(), change.id],
            )?;
            if updated == 1 {
                for id in &change.gaps {
                    tx.execute("UPDATE gaps SET state = NULL WHERE id = ?1", params![id])?;
                }
            }
            tx.commit()?;
            Ok(updated == 1)
        })
        .map_err(unavailable)
}

const SELECT: &str = "SELECT id, at, admin, kind, entry, question, gaps, undone_at FROM changes";

fn change_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let kind: String = r.get(3)?;
    let gaps: String = r.get(6)?;
    Ok(Change {
        id: r.get(0)?,
        at: r.get(1)?,
        admin: r.get(2)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Ignore),
        entry: r.get(4)?,
        question: r.get(5)?,
        gaps: gaps.split(',').filter_map(|g| g.parse().ok()).collect(),
        undone_at: r.get(7)?,
    })
}

fn join(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), 30);
        (dir, store)
    }

    #[test]
    fn a_gap_is_its_row_with_the_open_rows_asked_the_same_way() {
        let (_dir, store) = store();
        for text in [
            "Where can I park my car?",
            "where can i park my car",
            "book a flight",
            "where can I park my cars",
        ] {
            store.record_question("declined", None, Some(text)).unwrap();
        }
        let gap = open_gap(&store, 1).unwrap().unwrap();
        assert_eq!(gap.text, "Where can I park my car?");
        assert_eq!(gap.members, [1, 2, 4]);
        assert_eq!(gap.count, 3);
        assert_eq!(open_gap(&store, 3).unwrap().unwrap().members, [3]);

        let change = record(
            &store,
            "a",
            Kind::Ignore,
            &EntryId::default(),
            "",
            &gap.members,
        )
        .unwrap();
        assert_eq!(open_gap(&store, 2).unwrap(), None, "closed with its group");
        assert_eq!(store.gaps(10).unwrap().len(), 1);
        let change = get(&store, change).unwrap().unwrap();
        assert!(mark_undone(&store, &change).unwrap());
        assert!(!mark_undone(&store, &change).unwrap(), "only once");
        assert_eq!(store.gaps(10).unwrap().len(), 2);
        assert_eq!(open_gap(&store, 999).unwrap(), None);
    }

    #[test]
    fn forget_unlinks_an_admin_from_their_changes() {
        let (_dir, store) = store();
        let admin = store.hashed_user(77).unwrap();
        record(
            &store,
            &admin,
            Kind::Question,
            &EntryId::new("doc/a"),
            "q",
            &[],
        )
        .unwrap();
        record(
            &store,
            "terminal",
            Kind::Question,
            &EntryId::new("doc/a"),
            "r",
            &[],
        )
        .unwrap();
        assert_eq!(store.forget(77).ok(), Some(1));
        let log = recent(&store, 10).unwrap();
        assert_eq!(log[1].admin, "forgotten");
        assert_eq!(log[0].admin, "terminal");
        assert_eq!(log[1].question, "q", "the change itself stays");
    }
}
