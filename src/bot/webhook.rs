//! Webhook mode: Telegram POSTs each update to our URL. An update must carry the secret token set with
//! setWebhook, and is answered 200 only once it is kept in the inbox, so that Telegram sends again whatever
//! a crash interrupted.
//!
//! teloxide's `webhooks-axum` listener answers 200 before the update is anywhere durable and logs the whole
//! body of an update it cannot parse (message text included), so the route here is our own, on the same
//! axum.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::prelude::*;
use teloxide::types::Update;
use teloxide::update_listeners::UpdateListener;
use tokio::sync::{mpsc, watch};

use crate::bot::FaqBot;
use crate::bot::inbox::Inbox;
use crate::bot::listener;
use crate::config::Telegram;
use crate::service::{self, Service, Source};

/// The header Telegram puts the secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

#[derive(Clone)]
struct Shared {
    secret: Arc<String>,
    inbox: Arc<Inbox>,
    service: Arc<Service>,
    tx: mpsc::Sender<Update>,
}

/// Serves the webhook on `telegram.webhook_listen`, registers `telegram.webhook_url` with the secret
/// (`drop_pending_updates = false`: what Telegram queued while we were away still comes), and returns the
/// listener that hands the kept updates to the dispatcher.
pub async fn start(
    bot: &FaqBot,
    telegram: &Telegram,
    inbox: Arc<Inbox>,
    service: Arc<Service>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<impl UpdateListener<Err = std::convert::Infallible>> {
    let url = telegram
        .webhook_url
        .as_deref()
        .context("telegram.mode is \"webhook\" but telegram.webhook_url is not set")?;
    let url = url::Url::parse(url)
        .with_context(|| format!("telegram.webhook_url is {url:?}; expected a URL"))?;
    let secret = match &telegram.webhook_secret {
        Some(secret) => secret.clone(),
        None => random_secret()?,
    };
    let (tx, rx) = mpsc::channel(256);
    let shared = Shared {
        secret: Arc::new(secret.clone()),
        inbox: Arc::clone(&inbox),
        service: Arc::clone(&service),
        tx,
    };
    // Read before the first request can arrive: an update kept by `receive` is sent on `tx` already, and
    // would be answered twice were it read from the inbox again as backlog.
    let backlog = inbox.backlog().await;
    let path = url.path().to_string();
    let app = Router::new().route(&path, post(receive)).with_state(shared);
    let stopped = {
        let mut stop = stop.clone();
        async move {
            let _ = stop.wait_for(|&s| s).await;
        }
    };
    let bound = service::serve(&telegram.webhook_listen, app, stopped)
        .await
        .context("telegram.webhook_listen")?;
    tracing::info!(address = %bound, path, "webhook listening");
    bot.set_webhook(url.clone())
        .secret_token(secret)
        .drop_pending_updates(false)
        .await
        .with_context(|| format!("Telegram refused the webhook {url} (setWebhook)"))?;
    service.health.telegram_reached();
    tracing::info!(url = %url, "webhook registered");

    // Nothing reaches us from Telegram while nobody writes: ask now and then whether it still can reach
    // us, which also tells the health check that Telegram is there.
    let (bot, probe) = (bot.clone(), Arc::clone(&service));
    tokio::spawn(async move {
        let every = Duration::from_secs(30);
        let mut last_error = None;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.wait_for(|&s| s) => return,
            }
            match bot.get_webhook_info().await {
                Ok(info) => {
                    probe.health.telegram_reached();
                    if info.last_error_message != last_error {
                        if let Some(message) = &info.last_error_message {
                            tracing::warn!("Telegram cannot deliver to the webhook: {message}");
                        }
                        last_error = info.last_error_message;
                    }
                }
                Err(err) => {
                    probe.metrics.request_error(&err);
                    tracing::warn!("cannot reach Telegram (getWebhookInfo): {err}");
                }
            }
        }
    });
    Ok(listener::queue(backlog, rx))
}

async fn receive(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes());
    if !given.is_some_and(|given| same(given, shared.secret.as_bytes())) {
        shared.service.metrics.webhook_refused();
        // Whether one came, never what it was.
        tracing::warn!(
            secret_given = given.is_some(),
            "webhook request refused: wrong or missing secret token"
        );
        return StatusCode::UNAUTHORIZED;
    }
    shared.service.health.telegram_reached();
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(err) => {
            // serde's message may quote the body; its position and kind do not.
            tracing::warn!(
                line = err.line(),
                column = err.column(),
                "webhook body is not an update ({:?})",
                err.classify()
            );
            return StatusCode::BAD_REQUEST;
        }
    };
    for update in shared.inbox.keep(vec![update], Source::webhook).await {
        // Closed only when stopping; the update is kept and answered on the next start.
        let _ = shared.tx.send(update).await;
    }
    StatusCode::OK
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 32 characters from Telegram's alphabet for secret tokens, from the system's random source.
fn random_secret() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|err| anyhow::anyhow!("reading random bytes for the webhook secret: {err}"))?;
    // 64 symbols: each byte's low six bits pick one uniformly.
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b & 63)] as char)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        let secret = random_secret().unwrap();
        assert_eq!(secret.len(), 32);
        assert!(
            secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        );
    }
}
