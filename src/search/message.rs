//! A message as people write it: the sentences that ask, the sentences that give context ("my wife is 54,
//! lymphoma, second relapse"), and pleasantries ("hello everyone", "sorry for the essay", "thanks in
//! advance") that say nothing about the topic.
//!
//! Each token of the message gets the role of the clause it stands in; the query weighs its words by it.

use std::ops::Range;

use crate::search::chitchat;
use crate::search::pleasantries;
use crate::text::normalize::{self, Token};

/// What a clause of a message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Greetings, apologies, thanks, sign-offs: weigh nothing.
    Pleasantry,
    /// Background: evidence, but weaker, and its unmatched words do not count against an entry.
    Context,
    /// What is asked: full weight.
    Question,
}

impl Role {
    /// How much a word of this role counts as evidence for an entry.
    pub fn evidence(self) -> f32 {
        match self {
            Role::Pleasantry => 0.0,
            Role::Context => CONTEXT_EVIDENCE,
            Role::Question => 1.0,
        }
    }

    /// How much a word of this role that an entry lacks counts against it.
    pub fn miss(self) -> f32 {
        match self {
            Role::Pleasantry => 0.0,
            Role::Context => CONTEXT_MISS,
            Role::Question => 1.0,
        }
    }
}

/// Context says something about what is asked, less than the question itself.
const CONTEXT_EVIDENCE: f32 = 0.5;
/// A context word the entry lacks hardly matters: "my wife is 54" is not what an entry must be about.
const CONTEXT_MISS: f32 = 0.15;

/// A message read once: its tokens, the role of each, and how its sentences are cut. The query, the
/// small-talk check and the message's separate questions all come from this one reading, so the text is
/// tokenised once.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The tokens of the message, as `normalize::tokens` makes them, piece by piece.
    pub tokens: Vec<Token>,
    /// The role of each token.
    pub roles: Vec<Role>,
    /// Where the sentences and their pieces are.
    pub layout: Layout,
}

/// How a message's tokens fall into sentences, and each sentence into pieces.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    sentences: Vec<Sentence>,
}

#[derive(Debug, Clone)]
struct Sentence {
    /// It ends with a question mark.
    asked: bool,
    /// Its pieces that hold tokens, in order.
    pieces: Vec<Piece>,
}

/// A run of a sentence's tokens between marks, and what cut it from the piece before.
#[derive(Debug, Clone)]
struct Piece {
    tokens: Range<usize>,
    cut: Cut,
}

/// What cut a piece from the one before: the strongest mark since the last piece that held a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    /// An " and " or " or " followed by a question word: "how does it work and what are the risks".
    AndAsking,
    /// A bracket.
    Bracket,
    /// A comma, colon or semicolon.
    Comma,
}

/// Reads `text` once: its tokens, their roles and the shape of its sentences.
pub fn read(text: &str) -> Reading {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (sentence, asked) in sentences_of(text) {
        let mut pieces = Vec::new();
        let mut cut = Cut::AndAsking;
        for (part, after) in marks(sentence) {
            for (i, piece) in split_before_and(part).into_iter().enumerate() {
                if i > 0 {
                    cut = cut.max(Cut::AndAsking);
                }
                let start = tokens.len();
                tokens.extend(normalize::tokens(piece));
                if tokens.len() > start {
                    pieces.push(Piece {
                        tokens: start..tokens.len(),
                        cut,
                    });
                    cut = Cut::AndAsking;
                }
            }
            cut = cut.max(after);
        }
        sentences.push(Sentence { asked, pieces });
    }
    let layout = Layout { sentences };
    let roles = layout.roles(&tokens);
    Reading {
        tokens,
        roles,
        layout,
    }
}

impl Layout {
    /// The clauses of a sentence as token ranges: its pieces, joined across the cuts that `joins` accepts.
    fn clauses(sentence: &Sentence, joins: impl Fn(Cut) -> bool) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for piece in &sentence.pieces {
            match out.last_mut() {
                Some(last) if joins(piece.cut) => last.end = piece.tokens.end,
                _ => out.push(piece.tokens.clone()),
            }
        }
        out
    }

    /// The role of each token: a sentence that asks is the question, one that does not is context, and a
    /// clause of pleasantries weighs nothing wherever it stands.
    fn roles(&self, tokens: &[Token]) -> Vec<Role> {
        // The clauses whose roles are decided: cut at every mark, kept whole across "and what".
        let read: Vec<(Vec<Range<usize>>, bool)> = self
            .sentences
            .iter()
            .filter(|s| !s.pieces.is_empty())
            .map(|s| (Self::clauses(s, |cut| cut == Cut::AndAsking), s.asked))
            .collect();
        let sentence_roles: Vec<Role> = read
            .iter()
            .map(|(clauses, asked)| {
                if clauses.iter().all(|c| is_pleasantry(&tokens[c.clone()])) {
                    Role::Pleasantry
                } else if *asked || clauses.iter().any(|c| asks(&tokens[c.clone()])) {
                    Role::Question
                } else {
                    Role::Context
                }
            })
            .collect();
        // A message that asks nothing in so many words is all question: "brain tumour car t when".
        let asks_somewhere = sentence_roles.contains(&Role::Question);
        let mut out = vec![Role::Question; tokens.len()];
        for ((clauses, _), role) in read.iter().zip(sentence_roles) {
            let role = match role {
                Role::Context if !asks_somewhere => Role::Question,
                role => role,
            };
            for clause in clauses {
                let role = if is_pleasantry(&tokens[clause.clone()]) {
                    Role::Pleasantry
                } else {
                    role
                };
                out[clause.clone()].fill(role);
            }
        }
        out
    }

    /// Whether the message asks anything: a question mark, or a clause that asks (a question word or an
    /// inverted verb first, or a request such as "tell me").
    pub fn asks_anything(&self, tokens: &[Token]) -> bool {
        self.sentences.iter().any(|s| {
            s.asked
                || Self::clauses(s, |cut| cut != Cut::Comma)
                    .into_iter()
                    .any(|c| asks(&tokens[c]))
        })
    }

    /// The separate questions of a message that asks more than one ("is it used for children, and what
    /// side effects should we expect?"), each as its tokens and their roles: each asking sentence, cut
    /// again where a clause starts to ask anew. Empty when the message asks one thing or none.
    pub fn questions(&self, tokens: &[Token]) -> Vec<(Vec<Token>, Vec<Role>)> {
        let mut found: Vec<(&Sentence, Range<usize>)> = Vec::new();
        for sentence in &self.sentences {
            let mut current: Option<Range<usize>> = None;
            let mut current_asks = false;
            for clause in Self::clauses(sentence, |cut| cut == Cut::Bracket) {
                let starts_anew = asks(&tokens[clause.clone()]);
                if starts_anew && current_asks {
                    found.extend(current.take().map(|c| (sentence, c)));
                }
                current_asks |= starts_anew;
                current = Some(current.map_or(clause.clone(), |c| c.start..clause.end));
            }
            if current_asks || sentence.asked {
                found.extend(current.map(|c| (sentence, c)));
            }
        }
        if found.len() < 2 {
            return Vec::new();
        }
        found
            .into_iter()
            .map(|(sentence, span)| {
                let roles = question_roles(sentence, tokens, span.clone());
                (tokens[span].to_vec(), roles)
            })
            .collect()
    }
}

/// The roles of one question of `sentence` asked on its own: all question, but for its clauses of
/// pleasantries.
fn question_roles(sentence: &Sentence, tokens: &[Token], span: Range<usize>) -> Vec<Role> {
    let mut out = vec![Role::Question; span.len()];
    for clause in Layout::clauses(sentence, |cut| cut == Cut::AndAsking) {
        let part = clause.start.max(span.start)..clause.end.min(span.end);
        if !part.is_empty() && is_pleasantry(&tokens[part.clone()]) {
            out[part.start - span.start..part.end - span.start].fill(Role::Pleasantry);
        }
    }
    out
}

/// A sentence cut at its marks: each part, and the cut that the mark after it makes.
fn marks(sentence: &str) -> Vec<(&str, Cut)> {
    let mut out = Vec::new();
    let mut begin = 0;
    for (at, c) in sentence.char_indices() {
        let cut = match c {
            ',' | ':' | ';' => Cut::Comma,
            '(' | ')' => Cut::Bracket,
            _ => continue,
        };
        out.push((&sentence[begin..at], cut));
        begin = at + c.len_utf8();
    }
    out.push((&sentence[begin..], Cut::AndAsking));
    out
}

/// A clause cut before each " and " / " or " that is followed by a question word: "how does it work and
/// what are the risks".
fn split_before_and(clause: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut begin = 0;
    let lower = clause.to_ascii_lowercase();
    let mut joins: Vec<usize> = lower
        .match_indices(" and ")
        .chain(lower.match_indices(" or "))
        .map(|(at, _)| at)
        .collect();
    joins.sort_unstable();
    for at in joins {
        let next_word = lower[at..].split_whitespace().nth(1).unwrap_or("");
        let asks_next = normalize::tokens(next_word)
            .first()
            .is_some_and(|t| normalize::is_question_word(&t.word));
        if asks_next && at > begin && clause.is_char_boundary(at) {
            out.push(&clause[begin..at]);
            begin = at;
        }
    }
    out.push(&clause[begin..]);
    out
}

/// The sentences of `text` and whether each ends with a question mark. Points and commas inside
/// numbers ("38.5") do not end anything.
fn sentences_of(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let ends = match c {
            '?' | '!' | ';' | '\n' | '…' => true,
            '.' => !(previous.is_ascii_digit() && next.is_ascii_digit()),
            _ => false,
        };
        if ends {
            let asked = c == '?';
            match out.last_mut() {
                // "???" or "?!" end one sentence.
                Some((_, was_asked)) if text[begin..at].trim().is_empty() => *was_asked |= asked,
                _ => out.push((&text[begin..at], asked)),
            }
            begin = at + c.len_utf8();
        }
        previous = c;
    }
    if !text[begin..].trim().is_empty() {
        out.push((&text[begin..], false));
    }
    out
}

/// Whether a clause asks something: a question word or an inverted verb first, or a request.
fn asks(tokens: &[Token]) -> bool {
    // "… and what are the risks": a joining word does not stop a clause from asking.
    let joined = tokens
        .iter()
        .take_while(|t| {
            matches!(
                t.word.as_str(),
                "and" | "or" | "but" | "so" | "also" | "then"
            )
        })
        .count();
    let tokens = &tokens[joined..];
    let Some(first) = tokens.first() else {
        return false;
    };
    let second = tokens.get(1).map(|t| t.word.as_str());
    if normalize::is_question_word(&first.word) {
        return true;
    }
    if INVERTED.contains(&first.word.as_str()) && second != Some("not") {
        return true;
    }
    (0..tokens.len()).any(|at| {
        REQUESTS.iter().any(|r| {
            r.len() <= tokens.len() - at && r.iter().zip(&tokens[at..]).all(|(w, t)| t.word == *w)
        })
    })
}

/// Verbs that open a question when they come first: "is it…", "can they…".
const INVERTED: &[&str] = &[
    "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "will", "would",
    "should", "has", "have", "had", "may", "might", "shall",
];

/// Ways of asking without a question mark or a question word.
const REQUESTS: &[&[&str]] = &[
    &["tell", "me"],
    &["tell", "us"],
    &["explain"],
    &["wondering"],
    &["wonder"],
    &["anyone", "know"],
    &["does", "anyone"],
    &["can", "someone"],
    &["can", "anyone"],
    &["need", "to", "know"],
    &["want", "to", "know"],
    &["help", "me", "understand"],
    &["any", "advice"],
    &["any", "info"],
    &["info", "on"],
    &["is", "it", "normal"],
    &["sum", "it", "up"],
];

/// Whether a clause is only pleasantries: small talk, apologies, sign-offs and talk about the post
/// itself ("first post", "long time lurker", "sorry for the essay").
fn is_pleasantry(tokens: &[Token]) -> bool {
    let content: Vec<&Token> = tokens.iter().filter(|t| !t.stop).collect();
    if content.is_empty() {
        // Only function words: "and you?" carries nothing, but "what is it" still asks.
        return !asks(tokens);
    }
    // Spelt exactly: a fuzzy look at every word of a long message costs more than a misspelt "thnaks"
    // inside one is worth.
    let small_talk = |t: &Token| chitchat::detect(std::slice::from_ref(t), |_| true).is_some();
    content
        .iter()
        .all(|t| pleasantries::is_pleasantry_word(&t.word) || small_talk(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(String, Role)> {
        let reading = read(text);
        reading
            .tokens
            .into_iter()
            .map(|t| t.word)
            .zip(reading.roles)
            .collect()
    }

    /// The separate questions, each as its words.
    fn questions(text: &str) -> Vec<String> {
        let reading = read(text);
        reading
            .layout
            .questions(&reading.tokens)
            .into_iter()
            .map(|(tokens, roles)| {
                assert_eq!(tokens.len(), roles.len());
                let words: Vec<String> = tokens.into_iter().map(|t| t.word).collect();
                words.join(" ")
            })
            .collect()
    }

    fn role_of(text: &str, word: &str) -> Role {
        roles(text)
            .into_iter()
            .find(|(w, _)| w == word)
            .map(|(_, r)| r)
            .unwrap_or_else(|| panic!("{word:?} not in {text:?}"))
    }

    #[test]
    fn greetings_and_sign_offs_weigh_nothing() {
        let text =
            "Hello everyone, first post. My wife is 54, lymphoma. What is CRS? Thanks in advance x";
        assert_eq!(role_of(text, "hello"), Role::Pleasantry);
        assert_eq!(role_of(text, "first"), Role::Pleasantry);
        assert_eq!(role_of(text, "lymphoma"), Role::Context);
        assert_eq!(role_of(text, "crs"), Role::Question);
        assert_eq!(role_of(text, "advance"), Role::Pleasantry);
    }

    #[test]
    fn a_message_that_asks_nothing_is_all_question() {
        assert_eq!(role_of("brain tumour car t when", "tumour"), Role::Question);
        assert_eq!(role_of("My dad is 80. He had CRS", "crs"), Role::Question);
    }

    #[test]
    fn questions_without_a_question_mark() {
        assert_eq!(
            role_of("My dad had chemo. tell me about crs", "crs"),
            Role::Question
        );
        assert_eq!(
            role_of("My dad had chemo. tell me about crs", "chemo"),
            Role::Context
        );
        assert_eq!(role_of("Mum is 70. is it safe", "safe"), Role::Question);
    }

    #[test]
    fn a_message_with_two_questions_gives_both() {
        let two = questions(
            "my 9yo is having it. is it used for children, and what side effects should we expect?",
        );
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(two[1].contains("side effects"));
        assert_eq!(
            questions("so how does it work and whats the risks?").len(),
            2
        );
        assert!(questions("what is crs?").is_empty());
        assert!(questions("Hello. My dad is 80. What is CRS?").is_empty());
    }

    #[test]
    fn numbers_and_repeated_marks_do_not_cut_sentences() {
        assert_eq!(
            sentences_of("temp 38.5 now??? ok"),
            [("temp 38.5 now", true), (" ok", false)]
        );
    }

    #[test]
    fn any_text_reads_without_panicking() {
        for text in ["", "?", "...", "İ?\u{2126}.", "😀 , ( ) : ;", "a.b?c!d"] {
            let reading = read(text);
            assert_eq!(reading.tokens.len(), reading.roles.len());
            reading.layout.questions(&reading.tokens);
            reading.layout.asks_anything(&reading.tokens);
        }
    }
}
