//! `/answer` and `/alias` as replies: a message made an entry or a question added in a group, a title asked
//! for when it is missing, and the new-entry button's prompt.

use super::*;
use crate::buttons::{gap_cards, press};

#[tokio::test(flavor = "multi_thread")]
async fn answer_and_alias_work_as_replies_in_a_group() {
    let c = start().await;
    let group = || fake::group_chat(GROUP, "supergroup");
    // A nurse answers a patient in the group; an admin makes her message an entry.
    let nurse = fake::replied(
        group(),
        fake::user(55),
        10,
        "The clinic refunds travel costs for trips over 50 miles: ask the social worker for the form.",
    );
    c.bot.fake.push(fake::reply_message(
        group(),
        ADMIN,
        11,
        "/answer Travel refunds",
        nurse,
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 1).await;
    assert!(
        text(&sent[0]).contains("New entry “Travel refunds”"),
        "{}",
        text(&sent[0])
    );
    assert_eq!(sent[0]["reply_parameters"]["message_id"], 11);
    assert!(buttons(&sent[0])[0].0.contains("Undo"));
    let file = c.questions();
    assert!(
        file.contains("[[entry]]\nid = \"faq/travel-refunds\"\ntitle = \"Travel refunds\""),
        "{file}"
    );

    c.bot.fake.push(fake::text_message(
        group(),
        PATIENT,
        12,
        "/ask travel refunds",
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 2).await;
    assert!(
        text(&sent[1]).starts_with("<b>Travel refunds</b>"),
        "{}",
        text(&sent[1])
    );
    assert!(text(&sent[1]).contains("ask the social worker"));

    // A patient's question, added to that entry by its title with /alias.
    let question = fake::replied(
        group(),
        fake::user(PATIENT),
        13,
        "can the hospital cover my petrol money",
    );
    c.bot.fake.push(fake::reply_message(
        group(),
        ADMIN,
        14,
        "/alias travel refunds",
        question,
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 3).await;
    assert!(
        text(&sent[2]).contains(
            "“can the hospital cover my petrol money” is now a question of “Travel refunds”"
        ),
        "{}",
        text(&sent[2])
    );
    c.bot.fake.push(fake::text_message(
        group(),
        PATIENT,
        15,
        "/ask can the hospital cover my petrol money",
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 4).await;
    assert!(
        text(&sent[3]).starts_with("<b>Travel refunds</b>"),
        "{}",
        text(&sent[3])
    );

    // An unknown entry name is refused with a hint, and nothing is written.
    let before = c.questions();
    let question = fake::replied(group(), fake::user(PATIENT), 16, "is parking free");
    c.bot.fake.push(fake::reply_message(
        group(),
        ADMIN,
        17,
        "/alias parking garage",
        question,
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 5).await;
    assert!(
        text(&sent[4]).starts_with("Not done: no entry has the id or title"),
        "{}",
        text(&sent[4])
    );
    assert_eq!(c.questions(), before);

    // A member who is not an admin cannot.
    let question = fake::replied(group(), fake::user(PATIENT), 18, "is parking free");
    c.bot.fake.push(fake::reply_message(
        group(),
        PATIENT,
        19,
        "/alias Travel refunds",
        question,
    ));
    let sent = c.bot.fake.wait_sent(GROUP, 6).await;
    assert_eq!(text(&sent[5]), Settings::default().texts.not_allowed);
    assert_eq!(c.questions(), before);
    c.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn answer_without_a_title_asks_for_one_and_new_entry_button_prompts() {
    let c = start().await;
    let me = || fake::private_chat(ADMIN);
    let note = fake::replied(
        me(),
        fake::user(ADMIN),
        1,
        "Bring a list of your medicines to every visit.",
    );
    c.bot
        .fake
        .push(fake::reply_message(me(), ADMIN, 2, "/answer", note));
    let sent = c.bot.fake.wait_sent(ADMIN, 1).await;
    assert!(text(&sent[0]).contains("title"), "{}", text(&sent[0]));
    assert_eq!(sent[0]["reply_markup"]["force_reply"], true);
    let prompt_id = c.bot.fake.sent_with_ids(ADMIN)[0].0;
    let prompt = fake::replied(me(), fake::bot_user(), prompt_id, text(&sent[0]));
    c.bot.fake.push(fake::reply_message(
        me(),
        ADMIN,
        3,
        "Medicines list",
        prompt,
    ));
    let sent = c.bot.fake.wait_sent(ADMIN, 2).await;
    assert!(
        text(&sent[1]).contains("New entry “Medicines list”"),
        "{}",
        text(&sent[1])
    );
    assert!(
        c.questions()
            .contains("answer = \"Bring a list of your medicines to every visit.\"")
    );

    // The "new entry" button of a gap: the prompt's reply holds the title and the answer.
    assert!(declined(
        &ask(&c, PATIENT, 1, "is there parking at the hospital").await
    ));
    let cards = gap_cards(&c, ADMIN, 4, 1).await;
    let (card_id, card) = &cards[0];
    let new = buttons(card)
        .into_iter()
        .find(|(l, _)| l.contains("New entry"))
        .unwrap()
        .1;
    let answer = press(&c, ADMIN, me(), *card_id, &new).await;
    assert!(answer.contains("Reply to my message"), "{answer}");
    let (prompt_id, prompt) = c.bot.fake.sent_with_ids(ADMIN).last().cloned().unwrap();
    assert!(text(&prompt).contains("is there parking at the hospital"));
    let prompt = fake::replied(me(), fake::bot_user(), prompt_id, text(&prompt));
    let before = c.bot.fake.sent_to(ADMIN).len();
    c.bot.fake.push(fake::reply_message(
        me(),
        ADMIN,
        5,
        "Parking\nThe hospital garage on level 2 is free for patients.",
        prompt,
    ));
    let sent = c.bot.fake.wait_sent(ADMIN, before + 1).await;
    assert!(
        text(&sent[before]).contains("New entry “Parking”"),
        "{}",
        text(&sent[before])
    );
    let reply = ask(&c, PATIENT, 2, "is there parking at the hospital").await;
    assert!(reply.starts_with("<b>Parking</b>"), "{reply}");

    // A command in reply to a prompt cancels it.
    let before = c.questions();
    let note = fake::replied(me(), fake::user(ADMIN), 6, "Some text.");
    let n = c.bot.fake.sent_to(ADMIN).len();
    c.bot
        .fake
        .push(fake::reply_message(me(), ADMIN, 7, "/answer", note));
    c.bot.fake.wait_sent(ADMIN, n + 1).await;
    let (prompt_id, prompt) = c.bot.fake.sent_with_ids(ADMIN).last().cloned().unwrap();
    let prompt = fake::replied(me(), fake::bot_user(), prompt_id, text(&prompt));
    c.bot
        .fake
        .push(fake::reply_message(me(), ADMIN, 8, "/cancel", prompt));
    let sent = c.bot.fake.wait_sent(ADMIN, n + 2).await;
    assert!(
        text(&sent[n + 1]).starts_with("Cancelled"),
        "{}",
        text(&sent[n + 1])
    );
    assert_eq!(c.questions(), before);
    c.bot.stop().await;
}
