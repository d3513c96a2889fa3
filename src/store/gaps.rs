//! Knowledge gaps: the questions the FAQ could not answer (or whose answer got a 👎), kept for a while and
//! grouped with their near-duplicates, most frequent first.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::Serialize;

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

/// Question texts are kept at most this long (characters): enough to read, not a diary.
const MAX_GAP_CHARS: usize = 300;

pub(super) fn insert_gap(
    conn: &Connection,
    text: &str,
    reason: GapReason,
    at: i64,
) -> rusqlite::Result<()> {
    let text: String = text.trim().chars().take(MAX_GAP_CHARS).collect();
    if !text.is_empty() {
        conn.execute(
            "INSERT INTO gaps (at, text, reason) VALUES (?1, ?2, ?3)",
            params![at, text, reason.as_str()],
        )?;
    }
    Ok(())
}

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
pub(super) fn group_gaps(rows: Vec<(i64, String, String)>, limit: usize) -> Vec<Gap> {
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
}
