//! `faqbot check`: loads the FAQ and reports every problem with its file and line, and ids in the database
//! that no longer name an entry.

use std::process::ExitCode;

use crate::config::Settings;
use crate::engine::Engine;
use crate::faq::diagnostic::{Diagnostic, Severity};

/// Loads the FAQ and prints every diagnostic; exit 1 when there are errors.
pub(super) fn check(settings: &Settings) -> anyhow::Result<ExitCode> {
    let engine = match Engine::load(&settings.faq, settings.matching.clone()) {
        Ok(engine) => engine,
        Err(err) => {
            for d in &err.diagnostics {
                println!("{d}");
            }
            let errors = err
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            println!("{errors} error(s): the FAQ cannot be served until they are fixed");
            return Ok(ExitCode::FAILURE);
        }
    };
    let faq = engine.faq();
    for source in &faq.sources {
        println!(
            "{} — {:?}, {} entries",
            source.file, source.title, source.entries
        );
    }
    println!();
    for entry in &faq.entries {
        println!(
            "{}\n    {:?}  {}:{}  {} chars  {} alternate question(s)",
            entry.id,
            entry.title,
            entry.source,
            entry.line,
            entry.body.chars().count(),
            entry.questions.len()
        );
    }
    let mut warnings = faq.warnings.clone();
    let index = engine.index();
    // A general lexicon (a file of `faq.synonyms`) is written for any FAQ: most of its groups meeting no
    // entry is expected, so it gets one line, not one per group.
    let general: Vec<String> = settings
        .faq
        .synonyms
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut unused_in_general: std::collections::BTreeMap<&str, usize> = Default::default();
    for g in index.unused_synonym_groups() {
        let group = &index.synonyms().groups()[g];
        let (file, line) = group.origin.rsplit_once(':').unwrap_or((&group.origin, ""));
        if general.iter().any(|f| f == file) {
            *unused_in_general.entry(file).or_default() += 1;
            continue;
        }
        warnings.push(Diagnostic::warning(
            file,
            line.parse().ok(),
            format!("synonym group `{}` occurs in no entry", group.name),
        ));
    }
    for (file, unused) in unused_in_general {
        println!("note: {file}: {unused} synonym group(s) occur in no entry of these documents");
    }
    warnings.extend(stale_ids_in_database(settings, faq));
    println!();
    for w in &warnings {
        println!("{w}");
    }
    println!(
        "{} entries from {} document(s), {} synonym group(s), {} warning(s), 0 errors",
        faq.entries.len(),
        faq.sources.len(),
        index.synonyms().groups().len(),
        warnings.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Votes and counts in the bot's database for entry ids the FAQ no longer has: after a heading was renamed
/// or a section removed, they belong to nothing. Only counts are shown, never what users wrote.
fn stale_ids_in_database(settings: &Settings, faq: &crate::faq::Faq) -> Vec<Diagnostic> {
    let path = &settings.database.path;
    // A FAQ checked before the bot ever served has no database: creating one here would be a surprise.
    if !path.is_file() {
        return Vec::new();
    }
    let shown = path.display().to_string();
    let uses = match crate::store::entry_uses(path) {
        Ok(uses) => uses,
        Err(err) => {
            let message = format!("cannot look for stale entry ids: {err}");
            return vec![Diagnostic::warning(shown, None, message)];
        }
    };
    let known: std::collections::HashSet<&str> =
        faq.entries.iter().map(|e| e.id.as_str()).collect();
    uses.into_iter()
        .filter(|u| !known.contains(u.entry.as_str()))
        .map(|u| {
            let message = format!(
                "no entry has the id {:?} any more, but {} vote(s) and {} counted question(s) in the database name it; it was renamed or removed",
                u.entry, u.votes, u.questions
            );
            Diagnostic::warning(&shown, None, message)
        })
        .collect()
}
