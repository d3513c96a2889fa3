//! Word lists for normalisation: English stop words, question words, and texting spellings.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// Texting spellings by their short form.
pub static TEXTING: LazyLock<FxHashMap<&str, &str>> =
    LazyLock::new(|| TEXTING_PAIRS.iter().copied().collect());

/// Texting spellings and common chat shorthand, mapped to the words they stand for.
#[rustfmt::skip]
const TEXTING_PAIRS: &[(&str, &str)] = &[
    ("u", "you"), ("ya", "you"), ("r", "are"), ("ur", "your"), ("y", "why"), ("n", "and"), ("wat", "what"),
    ("wht", "what"), ("wot", "what"), ("wats", "what is"), ("whts", "what is"), ("whats", "what is"),
    ("hows", "how is"), ("wheres", "where is"), ("whos", "who is"), ("hw", "how"), ("wen", "when"),
    ("whn", "when"), ("cn", "can"), ("pls", "please"), ("plz", "please"), ("thx", "thanks"),
    ("thnx", "thanks"), ("tnx", "thanks"), ("ty", "thank you"), ("tysm", "thank you"), ("b4", "before"),
    ("bc", "because"), ("cuz", "because"), ("coz", "because"), ("abt", "about"), ("ppl", "people"),
    ("dr", "doctor"), ("doc", "doctor"), ("meds", "medications"), ("med", "medication"),
    ("temp", "temperature"), ("hosp", "hospital"), ("im", "i am"), ("ive", "i have"), ("idk", "i do not know"),
    ("dont", "do not"), ("doesnt", "does not"), ("didnt", "did not"), ("cant", "can not"),
    ("cannot", "can not"), ("wont", "will not"), ("isnt", "is not"), ("arent", "are not"),
    ("wasnt", "was not"), ("hasnt", "has not"), ("havent", "have not"), ("shes", "she is"), ("hes", "he is"),
    ("theyre", "they are"), ("k", "ok"), ("kk", "ok"), ("okay", "ok"), ("2day", "today"),
    ("2moro", "tomorrow"), ("tmrw", "tomorrow"), ("w", "with"), ("wo", "without"), ("bf", "boyfriend"),
    ("gf", "girlfriend"), ("itll", "it will"), ("youre", "you are"), ("youve", "you have"),
    ("youll", "you will"), ("weve", "we have"), ("theyve", "they have"), ("theyll", "they will"),
    ("couldnt", "could not"), ("wouldnt", "would not"), ("shouldnt", "should not"), ("werent", "were not"),
    ("thats", "that is"), ("theres", "there is"), ("whens", "when is"),
];

/// Whether `word` (already folded) is an English function word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_SET.contains(word)
}

static STOP_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// The question words among the stop words: they say what kind of answer is wanted, so they are matched
/// against headings (which are often questions) though never against body text.
pub fn is_question_word(word: &str) -> bool {
    matches!(
        word,
        "what" | "how" | "why" | "when" | "where" | "who" | "which"
    )
}

/// English function words, question words, and the family words caregivers write ("my husband has…"):
/// they say who, not what about. Kept sorted, so that a word is easy to find and never listed twice.
#[rustfmt::skip]
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "actually", "after", "again", "all", "also", "am", "an", "and", "any", "anyone",
    "anything", "are", "as", "at", "aunt", "be", "been", "before", "being", "both", "boyfriend", "brother",
    "but", "by", "can", "could", "cousin", "dad", "daughter", "did", "do", "does", "doing", "done", "down",
    "during", "each", "else", "even", "ever", "father", "few", "for", "friend", "from", "get", "gets",
    "getting", "girlfriend", "go", "goes", "going", "got", "grandfather", "grandma", "grandmother", "grandpa",
    "had", "happen", "happened", "happens", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "hubby", "husband", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "kind", "kinds", "know", "let", "lets", "like", "made", "make", "makes", "me", "mine", "mom",
    "more", "most", "mother", "much", "mum", "must", "my", "myself", "need", "needs", "nephew", "niece", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "our", "ours", "out", "over", "own",
    "please", "quite", "really", "same", "shall", "she", "should", "sister", "so", "some", "someone",
    "something", "son", "sort", "such", "take", "takes", "tell", "than", "that", "thats", "the", "their",
    "them", "then", "there", "these", "they", "thing", "things", "this", "those", "through", "to", "too",
    "uncle", "under", "until", "up", "us", "use", "used", "uses", "using", "very", "want", "wants", "was",
    "way", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "wife", "will", "with", "would", "yet", "you", "your", "yours", "yourself",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_unique() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn texting_spellings_are_listed_once() {
        assert_eq!(TEXTING.len(), TEXTING_PAIRS.len());
    }
}
