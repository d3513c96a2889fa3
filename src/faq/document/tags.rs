//! HTML tags in documents: `<b>`, `</i>`, `<br/>`, `<a href="…">` are markup, not words. They are taken out of
//! what is indexed and of the answers alike: Telegram's HTML is escaped when an answer is sent, so a tag
//! left in would show as literal `<b>`.

use std::borrow::Cow;

/// The lines of a text with their tags removed ([`strip`]), and the lines of comments that span several
/// (`<!--` … `-->`) blanked; a line for which `code` holds is kept as written.
///
/// A `<!--` that no later line closes is kept as text, as a stray one would otherwise hide the rest of the
/// document. Linear: which lines have a `-->` at or after them is found in one pass from the end.
pub(crate) fn strip_lines<'a>(
    lines: &[&'a str],
    code: impl Fn(usize) -> bool,
) -> Vec<Cow<'a, str>> {
    let mut closes_later = vec![false; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        closes_later[i] = closes_later[i + 1] || (!code(i) && lines[i].contains("-->"));
    }
    let mut in_comment = false;
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if code(i) {
            out.push(Cow::Borrowed(*line));
            continue;
        }
        let mut from = *line;
        if in_comment {
            match line.find("-->") {
                Some(end) => from = &line[end + 3..],
                None => {
                    out.push(Cow::Borrowed(""));
                    continue;
                }
            }
        }
        let (stripped, open) = strip_inner(from, closes_later[i + 1]);
        in_comment = open;
        out.push(if from.len() == line.len() {
            stripped
        } else {
            Cow::Owned(stripped.into_owned())
        });
    }
    out
}

/// `line` with its HTML tags and one-line comments removed, the text between them kept.
///
/// Only the names of real HTML elements count, so "<5 days", "a < b", `<https://…>` and "<your name>" stay
/// as written. A tag that breaks a line (`<br>`, `<p>`, `<li>` …) becomes a space between the words it
/// separated. Work is linear in the line: a scan for a tag's end stops at the next `<`, where the next
/// attempt starts.
pub(crate) fn strip(line: &str) -> Cow<'_, str> {
    strip_inner(line, false).0
}

/// [`strip`], and when `closes_later`, a `<!--` left open hides the rest of the line: the second value says
/// so.
fn strip_inner(line: &str, closes_later: bool) -> (Cow<'_, str>, bool) {
    if !line.contains('<') {
        return (Cow::Borrowed(line), false);
    }
    let mut out = String::with_capacity(line.len());
    // Where no `-->` is left to close a comment, found once so that many `<!--` stay linear.
    let mut comments_close = true;
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        if from.starts_with("<!--") && comments_close {
            match from.find("-->") {
                Some(end) => {
                    rest = &from[end + 3..];
                    continue;
                }
                None if closes_later => return (Cow::Owned(out), true),
                None => comments_close = false,
            }
        }
        match tag_len(from) {
            Some((len, breaks)) => {
                if breaks && !out.is_empty() && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
                rest = &from[len..];
            }
            None => {
                out.push('<');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), false)
}

/// The length of the tag `text` starts with, and whether it breaks the line; `None` when it is no tag.
fn tag_len(text: &str) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    let breaks = BREAKING.contains(&name.as_str());
    if !(breaks || INLINE.contains(&name.as_str())) {
        return None;
    }
    // After the name: `>`, `/>`, or attributes up to `>` (quoted values may hold a `>`).
    match bytes.get(i) {
        Some(b'>') => return Some((i + 1, breaks)),
        Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return Some((i + 2, breaks)),
        Some(b' ' | b'\t') => {}
        _ => return None,
    }
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (_, b'<') => return None,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some((i + 1, breaks)),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Elements that end a line or a block where they stand.
const BREAKING: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements that mark up words inside a line.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var",
    "wbr",
];

#[cfg(test)]
mod tests {
    use super::{strip, strip_lines};

    #[test]
    fn a_comment_over_several_lines_is_blanked_unless_nothing_closes_it() {
        let lines = [
            "Before <!-- a",
            "note",
            "--> after <b>x</b>",
            "```",
            "<!-- code",
            "-->",
        ];
        let code = |i: usize| i >= 3;
        let out = strip_lines(&lines, code);
        assert_eq!(out, ["Before ", "", " after x", "```", "<!-- code", "-->"]);
        let open = ["a <!-- stray", "b", "-- > c"];
        assert_eq!(strip_lines(&open, |_| false), open);
    }

    #[test]
    fn tags_go_and_their_words_stay() {
        assert_eq!(
            strip("Take <b>all</b> your <i>pills</i>."),
            "Take all your pills."
        );
        assert_eq!(
            strip("Call <a href=\"tel:123\">the team</a>"),
            "Call the team"
        );
        assert_eq!(strip("<A HREF='x>y'>link</A>"), "link");
        assert_eq!(strip("one<br/>two<br>three"), "one two three");
        assert_eq!(strip("<p>Text</p>"), "Text ");
        assert_eq!(strip("a <!-- note --> b"), "a  b");
    }

    #[test]
    fn what_only_looks_like_a_tag_stays() {
        for text in [
            "<5 days",
            "a < b and c > d",
            "<https://example.org>",
            "<your name>",
            "<b unclosed",
            "<!-- open",
            "<<<<b>>>",
        ] {
            let expected = if text == "<<<<b>>>" { "<<<>>" } else { text };
            assert_eq!(strip(text), expected, "{text}");
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the mix of brackets, quotes, names and comment marks, stripping ends and never adds.
        #[test]
        fn any_line_is_stripped_without_growing(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "<", ">", "/", "/>", "=", "\"", "'", "<!--", "-->", "b", "br", "a", "href", " ", "x", "İ", "\u{2126}",
                ]),
                0..80,
            ),
            tail in "\\PC{0,20}",
        ) {
            let line = parts.concat() + &tail;
            prop_assert!(super::strip(&line).len() <= line.len());
        }
    }
}
