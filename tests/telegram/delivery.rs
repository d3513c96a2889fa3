//! Delivery under stress: rate limits, dropped connections, updates from the future, odd input, many chats
//! at once, and a clean stop.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_429_is_waited_out_and_the_message_delivered_once() {
    let bot = start().await;
    bot.fake.fail_next_sends(1);
    bot.fake
        .push(fake::text_message(fake::private_chat(17), 17, 1, "myeloma"));
    bot.fake.say(17, 2, "what is crs");
    let sent = bot.fake.wait_sent(17, 2).await;
    let failed = bot
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "SendMessage" && !r.ok)
        .count();
    assert_eq!(failed, 1);
    assert!(
        text(&sent[0]).contains("Case Study 3"),
        "first message kept its place"
    );
    assert!(text(&sent[1]).contains("Challenges"));
    let fake = bot.stop().await;
    assert_eq!(fake.sent_to(17).len(), 2, "nothing sent twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_connection_during_get_updates_is_survived() {
    let bot = start().await;
    bot.fake.drop_next_polls(1);
    // The poll in flight now returns; the next one is dropped, the one after that delivers.
    bot.fake
        .push(fake::text_message(fake::private_chat(18), 18, 1, "myeloma"));
    bot.fake.say(18, 2, "what is crs");
    let sent = bot.fake.wait_sent(18, 2).await;
    assert!(text(&sent[1]).contains("Challenges"));
    bot.fake
        .wait_until("a dropped poll", |r| {
            r.iter().any(|r| r.method == "GetUpdates" && !r.ok)
        })
        .await;
    bot.fake
        .push(fake::text_message(fake::private_chat(18), 18, 3, "future"));
    let sent = bot.fake.wait_sent(18, 3).await;
    assert!(text(&sent[2]).contains("Future"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_fields_and_kinds_do_not_stop_the_bot() {
    let bot = start().await;
    bot.fake
        .push(json!({"brand_new_kind": {"whatever": [1, 2, 3]}}));
    let mut odd = fake::text_message(fake::private_chat(19), 19, 1, "myeloma");
    odd["message"]["field_from_the_future"] = json!({"x": true});
    odd["message"]["chat"]["also_new"] = json!(1);
    bot.fake.push(odd);
    bot.fake
        .push(json!({"message": {"message_id": 2, "chat": "not an object"}}));
    bot.fake.push(json!({"my_chat_member": {"chat": fake::group_chat(-9, "group"), "from": fake::user(19), "date": 0,
        "old_chat_member": {"user": fake::user(BOT_ID), "status": "left"},
        "new_chat_member": {"user": fake::user(BOT_ID), "status": "member"}}}));
    bot.fake.say(19, 3, "what is crs");
    let sent = bot.fake.wait_sent(19, 2).await;
    assert!(text(&sent[0]).contains("Case Study 3"));
    assert!(text(&sent[1]).contains("Challenges"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn huge_emoji_right_to_left_and_zero_width_input_is_answered() {
    let bot = start().await;
    let inputs = [
        "side effects ".repeat(800),
        "🙂🙂🙂 myeloma 🧬💉".to_string(),
        "ما هي الآثار الجانبية CRS".to_string(),
        "\u{202E}myeloma\u{202C}".to_string(),
        "my\u{200B}eloma\u{200D}".to_string(),
        "\u{200B}\u{200B}".to_string(),
    ];
    for (i, input) in inputs.iter().enumerate() {
        bot.fake.say(40 + i as i64, 1, input);
    }
    for i in 0..inputs.len() as i64 {
        let sent = bot.fake.wait_sent(40 + i, 1).await;
        assert!(sent.iter().all(|m| text(m).encode_utf16().count() <= 4096));
    }
    assert!(text(&bot.fake.sent_to(43)[0]).contains("Case Study 3"));
    assert!(text(&bot.fake.sent_to(44)[0]).contains("Case Study 3"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_updates_from_fifty_chats_each_answered_once_in_order() {
    let bot = start().await;
    let questions = [
        ("myeloma", "Case Study 3"),
        ("what is crs", "Challenges"),
        ("future", "Future"),
        ("emily", "Case Study 1"),
    ];
    for round in 0..4 {
        for chat in 0..50 {
            let (question, _) = questions[(round + chat) % 4];
            bot.fake.say(1000 + chat as i64, round as i64 + 1, question);
        }
    }
    bot.fake
        .wait_until("200 answers", |_| {
            bot.fake.calls("SendMessage").len() >= 200
        })
        .await;
    let fake = bot.stop().await;
    assert_eq!(
        fake.calls("SendMessage").len(),
        200,
        "each answered exactly once"
    );
    for chat in 0..50 {
        let sent = fake.sent_to(1000 + chat as i64);
        assert_eq!(sent.len(), 4);
        for (round, message) in sent.iter().enumerate() {
            let (_, expected) = questions[(round + chat) % 4];
            assert!(
                text(message).contains(expected),
                "chat {chat} message {round} out of order"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn stopping_finishes_work_and_confirms_the_offset() {
    let bot = start().await;
    let id = bot
        .fake
        .push(fake::text_message(fake::private_chat(50), 50, 1, "myeloma"));
    bot.fake.wait_sent(50, 1).await;
    let fake = bot.stop().await;
    let last = fake
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "GetUpdates")
        .unwrap();
    assert_eq!(last.body["timeout"], 0, "the last poll only confirms");
    assert_eq!(last.body["offset"], id + 1);
}
