//! `cadre`: the command-line front of the pipeline. Each subcommand lives in its own
//! module under `commands/`; this file only parses arguments and reports errors.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Extraction allocates many small vectors per sentence: mimalloc serves them faster than
// the system allocator (about 10% of `extract` time in the ratio benchmark).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Person names in each line of a file, as JSON arrays (one line out per line in).
    Ner(commands::ner::Args),
    /// Extract documents and store them in the knowledge base (incremental).
    Ingest(commands::ingest::Args),
    /// Who held an office (on a date), with the evidence.
    Who(commands::who::Args),
    /// A person's offices over time, events and most frequent counterparts.
    Person(commands::person::Args),
    /// Events matching a filter, by date.
    Events(commands::events::Args),
    /// The relationship timeline of two regions or two persons.
    Between(commands::between::Args),
    /// The earlier events and agreements that explain an event.
    Background(commands::background::Args),
    /// Full-text search over the stored documents, with the facts found in them.
    Search(commands::search::Args),
    /// Write the knowledge base as JSON Lines, CSV, GraphML or PLOVER-style records.
    Export(commands::export::Args),
    /// Ingest the bundled samples into a temporary store and show what Cadre makes of them.
    Demo(commands::demo::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => commands::extract::run(a),
        Command::Eval(a) => commands::eval::run(a),
        Command::Ner(a) => commands::ner::run(a),
        Command::Ingest(a) => commands::ingest::run(a),
        Command::Who(a) => commands::who::run(a),
        Command::Person(a) => commands::person::run(a),
        Command::Events(a) => commands::events::run(a),
        Command::Between(a) => commands::between::run(a),
        Command::Background(a) => commands::background::run(a),
        Command::Search(a) => commands::search::run(a),
        Command::Export(a) => commands::export::run(a),
        Command::Demo(a) => commands::demo::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (cadre extract … | head) is not an error worth reporting,
            // wherever in the chain of causes it is.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("cadre: {e:#}");
            ExitCode::from(2)
        }
    }
}
