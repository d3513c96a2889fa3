//! Writes a synthetic FAQ folder for the memory measurement: `cargo run --release --example synthetic --
//! DIR ENTRIES [SEED]`, then `/usr/bin/time -v target/release/faqbot check --faq DIR`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(entries)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: synthetic DIR ENTRIES [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    match synthetic::write_folder(&PathBuf::from(dir), entries, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {dir}: {err}");
            ExitCode::from(2)
        }
    }
}
