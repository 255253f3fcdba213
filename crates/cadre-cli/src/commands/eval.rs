//! `cadre eval GOLD.jsonl DOCS.jsonl [--errors N] [--json]`

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cadre_extract::Extractor;
use rayon::prelude::*;
use serde_json::Value;

#[derive(clap::Args)]
pub struct Args {
    pub gold: PathBuf,
    pub docs: PathBuf,
    /// Print the first N differences.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn read_gold(path: &PathBuf) -> anyhow::Result<Vec<(String, Value)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let id = match v.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => anyhow::bail!("{}:{}: no id", path.display(), n + 1),
        };
        out.push((id, v));
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    let mut docs = Vec::new();
    let mut failed = 0;
    for item in cadre_ingest::read_paths(std::slice::from_ref(&args.docs)) {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => {
                failed += 1;
                eprintln!("cadre: {e}");
            }
        }
    }
    let extractor = Extractor::new();
    let system: HashMap<String, Value> = docs
        .par_iter()
        .map(|d| {
            let g = extractor.extract(d).to_gold();
            (d.id.clone(), serde_json::to_value(g).expect("gold records serialise"))
        })
        .collect();
    let mut errors = Vec::new();
    let m = cadre_eval::score(&gold, &system, Some(&mut errors));
    if args.json {
        println!("{}", serde_json::to_string(&m)?);
    } else {
        print!("{}", m.render());
        for e in errors.iter().take(args.errors) {
            println!("{} {}: {}", e.doc, e.kind, e.detail);
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
