//! Curation buttons, for admins: a card per gap in `/gaps` with one tap to assign it (the closest entries),
//! write a new entry or ignore it, and undo. Every change goes through the one
//! [`Curator`](crate::curation::Curator).

use std::sync::Arc;

use anyhow::Context;
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, ParseMode};

use crate::bot::access::is_admin_user;
use crate::bot::callback::{self, id_hash};
use crate::bot::format::Outgoing;
use crate::bot::prompts::{Prompt, ask};
use crate::bot::send::{HandlerResult, context};
use crate::bot::with_store;
use crate::bot::{FaqBot, State};
use crate::curation::{self, Admin, CurateError, Curator, Done, Kind};
use crate::engine::Engine;
use crate::engine::render::Markup;

/// How many gaps `/gaps` sends as cards with buttons (the list above them names more).
const CARDS: usize = 5;
/// Entry buttons on a card.
const CLOSEST: usize = 3;
/// Button labels are cut to this many characters.
const LABEL_CHARS: usize = 40;

/// A curation button's payload; gaps by their database id, entries by the hash of their id, changes by
/// their id, so that it stays within the 64 bytes of `callback_data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Add the gap's question to the entry.
    Assign(i64, u64),
    /// Write a new entry for the gap.
    New(i64),
    /// Hide the gap.
    Ignore(i64),
    /// Undo the change.
    Undo(i64),
}

impl Button {
    /// The `callback_data`.
    pub fn encode(self) -> String {
        match self {
            Button::Assign(gap, hash) => format!("ca:{gap}:{hash:016x}"),
            Button::New(gap) => format!("cn:{gap}"),
            Button::Ignore(gap) => format!("ci:{gap}"),
            Button::Undo(change) => format!("cu:{change}"),
        }
    }

    /// Reads `callback_data`; `None` when it is not a curation button.
    pub fn decode(data: &str) -> Option<Button> {
        let (kind, rest) = data.split_once(':')?;
        let number = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
        match kind {
            "ca" => {
                let (gap, hash) = rest.split_once(':')?;
                let hash = (hash.len() == 16)
                    .then(|| u64::from_str_radix(hash, 16).ok())
                    .flatten()?;
                Some(Button::Assign(number(gap)?, hash))
            }
            "cn" => number(rest).map(Button::New),
            "ci" => number(rest).map(Button::Ignore),
            "cu" => number(rest).map(Button::Undo),
            _ => None,
        }
    }
}

/// The cards `/gaps` sends an admin after the list: each open gap with its buttons.
pub async fn gap_cards(state: &Arc<State>, engine: &Engine) -> Vec<Outgoing> {
    let gaps = with_store(&state.store, |store| store.gaps(CARDS))
        .await
        .unwrap_or_default();
    gaps.into_iter()
        .map(|gap| {
            let mut rows: Vec<Vec<InlineKeyboardButton>> =
                curation::closest(engine, &gap.text, CLOSEST)
                    .into_iter()
                    .map(|(n, _)| {
                        let entry = engine.entry(n);
                        let data = Button::Assign(gap.id, id_hash(&entry.id)).encode();
                        vec![InlineKeyboardButton::callback(
                            format!("➕ {}", cut(&entry.title)),
                            data,
                        )]
                    })
                    .collect();
            rows.push(vec![
                InlineKeyboardButton::callback("🆕 New entry", Button::New(gap.id).encode()),
                InlineKeyboardButton::callback("🙈 Ignore", Button::Ignore(gap.id).encode()),
            ]);
            Outgoing {
                text: format!(
                    "{} × {}\n<i>Tap the entry that answers it.</i>",
                    gap.count,
                    Markup::Html.escape(&gap.text)
                ),
                keyboard: Some(InlineKeyboardMarkup::new(rows)),
            }
        })
        .collect()
}

/// A curation button. Admins only; every press is answered, a stale one politely.
pub async fn on_button(
    bot: FaqBot,
    query: CallbackQuery,
    button: Button,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let target = query.message.as_ref().map(|m| (m.chat().id, m.id()));
    if !is_admin_user(&state, query.from.id) {
        tracing::info!(update_id = update.id.0, "curation button refused");
        return notice(&bot, &query, &state.settings.texts.not_allowed, &update).await;
    }
    let admin = Admin::Telegram(query.from.id.0);
    let result = match button {
        Button::New(gap) => {
            let store = Arc::clone(&state.store);
            let open = tokio::task::spawn_blocking(move || curation::open_gap(&store, gap)).await?;
            let text = match (open, target) {
                (Ok(Some(gap_found)), Some((chat, _))) => {
                    let prompt = format!(
                        "New entry for “{}”.\nReply to this message with its title on the first line and the answer below it.",
                        Markup::Html.escape(&gap_found.text)
                    );
                    let sent = ask(&bot, chat, None, prompt)
                        .await
                        .with_context(|| context(&update))?;
                    state.prompts.put(chat, sent, Prompt::NewEntry { gap });
                    "Reply to my message with the title and the answer.".to_string()
                }
                (Ok(Some(_)), None) => "Open the chat with me to write the entry.".to_string(),
                (Ok(None), _) => CurateError::GapClosed.to_string(),
                (Err(err), _) => err.to_string(),
            };
            return notice(&bot, &query, &text, &update).await;
        }
        Button::Assign(gap, hash) => {
            let engine = state.engine();
            let Some(n) = callback::find_entry(&engine, hash) else {
                let text = "That entry is no longer in the FAQ; send /gaps for fresh buttons.";
                return notice(&bot, &query, text, &update).await;
            };
            let entry = engine.entry(n).id.clone();
            curate(&state, move |c| c.assign_gap(admin, gap, &entry)).await
        }
        Button::Ignore(gap) => curate(&state, move |c| c.ignore(admin, gap)).await,
        Button::Undo(change) => curate(&state, move |c| c.undo(change)).await,
    };
    let undo = matches!(button, Button::Undo(_));
    tracing::info!(
        update_id = update.id.0,
        action = match button {
            Button::Assign(..) => "assign",
            Button::New(_) => "new",
            Button::Ignore(_) => "ignore",
            Button::Undo(_) => "undo",
        },
        ok = result.is_ok(),
        "curation button"
    );
    match result {
        Ok(done) => {
            if let Some((chat, message)) = target {
                let mut edit = bot
                    .edit_message_text(chat, message, describe(&done, undo))
                    .parse_mode(ParseMode::Html);
                if !undo {
                    edit = edit.reply_markup(undo_button(&done));
                }
                // A message too old to edit still got the change; the notice says so.
                if let Err(err) = edit.await {
                    tracing::debug!(update_id = update.id.0, "could not edit the card: {err}");
                }
            }
            notice(
                &bot,
                &query,
                if undo { "Undone." } else { "Done." },
                &update,
            )
            .await
        }
        Err(err) => notice(&bot, &query, &err.to_string(), &update).await,
    }
}

/// Runs a curation operation off the async workers (it writes files and reloads the FAQ).
pub(crate) async fn curate(
    state: &Arc<State>,
    op: impl FnOnce(&Curator) -> Result<Done, CurateError> + Send + 'static,
) -> Result<Done, CurateError> {
    let state = Arc::clone(state);
    match tokio::task::spawn_blocking(move || op(&state.curator)).await {
        Ok(result) => result,
        Err(err) => Err(CurateError::Edit(curation::EditError::Io {
            path: "questions.toml".into(),
            action: "writing",
            source: std::io::Error::other(err.to_string()),
        })),
    }
}

pub(crate) fn undo_button(done: &Done) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        "↩️ Undo",
        Button::Undo(done.change.id).encode(),
    )]])
}

/// The change in a line, as HTML.
pub(crate) fn describe(done: &Done, undone: bool) -> String {
    let h = |s: &str| Markup::Html.escape(s);
    let c = &done.change;
    let what = match (undone, c.kind) {
        (true, Kind::Ignore) => "↩️ Undone: the question is back in /gaps.".to_string(),
        (true, _) => format!(
            "↩️ Undone: “{}” is no longer in “{}”.",
            h(&c.question),
            h(&done.title)
        ),
        (false, Kind::Question) => {
            format!(
                "✅ “{}” is now a question of “{}”.",
                h(&c.question),
                h(&done.title)
            )
        }
        (false, Kind::NewEntry) => format!(
            "✅ New entry “{}” (<code>{}</code>).",
            h(&done.title),
            h(&c.entry)
        ),
        (false, Kind::Ignore) if c.entry.is_empty() => "🙈 Ignored: it leaves /gaps.".to_string(),
        (false, Kind::Ignore) => {
            format!(
                "“{}” was a question of “{}” already.",
                h(&c.question),
                h(&done.title)
            )
        }
    };
    match &done.reload {
        Some(Err(err)) => format!(
            "{what}\n\n⚠️ Saved, but the FAQ did not reload; the old one keeps answering:\n{}",
            h(&err.to_string())
        ),
        _ => what,
    }
}

async fn notice(bot: &FaqBot, query: &CallbackQuery, text: &str, update: &Update) -> HandlerResult {
    // Telegram shows at most 200 characters of a callback answer.
    let text: String = text.chars().take(200).collect();
    bot.answer_callback_query(query.id.clone())
        .text(text)
        .await
        .with_context(|| context(update))?;
    Ok(())
}

fn cut(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_string();
    }
    let mut short: String = title.chars().take(LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_round_trip_within_64_bytes() {
        for b in [
            Button::Assign(i64::MAX, u64::MAX),
            Button::New(1),
            Button::Ignore(42),
            Button::Undo(i64::MAX),
        ] {
            let data = b.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Button::decode(&data), Some(b));
        }
        for foreign in [
            "e:0123456789abcdef",
            "ca:1:xyz",
            "cn:-1",
            "cu:",
            "cx:1",
            "ca:0:0123456789abcdef",
        ] {
            assert_eq!(Button::decode(foreign), None, "{foreign}");
        }
    }
}
