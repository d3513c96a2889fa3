//! Search: a message → its question parts (`message`) → weighted query slots (`query`) → scored entries
//! (`matcher`) over the inverted `index` (built in parallel by `builder`).

pub mod answer_kind;
pub(crate) mod builder;
pub mod chitchat;
pub mod index;
pub mod matcher;
pub(crate) mod message;
mod pleasantries;
mod postings;
pub mod query;
mod resolve;
mod weigh;
mod weights;
