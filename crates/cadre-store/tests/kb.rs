//! Knowledge-base behaviour on synthetic records (texts written for the tests).

mod common;

use cadre_model::{EventType, Office, Role};
use cadre_store::{
    EventFilter, ExportFormat, IngestStatus, KnowledgeBase, RenderText, SqliteStore,
};
use common::*;

fn store() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

fn ingest(kb: &mut SqliteStore, rec: &cadre_model::Record) -> cadre_store::IngestOutcome {
    kb.ingest_record(rec, &hash(rec)).unwrap()
}

fn meetings(kb: &SqliteStore) -> Vec<cadre_store::EventHit> {
    kb.events(&EventFilter {
        kind: Some("meeting".into()),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn same_hash_is_skipped() {
    let mut kb = store();
    let rec = guangzhou_meeting_gd("gd-1");
    assert_eq!(ingest(&mut kb, &rec).status, IngestStatus::Inserted);
    let before = kb.stats().unwrap();
    let again = ingest(&mut kb, &rec);
    assert_eq!(again.status, IngestStatus::Skipped);
    assert_eq!(kb.stats().unwrap(), before);
    assert_eq!(before.documents, 1);
    assert_eq!(before.events, 3);
}

#[test]
fn changed_document_replaces_its_facts() {
    let mut kb = store();
    let mut d = Doc::new("x", "2023-09-01");
    let s = d.sentence("9月1日，某市市长张三会见来访的李四一行，双方就文旅合作交换意见。");
    d.office("张三", s, Some("长沙市"), "government_head", "市长");
    d.event(
        EventType::Meeting,
        Some("2023-09-01"),
        Some("长沙市"),
        &[("张三", &[Role::Host]), ("李四", &[Role::Guest])],
        &[s],
        &[],
    );
    let v1 = d.build();
    ingest(&mut kb, &v1);
    assert_eq!(meetings(&kb).len(), 1);

    let mut d = Doc::new("x", "2023-09-02");
    let s = d.sentence("9月2日，赵六一行到株洲市调研轨道交通装备产业。");
    d.event(
        EventType::Visit,
        Some("2023-09-02"),
        Some("株洲市"),
        &[("赵六", &[Role::Leader])],
        &[s],
        &[],
    );
    let v2 = d.build();
    let out = ingest(&mut kb, &v2);
    assert_eq!(out.status, IngestStatus::Replaced);

    assert!(meetings(&kb).is_empty(), "the old meeting is gone");
    let all = kb.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, "visit");
    assert_eq!(all[0].evidence.len(), 1);
    assert!(
        kb.person("张三", 0).unwrap().is_empty(),
        "persons only the old version named are gone"
    );
    assert!(kb
        .who("长沙市", "government_head", None)
        .unwrap()
        .is_empty());
    assert_eq!(kb.person("赵六", 0).unwrap().len(), 1);
    assert!(kb.search("张三").unwrap().is_empty());
    assert_eq!(kb.search("轨道交通").unwrap().len(), 1);
    let stats = kb.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.persons), (1, 1, 1));
}

#[test]
fn one_event_reported_by_two_documents() {
    let mut kb = store();
    ingest(&mut kb, &guangzhou_meeting_gd("gd-1"));
    let out = ingest(&mut kb, &guangzhou_meeting_gx("gx-1"));
    assert_eq!(out.reprint_of, None, "different wording is not a reprint");
    assert_eq!((out.events_new, out.events_merged), (0, 1));
    let m = meetings(&kb);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].docs, vec!["gd-1".to_string(), "gx-1".to_string()]);
    let docs: std::collections::BTreeSet<&str> =
        m[0].evidence.iter().map(|e| e.doc.as_str()).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(m[0].participants.len(), 4);
    // Roles from both reports are kept.
    let liu = m[0].participants.iter().find(|p| p.name == "刘宁").unwrap();
    assert_eq!(liu.roles, vec!["speaker".to_string()]);
    let wang = m[0]
        .participants
        .iter()
        .find(|p| p.name == "王伟中")
        .unwrap();
    assert_eq!(
        wang.roles,
        vec!["attendee".to_string(), "speaker".to_string()]
    );
    // Four persons, not eight.
    assert_eq!(kb.stats().unwrap().persons, 4);
}

#[test]
fn reprint_with_another_header_adds_evidence_not_events() {
    let mut kb = store();
    ingest(&mut kb, &guangzhou_meeting_gd("gd-1"));
    let events_before = kb.stats().unwrap().events;

    // The same article under another id.
    let same = guangzhou_meeting_gd("portal-7");
    let out = ingest(&mut kb, &same);
    assert_eq!(out.reprint_of.as_deref(), Some("gd-1"));
    assert_eq!(out.events_new, 0);

    // A copy with a different header, where the extractor missed the dates
    // (so only the reprint link can merge it).
    let mut copy = guangzhou_meeting_gd_with_header(
        "wx-3",
        "来源：某新闻客户端　编辑：周某　2024年02月29日 08:15",
    );
    for e in &mut copy.events {
        e.date = None;
    }
    copy.title = Some("转载：两省区举行座谈会".into());
    let out = ingest(&mut kb, &copy);
    assert_eq!(out.reprint_of.as_deref(), Some("gd-1"));
    assert_eq!((out.events_new, out.events_merged), (0, 3));

    assert_eq!(kb.stats().unwrap().events, events_before);
    assert_eq!(kb.stats().unwrap().reprints, 2);
    let m = meetings(&kb);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].docs.len(), 3);
    assert_eq!(
        m[0].date.as_deref(),
        Some("2024-02-27"),
        "the dated report wins"
    );
    let n: i64 = kb
        .connection()
        .query_row(
            "SELECT count(*) FROM reprints WHERE original = 'gd-1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn namesakes_in_different_provinces_stay_apart() {
    let mut kb = store();
    let mut d = Doc::new("hn-1", "2023-05-10");
    let s = d.sentence("5月10日，湖南省副省长王伟在长沙市主持召开全省春耕生产调度会。");
    d.office(
        "王伟",
        s,
        Some("湖南省"),
        "deputy_government_head",
        "湖南省副省长",
    );
    d.event(
        EventType::Meeting,
        Some("2023-05-10"),
        Some("长沙市"),
        &[("王伟", &[Role::Chair])],
        &[s],
        &[],
    );
    ingest(&mut kb, &d.build());

    let mut d = Doc::new("sc-1", "2023-08-01");
    let s = d.sentence("8月1日，四川省委常委王伟在成都市会见香港工商界访问团。");
    d.office(
        "王伟",
        s,
        Some("四川省"),
        "party_standing_committee",
        "四川省委常委",
    );
    d.event(
        EventType::Meeting,
        Some("2023-08-01"),
        Some("成都市"),
        &[("王伟", &[Role::Host])],
        &[s],
        &[],
    );
    ingest(&mut kb, &d.build());

    // Later the Hunan one again, by title…
    let mut d = Doc::new("hn-2", "2023-11-02");
    let s = d.sentence("11月2日，副省长王伟到岳阳市检查安全生产工作。");
    d.office(
        "王伟",
        s,
        Some("湖南省"),
        "deputy_government_head",
        "副省长",
    );
    d.event(
        EventType::Visit,
        Some("2023-11-02"),
        Some("岳阳市"),
        &[("王伟", &[Role::Leader])],
        &[s],
        &[],
    );
    ingest(&mut kb, &d.build());
    // …and without a title, in a document about Sichuan.
    let mut d = Doc::new("sc-2", "2023-12-05");
    let s = d.sentence("12月5日，王伟在绵阳市调研科技城建设。");
    d.region("绵阳市", "5107", s);
    d.event(
        EventType::Visit,
        Some("2023-12-05"),
        Some("绵阳市"),
        &[("王伟", &[Role::Leader])],
        &[s],
        &[],
    );
    ingest(&mut kb, &d.build());

    let reports = kb.person("王伟", 0).unwrap();
    assert_eq!(
        reports.len(),
        2,
        "{}",
        reports
            .iter()
            .map(|r| r.render_text())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let hunan = reports
        .iter()
        .find(|r| r.offices.iter().any(|o| o.jurisdiction == "湖南省"))
        .unwrap();
    let sichuan = reports
        .iter()
        .find(|r| r.offices.iter().any(|o| o.jurisdiction == "四川省"))
        .unwrap();
    assert_ne!(hunan.id, sichuan.id);
    assert!(hunan.offices.iter().all(|o| o.jurisdiction == "湖南省"));
    assert_eq!(hunan.events.len(), 2);
    assert_eq!(hunan.offices[0].first_seen.as_deref(), Some("2023-05-10"));
    assert_eq!(hunan.offices[0].last_seen.as_deref(), Some("2023-11-02"));
    assert_eq!(
        sichuan.events.len(),
        2,
        "the untitled mention in a Sichuan document goes to the Sichuan 王伟"
    );
}

fn gd_secretary_doc(id: &str, date: &str, name: &str, text: &str) -> cadre_model::Record {
    let mut d = Doc::new(id, date);
    let s = d.sentence(text);
    d.office(name, s, Some(GD_SEC.0), GD_SEC.1, GD_SEC.2);
    d.build()
}

#[test]
fn who_held_an_office_on_a_date() {
    let mut kb = store();
    ingest(
        &mut kb,
        &gd_secretary_doc(
            "r1",
            "2021-06-01",
            "李希",
            "广东省委书记李希在广州市调研基层党建工作。",
        ),
    );
    ingest(
        &mut kb,
        &gd_secretary_doc(
            "r2",
            "2023-03-01",
            "黄坤明",
            "广东省委书记黄坤明主持召开省委常委会会议。",
        ),
    );
    ingest(
        &mut kb,
        &gd_secretary_doc(
            "r3",
            "2024-06-01",
            "黄坤明",
            "广东省委书记黄坤明在深圳市调研科技创新工作。",
        ),
    );

    // Between two reports naming the same holder.
    let hits = kb
        .who("广东省", "party_secretary", Some("2023-10-10"))
        .unwrap();
    assert_eq!(hits[0].name, "黄坤明");
    assert_eq!(hits[0].relation.as_deref(), Some("within"));
    assert_eq!(hits[0].first_seen.as_deref(), Some("2023-03-01"));
    assert_eq!(hits[0].last_seen.as_deref(), Some("2024-06-01"));
    assert!(hits[0]
        .evidence
        .iter()
        .any(|e| e.doc == "r2" && e.text.contains("黄坤明")));
    assert_eq!(hits.len(), 2);
    // Short form and the nearest evidence when no term contains the date.
    let hits = kb
        .who("广东", "party_secretary", Some("2021-08-01"))
        .unwrap();
    assert_eq!(hits[0].name, "李希");
    assert_eq!(hits[0].relation.as_deref(), Some("before"));

    // An appointment gives the start of a term.
    let mut d = Doc::new("r0", "2022-10-29");
    let s = d.sentence("中共中央决定：黄坤明同志任广东省委委员、常委、书记。");
    d.appointment(
        EventType::Appointment,
        "2022-10-28",
        "黄坤明",
        Office {
            jurisdiction: Some("广东省".into()),
            post: "party_secretary".into(),
            title: "广东省委书记".into(),
        },
        s,
    );
    ingest(&mut kb, &d.build());
    let hits = kb
        .who("广东省", "party_secretary", Some("2022-11-15"))
        .unwrap();
    assert_eq!(hits[0].name, "黄坤明");
    assert_eq!(hits[0].start.as_deref(), Some("2022-10-28"));
    assert_eq!(hits[0].relation.as_deref(), Some("within"));
    // Without a date: most recent first.
    let hits = kb.who("广东省", "party_secretary", None).unwrap();
    assert_eq!(hits[0].name, "黄坤明");
    assert!(!hits[0].render_text().is_empty());

    // A later report naming the former holder as such (原…) extends no term: 李希's
    // last dated evidence stays 2021.
    ingest(
        &mut kb,
        &gd_secretary_doc("r4", "2025-01-10", "李希", "原广东省委书记李希出席纪念活动。"),
    );
    let hits = kb.who("广东省", "party_secretary", Some("2024-12-01")).unwrap();
    assert_eq!(hits[0].name, "黄坤明");
    let li = hits.iter().find(|h| h.name == "李希").expect("the former holder is listed");
    assert_eq!(li.last_seen.as_deref(), Some("2021-06-01"));
}

/// Earlier Guangdong–Guangxi events, a central leader's inspection, an
/// unrelated Hunan meeting and a later meeting, plus the 2024 Guangzhou meeting.
fn scenario() -> SqliteStore {
    let mut kb = store();
    let mut d = Doc::new("y2021", "2021-04-21").title("广东省党政代表团赴广西考察");
    let s0 = d.sentence("4月20日，广东省委书记李希率广东省党政代表团在南宁市考察，广西壮族自治区党委书记鹿心社陪同。");
    let s1 = d.sentence("双方商定共同实施《粤桂东西部协作三年行动计划》，深化对口帮扶。");
    d.office(
        "李希",
        s0,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.office(
        "鹿心社",
        s0,
        Some("广西壮族自治区"),
        "party_secretary",
        "广西壮族自治区党委书记",
    );
    d.region("广东省", "44", s0);
    d.region("南宁市", "4501", s0);
    d.agreement_entity("粤桂东西部协作三年行动计划", s1);
    d.event(
        EventType::Visit,
        Some("2021-04-20"),
        Some("南宁市"),
        &[("李希", &[Role::Leader]), ("鹿心社", &[Role::Host])],
        &[s0],
        &[],
    );
    ingest(&mut kb, &d.build());

    let mut d = Doc::new("y2023a", "2023-05-11");
    let s0 = d.sentence("5月10日，广西壮族自治区党委书记刘宁在南宁市会见广东省委书记黄坤明一行。");
    d.office(
        "刘宁",
        s0,
        Some("广西壮族自治区"),
        "party_secretary",
        "广西壮族自治区党委书记",
    );
    d.office(
        "黄坤明",
        s0,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.event(
        EventType::Meeting,
        Some("2023-05-10"),
        Some("南宁市"),
        &[("刘宁", &[Role::Host]), ("黄坤明", &[Role::Guest])],
        &[s0],
        &[],
    );
    ingest(&mut kb, &d.build());

    let mut d = Doc::new("y2023hn", "2023-07-06");
    let s0 = d.sentence("7月5日，湖南省委书记沈晓明在长沙市会见广东省委书记黄坤明。");
    d.office(
        "沈晓明",
        s0,
        Some("湖南省"),
        "party_secretary",
        "湖南省委书记",
    );
    d.office(
        "黄坤明",
        s0,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.event(
        EventType::Meeting,
        Some("2023-07-05"),
        Some("长沙市"),
        &[("沈晓明", &[Role::Host]), ("黄坤明", &[Role::Guest])],
        &[s0],
        &[],
    );
    ingest(&mut kb, &d.build());

    let mut d = Doc::new("y2023c", "2023-12-16");
    let s0 = d.sentence("12月14日至15日，中共中央总书记习近平在广西南宁市考察。");
    d.office(
        "习近平",
        s0,
        Some("中央"),
        "general_secretary",
        "中共中央总书记",
    );
    d.event(
        EventType::Visit,
        Some("2023-12-14/2023-12-15"),
        Some("南宁市"),
        &[("习近平", &[Role::Leader])],
        &[s0],
        &[],
    );
    ingest(&mut kb, &d.build());

    ingest(&mut kb, &guangzhou_meeting_gd("gd-2024"));

    let mut d = Doc::new("y2025", "2025-01-11");
    let s0 = d.sentence("1月10日，广东省委书记黄坤明在广州市会见广西壮族自治区党委书记刘宁。");
    d.office(
        "黄坤明",
        s0,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.office(
        "刘宁",
        s0,
        Some("广西壮族自治区"),
        "party_secretary",
        "广西壮族自治区党委书记",
    );
    d.event(
        EventType::Meeting,
        Some("2025-01-10"),
        Some("广州市"),
        &[("黄坤明", &[Role::Host]), ("刘宁", &[Role::Guest])],
        &[s0],
        &[],
    );
    ingest(&mut kb, &d.build());

    // A decoy for search: 刘 and 宁 apart.
    let mut d = Doc::new("decoy", "2023-03-03");
    d.sentence("刘家村的村民结伴前往宁夏务工。");
    ingest(&mut kb, &d.build());
    kb
}

fn dates(events: &[cadre_store::EventHit]) -> Vec<String> {
    events
        .iter()
        .map(|e| e.date_start.clone().unwrap_or_default())
        .collect()
}

#[test]
fn between_two_regions_and_two_persons() {
    let kb = scenario();
    let r = kb.between("广东", "广西", 0).unwrap();
    assert_eq!(r.mode, "regions");
    assert_eq!(
        (r.a_code.as_deref(), r.b_code.as_deref()),
        (Some("44"), Some("45"))
    );
    let got: Vec<(String, String)> = r
        .events
        .iter()
        .map(|e| (e.date_start.clone().unwrap(), e.kind.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2021-04-20".to_string(), "visit".to_string()),
            ("2023-05-10".into(), "meeting".into()),
            ("2024-02-27".into(), "visit".into()),
            ("2024-02-27".into(), "meeting".into()),
            ("2024-02-27".into(), "signing".into()),
            ("2025-01-10".into(), "meeting".into()),
        ]
    );
    // Ties named in documents mentioning both.
    let kws: Vec<&str> = r.ties.iter().map(|t| t.keyword.as_str()).collect();
    assert!(kws.contains(&"东西部协作"), "{kws:?}");
    assert!(kws.contains(&"对口帮扶"), "{kws:?}");
    assert!(r.ties.iter().all(|t| t.evidence.text.contains(&t.keyword)));
    let full = kb.between("广东省", "广西壮族自治区", 0).unwrap();
    assert_eq!(dates(&full.events), dates(&r.events));
    assert!(r.render_text().contains("东西部协作"));

    let p = kb.between("黄坤明", "刘宁", 0).unwrap();
    assert_eq!(p.mode, "persons");
    assert_eq!(
        dates(&p.events),
        vec!["2023-05-10", "2024-02-27", "2024-02-27", "2025-01-10"]
    );
}

#[test]
fn background_of_the_guangzhou_meeting() {
    let kb = scenario();
    let m = kb
        .events(&EventFilter {
            kind: Some("meeting".into()),
            from: Some("2024-02-27".into()),
            to: Some("2024-02-27".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(m.len(), 1);
    let items = kb.background(m[0].id).unwrap();
    let text = items
        .iter()
        .map(|i| i.render_text())
        .collect::<Vec<_>>()
        .join("\n");
    let dated: Vec<&str> = items
        .iter()
        .map(|i| i.date.as_deref().unwrap_or(""))
        .collect();
    let mut sorted = dated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dated, sorted, "date descending:\n{text}");

    let central: Vec<_> = items.iter().filter(|i| i.kind == "central_visit").collect();
    assert_eq!(central.len(), 1, "{text}");
    assert_eq!(central[0].date.as_deref(), Some("2023-12-14"));
    assert!(central[0].reason.contains("习近平"));
    let prior: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == "prior_event")
        .map(|i| i.date.as_deref().unwrap())
        .collect();
    assert_eq!(prior, vec!["2023-05-10", "2021-04-20"], "{text}");
    let plans: Vec<&str> = items
        .iter()
        .filter_map(|i| i.agreement.as_deref())
        .collect();
    assert!(plans.contains(&"粤桂东西部协作三年行动计划"), "{text}");
    assert!(
        !plans.contains(&"深化粤桂东西部协作框架协议"),
        "signed at the event itself: {text}"
    );
    // Not background: the later meeting, the Hunan meeting, the event's own day.
    assert!(
        items
            .iter()
            .all(|i| i.date.as_deref().unwrap_or("") < "2024-02-27"),
        "{text}"
    );
    assert!(
        items.iter().all(|i| i
            .event
            .as_ref()
            .map_or(true, |e| e.place.as_deref() != Some("长沙市"))),
        "{text}"
    );
    assert!(items.iter().all(|i| !i.evidence.is_empty()));
}

#[test]
fn search_finds_a_two_character_name() {
    let kb = scenario();
    let hits = kb.search("刘宁").unwrap();
    let docs: Vec<&str> = hits.iter().map(|h| h.doc.as_str()).collect();
    assert!(
        docs.contains(&"gd-2024") && docs.contains(&"y2023a") && docs.contains(&"y2025"),
        "{docs:?}"
    );
    assert!(!docs.contains(&"decoy"), "刘…宁 apart is not 刘宁");
    let h = hits.iter().find(|h| h.doc == "gd-2024").unwrap();
    assert!(h.snippet.contains("刘宁"));
    assert!(h.persons.iter().any(|p| p.starts_with("刘宁")));
    assert_eq!(h.events.len(), 3);
    assert!(h
        .events
        .iter()
        .all(|e| e.evidence.iter().all(|v| v.doc == "gd-2024")));
    assert_eq!(kb.search("宁夏").unwrap().len(), 1);
    assert!(kb.search("刘宁 沈晓明").unwrap().is_empty());
    assert!(!h.render_text().is_empty());
}

#[test]
fn person_report_has_offices_events_and_counterparts() {
    let kb = scenario();
    let r = kb.person("黄坤明", 0).unwrap();
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(r.offices.len(), 1);
    // Dated by the meeting in the same sentence, not by the report's date.
    assert_eq!(r.offices[0].first_seen.as_deref(), Some("2023-05-10"));
    assert_eq!(
        dates(&r.events),
        vec![
            "2023-05-10",
            "2023-07-05",
            "2024-02-27",
            "2024-02-27",
            "2025-01-10"
        ]
    );
    assert_eq!(r.counterparts[0].name, "刘宁");
    assert_eq!(r.counterparts[0].count, 4);
    assert!(r.render_text().contains("刘宁×4"));
}

#[test]
fn limits_keep_the_most_recent_events_and_say_how_many_more() {
    let kb = scenario();
    let all = kb.person("黄坤明", 0).unwrap();
    let r = kb.person("黄坤明", 2).unwrap();
    let r = &r[0];
    assert_eq!(r.events_total, 5);
    assert_eq!(r.events_omitted(), 3);
    assert_eq!(dates(&r.events), vec!["2024-02-27", "2025-01-10"]);
    // Counterparts still count every event.
    assert_eq!(r.counterparts, all[0].counterparts);
    assert!(r
        .render_text()
        .contains("… and 3 earlier events (use --limit)"));
    assert_eq!(all[0].events_total, 5);
    assert_eq!(all[0].events_omitted(), 0);
    assert!(!all[0].render_text().contains("earlier events"));
    // A limit at least the total shows everything.
    assert_eq!(kb.person("黄坤明", 5).unwrap()[0].events, all[0].events);

    let full = kb.between("广东", "广西", 0).unwrap();
    let b = kb.between("广东", "广西", 3).unwrap();
    assert_eq!((b.events_total, full.events_total), (6, 6));
    assert_eq!(
        dates(&b.events),
        vec!["2024-02-27", "2024-02-27", "2025-01-10"]
    );
    assert_eq!(b.events[..], full.events[3..]);
    assert_eq!(b.ties_total, full.ties.len());
    assert!(b.ties.len() <= 3);
    assert_eq!(b.ties[..], full.ties[full.ties.len() - b.ties.len()..]);
    assert!(b
        .render_text()
        .contains("… and 3 earlier events (use --limit)"));
}

#[test]
fn events_filter() {
    let kb = scenario();
    let f = |kind: Option<&str>,
             person: Option<&str>,
             regions: &[&str],
             from: Option<&str>,
             to: Option<&str>| {
        kb.events(&EventFilter {
            kind: kind.map(str::to_string),
            person: person.map(str::to_string),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            from: from.map(str::to_string),
            to: to.map(str::to_string),
        })
        .unwrap()
    };
    assert_eq!(f(Some("visit"), None, &[], None, None).len(), 3);
    assert_eq!(
        dates(&f(None, Some("沈晓明"), &[], None, None)),
        vec!["2023-07-05"]
    );
    assert_eq!(f(None, None, &["湖南"], None, None).len(), 1);
    // 南宁市 is inside 广西.
    assert_eq!(
        dates(&f(
            Some("visit"),
            None,
            &["广西"],
            Some("2021"),
            Some("2023")
        )),
        vec!["2021-04-20", "2023-12-14"]
    );
    assert_eq!(f(None, None, &["广东", "湖南"], None, None).len(), 1);
    assert_eq!(
        f(None, None, &[], Some("2024-02"), Some("2024-02")).len(),
        3
    );
}

/// A minimal XML well-formedness check: balanced tags, attributes quoted.
fn check_xml(xml: &str) -> (usize, usize) {
    let mut stack: Vec<String> = Vec::new();
    let (mut nodes, mut edges) = (0, 0);
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let j = rest[i..].find('>').expect("unclosed tag") + i;
        let tag = &rest[i + 1..j];
        rest = &rest[j + 1..];
        assert!(!tag.contains('<'), "bad tag {tag}");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag}"
        );
        if tag.starts_with('?') {
            assert!(tag.ends_with('?'));
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
            continue;
        }
        let name = tag
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        match name.as_str() {
            "node" => nodes += 1,
            "edge" => edges += 1,
            _ => {}
        }
        if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    (nodes, edges)
}

#[test]
fn exports() {
    let kb = scenario();
    let mut buf = Vec::new();
    kb.export(ExportFormat::Graphml, &mut buf).unwrap();
    let xml = String::from_utf8(buf).unwrap();
    assert!(xml.starts_with("<?xml"));
    let (nodes, edges) = check_xml(&xml);
    assert!(nodes >= 6 && edges >= 6, "{nodes} nodes, {edges} edges");
    // 黄坤明–刘宁 share 4 relation events.
    assert!(xml.contains(r#"<data key="weight">4</data>"#), "{xml}");

    let mut buf = Vec::new();
    kb.export(ExportFormat::Plover, &mut buf).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), kb.stats().unwrap().events);
    assert!(lines
        .iter()
        .any(|l| l["event_type"] == "CONSULT" && l["mode"] == "visit"));
    assert!(lines
        .iter()
        .any(|l| l["event_type"] == "CONSULT" && l["mode"] == "meet"));
    let agree = lines.iter().find(|l| l["event_type"] == "AGREE").unwrap();
    assert_eq!(agree["event_date"], "2024-02-27");
    assert_eq!(agree["source_doc_ids"][0], "gd-2024");
    assert!(agree["evidence_text"][0].as_str().unwrap().contains("签署"));
    let visit = lines
        .iter()
        .find(|l| l["mode"] == "visit" && l["event_date"] == "2021-04-20")
        .unwrap();
    assert_eq!(visit["actor"], "李希");
    assert_eq!(visit["recipient"], "鹿心社");

    let mut buf = Vec::new();
    kb.export(ExportFormat::Jsonl, &mut buf).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stats = kb.stats().unwrap();
    assert_eq!(
        lines.iter().filter(|l| l["record"] == "event").count(),
        stats.events
    );
    assert_eq!(
        lines.iter().filter(|l| l["record"] == "office").count(),
        stats.offices
    );
    assert!(lines
        .iter()
        .all(|l| l["evidence"].as_array().is_some_and(|a| !a.is_empty())));

    let mut buf = Vec::new();
    kb.export(ExportFormat::Csv, &mut buf).unwrap();
    let csv = String::from_utf8(buf).unwrap();
    let mut rows = csv.lines();
    let header = rows.next().unwrap();
    assert!(header.starts_with("record,id,type,date"));
    let cols = header.split(',').count();
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), stats.events + stats.offices);
    assert!(rows
        .iter()
        .all(|r| r.starts_with("event,") || r.starts_with("office,")));
    // No field in these rows needs quoting except the participants' role lists.
    assert!(rows
        .iter()
        .filter(|r| !r.contains('"'))
        .all(|r| r.split(',').count() == cols));
}

#[test]
fn reopening_a_file_keeps_the_schema_version() {
    let dir = std::env::temp_dir().join(format!("cadre-store-reopen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kb.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut kb = SqliteStore::open(&path).unwrap();
        ingest(&mut kb, &guangzhou_meeting_gd("gd-1"));
    }
    let ro = SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(
        ro.who("广东", "party_secretary", None).unwrap()[0].name,
        "黄坤明"
    );
    drop(ro);
    let kb = SqliteStore::open(&path).unwrap();
    let v: i64 = kb
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, cadre_store::schema::SCHEMA_VERSION);
    let mode: String = kb
        .connection()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(kb.stats().unwrap().events, 3);
    drop(kb);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_batch_stores_what_one_by_one_stores_and_drops_only_its_bad_record() {
    let good = [guangzhou_meeting_gd("gd-1"), guangzhou_meeting_gd("gd-2")];
    let mut bad = guangzhou_meeting_gd("bad");
    bad.id = " ".into();
    let hashes: Vec<String> = [&good[0], &bad, &good[1]].iter().map(|r| hash(r)).collect();
    let items: Vec<(&cadre_model::Record, &str)> =
        [&good[0], &bad, &good[1]].iter().zip(&hashes).map(|(r, h)| (*r, h.as_str())).collect();

    let mut batched = store();
    let outcomes = batched.ingest_batch(&items).unwrap();
    assert!(outcomes[0].is_ok() && outcomes[1].is_err() && outcomes[2].is_ok());

    let mut one_by_one = store();
    for r in &good {
        ingest(&mut one_by_one, r);
    }
    assert_eq!(batched.stats().unwrap(), one_by_one.stats().unwrap());
    // Again: every record of the batch is skipped by its hash.
    let again = batched.ingest_batch(&[items[0], items[2]]).unwrap();
    assert!(again.iter().all(|o| o.as_ref().unwrap().status == IngestStatus::Skipped));
}
