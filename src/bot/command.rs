//! The bot's commands; their doc comments are the /help text and the menu registered with setMyCommands.

use teloxide::utils::command::BotCommands;

/// These commands are supported:
#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Welcome, what I know, and the topics.
    Start,
    /// How to ask me questions.
    Help,
    /// Everything I can answer, as buttons.
    Topics,
    /// Ask a question, e.g. /ask what are the side effects? (the way to ask in groups)
    Ask(String),
    /// The documents I answer from, and my version.
    About,
    /// What I store about you, why, and for how long.
    Privacy,
    /// Delete everything I keep that is tied to you.
    Forget,
}

/// Admin commands (`telegram.admins`), kept out of the menu and of /help; anyone else is refused.
#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    /// Admins: questions, outcomes, top topics and votes.
    Stats,
    /// Admins: the questions I could not answer, most frequent first.
    Gaps,
    /// Admins: reload the FAQ from disk.
    Reload,
    /// Admins, as a reply: make the replied-to message the answer of a new entry (/answer Title).
    Answer(String),
    /// Admins, as a reply: add the replied-to question to an entry (/alias entry id or title).
    Alias(String),
}
