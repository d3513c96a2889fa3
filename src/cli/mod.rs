//! The command line: `faqbot [ask|check|eval|serve|report|review]`, parsed with clap.

mod ask;
mod chat;
mod check;
mod report;
mod shutdown;

use std::io::{self};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::engine::Engine;
use crate::engine::eval;

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
        Some(Command::Check) => check::check(&settings),
        Some(Command::Ask {
            question,
            json,
            explain,
        }) => {
            let engine = load(&settings)?;
            ask::ask(&engine, &settings, question, json, explain)?;
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
        Some(Command::Report { json, gaps }) => report::report(&settings, json, gaps),
        Some(Command::Review { gaps }) => report::review(settings, gaps),
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

/// Loads the FAQ, printing its warnings to stderr.
pub fn load(settings: &Settings) -> anyhow::Result<Engine> {
    let engine = Engine::load(&settings.faq, settings.matching.clone())?;
    for warning in &engine.faq().warnings {
        eprintln!("{warning}");
    }
    Ok(engine)
}
