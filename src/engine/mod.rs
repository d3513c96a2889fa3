//! The engine: a loaded FAQ and its index, deciding for each message whether to answer, suggest, decline
//! or just be friendly. Every front end (terminal, Telegram) asks through here.

pub mod chitchat;
pub mod render;
pub mod texts;

use std::path::Path;

use serde::Serialize;

use crate::config::{FaqSettings, Matching};
use crate::faq::diagnostic::Diagnostic;
use crate::faq::{Entry, Faq, LoadError};
use crate::safety::{Alert, Safety};
use crate::search::index::Index;
use crate::search::matcher::{self, Hit};
use crate::search::message;
use crate::search::query::{self, Query};
use chitchat::ChitChat;

/// What the engine decided to do with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The best entry is the answer.
    Answered,
    /// Not sure: "did you mean" with candidates.
    Suggested,
    /// Nothing fits.
    Declined,
    /// Small talk, answered with a friendly line.
    Chitchat,
}

impl Outcome {
    /// The outcome's name as logged and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Suggested => "suggested",
            Outcome::Declined => "declined",
            Outcome::Chitchat => "chitchat",
        }
    }
}

/// An entry offered to the user, with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The entry's position in the FAQ.
    pub entry: usize,
    /// Its score, 0 to 1.
    pub score: f32,
}

/// The engine's decision about one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What to do.
    pub outcome: Outcome,
    /// The answer (answered) or the first candidate (suggested).
    pub best: Option<Candidate>,
    /// Related entries under an answer, or the other candidates of a suggestion.
    pub alternatives: Vec<Candidate>,
    /// The kind of small talk, for `Chitchat`.
    pub chitchat: Option<ChitChat>,
    /// The analysed question, for `--explain`.
    pub query: Query,
    /// The best-scored entries, for `--explain`.
    pub hits: Vec<Hit>,
    /// An urgent symptom the message reports: the reply starts with its notice.
    pub alert: Option<Alert>,
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

    /// The entry at `n`.
    pub fn entry(&self, n: usize) -> &Entry {
        &self.faq.entries[n]
    }

    /// Decides what to reply to `text`.
    pub fn ask(&self, text: &str) -> Reply {
        let text = crate::text::normalize::message_head(text);
        let m = &self.matching;
        let query = query::analyse(&self.index, text, &m.weights);
        let mut reply = Reply {
            outcome: Outcome::Declined,
            best: None,
            alternatives: Vec::new(),
            chitchat: None,
            query,
            hits: Vec::new(),
            alert: self.safety.as_ref().and_then(|s| s.check(text)),
        };
        if let Some(kind) = chitchat::detect(&reply.query.tokens, |t| self.index.known(t).is_some())
        {
            reply.outcome = Outcome::Chitchat;
            reply.chitchat = Some(kind);
            return reply;
        }
        let keep = EXPLAIN_HITS.max(m.max_suggestions).max(m.max_related + 1);
        let hits = matcher::search(
            &self.index,
            &reply.query,
            &m.weights,
            m.suggest_threshold,
            keep,
        );
        let candidates: Vec<Candidate> = hits
            .iter()
            .map(|h| Candidate {
                entry: h.entry as usize,
                score: h.score,
            })
            .collect();
        reply.hits = hits;
        let Some(&best) = candidates.first() else {
            return reply;
        };
        reply.outcome = decide(m, best.score, candidates.get(1).map(|c| c.score));
        match reply.outcome {
            Outcome::Answered => {
                reply.best = Some(best);
                let floor = m.suggest_threshold.max(best.score * m.related_ratio);
                reply.alternatives = candidates[1..]
                    .iter()
                    .filter(|c| c.score >= floor)
                    .take(m.max_related)
                    .copied()
                    .collect();
                self.answer_each_question(text, &mut reply);
            }
            Outcome::Suggested => {
                reply.best = Some(best);
                reply.alternatives = candidates[1..]
                    .iter()
                    .filter(|c| c.score >= m.suggest_threshold)
                    .take(m.max_suggestions.saturating_sub(1))
                    .copied()
                    .collect();
            }
            Outcome::Declined | Outcome::Chitchat => {}
        }
        reply
    }
}

impl Engine {
    /// A message that asks two things ("is it used for children, and what are the side effects?") gets
    /// the best entry for each: the answer to the whole message first, the others' answers first among
    /// the related entries (buttons on Telegram).
    fn answer_each_question(&self, text: &str, reply: &mut Reply) {
        let m = &self.matching;
        let mut extra = Vec::new();
        for question in message::questions(text) {
            let query = query::analyse(&self.index, &question, &m.weights);
            let Some(hit) = matcher::search(&self.index, &query, &m.weights, m.answer_threshold, 1)
                .into_iter()
                .next()
            else {
                continue;
            };
            let entry = hit.entry as usize;
            let known = reply.best.is_some_and(|b| b.entry == entry)
                || extra.iter().any(|c: &Candidate| c.entry == entry);
            if hit.score >= m.answer_threshold && !known {
                extra.push(Candidate {
                    entry,
                    score: hit.score,
                });
            }
        }
        if extra.is_empty() {
            return;
        }
        reply
            .alternatives
            .retain(|a| !extra.iter().any(|e| e.entry == a.entry));
        extra.append(&mut reply.alternatives);
        extra.truncate(m.max_related);
        reply.alternatives = extra;
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
