//! A bot serving in-process against the fake Bot API, for the Telegram tests.

use std::path::PathBuf;

use faqbot::config::Settings;
use faqbot::engine::Engine;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::fake_telegram::{FakeTelegram, TOKEN};

/// A bot serving in this process, against its own fake Bot API and its own database file.
pub struct Running {
    pub fake: FakeTelegram,
    /// The database file.
    pub database: PathBuf,
    _dir: tempfile::TempDir,
    stop: oneshot::Sender<()>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Running {
    /// Stops the bot as SIGTERM would and checks that it ended cleanly.
    pub async fn stop(self) -> FakeTelegram {
        let _ = self.stop.send(());
        self.task.await.unwrap().unwrap();
        self.fake
    }
}

/// Starts the bot with settings changed by `tweak`, and waits until it polls.
pub async fn start_with(tweak: impl FnOnce(&mut Settings)) -> Running {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("faqbot.db");
    let mut settings = Settings::default();
    settings.database.path = database.clone();
    settings.telegram.token = Some(TOKEN.into());
    settings.telegram.api_url = Some(fake.url.clone());
    settings.telegram.messages_per_sec_chat = 1000;
    settings.telegram.messages_per_min_chat = 60_000;
    settings.telegram.messages_per_min_group = 60_000;
    settings.telegram.messages_per_sec_overall = 1000;
    tweak(&mut settings);
    let engine = Engine::load(&settings.faq, settings.matching.clone()).unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(faqbot::bot::serve(settings, engine, async {
        let _ = stopped.await;
    }));
    fake.wait_until("the first getUpdates", |r| {
        r.iter().any(|r| r.method == "GetUpdates")
    })
    .await;
    Running {
        fake,
        database,
        _dir: dir,
        stop,
        task,
    }
}

/// Starts the bot with the default settings.
pub async fn start() -> Running {
    start_with(|_| {}).await
}
