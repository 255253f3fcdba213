//! `person NAME`.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::{counterparts, latest, load_events_capped, load_terms_trimmed, person_ids, EVENT_EVIDENCE_SHOWN};
use crate::{PersonReport, Result};

/// One report per merged individual with the name: offices ordered by the
/// start of their term, events by date, counterparts by shared events (over
/// all events). The `limit` (0 = all) applies across all namesakes together:
/// the `limit` most recent events of anyone with the name are shown, each
/// under the individuals who took part in it; `events_total` still counts
/// each individual's events in all.
pub fn person(conn: &Connection, name: &str, limit: usize) -> Result<Vec<PersonReport>> {
    let ids = person_ids(conn, name)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    // (person, event, dated) for every namesake in one query, in timeline order.
    let rows: Vec<(i64, i64, bool)> = {
        let mut st = conn.prepare(&format!(
            "SELECT ep.person, e.id, e.date_start IS NOT NULL
             FROM event_participants ep JOIN events e ON e.id = ep.event
             WHERE ep.person IN ({list})
             GROUP BY ep.person, e.id
             ORDER BY e.date_start IS NULL, e.date_start, e.id"
        ))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // Distinct events across namesakes, timeline order kept.
    let mut seen = HashSet::new();
    let all: Vec<(i64, bool)> = rows
        .iter()
        .filter(|r| seen.insert(r.1))
        .map(|r| (r.1, r.2))
        .collect();
    let shown: HashSet<i64> = latest(all, limit, |e| e.1).into_iter().map(|e| e.0).collect();
    let mut per: HashMap<i64, (usize, Vec<i64>)> = HashMap::new();
    for &(p, ev, _) in &rows {
        let e = per.entry(p).or_default();
        e.0 += 1;
        if shown.contains(&ev) {
            e.1.push(ev);
        }
    }
    let shown_ids: Vec<i64> = shown.iter().copied().collect();
    let mut loaded: HashMap<i64, crate::EventHit> = load_events_capped(conn, &shown_ids, EVENT_EVIDENCE_SHOWN)?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    // How many namesakes still need each event (the last one takes it).
    let mut uses: HashMap<i64, usize> = HashMap::new();
    for (_, evs) in per.values() {
        for ev in evs {
            *uses.entry(*ev).or_default() += 1;
        }
    }

    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let office_ids: Vec<i64> = {
            let mut st = conn.prepare_cached(
                "SELECT id FROM offices WHERE person = ?1
                 ORDER BY coalesce(start, first_seen) IS NULL, coalesce(start, first_seen), id",
            )?;
            let rows = st.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let offices = load_terms_trimmed(conn, &office_ids)?;
        let (events_total, evs) = per.remove(&id).unwrap_or_default();
        let mut events = Vec::with_capacity(evs.len());
        for ev in evs {
            let n = uses.get_mut(&ev).expect("counted above");
            *n -= 1;
            let hit = if *n == 0 { loaded.remove(&ev) } else { loaded.get(&ev).cloned() };
            events.extend(hit);
        }
        let counterparts = counterparts(conn, id)?;
        out.push(PersonReport {
            id,
            name: name.trim().to_string(),
            offices,
            events,
            events_total,
            counterparts,
        });
    }
    Ok(out)
}
