//! The urgent-symptom check (`faq/safety.toml`) on labelled messages, the defects found in review, the
//! checks on the rules file, and arbitrary input.

use std::fs;

use faqbot::safety::{Level, Safety};
use proptest::prelude::*;

const RULES: &str = "faq/safety.toml";

fn safety() -> Safety {
    Safety::parse(RULES, &fs::read_to_string(RULES).unwrap()).unwrap()
}

/// Warnings caught and false alarms on a `label<TAB>message` file (1 = a current warning sign).
struct Figures {
    caught: usize,
    warnings: usize,
    false_alarms: usize,
    others: usize,
    wrong: Vec<String>,
}

fn figures(safety: &Safety, path: &str) -> Figures {
    let text = fs::read_to_string(path).unwrap();
    let mut f = Figures {
        caught: 0,
        warnings: 0,
        false_alarms: 0,
        others: 0,
        wrong: Vec::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (label, message) = line.split_once('\t').unwrap();
        let alert = safety.check(message).is_some();
        match label {
            "1" => {
                f.warnings += 1;
                f.caught += usize::from(alert);
            }
            "0" => {
                f.others += 1;
                f.false_alarms += usize::from(alert);
            }
            other => panic!("{path}: unknown label {other:?}"),
        }
        if alert != (label == "1") {
            f.wrong.push(format!("{label} {message}"));
        }
    }
    println!(
        "{path}: warnings caught {}/{}, false alarms {}/{}",
        f.caught, f.warnings, f.false_alarms, f.others
    );
    f
}

#[test]
fn the_development_set_misses_at_most_one_warning_and_raises_at_most_two_false_alarms() {
    let f = figures(&safety(), "tests/safety/dev_urgent.tsv");
    assert_eq!(f.warnings, 35);
    assert!(
        f.caught >= 34 && f.false_alarms <= 2,
        "wrong:\n{}",
        f.wrong.join("\n")
    );
}

/// Sets written by others without seeing the rules: the figures are printed for the README and held
/// at what they were when the rules were last tuned, so that a change to the rules cannot quietly lose
/// ground. fresh4.tsv is held out: the rules were never tuned on it, its figure is only reported.
#[test]
fn sets_in_new_voices_hold_their_figures() {
    let safety = safety();
    for (path, least_caught, most_false_alarms) in [
        ("tests/safety/voices.tsv", 53, 0),
        ("tests/safety/fresh.tsv", 48, 11),
        ("tests/safety/fresh2.tsv", 53, 5),
        ("tests/safety/fresh3.tsv", 58, 5),
        ("tests/safety/fresh4.tsv", 45, 11),
    ] {
        let f = figures(&safety, path);
        assert!(
            f.caught >= least_caught && f.false_alarms <= most_false_alarms,
            "{path}: {}/{} caught, {} false alarms",
            f.caught,
            f.warnings,
            f.false_alarms
        );
    }
}

#[test]
fn messages_written_with_the_first_rules_stay_right() {
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
    assert!(
        (total - wrong.len()) * 100 >= total * 95,
        "wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn found_in_review() {
    let safety = safety();
    let urgent = |m: &str| safety.check(m).map(|a| a.level);
    // A message that starts like a question is still read for signs.
    assert_eq!(urgent("can't breathe"), Some(Level::Emergency));
    assert_eq!(urgent("won't wake up"), Some(Level::Emergency));
    assert_eq!(
        urgent("Is this bad? Fever 39.5 and shaking chills right now"),
        Some(Level::Urgent)
    );
    // A reading is a number attached to its word, not any number in the clause.
    assert_eq!(
        urgent("his temperature is normal, it is day 39 after the infusion"),
        None
    );
    // Real English words are never corrected into symptoms.
    for message in [
        "is car t safe for my child",
        "will my son have fewer side effects",
        "what was the conclusion of the trial",
        "he is switching hospitals next week",
        "they seized the chance to join the trial",
        "she is fit and well",
    ] {
        assert_eq!(urgent(message), None, "{message}");
    }
    // Readings with their units, in both scales, with a decimal comma.
    for message in [
        "temp 38,4",
        "101.3F and shivery",
        "hr 130 just sitting",
        "pulse 125",
        "sats 91",
        "100.4 on the ear thermometer",
        "temp 37.8 earlier, now 38.3",
    ] {
        assert!(urgent(message).is_some(), "{message}");
    }
    for message in [
        "temp 37.4",
        "pulse 80",
        "sats 97",
        "is 37.4 a fever?",
        "day 38 after car t",
    ] {
        assert_eq!(urgent(message), None, "{message}");
    }
}

#[test]
fn a_bare_number_counts_only_where_the_rules_ask_for_decimal_ranges() {
    let rules = fs::read_to_string(RULES).unwrap();
    let message = "39,1 and feeling grim, day 6";
    assert!(safety().check(message).is_none());
    let with_ranges = rules.replacen(
        "ranges = [[38.0, 43.5], [100.4, 110.0]]",
        "ranges = [[38.0, 43.5], [100.4, 110.0]]\ndecimal_ranges = [[38.0, 42.0], [100.4, 106.0]]",
        1,
    );
    let opted_in = Safety::parse(RULES, &with_ranges).unwrap();
    assert!(opted_in.check(message).is_some());
    assert!(opted_in.check("she is 39 and tired").is_none());
}

#[test]
fn an_episode_of_something_else_that_is_over_does_not_silence_a_current_sign() {
    // Found in review: a backward historical trigger ("settled", "went away") in another clause spoke
    // of its own subject, not of the fever before it.
    let safety = safety();
    for message in [
        "my temp is 38.9, the nausea settled",
        "Temp 39.2 and shivering. The headache he had went away.",
        "He has a fever of 39. His rash went away.",
        "He has a fever of 39, he had a bit of a cough which cleared up",
    ] {
        assert!(safety.check(message).is_some(), "{message}");
    }
    // The sign's own episode still closes: the clause speaks of it ("it", "she", the sign itself).
    for message in [
        "she had a fever of 38.5 on day 2 but it was treated in hospital and she has been fine since",
        "He was confused on day 6. It cleared up two weeks ago and they sent us home.",
        "the shivering settled down last week, the fever broke on friday and he has been well since",
    ] {
        assert!(safety.check(message).is_none(), "{message}");
    }
}

#[test]
fn mechanisms_added_for_new_voices() {
    let safety = safety();
    let urgent = |m: &str| safety.check(m).map(|a| a.level);
    for message in [
        // A writer who names a spouse may be the patient.
        "I can't breathe properly and my wife is out shopping",
        // A measured number is a report even when the sentence asks about it.
        "temp 38.3 this evening, is that high enough to call?",
        // "barely" is nearly "not" in a sign.
        "he can hardly keep his eyes open",
        // "n't" contractions read as "not".
        "she wouldn't wake up for lunch",
        // A time after "about" is not what confused him.
        "he got very confused about 10 minutes ago",
        "she fainted about half an hour ago",
        // A sign said now is not over, whatever else is said of the past.
        "temp 38.9 now, it was fine two days ago",
        // A negative sign is not denied by another negative before it.
        "he is not eating and doesn't know where he is",
        // A bracket does not make what follows a question ("has a temp" has no subject of its own).
        "Our little one (2 yrs) has a temp of 38.5",
        // A temperature said in words.
        "bit of a temperature, thirty eight point two, nothing major",
        "her temp is one hundred and one point four",
        // A value opening a clause of a sentence that named the reading.
        "Just took his temp because he felt warm, 38.2. He says don't fuss.",
        // Signs from the products' patient leaflets beyond CRS and ICANS.
        "worst headache of my life, light hurts my eyes, day 5 after car t",
        "nosebleed won't stop, been 25 mins pinching it",
        "the line site in his chest is red, hot and oozing",
        "he has had diarrhoea 8 times since breakfast",
        // Another sign that went away is not this one: "headache" is not a word of fever.
        "temp 39.1 tonight, the headache he had went away",
        // "it's" is "it is"; a unit against the number makes a reading whatever follows.
        "I've got the sweats and it's 38.2",
        "temp 102F day 4 post car-t",
        "he's running 38.3",
        // Focal weakness.
        "the left side of his face looks droopy and his arm has gone weak",
    ] {
        assert!(urgent(message).is_some(), "{message}");
    }
    for message in [
        // A limit is not a reading.
        "temp 37.5, still under 38 so we are just watching",
        // Another reading's word ends a run of values.
        "oxygen 97 and pulse 84, all fine",
        // "that was years ago" speaks of the clause before it.
        "she had a seizure as a toddler, that was many years ago",
        "short of breath on hills but that has been the case for years",
        // Medicine named after what it prevents.
        "do the anti-seizure tablets interact with his other meds?",
        "he started his seizure medication yesterday",
        // Asked ahead of time.
        "What does a racing heart feel like? Asking for future reference.",
        // The writer says they care for the patient: their own signs are theirs.
        "I'm his carer and I felt dizzy standing in the queue, he is doing great",
        // Nerves: the heart races when thinking about something.
        "my husband is doing well but my heart races thinking about the scan",
        // An animal's signs.
        "our dog had a seizure last night, poor thing. dad is doing great",
        "the cat keeps throwing up on the carpet",
        // A bracket then a real question.
        "after the infusion (day 0), is a temp of 38 a fever?",
        // Thresholds asked about, after the reading was named.
        "What's the exact temperature cut-off for calling the team, 38 or 38.5?",
        // Films, sleep talk, someone the writer knows who is not the patient.
        "The film we watched had a character having a seizure and it upset my daughter",
        "my partner talks gibberish in his sleep, always has",
        "my neighbour's little boy had a febrile convulsion yesterday",
        // What was read about.
        "I read that high temp and low bp are signs of CRS, is that right?",
    ] {
        assert_eq!(urgent(message), None, "{message}");
    }
}

/// Found in review: "can't stand" as dislike raised the emergency notice of a focal sign; the first fix
/// read any pronoun or article after it as dislike, which silenced run-on reports of the sign.
#[test]
fn cannot_stand_as_dislike_is_no_sign_but_legs_that_will_not_hold_are() {
    let safety = safety();
    let urgent = |m: &str| safety.check(m).map(|a| a.level);
    for message in [
        "I can't stand hospitals",
        "she can not stand the smell of the ward food",
        "i cant stand it when people tell me to stay positive",
        "honestly I can't stand waiting for results",
    ] {
        assert_eq!(urgent(message), None, "{message}");
    }
    // Chat runs sentences on without commas: what follows "can't stand" is then often the sign itself.
    for message in [
        "he can't stand up without help since this morning",
        "dad is unable to stand this evening",
        "she can not stand on her own since lunch",
        "she cannot stand up her legs are weak",
        "he cant stand his legs are too weak",
        "she can't stand when she tries to get up",
        "dad can't stand a minute without falling",
        "he can't stand it's like his legs don't work",
        "he is unable to stand the nurse says",
    ] {
        assert_eq!(urgent(message), Some(Level::Emergency), "{message}");
    }
}

#[test]
fn the_explanation_shows_each_mention_with_its_modifiers() {
    let explanation = safety().explain("no fever at all but she is very confused");
    let text = explanation.to_string();
    assert!(text.contains("fever"), "{text}");
    assert!(text.contains("Negated by \"no\""), "{text}");
    assert!(text.contains("confusion"), "{text}");
    assert!(text.contains("counts"), "{text}");
    assert!(text.contains("notice Urgent for confusion"), "{text}");
}

#[test]
fn bad_values_in_the_rules_are_errors_with_their_line() {
    let rules = fs::read_to_string(RULES).unwrap();
    let error = |text: &str| Safety::parse("safety.toml", text).unwrap_err().to_string();
    let at = |needle: &str| 1 + rules.lines().position(|l| l.starts_with(needle)).unwrap();
    let inverted = rules.replace("[[38.0, 43.5], [100.4, 110.0]]", "[[43.5, 38.0]]");
    let message = error(&inverted);
    assert!(message.contains("inverted"), "{message}");
    let line = at("ranges = [[38.0");
    assert!(
        message.contains(&format!("safety.toml:{line}:")),
        "{message}"
    );
    let message = error(&rules.replacen("urgent = \"⚠️", "urgent = \" \" # \"", 1));
    assert!(message.contains("urgent notice is empty"), "{message}");
    let line = at("urgent = ");
    assert!(
        message.contains(&format!("safety.toml:{line}:")),
        "{message}"
    );
    let message = error(&rules.replacen("window = 5", "window = 5000", 1));
    assert!(message.contains("window = 5000"), "{message}");
    let message = error(&rules.replacen("symptom = \"fever\"", "symptom = \"fevre\"", 1));
    assert!(message.contains("\"fevre\""), "{message}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_checked_without_panicking(text in "\\PC{0,300}") {
        let safety = safety();
        let _ = safety.check(&text);
        let _ = safety.explain(&text).to_string();
    }

    #[test]
    fn messages_made_of_the_rules_own_words_never_panic(
        words in proptest::collection::vec(
            prop::sample::select(vec![
                "no", "fever", "38,4", "temp", "not", "sure", "if", "he", "I", "my", "own", "heart",
                "racing", "?", ".", ",", "-", "but", "and", "she", "85/50", "bp", "101F", "°", "can't",
                "breathe", "İ", "\u{2126}", "😀", "days", "ago", "since", "was", "treated", "=", "/",
            ]),
            0..40,
        )
    ) {
        let safety = safety();
        let text = words.join(" ");
        let _ = safety.check(&text);
        let glued = words.concat();
        let _ = safety.check(&glued);
    }
}
