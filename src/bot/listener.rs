//! The update listeners: long polling and the webhook's queue, both behind the inbox. The updates kept
//! before the last stop come first.
//!
//! teloxide's own `Polling` asks for the next offset (which tells Telegram the updates arrived) as soon as it
//! has read a batch, while their answers may still wait in Throttle's queue: a crash then loses them. Here
//! a batch is kept in the inbox before the next getUpdates confirms it.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt as _;
use futures::stream::BoxStream;
use teloxide::prelude::*;
use teloxide::stop::{StopToken, mk_stop_token};
use teloxide::types::Update;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::mpsc;

use crate::bot::FaqBot;
use crate::bot::inbox::Inbox;
use crate::service::{Service, Source};

/// How many updates wait between the listener and the dispatcher; the listener polls again only when there
/// is room, so a slow bot does not read (and keep) far ahead of its answers.
const QUEUE: usize = 256;

type Updates = BoxStream<'static, Result<Update, Infallible>>;

fn stream_of(state: &mut (Updates, StopToken)) -> &mut Updates {
    &mut state.0
}

fn token_of(state: &mut (Updates, StopToken)) -> StopToken {
    state.1.clone()
}

/// A listener yielding what `rx` receives, ending when `rx` closes.
fn listener(rx: mpsc::Receiver<Update>, token: StopToken) -> impl UpdateListener<Err = Infallible> {
    let stream: Updates =
        futures::stream::unfold(
            rx,
            |mut rx| async move { rx.recv().await.map(|u| (Ok(u), rx)) },
        )
        .boxed();
    StatefulListener::new((stream, token), stream_of, token_of)
}

/// Long polling: the inbox's backlog, then getUpdates, each batch kept before the next call confirms it.
/// The webhook is deleted first (its queued updates stay for getUpdates). On stop, a last getUpdates with
/// no wait confirms what was received.
pub fn polling(
    bot: FaqBot,
    inbox: Arc<Inbox>,
    service: Arc<Service>,
    timeout: Duration,
) -> impl UpdateListener<Err = Infallible> {
    let (tx, rx) = mpsc::channel(QUEUE);
    let (token, stop) = mk_stop_token();
    tokio::spawn(async move {
        for update in inbox.backlog().await {
            if tx.send(update).await.is_err() {
                return;
            }
        }
        if let Err(err) = bot.delete_webhook().await {
            tracing::warn!("could not delete the webhook (deleteWebhook): {err}");
        }
        let timeout_secs = timeout.as_secs() as u32;
        let mut offset: i32 = 0;
        let mut delay = Duration::from_millis(500);
        loop {
            let request = bot.get_updates().offset(offset).timeout(timeout_secs);
            let result = tokio::select! {
                result = request.send() => result,
                _ = stop.clone() => break,
            };
            match result {
                Ok(updates) => {
                    service.health.telegram_reached();
                    delay = Duration::from_millis(500);
                    if let Some(last) = updates.last() {
                        offset = (last.id.0 as i32).saturating_add(1);
                    }
                    for update in inbox.keep(updates, Source::polling).await {
                        if tx.send(update).await.is_err() {
                            return;
                        }
                    }
                }
                Err(err) => {
                    service.metrics.request_error(&err);
                    tracing::warn!(
                        "getting updates failed ({err}); retrying in {} ms",
                        delay.as_millis()
                    );
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = stop.clone() => break,
                    }
                    delay = (delay * 2).min(Duration::from_secs(30));
                }
            }
        }
        if offset > 0 {
            // Everything before `offset` is kept or answered: Telegram need not send it again.
            let confirm = bot.get_updates().offset(offset).timeout(0).limit(1);
            if let Err(err) = confirm.await {
                tracing::debug!("confirming the offset on stop failed: {err}");
            }
        }
    });
    listener(rx, token)
}

/// The webhook's side: `backlog` (the inbox as it was before the webhook began to listen), then what `rx`
/// receives (updates already kept by the webhook handler); ends on stop. Updates that arrive after the stop
/// stay in the inbox for the next start.
pub fn queue(
    backlog: Vec<Update>,
    mut rx: mpsc::Receiver<Update>,
) -> impl UpdateListener<Err = Infallible> {
    let (tx, out) = mpsc::channel(QUEUE);
    let (token, stop) = mk_stop_token();
    tokio::spawn(async move {
        for update in backlog {
            if tx.send(update).await.is_err() {
                return;
            }
        }
        loop {
            let update = tokio::select! {
                update = rx.recv() => update,
                _ = stop.clone() => break,
            };
            let Some(update) = update else { break };
            if tx.send(update).await.is_err() {
                break;
            }
        }
    });
    listener(out, token)
}
