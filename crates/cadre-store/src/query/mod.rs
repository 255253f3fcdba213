//! Queries. Shared helpers: loading merged events with their participants
//! and evidence, and matching events to regions.

pub mod background;
pub mod between;
pub mod events;
pub mod person;
pub mod search;
pub mod who;

use std::collections::{BTreeSet, HashMap};

use cadre_model::Office;
use rusqlite::{Connection, OptionalExtension};

use crate::regions::Regions;
use crate::{EventHit, EvidenceRef, ParticipantHit, Result, Stats, TermHit};

pub fn stats(conn: &Connection) -> Result<Stats> {
    let count = |table: &str| -> Result<usize> {
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as usize,
        )
    };
    Ok(Stats {
        documents: count("documents")?,
        reprints: count("reprints")?,
        persons: count("persons")?,
        offices: count("offices")?,
        events: count("events")?,
        event_evidence: count("event_evidence")?,
    })
}

/// A region argument: a gazetteer code when the name resolves, else the
/// name as written (foreign places, bodies), matched literally.
#[derive(Debug, Clone)]
pub enum RegionRef {
    Code(String),
    Name(String),
}

impl RegionRef {
    pub fn parse(s: &str) -> RegionRef {
        match Regions::get().resolve(s) {
            Some(c) => RegionRef::Code(c),
            None => RegionRef::Name(s.trim().to_string()),
        }
    }

    /// SQL condition on an event row aliased `e`, with `?N` bound to
    /// [`RegionRef::param`]: the place is the region or inside it, or a
    /// participant holds an office there (code prefix: 广州市 is in 广东省).
    pub fn condition(&self, n: usize) -> String {
        format!("e.id IN ({})", self.event_ids_sql(n))
    }

    /// SQL selecting the ids of the events involving the region (same rule
    /// as [`RegionRef::condition`]), driven by indexes: events by place
    /// code, and offices by jurisdiction → their holders' events.
    pub fn event_ids_sql(&self, n: usize) -> String {
        match self {
            RegionRef::Code(_) => format!(
                "SELECT id FROM events WHERE place_code >= ?{n} AND place_code < ?{n} || ':'
                 UNION SELECT ep.event FROM offices o JOIN event_participants ep ON ep.person = o.person
                       WHERE o.jurisdiction_code >= ?{n} AND o.jurisdiction_code < ?{n} || ':'"
            ),
            RegionRef::Name(_) => format!(
                "SELECT id FROM events WHERE place = ?{n}
                 UNION SELECT ep.event FROM offices o JOIN event_participants ep ON ep.person = o.person
                       WHERE o.jurisdiction = ?{n}"
            ),
        }
    }

    pub fn param(&self) -> &str {
        match self {
            RegionRef::Code(c) | RegionRef::Name(c) => c,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            RegionRef::Code(c) => Some(c),
            RegionRef::Name(_) => None,
        }
    }
}

/// Evidence rows shown per event by `person` and `between` (the docs list
/// still names every reporting document).
pub const EVENT_EVIDENCE_SHOWN: usize = 10;

/// Loads events by id, in the order given, with participants (roles merged
/// over documents), agreements, reporting documents and evidence.
pub fn load_events(conn: &Connection, ids: &[i64]) -> Result<Vec<EventHit>> {
    load_events_capped(conn, ids, usize::MAX)
}

/// Ids per batched query (inlined integers, so no parameter limit applies).
const LOAD_CHUNK: usize = 500;

/// [`load_events`] keeping at most `max_evidence` (distinct) evidence rows
/// per event. Five queries per [`LOAD_CHUNK`] events, not five per event.
pub fn load_events_capped(
    conn: &Connection,
    ids: &[i64],
    max_evidence: usize,
) -> Result<Vec<EventHit>> {
    let mut hits: HashMap<i64, EventHit> = HashMap::with_capacity(ids.len());
    let mut unique: Vec<i64> = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    for chunk in unique.chunks(LOAD_CHUNK) {
        let list = chunk
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut st = conn.prepare(&format!(
            "SELECT id, type, date, date_start, date_end, place, place_code, office_jurisdiction, office_post, office_title
             FROM events WHERE id IN ({list})"
        ))?;
        let rows = st.query_map([], |r| {
            let office_post: Option<String> = r.get(8)?;
            Ok(EventHit {
                id: r.get(0)?,
                kind: r.get(1)?,
                date: r.get(2)?,
                date_start: r.get(3)?,
                date_end: r.get(4)?,
                place: r.get(5)?,
                place_code: r.get(6)?,
                participants: Vec::new(),
                agreements: Vec::new(),
                office: match office_post {
                    Some(post) => Some(Office {
                        jurisdiction: r.get(7)?,
                        post,
                        title: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                    }),
                    None => None,
                },
                docs: Vec::new(),
                evidence: Vec::new(),
            })
        })?;
        for h in rows {
            let h = h?;
            hits.insert(h.id, h);
        }

        let mut parts: HashMap<i64, Vec<(i64, String, BTreeSet<String>)>> = HashMap::new();
        let mut st = conn.prepare(&format!(
            "SELECT ep.event, p.id, p.name, ep.roles FROM event_participants ep JOIN persons p ON p.id = ep.person
             WHERE ep.event IN ({list}) ORDER BY ep.event, ep.rowid"
        ))?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for r in rows {
            let (ev, pid, name, roles) = r?;
            let roles = roles
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let v = parts.entry(ev).or_default();
            match v.iter_mut().find(|p| p.0 == pid) {
                Some(p) => p.2.extend(roles),
                None => v.push((pid, name, roles.collect())),
            }
        }
        for (ev, v) in parts {
            if let Some(h) = hits.get_mut(&ev) {
                h.participants = v
                    .into_iter()
                    .map(|(person_id, name, roles)| ParticipantHit {
                        person_id,
                        name,
                        roles: roles.into_iter().collect(),
                    })
                    .collect();
            }
        }

        let mut st = conn.prepare(&format!(
            "SELECT event, name FROM agreements WHERE event IN ({list}) ORDER BY event, id"
        ))?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (ev, name) = r?;
            if let Some(h) = hits.get_mut(&ev) {
                if !h.agreements.contains(&name) {
                    h.agreements.push(name);
                }
            }
        }

        let mut st = conn.prepare(&format!(
            "SELECT r.event, r.doc FROM event_reports r JOIN documents d ON d.id = r.doc
             WHERE r.event IN ({list}) ORDER BY r.event, d.seq"
        ))?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (ev, doc) = r?;
            if let Some(h) = hits.get_mut(&ev) {
                h.docs.push(doc);
            }
        }

        // Distinct spans ranked per event inside SQL (the covering index
        // `event_evidence_event_span` answers the ranking without reading
        // rows); only the kept rows' texts are read, by rowid.
        let sql = if max_evidence == usize::MAX {
            format!(
                "SELECT v.doc, v.sentence, v.char_start, v.char_end, v.text, v.event FROM event_evidence v
                 JOIN documents d ON d.id = v.doc
                 WHERE v.event IN ({list}) ORDER BY v.event, d.seq, v.sentence, v.char_start"
            )
        } else {
            format!(
                "SELECT v.doc, v.sentence, v.char_start, v.char_end, v.text, v.event
                 FROM (SELECT s.rid, s.event, s.seq, s.sentence, s.char_start,
                              row_number() OVER (PARTITION BY s.event
                                  ORDER BY s.seq, s.sentence, s.char_start, s.char_end) AS rn
                       FROM (SELECT min(x.rowid) AS rid, x.event, d.seq, x.sentence, x.char_start, x.char_end
                             FROM event_evidence x JOIN documents d ON d.id = x.doc
                             WHERE x.event IN ({list})
                             GROUP BY x.event, x.doc, x.sentence, x.char_start, x.char_end) s) k
                 JOIN event_evidence v ON v.rowid = k.rid
                 WHERE k.rn <= {max_evidence}
                 ORDER BY k.event, k.seq, k.sentence, k.char_start"
            )
        };
        let mut st = conn.prepare(&sql)?;
        let mut seen: BTreeSet<(i64, String, usize, usize, usize)> = BTreeSet::new();
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(5)?, evidence_row(r)?)))?;
        for r in rows {
            let (ev, e) = r?;
            let Some(h) = hits.get_mut(&ev) else { continue };
            if h.evidence.len() >= max_evidence {
                continue;
            }
            if seen.insert((ev, e.doc.clone(), e.sentence, e.start, e.end)) {
                h.evidence.push(e);
            }
        }
    }
    let mut out = Vec::with_capacity(ids.len());
    let mut last_use: HashMap<i64, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        last_use.insert(*id, i);
    }
    for (i, id) in ids.iter().enumerate() {
        let hit = if last_use[id] == i {
            hits.remove(id)
        } else {
            hits.get(id).cloned()
        };
        if let Some(h) = hit {
            out.push(h);
        }
    }
    Ok(out)
}

/// Maps a row `(doc, sentence, char_start, char_end, text)` to evidence.
pub fn evidence_row(r: &rusqlite::Row) -> rusqlite::Result<EvidenceRef> {
    Ok(EvidenceRef {
        doc: r.get(0)?,
        sentence: r.get::<_, i64>(1)? as usize,
        start: r.get::<_, i64>(2)? as usize,
        end: r.get::<_, i64>(3)? as usize,
        text: r.get(4)?,
        date: None,
    })
}

/// Evidence rows shown per term in queries.
pub const TERM_EVIDENCE_SHOWN: usize = 5;

/// Keeps the first two and the last three (by date) evidence rows of a term.
pub fn trim_term_evidence(t: &mut TermHit) {
    let n = t.evidence.len();
    if n > TERM_EVIDENCE_SHOWN {
        let tail = t.evidence.split_off(n - (TERM_EVIDENCE_SHOWN - 2));
        t.evidence.truncate(2);
        t.evidence.extend(tail);
    }
}

/// [`load_terms`] then [`trim_term_evidence`], without reading every
/// evidence row of long terms: the distinct count, then the first two and
/// the last three rows by date straight from the `office_evidence(office,
/// date)` index.
pub fn load_terms_trimmed(conn: &Connection, ids: &[i64]) -> Result<Vec<TermHit>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let total: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT DISTINCT doc, sentence, char_start, char_end
                 FROM office_evidence WHERE office = ?1)",
            )?
            .query_row([id], |r| r.get(0))?;
        if total as usize <= TERM_EVIDENCE_SHOWN {
            let mut t = load_terms(conn, &[id])?;
            t.iter_mut().for_each(trim_term_evidence);
            out.extend(t);
            continue;
        }
        let Some(mut hit) = load_term_rows(conn, id)? else {
            continue;
        };
        hit.evidence_total = total as usize;
        let row = |r: &rusqlite::Row| -> rusqlite::Result<EvidenceRef> {
            let mut e = evidence_row(r)?;
            e.date = r.get(5)?;
            Ok(e)
        };
        // Dated rows by date, then undated ones (ORDER BY date IS NULL, date, …).
        const COLS: &str = "doc, sentence, char_start, char_end, text, date";
        let head_sql = [
            format!("SELECT {COLS} FROM office_evidence WHERE office = ?1 AND date IS NOT NULL ORDER BY date, doc, sentence, char_start"),
            format!("SELECT {COLS} FROM office_evidence WHERE office = ?1 AND date IS NULL ORDER BY doc, sentence, char_start"),
        ];
        let tail_sql = [
            format!("SELECT {COLS} FROM office_evidence WHERE office = ?1 AND date IS NULL ORDER BY doc DESC, sentence DESC, char_start DESC"),
            format!("SELECT {COLS} FROM office_evidence WHERE office = ?1 AND date IS NOT NULL ORDER BY date DESC, doc DESC, sentence DESC, char_start DESC"),
        ];
        let take = |sqls: &[String], n: usize| -> Result<Vec<EvidenceRef>> {
            let mut seen = BTreeSet::new();
            let mut got = Vec::new();
            'q: for sql in sqls {
                let mut st = conn.prepare_cached(sql)?;
                let mut rows = st.query([id])?;
                while let Some(r) = rows.next()? {
                    let e = row(r)?;
                    if seen.insert((e.doc.clone(), e.sentence, e.start, e.end)) {
                        got.push(e);
                        if got.len() == n {
                            break 'q;
                        }
                    }
                }
            }
            Ok(got)
        };
        let head = take(&head_sql, 2)?;
        let mut tail = take(&tail_sql, TERM_EVIDENCE_SHOWN - 2)?;
        tail.reverse();
        hit.evidence = head;
        hit.evidence.extend(tail);
        out.push(hit);
    }
    Ok(out)
}

/// One office row as a term without evidence.
fn load_term_rows(conn: &Connection, id: i64) -> Result<Option<TermHit>> {
    let mut st = conn.prepare_cached(
        "SELECT o.person, p.name, o.jurisdiction, o.jurisdiction_code, o.post, o.title, o.first_seen, o.last_seen, o.start, o.end
         FROM offices o JOIN persons p ON p.id = o.person WHERE o.id = ?1",
    )?;
    Ok(st
        .query_row([id], |r| {
            Ok(TermHit {
                person_id: r.get(0)?,
                name: r.get(1)?,
                jurisdiction: r.get(2)?,
                jurisdiction_code: r.get(3)?,
                post: r.get(4)?,
                title: r.get(5)?,
                first_seen: r.get(6)?,
                last_seen: r.get(7)?,
                start: r.get(8)?,
                end: r.get(9)?,
                relation: None,
                distance_days: None,
                evidence_total: 0,
                evidence: Vec::new(),
            })
        })
        .optional()?)
}

/// Loads offices (terms) by id with their evidence, ordered by evidence date.
pub fn load_terms(conn: &Connection, ids: &[i64]) -> Result<Vec<TermHit>> {
    let mut ev_st = conn.prepare_cached(
        "SELECT doc, sentence, char_start, char_end, text, date FROM office_evidence WHERE office = ?1
         ORDER BY date IS NULL, date, doc, sentence, char_start",
    )?;
    let mut out = Vec::new();
    for &id in ids {
        let hit = load_term_rows(conn, id)?;
        let Some(mut hit) = hit else { continue };
        let mut seen = BTreeSet::new();
        let rows = ev_st.query_map([id], |r| {
            let mut e = evidence_row(r)?;
            e.date = r.get(5)?;
            Ok(e)
        })?;
        for e in rows {
            let e = e?;
            if seen.insert((e.doc.clone(), e.sentence, e.start, e.end)) {
                hit.evidence.push(e);
            }
        }
        hit.evidence_total = hit.evidence.len();
        out.push(hit);
    }
    Ok(out)
}

/// Person ids with a name.
pub fn person_ids(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT id FROM persons WHERE name = ?1 ORDER BY id")?;
    let rows = st.query_map([name.trim()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Province codes an event involves: its place and its participants' regional offices.
pub fn event_provinces(conn: &Connection, event: i64) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let place: Option<String> = conn
        .query_row(
            "SELECT place_code FROM events WHERE id = ?1",
            [event],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(p) = place.as_deref().and_then(Regions::province) {
        out.insert(p.to_string());
    }
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT o.jurisdiction_code FROM event_participants ep JOIN offices o ON o.person = ep.person
         WHERE ep.event = ?1 AND o.jurisdiction_code IS NOT NULL",
    )?;
    for c in st.query_map([event], |r| r.get::<_, String>(0))? {
        if let Some(p) = Regions::province(&c?) {
            out.insert(p.to_string());
        }
    }
    Ok(out)
}

/// Co-participants of a person over ALL its events, by number of shared
/// events (descending), then id.
pub fn counterparts(conn: &Connection, me: i64) -> Result<Vec<crate::Counterpart>> {
    let mut st = conn.prepare_cached(
        // Participants have a row per reporting document: distinct events first, then
        // distinct (event, person) pairs, so reprints do not multiply the join.
        "WITH mine AS (SELECT DISTINCT event FROM event_participants WHERE person = ?1),
              pairs AS (SELECT DISTINCT o.event, o.person FROM mine
                        JOIN event_participants o ON o.event = mine.event WHERE o.person != ?1)
         SELECT p.id, p.name, count(*) AS n FROM pairs JOIN persons p ON p.id = pairs.person
         GROUP BY p.id ORDER BY n DESC, p.id",
    )?;
    let rows = st.query_map([me], |r| {
        Ok(crate::Counterpart {
            person_id: r.get(0)?,
            name: r.get(1)?,
            count: r.get::<_, i64>(2)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The `limit` most recent of some items in timeline order (dated ones by
/// date ascending, then undated ones), keeping that order: the last `limit`
/// dated items, topped up with the first undated ones when fewer are dated.
/// `limit == 0` keeps all.
pub fn latest<T>(items: Vec<T>, limit: usize, dated: impl Fn(&T) -> bool) -> Vec<T> {
    if limit == 0 || items.len() <= limit {
        return items;
    }
    let n_dated = items.iter().take_while(|x| dated(x)).count();
    let skip = n_dated.saturating_sub(limit);
    let keep_undated = limit.saturating_sub(n_dated - skip);
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i >= skip && *i < n_dated + keep_undated)
        .map(|(_, x)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::latest;

    #[test]
    fn latest_keeps_the_most_recent_dated_then_undated() {
        // (id, dated)
        let v: Vec<(i32, bool)> = vec![(1, true), (2, true), (3, true), (4, false), (5, false)];
        let ids = |v: Vec<(i32, bool)>| v.into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(ids(latest(v.clone(), 0, |x| x.1)), vec![1, 2, 3, 4, 5]);
        assert_eq!(ids(latest(v.clone(), 9, |x| x.1)), vec![1, 2, 3, 4, 5]);
        assert_eq!(ids(latest(v.clone(), 2, |x| x.1)), vec![2, 3]);
        assert_eq!(ids(latest(v.clone(), 3, |x| x.1)), vec![1, 2, 3]);
        assert_eq!(ids(latest(v.clone(), 4, |x| x.1)), vec![1, 2, 3, 4]);
        let undated: Vec<(i32, bool)> = vec![(7, false), (8, false)];
        assert_eq!(ids(latest(undated, 1, |x| x.1)), vec![7]);
    }
}
