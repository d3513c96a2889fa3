//! The terminal chat: a prompt, an answer, repeat, until Ctrl-D or `/quit`.

use std::io::{self, BufRead, IsTerminal, Write};

use crate::config::Texts;
use crate::engine::Engine;
use crate::explain;
use crate::matcher::Weights;
use crate::render::{self, Markup};

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
                for (n, entry) in engine.faq().entries.iter().enumerate() {
                    writeln!(output, "  {}. {}", n + 1, entry.title)?;
                }
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
                let reply = engine.ask(question);
                writeln!(
                    output,
                    "{}",
                    render::reply(engine, texts, &reply, Markup::Plain, true)
                )?;
                if explaining {
                    writeln!(output, "\n{}", explain::explain(engine, &reply, weights))?;
                }
            }
        }
    }
    Ok(())
}

const HELP: &str = "Type a question and press Enter. Commands: /topics lists what I know, /explain shows how I \
                    matched, /quit (or Ctrl-D) leaves.";
