//! The command line end to end, through the built `faqbot` binary: one module per command (`ask`, `chat`,
//! `check`, `eval`, `report`) and the configuration as the binary reads it (`config`).

mod ask;
mod chat;
mod check;
mod config;
mod eval;
mod report;
#[path = "../support/mod.rs"]
mod support;

use std::process::{Command, Output};

use faqbot::faq::EntryId;

fn faqbot(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    support::process::run(args, stdin)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}
