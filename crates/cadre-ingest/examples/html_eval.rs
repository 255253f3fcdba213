//! Runs the HTML extractor over the saved pages of `../shared/data/html` and writes
//! the JSONL that `score_html.py` scores (`{"file","text","date","author","seconds"}`).
//!
//! ```text
//! cargo run -p cadre-ingest --example html_eval -- [OUT.jsonl] [--all] [--data DIR]
//! python3 ../shared/data/html/score_html.py OUT.jsonl
//! ```
//! Without `--all` only the pages with hand-made gold (cwced) are run.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use cadre_ingest::{read_bytes, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out_path = PathBuf::from("html_eval.jsonl");
    let mut all = false;
    let mut data = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/html"
    ));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--all" => all = true,
            "--data" => data = PathBuf::from(args.next().ok_or("--data needs a folder")?),
            _ => out_path = PathBuf::from(a),
        }
    }
    let index = std::fs::read_to_string(data.join("INDEX.tsv"))?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let mut n = 0;
    for line in index.lines().skip(1) {
        let file = line.split('\t').next().unwrap_or("");
        if file.is_empty() || (!all && !file.starts_with("cwced/")) {
            continue;
        }
        let bytes = std::fs::read(data.join(file))?;
        let t0 = Instant::now();
        let mut docs = read_bytes(file, &bytes, Format::Html);
        let seconds = t0.elapsed().as_secs_f64();
        let rec = match docs.pop() {
            Some(Ok(d)) => serde_json::json!({
                "file": file, "text": d.text, "date": d.published, "author": d.authors,
                "title": d.title, "url": d.url, "seconds": seconds,
            }),
            Some(Err(e)) => {
                serde_json::json!({"file": file, "text": null, "error": e.to_string(), "seconds": seconds})
            }
            None => continue,
        };
        writeln!(out, "{rec}")?;
        n += 1;
    }
    out.flush()?;
    eprintln!("{n} pages -> {}", out_path.display());
    Ok(())
}
