//! Button presses and inline queries: opening entries and topic pages, votes, and `@bot question` in any
//! chat.

use std::sync::Arc;

use anyhow::Context;
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQuery, InlineQuery, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, ParseMode,
};

use crate::bot::admin;
use crate::bot::callback::{self, Action};
use crate::bot::format::{self, Outgoing};
use crate::bot::send::{HandlerResult, context, send_to};
use crate::bot::{FaqBot, State};
use crate::engine::{Decision, Engine};
use crate::faq::EntryPos;

/// Inline mode answers with at most this many entries.
const INLINE_RESULTS: usize = 5;
/// An empty inline query lists at most this many topics (Telegram's limit is 50).
const INLINE_TOPICS: usize = 50;

/// A button press: open an entry or a page of topics. Every callback query is answered.
pub async fn on_callback(
    bot: FaqBot,
    query: CallbackQuery,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let engine = state.engine();
    let action = query.data.as_deref().and_then(Action::decode);
    let target = query.message.as_ref().map(|m| (m.chat().id, m.id()));
    let mut notice = None;
    // The callback query is answered whatever happens here, so the button never keeps spinning.
    let acted: anyhow::Result<()> = async {
        match (action, target) {
            (Some(Action::Entry(hash)), Some((chat, _))) => match callback::find_entry(&engine, hash) {
                Some(n) => {
                    tracing::info!(update_id = update.id.0, outcome = "opened", entry = %engine.entry(n).id, "button");
                    for part in format::entry(&engine, &state.settings.texts, n) {
                        send_to(&bot, chat, None, part)
                            .await?;
                    }
                }
                None => {
                    notice = Some("That topic is no longer in the FAQ. Here are the current topics.");
                    let (text, keyboard) = format::topics(&engine, 0);
                    let part = Outgoing {
                        text,
                        keyboard: Some(keyboard),
                    };
                    send_to(&bot, chat, None, part)
                        .await?;
                }
            },
            (Some(Action::Topics(page)), Some((chat, message))) => {
                let (text, keyboard) = format::topics(&engine, page);
                let edited = bot
                    .edit_message_text(chat, message, text.clone())
                    .parse_mode(ParseMode::Html)
                    .reply_markup(keyboard.clone())
                    .await;
                if edited.is_err() {
                    send_to(
                        &bot,
                        chat,
                        None,
                        Outgoing {
                            text,
                            keyboard: Some(keyboard),
                        },
                    )
                    .await?;
                }
            }
            (Some(Action::Vote(up, hash)), Some((chat, message))) => {
                notice = Some(state.settings.texts.feedback_thanks.as_str());
                if let Some(n) = callback::find_entry(&engine, hash) {
                    let question = if up {
                        None
                    } else {
                        state.recall(chat.0, message.0)
                    };
                    let entry = engine.entry(n).id.clone();
                    tracing::info!(update_id = update.id.0, vote = if up { "up" } else { "down" }, entry = %entry, "feedback");
                    admin::vote(&state, query.from.id, entry, up, question).await;
                }
            }
            (Some(_), None) => notice = Some("Open a chat with me to read this topic."),
            (None, _) => notice = Some("This button is from an older version of the FAQ. Try /topics."),
        }
        Ok(())
    }
    .await;
    let mut answer = bot.answer_callback_query(query.id.clone());
    if let Some(text) = notice {
        answer = answer.text(text);
    }
    answer.await.with_context(|| context(&update))?;
    acted.with_context(|| context(&update))
}

/// Inline mode: `@bot question` in any chat offers matching entries; an empty query lists the topics.
pub async fn on_inline(
    bot: FaqBot,
    query: InlineQuery,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let engine = state.engine();
    let entries: Vec<EntryPos> = if query.query.trim().is_empty() {
        engine
            .faq()
            .positioned()
            .map(|(pos, _)| pos)
            .take(INLINE_TOPICS)
            .collect()
    } else {
        let floor = state.settings.matching.suggest_threshold;
        let explained = engine.explain(&query.query);
        match explained.reply.decision {
            Decision::SmallTalk(_) => Vec::new(),
            _ => explained
                .hits
                .iter()
                .filter(|h| h.score >= floor)
                .take(INLINE_RESULTS)
                .map(|h| h.entry)
                .collect(),
        }
    };
    tracing::info!(
        update_id = update.id.0,
        results = entries.len(),
        "inline query"
    );
    let results: Vec<InlineQueryResult> = entries
        .iter()
        .map(|&n| article(&engine, &state, n))
        .collect();
    bot.answer_inline_query(query.id.clone(), results)
        .cache_time(60)
        .await
        .with_context(|| context(&update))?;
    Ok(())
}

fn article(engine: &Engine, state: &State, pos: EntryPos) -> InlineQueryResult {
    let entry = engine.entry(pos);
    let mut text = format::entry(engine, &state.settings.texts, pos)
        .remove(0)
        .text;
    if text.encode_utf16().count() > format::MAX_MESSAGE {
        text = format::split(&text, format::MAX_MESSAGE - 2).remove(0) + " …";
    }
    let content =
        InputMessageContent::Text(InputMessageContentText::new(text).parse_mode(ParseMode::Html));
    let snippet: String = entry.body.chars().take(120).collect();
    InlineQueryResult::Article(
        InlineQueryResultArticle::new(
            format!("{:016x}", callback::id_hash(&entry.id)),
            &entry.title,
            content,
        )
        .description(snippet),
    )
}
