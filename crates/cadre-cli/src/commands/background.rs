//! `cadre background EVENT_ID [--db FILE] [--json]`

use std::process::ExitCode;

use cadre_store::KnowledgeBase;

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// An event id, as `cadre events` prints it (`#12` or `12`).
    #[arg(value_parser = parse_event_id)]
    pub event: i64,
    #[command(flatten)]
    pub q: QueryArgs,
}

fn parse_event_id(s: &str) -> Result<i64, String> {
    s.trim_start_matches('#')
        .parse()
        .map_err(|_| format!("not an event id: {s:?} (see `cadre events`)"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let items = kb.background(args.event)?;
    let none = format!("no background found for event #{}", args.event);
    common::print_results(&items, args.q.json, &none)?;
    Ok(ExitCode::SUCCESS)
}
