//! The reference article as a golden test: read from ../shared at test time (it is
//! others' copyrighted text and is never committed). Without ../shared the test steps aside.

use std::collections::HashMap;
use std::path::PathBuf;

use cadre_extract::Extractor;
use cadre_model::{EventType, Record, Role, SourceDoc};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval"));
    p.join("seed.docs.jsonl").exists().then_some(p)
}

fn seed_record() -> Option<Record> {
    let Some(dir) = shared() else {
        eprintln!("../shared/eval not found: seed golden test skipped");
        return None;
    };
    let line = std::fs::read_to_string(dir.join("seed.docs.jsonl")).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let doc = SourceDoc {
        id: v["id"].as_str().unwrap().into(),
        url: v["url"].as_str().map(Into::into),
        text: v["text"].as_str().unwrap().into(),
        ..Default::default()
    };
    Some(Extractor::new().extract(&doc))
}

#[test]
fn seed_gold_projection_is_perfect() {
    let Some(rec) = seed_record() else { return };
    let dir = shared().unwrap();
    let gold = std::fs::read_to_string(dir.join("seed.gold.jsonl")).unwrap();
    let g: serde_json::Value = serde_json::from_str(gold.lines().next().unwrap()).unwrap();
    let system: HashMap<String, serde_json::Value> =
        [("seed".to_string(), serde_json::to_value(rec.to_gold()).unwrap())].into();
    let m = cadre_eval::score(&[("seed".to_string(), g)], &system, None);
    for name in ["persons_f1", "offices_f1", "events_f1", "event_date_acc", "event_place_acc", "event_persons_acc", "event_exact_f1"] {
        assert_eq!(m.get(name), Some(1.0), "{name}");
    }
}

#[test]
fn seed_full_record_has_roles_sites_and_agreements() {
    let Some(rec) = seed_record() else { return };
    let roles = |e: &cadre_model::Event, name: &str| -> Vec<Role> {
        e.participants.iter().find(|p| p.name == name).map(|p| p.roles.clone()).unwrap_or_default()
    };
    let guangzhou = rec
        .events
        .iter()
        .find(|e| e.kind == EventType::Meeting && e.place.as_deref() == Some("广州市"))
        .expect("the Guangzhou meeting");
    assert_eq!(guangzhou.date.as_deref(), Some("2024-02-27"));
    assert!(roles(guangzhou, "黄坤明").contains(&Role::Chair));
    assert!(roles(guangzhou, "黄坤明").contains(&Role::Speaker));
    assert!(roles(guangzhou, "王伟中").contains(&Role::Briefer));
    assert!(roles(guangzhou, "蓝天立").contains(&Role::Briefer));
    assert!(guangzhou.evidence.len() >= 2, "mentioned twice, one event");

    let signing = rec.events.iter().find(|e| e.kind == EventType::Signing).expect("the signing");
    for name in ["黄坤明", "刘宁", "王伟中", "蓝天立"] {
        assert!(roles(signing, name).contains(&Role::Witness), "{name} witnessed");
    }
    assert_eq!(signing.agreement_count, Some(4));
    assert_eq!(signing.agreements, vec!["打造粤港澳大湾区重要战略腹地进一步全面深化粤桂合作框架协议".to_string()]);

    let visit = rec
        .events
        .iter()
        .find(|e| e.kind == EventType::Visit && e.place.as_deref() == Some("广东省"))
        .expect("the delegation's visit");
    assert!(visit.collectives.iter().any(|c| c == "广西党政代表团"));
    assert!(visit.sites.iter().any(|s| s.contains("大疆创新科技有限公司")), "sites: {:?}", visit.sites);

    // Every evidence span points into the original text at the words it names.
    let chars: Vec<char> = rec.text.chars().collect();
    for e in &rec.events {
        for ev in &e.evidence {
            assert!(ev.span.start <= ev.span.end && ev.span.end <= chars.len());
            let sentence = rec.sentences[ev.sentence].span;
            assert!(sentence.start <= ev.span.start && ev.span.end <= sentence.end);
        }
    }
}
