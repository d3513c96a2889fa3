//! How the library's own types are written to and read from SQLite columns.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::faq::EntryId;

/// An entry id is stored as its text.
impl ToSql for EntryId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// An entry id read back is the id as it was when stored: the FAQ may have no entry with it any more.
impl FromSql for EntryId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<EntryId> {
        String::column_result(value).map(EntryId::new)
    }
}
