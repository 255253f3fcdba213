//! `cadre`: the command-line front of the pipeline. Each subcommand lives in its own
//! module under `commands/`; this file only parses arguments and reports errors.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cadre", version, about = "Structured, evidenced facts from Chinese political news")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one JSON record per document (txt, md, html, jsonl, directories, - for stdin).
    Extract(commands::extract::Args),
    /// Extract DOCS and score against GOLD (cadre-gold/1), like the reference scorer.
    Eval(commands::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => commands::extract::run(a),
        Command::Eval(a) => commands::eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (cadre extract … | head) is not an error worth reporting.
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("cadre: {e:#}");
            ExitCode::from(2)
        }
    }
}
