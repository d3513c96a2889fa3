//! Feedback, privacy and admin commands through the real bot and a real database file.

mod support;

use faqbot::bot::callback::Action;
use faqbot::store::Store;
use serde_json::{Value, json};
use support::bot::start_with;
use support::fake_telegram::{self as fake, text};

const ADMIN: i64 = 7;

fn callback_data(message: &Value, label: &str) -> String {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().iter())
        .find(|b| b["text"].as_str().unwrap().contains(label))
        .map(|b| b["callback_data"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {label} button in {message}"))
}

fn press(from: i64, chat: i64, message_id: i64, data: &str) -> Value {
    json!({"callback_query": {"id": format!("cb{message_id}{data}"), "from": fake::user(from), "chat_instance": "c",
        "data": data, "message": {"message_id": message_id, "date": 0, "chat": fake::private_chat(chat), "text": "x"}}})
}

#[tokio::test(flavor = "multi_thread")]
async fn votes_are_counted_and_a_thumbs_down_keeps_the_question() {
    let bot = start_with(|s| s.telegram.admins = vec![ADMIN]).await;
    bot.fake.say(61, 1, "what is crs");
    let sent = bot.fake.wait_sent(61, 1).await;
    let down = callback_data(&sent[0], "Not helpful");
    let up = callback_data(&sent[0], "Helpful");
    assert!(matches!(
        Action::decode(&down),
        Some(Action::Vote(false, _))
    ));
    // The fake numbers the messages it sends from 1000: this answer is the first.
    let answered_id = 1000;
    bot.fake.push(press(61, 61, answered_id, &down));
    bot.fake.push(press(62, 61, answered_id, &up));
    let answers = bot.fake.wait_calls("AnswerCallbackQuery", 2).await;
    assert_eq!(answers[0]["text"], "Thank you for your feedback!");

    bot.fake.say(ADMIN, 1, "/stats");
    let stats = bot.fake.wait_sent(ADMIN, 1).await;
    assert!(
        text(&stats[0]).contains("Questions: 1"),
        "{}",
        text(&stats[0])
    );
    assert!(
        text(&stats[0]).contains("👍 1 👎 1  car-t-cell-therapy/challenges-and-ongoing-research"),
        "{}",
        text(&stats[0])
    );

    // A second connection reads the bot's file while it runs (WAL).
    let store = Store::open(&bot.database, 30);
    let gaps = store.gaps(10).unwrap();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].text, "what is crs");
    assert_eq!(gaps[0].reasons, ["downvoted"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn declined_questions_become_gaps_grouped_for_admins() {
    let bot = start_with(|s| s.telegram.admins = vec![ADMIN]).await;
    for (i, q) in [
        "where can I park my car?",
        "where can i park my car",
        "book a flight to london",
    ]
    .iter()
    .enumerate()
    {
        bot.fake.say(63, i as i64 + 1, q);
    }
    bot.fake.wait_sent(63, 3).await;
    bot.fake.say(ADMIN, 1, "/gaps");
    let sent = bot.fake.wait_sent(ADMIN, 1).await;
    let gaps = text(&sent[0]);
    assert!(
        gaps.contains("2 × where can I park my car? [declined]"),
        "{gaps}"
    );
    assert!(gaps.contains("1 × book a flight to london"), "{gaps}");
    assert!(gaps.contains("closest:"), "{gaps}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_commands_are_refused_to_others() {
    let bot = start_with(|s| s.telegram.admins = vec![ADMIN]).await;
    for (i, command) in ["/stats", "/gaps", "/reload"].iter().enumerate() {
        bot.fake.say(64, i as i64 + 1, command);
    }
    let sent = bot.fake.wait_sent(64, 3).await;
    assert!(
        sent.iter()
            .all(|m| text(m) == "Sorry, this command is only for the bot's administrators.")
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reload_takes_new_documents_and_keeps_the_old_faq_when_broken() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# Parking\nPark in lot B.\n").unwrap();
    let path = dir.path().to_path_buf();
    let bot = start_with(move |s| {
        s.faq.paths = vec![path];
        s.telegram.admins = vec![ADMIN];
    })
    .await;
    std::fs::write(
        dir.path().join("b.md"),
        "# Meals\nThe canteen opens at noon.\n",
    )
    .unwrap();
    bot.fake.say(ADMIN, 1, "/reload");
    bot.fake.say(ADMIN, 2, "when does the canteen open");
    let sent = bot.fake.wait_sent(ADMIN, 2).await;
    std::fs::write(dir.path().join("broken.txt"), b"\xff\xfe not text").unwrap();
    assert!(
        text(&sent[0]).starts_with("Reloaded: 2 entries"),
        "{}",
        text(&sent[0])
    );
    assert!(
        text(&sent[1]).contains("<b>Meals</b>"),
        "{}",
        text(&sent[1])
    );

    bot.fake.say(ADMIN, 3, "/reload");
    bot.fake.say(ADMIN, 4, "where do I park");
    let sent = bot.fake.wait_sent(ADMIN, 4).await;
    assert!(
        text(&sent[2]).contains("did not reload"),
        "{}",
        text(&sent[2])
    );
    assert!(
        text(&sent[2]).contains("broken.txt:1"),
        "{}",
        text(&sent[2])
    );
    assert!(
        text(&sent[3]).contains("<b>Parking</b>"),
        "the old FAQ keeps answering"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn privacy_and_forget() {
    let bot = start_with(|s| s.database.keep_days = 14).await;
    bot.fake
        .push(fake::text_message(fake::private_chat(65), 65, 1, "myeloma"));
    let sent = bot.fake.wait_sent(65, 1).await;
    bot.fake
        .push(press(65, 65, 1000, &callback_data(&sent[0], "Helpful")));
    bot.fake.wait_calls("AnswerCallbackQuery", 1).await;
    bot.fake.say(65, 2, "/privacy");
    bot.fake
        .push(fake::text_message(fake::private_chat(65), 65, 3, "/forget"));
    bot.fake
        .push(fake::text_message(fake::private_chat(65), 65, 4, "/forget"));
    let sent = bot.fake.wait_sent(65, 4).await;
    assert!(text(&sent[1]).contains("for 14 days"), "{}", text(&sent[1]));
    assert!(
        text(&sent[2]).contains("deleted 1 record(s)"),
        "{}",
        text(&sent[2])
    );
    assert!(
        text(&sent[3]).contains("deleted 0 record(s)"),
        "{}",
        text(&sent[3])
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unusable_database_never_stops_the_answers() {
    let bot = start_with(|s| s.database.path = "/nonexistent/folder/faqbot.db".into()).await;
    bot.fake
        .push(fake::text_message(fake::private_chat(66), 66, 1, "myeloma"));
    bot.fake
        .push(fake::text_message(fake::private_chat(66), 66, 2, "/forget"));
    bot.fake.say(66, 3, "what is crs");
    let sent = bot.fake.wait_sent(66, 3).await;
    assert!(text(&sent[0]).contains("Case Study 3"));
    assert!(text(&sent[1]).contains("could not reach my database"));
    assert!(text(&sent[2]).contains("Challenges"));
    bot.stop().await;
}

/// Makes a named pipe: faqbot's read of it waits until the writing end, opened by [`when_read`], is dropped.
fn named_pipe(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// Waits until something opens `pipe` for reading, and returns the writing end; the reader then waits for
/// data until it is dropped (an empty synonym file).
fn when_read(pipe: &std::path::Path) -> std::fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        // Opening a pipe's writing end without blocking fails until a reader has it open.
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(pipe)
        {
            Ok(file) => return file,
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5))
            }
            Err(err) => panic!("nothing read {}: {err}", pipe.display()),
        }
    }
}

/// One thread for the whole runtime, so that a handler blocking it would stop every other chat; the synonym
/// file is a pipe, so the reload lasts until the test lets it finish.
#[tokio::test(flavor = "current_thread")]
async fn other_chats_are_answered_while_a_reload_runs() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("synonyms.toml");
    named_pipe(&pipe);
    let first_load = {
        let pipe = pipe.clone();
        std::thread::spawn(move || drop(when_read(&pipe)))
    };
    let synonyms = pipe.clone();
    let bot = start_with(move |s| {
        s.faq.synonyms = vec![synonyms];
        s.telegram.admins = vec![ADMIN];
    })
    .await;
    first_load.join().unwrap();

    let (reading_tx, reading) = tokio::sync::oneshot::channel();
    let (finish, finish_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let writer = when_read(&pipe);
        let _ = reading_tx.send(());
        // A reload blocking the runtime never lets the test say "finish": give up after a while so that
        // the test fails instead of hanging.
        let _ = finish_rx.recv_timeout(std::time::Duration::from_secs(10));
        drop(writer);
    });
    bot.fake.say(ADMIN, 1, "/reload");
    reading.await.unwrap();
    bot.fake.say(61, 1, "what is crs");
    let answer = bot.fake.wait_sent(61, 1).await;
    assert!(
        text(&answer[0]).contains("Challenges"),
        "{}",
        text(&answer[0])
    );
    assert!(
        bot.fake.sent_to(ADMIN).is_empty(),
        "the reload ended before another chat was answered: it held up the runtime"
    );
    finish.send(()).unwrap();
    let sent = bot.fake.wait_sent(ADMIN, 1).await;
    assert!(
        text(&sent[0]).starts_with("Reloaded:"),
        "{}",
        text(&sent[0])
    );
    holder.join().unwrap();
    bot.stop().await;
}
