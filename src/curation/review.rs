//! `faqbot review`: the gaps walked in the terminal, each with its closest entries and a number to pick,
//! for an operator without Telegram. It changes the FAQ through the same [`Curator`] as the buttons.

use std::io::{self, BufRead, Write};

use crate::curation::curator::{Admin, Curator, Done};
use crate::curation::names::closest;
use crate::faq::EntryId;

/// How many entries are offered for each gap, as on Telegram.
pub const CLOSEST: usize = 3;

/// Walks up to `limit` open gaps, reading choices from `input`; returns how many changes were made.
pub fn review(
    curator: &Curator,
    limit: usize,
    mut input: impl BufRead,
    mut out: impl Write,
) -> io::Result<usize> {
    let gaps = match curator.store().gaps(limit) {
        Ok(gaps) => gaps,
        Err(err) => {
            writeln!(out, "The database cannot be read just now: {err}")?;
            return Ok(0);
        }
    };
    if gaps.is_empty() {
        writeln!(out, "No unanswered questions are waiting.")?;
        return Ok(0);
    }
    let mut made = 0;
    let mut last: Option<i64> = None;
    let total = gaps.len();
    'gaps: for (i, gap) in gaps.into_iter().enumerate() {
        let engine = curator.live().current();
        let closest: Vec<(EntryId, String)> = closest(&engine, &gap.text, CLOSEST)
            .into_iter()
            .map(|(n, score)| {
                let e = engine.entry(n);
                (e.id.clone(), format!("{} ({}, {score:.2})", e.title, e.id))
            })
            .collect();
        writeln!(
            out,
            "\n[{}/{total}] {} × {}  [{}]",
            i + 1,
            gap.count,
            gap.text,
            gap.reasons.join(", ")
        )?;
        for (n, (_, label)) in closest.iter().enumerate() {
            writeln!(out, "  {}. {label}", n + 1)?;
        }
        loop {
            write!(
                out,
                "Add it to 1-{} · n new entry · i ignore · s skip · u undo the last change · q quit > ",
                closest.len()
            )?;
            out.flush()?;
            let Some(choice) = read_line(&mut input)? else {
                break 'gaps;
            };
            let result = match choice.as_str() {
                "q" => break 'gaps,
                "s" | "" => continue 'gaps,
                "u" => match last.take() {
                    Some(change) => curator.undo(change),
                    None => {
                        writeln!(out, "Nothing to undo in this session.")?;
                        continue;
                    }
                },
                "i" => curator.ignore(Admin::Terminal, gap.id),
                "n" => {
                    write!(out, "Title: ")?;
                    out.flush()?;
                    let title = read_line(&mut input)?.unwrap_or_default();
                    writeln!(out, "Answer (end with an empty line):")?;
                    let mut answer = Vec::new();
                    while let Some(line) = read_line(&mut input)? {
                        if line.is_empty() {
                            break;
                        }
                        answer.push(line);
                    }
                    curator.new_entry(
                        Admin::Terminal,
                        &title,
                        &answer.join("\n"),
                        None,
                        Some(gap.id),
                    )
                }
                number => match number
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| closest.get(n.wrapping_sub(1)))
                {
                    Some((id, _)) => curator.assign_gap(Admin::Terminal, gap.id, id),
                    None => {
                        writeln!(
                            out,
                            "Type a number from 1 to {}, or n, i, s, u or q.",
                            closest.len()
                        )?;
                        continue;
                    }
                },
            };
            match result {
                Ok(done) => {
                    writeln!(out, "{}", describe(&done, choice == "u"))?;
                    made += 1;
                    if choice != "u" {
                        last = Some(done.change.id);
                        continue 'gaps;
                    }
                }
                Err(err) => writeln!(out, "Not done: {err}")?,
            }
        }
    }
    Ok(made)
}

/// One line about a change made, with the reload's outcome.
pub fn describe(done: &Done, undone: bool) -> String {
    use crate::curation::changes::Kind;
    let what = match (undone, done.change.kind) {
        (true, _) => "Undone.".to_string(),
        (false, Kind::Question) => format!("Added to {:?}.", done.title),
        (false, Kind::NewEntry) => format!("New entry {:?} ({}).", done.title, done.change.entry),
        (false, Kind::Ignore) if done.change.entry.is_empty() => "Ignored.".to_string(),
        (false, Kind::Ignore) => format!("{:?} already had this question.", done.title),
    };
    match &done.reload {
        Some(Err(err)) => {
            format!("{what} Saved, but the FAQ did not reload; the old one keeps answering:\n{err}")
        }
        _ => what,
    }
}

/// A line without its end; `None` at the end of input.
fn read_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}
