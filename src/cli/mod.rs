//! The command line: `faqbot [ask|check|eval|serve|report|review]`, parsed with clap.

mod chat;
pub mod eval;
mod shutdown;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::config::Settings;
use crate::engine::render::{self, Markup};
use crate::engine::{Engine, Reply};
use crate::faq::diagnostic::{Diagnostic, Severity};
use crate::search::explain;

/// Answers questions about CAR T-cell therapy from an FAQ built out of documents: in the terminal, or on
/// Telegram when a bot token is configured.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// A FAQ folder or document, instead of the configured ones (repeat for several).
    #[arg(long, global = true, value_name = "PATH")]
    pub faq: Vec<PathBuf>,
    /// The configuration file [default: config.toml, if present].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// What to do; with none, chat in the terminal (or serve Telegram when a token is configured).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer questions given as arguments, or one per line on stdin.
    Ask {
        /// The questions; read from stdin when there are none.
        question: Vec<String>,
        /// Print one JSON object per question.
        #[arg(long)]
        json: bool,
        /// Show how each question was matched.
        #[arg(long)]
        explain: bool,
    },
    /// Load the FAQ and list its entries and any problems; exit 1 on errors.
    Check,
    /// Serve the FAQ on Telegram (needs a bot token); stops on SIGINT or SIGTERM.
    Serve,
    /// Statistics and unanswered questions from the bot's database, each with its closest entry.
    Report {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// How many unanswered questions to list (1 to 1000).
        #[arg(long, default_value_t = 20,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
        gaps: usize,
    },
    /// Measure accuracy on a labelled question file (keys<TAB>question).
    Eval {
        /// The question file, like ../shared/eval/dev_questions.tsv.
        file: PathBuf,
        /// Exit 1 when the accuracy is below this share (0 to 1).
        #[arg(long, value_name = "SHARE")]
        min: Option<f64>,
        /// Instead of the report, print right / wrong / declined at each answer threshold and margin, to
        /// choose `matching.answer_threshold` and `matching.answer_margin`.
        #[arg(long)]
        sweep: bool,
        /// Instead of the report, measure curation: ask the first half, assign its declined questions to
        /// their expected entries as an admin would (in a copy of the FAQ), then ask the second half.
        #[arg(long, conflicts_with = "sweep")]
        replay: bool,
    },
    /// Walk the unanswered questions in the terminal and add each to an entry, as admins do on Telegram.
    Review {
        /// How many unanswered questions to walk (1 to 1000).
        #[arg(long, default_value_t = 20,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
        gaps: usize,
    },
}

/// Runs the command line; errors are printed by the binary with exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut settings = Settings::load(cli.config.as_deref())?;
    if !cli.faq.is_empty() {
        settings.faq.paths = cli.faq.clone();
    }
    match cli.command {
        Some(Command::Check) => check(&settings),
        Some(Command::Ask {
            question,
            json,
            explain,
        }) => {
            let engine = load(&settings)?;
            ask(&engine, &settings, question, json, explain)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Eval {
            file, replay: true, ..
        }) => {
            use crate::curation::{Split, replay};
            println!("{}", replay(&settings, &file, Split::Halves)?);
            println!("\nEvery other question instead of halves (both then cover the same topics):");
            println!("{}", replay(&settings, &file, Split::Alternate)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Eval {
            file, min, sweep, ..
        }) => {
            let engine = load(&settings)?;
            let cases = eval::load_cases(&file, &engine).map_err(|d| anyhow::anyhow!("{d}"))?;
            if sweep {
                print!("{}", eval::sweep(&engine, &cases));
                return Ok(ExitCode::SUCCESS);
            }
            let verdicts = eval::run(&engine, &cases);
            print!("{}", eval::report(&engine, &verdicts));
            let below = min.is_some_and(|min| eval::accuracy(&verdicts) < min);
            Ok(if below {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Serve) => {
            // A service: monitors expect the health check unless it is turned off.
            settings.service.enabled.get_or_insert(true);
            serve(settings)
        }
        Some(Command::Report { json, gaps }) => report(&settings, json, gaps),
        Some(Command::Review { gaps }) => review(settings, gaps),
        None if settings.token().is_some() => serve(settings),
        None => {
            let engine = load(&settings)?;
            let stdin = io::stdin();
            chat::run(
                &engine,
                &settings.texts,
                &settings.matching.weights,
                stdin.lock(),
                io::stdout(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Serves Telegram: the FAQ is loaded and checked before connecting.
fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    let token = settings.token().context(crate::bot::NO_TOKEN)?;
    let mut secrets = vec![
        token.clone(),
        token
            .split_once(':')
            .map(|(_, s)| s.to_string())
            .unwrap_or_default(),
    ];
    secrets.extend(settings.telegram.webhook_secret.clone());
    crate::config::logging::init(
        &settings.log.level,
        settings.log.format,
        secrets,
        io::stderr,
    );
    let engine = Engine::load(&settings.faq, settings.matching.clone())?;
    for warning in &engine.faq().warnings {
        tracing::warn!("{warning}");
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(crate::bot::serve(
        settings,
        engine,
        crate::cli::shutdown::signal(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn report(settings: &Settings, json: bool, limit: usize) -> anyhow::Result<ExitCode> {
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
    let gaps = crate::store::report::with_closest(&engine, gaps);
    let changes = crate::curation::recent(&store, CHANGES_LISTED)
        .with_context(|| format!("cannot read the database {}", path.display()))?;
    if json {
        let value = serde_json::json!({ "stats": stats, "gaps": gaps, "changes": changes });
        println!("{value}");
    } else {
        println!(
            "{}\n\n{}\n\n{}",
            crate::store::report::stats(&stats, Markup::Plain),
            crate::store::report::gaps(&gaps, Markup::Plain),
            crate::store::report::changes(&changes, Markup::Plain)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// How many recent changes `faqbot report` lists.
const CHANGES_LISTED: usize = 20;

/// `faqbot review`: the gaps in the terminal, written through the same curator as the Telegram buttons.
fn review(settings: Settings, limit: usize) -> anyhow::Result<ExitCode> {
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

/// Loads the FAQ, printing its warnings to stderr.
pub fn load(settings: &Settings) -> anyhow::Result<Engine> {
    let engine = Engine::load(&settings.faq, settings.matching.clone())?;
    for warning in &engine.faq().warnings {
        eprintln!("{warning}");
    }
    Ok(engine)
}

fn check(settings: &Settings) -> anyhow::Result<ExitCode> {
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

/// One `ask --json` line.
#[derive(Serialize)]
struct JsonReply<'a> {
    question: &'a str,
    outcome: &'static str,
    id: Option<&'a str>,
    title: Option<&'a str>,
    source: Option<String>,
    score: f32,
    urgent: Option<&'a crate::safety::Alert>,
    answer: String,
    alternatives: Vec<JsonAlternative<'a>>,
}

#[derive(Serialize)]
struct JsonAlternative<'a> {
    id: &'a str,
    title: &'a str,
    score: f32,
}

fn ask(
    engine: &Engine,
    settings: &Settings,
    questions: Vec<String>,
    json: bool,
    explain: bool,
) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut answer = |question: &str| -> anyhow::Result<()> {
        let explained = engine.explain(question);
        let reply = &explained.reply;
        if json {
            let line = serde_json::to_string(&json_reply(engine, settings, question, reply))?;
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}",
                render::reply(engine, &settings.texts, reply, Markup::Plain, true)
            )?;
        }
        if explain {
            writeln!(
                out,
                "{}",
                explain::explain(engine, &explained, &settings.matching.weights)
            )?;
            if let Some(safety) = engine.safety() {
                write!(out, "{}", safety.explain(question))?;
            }
        }
        if !json && !explain {
            writeln!(out)?;
        }
        Ok(())
    };
    if questions.is_empty() {
        let mut input = io::stdin().lock();
        let mut bytes = Vec::new();
        for number in 1.. {
            bytes.clear();
            if input
                .read_until(b'\n', &mut bytes)
                .context("reading questions from stdin")?
                == 0
            {
                break;
            }
            // One bad line in a batch should cost that line, not the rest of the batch.
            let Ok(line) = std::str::from_utf8(&bytes) else {
                eprintln!("stdin line {number}: not valid UTF-8; skipped");
                continue;
            };
            if !line.trim().is_empty() {
                answer(line.trim())?;
            }
        }
    } else {
        for question in &questions {
            answer(question)?;
        }
    }
    Ok(())
}

fn json_reply<'a>(
    engine: &'a Engine,
    settings: &Settings,
    question: &'a str,
    reply: &'a Reply,
) -> JsonReply<'a> {
    let best = reply.best().map(|b| engine.entry(b.entry));
    JsonReply {
        question,
        outcome: reply.outcome().as_str(),
        id: best.map(|e| e.id.as_str()),
        title: best.map(|e| e.title.as_str()),
        source: best.map(|e| format!("{}:{}", e.source, e.line)),
        score: reply
            .best()
            .map_or(0.0, |b| (b.score * 1000.0).round() / 1000.0),
        urgent: reply.alert.as_ref(),
        answer: render::reply(engine, &settings.texts, reply, Markup::Plain, true),
        alternatives: reply
            .alternatives()
            .iter()
            .map(|c| {
                let e = engine.entry(c.entry);
                JsonAlternative {
                    id: &e.id,
                    title: &e.title,
                    score: (c.score * 1000.0).round() / 1000.0,
                }
            })
            .collect(),
    }
}
