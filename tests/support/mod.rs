//! Shared test helpers; each test binary uses a part of them.
#![allow(dead_code)]

pub mod fake_telegram;
