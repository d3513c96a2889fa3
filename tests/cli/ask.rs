//! `faqbot ask`: questions from the arguments or stdin, as text or JSON, with `--explain`, and input that is
//! broken, invalid or huge.

use super::*;

#[test]
fn ask_json_prints_one_object_per_question() {
    let out = faqbot(
        &[
            "ask",
            "--json",
            "what are the side effects",
            "book a flight to london",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["outcome"], "answered");
    assert_eq!(
        lines[0]["id"],
        "car-t-cell-therapy/challenges-and-ongoing-research"
    );
    assert_eq!(lines[0]["title"], "Challenges and Ongoing Research");
    assert_eq!(lines[0]["source"], "faq/car-t-cell-therapy.txt:12");
    assert!(lines[0]["score"].as_f64().unwrap() > 0.5);
    assert!(
        lines[0]["answer"]
            .as_str()
            .unwrap()
            .contains("cytokine release syndrome")
    );
    assert!(lines[0]["alternatives"].is_array());
    assert_eq!(lines[1]["outcome"], "declined");
    assert!(lines[1]["id"].is_null());
}

#[test]
fn ask_reads_questions_from_stdin() {
    let out = faqbot(&["ask", "--json"], "myeloma\n\nhello\n");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["question"], "myeloma");
    assert_eq!(lines[1]["outcome"], "chitchat");
}

#[test]
fn ask_explain_shows_the_score_parts() {
    let out = faqbot(&["ask", "--explain", "myloma"], "");
    let text = stdout(&out);
    assert!(text.contains("typo → \"myeloma\""), "{text}");
    assert!(text.contains("outcome: answered"), "{text}");
}

#[test]
fn a_broken_faq_stops_ask_with_exit_2() {
    let out = faqbot(&["ask", "--faq", "/nonexistent", "hi"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent"));
}

#[test]
fn ask_json_carries_the_urgent_notice() {
    let out = faqbot(
        &[
            "ask",
            "--json",
            "my husband has a fever of 39",
            "is fever a side effect?",
        ],
        "",
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["urgent"]["level"], "urgent");
    assert_eq!(lines[0]["urgent"]["symptoms"][0], "fever");
    assert!(
        lines[0]["answer"]
            .as_str()
            .unwrap()
            .starts_with(lines[0]["urgent"]["notice"].as_str().unwrap())
    );
    assert!(lines[1]["urgent"].is_null());
}

#[test]
fn ask_skips_a_line_of_invalid_utf8_on_stdin_naming_it_and_answers_the_rest() {
    let out = faqbot(
        &["ask", "--json"],
        b"myeloma\nwhat is \xff\xfe crs\nhello\n",
    );
    let questions: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["question"].to_string())
        .collect();
    assert_eq!(questions, ["\"myeloma\"", "\"hello\""], "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stdin line 2: not valid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_huge_one_word_question_is_answered_quickly_enough_to_finish() {
    // Found in review: trying every cut of a 100 000-letter "word" as two words took 23 s. The question
    // is now read up to Telegram's 4096 characters and no word over 40 letters is cut.
    let word = "x".repeat(100_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["ask", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    // Written from another thread: the answers fill the stdout pipe while the questions are written.
    let writer = std::thread::spawn(move || {
        writeln!(stdin, "{word}").unwrap();
        writeln!(stdin, "{}", "no fever but ".repeat(40_000)).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}
