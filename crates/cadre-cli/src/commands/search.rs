//! `cadre search TEXT... [--db FILE] [--json]`

use std::process::ExitCode;

use cadre_store::KnowledgeBase;

use super::common::{self, QueryArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (Chinese-aware full-text search); several are joined by spaces.
    #[arg(required = true)]
    pub text: Vec<String>,
    #[command(flatten)]
    pub q: QueryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = common::open_for_query(&args.q.db.db)?;
    let text = args.text.join(" ");
    let hits = kb.search(&text)?;
    let none = format!("no document matches {text:?}");
    common::print_results(&hits, args.q.json, &none)?;
    Ok(ExitCode::SUCCESS)
}
