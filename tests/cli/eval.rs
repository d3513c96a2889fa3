//! `faqbot eval`: accuracy on a labelled question file, and question files it cannot use.

use super::*;

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
fn eval_on_a_file_without_questions_is_an_error_not_full_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.tsv");
    std::fs::write(&file, "# nothing yet\n\n").unwrap();
    let out = faqbot(&["eval", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(!stdout(&out).contains("100"), "{}", stdout(&out));
    assert!(stderr(&out).contains("no questions"), "{}", stderr(&out));
}
