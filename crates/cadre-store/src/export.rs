//! `export --format jsonl|csv|graphml|plover`.
//!
//! - **jsonl**: one object per line; events first (`"record": "event"`, the
//!   fields of [`EventHit`]), then offices (`"record": "office"`, the fields
//!   of [`TermHit`]), each with its evidence.
//! - **csv**: ONE table with a `record` column (`event` or `office`); event
//!   rows fill the event columns, office rows the office columns, the rest is
//!   empty. One file keeps `export > out.csv` simple; filter on `record`.
//!   Columns: see [`CSV_HEADER`]. `participants` is `name(role,role);…`,
//!   `docs` is `;`-separated, `evidence` is the first evidence sentence.
//! - **graphml**: the person–person meeting network: nodes are persons who
//!   met someone, an undirected edge per pair sharing at least one meeting,
//!   visit or signing (all three are face-to-face encounters), with the count
//!   as `weight`. GraphML 1.0 as Gephi reads it.
//! - **plover**: PLOVER-style JSON lines for relation events: meeting →
//!   `CONSULT` (mode `meet`), visit → `CONSULT` (mode `visit`), signing →
//!   `AGREE` (mode `sign`). Appointments and removals have no PLOVER
//!   category and are skipped. Actors: visitors (guest, leader, member) for
//!   visits, chairs/hosts/speakers for meetings, signers for signings; the
//!   recipients are the other participants (hosts for visits).

use std::collections::BTreeMap;
use std::io::Write;

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::query::{load_events, load_terms};
use crate::{EventHit, ExportFormat, Result};

/// Columns of the CSV export.
pub const CSV_HEADER: &[&str] = &[
    "record",
    "id",
    "type",
    "date",
    "date_start",
    "date_end",
    "place",
    "place_code",
    "participants",
    "agreements",
    "person_id",
    "person",
    "jurisdiction",
    "post",
    "title",
    "first_seen",
    "last_seen",
    "start",
    "end",
    "docs",
    "evidence",
];

pub fn export(conn: &Connection, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        ExportFormat::Jsonl => jsonl(conn, out),
        ExportFormat::Csv => csv(conn, out),
        ExportFormat::Graphml => graphml(conn, out),
        ExportFormat::Plover => plover(conn, out),
    }
}

fn all_events(conn: &Connection) -> Result<Vec<EventHit>> {
    let mut st =
        conn.prepare("SELECT id FROM events ORDER BY date_start IS NULL, date_start, id")?;
    let ids: Vec<i64> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    load_events(conn, &ids)
}

fn all_office_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut st =
        conn.prepare("SELECT id FROM offices ORDER BY person, coalesce(start, first_seen), id")?;
    let ids = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn with_record(kind: &str, v: Value) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("record".into(), Value::String(kind.into()));
    if let Value::Object(o) = v {
        m.extend(o);
    }
    Value::Object(m)
}

fn jsonl(conn: &Connection, out: &mut dyn Write) -> Result<()> {
    for e in all_events(conn)? {
        writeln!(out, "{}", with_record("event", serde_json::to_value(&e)?))?;
    }
    for t in load_terms(conn, &all_office_ids(conn)?)? {
        writeln!(out, "{}", with_record("office", serde_json::to_value(&t)?))?;
    }
    Ok(())
}

/// RFC 4180 quoting.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(conn: &Connection, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", CSV_HEADER.join(","))?;
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    for e in all_events(conn)? {
        let participants = e
            .participants
            .iter()
            .map(|p| {
                if p.roles.is_empty() {
                    p.name.clone()
                } else {
                    format!("{}({})", p.name, p.roles.join(","))
                }
            })
            .collect::<Vec<_>>()
            .join(";");
        let mut row: BTreeMap<&str, String> = BTreeMap::new();
        row.insert("record", "event".into());
        row.insert("id", e.id.to_string());
        row.insert("type", e.kind.clone());
        row.insert("date", o(&e.date));
        row.insert("date_start", o(&e.date_start));
        row.insert("date_end", o(&e.date_end));
        row.insert("place", o(&e.place));
        row.insert("place_code", o(&e.place_code));
        row.insert("participants", participants);
        row.insert("agreements", e.agreements.join(";"));
        if let Some(of) = &e.office {
            row.insert("jurisdiction", of.jurisdiction.clone().unwrap_or_default());
            row.insert("post", of.post.clone());
            row.insert("title", of.title.clone());
        }
        row.insert("docs", e.docs.join(";"));
        row.insert(
            "evidence",
            e.evidence
                .first()
                .map(|v| v.text.trim().to_string())
                .unwrap_or_default(),
        );
        write_csv_row(out, &row)?;
    }
    for t in load_terms(conn, &all_office_ids(conn)?)? {
        let mut row: BTreeMap<&str, String> = BTreeMap::new();
        row.insert("record", "office".into());
        row.insert("person_id", t.person_id.to_string());
        row.insert("person", t.name.clone());
        row.insert("jurisdiction", t.jurisdiction.clone());
        row.insert("post", t.post.clone());
        row.insert("title", t.title.clone());
        row.insert("first_seen", o(&t.first_seen));
        row.insert("last_seen", o(&t.last_seen));
        row.insert("start", o(&t.start));
        row.insert("end", o(&t.end));
        let mut docs: Vec<&str> = t.evidence.iter().map(|v| v.doc.as_str()).collect();
        docs.dedup();
        row.insert("docs", docs.join(";"));
        row.insert(
            "evidence",
            t.evidence
                .first()
                .map(|v| v.text.trim().to_string())
                .unwrap_or_default(),
        );
        write_csv_row(out, &row)?;
    }
    Ok(())
}

fn write_csv_row(out: &mut dyn Write, row: &BTreeMap<&str, String>) -> Result<()> {
    let fields: Vec<String> = CSV_HEADER
        .iter()
        .map(|c| csv_field(row.get(c).map(String::as_str).unwrap_or("")))
        .collect();
    writeln!(out, "{}", fields.join(","))?;
    Ok(())
}

/// XML text/attribute escaping.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn graphml(conn: &Connection, out: &mut dyn Write) -> Result<()> {
    let mut nodes: BTreeMap<i64, String> = BTreeMap::new();
    let mut edges: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    for e in all_events(conn)? {
        if !matches!(e.kind.as_str(), "meeting" | "visit" | "signing") {
            continue;
        }
        let ps: Vec<_> = e.participants.iter().collect();
        for (i, a) in ps.iter().enumerate() {
            for b in &ps[i + 1..] {
                if a.person_id == b.person_id {
                    continue;
                }
                let key = (a.person_id.min(b.person_id), a.person_id.max(b.person_id));
                *edges.entry(key).or_default() += 1;
                nodes.insert(a.person_id, a.name.clone());
                nodes.insert(b.person_id, b.name.clone());
            }
        }
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        out,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#
    )?;
    writeln!(out, r#"  <graph id="meetings" edgedefault="undirected">"#)?;
    for (id, name) in &nodes {
        writeln!(
            out,
            r#"    <node id="p{id}"><data key="label">{}</data></node>"#,
            xml_escape(name)
        )?;
    }
    for (i, ((a, b), w)) in edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="p{a}" target="p{b}"><data key="weight">{w}</data></edge>"#
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

fn plover(conn: &Connection, out: &mut dyn Write) -> Result<()> {
    for e in all_events(conn)? {
        let (event_type, mode, actor_roles): (&str, &str, &[&str]) = match e.kind.as_str() {
            "meeting" => ("CONSULT", "meet", &["chair", "host", "speaker", "leader"]),
            "visit" => ("CONSULT", "visit", &["guest", "leader", "member"]),
            "signing" => ("AGREE", "sign", &["signer"]),
            _ => continue,
        };
        let mut actors: Vec<&str> = Vec::new();
        let mut recipients: Vec<&str> = Vec::new();
        for p in &e.participants {
            if p.roles.iter().any(|r| actor_roles.contains(&r.as_str())) {
                actors.push(&p.name);
            } else {
                recipients.push(&p.name);
            }
        }
        // With no role telling them apart, the first named is the actor.
        if actors.is_empty() && !recipients.is_empty() {
            actors.push(recipients.remove(0));
        }
        let rec = json!({
            "event_id": format!("cadre-{}", e.id),
            "event_date": e.date_start,
            "event_date_raw": e.date,
            "event_type": event_type,
            "mode": mode,
            "actor": actors.first().copied().unwrap_or(""),
            "actor_names": actors,
            "recipient": recipients.first().copied().unwrap_or(""),
            "recipient_names": recipients,
            "location": e.place,
            "location_code": e.place_code,
            "agreements": e.agreements,
            "source_doc_ids": e.docs,
            "evidence_text": e.evidence.iter().map(|v| v.text.trim().to_string()).collect::<Vec<_>>(),
        });
        writeln!(out, "{rec}")?;
    }
    Ok(())
}
