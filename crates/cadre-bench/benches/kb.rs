//! Knowledge-base benchmark: ingest ≥ 100 MB of generated documents through one
//! `SqliteStore` writer (extraction in parallel), then time `who`, `person` and
//! `between` on that store.
//!
//! `cargo bench -p cadre-bench --bench kb`. Nothing here asserts a timing.
//!
//! The corpus repeats the dev texts (`cadre_bench::base_docs`: the shared dev set
//! read at run time, else the project's `samples/`) and VARIES every copy, so that
//! copies are not all reprints of each other:
//! - a new id (`<id>~<k>`);
//! - years shifted by −4…+4 and days of the month moved (`(d − 1 + k) mod 28 + 1`);
//! - most of the official names the extractor finds in the base text swapped for
//!   names from an invented pool (surname × given name, 120 combinations);
//! - three out of four copies get a few sentences of another base text appended.
//!
//! Documents are generated, extracted (rayon) and written batch by batch, so the
//! corpus never sits in memory as a whole: peak RSS is that of the pipeline.
//!
//! Environment:
//! - `CADRE_KB_BENCH_MB`: corpus size in MB (default 100);
//! - `CADRE_KB_BENCH_BUDGET_S`: stop generating after this many seconds of ingest
//!   (default 900) and extrapolate to the requested size, saying so;
//! - `CADRE_KB_BENCH_KEEP=1`: keep the database file (its path is printed).

use std::sync::mpsc;
use std::time::{Duration, Instant};

use cadre_extract::Extractor;
use cadre_model::{Record, SourceDoc};
use cadre_store::{content_hash, IngestStatus, KnowledgeBase, SqliteStore, DEFAULT_LIMIT};
use rayon::prelude::*;

const BATCH_DOCS: usize = 256;
const QUERY_RUNS: usize = 20;
/// Throughput is sampled after each 1/MARKS of the target.
const MARKS: usize = 50;

const SURNAMES: &[&str] = &["林", "周", "郑", "韩", "冯", "邓", "许", "彭", "曾", "萧", "詹", "柯"];
const GIVEN: &[&str] = &["振华", "明远", "立群", "海峰", "志诚", "晓川", "文涛", "嘉禾", "宏略", "卫澜"];

fn invented_name(i: usize) -> String {
    let i = i % (SURNAMES.len() * GIVEN.len());
    format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[i / SURNAMES.len()])
}

/// One base text and what the variations need to know about it.
struct Base {
    doc: SourceDoc,
    /// Official persons' names the extractor finds in it.
    names: Vec<String>,
    /// Its sentences (split after 。！？), for splicing into other copies.
    sentences: Vec<String>,
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '。' | '！' | '？') {
            if cur.trim().chars().count() >= 8 {
                out.push(cur.trim().to_owned());
            }
            cur.clear();
        }
    }
    out
}

/// Years `NNNN年` shifted by `k mod 9 − 4`; days `N日`/`N号` moved by `k mod 28`
/// within 1..=28.
fn shift_dates(text: &str, k: usize) -> String {
    let year_shift = (k % 9) as i64 - 4;
    let day_shift = k % 28;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[s..i].iter().collect();
        let n: i64 = run.parse().unwrap_or(-1);
        match chars.get(i) {
            Some('年') if run.len() == 4 && (1900..=2100).contains(&n) => {
                out.push_str(&(n + year_shift).to_string())
            }
            Some('日') | Some('号') if run.len() <= 2 && (1..=31).contains(&n) => {
                out.push_str(&(((n as usize - 1 + day_shift) % 28) + 1).to_string())
            }
            _ => out.push_str(&run),
        }
    }
    out
}

/// Copy `k` of base text `i`.
fn vary(bases: &[Base], i: usize, k: usize) -> SourceDoc {
    let b = &bases[i];
    let mut text = shift_dates(&b.doc.text, k);
    for (j, name) in b.names.iter().enumerate() {
        if (k + j) % 4 != 0 {
            text = text.replace(name.as_str(), &invented_name(k * 31 + j * 7 + i));
        }
    }
    if k % 4 != 0 && bases.len() > 1 {
        let other = &bases[(i + 1 + k % (bases.len() - 1)) % bases.len()];
        if !other.sentences.is_empty() {
            let start = (k * 3) % other.sentences.len();
            for s in other.sentences.iter().cycle().skip(start).take(3.min(other.sentences.len())) {
                text.push('\n');
                text.push_str(&shift_dates(s, k + 5));
            }
        }
    }
    SourceDoc {
        id: format!("{}~{k}", b.doc.id),
        url: None,
        title: None,
        published: None,
        authors: Vec::new(),
        text,
    }
}

struct Extracted {
    record: Record,
    hash: String,
    bytes: usize,
}

#[derive(Default)]
struct Totals {
    docs: usize,
    bytes: usize,
    inserted: usize,
    skipped: usize,
    replaced: usize,
    reprints: usize,
    events_new: usize,
    events_merged: usize,
    errors: usize,
    writer: Duration,
    /// (documents, MB, seconds) after each tenth of the target, for the trend.
    marks: Vec<(usize, f64, f64)>,
}

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then a small run.
    let quick = !std::env::args().any(|a| a == "--bench");
    let target_mb = if quick { 0.25 } else { env_num("CADRE_KB_BENCH_MB", 100.0) };
    let target = (target_mb * 1e6) as usize;
    let budget = Duration::from_secs_f64(env_num("CADRE_KB_BENCH_BUDGET_S", 900.0));

    let (base_docs, source) = cadre_bench::base_docs();
    assert!(!base_docs.is_empty(), "no benchmark text found");
    let extractor = Extractor::new();
    let bases: Vec<Base> = base_docs
        .into_iter()
        .map(|doc| {
            let rec = extractor.extract(&doc);
            let mut names: Vec<String> = rec
                .persons
                .iter()
                .filter(|p| p.how == "official" && (2..=4).contains(&p.name.chars().count()))
                .map(|p| p.name.clone())
                .filter(|n| doc.text.contains(n.as_str()))
                .collect();
            names.sort();
            names.dedup();
            let sentences = sentences(&doc.text);
            Base { doc, names, sentences }
        })
        .collect();

    let db = std::env::temp_dir().join(format!("cadre-kb-bench-{}.db", std::process::id()));
    remove_db(&db);
    let mut store = SqliteStore::open(&db).expect("open the benchmark store");

    // ---- ingest: a generator/extractor thread, this thread the one writer ----
    let started = Instant::now();
    let mut t = Totals::default();
    let (tx, rx) = mpsc::sync_channel::<Vec<Extracted>>(2);
    let mut stopped_early = false;
    std::thread::scope(|scope| {
        let bases = &bases;
        let extractor = &extractor;
        scope.spawn(move || {
            let n = bases.len();
            let mut produced = 0usize;
            let mut seq = 0usize;
            while produced < target {
                let batch: Vec<SourceDoc> = (seq..seq + BATCH_DOCS)
                    .map(|s| vary(bases, s % n, s / n))
                    .collect();
                seq += BATCH_DOCS;
                produced += batch.iter().map(|d| d.text.len()).sum::<usize>();
                let items: Vec<Extracted> = batch
                    .par_iter()
                    .map(|d| Extracted {
                        record: extractor.extract(d),
                        hash: content_hash(&d.text),
                        bytes: d.text.len(),
                    })
                    .collect();
                if tx.send(items).is_err() {
                    return; // the writer stopped (time budget)
                }
            }
        });
        let mut next_mark = 1;
        'outer: for batch in rx {
            // As `cadre ingest` writes: one transaction per batch, a savepoint per record.
            let w = Instant::now();
            let records: Vec<(&Record, &str)> = batch.iter().map(|x| (&x.record, x.hash.as_str())).collect();
            let outcomes = store.ingest_batch(&records).expect("batch transaction");
            t.writer += w.elapsed();
            for (x, outcome) in batch.iter().zip(outcomes) {
                match outcome {
                    Ok(o) => {
                        match o.status {
                            IngestStatus::Inserted => t.inserted += 1,
                            IngestStatus::Replaced => t.replaced += 1,
                            IngestStatus::Skipped => t.skipped += 1,
                        }
                        t.reprints += o.reprint_of.is_some() as usize;
                        t.events_new += o.events_new;
                        t.events_merged += o.events_merged;
                    }
                    Err(e) => {
                        t.errors += 1;
                        if t.errors <= 5 {
                            eprintln!("kb bench: {}: {e}", x.record.id);
                        }
                    }
                }
                t.docs += 1;
                t.bytes += x.bytes;
            }
            // One mark per batch at most (a batch is written at once): a chunk spans the
            // batches that cross its size.
            if t.bytes * MARKS >= target * next_mark {
                t.marks.push((t.docs, t.bytes as f64 / 1e6, started.elapsed().as_secs_f64()));
                while t.bytes * MARKS >= target * next_mark {
                    next_mark += 1;
                }
            }
            if started.elapsed() > budget && t.bytes < target {
                stopped_early = true;
                break 'outer;
            }
        }
        // Dropping `rx` here stops the generator at its next send.
    });
    let ingest_s = started.elapsed().as_secs_f64();
    drop(store);
    let db_mb = std::fs::metadata(&db).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);

    // ---- queries on the stored knowledge base ----
    let kb = SqliteStore::open_read_only(&db).expect("open the store read-only");
    let conn = kb.connection();
    let stats = kb.stats().expect("stats");
    let one = |sql: &str| -> Option<(String, String)> {
        conn.query_row(sql, [], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))
            .ok()
    };
    // who: 广东省 party_secretary when stored, else the jurisdiction with most party secretaries;
    // the date is the latest dated evidence of that office.
    let who_j = one("SELECT jurisdiction, '' FROM offices WHERE post = 'party_secretary' AND jurisdiction = '广东省' LIMIT 1")
        .or_else(|| one("SELECT jurisdiction, '' FROM offices WHERE post = 'party_secretary' AND jurisdiction <> '' \
                         GROUP BY jurisdiction ORDER BY count(*) DESC LIMIT 1"))
        .map(|x| x.0)
        .unwrap_or_else(|| "广东省".into());
    let who_on = conn
        .query_row(
            "SELECT max(last_seen) FROM offices WHERE post = 'party_secretary' AND jurisdiction = ?1",
            [&who_j],
            |r| r.get::<_, Option<String>>(0),
        )
        .ok()
        .flatten()
        .unwrap_or_else(|| "2024-02-27".into());
    // person: the name with the most document mentions.
    let person = one("SELECT p.name, '' FROM doc_persons d JOIN persons p ON p.id = d.person \
                      GROUP BY p.name ORDER BY count(*) DESC LIMIT 1")
        .map(|x| x.0)
        .unwrap_or_else(|| "黄坤明".into());
    // between: 广东省 and 广西壮族自治区 when both are event places, else the two places with most events.
    let fixed = ("广东省".to_owned(), "广西壮族自治区".to_owned());
    let has_place = |p: &str| {
        conn.query_row("SELECT count(*) FROM events WHERE place = ?1", [p], |r| r.get::<_, i64>(0))
            .unwrap_or(0)
            > 0
    };
    let pair = if has_place(&fixed.0) && has_place(&fixed.1) {
        fixed
    } else {
        let mut st = conn
            .prepare("SELECT place FROM events WHERE place IS NOT NULL AND place_code IS NOT NULL \
                      GROUP BY place ORDER BY count(*) DESC LIMIT 2")
            .expect("prepare");
        let top: Vec<String> = st
            .query_map([], |r| r.get(0))
            .map(|rows| rows.filter_map(|r| r.ok()).collect())
            .unwrap_or_default();
        match top.as_slice() {
            [a, b] => (a.clone(), b.clone()),
            _ => fixed,
        }
    };

    let who = time_query(|| kb.who(&who_j, "party_secretary", Some(&who_on)).map(|v| v.len()));
    let per = time_query(|| kb.person(&person, DEFAULT_LIMIT).map(|v| v.iter().map(|p| p.events.len()).sum()));
    let btw = time_query(|| kb.between(&pair.0, &pair.1, DEFAULT_LIMIT).map(|r| r.events.len() + r.ties.len()));
    drop(kb);

    // ---- summary ----
    let mb = t.bytes as f64 / 1e6;
    let rss = cadre_bench::peak_rss_mb().map_or("n/a".to_owned(), |m| format!("{m:.0} MB"));
    println!("== cadre knowledge-base benchmark ({}) ==", if quick { "quick check" } else { "release" });
    println!("corpus: {} varied copies of {} base texts from {source}", t.docs, bases.len());
    println!("threads: {} extracting (rayon), 1 writer (SqliteStore, {})", rayon::current_num_threads(), db.display());
    println!(
        "ingest: {} documents, {:.1} MB in {:.1} s → {:.0} documents/s, {:.2} MB/s (extraction + store); \
         writer busy {:.1} s",
        t.docs,
        mb,
        ingest_s,
        t.docs as f64 / ingest_s,
        mb / ingest_s,
        t.writer.as_secs_f64()
    );
    println!(
        "outcomes: {} inserted, {} replaced, {} skipped, {} errors; {} linked as reprints; \
         events {} new, {} merged",
        t.inserted, t.replaced, t.skipped, t.errors, t.reprints, t.events_new, t.events_merged
    );
    println!("store: {stats}; file {db_mb:.0} MB");
    if !t.marks.is_empty() {
        let mut prev = (0usize, 0.0f64, 0.0f64);
        let trend: Vec<String> = t
            .marks
            .iter()
            .map(|&m| {
                let s = format!("{:.2}", (m.1 - prev.1) / (m.2 - prev.2).max(1e-9));
                prev = m;
                s
            })
            .collect();
        println!("MB/s per chunk of ≥ {:.1} MB: {}", target_mb / MARKS as f64, trend.join(" "));
    }
    if stopped_early {
        let linear = ingest_s * target as f64 / t.bytes as f64;
        println!(
            "NOTE: stopped after the {:.0} s budget at {mb:.1} MB of {target_mb:.0} MB; \
             {target_mb:.0} MB NOT measured. Extrapolations (estimates): at the average rate \
             {:.0} s; with the seconds per MB growing linearly with the store's size (fit on \
             the chunks above) {}",
            budget.as_secs_f64(),
            linear,
            match growing_cost_estimate(&t.marks, target_mb) {
                Some(s) => format!("{s:.0} s (≈ {:.0} min)", s / 60.0),
                None => "n/a (too few chunks)".into(),
            }
        );
    }
    println!("peak RSS (VmHWM): {rss}");
    println!("queries ({QUERY_RUNS} runs each, read-only connection):");
    print_query(&format!("who {who_j} party_secretary --on {who_on}"), &who);
    print_query(&format!("person {person}"), &per);
    print_query(&format!("between {} {}", pair.0, pair.1), &btw);

    if std::env::var_os("CADRE_KB_BENCH_KEEP").is_some() {
        println!("database kept: {}", db.display());
    } else {
        remove_db(&db);
    }
}

/// Seconds to ingest `target_mb` if the cost of a MB grows linearly with the MB
/// already stored: `s/MB = a + b·x` fitted (least squares) on the chunks between
/// marks, integrated from 0 to the target.
fn growing_cost_estimate(marks: &[(usize, f64, f64)], target_mb: f64) -> Option<f64> {
    let mut pts = Vec::new();
    let mut prev = (0.0, 0.0);
    for &(_, mb, s) in marks {
        if mb > prev.0 {
            pts.push(((mb + prev.0) / 2.0, (s - prev.1) / (mb - prev.0)));
        }
        prev = (mb, s);
    }
    if pts.len() < 3 {
        return None;
    }
    let n = pts.len() as f64;
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let b = if sxx > 0.0 { (sxy / sxx).max(0.0) } else { 0.0 };
    let a = (my - b * mx).max(0.0);
    Some(a * target_mb + b * target_mb * target_mb / 2.0)
}

/// (median ms, max ms, results of the last run, or the error).
type Timing = Result<(f64, f64, usize), String>;

fn time_query(mut f: impl FnMut() -> cadre_store::Result<usize>) -> Timing {
    let mut ms = Vec::with_capacity(QUERY_RUNS);
    let mut n = 0;
    for _ in 0..QUERY_RUNS {
        let t = Instant::now();
        n = f().map_err(|e| e.to_string())?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let median = (ms[(QUERY_RUNS - 1) / 2] + ms[QUERY_RUNS / 2]) / 2.0;
    Ok((median, ms[QUERY_RUNS - 1], n))
}

fn print_query(label: &str, t: &Timing) {
    match t {
        Ok((median, max, n)) => {
            println!("  {label:<52} median {median:>8.2} ms  max {max:>8.2} ms  ({n} results)")
        }
        Err(e) => println!("  {label:<52} failed: {e}"),
    }
}

fn remove_db(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}
