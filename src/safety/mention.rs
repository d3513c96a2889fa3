//! What the safety check finds: a symptom mentioned in a clause, and what keeps a mention from counting.

use std::ops::Range;

use crate::safety::kinds::Kind;

/// A symptom found in a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The symptom's index in the rules.
    pub(crate) symptom: usize,
    pub(crate) clause: usize,
    /// The tokens of the clause it covers.
    pub(crate) span: Range<usize>,
    /// The number, for a reading.
    pub reading: Option<f64>,
}

/// Why a mention does not count.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    pub kind: Kind,
    /// The trigger's words as they stand in the message, or what made the clause a question.
    pub trigger: String,
    /// The rules file line of the trigger, if it came from one.
    pub line: Option<usize>,
}

/// A position in the message: clause, then token.
pub(crate) type At = (usize, usize);
