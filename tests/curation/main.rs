//! Curation end to end: the real bot against the fake Bot API, on a copy of the FAQ folder on disk — gaps
//! assigned by button, undo, `/answer` and `/alias` in a group, concurrent assignments, hot reload of edited
//! and broken files (`reload.rs`), `faqbot review` and the replay (`terminal.rs`), and buttons pressed by
//! someone who is not an admin.

mod reload;
#[path = "../support/mod.rs"]
mod support;
mod terminal;

use std::path::{Path, PathBuf};
use std::time::Duration;

use faqbot::bot::curate::Button;
use faqbot::config::Settings;
use serde_json::{Value, json};
use support::bot::{Running, start_with};
use support::fake_telegram::{self as fake, buttons, text};

const ADMIN: i64 = 900;
const ADMIN2: i64 = 901;
const PATIENT: i64 = 30;
const GROUP: i64 = -100_200;

/// A question the shipped FAQ declines, that its success-stories entry answers.
const HOPE: &str = "pls share some good news, chemo didnt work for my uncle and the family needs something to hold onto";
const STORIES: &str = "car-t-cell-therapy/inspiring-success-stories-a-glimpse-into-the-559b68e7";
/// Another declined one, for the same entry.
const RESULTS: &str =
    "anyone here actually had good results? we're terrified and could really use some hope tonight";

/// A copy of the shipped FAQ folder, so that the bot's writes and the tests' edits touch no real file.
fn faq_copy(dir: &Path) -> PathBuf {
    let faq = dir.join("faq");
    std::fs::create_dir_all(&faq).unwrap();
    for entry in std::fs::read_dir("faq").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), faq.join(entry.file_name())).unwrap();
    }
    faq
}

struct Curating {
    bot: Running,
    faq: PathBuf,
    _dir: tempfile::TempDir,
}

impl Curating {
    fn questions(&self) -> String {
        std::fs::read_to_string(self.faq.join("questions.toml")).unwrap()
    }
}

async fn start() -> Curating {
    let dir = tempfile::tempdir().unwrap();
    let faq = faq_copy(dir.path());
    let paths = faq.clone();
    let bot = start_with(move |s: &mut Settings| {
        s.telegram.admins = vec![ADMIN, ADMIN2];
        s.faq.paths = vec![paths.clone()];
        s.faq.synonyms = vec![paths.join("synonyms.toml"), paths.join("lexicon.toml")];
        s.faq.safety = Some(paths.join("safety.toml"));
        s.curation.debounce_ms = 50;
    })
    .await;
    Curating {
        bot,
        faq,
        _dir: dir,
    }
}

/// Asks `question` in `chat` (private) as message `id`; returns the reply's text.
async fn ask(c: &Curating, chat: i64, id: i64, question: &str) -> String {
    let before = c.bot.fake.sent_to(chat).len();
    c.bot.fake.say(chat, id, question);
    let sent = c.bot.fake.wait_sent(chat, before + 1).await;
    text(&sent[before]).to_string()
}

fn declined(reply: &str) -> bool {
    reply.starts_with("Sorry, I could not find that")
}

/// Sends /gaps as `admin` and returns the cards (messages with curation buttons) that came back.
async fn gap_cards(c: &Curating, admin: i64, id: i64, cards: usize) -> Vec<(i64, Value)> {
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
async fn press(c: &Curating, from: i64, chat: Value, message: i64, data: &str) -> String {
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
