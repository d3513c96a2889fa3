//! How much a word says about a topic: its rarity in the FAQ (IDF, with a floor), in English (the shipped
//! frequency table) and whether it only frames a question ("tell", "know", "thing").

use crate::search::index::Index;
use crate::search::weights::Weights;
use crate::text::lexicon::English;

/// The least evidence a word the FAQ holds gives, as a share of a rare word's.
pub(crate) const IDF_FLOOR: f32 = 0.35;

/// How much an unknown word written like a name counts, as a share of an unknown word's weight.
pub(crate) const NAME_WEIGHT: f32 = 0.25;

/// The weight of a word the FAQ does not know: as much as a rare FAQ word if it is rare in English too
/// ("ibuprofen" says the question is about something else), little if it is common ("body").
pub(crate) fn unknown_weight(index: &Index, weights: &Weights, word: &str) -> f32 {
    weights.unknown_word * index.rare_idf() * informativeness(word, weights)
}

/// How much a word (or phrase) can say about a topic, from 0 to 1, by how common it is in English: the
/// Zipf frequency from the shipped word table, mapped linearly from `weights.common_zipf` (and above:
/// nothing) down to `weights.common_zipf - ZIPF_SPAN` (and below, or not in the table: everything).
/// A phrase counts as its rarest word.
pub fn informativeness(text: &str, weights: &Weights) -> f32 {
    let english = English::shipped();
    text.split_whitespace()
        .map(|word| match english.zipf(word) {
            Some(zipf) => {
                ((weights.common_zipf - zipf) / ZIPF_SPAN).clamp(MIN_INFORMATIVENESS, 1.0)
            }
            None => 1.0,
        })
        .fold(0.0, f32::max)
}

/// From how common to how rare a word goes from saying nothing to saying everything, in Zipf units.
const ZIPF_SPAN: f32 = 2.5;
/// Even the most common word says a little: it can still decide between two entries.
const MIN_INFORMATIVENESS: f32 = 0.05;

/// Words that frame a question rather than say what it is about: an entry that lacks them is no worse
/// an answer. ("can someone explain in plain english what it means")
pub(crate) fn is_frame_word(word: &str) -> bool {
    FRAME_WORDS.contains(&word)
}

const FRAME_WORDS: &[&str] = &[
    "explain",
    "explained",
    "explaining",
    "mean",
    "means",
    "meaning",
    "meant",
    "understand",
    "understanding",
    "wondering",
    "wonder",
    "question",
    "questions",
    "info",
    "information",
    "advice",
    "help",
    "tell",
    "told",
    "describe",
    "basically",
    "exactly",
    // Hedges say how sure the writer is, not what they ask about ("how old was she roughly").
    "roughly",
    "approximately",
    "apparently",
    "literally",
    "probably",
    "possibly",
    "maybe",
    "perhaps",
    "kinda",
    "sorta",
    "actually",
    "really",
    "plain",
    "english",
    "simple",
    "simply",
    "terms",
    "sum",
    "summary",
    "idea",
    "basics",
    "clarify",
    "anyone",
    "someone",
    "somebody",
    "anybody",
    "everyone",
    "know",
    "knows",
    "curious",
    "ask",
    "asking",
    "asked",
    "honest",
    "honestly",
    "thanks",
    "thank",
    "please",
    "pls",
    "sorry",
    "lol",
    "word",
    "words",
    "heard",
    "hear",
    "read",
    "saw",
    "seen",
    "said",
    "say",
    "says",
    "keep",
    "keeps",
    "talking",
    "talk",
    "mentioned",
    "mention",
    "thing",
    "bit",
    "stuff",
    "ok",
    "okay",
    "yes",
    "yeah",
    "guess",
    "think",
    "thought",
];
