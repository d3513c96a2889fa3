//! `--explain`: which question words matched which entry terms, the typo corrections and synonyms used, and
//! the parts of each score.

use std::fmt::Write;

use crate::engine::{Engine, Explanation};
use crate::search::answer_kind::Kinds;
use crate::search::matcher::{Fit, Weights};
use crate::search::query::How;

/// A readable account of how a reply was reached.
pub fn explain(engine: &Engine, reply: &Explanation, weights: &Weights) -> String {
    let index = engine.index();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "words (stop words left out; role of their clause; evidence weight; weight when an entry lacks it):"
    );
    if reply.query.slots.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for slot in &reply.query.slots {
        let _ = write!(
            out,
            "  {:?} ({:?}) weight {:.2}, lacking {:.2}",
            slot.text, slot.role, slot.weight, slot.miss
        );
        if slot.variants.is_empty() {
            let _ = writeln!(out, ": not in the FAQ");
            continue;
        }
        let _ = writeln!(out);
        for v in &slot.variants {
            let terms: Vec<&str> = v.terms.iter().map(|&t| index.name(t)).collect();
            let how = match &v.how {
                How::Word => "as written".to_string(),
                How::Typo { to, cost } => format!("typo → {to:?}, {cost} edit(s)"),
                How::Synonym { group } => format!("synonym group `{group}`"),
                How::Joined { word } => format!("written as one word {word:?}"),
                How::Broader { head } => format!("a kind of {head:?}"),
                How::Parts => "its words each on their own".to_string(),
            };
            let _ = writeln!(
                out,
                "    → {} ({how}, quality {:.2})",
                terms.join(" + "),
                v.quality
            );
        }
    }
    let asks = reply.query.asks();
    if !asks.is_empty() && weights.answer_kind < 1.0 {
        let note = if asks.contains(Kinds::TIME) {
            " (\"long\" in \"how long\" is no topic word)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "asks for {asks}{note}: an entry that gives none scores × {:.2}",
            weights.answer_kind
        );
    }
    let _ = writeln!(out, "best entries:");
    for hit in &reply.hits {
        let entry = engine.entry(hit.entry);
        let _ = writeln!(
            out,
            "  {:.3} {} [{}]\n        = evidence {:.2} / (evidence {:.2} + half {:.2} + {:.2} × lacking {:.2}) × ({:.2} + {:.2} × title fit {:.2})",
            hit.score,
            entry.title,
            entry.id,
            hit.evidence,
            hit.evidence,
            weights.half_evidence * engine.index().rare_idf(),
            weights.unmatched,
            hit.lacking,
            1.0 - weights.title_fit,
            weights.title_fit,
            hit.fit.value,
        );
        if !hit.unanswered.is_empty() && weights.answer_kind < 1.0 {
            let _ = writeln!(
                out,
                "        × {:.2}: the question asks for {}, which the entry does not give",
                weights.answer_kind, hit.unanswered
            );
        }
        let _ = writeln!(out, "        title fit = {}", fit_parts(&hit.fit, weights));
        let parts: Vec<String> = reply
            .query
            .slots
            .iter()
            .zip(&hit.matched)
            .map(|(slot, m)| match m {
                Some((q, field)) => format!("{}: {field:?} {q:.2}", slot.text),
                None => format!("{}: -", slot.text),
            })
            .collect();
        let _ = writeln!(out, "        {}", parts.join(", "));
    }
    let _ = writeln!(out, "outcome: {}", reply.reply.outcome().as_str());
    out
}

/// How the title fit of the best heading came about.
fn fit_parts(fit: &Fit, weights: &Weights) -> String {
    let topic = format!("topic words {:.2}", fit.topic);
    if fit.of == 0 {
        return format!("{topic} (the heading has no function words)");
    }
    format!(
        "{topic} × (1 − {:.2} × worded like the heading {:.2} × {} of its {} function words left out)",
        weights.function_words,
        fit.like_heading,
        fit.of - fit.said,
        fit.of
    )
}
