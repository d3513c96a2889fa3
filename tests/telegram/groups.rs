//! Groups and channels: only commands, mentions and replies to the bot are answered, unless a group wants
//! every message answered.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn groups_answer_commands_mentions_and_replies_only() {
    let bot = start().await;
    let group = fake::group_chat(-500, "supergroup");
    bot.fake.push(fake::text_message(
        group.clone(),
        20,
        1,
        "what are the side effects",
    ));
    bot.fake.push(fake::text_message(
        group.clone(),
        21,
        2,
        &format!("/ask@{USERNAME} myeloma"),
    ));
    bot.fake.push(fake::text_message(
        group.clone(),
        22,
        3,
        &format!("@{} what is crs", USERNAME.to_uppercase()),
    ));
    let mut reply = fake::text_message(group.clone(), 23, 4, "and for kids?");
    reply["message"]["reply_to_message"] = json!({"message_id": 900, "date": 0, "chat": group.clone(),
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME}, "text": "an answer"});
    bot.fake.push(reply);
    bot.fake.push(fake::text_message(
        group.clone(),
        24,
        5,
        "/ask@someotherbot myeloma",
    ));
    bot.fake
        .push(fake::text_message(group, 25, 6, "/ask thank you"));
    let sent = bot.fake.wait_sent(-500, 4).await;
    assert_eq!(
        sent.len(),
        4,
        "chatter and another bot's command get no answer"
    );
    let quoted: Vec<i64> = sent
        .iter()
        .map(|m| m["reply_parameters"]["message_id"].as_i64().unwrap())
        .collect();
    assert_eq!(quoted, [2, 3, 4, 6]);
    assert!(text(&sent[0]).contains("Case Study 3"));
    assert!(text(&sent[1]).contains("Challenges and Ongoing Research"));
    assert!(text(&sent[2]).contains("Case Study 2"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mention_beside_text_that_changes_length_when_lowercased_is_answered() {
    // İ grows by one byte when lowercased and the OHM SIGN shrinks by one: finding the mention in a
    // lowercased copy and cutting the original there panicked the handler.
    let bot = start().await;
    let group = fake::group_chat(-550, "supergroup");
    let odd = format!("\u{130} @{USERNAME}\u{439} \u{2126}");
    let mut reply = fake::text_message(group.clone(), 26, 1, &odd);
    reply["message"]["reply_to_message"] = json!({"message_id": 901, "date": 0, "chat": group.clone(),
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "FAQ Bot", "username": USERNAME}, "text": "an answer"});
    bot.fake.push(reply);
    bot.fake.push(fake::text_message(
        group,
        26,
        2,
        &format!("\u{2126}\u{130} @{USERNAME} what is crs"),
    ));
    let sent = bot.fake.wait_sent(-550, 2).await;
    assert_eq!(sent[0]["reply_parameters"]["message_id"], 1);
    assert!(text(&sent[1]).contains("Challenges and Ongoing Research"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn groups_that_want_it_get_every_message_answered() {
    let bot = start_with(|s| s.telegram.answer_all_group_messages = true).await;
    bot.fake.push(fake::text_message(
        fake::group_chat(-600, "group"),
        30,
        1,
        "what are the side effects",
    ));
    let sent = bot.fake.wait_sent(-600, 1).await;
    assert!(text(&sent[0]).contains("Challenges"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn channel_posts_with_ask_or_mention_are_answered_in_the_channel() {
    let bot = start().await;
    let channel = json!({"id": -1_000_700, "type": "channel", "title": "News"});
    let post = |id: i64, text: &str| {
        json!({"channel_post": {"message_id": id, "date": 0, "chat": channel.clone(), "text": text,
        "entities": fake::entities(text)}})
    };
    bot.fake.push(post(1, "Our meeting is on Friday"));
    bot.fake.push(post(2, "/ask what is crs"));
    bot.fake.push(post(3, &format!("@{USERNAME} myeloma")));
    let sent = bot.fake.wait_sent(-1_000_700, 2).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0]["reply_parameters"]["message_id"], 2);
    assert!(text(&sent[1]).contains("Case Study 3"));
    bot.stop().await;
}
