//! Webhook mode: updates posted to the bot need the secret and are answered once.

use super::*;

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
