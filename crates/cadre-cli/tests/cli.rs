//! End-to-end tests of the `cadre` binary.
//!
//! The fixtures are short news-style texts written for these tests; the
//! persons in them (陈立新, 林海涛, 周文斌, 郑国华) and their meeting are
//! fictional.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const MEETING: &str = "两省召开协作工作座谈会
本报广州2024年3月12日讯（记者 张三）12日上午，广东省与湖南省协作工作座谈会在广州召开。广东省委书记陈立新主持会议并讲话，湖南省委书记林海涛出席会议并讲话。广东省省长周文斌、湖南省省长郑国华出席会议，分别介绍两省经济社会发展情况。
会上，两省签署了《深化粤湘产业协作框架协议》等3个合作协议。
";

const VISIT: &str = "湖南党政代表团赴广东学习考察
本报长沙2024年3月14日讯（记者 李四）3月11日至13日，湖南省党政代表团赴广东省学习考察。湖南省委书记林海涛、湖南省省长郑国华参加有关活动。
";

/// A fresh directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "cadre-cli-test-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn db(&self) -> PathBuf {
        self.0.join("kb.db")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cadre() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cadre"));
    c.env_remove("CADRE_DB");
    c
}

fn run(args: &[&str], dir: &Path) -> Output {
    cadre()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cadre runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn names(gold: &Value) -> Vec<String> {
    gold["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

fn ingest(s: &Scratch, files: &[&str]) -> Output {
    let db = s.db();
    let mut args = vec!["ingest"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--db", db.to_str().unwrap()]);
    run(&args, &s.0)
}

fn event_count(s: &Scratch) -> usize {
    let db = s.db();
    let o = run(&["events", "--json", "--db", db.to_str().unwrap()], &s.0);
    assert!(o.status.success(), "{}", stderr(&o));
    json_lines(&o).len()
}

#[test]
fn extract_gold_gives_the_persons() {
    let s = Scratch::new("gold");
    s.write("meeting.txt", MEETING);
    let o = run(&["extract", "--format", "gold", "meeting.txt"], &s.0);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 1);
    let mut got = names(&recs[0]);
    got.retain(|n| n != "张三"); // the byline
    assert_eq!(got, ["陈立新", "林海涛", "周文斌", "郑国华"]);
    let chen = &recs[0]["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "陈立新")
        .unwrap()["offices"][0];
    assert_eq!(chen["jurisdiction"], "广东省");
    assert_eq!(chen["post"], "party_secretary");
}

#[test]
fn bad_documents_are_reported_and_skipped() {
    let s = Scratch::new("bad");
    s.write("good.txt", MEETING);
    s.write("binary.txt", b"\x00\x01\x02\x03 not text \x00\xff");
    s.write(
        "lines.jsonl",
        format!(
            "{}\n{{\"id\": \"broken\", \"text\": \n",
            serde_json::json!({"id": "line-one", "text": VISIT})
        ),
    );
    for cmd in ["extract", "ingest"] {
        let mut args = vec![cmd, "good.txt", "binary.txt", "lines.jsonl"];
        let db = s.db();
        if cmd == "ingest" {
            args.extend_from_slice(&["--db", db.to_str().unwrap()]);
        }
        let o = run(&args, &s.0);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        let errors: Vec<String> = stderr(&o)
            .lines()
            .filter(|l| l.starts_with("cadre: "))
            .map(String::from)
            .collect();
        assert_eq!(
            errors.len(),
            2,
            "{cmd}: one line per bad document: {errors:?}"
        );
        assert!(errors[0].starts_with("cadre: binary.txt: "), "{errors:?}");
        assert!(
            errors[1].starts_with("cadre: lines.jsonl:2: "),
            "{errors:?}"
        );
        if cmd == "extract" {
            let ids: Vec<Value> = json_lines(&o).iter().map(|r| r["id"].clone()).collect();
            assert_eq!(ids, ["good.txt", "line-one"]);
        } else {
            assert!(
                stderr(&o)
                    .contains("ingested 2 documents (2 inserted, 0 replaced, 0 skipped), 2 errors"),
                "{}",
                stderr(&o)
            );
            let who = run(
                &[
                    "who",
                    "湖南省",
                    "government_head",
                    "--json",
                    "--db",
                    db.to_str().unwrap(),
                ],
                &s.0,
            );
            assert_eq!(json_lines(&who)[0]["name"], "郑国华");
        }
    }
}

#[test]
fn ingest_then_who() {
    let s = Scratch::new("who");
    s.write("meeting.txt", MEETING);
    s.write("visit.txt", VISIT);
    let o = ingest(&s, &["meeting.txt", "visit.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingested 2 documents (2 inserted, 0 replaced, 0 skipped), 0 errors"),
        "{}",
        stderr(&o)
    );
    let db = s.db();
    let db = db.to_str().unwrap();

    let o = run(
        &[
            "who",
            "广东省",
            "party_secretary",
            "--on",
            "2024-03-12",
            "--db",
            db,
            "--json",
        ],
        &s.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json_lines(&o);
    assert_eq!(hits[0]["name"], "陈立新");
    assert_eq!(hits[0]["evidence"][0]["doc"], "meeting.txt");
    assert!(hits[0]["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("广东省委书记陈立新"));

    // Human output: the holder with the evidence sentence.
    let o = run(&["who", "广东", "party_secretary", "--db", db], &s.0);
    let text = stdout(&o);
    assert!(
        text.contains("陈立新") && text.contains("[meeting.txt s"),
        "{text}"
    );

    // CADRE_DB is the default --db.
    let o = cadre()
        .args(["who", "湖南省", "party_secretary", "--json"])
        .env("CADRE_DB", db)
        .current_dir(&s.0)
        .output()
        .unwrap();
    assert_eq!(json_lines(&o)[0]["name"], "林海涛");

    // The other queries answer, in both forms.
    for args in [
        vec!["person", "林海涛"],
        vec!["events", "--type", "meeting", "--region", "湖南省"],
        vec!["between", "广东省", "湖南省"],
        vec!["search", "协作"],
    ] {
        let mut a = args.clone();
        a.extend_from_slice(&["--db", db, "--json"]);
        let o = run(&a, &s.0);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!json_lines(&o).is_empty(), "{args:?}: no result");
        a.pop();
        let o = run(&a, &s.0);
        assert!(
            stdout(&o).contains("林海涛") || stdout(&o).contains("协作"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    let meeting = run(
        &[
            "events",
            "--type",
            "meeting",
            "--from",
            "2024-03-12",
            "--to",
            "2024-03-12",
            "--db",
            db,
            "--json",
        ],
        &s.0,
    );
    let m = &json_lines(&meeting)[0];
    assert_eq!(m["place"], "广州市");
    let id = m["id"].as_i64().unwrap().to_string();
    let bg = run(&["background", &id, "--db", db, "--json"], &s.0);
    assert!(bg.status.success(), "{}", stderr(&bg));

    for format in ["jsonl", "csv", "graphml", "plover"] {
        let file = s.0.join(format!("out.{format}"));
        let o = run(
            &[
                "export",
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
                "--db",
                db,
            ],
            &s.0,
        );
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(
            std::fs::metadata(&file).unwrap().len() > 0,
            "{format}: empty export"
        );
    }
}

#[test]
fn query_on_a_missing_database_names_it() {
    let s = Scratch::new("missing");
    let o = run(
        &[
            "who",
            "广东省",
            "party_secretary",
            "--db",
            "nothing-here.db",
        ],
        &s.0,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing-here.db"), "{}", stderr(&o));
    assert!(
        !s.0.join("nothing-here.db").exists(),
        "a query must not create the database"
    );
}

#[test]
fn same_document_twice_is_skipped() {
    let s = Scratch::new("twice");
    s.write("meeting.txt", MEETING);
    assert!(ingest(&s, &["meeting.txt"]).status.success());
    let before = event_count(&s);
    assert!(before >= 1);
    let o = ingest(&s, &["meeting.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("(0 inserted, 0 replaced, 1 skipped)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(event_count(&s), before);

    // A changed document replaces its facts.
    s.write("meeting.txt", MEETING.replace("3个合作协议", "4个合作协议"));
    let o = ingest(&s, &["meeting.txt"]);
    assert!(
        stderr(&o).contains("(0 inserted, 1 replaced, 0 skipped)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(event_count(&s), before);
}

#[test]
fn copy_with_another_header_adds_no_event() {
    let s = Scratch::new("copy");
    s.write("meeting.txt", MEETING);
    let copy = MEETING.replacen("两省召开协作工作座谈会", "来源：示例晚报", 1);
    s.write("reprint.txt", copy);
    assert!(ingest(&s, &["meeting.txt"]).status.success());
    let before = event_count(&s);
    let o = ingest(&s, &["reprint.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("(1 inserted, 0 replaced, 0 skipped)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        event_count(&s),
        before,
        "the reprint adds evidence, not events"
    );
    let db = s.db();
    let o = run(
        &[
            "events",
            "--type",
            "meeting",
            "--json",
            "--db",
            db.to_str().unwrap(),
        ],
        &s.0,
    );
    let docs = &json_lines(&o)[0]["docs"];
    assert_eq!(docs.as_array().unwrap().len(), 2, "{docs}");
}

#[test]
fn ner_prints_one_array_per_line() {
    let s = Scratch::new("ner");
    s.write("lines.txt", "广东省委书记陈立新主持会议并讲话，湖南省委书记林海涛出席会议并讲话。\n今天的天气很好。\n广东省省长周文斌出席会议。\n");
    let o = run(&["ner", "lines.txt"], &s.0);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Vec<String>> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], ["陈立新", "林海涛"]);
    assert!(lines[1].is_empty());
    assert_eq!(lines[2], ["周文斌"]);

    // NER counts the names heading a doctrine and the names of bylines, which the
    // record does not count as persons of the story.
    s.write("doctrine.txt", "会议强调，要坚持马克思主义，高举邓小平理论伟大旗帜。\n本报记者 李明远 摄\n");
    let o = run(&["ner", "doctrine.txt"], &s.0);
    assert_eq!(stdout(&o), "[\"马克思\",\"邓小平\"]\n[\"李明远\"]\n");
    let o = run(&["extract", "--format", "gold", "doctrine.txt"], &s.0);
    assert!(!stdout(&o).contains("邓小平") && !stdout(&o).contains("马克思"), "{}", stdout(&o));

    // stdin
    let mut child = cadre()
        .args(["ner", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("湖南省省长郑国华出席。\n\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(stdout(&o), "[\"郑国华\"]\n[]\n");
}

#[test]
fn demo_prints_the_meeting() {
    let s = Scratch::new("demo");
    let o = run(&["demo"], &s.0);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "2024-02-27",
        "meeting",
        "黄坤明",
        "== 2.",
        "== 3.",
        "广西壮族自治区",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn demo_builtin_texts_give_the_meeting_offices_and_background() {
    let s = Scratch::new("demo-builtin");
    let o = run(&["demo", "--builtin"], &s.0);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let section = |n: &str| {
        let start = text
            .find(&format!("== {n}."))
            .unwrap_or_else(|| panic!("section {n}:\n{text}"));
        let rest = &text[start + 4..];
        rest[..rest.find("\n== ").unwrap_or(rest.len())].to_string()
    };
    let meeting = section("1");
    for needle in [
        "type:         meeting",
        "广州市",
        "黄坤明 — chair",
        "刘宁",
        "王伟中",
        "蓝天立",
        "《打造粤港澳大湾区重要战略腹地进一步全面深化粤桂合作框架协议》",
        "[builtin/02-guangzhou.txt s",
    ] {
        assert!(meeting.contains(needle), "{needle} missing:\n{meeting}");
    }
    let offices = section("2");
    for name in ["黄坤明", "王伟中", "刘宁", "蓝天立"] {
        assert!(offices.contains(name), "{name} missing:\n{offices}");
    }
    let background = section("3");
    assert!(
        background.contains("central_visit") && background.contains("习近平"),
        "{background}"
    );
}

#[test]
fn broken_pipe_exits_quietly() {
    let s = Scratch::new("pipe");
    let mut jsonl = String::new();
    for i in 0..120 {
        jsonl += &serde_json::json!({"id": format!("d{i}"), "text": MEETING}).to_string();
        jsonl.push('\n');
    }
    s.write("many.jsonl", jsonl);
    let mut child = cadre()
        .args(["extract", "many.jsonl"])
        .current_dir(&s.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "status {:?}", o.status);
    assert_eq!(stderr(&o), "", "nothing on stderr");
}

/// The seed article (../shared relative to the workspace root), when present.
fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/seed.docs.jsonl");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("notice: {} is missing; skipping the seed test", p.display());
        None
    }
}

#[test]
fn seed_who_and_between() {
    let Some(seed) = shared() else { return };
    let s = Scratch::new("seed");
    let o = ingest(&s, &[seed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let db = s.db();
    let db = db.to_str().unwrap();
    let o = run(
        &[
            "who",
            "广东省",
            "party_secretary",
            "--on",
            "2024-02-27",
            "--json",
            "--db",
            db,
        ],
        &s.0,
    );
    let hits = json_lines(&o);
    assert_eq!(hits[0]["name"], "黄坤明");
    assert_eq!(hits[0]["evidence"][0]["doc"], "seed");
    let o = run(
        &["between", "广东省", "广西壮族自治区", "--json", "--db", db],
        &s.0,
    );
    assert!(json_lines(&o)
        .iter()
        .any(|l| l["result"] == "event" && l["type"] == "meeting"));
}
