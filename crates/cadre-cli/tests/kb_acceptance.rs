//! The "Done when" checks of the knowledge-base issue, run through the `cadre`
//! binary on a temporary database: the seed article and the dev set are
//! ingested, then `who`, `between`, `background`, a second ingest of the seed
//! and a copy of it under another header and id are checked.
//!
//! The seed and the dev set are others' articles: they are read at run time
//! from the shared directory (`$CADRE_SHARED`, else `../shared` beside the
//! repository) and never copied into the repository. When they are absent,
//! every test here says so and passes without checking anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A fresh directory under the system temp dir, removed when dropped.
struct Tmp(PathBuf);

impl Tmp {
    fn new(tag: &str) -> Tmp {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "cadre-kb-acceptance-{}-{}-{tag}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Tmp(dir)
    }

    fn db(&self) -> String {
        self.0.join("kb.db").to_string_lossy().into_owned()
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The seed and dev documents, or `None` (with a notice) when absent.
fn inputs() -> Option<(PathBuf, PathBuf)> {
    let shared = match std::env::var_os("CADRE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let seed = shared.join("eval/seed.docs.jsonl");
    let dev = shared.join("eval/dev/docs.jsonl");
    for p in [&seed, &dev] {
        if !p.exists() {
            eprintln!(
                "notice: {} is missing; skipping this knowledge-base acceptance test",
                p.display()
            );
            return None;
        }
    }
    Some((seed, dev))
}

fn cadre(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadre"))
        .env_remove("CADRE_DB")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the cadre binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs a query that must succeed and returns its JSON Lines.
fn query(t: &Tmp, args: &[&str]) -> Vec<Value> {
    let db = t.db();
    let mut all: Vec<&str> = args.to_vec();
    all.extend_from_slice(&["--json", "--db", &db]);
    let o = cadre(&all, &t.0);
    assert!(
        o.status.success(),
        "cadre {all:?} failed: {}",
        text(&o.stderr)
    );
    text(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// `cadre ingest PATH... --db`; returns stderr (the summary line).
fn ingest(t: &Tmp, paths: &[&Path]) -> String {
    let db = t.db();
    let mut args = vec!["ingest".to_owned()];
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    args.extend(["--db".to_owned(), db]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = cadre(&args, &t.0);
    let err = text(&o.stderr);
    assert!(o.status.success(), "cadre {args:?} failed: {err}");
    err
}

/// A database holding the seed and the dev set.
fn seed_and_dev(tag: &str) -> Option<(Tmp, PathBuf)> {
    let (seed, dev) = inputs()?;
    let t = Tmp::new(tag);
    let summary = ingest(&t, &[&seed, &dev]);
    assert!(summary.contains(", 0 errors"), "{summary}");
    Some((t, seed))
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

fn docs(e: &Value) -> Vec<&str> {
    e["docs"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// First and last day of an event (`date_start`/`date_end`, else `date`).
fn days(e: &Value) -> (String, String) {
    let date = s(e, "date");
    let (d0, d1) = date.split_once('/').unwrap_or((date, date));
    let start = Some(s(e, "date_start")).filter(|x| !x.is_empty()).unwrap_or(d0);
    let end = Some(s(e, "date_end")).filter(|x| !x.is_empty()).unwrap_or(d1);
    (start.to_owned(), end.to_owned())
}

fn is_on(e: &Value, day: &str) -> bool {
    let (a, b) = days(e);
    a == day && b == day
}

fn names(e: &Value) -> Vec<&str> {
    e["participants"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default()
}

fn brief(e: &Value) -> String {
    format!(
        "#{} {} {:?} @ {} {:?} docs {:?}",
        e["id"],
        s(e, "type"),
        days(e),
        s(e, "place"),
        names(e),
        docs(e)
    )
}

/// The seed's Guangzhou meeting (2024-02-27, 广州市), from `cadre events`.
fn guangzhou_meeting(t: &Tmp) -> Value {
    let meetings = query(t, &["events", "--type", "meeting"]);
    meetings
        .iter()
        .find(|e| s(e, "place") == "广州市" && is_on(e, "2024-02-27"))
        .cloned()
        .unwrap_or_else(|| {
            let all: Vec<String> = meetings.iter().map(brief).collect();
            panic!("no meeting at 广州市 on 2024-02-27 among:\n{}", all.join("\n"))
        })
}

fn event_count(t: &Tmp) -> usize {
    query(t, &["events"]).len()
}

#[test]
fn who_held_guangdong_party_secretary_on_2024_02_27() {
    let Some((t, _)) = seed_and_dev("who") else { return };
    let hits = query(&t, &["who", "广东省", "party_secretary", "--on", "2024-02-27"]);
    assert!(!hits.is_empty(), "no holder found");
    let first = &hits[0];
    assert_eq!(s(first, "name"), "黄坤明", "first result: {first}");
    let ev = first["evidence"].as_array().cloned().unwrap_or_default();
    assert!(
        ev.iter()
            .any(|e| s(e, "doc") == "seed" && s(e, "text").contains("黄坤明")),
        "no evidence from the seed naming 黄坤明: {first}"
    );
}

#[test]
fn between_guangdong_and_guangxi_lists_the_visit_meetings_and_signing() {
    let Some((t, _)) = seed_and_dev("between") else { return };
    let lines = query(&t, &["between", "广东省", "广西壮族自治区"]);
    let events: Vec<&Value> = lines.iter().filter(|l| s(l, "result") == "event").collect();
    let listing = events.iter().map(|e| brief(e)).collect::<Vec<_>>().join("\n");
    let from_seed = |e: &&&Value| docs(e).contains(&"seed");

    let visit = events.iter().filter(from_seed).any(|e| {
        s(e, "type") == "visit" && days(e) == ("2024-02-25".into(), "2024-02-27".into())
    });
    assert!(visit, "no 2024-02-25/27 delegation visit from the seed in:\n{listing}");

    let meeting = |day: &str, place: &str| {
        events
            .iter()
            .filter(from_seed)
            .any(|e| s(e, "type") == "meeting" && is_on(e, day) && s(e, "place") == place)
    };
    assert!(meeting("2024-02-26", "深圳市"), "no 2024-02-26 深圳市 meeting in:\n{listing}");
    assert!(meeting("2024-02-27", "广州市"), "no 2024-02-27 广州市 meeting in:\n{listing}");

    let signing = events.iter().filter(from_seed).any(|e| {
        s(e, "type") == "signing"
            && e["agreements"].as_array().is_some_and(|a| {
                a.iter().any(|x| {
                    x.as_str()
                        .is_some_and(|n| n.contains("全面深化粤桂合作框架协议"))
                })
            })
    });
    assert!(signing, "no signing of the 粤桂 framework agreement in:\n{listing}");
}

#[test]
fn background_of_the_guangzhou_meeting_lists_the_2023_inspection() {
    let Some((t, _)) = seed_and_dev("background") else { return };
    let meeting = guangzhou_meeting(&t);
    let id = meeting["id"].as_i64().expect("event id").to_string();
    let items = query(&t, &["background", &id]);
    let inspection = items.iter().any(|it| {
        let e = &it["event"];
        e.is_object()
            && s(e, "type") == "visit"
            && days(e) == ("2023-12-14".into(), "2023-12-15".into())
            && names(e).contains(&"习近平")
            && s(e, "place") == "广西壮族自治区"
    });
    let listing: Vec<String> = items
        .iter()
        .map(|it| {
            format!(
                "{} {} ({}) {}",
                s(it, "date"),
                s(it, "kind"),
                s(it, "reason"),
                if it["event"].is_object() { brief(&it["event"]) } else { s(it, "agreement").to_owned() }
            )
        })
        .collect();
    assert!(
        inspection,
        "background of #{id} lacks 习近平's 2023-12-14/15 visit to 广西壮族自治区:\n{}",
        listing.join("\n")
    );
}

#[test]
fn the_seed_ingested_twice_is_skipped() {
    let Some((t, seed)) = seed_and_dev("twice") else { return };
    let before = event_count(&t);
    let summary = ingest(&t, &[&seed]);
    assert!(
        summary.contains("(0 inserted, 0 replaced, 1 skipped)"),
        "second ingest of the seed: {summary}"
    );
    assert_eq!(event_count(&t), before, "the second ingest changed the events");
}

#[test]
fn a_copy_under_another_header_adds_evidence_not_events() {
    let Some((t, seed)) = seed_and_dev("copy") else { return };
    let before = event_count(&t);
    // The copy is made at run time from the shared file and lives only in the temp dir.
    let raw = std::fs::read_to_string(&seed).expect("read the seed");
    let line = raw.lines().find(|l| !l.trim().is_empty()).expect("a seed line");
    let mut doc: Value = serde_json::from_str(line).expect("seed JSON");
    let body = doc["text"].as_str().expect("seed text").to_owned();
    doc["id"] = "seed-reprint".into();
    doc["text"] = format!("转载自示例晚报 2024年2月28日\n{body}").into();
    let copy = t.0.join("reprint.jsonl");
    std::fs::write(&copy, format!("{doc}\n")).expect("write the copy");

    let summary = ingest(&t, &[&copy]);
    assert!(summary.contains("(1 inserted, 0 replaced, 0 skipped)"), "{summary}");
    let after = event_count(&t);
    assert_eq!(after, before, "the copy created {} new events", after as i64 - before as i64);
    let meeting = guangzhou_meeting(&t);
    let d = docs(&meeting);
    assert!(
        d.contains(&"seed") && d.contains(&"seed-reprint"),
        "the Guangzhou meeting should have evidence from both documents: {}",
        brief(&meeting)
    );
    let ev_docs: Vec<&str> = meeting["evidence"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["doc"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        ev_docs.contains(&"seed") && ev_docs.contains(&"seed-reprint"),
        "evidence rows of the Guangzhou meeting: {ev_docs:?}"
    );
}

/// `who` on real news: every controlled office the dev set's gold gives (jurisdiction,
/// post, holder) is asked of the store holding the dev set, once without a date and once
/// on the date of the document that names it. Printed as a measure; the floors are a
/// little under what is reached. (Past offices, 曾任…, are asked on the document's date
/// too, so the dated measure counts a holder anywhere in the answer, not only first.)
#[test]
fn who_answers_the_offices_of_the_dev_gold() {
    let Some((seed, dev)) = inputs() else { return };
    let t = Tmp::new("who-dev");
    let summary = ingest(&t, &[&seed, &dev]);
    assert!(summary.contains(", 0 errors"), "{summary}");
    // The date each document is read on, from the extraction itself.
    let o = cadre(&["extract", &dev.to_string_lossy()], &t.0);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let dates: std::collections::HashMap<String, String> = text(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|r| Some((s(&r, "id").to_owned(), r["reference_date"].as_str()?.to_owned())))
        .collect();
    let gold = std::fs::read_to_string(dev.with_file_name("gold.jsonl")).expect("dev gold");
    let (mut asked, mut known, mut dated, mut on_date) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for rec in gold.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        let doc = s(&rec, "id");
        for p in rec["persons"].as_array().into_iter().flatten() {
            for o in p["offices"].as_array().into_iter().flatten() {
                let (j, post) = (s(o, "jurisdiction"), s(o, "post"));
                if j.is_empty() || post.is_empty() || post == "other" {
                    continue;
                }
                let name = s(p, "name");
                let holds = |hits: &[Value]| hits.iter().any(|h| s(h, "name") == name);
                asked += 1;
                if holds(&query(&t, &["who", j, post])) {
                    known += 1;
                } else {
                    misses.push(format!("{doc} {name} {j} {post}"));
                }
                if let Some(day) = dates.get(doc).filter(|d| d.len() == 10) {
                    dated += 1;
                    if holds(&query(&t, &["who", j, post, "--on", day])) {
                        on_date += 1;
                    }
                }
            }
        }
    }
    println!("who on the dev gold: {known}/{asked} offices answered; {on_date}/{dated} on the document's date");
    for m in &misses {
        println!("  not answered: {m}");
    }
    assert!(asked >= 50, "too few offices asked: {asked}");
    assert!(known as f64 >= 0.9 * asked as f64, "{known}/{asked} answered");
    assert!(on_date as f64 >= 0.85 * dated as f64, "{on_date}/{dated} answered on the document's date");
}
