//! The urgent-symptom rules (`faq/safety.toml`) on a labelled set of patients' and caregivers' messages.

use std::fs;

use faqbot::safety::{Level, Safety};

fn safety() -> Safety {
    Safety::parse(
        "faq/safety.toml",
        &fs::read_to_string("faq/safety.toml").unwrap(),
    )
    .unwrap()
}

#[test]
fn at_least_95_percent_of_the_message_set_is_right() {
    let safety = safety();
    let text = fs::read_to_string("tests/safety/messages.tsv").unwrap();
    let mut total = 0;
    let mut wrong = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (expected, message) = line.split_once('\t').unwrap();
        let expected = match expected {
            "urgent" => Some(Level::Urgent),
            "emergency" => Some(Level::Emergency),
            "none" => None,
            other => panic!("unknown label {other:?}"),
        };
        let got = safety.check(message).map(|a| a.level);
        total += 1;
        if got != expected {
            wrong.push(format!("{message:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(total >= 60, "the set has {total} messages");
    let right = total - wrong.len();
    println!(
        "urgent-symptom set: {right}/{total} right ({:.1}%)",
        100.0 * right as f64 / total as f64
    );
    eprintln!("wrong:\n{}", wrong.join("\n"));
    assert!(right * 100 >= total * 95, "{right}/{total} right");
}

#[test]
fn a_missed_emergency_is_never_downgraded_to_nothing() {
    let safety = safety();
    for message in [
        "he is having a seizure",
        "I can't breathe",
        "she won't wake up",
    ] {
        assert_eq!(
            safety.check(message).map(|a| a.level),
            Some(Level::Emergency),
            "{message}"
        );
    }
}
