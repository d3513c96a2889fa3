//! What a monitor reads: `/healthz`, the Prometheus metrics and the JSON logs, and a database that cannot be
//! written, counted and logged while the bot keeps answering.

use super::*;

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
