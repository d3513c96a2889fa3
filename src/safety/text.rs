//! A message as the safety check reads it: sentences, clauses, and tokens that keep numbers whole
//! ("38.4", "38,4", "85/50") with the unit written against them ("101F", "38°C", "91%").

use crate::safety::numerals::read_spelled_numbers;
pub(crate) use crate::safety::token::Token;
pub(crate) use crate::safety::typos::Corrector;
use crate::text::normalize;

/// Small words skipped on both sides when matching phrases: "can't find her words" is "can not find
/// words".
const FILLERS: &[&str] = &[
    "a", "an", "the", "her", "his", "my", "their", "your", "our", "its", "any", "some",
];

/// Verbs written with "n't" (or "nt"), read as the verb and "not": "couldn't tell", "wouldnt wake".
/// "can't" and "won't" change their stem and are read by the normaliser.
/// Pronouns whose "'s" is "is": "it's", "she's", "that's".
const IS_CONTRACTED: &[&str] = &[
    "it", "he", "she", "that", "there", "what", "who", "where", "here",
];

const NOT_CONTRACTED: &[&str] = &[
    "could", "would", "should", "must", "need", "were", "had", "did", "does", "do", "is", "are",
    "was", "has", "have", "might",
];

/// A set of stems, looked up once per token of every message: a hash set, not a list.
pub(crate) type Words = rustc_hash::FxHashSet<String>;

/// How a clause began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// At the start of a sentence.
    Sentence,
    /// After a comma, colon or bracket: a list may go on across it.
    Comma,
    /// After a break word ("but", "however").
    Break,
}

/// A clause: the unit that most modifiers reach across.
#[derive(Debug, Clone)]
pub(crate) struct Clause<'a> {
    /// The text as written, for explanations: borrowed, as most messages are never explained.
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Which sentence of the message it belongs to.
    pub sentence: usize,
    pub start: Start,
    /// Its sentence ends with a question mark.
    pub asked: bool,
    /// It speaks of the clause before ("…, that was years ago"; "… which cleared up").
    pub refers_back: bool,
}

/// Cuts `message` into clauses: sentences end at . ! ? ; and line ends, clauses at commas, colons,
/// brackets and dashes, never inside a number ("38.4", "38,4"); then at the break phrases given.
pub(crate) fn clauses<'a>(
    message: &'a str,
    splitter: &Splitter,
    corrector: &Corrector,
) -> Vec<Clause<'a>> {
    let message = normalize::message_head(message);
    let mut out: Vec<Clause> = Vec::new();
    let mut sentence = 0;
    let mut sentence_begun = false;
    for (text, start, end) in pieces(message) {
        let tokens: Vec<Token> = tokens(text)
            .into_iter()
            .map(|t| corrector.correct(t))
            .collect();
        if !tokens.is_empty() {
            let mut kind = if sentence_begun {
                start
            } else {
                Start::Sentence
            };
            // The clauses of the piece as (tokens, how it began, whether it speaks of the one before);
            // their tokens are moved out of the piece's once all are known.
            let mut found_clauses = Vec::new();
            let mut begin = 0;
            let mut i = 0;
            let mut after_referring_break = false;
            while i <= tokens.len() {
                let found = splitter.break_at(&tokens, i);
                if found.is_none() && i < tokens.len() {
                    i += 1;
                    continue;
                }
                if i > begin {
                    let refers_back = kind != Start::Sentence
                        && (after_referring_break
                            || splitter.refer_back.contains(&tokens[begin].stem));
                    found_clauses.push((begin..i, kind, refers_back));
                }
                let Some(len) = found else { break };
                after_referring_break = splitter.refer_back.contains(&tokens[i].stem);
                i += len;
                begin = i;
                kind = Start::Break;
            }
            let text = text.trim();
            let mut rest = tokens.into_iter();
            let mut taken = 0;
            for (span, start, refers_back) in found_clauses {
                // The break words between clauses belong to neither.
                if span.start > taken {
                    rest.nth(span.start - taken - 1);
                }
                out.push(Clause {
                    text,
                    tokens: rest.by_ref().take(span.len()).collect(),
                    sentence,
                    start,
                    asked: false,
                    refers_back,
                });
                taken = span.end;
            }
            sentence_begun = true;
        }
        if let Some(asked) = end
            && sentence_begun
        {
            for clause in out.iter_mut().rev().take_while(|c| c.sentence == sentence) {
                clause.asked = asked;
            }
            sentence += 1;
            sentence_begun = false;
        }
    }
    out
}

/// Where clauses break inside a piece of text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Splitter {
    /// Phrases that end a clause and belong to neither side ("but", "however").
    pub breaks: Vec<Vec<String>>,
    /// Words that start a new clause when a subject follows ("and he …"); the subject stays.
    pub conjunctions: Words,
    pub subjects: Words,
    /// Words that make a clause speak of the one before ("that", "which").
    pub refer_back: Words,
}

impl Splitter {
    /// How many tokens at `i` break the clause, if they do.
    fn break_at(&self, tokens: &[Token], i: usize) -> Option<usize> {
        if let Some(b) = self.breaks.iter().find(|b| matches_at(tokens, b, i)) {
            return Some(b.len());
        }
        let subject_next = tokens
            .get(i + 1)
            .is_some_and(|t| self.subjects.contains(&t.stem));
        let conjunction = tokens
            .get(i)
            .is_some_and(|t| self.conjunctions.contains(&t.stem));
        (i > 0 && conjunction && subject_next).then_some(1)
    }
}

/// The pieces between punctuation: its text, the mark before it, and — when it ends a sentence —
/// whether with a question mark.
fn pieces(message: &str) -> Vec<(&str, Start, Option<bool>)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = message.char_indices().collect();
    let digit_at = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_ascii_digit());
    let mut begin = 0;
    let mut start = Start::Sentence;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let inside_number = matches!(c, '.' | ',') && i > 0 && digit_at(i - 1) && digit_at(i + 1);
        let spaced_dash =
            matches!(c, '-' | '–' | '—') && (i == 0 || chars[i - 1].1.is_whitespace());
        let (end, next) = match c {
            _ if inside_number => continue,
            '.' | '!' | '?' | ';' | '\n' | '…' => (Some(c == '?'), Start::Sentence),
            ',' | ':' | '(' | ')' => (None, Start::Comma),
            _ if spaced_dash => (None, Start::Comma),
            _ => continue,
        };
        out.push((&message[begin..at], start, end));
        begin = at + c.len_utf8();
        start = next;
    }
    out.push((&message[begin..], start, Some(false)));
    out
}

/// The words and numbers of a piece of text; numbers said in words ("thirty eight point two") as numbers.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    // One buffer for every word's letters and one for its normalised tokens, not two allocations a word.
    let mut raw = String::new();
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = at;
            let mut value = String::new();
            let mut second = false;
            let mut pair = false;
            while let Some(&(i, c)) = chars.peek() {
                let next_is_digit = text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit());
                if c.is_ascii_digit() {
                    if !second {
                        value.push(c);
                    }
                } else if matches!(c, '.' | ',') && next_is_digit && !value.contains('.') && !second
                {
                    value.push('.');
                } else if c == '/' && next_is_digit && !second {
                    second = true;
                    pair = true;
                } else {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let unit = glued_unit(&text[end..]);
            if let Some(unit) = &unit {
                for _ in 0..unit.1 {
                    chars.next();
                }
            }
            if let Ok(number) = value.parse::<f64>() {
                out.push(Token::number(
                    &text[at..end],
                    number,
                    pair,
                    unit.map(|u| u.0),
                ));
            }
        } else if c.is_alphanumeric() {
            raw.clear();
            let mut apostrophe = None;
            while let Some(&(_, c)) = chars.peek() {
                if c.is_alphanumeric() && !c.is_ascii_digit() {
                    raw.push(c);
                    chars.next();
                } else if matches!(c, '\'' | '’') {
                    // "can't" is "cant", which normalisation reads as "can not".
                    apostrophe = Some(raw.len());
                    chars.next();
                } else {
                    break;
                }
            }
            // Only a word ending in "nt" can be a verb and "not": most words are not lowercased again.
            let ends_nt = raw.len() > 2
                && raw.is_char_boundary(raw.len() - 2)
                && raw[raw.len() - 2..].eq_ignore_ascii_case("nt");
            let lower = ends_nt.then(|| raw.to_lowercase());
            // "it's 38.2", "he's shaking": a pronoun's "'s" is "is" (a possessive "its" has no apostrophe).
            let is_contracted = apostrophe
                .filter(|&at| raw[at..].eq_ignore_ascii_case("s"))
                .map(|at| raw[..at].to_lowercase())
                .filter(|pronoun| IS_CONTRACTED.contains(&pronoun.as_str()));
            let not_contracted = lower
                .as_deref()
                .and_then(|l| l.strip_suffix("nt"))
                .filter(|verb| NOT_CONTRACTED.contains(verb));
            let parts: &[&str] = match (not_contracted, is_contracted.as_deref()) {
                (Some(verb), _) => &[verb, "not"],
                (None, Some(pronoun)) => &[pronoun, "is"],
                (None, None) => &[raw.as_str()],
            };
            for part in parts {
                normalize::append_word_tokens(part, &mut words);
            }
            out.extend(words.drain(..).map(|t| Token {
                filler: FILLERS.contains(&t.word.as_str()),
                word: t.word,
                stem: t.stem,
                ..Token::default()
            }));
        } else {
            chars.next();
        }
    }
    read_spelled_numbers(out)
}

/// The unit written against a number ("F", "°C", "%", "bpm") and how many characters it takes.
fn glued_unit(rest: &str) -> Option<(String, usize)> {
    let mut taken = 0;
    let mut unit = String::new();
    let mut chars = rest.chars().peekable();
    if chars.peek() == Some(&'%') {
        return Some(("%".to_string(), 1));
    }
    if matches!(chars.peek(), Some('°' | 'º')) {
        chars.next();
        taken += 1;
        unit.push('°');
    }
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphabetic() {
            unit.push(c.to_ascii_lowercase());
            chars.next();
            taken += 1;
        } else {
            break;
        }
    }
    let unit = unit.trim_start_matches('°').to_string();
    (!unit.is_empty() || taken > 0)
        .then(|| (if unit.is_empty() { "°".into() } else { unit }, taken))
}

/// Whether `phrase` starts at token `at` (no gaps: for break phrases).
pub(crate) fn matches_at(tokens: &[Token], phrase: &[String], at: usize) -> bool {
    phrase.len() <= tokens.len().saturating_sub(at)
        && phrase.iter().zip(&tokens[at..]).all(|(p, t)| *p == t.stem)
}

/// A phrase as the stems compared, with or without its small words.
/// A word written `=word` is kept as that word, to be matched as written rather than by its stem.
pub(crate) fn phrase_stems(phrase: &str, without_fillers: bool) -> Vec<String> {
    let mut out = Vec::new();
    for part in phrase.split_whitespace() {
        if let Some(exact) = part.strip_prefix('=') {
            out.extend(tokens(exact).into_iter().map(|t| format!("={}", t.word)));
            continue;
        }
        out.extend(
            tokens(part)
                .into_iter()
                .filter(|t| !(without_fillers && t.filler))
                .map(|t| if t.number.is_some() { t.word } else { t.stem })
                .filter(|s| !s.is_empty()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn a_pronoun_s_is_is() {
        let words: Vec<String> = tokens("it's 38.2 and she's hot, its lid")
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert_eq!(
            words,
            ["it", "is", "38.2", "and", "she", "is", "hot", "its", "lid"]
        );
        // A letter that grows when lowercased before "'s" (found by the property test).
        assert_eq!(tokens("Ⱥ's").len(), 1);
    }

    #[test]
    fn numbers_stay_whole_with_their_units() {
        let t = tokens("temp 38,4 then 101.3F, sats 91% bp 85/50 at 38°C");
        let numbers: Vec<_> = t.iter().filter_map(|t| t.number).collect();
        assert_eq!(numbers, [38.4, 101.3, 91.0, 85.0, 38.0]);
        let units: Vec<_> = t.iter().filter_map(|t| t.unit.clone()).collect();
        assert_eq!(units, ["f", "%", "c"]);
        assert!(t.iter().any(|t| t.pair));
    }

    #[test]
    fn words_are_normalised_like_questions() {
        assert_eq!(words("He wont wake"), ["he", "will", "not", "wake"]);
        assert_eq!(words("can't"), ["can", "not"]);
    }

    #[test]
    fn sentences_and_clauses() {
        let c = clauses(
            "Is this bad? Fever 39.5, shaking. no fever but chills",
            &Splitter {
                breaks: vec![vec!["but".to_string()]],
                ..Splitter::default()
            },
            &Corrector::new(Vec::new()),
        );
        let texts: Vec<_> = c
            .iter()
            .map(|c| (c.sentence, c.start, c.asked, c.tokens.len()))
            .collect();
        assert_eq!(
            texts,
            [
                (0, Start::Sentence, true, 3),
                (1, Start::Sentence, false, 2),
                (1, Start::Comma, false, 1),
                (2, Start::Sentence, false, 2),
                (2, Start::Break, false, 1),
            ]
        );
    }
}
