//! `cadre extract [--format full|gold] PATH...`

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use cadre_extract::Extractor;
use cadre_model::SourceDoc;
use rayon::prelude::*;

#[derive(clap::Args)]
pub struct Args {
    /// `full`: Cadre's own record with evidence; `gold`: its cadre-gold/1 projection.
    #[arg(long, default_value = "full", value_parser = ["full", "gold"])]
    pub format: String,
    /// Print, for each fact, the rule that fired and its evidence (to stderr).
    #[arg(long)]
    pub explain: bool,
    /// Files, directories or `-` (stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Documents are extracted in parallel in batches and printed in input order.
const BATCH: usize = 256;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut batch: Vec<SourceDoc> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<SourceDoc>, out: &mut BufWriter<_>| -> anyhow::Result<()> {
        let lines: Vec<Option<String>> = batch
            .par_iter()
            .map(|doc| {
                // A defect on one document must not lose the others: report it and go on.
                let Ok(rec) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(doc))) else {
                    eprintln!("cadre: {}: internal error while extracting (please report it)", doc.id);
                    return Ok(None);
                };
                if args.explain {
                    eprint!("{}", explain(&rec));
                }
                if args.format == "gold" {
                    serde_json::to_string(&rec.to_gold()).map(Some)
                } else {
                    serde_json::to_string(&rec).map(Some)
                }
            })
            .collect::<Result<_, serde_json::Error>>()?;
        for l in lines.into_iter().flatten() {
            writeln!(out, "{l}")?;
        }
        batch.clear();
        Ok(())
    };
    for item in cadre_ingest::read_paths(&args.paths) {
        match item {
            Ok(doc) => {
                batch.push(doc);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut out)?;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("cadre: {e}");
            }
        }
    }
    flush(&mut batch, &mut out)?;
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// One line per fact: what was found, by which rule, from which words.
pub fn explain(rec: &cadre_model::Record) -> String {
    let mut s = String::new();
    for p in &rec.persons {
        for o in &p.offices {
            s += &format!(
                "{}\toffice\t{} {} {}\trule={}\t[{}..{}] {}\n",
                rec.id,
                p.name,
                o.office.jurisdiction.as_deref().unwrap_or("null"),
                o.office.post,
                o.evidence.rule,
                o.evidence.span.start,
                o.evidence.span.end,
                o.evidence.text
            );
        }
    }
    for e in &rec.events {
        let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
        for ev in &e.evidence {
            s += &format!(
                "{}\t{}\t{} {} {:?}\trule={}\t[{}..{}] {}\n",
                rec.id,
                e.kind.as_str(),
                e.date.as_deref().unwrap_or("null"),
                e.place.as_deref().unwrap_or("null"),
                names,
                ev.rule,
                ev.span.start,
                ev.span.end,
                ev.text
            );
        }
    }
    s
}
