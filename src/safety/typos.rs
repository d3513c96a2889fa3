//! Typos: a misspelt word is read as the nearest symptom word ("feaver" is fever), but a real English
//! word never is ("fewer", "conclusion", "seized" stay what they are).

use crate::safety::token::Token;
use crate::text::fuzzy::{Fuzzy, typo_budget};
use crate::text::lexicon::English;
use crate::text::normalize;

/// Reads a misspelt word as the nearest symptom word, unless it is a real English word: "feaver" is
/// "fever", but "fewer", "child" and "conclusion" stay what they are.
#[derive(Debug, Clone)]
pub(crate) struct Corrector {
    vocabulary: Vec<String>,
    fuzzy: Fuzzy,
}

impl Corrector {
    pub fn new(vocabulary: Vec<String>) -> Corrector {
        Corrector {
            fuzzy: Fuzzy::new(vocabulary.iter().map(String::as_str)),
            vocabulary,
        }
    }

    pub(crate) fn correct(&self, mut token: Token) -> Token {
        let len = token.word.chars().count();
        if token.number.is_some()
            || len < 5
            || normalize::is_stop_word(&token.word)
            || self.vocabulary.binary_search(&token.stem).is_ok()
            || English::shipped().is_word(&token.word)
        {
            return token;
        }
        if let Some(&(id, _)) = self.fuzzy.lookup(&token.stem, typo_budget(len)).first() {
            token.typed = Some(std::mem::replace(
                &mut token.stem,
                self.fuzzy.word(id).to_string(),
            ));
        }
        token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::text::tokens;

    #[test]
    fn real_words_are_never_corrected_into_symptoms() {
        let corrector = Corrector::new(vec![
            "chill".into(),
            "fever".into(),
            "confus".into(),
            "seizur".into(),
        ]);
        let corrected = |w: &str| {
            let t = tokens(w).remove(0);
            corrector.correct(t).stem
        };
        assert_eq!(corrected("feaver"), "fever");
        assert_eq!(corrected("fewer"), "fewer");
        assert_eq!(corrected("child"), "child");
        assert_eq!(corrected("conclusion"), "conclus");
    }
}
