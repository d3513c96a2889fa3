//! Who may use the admin commands and the curation buttons: the ids in `telegram.admins`.

use teloxide::types::{Message, UserId};

use crate::bot::State;

/// Whether the sender of `msg` is in `telegram.admins`.
pub fn is_admin(state: &State, msg: &Message) -> bool {
    msg.from
        .as_ref()
        .is_some_and(|u| is_admin_user(state, u.id))
}

/// Whether `user` is in `telegram.admins`.
pub fn is_admin_user(state: &State, user: UserId) -> bool {
    state
        .settings
        .telegram
        .admins
        .iter()
        .any(|&a| u64::try_from(a).ok() == Some(user.0))
}
