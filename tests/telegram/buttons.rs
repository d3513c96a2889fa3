//! Buttons and inline mode: topic pages, entries opened by button (and buttons whose entry is gone), and
//! entries offered to `@bot question`.

use super::*;

/// A button press on a message the bot sent to `chat`.
fn callback_update(from: i64, chat: i64, data: &str) -> Value {
    json!({"callback_query": {
        "id": format!("cb-{data}"),
        "from": fake::user(from),
        "chat_instance": "ci",
        "data": data,
        "message": {"message_id": 77, "date": 0, "chat": fake::private_chat(chat), "text": "old"}
    }})
}

#[tokio::test(flavor = "multi_thread")]
async fn buttons_open_entries_and_pages_and_every_callback_is_answered() {
    let bot = start_with(|s| {
        s.faq.paths = vec![
            PathBuf::from("faq"),
            PathBuf::from("tests/fixtures/aftercare"),
        ]
    })
    .await;
    bot.fake
        .push(fake::text_message(fake::private_chat(13), 13, 1, "/topics"));
    let sent = bot.fake.wait_sent(13, 1).await;
    let topics = buttons(&sent[0]);
    let (title, data) = topics[1].clone();
    assert_eq!(topics.last().unwrap().0, "Next ▶");

    bot.fake.push(callback_update(13, 13, &data));
    let sent = bot.fake.wait_sent(13, 2).await;
    assert!(
        text(&sent[1]).starts_with(&format!("<b>{title}</b>")),
        "{}",
        text(&sent[1])
    );

    bot.fake.push(callback_update(13, 13, "t:1"));
    let edits = bot.fake.wait_calls("EditMessageText", 1).await;
    assert_eq!(edits[0]["message_id"], 77);
    assert!(buttons(&edits[0]).iter().any(|(t, _)| t == "◀ Previous"));

    let gone = Action::Entry(id_hash(&EntryId::new("no/such-entry"))).encode();
    bot.fake.push(callback_update(13, 13, &gone));
    bot.fake.push(callback_update(13, 13, "garbage"));
    let answers = bot.fake.wait_calls("AnswerCallbackQuery", 4).await;
    assert!(
        answers[2]["text"]
            .as_str()
            .unwrap()
            .contains("no longer in the FAQ")
    );
    assert!(
        answers[3]["text"]
            .as_str()
            .unwrap()
            .contains("older version")
    );
    let sent = bot.fake.wait_sent(13, 3).await;
    assert!(
        text(&sent[2]).contains("Topics"),
        "a gone entry shows the topics instead"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_mode_offers_entries_and_topics() {
    let bot = start().await;
    let inline = |id: &str, query: &str| json!({"inline_query": {"id": id, "from": fake::user(15), "query": query, "offset": ""}});
    bot.fake.push(inline("q1", "side effects"));
    bot.fake.push(inline("q2", ""));
    bot.fake.push(inline("q3", "hello"));
    let answers = bot.fake.wait_calls("AnswerInlineQuery", 3).await;
    let by_id = |id: &str| {
        answers
            .iter()
            .find(|a| a["inline_query_id"] == id)
            .unwrap()
            .clone()
    };
    let answers = [by_id("q1"), by_id("q2"), by_id("q3")];
    let results = answers[0]["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 5);
    assert_eq!(results[0]["title"], "Challenges and Ongoing Research");
    assert_eq!(results[0]["input_message_content"]["parse_mode"], "HTML");
    assert!(
        results[0]["input_message_content"]["message_text"]
            .as_str()
            .unwrap()
            .starts_with("<b>Challenges")
    );
    assert_eq!(answers[1]["results"].as_array().unwrap().len(), 8);
    assert!(answers[2]["results"].as_array().unwrap().is_empty());
    bot.stop().await;
}
