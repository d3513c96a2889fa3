//! `faqbot report` (statistics, gaps and recent changes from the database) and `faqbot review` (the gaps
//! walked in the terminal).

use std::io::{self};
use std::process::ExitCode;

use anyhow::Context;

use crate::config::Settings;
use crate::engine::render::Markup;

use crate::cli::load;

/// `faqbot report`: statistics, gaps with their closest entries, and recent changes.
pub(super) fn report(settings: &Settings, json: bool, limit: usize) -> anyhow::Result<ExitCode> {
    let path = &settings.database.path;
    anyhow::ensure!(
        path.is_file(),
        "no database at {}: it is created when the bot first serves",
        path.display()
    );
    let engine = load(settings)?;
    let store = crate::store::Store::open_with_secret(
        path,
        settings.database.keep_days,
        settings.database.secret.as_deref(),
    );
    let stats = store
        .stats()
        .with_context(|| format!("cannot read the database {}", path.display()))?;
    let gaps = store
        .gaps(limit)
        .with_context(|| format!("cannot read the database {}", path.display()))?;
    let gaps = crate::curation::report::with_closest(&engine, gaps);
    let changes = crate::curation::recent(&store, CHANGES_LISTED)
        .with_context(|| format!("cannot read the database {}", path.display()))?;
    if json {
        let value = serde_json::json!({ "stats": stats, "gaps": gaps, "changes": changes });
        println!("{value}");
    } else {
        println!(
            "{}\n\n{}\n\n{}",
            crate::curation::report::stats(&stats, Markup::Plain),
            crate::curation::report::gaps(&gaps, Markup::Plain),
            crate::curation::report::changes(&changes, Markup::Plain)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// How many recent changes `faqbot report` lists.
const CHANGES_LISTED: usize = 20;

/// `faqbot review`: the gaps in the terminal, written through the same curator as the Telegram buttons.
pub(super) fn review(settings: Settings, limit: usize) -> anyhow::Result<ExitCode> {
    use std::sync::Arc;
    let path = &settings.database.path;
    anyhow::ensure!(
        path.is_file(),
        "no database at {}: it is created when the bot first serves, and holds the questions to review",
        path.display()
    );
    let engine = load(&settings)?;
    let store = Arc::new(crate::store::Store::open_with_secret(
        path,
        settings.database.keep_days,
        settings.database.secret.as_deref(),
    ));
    let file = crate::curation::QuestionsFile::new(settings.curation.questions_file(&settings.faq));
    if !settings.curation.is_read(&settings.faq) {
        eprintln!(
            "warning: {} is outside the FAQ paths: changes will be saved there but not served; set curation.questions_file or add a FAQ folder",
            file.path().display()
        );
    }
    let live = Arc::new(crate::curation::Live::new(engine));
    let curator = crate::curation::Curator::new(file.clone(), live, store);
    let made = crate::curation::review(&curator, limit, io::stdin().lock(), io::stdout())?;
    println!(
        "\n{made} change(s) written to {}; a running bot reloads it by itself.",
        file.path().display()
    );
    Ok(ExitCode::SUCCESS)
}
