//! The engine: a loaded FAQ and its index, deciding for each message whether to answer, suggest, decline
//! or just be friendly. Every front end (terminal, Telegram) asks through here.

mod decision;
pub mod eval;
pub mod explain;
pub mod render;

pub use decision::{Candidate, Decision, Declined, Outcome, Reply};

use std::path::Path;

use crate::config::{FaqSettings, Matching};
use crate::faq::diagnostic::Diagnostic;
use crate::faq::{Entry, EntryPos, Faq, LoadError};
use crate::safety::Safety;
use crate::search::chitchat;
use crate::search::index::Index;
use crate::search::matcher::{self, Hit};
use crate::search::message;
use crate::search::query::{self, Query};

/// A reply with what led to it, for `--explain`: the analysed message and the best-scored entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The reply, as [`Engine::ask`] gives it.
    pub reply: Reply,
    /// The analysed message.
    pub query: Query,
    /// The best-scored entries, best first.
    pub hits: Vec<Hit>,
}

/// A FAQ ready to answer questions.
#[derive(Debug, Clone)]
pub struct Engine {
    faq: Faq,
    index: Index,
    matching: Matching,
    safety: Option<Safety>,
    /// The files it was loaded from; none when it was built from a FAQ in memory.
    sources: Option<FaqSettings>,
}

/// How common in English (Zipf) every other word of a thanks or greeting must be for the message to be small
/// talk: "kind", "words", "everyone", "helps" are; "infusion", "fever", "crs" are not.
const WRAPPED_COMMON_ZIPF: f32 = 4.0;

/// How many scored entries a reply keeps for `--explain`.
const EXPLAIN_HITS: usize = 5;

impl Engine {
    /// Indexes a loaded FAQ.
    pub fn new(faq: Faq, matching: Matching) -> Engine {
        let index = Index::new(&faq);
        Engine {
            faq,
            index,
            matching,
            safety: None,
            sources: None,
        }
    }

    /// The urgent-symptom rules, when the configuration names them.
    pub fn safety(&self) -> Option<&Safety> {
        self.safety.as_ref()
    }

    /// Loads and indexes the FAQ that `sources` names, with its synonym and safety files.
    pub fn load(sources: &FaqSettings, matching: Matching) -> Result<Engine, LoadError> {
        let faq = Faq::load(&sources.paths, &sources.synonyms);
        let safety = sources.safety.as_deref().map(load_safety).transpose();
        let (faq, safety) = match (faq, safety) {
            (Ok(faq), Ok(safety)) => (faq, safety),
            (faq, safety) => {
                let mut diagnostics = faq.err().map(|e| e.diagnostics).unwrap_or_default();
                diagnostics.extend(safety.err());
                return Err(LoadError { diagnostics });
            }
        };
        let mut engine = Engine::new(faq, matching);
        engine.safety = safety;
        engine.sources = Some(sources.clone());
        Ok(engine)
    }

    /// Loads the FAQ again from the same files, for `/reload`. An engine built with [`Engine::new`] has no
    /// files to go back to: that is an error rather than a guess at `./faq`.
    pub fn reload(&self) -> Result<Engine, LoadError> {
        match &self.sources {
            Some(sources) => Engine::load(sources, self.matching.clone()),
            None => Err(LoadError {
                diagnostics: vec![Diagnostic::error(
                    "(FAQ)",
                    None,
                    "this FAQ was built in memory, not loaded from files: there is nothing to reload",
                )],
            }),
        }
    }

    /// The matching settings it answers with.
    pub fn matching(&self) -> &Matching {
        &self.matching
    }

    /// The FAQ.
    pub fn faq(&self) -> &Faq {
        &self.faq
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The entry at `pos`.
    pub fn entry(&self, pos: EntryPos) -> &Entry {
        self.faq.at(pos)
    }

    /// Decides what to reply to `text`.
    pub fn ask(&self, text: &str) -> Reply {
        self.explain(text).reply
    }

    /// Decides what to reply to `text`, keeping what led there.
    pub fn explain(&self, text: &str) -> Explanation {
        let text = crate::text::normalize::message_head(text);
        let m = &self.matching;
        let reading = message::read(text);
        let layout = reading.layout;
        // The layout indexes the tokens of the reading, which the query keeps as they were read.
        let query = query::analyse_read(&self.index, reading.tokens, &reading.roles, &m.weights);
        let alert = self.safety.as_ref().and_then(|s| s.check(text));
        let urgent = alert.is_some();
        let explained = |decision, query, hits| Explanation {
            reply: Reply { decision, alert },
            query,
            hits,
        };
        if let Some(kind) = chitchat::detect(&query.tokens, |t| self.index.known(t).is_some()) {
            return explained(Decision::SmallTalk(kind), query, Vec::new());
        }
        let english = crate::text::lexicon::English::shipped();
        let common = |t: &crate::text::normalize::Token| {
            english
                .zipf(&t.word)
                .is_some_and(|z| z >= WRAPPED_COMMON_ZIPF)
        };
        // A thanks that also reports a warning sign ("thanks, his temp is 38.9") is not small talk.
        let asks = || urgent || layout.asks_anything(&query.tokens);
        if let Some(kind) = chitchat::wrapped(&query.tokens, asks, common) {
            return explained(Decision::SmallTalk(kind), query, Vec::new());
        }
        if !urgent && chitchat::about_bot(&query.tokens) {
            return explained(
                Decision::SmallTalk(chitchat::ChitChat::AboutBot),
                query,
                Vec::new(),
            );
        }
        if query.is_empty() {
            return explained(Decision::Decline(Declined::Empty), query, Vec::new());
        }
        let keep = EXPLAIN_HITS.max(m.max_suggestions).max(m.max_related + 1);
        let mut hits = matcher::search(&self.index, &query, &m.weights, m.suggest_threshold, keep);
        if hits.is_empty() {
            // Nothing can reach a "did you mean", but the entries that share a word with the question are
            // still its closest, for the explanation and the admins' gap report.
            hits = matcher::search(&self.index, &query, &m.weights, 0.0, keep);
        }
        let candidates: Vec<Candidate> = hits
            .iter()
            .map(|h| Candidate {
                entry: h.entry,
                score: h.score,
            })
            .collect();
        let Some(&best) = candidates.first() else {
            let decision = Decision::Decline(Declined::NoMatch { closest: None });
            return explained(decision, query, hits);
        };
        let decision = match decide(m, best.score, candidates.get(1).map(|c| c.score)) {
            Outcome::Answered => {
                let floor = m.suggest_threshold.max(best.score * m.related_ratio);
                let related = candidates[1..]
                    .iter()
                    .filter(|c| c.score >= floor)
                    .take(m.max_related)
                    .copied()
                    .collect();
                Decision::Answer {
                    best,
                    related: self.answer_each_question(&layout, &query.tokens, best, related),
                }
            }
            Outcome::Suggested => Decision::Suggest {
                first: best,
                others: candidates[1..]
                    .iter()
                    .filter(|c| c.score >= m.suggest_threshold)
                    .take(m.max_suggestions.saturating_sub(1))
                    .copied()
                    .collect(),
            },
            Outcome::Declined | Outcome::Chitchat => Decision::Decline(Declined::NoMatch {
                closest: Some(best),
            }),
        };
        explained(decision, query, hits)
    }

    /// The `n` entries that fit `text` best, whatever their score: for inline queries and curation.
    pub fn closest(&self, text: &str, n: usize) -> Vec<Candidate> {
        let text = crate::text::normalize::message_head(text);
        let query = query::analyse(&self.index, text, &self.matching.weights);
        matcher::search(&self.index, &query, &self.matching.weights, 0.0, n)
            .into_iter()
            .map(|h| Candidate {
                entry: h.entry,
                score: h.score,
            })
            .collect()
    }
}

impl Engine {
    /// A message that asks two things ("is it used for children, and what are the side effects?") gets
    /// the best entry for each: the answer to the whole message first, the others' answers first among
    /// the related entries (buttons on Telegram).
    fn answer_each_question(
        &self,
        layout: &message::Layout,
        tokens: &[crate::text::normalize::Token],
        best: Candidate,
        mut related: Vec<Candidate>,
    ) -> Vec<Candidate> {
        let m = &self.matching;
        let mut extra = Vec::new();
        for (tokens, roles) in layout.questions(tokens) {
            let query = query::analyse_read(&self.index, tokens, &roles, &m.weights);
            let Some(hit) = matcher::search(&self.index, &query, &m.weights, m.answer_threshold, 1)
                .into_iter()
                .next()
            else {
                continue;
            };
            let entry = hit.entry;
            let known = best.entry == entry || extra.iter().any(|c: &Candidate| c.entry == entry);
            if hit.score >= m.answer_threshold && !known {
                extra.push(Candidate {
                    entry,
                    score: hit.score,
                });
            }
        }
        if extra.is_empty() {
            return related;
        }
        related.retain(|a| !extra.iter().any(|e| e.entry == a.entry));
        extra.append(&mut related);
        extra.truncate(m.max_related);
        extra
    }
}

/// Answer, suggest or decline, from the best score and the runner-up's: an answer needs the score and a
/// lead over the runner-up; a close race is a "did you mean".
pub fn decide(m: &Matching, best: f32, runner_up: Option<f32>) -> Outcome {
    let lead = best - runner_up.unwrap_or(0.0);
    if best >= m.answer_threshold && lead >= m.answer_margin {
        Outcome::Answered
    } else if best >= m.suggest_threshold {
        Outcome::Suggested
    } else {
        Outcome::Declined
    }
}

fn load_safety(path: &Path) -> Result<Safety, Diagnostic> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| {
        Diagnostic::error(&shown, None, format!("cannot read the safety rules: {err}"))
    })?;
    Safety::parse(&shown, &text)
}
