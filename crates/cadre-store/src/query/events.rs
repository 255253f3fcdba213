//! `events [--type T] [--person P] [--region R]... [--from D] [--to D]`.

use rusqlite::{params_from_iter, Connection};

use super::{load_events, RegionRef};
use crate::{dates, Error, EventFilter, EventHit, Result};

pub fn events(conn: &Connection, f: &EventFilter) -> Result<Vec<EventHit>> {
    let mut sql = String::from("SELECT e.id FROM events e WHERE 1 = 1");
    let mut args: Vec<String> = Vec::new();
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        args.push(k.to_string());
        sql += &format!(" AND e.type = ?{}", args.len());
    }
    if let Some(p) = f.person.as_deref().filter(|p| !p.is_empty()) {
        args.push(p.trim().to_string());
        sql += &format!(
            " AND e.id IN (SELECT ep.event FROM event_participants ep JOIN persons p ON p.id = ep.person WHERE p.name = ?{})",
            args.len()
        );
    }
    for r in &f.regions {
        let region = RegionRef::parse(r);
        args.push(region.param().to_string());
        sql += &format!(" AND {}", region.condition(args.len()));
    }
    if let Some(from) = f.from.as_deref() {
        let (s, _) = dates::bounds(from, None)
            .ok_or_else(|| Error::Invalid(format!("bad date {from:?}")))?;
        args.push(s);
        sql += &format!(" AND e.date_end >= ?{}", args.len());
    }
    if let Some(to) = f.to.as_deref() {
        let (_, e) =
            dates::bounds(to, None).ok_or_else(|| Error::Invalid(format!("bad date {to:?}")))?;
        args.push(e);
        sql += &format!(" AND e.date_start <= ?{}", args.len());
    }
    sql += " ORDER BY e.date_start IS NULL, e.date_start, e.id";
    let mut st = conn.prepare(&sql)?;
    let ids: Vec<i64> = st
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    load_events(conn, &ids)
}
