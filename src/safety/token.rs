//! One word or number of a message, as the safety check compares it: the word folded, its stem, and for a
//! number its value and unit. What the clause splitter makes and the typo corrector and phrase matcher read.

/// One word or number of a clause.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Token {
    /// The word folded ("shivering"); for a number, its text.
    pub word: String,
    /// The stem compared with phrases ("shiver"); empty for a number.
    pub stem: String,
    /// A number ("38.4", with "38,4" read the same); for "85/50", the first.
    pub number: Option<f64>,
    /// Written as two numbers with a slash ("85/50").
    pub pair: bool,
    /// The unit written against the number ("f" in "101F", "c" in "38°C", "%" in "91%").
    pub unit: Option<String>,
    /// The stem as written, when a typo was corrected to a symptom word.
    pub typed: Option<String>,
    /// A small word ("her", "the") that symptom phrases pass over.
    pub filler: bool,
}

impl Token {
    pub(super) fn number(text: &str, value: f64, pair: bool, unit: Option<String>) -> Token {
        Token {
            word: text.to_string(),
            number: Some(value),
            pair,
            unit,
            ..Token::default()
        }
    }
}
