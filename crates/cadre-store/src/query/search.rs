//! `search TEXT`: full-text search over documents (see fts.rs).

use rusqlite::{params, Connection};

use super::load_events;
use crate::{fts, Result, SearchHit};

/// Characters of context on each side of the first match in a snippet.
const SNIPPET_CONTEXT: usize = 30;
const MAX_HITS: i64 = 50;

/// id, title, url, published, text, rank.
type DocRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    f64,
);

pub fn search(conn: &Connection, text: &str) -> Result<Vec<SearchHit>> {
    let Some(q) = fts::match_query(text) else {
        return Ok(Vec::new());
    };
    let mut st = conn.prepare_cached(
        "SELECT d.id, d.title, d.url, d.published, d.text, bm25(documents_fts) AS rank
         FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
         WHERE documents_fts MATCH ?1 ORDER BY rank, d.seq LIMIT ?2",
    )?;
    let rows: Vec<DocRow> = st
        .query_map(params![q, MAX_HITS], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let first_term = text.split_whitespace().next().unwrap_or("");
    let mut out = Vec::new();
    for (doc, title, url, published, body, rank) in rows {
        let persons = doc_persons(conn, &doc)?;
        let event_ids: Vec<i64> = {
            let mut st = conn
                .prepare_cached("SELECT event FROM event_reports WHERE doc = ?1 ORDER BY rowid")?;
            let rows = st.query_map([&doc], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut events = load_events(conn, &event_ids)?;
        // Only this document's evidence: the facts found in it.
        for e in &mut events {
            e.evidence.retain(|v| v.doc == doc);
        }
        out.push(SearchHit {
            snippet: snippet(&body, first_term),
            doc,
            title,
            url,
            published,
            rank,
            persons,
            events,
        });
    }
    Ok(out)
}

/// The text around the first occurrence of `term` (whitespace collapsed).
fn snippet(body: &str, term: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let at = body
        .find(term)
        .map(|b| body[..b].chars().count())
        .unwrap_or(0);
    let start = at.saturating_sub(SNIPPET_CONTEXT);
    let end = (at + term.chars().count() + SNIPPET_CONTEXT).min(chars.len());
    let s: String = chars[start..end].iter().collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `name（title、title）` for persons of a document.
fn doc_persons(conn: &Connection, doc: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT person, local_name FROM doc_persons WHERE doc = ?1 ORDER BY rowid",
    )?;
    let persons: Vec<(i64, String)> = st
        .query_map([doc], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut titles_st = conn.prepare_cached(
        "SELECT DISTINCT o.title FROM office_evidence oe JOIN offices o ON o.id = oe.office
         WHERE oe.doc = ?1 AND o.person = ?2 AND oe.source = 'title'",
    )?;
    let mut out = Vec::new();
    for (pid, name) in persons {
        let titles: Vec<String> = titles_st
            .query_map(params![doc, pid], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(if titles.is_empty() {
            name
        } else {
            format!("{name}（{}）", titles.join("、"))
        });
    }
    Ok(out)
}
