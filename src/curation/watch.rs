//! Hot reload: a change to any file under the FAQ folders (or to the synonym and safety files) reloads the
//! FAQ once the files have been quiet for `curation.debounce_ms`; SIGHUP reloads at once. A FAQ that does not
//! load leaves the old one answering and is reported.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::{mpsc, watch as signal};

use crate::config::Curation;
use crate::config::FaqSettings;
use crate::curation::live::{Live, Loaded};
use crate::faq::LoadError;

/// Why the FAQ was reloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A file changed on disk.
    Files,
    /// SIGHUP.
    Hangup,
}

impl Trigger {
    /// As logged and told to admins.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Files => "a file changed",
            Trigger::Hangup => "SIGHUP",
        }
    }
}

/// What is watched: folders with everything under them, and single files.
struct Watched {
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Watched {
    fn new(faq: &FaqSettings) -> Watched {
        let mut watched = Watched {
            folders: Vec::new(),
            files: Vec::new(),
        };
        let singles = faq.synonyms.iter().chain(&faq.safety);
        for path in &faq.paths {
            match std::fs::canonicalize(path) {
                Ok(p) if p.is_dir() => watched.folders.push(p),
                _ => watched.files.extend(absolute(path)),
            }
        }
        watched.files.extend(singles.filter_map(|p| absolute(p)));
        watched
    }

    /// Whether a change at `path` can change the FAQ: not our own temporary, lock and backup files, nor any
    /// hidden file (the loader skips those).
    fn matters(&self, path: &Path) -> bool {
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') || name.ends_with(".bak") || name.ends_with('~') {
            return false;
        }
        self.folders.iter().any(|f| path.starts_with(f))
    }

    /// The folders to register with the watcher: single files are watched through their folder, which
    /// still sees them after an editor replaces them by a rename.
    fn registrations(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out: Vec<(PathBuf, RecursiveMode)> = self
            .folders
            .iter()
            .map(|f| (f.clone(), RecursiveMode::Recursive))
            .collect();
        for file in &self.files {
            if let Some(parent) = file.parent()
                && !out.iter().any(|(p, _)| p == parent)
                && !self.folders.iter().any(|f| parent.starts_with(f))
            {
                out.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        out
    }
}

/// `path` made absolute through its folder, which exists even when the file does not yet.
fn absolute(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
}

/// Reloads `live` when its files change (if `curation.watch`) or on SIGHUP, until `stop` turns true;
/// each reload's result goes to `report`.
pub async fn watch<F, Fut>(
    live: Arc<Live>,
    faq: FaqSettings,
    curation: Curation,
    mut stop: signal::Receiver<bool>,
    report: F,
) where
    F: Fn(Trigger, Result<Loaded, LoadError>) -> Fut,
    Fut: Future<Output = ()>,
{
    let watched = Arc::new(Watched::new(&faq));
    let (tx, mut changes) = mpsc::unbounded_channel::<()>();
    // Kept alive for as long as this runs: dropping it stops watching.
    let _watcher = if curation.watch {
        start_watcher(Arc::clone(&watched), tx)
    } else {
        None
    };
    let mut hangup = hangup();
    let debounce = Duration::from_millis(curation.debounce_ms);
    loop {
        let trigger = tokio::select! {
            () = stopped(&mut stop) => return,
            Some(()) = changes.recv() => {
                // Quiet for `debounce` first: an editor's save is often several events.
                while let Ok(Some(())) = tokio::time::timeout(debounce, changes.recv()).await {}
                Trigger::Files
            }
            Some(()) = next_hangup(&mut hangup) => Trigger::Hangup,
        };
        let reloading = Arc::clone(&live);
        let result = match tokio::task::spawn_blocking(move || reloading.reload()).await {
            Ok(result) => result,
            Err(err) => {
                tracing::warn!("reload failed; the old FAQ stays: {err}");
                continue;
            }
        };
        match &result {
            Ok(loaded) => tracing::info!(
                entries = loaded.entries,
                warnings = loaded.warnings,
                trigger = trigger.as_str(),
                "FAQ reloaded"
            ),
            Err(err) => tracing::warn!(
                trigger = trigger.as_str(),
                "the FAQ did not reload; the old one keeps answering: {err}"
            ),
        }
        report(trigger, result).await;
    }
}

/// Completes when `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut signal::Receiver<bool>) {
    let _ = stop.wait_for(|&s| s).await;
}

fn start_watcher(
    watched: Arc<Watched>,
    tx: mpsc::UnboundedSender<()>,
) -> Option<notify::RecommendedWatcher> {
    let filter = Arc::clone(&watched);
    let handler = move |event: notify::Result<notify::Event>| match event {
        Ok(event) => {
            let relevant = !matches!(event.kind, EventKind::Access(_))
                && event.paths.iter().any(|p| filter.matters(p));
            if relevant {
                let _ = tx.send(());
            }
        }
        Err(err) => tracing::warn!("watching the FAQ files: {err}"),
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(err) => {
            tracing::warn!("cannot watch the FAQ files ({err}); reload with /reload or SIGHUP");
            return None;
        }
    };
    for (path, mode) in watched.registrations() {
        if let Err(err) = watcher.watch(&path, mode) {
            tracing::warn!(path = %path.display(), "cannot watch: {err}");
        }
    }
    Some(watcher)
}

#[cfg(unix)]
type Hangup = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangup = ();

#[cfg(unix)]
fn hangup() -> Hangup {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::hangup()) {
        Ok(s) => Some(s),
        Err(err) => {
            tracing::warn!("cannot listen for SIGHUP: {err}");
            None
        }
    }
}

#[cfg(not(unix))]
fn hangup() -> Hangup {}

#[cfg(unix)]
async fn next_hangup(hangup: &mut Hangup) -> Option<()> {
    match hangup {
        Some(s) => s.recv().await,
        None => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn next_hangup(_: &mut Hangup) -> Option<()> {
    std::future::pending().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_files_and_hidden_ones_do_not_count() {
        let dir = tempfile::tempdir().unwrap();
        let faq = FaqSettings {
            paths: vec![dir.path().to_path_buf()],
            synonyms: vec![],
            safety: None,
        };
        let w = Watched::new(&faq);
        let root = std::fs::canonicalize(dir.path()).unwrap();
        assert!(w.matters(&root.join("guide.md")));
        assert!(w.matters(&root.join("sub/questions.toml")));
        for ours in [
            ".questions.toml.abc.tmp",
            ".questions.toml.lock",
            "questions.toml.bak",
            ".guide.md.swp",
        ] {
            assert!(!w.matters(&root.join(ours)), "{ours}");
        }
        assert!(!w.matters(Path::new("/elsewhere/guide.md")));
    }
}
