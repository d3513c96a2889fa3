//! The words of the rules file for what a symptom and a trigger are: how urgent, which modifier, which
//! way and how far its scope runs. Read by the file's tables and by the compiled rules alike.

use serde::{Deserialize, Serialize};

/// How urgent a symptom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Call the care team's 24-hour number now.
    Urgent,
    /// Call emergency services now.
    Emergency,
}

/// What a trigger phrase says about a symptom mention in its scope (ConText's modifier categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// "no fever", "he hasn't been confused".
    Negated,
    /// Over: "had a fever on day 2 … fine since", "cleared up", "weeks ago", "has always had".
    Historical,
    /// Not happening: "if he gets a fever", "what should we watch for", "signs of".
    Hypothetical,
    /// Someone other than the patient: the writer's own nerves when the message is about someone else.
    Experiencer,
    /// The word in another sense: "confused by the forms", "world cup fever".
    OtherSense,
}

/// Which way from the trigger its scope runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The trigger modifies mentions after it ("no … fever").
    Forward,
    /// The trigger modifies mentions before it ("fever … has gone").
    Backward,
    /// Either side.
    Both,
}

/// How far a trigger's scope reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// To the end of the clause: commas, sentence ends and break words ("but", "now") stop it; a
    /// comma continues it only into a list of further symptoms ("no fever, chills or cough").
    Clause,
    /// To the end of the sentence, across commas and break words.
    Sentence,
    /// Its sentence and the one before: for statements that close a whole episode ("He was confused
    /// for two days. It cleared up and he has been fine since.").
    PreviousSentence,
}
