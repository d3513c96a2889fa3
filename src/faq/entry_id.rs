//! An entry's id: the stable name votes, counts, alternates, changes and buttons refer to it by.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::Serialize;

/// An entry's stable id ("clinic/guide/driving"): made from where the entry is and what it is called, so it
/// survives other sections being added, removed or moved (see `faq::ids`). A type of its own so that an id
/// and a title, both text, cannot be passed for one another.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntryId(String);

impl EntryId {
    /// An id as written: made by `faq::ids`, read from `questions.toml` or from the database.
    pub fn new(id: impl Into<String>) -> EntryId {
        EntryId(id.into())
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id's text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Quoted like the text it is, as messages that name an id with `{:?}` always showed it.
impl fmt::Debug for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Deref for EntryId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EntryId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for EntryId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for EntryId {
    fn from(id: String) -> EntryId {
        EntryId(id)
    }
}

impl From<&str> for EntryId {
    fn from(id: &str) -> EntryId {
        EntryId(id.to_string())
    }
}

impl From<EntryId> for String {
    fn from(id: EntryId) -> String {
        id.0
    }
}

impl PartialEq<str> for EntryId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EntryId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for EntryId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<EntryId> for str {
    fn eq(&self, other: &EntryId) -> bool {
        self == other.0
    }
}

impl PartialEq<EntryId> for &str {
    fn eq(&self, other: &EntryId) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_like_the_text_it_is() {
        let id = EntryId::new("clinic/guide/driving");
        // Diagnostics quote ids with `{:?}`, reports print them with `{}`, JSON carries the bare string.
        assert_eq!(format!("{id:?}"), r#""clinic/guide/driving""#);
        assert_eq!(id.to_string(), "clinic/guide/driving");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            r#""clinic/guide/driving""#
        );
        assert_eq!(id, "clinic/guide/driving");
        assert_eq!("clinic/guide/driving", id);
        let set: std::collections::HashSet<EntryId> = [id.clone()].into();
        assert!(
            set.contains("clinic/guide/driving"),
            "looked up by its text"
        );
    }
}
