//! The handler tree: which handler each kind of update goes to.

use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;

use crate::bot::command::{AdminCommand, Command};
use crate::bot::{admin, authoring, buttons, commands, curate, handlers};

/// Messages, edited messages and channel posts share one subtree: commands first (one endpoint each; the
/// admin commands behind the admin filter), then an admin's reply to a curation prompt, then text, then
/// (in private chats) everything else. Button presses (curation buttons
/// first) and inline queries have their own handlers.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let message = || {
        dptree::entry()
            .branch(
                dptree::entry()
                    .filter_command::<Command>()
                    .branch(dptree::case![Command::Start].endpoint(commands::start))
                    .branch(dptree::case![Command::Help].endpoint(commands::help))
                    .branch(dptree::case![Command::Topics].endpoint(commands::topics))
                    .branch(dptree::case![Command::Ask(question)].endpoint(commands::ask))
                    .branch(dptree::case![Command::About].endpoint(commands::about))
                    .branch(dptree::case![Command::Privacy].endpoint(commands::privacy))
                    .branch(dptree::case![Command::Forget].endpoint(commands::forget)),
            )
            .branch(
                dptree::entry()
                    .filter_command::<AdminCommand>()
                    .branch(
                        dptree::filter(admin::allowed)
                            .branch(dptree::case![AdminCommand::Stats].endpoint(admin::on_stats))
                            .branch(dptree::case![AdminCommand::Gaps].endpoint(admin::on_gaps))
                            .branch(dptree::case![AdminCommand::Reload].endpoint(admin::on_reload))
                            .branch(
                                dptree::case![AdminCommand::Answer(title)]
                                    .endpoint(admin::on_answer),
                            )
                            .branch(
                                dptree::case![AdminCommand::Alias(name)].endpoint(admin::on_alias),
                            ),
                    )
                    .endpoint(admin::refuse),
            )
            .branch(dptree::filter_map(authoring::prompt_for).endpoint(authoring::on_prompt_reply))
            .branch(dptree::filter(|msg: Message| msg.text().is_some()).endpoint(handlers::on_text))
            .branch(
                dptree::filter(|msg: Message| msg.chat.is_private())
                    .endpoint(handlers::on_non_text),
            )
    };
    dptree::entry()
        .branch(Update::filter_message().chain(message()))
        .branch(Update::filter_edited_message().chain(message()))
        .branch(Update::filter_channel_post().chain(message()))
        .branch(Update::filter_edited_channel_post().chain(message()))
        .branch(
            Update::filter_callback_query()
                .branch(
                    dptree::filter_map(|q: CallbackQuery| {
                        q.data.as_deref().and_then(curate::Button::decode)
                    })
                    .endpoint(curate::on_button),
                )
                .endpoint(buttons::on_callback),
        )
        .branch(Update::filter_inline_query().endpoint(buttons::on_inline))
}
