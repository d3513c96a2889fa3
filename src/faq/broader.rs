//! Broader words: the word a document uses for kinds of things people name ("alcohol" for "wine",
//! "machinery" for "tractor"), from `broader.toml`. General English knowledge a synonym list must not hold:
//! a kind is not the whole, so the relation goes one way and counts for less than a synonym.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use toml::Spanned;

use crate::faq::diagnostic::{self, Diagnostic};
use crate::text::normalize;

/// The broader words of the words people use.
#[derive(Debug, Clone, Default)]
pub struct Broader {
    /// The stem of a word people use ("wine") → the broader words a document may use for it
    /// ("alcohol"), as (stem, word as written).
    heads: HashMap<String, Vec<(String, String)>>,
    /// The words people use, as written, for the typo corrector.
    words: Vec<String>,
}

impl Broader {
    /// The broader words for the word of stem `stem`, as (stem, word as written); empty for most words.
    pub fn of(&self, stem: &str) -> &[(String, String)] {
        self.heads.get(stem).map_or(&[], Vec::as_slice)
    }

    /// The words people use, as written.
    pub fn words(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// Reads a `broader.toml`: each key is a broader word a document uses ("alcohol"), its value the
    /// words people use for kinds of it (`["wine", "beer"]`). Unlike a synonym group, the relation goes
    /// one way: "wine" finds a section about alcohol, "alcohol" does not find one about wine, and wine
    /// does not find beer. A key or word that is not one word is left out with a warning.
    pub fn load(&mut self, file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let table: BTreeMap<String, Spanned<Vec<String>>> = match toml::from_str(text) {
            Ok(table) => table,
            Err(err) => {
                let mut d = diagnostic::from_toml(file, text, &err);
                d.message
                    .push_str(" (expected `broader = [\"word\", \"word\", …]` lines)");
                diagnostics.push(d);
                return;
            }
        };
        let mut heads: Vec<_> = table.into_iter().collect();
        heads.sort_by_key(|(_, v)| v.span().start);
        for (head, members) in heads {
            let line = diagnostic::line_of(text, members.span().start);
            let warn = |message: String| Diagnostic::warning(file, Some(line), message);
            let Some(head_stem) = one_word(&head) else {
                diagnostics.push(warn(format!(
                    "broader term `{head}` is not one word that is not a stop word, and is left out"
                )));
                continue;
            };
            for member in members.into_inner() {
                let Some(stem) = one_word(&member) else {
                    diagnostics.push(warn(format!(
                        "{member:?} under `{head}` is not one word that is not a stop word, and is left out"
                    )));
                    continue;
                };
                if stem == head_stem {
                    continue;
                }
                let heads = self.heads.entry(stem).or_default();
                if !heads.iter().any(|(h, _)| *h == head_stem) {
                    heads.push((head_stem.clone(), head.clone()));
                }
                self.words.push(member);
            }
        }
    }
}

/// The stem of `text` when it is one word that is not a stop word.
fn one_word(text: &str) -> Option<String> {
    match normalize::tokens(text).as_slice() {
        [token] if !token.stop => Some(token.stem.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Broader, Vec<Diagnostic>) {
        let mut broader = Broader::default();
        let mut diagnostics = Vec::new();
        broader.load("broader.toml", text, &mut diagnostics);
        (broader, diagnostics)
    }

    #[test]
    fn a_kind_finds_its_broader_word_one_way() {
        let (broader, diagnostics) = load("alcohol = [\"wine\", \"beers\"]\npets = [\"cat\"]\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let heads = |w: &str| broader.of(&normalize::stem_word(w)).to_vec();
        assert_eq!(
            heads("wine"),
            [("alcohol".to_string(), "alcohol".to_string())]
        );
        assert_eq!(heads("beer"), heads("wine"));
        assert_eq!(heads("cats"), [("pet".to_string(), "pets".to_string())]);
        // Not the other way, and not between kinds.
        assert!(heads("alcohol").is_empty());
        assert!(broader.of("pet").is_empty());
    }

    #[test]
    fn a_phrase_or_stop_word_is_left_out_with_a_warning_naming_the_line() {
        let (broader, diagnostics) = load(
            "# kinds\nalcohol = [\"red wine\", \"the\", \"gin\"]\n\"soft drinks\" = [\"cola\"]\n",
        );
        let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("broader.toml:2: warning: \"red wine\""),
            "{shown:?}"
        );
        assert!(shown[2].contains("`soft drinks`"), "{shown:?}");
        assert_eq!(broader.of("gin").len(), 1);
        assert!(broader.of("cola").is_empty());
    }

    #[test]
    fn a_file_that_is_not_toml_is_an_error_with_its_line() {
        let (_, diagnostics) = load("alcohol = [\"wine\"\npets = 3\n");
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].to_string().starts_with("broader.toml:"),
            "{diagnostics:?}"
        );
    }
}
