//! Whether the bot is healthy, for a monitor or a container's health check: the FAQ loaded (and its last
//! reload worked) and Telegram answered recently.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the health check looks at, updated by the bot as it runs.
#[derive(Debug)]
pub struct Health {
    faq: Mutex<Result<usize, String>>,
    telegram: Mutex<Option<Instant>>,
    stale_after: Duration,
}

impl Health {
    /// Healthy once the FAQ is loaded and Telegram has answered within `stale_after`.
    pub fn new(stale_after: Duration) -> Health {
        Health {
            faq: Mutex::new(Err("the FAQ is not loaded yet".into())),
            telegram: Mutex::new(None),
            stale_after,
        }
    }

    /// The FAQ was loaded with `entries` entries.
    pub fn faq_loaded(&self, entries: usize) {
        *self.faq.lock().unwrap_or_else(|p| p.into_inner()) = Ok(entries);
    }

    /// The FAQ did not reload: `reason` says why (the old one keeps answering).
    pub fn faq_failed(&self, reason: String) {
        *self.faq.lock().unwrap_or_else(|p| p.into_inner()) = Err(reason);
    }

    /// Telegram answered a request, or sent an update, just now.
    pub fn telegram_reached(&self) {
        *self.telegram.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }

    /// `Ok` with a short summary when healthy, else the reason.
    pub fn check(&self) -> Result<String, String> {
        let entries = self
            .faq
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .map_err(|reason| format!("FAQ: {reason}; the last FAQ that loaded keeps answering"))?;
        let last = *self.telegram.lock().unwrap_or_else(|p| p.into_inner());
        match last {
            None => Err("Telegram: not reached yet".into()),
            Some(at) if at.elapsed() > self.stale_after => Err(format!(
                "Telegram: not reached for {} s (limit {} s)",
                at.elapsed().as_secs(),
                self.stale_after.as_secs()
            )),
            Some(at) => Ok(format!(
                "ok: {entries} FAQ entries; Telegram reached {} s ago",
                at.elapsed().as_secs()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthy_only_with_a_faq_and_a_recent_telegram() {
        let health = Health::new(Duration::from_secs(60));
        assert!(health.check().unwrap_err().contains("FAQ"));
        health.faq_loaded(3);
        assert!(health.check().unwrap_err().contains("Telegram"));
        health.telegram_reached();
        assert!(health.check().unwrap().starts_with("ok: 3 FAQ entries"));
        health.faq_failed("faq/x.md:3: bad heading".into());
        assert!(health.check().unwrap_err().contains("faq/x.md:3"));
        let stale = Health::new(Duration::ZERO);
        stale.faq_loaded(1);
        stale.telegram_reached();
        std::thread::sleep(Duration::from_millis(5));
        assert!(stale.check().unwrap_err().contains("not reached for"));
    }
}
