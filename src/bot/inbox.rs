//! The inbox as the bot uses it: an update is kept in the database before Telegram is told it arrived, and
//! removed when its handler has finished, so a crash between the two loses nothing and a redelivery is not
//! answered twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use teloxide::types::{Update, UpdateKind};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::bot::with_store;
use crate::service::{Service, Source};
use crate::store::{Kept, Store};

/// The inbox, shared by the update listener and the handler tree.
pub struct Inbox {
    store: Arc<Store>,
    service: Arc<Service>,
    arrived: Mutex<HashMap<u32, Instant>>,
    done: Mutex<Option<mpsc::UnboundedSender<u32>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

/// An update being handled. Dropped when the handler tree is done with it (the reply sent, or the handler
/// failed): then it leaves the inbox.
pub struct InFlight {
    id: u32,
    arrived: Option<Instant>,
    done: Option<mpsc::UnboundedSender<u32>>,
    service: Arc<Service>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(arrived) = self.arrived {
            self.service.metrics.answered_in(arrived.elapsed());
        }
        if let Some(done) = &self.done {
            let _ = done.send(self.id);
        }
    }
}

impl Inbox {
    /// The inbox in `store`'s database; starts the task that removes answered updates.
    pub fn start(store: Arc<Store>, service: Arc<Service>) -> Arc<Inbox> {
        let (tx, rx) = mpsc::unbounded_channel();
        let writer = tokio::spawn(remove_answered(Arc::clone(&store), rx));
        Arc::new(Inbox {
            store,
            service,
            arrived: Mutex::new(HashMap::new()),
            done: Mutex::new(Some(tx)),
            writer: Mutex::new(Some(writer)),
        })
    }

    /// Keeps `updates` (received from `source`) in the database and returns those to answer: the new ones.
    /// Redeliveries are left out. When the database cannot be written, every update is answered anyway, with
    /// a warning and a count: a crash before the replies would lose them, as it would without an inbox.
    pub async fn keep(&self, updates: Vec<Update>, source: Source) -> Vec<Update> {
        // Updates teloxide could not parse reach no handler, so nothing would take them out again.
        let updates: Vec<Update> = updates
            .into_iter()
            .filter(|u| {
                let known = !matches!(u.kind, UpdateKind::Error(_));
                if !known {
                    tracing::debug!(update_id = u.id.0, "update of a kind teloxide cannot read");
                }
                known
            })
            .collect();
        if updates.is_empty() {
            return updates;
        }
        let rows: Vec<(i64, String)> = updates
            .iter()
            .filter_map(|u| Some((i64::from(u.id.0), serde_json::to_string(u).ok()?)))
            .collect();
        let kept = with_store(&self.store, move |store| store.inbox_keep(&rows)).await;
        let metrics = &self.service.metrics;
        let new: Vec<Update> = match kept {
            Some(kept) if kept.len() == updates.len() => {
                let seen = kept.iter().filter(|k| **k == Kept::Seen).count();
                if seen > 0 {
                    tracing::info!(
                        updates = seen,
                        "redelivered updates already kept or answered: skipped"
                    );
                    metrics.redelivered(seen as u64);
                }
                updates
                    .into_iter()
                    .zip(kept)
                    .filter(|(_, k)| *k == Kept::New)
                    .map(|(u, _)| u)
                    .collect()
            }
            _ => {
                metrics.inbox_fallback(updates.len() as u64);
                tracing::warn!(
                    updates = updates.len(),
                    "the inbox cannot be written (see the database error above): answering without it; \
                     a crash before the replies would lose these messages"
                );
                updates
            }
        };
        let now = Instant::now();
        let mut arrived = self.arrived.lock().unwrap_or_else(|p| p.into_inner());
        for update in &new {
            arrived.insert(update.id.0, now);
            metrics.update(source);
        }
        new
    }

    /// The updates kept before a stop or a crash and not yet answered, oldest first.
    pub async fn backlog(&self) -> Vec<Update> {
        let rows = with_store(&self.store, Store::inbox_pending)
            .await
            .unwrap_or_default();
        let mut updates = Vec::with_capacity(rows.len());
        let mut unreadable = Vec::new();
        for (id, body) in rows {
            match serde_json::from_str::<Update>(&body) {
                Ok(update) if !matches!(update.kind, UpdateKind::Error(_)) => updates.push(update),
                _ => unreadable.push(id),
            }
        }
        if !unreadable.is_empty() {
            // Kept by another version of teloxide, say: answering is impossible, keeping it forever pointless.
            tracing::warn!(
                updates = unreadable.len(),
                "kept updates that cannot be read: dropped"
            );
            with_store(&self.store, move |store| store.inbox_done(&unreadable)).await;
        }
        if !updates.is_empty() {
            tracing::info!(
                updates = updates.len(),
                "answering the updates kept before the last stop"
            );
        }
        let now = Instant::now();
        let mut arrived = self.arrived.lock().unwrap_or_else(|p| p.into_inner());
        for update in &updates {
            arrived.insert(update.id.0, now);
            self.service.metrics.update(Source::inbox);
        }
        updates
    }

    /// Marks `update` as being handled; it leaves the inbox when the returned guard is dropped.
    pub fn in_flight(&self, update: &Update) -> InFlight {
        let arrived = self
            .arrived
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&update.id.0);
        InFlight {
            id: update.id.0,
            arrived,
            done: self.done.lock().unwrap_or_else(|p| p.into_inner()).clone(),
            service: Arc::clone(&self.service),
        }
    }

    /// Waits until every finished update has left the inbox; call once the dispatcher has stopped.
    pub async fn close(&self) {
        drop(self.done.lock().unwrap_or_else(|p| p.into_inner()).take());
        let writer = self.writer.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(writer) = writer {
            let _ = writer.await;
        }
    }
}

/// Removes answered updates, as many at a time as have finished, until every sender is gone.
async fn remove_answered(store: Arc<Store>, mut done: mpsc::UnboundedReceiver<u32>) {
    while let Some(first) = done.recv().await {
        let mut ids = vec![i64::from(first)];
        while let Ok(id) = done.try_recv() {
            ids.push(i64::from(id));
        }
        with_store(&store, move |store| store.inbox_done(&ids)).await;
    }
}
