//! faqbot: answers questions about CAR T-cell therapy from an FAQ built out of documents.
//!
//! The data flow, one module each: documents ([`document`]) → FAQ entries ([`faq`], with [`questions`],
//! [`synonyms`] and stable [`ids`]) → [`index`]; a message → its roles ([`message`]: question, context,
//! pleasantry) → weighted slots ([`query`], weighing words by the English table in [`lexicon`]) →
//! scores ([`matcher`]) → [`engine`] decision → [`render`]ed reply. Beside it, [`safety`] reads the same
//! message for urgent warning signs (ConText). Text goes through [`normalize`] on both sides; [`fuzzy`]
//! corrects typos.

pub mod bot;
pub mod builder;
pub mod chat;
pub mod chitchat;
pub mod cli;
pub mod config;
pub mod curation;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod faq;
pub mod fuzzy;
pub mod ids;
pub mod index;
pub mod lexicon;
pub mod loader;
pub mod logging;
pub mod matcher;
pub mod message;
pub mod normalize;
pub mod query;
pub mod questions;
pub mod render;
pub mod report;
pub mod safety;
pub mod shutdown;
pub mod store;
pub mod synonyms;
pub mod synthetic;
pub mod texts;
pub mod words;
