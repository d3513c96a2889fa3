//! `faqbot serve` as a process: starting, refusing to start, logging, and stopping on SIGTERM.

mod support;

use std::process::Stdio;

use support::fake_telegram::{FakeTelegram, TOKEN};
use tokio::io::AsyncReadExt;
use tokio::process::{Child, Command};

fn faqbot(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_faqbot"));
    command
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env_remove("FAQBOT_TELEGRAM__TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

async fn output_of(mut child: Child) -> (Option<i32>, String) {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await
        .unwrap();
    let status = child.wait().await.unwrap();
    (status.code(), stderr)
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_stops_the_bot_cleanly_and_the_log_keeps_secrets() {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let child = faqbot(&[])
        .env("FAQBOT_DATABASE__PATH", dir.path().join("bot.db"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &fake.url)
        .env("FAQBOT_LOG__LEVEL", "info")
        .spawn()
        .unwrap();
    fake.wait_until("the first getUpdates", |r| {
        r.iter().any(|r| r.method == "GetUpdates")
    })
    .await;
    let question = "my husband Johnathan has side effects";
    fake.say(987_654_321, 1, question);
    fake.wait_sent(987_654_321, 1).await;

    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let (code, log) = output_of(child).await;
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
    let (code, stderr) = output_of(faqbot(&["serve"]).spawn().unwrap()).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("TELOXIDE_TOKEN"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_faq_stops_the_start_before_connecting() {
    let fake = FakeTelegram::start().await;
    let child = faqbot(&["serve", "--faq", "/nonexistent/faq"])
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &fake.url)
        .spawn()
        .unwrap();
    let (code, stderr) = output_of(child).await;
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
    let child = faqbot(&["serve"])
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &url)
        .spawn()
        .unwrap();
    let (code, stderr) = output_of(child).await;
    assert_eq!(code, Some(2));
    assert!(stderr.contains("rejected the bot token"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}
