//! Stopping without losing a question: SIGKILL with answers queued, and SIGTERM while Telegram is slow to
//! answer at start-up.

use super::*;

/// The chats in `chats` mapped to how many messages each received.
fn replies(fake: &FakeTelegram, chats: impl Iterator<Item = i64>) -> BTreeMap<i64, usize> {
    chats.map(|c| (c, fake.sent_to(c).len())).collect()
}

fn total_sent(fake: &FakeTelegram) -> usize {
    fake.calls("SendMessage").len()
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_with_answers_queued_loses_no_question_and_repeats_only_those_in_flight() {
    const CHATS: i64 = 150;
    const KILL_AFTER: usize = 55;
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("bot.db");
    // 150 people each ask one question before the bot starts: Throttle's 30 messages a second keeps most
    // answers queued while every update has been read.
    let first_chat = 5_000_000;
    let chats = first_chat..first_chat + CHATS;
    let update_of: BTreeMap<i64, i64> = chats
        .clone()
        .map(|chat| (fake.say(chat, 1, "what is cytokine release syndrome"), chat))
        .collect();
    let last_update = *update_of.keys().max().unwrap();
    let env = [
        ("FAQBOT_DATABASE__PATH", database.display().to_string()),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    fake.wait_until("replies before the kill", |_| {
        total_sent(&fake) >= KILL_AFTER
    })
    .await;
    bot.signal(libc::SIGKILL);
    let (code, _) = bot.wait().await;
    assert_eq!(code, None, "killed by a signal");

    let before = replies(&fake, chats.clone());
    let answered_before: BTreeSet<i64> = before
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, _)| *c)
        .collect();
    assert!(before.values().all(|&n| n <= 1), "{before:?}");
    // Telegram had been told every update arrived: only the inbox can bring the unanswered ones back.
    let confirmed = fake
        .calls("GetUpdates")
        .iter()
        .filter_map(|b| b["offset"].as_i64())
        .max()
        .unwrap_or(0);
    assert!(
        confirmed > last_update,
        "the offset was not confirmed before the kill"
    );
    let kept = inbox(&database);
    // In flight at the kill: the reply reached Telegram but the update had not yet left the inbox.
    let in_flight: BTreeSet<i64> = kept
        .iter()
        .map(|id| update_of[id])
        .filter(|chat| answered_before.contains(chat))
        .collect();
    assert_eq!(
        kept.len() + answered_before.len() - in_flight.len(),
        CHATS as usize,
        "every question is either answered or kept"
    );

    let bot = process::spawn(&["serve"], &fake.url, &env);
    fake.wait_until("every chat answered", |_| {
        replies(&fake, chats.clone()).values().all(|&n| n >= 1)
    })
    .await;
    bot.wait_line("answering the updates kept before the last stop")
        .await;
    bot.signal(libc::SIGTERM);
    let (code, log) = bot.wait().await;
    assert_eq!(code, Some(0), "{}", log.join("\n"));

    let after = replies(&fake, chats.clone());
    let twice: BTreeSet<i64> = after
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(c, _)| *c)
        .collect();
    println!(
        "{CHATS} questions; {} answered before SIGKILL, {} kept in the inbox, {} of them in flight; \
         after the restart: {} unanswered, {} answered twice",
        answered_before.len(),
        kept.len(),
        in_flight.len(),
        after.values().filter(|&&n| n == 0).count(),
        twice.len()
    );
    assert!(after.values().all(|&n| (1..=2).contains(&n)), "{after:?}");
    assert!(
        twice.is_subset(&in_flight),
        "answered twice: {twice:?}; in flight at the kill: {in_flight:?}"
    );
    assert!(
        inbox(&database).is_empty(),
        "the inbox empties once all is answered"
    );
}

/// A SIGTERM while Telegram is slow to answer at start-up stops the bot. The stop request used to be
/// retried for 5 s only while the dispatcher was still starting, then dropped; and teloxide's dispatcher
/// can miss a shutdown requested just as it starts (its notification wakes only waiters already there), so
/// the listener is now stopped directly too. Both made CI hang with the process running on.
#[tokio::test(flavor = "multi_thread")]
async fn a_sigterm_during_a_slow_start_still_stops_the_bot() {
    let fake = FakeTelegram::start().await;
    fake.slow_get_me(Duration::from_secs(6));
    let dir = tempfile::tempdir().unwrap();
    let env = [
        (
            "FAQBOT_DATABASE__PATH",
            dir.path().join("bot.db").display().to_string(),
        ),
        ("FAQBOT_SERVICE__ENABLED", "false".to_string()),
    ];
    let bot = process::spawn(&["serve"], &fake.url, &env);
    // Polling starts at once; the dispatcher is still waiting for getMe.
    fake.wait_calls("GetUpdates", 1).await;
    bot.signal(libc::SIGTERM);
    let stopped = tokio::time::timeout(Duration::from_secs(60), bot.wait()).await;
    let (code, log) = stopped.expect("the bot did not stop within 60 s of SIGTERM");
    assert_eq!(code, Some(0), "{}", log.join("\n"));
}
