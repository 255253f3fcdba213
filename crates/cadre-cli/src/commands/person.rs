//! `cadre person NAME [--limit N] [--db FILE] [--json]`
//!
//! Shows the `--limit` most recent events (default 100, `0` = all) and says
//! how many earlier ones there are; counterparts count every event.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use cadre_store::{KnowledgeBase, PersonReport, DEFAULT_LIMIT};

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The person's name as written (`黄坤明`).
    pub name: String,
    /// Show at most N events per person, the most recent (0 = all).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let reports = kb.person(&args.name, args.limit)?;
    if args.q.json {
        common::print_results(&reports, true, "")?;
        for r in reports.iter().filter(|r| r.events_omitted() > 0) {
            eprintln!(
                "cadre: {} (#{}): the {} most recent of {} events (use --limit)",
                r.name,
                r.id,
                r.events.len(),
                r.events_total
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = common::stdout();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{}", render(r))?;
    }
    out.flush()?;
    if reports.is_empty() {
        eprintln!("cadre: no person named {} found", args.name);
    }
    Ok(ExitCode::SUCCESS)
}

/// A person report with the evidence of every office and event.
pub fn render(r: &PersonReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} (#{})", r.name, r.id);
    let _ = writeln!(s, "offices ({}):", r.offices.len());
    for o in &r.offices {
        let _ = writeln!(s, "  {}", common::indent(&o.to_string(), "  "));
    }
    let _ = writeln!(s, "events ({}):", r.events_total.max(r.events.len()));
    let omitted = r.events_omitted();
    if omitted > 0 {
        let _ = writeln!(s, "  … and {omitted} earlier events (use --limit)");
    }
    for e in &r.events {
        let _ = writeln!(s, "  {}", common::indent(&e.to_string(), "  "));
    }
    let _ = write!(s, "counterparts:");
    if r.counterparts.is_empty() {
        let _ = write!(s, " none");
    }
    for c in &r.counterparts {
        let _ = write!(s, " {}×{}", c.name, c.count);
    }
    s.push('\n');
    s
}
