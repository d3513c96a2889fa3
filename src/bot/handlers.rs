//! The handlers: small async functions, one per kind of update, with their dependencies injected.

use std::ops::Range;
use std::sync::Arc;

use anyhow::Context;
use teloxide::prelude::*;
use teloxide::types::{
    ChatKind, InlineKeyboardMarkup, LinkPreviewOptions, Me, MessageEntity, MessageEntityKind,
    MessageId, ParseMode, PublicChatKind, ReplyParameters,
};
use teloxide::utils::command::BotCommands;

use crate::bot::command::Command;
use crate::bot::format::{self, Outgoing};
use crate::bot::{FaqBot, State};
use crate::bot::{admin, authoring, curate};
use crate::engine::render::Markup;
use crate::engine::{Decision, Declined, Engine, Outcome};

/// What every handler returns; errors are logged by the dispatcher's error handler with the update id.
pub type HandlerResult = anyhow::Result<()>;

/// The commands: each builds its reply, then it is sent in order.
pub async fn on_command(
    bot: FaqBot,
    msg: Message,
    cmd: Command,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let engine = state.engine();
    let texts = &state.settings.texts;
    let text = |text: String| {
        vec![Outgoing {
            text,
            keyboard: None,
        }]
    };
    let parts = match cmd {
        Command::Start => {
            // The welcome, the disclaimer, and the first page of topics as buttons.
            let welcome = Markup::Html.escape(&texts.welcome);
            let (_, topics) = format::topics(&engine, 0);
            vec![Outgoing {
                text: format!("{welcome}\n\n{}", Markup::Html.italic(&texts.disclaimer)),
                keyboard: Some(topics),
            }]
        }
        Command::Help => {
            let how = if msg.chat.is_private() {
                "Just type your question. In groups, use /ask, mention me, or reply to one of my messages."
            } else {
                "Ask with /ask followed by your question, mention me, or reply to one of my messages."
            };
            text(Markup::Html.escape(&format!("{how}\n\n{}", Command::descriptions())))
        }
        Command::Topics => {
            let (text, keyboard) = format::topics(&engine, 0);
            vec![Outgoing {
                text,
                keyboard: Some(keyboard),
            }]
        }
        Command::Ask(question) if question.trim().is_empty() => text(
            "Type your question after /ask, for example: /ask what are the side effects?"
                .to_string(),
        ),
        Command::Ask(question) => return answer(&bot, &msg, &question, &state, &update).await,
        Command::About => text(about(&engine, &state)),
        Command::Privacy => text(admin::privacy(&state)),
        Command::Forget => {
            tracing::info!(update_id = update.id.0, "forget");
            text(admin::forget(&state, msg.from.as_ref().map(|u| u.id)).await)
        }
        Command::Stats
        | Command::Gaps
        | Command::Reload
        | Command::Answer(_)
        | Command::Alias(_)
            if !admin::is_admin(&state, &msg) =>
        {
            tracing::info!(update_id = update.id.0, "admin command refused");
            text(Markup::Html.escape(&texts.not_allowed))
        }
        Command::Stats => text(admin::stats(&state).await),
        Command::Gaps => {
            let gaps = admin::gaps(&state, &engine).await;
            let list = format::split(&gaps, format::MAX_MESSAGE)
                .into_iter()
                .map(Outgoing::text);
            list.chain(curate::gap_cards(&state, &engine).await)
                .collect()
        }
        Command::Reload => text(admin::reload(&state).await),
        Command::Answer(title) => {
            return authoring::on_answer(&bot, &msg, &title, &state, &update).await;
        }
        Command::Alias(name) => {
            return authoring::on_alias(&bot, &msg, &name, &state, &update).await;
        }
    };
    for part in parts {
        send(&bot, &msg, part, &update).await?;
    }
    Ok(())
}

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
async fn answer(
    bot: &FaqBot,
    msg: &Message,
    question: &str,
    state: &State,
    update: &Update,
) -> HandlerResult {
    let engine = state.engine();
    let reply = engine.ask(question);
    let best = reply
        .best()
        .map(|b| (engine.entry(b.entry).id.as_str(), b.score));
    tracing::info!(
        update_id = update.id.0,
        chat = chat_kind(msg),
        outcome = reply.outcome().as_str(),
        entry = best.map_or("-", |b| b.0),
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
    let store = Arc::clone(&state.store);
    let outcome = reply.outcome().as_str();
    let entry = best.map(|b| b.0.to_string());
    let declined = matches!(reply.decision, Decision::Decline(Declined::NoMatch { .. }))
        .then(|| question.to_string());
    let _ = tokio::task::spawn_blocking(move || {
        store.record_question(outcome, entry.as_deref(), declined.as_deref())
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

/// Sends one message in the chat of `msg`; in groups and channels it quotes `msg`.
pub(crate) async fn send(
    bot: &FaqBot,
    msg: &Message,
    part: Outgoing,
    update: &Update,
) -> anyhow::Result<MessageId> {
    let quote = (!msg.chat.is_private()).then_some(msg.id);
    send_to(bot, msg.chat.id, quote, part)
        .await
        .with_context(|| context(update))
}

pub(crate) async fn send_to(
    bot: &FaqBot,
    chat: ChatId,
    quote: Option<MessageId>,
    part: Outgoing,
) -> anyhow::Result<MessageId> {
    let mut request = bot
        .send_message(chat, part.text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview());
    if let Some(id) = quote {
        request = request.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
    }
    if let Some(keyboard) = part.keyboard {
        request = request.reply_markup::<InlineKeyboardMarkup>(keyboard);
    }
    Ok(request.await?.id)
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

pub(crate) fn context(update: &Update) -> String {
    format!("update {}", update.id.0)
}

/// The question in `msg` if it is for the bot: any text in a private chat; in groups a mention of the bot
/// (removed from the question), a reply to the bot, or any text when `answer_all` is set; in channels a
/// mention.
pub fn addressed_text(msg: &Message, me: &Me, answer_all: bool) -> Option<String> {
    let text = msg.text()?;
    if msg.chat.is_private() {
        return Some(text.trim().to_string());
    }
    let username = me.user.username.as_deref().unwrap_or_default();
    let mentions = bot_mentions(text, msg.entities().unwrap_or_default(), username);
    if !mentions.is_empty() {
        return Some(without(text, &mentions));
    }
    if msg.chat.is_channel() {
        return None;
    }
    let replies_to_bot = msg
        .reply_to_message()
        .and_then(|r| r.from.as_ref())
        .is_some_and(|from| from.id == me.user.id);
    (replies_to_bot || answer_all).then(|| text.trim().to_string())
}

/// The byte ranges of `text` that Telegram marked as mentions of `username`.
///
/// Telegram finds mentions itself and sends them as entities with offsets in UTF-16 code units; searching
/// the text ourselves would also find "@bot" inside code or e-mail addresses, and any offset found in a
/// case-folded copy of the text need not be a character boundary of the original.
fn bot_mentions(text: &str, entities: &[MessageEntity], username: &str) -> Vec<Range<usize>> {
    if username.is_empty() {
        return Vec::new();
    }
    entities
        .iter()
        .filter(|e| e.kind == MessageEntityKind::Mention)
        .filter_map(|e| utf16_to_bytes(text, e.offset, e.length))
        .filter(|range| {
            text[range.clone()]
                .strip_prefix('@')
                .is_some_and(|name| name.eq_ignore_ascii_case(username))
        })
        .collect()
}

/// Converts an entity's UTF-16 offset and length to a byte range of `text`, or `None` when either end is
/// not on a character boundary or lies past the end (teloxide's own conversion panics on those).
fn utf16_to_bytes(text: &str, offset: usize, length: usize) -> Option<Range<usize>> {
    let end16 = offset.checked_add(length)?;
    let (mut start, mut end) = (None, None);
    let mut units = 0;
    for (at, c) in text.char_indices().chain([(text.len(), '\0')]) {
        if units == offset {
            start = Some(at);
        }
        if units == end16 {
            end = Some(at);
            break;
        }
        if units > end16 {
            break;
        }
        units += c.len_utf16();
    }
    Some(start?..end?)
}

/// `text` with the `cut` ranges (sorted, not overlapping) replaced by spaces and white space folded.
fn without(text: &str, cut: &[Range<usize>]) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for range in cut {
        if range.start < at {
            continue;
        }
        kept.push_str(&text[at..range.start]);
        kept.push(' ');
        at = range.end;
    }
    kept.push_str(&text[at..]);
    // Line breaks end sentences for the safety check: "no fever\nshaking badly" is two statements.
    kept.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The kind of chat, for logs: never its id or title.
pub fn chat_kind(msg: &Message) -> &'static str {
    match &msg.chat.kind {
        ChatKind::Private(_) => "private",
        ChatKind::Public(public) => match public.kind {
            PublicChatKind::Group => "group",
            PublicChatKind::Supergroup(_) => "supergroup",
            PublicChatKind::Channel(_) => "channel",
        },
    }
}

fn about(engine: &Engine, state: &State) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(offset: usize, length: usize) -> MessageEntity {
        MessageEntity {
            kind: MessageEntityKind::Mention,
            offset,
            length,
        }
    }

    #[test]
    fn strips_mentions_in_any_case() {
        let mentions = |text: &str, entities: &[MessageEntity]| {
            without(text, &bot_mentions(text, entities, "faqbot"))
        };
        assert_eq!(
            mentions("@FaqBot what is CRS", &[mention(0, 7)]),
            "what is CRS"
        );
        assert_eq!(
            mentions("what is crs @faqbot?", &[mention(12, 7)]),
            "what is crs ?"
        );
        assert_eq!(mentions("İ @faqbot x", &[mention(2, 7)]), "İ x");
        // Another account's mention stays.
        assert_eq!(mentions("@other hi", &[mention(0, 6)]), "@other hi");
    }

    #[test]
    fn case_folding_that_changes_lengths_cannot_split_a_character() {
        // İ grows by a byte when lowercased, the OHM SIGN shrinks by one: the old code sliced the original
        // text at offsets found in its lowercased copy and panicked here.
        let text = "\u{130} @yourbot\u{439} \u{2126}";
        let entities = [mention(2, 8)];
        assert!(bot_mentions(text, &entities, "faqbot").is_empty());
        let found = bot_mentions(text, &[mention(2, 8)], "yourbot");
        assert_eq!(without(text, &found), "\u{130} \u{439} \u{2126}");
    }

    #[test]
    fn entity_offsets_that_do_not_fit_the_text_are_ignored() {
        let text = "😀@faqbot hi";
        // Inside the emoji's surrogate pair, past the end, and overflowing.
        for e in [mention(1, 7), mention(20, 7), mention(usize::MAX, 2)] {
            assert!(bot_mentions(text, &[e], "faqbot").is_empty());
        }
        assert_eq!(
            without(text, &bot_mentions(text, &[mention(2, 7)], "faqbot")),
            "😀 hi"
        );
    }

    #[test]
    fn line_breaks_survive_the_mention_removal() {
        let text = "@faqbot no fever\nshaking badly";
        let found = bot_mentions(text, &[mention(0, 7)], "faqbot");
        assert_eq!(without(text, &found), "no fever\nshaking badly");
    }
}
