//! A message as people write it: the sentences that ask, the sentences that give context ("my wife is 54,
//! lymphoma, second relapse"), and pleasantries ("hello everyone", "sorry for the essay", "thanks in
//! advance") that say nothing about the topic.
//!
//! Each token of the message gets the role of the clause it stands in; the query weighs its words by it.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

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

/// A run of a sentence's tokens between marks, and the marks that cut it from the piece before.
#[derive(Debug, Clone)]
struct Piece {
    tokens: Range<usize>,
    after: Marks,
}

/// The marks between a piece and the one before it (every mark since the last piece that held a word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    /// A comma, colon or semicolon.
    comma: bool,
    /// An opening or closing bracket.
    bracket: bool,
    /// An " and " or " or " followed by a question word: "how does it work and what are the risks".
    and_asking: bool,
}

/// The three ways a sentence is cut into clauses, each for what it decides.
#[derive(Debug, Clone, Copy)]
enum Clauses {
    /// At every comma and bracket, kept whole across "and what": what a clause says (a pleasantry, a
    /// question, context) rarely changes inside a bracket-free stretch between commas.
    Roles,
    /// At commas only: whether the message asks anything at all, wherever in a clause.
    Asking,
    /// At commas and at "and what", kept whole across brackets: where one question ends and the next
    /// begins ("is it safe (for kids) and what is the dose").
    Questions,
}

impl Clauses {
    /// Whether a clause goes on across `marks`.
    fn joins(self, marks: Marks) -> bool {
        match self {
            Clauses::Roles => !marks.comma && !marks.bracket,
            Clauses::Asking => !marks.comma,
            Clauses::Questions => !marks.comma && !marks.and_asking,
        }
    }
}

impl Sentence {
    /// The sentence's clauses as token ranges: its pieces, joined where `kind` goes on across the marks.
    fn clauses(&self, kind: Clauses) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut pieces = self.pieces.iter().peekable();
        std::iter::from_fn(move || {
            let first = pieces.next()?;
            let mut clause = first.tokens.clone();
            while let Some(next) = pieces.next_if(|p| kind.joins(p.after)) {
                clause.end = next.tokens.end;
            }
            Some(clause)
        })
    }
}

/// Reads `text` once: its tokens, their roles and the shape of its sentences.
pub fn read(text: &str) -> Reading {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (sentence, asked) in sentences_of(text) {
        let mut pieces = Vec::new();
        let mut marks = Marks::default();
        for (i, part) in sentence.split([',', ':']).enumerate() {
            marks.comma |= i > 0;
            for (j, asking) in split_before_and(part).into_iter().enumerate() {
                marks.and_asking |= j > 0;
                for (k, piece) in asking.split(['(', ')']).enumerate() {
                    marks.bracket |= k > 0;
                    let start = tokens.len();
                    tokens.extend(normalize::tokens(piece));
                    if tokens.len() > start {
                        pieces.push(Piece {
                            tokens: start..tokens.len(),
                            after: marks,
                        });
                        marks = Marks::default();
                    }
                }
            }
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
    /// The role of each token: a sentence that asks is the question, one that does not is context, and a
    /// clause of pleasantries weighs nothing wherever it stands.
    fn roles(&self, tokens: &[Token]) -> Vec<Role> {
        let decided: Vec<(Vec<Range<usize>>, bool)> = self
            .sentences
            .iter()
            .filter(|s| !s.pieces.is_empty())
            .map(|s| (s.clauses(Clauses::Roles).collect(), s.asked))
            .collect();
        let sentence_roles: Vec<Role> = decided
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
        for ((clauses, _), role) in decided.iter().zip(sentence_roles) {
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
        self.sentences
            .iter()
            .any(|s| s.asked || s.clauses(Clauses::Asking).any(|c| asks(&tokens[c])))
    }

    /// The separate questions of a message that asks more than one ("is it used for children, and what
    /// side effects should we expect?"), each as its tokens and their roles: each asking sentence, cut
    /// again where a clause starts to ask anew. Empty when the message asks one thing or none.
    pub fn questions(&self, tokens: &[Token]) -> Vec<(Vec<Token>, Vec<Role>)> {
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for (at, sentence) in self.sentences.iter().enumerate() {
            let mut current: Option<Range<usize>> = None;
            let mut current_asks = false;
            for clause in sentence.clauses(Clauses::Questions) {
                let starts_anew = asks(&tokens[clause.clone()]);
                if starts_anew && current_asks {
                    found.extend(current.take().map(|c| (at, c)));
                }
                current_asks |= starts_anew;
                current = Some(current.map_or(clause.clone(), |c| c.start..clause.end));
            }
            if current_asks || sentence.asked {
                found.extend(current.map(|c| (at, c)));
            }
        }
        if found.len() < 2 {
            return Vec::new();
        }
        // Each sentence's clauses are worked out once, however many questions it asks.
        let mut clauses: (usize, Vec<Range<usize>>) = (usize::MAX, Vec::new());
        found
            .into_iter()
            .map(|(at, span)| {
                if clauses.0 != at {
                    clauses = (at, self.sentences[at].clauses(Clauses::Roles).collect());
                }
                let roles = question_roles(&clauses.1, tokens, span.clone());
                (tokens[span].to_vec(), roles)
            })
            .collect()
    }
}

/// The roles of one question asked on its own: all question, but for its clauses of pleasantries.
/// `clauses` are its sentence's, in order.
fn question_roles(clauses: &[Range<usize>], tokens: &[Token], span: Range<usize>) -> Vec<Role> {
    let mut out = vec![Role::Question; span.len()];
    let first = clauses.partition_point(|c| c.end <= span.start);
    for clause in clauses[first..].iter().take_while(|c| c.start < span.end) {
        let part = clause.start.max(span.start)..clause.end.min(span.end);
        if !part.is_empty() && is_pleasantry(&tokens[part.clone()]) {
            out[part.start - span.start..part.end - span.start].fill(Role::Pleasantry);
        }
    }
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
    // Most words start no request: one lookup each, not a comparison with every request.
    (0..tokens.len())
        .filter(|&at| REQUEST_STARTS.contains(tokens[at].word.as_str()))
        .any(|at| {
            REQUESTS.iter().any(|r| {
                r.len() <= tokens.len() - at
                    && r.iter().zip(&tokens[at..]).all(|(w, t)| t.word == *w)
            })
        })
}

/// The first words of `REQUESTS`.
static REQUEST_STARTS: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| REQUESTS.iter().map(|r| r[0]).collect());

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

    /// `asks` looks a request up by its first word.
    #[test]
    fn every_request_has_a_first_word() {
        assert!(REQUESTS.iter().all(|r| !r.is_empty()));
    }

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
    fn a_bracket_beside_and_what_still_cuts_the_questions() {
        // The "and how" split is found before brackets are cut: a bracket next to it must not hide it.
        for text in [
            "what is CRS (cytokine release syndrome) and how is it treated?",
            "is it safe ( and what is the dose)?",
            "(is car-t safe) and what are the side effects?",
        ] {
            assert_eq!(questions(text).len(), 2, "{text:?}");
        }
        assert_eq!(
            questions("what is car t and what is crs (and is it dangerous) and how is it treated?")
                .len(),
            3
        );
    }

    #[test]
    fn a_separate_question_keeps_its_pleasantries_weightless() {
        let reading = read("thanks, is it safe for kids, and what are the side effects?");
        let questions = reading.layout.questions(&reading.tokens);
        assert_eq!(questions.len(), 2);
        let (tokens, roles) = &questions[0];
        assert_eq!(tokens[0].word, "thanks");
        assert_eq!(roles[0], Role::Pleasantry);
        assert!(roles[1..].iter().all(|&r| r == Role::Question));
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
