//! Reply → text: the words a user sees, as plain text (terminal, JSON) or Telegram HTML.

use std::path::Path;

use crate::config::Texts;
use crate::engine::{Decision, Declined, Engine, Reply};
use crate::faq::EntryPos;
use crate::search::chitchat::ChitChat;

/// How text is marked up for a front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// No markup: the terminal and `--json`.
    Plain,
    /// Telegram's HTML parse mode: only `<`, `>` and `&` are escaped.
    Html,
}

impl Markup {
    /// Escapes document or user text.
    pub fn escape(self, text: &str) -> String {
        match self {
            Markup::Plain => text.to_string(),
            Markup::Html => text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
        }
    }

    /// Bold text (escaped).
    pub fn bold(self, text: &str) -> String {
        match self {
            Markup::Plain => text.to_string(),
            Markup::Html => format!("<b>{}</b>", self.escape(text)),
        }
    }

    /// Italic text (escaped).
    pub fn italic(self, text: &str) -> String {
        match self {
            Markup::Plain => text.to_string(),
            Markup::Html => format!("<i>{}</i>", self.escape(text)),
        }
    }
}

/// Renders a reply. With `lists`, related entries and candidates are written out as text (the terminal);
/// without, the front end shows them as buttons (Telegram).
pub fn reply(engine: &Engine, texts: &Texts, reply: &Reply, markup: Markup, lists: bool) -> String {
    let body = outcome(engine, texts, reply, markup, lists);
    match &reply.alert {
        Some(alert) => format!("{}\n\n{body}", markup.bold(&alert.notice)),
        None => body,
    }
}

fn outcome(engine: &Engine, texts: &Texts, reply: &Reply, markup: Markup, lists: bool) -> String {
    match &reply.decision {
        Decision::Answer { best, related } => {
            let mut out = entry(engine, texts, best.entry, markup);
            if lists && !related.is_empty() {
                let titles: Vec<String> = related
                    .iter()
                    .map(|c| engine.entry(c.entry).title.clone())
                    .collect();
                out.push_str(&format!(
                    "\n\n{} {}",
                    markup.escape(&texts.related),
                    markup.escape(&titles.join(" · "))
                ));
            }
            out.push_str(&format!("\n\n{}", markup.italic(&texts.disclaimer)));
            out
        }
        Decision::Suggest { first, others } => {
            let mut out = markup.escape(&texts.did_you_mean);
            if lists {
                let all = std::iter::once(first).chain(others);
                for (n, c) in all.enumerate() {
                    out.push_str(&format!(
                        "\n  {}. {}",
                        n + 1,
                        markup.escape(&engine.entry(c.entry).title)
                    ));
                }
            }
            out
        }
        Decision::Decline(Declined::Empty) => markup.escape(&texts.empty_question),
        Decision::Decline(Declined::NoMatch { .. }) => markup.escape(&texts.decline),
        Decision::SmallTalk(kind) => markup.escape(chitchat(texts, *kind)),
    }
}

/// An entry on its own: title, text and source (no disclaimer), as opened from a topic button.
pub fn entry(engine: &Engine, texts: &Texts, pos: EntryPos, markup: Markup) -> String {
    let e = engine.entry(pos);
    let file = Path::new(&e.source)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(&e.source);
    let source = format!("{} {} ({file}, line {})", texts.source, e.document, e.line);
    format!(
        "{}\n\n{}\n\n{}",
        markup.bold(&e.title),
        markup.escape(&e.body),
        markup.italic(&source)
    )
}

/// The reply text for a kind of small talk.
pub fn chitchat(texts: &Texts, kind: ChitChat) -> &str {
    match kind {
        ChitChat::Greeting => &texts.greeting,
        ChitChat::Thanks => &texts.thanks,
        ChitChat::Goodbye => &texts.goodbye,
        ChitChat::Acknowledgement => &texts.acknowledgement,
        ChitChat::AboutBot => &texts.about_bot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_only_the_three_characters() {
        assert_eq!(Markup::Html.escape("<b> & \"q\""), "&lt;b&gt; &amp; \"q\"");
        assert_eq!(Markup::Plain.escape("<b>"), "<b>");
    }
}
