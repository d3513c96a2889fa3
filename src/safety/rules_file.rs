//! The `safety.toml` tables as written, before their values are checked and compiled into rules.

use serde::Deserialize;
use toml::Spanned;

use crate::safety::kinds::{Direction, Kind, Level, Scope};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    pub notices: Notices,
    pub clauses: Clauses,
    pub people: People,
    pub questions: Questions,
    pub time: Time,
    pub numbers: Numbers,
    pub pseudo: Pseudo,
    pub nearly_not: NearlyNot,
    #[serde(default)]
    pub trigger: Vec<Spanned<TriggerRaw>>,
    #[serde(default)]
    pub symptom: Vec<Spanned<SymptomRaw>>,
    #[serde(default)]
    pub reading: Vec<Spanned<ReadingRaw>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Notices {
    pub urgent: Spanned<String>,
    pub emergency: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Clauses {
    pub breaks: Vec<String>,
    pub conjunctions: Vec<String>,
    pub subjects: Vec<String>,
    pub list_joiners: Vec<String>,
    pub refer_back: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NearlyNot {
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct People {
    pub writer: Vec<String>,
    pub others: Vec<String>,
    pub caregiver: Vec<String>,
    pub patient: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Questions {
    pub question_words: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub modals: Vec<String>,
    pub requests: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Numbers {
    pub counts_before: Vec<String>,
    pub counts_after: Vec<String>,
    pub limits_before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pseudo {
    pub phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Time {
    pub recent: Vec<String>,
    pub current: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriggerRaw {
    pub kind: Kind,
    pub direction: Direction,
    pub scope: Scope,
    #[serde(default)]
    pub window: Option<Spanned<i64>>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub only_when_someone_else_is_named: bool,
    #[serde(default)]
    pub only_when_the_writer_cares_for_the_patient: bool,
    pub phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SymptomRaw {
    pub name: String,
    pub level: Level,
    pub phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReadingRaw {
    pub symptom: String,
    pub words: Vec<String>,
    #[serde(default)]
    pub units: Vec<String>,
    pub ranges: Spanned<Vec<(f64, f64)>>,
    #[serde(default)]
    pub decimal_ranges: Option<Spanned<Vec<(f64, f64)>>>,
    #[serde(default)]
    pub pairs: bool,
    #[serde(default = "default_reach")]
    pub reach: i64,
}

pub(crate) fn default_reach() -> i64 {
    4
}
