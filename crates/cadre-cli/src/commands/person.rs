//! `cadre person NAME [--db FILE] [--json]`

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use cadre_store::{KnowledgeBase, PersonReport};

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// The person's name as written (`黄坤明`).
    pub name: String,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let reports = kb.person(&args.name)?;
    if args.q.json {
        common::print_results(&reports, true, "")?;
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
    let _ = writeln!(s, "events ({}):", r.events.len());
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
