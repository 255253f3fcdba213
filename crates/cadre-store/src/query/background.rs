//! `background EVENT`: earlier facts that explain an event.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::{event_provinces, evidence_row, load_events};
use crate::regions::Regions;
use crate::{BackgroundItem, Error, Result};

/// Posts that make a person a central leader even without a `中央` jurisdiction.
const CENTRAL_POSTS: &[&str] = &[
    "general_secretary",
    "state_president",
    "state_vice_president",
    "cmc_chair",
    "politburo_standing_committee",
];

/// Background of an event E, by date descending:
/// - `prior_event`: an earlier meeting, visit or signing involving the same
///   two (or more) provinces as E, or at least two of E's participants (one
///   if E has one);
/// - `central_visit`: an earlier visit to one of E's provinces by a central
///   leader (a participant with a `中央` office or a top central post);
/// - `agreement`: plans and agreements named in documents, dated up to E,
///   about E's provinces (the document mentions at least two of them, or the
///   only one): signed at an earlier event, or named in a document dated up
///   to E (plans recalled in E's own reports count; what is signed on E's
///   day is E's outcome, not its background).
pub fn background(conn: &Connection, event_id: i64) -> Result<Vec<BackgroundItem>> {
    let target = load_events(conn, &[event_id])?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("event {event_id}")))?;
    // Undated events are placed at their first document's reference date.
    let cutoff: Option<String> = match &target.date_start {
        Some(d) => Some(d.clone()),
        None => conn
            .query_row(
                "SELECT min(d.ref_date) FROM event_reports r JOIN documents d ON d.id = r.doc WHERE r.event = ?1",
                [event_id],
                |r| r.get::<_, Option<String>>(0),
            )?
            .and_then(|d| crate::dates::bounds(&d, None).map(|b| b.0)),
    };
    let Some(cutoff) = cutoff else {
        return Ok(Vec::new());
    };
    let cutoff_end = target.date_end.clone().unwrap_or_else(|| cutoff.clone());
    let provinces = event_provinces(conn, event_id)?;
    let persons: BTreeSet<i64> = target.participants.iter().map(|p| p.person_id).collect();
    let need_regions = provinces.len().min(2);
    let need_persons = persons.len().min(2);

    // Candidates: earlier relation events touching one of the provinces or persons.
    let mut cands: BTreeSet<i64> = BTreeSet::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT e.id FROM events e WHERE e.type IN ('meeting', 'visit', 'signing') AND e.date_start < ?2 AND e.id != ?3
               AND ((e.place_code >= ?1 AND e.place_code < ?1 || ':')
                    OR EXISTS (SELECT 1 FROM event_participants ep JOIN offices o ON o.person = ep.person
                               WHERE ep.event = e.id AND o.jurisdiction_code >= ?1 AND o.jurisdiction_code < ?1 || ':'))",
        )?;
        for p in &provinces {
            for id in st.query_map(params![p, cutoff, event_id], |r| r.get::<_, i64>(0))? {
                cands.insert(id?);
            }
        }
        let mut st = conn.prepare_cached(
            "SELECT DISTINCT e.id FROM events e JOIN event_participants ep ON ep.event = e.id
             WHERE ep.person = ?1 AND e.type IN ('meeting', 'visit', 'signing') AND e.date_start < ?2 AND e.id != ?3",
        )?;
        for p in &persons {
            for id in st.query_map(params![p, cutoff, event_id], |r| r.get::<_, i64>(0))? {
                cands.insert(id?);
            }
        }
    }

    let mut items = Vec::new();
    let ids: Vec<i64> = cands.into_iter().collect();
    for ev in load_events(conn, &ids)? {
        let their_provinces = event_provinces(conn, ev.id)?;
        let shared_regions: Vec<&String> = provinces.intersection(&their_provinces).collect();
        let their_persons: BTreeSet<i64> = ev.participants.iter().map(|p| p.person_id).collect();
        let shared_persons: Vec<&str> = ev
            .participants
            .iter()
            .filter(|p| persons.contains(&p.person_id))
            .map(|p| p.name.as_str())
            .collect();
        let central_leaders: Vec<&str> = if ev.kind == "visit" {
            let mut v = Vec::new();
            for p in &ev.participants {
                if is_central(conn, p.person_id)? {
                    v.push(p.name.as_str());
                }
            }
            v
        } else {
            Vec::new()
        };
        let visit_province = ev
            .place_code
            .as_deref()
            .and_then(Regions::province)
            .filter(|p| provinces.contains(*p))
            .map(str::to_string);
        let names = |codes: &[&String]| -> String {
            codes
                .iter()
                .map(|c| Regions::get().name(c).unwrap_or(c).to_string())
                .collect::<Vec<_>>()
                .join("、")
        };
        let (kind, reason) = if let (Some(p), false) = (&visit_province, central_leaders.is_empty())
        {
            (
                "central_visit",
                format!("{} visited {}", central_leaders.join("、"), names(&[p])),
            )
        } else if need_regions >= 2 && shared_regions.len() >= need_regions {
            (
                "prior_event",
                format!("same regions {}", names(&shared_regions)),
            )
        } else if need_persons >= 1
            && shared_persons.len() >= need_persons
            && !their_persons.is_empty()
        {
            (
                "prior_event",
                format!("same persons {}", shared_persons.join("、")),
            )
        } else {
            continue;
        };
        items.push(BackgroundItem {
            kind: kind.into(),
            reason,
            date: ev.date_start.clone(),
            evidence: ev.evidence.clone(),
            event: Some(ev),
            agreement: None,
        });
    }

    // Named plans and agreements about these provinces.
    if !provinces.is_empty() {
        let mut st = conn.prepare_cached(
            "SELECT a.doc, coalesce(a.sentence, 0), coalesce(a.char_start, 0), coalesce(a.char_end, 0), coalesce(a.text, ''),
                    a.name, coalesce(e.date_start, d.ref_date)
             FROM agreements a JOIN documents d ON d.id = a.doc LEFT JOIN events e ON e.id = a.event
             WHERE (a.event IS NULL AND d.ref_date <= ?2) OR (a.event != ?1 AND e.date_start < ?3)
             ORDER BY coalesce(e.date_start, d.ref_date), d.seq",
        )?;
        let mut doc_provs: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut by_name: Vec<BackgroundItem> = Vec::new();
        let rows = st.query_map(params![event_id, cutoff_end, cutoff], |r| {
            Ok((
                evidence_row(r)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        for row in rows {
            let (evidence, name, date) = row?;
            if !doc_provs.contains_key(&evidence.doc) {
                doc_provs.insert(evidence.doc.clone(), doc_provinces(conn, &evidence.doc)?);
            }
            let shared = doc_provs[&evidence.doc].intersection(&provinces).count();
            if shared < need_regions {
                continue;
            }
            match by_name
                .iter_mut()
                .find(|i| i.agreement.as_deref() == Some(name.as_str()))
            {
                Some(item) => {
                    if item.evidence.len() < 3
                        && !item.evidence.iter().any(|e| e.text == evidence.text)
                    {
                        item.evidence.push(evidence);
                    }
                }
                None => by_name.push(BackgroundItem {
                    kind: "agreement".into(),
                    reason: "named in documents about these regions".into(),
                    date: date.and_then(|d| crate::dates::bounds(&d, None).map(|b| b.0)),
                    event: None,
                    agreement: Some(name),
                    evidence: vec![evidence],
                }),
            }
        }
        items.extend(by_name);
    }
    // Date descending, undated last; events before agreements on a tie.
    items.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y
            .cmp(x)
            .then((a.kind == "agreement").cmp(&(b.kind == "agreement"))),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    Ok(items)
}

fn is_central(conn: &Connection, person: i64) -> Result<bool> {
    let placeholders = CENTRAL_POSTS
        .iter()
        .map(|p| format!("'{p}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT 1 FROM offices WHERE person = ?1 AND (jurisdiction = '中央' OR post IN ({placeholders})) LIMIT 1");
    Ok(conn
        .query_row(&sql, [person], |_| Ok(()))
        .optional()?
        .is_some())
}

fn doc_provinces(conn: &Connection, doc: &str) -> Result<BTreeSet<String>> {
    let mut st =
        conn.prepare_cached("SELECT DISTINCT substr(code, 1, 2) FROM doc_regions WHERE doc = ?1")?;
    let rows = st.query_map([doc], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
