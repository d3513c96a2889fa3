//! The real bot — teloxide's dispatcher, our handler tree and engine — against a fake Bot API on 127.0.0.1.

mod support;

use std::path::PathBuf;

use faqbot::bot::callback::{Action, id_hash};
use faqbot::config::Settings;
use faqbot::faq::EntryId;
use serde_json::{Value, json};
use support::bot::{start, start_with};
use support::fake_telegram::{self as fake, BOT_ID, USERNAME, buttons, text};

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
async fn registers_commands_and_answers_a_private_question() {
    let bot = start().await;
    let commands = bot.fake.wait_calls("SetMyCommands", 1).await;
    let names: Vec<&str> = commands[0]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "start", "help", "topics", "ask", "about", "privacy", "forget"
        ],
        "admin commands stay hidden"
    );

    bot.fake.say(10, 1, "wat r the side efects");
    let sent = bot.fake.wait_sent(10, 1).await;
    assert_eq!(sent[0]["parse_mode"], "HTML");
    assert!(
        text(&sent[0]).starts_with("<b>Challenges and Ongoing Research</b>"),
        "{}",
        text(&sent[0])
    );
    assert!(text(&sent[0]).contains("cytokine release syndrome (CRS)"));
    assert!(
        text(&sent[0])
            .contains("<i>Source: Car T Cell Therapy (car-t-cell-therapy.txt, line 12)</i>")
    );
    assert!(text(&sent[0]).contains("not medical advice"));
    assert!(
        sent[0].get("reply_parameters").is_none(),
        "private answers do not quote"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unsure_declined_chitchat_and_non_text_replies() {
    let bot = start().await;
    bot.fake.say(11, 1, "leukemia and lymphoma");
    bot.fake.say(11, 2, "how do i fix my bike");
    bot.fake
        .push(fake::text_message(fake::private_chat(11), 11, 3, "thanks!"));
    let sticker = json!({"message": {"message_id": 4, "date": 0, "chat": fake::private_chat(11), "from": fake::user(11),
        "sticker": {"file_id": "f", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512,
                    "is_animated": false, "is_video": false}}});
    bot.fake.push(sticker);
    let sent = bot.fake.wait_sent(11, 4).await;

    assert!(
        text(&sent[0]).contains("Did you mean"),
        "{}",
        text(&sent[0])
    );
    let suggested = buttons(&sent[0]);
    assert_eq!(suggested.len(), 2);
    assert!(
        suggested
            .iter()
            .all(|(title, _)| title.starts_with("Case Study"))
    );
    assert!(suggested.iter().all(|(_, data)| data.len() <= 64));

    assert!(
        text(&sent[1]).starts_with("Sorry, I could not find that"),
        "{}",
        text(&sent[1])
    );
    assert_eq!(
        buttons(&sent[1]),
        [("📚 Topics".to_string(), "t:0".to_string())]
    );

    assert_eq!(text(&sent[2]), Settings::default().texts.thanks);
    assert!(sent[2].get("reply_markup").is_none());

    assert_eq!(text(&sent[3]), Settings::default().texts.non_text);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_start_help_topics_about_and_ask() {
    let bot = start().await;
    for (i, command) in [
        "/start",
        "/help",
        "/topics",
        "/about",
        "/ask",
        "/ask myeloma",
        "/nonsense",
    ]
    .iter()
    .enumerate()
    {
        bot.fake.say(12, i as i64 + 1, command);
    }
    let sent = bot.fake.wait_sent(12, 7).await;
    assert!(text(&sent[0]).contains("I answer questions about CAR T-cell therapy"));
    assert!(text(&sent[0]).contains("not medical advice"));
    let welcome_topics = buttons(&sent[0]);
    assert_eq!(
        welcome_topics[0].0, "Car T Cell Therapy",
        "the welcome offers the topics"
    );
    assert!(matches!(
        Action::decode(&welcome_topics[0].1),
        Some(Action::Entry(_))
    ));
    assert!(text(&sent[1]).contains("/ask"), "{}", text(&sent[1]));
    assert!(
        text(&sent[1]).contains("Everything I can answer"),
        "{}",
        text(&sent[1])
    );
    let topics = buttons(&sent[2]);
    assert_eq!(topics.len(), 8, "{topics:?}");
    assert!(
        topics
            .iter()
            .all(|(_, data)| Action::decode(data).is_some())
    );
    assert!(text(&sent[3]).contains("car-t-cell-therapy.txt"));
    assert!(text(&sent[3]).contains(env!("CARGO_PKG_VERSION")));
    assert!(text(&sent[4]).contains("Type your question after /ask"));
    assert!(
        text(&sent[5]).contains("<b>Case Study 3: Long-Term Remission"),
        "{}",
        text(&sent[5])
    );
    assert!(text(&sent[6]).contains("I do not know that command"));
    bot.stop().await;
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

#[tokio::test(flavor = "multi_thread")]
async fn edited_message_is_answered_with_the_new_text() {
    let bot = start().await;
    let edited = json!({"edited_message": {"message_id": 1, "date": 0, "edit_date": 1, "chat": fake::private_chat(14),
        "from": fake::user(14), "text": "myeloma"}});
    bot.fake.push(edited);
    let sent = bot.fake.wait_sent(14, 1).await;
    assert!(text(&sent[0]).contains("Case Study 3"));
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

#[tokio::test(flavor = "multi_thread")]
async fn html_is_escaped_and_long_answers_are_split_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let long: Vec<String> = (0..60)
        .map(|i| format!("Paragraph {i} about infusion day: {}.", "words ".repeat(20)))
        .collect();
    std::fs::write(
        dir.path().join("guide.md"),
        format!(
            "# Symbols\n\nDoses <5 mg & \"more\" > none.\n\n# Infusion Day\n\n{}\n",
            long.join("\n\n")
        ),
    )
    .unwrap();
    let path = dir.path().to_path_buf();
    let bot = start_with(move |s| s.faq.paths = vec![path]).await;
    bot.fake.say(16, 1, "<symbols> & \"doses\"");
    bot.fake.say(16, 2, "infusion day");
    let sent = bot.fake.wait_until("the split answer", |_| {
        bot.fake
            .sent_to(16)
            .iter()
            .any(|m| text(m).contains("Paragraph 59"))
    });
    sent.await;
    let sent = bot.fake.sent_to(16);
    assert!(
        text(&sent[0]).contains("Doses &lt;5 mg &amp; \"more\" &gt; none."),
        "{}",
        text(&sent[0])
    );
    let parts = &sent[1..];
    assert!(parts.len() >= 2, "{} parts", parts.len());
    assert!(parts.iter().all(|m| text(m).encode_utf16().count() <= 4096));
    let joined: String = parts.iter().map(text).collect::<Vec<_>>().join("\n\n");
    let positions: Vec<usize> = (0..60)
        .map(|i| joined.find(&format!("Paragraph {i} ")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "parts out of order"
    );
    assert!(
        parts[..parts.len() - 1]
            .iter()
            .all(|m| m.get("reply_markup").is_none())
    );
    bot.stop().await;
}

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
