//! The settings as deserialised from the merged sources (the shipped `config.toml`, the user's file, the
//! `FAQBOT_*` variables): paths as written, numbers as written, nothing checked. Only `resolve.rs` turns
//! these into [`Settings`](crate::config::Settings); no other code sees them.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use crate::config::{LogFormat, Mode, Texts};

/// Every table, as written. (Each is renamed after the table it resolves into, for serde's messages.) No
/// field has a default of its own: the shipped `config.toml` is the first
/// source merged, so it gives every default in one place.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Settings")]
pub(super) struct RawSettings {
    pub faq: RawFaq,
    pub matching: RawMatching,
    pub texts: Texts,
    pub telegram: RawTelegram,
    pub log: RawLog,
    pub database: RawDatabase,
    pub curation: RawCuration,
    pub service: RawService,
}

/// `[faq]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "FaqSettings")]
pub(super) struct RawFaq {
    pub paths: Vec<PathBuf>,
    pub synonyms: Vec<PathBuf>,
    pub safety: Option<PathBuf>,
}

/// `[matching]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Matching")]
pub(super) struct RawMatching {
    pub answer_threshold: Number,
    pub suggest_threshold: Number,
    pub answer_margin: Number,
    pub related_ratio: Number,
    pub max_related: Number,
    pub max_suggestions: Number,
    pub weights: RawWeights,
}

/// `[matching.weights]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Weights")]
pub(super) struct RawWeights {
    pub title: Number,
    pub question: Number,
    pub body: Number,
    pub unknown_word: Number,
    pub typo_penalty: Number,
    pub synonym: Number,
    pub broader: Number,
    pub title_fit: Number,
    pub function_words: Number,
    pub answer_kind: Number,
    pub question_word: Number,
    pub half_evidence: Number,
    pub unmatched: Number,
    pub weak_match: Number,
    pub common_zipf: Number,
}

/// `[telegram]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Telegram")]
pub(super) struct RawTelegram {
    pub token: Option<String>,
    pub api_url: Option<String>,
    pub answer_all_group_messages: bool,
    #[serde(deserialize_with = "one_or_many")]
    pub admins: Vec<i64>,
    pub poll_timeout_secs: Number,
    pub messages_per_sec_chat: Number,
    pub messages_per_min_chat: Number,
    pub messages_per_min_group: Number,
    pub messages_per_sec_overall: Number,
    pub mode: Mode,
    pub webhook_url: Option<String>,
    pub webhook_listen: String,
    pub webhook_secret: Option<String>,
}

/// `[log]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Log")]
pub(super) struct RawLog {
    pub level: String,
    pub format: LogFormat,
}

/// `[database]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Database")]
pub(super) struct RawDatabase {
    pub path: PathBuf,
    pub keep_days: Number,
    pub secret: Option<String>,
}

/// `[curation]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Curation")]
pub(super) struct RawCuration {
    pub questions_file: Option<PathBuf>,
    pub watch: bool,
    pub debounce_ms: Number,
}

/// `[service]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Service")]
pub(super) struct RawService {
    pub enabled: Option<bool>,
    pub address: String,
    pub telegram_stale_secs: Number,
}

/// A number as written, kept until its row in `check::BOUNDS` says what it may be: serde would round
/// `2.5` into a count, take `true` for one, and fail on `-1` with the type's limits instead of the
/// setting's. Anything else written where a number belongs is kept as text, for the error to quote.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Number {
    /// A whole number, as TOML and the variables give it.
    Whole(i128),
    /// A number with a fraction or an exponent.
    Decimal(f64),
    /// Not a number: a boolean, or text the variables did not parse.
    Other(String),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Whole(n) => write!(f, "{n}"),
            Number::Decimal(x) => write!(f, "{x}"),
            Number::Other(text) => f.write_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl serde::de::Visitor<'_> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E>(self, n: i64) -> Result<Number, E> {
        Ok(Number::Whole(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Number, E> {
        Ok(Number::Whole(n.into()))
    }

    fn visit_i128<E>(self, n: i128) -> Result<Number, E> {
        Ok(Number::Whole(n))
    }

    fn visit_u128<E>(self, n: u128) -> Result<Number, E> {
        Ok(i128::try_from(n).map_or_else(|_| Number::Other(n.to_string()), Number::Whole))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Number, E> {
        Ok(Number::Decimal(x))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Number, E> {
        Ok(Number::Other(b.to_string()))
    }

    fn visit_str<E>(self, text: &str) -> Result<Number, E> {
        Ok(Number::Other(format!("{text:?}")))
    }
}

/// A list, or one value standing for a list of one: `FAQBOT_TELEGRAM__ADMINS=77001` reaches serde as a
/// number, `77001,77002` as a list (of numbers, or of text the environment did not parse).
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(i64),
        Text(String),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Id),
        Many(Vec<Id>),
    }
    let number = |id: Id| match id {
        Id::Number(n) => Ok(n),
        Id::Text(text) => text.trim().parse::<i64>().map_err(|_| {
            serde::de::Error::custom(format!(
                "{text:?} is not a Telegram user id (a whole number)"
            ))
        }),
    };
    match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(id) => Ok(vec![number(id)?]),
        OneOrMany::Many(ids) => ids.into_iter().map(number).collect(),
    }
}
