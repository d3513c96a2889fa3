//! The engine being served, swapped whole on reload: a question takes the engine of the moment and keeps it
//! to the end of its answer, so a reload never drops or delays an answer in flight.

use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;

use crate::engine::Engine;
use crate::faq::LoadError;

/// Told of every reload, whatever started it (/reload, SIGHUP, the watcher, an admin's change).
type Observer = Box<dyn Fn(Result<&Loaded, &LoadError>) + Send + Sync>;

/// The served engine, and the one way to replace it.
pub struct Live {
    engine: ArcSwap<Engine>,
    /// One reload at a time: the last to finish read the files last, so the newest FAQ always wins.
    reloading: Mutex<()>,
    observer: std::sync::OnceLock<Observer>,
}

/// What a successful reload loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    /// Entries.
    pub entries: usize,
    /// Warnings.
    pub warnings: usize,
}

impl Live {
    /// Serves `engine`.
    pub fn new(engine: Engine) -> Live {
        Live {
            engine: ArcSwap::from_pointee(engine),
            reloading: Mutex::new(()),
            observer: std::sync::OnceLock::new(),
        }
    }

    /// Calls `observer` after every reload from now on (health and metrics follow reloads this way). Only
    /// the first observer set is kept.
    pub fn observe(&self, observer: impl Fn(Result<&Loaded, &LoadError>) + Send + Sync + 'static) {
        let _ = self.observer.set(Box::new(observer));
    }

    /// The engine as it is now.
    pub fn current(&self) -> Arc<Engine> {
        self.engine.load_full()
    }

    /// Serves `engine` from now on.
    pub fn replace(&self, engine: Engine) {
        self.engine.store(Arc::new(engine));
    }

    /// Loads the FAQ again from its files and serves it; on an error the old one keeps answering. Blocking
    /// (reads and indexes every file): call it off the async workers.
    pub fn reload(&self) -> Result<Loaded, LoadError> {
        let _one = self.reloading.lock().unwrap_or_else(|p| p.into_inner());
        let result = self.current().reload().map(|engine| {
            let loaded = Loaded {
                entries: engine.faq().entries.len(),
                warnings: engine.faq().warnings.len(),
            };
            self.replace(engine);
            loaded
        });
        if let Some(observer) = self.observer.get() {
            observer(result.as_ref());
        }
        result
    }
}
