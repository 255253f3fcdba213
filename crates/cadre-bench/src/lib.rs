//! Helpers shared by the benchmarks and the NER harness of Cadre.
//!
//! - [`corpus`]: a benchmark corpus of at least N bytes, built by repeating the dev
//!   texts of `../shared/eval/dev/docs.jsonl` (others' writing, read at run time and
//!   never committed), or the project's own `samples/` when `../shared` is absent.
//! - [`peak_rss_mb`]: the process's peak resident set size, from `/proc/self/status`.
//!
//! The location of `../shared` can be overridden with the `CADRE_SHARED` variable.

use cadre_model::SourceDoc;
use std::path::{Path, PathBuf};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `$CADRE_SHARED`, else `../shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("CADRE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => repo_root().join("../shared"),
    }
}

/// Reads `{"id","url","text"}` lines; lines that do not parse are skipped.
pub fn read_jsonl(path: &Path) -> std::io::Result<Vec<SourceDoc>> {
    let raw = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let id = v
            .get("id")
            .and_then(|t| t.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("line{}", i + 1));
        let url = v.get("url").and_then(|t| t.as_str()).map(str::to_owned);
        docs.push(SourceDoc { id, url, text: text.to_owned(), ..Default::default() });
    }
    Ok(docs)
}

/// The texts the corpus repeats and where they came from: the dev set, else the
/// plain-text, Markdown and JSONL samples of `samples/`.
pub fn base_docs() -> (Vec<SourceDoc>, String) {
    let dev = shared_dir().join("eval/dev/docs.jsonl");
    if let Ok(docs) = read_jsonl(&dev) {
        if !docs.is_empty() {
            return (docs, dev.display().to_string());
        }
    }
    eprintln!("notice: {} not found; the benchmark corpus repeats samples/ instead", dev.display());
    let dir = repo_root().join("samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        if name == "README.md" {
            continue;
        }
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt") | Some("md") => {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    docs.push(SourceDoc { id: name, text, ..Default::default() });
                }
            }
            Some("jsonl") => docs.extend(read_jsonl(&p).unwrap_or_default()),
            _ => {}
        }
    }
    (docs, dir.display().to_string())
}

/// A corpus of at least `min_bytes` bytes of text: the base documents repeated, each
/// copy with its own id. Panics when there is no text at all.
pub fn corpus(min_bytes: usize) -> (Vec<SourceDoc>, String) {
    let (base, source) = base_docs();
    let base_bytes: usize = base.iter().map(|d| d.text.len()).sum();
    assert!(base_bytes > 0, "no benchmark text found (neither ../shared nor samples/)");
    let mut docs = Vec::new();
    let mut bytes = 0;
    let mut round = 0;
    while bytes < min_bytes {
        for d in &base {
            let mut copy = d.clone();
            copy.id = format!("{}#{round}", d.id);
            bytes += copy.text.len();
            docs.push(copy);
        }
        round += 1;
    }
    (docs, source)
}

/// Total text bytes of a corpus.
pub fn corpus_bytes(docs: &[SourceDoc]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// Peak resident set size in MB (`VmHWM`), where `/proc` has it.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_reaches_the_requested_size() {
        let (docs, _) = corpus(50_000);
        assert!(corpus_bytes(&docs) >= 50_000);
        let ids: std::collections::HashSet<_> = docs.iter().map(|d| &d.id).collect();
        assert_eq!(ids.len(), docs.len(), "every copy has its own id");
    }

    #[test]
    fn peak_rss_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_mb().unwrap_or(0.0) > 0.0);
        }
    }
}
