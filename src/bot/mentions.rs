//! Whether a group or channel message is for the bot, and the question in it with the bot's @mentions
//! taken out — found by the message's entities (UTF-16 offsets), never by searching the text.

use std::ops::Range;

use teloxide::prelude::*;
use teloxide::types::{Me, MessageEntity, MessageEntityKind};

/// The question in `msg` if it is for the bot: any text in a private chat; in groups a mention of the bot
/// (removed from the question), a reply to the bot, or any text when `answer_all` is set; in channels a
/// mention.
pub fn addressed_text(msg: &Message, me: &Me, answer_all: bool) -> Option<String> {
    let text = msg.text()?;
    if msg.chat.is_private() {
        return Some(text.trim().to_string());
    }
    let username = me.user.username.as_deref().unwrap_or_default();
    let mentions = bot_mentions(text, msg.entities().unwrap_or_default(), username);
    if !mentions.is_empty() {
        return Some(without(text, &mentions));
    }
    if msg.chat.is_channel() {
        return None;
    }
    let replies_to_bot = msg
        .reply_to_message()
        .and_then(|r| r.from.as_ref())
        .is_some_and(|from| from.id == me.user.id);
    (replies_to_bot || answer_all).then(|| text.trim().to_string())
}

/// The byte ranges of `text` that Telegram marked as mentions of `username`.
///
/// Telegram finds mentions itself and sends them as entities with offsets in UTF-16 code units; searching
/// the text ourselves would also find "@bot" inside code or e-mail addresses, and any offset found in a
/// case-folded copy of the text need not be a character boundary of the original.
fn bot_mentions(text: &str, entities: &[MessageEntity], username: &str) -> Vec<Range<usize>> {
    if username.is_empty() {
        return Vec::new();
    }
    entities
        .iter()
        .filter(|e| e.kind == MessageEntityKind::Mention)
        .filter_map(|e| utf16_to_bytes(text, e.offset, e.length))
        .filter(|range| {
            text[range.clone()]
                .strip_prefix('@')
                .is_some_and(|name| name.eq_ignore_ascii_case(username))
        })
        .collect()
}

/// Converts an entity's UTF-16 offset and length to a byte range of `text`, or `None` when either end is
/// not on a character boundary or lies past the end (teloxide's own conversion panics on those).
fn utf16_to_bytes(text: &str, offset: usize, length: usize) -> Option<Range<usize>> {
    let end16 = offset.checked_add(length)?;
    let (mut start, mut end) = (None, None);
    let mut units = 0;
    for (at, c) in text.char_indices().chain([(text.len(), '\0')]) {
        if units == offset {
            start = Some(at);
        }
        if units == end16 {
            end = Some(at);
            break;
        }
        if units > end16 {
            break;
        }
        units += c.len_utf16();
    }
    Some(start?..end?)
}

/// `text` with the `cut` ranges (sorted, not overlapping) replaced by spaces and white space folded.
fn without(text: &str, cut: &[Range<usize>]) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for range in cut {
        if range.start < at {
            continue;
        }
        kept.push_str(&text[at..range.start]);
        kept.push(' ');
        at = range.end;
    }
    kept.push_str(&text[at..]);
    // Line breaks end sentences for the safety check: "no fever\nshaking badly" is two statements.
    kept.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(offset: usize, length: usize) -> MessageEntity {
        MessageEntity {
            kind: MessageEntityKind::Mention,
            offset,
            length,
        }
    }

    #[test]
    fn strips_mentions_in_any_case() {
        let mentions = |text: &str, entities: &[MessageEntity]| {
            without(text, &bot_mentions(text, entities, "faqbot"))
        };
        assert_eq!(
            mentions("@FaqBot what is CRS", &[mention(0, 7)]),
            "what is CRS"
        );
        assert_eq!(
            mentions("what is crs @faqbot?", &[mention(12, 7)]),
            "what is crs ?"
        );
        assert_eq!(mentions("İ @faqbot x", &[mention(2, 7)]), "İ x");
        // Another account's mention stays.
        assert_eq!(mentions("@other hi", &[mention(0, 6)]), "@other hi");
    }

    #[test]
    fn case_folding_that_changes_lengths_cannot_split_a_character() {
        // İ grows by a byte when lowercased, the OHM SIGN shrinks by one: the old code sliced the original
        // text at offsets found in its lowercased copy and panicked here.
        let text = "\u{130} @yourbot\u{439} \u{2126}";
        let entities = [mention(2, 8)];
        assert!(bot_mentions(text, &entities, "faqbot").is_empty());
        let found = bot_mentions(text, &[mention(2, 8)], "yourbot");
        assert_eq!(without(text, &found), "\u{130} \u{439} \u{2126}");
    }

    #[test]
    fn entity_offsets_that_do_not_fit_the_text_are_ignored() {
        let text = "😀@faqbot hi";
        // Inside the emoji's surrogate pair, past the end, and overflowing.
        for e in [mention(1, 7), mention(20, 7), mention(usize::MAX, 2)] {
            assert!(bot_mentions(text, &[e], "faqbot").is_empty());
        }
        assert_eq!(
            without(text, &bot_mentions(text, &[mention(2, 7)], "faqbot")),
            "😀 hi"
        );
    }

    #[test]
    fn line_breaks_survive_the_mention_removal() {
        let text = "@faqbot no fever\nshaking badly";
        let found = bot_mentions(text, &[mention(0, 7)], "faqbot");
        assert_eq!(without(text, &found), "no fever\nshaking badly");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Any text with any entity offsets and lengths (in or out of range, inside surrogate pairs) is
        /// handled without a panic, and what is left is the text less the cut mentions.
        #[test]
        fn arbitrary_text_and_entities_never_panic(
            text in "\\PC{0,80}",
            spans in proptest::collection::vec((0usize..120, 0usize..40), 0..4),
            username in "[a-z]{1,8}",
        ) {
            let entities: Vec<MessageEntity> = spans.iter().map(|&(o, l)| mention(o, l)).collect();
            let found = bot_mentions(&text, &entities, &username);
            let kept = without(&text, &found);
            proptest::prop_assert!(kept.len() <= text.len());
        }
    }
}
