//! Hot reload: files edited on disk, a broken edit, SIGHUP, and answers that keep coming during reloads.

use super::*;
use crate::terminal::configured;

/// Asks `question` until the reply satisfies `done`: the watcher reloads in the background, so the test
/// polls; the deadline only keeps a broken test from hanging.
async fn ask_until(
    c: &Curating,
    question: &str,
    first_id: i64,
    done: impl Fn(&str) -> bool,
) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut id = first_id;
    loop {
        let reply = ask(c, PATIENT, id, question).await;
        if done(&reply) {
            return reply;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never reloaded; last reply: {reply}"
        );
        id += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_edited_on_disk_is_reloaded_and_a_broken_one_keeps_the_old_faq() {
    let c = start().await;
    assert!(declined(
        &ask(&c, PATIENT, 1, "where do I park my car").await
    ));
    // An admin adds a document by hand.
    std::fs::write(
        c.faq.join("parking.md"),
        "# Parking\n\n## Where do I park my car?\n\nThe hospital garage on level 2 is free for patients.\n",
    )
    .unwrap();
    let reply = ask_until(&c, "where do I park my car", 2, |r| !declined(r)).await;
    assert!(reply.contains("garage on level 2"), "{reply}");

    // A broken edit: the admins are told, with the file and line, and the FAQ keeps answering.
    let questions = c.faq.join("questions.toml");
    let mut broken = c.questions();
    broken.push_str("\n[[alternates]]\nentry = \"nothing\"\nquestions = [\"unclosed\"\n");
    std::fs::write(&questions, broken).unwrap();
    for admin in [ADMIN, ADMIN2] {
        let sent = c.bot.fake.wait_sent(admin, 1).await;
        let told = text(&sent[0]);
        assert!(told.contains("did not reload"), "{told}");
        assert!(told.contains("questions.toml:"), "{told}");
    }
    let reply = ask(&c, PATIENT, 100, "where do I park my car").await;
    assert!(reply.contains("garage on level 2"), "{reply}");
    let reply = ask(&c, PATIENT, 101, "wat r the side efects").await;
    assert!(
        reply.starts_with("<b>Challenges and Ongoing Research</b>"),
        "{reply}"
    );
    c.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sighup_reloads_the_served_faq() {
    use support::fake_telegram::{FakeTelegram, TOKEN};
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path());
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["--config", config.to_str().unwrap()])
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &fake.url)
        // Only the signal can reload it.
        .env("FAQBOT_CURATION__WATCH", "false")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    fake.say(PATIENT, 1, "where do I park my car");
    let sent = fake.wait_sent(PATIENT, 1).await;
    assert!(declined(text(&sent[0])), "{}", text(&sent[0]));
    std::fs::write(
        dir.path().join("faq/parking.md"),
        "# Parking\n\n## Where do I park my car?\n\nThe hospital garage on level 2 is free for patients.\n",
    )
    .unwrap();
    let pid = child.id().unwrap().to_string();
    let sent_hup = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap();
    assert!(sent_hup.success());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    for id in 2.. {
        fake.say(PATIENT, id, "where do I park my car");
        let sent = fake.wait_sent(PATIENT, id as usize).await;
        if text(&sent[id as usize - 1]).contains("garage on level 2") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "SIGHUP did not reload"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "SIGHUP must not stop the bot"
    );
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(child.wait().await.unwrap().success());
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_keep_coming_while_the_faq_reloads_again_and_again() {
    let c = start().await;
    let questions = c.faq.join("questions.toml");
    let original = c.questions();
    // Fifty questions from fifty chats, five at a time between saves of the file, each save a reload (the
    // pause is longer than the debounce).
    for round in 0..10 {
        for chat in round * 5..round * 5 + 5 {
            c.bot.fake.say(5_000 + chat, 1, "wat r the side efects");
        }
        std::fs::write(&questions, format!("{original}\n# saved {round}\n")).unwrap();
        tokio::time::sleep(Duration::from_millis(80)).await;
    }
    for chat in 0..50 {
        let sent = c.bot.fake.wait_sent(5_000 + chat, 1).await;
        assert_eq!(sent.len(), 1, "one answer per question");
        assert!(
            text(&sent[0]).starts_with("<b>Challenges and Ongoing Research</b>"),
            "{}",
            text(&sent[0])
        );
    }
    c.bot.stop().await;
}
