//! `faqbot chat` without a token: the terminal conversation until `/quit` or the end of input.

use super::*;

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
