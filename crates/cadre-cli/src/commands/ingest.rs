//! `cadre ingest PATH... [--db FILE] [--json]`
//!
//! A reader thread reads documents, extracts them in parallel in batches
//! (rayon) and sends the records, in input order, to this thread, the one
//! writer of the store: one transaction per document, so an interrupted
//! ingest leaves every whole document stored and a rerun completes it.

use std::io::{IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use cadre_extract::Extractor;
use cadre_ingest::IngestError;
use cadre_model::{Record, SourceDoc};
use cadre_store::{content_hash, IngestStatus, KnowledgeBase, SqliteStore};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::common::{self, DbArg};

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (recursive) or `-` (stdin): txt, md, html, jsonl.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    /// Print what happened to each document as JSON Lines on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Documents per parallel batch, and the most text a batch holds.
const BATCH_DOCS: usize = 64;
const BATCH_BYTES: usize = 16 << 20;

/// Counts of one ingest.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub inserted: usize,
    pub replaced: usize,
    pub skipped: usize,
    pub errors: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub fn documents(&self) -> usize {
        self.inserted + self.replaced + self.skipped
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ingested {} documents ({} inserted, {} replaced, {} skipped), {} errors, {:.2} MB in {:.2} s",
            self.documents(),
            self.inserted,
            self.replaced,
            self.skipped,
            self.errors,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64()
        )
    }
}

/// How [`ingest_paths`] reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// JSON Lines of each document's outcome on stdout.
    pub json: bool,
}

/// One document after extraction, or why it has none.
type Item = Result<Extracted, (String, String)>;

struct Extracted {
    record: Record,
    hash: String,
    bytes: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = &args.db.db;
    let mut store = SqliteStore::open(path)
        .with_context(|| format!("{}: cannot open the knowledge base", path.display()))?;
    let summary = ingest_paths(
        &mut store,
        &args.paths,
        Options {
            progress: true,
            json: args.json,
        },
    )?;
    eprintln!("{summary}");
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads, extracts and stores every document under `paths`; bad documents
/// are reported on stderr (`cadre: <doc>: <reason>`) and counted.
pub fn ingest_paths(
    store: &mut SqliteStore,
    paths: &[PathBuf],
    opts: Options,
) -> anyhow::Result<Summary> {
    ingest_docs(store, move || cadre_ingest::read_paths(paths), opts)
}

/// [`ingest_paths`] over any source of documents: `docs` makes the iterator
/// on the reader thread (reading stdin, for one, cannot change threads).
pub fn ingest_docs<F, I>(store: &mut SqliteStore, docs: F, opts: Options) -> anyhow::Result<Summary>
where
    F: FnOnce() -> I + Send,
    I: Iterator<Item = Result<SourceDoc, IngestError>>,
{
    let started = Instant::now();
    let bar = progress_bar(opts.progress);
    let mut sum = Summary::default();
    let mut out = common::stdout();
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let result = std::thread::scope(|scope| -> anyhow::Result<()> {
        scope.spawn(move || read_and_extract(docs(), tx));
        for batch in rx {
            // The batch's records are written in one transaction (a savepoint each): a
            // record that fails is reported and skipped, the others are kept.
            let records: Vec<(&Record, &str)> =
                batch.iter().filter_map(|i| i.as_ref().ok()).map(|x| (&x.record, x.hash.as_str())).collect();
            let mut outcomes = match store.ingest_batch(&records) {
                Ok(v) => v.into_iter().map(|r| r.map_err(|e| e.to_string())).collect::<Vec<_>>(),
                Err(e) => records.iter().map(|_| Err(e.to_string())).collect(),
            }
            .into_iter();
            for item in &batch {
                match item {
                    Err((doc, reason)) => {
                        sum.errors += 1;
                        bar.suspend(|| eprintln!("cadre: {doc}: {reason}"));
                    }
                    Ok(x) => match outcomes.next().unwrap_or_else(|| Err("no outcome".into())) {
                        Ok(outcome) => {
                            sum.bytes += x.bytes;
                            match outcome.status {
                                IngestStatus::Inserted => sum.inserted += 1,
                                IngestStatus::Replaced => sum.replaced += 1,
                                IngestStatus::Skipped => sum.skipped += 1,
                            }
                            if opts.json {
                                common::write_json_line(&mut out, &outcome)?;
                            }
                        }
                        Err(e) => {
                            sum.errors += 1;
                            bar.suspend(|| eprintln!("cadre: {}: {e}", x.record.id));
                        }
                    },
                }
                bar.inc(1);
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!(
                    "{:.1} MB, {:.2} MB/s, {} error{}",
                    sum.bytes as f64 / 1e6,
                    sum.bytes as f64 / 1e6 / secs,
                    sum.errors,
                    if sum.errors == 1 { "" } else { "s" }
                ));
            }
        }
        Ok(())
        // Returning drops `rx` first, so on an error the reader stops at its next send.
    });
    bar.finish_and_clear();
    out.flush()?;
    result?;
    sum.elapsed = started.elapsed();
    Ok(sum)
}

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {pos} documents ({per_sec}), {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The reader thread: batches of documents, extracted in parallel, sent in order.
fn read_and_extract(
    docs: impl Iterator<Item = Result<SourceDoc, IngestError>>,
    tx: mpsc::SyncSender<Vec<Item>>,
) {
    let extractor = Extractor::new();
    let mut batch: Vec<Result<SourceDoc, IngestError>> = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0usize;
    let send = |batch: &mut Vec<Result<SourceDoc, IngestError>>| -> bool {
        let items: Vec<Item> = batch
            .par_drain(..)
            .map(|doc| match doc {
                Err(e) => Err(split_error(&e)),
                Ok(doc) => extract_one(&extractor, &doc),
            })
            .collect();
        tx.send(items).is_ok()
    };
    for doc in docs {
        if let Ok(d) = &doc {
            bytes += d.text.len();
        }
        batch.push(doc);
        if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            if !send(&mut batch) {
                return;
            }
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        send(&mut batch);
    }
}

fn extract_one(extractor: &Extractor, doc: &SourceDoc) -> Item {
    match std::panic::catch_unwind(AssertUnwindSafe(|| extractor.extract(doc))) {
        Ok(record) => Ok(Extracted {
            record,
            hash: content_hash(&doc.text),
            bytes: doc.text.len() as u64,
        }),
        Err(_) => Err((doc.id.clone(), "extraction failed (internal error)".into())),
    }
}

/// An ingest error as (document, reason): its message starts with the document.
fn split_error(e: &IngestError) -> (String, String) {
    let doc = e.doc().to_string();
    let msg = e.to_string();
    let reason = msg
        .strip_prefix(&doc)
        .map(|r| r.trim_start_matches(':').trim_start().to_string())
        .unwrap_or(msg);
    (doc, reason)
}
