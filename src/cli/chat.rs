//! The terminal chat: a prompt, an answer, repeat, until Ctrl-D or `/quit`.

use std::io::{self, BufRead, IsTerminal, Write};

use crate::config::Texts;
use crate::engine::Engine;
use crate::engine::explain;
use crate::engine::render::{self, Markup};
use crate::faq::EntryPos;
use crate::search::matcher::Weights;

/// Chats over `input`/`output` until the input ends or the user types `/quit`.
pub fn run(
    engine: &Engine,
    texts: &Texts,
    weights: &Weights,
    input: impl BufRead,
    mut output: impl Write,
) -> io::Result<()> {
    let prompt = io::stdin().is_terminal();
    writeln!(
        output,
        "{}\n\n{}\n\n{HELP}",
        texts.welcome, texts.disclaimer
    )?;
    let mut explaining = false;
    // The entries of the last numbered list (topics or "did you mean"): typing a number opens one.
    let mut choices: Vec<EntryPos> = Vec::new();
    let mut lines = input.lines();
    loop {
        if prompt {
            write!(output, "\n> ")?;
            output.flush()?;
        }
        let Some(line) = lines.next() else {
            break;
        };
        let line = line?;
        let question = line.trim();
        if !prompt && !question.is_empty() {
            // Without a prompt line, a blank line keeps replies apart (a transcript stays readable).
            writeln!(output)?;
        }
        match question {
            "" => continue,
            "/quit" | "/exit" | "/q" => break,
            "/help" => writeln!(output, "{HELP}")?,
            "/topics" => {
                choices.clear();
                for (n, (pos, entry)) in engine.faq().positioned().enumerate() {
                    writeln!(output, "  {}. {}", n + 1, entry.title)?;
                    choices.push(pos);
                }
            }
            number
                if number
                    .parse::<usize>()
                    .is_ok_and(|n| (1..=choices.len()).contains(&n)) =>
            {
                let n = choices[number.parse::<usize>().unwrap_or(1) - 1];
                let entry = render::entry(engine, texts, n, Markup::Plain);
                writeln!(output, "{entry}\n\n{}", texts.disclaimer)?;
            }
            "/explain" => {
                explaining = !explaining;
                writeln!(
                    output,
                    "explanations {}",
                    if explaining { "on" } else { "off" }
                )?;
            }
            _ => {
                let explained = engine.explain(question);
                let reply = &explained.reply;
                if let crate::engine::Decision::Suggest { first, others } = &reply.decision {
                    choices = std::iter::once(first)
                        .chain(others)
                        .map(|c| c.entry)
                        .collect();
                }
                writeln!(
                    output,
                    "{}",
                    render::reply(engine, texts, reply, Markup::Plain, true)
                )?;
                if explaining {
                    writeln!(
                        output,
                        "\n{}",
                        explain::explain(engine, &explained, weights)
                    )?;
                }
            }
        }
    }
    Ok(())
}

const HELP: &str = "Type a question and press Enter; after a numbered list, a number opens that topic. Commands: \
                    /topics lists what I know, /explain shows how I \
                    matched, /quit (or Ctrl-D) leaves.";
