//! Times each stage of the pipeline over a JSONL corpus repeated N times (profiling aid).
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("JSONL path");
    let reps: usize = std::env::args().nth(2).map_or(20, |s| s.parse().unwrap());
    let docs: Vec<cadre_model::SourceDoc> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            cadre_model::SourceDoc { id: v["id"].as_str().unwrap().into(), url: v["url"].as_str().map(Into::into), text: v["text"].as_str().unwrap().into(), ..Default::default() }
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() * reps;
    let lx = cadre_recognise::Lexicon::builtin();
    let ex = cadre_extract::Extractor::new();
    let (mut tn, mut ts, mut tr, mut tt, mut tall) = (0f64, 0f64, 0f64, 0f64, 0f64);
    for _ in 0..reps {
        for d in &docs {
            let t0 = Instant::now();
            let n = cadre_normalise::normalise(&d.text);
            let t1 = Instant::now();
            let s = cadre_normalise::split_sentences(&n.text);
            let t2 = Instant::now();
            let _r = cadre_recognise::recognise(lx, &n.text, &s);
            let t3 = Instant::now();
            let _t = cadre_time::find_times(&n.text, Some((2024, 1, 1)));
            let t4 = Instant::now();
            let _rec = ex.extract(d);
            let t5 = Instant::now();
            tn += (t1 - t0).as_secs_f64();
            ts += (t2 - t1).as_secs_f64();
            tr += (t3 - t2).as_secs_f64();
            tt += (t4 - t3).as_secs_f64();
            tall += (t5 - t4).as_secs_f64();
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("{mb:.1} MB: normalise {:.1} MB/s, sentences {:.1}, recognise {:.1}, times {:.1}, whole extract {:.1} MB/s", mb / tn, mb / ts, mb / tr, mb / tt, mb / tall);
}
