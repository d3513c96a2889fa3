//! `faqbot serve` as a service: no message lost to SIGKILL, webhook mode, health check, metrics and JSON
//! logs, each with the real binary against the fake Bot API on 127.0.0.1.

mod support;

use std::time::Duration;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use support::fake_telegram::{self as fake, FakeTelegram};
use support::process::{self, http};

/// The chats in `chats` mapped to how many messages each received.
fn replies(fake: &FakeTelegram, chats: impl Iterator<Item = i64>) -> BTreeMap<i64, usize> {
    chats.map(|c| (c, fake.sent_to(c).len())).collect()
}

fn total_sent(fake: &FakeTelegram) -> usize {
    fake.calls("SendMessage").len()
}

/// The update ids still in the database's inbox.
fn inbox(database: &std::path::Path) -> BTreeSet<i64> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut statement = conn.prepare("SELECT update_id FROM inbox").unwrap();
    statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_with_answers_queued_loses_no_question_and_repeats_only_those_in_flight() {
    const CHATS: i64 = 150;
    const KILL_AFTER: usize = 55;
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("bot.db");
    // 150 people each ask one question before the bot starts: Throttle's 30 messages a second keeps most
    // answers queued while every update has been read.
    let first_chat = 5_000_000;
    let chats = first_chat..first_chat + CHATS;
    let update_of: BTreeMap<i64, i64> = chats
        .clone()
        .map(|chat| (fake.say(chat, 1, "what is cytokine release syndrome"), chat))
        .collect();
    let last_update = *update_of.keys().max().unwrap();
    let env = [
        ("FAQBOT_DATABASE__PATH", database.display().to_string()),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    fake.wait_until("replies before the kill", |_| {
        total_sent(&fake) >= KILL_AFTER
    })
    .await;
    bot.signal(libc::SIGKILL);
    let (code, _) = bot.wait().await;
    assert_eq!(code, None, "killed by a signal");

    let before = replies(&fake, chats.clone());
    let answered_before: BTreeSet<i64> = before
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, _)| *c)
        .collect();
    assert!(before.values().all(|&n| n <= 1), "{before:?}");
    // Telegram had been told every update arrived: only the inbox can bring the unanswered ones back.
    let confirmed = fake
        .calls("GetUpdates")
        .iter()
        .filter_map(|b| b["offset"].as_i64())
        .max()
        .unwrap_or(0);
    assert!(
        confirmed > last_update,
        "the offset was not confirmed before the kill"
    );
    let kept = inbox(&database);
    // In flight at the kill: the reply reached Telegram but the update had not yet left the inbox.
    let in_flight: BTreeSet<i64> = kept
        .iter()
        .map(|id| update_of[id])
        .filter(|chat| answered_before.contains(chat))
        .collect();
    assert_eq!(
        kept.len() + answered_before.len() - in_flight.len(),
        CHATS as usize,
        "every question is either answered or kept"
    );

    let bot = process::spawn(&["serve"], &fake.url, &env);
    fake.wait_until("every chat answered", |_| {
        replies(&fake, chats.clone()).values().all(|&n| n >= 1)
    })
    .await;
    bot.wait_line("answering the updates kept before the last stop")
        .await;
    bot.signal(libc::SIGTERM);
    let (code, log) = bot.wait().await;
    assert_eq!(code, Some(0), "{}", log.join("\n"));

    let after = replies(&fake, chats.clone());
    let twice: BTreeSet<i64> = after
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(c, _)| *c)
        .collect();
    println!(
        "{CHATS} questions; {} answered before SIGKILL, {} kept in the inbox, {} of them in flight; \
         after the restart: {} unanswered, {} answered twice",
        answered_before.len(),
        kept.len(),
        in_flight.len(),
        after.values().filter(|&&n| n == 0).count(),
        twice.len()
    );
    assert!(after.values().all(|&n| (1..=2).contains(&n)), "{after:?}");
    assert!(
        twice.is_subset(&in_flight),
        "answered twice: {twice:?}; in flight at the kill: {in_flight:?}"
    );
    assert!(
        inbox(&database).is_empty(),
        "the inbox empties once all is answered"
    );
}

fn webhook_update(chat: i64, update_id: i64, text: &str) -> String {
    let mut update = fake::text_message(fake::private_chat(chat), chat, 1, text);
    update["update_id"] = json!(update_id);
    update.to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn webhook_updates_need_the_secret_and_are_answered_once() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("bot.db");
    let env = [
        ("FAQBOT_DATABASE__PATH", database.display().to_string()),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
        ("FAQBOT_TELEGRAM__MODE", "webhook".to_string()),
        (
            "FAQBOT_TELEGRAM__WEBHOOK_URL",
            "https://127.0.0.1:8443/telegram/hook".to_string(),
        ),
        ("FAQBOT_TELEGRAM__WEBHOOK_LISTEN", "127.0.0.1:0".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    let address = bot.address("webhook listening").await;
    let registered = fake.wait_calls("SetWebhook", 1).await;
    let registered = &registered[0];
    assert_eq!(registered["url"], "https://127.0.0.1:8443/telegram/hook");
    assert_eq!(registered["drop_pending_updates"], false);
    let secret = registered["secret_token"]
        .as_str()
        .expect("a secret token")
        .to_string();
    assert!(secret.len() >= 32, "{secret}");

    let post = |update: String, secret: Option<&str>| {
        let address = address.clone();
        let secret = secret.map(str::to_string);
        async move {
            let headers: Vec<(&str, &str)> = secret
                .as_deref()
                .map(|s| vec![("X-Telegram-Bot-Api-Secret-Token", s)])
                .unwrap_or_default();
            http(&address, "POST", "/telegram/hook", &headers, &update)
                .await
                .status
        }
    };
    // Refused: no secret, a wrong one, one character short.
    let wrong = "WrongSecret_0123456789";
    assert_eq!(post(webhook_update(601, 1, "what is crs"), None).await, 401);
    assert_eq!(
        post(webhook_update(602, 2, "what is crs"), Some(wrong)).await,
        401
    );
    assert_eq!(
        post(webhook_update(603, 3, "what is crs"), Some(&secret[1..])).await,
        401
    );
    // Accepted, then the same update again as Telegram redelivers it, then another chat.
    assert_eq!(
        post(webhook_update(604, 10, "what is crs"), Some(&secret)).await,
        200
    );
    assert_eq!(
        post(webhook_update(604, 10, "what is crs"), Some(&secret)).await,
        200
    );
    assert_eq!(
        post(
            webhook_update(605, 11, "what is neurotoxicity"),
            Some(&secret)
        )
        .await,
        200
    );
    // Each update is answered in its own chat in the order kept: once 605 is answered, 604's redelivery
    // has been skipped or answered.
    fake.wait_sent(605, 1).await;
    fake.wait_sent(604, 1).await;
    // Not found: a path other than the URL's.
    assert_eq!(
        http(
            &address,
            "POST",
            "/other",
            &[],
            &webhook_update(606, 12, "hi")
        )
        .await
        .status,
        404
    );
    bot.signal(libc::SIGTERM);
    let (code, log) = bot.wait().await;
    let log = log.join("\n");
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(
        fake.sent_to(604).len(),
        1,
        "a redelivered update is answered once"
    );
    for chat in [601, 602, 603, 606] {
        assert!(fake.sent_to(chat).is_empty(), "chat {chat} was answered");
    }
    assert_eq!(log.matches("webhook request refused").count(), 3, "{log}");
    for secret in [secret.as_str(), wrong, &secret[1..]] {
        assert!(!log.contains(secret), "the log holds a secret:\n{log}");
    }
    assert!(
        fake.calls("GetUpdates").is_empty(),
        "webhook mode does not poll"
    );

    // Back to polling: the webhook is deleted so that getUpdates works.
    let env = [
        ("FAQBOT_DATABASE__PATH", database.display().to_string()),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    fake.wait_calls("DeleteWebhook", 1).await;
    fake.wait_calls("GetUpdates", 1).await;
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait().await.0, Some(0));
}

/// A SIGTERM while Telegram is slow to answer at start-up stops the bot. The stop request used to be
/// retried for 5 s only while the dispatcher was still starting, then dropped; and teloxide's dispatcher
/// can miss a shutdown requested just as it starts (its notification wakes only waiters already there), so
/// the listener is now stopped directly too. Both made CI hang with the process running on.
#[tokio::test(flavor = "multi_thread")]
async fn a_sigterm_during_a_slow_start_still_stops_the_bot() {
    let fake = FakeTelegram::start().await;
    fake.slow_get_me(Duration::from_secs(6));
    let dir = tempfile::tempdir().unwrap();
    let env = [
        (
            "FAQBOT_DATABASE__PATH",
            dir.path().join("bot.db").display().to_string(),
        ),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    // Polling starts at once; the dispatcher is still waiting for getMe.
    fake.wait_calls("GetUpdates", 1).await;
    bot.signal(libc::SIGTERM);
    let stopped = tokio::time::timeout(Duration::from_secs(60), bot.wait()).await;
    let (code, log) = stopped.expect("the bot did not stop within 60 s of SIGTERM");
    assert_eq!(code, Some(0), "{}", log.join("\n"));
}

/// The sum of a Prometheus counter over its label sets.
fn counter(scrape: &prometheus_parse::Scrape, name: &str) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

async fn scrape(address: &str) -> prometheus_parse::Scrape {
    let response = http(address, "GET", "/metrics", &[], "").await;
    assert_eq!(response.status, 200);
    let lines = response.body.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text");
    for sample in &scrape.samples {
        for (label, value) in sample.labels.iter() {
            assert!(
                ["outcome", "chat", "kind", "source", "ok", "le"].contains(&label.as_str()),
                "label {label}={value} on {}",
                sample.metric
            );
        }
    }
    scrape
}

/// Scrapes until `done` holds. The deadline only keeps a broken test from hanging; nothing is measured.
async fn scrape_until(
    address: &str,
    done: impl Fn(&prometheus_parse::Scrape) -> bool,
) -> prometheus_parse::Scrape {
    for _ in 0..600 {
        let scrape = scrape(address).await;
        if done(&scrape) {
            return scrape;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the metrics never reached the expected state");
}

#[tokio::test(flavor = "multi_thread")]
async fn health_metrics_and_json_logs() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let faq = dir.path().join("faq");
    std::fs::create_dir(&faq).unwrap();
    std::fs::copy(
        "faq/car-t-cell-therapy.txt",
        faq.join("car-t-cell-therapy.txt"),
    )
    .unwrap();
    let admin = 77_001;
    let env = [
        (
            "FAQBOT_DATABASE__PATH",
            dir.path().join("bot.db").display().to_string(),
        ),
        ("FAQBOT_SERVICE__ADDRESS", "127.0.0.1:0".to_string()),
        // Two ids: one alone is read as a number, not a list (a config quirk reported separately).
        ("FAQBOT_TELEGRAM__ADMINS", format!("{admin},77002")),
        ("FAQBOT_LOG__FORMAT", "json".to_string()),
    ];
    let faq_arg = faq.display().to_string();
    // `serve` turns the health check on by default.
    let bot = process::spawn(&["serve", "--faq", &faq_arg], &fake.url, &env);
    let address = bot.address("health check and metrics listening").await;
    fake.wait_until("the first getUpdates", |r| {
        r.iter().any(|r| r.method == "GetUpdates")
    })
    .await;

    let health = http(&address, "GET", "/healthz", &[], "").await;
    assert_eq!(health.status, 200, "{}", health.body);
    let before = scrape(&address).await;
    assert_eq!(counter(&before, "faqbot_questions_total"), 0.0);
    assert!(counter(&before, "faqbot_faq_entries") > 0.0);

    let question = "my daughter Rosalind has a high fever and confusion";
    // One 429, which Throttle waits out and retries: counted all the same.
    fake.fail_next_sends(1);
    fake.say(940_000_701, 1, question);
    fake.say(702, 1, "what is cytokine release syndrome");
    fake.wait_sent(940_000_701, 1).await;
    fake.wait_sent(702, 1).await;
    // A reply reaches the fake before its handler has finished; the latency is observed then.
    let after = scrape_until(&address, |s| {
        counter(s, "faqbot_answer_seconds_count") == 2.0
    })
    .await;
    assert_eq!(counter(&after, "faqbot_questions_total"), 2.0);
    assert_eq!(counter(&after, "faqbot_urgent_notices_total"), 1.0);
    assert_eq!(counter(&after, "faqbot_answer_seconds_count"), 2.0);
    assert_eq!(counter(&after, "faqbot_updates_total"), 2.0);
    assert_eq!(counter(&after, "faqbot_telegram_errors_total"), 1.0);
    assert_eq!(counter(&after, "faqbot_inbox_fallbacks_total"), 0.0);

    // The FAQ's folder goes away; the reload fails, the old FAQ keeps answering, the check says why.
    std::fs::rename(&faq, dir.path().join("moved")).unwrap();
    fake.push(fake::text_message(
        fake::private_chat(admin),
        admin,
        2,
        "/reload",
    ));
    fake.wait_sent(admin, 1).await;
    let health = http(&address, "GET", "/healthz", &[], "").await;
    assert_eq!(health.status, 503, "{}", health.body);
    assert!(health.body.contains("reload failed"), "{}", health.body);
    assert!(health.body.contains(&faq_arg), "{}", health.body);
    let reloads = scrape(&address).await;
    assert_eq!(counter(&reloads, "faqbot_reloads_total"), 1.0);

    bot.signal(libc::SIGTERM);
    let (code, log) = bot.wait().await;
    assert_eq!(code, Some(0), "{}", log.join("\n"));
    let mut outcomes = Vec::new();
    for line in &log {
        let event: Value =
            serde_json::from_str(line).unwrap_or_else(|err| panic!("not JSON ({err}): {line}"));
        assert!(
            event["level"].is_string() && event["timestamp"].is_string(),
            "{line}"
        );
        if let Some(outcome) = event["outcome"].as_str() {
            outcomes.push(outcome.to_string());
        }
        for secret in [
            question,
            "Rosalind",
            "940000701",
            "cytokine release",
            fake::TOKEN,
            "Patient",
        ] {
            assert!(!line.contains(secret), "the log holds {secret:?}: {line}");
        }
    }
    assert_eq!(outcomes.len(), 2, "{log:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_that_cannot_be_written_falls_back_with_a_counted_warning() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let env = [
        // A folder that does not exist: nothing can be created there.
        (
            "FAQBOT_DATABASE__PATH",
            dir.path().join("missing/bot.db").display().to_string(),
        ),
        ("FAQBOT_SERVICE__ADDRESS", "127.0.0.1:0".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    let address = bot.address("health check and metrics listening").await;
    fake.say(801, 1, "what is cytokine release syndrome");
    fake.wait_sent(801, 1).await;
    bot.wait_line("the inbox cannot be written").await;
    let metrics = scrape(&address).await;
    assert_eq!(counter(&metrics, "faqbot_inbox_fallbacks_total"), 1.0);
    assert!(counter(&metrics, "faqbot_database_failures_total") >= 1.0);
    bot.signal(libc::SIGTERM);
    let (code, log) = bot.wait().await;
    assert_eq!(code, Some(0), "{}", log.join("\n"));
}
