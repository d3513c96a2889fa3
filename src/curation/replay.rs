//! `faqbot eval FILE --replay`: what curation buys. The first half of a labelled chat is asked; its declined
//! questions become gaps, and each gap is assigned by the [`Curator`] (as an admin's button would) to the
//! entry its label expects, in a copy of the FAQ folders; then the second half is asked. Its right-answer rate
//! before and after is the measure.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use crate::config::Settings;
use crate::curation::curator::{Admin, Curator};
use crate::curation::editor::QuestionsFile;
use crate::curation::live::Live;
use crate::engine::eval::{self, Case};
use crate::engine::{Decision, Declined, Engine};
use crate::store::Store;

/// The replay's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    /// Questions in the first half.
    pub first: usize,
    /// Declined there (kept as gaps).
    pub declined: usize,
    /// Gaps assigned to their expected entry.
    pub assigned: usize,
    /// Gaps ignored (the label says the FAQ cannot answer).
    pub ignored: usize,
    /// Questions in the second half.
    pub second: usize,
    /// Right in the second half before / after.
    pub right_before: usize,
    /// Right after.
    pub right_after: usize,
    /// Answered wrongly in the second half before.
    pub wrong_before: usize,
    /// Answered wrongly after.
    pub wrong_after: usize,
    /// Right in the first half after (the assigned ones are now answered).
    pub first_right_before: usize,
    /// Right in the first half after.
    pub first_right_after: usize,
    /// The second half's questions whose verdict changed: (line, right after, question).
    pub changed: Vec<(usize, bool, String)>,
}

impl fmt::Display for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
        writeln!(
            f,
            "first half: {} questions, {} declined → {} gap(s) assigned, {} ignored",
            self.first, self.declined, self.assigned, self.ignored
        )?;
        writeln!(
            f,
            "first half right: {}/{} ({:.1}%) before, {}/{} ({:.1}%) after",
            self.first_right_before,
            self.first,
            pct(self.first_right_before, self.first),
            self.first_right_after,
            self.first,
            pct(self.first_right_after, self.first)
        )?;
        write!(
            f,
            "second half right: {}/{} ({:.1}%) before, {}/{} ({:.1}%) after; wrong answers {} before, {} after",
            self.right_before,
            self.second,
            pct(self.right_before, self.second),
            self.right_after,
            self.second,
            pct(self.right_after, self.second),
            self.wrong_before,
            self.wrong_after
        )?;
        for (line, right, question) in &self.changed {
            let now = if *right { "now right" } else { "now wrong" };
            let short: String = question.chars().take(90).collect();
            write!(f, "\n  line {line}: {now}: {short}")?;
        }
        Ok(())
    }
}

/// Which questions are learnt from and which are asked after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The first half, then the second half (a chat's history, then its future).
    Halves,
    /// Every other question: both halves cover the same topics when the file is grouped by topic.
    Alternate,
}

/// Runs the replay of `cases_file` on a copy of the FAQ of `settings` (the originals are not touched).
pub fn replay(settings: &Settings, cases_file: &Path, split: Split) -> anyhow::Result<Replay> {
    let scratch = tempfile::tempdir().context("creating a scratch folder")?;
    let faq = copy_faq(settings, scratch.path())?;
    let engine = Engine::load(&faq, settings.matching.clone())?;
    let cases = eval::load_cases(cases_file, &engine).map_err(|d| anyhow::anyhow!("{d}"))?;
    let (first, second): (Vec<Case>, Vec<Case>) = match split {
        Split::Halves => {
            let (a, b) = cases.split_at(cases.len() / 2);
            (a.to_vec(), b.to_vec())
        }
        Split::Alternate => {
            let (a, b): (Vec<_>, Vec<_>) =
                cases.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
            (
                a.into_iter().map(|(_, c)| c).collect(),
                b.into_iter().map(|(_, c)| c).collect(),
            )
        }
    };
    let (first, second) = (first.as_slice(), second.as_slice());
    let right = |engine: &Engine, cases: &[Case]| {
        let verdicts = eval::run(engine, cases);
        (
            verdicts.iter().filter(|v| v.correct()).count(),
            verdicts.iter().filter(|v| v.wrong()).count(),
        )
    };
    let (right_before, wrong_before) = right(&engine, second);
    let (first_right_before, _) = right(&engine, first);

    let store = Arc::new(Store::open(&scratch.path().join("replay.db"), 30));
    let mut declined = 0;
    for case in first {
        let reply = engine.ask(&case.question);
        // As the bot records it: a declined question's text becomes a gap.
        if matches!(reply.decision, Decision::Decline(Declined::NoMatch { .. })) {
            declined += 1;
            store.record_question("declined", None, Some(&case.question))?;
        }
    }
    let questions = settings.curation.questions_file(&faq);
    let before_engine = engine.clone();
    let live = Arc::new(Live::new(engine));
    let curator = Curator::new(
        QuestionsFile::new(questions),
        Arc::clone(&live),
        Arc::clone(&store),
    );
    let gaps = store
        .gaps(first.len().max(1))
        .context("reading the gaps back")?;
    let (mut assigned, mut ignored) = (0, 0);
    for gap in gaps {
        // Gaps keep the first 300 characters of a question.
        let kept = |c: &&Case| c.question.trim().chars().take(300).eq(gap.text.chars());
        let Some(case) = first.iter().find(kept) else {
            continue;
        };
        // The admin's choice: the entry the label expects; a question the FAQ cannot answer is ignored.
        match case.accepted.first() {
            Some(&n) => {
                let id = live.current().entry(n).id.clone();
                let done = curator.assign_gap(Admin::Terminal, gap.id, &id)?;
                if let Some(Err(err)) = done.reload {
                    anyhow::bail!("the FAQ did not reload after an assignment: {err}");
                }
                assigned += 1;
            }
            None => {
                curator.ignore(Admin::Terminal, gap.id)?;
                ignored += 1;
            }
        }
    }
    let after = live.current();
    let (right_after, wrong_after) = right(&after, second);
    let changed = eval::run(&live.current(), second)
        .into_iter()
        .zip(eval::run(&before_engine, second))
        .filter(|(a, b)| a.correct() != b.correct())
        .map(|(a, _)| (a.case.line, a.correct(), a.case.question.clone()))
        .collect();
    let (first_right_after, _) = right(&after, first);
    Ok(Replay {
        first: first.len(),
        declined,
        assigned,
        ignored,
        second: second.len(),
        right_before,
        right_after,
        wrong_before,
        wrong_after,
        first_right_before,
        first_right_after,
        changed,
    })
}

/// Copies the FAQ paths into `into` and returns settings naming the copies; synonym and safety files inside
/// a FAQ folder are named in the copy, so that nothing is read twice.
fn copy_faq(settings: &Settings, into: &Path) -> anyhow::Result<crate::config::FaqSettings> {
    let mut faq = settings.faq.clone();
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (i, path) in settings.faq.paths.iter().enumerate() {
        let name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let target = into.join(format!("{i}")).join(name);
        copy(path, &target).with_context(|| format!("copying {}", path.display()))?;
        moved.push((path.clone(), target));
    }
    let relocate = |p: &PathBuf| {
        moved
            .iter()
            .find_map(|(from, to)| p.strip_prefix(from).ok().map(|rest| to.join(rest)))
            .unwrap_or_else(|| p.clone())
    };
    faq.paths = moved.iter().map(|(_, to)| to.clone()).collect();
    faq.synonyms = faq.synonyms.iter().map(relocate).collect();
    faq.safety = faq.safety.as_ref().map(relocate);
    Ok(faq)
}

fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).map(|_| ())
    }
}
