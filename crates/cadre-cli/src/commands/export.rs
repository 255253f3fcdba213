//! `cadre export --format jsonl|csv|graphml|plover [-o FILE] [--db FILE]`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cadre_store::{ExportFormat, KnowledgeBase};

use super::common::{self, DbArg};

#[derive(clap::Args)]
pub struct Args {
    /// `jsonl` and `csv`: events and offices; `graphml`: the person–person
    /// meeting network; `plover`: events as PLOVER-style records.
    #[arg(long, value_parser = ["jsonl", "csv", "graphml", "plover"])]
    pub format: String,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    let kb = common::open_for_query(&args.db.db)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let file =
                File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
            let mut out = BufWriter::new(file);
            kb.export(format, &mut out)?;
            out.flush()
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        _ => {
            let mut out = common::stdout();
            kb.export(format, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
