//! What the engine decides about a message: a type in which every kind of reply carries exactly what it
//! needs, so "answered with no entry" or "small talk with a score" cannot be written.

use serde::Serialize;

use crate::faq::EntryPos;
use crate::safety::Alert;
use crate::search::chitchat::ChitChat;

/// An entry offered to the user, with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The entry's position in the FAQ.
    pub entry: EntryPos,
    /// Its score, 0 to 1.
    pub score: f32,
}

/// Why a message got no entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Declined {
    /// Nothing to look for: no words at all ("?", an emoji).
    Empty,
    /// Nothing fits well enough; `closest` is the best entry found, below the line (for gaps and explain).
    NoMatch {
        /// The best-scoring entry, if any entry shares a word with the message.
        closest: Option<Candidate>,
    },
}

/// What to do with a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The best entry is the answer; related entries (or the answers to the message's other questions)
    /// follow it.
    Answer {
        /// The answer.
        best: Candidate,
        /// Related entries, best first.
        related: Vec<Candidate>,
    },
    /// Not sure: "did you mean" these, best first.
    Suggest {
        /// The first candidate.
        first: Candidate,
        /// The other candidates.
        others: Vec<Candidate>,
    },
    /// No answer.
    Decline(Declined),
    /// Small talk, answered with a friendly line.
    SmallTalk(ChitChat),
}

/// The kind of a decision, as logged, counted and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

/// The engine's reply to one message: the decision, and the urgent notice that goes before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What to do.
    pub decision: Decision,
    /// An urgent symptom the message reports: the reply starts with its notice.
    pub alert: Option<Alert>,
}

impl Reply {
    /// The kind of decision.
    pub fn outcome(&self) -> Outcome {
        match self.decision {
            Decision::Answer { .. } => Outcome::Answered,
            Decision::Suggest { .. } => Outcome::Suggested,
            Decision::Decline(_) => Outcome::Declined,
            Decision::SmallTalk(_) => Outcome::Chitchat,
        }
    }

    /// The answer, or the first suggestion.
    pub fn best(&self) -> Option<Candidate> {
        match &self.decision {
            Decision::Answer { best, .. } => Some(*best),
            Decision::Suggest { first, .. } => Some(*first),
            _ => None,
        }
    }

    /// The related entries of an answer, or the other suggestions.
    pub fn alternatives(&self) -> &[Candidate] {
        match &self.decision {
            Decision::Answer { related, .. } => related,
            Decision::Suggest { others, .. } => others,
            _ => &[],
        }
    }

    /// The best entry found, whatever was decided: the answer, the first suggestion or the closest
    /// entry below the line.
    pub fn closest(&self) -> Option<Candidate> {
        match &self.decision {
            Decision::Decline(Declined::NoMatch { closest }) => *closest,
            _ => self.best(),
        }
    }
}
