//! Counts the 429 Too Many Requests answers that teloxide's Throttle waits out and retries by itself: they
//! never reach the bot's code, only Throttle's own warning in the log, so a tracing layer watches for it.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_log::NormalizeEvent;
use tracing_subscriber::layer::{Context, Layer};

static SEEN: AtomicU64 = AtomicU64::new(0);

/// 429s retried by Throttle since the start (counted only while [`Watch`] is installed, as `faqbot
/// serve` does, and only when the log level lets Throttle's warnings through).
pub fn seen() -> u64 {
    SEEN.load(Ordering::Relaxed)
}

/// The layer that counts Throttle's "Freezing, before retrying" warnings.
pub struct Watch;

impl<S: Subscriber> Layer<S> for Watch {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        // Throttle logs through the `log` crate; tracing-log carries the original target.
        let normalized = event.normalized_metadata();
        let meta = normalized.as_ref().unwrap_or_else(|| event.metadata());
        if *meta.level() != Level::WARN
            || !meta
                .target()
                .starts_with("teloxide_core::adaptors::throttle")
        {
            return;
        }
        let mut message = Message(false);
        event.record(&mut message);
        if message.0 {
            SEEN.fetch_add(1, Ordering::Relaxed);
        }
    }
}

struct Message(bool);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}").starts_with("Freezing, before retrying");
        }
    }
}
