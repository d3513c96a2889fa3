//! Logging: a tracing subscriber on stderr that never prints the bot token, and that keeps teloxide from
//! logging the raw updates it cannot parse (they hold message text).

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// What replaces a secret in the log.
pub const REDACTED: &str = "[redacted]";

/// Installs the subscriber for `level` (a tracing filter such as "info" or "faqbot=debug"), writing to
/// `writer`, with every string in `secrets` replaced by `[redacted]`. Returns false if a subscriber was
/// already installed (tests install one per process).
pub fn init<W>(level: &str, secrets: Vec<String>, writer: W) -> bool
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let mut filter = level.to_string();
    if !level.contains("trace") {
        // Its error line for an update it cannot parse prints the whole update, message text included.
        filter.push_str(",teloxide::dispatching::dispatcher=off");
    }
    let filter = EnvFilter::try_new(&filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let secrets: Arc<Vec<String>> =
        Arc::new(secrets.into_iter().filter(|s| !s.is_empty()).collect());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Redacting {
            inner: writer,
            secrets,
        })
        .with_target(false)
        .with_ansi(io::stderr().is_terminal())
        .try_init()
        .is_ok()
}

/// Checks a level filter, for the configuration.
pub fn valid_level(level: &str) -> bool {
    EnvFilter::try_new(level).is_ok()
}

/// A `MakeWriter` whose writers redact secrets.
struct Redacting<W> {
    inner: W,
    secrets: Arc<Vec<String>>,
}

impl<'a, W: MakeWriter<'a>> MakeWriter<'a> for Redacting<W> {
    type Writer = RedactingWriter<W::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer(),
            secrets: Arc::clone(&self.secrets),
        }
    }
}

/// Writes each event (the formatter hands over one whole line per write) with its secrets replaced.
struct RedactingWriter<W> {
    inner: W,
    secrets: Arc<Vec<String>>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        if self.secrets.iter().any(|s| text.contains(s.as_str())) {
            let mut clean = text.into_owned();
            for secret in self.secrets.iter() {
                clean = clean.replace(secret.as_str(), REDACTED);
            }
            self.inner.write_all(clean.as_bytes())?;
        } else {
            self.inner.write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_replaced() {
        let mut out = Vec::new();
        {
            let mut w = RedactingWriter {
                inner: &mut out,
                secrets: Arc::new(vec!["123:ABC".to_string()]),
            };
            w.write_all(b"GET /bot123:ABC/GetMe failed").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "GET /bot[redacted]/GetMe failed"
        );
    }
}
