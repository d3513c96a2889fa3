//! Button payloads (`callback_data`, at most 64 bytes): which entry or page a button opens.
//!
//! Entries are named by a hash of their id, not their position, so a button keeps working across restarts
//! and reloads as long as its entry exists; one whose entry is gone gets a polite answer.

use crate::engine::Engine;
use crate::faq::{EntryId, EntryPos};

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open an entry, by the hash of its id.
    Entry(u64),
    /// Show a page of the topic list.
    Topics(usize),
    /// A 👍 (`true`) or 👎 on the answer from an entry, by the hash of its id.
    Vote(bool, u64),
}

impl Action {
    /// The `callback_data` for this action.
    pub fn encode(self) -> String {
        match self {
            Action::Entry(hash) => format!("e:{hash:016x}"),
            Action::Topics(page) => format!("t:{page}"),
            Action::Vote(up, hash) => format!("v:{}:{hash:016x}", if up { 'u' } else { 'd' }),
        }
    }

    /// Reads `callback_data`; `None` for anything this version did not write.
    pub fn decode(data: &str) -> Option<Action> {
        let (kind, rest) = data.split_once(':')?;
        match kind {
            "e" if rest.len() == 16 => u64::from_str_radix(rest, 16).ok().map(Action::Entry),
            "t" => rest.parse().ok().map(Action::Topics),
            "v" => {
                let (up, hash) = rest.split_once(':')?;
                let up = match up {
                    "u" => true,
                    "d" => false,
                    _ => return None,
                };
                (hash.len() == 16)
                    .then(|| u64::from_str_radix(hash, 16).ok())
                    .flatten()
                    .map(|h| Action::Vote(up, h))
            }
            _ => None,
        }
    }
}

/// The button payload that opens the entry at `pos`.
pub fn open_entry(engine: &Engine, pos: EntryPos) -> String {
    Action::Entry(id_hash(&engine.entry(pos).id)).encode()
}

/// The entry whose id hashes to `hash`, in the engine as it is now.
pub fn find_entry(engine: &Engine, hash: u64) -> Option<EntryPos> {
    engine
        .faq()
        .positioned()
        .find(|(_, e)| id_hash(&e.id) == hash)
        .map(|(pos, _)| pos)
}

/// FNV-1a: stable across builds and platforms, unlike the standard hasher.
pub fn id_hash(id: &EntryId) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_fits_in_64_bytes() {
        for action in [
            Action::Entry(u64::MAX),
            Action::Entry(0),
            Action::Topics(12),
        ] {
            let data = action.encode();
            assert!(data.len() <= 64);
            assert_eq!(Action::decode(&data), Some(action));
        }
    }

    #[test]
    fn foreign_data_is_ignored() {
        for data in [
            "",
            "e:",
            "e:xyz",
            "x:1",
            "t:-1",
            "e:0123456789abcdef0",
            "💥:1",
        ] {
            assert_eq!(Action::decode(data), None, "{data}");
        }
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(id_hash(&EntryId::new("")), 0xcbf2_9ce4_8422_2325);
        assert_eq!(id_hash(&EntryId::new("a")), 0xaf63_dc4c_8601_ec8c);
    }
}
