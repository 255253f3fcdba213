//! `between A B`: the relationship timeline of two regions or two persons.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use super::{
    evidence_row, latest, load_events_capped, person_ids, RegionRef, EVENT_EVIDENCE_SHOWN,
};
use crate::{BetweenReport, Result, TieHit};

/// Event types that make a relationship (appointments do not).
const RELATION_TYPES: &str = "('meeting', 'visit', 'signing')";

/// Regions mode when both names resolve to gazetteer regions, or when
/// either is not a known person; persons mode otherwise. Events and ties:
/// the `limit` most recent of each (0 = all), in date order.
pub fn between(conn: &Connection, a: &str, b: &str, limit: usize) -> Result<BetweenReport> {
    let ra = RegionRef::parse(a);
    let rb = RegionRef::parse(b);
    let both_regions = ra.code().is_some() && rb.code().is_some();
    let pa = person_ids(conn, a)?;
    let pb = person_ids(conn, b)?;
    if !both_regions && !pa.is_empty() && !pb.is_empty() {
        persons_mode(conn, a, b, limit)
    } else {
        regions_mode(conn, a, b, &ra, &rb, limit)
    }
}

/// Region mode: an event involves a region when its place is inside it or a
/// participant holds an office there; both regions must be involved. Ties
/// come from documents that mention both regions (any region inside each).
fn regions_mode(
    conn: &Connection,
    a: &str,
    b: &str,
    ra: &RegionRef,
    rb: &RegionRef,
    limit: usize,
) -> Result<BetweenReport> {
    // Both regions' event sets come from indexes, then are intersected.
    let sql = format!(
        "SELECT e.id, e.date_start IS NOT NULL FROM events e WHERE e.id IN ({} INTERSECT {}) AND e.type IN {RELATION_TYPES}
         ORDER BY e.date_start IS NULL, e.date_start, e.id",
        ra.event_ids_sql(1),
        rb.event_ids_sql(2)
    );
    let mut st = conn.prepare(&sql)?;
    let ids: Vec<(i64, bool)> = st
        .query_map(params![ra.param(), rb.param()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (events, events_total) = load_latest(conn, ids, limit)?;

    // Documents mentioning a region: an index range on doc_regions(code)
    // (names not in the gazetteer: a scan of the texts, as before).
    let docs_sql = |r: &RegionRef, n: usize| match r {
        RegionRef::Code(_) => {
            format!("SELECT doc FROM doc_regions WHERE code >= ?{n} AND code < ?{n} || ':'")
        }
        RegionRef::Name(_) => format!("SELECT id FROM documents WHERE instr(text, ?{n}) > 0"),
    };
    let sql = format!(
        "SELECT t.doc, t.sentence, t.char_start, t.char_end, t.text, t.keyword, d.ref_date
         FROM ties t JOIN documents d ON d.id = t.doc WHERE t.doc IN ({} INTERSECT {})
         ORDER BY d.ref_date IS NULL, d.ref_date, d.seq, t.sentence",
        docs_sql(ra, 1),
        docs_sql(rb, 2)
    );
    let ties = collect_ties(conn, &sql, ra.param(), rb.param())?;
    let ties_total = ties.len();
    let ties = latest(ties, limit, |t| t.date.is_some());
    Ok(BetweenReport {
        mode: "regions".into(),
        a: a.trim().into(),
        b: b.trim().into(),
        a_code: ra.code().map(str::to_string),
        b_code: rb.code().map(str::to_string),
        events,
        events_total,
        ties,
        ties_total,
    })
}

/// Person mode: events with both (any merged individual of each name), and
/// ties from documents naming both.
fn persons_mode(conn: &Connection, a: &str, b: &str, limit: usize) -> Result<BetweenReport> {
    let sql = format!(
        "SELECT e.id, e.date_start IS NOT NULL FROM events e WHERE e.id IN (
             SELECT ep.event FROM persons p JOIN event_participants ep ON ep.person = p.id WHERE p.name = ?1
             INTERSECT
             SELECT ep.event FROM persons p JOIN event_participants ep ON ep.person = p.id WHERE p.name = ?2)
           AND e.type IN {RELATION_TYPES}
         ORDER BY e.date_start IS NULL, e.date_start, e.id"
    );
    let mut st = conn.prepare(&sql)?;
    let ids: Vec<(i64, bool)> = st
        .query_map(params![a.trim(), b.trim()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (events, events_total) = load_latest(conn, ids, limit)?;
    let sql = "SELECT t.doc, t.sentence, t.char_start, t.char_end, t.text, t.keyword, d.ref_date
         FROM ties t JOIN documents d ON d.id = t.doc
         WHERE t.doc IN (
             SELECT dp.doc FROM persons p JOIN doc_persons dp ON dp.person = p.id WHERE p.name = ?1
             INTERSECT
             SELECT dp.doc FROM persons p JOIN doc_persons dp ON dp.person = p.id WHERE p.name = ?2)
         ORDER BY d.ref_date IS NULL, d.ref_date, d.seq, t.sentence";
    let ties = collect_ties(conn, sql, a.trim(), b.trim())?;
    let ties_total = ties.len();
    let ties = latest(ties, limit, |t| t.date.is_some());
    Ok(BetweenReport {
        mode: "persons".into(),
        a: a.trim().into(),
        b: b.trim().into(),
        a_code: None,
        b_code: None,
        events,
        events_total,
        ties,
        ties_total,
    })
}

/// The `limit` most recent of some `(event id, dated)` in timeline order,
/// loaded, and how many there were.
fn load_latest(
    conn: &Connection,
    ids: Vec<(i64, bool)>,
    limit: usize,
) -> Result<(Vec<crate::EventHit>, usize)> {
    let total = ids.len();
    let shown: Vec<i64> = latest(ids, limit, |e| e.1)
        .into_iter()
        .map(|e| e.0)
        .collect();
    Ok((
        load_events_capped(conn, &shown, EVENT_EVIDENCE_SHOWN)?,
        total,
    ))
}

/// Ties in order, one per (keyword, sentence text): reprints repeat them.
fn collect_ties(conn: &Connection, sql: &str, a: &str, b: &str) -> Result<Vec<TieHit>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map(params![a, b], |r| {
        Ok((
            evidence_row(r)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in rows {
        let (evidence, keyword, date) = row?;
        if seen.insert((keyword.clone(), evidence.text.trim().to_string())) {
            out.push(TieHit {
                keyword,
                date,
                evidence,
            });
        }
    }
    Ok(out)
}
