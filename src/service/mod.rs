//! Running as a service: the health check and the metrics, served over HTTP for monitors.

mod health;
mod metrics;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

pub use health::Health;
pub use metrics::{Metrics, Source};

use crate::store::Store;

/// What the bot reports about itself: its health and its metrics.
#[derive(Debug)]
pub struct Service {
    /// The counters and gauges.
    pub metrics: Metrics,
    /// The health check's inputs.
    pub health: Health,
}

impl Service {
    /// Counts from zero; Telegram counts as unreachable after `stale_after` without an answer.
    pub fn new(stale_after: Duration) -> Service {
        Service {
            metrics: Metrics::new(),
            health: Health::new(stale_after),
        }
    }
}

impl Service {
    /// Records a reload of the FAQ: its entries, or why it failed.
    pub fn reloaded(&self, result: Result<usize, String>) {
        self.metrics.reload(result.is_ok());
        match result {
            Ok(entries) => {
                self.metrics.faq_loaded(entries);
                self.health.faq_loaded(entries);
            }
            Err(reason) => self
                .health
                .faq_failed(format!("the last reload failed: {reason}")),
        }
    }
}

impl Default for Service {
    fn default() -> Self {
        Service::new(Duration::from_secs(120))
    }
}

#[derive(Clone)]
struct Shared {
    service: Arc<Service>,
    store: Arc<Store>,
}

/// `GET /healthz` and `GET /metrics`.
pub fn router(service: Arc<Service>, store: Arc<Store>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(Shared { service, store })
}

async fn healthz(State(shared): State<Shared>) -> impl IntoResponse {
    match shared.service.health.check() {
        Ok(summary) => (StatusCode::OK, summary + "\n"),
        Err(reason) => (StatusCode::SERVICE_UNAVAILABLE, reason + "\n"),
    }
}

async fn metrics(State(shared): State<Shared>) -> impl IntoResponse {
    let metrics = &shared.service.metrics;
    metrics.database_failures_now(shared.store.failures());
    metrics.throttled_now(crate::config::throttled::seen());
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics.encode(),
    )
}

/// Binds `address` and serves `app` until `stop` completes. Binding fails at once, with the address named,
/// so that a mistyped or taken port stops the start instead of leaving a silent monitor.
pub async fn serve(
    address: &str,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::warn!("the HTTP server on {bound} stopped: {err}");
        }
    });
    Ok(bound)
}
