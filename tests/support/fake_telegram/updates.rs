//! Updates as Telegram sends them: users, chats, text messages with their entities, and replies.

use serde_json::{Value, json};

use super::{BOT_ID, USERNAME};

/// A user, as in updates.
pub fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Pat", "last_name": "Patient", "username": format!("pat{id}")})
}

/// A private chat with user `id`.
pub fn private_chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "Pat"})
}

/// A group (`kind` "group" or "supergroup").
pub fn group_chat(id: i64, kind: &str) -> Value {
    json!({"id": id, "type": kind, "title": "Support group"})
}

/// A text message update in `chat` from user `from` that replies to `replied` (a message value).
pub fn reply_message(chat: Value, from: i64, message_id: i64, text: &str, replied: Value) -> Value {
    let mut update = text_message(chat, from, message_id, text);
    update["message"]["reply_to_message"] = replied;
    update
}

/// A message as it appears inside another's `reply_to_message`.
pub fn replied(chat: Value, from: Value, message_id: i64, text: &str) -> Value {
    json!({"message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": from, "text": text})
}

/// The bot itself, as the sender of a message.
pub fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME})
}

/// A text message update in `chat` from user `from`, with the entities Telegram would mark in it.
pub fn text_message(chat: Value, from: i64, message_id: i64, text: &str) -> Value {
    json!({"message": {"message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": user(from),
        "text": text, "entities": entities(text)}})
}

/// The `@username` mentions and a leading `/command` of `text` as Telegram marks them: offsets and lengths
/// in UTF-16 code units.
pub fn entities(text: &str) -> Value {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let units = |s: &str| s.encode_utf16().count();
    let mut found = Vec::new();
    if text.starts_with('/') {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        found.push(json!({"type": "bot_command", "offset": 0, "length": units(&text[..end])}));
    }
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        if c == '@' && !is_name(previous) {
            let name_len: usize = text[at + 1..]
                .chars()
                .take_while(|&c| is_name(c))
                .map(char::len_utf8)
                .sum();
            if name_len >= 5 {
                found.push(json!({"type": "mention", "offset": units(&text[..at]), "length": 1 + name_len}));
            }
        }
        previous = c;
    }
    Value::Array(found)
}
