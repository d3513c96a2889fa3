//! Sending: every message the bot writes goes out through here, as HTML without link previews, quoting
//! the message it answers in groups and channels.

use anyhow::Context;
use teloxide::prelude::*;
use teloxide::types::{
    ChatKind, InlineKeyboardMarkup, LinkPreviewOptions, MessageId, ParseMode, PublicChatKind,
    ReplyParameters,
};

use crate::bot::FaqBot;
use crate::bot::format::Outgoing;

/// What every handler returns; errors are logged by the dispatcher's error handler with the update id.
pub type HandlerResult = anyhow::Result<()>;

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
