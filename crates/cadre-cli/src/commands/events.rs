//! `cadre events [--type T] [--person P] [--region R]... [--from D] [--to D] [--db FILE] [--json]`

use std::process::ExitCode;

use cadre_store::{EventFilter, KnowledgeBase};

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Event type.
    #[arg(long = "type", value_name = "TYPE",
          value_parser = ["meeting", "visit", "signing", "appointment", "removal"])]
    pub kind: Option<String>,
    /// A participant's name.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// A region name or code; repeat it to require several regions.
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Earliest date, inclusive (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Latest date, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let filter = EventFilter {
        kind: args.kind,
        person: args.person,
        regions: args.regions,
        from: args.from,
        to: args.to,
    };
    let hits = kb.events(&filter)?;
    common::print_results(&hits, args.q.json, "no events found")?;
    Ok(ExitCode::SUCCESS)
}
