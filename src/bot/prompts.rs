//! The questions the bot asks an admin and waits for a reply to — a new entry's title and answer, or a
//! title — sent with the reply box open and remembered (in memory, the latest few) until answered.

use std::collections::VecDeque;
use std::sync::Mutex;

use teloxide::prelude::*;
use teloxide::types::{ForceReply, MessageId, ParseMode, ReplyMarkup, ReplyParameters};

use crate::bot::FaqBot;

/// How many prompts wait for an admin's reply at most (in memory only).
const PROMPTS: usize = 100;

/// What a prompt sent to an admin waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// A title on the first line and the answer below it, for a new entry answering the gap.
    NewEntry {
        /// The gap.
        gap: i64,
    },
    /// A title for a new entry with this answer (`/answer` without one).
    Title {
        /// The answer.
        answer: String,
    },
}

/// The prompts awaiting a reply, by (chat, message id of the prompt).
#[derive(Default)]
pub struct Prompts(Mutex<VecDeque<((i64, i32), Prompt)>>);

impl Prompts {
    pub(crate) fn put(&self, chat: ChatId, message: MessageId, prompt: Prompt) {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if all.len() == PROMPTS {
            all.pop_front();
        }
        all.push_back(((chat.0, message.0), prompt));
    }

    pub(crate) fn get(&self, chat: ChatId, message: MessageId) -> Option<Prompt> {
        let all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        all.iter()
            .find(|(key, _)| *key == (chat.0, message.0))
            .map(|(_, p)| p.clone())
    }

    pub(crate) fn remove(&self, chat: ChatId, message: MessageId) {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        all.retain(|(key, _)| *key != (chat.0, message.0));
    }
}

/// Sends a prompt that asks for a reply (the reply box opens for the admin).
pub(crate) async fn ask(
    bot: &FaqBot,
    chat: ChatId,
    quote: Option<MessageId>,
    text: String,
) -> anyhow::Result<MessageId> {
    // Selective opens the reply box only for the admin quoted; without a quote (a card's button, usually in
    // a private chat) it opens for whoever is there.
    let mut force = ForceReply::new();
    if quote.is_some() {
        force = force.selective();
    }
    let mut request = bot
        .send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .reply_markup(ReplyMarkup::ForceReply(force));
    if let Some(id) = quote {
        request = request.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
    }
    Ok(request.await?.id)
}
