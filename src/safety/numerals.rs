//! Numbers written in words: "thirty eight point two", "one hundred and one point four", "38 point 5".
//! Worried people type a temperature the way they would say it; read as a number, it is a reading like
//! any other ("temp thirty eight point two" = "temp 38.2").

use crate::safety::token::Token;

/// The tokens with each number written in words (or digits and "point") replaced by one number token.
/// Only unmistakable numbers are read: a single "one" or "two" stays a word ("no one", "the two of us"),
/// while "thirty", "nineteen", "forty one" or anything with "hundred" or "point" becomes a number.
pub(crate) fn read_spelled_numbers(tokens: Vec<Token>) -> Vec<Token> {
    if !tokens.iter().any(|t| is_number_word(&t.word)) {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        match spelled(&tokens, i) {
            Some((value, end, decimal)) => {
                // Written with "point", it is written as "38.2" is: with its decimals.
                let text = decimal.unwrap_or_else(|| {
                    tokens[i..end]
                        .iter()
                        .map(|t| t.word.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                let unit = tokens[end - 1].unit.clone();
                out.push(Token::number(&text, value, false, unit));
                i = end;
            }
            None => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The number starting at `at`, the token after it, and its digits ("38.2") when it has decimals, if a
/// number is written there.
fn spelled(tokens: &[Token], at: usize) -> Option<(f64, usize, Option<String>)> {
    let (whole, mut next, sure) = integer(tokens, at)?;
    let mut value = whole as f64;
    let mut decimal = None;
    if tokens.get(next).is_some_and(|t| t.word == "point") {
        let mut digits = String::new();
        let mut j = next + 1;
        while let Some(t) = tokens.get(j) {
            match (digit(&t.word), t.number) {
                (Some(d), _) => digits.push(char::from(b'0' + d)),
                (None, Some(n)) if t.word.chars().all(|c| c.is_ascii_digit()) && n < 100.0 => {
                    digits.push_str(&t.word)
                }
                _ => break,
            }
            j += 1;
        }
        if !digits.is_empty() {
            let text = format!("{whole}.{digits}");
            value = text.parse().ok()?;
            decimal = Some(text);
            next = j;
        }
    }
    // A lone digit token ("38") is already a number: it becomes a new one only with its decimals.
    let from_digits = tokens[at].number.is_some();
    let is_new = decimal.is_some() || sure && !from_digits;
    is_new.then_some((value, next, decimal))
}

/// A whole number at `at` (a digit token, or words up to 999), the token after it, and whether it is
/// unmistakably a number (more than one word, or a tens or teens word).
fn integer(tokens: &[Token], at: usize) -> Option<(u32, usize, bool)> {
    let first = tokens.get(at)?;
    if let Some(n) = first.number {
        let whole = first.word.chars().all(|c| c.is_ascii_digit()) && n < 1000.0;
        return whole.then_some((n as u32, at + 1, false));
    }
    let (mut value, mut next) = below_hundred(tokens, at)?;
    let mut sure = next - at > 1 || value >= 10;
    let a_hundred = first.word == "a" && tokens.get(at + 1).is_some_and(|t| t.word == "hundred");
    if a_hundred {
        value = 1;
        next = at + 1;
    }
    if tokens.get(next).is_some_and(|t| t.word == "hundred") {
        value *= 100;
        next += 1;
        sure = true;
        let and = usize::from(tokens.get(next).is_some_and(|t| t.word == "and"));
        if let Some((rest, after)) = below_hundred(tokens, next + and) {
            value += rest;
            next = after;
        }
    }
    Some((value, next, sure))
}

/// 1 to 99 in words at `at` ("eight", "nineteen", "thirty", "thirty eight"), and the token after it.
fn below_hundred(tokens: &[Token], at: usize) -> Option<(u32, usize)> {
    let word = tokens.get(at)?.word.as_str();
    if word == "a" {
        return tokens
            .get(at + 1)
            .is_some_and(|t| t.word == "hundred")
            .then_some((1, at + 1));
    }
    if let Some(tens) = tens(word) {
        let unit = tokens
            .get(at + 1)
            .and_then(|t| digit(&t.word))
            .filter(|&d| d > 0);
        return Some(match unit {
            Some(u) => (tens + u32::from(u), at + 2),
            None => (tens, at + 1),
        });
    }
    if let Some(teen) = teen(word) {
        return Some((teen, at + 1));
    }
    digit(word)
        .filter(|&d| d > 0)
        .map(|d| (u32::from(d), at + 1))
}

fn digit(word: &str) -> Option<u8> {
    let at = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ]
    .iter()
    .position(|w| *w == word)
    .or_else(|| matches!(word, "oh" | "nought" | "nil").then_some(0))?;
    Some(at as u8)
}

fn teen(word: &str) -> Option<u32> {
    [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    .iter()
    .position(|w| *w == word)
    .map(|p| 10 + p as u32)
}

fn tens(word: &str) -> Option<u32> {
    [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ]
    .iter()
    .position(|w| *w == word)
    .map(|p| 20 + 10 * p as u32)
}

fn is_number_word(word: &str) -> bool {
    word == "point" || word == "hundred" || tens(word).is_some() || teen(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::text::tokens;

    fn numbers(text: &str) -> Vec<f64> {
        read_spelled_numbers(tokens(text))
            .iter()
            .filter_map(|t| t.number)
            .collect()
    }

    #[test]
    fn reads_a_temperature_said_in_words() {
        assert_eq!(numbers("temp thirty eight point two"), [38.2]);
        assert_eq!(numbers("one hundred and one point four F"), [101.4]);
        assert_eq!(numbers("a hundred and two"), [102.0]);
        assert_eq!(numbers("it was 38 point 5 now"), [38.5]);
        assert_eq!(numbers("thirty-nine"), [39.0]);
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        assert!(numbers("no one came, the two of us waited").is_empty());
        assert!(numbers("what is the point of that").is_empty());
        assert_eq!(numbers("38 and one more thing"), [38.0]);
    }

    #[test]
    fn decimals_keep_their_point() {
        let t = read_spelled_numbers(tokens("thirty eight point oh"));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].word, "38.0");
    }
}
