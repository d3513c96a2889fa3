//! Raw → resolved: every number read through its row in `check::BOUNDS` (whole where a count is meant,
//! within bounds), every path made usable from the working directory, then the checks across settings.
//! The only way from [`RawSettings`] to [`Settings`].

use crate::config::check::{Bound, check};
use crate::config::error::ConfigError;
use crate::config::locate::Origin;
use crate::config::raw::{
    RawCuration, RawDatabase, RawFaq, RawMatching, RawService, RawSettings, RawTelegram, RawWeights,
};
use crate::config::{Curation, Database, FaqSettings, Log, Matching, Service, Settings, Telegram};
use crate::search::matcher::Weights;

/// The row of `key` in `check::BOUNDS`, found when compiling.
macro_rules! bound {
    ($key:literal) => {
        const { Bound::of($key) }
    };
}

impl RawSettings {
    /// The settings these say, or the first thing wrong with them, located by `at`.
    pub(super) fn resolve(self, at: &Origin) -> Result<Settings, ConfigError> {
        let settings = Settings {
            faq: self.faq.resolve(at),
            matching: self.matching.resolve(at)?,
            texts: self.texts,
            telegram: self.telegram.resolve(at)?,
            log: Log {
                level: self.log.level,
                format: self.log.format,
            },
            database: self.database.resolve(at)?,
            curation: self.curation.resolve(at)?,
            service: self.service.resolve(at)?,
        };
        check(&settings, at)?;
        Ok(settings)
    }
}

impl RawFaq {
    fn resolve(self, at: &Origin) -> FaqSettings {
        let paths = |key: &str, paths: Vec<_>| paths.into_iter().map(|p| at.path(key, p)).collect();
        FaqSettings {
            paths: paths("faq.paths", self.paths),
            synonyms: paths("faq.synonyms", self.synonyms),
            safety: self.safety.map(|p| at.path("faq.safety", p)),
        }
    }
}

impl RawMatching {
    fn resolve(self, at: &Origin) -> Result<Matching, ConfigError> {
        Ok(Matching {
            answer_threshold: bound!("matching.answer_threshold")
                .real(&self.answer_threshold, at)?,
            suggest_threshold: bound!("matching.suggest_threshold")
                .real(&self.suggest_threshold, at)?,
            answer_margin: bound!("matching.answer_margin").real(&self.answer_margin, at)?,
            related_ratio: bound!("matching.related_ratio").real(&self.related_ratio, at)?,
            max_related: bound!("matching.max_related").count(&self.max_related, at)? as usize,
            max_suggestions: bound!("matching.max_suggestions").count(&self.max_suggestions, at)?
                as usize,
            weights: self.weights.resolve(at)?,
        })
    }
}

impl RawWeights {
    fn resolve(self, at: &Origin) -> Result<Weights, ConfigError> {
        Ok(Weights {
            title: bound!("matching.weights.title").real(&self.title, at)?,
            question: bound!("matching.weights.question").real(&self.question, at)?,
            body: bound!("matching.weights.body").real(&self.body, at)?,
            unknown_word: bound!("matching.weights.unknown_word").real(&self.unknown_word, at)?,
            typo_penalty: bound!("matching.weights.typo_penalty").real(&self.typo_penalty, at)?,
            synonym: bound!("matching.weights.synonym").real(&self.synonym, at)?,
            broader: bound!("matching.weights.broader").real(&self.broader, at)?,
            title_fit: bound!("matching.weights.title_fit").real(&self.title_fit, at)?,
            function_words: bound!("matching.weights.function_words")
                .real(&self.function_words, at)?,
            answer_kind: bound!("matching.weights.answer_kind").real(&self.answer_kind, at)?,
            question_word: bound!("matching.weights.question_word")
                .real(&self.question_word, at)?,
            half_evidence: bound!("matching.weights.half_evidence")
                .real(&self.half_evidence, at)?,
            unmatched: bound!("matching.weights.unmatched").real(&self.unmatched, at)?,
            weak_match: bound!("matching.weights.weak_match").real(&self.weak_match, at)?,
            common_zipf: bound!("matching.weights.common_zipf").real(&self.common_zipf, at)?,
        })
    }
}

impl RawTelegram {
    fn resolve(self, at: &Origin) -> Result<Telegram, ConfigError> {
        Ok(Telegram {
            token: self.token,
            api_url: self.api_url,
            answer_all_group_messages: self.answer_all_group_messages,
            admins: self.admins,
            poll_timeout_secs: bound!("telegram.poll_timeout_secs")
                .count(&self.poll_timeout_secs, at)?,
            messages_per_sec_chat: bound!("telegram.messages_per_sec_chat")
                .count(&self.messages_per_sec_chat, at)?,
            messages_per_min_chat: bound!("telegram.messages_per_min_chat")
                .count(&self.messages_per_min_chat, at)?,
            messages_per_min_group: bound!("telegram.messages_per_min_group")
                .count(&self.messages_per_min_group, at)?,
            messages_per_sec_overall: bound!("telegram.messages_per_sec_overall")
                .count(&self.messages_per_sec_overall, at)?,
            mode: self.mode,
            webhook_url: self.webhook_url,
            webhook_listen: self.webhook_listen,
            webhook_secret: self.webhook_secret,
        })
    }
}

impl RawDatabase {
    fn resolve(self, at: &Origin) -> Result<Database, ConfigError> {
        Ok(Database {
            path: at.path("database.path", self.path),
            keep_days: bound!("database.keep_days").count(&self.keep_days, at)?,
            secret: self.secret,
        })
    }
}

impl RawCuration {
    fn resolve(self, at: &Origin) -> Result<Curation, ConfigError> {
        Ok(Curation {
            questions_file: self
                .questions_file
                .map(|p| at.path("curation.questions_file", p)),
            watch: self.watch,
            debounce_ms: bound!("curation.debounce_ms")
                .count(&self.debounce_ms, at)?
                .into(),
        })
    }
}

impl RawService {
    fn resolve(self, at: &Origin) -> Result<Service, ConfigError> {
        Ok(Service {
            enabled: self.enabled,
            address: self.address,
            telegram_stale_secs: bound!("service.telegram_stale_secs")
                .count(&self.telegram_stale_secs, at)?,
        })
    }
}
