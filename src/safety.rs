//! Urgent symptoms: spots a message saying that someone has a warning sign now ("my husband has a fever of
//! 39"), so that the reply starts with a notice to call the care team or emergency services. The symptoms,
//! the words that cancel them and the notices come from `safety.toml`.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, Diagnostic};
use crate::fuzzy::{Fuzzy, typo_budget};
use crate::normalize::{self, Token};

/// How urgent a symptom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Call the care team's 24-hour number now.
    Urgent,
    /// Call emergency services now.
    Emergency,
}

/// What the reply must start with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// The highest level among the symptoms found.
    pub level: Level,
    /// The symptoms found, by name.
    pub symptoms: Vec<String>,
    /// The notice for that level.
    pub notice: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    notices: Notices,
    words: Words,
    #[serde(default)]
    symptom: Vec<SymptomRaw>,
    #[serde(default)]
    reading: Vec<toml::Spanned<ReadingRaw>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingRaw {
    symptom: String,
    words: Vec<String>,
    ranges: Vec<(f64, f64)>,
}

/// A measurement that means a symptom: a number in `ranges` after one of `words`.
#[derive(Debug, Clone)]
struct Reading {
    symptom: usize,
    words: Vec<String>,
    ranges: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Notices {
    urgent: String,
    emergency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    negations: Vec<String>,
    hypotheticals: Vec<String>,
    question_starts: Vec<String>,
    persons: Vec<String>,
    clause_breaks: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SymptomRaw {
    name: String,
    level: Level,
    phrases: Vec<String>,
}

#[derive(Debug, Clone)]
struct Symptom {
    name: String,
    level: Level,
    /// Each phrase as stems, small filler words left out.
    phrases: Vec<Vec<String>>,
}

/// The urgent-symptom rules, ready to check messages.
#[derive(Debug, Clone)]
pub struct Safety {
    notices: Notices,
    symptoms: Vec<Symptom>,
    negations: Vec<Vec<String>>,
    hypotheticals: Vec<Vec<String>>,
    question_starts: HashSet<String>,
    persons: HashSet<String>,
    clause_breaks: Vec<Vec<String>>,
    /// Every stem the symptom phrases use: a misspelt word is read as the nearest of them.
    vocabulary: Vec<String>,
    /// The same stems, for finding the nearest without comparing with each.
    fuzzy: Fuzzy,
    readings: Vec<Reading>,
}

/// Words skipped on both sides when matching phrases: "can't find her words" is "can not find words".
const FILLERS: &[&str] = &[
    "a", "an", "the", "her", "his", "my", "their", "your", "our", "its", "any", "some",
];

/// How many words before a symptom a negation reaches ("no real signs of fever").
const NEGATION_REACH: usize = 4;

impl Safety {
    /// Parses a `safety.toml`; a problem names the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Safety, Diagnostic> {
        let raw: File =
            toml::from_str(text).map_err(|err| diagnostic::from_toml(file, text, &err))?;
        if raw.symptom.is_empty() {
            return Err(Diagnostic::error(
                file,
                None,
                "no [[symptom]] tables; expected at least one",
            ));
        }
        let symptoms: Vec<Symptom> = raw
            .symptom
            .into_iter()
            .map(|s| Symptom {
                name: s.name,
                level: s.level,
                phrases: s
                    .phrases
                    .iter()
                    .map(|p| stems(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect();
        let mut vocabulary: Vec<String> = symptoms
            .iter()
            .flat_map(|s| s.phrases.iter().flatten().cloned())
            .collect();
        vocabulary.sort();
        vocabulary.dedup();
        let mut readings = Vec::new();
        for reading in raw.reading {
            let line = diagnostic::line_of(text, reading.span().start);
            let reading = reading.into_inner();
            let Some(symptom) = symptoms.iter().position(|s| s.name == reading.symptom) else {
                let message = format!(
                    "[[reading]] names the symptom {:?}, which no [[symptom]] has",
                    reading.symptom
                );
                return Err(Diagnostic::error(file, Some(line), message));
            };
            let words = reading.words.iter().flat_map(|w| stems(w)).collect();
            readings.push(Reading {
                symptom,
                words,
                ranges: reading.ranges,
            });
        }
        let words = |list: &[String]| {
            list.iter()
                .map(|w| normalize::fold(w))
                .collect::<HashSet<_>>()
        };
        let phrases = |list: &[String]| {
            list.iter()
                .map(|p| stems(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        Ok(Safety {
            notices: raw.notices,
            symptoms,
            negations: phrases(&raw.words.negations),
            hypotheticals: phrases(&raw.words.hypotheticals),
            question_starts: words(&raw.words.question_starts),
            persons: words(&raw.words.persons),
            clause_breaks: phrases(&raw.words.clause_breaks),
            fuzzy: Fuzzy::new(vocabulary.iter().map(String::as_str)),
            vocabulary,
            readings,
        })
    }

    /// The alert for `message`, if it says that someone has an urgent symptom now.
    pub fn check(&self, message: &str) -> Option<Alert> {
        let clauses = self.clauses(message);
        let all: Vec<&Token> = clauses.iter().flatten().collect();
        let first = all.first()?;
        let names_someone = all.iter().any(|t| self.persons.contains(&t.word));
        if self.question_starts.contains(&first.word) && !names_someone {
            return None;
        }
        let mut found: Vec<&Symptom> = Vec::new();
        for clause in &clauses {
            for symptom in &self.symptoms {
                if found.iter().any(|f| f.name == symptom.name) {
                    continue;
                }
                let present = symptom.phrases.iter().any(|phrase| {
                    occurrences(clause, phrase).into_iter().any(|at| {
                        !ends_before(clause, &self.negations, at, NEGATION_REACH)
                            && !ends_before(clause, &self.hypotheticals, at, at)
                    })
                });
                if present {
                    found.push(symptom);
                }
            }
        }
        for reading in &self.readings {
            let symptom = &self.symptoms[reading.symptom];
            if !found.iter().any(|f| f.name == symptom.name) && self.reading_in(message, reading) {
                found.push(symptom);
            }
        }
        let level = found.iter().map(|s| s.level).max()?;
        let notice = match level {
            Level::Urgent => &self.notices.urgent,
            Level::Emergency => &self.notices.emergency,
        };
        Some(Alert {
            level,
            symptoms: found.iter().map(|s| s.name.clone()).collect(),
            notice: notice.clone(),
        })
    }

    /// Whether some clause holds one of the reading's words followed by a number in its ranges, with no
    /// negation before the word.
    fn reading_in(&self, message: &str, reading: &Reading) -> bool {
        // Decimal points stay inside numbers here, so clauses are cut at sentence ends only.
        message.split(['!', '?', '\n', ';']).any(|clause| {
            let tokens: Vec<Token> = normalize::tokens(clause)
                .into_iter()
                .map(|t| self.corrected(t))
                .collect();
            let Some(at) = tokens.iter().position(|t| reading.words.contains(&t.stem)) else {
                return false;
            };
            if ends_before(&tokens, &self.negations, at, NEGATION_REACH) {
                return false;
            }
            numbers(clause).into_iter().any(|n| {
                reading
                    .ranges
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&n))
            })
        })
    }

    /// The message cut into clauses at punctuation and clause-breaking words, fillers left out.
    fn clauses(&self, message: &str) -> Vec<Vec<Token>> {
        let mut clauses = Vec::new();
        for piece in message.split(['.', ',', ';', '!', '?', '\n', ':', '(', ')']) {
            let tokens: Vec<Token> = normalize::tokens(piece)
                .into_iter()
                .filter(|t| !FILLERS.contains(&t.word.as_str()))
                .map(|t| self.corrected(t))
                .collect();
            let mut start = 0;
            let mut i = 0;
            while i < tokens.len() {
                match self
                    .clause_breaks
                    .iter()
                    .find(|b| matches_at(&tokens, b, i))
                {
                    Some(b) => {
                        clauses.push(tokens[start..i].to_vec());
                        i += b.len();
                        start = i;
                    }
                    None => i += 1,
                }
            }
            clauses.push(tokens[start..].to_vec());
        }
        clauses.retain(|c| !c.is_empty());
        clauses
    }
}

impl Safety {
    /// The token with a misspelt stem replaced by the nearest symptom stem within the typo budget:
    /// "confussed" is "confused", never the farther "convulsing".
    fn corrected(&self, mut token: Token) -> Token {
        let len = token.word.chars().count();
        if token.stop || len < 5 || self.vocabulary.binary_search(&token.stem).is_ok() {
            return token;
        }
        if let Some(&(id, _)) = self.fuzzy.lookup(&token.stem, typo_budget(len)).first() {
            token.stem = self.fuzzy.word(id).to_string();
        }
        token
    }
}

/// The decimal numbers in `text` ("39", "38.5", "38,5").
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit()
            || (matches!(c, '.' | ',') && !current.is_empty() && !current.contains('.'))
        {
            current.push(if c == ',' { '.' } else { c });
        } else if !current.is_empty() {
            if let Ok(n) = current.trim_end_matches('.').parse() {
                out.push(n);
            }
            current.clear();
        }
    }
    out
}

/// A phrase as the stems the matcher compares.
fn stems(phrase: &str) -> Vec<String> {
    normalize::tokens(phrase)
        .into_iter()
        .filter(|t| !FILLERS.contains(&t.word.as_str()))
        .map(|t| t.stem)
        .collect()
}

/// Where `phrase` starts in `tokens`.
fn occurrences(tokens: &[Token], phrase: &[String]) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&i| matches_at(tokens, phrase, i))
        .collect()
}

/// Whether `phrase` stands at `at` (typos were corrected with the tokens).
fn matches_at(tokens: &[Token], phrase: &[String], at: usize) -> bool {
    phrase.len() <= tokens.len().saturating_sub(at) && matches_exactly(tokens, phrase, at)
}

/// Whether one of `phrases` ends within `reach` words before `at`.
fn ends_before(tokens: &[Token], phrases: &[Vec<String>], at: usize, reach: usize) -> bool {
    let from = at.saturating_sub(reach);
    (from..at).any(|start| {
        phrases
            .iter()
            .any(|p| start + p.len() <= at && matches_exactly(tokens, p, start))
    })
}

fn matches_exactly(tokens: &[Token], phrase: &[String], at: usize) -> bool {
    phrase
        .iter()
        .zip(&tokens[at..])
        .all(|(want, token)| token.stem == *want)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safety() -> Safety {
        let text = std::fs::read_to_string("faq/safety.toml").unwrap();
        Safety::parse("faq/safety.toml", &text).unwrap()
    }

    fn level(message: &str) -> Option<Level> {
        safety().check(message).map(|a| a.level)
    }

    #[test]
    fn reports_trigger_at_their_level() {
        assert_eq!(
            level("my husband has a fever of 39 after car-t"),
            Some(Level::Urgent)
        );
        assert_eq!(level("she is having a seizure"), Some(Level::Emergency));
    }

    #[test]
    fn several_symptoms_are_all_named() {
        let alert = safety()
            .check("she is confused and can't find her words")
            .unwrap();
        assert_eq!(
            alert.symptoms,
            ["confusion", "trouble speaking or understanding"]
        );
    }

    #[test]
    fn questions_negations_and_what_ifs_do_not_trigger() {
        assert_eq!(level("is fever a side effect?"), None);
        assert_eq!(level("no fever so far"), None);
        assert_eq!(level("he doesn't seem confused"), None);
        assert_eq!(level("what should I do if he gets a fever"), None);
    }

    #[test]
    fn typos_still_trigger() {
        assert_eq!(level("he has a feaver"), Some(Level::Urgent));
        assert_eq!(level("mum is very confussed"), Some(Level::Urgent));
    }

    #[test]
    fn negation_stops_at_a_clause_break() {
        assert_eq!(
            level("no fever but he is very confused"),
            Some(Level::Urgent)
        );
    }

    #[test]
    fn readings_in_range_are_symptoms() {
        assert_eq!(level("temp 39.2 after cart"), Some(Level::Urgent));
        assert_eq!(level("his temperature is 102"), Some(Level::Urgent));
        assert_eq!(level("temperature 37.2, all good"), None);
        assert_eq!(level("day 39 after the infusion"), None);
    }

    #[test]
    fn numbers_are_read_with_either_decimal_mark() {
        assert_eq!(numbers("38,5 then 39.1 and 40."), [38.5, 39.1, 40.0]);
    }

    #[test]
    fn bad_file_names_the_line() {
        let err = Safety::parse("s.toml", "[notices]\nurgent = 1\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
