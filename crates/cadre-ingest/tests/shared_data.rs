//! Tests on the shared data beside the repository (`../shared`). The texts there
//! are others' copyrighted pages: they are read at test time, never committed.
//! Each test passes with a notice when the folder is missing.

use std::path::{Path, PathBuf};

use cadre_ingest::{read_paths, Format};

fn shared() -> Option<PathBuf> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf();
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {} is missing, test skipped", p.display());
        None
    }
}

#[test]
fn seed_markdown() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/seed.md");
    if !seed.is_file() {
        eprintln!("notice: {} is missing, test skipped", seed.display());
        return;
    }
    let docs: Vec<_> = read_paths(std::slice::from_ref(&seed)).collect();
    assert_eq!(docs.len(), 1);
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.id, seed.to_string_lossy());
    assert_eq!(
        d.title.as_deref(),
        Some("黄坤明、刘宁、王伟中、蓝天立4位省级党政“一把手”面对面，有重要背景")
    );
    assert_eq!(d.authors, ["高语阳", "余晖"]);
    assert!(!d.text.contains("!["));
    assert!(!d.text.contains("**"));
    assert!(!d.text.contains("inews.gtimg.com"));
    assert!(!d.text.contains("MDMAA"));
    assert!(d.text.contains("广东省委书记黄坤明主持会议并讲话"));
    assert!(
        d.text.contains("高语阳 余晖"),
        "the byline stays in the text"
    );
    assert!(!d.text.contains("\n\n"));
}

#[test]
fn saved_pages_all_yield_text() {
    let Some(shared) = shared() else { return };
    let index = shared.join("data/html/INDEX.tsv");
    let Ok(index) = std::fs::read_to_string(&index) else {
        eprintln!("notice: {} is missing, test skipped", index.display());
        return;
    };
    for line in index.lines().skip(1) {
        let file = line.split('\t').next().unwrap();
        let path = shared.join("data/html").join(file);
        let bytes = std::fs::read(&path).unwrap();
        let docs = cadre_ingest::read_bytes(file, &bytes, Format::Html);
        let d = docs[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
        // Some pages hold U+FFFD in valid UTF-8; only a decoding we chose is judged.
        if std::str::from_utf8(&bytes).is_err() {
            assert!(
                d.text.matches('\u{FFFD}').count() < 20,
                "{file}: bad decoding"
            );
        }
        assert!(d.text.chars().count() >= 20, "{file}: no text");
    }
}
