//! Urgent warning signs: spots a message saying that the patient has a warning sign now ("my husband has
//! a fever of 39"), so that the reply starts with a notice to call the care team or emergency services.
//!
//! Layout, in the order a message goes through it:
//! - `text`: the message cut into sentences and clauses of `token`s that keep numbers and their units
//!   whole; `typos` reads a misspelt word as the nearest symptom word unless it is real English.
//! - `context`: ConText — each symptom `mention` (a lay phrase or a reading with its unit), then its
//!   modifiers (negated, historical, hypothetical, experiencer, other sense) from trigger phrases and
//!   their `scope`; `phrases` matches phrases over tokens, `readings` finds measurements, `questions`
//!   tells a question in general from a report.
//! - `rules`: all of the above as data, from `safety.toml` (`rules_file`, in the words of `kinds`),
//!   checked with file and line.
//!
//! Imports point one way: `context` uses the finders, they use `mention`, `phrases`, `rules` and `text`;
//! `rules` uses `text`, `rules_file` and `kinds`; `text` uses `typos` and `token`.
//!
//! A mention that is current, affirmed and about the patient raises the notice; one is enough, even when
//! other signs in the message are denied.

mod context;
mod kinds;
mod mention;
mod numerals;
mod phrases;
mod questions;
mod readings;
mod rules;
mod rules_file;
mod scope;
mod text;
mod token;
mod typos;

use std::fmt;

use serde::Serialize;

use crate::faq::diagnostic::Diagnostic;
pub use kinds::{Kind, Level};
pub use mention::{Mention, Modifier};
use rules::Rules;
use text::{Clause, Corrector};

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

/// The urgent-symptom rules, ready to check messages.
#[derive(Debug, Clone)]
pub struct Safety {
    rules: Rules,
    corrector: Corrector,
}

/// Every symptom mention of a message with its clause, modifiers and the decision: what a clinician
/// reviewing the rules needs to see why a message did or did not raise the notice.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub mentions: Vec<MentionReport>,
    pub alert: Option<Alert>,
}

/// One symptom mention, explained.
#[derive(Debug, Clone)]
pub struct MentionReport {
    pub symptom: String,
    pub level: Level,
    /// The clause as written.
    pub clause: String,
    /// The words that name the symptom, as normalised ("temperature 38.4").
    pub words: String,
    /// Words read as another (typo corrections), as (typed, read).
    pub corrections: Vec<(String, String)>,
    pub modifiers: Vec<Modifier>,
}

impl MentionReport {
    /// Current, affirmed and about the patient.
    pub fn counts(&self) -> bool {
        self.modifiers.is_empty()
    }
}

impl Safety {
    /// Parses a `safety.toml`; a problem names the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Safety, Diagnostic> {
        let rules = Rules::parse(file, text)?;
        let corrector = Corrector::new(rules.symptom_vocabulary());
        Ok(Safety { rules, corrector })
    }

    /// The alert for `message`, if it says that the patient has a warning sign now. Every message is
    /// checked, and few are explained: nothing is written out for the explanation here.
    pub fn check(&self, message: &str) -> Option<Alert> {
        self.judge(message, |clauses, mentions, list_items, facts| {
            self.alert(
                mentions
                    .iter()
                    .filter(|m| {
                        context::modifiers(&self.rules, clauses, list_items, facts, m).is_empty()
                    })
                    .map(|m| m.symptom),
            )
        })
        .flatten()
    }

    /// Every symptom mention of `message`, its modifiers, and the alert they lead to.
    pub fn explain(&self, message: &str) -> Explanation {
        self.judge(message, |clauses, mentions, list_items, facts| {
            let reports: Vec<MentionReport> = mentions
                .iter()
                .map(|m| self.report(clauses, list_items, facts, m))
                .collect();
            let counted = mentions
                .iter()
                .zip(&reports)
                .filter(|(_, r)| r.counts())
                .map(|(m, _)| m.symptom);
            let alert = self.alert(counted);
            Explanation {
                mentions: reports,
                alert,
            }
        })
        .unwrap_or(Explanation {
            mentions: Vec::new(),
            alert: None,
        })
    }

    /// Reads `message` into clauses and symptom mentions and, when it names a symptom, hands them to
    /// `decide` with what the modifiers need: the list items and the message's facts.
    fn judge<R>(
        &self,
        message: &str,
        decide: impl FnOnce(&[Clause], &[Mention], &[bool], &context::Facts) -> R,
    ) -> Option<R> {
        let clauses = text::clauses(message, &self.rules.splitter, &self.corrector);
        let mentions = context::mentions(&self.rules, &clauses);
        // Most messages name no symptom: nothing of the rest of the message needs working out.
        if mentions.is_empty() {
            return None;
        }
        let list_items = context::list_items(&self.rules, &clauses, &mentions);
        let facts = context::Facts::of(&self.rules, &clauses);
        Some(decide(&clauses, &mentions, &list_items, &facts))
    }

    fn report(
        &self,
        clauses: &[Clause],
        list_items: &[bool],
        facts: &context::Facts,
        mention: &Mention,
    ) -> MentionReport {
        let symptom = &self.rules.symptoms[mention.symptom];
        let clause = &clauses[mention.clause];
        let tokens = &clause.tokens[mention.span.clone()];
        MentionReport {
            symptom: symptom.name.clone(),
            level: symptom.level,
            clause: clause.text.to_string(),
            words: context::words(tokens),
            corrections: tokens
                .iter()
                .filter_map(|t| t.typed.clone().map(|typed| (typed, t.stem.clone())))
                .collect(),
            modifiers: context::modifiers(&self.rules, clauses, list_items, facts, mention),
        }
    }

    /// The alert for the symptoms that count, each named once, in the order first mentioned.
    fn alert(&self, counted: impl Iterator<Item = usize>) -> Option<Alert> {
        let mut level = None;
        let mut symptoms: Vec<String> = Vec::new();
        for s in counted {
            let symptom = &self.rules.symptoms[s];
            level = level.max(Some(symptom.level));
            if !symptoms.contains(&symptom.name) {
                symptoms.push(symptom.name.clone());
            }
        }
        let level = level?;
        let notice = match level {
            Level::Urgent => self.rules.notices.urgent.get_ref(),
            Level::Emergency => self.rules.notices.emergency.get_ref(),
        };
        Some(Alert {
            level,
            symptoms,
            notice: notice.clone(),
        })
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mentions.is_empty() {
            writeln!(f, "safety: no symptom mentioned")?;
        }
        for m in &self.mentions {
            let decision = if m.counts() {
                "current, affirmed, about the patient → counts"
            } else {
                "does not count"
            };
            writeln!(
                f,
                "safety: {} ({:?}) in \"{}\": \"{}\" — {decision}",
                m.symptom, m.level, m.clause, m.words
            )?;
            for (typed, read) in &m.corrections {
                writeln!(f, "  typo: \"{typed}\" read as \"{read}\"")?;
            }
            for modifier in &m.modifiers {
                let line = modifier
                    .line
                    .map(|l| format!(" (rule at line {l})"))
                    .unwrap_or_default();
                writeln!(f, "  {:?} by \"{}\"{line}", modifier.kind, modifier.trigger)?;
            }
        }
        match &self.alert {
            Some(alert) => writeln!(
                f,
                "safety: notice {:?} for {}",
                alert.level,
                alert.symptoms.join(", ")
            ),
            None => writeln!(f, "safety: no notice"),
        }
    }
}
