//! Edits to a parsed `questions.toml` that read as a person's: a question joins its entry's list in the
//! list's own style, an entry's own table takes its questions, and what is taken out leaves no empty table
//! behind. Comments, order and layout stay (`toml_edit`).

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::faq::EntryId;

/// Adds `question` to the questions of the entry named `id` (or `title`): the `[[entry]]` table that
/// defines it, else its `[[alternates]]` table, else a new `[[alternates]]` table at the end. `false` when
/// the question is there already.
pub fn add_question(doc: &mut DocumentMut, id: &EntryId, title: &str, question: &str) -> bool {
    let names = |t: &Table, key: &str| {
        t.get(key)
            .and_then(Item::as_str)
            .is_some_and(|v| v == id.as_str() || v == title)
    };
    // Alternates are applied before the file's own entries exist, so an entry written here takes the
    // question in its own table.
    if let Some(table) = tables_mut(doc, "entry").find(|t| names(t, "id") || names(t, "title")) {
        return push_question(table, question);
    }
    if let Some(table) = tables_mut(doc, "alternates").find(|t| names(t, "entry")) {
        return push_question(table, question);
    }
    let mut table = Table::new();
    table["entry"] = toml_edit::value(id.as_str());
    let mut questions = Array::new();
    questions.push(question);
    table["questions"] = toml_edit::value(questions);
    array_of_tables(doc, "alternates").push(table);
    true
}

/// Takes `question` out of the questions of the entry named `id` (or `title`); an `[[alternates]]` table
/// left without questions goes too. `false` when it was not there.
pub fn remove_question(doc: &mut DocumentMut, id: &EntryId, title: &str, question: &str) -> bool {
    let names = |t: &Table, key: &str| {
        t.get(key)
            .and_then(Item::as_str)
            .is_some_and(|v| v == id.as_str() || v == title)
    };
    let mut removed = false;
    for kind in ["entry", "alternates"] {
        for table in tables_mut(doc, kind) {
            let key = if kind == "entry" { "id" } else { "entry" };
            if !(names(table, key) || (kind == "entry" && names(table, "title"))) {
                continue;
            }
            if let Some(questions) = table.get_mut("questions").and_then(Item::as_array_mut) {
                let before = questions.len();
                questions.retain(|q| q.as_str() != Some(question));
                removed |= questions.len() != before;
            }
        }
    }
    if let Some(alternates) = doc
        .get_mut("alternates")
        .and_then(Item::as_array_of_tables_mut)
    {
        alternates.retain(|t| {
            t.get("questions")
                .and_then(Item::as_array)
                .is_none_or(|q| !q.is_empty())
        });
    }
    removed
}

/// Appends a hand-written `[[entry]]`.
pub fn add_entry(
    doc: &mut DocumentMut,
    id: &EntryId,
    title: &str,
    answer: &str,
    question: Option<&str>,
) {
    let mut table = Table::new();
    table["id"] = toml_edit::value(id.as_str());
    table["title"] = toml_edit::value(title);
    if let Some(question) = question {
        let mut questions = Array::new();
        questions.push(question);
        table["questions"] = toml_edit::value(questions);
    }
    table["answer"] = toml_edit::value(answer);
    array_of_tables(doc, "entry").push(table);
}

/// Removes the `[[entry]]` with `id`; `false` when there is none.
pub fn remove_entry(doc: &mut DocumentMut, id: &EntryId) -> bool {
    let Some(entries) = doc.get_mut("entry").and_then(Item::as_array_of_tables_mut) else {
        return false;
    };
    let before = entries.len();
    entries.retain(|t| t.get("id").and_then(Item::as_str) != Some(id.as_str()));
    entries.len() != before
}

/// The ids the file's `[[entry]]` tables give themselves.
pub fn entry_ids(doc: &DocumentMut) -> Vec<EntryId> {
    doc.get("entry")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|a| a.iter())
        .filter_map(|t| t.get("id").and_then(Item::as_str).map(EntryId::from))
        .collect()
}

fn tables_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> impl Iterator<Item = &'a mut Table> {
    doc.get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .into_iter()
        .flat_map(|a| a.iter_mut())
}

fn array_of_tables<'a>(doc: &'a mut DocumentMut, key: &str) -> &'a mut ArrayOfTables {
    if doc.get(key).and_then(Item::as_array_of_tables).is_none() {
        doc[key] = Item::ArrayOfTables(ArrayOfTables::new());
    }
    doc[key]
        .as_array_of_tables_mut()
        .expect("set to an array of tables just above")
}

/// Adds `question` in the style of the list: one per line when the list is written so.
fn push_question(table: &mut Table, question: &str) -> bool {
    if table.get("questions").and_then(Item::as_array).is_none() {
        table["questions"] = toml_edit::value(Array::new());
    }
    let Some(questions) = table["questions"].as_array_mut() else {
        return false;
    };
    if questions.iter().any(|q| q.as_str() == Some(question)) {
        return false;
    }
    let prefix = questions
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    let mut value = Value::from(question);
    match prefix {
        Some(prefix) => {
            value.decor_mut().set_prefix(prefix);
            questions.push_formatted(value);
        }
        None => questions.push(value),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::questions;

    const FILE: &str = "# Written by hand.\n\n[[alternates]]\nentry = \"doc/a\"  # the first one\nquestions = [\n  \"one\",\n  \"two\",\n]\n\n# Our phone line.\n[[entry]]\nid = \"faq/phone\"\ntitle = \"Phone\"\nanswer = \"Call us.\"\n";

    fn id(id: &str) -> EntryId {
        EntryId::new(id)
    }

    fn doc() -> DocumentMut {
        FILE.parse().unwrap()
    }

    #[test]
    fn a_question_joins_its_list_in_the_same_style_and_comments_stay() {
        let mut d = doc();
        assert!(add_question(&mut d, &id("doc/a"), "A", "three"));
        let text = d.to_string();
        assert!(text.contains("  \"two\",\n  \"three\",\n]"), "{text}");
        assert!(text.contains("# Written by hand.") && text.contains("# the first one"));
        assert!(text.contains("# Our phone line."));
        assert!(
            !add_question(&mut d, &id("doc/a"), "A", "three"),
            "no duplicate"
        );
    }

    #[test]
    fn hand_written_entries_take_questions_in_their_own_table() {
        let mut d = doc();
        assert!(add_question(
            &mut d,
            &id("faq/phone"),
            "Phone",
            "number to call"
        ));
        let q = questions::parse("q.toml", &d.to_string()).unwrap();
        assert_eq!(q.entries[0].questions[0].text, "number to call");
        assert!(q.alternates.iter().all(|a| a.entry != "faq/phone"));
    }

    #[test]
    fn unknown_entry_gets_a_new_table_and_removing_its_question_removes_it() {
        let mut d = doc();
        assert!(add_question(&mut d, &id("doc/b"), "B", "what about b"));
        let q = questions::parse("q.toml", &d.to_string()).unwrap();
        assert_eq!(q.alternates[1].entry, "doc/b");
        assert!(remove_question(&mut d, &id("doc/b"), "B", "what about b"));
        assert_eq!(d.to_string(), FILE);
        assert!(!remove_question(&mut d, &id("doc/b"), "B", "what about b"));
    }

    #[test]
    fn entries_come_and_go() {
        let mut d = doc();
        add_entry(
            &mut d,
            &id("faq/parking"),
            "Parking",
            "Level 2.\nFree.",
            Some("where to park"),
        );
        let q = questions::parse("q.toml", &d.to_string()).unwrap();
        assert_eq!(q.entries[1].title, "Parking");
        assert_eq!(q.entries[1].answer, "Level 2.\nFree.");
        assert_eq!(entry_ids(&d), ["faq/phone", "faq/parking"]);
        assert!(remove_entry(&mut d, &id("faq/parking")));
        assert_eq!(d.to_string(), FILE);
    }
}
