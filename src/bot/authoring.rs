//! Writing the FAQ from the chat, for admins: `/answer` and `/alias` as replies, in private chats and
//! groups, and the prompts that ask for a title or a new entry's text. Every change goes through the one
//! [`Curator`](crate::curation::Curator).

use std::sync::Arc;

use anyhow::Context;
use teloxide::prelude::*;

use crate::bot::access::is_admin;
use crate::bot::curate::{curate, describe, undo_button};
use crate::bot::format::Outgoing;
use crate::bot::prompts::{Prompt, ask};
use crate::bot::send::{HandlerResult, context, send};
use crate::bot::{FaqBot, State};
use crate::curation::{Admin, CurateError, Done};
use crate::engine::render::Markup;

/// The prompt that `msg` (from an admin) replies to, if any: for the handler tree.
pub fn prompt_for(state: Arc<State>, msg: Message) -> Option<Prompt> {
    let replied = msg.reply_to_message()?;
    if !is_admin(&state, &msg) {
        return None;
    }
    state.prompts.get(msg.chat.id, replied.id)
}

/// `/answer [Title]`, replying to the message whose text becomes the answer of a new entry.
pub async fn on_answer(
    bot: &FaqBot,
    msg: &Message,
    title: &str,
    state: &Arc<State>,
    update: &Update,
) -> HandlerResult {
    let Some(answer) = replied_text(msg) else {
        let text = "Reply to the message that holds the answer with /answer followed by a title, e.g. /answer Where to park.";
        return send(bot, msg, Outgoing::text(Markup::Html.escape(text)), update)
            .await
            .map(drop);
    };
    if title.trim().is_empty() {
        let prompt = "What is this entry's title (the heading shown above its answer)? Reply to this message with it.";
        let quote = (!msg.chat.is_private()).then_some(msg.id);
        let sent = ask(bot, msg.chat.id, quote, prompt.to_string())
            .await
            .with_context(|| context(update))?;
        state
            .prompts
            .put(msg.chat.id, sent, Prompt::Title { answer });
        return Ok(());
    }
    let title = title.to_string();
    let admin = admin_of(msg);
    let result = curate(state, move |c| {
        c.new_entry(admin, &title, &answer, None, None)
    })
    .await;
    confirm(bot, msg, result, update, "answer command").await
}

/// `/alias <entry id or title>`, replying to the question to add to that entry.
pub async fn on_alias(
    bot: &FaqBot,
    msg: &Message,
    name: &str,
    state: &Arc<State>,
    update: &Update,
) -> HandlerResult {
    let (Some(question), false) = (replied_text(msg), name.trim().is_empty()) else {
        let text = "Reply to a question with /alias followed by the id or title of the entry that answers it, e.g. /alias Side effects.";
        return send(bot, msg, Outgoing::text(Markup::Html.escape(text)), update)
            .await
            .map(drop);
    };
    let name = name.to_string();
    let admin = admin_of(msg);
    let result = curate(state, move |c| c.add_question(admin, &name, &question)).await;
    confirm(bot, msg, result, update, "alias command").await
}

/// An admin's reply to a prompt: the title (and answer) of a new entry.
pub async fn on_prompt_reply(
    bot: FaqBot,
    msg: Message,
    prompt: Prompt,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let text = msg.text().unwrap_or_default().trim().to_string();
    let admin = admin_of(&msg);
    // A command in reply (/cancel, or any) drops the prompt rather than becoming a title.
    if text.starts_with('/') {
        if let Some(replied) = msg.reply_to_message() {
            state.prompts.remove(msg.chat.id, replied.id);
        }
        let part = Outgoing::text("Cancelled: no entry was written.".to_string());
        return send(&bot, &msg, part, &update).await.map(drop);
    }
    let result = match prompt {
        Prompt::NewEntry { gap } => {
            let (title, answer) = text.split_once('\n').unwrap_or((&text, ""));
            if answer.trim().is_empty() {
                let text =
                    "Send the title on the first line and the answer below it, in one message.";
                return send(
                    &bot,
                    &msg,
                    Outgoing::text(Markup::Html.escape(text)),
                    &update,
                )
                .await
                .map(drop);
            }
            let (title, answer) = (title.to_string(), answer.to_string());
            curate(&state, move |c| {
                c.new_entry(admin, &title, &answer, None, Some(gap))
            })
            .await
        }
        Prompt::Title { answer } => {
            curate(&state, move |c| {
                c.new_entry(admin, &text, &answer, None, None)
            })
            .await
        }
    };
    if result.is_ok()
        && let Some(replied) = msg.reply_to_message()
    {
        state.prompts.remove(msg.chat.id, replied.id);
    }
    confirm(&bot, &msg, result, &update, "prompt reply").await
}

/// Logs the outcome of an admin's `what` (never its text) and tells the admin in the chat what was done,
/// with an undo button, or why not.
async fn confirm(
    bot: &FaqBot,
    msg: &Message,
    result: Result<Done, CurateError>,
    update: &Update,
    what: &'static str,
) -> HandlerResult {
    tracing::info!(update_id = update.id.0, ok = result.is_ok(), "{what}");
    let part = match result {
        Ok(done) => Outgoing {
            text: describe(&done, false),
            keyboard: Some(undo_button(&done)),
        },
        Err(err) => Outgoing::text(Markup::Html.escape(&format!("Not done: {err}"))),
    };
    send(bot, msg, part, update).await.map(drop)
}

fn replied_text(msg: &Message) -> Option<String> {
    msg.reply_to_message()
        .and_then(|r| r.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn admin_of(msg: &Message) -> Admin {
    msg.from
        .as_ref()
        .map_or(Admin::Terminal, |u| Admin::Telegram(u.id.0))
}
