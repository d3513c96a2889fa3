//! Synonym groups: words and phrases that mean the same thing here, from `synonyms.toml` and from the
//! acronyms that documents define ("cytokine release syndrome (CRS)").

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use toml::Spanned;

use crate::faq::broader::Broader;
use crate::faq::diagnostic::{self, Diagnostic};
use crate::text::normalize::{self, Token};

/// A group of equivalent phrases.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's name: its key in `synonyms.toml`, or the acronym.
    pub name: String,
    /// The phrases as written.
    pub phrases: Vec<String>,
    /// Where the group was defined ("faq/synonyms.toml:12").
    pub origin: String,
}

/// A place where a group's phrase occurs in a token list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the group.
    pub group: usize,
    /// The first token of the phrase.
    pub start: usize,
    /// How many tokens the phrase covers.
    pub len: usize,
}

/// All synonym groups, ready to find in token lists.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
    /// Phrase stems by their first stem: (group, stems).
    by_first: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// Broader words for the words people use ("alcohol" for "wine").
    broader: Broader,
}

impl Synonyms {
    /// The groups, in the order they were added.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The term that stands for group `group` in the index.
    pub fn concept(&self, group: usize) -> String {
        format!("~{}", self.groups[group].name)
    }

    /// Adds a group; phrases that normalise to nothing are returned so the caller can warn.
    pub fn add(&mut self, name: &str, phrases: &[String], origin: String) -> Vec<String> {
        let group = self.groups.len();
        let mut useless = Vec::new();
        for phrase in phrases {
            let tokens = normalize::tokens(phrase);
            if tokens.is_empty() {
                useless.push(phrase.clone());
                continue;
            }
            let stems: Vec<String> = tokens.into_iter().map(|t| t.stem).collect();
            let list = self.by_first.entry(stems[0].clone()).or_default();
            if !list.iter().any(|(g, s)| *g == group && *s == stems) {
                list.push((group, stems));
            }
        }
        self.groups.push(Group {
            name: name.to_string(),
            phrases: phrases.to_vec(),
            origin,
        });
        useless
    }

    /// Every folded word that some phrase or broader term uses: the typo corrector should know them.
    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        self.groups
            .iter()
            .flat_map(|g| g.phrases.iter())
            .chain(self.broader.words())
            .flat_map(|p| normalize::tokens(p).into_iter().map(|t| t.word))
    }

    /// The broader words a document may use for the word of stem `stem` ("alcohol" for "wine"), as
    /// (stem, word as written); empty for most words.
    pub fn broader(&self, stem: &str) -> &[(String, String)] {
        self.broader.of(stem)
    }

    /// Finds every phrase occurrence in `tokens`. A phrase must cover at least one token that is not a stop
    /// word, so that a lowercase "all" never stands for the acronym ALL.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit> {
        let stems: Vec<(&str, bool)> = tokens.iter().map(|t| (t.stem.as_str(), t.stop)).collect();
        find_phrases(
            &stems,
            |stem| self.by_first.get(*stem).map(Vec::as_slice),
            |a, b| a == b,
        )
    }

    /// Every phrase as (group, stems), for an index that looks phrases up by its own term ids.
    pub fn phrases(&self) -> impl Iterator<Item = (usize, &[String])> {
        self.by_first
            .values()
            .flatten()
            .map(|(group, stems)| (*group, stems.as_slice()))
    }

    /// Reads a `synonyms.toml`: each key names a group, its value lists the equivalent phrases.
    pub fn load_file(&mut self, file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let table: BTreeMap<String, Spanned<Vec<String>>> = match toml::from_str(text) {
            Ok(table) => table,
            Err(err) => {
                let mut d = diagnostic::from_toml(file, text, &err);
                d.message
                    .push_str(" (expected `name = [\"phrase\", \"phrase\", …]` lines)");
                diagnostics.push(d);
                return;
            }
        };
        let mut groups: Vec<_> = table.into_iter().collect();
        groups.sort_by_key(|(_, v)| v.span().start);
        for (name, phrases) in groups {
            let line = diagnostic::line_of(text, phrases.span().start);
            let phrases = phrases.into_inner();
            if phrases.len() < 2 {
                diagnostics.push(Diagnostic::warning(
                    file,
                    Some(line),
                    format!(
                        "synonym group `{name}` has {} phrase(s); a group needs at least two",
                        phrases.len()
                    ),
                ));
            }
            for phrase in self.add(&name, &phrases, format!("{file}:{line}")) {
                diagnostics.push(Diagnostic::warning(
                    file,
                    Some(line),
                    format!("synonym {phrase:?} in group `{name}` has no words and never matches"),
                ));
            }
        }
    }

    /// Reads a `broader.toml` (see `Broader::load`).
    pub fn load_broader(&mut self, file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        self.broader.load(file, text, diagnostics);
    }

    /// Adds the acronyms that `text` defines, like "cytokine release syndrome (CRS)", as groups.
    pub fn add_acronyms(&mut self, text: &str, origin: &str) {
        for (short, long) in acronyms(text) {
            let name = short.to_lowercase();
            if self.groups.iter().any(|g| g.name == name) {
                continue;
            }
            self.add(&name, &[short, long], origin.to_string());
        }
    }
}

/// Finds the phrases of `table` in `seq` (key, stop word): `table` gives the phrases starting with a key,
/// `same` compares a key with a phrase's. A phrase must cover a token that is not a stop word.
pub fn find_phrases<'a, K, P: 'a>(
    seq: &[(K, bool)],
    table: impl Fn(&K) -> Option<&'a [(usize, Vec<P>)]>,
    same: impl Fn(&K, &P) -> bool,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    for start in 0..seq.len() {
        let Some(candidates) = table(&seq[start].0) else {
            continue;
        };
        // A hit can only repeat one found at the same start: look there, not through every hit so far
        // (which made a long section's load quadratic).
        let first_here = hits.len();
        for (group, phrase) in candidates {
            let end = start + phrase.len();
            if end > seq.len() {
                continue;
            }
            let span = &seq[start..end];
            let hit = Hit {
                group: *group,
                start,
                len: phrase.len(),
            };
            let matches = span
                .iter()
                .zip(phrase)
                .all(|((key, _), want)| same(key, want));
            if matches && span.iter().any(|(_, stop)| !stop) && !hits[first_here..].contains(&hit) {
                hits.push(hit);
            }
        }
    }
    hits
}

/// The "long form (ACRONYM)" pairs of a text, where the acronym's letters are the long form's initials.
pub fn acronyms(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let before = &rest[..open];
        let after = &rest[open + 1..];
        rest = after;
        let Some(close) = after.find(')') else { break };
        let short = &after[..close];
        let letters = short.chars().count();
        if !(2..=6).contains(&letters)
            || !short
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            continue;
        }
        if let Some(long) = long_form(before, short)
            && !found.iter().any(|(s, _)| s == short)
        {
            found.push((short.to_string(), long));
        }
    }
    found
}

/// The words just before an acronym whose initials spell it, skipping small words like "of".
fn long_form(before: &str, short: &str) -> Option<String> {
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let wanted: Vec<char> = short.to_lowercase().chars().collect();
    let mut matched = 0;
    let mut start = words.len();
    for (i, word) in words.iter().enumerate().rev() {
        if matched == wanted.len() {
            break;
        }
        if !word.chars().all(|c| c.is_alphanumeric()) {
            return None;
        }
        let initial = word.chars().next()?.to_lowercase().next()?;
        if initial == wanted[wanted.len() - 1 - matched] {
            matched += 1;
            start = i;
        } else if normalize::is_stop_word(&word.to_lowercase()) {
            continue;
        } else {
            return None;
        }
    }
    (matched == wanted.len()).then(|| words[start..].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synonyms(toml: &str) -> (Synonyms, Vec<Diagnostic>) {
        let mut s = Synonyms::default();
        let mut d = Vec::new();
        s.load_file("syn.toml", toml, &mut d);
        (s, d)
    }

    #[test]
    fn finds_multi_word_phrase() {
        let (s, d) = synonyms("side_effects = [\"side effects\", \"complications\"]\n");
        assert!(d.is_empty());
        let hits = s.find(&normalize::tokens("what are the side-effects"));
        assert_eq!(
            hits,
            [Hit {
                group: 0,
                start: 3,
                len: 2
            }]
        );
    }

    #[test]
    fn inflections_match() {
        let (s, _) = synonyms("kids = [\"kids\", \"children\"]\n");
        assert_eq!(s.find(&normalize::tokens("my kid")).len(), 1);
    }

    #[test]
    fn invalid_toml_names_line() {
        let (_, d) = synonyms("a = [\"x\", \"y\"]\nb = [\"x\"\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(2));
        assert!(d[0].message.contains("invalid TOML"));
    }

    #[test]
    fn lonely_phrase_warns() {
        let (_, d) = synonyms("\nalone = [\"x\"]\n");
        assert_eq!(d[0].line, Some(2));
        assert!(d[0].message.contains("at least two"));
    }

    #[test]
    fn acronyms_come_from_definitions() {
        let found = acronyms(
            "Side effects, including cytokine release syndrome (CRS), and Acute Lymphoblastic Leukemia (ALL). T cells (a type of cell)",
        );
        assert_eq!(
            found,
            [
                ("CRS".to_string(), "cytokine release syndrome".to_string()),
                (
                    "ALL".to_string(),
                    "Acute Lymphoblastic Leukemia".to_string()
                )
            ]
        );
    }

    #[test]
    fn lowercase_stop_word_never_stands_for_acronym() {
        let mut s = Synonyms::default();
        s.add_acronyms("acute lymphoblastic leukemia (ALL)", "doc");
        assert!(s.find(&normalize::tokens("all of them")).is_empty());
        assert_eq!(s.find(&normalize::tokens("ALL story")).len(), 1);
    }
}
