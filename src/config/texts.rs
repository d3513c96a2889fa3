//! The words the bot says around the FAQ's own text (`[texts]` in the configuration; the defaults are in
//! the shipped `config.toml`): a support group changes the wording there, not in code. Nothing in them
//! needs resolving, so the table is deserialised as it is used.

use serde::Deserialize;

/// `[texts]`: what the bot says around the FAQ's own text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// The first message (/start) and the terminal chat's greeting.
    pub welcome: String,
    /// When nothing in the FAQ fits.
    pub decline: String,
    /// Above the candidates when the match is uncertain.
    pub did_you_mean: String,
    /// Above the related entries under an answer.
    pub related: String,
    /// Before the source document under an answer.
    pub source: String,
    /// Under every answer, in /start and /about.
    pub disclaimer: String,
    /// Reply to "hi".
    pub greeting: String,
    /// Reply to "thanks".
    pub thanks: String,
    /// Reply to "bye".
    pub goodbye: String,
    /// Reply to "ok", "lol".
    pub acknowledgement: String,
    /// Reply to "are you a real person?", "what can you do": that it is an automated assistant.
    pub about_bot: String,
    /// When a message has no words to search for.
    pub empty_question: String,
    /// Reply to stickers, photos, voice messages and the like.
    pub non_text: String,
    /// /privacy: what is stored, why, and for how long; `{days}` becomes `database.keep_days`.
    pub privacy: String,
    /// Reply to /forget; `{count}` becomes the number of records deleted.
    pub forgotten: String,
    /// Answer to a 👍 or 👎.
    pub feedback_thanks: String,
    /// Reply to an admin command from someone who is not an admin.
    pub not_allowed: String,
}
