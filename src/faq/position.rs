//! An entry's position: where it is in this load of the FAQ, for the index and the replies built from it.

/// An entry's position in [`Faq::entries`](crate::faq::Faq::entries), in document order. Valid for one load
/// only (an edit before it moves it): what outlives a load refers to an entry by its
/// [`EntryId`](crate::faq::EntryId). A type of its own so that a position and a count cannot be passed for
/// one another; 32 bits, as the index stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryPos(u32);

impl EntryPos {
    /// The entry at `n`, as the index stores it.
    pub const fn new(n: u32) -> EntryPos {
        EntryPos(n)
    }

    /// The entry at `index` in the list of entries. The index numbers entries in 32 bits: a FAQ of more than
    /// four billion entries is not one this program can load.
    pub fn from_index(index: usize) -> EntryPos {
        EntryPos(u32::try_from(index).expect("an entry position fits in 32 bits"))
    }

    /// The position as an index into the list of entries.
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The position as the index stores it.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl From<u32> for EntryPos {
    fn from(n: u32) -> EntryPos {
        EntryPos(n)
    }
}
