//! The gap cards' buttons: a gap assigned by button and undone, two admins assigning at once, and presses that
//! are stale or come from someone who is not an admin.

use super::*;

/// Sends /gaps as `admin` and returns the cards (messages with curation buttons) that came back.
pub(crate) async fn gap_cards(
    c: &Curating,
    admin: i64,
    id: i64,
    cards: usize,
) -> Vec<(i64, Value)> {
    let before = c.bot.fake.sent_to(admin).len();
    c.bot.fake.say(admin, id, "/gaps");
    c.bot.fake.wait_sent(admin, before + 1 + cards).await;
    c.bot.fake.sent_with_ids(admin)[before + 1..]
        .iter()
        .filter(|(_, m)| buttons(m).iter().any(|(_, d)| d.starts_with("ci:")))
        .cloned()
        .collect()
}

/// The callback data of the button on `card` that adds its question to `entry`.
fn assign_button(card: &Value, entry: &str) -> String {
    let hash = faqbot::bot::callback::id_hash(&faqbot::faq::EntryId::new(entry));
    buttons(card)
        .into_iter()
        .map(|(_, data)| data)
        .find(|data| matches!(Button::decode(data), Some(Button::Assign(_, h)) if h == hash))
        .unwrap_or_else(|| panic!("no button for {entry} on {card:#}"))
}

/// Presses `data` as `from` on message `message` of `chat`, and returns the text the press was answered
/// with.
pub(crate) async fn press(
    c: &Curating,
    from: i64,
    chat: Value,
    message: i64,
    data: &str,
) -> String {
    let update = c.bot.fake.press(from, chat, message, data);
    let id = format!("cb-{update}");
    c.bot
        .fake
        .wait_until("the press answered", |_| {
            c.bot.fake.callback_answers().iter().any(|(q, _)| *q == id)
        })
        .await;
    let answers = c.bot.fake.callback_answers();
    answers.into_iter().find(|(q, _)| *q == id).unwrap().1
}

fn edits_of(c: &Curating, message: i64) -> Vec<Value> {
    c.bot
        .fake
        .calls("EditMessageText")
        .into_iter()
        .filter(|b| b["message_id"] == json!(message))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gap_assigned_by_button_is_answered_and_undo_takes_it_back() {
    let c = start().await;
    assert!(declined(&ask(&c, PATIENT, 1, HOPE).await));

    let cards = gap_cards(&c, ADMIN, 1, 1).await;
    assert_eq!(cards.len(), 1);
    let (card_id, card) = &cards[0];
    assert!(
        text(card).contains("1 × pls share some good news"),
        "{}",
        text(card)
    );
    let labels: Vec<String> = buttons(card).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels.len(),
        5,
        "three entries, new entry and ignore: {labels:?}"
    );
    assert!(buttons(card).iter().all(|(_, d)| d.len() <= 64));

    let data = assign_button(card, STORIES);
    let answer = press(&c, ADMIN, fake::private_chat(ADMIN), *card_id, &data).await;
    assert_eq!(answer, "Done.");
    let edit = &edits_of(&c, *card_id)[0];
    assert!(
        text(edit).contains("is now a question of “Inspiring Success Stories"),
        "{}",
        text(edit)
    );

    // On disk, in the list of that entry, with the file's comments kept.
    let file = c.questions();
    assert!(
        file.starts_with("# Alternate questions: other ways people ask"),
        "{file}"
    );
    assert!(file.contains(&format!("  \"{HOPE}\",\n")), "{file}");
    assert!(c.faq.join("questions.toml.bak").is_file());

    let reply = ask(&c, PATIENT, 2, HOPE).await;
    assert!(reply.starts_with("<b>Inspiring Success Stories"), "{reply}");
    // The gap left the list.
    let cards = gap_cards(&c, ADMIN, 2, 0).await;
    assert!(cards.is_empty());

    // Undo from the edited card's button: the question leaves the file and is declined again.
    let undo = buttons(edit)[0].1.clone();
    assert!(matches!(Button::decode(&undo), Some(Button::Undo(_))));
    assert_eq!(
        press(&c, ADMIN, fake::private_chat(ADMIN), *card_id, &undo).await,
        "Undone."
    );
    assert!(!c.questions().contains(HOPE));
    assert!(declined(&ask(&c, PATIENT, 3, HOPE).await));
    // Pressed again, it is stale and says so.
    let again = press(&c, ADMIN, fake::private_chat(ADMIN), *card_id, &undo).await;
    assert_eq!(again, "that change was already undone");
    // And the gap is back.
    assert_eq!(gap_cards(&c, ADMIN, 3, 1).await.len(), 1);
    c.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_admins_assigning_at_once_both_land() {
    let c = start().await;
    assert!(declined(&ask(&c, PATIENT, 1, HOPE).await));
    assert!(declined(&ask(&c, PATIENT, 2, RESULTS).await));
    let first = gap_cards(&c, ADMIN, 1, 2).await;
    let second = gap_cards(&c, ADMIN2, 1, 2).await;
    let card_for = |cards: &[(i64, Value)], question: &str| {
        cards
            .iter()
            .find(|(_, m)| text(m).contains(&question[..20]))
            .cloned()
            .unwrap()
    };
    let (a_id, a) = card_for(&first, HOPE);
    let (b_id, b) = card_for(&second, RESULTS);
    // Both presses queued together: two chats, so the dispatcher runs them side by side.
    let pa = c.bot.fake.press(
        ADMIN,
        fake::private_chat(ADMIN),
        a_id,
        &assign_button(&a, STORIES),
    );
    let pb = c.bot.fake.press(
        ADMIN2,
        fake::private_chat(ADMIN2),
        b_id,
        &assign_button(&b, STORIES),
    );
    c.bot
        .fake
        .wait_until("both presses answered", |_| {
            let answers = c.bot.fake.callback_answers();
            [pa, pb]
                .iter()
                .all(|p| answers.iter().any(|(q, _)| *q == format!("cb-{p}")))
        })
        .await;
    assert!(
        c.bot
            .fake
            .callback_answers()
            .iter()
            .all(|(_, t)| t == "Done.")
    );
    let file = c.questions();
    assert!(file.contains(HOPE) && file.contains(RESULTS), "{file}");
    assert!(
        ask(&c, PATIENT, 3, HOPE)
            .await
            .starts_with("<b>Inspiring Success Stories")
    );
    assert!(
        ask(&c, PATIENT, 4, RESULTS)
            .await
            .starts_with("<b>Inspiring Success Stories")
    );
    c.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_and_foreign_presses_are_answered_politely() {
    let c = start().await;
    assert!(declined(&ask(&c, PATIENT, 1, HOPE).await));
    let cards = gap_cards(&c, ADMIN, 1, 1).await;
    let (card_id, card) = &cards[0];
    let before = c.questions();

    // Someone who is not an admin: not allowed, and nothing changes.
    let data = assign_button(card, STORIES);
    let answer = press(&c, PATIENT, fake::private_chat(PATIENT), *card_id, &data).await;
    assert_eq!(answer, Settings::default().texts.not_allowed);
    assert_eq!(c.questions(), before);
    assert!(edits_of(&c, *card_id).is_empty());

    // Ignored by one admin; the other admin's press on the same card is stale.
    let ignore = buttons(card)
        .into_iter()
        .find(|(l, _)| l.contains("Ignore"))
        .unwrap()
        .1;
    assert_eq!(
        press(&c, ADMIN, fake::private_chat(ADMIN), *card_id, &ignore).await,
        "Done."
    );
    let stale = press(&c, ADMIN2, fake::private_chat(ADMIN2), *card_id, &data).await;
    assert!(
        stale.starts_with("that question was already handled"),
        "{stale}"
    );
    assert_eq!(c.questions(), before);
    // A gap id that never existed, and an entry that does not.
    let stale = press(&c, ADMIN, fake::private_chat(ADMIN), *card_id, "ci:999999").await;
    assert!(
        stale.starts_with("that question was already handled"),
        "{stale}"
    );
    let gone = press(
        &c,
        ADMIN,
        fake::private_chat(ADMIN),
        *card_id,
        "ca:1:0123456789abcdef",
    )
    .await;
    assert!(gone.contains("no longer in the FAQ"), "{gone}");
    c.bot.stop().await;
}
