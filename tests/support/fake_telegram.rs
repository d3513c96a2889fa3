//! A fake Telegram Bot API on 127.0.0.1 that records every request, holds getUpdates open like long
//! polling, and can answer a sendMessage with 429 or drop a getUpdates connection on demand.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::{Notify, watch};

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

#[derive(Default)]
struct Shared {
    updates: Mutex<VecDeque<Value>>,
    next_update: AtomicI64,
    new_update: Notify,
    requests: Mutex<Vec<Request>>,
    recorded: Mutex<Option<watch::Sender<usize>>>,
    fail_sends: AtomicU32,
    drop_polls: AtomicU32,
    next_message: AtomicI64,
    /// Milliseconds each getMe waits before it answers: a slow Telegram at start-up.
    slow_get_me: std::sync::atomic::AtomicU64,
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
        let app = Router::new()
            .route("/{token}/{method}", post(handle))
            .with_state(Arc::clone(&shared));
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

fn record(shared: &Shared, method: &str, body: &Value, ok: bool) {
    record_result(shared, method, body, ok, Value::Null);
}

fn record_result(shared: &Shared, method: &str, body: &Value, ok: bool, result: Value) {
    let count = {
        let mut requests = shared.requests.lock().unwrap();
        requests.push(Request {
            method: method.to_string(),
            body: body.clone(),
            ok,
            result,
        });
        requests.len()
    };
    if let Some(tx) = shared.recorded.lock().unwrap().as_ref() {
        let _ = tx.send(count);
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((_token, method)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let body: Value = match content_type.split_once("boundary=") {
        // setWebhook comes as a form, since it may carry a certificate file.
        Some((_, boundary)) => form_fields(&String::from_utf8_lossy(&body), boundary),
        None => serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    if method == "GetMe" {
        let delay = shared.slow_get_me.load(Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    match method.as_str() {
        "GetUpdates" => get_updates(&shared, &body).await,
        "SendMessage" if take_one(&shared.fail_sends) => {
            record(&shared, &method, &body, false);
            let answer = json!({
                "ok": false,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1}
            });
            (StatusCode::TOO_MANY_REQUESTS, axum::Json(answer)).into_response()
        }
        _ => {
            let result = answer(&shared, &method, &body);
            let ok = result.is_some();
            record_result(
                &shared,
                &method,
                &body,
                ok,
                result.clone().unwrap_or(Value::Null),
            );
            match result {
                Some(result) => ok_json(result),
                None => (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"ok": false, "error_code": 400, "description": "Bad Request: unknown method"})),
                )
                    .into_response(),
            }
        }
    }
}

/// The text fields of a multipart/form-data body as a JSON object; a value that is JSON (a number, `false`)
/// is read as JSON.
fn form_fields(body: &str, boundary: &str) -> Value {
    let boundary = boundary.trim_matches('"');
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
        else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        let parsed = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
        fields.insert(name.to_string(), parsed);
    }
    Value::Object(fields)
}

fn take_one(counter: &AtomicU32) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn ok_json(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

fn answer(shared: &Shared, method: &str, body: &Value) -> Option<Value> {
    Some(match method {
        "GetMe" => json!({
            "id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "has_main_web_app": false
        }),
        "GetWebhookInfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        "DeleteWebhook"
        | "SetWebhook"
        | "SetMyCommands"
        | "AnswerCallbackQuery"
        | "AnswerInlineQuery" => {
            json!(true)
        }
        "SendMessage" | "EditMessageText" => {
            let id = shared.next_message.fetch_add(1, Ordering::SeqCst);
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            json!({
                "message_id": body.get("message_id").cloned().unwrap_or(json!(id)),
                "date": 0,
                "chat": {"id": chat, "type": "private", "first_name": "Someone"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME},
                "text": body["text"].clone()
            })
        }
        _ => return None,
    })
}

async fn get_updates(shared: &Shared, body: &Value) -> Response {
    if take_one(&shared.drop_polls) {
        record(shared, "GetUpdates", body, false);
        // A body shorter than its Content-Length: the client sees the connection cut mid-answer.
        let stream =
            futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"{\"ok\":tr"))]);
        return Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, "1000")
            .body(Body::from_stream(stream))
            .unwrap();
    }
    record(shared, "GetUpdates", body, true);
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = shared.new_update.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut updates = shared.updates.lock().unwrap();
            // Offset confirms everything before it, as Telegram does.
            while updates
                .front()
                .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
            {
                updates.pop_front();
            }
            if !updates.is_empty() || tokio::time::Instant::now() >= deadline {
                let batch: Vec<Value> = updates.iter().take(limit).cloned().collect();
                return ok_json(Value::Array(batch));
            }
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

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
