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
    /// A file of `metric floor` lines; exit with 3 when any metric is below its floor.
    #[arg(long)]
    pub floors: Option<PathBuf>,
}

/// Reads `metric floor` lines (`#` comments allowed).
fn read_floors(path: &PathBuf) -> anyhow::Result<Vec<(String, f64)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(name), Some(v)) = (it.next(), it.next()) else {
            anyhow::bail!("{}:{}: expected `metric floor`", path.display(), n + 1);
        };
        let v: f64 = v.parse().with_context(|| format!("{}:{}: not a number", path.display(), n + 1))?;
        out.push((name.to_string(), v));
    }
    Ok(out)
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
        .filter_map(|d| {
            // A defect on one document counts as an empty extraction, not a lost run.
            let Ok(rec) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(d))) else {
                eprintln!("cadre: {}: internal error while extracting (please report it)", d.id);
                return None;
            };
            Some((d.id.clone(), serde_json::to_value(rec.to_gold()).expect("gold records serialise")))
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
    if let Some(path) = &args.floors {
        let mut below = 0;
        for (name, floor) in read_floors(path)? {
            let Some(v) = m.get(&name) else { anyhow::bail!("{}: unknown metric {name}", path.display()) };
            // Compare at the printed precision, as the reference scorer reports.
            let shown = (v * 1000.0).round() / 1000.0;
            if shown + 1e-9 < floor {
                eprintln!("cadre: {name} {shown:.3} is below its floor {floor:.3}");
                below += 1;
            }
        }
        if below > 0 {
            return Ok(ExitCode::from(3));
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
