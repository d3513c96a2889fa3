//! The checks a configuration must pass: every number in its range, every count a whole number within
//! bounds (before serde can round `2.5`), thresholds in order, webhook settings complete.

use crate::config::error::ConfigError;
use crate::config::settings::{Mode, Settings};

impl Settings {
    /// The value of the whole-number setting `key`, one of [`COUNTS`].
    fn count(&self, key: &str) -> u64 {
        let (m, t) = (&self.matching, &self.telegram);
        match key {
            "matching.max_related" => m.max_related as u64,
            "matching.max_suggestions" => m.max_suggestions as u64,
            "telegram.poll_timeout_secs" => t.poll_timeout_secs.into(),
            "telegram.messages_per_sec_chat" => t.messages_per_sec_chat.into(),
            "telegram.messages_per_min_chat" => t.messages_per_min_chat.into(),
            "telegram.messages_per_min_group" => t.messages_per_min_group.into(),
            "telegram.messages_per_sec_overall" => t.messages_per_sec_overall.into(),
            "database.keep_days" => self.database.keep_days.into(),
            "service.telegram_stale_secs" => self.service.telegram_stale_secs.into(),
            "curation.debounce_ms" => self.curation.debounce_ms,
            _ => unreachable!("{key} is not in COUNTS"),
        }
    }

    pub(super) fn check(&self, locate: &dyn Fn(&str) -> String) -> Result<(), ConfigError> {
        let m = &self.matching;
        let unit = "a number from 0 to 1";
        let w = &m.weights;
        let ranges = [
            ("matching.answer_threshold", m.answer_threshold, unit),
            ("matching.suggest_threshold", m.suggest_threshold, unit),
            ("matching.answer_margin", m.answer_margin, unit),
            ("matching.related_ratio", m.related_ratio, unit),
            ("matching.weights.title", w.title, unit),
            ("matching.weights.question", w.question, unit),
            ("matching.weights.body", w.body, unit),
            (
                "matching.weights.unknown_word",
                w.unknown_word,
                "a number from 0 to 1",
            ),
            (
                "matching.weights.typo_penalty",
                w.typo_penalty,
                "a number from 0 to 0.5",
            ),
            ("matching.weights.synonym", w.synonym, unit),
            ("matching.weights.title_fit", w.title_fit, unit),
            ("matching.weights.question_word", w.question_word, unit),
            (
                "matching.weights.half_evidence",
                w.half_evidence,
                "a number from 0.01 to 5",
            ),
            (
                "matching.weights.unmatched",
                w.unmatched,
                "a number from 0 to 5",
            ),
            ("matching.weights.weak_match", w.weak_match, unit),
            (
                "matching.weights.common_zipf",
                w.common_zipf,
                "a Zipf frequency from 3 to 8",
            ),
        ];
        for (key, value, expected) in ranges {
            let (min, max) = if key.ends_with("typo_penalty") {
                (0.0, 0.5)
            } else if key.ends_with("half_evidence") {
                // Zero would make a score 0 / 0 for an entry with no evidence.
                (0.01, 5.0)
            } else if key.ends_with("unmatched") {
                (0.0, 5.0)
            } else if key.ends_with("common_zipf") {
                (3.0, 8.0)
            } else {
                (0.0, 1.0)
            };
            if !(min..=max).contains(&value) {
                return Err(invalid(locate(key), key, value, expected));
            }
        }
        if m.suggest_threshold > m.answer_threshold {
            let key = "matching.suggest_threshold";
            return Err(invalid(
                locate(key),
                key,
                m.suggest_threshold,
                "at most matching.answer_threshold",
            ));
        }
        if self.faq.paths.is_empty() {
            let key = "faq.paths";
            return Err(invalid(
                locate(key),
                key,
                "[]",
                "at least one folder or file",
            ));
        }
        for &(key, min, max) in COUNTS {
            check_count(key, self.count(key) as i128, min, max, locate)?;
        }
        if let Some(secret) = &self.database.secret {
            let key = "database.secret";
            let length = secret.trim().chars().count();
            if length < crate::config::MIN_SECRET_CHARS {
                // The length only: the value is a secret, even a bad one.
                return Err(invalid(
                    locate(key),
                    key,
                    format!("{length} characters long"),
                    &format!(
                        "at least {} characters (or no secret, for a key file)",
                        crate::config::MIN_SECRET_CHARS
                    ),
                ));
            }
        }
        if !crate::config::logging::valid_level(&self.log.level) {
            let key = "log.level";
            return Err(invalid(
                locate(key),
                key,
                format!("{:?}", self.log.level),
                "a level such as \"info\" or \"debug\"",
            ));
        }
        self.check_webhook(locate)?;
        if let Some(url) = &self.telegram.api_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            let key = "telegram.api_url";
            return Err(invalid(
                locate(key),
                key,
                format!("{url:?}"),
                "an http:// or https:// URL",
            ));
        }
        Ok(())
    }
}

impl Settings {
    fn check_webhook(&self, locate: &dyn Fn(&str) -> String) -> Result<(), ConfigError> {
        let t = &self.telegram;
        if let Some(secret) = &t.webhook_secret {
            let key = "telegram.webhook_secret";
            let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            let length = secret.chars().count();
            if !(1..=256).contains(&length) || !secret.chars().all(allowed) {
                // Its length only: the value is a secret, even a bad one.
                return Err(invalid(
                    locate(key),
                    key,
                    format!("a {length}-character value"),
                    "1 to 256 characters from A-Z, a-z, 0-9, _ and - (Telegram's rule)",
                ));
            }
        }
        if t.mode == Mode::Webhook {
            let key = "telegram.webhook_url";
            match &t.webhook_url {
                None => {
                    return Err(invalid(
                        locate("telegram.mode"),
                        "telegram.mode",
                        "\"webhook\"",
                        "\"polling\", or telegram.webhook_url set to the public https:// URL",
                    ));
                }
                Some(url) if url::Url::parse(url).is_err() => {
                    return Err(invalid(
                        locate(key),
                        key,
                        format!("{url:?}"),
                        "a URL such as https://bot.example.org/telegram",
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// Every whole-number setting with its allowed range. The upper bounds keep a typo or an extra digit from
/// turning into gigabytes of buttons or years of waiting: related entries and suggestions become buttons
/// (Telegram shows a handful well), Telegram caps a long poll at 50 s, its rate limits are far below 1000 a
/// second, and ten years is longer than any reason to keep question texts.
pub const COUNTS: &[(&str, u64, u64)] = &[
    ("matching.max_related", 0, 10),
    ("matching.max_suggestions", 1, 10),
    ("telegram.poll_timeout_secs", 0, 50),
    ("telegram.messages_per_sec_chat", 1, 1000),
    ("telegram.messages_per_min_chat", 1, 60_000),
    ("telegram.messages_per_min_group", 1, 60_000),
    ("telegram.messages_per_sec_overall", 1, 1000),
    ("database.keep_days", 1, 3650),
    ("service.telegram_stale_secs", 10, 86_400),
    ("curation.debounce_ms", 10, 60_000),
];

/// Checks the counts as written, before serde sees them: serde would take `2.5` or `true` for a count, and
/// a negative or huge number would fail with the type's limits instead of the setting's.
pub(super) fn check_raw_counts(
    merged: &config::Config,
    locate: &dyn Fn(&str) -> String,
) -> Result<(), ConfigError> {
    use config::ValueKind;
    for &(key, min, max) in COUNTS {
        let Ok(value) = merged.get::<config::Value>(key) else {
            continue;
        };
        let whole = match value.kind {
            ValueKind::I64(n) => Some(i128::from(n)),
            ValueKind::U64(n) => Some(i128::from(n)),
            ValueKind::I128(n) => Some(n),
            ValueKind::U128(n) => Some(i128::try_from(n).unwrap_or(i128::MAX)),
            _ => None,
        };
        match whole {
            Some(n) => check_count(key, n, min, max, locate)?,
            None => {
                return Err(invalid(
                    locate(key),
                    key,
                    &value.kind,
                    &whole_number(min, max),
                ));
            }
        }
    }
    Ok(())
}

fn check_count(
    key: &str,
    value: i128,
    min: u64,
    max: u64,
    locate: &dyn Fn(&str) -> String,
) -> Result<(), ConfigError> {
    if (i128::from(min)..=i128::from(max)).contains(&value) {
        Ok(())
    } else {
        Err(invalid(locate(key), key, value, &whole_number(min, max)))
    }
}

fn whole_number(min: u64, max: u64) -> String {
    format!("a whole number from {min} to {max}")
}

pub(super) fn invalid(
    location: String,
    key: &str,
    value: impl ToString,
    expected: &str,
) -> ConfigError {
    ConfigError::Invalid {
        location,
        key: key.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_the_checks() {
        Settings::default().check(&|k| k.to_string()).unwrap();
    }

    #[test]
    fn out_of_range_threshold_names_key_and_range() {
        let mut s = Settings::default();
        s.matching.answer_threshold = 1.5;
        let err = s
            .check(&|_| "c.toml:3".to_string())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "c.toml:3: `matching.answer_threshold` is 1.5; expected a number from 0 to 1"
        );
    }

    #[test]
    fn every_count_is_bounded_in_code_too() {
        for &(key, _, max) in COUNTS {
            let mut s = Settings::default();
            match key {
                "matching.max_related" => s.matching.max_related = usize::MAX,
                "matching.max_suggestions" => s.matching.max_suggestions = usize::MAX,
                "telegram.poll_timeout_secs" => s.telegram.poll_timeout_secs = u32::MAX,
                "telegram.messages_per_sec_chat" => s.telegram.messages_per_sec_chat = u32::MAX,
                "telegram.messages_per_min_chat" => s.telegram.messages_per_min_chat = u32::MAX,
                "telegram.messages_per_min_group" => s.telegram.messages_per_min_group = u32::MAX,
                "telegram.messages_per_sec_overall" => {
                    s.telegram.messages_per_sec_overall = u32::MAX
                }
                "database.keep_days" => s.database.keep_days = u32::MAX,
                "service.telegram_stale_secs" => s.service.telegram_stale_secs = u32::MAX,
                "curation.debounce_ms" => s.curation.debounce_ms = u64::MAX,
                _ => panic!("{key} has no case here"),
            }
            let err = s.check(&|_| "c.toml".to_string()).unwrap_err().to_string();
            assert!(err.contains(&format!("`{key}`")), "{err}");
            assert!(err.ends_with(&format!("to {max}")), "{err}");
        }
    }

    #[test]
    fn a_short_secret_is_refused_without_showing_it() {
        let mut s = Settings::default();
        s.database.secret = Some("hunter2".into());
        let err = s
            .check(&|_| "c.toml:9".to_string())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "c.toml:9: `database.secret` is 7 characters long; expected at least 16 characters (or no secret, for a key file)"
        );
    }
}
