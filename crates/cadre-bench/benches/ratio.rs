//! Timed passes of Cadre's whole `extract` and of jieba-rs segmentation over the same
//! ≥ 10 MB corpus on one thread (three alternating rounds, the median of each side),
//! printed as one line:
//!
//! `corpus 10.4 MB; cadre 8.1 MB/s; jieba 17.3 MB/s; ratio 0.47; peak RSS 123 MB`
//!
//! `cargo bench -p cadre-bench --bench ratio`. Nothing here asserts a timing.

use cadre_extract::Extractor;
use jieba_rs::Jieba;
use std::hint::black_box;
use std::time::Instant;

// The allocator the `cadre` binary uses, so that the pass measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CORPUS_BYTES: usize = 10 * 1024 * 1024;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only check
    // that the pass runs, on a small corpus.
    let quick = !std::env::args().any(|a| a == "--bench");
    let target = if quick { 64 * 1024 } else { CORPUS_BYTES };
    let (docs, source) = cadre_bench::corpus(target);
    let bytes = cadre_bench::corpus_bytes(&docs);
    let mb = bytes as f64 / 1e6;

    let t = Instant::now();
    let extractor = Extractor::new();
    let cadre_init = t.elapsed();
    let t = Instant::now();
    let jieba = Jieba::new();
    let jieba_init = t.elapsed();

    // Warm both up on the first documents (page cache, lazy tables).
    for d in docs.iter().take(20) {
        black_box(extractor.extract(d));
        black_box(jieba.cut(&d.text, false));
    }

    // Rounds alternate the two passes, so that a burst of load on the machine hits both;
    // each side reports its median round.
    let rounds = if quick { 1 } else { 3 };
    let (mut cadre_t, mut analyse_t, mut jieba_t) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        for d in &docs {
            black_box(extractor.extract(black_box(d)));
        }
        cadre_t.push(t.elapsed().as_secs_f64());

        // The share of normalise + recognise + date resolution (no events, no record).
        let t = Instant::now();
        for d in &docs {
            black_box(extractor.analyse(black_box(d)).times.len());
        }
        analyse_t.push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        for d in &docs {
            black_box(jieba.cut(black_box(&d.text), false));
        }
        jieba_t.push(t.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (cadre_s, analyse_s, jieba_s) = (median(&mut cadre_t), median(&mut analyse_t), median(&mut jieba_t));

    let cadre = mb / cadre_s;
    let jieba_mbs = mb / jieba_s;
    let rss = cadre_bench::peak_rss_mb().map_or("n/a".to_owned(), |m| format!("{m:.0} MB"));
    eprintln!(
        "{} documents repeating {source}; start-up: cadre {:.0} ms, jieba {:.0} ms; \
         analyse alone {:.1} MB/s ({:.0}% of extract time)",
        docs.len(),
        cadre_init.as_secs_f64() * 1e3,
        jieba_init.as_secs_f64() * 1e3,
        mb / analyse_s,
        100.0 * analyse_s / cadre_s
    );
    println!(
        "corpus {mb:.1} MB; cadre {cadre:.1} MB/s; jieba {jieba_mbs:.1} MB/s; ratio {:.2}; peak RSS {rss}",
        cadre / jieba_mbs
    );
}
