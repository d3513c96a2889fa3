//! Private chats: the command menu, answers, "did you mean", declines, small talk, commands, edits and
//! HTML that is escaped and split.

use super::*;

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
