//! Entry ids that stay put: made from where a section is and what it is called, never from its position.
//!
//! Alternate questions, votes, statistics and Telegram buttons all name entries by id, so an id that moved to
//! another section would make them point at the wrong answer without anyone noticing. Hence:
//!
//! - a section's id is its folder path (relative to the FAQ folder it was found under), its file and its own
//!   heading: `clinic/guide/driving`;
//! - sibling sections with the same own heading take their parents' headings, as many as tell them apart:
//!   `guide/adults/driving`, `guide/children/driving`;
//! - sections that not even their heading paths tell apart take a hash of their text: `guide/food-1a2b3c4d`;
//! - every claim on an id that several want is changed, never just the later ones: the id none of them keeps
//!   is then unknown (which `faqbot check` reports) rather than silently passed from one section to another.
//!
//! Each step is a few passes with hash maps, so 20 000 sections with one heading load as fast as any others.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use sha2::{Digest, Sha256};

/// Eight hex digits of the SHA-256 of `text`: short enough to read, stable across builds and platforms.
pub fn short_hash(text: &str) -> String {
    hash(text, 8)
}

fn hash(text: &str, digits: usize) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..digits.min(hex.len())].to_string()
}

/// The ids of a document's sections, before they are told apart by text: `base/own heading`, with the
/// parents' headings in front as far as they are needed to tell sibling sections with the same own heading
/// apart. `paths` holds each section's heading path, from the document's top down to its own heading.
pub fn section_ids(base: &str, paths: &[&[String]]) -> Vec<String> {
    let slugs: Vec<Vec<String>> = paths
        .iter()
        .map(|path| path.iter().map(|h| slug(h)).collect())
        .collect();
    let mut by_own: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, path) in slugs.iter().enumerate() {
        let own = path.last().map_or("", String::as_str);
        by_own.entry(own).or_default().push(i);
    }
    // How many parents each id takes.
    let mut parents = vec![0; slugs.len()];
    for group in by_own.values().filter(|g| g.len() > 1) {
        settle_parents(&slugs, group, &mut parents);
    }
    slugs
        .iter()
        .zip(parents)
        .map(|(path, n)| {
            let start = path.len().saturating_sub(n + 1);
            format!("{base}/{}", path[start..].join("/"))
        })
        .collect()
}

/// Gives each section of `group` (all with one own heading) the fewest parents that no other section of the
/// group has above the same heading; those whose whole paths are alike take them all.
///
/// A section is settled at the first depth where its path's tail is unlike every other section's tail at
/// that depth, so two settled ids can never be equal, whatever depths they were settled at.
fn settle_parents(slugs: &[Vec<String>], group: &[usize], parents: &mut [usize]) {
    let deepest = group.iter().map(|&i| slugs[i].len()).max().unwrap_or(0);
    let mut open: Vec<usize> = group.to_vec();
    for depth in 1..deepest {
        let tail = |i: usize| {
            let path = &slugs[i];
            path[path.len().saturating_sub(depth + 1)..].join("/")
        };
        let mut count: HashMap<String, usize> = HashMap::new();
        for &i in group {
            *count.entry(tail(i)).or_default() += 1;
        }
        open.retain(|&i| {
            let settled = count[&tail(i)] == 1;
            if settled {
                parents[i] = depth;
            }
            !settled
        });
        if open.is_empty() {
            return;
        }
    }
    for i in open {
        parents[i] = slugs[i].len().saturating_sub(1);
    }
}

/// Ids made unique by [`settle`].
#[derive(Debug, Default)]
pub struct Settled {
    /// Each claim's id, in the order of the claims; a duplicate's is meaningless.
    pub ids: Vec<String>,
    /// `(claim, earlier claim)` for each claim that wants the same id with the same key as an earlier one: it
    /// can never be told apart from it.
    pub duplicates: Vec<(usize, usize)>,
    /// The claims that took a hash of their key, grouped by the id they all wanted, by their first claim.
    pub hashed: Vec<Vec<usize>>,
}

/// Makes the `wanted` ids unique: every claim on an id that other claims want too takes a hash of its key
/// (all of them, not just the later ones); a claim with the same id and key as an earlier one is a duplicate.
/// Keys are asked for only for claims that clash, so they can be made on demand.
pub fn settle<K: AsRef<str>>(wanted: Vec<String>, key: impl Fn(usize) -> K) -> Settled {
    let mut ids = wanted;
    let mut live = vec![true; ids.len()];
    let mut duplicates = Vec::new();
    let mut hashed = Vec::new();
    // A hash can meet a heading that reads like one, or another hash: then longer hashes, then give up.
    for (round, digits) in [8, 16, 64, 0].into_iter().enumerate() {
        let groups = clashes(&ids, &live);
        if groups.is_empty() {
            break;
        }
        for group in groups {
            let keys: Vec<K> = group.iter().map(|&i| key(i)).collect();
            let mut first: HashMap<&str, usize> = HashMap::new();
            let mut distinct = Vec::with_capacity(group.len());
            for (&i, k) in group.iter().zip(&keys) {
                match first.entry(k.as_ref()) {
                    Entry::Occupied(earlier) => {
                        live[i] = false;
                        duplicates.push((i, *earlier.get()));
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(i);
                        distinct.push((i, k.as_ref()));
                    }
                }
            }
            if digits == 0 {
                // Equal SHA-256 prefixes of 64 digits for different texts: keep the first, drop the rest.
                for &(i, _) in &distinct[1..] {
                    live[i] = false;
                    duplicates.push((i, distinct[0].0));
                }
                continue;
            }
            if distinct.len() < 2 {
                continue;
            }
            for &(i, k) in &distinct {
                ids[i] = format!("{}-{}", ids[i], hash(k, digits));
            }
            if round == 0 {
                hashed.push(distinct.iter().map(|&(i, _)| i).collect());
            }
        }
    }
    duplicates.sort_unstable();
    hashed.sort_unstable_by_key(|g: &Vec<usize>| g[0]);
    Settled {
        ids,
        duplicates,
        hashed,
    }
}

/// The live claims on each id that more than one claim wants, in claim order.
fn clashes(ids: &[String], live: &[bool]) -> Vec<Vec<usize>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, id) in ids.iter().enumerate().filter(|&(i, _)| live[i]) {
        by_id.entry(id).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_id.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable_by_key(|g| g[0]);
    groups
}

/// Slugs longer than this are shortened to a prefix and a hash.
pub(crate) const MAX_SLUG_CHARS: usize = 64;
/// How much of a shortened slug is kept, at most, before its hash.
pub(crate) const SLUG_PREFIX_CHARS: usize = 48;

/// "What is CAR T-Cell Therapy?" → "what-is-car-t-cell-therapy"; "Побочные эффекты" → "побочные-эффекты".
///
/// Letters and digits of every script are kept, lowercased, with Latin accents folded ("Ünïcödé" → "unicode");
/// everything else separates words with one dash. A slug longer than 64 characters keeps its first words and
/// ends in a hash of the whole, so that the words telling two long headings apart are never lost. A text
/// with no letter or digit at all becomes `section-` and a hash of the text: made from what it says, not from
/// where it stands.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    // Combining marks belong to a letter kept as written (a Devanagari vowel sign), not to one folded to ASCII.
    let mut marks_belong = false;
    let mut one = [0u8; 4];
    for c in text.nfc() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            marks_belong = false;
        } else if crate::text::normalize::is_invisible(c) {
            continue;
        } else if is_combining_mark(c) {
            if marks_belong {
                out.push(c);
            }
        } else if c.is_alphanumeric() {
            let folded = crate::text::normalize::fold(c.encode_utf8(&mut one));
            if !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
                out.push_str(&folded);
                marks_belong = false;
            } else {
                out.extend(c.to_lowercase());
                marks_belong = true;
            }
        } else {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            marks_belong = false;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        return format!("section-{}", short_hash(text.trim()));
    }
    if out.chars().count() <= MAX_SLUG_CHARS {
        return out.to_string();
    }
    let (cut, _) = out
        .char_indices()
        .nth(SLUG_PREFIX_CHARS)
        .unwrap_or((out.len(), ' '));
    let prefix = &out[..cut];
    let prefix = match prefix.rfind('-') {
        Some(dash) if dash > 0 => &prefix[..dash],
        _ => prefix,
    };
    format!("{prefix}-{}", short_hash(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_plain_headings_as_they_were() {
        assert_eq!(
            slug("What is CAR T-Cell Therapy?"),
            "what-is-car-t-cell-therapy"
        );
        assert_eq!(slug("Ünïcödé — ok"), "unicode-ok");
        assert_eq!(slug("Emily's Journey"), "emily-s-journey");
        assert_eq!(slug("Stra\u{DF}e"), "strasse");
        // Decomposed accents fold like composed ones.
        assert_eq!(slug("Cafe\u{301} au lait"), "cafe-au-lait");
    }

    #[test]
    fn slug_keeps_letters_and_digits_of_every_script() {
        assert_eq!(slug("Побочные эффекты"), "побочные-эффекты");
        assert_eq!(slug("ЙОД и Ёлка"), "йод-и-ёлка");
        assert_eq!(slug("副作用"), "副作用");
        assert_eq!(slug("شفاء الخلايا ٣"), "شفاء-الخلايا-٣");
        // The vowel signs stay with their consonants.
        assert_eq!(slug("हिन्दी में"), "हिन्दी-में");
        assert_eq!(slug("a\u{200B}b"), "ab");
    }

    #[test]
    fn slug_of_a_text_without_letters_comes_from_the_text() {
        let question = slug("???");
        assert!(question.starts_with("section-"), "{question}");
        assert_eq!(question, slug("???"));
        assert_ne!(question, slug("!!!"));
    }

    #[test]
    fn long_slugs_keep_a_prefix_and_a_hash_of_the_whole() {
        let short = "word ".repeat(12);
        assert_eq!(slug(&short), "word-".repeat(12).trim_end_matches('-'));
        let a = slug(&format!("{} about driving", "word ".repeat(20)));
        let b = slug(&format!("{} about food", "word ".repeat(20)));
        assert_ne!(a, b);
        for s in [&a, &b] {
            assert!(s.chars().count() <= MAX_SLUG_CHARS, "{s}");
            let (prefix, hash) = s.rsplit_once('-').unwrap();
            assert!(prefix.starts_with("word-word-"), "{s}");
            assert!(!prefix.ends_with('-'), "{s}");
            assert_eq!(hash.len(), 8, "{s}");
        }
        let cyrillic = slug(&"слово ".repeat(30));
        assert!(cyrillic.starts_with("слово-слово-"), "{cyrillic}");
        assert!(cyrillic.chars().count() <= MAX_SLUG_CHARS, "{cyrillic}");
        let unbroken = slug(&"x".repeat(100));
        assert_eq!(
            unbroken.chars().count(),
            SLUG_PREFIX_CHARS + 9,
            "{unbroken}"
        );
    }

    fn path(headings: &[&str]) -> Vec<String> {
        headings.iter().map(|h| h.to_string()).collect()
    }

    fn ids(paths: &[Vec<String>]) -> Vec<String> {
        let paths: Vec<&[String]> = paths.iter().map(Vec::as_slice).collect();
        section_ids("g", &paths)
    }

    #[test]
    fn parents_only_as_far_as_they_tell_siblings_apart() {
        let paths = [
            path(&["Guide", "Adults", "Driving"]),
            path(&["Guide", "Children", "Driving"]),
            path(&["Guide", "Children", "Food"]),
            path(&["Guide", "Driving"]),
            path(&["Other", "Children", "Driving"]),
        ];
        assert_eq!(
            ids(&paths),
            [
                "g/adults/driving",
                "g/guide/children/driving",
                "g/food",
                "g/guide/driving",
                "g/other/children/driving",
            ]
        );
    }

    #[test]
    fn a_shorter_path_inside_a_longer_one_stays_apart() {
        let paths = [path(&["Y", "D"]), path(&["X", "Y", "D"])];
        assert_eq!(ids(&paths), ["g/y/d", "g/x/y/d"]);
    }

    #[test]
    fn equal_paths_take_their_whole_path_and_wait_for_the_text() {
        let paths = [path(&["Guide", "Food"]), path(&["Guide", "Food"])];
        assert_eq!(ids(&paths), ["g/guide/food", "g/guide/food"]);
    }

    #[test]
    fn settle_hashes_every_claim_on_a_shared_id() {
        let wanted = ["a/food", "a/sleep", "a/food", "a/food"].map(String::from);
        let keys = ["one", "x", "two", "one"];
        let settled = settle(wanted.to_vec(), |i| keys[i]);
        assert_eq!(settled.ids[0], format!("a/food-{}", short_hash("one")));
        assert_eq!(settled.ids[1], "a/sleep");
        assert_eq!(settled.ids[2], format!("a/food-{}", short_hash("two")));
        assert_eq!(settled.duplicates, [(3, 0)]);
        assert_eq!(settled.hashed, [vec![0, 2]]);
    }

    #[test]
    fn a_duplicate_leaves_the_id_alone() {
        let wanted = ["a/food", "a/food"].map(String::from);
        let settled = settle(wanted.to_vec(), |_| "same");
        assert_eq!(settled.ids[0], "a/food");
        assert_eq!(settled.duplicates, [(1, 0)]);
        assert!(settled.hashed.is_empty());
    }

    #[test]
    fn a_hash_that_meets_a_heading_gets_longer() {
        let taken = format!("a/food-{}", short_hash("one"));
        let wanted = vec!["a/food".to_string(), "a/food".to_string(), taken.clone()];
        let keys = ["one", "two", "three"];
        let settled = settle(wanted, |i| keys[i]);
        let unique: std::collections::HashSet<&String> = settled.ids.iter().collect();
        assert_eq!(unique.len(), 3, "{:?}", settled.ids);
        assert!(settled.duplicates.is_empty());
    }
}
