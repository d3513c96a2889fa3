//! `faqbot serve` as a process: starting, refusing to start, logging, and stopping on SIGTERM.

mod support;

use support::fake_telegram::{FakeTelegram, TOKEN};
use support::process::{self, Faqbot};

/// Waits for the process to end: its exit code and its whole log as one text.
async fn output_of(bot: Faqbot) -> (Option<i32>, String) {
    let (code, log) = bot.wait().await;
    (code, log.join("\n"))
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_stops_the_bot_cleanly_and_the_log_keeps_secrets() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let env = [
        (
            "FAQBOT_DATABASE__PATH",
            dir.path().join("bot.db").display().to_string(),
        ),
        ("FAQBOT_LOG__LEVEL", "info".to_string()),
    ];
    let bot = process::spawn(&[], &fake.url, &env);
    fake.wait_until("the first getUpdates", |r| {
        r.iter().any(|r| r.method == "GetUpdates")
    })
    .await;
    let question = "my husband Johnathan has side effects";
    fake.say(987_654_321, 1, question);
    fake.wait_sent(987_654_321, 1).await;

    bot.signal(libc::SIGTERM);
    let (code, log) = output_of(bot).await;
    assert_eq!(code, Some(0), "{log}");

    let last_poll = fake
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "GetUpdates")
        .unwrap();
    assert_eq!(
        last_poll.body["timeout"], 0,
        "the offset was confirmed before exiting"
    );
    assert!(log.contains("outcome=\"answered\""), "{log}");
    assert!(log.contains("SIGTERM"), "{log}");
    for secret in [
        TOKEN,
        "TEST-token-secret",
        question,
        "Johnathan",
        "987654321",
        "Patient",
        "pat987654321",
    ] {
        assert!(!log.contains(secret), "the log holds {secret:?}:\n{log}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_without_a_token_says_how_to_set_one() {
    let (code, stderr) = output_of(process::spawn_without_token(&["serve"], &[])).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("TELOXIDE_TOKEN"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_faq_stops_the_start_before_connecting() {
    let fake = FakeTelegram::start().await;
    let bot = process::spawn(&["serve", "--faq", "/nonexistent/faq"], &fake.url, &[]);
    let (code, stderr) = output_of(bot).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/nonexistent/faq"), "{stderr}");
    assert!(fake.requests().is_empty(), "it connected with a broken FAQ");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_token_is_a_clear_error_without_the_token() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    // A Bot API that rejects every token, as Telegram does with 401 Unauthorized.
    let app = axum::Router::new().fallback(|| async {
        (
            axum::http::StatusCode::UNAUTHORIZED,
            axum::Json(
                serde_json::json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
            ),
        )
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (code, stderr) = output_of(process::spawn(&["serve"], &url, &[])).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("rejected the bot token"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}
