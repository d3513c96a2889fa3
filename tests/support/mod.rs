//! Shared test helpers; each test binary uses a part of them.
#![allow(dead_code)]

pub mod bot;
pub mod fake_telegram;
pub mod process;
