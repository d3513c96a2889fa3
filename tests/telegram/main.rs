//! The real bot — teloxide's dispatcher, our handler tree and engine — against a fake Bot API on 127.0.0.1:
//! private chats (`private.rs`), buttons and inline mode (`buttons.rs`), groups and channels (`groups.rs`),
//! and delivery under rate limits, dropped connections, odd input and load (`delivery.rs`).

mod buttons;
mod delivery;
mod groups;
mod private;
#[path = "../support/mod.rs"]
mod support;

use std::path::PathBuf;

use faqbot::bot::callback::{Action, id_hash};
use faqbot::config::Settings;
use faqbot::faq::EntryId;
use serde_json::{Value, json};
use support::bot::{start, start_with};
use support::fake_telegram::{self as fake, BOT_ID, USERNAME, buttons, text};
