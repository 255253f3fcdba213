//! `between A B`: the relationship timeline of two regions or two persons.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use super::{evidence_row, load_events, person_ids, RegionRef};
use crate::{BetweenReport, Result, TieHit};

/// Event types that make a relationship (appointments do not).
const RELATION_TYPES: &str = "('meeting', 'visit', 'signing')";

/// Regions mode when both names resolve to gazetteer regions, or when
/// either is not a known person; persons mode otherwise.
pub fn between(conn: &Connection, a: &str, b: &str) -> Result<BetweenReport> {
    let ra = RegionRef::parse(a);
    let rb = RegionRef::parse(b);
    let both_regions = ra.code().is_some() && rb.code().is_some();
    let pa = person_ids(conn, a)?;
    let pb = person_ids(conn, b)?;
    if !both_regions && !pa.is_empty() && !pb.is_empty() {
        persons_mode(conn, a, b)
    } else {
        regions_mode(conn, a, b, &ra, &rb)
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
) -> Result<BetweenReport> {
    let sql = format!(
        "SELECT e.id FROM events e WHERE e.type IN {RELATION_TYPES} AND {} AND {}
         ORDER BY e.date_start IS NULL, e.date_start, e.id",
        ra.condition(1),
        rb.condition(2)
    );
    let mut st = conn.prepare(&sql)?;
    let ids: Vec<i64> = st
        .query_map(params![ra.param(), rb.param()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let events = load_events(conn, &ids)?;

    let doc_cond = |r: &RegionRef, n: usize| {
        match r {
        RegionRef::Code(_) => format!(
            "EXISTS (SELECT 1 FROM doc_regions dr WHERE dr.doc = t.doc AND dr.code >= ?{n} AND dr.code < ?{n} || ':')"
        ),
        RegionRef::Name(_) => format!("instr(d.text, ?{n}) > 0"),
    }
    };
    let sql = format!(
        "SELECT t.doc, t.sentence, t.char_start, t.char_end, t.text, t.keyword, d.ref_date
         FROM ties t JOIN documents d ON d.id = t.doc WHERE {} AND {}
         ORDER BY d.ref_date IS NULL, d.ref_date, d.seq, t.sentence",
        doc_cond(ra, 1),
        doc_cond(rb, 2)
    );
    let ties = collect_ties(conn, &sql, ra.param(), rb.param())?;
    Ok(BetweenReport {
        mode: "regions".into(),
        a: a.trim().into(),
        b: b.trim().into(),
        a_code: ra.code().map(str::to_string),
        b_code: rb.code().map(str::to_string),
        events,
        ties,
    })
}

/// Person mode: events with both (any merged individual of each name), and
/// ties from documents naming both.
fn persons_mode(conn: &Connection, a: &str, b: &str) -> Result<BetweenReport> {
    let sql = format!(
        "SELECT e.id FROM events e WHERE e.type IN {RELATION_TYPES}
           AND EXISTS (SELECT 1 FROM event_participants ep JOIN persons p ON p.id = ep.person WHERE ep.event = e.id AND p.name = ?1)
           AND EXISTS (SELECT 1 FROM event_participants ep JOIN persons p ON p.id = ep.person WHERE ep.event = e.id AND p.name = ?2)
         ORDER BY e.date_start IS NULL, e.date_start, e.id"
    );
    let mut st = conn.prepare(&sql)?;
    let ids: Vec<i64> = st
        .query_map(params![a.trim(), b.trim()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let events = load_events(conn, &ids)?;
    let sql = "SELECT t.doc, t.sentence, t.char_start, t.char_end, t.text, t.keyword, d.ref_date
         FROM ties t JOIN documents d ON d.id = t.doc
         WHERE EXISTS (SELECT 1 FROM doc_persons dp JOIN persons p ON p.id = dp.person WHERE dp.doc = t.doc AND p.name = ?1)
           AND EXISTS (SELECT 1 FROM doc_persons dp JOIN persons p ON p.id = dp.person WHERE dp.doc = t.doc AND p.name = ?2)
         ORDER BY d.ref_date IS NULL, d.ref_date, d.seq, t.sentence";
    let ties = collect_ties(conn, sql, a.trim(), b.trim())?;
    Ok(BetweenReport {
        mode: "persons".into(),
        a: a.trim().into(),
        b: b.trim().into(),
        a_code: None,
        b_code: None,
        events,
        ties,
    })
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
