//! Telegram messages: the HTML text of a reply, its buttons, and the split of long answers.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::callback::{self, Action};
use crate::config::Texts;
use crate::engine::render::{self, Markup};
use crate::engine::{Candidate, Decision, Engine, Reply};
use crate::faq::EntryPos;

/// Telegram's limit on a message's text.
pub const MAX_MESSAGE: usize = 4096;
/// Topics shown per page of `/topics`.
pub const TOPICS_PER_PAGE: usize = 8;
/// Button labels are cut to this many characters.
const MAX_LABEL: usize = 60;

/// One message to send: HTML text and, on the last part of a reply, its buttons.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// HTML text, at most `MAX_MESSAGE` UTF-16 units.
    pub text: String,
    /// Buttons under the message.
    pub keyboard: Option<InlineKeyboardMarkup>,
}

impl Outgoing {
    /// A message with no buttons.
    pub fn text(text: String) -> Outgoing {
        Outgoing {
            text,
            keyboard: None,
        }
    }
}

/// The messages for a reply: the text split to fit, with related, "did you mean" or topics buttons last,
/// and 👍/👎 under an answer.
pub fn reply(engine: &Engine, texts: &Texts, reply: &Reply) -> Vec<Outgoing> {
    let text = render::reply(engine, texts, reply, Markup::Html, false);
    let keyboard = match &reply.decision {
        Decision::Answer { best, related } => {
            let hash = callback::id_hash(&engine.entry(best.entry).id);
            let votes = vec![
                InlineKeyboardButton::callback("👍 Helpful", Action::Vote(true, hash).encode()),
                InlineKeyboardButton::callback(
                    "👎 Not helpful",
                    Action::Vote(false, hash).encode(),
                ),
            ];
            let related = entry_buttons(engine, related, "↪ ");
            let mut rows = related.map(|k| k.inline_keyboard).unwrap_or_default();
            rows.push(votes);
            Some(InlineKeyboardMarkup::new(rows))
        }
        Decision::Suggest { first, others } => {
            let all: Vec<Candidate> = std::iter::once(*first)
                .chain(others.iter().copied())
                .collect();
            entry_buttons(engine, &all, "")
        }
        Decision::Decline(_) => Some(topics_button()),
        Decision::SmallTalk(_) => None,
    };
    with_keyboard(split(&text, MAX_MESSAGE), keyboard)
}

/// The messages for an entry opened from a button: the entry and the disclaimer.
pub fn entry(engine: &Engine, texts: &Texts, pos: EntryPos) -> Vec<Outgoing> {
    let text = format!(
        "{}\n\n<i>{}</i>",
        render::entry(engine, texts, pos, Markup::Html),
        Markup::Html.escape(&texts.disclaimer)
    );
    with_keyboard(split(&text, MAX_MESSAGE), None)
}

/// One page of the topic list: a button per entry, and previous / next buttons.
pub fn topics(engine: &Engine, page: usize) -> (String, InlineKeyboardMarkup) {
    let faq = engine.faq();
    let pages = faq.entries.len().div_ceil(TOPICS_PER_PAGE).max(1);
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = faq
        .positioned()
        .skip(page * TOPICS_PER_PAGE)
        .take(TOPICS_PER_PAGE)
        .map(|(pos, entry)| {
            vec![InlineKeyboardButton::callback(
                label(&entry.title),
                callback::open_entry(engine, pos),
            )]
        })
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(InlineKeyboardButton::callback(
            "◀ Previous",
            Action::Topics(page - 1).encode(),
        ));
    }
    if page + 1 < pages {
        nav.push(InlineKeyboardButton::callback(
            "Next ▶",
            Action::Topics(page + 1).encode(),
        ));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    let text = format!(
        "<b>Topics</b> ({} of {pages}): tap one to read it.",
        page + 1
    );
    (text, InlineKeyboardMarkup::new(rows))
}

/// The "Topics" button under a declined question.
pub fn topics_button() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        "📚 Topics",
        Action::Topics(0).encode(),
    )]])
}

fn entry_buttons(
    engine: &Engine,
    candidates: &[Candidate],
    prefix: &str,
) -> Option<InlineKeyboardMarkup> {
    if candidates.is_empty() {
        return None;
    }
    let rows = candidates.iter().map(|c| {
        let title = &engine.entry(c.entry).title;
        vec![InlineKeyboardButton::callback(
            format!("{prefix}{}", label(title)),
            callback::open_entry(engine, c.entry),
        )]
    });
    Some(InlineKeyboardMarkup::new(rows))
}

fn with_keyboard(parts: Vec<String>, keyboard: Option<InlineKeyboardMarkup>) -> Vec<Outgoing> {
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Outgoing {
            text,
            keyboard: if i == last { keyboard.clone() } else { None },
        })
        .collect()
}

/// A button label: the title, cut at a word with "…" when long.
pub fn label(title: &str) -> String {
    if title.chars().count() <= MAX_LABEL {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX_LABEL - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

/// Telegram counts a message's length in UTF-16 code units.
fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Splits `text` into messages of at most `max` UTF-16 units, at paragraph breaks where possible, then at
/// line breaks, sentence ends and spaces. Tags never span a paragraph, so no cut falls inside one; a cut
/// at a space never falls inside an `&amp;`.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for piece in pieces(text, max) {
        let joined = if current.is_empty() {
            piece.clone()
        } else {
            format!("{current}\n\n{piece}")
        };
        if units(&joined) <= max {
            current = joined;
        } else {
            parts.push(std::mem::take(&mut current));
            current = piece;
        }
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

/// The paragraphs of `text`, each cut further until it fits in `max`.
fn pieces(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        cut(paragraph, max, &["\n", ". ", " "], &mut out);
    }
    out
}

fn cut(text: &str, max: usize, separators: &[&str], out: &mut Vec<String>) {
    if units(text) <= max {
        out.push(text.to_string());
        return;
    }
    let Some((separator, rest)) = separators.split_first() else {
        // No separator left: cut between characters.
        let mut chunk = String::new();
        for c in text.chars() {
            if units(&chunk) + c.len_utf16() > max {
                out.push(std::mem::take(&mut chunk));
            }
            chunk.push(c);
        }
        out.push(chunk);
        return;
    };
    let mut chunk = String::new();
    for (i, part) in text.split(separator).enumerate() {
        let candidate = if i == 0 {
            part.to_string()
        } else {
            format!("{chunk}{separator}{part}")
        };
        if units(&candidate) <= max {
            chunk = candidate;
            continue;
        }
        if !chunk.is_empty() {
            out.push(std::mem::take(&mut chunk));
        }
        if units(part) <= max {
            chunk = part.to_string();
        } else {
            cut(part, max, rest, out);
        }
    }
    if !chunk.is_empty() {
        out.push(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_part() {
        assert_eq!(split("a\n\nb", 10), ["a\n\nb"]);
    }

    #[test]
    fn splits_at_paragraphs_first() {
        let text = format!(
            "{}\n\n{}\n\n{}",
            "a".repeat(6),
            "b".repeat(6),
            "c".repeat(6)
        );
        assert_eq!(
            split(&text, 14),
            [
                format!("{}\n\n{}", "a".repeat(6), "b".repeat(6)),
                "c".repeat(6)
            ]
        );
    }

    #[test]
    fn long_paragraph_is_cut_at_sentences_then_spaces() {
        let text = "One two three. Four five six. Seven.";
        let parts = split(text, 16);
        assert!(parts.iter().all(|p| units(p) <= 16), "{parts:?}");
        assert_eq!(
            parts.join(" ").split_whitespace().count(),
            text.split_whitespace().count()
        );
    }

    #[test]
    fn every_part_fits_and_nothing_is_lost() {
        let text = "word &amp; 🙂 ".repeat(2000);
        let parts = split(&text, MAX_MESSAGE);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| units(p) <= MAX_MESSAGE));
        assert!(
            parts
                .iter()
                .all(|p| !p.ends_with("&amp") && !p.starts_with("amp;"))
        );
        let words: usize = parts.iter().map(|p| p.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count());
    }

    #[test]
    fn a_word_longer_than_a_message_is_cut_between_characters() {
        let parts = split(&"x".repeat(10), 4);
        assert_eq!(parts, ["xxxx", "xxxx", "xx"]);
    }

    #[test]
    fn labels_are_cut_at_a_word() {
        let title = "Inspiring Success Stories: A Glimpse into the Transformative Power of CAR T-Cell Therapy";
        let l = label(title);
        assert!(l.chars().count() <= MAX_LABEL, "{l}");
        assert!(l.ends_with("Power of…") || l.ends_with('…'), "{l}");
    }
}
