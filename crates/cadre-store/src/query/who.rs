//! `who JURISDICTION POST [--on DATE]`.

use rusqlite::Connection;

use super::{load_terms, trim_term_evidence, RegionRef, TERM_EVIDENCE_SHOWN};
use crate::{dates, Error, Result, TermHit};

/// (rank class, distance in days, latest start first).
type RankKey = (u8, i64, std::cmp::Reverse<String>);

/// Terms of `post` in `jurisdiction`. With `on`: terms whose
/// `[start or first_seen, end or last_seen]` contains the date come first
/// (the latest-starting first: a fresh appointment beats stale evidence of
/// the predecessor); then terms by distance from the date to their nearest
/// dated evidence; terms that an appointment or removal puts definitely
/// outside the date come last. Without `on`: most recently seen first.
pub fn who(
    conn: &Connection,
    jurisdiction: &str,
    post: &str,
    on: Option<&str>,
) -> Result<Vec<TermHit>> {
    let region = RegionRef::parse(jurisdiction);
    let mut st = conn.prepare_cached(
        "SELECT id FROM offices WHERE post = ?1 AND (jurisdiction = ?2 OR (?3 IS NOT NULL AND jurisdiction_code = ?3))",
    )?;
    let ids: Vec<i64> = st
        .query_map(
            rusqlite::params![post, jurisdiction.trim(), region.code()],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut terms = load_terms(conn, &ids)?;
    match on {
        None => {
            terms.iter_mut().for_each(trim_term_evidence);
            terms.sort_by(|a, b| {
                let ka = a.end.clone().or(a.last_seen.clone());
                let kb = b.end.clone().or(b.last_seen.clone());
                kb.cmp(&ka).then(a.person_id.cmp(&b.person_id))
            });
        }
        Some(on) => {
            let (day, _) = dates::bounds(on, None)
                .ok_or_else(|| Error::Invalid(format!("bad date {on:?}")))?;
            let d = dates::days(&day).unwrap_or(0);
            let mut keyed: Vec<(RankKey, TermHit)> = terms
                .into_iter()
                .map(|mut t| {
                    let lo = t.start.clone().or(t.first_seen.clone());
                    let hi = t.end.clone().or(t.last_seen.clone());
                    let lo_d = lo.as_deref().and_then(dates::days);
                    let hi_d = hi.as_deref().and_then(dates::days);
                    let (rel, dist) = match (lo_d, hi_d) {
                        (Some(a), Some(b)) if a <= d && d <= b => ("within", 0),
                        (Some(a), _) if d < a => ("after", a - d),
                        (_, Some(b)) if d > b => ("before", d - b),
                        _ => ("undated", i64::MAX / 2),
                    };
                    // An explicit start after the date or end before it is a
                    // known fact, not a gap in the evidence.
                    let definite = (rel == "after" && t.start.is_some())
                        || (rel == "before" && t.end.is_some());
                    let rank = if rel == "within" {
                        0
                    } else if definite || rel == "undated" {
                        2
                    } else {
                        1
                    };
                    t.relation = Some(rel.to_string());
                    t.distance_days = (rel != "undated").then_some(dist);
                    ((rank, dist, std::cmp::Reverse(lo.unwrap_or_default())), t)
                })
                .collect();
            // The evidence nearest to the date first.
            for (_, t) in &mut keyed {
                t.evidence.sort_by_key(|e| {
                    e.date
                        .as_deref()
                        .and_then(dates::days)
                        .map_or(i64::MAX, |x| (x - d).abs())
                });
                t.evidence.truncate(TERM_EVIDENCE_SHOWN);
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.person_id.cmp(&b.1.person_id)));
            terms = keyed.into_iter().map(|(_, t)| t).collect();
        }
    }
    Ok(terms)
}
