//! Criterion benchmark: Cadre's whole `extract` against jieba-rs plain segmentation
//! on the same ≥ 10 MB corpus, one thread each, reported as bytes per second.
//!
//! `cargo bench -p cadre-bench --bench pipeline`. The corpus repeats the dev texts of
//! `../shared` (read at run time), else the project's `samples/`.

use cadre_extract::Extractor;
use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use jieba_rs::Jieba;
use std::time::Duration;

const CORPUS_BYTES: usize = 10 * 1024 * 1024;

fn pipeline(c: &mut Criterion) {
    let (docs, source) = cadre_bench::corpus(CORPUS_BYTES);
    let bytes = cadre_bench::corpus_bytes(&docs);
    eprintln!(
        "corpus: {} documents, {:.1} MB, repeating {source}",
        docs.len(),
        bytes as f64 / 1e6
    );
    let extractor = Extractor::new();
    let jieba = Jieba::new();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    // Each iteration is a whole pass over the corpus (seconds): flat sampling, few samples.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(25));

    group.bench_function("cadre_extract", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                let rec = extractor.extract(black_box(d));
                n += rec.events.len() + rec.persons.len();
            }
            n
        })
    });
    group.bench_function("jieba_cut", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                n += jieba.cut(black_box(&d.text), false).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
