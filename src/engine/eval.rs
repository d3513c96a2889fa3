//! Evaluation: a labelled question file (keys<TAB>question) run through the engine, with an accuracy report.
//!
//! A key is resolved through a `sections.tsv` beside the question file (key<TAB>a phrase from the section's
//! text), or else taken as an entry id. `none` means the bot should decline.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use crate::config::Matching;
use crate::engine::{self, Engine, Outcome};
use crate::faq::EntryPos;
use crate::faq::diagnostic::Diagnostic;
use crate::text::normalize;

/// One labelled question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The line in the question file.
    pub line: usize,
    /// Entries (by position) accepted as the answer; empty when the bot should decline.
    pub accepted: Vec<EntryPos>,
    /// The expected keys as written.
    pub keys: String,
    /// The question.
    pub question: String,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The case.
    pub case: Case,
    /// What the engine did.
    pub outcome: Outcome,
    /// The entry it answered or suggested first.
    pub entry: Option<EntryPos>,
    /// Its score.
    pub score: f32,
}

impl Verdict {
    /// Answered with an accepted entry, or declined (or small talk) when it should decline.
    pub fn correct(&self) -> bool {
        is_correct(&self.case, self.outcome, self.entry)
    }

    /// Answered with an entry that is not accepted: the worst failure.
    pub fn wrong(&self) -> bool {
        self.outcome == Outcome::Answered && !self.correct()
    }
}

/// Whether `outcome` with `entry` first is right for `case`: the one rule the report and the sweep share.
fn is_correct(case: &Case, outcome: Outcome, entry: Option<EntryPos>) -> bool {
    if case.accepted.is_empty() {
        matches!(outcome, Outcome::Declined | Outcome::Chitchat)
    } else {
        outcome == Outcome::Answered && entry.is_some_and(|e| case.accepted.contains(&e))
    }
}

/// Reads a question file, resolving keys against the engine's FAQ.
pub fn load_cases(path: &Path, engine: &Engine) -> Result<Vec<Case>, Diagnostic> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(&shown, None, format!("cannot read: {e}")))?;
    let sections = path
        .parent()
        .map(|p| p.join("sections.tsv"))
        .filter(|p| p.is_file());
    let phrases = match &sections {
        Some(p) => read_sections(p)?,
        None => Vec::new(),
    };
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((keys, question)) = line.split_once('\t') else {
            return Err(Diagnostic::error(
                &shown,
                Some(line_no),
                "expected `keys<TAB>question`",
            ));
        };
        let mut accepted = Vec::new();
        for key in keys.split('|').map(str::trim) {
            if key == "none" {
                continue;
            }
            match resolve(key, &phrases, engine) {
                Some(n) => accepted.push(n),
                None => {
                    return Err(Diagnostic::error(
                        &shown,
                        Some(line_no),
                        format!(
                            "key {key:?} names no entry: expected an entry id, `none`, or a key of sections.tsv whose phrase is in an entry"
                        ),
                    ));
                }
            }
        }
        cases.push(Case {
            line: line_no,
            accepted,
            keys: keys.to_string(),
            question: question.trim().to_string(),
        });
    }
    if cases.is_empty() {
        // An empty run would report 100%: say so instead.
        return Err(Diagnostic::error(
            &shown,
            None,
            "no questions to evaluate: expected lines of `keys<TAB>question`",
        ));
    }
    Ok(cases)
}

fn read_sections(path: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(&shown, None, format!("cannot read: {e}")))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, phrase)) = line.split_once('\t') else {
            return Err(Diagnostic::error(
                &shown,
                Some(i + 1),
                "expected `key<TAB>phrase`",
            ));
        };
        out.push((key.trim().to_string(), phrase.trim().to_string()));
    }
    Ok(out)
}

/// The entry a key stands for: the one whose text holds the key's phrase, else the one with that id.
fn resolve(key: &str, phrases: &[(String, String)], engine: &Engine) -> Option<EntryPos> {
    let faq = engine.faq();
    if let Some((_, phrase)) = phrases.iter().find(|(k, _)| k == key) {
        let wanted = squash(phrase);
        return faq
            .positioned()
            .find(|(_, e)| squash(&e.body).contains(&wanted) || squash(&e.title).contains(&wanted))
            .map(|(pos, _)| pos);
    }
    faq.position(key)
}

fn squash(text: &str) -> String {
    normalize::fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs every case.
pub fn run(engine: &Engine, cases: &[Case]) -> Vec<Verdict> {
    cases
        .iter()
        .map(|case| {
            let reply = engine.ask(&case.question);
            Verdict {
                case: case.clone(),
                outcome: reply.outcome(),
                entry: reply.closest().map(|c| c.entry),
                score: reply.closest().map_or(0.0, |c| c.score),
            }
        })
        .collect()
}

/// Accuracy over verdicts (1.0 for none).
pub fn accuracy(verdicts: &[Verdict]) -> f64 {
    if verdicts.is_empty() {
        return 1.0;
    }
    verdicts.iter().filter(|v| v.correct()).count() as f64 / verdicts.len() as f64
}

/// The report: each failure, then the figures, overall last.
pub fn report(engine: &Engine, verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    let title = |e: Option<EntryPos>| e.map_or("-".to_string(), |e| engine.entry(e).title.clone());
    let failures: Vec<&Verdict> = verdicts.iter().filter(|v| !v.correct()).collect();
    if !failures.is_empty() {
        let _ = writeln!(out, "failures:");
    }
    for v in &failures {
        let _ = writeln!(
            out,
            "  line {}: {:?}\n    expected {}; got {} {:?} (score {:.2}){}",
            v.case.line,
            v.case.question,
            v.case.keys,
            v.outcome.as_str(),
            title(v.entry),
            v.score,
            if v.wrong() { "  ← WRONG ANSWER" } else { "" }
        );
    }
    let answerable: Vec<&Verdict> = verdicts
        .iter()
        .filter(|v| !v.case.accepted.is_empty())
        .collect();
    let off_topic: Vec<&Verdict> = verdicts
        .iter()
        .filter(|v| v.case.accepted.is_empty())
        .collect();
    let count =
        |list: &[&Verdict], f: &dyn Fn(&Verdict) -> bool| list.iter().filter(|v| f(v)).count();
    let _ = writeln!(
        out,
        "answerable: {}/{} answered right, {} suggested, {} declined, {} wrong",
        count(&answerable, &|v| v.correct()),
        answerable.len(),
        count(&answerable, &|v| v.outcome == Outcome::Suggested),
        count(&answerable, &|v| v.outcome == Outcome::Declined),
        count(&answerable, &|v| v.wrong()),
    );
    let _ = writeln!(
        out,
        "off-topic: {}/{} declined or small talk, {} suggested, {} answered",
        count(&off_topic, &|v| v.correct()),
        off_topic.len(),
        count(&off_topic, &|v| v.outcome == Outcome::Suggested),
        count(&off_topic, &|v| v.wrong()),
    );
    let right = verdicts.iter().filter(|v| v.correct()).count();
    let wrong = verdicts.iter().filter(|v| v.wrong()).count();
    let _ = writeln!(
        out,
        "overall: {right}/{} right ({:.1}%), {wrong} wrong answer(s)",
        verdicts.len(),
        accuracy(verdicts) * 100.0
    );
    out
}

/// One case run once for the sweep: whether it was small talk, and its two best entries and scores.
type Run<'a> = (&'a Case, bool, Vec<(EntryPos, f32)>);

/// Right, wrong and declined answers at each answer threshold and margin, from one run of each case:
/// what an operator reads to choose `matching.answer_threshold` and `matching.answer_margin`.
pub fn sweep(engine: &Engine, cases: &[Case]) -> String {
    let runs: Vec<Run> = cases
        .iter()
        .map(|case| {
            let explained = engine.explain(&case.question);
            let top = explained
                .hits
                .iter()
                .take(2)
                .map(|h| (h.entry, h.score))
                .collect();
            (case, explained.reply.outcome() == Outcome::Chitchat, top)
        })
        .collect();
    let current = engine.matching();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} cases; now answer_threshold = {:.2}, answer_margin = {:.2}",
        cases.len(),
        current.answer_threshold,
        current.answer_margin
    );
    let _ = writeln!(
        out,
        "threshold  margin  right  wrong  not answered (answerable)  answered (off-topic)"
    );
    // The configured margin among the usual ones, so the current setting's row is there to compare.
    let mut margins = vec![0.0, current.answer_margin, 0.05, 0.1, 0.15];
    margins.sort_by(f32::total_cmp);
    margins.dedup();
    for margin in margins {
        for step in 0..=14 {
            let threshold = 0.2 + 0.05 * step as f32;
            let m = Matching {
                answer_threshold: threshold,
                answer_margin: margin,
                suggest_threshold: current.suggest_threshold.min(threshold),
                ..(*current).clone()
            };
            let (mut right, mut wrong, mut missed, mut off) = (0, 0, 0, 0);
            for (case, chitchat, top) in &runs {
                let outcome = match top.first() {
                    _ if *chitchat => Outcome::Chitchat,
                    Some(&(_, best)) => engine::decide(&m, best, top.get(1).map(|t| t.1)),
                    None => Outcome::Declined,
                };
                let entry = top.first().map(|t| t.0);
                let answered = outcome == Outcome::Answered;
                if is_correct(case, outcome, entry) {
                    right += 1;
                } else if answered {
                    wrong += 1;
                    off += usize::from(case.accepted.is_empty());
                } else if !case.accepted.is_empty() {
                    missed += 1;
                }
            }
            let _ = writeln!(
                out,
                "{threshold:>9.2}  {margin:>6.2}  {right:>5}  {wrong:>5}  {missed:>25}  {off:>20}"
            );
        }
    }
    out
}
