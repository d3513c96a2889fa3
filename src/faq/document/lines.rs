//! The shapes of single lines that both kinds of document share: Setext underlines, rules, list items and
//! table rows.

/// A Setext underline — three or more `=` (a level-1 heading) or `-` (level 2), nothing else but up to three
/// spaces before and any after — and its level. Fewer than three would take a lone `-`, an empty bullet, for
/// an underline.
pub(super) fn underline(line: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    let body = trimmed.trim_start_matches(' ');
    if trimmed.len() - body.len() > 3 || body.len() < 3 {
        return None;
    }
    let first = body.as_bytes()[0];
    let level = match first {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    body.bytes().all(|b| b == first).then_some(level)
}

/// A rule: three or more of one of `-`, `*`, `_`, `=` and nothing else but spaces ("---", "* * *"). Its
/// character, for Markdown, where `===` is no rule.
pub(super) fn rule(line: &str) -> Option<char> {
    let trimmed = line.trim();
    let first = trimmed.chars().next()?;
    if !matches!(first, '-' | '*' | '_' | '=') {
        return None;
    }
    let mut count = 0;
    for c in trimmed.chars() {
        if c == first {
            count += 1;
        } else if c != ' ' && c != '\t' {
            return None;
        }
    }
    (count >= 3).then_some(first)
}

/// Bullets, numbered items and quotes are body text however short they are.
pub(super) fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '*', '•', '+', '–', '>']) {
        return true;
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

/// A row of a table: a rule under it is the table's, never a heading's underline.
pub(super) fn is_table_row(line: &str) -> bool {
    line.contains('|')
}

/// Setext headings are at most this long, joined; a longer "heading" is a paragraph above a rule.
pub(super) const MAX_HEADING_CHARS: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_and_rules() {
        assert_eq!(underline("==="), Some(1));
        assert_eq!(underline("  -------  "), Some(2));
        assert_eq!(underline("--"), None);
        assert_eq!(underline("- - -"), None);
        assert_eq!(underline("    ---"), None);
        assert_eq!(underline("=-="), None);
        assert_eq!(rule("- - -"), Some('-'));
        assert_eq!(rule("***"), Some('*'));
        assert_eq!(rule("====="), Some('='));
        assert_eq!(rule("--x"), None);
        assert_eq!(rule("**"), None);
    }
}
