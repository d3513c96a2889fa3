//! `faqbot ask`: questions from the command line or stdin, answered as text or JSON lines, with
//! `--explain`.

use std::io::{self, BufRead, Write};

use anyhow::Context;
use serde::Serialize;

use crate::config::Settings;
use crate::engine::explain;
use crate::engine::render::{self, Markup};
use crate::engine::{Engine, Reply};

/// One `ask --json` line.
#[derive(Serialize)]
struct JsonReply<'a> {
    question: &'a str,
    outcome: &'static str,
    id: Option<&'a str>,
    title: Option<&'a str>,
    source: Option<String>,
    score: f32,
    urgent: Option<&'a crate::safety::Alert>,
    answer: String,
    alternatives: Vec<JsonAlternative<'a>>,
}

#[derive(Serialize)]
struct JsonAlternative<'a> {
    id: &'a str,
    title: &'a str,
    score: f32,
}

/// Answers each question, as text or JSON lines, with the explanation when asked.
pub(super) fn ask(
    engine: &Engine,
    settings: &Settings,
    questions: Vec<String>,
    json: bool,
    explain: bool,
) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut answer = |question: &str| -> anyhow::Result<()> {
        let explained = engine.explain(question);
        let reply = &explained.reply;
        if json {
            let line = serde_json::to_string(&json_reply(engine, settings, question, reply))?;
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}",
                render::reply(engine, &settings.texts, reply, Markup::Plain, true)
            )?;
        }
        if explain {
            writeln!(
                out,
                "{}",
                explain::explain(engine, &explained, &settings.matching.weights)
            )?;
            if let Some(safety) = engine.safety() {
                write!(out, "{}", safety.explain(question))?;
            }
        }
        if !json && !explain {
            writeln!(out)?;
        }
        Ok(())
    };
    if questions.is_empty() {
        let mut input = io::stdin().lock();
        let mut bytes = Vec::new();
        for number in 1.. {
            bytes.clear();
            if input
                .read_until(b'\n', &mut bytes)
                .context("reading questions from stdin")?
                == 0
            {
                break;
            }
            // One bad line in a batch should cost that line, not the rest of the batch.
            let Ok(line) = std::str::from_utf8(&bytes) else {
                eprintln!("stdin line {number}: not valid UTF-8; skipped");
                continue;
            };
            if !line.trim().is_empty() {
                answer(line.trim())?;
            }
        }
    } else {
        for question in &questions {
            answer(question)?;
        }
    }
    Ok(())
}

fn json_reply<'a>(
    engine: &'a Engine,
    settings: &Settings,
    question: &'a str,
    reply: &'a Reply,
) -> JsonReply<'a> {
    let best = reply.best().map(|b| engine.entry(b.entry));
    JsonReply {
        question,
        outcome: reply.outcome().as_str(),
        id: best.map(|e| e.id.as_str()),
        title: best.map(|e| e.title.as_str()),
        source: best.map(|e| format!("{}:{}", e.source, e.line)),
        score: reply
            .best()
            .map_or(0.0, |b| (b.score * 1000.0).round() / 1000.0),
        urgent: reply.alert.as_ref(),
        answer: render::reply(engine, &settings.texts, reply, Markup::Plain, true),
        alternatives: reply
            .alternatives()
            .iter()
            .map(|c| {
                let e = engine.entry(c.entry);
                JsonAlternative {
                    id: &e.id,
                    title: &e.title,
                    score: (c.score * 1000.0).round() / 1000.0,
                }
            })
            .collect(),
    }
}
