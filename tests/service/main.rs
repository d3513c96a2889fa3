//! `faqbot serve` as a service, each with the real binary against the fake Bot API on 127.0.0.1: no message
//! lost to SIGKILL or a slow start (`durability.rs`), webhook mode (`webhook.rs`), and the health check,
//! metrics and JSON logs (`monitoring.rs`).

mod durability;
mod monitoring;
#[path = "../support/mod.rs"]
mod support;
mod webhook;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::{Value, json};
use support::fake_telegram::{self as fake, FakeTelegram};
use support::process::{self, http};

/// The update ids still in the database's inbox.
fn inbox(database: &std::path::Path) -> BTreeSet<i64> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut statement = conn.prepare("SELECT update_id FROM inbox").unwrap();
    statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
