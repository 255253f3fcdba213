//! `cadre between A B [--limit N] [--db FILE] [--json]`
//!
//! Shows the `--limit` most recent events and ties (default 100 each, `0` =
//! all) and says how many earlier ones there are.
//!
//! `--json` prints one object per result: each event (`"result": "event"`)
//! and each cooperation tie (`"result": "tie"`), with `a`, `b` and `mode`.

use std::io::Write;
use std::process::ExitCode;

use cadre_store::{BetweenReport, KnowledgeBase, DEFAULT_LIMIT};
use serde::Serialize;
use serde_json::{Map, Value};

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Two regions (`广东省 广西壮族自治区`) or two persons.
    pub a: String,
    pub b: String,
    /// Show at most N events and N ties, the most recent (0 = all).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let report = kb.between(&args.a, &args.b, args.limit)?;
    let mut out = common::stdout();
    if args.q.json {
        for line in json_lines(&report)? {
            common::write_json_line(&mut out, &line)?;
        }
        if report.events_omitted() + report.ties_omitted() > 0 {
            eprintln!(
                "cadre: the {} most recent of {} events and {} of {} ties (use --limit)",
                report.events.len(),
                report.events_total,
                report.ties.len(),
                report.ties_total
            );
        }
    } else {
        writeln!(out, "{report}")?;
    }
    out.flush()?;
    if report.events.is_empty() && report.ties.is_empty() && !args.q.json {
        eprintln!("cadre: nothing found between {} and {}", args.a, args.b);
    }
    Ok(ExitCode::SUCCESS)
}

/// The report's events and ties as tagged objects.
pub fn json_lines(r: &BetweenReport) -> anyhow::Result<Vec<Value>> {
    let mut v = Vec::new();
    for e in &r.events {
        v.push(tagged(r, "event", e)?);
    }
    for t in &r.ties {
        v.push(tagged(r, "tie", t)?);
    }
    Ok(v)
}

fn tagged(r: &BetweenReport, kind: &str, item: &impl Serialize) -> anyhow::Result<Value> {
    let mut m = Map::new();
    m.insert("result".into(), kind.into());
    m.insert("mode".into(), r.mode.clone().into());
    m.insert("a".into(), r.a.clone().into());
    m.insert("b".into(), r.b.clone().into());
    if let Value::Object(fields) = serde_json::to_value(item)? {
        m.extend(fields);
    }
    Ok(Value::Object(m))
}
