//! One extraction pass over a small corpus after a warm-up pass, for instruction counts:
//! everything built once (lexicon, tables, word lists) is built in the warm-up, so
//!
//! `valgrind --tool=callgrind --toggle-collect=pass::measured ./target/release/examples/pass`
//!
//! counts only the per-document work, the same on every run and whatever the machine's
//! load. Compare two versions of the pipeline by their totals.

use cadre_extract::Extractor;
use cadre_model::SourceDoc;
use std::hint::black_box;

// The allocator of the `cadre` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[inline(never)]
fn measured(extractor: &Extractor, docs: &[SourceDoc]) {
    for d in docs {
        black_box(extractor.extract(black_box(d)));
    }
}

fn main() {
    // CADRE_PASS_KB sets the corpus size (for a sampling profiler; callgrind wants the default).
    let kb = std::env::var("CADRE_PASS_KB").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let (docs, source) = cadre_bench::corpus(kb * 1024);
    let extractor = Extractor::new();
    for d in &docs {
        black_box(extractor.extract(d));
    }
    measured(&extractor, &docs);
    eprintln!("{} documents ({} bytes) from {source}", docs.len(), cadre_bench::corpus_bytes(&docs));
}
