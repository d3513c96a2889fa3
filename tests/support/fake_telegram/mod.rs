//! A fake Telegram Bot API on 127.0.0.1 that records every request, holds getUpdates open like long
//! polling, and can answer a sendMessage with 429 or drop a getUpdates connection on demand.
//!
//! `server` answers the Bot API and records each request, `updates` builds updates as Telegram sends them;
//! [`FakeTelegram`] is the test's handle: queue updates, read what the bot sent, wait for it, inject faults.

mod server;
mod updates;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::watch;

use server::Shared;
// Each test binary builds some kinds of update and not others.
#[allow(unused_imports)]
pub use updates::{
    bot_user, entities, group_chat, private_chat, replied, reply_message, text_message, user,
};

/// The bot's username in getMe.
pub const USERNAME: &str = "faq_test_bot";
/// The bot's user id in getMe.
pub const BOT_ID: i64 = 4242;
/// The token the tests give the bot.
pub const TOKEN: &str = "123456:TEST-token-secret";

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    /// The Bot API method, as sent ("SendMessage").
    pub method: String,
    /// The JSON body.
    pub body: Value,
    /// Whether the fake answered it successfully.
    pub ok: bool,
    /// What it answered (the message sent, for sendMessage).
    pub result: Value,
}

/// The running fake server.
pub struct FakeTelegram {
    /// Its base URL, for `TELOXIDE_API_URL`.
    pub url: String,
    shared: Arc<Shared>,
    recorded: watch::Receiver<usize>,
}

impl FakeTelegram {
    /// Starts the server on 127.0.0.1 with a free port.
    pub async fn start() -> FakeTelegram {
        let (tx, rx) = watch::channel(0);
        let shared = Arc::new(Shared {
            next_update: AtomicI64::new(1),
            next_message: AtomicI64::new(1000),
            recorded: Mutex::new(Some(tx)),
            ..Shared::default()
        });
        let app = server::app(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeTelegram {
            url,
            shared,
            recorded: rx,
        }
    }

    /// Queues an update (its `update_id` is added) for the bot's next getUpdates; returns the id.
    pub fn push(&self, mut update: Value) -> i64 {
        let id = self.shared.next_update.fetch_add(1, Ordering::SeqCst);
        update["update_id"] = json!(id);
        self.shared.updates.lock().unwrap().push_back(update);
        self.shared.new_update.notify_waiters();
        id
    }

    /// Queues a text message from user `chat` in their private chat with the bot.
    pub fn say(&self, chat: i64, message_id: i64, text: &str) -> i64 {
        self.push(text_message(private_chat(chat), chat, message_id, text))
    }

    /// Queues a press of the inline button with `data` by user `from`, on message `message_id` in `chat`.
    pub fn press(&self, from: i64, chat: Value, message_id: i64, data: &str) -> i64 {
        let id = self.shared.next_update.load(Ordering::SeqCst);
        self.push(json!({"callback_query": {
            "id": format!("cb-{id}"),
            "from": user(from),
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": message_id, "date": 0, "chat": chat, "text": "card",
                        "from": {"id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME}}
        }}))
    }

    /// The messages sent to `chat`, each with the id the fake gave it.
    pub fn sent_with_ids(&self, chat: i64) -> Vec<(i64, Value)> {
        self.requests()
            .into_iter()
            .filter(|r| r.ok && r.method == "SendMessage" && r.body["chat_id"] == json!(chat))
            .map(|r| (r.result["message_id"].as_i64().unwrap_or(0), r.body))
            .collect()
    }

    /// The answers to button presses, in order: (callback query id, text shown).
    pub fn callback_answers(&self) -> Vec<(String, String)> {
        self.calls("AnswerCallbackQuery")
            .into_iter()
            .map(|b| {
                (
                    b["callback_query_id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    b["text"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    /// Answers the next `n` sendMessage calls with 429 Too Many Requests, retry_after 1.
    pub fn fail_next_sends(&self, n: u32) {
        self.shared.fail_sends.store(n, Ordering::SeqCst);
    }

    /// Makes every getMe take `delay` before it answers.
    pub fn slow_get_me(&self, delay: std::time::Duration) {
        let ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self.shared.slow_get_me.store(ms, Ordering::SeqCst);
    }

    /// Drops the connection of the next `n` getUpdates calls without answering.
    pub fn drop_next_polls(&self, n: u32) {
        self.shared.drop_polls.store(n, Ordering::SeqCst);
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The successful requests of one method.
    pub fn calls(&self, method: &str) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r.ok && r.method == method)
            .map(|r| r.body)
            .collect()
    }

    /// The messages sent to `chat`, in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Value> {
        self.calls("SendMessage")
            .into_iter()
            .filter(|b| b["chat_id"] == json!(chat))
            .collect()
    }

    /// Waits until `done` holds for the recorded requests. The deadline only keeps a broken test from
    /// hanging; nothing is measured.
    pub async fn wait_until(&self, what: &str, done: impl Fn(&[Request]) -> bool) {
        let mut recorded = self.recorded.clone();
        let wait = async {
            loop {
                if done(&self.requests()) {
                    return;
                }
                if recorded.changed().await.is_err() {
                    return;
                }
            }
        };
        if tokio::time::timeout(Duration::from_secs(30), wait)
            .await
            .is_err()
        {
            panic!(
                "timed out waiting for {what}; requests: {:#?}",
                self.requests()
            );
        }
    }

    /// Waits until `chat` has received `n` messages, and returns them.
    pub async fn wait_sent(&self, chat: i64, n: usize) -> Vec<Value> {
        self.wait_until(&format!("{n} message(s) to chat {chat}"), |_| {
            self.sent_to(chat).len() >= n
        })
        .await;
        self.sent_to(chat)
    }

    /// Waits for `n` successful calls of `method`, and returns them.
    pub async fn wait_calls(&self, method: &str, n: usize) -> Vec<Value> {
        self.wait_until(&format!("{n} {method} call(s)"), |_| {
            self.calls(method).len() >= n
        })
        .await;
        self.calls(method)
    }
}

/// The text of a message the bot sent, as the fake recorded it.
pub fn text(message: &Value) -> &str {
    message["text"].as_str().unwrap_or_default()
}

/// The inline buttons of a message the bot sent, row by row: (label, callback data). Every button must
/// carry both.
pub fn buttons(message: &Value) -> Vec<(String, String)> {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().unwrap().iter())
        .map(|b| {
            (
                b["text"].as_str().unwrap().to_string(),
                b["callback_data"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
