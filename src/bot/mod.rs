//! The Telegram front end: long polling or a webhook with teloxide, behind a durable inbox; the same engine
//! as the terminal, and a graceful stop.

pub(crate) mod access;
pub(crate) mod admin;
pub(crate) mod authoring;
pub(crate) mod buttons;
pub mod callback;
pub(crate) mod command;
pub(crate) mod commands;
pub mod curate;
pub(crate) mod format;
pub(crate) mod handlers;
pub(crate) mod inbox;
mod listener;
mod mentions;
pub(crate) mod prompts;
pub(crate) mod schema;
pub(crate) mod send;
mod webhook;

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::update_listeners::UpdateListener;
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, RequestError};
use tokio::sync::watch;

use crate::bot::inbox::Inbox;
use crate::config::{Mode, Settings};
use crate::curation::{Curator, Live, QuestionsFile};
use crate::engine::Engine;
use crate::service::{self, Service};
use crate::store::Store;

/// The bot as handlers see it: requests go through Throttle, which keeps to Telegram's rate limits and
/// waits out a 429's retry_after before sending again.
pub type FaqBot = Throttle<Bot>;

/// What the handlers share: the engine (swapped whole on reload), the settings, the database, and what
/// admins use to change the FAQ.
pub struct State {
    live: Arc<Live>,
    /// The configuration the bot was started with.
    pub settings: Settings,
    /// Feedback and knowledge gaps.
    pub store: Arc<Store>,
    /// Health and metrics.
    pub service: Arc<Service>,
    /// Changes to the FAQ: from buttons, /answer and /alias.
    pub curator: Curator,
    /// Questions the bot asked admins and awaits a reply to (a title, a new entry's answer).
    pub prompts: prompts::Prompts,
    recent: Mutex<VecDeque<((i64, i32), String)>>,
}

/// How many recent answers remember their question, for a 👎 (in memory only).
const RECENT_ANSWERS: usize = 1000;

impl State {
    /// Shares `engine`, `settings` and the database `store` with the handlers.
    pub fn new(engine: Engine, settings: Settings, store: Store) -> State {
        let stale = Duration::from_secs(settings.service.telegram_stale_secs.into());
        let service = Arc::new(Service::new(stale));
        service.health.faq_loaded(engine.faq().entries.len());
        service.metrics.faq_loaded(engine.faq().entries.len());
        let live = Arc::new(Live::new(engine));
        let observed = Arc::clone(&service);
        live.observe(move |result| {
            observed.reloaded(result.map(|l| l.entries).map_err(|e| e.to_string()))
        });
        let store = Arc::new(store);
        let file = QuestionsFile::new(settings.curation.questions_file(&settings.faq));
        State {
            curator: Curator::new(file, Arc::clone(&live), Arc::clone(&store)),
            live,
            settings,
            store,
            service,
            prompts: prompts::Prompts::default(),
            recent: Mutex::new(VecDeque::new()),
        }
    }

    /// The served engine and its reload.
    pub fn live(&self) -> &Arc<Live> {
        &self.live
    }

    /// Remembers which question the message `message` in `chat` answered.
    pub fn remember(&self, chat: i64, message: i32, question: &str) {
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        if recent.len() == RECENT_ANSWERS {
            recent.pop_front();
        }
        recent.push_back(((chat, message), question.to_string()));
    }

    /// The question that the message `message` in `chat` answered, if still remembered.
    pub fn recall(&self, chat: i64, message: i32) -> Option<String> {
        let recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        recent
            .iter()
            .rev()
            .find(|(key, _)| *key == (chat, message))
            .map(|(_, q)| q.clone())
    }

    /// The engine as it is now; a reload does not disturb answers already being written.
    pub fn engine(&self) -> Arc<Engine> {
        self.live.current()
    }
}

/// The bot's way to the database: off the async workers (SQLite blocks), and its policy for a database that
/// cannot be used — log the error (it names the file and what was being done, never a message's text; the
/// store has counted it) and keep answering without it.
pub(crate) async fn with_store<T: Send + 'static>(
    store: &Arc<Store>,
    op: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Option<T> {
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || op(&store)).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(err)) => {
            tracing::warn!("{err}");
            None
        }
        Err(_) => None,
    }
}

/// The message shown when no token is configured.
pub const NO_TOKEN: &str = "no Telegram bot token: set TELOXIDE_TOKEN (or telegram.token in config.toml, or \
                            FAQBOT_TELEGRAM__TOKEN) to the token @BotFather gave you; see README, section Telegram";

/// Serves Telegram until `shutdown` completes: long polling or the webhook, commands registered, the health
/// check and metrics when enabled, answers in flight finished and the update offset confirmed before
/// returning.
pub async fn serve(
    settings: Settings,
    engine: Engine,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let token = settings.token().context(NO_TOKEN)?;
    let mut bot = Bot::new(token);
    if let Some(url) = api_url(&settings)? {
        bot = bot.set_api_url(url);
    }
    let t = &settings.telegram;
    let limits = Limits {
        messages_per_sec_chat: t.messages_per_sec_chat,
        messages_per_min_chat: t.messages_per_min_chat,
        messages_per_min_channel_or_supergroup: t.messages_per_min_group,
        messages_per_sec_overall: t.messages_per_sec_overall,
    };
    let poll_timeout = Duration::from_secs(u64::from(t.poll_timeout_secs));
    let bot = Throttle::new_spawn(bot, limits);

    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });

    let Some(me) = connect(&bot, stop_rx.clone()).await? else {
        return Ok(());
    };
    tracing::info!(
        entries = engine.faq().entries.len(),
        bot = me.username.as_deref().unwrap_or("?"),
        "connected to Telegram"
    );
    // The menu lists commands without their slash.
    let commands = command::Command::bot_commands().into_iter().map(|mut c| {
        c.command = c.command.trim_start_matches('/').to_string();
        c
    });
    if let Err(err) = bot.set_my_commands(commands).await {
        tracing::warn!("could not register the commands (setMyCommands): {err}");
    }

    // Opening creates, migrates and purges the file: disk work, kept off the runtime's workers.
    let database = settings.database.clone();
    let store = tokio::task::spawn_blocking(move || {
        Store::open_with_secret(
            &database.path,
            database.keep_days,
            database.secret.as_deref(),
        )
    })
    .await
    .context("opening the database")?;
    let state = Arc::new(State::new(engine, settings, store));
    let service = Arc::clone(&state.service);
    service.health.telegram_reached();
    let settings = &state.settings;
    if settings.service.enabled == Some(true) {
        let app = service::router(Arc::clone(&service), Arc::clone(&state.store));
        let mut stop = stop_rx.clone();
        let stopped = async move {
            let _ = stop.wait_for(|&s| s).await;
        };
        let bound = service::serve(&settings.service.address, app, stopped)
            .await
            .context("service.address (health check and metrics)")?;
        tracing::info!(address = %bound, "health check and metrics listening");
    }
    tokio::spawn(admin::watch_files(
        bot.clone(),
        Arc::clone(&state),
        stop_rx.clone(),
    ));
    let inbox = Inbox::start(Arc::clone(&state.store), Arc::clone(&service));
    // Every update is marked as in flight before any handler sees it; the mark is dropped, and the update
    // leaves the inbox, when the whole tree is done with it.
    let handler = dptree::entry()
        .map(|update: Update, inbox: Arc<Inbox>| inbox.in_flight(&update))
        .chain(schema::schema());
    let errors = Arc::clone(&service);
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler)
        .dependencies(dptree::deps![Arc::clone(&state), Arc::clone(&inbox)])
        .default_handler(|update: Arc<Update>| async move {
            tracing::debug!(
                update_id = update.id.0,
                "update of a kind the bot does not handle"
            );
        })
        .error_handler(Arc::new(move |err: anyhow::Error| {
            if let Some(request) = err.chain().find_map(|e| e.downcast_ref::<RequestError>()) {
                errors.metrics.request_error(request);
            }
            async move {
                tracing::warn!("{err:#}");
            }
        }))
        .build();
    let token = dispatcher.shutdown_token();
    // The listener's own stop token, once the listener exists.
    let listener_stop: Arc<Mutex<Option<StopToken>>> = Arc::default();
    let mut stop = stop_rx.clone();
    let stopping = Arc::clone(&listener_stop);
    tokio::spawn(async move {
        if stop.wait_for(|&s| s).await.is_err() {
            return;
        }
        // The dispatcher accepts a shutdown only once it runs (it asks Telegram for the bot's name first),
        // and it can miss one requested just as it starts: so ask until it accepts, and stop the listener
        // directly too — its stream then ends, and the dispatcher with it. (Both once lost a SIGTERM.)
        loop {
            if let Some(listener) = stopping.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                listener.stop();
            }
            match token.shutdown() {
                Ok(done) => {
                    if let Some(listener) =
                        stopping.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
                    {
                        listener.stop();
                    }
                    done.await;
                    return;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    });
    // The listeners report their own errors and never end with one.
    let listener_errors = Arc::new(|err: std::convert::Infallible| async move { match err {} });
    match settings.telegram.mode {
        Mode::Polling => {
            let mut polling = listener::polling(
                bot.clone(),
                Arc::clone(&inbox),
                Arc::clone(&service),
                poll_timeout,
            );
            *listener_stop.lock().unwrap_or_else(|p| p.into_inner()) = Some(polling.stop_token());
            dispatcher
                .try_dispatch_with_listener(polling, listener_errors)
                .await
        }
        Mode::Webhook => {
            let mut queue = webhook::start(
                &bot,
                &settings.telegram,
                Arc::clone(&inbox),
                Arc::clone(&service),
                stop_rx.clone(),
            )
            .await?;
            *listener_stop.lock().unwrap_or_else(|p| p.into_inner()) = Some(queue.stop_token());
            dispatcher
                .try_dispatch_with_listener(queue, listener_errors)
                .await
        }
    }
    .context("could not start dispatching")?;
    inbox.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The Bot API base URL: TELOXIDE_API_URL, else `telegram.api_url`, else Telegram's.
fn api_url(settings: &Settings) -> anyhow::Result<Option<url::Url>> {
    let (raw, origin) = match std::env::var("TELOXIDE_API_URL") {
        Ok(url) if !url.trim().is_empty() => (url, "TELOXIDE_API_URL"),
        _ => match &settings.telegram.api_url {
            Some(url) => (url.clone(), "telegram.api_url"),
            None => return Ok(None),
        },
    };
    let url = url::Url::parse(raw.trim()).with_context(|| {
        format!("{origin} is {raw:?}; expected a URL such as http://127.0.0.1:8081")
    })?;
    Ok(Some(url))
}

/// Calls getMe until it answers: a rejected token is an error, a network failure is retried with backoff.
/// `None` when asked to stop first.
async fn connect(
    bot: &FaqBot,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<Option<teloxide::types::Me>> {
    let mut delay = Duration::from_millis(500);
    loop {
        let attempt = tokio::select! {
            result = bot.get_me() => result,
            _ = stop.wait_for(|&s| s) => return Ok(None),
        };
        match attempt {
            Ok(me) if me.username.is_some() => return Ok(Some(me)),
            Ok(_) => bail!(
                "getMe returned a bot without a username; is TELOXIDE_API_URL a Bot API server?"
            ),
            Err(RequestError::Api(err @ ApiError::InvalidToken)) => {
                bail!("Telegram rejected the bot token ({err}); check TELOXIDE_TOKEN")
            }
            Err(err) => {
                tracing::warn!(
                    "cannot reach Telegram ({err}); retrying in {} ms",
                    delay.as_millis()
                );
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = stop.wait_for(|&s| s) => return Ok(None),
                }
                delay = (delay * 2).min(Duration::from_secs(30));
            }
        }
    }
}
