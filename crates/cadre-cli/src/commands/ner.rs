//! `cadre ner FILE` (`-` for stdin): person names, one sentence per line.
//!
//! The lines are running text: a name read in one line is known in the next
//! `--context` lines (20 by default), as in a document.
//!
//! For each input line, one output line: a JSON array of the person names
//! the extractor finds in it (bylines and photo credits too, and names
//! heading a doctrine, such as 邓小平 in 邓小平理论), in order of first
//! appearance, `[]` when there is none. Lines are processed in parallel in
//! batches and printed in input order.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cadre_extract::running::RunningNames;
use cadre_extract::Extractor;
use cadre_model::SourceDoc;
use rayon::prelude::*;

use super::common;

#[derive(clap::Args)]
pub struct Args {
    /// A UTF-8 text file with one sentence per line, or `-` for stdin.
    pub file: PathBuf,
    /// Lines of running text over which a name read once is known (0: every line alone).
    #[arg(long, default_value_t = 20)]
    pub context: usize,
}

const BATCH: usize = 2048;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input: Box<dyn Read> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&args.file)
                .with_context(|| format!("{}: cannot open", args.file.display()))?,
        )
    };
    let mut reader = BufReader::new(input);
    let extractor = Extractor::new();
    let mut out = common::stdout();
    let mut running = RunningNames::new(args.context);
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{}: cannot read", args.file.display()))?;
        if n > 0 {
            line_no += 1;
            let line = String::from_utf8_lossy(&buf);
            batch.push(line.trim_end_matches(['\n', '\r']).to_string());
        }
        if batch.len() == BATCH || (n == 0 && !batch.is_empty()) {
            let first = line_no - batch.len() + 1;
            let found: Vec<Vec<String>> = batch
                .par_iter()
                .enumerate()
                .map(|(i, text)| names_of(&extractor, first + i, text))
                .collect();
            // In input order: each line knows the names of the lines before it.
            for (text, names) in batch.iter().zip(found) {
                let names = running.next_line(text, names);
                writeln!(out, "{}", serde_json::to_string(&names).expect("strings serialise"))?;
            }
            batch.clear();
        }
        if n == 0 {
            break;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn names_of(extractor: &Extractor, line_no: usize, text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        Vec::new()
    } else {
        let doc = SourceDoc {
            id: format!("line:{line_no}"),
            text: text.to_string(),
            ..Default::default()
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&doc))) {
            Ok(rec) => rec.names_mentioned(),
            Err(_) => {
                eprintln!("cadre: line {line_no}: extraction failed (internal error)");
                Vec::new()
            }
        }
    }
}
