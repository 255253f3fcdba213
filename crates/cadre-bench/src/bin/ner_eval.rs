//! PER precision, recall and F1 of Cadre's person recogniser on public NER test sets,
//! read at run time from `../shared/data` (never committed, never trained on):
//!
//! - `msra/test.txt`: one `char TAG` per line, BMES tags, a blank line between sentences;
//! - `pd1998/example.test`: the same layout with BIO tags;
//! - `cluener/dev.json`: JSON lines `{"text", "label": {"name": {NAME: [[s, e]]}}}`
//!   with inclusive char offsets.
//!
//! Every sentence is extracted as its own document. A prediction is what `cadre ner`
//! prints for the sentence: the record's names (`Record::names_mentioned`), with the
//! names of the 20 sentences before it that stand in it (MSRA and People's Daily are
//! running text, `RunningNames`; CLUENER's sentences are unrelated, read alone); per sentence, predicted and gold names are compared as sets of
//! strings. A second line per corpus scores every person mention of the record by its
//! exact character span (without the running names, which have no span).
//!
//! `cargo run --release -p cadre-bench --bin ner_eval [-- msra|pd1998|cluener ...]`

use cadre_bench::shared_dir;
use cadre_extract::running::RunningNames;
use cadre_extract::Extractor;
use cadre_model::{EntityKind, SourceDoc};
use std::collections::BTreeSet;
use std::path::Path;

/// One sentence with its gold person spans (char offsets, half-open).
struct Sentence {
    text: String,
    gold: Vec<(usize, usize)>,
}

/// Reads the char-per-line layout; `BMES` and `BIO` tags both parse: B/S open an
/// entity, M/I/E continue one of the same type, S/E close it.
fn read_char_tags(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let raw = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;

    fn flush(
        chars: &mut Vec<char>,
        spans: &mut Vec<(usize, usize)>,
        open: &mut Option<usize>,
        out: &mut Vec<Sentence>,
    ) {
        if let Some(s) = open.take() {
            spans.push((s, chars.len()));
        }
        if !chars.is_empty() {
            out.push(Sentence { text: chars.iter().collect(), gold: std::mem::take(spans) });
        }
        chars.clear();
        spans.clear();
    }

    for line in raw.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut chars, &mut spans, &mut open, &mut out);
            continue;
        }
        let (ch, tag) = match line.rsplit_once(' ') {
            Some((c, t)) => (c.chars().next().unwrap_or(' '), t),
            None => continue,
        };
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        let pos = chars.len();
        if kind != "PER" {
            if let Some(s) = open.take() {
                spans.push((s, pos));
            }
        } else {
            match prefix {
                "B" | "S" => {
                    if let Some(s) = open.take() {
                        spans.push((s, pos));
                    }
                    open = Some(pos);
                }
                _ => {
                    if open.is_none() {
                        open = Some(pos);
                    }
                }
            }
        }
        chars.push(ch);
        if kind == "PER" && (prefix == "S" || prefix == "E") {
            if let Some(s) = open.take() {
                spans.push((s, pos + 1));
            }
        }
    }
    flush(&mut chars, &mut spans, &mut open, &mut out);
    Ok(out)
}

/// Reads CLUENER JSON lines, label `name`.
fn read_cluener(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let raw = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let mut gold = Vec::new();
        if let Some(names) = v.pointer("/label/name").and_then(|n| n.as_object()) {
            for spans in names.values() {
                for sp in spans.as_array().into_iter().flatten() {
                    let s = sp.get(0).and_then(|x| x.as_u64());
                    let e = sp.get(1).and_then(|x| x.as_u64());
                    if let (Some(s), Some(e)) = (s, e) {
                        gold.push((s as usize, e as usize + 1));
                    }
                }
            }
        }
        gold.sort();
        out.push(Sentence { text: text.to_owned(), gold });
    }
    Ok(out)
}

#[derive(Default)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 { 0.0 } else { self.tp as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

fn substr(text: &str, (s, e): (usize, usize)) -> String {
    text.chars().skip(s).take(e - s).collect()
}

fn evaluate(name: &str, sentences: &[Sentence], extractor: &Extractor, context: usize, errors: usize) {
    let mut by_name = Counts::default();
    let mut by_span = Counts::default();
    let mut shown = 0;
    let mut running = RunningNames::new(context);
    for (i, s) in sentences.iter().enumerate() {
        let doc = SourceDoc { id: format!("{name}-{i}"), text: s.text.clone(), ..Default::default() };
        let rec = extractor.extract(&doc);

        let gold_names: BTreeSet<String> = s.gold.iter().map(|&sp| substr(&s.text, sp)).collect();
        // What `cadre ner` prints for the sentence.
        let pred_names: BTreeSet<String> = running.next_line(&s.text, rec.names_mentioned()).into_iter().collect();
        by_name.gold += gold_names.len();
        by_name.pred += pred_names.len();
        by_name.tp += gold_names.intersection(&pred_names).count();

        let gold_spans: BTreeSet<(usize, usize)> = s.gold.iter().copied().collect();
        let pred_spans: BTreeSet<(usize, usize)> = rec
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Eponym))
            .flat_map(|e| e.mentions.iter().map(|m| (m.span.start, m.span.end)))
            .collect();
        by_span.gold += gold_spans.len();
        by_span.pred += pred_spans.len();
        by_span.tp += gold_spans.intersection(&pred_spans).count();

        if shown < errors && gold_names != pred_names {
            shown += 1;
            let missed: Vec<_> = gold_names.difference(&pred_names).collect();
            let extra: Vec<_> = pred_names.difference(&gold_names).collect();
            eprintln!("{name}#{i}: missed {missed:?} extra {extra:?}\n    {}", s.text);
        }
    }
    let (p, r, f) = by_name.prf();
    println!(
        "{name} PER P {p:.3} R {r:.3} F1 {f:.3} ({} sentences, {} gold names, {} predicted)",
        sentences.len(),
        by_name.gold,
        by_name.pred
    );
    let (p, r, f) = by_span.prf();
    println!("{name} PER mentions by span: P {p:.3} R {r:.3} F1 {f:.3} ({} gold mentions)", by_span.gold);
}

fn main() {
    let mut wanted: Vec<String> = Vec::new();
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--errors" {
            errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            wanted.push(a);
        }
    }
    if wanted.is_empty() {
        wanted = vec!["msra".into(), "pd1998".into(), "cluener".into()];
    }
    let data = shared_dir().join("data");
    let extractor = Extractor::new();
    let mut failed = false;
    for corpus in &wanted {
        let (path, read): (_, fn(&Path) -> std::io::Result<Vec<Sentence>>) = match corpus.as_str() {
            "msra" => (data.join("msra/test.txt"), read_char_tags),
            "pd1998" => (data.join("pd1998/example.test"), read_char_tags),
            "pd1998-dev" => (data.join("pd1998/example.dev"), read_char_tags),
            "cluener" => (data.join("cluener/dev.json"), read_cluener),
            other => {
                eprintln!("unknown corpus {other:?} (msra, pd1998, pd1998-dev, cluener)");
                failed = true;
                continue;
            }
        };
        match read(&path) {
            // MSRA and People's Daily are articles cut into sentences, in order: running
            // text, as `cadre ner` reads it by default. CLUENER's are unrelated samples.
            Ok(sentences) => {
                let context = if corpus == "cluener" { 0 } else { 20 };
                evaluate(corpus, &sentences, &extractor, context, errors)
            }
            Err(e) => eprintln!("notice: {corpus}: {} not readable ({e}); skipped", path.display()),
        }
    }
    if failed {
        std::process::exit(2);
    }
}
