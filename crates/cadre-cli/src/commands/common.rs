//! What the knowledge-base commands share: the `--db` and `--json` options,
//! opening a store for queries, and printing results.

use std::fmt::Display;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use cadre_store::SqliteStore;
use serde::Serialize;

/// `--db FILE`, defaulting to `$CADRE_DB`, else `./cadre.db`.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The knowledge-base file (SQLite).
    #[arg(
        long,
        value_name = "FILE",
        env = "CADRE_DB",
        default_value = "cadre.db"
    )]
    pub db: PathBuf,
}

/// `--db` and `--json`, taken by every query.
#[derive(clap::Args, Debug, Clone)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print JSON Lines: one object per result.
    #[arg(long)]
    pub json: bool,
}

/// Opens an existing knowledge base for queries. A missing file is an error
/// naming it, rather than a fresh empty database.
pub fn open_for_query(path: &Path) -> anyhow::Result<SqliteStore> {
    if !path.exists() {
        bail!(
            "{}: no such knowledge base (create it with `cadre ingest PATH... --db {}`)",
            path.display(),
            path.display()
        );
    }
    if path.is_dir() {
        bail!("{}: is a directory, not a knowledge base", path.display());
    }
    SqliteStore::open_read_only(path)
        .with_context(|| format!("{}: cannot open the knowledge base", path.display()))
}

/// Buffered stdout.
pub fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::new(std::io::stdout().lock())
}

/// Writes one JSON object on one line.
pub fn write_json_line<T: Serialize + ?Sized>(
    out: &mut impl Write,
    item: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, item)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Prints results as JSON Lines or as their human rendering, a blank line
/// between two results; says so on stderr when there is none.
pub fn print_results<T: Serialize + Display>(
    items: &[T],
    json: bool,
    none: &str,
) -> anyhow::Result<()> {
    let mut out = stdout();
    if json {
        for it in items {
            write_json_line(&mut out, it)?;
        }
    } else {
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{it}")?;
        }
    }
    out.flush()?;
    if items.is_empty() && !json {
        eprintln!("cadre: {none}");
    }
    Ok(())
}

/// Indents every line after the first by `pad`.
pub fn indent(text: &str, pad: &str) -> String {
    text.replace('\n', &format!("\n{pad}"))
}
