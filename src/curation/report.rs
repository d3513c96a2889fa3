//! Reports for admins: statistics and knowledge gaps from the database, as text (`/stats`, `/gaps`,
//! `faqbot report`) or JSON (`faqbot report --json`).

use std::fmt::Write;

use serde::Serialize;

use crate::curation::{Change, Kind};
use crate::engine::Engine;
use crate::engine::render::Markup;
use crate::faq::EntryId;
use crate::store::{Gap, Stats};

/// A gap with the entry that comes closest to answering it: a starting point for a new alternate question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapReport {
    /// The question, how often it was asked, and why it was kept.
    #[serde(flatten)]
    pub gap: Gap,
    /// The closest entry's id, if any entry shares a word with it.
    pub closest: Option<EntryId>,
    /// That entry's score.
    pub score: f32,
}

/// Each gap with its closest entry.
pub fn with_closest(engine: &Engine, gaps: Vec<Gap>) -> Vec<GapReport> {
    gaps.into_iter()
        .map(|gap| {
            let best = engine.ask(&gap.text).closest();
            GapReport {
                closest: best.map(|c| engine.entry(c.entry).id.clone()),
                score: best.map_or(0.0, |c| (c.score * 1000.0).round() / 1000.0),
                gap,
            }
        })
        .collect()
}

/// The statistics as text.
pub fn stats(stats: &Stats, markup: Markup) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        markup.bold(&format!("Questions: {}", stats.questions))
    );
    for (outcome, count) in &stats.outcomes {
        let _ = writeln!(
            out,
            "  {outcome}: {count} ({})",
            percent(*count, stats.questions)
        );
    }
    if !stats.top_entries.is_empty() {
        let _ = writeln!(out, "{}", markup.bold("Most answered"));
        for (entry, count) in &stats.top_entries {
            let _ = writeln!(out, "  {count} × {}", markup.escape(entry));
        }
    }
    if !stats.votes.is_empty() {
        let _ = writeln!(out, "{}", markup.bold("Votes"));
        for (entry, up, down) in &stats.votes {
            let _ = writeln!(out, "  👍 {up} 👎 {down}  {}", markup.escape(entry));
        }
    }
    let _ = writeln!(out, "Unanswered questions kept: {}", stats.gaps);
    let _ = write!(out, "Database failures since start: {}", stats.failures);
    out
}

/// The gaps as text, each with its closest entry.
pub fn gaps(gaps: &[GapReport], markup: Markup) -> String {
    if gaps.is_empty() {
        return "No unanswered questions are stored.".to_string();
    }
    let mut out = markup.bold("Unanswered questions, most frequent first");
    for g in gaps {
        let closest = match &g.closest {
            Some(id) => format!("closest: {id} ({:.2})", g.score),
            None => "closest: none".to_string(),
        };
        let _ = write!(
            out,
            "\n{} × {} [{}]\n    {}",
            g.gap.count,
            markup.escape(&g.gap.text),
            g.gap.reasons.join(", "),
            markup.escape(&closest)
        );
    }
    out
}

/// The change log, newest first: when, who (a prefix of the admin's HMAC), what.
pub fn changes(changes: &[Change], markup: Markup) -> String {
    if changes.is_empty() {
        return "No changes to the FAQ were made from Telegram or `faqbot review`.".to_string();
    }
    let mut out = markup.bold("Recent changes to the FAQ, newest first");
    for c in changes {
        let what = match c.kind {
            Kind::Question => format!("question {:?} → {}", c.question, c.entry),
            Kind::NewEntry => format!("new entry {}", c.entry),
            Kind::Ignore if c.entry.is_empty() => "ignored a question".to_string(),
            Kind::Ignore => format!("question {:?} was already in {}", c.question, c.entry),
        };
        let who: String = c.admin.chars().take(8).collect();
        let undone = if c.undone_at.is_some() {
            " (undone)"
        } else {
            ""
        };
        let _ = write!(
            out,
            "\n#{} {} by {who}: {}{undone}",
            c.id,
            date(c.at),
            markup.escape(&what)
        );
    }
    out
}

/// `2026-11-29 16:05 UTC` from seconds since 1970 (the civil-from-days algorithm; no time zone data).
fn date(at: i64) -> String {
    let (days, secs) = (at.div_euclid(86_400), at.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_civil() {
        assert_eq!(super::date(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::date(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(super::date(1_764_432_300), "2025-11-29 16:05 UTC");
    }
}
