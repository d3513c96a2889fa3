//! The numbers a monitor graphs, in the Prometheus text format (OpenMetrics) through `prometheus-client`.
//! Labels take a handful of fixed values (outcome, chat kind, error kind): never message text, a user or a
//! chat.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The kinds of chat, as labels.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
pub enum ChatKind {
    private,
    group,
    supergroup,
    channel,
}

impl ChatKind {
    /// The label for a chat kind as [`crate::bot::send::chat_kind`] names it.
    pub fn from_name(name: &str) -> ChatKind {
        match name {
            "private" => ChatKind::private,
            "group" => ChatKind::group,
            "supergroup" => ChatKind::supergroup,
            _ => ChatKind::channel,
        }
    }
}

/// The outcomes of a question, as labels.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
pub enum Outcome {
    answered,
    suggested,
    declined,
    chitchat,
}

impl Outcome {
    /// The label for an outcome as [`crate::engine::Outcome::as_str`] names it.
    pub fn from_name(name: &str) -> Outcome {
        match name {
            "answered" => Outcome::answered,
            "suggested" => Outcome::suggested,
            "chitchat" => Outcome::chitchat,
            _ => Outcome::declined,
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QuestionLabels {
    outcome: Outcome,
    chat: ChatKind,
}

/// Why a call to Telegram failed, as labels.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
pub enum TelegramError {
    /// 429 Too Many Requests that reached the bot (Throttle waits out and retries most of them).
    too_many_requests,
    /// Telegram answered with another error.
    api,
    /// Telegram could not be reached, or its answer not read.
    network,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TelegramLabels {
    kind: TelegramError,
}

/// Where an update came from, as labels.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
pub enum Source {
    /// getUpdates.
    polling,
    /// A POST to the webhook.
    webhook,
    /// The inbox, after a restart.
    inbox,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SourceLabels {
    source: Source,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReloadLabels {
    ok: bool,
}

/// Every metric, registered in one registry.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    questions: Family<QuestionLabels, Counter>,
    urgent: Counter,
    latency: Histogram,
    telegram_errors: Family<TelegramLabels, Counter>,
    database_failures: Counter,
    inbox_fallbacks: Counter,
    redeliveries: Counter,
    updates: Family<SourceLabels, Counter>,
    webhook_refused: Counter,
    faq_entries: Gauge,
    reloads: Family<ReloadLabels, Counter>,
    throttled: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// A registry with every metric at zero.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("faqbot");
        let questions = Family::<QuestionLabels, Counter>::default();
        registry.register(
            "questions",
            "Questions answered, by outcome and kind of chat",
            questions.clone(),
        );
        let urgent = Counter::default();
        registry.register(
            "urgent_notices",
            "Replies that started with an urgent-symptom notice",
            urgent.clone(),
        );
        // 10 ms to about 80 s: a reply waits its turn behind Telegram's 30 messages a second.
        let latency = Histogram::new(exponential_buckets(0.01, 2.0, 14));
        registry.register(
            "answer_seconds",
            "Seconds from receiving an update to finishing its reply",
            latency.clone(),
        );
        let telegram_errors = Family::<TelegramLabels, Counter>::default();
        registry.register(
            "telegram_errors",
            "Failed calls to the Bot API, by kind",
            telegram_errors.clone(),
        );
        let database_failures = Counter::default();
        registry.register(
            "database_failures",
            "Database operations that failed",
            database_failures.clone(),
        );
        let inbox_fallbacks = Counter::default();
        registry.register(
            "inbox_fallbacks",
            "Updates answered without being kept in the inbox because the database could not be written",
            inbox_fallbacks.clone(),
        );
        let redeliveries = Counter::default();
        registry.register(
            "redeliveries_skipped",
            "Updates received again after they were kept or answered, and not answered twice",
            redeliveries.clone(),
        );
        let updates = Family::<SourceLabels, Counter>::default();
        registry.register(
            "updates",
            "Updates handed to the handlers, by where they came from",
            updates.clone(),
        );
        let webhook_refused = Counter::default();
        registry.register(
            "webhook_refused",
            "Webhook requests refused for a wrong or missing secret token",
            webhook_refused.clone(),
        );
        let faq_entries = Gauge::default();
        registry.register(
            "faq_entries",
            "Entries in the FAQ being answered from",
            faq_entries.clone(),
        );
        let reloads = Family::<ReloadLabels, Counter>::default();
        registry.register(
            "reloads",
            "FAQ reloads, by whether they worked",
            reloads.clone(),
        );
        Metrics {
            registry,
            questions,
            urgent,
            latency,
            telegram_errors,
            database_failures,
            inbox_fallbacks,
            redeliveries,
            updates,
            webhook_refused,
            faq_entries,
            reloads,
            throttled: AtomicU64::new(0),
        }
    }

    /// Counts a question by `outcome` and `chat` kind (their names as logged), and its urgent notice.
    pub fn question(&self, outcome: &str, chat: &str, urgent: bool) {
        let labels = QuestionLabels {
            outcome: Outcome::from_name(outcome),
            chat: ChatKind::from_name(chat),
        };
        self.questions.get_or_create(&labels).inc();
        if urgent {
            self.urgent.inc();
        }
    }

    /// Records how long an update took from arrival to its reply.
    pub fn answered_in(&self, took: Duration) {
        self.latency.observe(took.as_secs_f64());
    }

    /// Counts a failed Bot API call.
    pub fn telegram_error(&self, kind: TelegramError) {
        self.telegram_errors
            .get_or_create(&TelegramLabels { kind })
            .inc();
    }

    /// Classifies and counts a failed Bot API call.
    pub fn request_error(&self, err: &teloxide::RequestError) {
        use teloxide::RequestError;
        let kind = match err {
            RequestError::RetryAfter(_) => TelegramError::too_many_requests,
            RequestError::Network(_) | RequestError::Io(_) => TelegramError::network,
            _ => TelegramError::api,
        };
        self.telegram_error(kind);
    }

    /// Brings the database failure count up to `total`, the store's own count.
    pub fn database_failures_now(&self, total: u64) {
        let counted = self.database_failures.get();
        if total > counted {
            self.database_failures.inc_by(total - counted);
        }
    }

    /// Adds the 429s Throttle retried by itself, `total` so far, to the 429s counted.
    pub fn throttled_now(&self, total: u64) {
        let before = self.throttled.swap(total, Ordering::Relaxed);
        if total > before {
            self.telegram_errors
                .get_or_create(&TelegramLabels {
                    kind: TelegramError::too_many_requests,
                })
                .inc_by(total - before);
        }
    }

    /// Counts updates answered without the inbox.
    pub fn inbox_fallback(&self, n: u64) {
        self.inbox_fallbacks.inc_by(n);
    }

    /// Counts redelivered updates that were not answered again.
    pub fn redelivered(&self, n: u64) {
        self.redeliveries.inc_by(n);
    }

    /// Counts an update handed to the handlers.
    pub fn update(&self, source: Source) {
        self.updates.get_or_create(&SourceLabels { source }).inc();
    }

    /// Counts a webhook request refused for its secret.
    pub fn webhook_refused(&self) {
        self.webhook_refused.inc();
    }

    /// Records a load or reload of the FAQ.
    pub fn faq_loaded(&self, entries: usize) {
        self.faq_entries.set(entries as i64);
    }

    /// Counts a reload.
    pub fn reload(&self, ok: bool) {
        self.reloads.get_or_create(&ReloadLabels { ok }).inc();
    }

    /// Every metric in the text format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_fixed_words() {
        let metrics = Metrics::new();
        metrics.question("answered", "private", true);
        metrics.question("something new", "unknown", false);
        let text = metrics.encode();
        assert!(
            text.contains("faqbot_questions_total{outcome=\"answered\",chat=\"private\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("faqbot_questions_total{outcome=\"declined\",chat=\"channel\"} 1"),
            "{text}"
        );
        assert!(text.contains("faqbot_urgent_notices_total 1"), "{text}");
    }
}
