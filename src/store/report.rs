//! Reports for admins: statistics and knowledge gaps from the database, as text (`/stats`, `/gaps`,
//! `faqbot report`) or JSON (`faqbot report --json`).

use std::fmt::Write;

use serde::Serialize;

use crate::engine::Engine;
use crate::engine::render::Markup;
use crate::store::{Gap, Stats};

/// A gap with the entry that comes closest to answering it: a starting point for a new alternate question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapReport {
    /// The question, how often it was asked, and why it was kept.
    #[serde(flatten)]
    pub gap: Gap,
    /// The closest entry's id, if any entry shares a word with it.
    pub closest: Option<String>,
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

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}
