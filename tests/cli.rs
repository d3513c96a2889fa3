//! The command line end to end, through the built `faqbot` binary.

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
fn chat_without_token_answers_until_quit() {
    let out = faqbot(&[], "hi\nwhat is crs\n/topics\n/quit\nmyeloma\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Hello! Ask me anything"), "{text}");
    assert!(text.contains("Challenges and Ongoing Research"), "{text}");
    assert!(
        text.contains("  8. The Future of CAR T-Cell Therapy"),
        "{text}"
    );
    assert!(
        !text.contains("sustained remission"),
        "answered after /quit: {text}"
    );
}

#[test]
fn chat_ends_at_end_of_input() {
    let out = faqbot(&[], "what is car t");
    assert!(out.status.success());
    assert!(stdout(&out).contains("chimeric antigen receptor"));
}

#[test]
fn check_lists_entries() {
    let out = faqbot(&["check"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("car-t-cell-therapy/what-is-car-t-cell-therapy"));
    assert!(text.contains("faq/car-t-cell-therapy.txt:2"));
    assert!(text.contains("0 errors"));
}

#[test]
fn check_on_a_broken_folder_exits_1_naming_the_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# A\ntext\n").unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"ok\n\xff\xfe").unwrap();
    std::fs::write(
        dir.path().join("questions.toml"),
        "[[alternates]]\nentry = 'x'\nquestions = ['q']\n",
    )
    .unwrap();
    let out = faqbot(&["check", "--faq", dir.path().to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("bad.txt:2: error: not UTF-8"), "{text}");
    assert!(
        text.contains("questions.toml:2: error: no entry has the id or title \"x\""),
        "{text}"
    );
}

#[test]
fn a_broken_faq_stops_ask_with_exit_2() {
    let out = faqbot(&["ask", "--faq", "/nonexistent", "hi"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent"));
}

#[test]
fn eval_reports_accuracy_and_fails_below_min() {
    let out = faqbot(&["eval", "tests/questions/seed.tsv"], "");
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.lines().last().unwrap().starts_with("overall: "),
        "{text}"
    );
    let strict = faqbot(&["eval", "tests/questions/seed.tsv", "--min", "1.0"], "");
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn eval_with_an_unknown_key_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.tsv");
    std::fs::write(&file, "# comment\nnope\tsome question\n").unwrap();
    let out = faqbot(&["eval", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("q.tsv:2"), "{}", stderr(&out));
}

#[test]
fn invalid_config_value_names_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    std::fs::write(&file, "[matching]\n\nanswer_threshold = \"high\"\n").unwrap();
    let out = faqbot(&["--config", file.to_str().unwrap(), "check"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("c.toml:3"), "{err}");
    assert!(err.contains("matching.answer_threshold"), "{err}");
}

#[test]
fn environment_overrides_config() {
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["ask", "--json", "myeloma"])
        .env("FAQBOT_MATCHING__ANSWER_THRESHOLD", "0.99")
        .env("FAQBOT_MATCHING__SUGGEST_THRESHOLD", "0.98")
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["outcome"], "declined");
    let bad = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["check"])
        .env("FAQBOT_MATCHING__SUGGEST_THRESHOLD", "7")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("FAQBOT_MATCHING__SUGGEST_THRESHOLD"));
}

#[test]
fn report_prints_stats_and_gaps_with_the_closest_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let store = faqbot::store::Store::open(&db, 30);
    store
        .record_question(
            "answered",
            Some(&EntryId::new(
                "car-t-cell-therapy/challenges-and-ongoing-research",
            )),
            None,
        )
        .unwrap();
    store
        .record_question(
            "declined",
            None,
            Some("how much does crs treatment cost in hospital parking"),
        )
        .unwrap();
    drop(store);
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["report", "--json"])
        .env("FAQBOT_DATABASE__PATH", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(report["stats"]["questions"], 2);
    assert_eq!(report["gaps"][0]["count"], 1);
    assert!(report["gaps"][0]["closest"].is_string());
    let text = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("report")
        .env("FAQBOT_DATABASE__PATH", &db)
        .output()
        .unwrap();
    let text = stdout(&text);
    assert!(text.contains("Questions: 2"), "{text}");
    assert!(
        text.contains("1 × how much does crs treatment cost"),
        "{text}"
    );
}

#[test]
fn report_without_a_database_says_so() {
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("report")
        .env("FAQBOT_DATABASE__PATH", "/nonexistent/bot.db")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no database at /nonexistent/bot.db"));
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
fn chat_opens_a_listed_topic_by_its_number() {
    let out = faqbot(&[], "/topics\n6\n");
    let text = stdout(&out);
    let opened = text
        .split("  8. The Future of CAR T-Cell Therapy")
        .nth(1)
        .unwrap_or_default();
    assert!(opened.contains("achieved a sustained remission"), "{text}");
    assert!(opened.contains("not medical advice"), "{text}");
}

#[test]
fn check_warns_about_votes_and_answers_for_ids_that_no_longer_exist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let store = faqbot::store::Store::open(&db, 30);
    let kept = &EntryId::new("car-t-cell-therapy/challenges-and-ongoing-research");
    let gone = &EntryId::new("car-t-cell-therapy/a-section-that-was-renamed");
    assert!(store.vote(1, gone, true, None).is_ok());
    assert!(
        store
            .vote(2, gone, false, Some("what about driving"))
            .is_ok()
    );
    assert!(store.vote(1, kept, true, None).is_ok());
    store.record_question("answered", Some(gone), None).unwrap();
    store.record_question("answered", Some(kept), None).unwrap();
    drop(store);
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("check")
        .env("FAQBOT_DATABASE__PATH", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let warnings: Vec<&str> = text.lines().filter(|l| l.contains(": warning: ")).collect();
    let stale: Vec<&&str> = warnings.iter().filter(|l| l.contains("bot.db")).collect();
    assert_eq!(stale.len(), 1, "{text}");
    assert!(stale[0].contains(gone.as_str()), "{text}");
    assert!(stale[0].contains("2 vote(s)"), "{text}");
    assert!(stale[0].contains("1 counted question(s)"), "{text}");
    assert!(
        !stale[0].contains("driving"),
        "user text in a warning: {text}"
    );
}

#[test]
fn check_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("check")
        .env("FAQBOT_DATABASE__PATH", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!db.exists());
}

#[test]
fn a_huge_count_from_the_environment_is_an_error_naming_the_variable() {
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["ask", "car t"])
        .env("FAQBOT_MATCHING__MAX_RELATED", "1000000000")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("environment variable FAQBOT_MATCHING__MAX_RELATED: `matching.max_related` is 1000000000; expected a whole number from 0 to 10"),
        "{err}"
    );
}

#[test]
fn counts_must_be_whole_numbers_in_range() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    let cases = [
        (
            "[matching]\nmax_related = 2.5\n",
            "c.toml:2: `matching.max_related` is 2.5",
        ),
        (
            "[matching]\nmax_suggestions = true\n",
            "c.toml:2: `matching.max_suggestions` is true",
        ),
        (
            "[database]\n\nkeep_days = 100000\n",
            "c.toml:3: `database.keep_days` is 100000",
        ),
        (
            "[database]\nkeep_days = -1\n",
            "c.toml:2: `database.keep_days` is -1",
        ),
        (
            "[telegram]\nmessages_per_sec_chat = 0\n",
            "c.toml:2: `telegram.messages_per_sec_chat` is 0",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&file, text).unwrap();
        let out = faqbot(&["--config", file.to_str().unwrap(), "check"], "");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(expected), "{text}: {err}");
        assert!(
            err.contains("expected a whole number from"),
            "{text}: {err}"
        );
    }
}

/// A configuration in `dir/conf` naming its FAQ, rules, synonyms and database by relative paths.
fn configuration_beside_its_files(dir: &std::path::Path) -> std::path::PathBuf {
    let conf = dir.join("conf");
    std::fs::create_dir_all(conf.join("docs")).unwrap();
    std::fs::copy("faq/car-t-cell-therapy.txt", conf.join("docs/guide.txt")).unwrap();
    std::fs::copy("faq/safety.toml", conf.join("rules.toml")).unwrap();
    std::fs::copy("faq/synonyms.toml", conf.join("words.toml")).unwrap();
    let file = conf.join("config.toml");
    std::fs::write(
        &file,
        "[faq]\npaths = [\"docs\"]\nsafety = \"rules.toml\"\nsynonyms = [\"words.toml\"]\n\
         [database]\npath = \"bot.db\"\n",
    )
    .unwrap();
    let store = faqbot::store::Store::open(&conf.join("bot.db"), 30);
    store
        .record_question("declined", None, Some("where can I park"))
        .unwrap();
    file
}

#[test]
fn paths_in_the_configuration_are_relative_to_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = configuration_beside_its_files(dir.path());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_faqbot"))
            .args(["--config", file.to_str().unwrap()])
            .args(args)
            .current_dir("/")
            .env_remove("TELOXIDE_TOKEN")
            .output()
            .unwrap()
    };
    let out = run(&["ask", "--json", "I have a fever of 39"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(!line["urgent"].is_null(), "{line}");
    assert!(
        line["source"]
            .as_str()
            .unwrap()
            .ends_with("docs/guide.txt:12"),
        "{line}"
    );
    let out = run(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("where can I park"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn paths_on_the_command_line_and_in_the_environment_are_relative_to_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = configuration_beside_its_files(dir.path());
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::fs::copy(
        "faq/car-t-cell-therapy.txt",
        dir.path().join("other/notes.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args([
            "--config",
            file.to_str().unwrap(),
            "--faq",
            "other",
            "report",
        ])
        .current_dir(dir.path())
        .env("FAQBOT_DATABASE__PATH", "conf/bot.db")
        .env("FAQBOT_FAQ__SAFETY", "conf/rules.toml")
        .env_remove("TELOXIDE_TOKEN")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("where can I park"),
        "{}",
        stdout(&out)
    );
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
fn eval_on_a_file_without_questions_is_an_error_not_full_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.tsv");
    std::fs::write(&file, "# nothing yet\n\n").unwrap();
    let out = faqbot(&["eval", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(!stdout(&out).contains("100"), "{}", stdout(&out));
    assert!(stderr(&out).contains("no questions"), "{}", stderr(&out));
}

#[test]
fn a_zero_half_evidence_is_an_error_not_a_nan_score() {
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["ask", "--explain", "ongoing"])
        .env("FAQBOT_MATCHING__WEIGHTS__HALF_EVIDENCE", "0")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("half_evidence"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("NaN"));
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

#[test]
fn one_admin_from_the_environment_is_a_list_of_one() {
    // `FAQBOT_TELEGRAM__ADMINS=77001` used to fail with "invalid type: integer, expected a sequence".
    for admins in ["77001", "77001,77002"] {
        let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
            .args(["ask", "car t"])
            .env("FAQBOT_TELEGRAM__ADMINS", admins)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{admins}: {}", stderr(&out));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(["ask", "car t"])
        .env("FAQBOT_TELEGRAM__ADMINS", "77001,alice")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("FAQBOT_TELEGRAM__ADMINS"),
        "{}",
        stderr(&out)
    );
}
