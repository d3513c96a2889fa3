//! The everyday commands, one endpoint each: /start, /help, /topics, /ask, /about, /privacy, /forget.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::utils::command::BotCommands;

use crate::bot::command::Command;
use crate::bot::format::{self, Outgoing};
use crate::bot::send::{HandlerResult, send};
use crate::bot::{FaqBot, State, admin, handlers};
use crate::engine::Engine;
use crate::engine::render::Markup;

/// The welcome, the disclaimer, and the first page of topics as buttons.
pub async fn start(bot: FaqBot, msg: Message, state: Arc<State>, update: Update) -> HandlerResult {
    let texts = &state.settings.texts;
    let welcome = Markup::Html.escape(&texts.welcome);
    let (_, topics) = format::topics(&state.engine(), 0);
    let part = Outgoing {
        text: format!("{welcome}\n\n{}", Markup::Html.italic(&texts.disclaimer)),
        keyboard: Some(topics),
    };
    send(&bot, &msg, part, &update).await?;
    Ok(())
}

/// How to ask, which depends on the kind of chat, and the command list.
pub async fn help(bot: FaqBot, msg: Message, update: Update) -> HandlerResult {
    let how = if msg.chat.is_private() {
        "Just type your question. In groups, use /ask, mention me, or reply to one of my messages."
    } else {
        "Ask with /ask followed by your question, mention me, or reply to one of my messages."
    };
    let text = Markup::Html.escape(&format!("{how}\n\n{}", Command::descriptions()));
    send(&bot, &msg, Outgoing::text(text), &update).await?;
    Ok(())
}

/// The first page of topics, as buttons.
pub async fn topics(bot: FaqBot, msg: Message, state: Arc<State>, update: Update) -> HandlerResult {
    let (text, keyboard) = format::topics(&state.engine(), 0);
    let part = Outgoing {
        text,
        keyboard: Some(keyboard),
    };
    send(&bot, &msg, part, &update).await?;
    Ok(())
}

/// A question after /ask: the way to ask in a group with privacy mode on.
pub async fn ask(
    bot: FaqBot,
    msg: Message,
    question: String,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    if question.trim().is_empty() {
        let hint = "Type your question after /ask, for example: /ask what are the side effects?";
        send(&bot, &msg, Outgoing::text(hint.to_string()), &update).await?;
        return Ok(());
    }
    handlers::answer(&bot, &msg, &question, &state, &update).await
}

/// The documents answered from, and the version.
pub async fn about(bot: FaqBot, msg: Message, state: Arc<State>, update: Update) -> HandlerResult {
    let text = about_text(&state.engine(), &state);
    send(&bot, &msg, Outgoing::text(text), &update).await?;
    Ok(())
}

/// What is stored, why, and for how long.
pub async fn privacy(
    bot: FaqBot,
    msg: Message,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    send(&bot, &msg, Outgoing::text(admin::privacy(&state)), &update).await?;
    Ok(())
}

/// Deletes what is tied to the sender.
pub async fn forget(bot: FaqBot, msg: Message, state: Arc<State>, update: Update) -> HandlerResult {
    tracing::info!(update_id = update.id.0, "forget");
    let text = admin::forget(&state, msg.from.as_ref().map(|u| u.id)).await;
    send(&bot, &msg, Outgoing::text(text), &update).await?;
    Ok(())
}

fn about_text(engine: &Engine, state: &State) -> String {
    let mut text = format!(
        "<b>faqbot {}</b>\n\nI answer from these documents:",
        env!("CARGO_PKG_VERSION")
    );
    for source in &engine.faq().sources {
        let file = std::path::Path::new(&source.file)
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or(&source.file);
        text.push_str(&format!(
            "\n• {} ({file}, {} topics)",
            Markup::Html.escape(&source.title),
            source.entries
        ));
    }
    text.push_str(&format!(
        "\n\n<i>{}</i>",
        Markup::Html.escape(&state.settings.texts.disclaimer)
    ));
    text
}
