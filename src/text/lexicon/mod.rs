//! General language data shipped with the binary: what is common English, for weighing words and for
//! refusing to "correct" a real word into another.

pub(crate) mod english;

pub use english::English;
