//! Crash safety: an ingest killed with SIGKILL leaves a consistent database,
//! and a rerun ends with the same content as an uninterrupted run.
//!
//! The test binary re-invokes itself: with `CADRE_STORE_CRASH_CHILD_DB` set,
//! the `child_ingest` test ingests every record into that file, printing a
//! line after each commit; the parent kills it after some lines.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use cadre_model::{EventType, Record, Role};
use cadre_store::{KnowledgeBase, SqliteStore};
use common::*;

const CHILD_ENV: &str = "CADRE_STORE_CRASH_CHILD_DB";
const N: usize = 500;
const KILL_AFTER: usize = 60;

const PROVINCES: &[(&str, &str, &str)] = &[
    ("广东省", "44", "广州市"),
    ("广西壮族自治区", "45", "南宁市"),
    ("湖南省", "43", "长沙市"),
    ("四川省", "51", "成都市"),
    ("浙江省", "33", "杭州市"),
    ("贵州省", "52", "贵阳市"),
    ("福建省", "35", "福州市"),
    ("云南省", "53", "昆明市"),
];
const GIVEN: &[&str] = &[
    "建国", "立新", "海燕", "志强", "晓明", "文华", "国庆", "红梅", "振宇", "宏伟", "秀兰", "德胜",
];
const SURNAMES: &[&str] = &[
    "陈", "林", "黄", "周", "吴", "郑", "孙", "马", "朱", "胡", "郭", "何",
];
const TOPICS: &[&str] = &[
    "乡村振兴",
    "安全生产",
    "生态环境保护",
    "科技创新",
    "营商环境",
    "防汛救灾",
    "民生实事",
    "数字经济",
];
const PHRASES: &[&str] = &[
    "问题导向和目标导向相结合",
    "高质量发展",
    "项目为王、环境为本",
    "稳中求进工作总基调",
    "人民至上、生命至上",
];

fn person(p: usize, k: usize) -> String {
    format!(
        "{}{}",
        SURNAMES[(p * 3 + k) % SURNAMES.len()],
        GIVEN[(p * 5 + k * 7) % GIVEN.len()]
    )
}

/// Record `i` of the synthetic corpus: meetings, visits between provinces,
/// reprints (every 10th) and changed versions of earlier documents (every 25th).
fn record(i: usize) -> Record {
    if i % 10 == 9 {
        let mut copy = base_record(
            i - 1,
            &format!("doc-{i}"),
            &format!("来源：客户端{i}　责任编辑：编辑{}", i % 7),
        );
        copy.title = Some(format!("转载{i}"));
        return copy;
    }
    if i % 25 == 24 {
        // A new version of an earlier document: same id, other content.
        return base_record(i, &format!("doc-{}", i - 20), "");
    }
    base_record(i, &format!("doc-{i}"), "")
}

fn base_record(i: usize, id: &str, header: &str) -> Record {
    let day = 18262 + (i * 3 % 1500) as i64; // from 2020-01-01
    let date = cadre_store::dates::from_days(day);
    let (month, dom) = (&date[5..7], &date[8..10]);
    let p = i % PROVINCES.len();
    let (prov, code, city) = PROVINCES[p];
    let chair = person(p, i % 3);
    let mut d = Doc::new(id, &date).title(&format!(
        "{prov}召开{}工作会议（{i}）",
        TOPICS[i % TOPICS.len()]
    ));
    if !header.is_empty() {
        d = d.header(header);
    }
    let s0 = d.sentence(&format!(
        "{}月{}日，{prov}省长{chair}在{city}主持召开全省{}工作会议，研究部署第{i}期{}重点任务。",
        month.trim_start_matches('0'),
        dom.trim_start_matches('0'),
        TOPICS[i % TOPICS.len()],
        TOPICS[(i / 3) % TOPICS.len()],
    ));
    let s1 = d.sentence(&format!(
        "会议强调，要坚持{}，确保{}项年度目标按期完成，编号{}的项目年内开工。",
        PHRASES[i % PHRASES.len()],
        10 + i % 37,
        1000 + i * 7
    ));
    d.office(
        &chair,
        s0,
        Some(prov),
        "government_head",
        &format!("{prov}省长"),
    );
    d.region(prov, code, s0);
    d.event(
        EventType::Meeting,
        Some(&date),
        Some(city),
        &[(&chair, &[Role::Chair])],
        &[s0, s1],
        &[],
    );
    if i % 3 == 0 {
        let q = (p + 1 + i % 5) % PROVINCES.len();
        let (other, _, _) = PROVINCES[q];
        let guest = person(q, 0);
        let s2 = d.sentence(&format!(
            "同日，{other}党委书记{guest}率代表团到{city}考察，双方签署{}份合作协议，深化对口合作。",
            2 + i % 4
        ));
        d.office(
            &guest,
            s2,
            Some(other),
            "party_secretary",
            &format!("{other}党委书记"),
        );
        d.event(
            EventType::Visit,
            Some(&date),
            Some(city),
            &[(&guest, &[Role::Leader]), (&chair, &[Role::Host])],
            &[s2],
            &[],
        );
        d.event(
            EventType::Signing,
            Some(&date),
            Some(city),
            &[(&guest, &[Role::Signer]), (&chair, &[Role::Signer])],
            &[s2],
            &[&format!("合作协议第{i}号")],
        );
    }
    d.build()
}

fn records() -> Vec<Record> {
    (0..N).map(record).collect()
}

fn ingest_all(kb: &mut SqliteStore, recs: &[Record]) {
    for r in recs {
        kb.ingest_record(r, &hash(r)).unwrap();
    }
}

/// The content of a store without ids or times, one sorted line per fact.
fn dump(kb: &SqliteStore) -> Vec<String> {
    let c = kb.connection();
    let mut lines = Vec::new();
    let mut q = |sql: &str| {
        let mut st = c.prepare(sql).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut v = Vec::new();
                for i in 0..n {
                    let x: rusqlite::types::Value = r.get(i)?;
                    v.push(format!("{x:?}"));
                }
                Ok(v.join("|"))
            })
            .unwrap();
        for r in rows {
            lines.push(format!("{sql:.30}: {}", r.unwrap()));
        }
    };
    q("SELECT id, content_hash, n_facts, title, ref_date, fingerprint FROM documents");
    q("SELECT doc, original, similarity FROM reprints");
    q(
        "SELECT p.name, group_concat(dp.doc, ',') FROM persons p JOIN
       (SELECT * FROM doc_persons ORDER BY doc) dp ON dp.person = p.id GROUP BY p.id",
    );
    q("SELECT e.type, e.date, e.date_start, e.date_end, e.place, e.place_code,
         (SELECT group_concat(x, ';') FROM (SELECT DISTINCT p.name || ':' || ep.doc || ':' || ep.roles AS x
            FROM event_participants ep JOIN persons p ON p.id = ep.person WHERE ep.event = e.id ORDER BY x)),
         (SELECT group_concat(x, ';') FROM (SELECT v.doc || ':' || v.sentence || ':' || v.char_start || ':' || v.char_end AS x
            FROM event_evidence v WHERE v.event = e.id ORDER BY x)),
         (SELECT group_concat(x, ';') FROM (SELECT name || '@' || doc AS x FROM agreements a WHERE a.event = e.id ORDER BY x))
       FROM events e");
    q(
        "SELECT p.name, o.jurisdiction, o.post, o.title, o.first_seen, o.last_seen, o.start, o.end,
         (SELECT group_concat(x, ';') FROM (SELECT v.doc || ':' || v.sentence || ':' || v.date AS x
            FROM office_evidence v WHERE v.office = o.id ORDER BY x))
       FROM offices o JOIN persons p ON p.id = o.person",
    );
    q("SELECT doc, keyword, sentence, char_start FROM ties");
    q("SELECT doc, code FROM doc_regions");
    q("SELECT count(*) FROM documents_fts");
    lines.sort();
    lines
}

/// Every stored document has all its facts: the evidence rows the record
/// gives, and the full-text index row.
fn check_complete(kb: &SqliteStore, recs: &[Record]) -> usize {
    let c = kb.connection();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fk: Vec<String> = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(fk.is_empty(), "foreign key violations in {fk:?}");
    let mut st = c
        .prepare(
            "SELECT d.id, d.content_hash, d.n_facts,
                    (SELECT count(*) FROM event_evidence v WHERE v.doc = d.id) + (SELECT count(*) FROM office_evidence v WHERE v.doc = d.id)
             FROM documents d",
        )
        .unwrap();
    let docs: Vec<(String, String, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (id, h, n_facts, actual) in &docs {
        assert_eq!(n_facts, actual, "document {id} lost facts");
        // The stored version is one of the record versions with this id.
        let rec = recs
            .iter()
            .rev()
            .find(|r| &r.id == id && &hash(r) == h)
            .expect("stored version exists");
        let expected: usize = rec.events.iter().map(|e| e.evidence.len()).sum::<usize>()
            + rec.persons.iter().map(|p| p.offices.len()).sum::<usize>();
        assert_eq!(*n_facts as usize, expected, "document {id}");
    }
    let fts: i64 = c
        .query_row("SELECT count(*) FROM documents_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fts as usize, docs.len());
    docs.len()
}

#[test]
fn child_ingest() {
    // Only does something when the crash test starts this binary as a child.
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut kb = SqliteStore::open(&db).unwrap();
    // Batches of three, one transaction each, as `cadre ingest` writes: a line after
    // each commit names the last document it holds.
    let recs = records();
    let hashes: Vec<String> = recs.iter().map(hash).collect();
    for (k, chunk) in recs.chunks(3).enumerate() {
        let items: Vec<(&Record, &str)> =
            chunk.iter().zip(&hashes[k * 3..]).map(|(r, h)| (r, h.as_str())).collect();
        for outcome in kb.ingest_batch(&items).unwrap() {
            outcome.unwrap();
        }
        println!("ingested {}", k * 3 + chunk.len() - 1);
    }
}

#[test]
fn killed_ingest_is_consistent_and_resumes() {
    let dir = std::env::temp_dir().join(format!("cadre-store-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let killed_db = dir.join("killed.db");
    let clean_db = dir.join("clean.db");

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_ingest", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &killed_db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut seen = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("ingested ") {
            seen = n.trim().parse::<usize>().unwrap() + 1;
            if seen >= KILL_AFTER {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    eprintln!("child killed after {seen} committed documents ({status})");

    let recs = records();
    {
        let kb = SqliteStore::open(&killed_db).unwrap();
        let n = check_complete(&kb, &recs);
        // Nothing committed is lost.
        let distinct_ids: std::collections::BTreeSet<&str> =
            recs[..seen.min(N)].iter().map(|r| r.id.as_str()).collect();
        assert!(
            n >= distinct_ids.len(),
            "{n} documents stored, {} committed",
            distinct_ids.len()
        );
    }
    // Rerun to completion, and compare with an uninterrupted run.
    let mut resumed = SqliteStore::open(&killed_db).unwrap();
    ingest_all(&mut resumed, &recs);
    let mut clean = SqliteStore::open(&clean_db).unwrap();
    ingest_all(&mut clean, &recs);
    check_complete(&resumed, &recs);
    check_complete(&clean, &recs);
    let (a, b) = (dump(&resumed), dump(&clean));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    let stats = clean.stats().unwrap();
    eprintln!("{stats}");
    assert!(stats.reprints > 0 && stats.events > 0, "{stats}");
    drop((resumed, clean));
    let _ = std::fs::remove_dir_all(&dir);
}
