//! The knobs of the scorer, from `[matching.weights]` in the configuration (their defaults are the
//! shipped `config.toml`'s).

/// The knobs of the scorer, from `[matching]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of a term found in an entry's title.
    pub title: f32,
    /// Weight of a term found in an alternate question.
    pub question: f32,
    /// Weight of a term found only in the body.
    pub body: f32,
    /// Weight of a word the FAQ does not know, as a share of a rare word's weight (one entry in a thousand holds it).
    pub unknown_word: f32,
    /// Quality of a match through a typo correction, per edit.
    pub typo_penalty: f32,
    /// Quality of a match through a synonym.
    pub synonym: f32,
    /// Quality of a match through a broader word ("wine" found as "alcohol", from `broader.toml`).
    pub broader: f32,
    /// How much the share of the entry's title used by the question counts (0 to 1).
    pub title_fit: f32,
    /// The share of the title fit that the heading's function words ("does", "can", "i") take (0 to 1).
    pub function_words: f32,
    /// What an entry's score keeps when the question asks for a kind of answer ("how long": a length of
    /// time; "how much does it cost": an amount) that the entry's text does not give (0 to 1; 1 turns the
    /// check off).
    pub answer_kind: f32,
    /// Weight of a question word ("what", "how") matched against headings, as a share of a rare word's weight.
    pub question_word: f32,
    /// The evidence (as a share of a rare word's weight) at which an entry's score is half way to 1: the
    /// score saturates as matched words add up, so a long message does not dilute a clear match.
    pub half_evidence: f32,
    /// How much the question's words that an entry lacks count against it, next to the evidence.
    pub unmatched: f32,
    /// How much of a word matched only weakly (in a long body, through a typo or a synonym) still counts as
    /// lacking: its weight times the part of a full match it falls short by, times this (0 to 1). A
    /// section that mentions every word in passing is then no better than a heading that names most of them.
    pub weak_match: f32,
    /// The Zipf frequency from which an English word says nothing about the topic ("day": 5.7).
    pub common_zipf: f32,
}
