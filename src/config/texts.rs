//! The words the bot says around the FAQ's own text (`[texts]` in the configuration), with their defaults:
//! a support group changes the wording in `config.toml`, not in code.

use serde::Deserialize;

/// `[texts]`: what the bot says around the FAQ's own text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

impl Default for Texts {
    fn default() -> Self {
        Texts {
            welcome: "Hello! I answer questions about CAR T-cell therapy from a library of trusted documents: what it \
                      is, how it works, side effects, patients' stories and what is coming next. Ask me in your own words."
                .into(),
            decline: "Sorry, I could not find that in my documents. I only know about CAR T-cell therapy: what it is, \
                      side effects such as CRS, patients' stories and the future of the treatment."
                .into(),
            did_you_mean: "I am not sure I understood. Did you mean one of these?".into(),
            related: "Related:".into(),
            source: "Source:".into(),
            disclaimer: "This is general information, not medical advice. Your care team knows your situation: ask \
                         them about your own treatment."
                .into(),
            greeting: "Hello! Ask me anything about CAR T-cell therapy.".into(),
            thanks: "You are welcome. Take care, and ask again any time.".into(),
            goodbye: "Goodbye, and take care.".into(),
            acknowledgement: "Is there anything else you would like to know about CAR T-cell therapy?".into(),
            empty_question: "Please ask a question in a few words, for example: what are the side effects?".into(),
            non_text: "I can only read text questions. Please type your question.".into(),
            privacy: "What I keep: counts of questions by outcome and topic; your 👍/👎 votes, tied to a scrambled form of \
                      your Telegram id so that /forget can delete them; and the text of questions I could not answer or \
                      that got a 👎, without any name or id, for {days} days, so the documents can be improved. Each \
                      message you send is also held as Telegram delivered it (with the name and id Telegram attaches) only \
                      until my reply is sent, so that a restart cannot lose it; then it is deleted. Apart from that, I \
                      never store names, usernames, phone numbers or your chats. /forget deletes your votes."
                .into(),
            forgotten: "Done: I deleted {count} record(s) tied to you. Questions are kept without names or ids, so \
                        nothing else links to you."
                .into(),
            feedback_thanks: "Thank you for your feedback!".into(),
            not_allowed: "Sorry, this command is only for the bot's administrators.".into(),
        }
    }
}
