//! Small talk: greetings, thanks, goodbyes and "ok"s get a short friendly reply, not an FAQ section.

use crate::text::normalize::Token;

/// The kind of small talk a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChitChat {
    /// "hi", "hello there".
    Greeting,
    /// "thanks", "thank you so much".
    Thanks,
    /// "bye", "good night".
    Goodbye,
    /// "ok", "lol", "great".
    Acknowledgement,
    /// About the bot itself: "are you a real person?", "is this a bot", "what can you do". A patient
    /// who asks whether a person is answering must be told plainly that it is not.
    AboutBot,
}

/// Words of small talk, by kind; a message made only of these (and function words) is small talk.
const WORDS: &[(ChitChat, &[&str])] = &[
    (
        ChitChat::Thanks,
        &[
            "thanks",
            "thank",
            "thankyou",
            "cheers",
            "appreciate",
            "appreciated",
            "grateful",
            "ta",
        ],
    ),
    (
        ChitChat::Goodbye,
        &[
            "bye",
            "goodbye",
            "byebye",
            "cya",
            "later",
            "farewell",
            "goodnight",
            "night",
            // Kisses that sign off a message in support groups.
            "xx",
            "xxx",
            "xoxo",
        ],
    ),
    (
        ChitChat::Greeting,
        &[
            "hi",
            "hello",
            "hey",
            "heya",
            "hiya",
            "howdy",
            "greetings",
            "morning",
            "evening",
            "afternoon",
            "hallo",
            "hola",
            "yo",
            "sup",
        ],
    ),
    (
        ChitChat::Acknowledgement,
        &[
            "ok",
            "cool",
            "great",
            "nice",
            "good",
            "lol",
            "haha",
            "hahaha",
            "hehe",
            "lmao",
            "yes",
            "yeah",
            "yep",
            "yup",
            "sure",
            "fine",
            "alright",
            "awesome",
            "perfect",
            "understood",
            "wow",
            "hmm",
            "oh",
            "ah",
            "helpful",
            "sweet",
            "excellent",
            "brilliant",
            "lovely",
        ],
    ),
];

/// Whether `tokens` are only small talk; the strongest kind wins (thanks over a greeting). A word that
/// `is_topic` knows is small talk only when spelt exactly: "great" yes, "treatment" never.
pub fn detect(tokens: &[Token], is_topic: impl Fn(&Token) -> bool) -> Option<ChitChat> {
    let mut kinds = Vec::new();
    // "thank you bot": naming the bot adds nothing.
    for token in tokens
        .iter()
        .filter(|t| !t.stop && !NAMES_OF_THE_BOT.contains(&t.word.as_str()))
    {
        kinds.push(kind_of(&token.word, !is_topic(token))?);
    }
    WORDS
        .iter()
        .map(|(kind, _)| *kind)
        .find(|k| kinds.contains(k))
}

/// Thanks, a greeting or a goodbye wrapped in everyday words — "thanks everyone for the kind words",
/// "thanks so much, that really helps" — when the message asks nothing: small talk too. Every other word
/// must be common English (`common(word)`), so "thank you, we go in for the infusion on monday" is not.
/// An "ok" alone does not make a message small talk this way: "ok so what happens next" asks.
pub fn wrapped(
    tokens: &[Token],
    asks: impl FnOnce() -> bool,
    common: impl Fn(&Token) -> bool,
) -> Option<ChitChat> {
    let mut found = None;
    for token in tokens.iter().filter(|t| !t.stop) {
        match kind_of(&token.word, false) {
            Some(kind @ (ChitChat::Thanks | ChitChat::Greeting | ChitChat::Goodbye)) => {
                found = found.or(Some(kind));
            }
            Some(ChitChat::Acknowledgement | ChitChat::AboutBot) => {}
            None if common(token) => {}
            None => return None,
        }
    }
    // Whether the message asks means reading its text again: done last, for the few messages it decides.
    found.filter(|_| !asks())
}

/// Whether a message asks about the bot itself ("are you a real person or a bot?", "who are you", "what
/// can you do"): it speaks to the bot, and every word with content is about what the bot is or does — a
/// topic word ("what do you know about crs") makes it a question for the FAQ.
pub fn about_bot(tokens: &[Token]) -> bool {
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let addressed = words.contains(&"you")
        || words
            .windows(2)
            .any(|w| matches!(w, ["is", "this"] | ["this", "is"] | ["am", "i"]));
    let direct = BOT_QUESTIONS
        .iter()
        .any(|q| words.windows(q.len()).any(|w| w == *q));
    let identity = words.iter().any(|w| IDENTITY.contains(w));
    let only_about_the_bot = tokens.iter().filter(|t| !t.stop).all(|t| {
        let w = t.word.as_str();
        IDENTITY.contains(&w)
            || BOT_VERBS.contains(&w)
            || matches!(
                kind_of(w, false),
                Some(ChitChat::Greeting | ChitChat::Acknowledgement)
            )
    });
    words.len() <= MAX_ABOUT_BOT_WORDS && addressed && (direct || identity) && only_about_the_bot
}

/// What people call the bot in small talk.
const NAMES_OF_THE_BOT: &[&str] = &["bot", "robot", "chatbot", "faqbot", "buddy"];

/// A question about the bot is short; a long message that mentions a bot is about something else.
const MAX_ABOUT_BOT_WORDS: usize = 14;

/// What the bot may be asked to be.
const IDENTITY: &[&str] = &[
    "bot",
    "robot",
    "chatbot",
    "human",
    "real",
    "person",
    "ai",
    "machine",
    "computer",
    "automated",
    "automatic",
    "program",
    "programme",
    "software",
    "actual",
    "live",
    "nurse",
    "doctor",
];

/// What the bot may be asked to do.
const BOT_VERBS: &[&str] = &[
    "do", "know", "work", "works", "made", "built", "help", "talk", "talking",
];

/// Questions to the bot about itself, word for word.
const BOT_QUESTIONS: &[&[&str]] = &[
    &["who", "are", "you"],
    &["what", "are", "you"],
    &["what", "can", "you", "do"],
    &["what", "do", "you", "do"],
    &["what", "do", "you", "know"],
    &["how", "do", "you", "work"],
    &["who", "made", "you"],
    &["who", "built", "you"],
    &["what", "can", "you", "help"],
];

fn kind_of(word: &str, fuzzy: bool) -> Option<ChitChat> {
    let len = word.chars().count();
    WORDS.iter().find_map(|(kind, words)| {
        let close = |w: &&str| {
            *w == word
                || (fuzzy
                    && len >= 5
                    && w.len().abs_diff(len) <= 1
                    && strsim::osa_distance(w, word) == 1
                    && w.chars().next() == word.chars().next())
        };
        words.iter().any(close).then_some(*kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tokens;

    fn kind(text: &str) -> Option<ChitChat> {
        detect(&tokens(text), |t| t.word == "treatment")
    }

    #[test]
    fn greetings_thanks_and_oks() {
        assert_eq!(kind("hi there"), Some(ChitChat::Greeting));
        assert_eq!(kind("Thank you so much!"), Some(ChitChat::Thanks));
        assert_eq!(kind("lol"), Some(ChitChat::Acknowledgement));
        assert_eq!(kind("ok thx bye"), Some(ChitChat::Thanks));
        assert_eq!(kind("thank you bot"), Some(ChitChat::Thanks));
        assert_eq!(kind("bot"), None);
    }

    #[test]
    fn questions_about_the_bot_itself() {
        let about = |text: &str| about_bot(&tokens(text));
        for text in [
            "are you a real person or a bot",
            "Is this a bot?",
            "r u human",
            "hi, who are you?",
            "what can you do",
            "am i talking to a real nurse",
        ] {
            assert!(about(text), "{text}");
        }
        for text in [
            "what do you know about crs",
            "is my husband a real person to them or a number",
            "is this normal",
            "thank you",
            "can you explain car t",
        ] {
            assert!(!about(text), "{text}");
        }
    }

    #[test]
    fn misspelt_thanks_is_still_thanks() {
        assert_eq!(kind("thnaks"), Some(ChitChat::Thanks));
    }

    #[test]
    fn a_question_is_not_small_talk() {
        assert_eq!(kind("hi what is crs"), None);
        assert_eq!(kind("treatment"), None);
        assert_eq!(kind(""), None);
    }
}
