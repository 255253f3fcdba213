//! `cadre who JURISDICTION POST [--on DATE] [--db FILE] [--json]`

use std::process::ExitCode;

use cadre_store::KnowledgeBase;

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// A region (`广东省`, `广东`, a region code), `中央`, or a body as written.
    pub jurisdiction: String,
    /// A controlled post (`party_secretary`, `government_head`, …) or `other`.
    pub post: String,
    /// The date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`): holders are ranked by
    /// how near their dated evidence is to it.
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let hits = kb.who(&args.jurisdiction, &args.post, args.on.as_deref())?;
    let none = format!("no holder of {} {} found", args.jurisdiction, args.post);
    common::print_results(&hits, args.q.json, &none)?;
    Ok(ExitCode::SUCCESS)
}
