//! Questions: a text addressed to the bot is answered; anything else in a private chat gets a hint.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::utils::command::BotCommands;

use crate::bot::command::Command;
use crate::bot::format::{self, Outgoing};
use crate::bot::mentions::addressed_text;
use crate::bot::send::{HandlerResult, chat_kind, send};
use crate::bot::with_store;
use crate::bot::{FaqBot, State};
use crate::engine::render::Markup;
use crate::engine::{Decision, Declined, Outcome};

/// A text message: answered in private chats, and in groups and channels when it is addressed to the bot.
pub async fn on_text(
    bot: FaqBot,
    msg: Message,
    me: Me,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let Some(question) =
        addressed_text(&msg, &me, state.settings.telegram.answer_all_group_messages)
    else {
        tracing::debug!(
            update_id = update.id.0,
            chat = chat_kind(&msg),
            "not addressed to the bot"
        );
        return Ok(());
    };
    if question.starts_with('/') {
        if msg.chat.is_private() {
            let text = Markup::Html.escape(&format!(
                "I do not know that command.\n\n{}",
                Command::descriptions()
            ));
            send(&bot, &msg, Outgoing::text(text), &update).await?;
        }
        return Ok(());
    }
    answer(&bot, &msg, &question, &state, &update).await
}

/// A sticker, photo, voice message or the like in a private chat.
pub async fn on_non_text(
    bot: FaqBot,
    msg: Message,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let text = Markup::Html.escape(&state.settings.texts.non_text);
    tracing::info!(
        update_id = update.id.0,
        chat = chat_kind(&msg),
        outcome = "non_text",
        "reply"
    );
    send(&bot, &msg, Outgoing::text(text), &update).await?;
    Ok(())
}

/// Answers a question in the chat of `msg`, quoting it in groups.
pub(crate) async fn answer(
    bot: &FaqBot,
    msg: &Message,
    question: &str,
    state: &State,
    update: &Update,
) -> HandlerResult {
    let engine = state.engine();
    let reply = engine.ask(question);
    let best = reply.best().map(|b| (&engine.entry(b.entry).id, b.score));
    tracing::info!(
        update_id = update.id.0,
        chat = chat_kind(msg),
        outcome = reply.outcome().as_str(),
        entry = best.map_or("-", |b| b.0.as_str()),
        score = best.map_or(0.0, |b| b.1),
        "answer"
    );
    tracing::trace!(update_id = update.id.0, question, "question text");
    let metrics = &state.service.metrics;
    metrics.question(
        reply.outcome().as_str(),
        chat_kind(msg),
        reply.alert.is_some(),
    );
    // Counted before the reply goes out: whoever sees the reply sees it counted.
    let outcome = reply.outcome().as_str();
    let entry = best.map(|b| b.0.clone());
    let declined = matches!(reply.decision, Decision::Decline(Declined::NoMatch { .. }))
        .then(|| question.to_string());
    with_store(&state.store, move |store| {
        store.record_question(outcome, entry.as_ref(), declined.as_deref())
    })
    .await;
    let mut last = None;
    for part in format::reply(&engine, &state.settings.texts, &reply) {
        last = Some(send(bot, msg, part, update).await?);
    }
    if let Some(sent) = last.filter(|_| reply.outcome() == Outcome::Answered) {
        state.remember(msg.chat.id.0, sent.0, question);
    }
    Ok(())
}
