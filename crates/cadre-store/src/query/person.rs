//! `person NAME`.

use rusqlite::Connection;

use super::{
    counterparts, events_of_person, latest, load_events_capped, load_terms_trimmed, person_ids,
    EVENT_EVIDENCE_SHOWN,
};
use crate::{PersonReport, Result};

/// One report per merged individual with the name: offices ordered by the
/// start of their term, events by date (the `limit` most recent; 0 = all),
/// counterparts by shared events (over all events).
pub fn person(conn: &Connection, name: &str, limit: usize) -> Result<Vec<PersonReport>> {
    let mut out = Vec::new();
    for id in person_ids(conn, name)? {
        let office_ids: Vec<i64> = {
            let mut st = conn.prepare_cached(
                "SELECT id FROM offices WHERE person = ?1
                 ORDER BY coalesce(start, first_seen) IS NULL, coalesce(start, first_seen), id",
            )?;
            let rows = st.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let offices = load_terms_trimmed(conn, &office_ids)?;
        let all = events_of_person(conn, id)?;
        let events_total = all.len();
        let shown: Vec<i64> = latest(all, limit, |e| e.1)
            .into_iter()
            .map(|e| e.0)
            .collect();
        let events = load_events_capped(conn, &shown, EVENT_EVIDENCE_SHOWN)?;
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
