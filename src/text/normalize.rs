//! Text normalisation: an ordered pipeline of small infallible steps that turns raw text into tokens.
//!
//! The same pipeline runs over documents and over questions, so that both meet in one vocabulary:
//! tokenise → fold (accents, case, odd letters) → texting spellings → stop words → stem.

use crate::text::lexicon::English;
pub use crate::text::stem::stem_word;
use crate::text::words::{STOP_WORDS, TEXTING};
pub use crate::text::words::{is_question_word, is_stop_word};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a text after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word folded to lowercase ASCII-like letters, before stemming ("therapies").
    pub word: String,
    /// The stem that the index stores ("therapi").
    pub stem: String,
    /// A function word ("the", "is", "what") that carries no topic.
    pub stop: bool,
    /// Written in capitals, like "ALL" or "CRS": kept even when the lowercase word is a stop word.
    pub acronym: bool,
    /// Joined to the next token by a hyphen in the text ("car-t", "T-cell").
    pub hyphen_next: bool,
    /// Written with a capital and then lowercase letters after the first word: likely a name ("Emily").
    pub name_like: bool,
}

/// Runs the whole pipeline over `text`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    raw_words(text, |raw, hyphen_next| {
        let first = out.is_empty();
        push_word(raw, hyphen_next, first, &mut out);
    });
    out
}

/// Steps 2 to 4, on the token that step 1 made of one word (more than one once a texting spelling expands).
fn finish(mut tokens: Vec<Token>) -> Vec<Token> {
    expand_texting(&mut tokens);
    respell_function_words(&mut tokens);
    mark_stop_words(&mut tokens);
    stem(&mut tokens);
    tokens
}

/// The longest message read anywhere, in characters: Telegram's own limit, so no input can cost more
/// than a message can.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// `text` up to `MAX_MESSAGE_CHARS` characters; the rest is ignored.
pub fn message_head(text: &str) -> &str {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// Folds a whole string the way tokens are folded, keeping its spaces: for comparing phrases.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        push_folded(c, &mut out);
    }
    out
}

/// Steps 1 to 4 for one word as written, appended to `out`: what the word is on its own comes from the
/// per-thread memo; where it stands (the first word of the text is no name; a hyphen may join it to the
/// next) is set here.
fn push_word(raw: &str, hyphen_next: bool, first: bool, out: &mut Vec<Token>) {
    let start = out.len();
    if raw.len() > MEMO_WORD_BYTES {
        out.extend(normalise_word(raw));
    } else {
        WORD_MEMO.with_borrow_mut(|memo| {
            if let Some(tokens) = memo.get(raw) {
                out.extend_from_slice(tokens);
                return;
            }
            let word = normalise_word(raw);
            out.extend_from_slice(&word);
            if memo.len() >= WORD_MEMO_SIZE {
                memo.clear();
            }
            memo.insert(raw.to_string(), word);
        });
    }
    place(raw, hyphen_next, first, &mut out[start..]);
}

/// Sets on a word's tokens what depends on where the word stands.
fn place(raw: &str, hyphen_next: bool, first: bool, tokens: &mut [Token]) {
    let handle = raw.starts_with('@');
    if first && !handle {
        for token in tokens.iter_mut() {
            token.name_like = false;
        }
    }
    if let Some(last) = tokens.last_mut() {
        last.hyphen_next = hyphen_next;
    }
}

/// One word as written through the whole pipeline, as it reads anywhere but first in a text.
fn normalise_word(raw: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    finish_word(raw, &mut tokens);
    finish(tokens)
}

/// Longer "words" (a pasted link, a run of letters) are normalised each time: remembering them would let
/// one message of them fill a thread's memory, and no real word is this long.
pub(crate) const MEMO_WORD_BYTES: usize = 64;

/// Normalising a word is most of the cost of reading a message, and people use a few thousand words
/// again and again: each thread remembers how it normalised each word as written, up to this many.
const WORD_MEMO_SIZE: usize = 50_000;

thread_local! {
    static WORD_MEMO: std::cell::RefCell<rustc_hash::FxHashMap<String, Vec<Token>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// Calls `word` with each word of `text` as written (apostrophes and invisible characters left out; a
/// chat handle with its leading "@") and whether a hyphen joins it to the next. The buffer is reused:
/// nothing is allocated per word.
pub fn raw_words(text: &str, mut word: impl FnMut(&str, bool)) {
    let mut raw = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            raw.push(c);
            continue;
        }
        if !c.is_ascii() {
            if is_invisible(c) {
                continue;
            }
            if c.is_alphanumeric() || is_combining_mark(c) {
                raw.push(c);
                continue;
            }
        }
        let next_is_word = chars.peek().is_some_and(|n| n.is_alphanumeric());
        if c == '@' && raw.is_empty() && next_is_word {
            // "@Dave", "@bot": a chat handle, kept with its "@" so that `finish_word` reads it as a
            // name (an address, "name@example.org", has a word before the "@" and is read as words).
            raw.push(c);
            continue;
        }
        if is_apostrophe(c) && !raw.is_empty() && next_is_word {
            // "we're" must not read as "were", nor "it'll" as a rare word "itll": a clitic is its own word.
            let suffix: String = chars
                .clone()
                .take_while(|n| n.is_alphanumeric())
                .take(3)
                .collect();
            if let Some(&(_, long)) = CLITICS
                .iter()
                .find(|(short, _)| suffix.eq_ignore_ascii_case(short))
            {
                word(&raw, false);
                raw.clear();
                if !long.is_empty() {
                    word(long, false);
                }
                for _ in 0..suffix.chars().count() {
                    chars.next();
                }
            }
            continue;
        }
        if !raw.is_empty() {
            word(&raw, is_hyphen(c) && next_is_word);
            raw.clear();
        }
    }
    if !raw.is_empty() {
        word(&raw, false);
    }
}

/// Whether a stop word is part of how a question is put ("does", "can", "i"): not a question word (those
/// are matched as terms of their own) and not a number.
pub fn is_wording_word(word: &str) -> bool {
    !word.is_empty() && !is_question_word(word) && word.chars().all(char::is_alphabetic)
}

/// The tokens of one word as written: usually one, more when a texting spelling expands ("idk").
pub fn word_tokens(raw: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    append_word_tokens(raw, &mut tokens);
    tokens
}

/// [`word_tokens`] appended to `out`: a caller reading word after word keeps one buffer.
pub fn append_word_tokens(raw: &str, out: &mut Vec<Token>) {
    push_word(raw, false, true, out);
}

/// [`word_tokens`] without the thread's memo, for a caller that keeps its own per word (the index
/// builder): the same word need not be remembered twice.
pub fn word_tokens_unremembered(raw: &str) -> Vec<Token> {
    let mut tokens = normalise_word(raw);
    place(raw, false, true, &mut tokens);
    tokens
}

/// Step 1 for one word, as it reads inside a text (the first word of a text is no name: `push_word`).
fn finish_word(raw: &str, tokens: &mut Vec<Token>) {
    // A chat handle ("@Dave", "@array" in a Perl question) is a name: it counts for little unless the
    // FAQ uses the word.
    let (raw, handle) = match raw.strip_prefix('@') {
        Some(rest) => (rest, true),
        None => (raw, false),
    };
    if raw.is_empty() {
        return;
    }
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    let acronym =
        (2..=6).contains(&letters) && raw.chars().all(|c| c.is_uppercase() || c.is_numeric());
    let mut chars = raw.chars();
    let name_like = handle
        || chars.next().is_some_and(char::is_uppercase)
            && letters > 1
            && chars.all(|c| !c.is_uppercase());
    let word = fold(raw);
    if word.is_empty() {
        return;
    }
    tokens.push(Token {
        stem: String::new(),
        word,
        stop: false,
        acronym,
        hyphen_next: false,
        name_like,
    });
}

/// Lowercases a (decomposed) character, drops accents, and spells out letters that do not decompose.
fn push_folded(c: char, out: &mut String) {
    if is_combining_mark(c) || is_invisible(c) {
        return;
    }
    match c {
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Zero-width and formatting characters that people paste in without seeing them.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Clitics written after an apostrophe, and the words they stand for. "'d" (had or would) and "'s" (is,
/// has or the possessive) are left joined: no reading of them is safe to pick, and they are stop words
/// either way.
const CLITICS: &[(&str, &str)] = &[("ll", "will"), ("re", "are"), ("ve", "have"), ("m", "am")];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Step 2: texting spellings and contractions people type on a phone.
fn expand_texting(tokens: &mut Vec<Token>) {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens.drain(..) {
        match TEXTING.get(token.word.as_str()) {
            Some(long) if !token.acronym => {
                let words: Vec<&str> = long.split(' ').collect();
                for (i, w) in words.iter().enumerate() {
                    out.push(Token {
                        word: (*w).to_string(),
                        hyphen_next: token.hyphen_next && i + 1 == words.len(),
                        ..token.clone()
                    });
                }
            }
            _ => out.push(token),
        }
    }
    *tokens = out;
}

/// Step 2b: a misspelt function word ("waht", "whta", "taht", "adn") is that word. Left as it is, it is a
/// rare word, the heaviest of the question, and a typo correction would turn it into some FAQ word
/// ("wait", "want"). Only words English does not know are respelt, only to a function word one edit away
/// (a swap counts as one), and never acronyms.
fn respell_function_words(tokens: &mut [Token]) {
    for token in tokens.iter_mut() {
        let len = token.word.len();
        if token.acronym
            || !(3..=8).contains(&len)
            || !token.word.is_ascii()
            || is_stop_word(&token.word)
            || English::shipped()
                .zipf(&token.word)
                .is_some_and(|z| z >= RESPELL_BELOW_ZIPF)
        {
            continue;
        }
        let mut letters: Vec<u8> = token.word.bytes().collect();
        letters.sort_unstable();
        // A swap of two letters ("waht") is the likeliest typo, then the commonest word ("wnat": "want").
        let likelihood = |w: &&&str| {
            let mut theirs: Vec<u8> = w.bytes().collect();
            theirs.sort_unstable();
            let zipf = English::shipped().zipf(w).unwrap_or(0.0);
            (theirs == letters, (zipf * 100.0) as i32)
        };
        let near = STOP_WORDS
            .iter()
            .filter(|w| {
                // "shell" is not a typo of "she": words keep their first letter (checked first: the
                // distance is the costly part).
                w.len() >= 3
                    && w.len().abs_diff(len) <= 1
                    && w.as_bytes()[0] == token.word.as_bytes()[0]
                    && strsim::osa_distance(w, &token.word) == 1
            })
            .max_by_key(likelihood);
        if let Some(word) = near {
            token.word = (*word).to_string();
        }
    }
}

/// Words at least this frequent in English are what the writer meant, not a misspelt function word.
const RESPELL_BELOW_ZIPF: f32 = 2.5;

/// Step 3: mark function words. They stay in the token list so that phrases keep their shape.
fn mark_stop_words(tokens: &mut [Token]) {
    for token in tokens {
        // Numbers are measurements and dates ("a fever of 39"), not topics.
        let number = token.word.chars().all(|c| c.is_ascii_digit());
        token.stop = !token.acronym && (number || is_stop_word(&token.word));
    }
}

/// Step 4: the Snowball English stemmer, so that "modified" and "modify" meet. Stop words keep their form:
/// nothing is looked up by them, and stemming is the costliest step.
fn stem(tokens: &mut [Token]) {
    for token in tokens {
        token.stem = if token.stop {
            token.word.clone()
        } else {
            stem_word(&token.word)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn chat_handles_are_names() {
        let names = |text: &str| -> Vec<(String, bool)> {
            tokens(text)
                .into_iter()
                .map(|t| (t.word, t.name_like))
                .collect()
        };
        assert_eq!(names("@bot the emily story")[0], ("bot".to_string(), true));
        assert_eq!(
            names("Replying to @dave - yes")[2],
            ("dave".to_string(), true)
        );
        assert_eq!(
            words("mail nurse@example.org"),
            ["mail", "nurse", "example", "org"]
        );
        assert!(
            names("mail nurse@example.org")
                .iter()
                .all(|(_, name)| !name)
        );
        assert_eq!(words("@ the clinic"), ["the", "clinic"]);
    }

    #[test]
    fn a_word_reads_the_same_when_remembered() {
        // The memo keeps a word as it reads inside a text; where it stands is set for each use.
        let read = |text: &str| -> Vec<(String, bool, bool)> {
            tokens(text)
                .into_iter()
                .map(|t| (t.word, t.name_like, t.hyphen_next))
                .collect()
        };
        for _ in 0..2 {
            assert_eq!(read("Emily"), [("emily".to_string(), false, false)]);
            assert_eq!(read("ask Emily")[1], ("emily".to_string(), true, false));
            assert_eq!(
                read("ask Emily-Rose"),
                [
                    ("ask".to_string(), false, false),
                    ("emily".to_string(), true, true),
                    ("rose".to_string(), true, false),
                ]
            );
            assert_eq!(read("idk-ok")[3], ("know".to_string(), false, true));
        }
    }

    #[test]
    fn a_word_reads_the_same_with_or_without_the_memo() {
        for raw in ["Emily", "@Dave", "idk", "CRS", "waht", "Thérapie"] {
            assert_eq!(word_tokens(raw), word_tokens_unremembered(raw), "{raw:?}");
        }
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(
            words("Thérapie CAFÉ Straße"),
            ["therapie", "cafe", "strasse"]
        );
    }

    #[test]
    fn drops_apostrophes_inside_words() {
        assert_eq!(words("patient's Crohn’s"), ["patients", "crohns"]);
    }

    #[test]
    fn clitics_are_words_of_their_own() {
        assert_eq!(words("we're"), ["we", "are"]);
        assert_eq!(
            words("It’ll hurt, I'm told; they've"),
            ["it", "will", "hurt", "i", "am", "told", "they", "have"]
        );
        assert_eq!(words("patient's o'clock"), ["patients", "oclock"]);
    }

    #[test]
    fn misspelt_function_words_are_respelt_but_real_words_and_acronyms_are_not() {
        assert_eq!(words("waht is whta"), ["what", "is", "what"]);
        assert_eq!(words("taht adn"), ["that", "and"]);
        // Real words, however close to a function word, and acronyms stay.
        assert_eq!(words("wait want then"), ["wait", "want", "then"]);
        assert_eq!(words("WAHT"), ["waht"]);
    }

    #[test]
    fn hyphen_splits_and_remembers() {
        let t = tokens("car-t cell");
        assert_eq!(t.len(), 3);
        assert!(t[0].hyphen_next);
        assert!(!t[1].hyphen_next);
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(words("my\u{200B}eloma"), ["myeloma"]);
    }

    #[test]
    fn texting_spellings_expand() {
        assert_eq!(words("wat r u"), ["what", "are", "you"]);
    }

    #[test]
    fn capital_acronym_is_not_a_stop_word() {
        let t = tokens("ALL story and all");
        assert!(t[0].acronym && !t[0].stop);
        assert!(t[3].stop);
    }

    #[test]
    fn capitalised_words_after_the_first_look_like_names() {
        let t = tokens("My husband Johnathan has CRS");
        assert!(!t[0].name_like);
        assert!(t[2].name_like);
        assert!(!t[4].name_like);
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem_word("modified"), stem_word("modify"));
        assert_eq!(stem_word("effects"), stem_word("effect"));
    }

    #[test]
    fn empty_and_symbol_only_text_gives_no_tokens() {
        assert!(tokens("").is_empty());
        assert!(tokens("?!… 🙂🙂").is_empty());
    }
}
