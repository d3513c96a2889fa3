//! What a configuration must be: one table of every number setting with its kind and bounds, which
//! resolution reads each number through and whose row the error quotes; then the checks that look at more
//! than one number (thresholds in order, webhook settings complete).

use crate::config::error::ConfigError;
use crate::config::locate::Origin;
use crate::config::raw::Number;
use crate::config::settings::{Mode, Settings};

/// One number setting: its dotted key, whether it must be whole, and its bounds (inclusive).
#[derive(Debug, Clone, Copy)]
pub(super) struct Bound {
    /// The dotted key, as in `config.toml`.
    pub key: &'static str,
    /// Counts take whole numbers only: `2.5` related entries is a mistake, not 2.
    pub whole: bool,
    pub min: f64,
    pub max: f64,
    /// What the number is, for the error: "a number", "a whole number", "a Zipf frequency".
    noun: &'static str,
}

impl Bound {
    const fn number(key: &'static str, min: f64, max: f64) -> Bound {
        Bound {
            key,
            whole: false,
            min,
            max,
            noun: "a number",
        }
    }

    const fn whole(key: &'static str, min: u32, max: u32) -> Bound {
        Bound {
            key,
            whole: true,
            min: min as f64,
            max: max as f64,
            noun: "a whole number",
        }
    }

    /// The row of `key`. Called in a `const` block, a key with no row fails to compile.
    pub const fn of(key: &str) -> Bound {
        let mut i = 0;
        while i < BOUNDS.len() {
            if same(BOUNDS[i].key, key) {
                return BOUNDS[i];
            }
            i += 1;
        }
        panic!("a number setting with no row in BOUNDS")
    }

    /// "a whole number from 0 to 10": what the error says is expected.
    pub fn expected(&self) -> String {
        format!("{} from {} to {}", self.noun, self.min, self.max)
    }

    /// `value` if it is of this row's kind and within its bounds; else the error, located where it was set.
    fn read(&self, value: &Number, at: &Origin) -> Result<f64, ConfigError> {
        let number = match *value {
            // Whole numbers past f64's exact range are far outside every row's bounds anyway.
            Number::Whole(n) => Some(n as f64),
            Number::Decimal(x) if !self.whole => Some(x),
            Number::Decimal(_) | Number::Other(_) => None,
        };
        match number {
            Some(n) if (self.min..=self.max).contains(&n) => Ok(n),
            _ => Err(invalid(
                at.locate(self.key),
                self.key,
                value,
                &self.expected(),
            )),
        }
    }

    /// A weight, threshold or share.
    pub fn real(&self, value: &Number, at: &Origin) -> Result<f32, ConfigError> {
        self.read(value, at).map(|x| x as f32)
    }

    /// A count: whole, and within bounds that fit in a `u32` (see [`Bound::whole`]).
    pub fn count(&self, value: &Number, at: &Origin) -> Result<u32, ConfigError> {
        debug_assert!(self.whole, "{} is not a count", self.key);
        self.read(value, at).map(|n| n as u32)
    }
}

/// `a == b`, in a `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Every number setting, with what it may be. The upper bounds of counts keep a typo or an extra digit from
/// turning into gigabytes of buttons or years of waiting: related entries and suggestions become buttons
/// (Telegram shows a handful well), Telegram caps a long poll at 50 s, its rate limits are far below 1000 a
/// second, and ten years is longer than any reason to keep question texts.
pub(super) const BOUNDS: &[Bound] = &[
    Bound::number("matching.answer_threshold", 0.0, 1.0),
    Bound::number("matching.suggest_threshold", 0.0, 1.0),
    Bound::number("matching.answer_margin", 0.0, 1.0),
    Bound::number("matching.related_ratio", 0.0, 1.0),
    Bound::whole("matching.max_related", 0, 10),
    Bound::whole("matching.max_suggestions", 1, 10),
    Bound::number("matching.weights.title", 0.0, 1.0),
    Bound::number("matching.weights.question", 0.0, 1.0),
    Bound::number("matching.weights.body", 0.0, 1.0),
    Bound::number("matching.weights.unknown_word", 0.0, 1.0),
    Bound::number("matching.weights.typo_penalty", 0.0, 0.5),
    Bound::number("matching.weights.synonym", 0.0, 1.0),
    Bound::number("matching.weights.broader", 0.0, 1.0),
    Bound::number("matching.weights.title_fit", 0.0, 1.0),
    Bound::number("matching.weights.function_words", 0.0, 1.0),
    Bound::number("matching.weights.answer_kind", 0.0, 1.0),
    Bound::number("matching.weights.question_word", 0.0, 1.0),
    // Zero would make a score 0 / 0 for an entry with no evidence.
    Bound::number("matching.weights.half_evidence", 0.01, 5.0),
    Bound::number("matching.weights.unmatched", 0.0, 5.0),
    Bound::number("matching.weights.weak_match", 0.0, 1.0),
    Bound {
        noun: "a Zipf frequency",
        ..Bound::number("matching.weights.common_zipf", 3.0, 8.0)
    },
    Bound::whole("telegram.poll_timeout_secs", 0, 50),
    Bound::whole("telegram.messages_per_sec_chat", 1, 1000),
    Bound::whole("telegram.messages_per_min_chat", 1, 60_000),
    Bound::whole("telegram.messages_per_min_group", 1, 60_000),
    Bound::whole("telegram.messages_per_sec_overall", 1, 1000),
    Bound::whole("database.keep_days", 1, 3650),
    Bound::whole("service.telegram_stale_secs", 10, 86_400),
    Bound::whole("curation.debounce_ms", 10, 60_000),
];

/// The checks that take more than one number, or something other than a number, on settings whose numbers
/// have been read through [`BOUNDS`].
pub(super) fn check(settings: &Settings, at: &Origin) -> Result<(), ConfigError> {
    let m = &settings.matching;
    if m.suggest_threshold > m.answer_threshold {
        let key = "matching.suggest_threshold";
        return Err(invalid(
            at.locate(key),
            key,
            m.suggest_threshold,
            "at most matching.answer_threshold",
        ));
    }
    if settings.faq.paths.is_empty() {
        let key = "faq.paths";
        return Err(invalid(
            at.locate(key),
            key,
            "[]",
            "at least one folder or file",
        ));
    }
    if let Some(secret) = &settings.database.secret {
        let key = "database.secret";
        let length = secret.trim().chars().count();
        if length < crate::config::MIN_SECRET_CHARS {
            // The length only: the value is a secret, even a bad one.
            return Err(invalid(
                at.locate(key),
                key,
                format!("{length} characters long"),
                &format!(
                    "at least {} characters (or no secret, for a key file)",
                    crate::config::MIN_SECRET_CHARS
                ),
            ));
        }
    }
    if !crate::config::logging::valid_level(&settings.log.level) {
        let key = "log.level";
        return Err(invalid(
            at.locate(key),
            key,
            format!("{:?}", settings.log.level),
            "a level such as \"info\" or \"debug\"",
        ));
    }
    check_webhook(settings, at)?;
    if let Some(url) = &settings.telegram.api_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        let key = "telegram.api_url";
        return Err(invalid(
            at.locate(key),
            key,
            format!("{url:?}"),
            "an http:// or https:// URL",
        ));
    }
    Ok(())
}

fn check_webhook(settings: &Settings, at: &Origin) -> Result<(), ConfigError> {
    let t = &settings.telegram;
    if let Some(secret) = &t.webhook_secret {
        let key = "telegram.webhook_secret";
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let length = secret.chars().count();
        if !(1..=256).contains(&length) || !secret.chars().all(allowed) {
            // Its length only: the value is a secret, even a bad one.
            return Err(invalid(
                at.locate(key),
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
                    at.locate("telegram.mode"),
                    "telegram.mode",
                    "\"webhook\"",
                    "\"polling\", or telegram.webhook_url set to the public https:// URL",
                ));
            }
            Some(url) if url::Url::parse(url).is_err() => {
                return Err(invalid(
                    at.locate(key),
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
    use crate::config::load::{SHIPPED, from_text};

    fn error(text: &str) -> String {
        from_text("c.toml", text).unwrap_err().to_string()
    }

    /// `key = value` in its table, on line 2.
    fn setting(key: &str, value: &str) -> String {
        let (table, name) = key.rsplit_once('.').unwrap();
        format!("[{table}]\n{name} = {value}\n")
    }

    #[test]
    fn out_of_range_threshold_names_key_line_and_range() {
        assert_eq!(
            error("[matching]\n\nanswer_threshold = 1.5\n"),
            "c.toml:3: `matching.answer_threshold` is 1.5; expected a number from 0 to 1"
        );
    }

    #[test]
    fn every_row_is_enforced_and_quoted() {
        for row in BOUNDS {
            let mut wrong = vec![format!("{}", row.max + 1.0), format!("{}", row.min - 1.0)];
            if row.whole {
                wrong.push(format!("{}.5", row.min));
            }
            wrong.push("true".into());
            wrong.push("\"3\"".into());
            for value in wrong {
                let err = error(&setting(row.key, &value));
                let expected = format!(
                    "c.toml:2: `{}` is {value}; expected {}",
                    row.key,
                    row.expected()
                );
                assert_eq!(err, expected);
            }
            for value in [row.min, row.max] {
                let text = match row.key {
                    // Either threshold at a bound, with the other one beside it to stay in order.
                    "matching.answer_threshold" | "matching.suggest_threshold" => {
                        format!(
                            "[matching]\nanswer_threshold = {value}\nsuggest_threshold = {value}\n"
                        )
                    }
                    _ => setting(row.key, &value.to_string()),
                };
                from_text("c.toml", &text).unwrap();
            }
        }
    }

    #[test]
    fn the_table_has_a_row_for_every_number_in_the_shipped_file() {
        fn numbers(prefix: &str, table: &toml::Table, keys: &mut Vec<String>) {
            for (name, value) in table {
                let key = format!("{prefix}{name}");
                match value {
                    toml::Value::Table(inner) => numbers(&format!("{key}."), inner, keys),
                    toml::Value::Integer(_) | toml::Value::Float(_) => keys.push(key),
                    _ => {}
                }
            }
        }
        let mut keys = Vec::new();
        numbers("", &SHIPPED.parse().unwrap(), &mut keys);
        let mut rows: Vec<String> = BOUNDS.iter().map(|row| row.key.to_string()).collect();
        keys.sort();
        rows.sort();
        assert_eq!(keys, rows);
    }

    #[test]
    fn thresholds_must_be_in_order() {
        assert_eq!(
            error("[matching]\nsuggest_threshold = 0.5\nanswer_threshold = 0.4\n"),
            "c.toml:2: `matching.suggest_threshold` is 0.5; expected at most matching.answer_threshold"
        );
    }

    #[test]
    fn a_short_secret_is_refused_without_showing_it() {
        assert_eq!(
            error("[database]\n\nsecret = \"hunter2\"\n"),
            "c.toml:3: `database.secret` is 7 characters long; expected at least 16 characters (or no secret, for a key file)"
        );
    }

    #[test]
    fn a_webhook_needs_its_url() {
        assert_eq!(
            error("[telegram]\nmode = \"webhook\"\n"),
            "c.toml:2: `telegram.mode` is \"webhook\"; expected \"polling\", or telegram.webhook_url set to the public https:// URL"
        );
    }
}
