//! Curation end to end: the real bot against the fake Bot API, on a copy of the FAQ folder on disk — gaps
//! assigned by button, undo, concurrent assignments and buttons pressed by someone who is not an admin
//! (`buttons.rs`), `/answer` and `/alias` in a group (`commands.rs`), hot reload of edited and broken files
//! (`reload.rs`), `faqbot review` and the replay (`terminal.rs`).

mod buttons;
mod commands;
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
