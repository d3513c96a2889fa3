//! The curation operations — assign a gap to an entry, add a question, write a new entry, ignore a gap,
//! undo — one code path for the buttons, `/alias`, `/answer` and `faqbot review`: write `questions.toml`,
//! log the change and close its gaps, then reload the served FAQ.

use std::sync::Arc;

use crate::curation::changes::{self, Change, Kind, Unavailable};
use crate::curation::editor::QuestionsFile;
use crate::curation::edits;
use crate::curation::error::CurateError;
use crate::curation::live::{Live, Loaded};
use crate::curation::names::{find_id, listed_for, resolve};
use crate::engine::Engine;
use crate::faq::{EntryId, EntryPos, LoadError, slug};
use crate::store::Store;

/// Who made a change, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admin {
    /// A Telegram user id; only its HMAC is stored.
    Telegram(u64),
    /// Someone at the terminal (`faqbot review`).
    Terminal,
}

/// A change made.
#[derive(Debug)]
pub struct Done {
    /// The logged change: its id names the undo button.
    pub change: Change,
    /// The entry's title (empty for an ignored gap).
    pub title: String,
    /// False when the question was an alternate of that entry already: nothing was written.
    pub written: bool,
    /// The reload after writing; on an error the old FAQ keeps answering though the change is saved.
    pub reload: Option<Result<Loaded, LoadError>>,
}

/// Titles are headings: one line, not a paragraph.
const MAX_TITLE_CHARS: usize = 200;

/// Makes changes to the FAQ.
pub struct Curator {
    file: QuestionsFile,
    live: Arc<Live>,
    store: Arc<Store>,
}

impl Curator {
    /// Changes go to `file`; the served engine is `live`; the log and the gaps are in `store`.
    pub fn new(file: QuestionsFile, live: Arc<Live>, store: Arc<Store>) -> Curator {
        Curator { file, live, store }
    }

    /// The file written to.
    pub fn file(&self) -> &QuestionsFile {
        &self.file
    }

    /// The served engine.
    pub fn live(&self) -> &Arc<Live> {
        &self.live
    }

    /// The database.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Adds the question of the open gap `gap` to the entry with id `entry` (what an entry button does).
    pub fn assign_gap(&self, admin: Admin, gap: i64, entry: &EntryId) -> Result<Done, CurateError> {
        let gap = changes::open_gap(&self.store, gap)?.ok_or(CurateError::GapClosed)?;
        let engine = self.live.current();
        let n = find_id(&engine, entry).ok_or_else(|| CurateError::NoEntry {
            name: entry.to_string(),
            hint: None,
        })?;
        self.question(admin, &engine, n, &gap.text, &gap.members)
    }

    /// Adds `question` to the entry named `name` (an id or a title) and closes the open gaps asked the same
    /// way (what `/alias` does).
    pub fn add_question(
        &self,
        admin: Admin,
        name: &str,
        question: &str,
    ) -> Result<Done, CurateError> {
        let question = question.trim();
        if question.is_empty() {
            return Err(CurateError::Empty("question"));
        }
        let engine = self.live.current();
        let n = resolve(&engine, name)?;
        let gaps = changes::open_gaps_like(&self.store, question);
        self.question(admin, &engine, n, question, &gaps)
    }

    fn question(
        &self,
        admin: Admin,
        engine: &Engine,
        n: EntryPos,
        question: &str,
        gaps: &[i64],
    ) -> Result<Done, CurateError> {
        let entry = engine.entry(n);
        let written = match listed_for(engine, question)? {
            Some(other) if other != n => {
                let other = engine.entry(other);
                return Err(CurateError::Taken {
                    question: question.to_string(),
                    title: other.title.clone(),
                    id: other.id.clone(),
                });
            }
            Some(_) => false,
            None => self
                .file
                .edit(|doc| edits::add_question(doc, &entry.id, &entry.title, question))?,
        };
        // A question the entry had already closes its gaps, but there is nothing in the file to undo.
        let kind = if written {
            Kind::Question
        } else {
            Kind::Ignore
        };
        let change = self.log(admin, kind, &entry.id, question, gaps)?;
        Ok(Done {
            change,
            title: entry.title.clone(),
            written,
            reload: written.then(|| self.live.reload()),
        })
    }

    /// Writes a new entry titled `title` answering with `answer`, asked as `question` or as the open gap
    /// `gap` (closed by it).
    pub fn new_entry(
        &self,
        admin: Admin,
        title: &str,
        answer: &str,
        question: Option<&str>,
        gap: Option<i64>,
    ) -> Result<Done, CurateError> {
        let title: String = title
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .chars()
            .take(MAX_TITLE_CHARS)
            .collect();
        if title.is_empty() || slug(&title).is_empty() {
            return Err(CurateError::Empty("title"));
        }
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(CurateError::Empty("answer"));
        }
        let (question, gaps) = match gap {
            Some(gap) => {
                let gap = changes::open_gap(&self.store, gap)?.ok_or(CurateError::GapClosed)?;
                (Some(gap.text), gap.members)
            }
            None => match question.map(str::trim).filter(|q| !q.is_empty()) {
                Some(q) => (Some(q.to_string()), changes::open_gaps_like(&self.store, q)),
                None => (None, Vec::new()),
            },
        };
        let engine = self.live.current();
        if let Some(q) = &question
            && let Some(other) = listed_for(&engine, q)?
        {
            let other = engine.entry(other);
            return Err(CurateError::Taken {
                question: q.clone(),
                title: other.title.clone(),
                id: other.id.clone(),
            });
        }
        let folder = self
            .file
            .path()
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("faq");
        let base = format!("{}/{}", slug(folder), slug(&title));
        let mut id = EntryId::default();
        self.file.edit(|doc| {
            // Under the lock: another admin's new entry of the same title just now takes `-2`.
            let mut taken = edits::entry_ids(doc);
            taken.extend(engine.faq().entries.iter().map(|e| e.id.clone()));
            id = (1..)
                .map(|n| match n {
                    1 => EntryId::new(base.clone()),
                    n => EntryId::new(format!("{base}-{n}")),
                })
                .find(|candidate| !taken.contains(candidate))
                .expect("some suffix is free");
            edits::add_entry(doc, &id, &title, answer, question.as_deref());
            true
        })?;
        let change = self.log(
            admin,
            Kind::NewEntry,
            &id,
            question.as_deref().unwrap_or(""),
            &gaps,
        )?;
        Ok(Done {
            change,
            title,
            written: true,
            reload: Some(self.live.reload()),
        })
    }

    /// Hides the open gap `gap` from the list without changing the FAQ.
    pub fn ignore(&self, admin: Admin, gap: i64) -> Result<Done, CurateError> {
        let gap = changes::open_gap(&self.store, gap)?.ok_or(CurateError::GapClosed)?;
        let change = self.log(admin, Kind::Ignore, &EntryId::default(), "", &gap.members)?;
        Ok(Done {
            change,
            title: String::new(),
            written: false,
            reload: None,
        })
    }

    /// Reverts the change `id`: its question or entry leaves `questions.toml` and its gaps reopen.
    pub fn undo(&self, id: i64) -> Result<Done, CurateError> {
        let change = changes::get(&self.store, id)?.ok_or(CurateError::NoChange(id))?;
        if change.undone_at.is_some() {
            return Err(CurateError::AlreadyUndone);
        }
        let engine = self.live.current();
        let title = find_id(&engine, &change.entry)
            .map(|n| engine.entry(n).title.clone())
            .unwrap_or_default();
        let written = match change.kind {
            Kind::Question => self
                .file
                .edit(|doc| edits::remove_question(doc, &change.entry, &title, &change.question))?,
            Kind::NewEntry => self
                .file
                .edit(|doc| edits::remove_entry(doc, &change.entry))?,
            Kind::Ignore => false,
        };
        // The file first, so that a file that cannot be written leaves the change in force; what was
        // written is served whatever the database says next. Of two admins pressing undo at once, the second
        // finds nothing left to remove and is told so here.
        let reload = written.then(|| self.live.reload());
        if !changes::mark_undone(&self.store, &change)? {
            return Err(CurateError::AlreadyUndone);
        }
        Ok(Done {
            change,
            title,
            written,
            reload,
        })
    }

    fn log(
        &self,
        admin: Admin,
        kind: Kind,
        entry: &EntryId,
        question: &str,
        gaps: &[i64],
    ) -> Result<Change, CurateError> {
        let who = match admin {
            Admin::Telegram(id) => self
                .store
                .hashed_user(id as i64)
                .unwrap_or_else(|_| "unknown".into()),
            Admin::Terminal => "terminal".into(),
        };
        let id = changes::record(&self.store, &who, kind, entry, question, gaps)?;
        Ok(changes::get(&self.store, id)?.ok_or(Unavailable)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FaqSettings, Matching};

    fn curator(dir: &std::path::Path) -> Curator {
        let faq = dir.join("faq");
        std::fs::create_dir_all(&faq).unwrap();
        std::fs::write(
            faq.join("clinic.md"),
            "# Clinic\n\n## Parking\n\nThe garage on level 2 is free.\n\n## Meals\n\nThe canteen opens at 7.\n",
        )
        .unwrap();
        let sources = FaqSettings {
            paths: vec![faq.clone()],
            synonyms: vec![],
            safety: None,
        };
        let engine = Engine::load(&sources, Matching::default()).unwrap();
        let store = Arc::new(Store::open(&dir.join("t.db"), 30));
        Curator::new(
            QuestionsFile::new(faq.join("questions.toml")),
            Arc::new(Live::new(engine)),
            store,
        )
    }

    #[test]
    fn a_question_already_there_is_not_written_twice_and_undo_happens_once() {
        let dir = tempfile::tempdir().unwrap();
        let c = curator(dir.path());
        let first = c
            .add_question(Admin::Terminal, "parking", "where do cars go")
            .unwrap();
        assert!(first.written);
        assert!(matches!(first.reload, Some(Ok(_))));
        let again = c
            .add_question(Admin::Terminal, "clinic/parking", "where do cars go")
            .unwrap();
        assert!(!again.written);
        assert_eq!(again.change.kind, Kind::Ignore);
        // Another entry cannot take it too, nor can a paragraph be a question.
        let taken = c
            .add_question(Admin::Terminal, "meals", "Where do cars go?")
            .unwrap_err();
        assert!(matches!(taken, CurateError::Taken { .. }), "{taken}");
        let long = "why ".repeat(100);
        assert!(matches!(
            c.add_question(Admin::Terminal, "meals", &long),
            Err(CurateError::TooLong(399))
        ));

        let results: Vec<_> = std::thread::scope(|s| {
            let undo = || s.spawn(|| c.undo(first.change.id));
            let (a, b) = (undo(), undo());
            vec![a.join().unwrap(), b.join().unwrap()]
        });
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(CurateError::AlreadyUndone)))
        );
        let text = std::fs::read_to_string(c.file().path()).unwrap();
        assert!(!text.contains("where do cars go"), "{text}");
    }

    #[test]
    fn new_entries_get_unique_ids_and_names_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let c = curator(dir.path());
        let a = c
            .new_entry(Admin::Terminal, "Visiting hours", "9 to 5.", None, None)
            .unwrap();
        let b = c
            .new_entry(
                Admin::Terminal,
                "Visiting hours",
                "Also weekends.",
                None,
                None,
            )
            .unwrap();
        assert_eq!(a.change.entry, "faq/visiting-hours");
        assert_eq!(b.change.entry, "faq/visiting-hours-2");
        assert_eq!(c.live().current().faq().entries.len(), 4);
        assert!(matches!(
            c.new_entry(Admin::Terminal, "  ", "x", None, None),
            Err(CurateError::Empty("title"))
        ));
        let err = c
            .add_question(Admin::Terminal, "parkng garage", "q")
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean \"Clinic › Parking\" (clinic/parking)?"),
            "{err}"
        );
    }
}
