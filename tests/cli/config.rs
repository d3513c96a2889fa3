//! The configuration as the binary reads it: bad values named by key and line, environment overrides, bounded
//! whole-number counts, and paths relative to the file that names them.

use super::*;

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
    let out = support::process::run_with_env(
        &["ask", "--json", "myeloma"],
        &[
            ("FAQBOT_MATCHING__ANSWER_THRESHOLD", "0.99"),
            ("FAQBOT_MATCHING__SUGGEST_THRESHOLD", "0.98"),
        ],
        "",
    );
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["outcome"], "declined");
    let bad = support::process::run_with_env(
        &["check"],
        &[("FAQBOT_MATCHING__SUGGEST_THRESHOLD", "7")],
        "",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("FAQBOT_MATCHING__SUGGEST_THRESHOLD"));
}

#[test]
fn a_huge_count_from_the_environment_is_an_error_naming_the_variable() {
    let out = support::process::run_with_env(
        &["ask", "car t"],
        &[("FAQBOT_MATCHING__MAX_RELATED", "1000000000")],
        "",
    );
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

#[test]
fn a_zero_half_evidence_is_an_error_not_a_nan_score() {
    let out = support::process::run_with_env(
        &["ask", "--explain", "ongoing"],
        &[("FAQBOT_MATCHING__WEIGHTS__HALF_EVIDENCE", "0")],
        "",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("half_evidence"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("NaN"));
}

#[test]
fn one_admin_from_the_environment_is_a_list_of_one() {
    // `FAQBOT_TELEGRAM__ADMINS=77001` used to fail with "invalid type: integer, expected a sequence".
    for admins in ["77001", "77001,77002"] {
        let out = support::process::run_with_env(
            &["ask", "car t"],
            &[("FAQBOT_TELEGRAM__ADMINS", admins)],
            "",
        );
        assert_eq!(out.status.code(), Some(0), "{admins}: {}", stderr(&out));
    }
    let out = support::process::run_with_env(
        &["ask", "car t"],
        &[("FAQBOT_TELEGRAM__ADMINS", "77001,alice")],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("FAQBOT_TELEGRAM__ADMINS"),
        "{}",
        stderr(&out)
    );
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
