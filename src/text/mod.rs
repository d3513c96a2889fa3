//! Text and language: the normalisation pipeline (`normalize`, with its word lists in `words` and its stemmer in `stem`), typo-
//! tolerant lookup (`fuzzy`) and general English knowledge (`lexicon`), shared by the FAQ, search and
//! safety layers.

pub(crate) mod fuzzy;
pub(crate) mod lexicon;
pub mod normalize;
mod stem;
pub(crate) mod words;
