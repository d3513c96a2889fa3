//! Privacy, feedback and admin commands: /privacy, /forget, 👍/👎, /stats, /gaps and /reload, and the
//! admins told when a reload fails.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{Message, ParseMode, UserId};
use tokio::sync::watch;

use crate::bot::access::is_admin;
use crate::bot::format::{self, Outgoing};
use crate::bot::send::{HandlerResult, send};
use crate::bot::with_store;
use crate::bot::{FaqBot, State, authoring, curate};
use crate::curation::report;
use crate::engine::Engine;
use crate::engine::render::Markup;
use crate::faq::EntryId;

/// How many gaps /gaps lists.
const GAPS_SHOWN: usize = 10;

/// The filter in front of the admin commands.
pub fn allowed(state: Arc<State>, msg: Message) -> bool {
    is_admin(&state, &msg)
}

/// An admin command from someone who is not an admin: said politely, logged without who.
pub async fn refuse(bot: FaqBot, msg: Message, state: Arc<State>, update: Update) -> HandlerResult {
    tracing::info!(update_id = update.id.0, "admin command refused");
    let text = Markup::Html.escape(&state.settings.texts.not_allowed);
    send(&bot, &msg, Outgoing::text(text), &update).await?;
    Ok(())
}

/// /stats.
pub async fn on_stats(
    bot: FaqBot,
    msg: Message,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    send(&bot, &msg, Outgoing::text(stats(&state).await), &update).await?;
    Ok(())
}

/// /gaps: the list, then a card with curation buttons for each of the most frequent.
pub async fn on_gaps(
    bot: FaqBot,
    msg: Message,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    let engine = state.engine();
    let list = gaps(&state, &engine).await;
    let parts = format::split(&list, format::MAX_MESSAGE)
        .into_iter()
        .map(Outgoing::text)
        .chain(curate::gap_cards(&state, &engine).await);
    for part in parts {
        send(&bot, &msg, part, &update).await?;
    }
    Ok(())
}

/// /reload.
pub async fn on_reload(
    bot: FaqBot,
    msg: Message,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    send(&bot, &msg, Outgoing::text(reload(&state).await), &update).await?;
    Ok(())
}

/// `/answer [Title]` as a reply.
pub async fn on_answer(
    bot: FaqBot,
    msg: Message,
    title: String,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    authoring::on_answer(&bot, &msg, &title, &state, &update).await
}

/// `/alias <entry>` as a reply.
pub async fn on_alias(
    bot: FaqBot,
    msg: Message,
    name: String,
    state: Arc<State>,
    update: Update,
) -> HandlerResult {
    authoring::on_alias(&bot, &msg, &name, &state, &update).await
}

/// The /privacy text.
pub fn privacy(state: &State) -> String {
    let text = state
        .settings
        .texts
        .privacy
        .replace("{days}", &state.settings.database.keep_days.to_string());
    Markup::Html.escape(&text)
}

/// /forget: deletes the sender's votes.
pub async fn forget(state: &Arc<State>, user: Option<UserId>) -> String {
    let Some(user) = user else {
        return Markup::Html.escape(&state.settings.texts.forgotten.replace("{count}", "0"));
    };
    let id = user.0 as i64;
    let count = with_store(&state.store, move |store| store.forget(id)).await;
    match count {
        Some(count) => Markup::Html.escape(
            &state
                .settings
                .texts
                .forgotten
                .replace("{count}", &count.to_string()),
        ),
        None => "Sorry, I could not reach my database just now. Please try /forget again later."
            .to_string(),
    }
}

/// Records a 👍 or 👎; a 👎 keeps the question's text (if still in memory) as a gap.
pub async fn vote(
    state: &Arc<State>,
    user: UserId,
    entry: EntryId,
    up: bool,
    question: Option<String>,
) {
    let id = user.0 as i64;
    with_store(&state.store, move |store| {
        store.vote(id, &entry, up, question.as_deref())
    })
    .await;
}

/// /stats.
pub async fn stats(state: &Arc<State>) -> String {
    match with_store(&state.store, crate::store::Store::stats).await {
        Some(stats) => report::stats(&stats, Markup::Html),
        None => unavailable(state),
    }
}

/// /gaps, each with its closest entry.
pub async fn gaps(state: &Arc<State>, engine: &Engine) -> String {
    match with_store(&state.store, |store| store.gaps(GAPS_SHOWN)).await {
        Some(gaps) => report::gaps(&report::with_closest(engine, gaps), Markup::Html),
        None => unavailable(state),
    }
}

/// /reload: a FAQ that does not load keeps the old one running. Reading and indexing the files takes
/// seconds on a large FAQ, so it runs on a blocking thread, not on a worker that other chats need.
pub async fn reload(state: &State) -> String {
    let live = Arc::clone(state.live());
    let reloaded = match tokio::task::spawn_blocking(move || live.reload()).await {
        Ok(reloaded) => reloaded,
        Err(err) => {
            tracing::warn!("reload failed; the old FAQ stays: {err}");
            return "The FAQ did not reload; the old one keeps running. See the log.".to_string();
        }
    };
    match reloaded {
        Ok(loaded) => {
            let (entries, warnings) = (loaded.entries, loaded.warnings);
            tracing::info!(entries, warnings, "FAQ reloaded");
            format!("Reloaded: {entries} entries, {warnings} warning(s).")
        }
        Err(err) => {
            tracing::warn!("reload failed; the old FAQ stays: {err}");
            format!(
                "The FAQ did not reload; the old one keeps running.\n\n{}",
                Markup::Html.escape(&err.to_string())
            )
        }
    }
}

fn unavailable(state: &State) -> String {
    format!(
        "The database cannot be read just now ({} failure(s) since start); see the log.",
        state.store.failures()
    )
}

/// Reloads the FAQ when its files change or on SIGHUP, telling the admins when it does not load.
pub async fn watch_files(bot: FaqBot, state: Arc<State>, stop: watch::Receiver<bool>) {
    let settings = &state.settings;
    if !settings.curation.is_read(&settings.faq) {
        tracing::warn!(
            file = %state.curator.file().path().display(),
            "changes made with /gaps, /answer and /alias go to a questions.toml outside the FAQ paths: they will be saved but not served; set curation.questions_file or add a FAQ folder"
        );
    }
    let admins = settings.telegram.admins.clone();
    crate::curation::watch(
        Arc::clone(state.live()),
        settings.faq.clone(),
        settings.curation.clone(),
        stop,
        |trigger, result| {
            let (bot, admins) = (bot.clone(), admins.clone());
            async move {
                let Err(err) = result else { return };
                let text = format!(
                    "⚠️ The FAQ did not reload ({}); the old one keeps answering.\n\n{}",
                    trigger.as_str(),
                    Markup::Html.escape(&err.to_string())
                );
                for admin in admins {
                    let sent = bot
                        .send_message(ChatId(admin), text.clone())
                        .parse_mode(ParseMode::Html)
                        .await;
                    if let Err(err) = sent {
                        tracing::warn!("could not tell an admin that the reload failed: {err}");
                    }
                }
            }
        },
    )
    .await;
}
