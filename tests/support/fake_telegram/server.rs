//! The fake's side of the Bot API: each method answered as Telegram would (getUpdates held open like long
//! polling), every request recorded, and the faults a test asks for (429s, dropped polls, a slow getMe).

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

use super::{BOT_ID, Request, USERNAME};

/// What the server and the test's handle share.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) updates: Mutex<VecDeque<Value>>,
    pub(super) next_update: AtomicI64,
    pub(super) new_update: Notify,
    pub(super) requests: Mutex<Vec<Request>>,
    pub(super) recorded: Mutex<Option<watch::Sender<usize>>>,
    pub(super) fail_sends: AtomicU32,
    pub(super) drop_polls: AtomicU32,
    pub(super) next_message: AtomicI64,
    /// Milliseconds each getMe waits before it answers: a slow Telegram at start-up.
    pub(super) slow_get_me: std::sync::atomic::AtomicU64,
}

/// The Bot API's routes, `/{token}/{method}`, answered from `shared`.
pub(super) fn app(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{token}/{method}", post(handle))
        .with_state(shared)
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
