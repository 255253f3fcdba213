//! Writing records: one transaction per document, or one per batch with a savepoint
//! per document (see the crate docs for the merging rules; the pure parts are in
//! merge.rs).

use std::collections::{BTreeSet, HashMap, HashSet};

use cadre_model::{EntityKind, EventType, Office, Record, Role};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::merge::{self, OfficeKey};
use crate::regions::Regions;
use crate::{dates, fts, Error, IngestOutcome, IngestStatus, Result};

/// Cooperation ties looked for in every sentence.
pub const TIE_KEYWORDS: &[&str] = &[
    "东西部协作",
    "对口支援",
    "对口合作",
    "对口帮扶",
    "结对帮扶",
    "结对",
];

/// Widest stored event date range considered when merging (a year, plus slack).
const MAX_EVENT_SPAN_DAYS: i64 = 400;

/// When a title says its holder held the office.
#[derive(Debug, PartialEq)]
enum Tense {
    Present,
    /// 时任: at the time of what the sentence tells.
    Then,
    /// 原, 前任, 曾任, 历任: before, for how long the text does not say.
    Past,
}

/// Words right before a title (in the original script) that set its tense.
const PAST_MARKERS: &[&str] = &["原", "前任", "曾任", "历任", "歷任", "先后任", "担任过", "擔任過"];
const THEN_MARKERS: &[&str] = &["时任", "時任"];

/// The tense of an office's title, from the words before it in its sentence.
fn title_tense(rec: &Record, ev: &cadre_model::Evidence) -> Tense {
    if ev.rule == "career:list" && !ev.text.contains("时任") && !ev.text.contains("時任") {
        return Tense::Past;
    }
    let Some(sentence) = rec.sentences.get(ev.sentence) else { return Tense::Present };
    let before: String = ev.text.chars().take(ev.span.start.saturating_sub(sentence.span.start)).collect();
    if THEN_MARKERS.iter().any(|m| before.ends_with(m)) {
        Tense::Then
    } else if PAST_MARKERS.iter().any(|m| before.ends_with(m)) {
        Tense::Past
    } else {
        Tense::Present
    }
}

/// Documents read per LSH band when looking for reprint candidates.
const MAX_ROWS_PER_BAND: usize = 256;

/// Reprint candidates read per document (those sharing most LSH bands).
const MAX_BAND_CANDIDATES: usize = 64;

/// Executes one statement through the connection's statement cache.
fn exec(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

pub fn ingest(conn: &mut Connection, rec: &Record, hash: &str) -> Result<IngestOutcome> {
    check(rec)?;
    // IMMEDIATE: take the write lock up front, so a concurrent writer waits
    // (busy_timeout) instead of failing half-way.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let outcome = ingest_on(&tx, rec, hash)?;
    tx.commit()?;
    Ok(outcome)
}

/// Several records in one transaction, each in a savepoint of its own: a record that
/// fails leaves nothing behind and the others are kept, and the commit (a good share of
/// the writing when every document touches many indexes) is paid once. Killed at any
/// moment, the database holds the batches committed before; a rerun skips their
/// documents by hash and writes the rest. The outer error is the transaction's.
pub fn ingest_batch(conn: &mut Connection, items: &[(&Record, &str)]) -> Result<Vec<Result<IngestOutcome>>> {
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut out = Vec::with_capacity(items.len());
    for &(rec, hash) in items {
        if let Err(e) = check(rec) {
            out.push(Err(e));
            continue;
        }
        let sp = tx.savepoint()?;
        match ingest_on(&sp, rec, hash) {
            Ok(outcome) => {
                sp.commit()?;
                out.push(Ok(outcome));
            }
            // Dropping the savepoint rolls the record back.
            Err(e) => out.push(Err(e)),
        }
    }
    tx.commit()?;
    Ok(out)
}

fn check(rec: &Record) -> Result<()> {
    if rec.id.trim().is_empty() {
        return Err(Error::Invalid("record without id".into()));
    }
    Ok(())
}

/// One record, inside a transaction or savepoint the caller commits.
fn ingest_on(tx: &Connection, rec: &Record, hash: &str) -> Result<IngestOutcome> {
    let existing: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([&rec.id], |r| r.get(0))
        .optional()?;
    let status = match existing {
        Some(h) if h == hash => {
            return Ok(IngestOutcome {
                doc: rec.id.clone(),
                status: IngestStatus::Skipped,
                reprint_of: None,
                events_new: 0,
                events_merged: 0,
                persons_new: 0,
            })
        }
        Some(_) => {
            delete_doc_facts(tx, &rec.id)?;
            IngestStatus::Replaced
        }
        None => IngestStatus::Inserted,
    };
    Writer::new(tx, rec).write(hash, status)
}

/// Deletes everything read from a document (keeping its `documents` row),
/// then repairs the merged facts it contributed to.
pub(crate) fn delete_doc_facts(tx: &Connection, doc: &str) -> Result<()> {
    let events: Vec<i64> = collect(
        tx,
        "SELECT DISTINCT event FROM event_reports WHERE doc = ?1",
        doc,
    )?;
    let offices: Vec<i64> = collect(
        tx,
        "SELECT DISTINCT office FROM office_evidence WHERE doc = ?1",
        doc,
    )?;
    let persons: Vec<i64> = collect(
        tx,
        "SELECT DISTINCT person FROM doc_persons WHERE doc = ?1",
        doc,
    )?;
    let seq: Option<i64> = tx
        .query_row("SELECT seq FROM documents WHERE id = ?1", [doc], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(seq) = seq {
        exec(tx, "DELETE FROM documents_fts WHERE rowid = ?1", [seq])?;
    }
    for table in [
        "event_evidence",
        "event_participants",
        "event_reports",
        "agreements",
        "office_evidence",
        "doc_persons",
        "doc_regions",
        "ties",
        "doc_bands",
        "doc_sigs",
        "reprints",
    ] {
        exec(tx, &format!("DELETE FROM {table} WHERE doc = ?1"), [doc])?;
    }
    for e in events {
        refresh_event(tx, e)?;
    }
    for o in offices {
        refresh_office(tx, o)?;
    }
    for p in persons {
        let used: i64 = tx.query_row(
            "SELECT count(*) FROM doc_persons WHERE person = ?1",
            [p],
            |r| r.get(0),
        )?;
        if used == 0 {
            exec(tx, "DELETE FROM persons WHERE id = ?1", [p])?;
        }
    }
    Ok(())
}

fn collect(tx: &Connection, sql: &str, doc: &str) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached(sql)?;
    let rows = st.query_map([doc], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recomputes an event's date and place from its remaining reports (the most
/// precise date wins), or deletes it when no document reports it any more.
pub(crate) fn refresh_event(tx: &Connection, event: i64) -> Result<()> {
    type Report = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let mut st =
        tx.prepare_cached("SELECT date, date_start, date_end, place, place_code FROM event_reports WHERE event = ?1 ORDER BY rowid")?;
    let reports: Vec<Report> = st
        .query_map([event], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if reports.is_empty() {
        exec(tx, "DELETE FROM events WHERE id = ?1", [event])?;
        return Ok(());
    }
    let best = reports
        .iter()
        .min_by_key(|r| match (&r.1, &r.2) {
            (Some(s), Some(e)) => dates::width(s, e),
            _ => i64::MAX,
        })
        .expect("non-empty");
    let (place, place_code) = if best.3.is_some() {
        (best.3.clone(), best.4.clone())
    } else {
        reports
            .iter()
            .find(|r| r.3.is_some())
            .map(|r| (r.3.clone(), r.4.clone()))
            .unwrap_or((None, None))
    };
    let class = match (&best.1, &best.2) {
        (Some(s), Some(e)) => Some(merge::span_class(dates::width(s, e))),
        _ => None,
    };
    exec(
        tx,
        "UPDATE events SET date = ?2, date_start = ?3, date_end = ?4, place = ?5, place_code = ?6, span_class = ?7 WHERE id = ?1",
        params![event, best.0, best.1, best.2, place, place_code, class],
    )?;
    Ok(())
}

/// Recomputes an office's dated bounds from its evidence, or deletes it.
/// Each bound is one seek in an `office_evidence(office, …, date)` index.
pub(crate) fn refresh_office(tx: &Connection, office: i64) -> Result<()> {
    let any: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM office_evidence WHERE office = ?1)")?
        .query_row([office], |r| r.get(0))?;
    if !any {
        exec(tx, "DELETE FROM offices WHERE id = ?1", [office])?;
        return Ok(());
    }
    let one = |sql: &str| -> Result<Option<String>> {
        Ok(tx.prepare_cached(sql)?.query_row([office], |r| r.get(0))?)
    };
    let first = one("SELECT min(date) FROM office_evidence WHERE office = ?1")?;
    let last = one("SELECT max(date) FROM office_evidence WHERE office = ?1")?;
    let start = one(
        "SELECT min(date) FROM office_evidence WHERE office = ?1 AND source = 'appointment'",
    )?;
    let end =
        one("SELECT max(date) FROM office_evidence WHERE office = ?1 AND source = 'removal'")?;
    exec(
        tx,
        "UPDATE offices SET first_seen = ?2, last_seen = ?3, start = ?4, end = ?5 WHERE id = ?1",
        params![office, first, last, start, end],
    )?;
    Ok(())
}

fn role_name(r: Role) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// State while writing one record.
struct Writer<'a> {
    tx: &'a Connection,
    rec: &'a Record,
    chars: Vec<char>,
    regions: &'static Regions,
    /// reference_date, else published (as written).
    ref_date: Option<String>,
    /// Its first day, for dating undated facts.
    ref_day: Option<String>,
    /// Province codes of the document's places (tie-break for persons).
    doc_provinces: HashSet<String>,
    persons: HashMap<String, i64>,
    touched_offices: BTreeSet<i64>,
    touched_events: BTreeSet<i64>,
    n_facts: i64,
    persons_new: usize,
}

impl<'a> Writer<'a> {
    fn new(tx: &'a Connection, rec: &'a Record) -> Self {
        let ref_date = rec.reference_date.clone().or_else(|| rec.published.clone());
        let ref_day = ref_date
            .as_deref()
            .and_then(|d| dates::bounds(d, None))
            .map(|(s, _)| s);
        Writer {
            tx,
            rec,
            chars: rec.text.chars().collect(),
            regions: Regions::get(),
            ref_date,
            ref_day,
            doc_provinces: HashSet::new(),
            persons: HashMap::new(),
            touched_offices: BTreeSet::new(),
            touched_events: BTreeSet::new(),
            n_facts: 0,
            persons_new: 0,
        }
    }

    fn sentence_text(&self, idx: usize) -> String {
        match self.rec.sentences.get(idx) {
            Some(s) => {
                let end = s.span.end.min(self.chars.len());
                let start = s.span.start.min(end);
                self.chars[start..end].iter().collect()
            }
            None => String::new(),
        }
    }

    fn write(mut self, hash: &str, status: IngestStatus) -> Result<IngestOutcome> {
        let rec = self.rec;
        let tx = self.tx;

        // Reprint detection before the document is in the band table.
        let shingles = merge::shingles(&rec.text);
        let sig = merge::fingerprint(&shingles);
        let bands = merge::band_keys(&sig);
        let original = self.find_original(&shingles, &sig, &bands)?;

        let now = now_string();
        let seq: i64 = match status {
            IngestStatus::Replaced => {
                exec(tx, 
                    "UPDATE documents SET url = ?2, title = ?3, published = ?4, ref_date = ?5, content_hash = ?6,
                     text = ?7, fingerprint = ?8, n_facts = 0, ingested_at = ?9 WHERE id = ?1",
                    params![rec.id, rec.url, rec.title, rec.published, self.ref_date, hash, rec.text, merge::fingerprint_hex(&sig), now],
                )?;
                tx.query_row("SELECT seq FROM documents WHERE id = ?1", [&rec.id], |r| {
                    r.get(0)
                })?
            }
            _ => {
                let seq: i64 =
                    tx.prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM documents")?
                        .query_row([], |r| r.get(0))?;
                exec(tx, 
                    "INSERT INTO documents (id, seq, url, title, published, ref_date, content_hash, text, fingerprint, n_facts, ingested_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
                    params![rec.id, seq, rec.url, rec.title, rec.published, self.ref_date, hash, rec.text, merge::fingerprint_hex(&sig), now],
                )?;
                seq
            }
        };
        exec(tx, 
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![
                seq,
                fts::segment(rec.title.as_deref().unwrap_or("")),
                fts::segment(&rec.text)
            ],
        )?;
        {
            let mut st =
                tx.prepare_cached("INSERT OR IGNORE INTO doc_bands (band_key, doc) VALUES (?1, ?2)")?;
            for b in &bands {
                st.execute(params![b, rec.id])?;
            }
        }
        exec(
            tx,
            "INSERT OR REPLACE INTO doc_sigs (doc, sig) VALUES (?1, ?2)",
            params![rec.id, merge::sig_blob(&sig)],
        )?;
        if let Some((orig, sim)) = &original {
            exec(tx, 
                "INSERT INTO reprints (doc, original, similarity) VALUES (?1, ?2, ?3)",
                params![rec.id, orig, sim],
            )?;
        }

        self.collect_doc_regions()?;
        self.resolve_persons()?;
        self.write_offices()?;
        let (events_new, events_merged) =
            self.write_events(original.as_ref().map(|(o, _)| o.as_str()))?;
        self.write_agreement_entities()?;
        self.write_ties()?;

        for o in std::mem::take(&mut self.touched_offices) {
            refresh_office(tx, o)?;
        }
        for e in std::mem::take(&mut self.touched_events) {
            refresh_event(tx, e)?;
        }
        exec(tx, 
            "UPDATE documents SET n_facts = ?2 WHERE id = ?1",
            params![rec.id, self.n_facts],
        )?;
        Ok(IngestOutcome {
            doc: rec.id.clone(),
            status,
            reprint_of: original.map(|(o, _)| o),
            events_new,
            events_merged,
            persons_new: self.persons_new,
        })
    }

    /// The stored document this one is a near-duplicate of (the root of its
    /// reprint chain), with the exact shingle Jaccard.
    ///
    /// Candidates share an LSH band; they are ranked by the number of shared
    /// bands (at most [`MAX_BAND_CANDIDATES`]), then by the Jaccard estimated
    /// from their stored signatures; only the best few get the exact check.
    fn find_original(
        &self,
        shingles: &HashSet<u64>,
        sig: &[u64],
        bands: &[i64],
    ) -> Result<Option<(String, f64)>> {
        let mut cands: Vec<(f64, String)> = Vec::new();
        {
            // At most MAX_ROWS_PER_BAND documents per band: a band shared by
            // thousands of stored documents (a text repeated over and over)
            // would otherwise make every insert read them all.
            let me = bands.len() + 1;
            let per_band: Vec<String> = (1..=bands.len())
                .map(|i| {
                    format!(
                        "SELECT doc FROM (SELECT doc FROM doc_bands WHERE band_key = ?{i} AND doc != ?{me} LIMIT {MAX_ROWS_PER_BAND})"
                    )
                })
                .collect();
            let sql = format!(
                "SELECT c.doc, c.n, s.sig FROM (
                     SELECT b.doc AS doc, count(*) AS n FROM ({}) b
                     GROUP BY b.doc ORDER BY n DESC, b.doc LIMIT {MAX_BAND_CANDIDATES}
                 ) c LEFT JOIN doc_sigs s ON s.doc = c.doc ORDER BY c.n DESC, c.doc",
                per_band.join(" UNION ALL ")
            );
            let mut st = self.tx.prepare_cached(&sql)?;
            let mut args: Vec<&dyn rusqlite::ToSql> =
                bands.iter().map(|b| b as &dyn rusqlite::ToSql).collect();
            args.push(&self.rec.id);
            let rows = st.query_map(args.as_slice(), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<Vec<u8>>>(2)?))
            })?;
            for row in rows {
                let (doc, blob) = row?;
                // No stored signature (should not happen): check exactly.
                let est = blob
                    .map(|b| merge::estimated_jaccard(sig, &merge::sig_from_blob(&b)))
                    .unwrap_or(1.0);
                if est >= merge::REPRINT_ESTIMATE_FLOOR {
                    cands.push((est, doc));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        cands.truncate(merge::REPRINT_EXACT_CHECKS);
        cands.sort_by(|a, b| a.1.cmp(&b.1));
        let mut best: Option<(String, f64)> = None;
        for (_, cand) in cands {
            let text: String = self
                .tx
                .prepare_cached("SELECT text FROM documents WHERE id = ?1")?
                .query_row([&cand], |r| r.get(0))?;
            let j = merge::jaccard(shingles, &merge::shingles(&text));
            if j >= merge::REPRINT_JACCARD && !best.as_ref().is_some_and(|(_, bj)| j <= *bj) {
                best = Some((cand, j));
            }
        }
        let Some((cand, j)) = best else {
            return Ok(None);
        };
        let root: Option<String> = self
            .tx
            .prepare_cached("SELECT original FROM reprints WHERE doc = ?1")?
            .query_row([&cand], |r| r.get(0))
            .optional()?;
        Ok(Some((
            root.filter(|r| r != &self.rec.id).unwrap_or(cand),
            j,
        )))
    }

    fn add_doc_region(&mut self, code: &str) -> Result<()> {
        exec(self.tx, 
            "INSERT OR IGNORE INTO doc_regions (doc, code) VALUES (?1, ?2)",
            params![self.rec.id, code],
        )?;
        if let Some(p) = Regions::province(code) {
            self.doc_provinces.insert(p.to_string());
        }
        Ok(())
    }

    fn collect_doc_regions(&mut self) -> Result<()> {
        let rec = self.rec;
        let mut codes: BTreeSet<String> = BTreeSet::new();
        for e in &rec.entities {
            if e.kind == EntityKind::Region {
                if let Some(c) = e
                    .code
                    .clone()
                    .filter(|c| self.regions.region(c).is_some())
                    .or_else(|| self.regions.resolve(&e.name))
                {
                    codes.insert(c);
                }
            }
        }
        for ev in &rec.events {
            if let Some(c) = ev.place.as_deref().and_then(|p| self.regions.resolve(p)) {
                codes.insert(c);
            }
        }
        for p in &rec.persons {
            for o in &p.offices {
                if let Some(c) = o
                    .office
                    .jurisdiction
                    .as_deref()
                    .and_then(|j| self.regions.resolve(j))
                {
                    codes.insert(c);
                }
            }
        }
        for c in codes {
            self.add_doc_region(&c)?;
        }
        Ok(())
    }

    fn office_key_new(&self, o: &Office) -> OfficeKey {
        let jurisdiction = o.jurisdiction.clone().unwrap_or_default();
        let province = self
            .regions
            .resolve(&jurisdiction)
            .and_then(|c| Regions::province(&c).map(str::to_string));
        OfficeKey {
            jurisdiction,
            province,
            controlled: o.post != "other",
            span: self.ref_day.clone().map(|d| (d.clone(), d)),
        }
    }

    fn stored_office_keys(&self, person: i64) -> Result<Vec<OfficeKey>> {
        let mut st = self.tx.prepare_cached(
            "SELECT jurisdiction, jurisdiction_code, post, coalesce(start, first_seen), coalesce(end, last_seen)
             FROM offices WHERE person = ?1",
        )?;
        let rows = st.query_map([person], |r| {
            let code: Option<String> = r.get(1)?;
            let post: String = r.get(2)?;
            let a: Option<String> = r.get(3)?;
            let b: Option<String> = r.get(4)?;
            Ok(OfficeKey {
                jurisdiction: r.get(0)?,
                province: code
                    .as_deref()
                    .and_then(Regions::province)
                    .map(str::to_string),
                controlled: post != "other",
                span: match (a, b) {
                    (Some(a), Some(b)) => Some((a, b)),
                    (Some(a), None) => Some((a.clone(), a)),
                    (None, Some(b)) => Some((b.clone(), b)),
                    _ => None,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Maps every person name of the record (persons and participants) to a
    /// merged person id, creating persons where no stored one is compatible.
    fn resolve_persons(&mut self) -> Result<()> {
        let rec = self.rec;
        // Names in order of first appearance, with their offices and how.
        let mut order: Vec<String> = Vec::new();
        let mut offices: HashMap<String, Vec<&Office>> = HashMap::new();
        let mut how: HashMap<String, String> = HashMap::new();
        for p in &rec.persons {
            let name = p.name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            if !offices.contains_key(&name) {
                order.push(name.clone());
                how.insert(name.clone(), p.how.clone());
            }
            offices
                .entry(name)
                .or_default()
                .extend(p.offices.iter().map(|o| &o.office));
        }
        for ev in &rec.events {
            for part in &ev.participants {
                let name = part.name.trim().to_string();
                if !name.is_empty() && !offices.contains_key(&name) {
                    order.push(name.clone());
                    how.insert(name.clone(), "participant".into());
                    offices.insert(name, Vec::new());
                }
            }
            if let Some(o) = &ev.office {
                // An appointment localises its subject too.
                for part in &ev.participants {
                    if let Some(v) = offices.get_mut(part.name.trim()) {
                        if !v.contains(&o) {
                            v.push(o);
                        }
                    }
                }
            }
        }
        for name in order {
            let new_keys: Vec<OfficeKey> = offices[&name]
                .iter()
                .map(|o| self.office_key_new(o))
                .collect();
            let cands: Vec<i64> = {
                let mut st = self
                    .tx
                    .prepare_cached("SELECT id FROM persons WHERE name = ?1 ORDER BY id")?;
                let rows = st.query_map([&name], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut best: Option<((u32, bool, i64), i64)> = None;
            for c in cands {
                let old = self.stored_office_keys(c)?;
                let Some(score) = merge::person_score(&new_keys, &old) else {
                    continue;
                };
                let near = old.iter().any(|k| {
                    k.province
                        .as_ref()
                        .is_some_and(|p| self.doc_provinces.contains(p))
                });
                let key = (score, near, -c);
                match &best {
                    Some((bk, _)) if *bk >= key => {}
                    _ => best = Some((key, c)),
                }
            }
            let id = match best {
                Some((_, id)) => id,
                None => {
                    exec(self.tx, "INSERT INTO persons (name) VALUES (?1)", [&name])?;
                    self.persons_new += 1;
                    self.tx.last_insert_rowid()
                }
            };
            exec(self.tx, 
                "INSERT OR IGNORE INTO doc_persons (doc, person, local_name, how) VALUES (?1, ?2, ?3, ?4)",
                params![self.rec.id, id, name, how.get(&name)],
            )?;
            self.persons.insert(name, id);
        }
        Ok(())
    }

    fn upsert_office(&mut self, person: i64, o: &Office) -> Result<i64> {
        let jurisdiction = o.jurisdiction.clone().unwrap_or_default();
        let code = self.regions.resolve(&jurisdiction);
        let title_key = if o.post == "other" {
            o.title.as_str()
        } else {
            ""
        };
        exec(self.tx, 
            "INSERT INTO offices (person, jurisdiction, jurisdiction_code, post, title_key, title)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (person, jurisdiction, post, title_key) DO NOTHING",
            params![person, jurisdiction, code, o.post, title_key, o.title],
        )?;
        let id: i64 = self
            .tx
            .prepare_cached(
                "SELECT id FROM offices WHERE person = ?1 AND jurisdiction = ?2 AND post = ?3 AND title_key = ?4",
            )?
            .query_row(params![person, jurisdiction, o.post, title_key], |r| r.get(0))?;
        self.touched_offices.insert(id);
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    fn office_evidence(
        &mut self,
        office: i64,
        sentence: usize,
        start: usize,
        end: usize,
        text: &str,
        date: Option<&str>,
        source: &str,
    ) -> Result<()> {
        exec(self.tx, 
            "INSERT INTO office_evidence (office, doc, sentence, char_start, char_end, text, date, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![office, self.rec.id, sentence as i64, start as i64, end as i64, text, date, source],
        )?;
        self.n_facts += 1;
        Ok(())
    }

    /// Titles read in the text, dated by an exact-dated event of the same
    /// sentence naming the person, else by the document's reference date. A title
    /// the text puts in the past (原省委书记, 曾任…) dates nothing: the office was
    /// held, but not on the day of the report or of its event; one held "then"
    /// (时任省长) is dated by the sentence's event only.
    fn write_offices(&mut self) -> Result<()> {
        let rec = self.rec;
        let mut sentence_dates: HashMap<(usize, String), String> = HashMap::new();
        for ev in &rec.events {
            let Some(day) = ev
                .date
                .as_deref()
                .and_then(|d| dates::bounds(d, self.ref_date.as_deref()))
                .filter(|(s, e)| s == e)
            else {
                continue;
            };
            for e in &ev.evidence {
                for p in &ev.participants {
                    sentence_dates
                        .entry((e.sentence, p.name.trim().to_string()))
                        .or_insert_with(|| day.0.clone());
                }
            }
        }
        for p in &rec.persons {
            let Some(&pid) = self.persons.get(p.name.trim()) else {
                continue;
            };
            for of in &p.offices {
                let id = self.upsert_office(pid, &of.office)?;
                let event_day = sentence_dates.get(&(of.evidence.sentence, p.name.trim().to_string())).cloned();
                let date = match title_tense(rec, &of.evidence) {
                    Tense::Past => None,
                    Tense::Then => event_day,
                    Tense::Present => event_day.or_else(|| self.ref_day.clone()),
                };
                let ev = &of.evidence;
                self.office_evidence(
                    id,
                    ev.sentence,
                    ev.span.start,
                    ev.span.end,
                    &ev.text,
                    date.as_deref(),
                    "title",
                )?;
            }
        }
        Ok(())
    }

    fn participant_set(&self, event: i64) -> Result<HashSet<i64>> {
        let mut st = self
            .tx
            .prepare_cached("SELECT DISTINCT person FROM event_participants WHERE event = ?1")?;
        let rows = st.query_map([event], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn write_events(&mut self, original: Option<&str>) -> Result<(usize, usize)> {
        let rec = self.rec;
        let (mut new, mut merged) = (0, 0);
        let mut used: HashSet<i64> = HashSet::new();
        for ev in &rec.events {
            let kind = ev.kind.as_str();
            let date_bounds = ev
                .date
                .as_deref()
                .and_then(|d| dates::bounds(d, self.ref_date.as_deref()));
            let place = ev.place.as_deref().map(str::trim).filter(|p| !p.is_empty());
            let place_code = place.and_then(|p| self.regions.resolve(p));
            let persons: HashSet<i64> = ev
                .participants
                .iter()
                .filter_map(|p| self.persons.get(p.name.trim()).copied())
                .collect();
            let texts: HashSet<&str> = ev.evidence.iter().map(|e| e.text.trim()).collect();

            let mut found: Option<(f64, i64)> = None;
            // 1. A reprint's events are its original's events.
            if let Some(orig) = original {
                let cands: Vec<i64> = {
                    let mut st = self.tx.prepare_cached(
                        // From the original's reports to their events (CROSS JOIN keeps
                        // that order): not every event of the type, which grow with the store.
                        "SELECT e.id FROM event_reports r CROSS JOIN events e ON e.id = r.event WHERE r.doc = ?1 AND e.type = ?2 ORDER BY e.id",
                    )?;
                    let rows = st.query_map(params![orig, kind], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                for c in cands {
                    if used.contains(&c) {
                        continue;
                    }
                    let theirs = self.participant_set(c)?;
                    let mut score =
                        merge::event_match_score(&persons, &theirs, None, None).unwrap_or(0.0);
                    // Does the event's evidence hold one of our sentences? First the
                    // original's few rows (an event reprinted ten thousand times has that
                    // many); then, inside SQLite, without reading the rows out, all of them.
                    let shared_text: bool = {
                        let mut st = self.tx.prepare_cached(
                            "SELECT text FROM event_evidence WHERE event = ?1 AND doc = ?2",
                        )?;
                        let rows = st.query_map(params![c, orig], |r| r.get::<_, String>(0))?;
                        let mut any = false;
                        for t in rows {
                            any |= texts.contains(t?.trim());
                        }
                        let mut st = self.tx.prepare_cached(
                            "SELECT EXISTS (SELECT 1 FROM event_evidence WHERE event = ?1 AND (text = ?2 OR trim(text) = ?2))",
                        )?;
                        for t in &texts {
                            if any {
                                break;
                            }
                            any = st.query_row(params![c, t], |r| r.get(0))?;
                        }
                        any
                    };
                    if shared_text {
                        score += 1.0;
                    }
                    if score > 0.0 && !found.is_some_and(|(s, _)| score <= s) {
                        found = Some((score, c));
                    }
                }
            }
            // 2. Same type, overlapping dates, similar participants.
            if found.is_none() {
                if let Some((ds, de)) = &date_bounds {
                    // Only events that share a participant or the place can match
                    // (event_match_score). Both are looked up from the dates' side: one
                    // short index range per width class, then the participant or the place
                    // checked per event. (From a participant's side, a leader's thousands
                    // of events were read for each new one: 13x slower at 100 MB.)
                    let floor = |c: i64| {
                        dates::days(ds)
                            .map(|d| dates::from_days(d - merge::span_class_max(c, MAX_EVENT_SPAN_DAYS)))
                            .unwrap_or_default()
                    };
                    let mut cands: Vec<(i64, Option<String>, Option<String>)> = Vec::new();
                    if !persons.is_empty() {
                        let ids = format!("[{}]", persons.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
                        let mut st = self.tx.prepare_cached(
                            "SELECT id, place, office_post FROM (
                                 SELECT id, place, office_post FROM events
                                 WHERE type = ?1 AND span_class = 0 AND date_start >= ?2 AND date_start <= ?3
                                 UNION ALL
                                 SELECT id, place, office_post FROM events
                                 WHERE type = ?1 AND span_class = 1 AND date_start >= ?4 AND date_start <= ?3 AND date_end >= ?2
                                 UNION ALL
                                 SELECT id, place, office_post FROM events
                                 WHERE type = ?1 AND span_class = 2 AND date_start >= ?5 AND date_start <= ?3 AND date_end >= ?2
                                 UNION ALL
                                 SELECT id, place, office_post FROM events
                                 WHERE type = ?1 AND span_class = 3 AND date_start >= ?6 AND date_start <= ?3 AND date_end >= ?2) e
                             WHERE EXISTS (SELECT 1 FROM event_participants ep
                                           WHERE ep.event = e.id AND ep.person IN (SELECT value FROM json_each(?7)))",
                        )?;
                        let rows = st.query_map(
                            params![kind, ds, de, floor(1), floor(2), floor(3), ids],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )?;
                        cands = rows.collect::<rusqlite::Result<_>>()?;
                    }
                    if let Some(place) = place {
                        // One short index range per width class: a stored range of
                        // class c starting before ds − max(c) cannot reach ds. Ranges
                        // wider than MAX_EVENT_SPAN_DAYS are missed, as before.
                        let mut st = self.tx.prepare_cached(
                            "SELECT id, place, office_post FROM events
                             WHERE type = ?1 AND span_class = 0 AND date_start >= ?2 AND date_start <= ?3 AND place = ?7
                             UNION ALL
                             SELECT id, place, office_post FROM events
                             WHERE type = ?1 AND span_class = 1 AND date_start >= ?4 AND date_start <= ?3 AND date_end >= ?2 AND place = ?7
                             UNION ALL
                             SELECT id, place, office_post FROM events
                             WHERE type = ?1 AND span_class = 2 AND date_start >= ?5 AND date_start <= ?3 AND date_end >= ?2 AND place = ?7
                             UNION ALL
                             SELECT id, place, office_post FROM events
                             WHERE type = ?1 AND span_class = 3 AND date_start >= ?6 AND date_start <= ?3 AND date_end >= ?2 AND place = ?7",
                        )?;
                        let rows = st.query_map(
                            params![kind, ds, de, floor(1), floor(2), floor(3), place],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )?;
                        cands.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
                    }
                    // In id order, as the merge has always tried them (ties go to the oldest).
                    cands.sort_by_key(|c| c.0);
                    cands.dedup_by_key(|c| c.0);
                    for (c, their_place, their_post) in cands {
                        if used.contains(&c) {
                            continue;
                        }
                        if let (Some(a), Some(b)) = (&ev.office, &their_post) {
                            if &a.post != b {
                                continue;
                            }
                        }
                        let theirs = self.participant_set(c)?;
                        if let Some(s) = merge::event_match_score(
                            &persons,
                            &theirs,
                            place,
                            their_place.as_deref(),
                        ) {
                            if !found.is_some_and(|(bs, _)| s <= bs) {
                                found = Some((s, c));
                            }
                        }
                    }
                }
            }

            let event_id = match found {
                Some((_, id)) => {
                    merged += 1;
                    id
                }
                None => {
                    let (oj, op, ot) = match &ev.office {
                        Some(o) => (
                            o.jurisdiction.clone(),
                            Some(o.post.clone()),
                            Some(o.title.clone()),
                        ),
                        None => (None, None, None),
                    };
                    exec(self.tx, 
                        "INSERT INTO events (type, date, date_start, date_end, place, place_code, office_jurisdiction, office_post, office_title, span_class)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        params![
                            kind,
                            ev.date,
                            date_bounds.as_ref().map(|b| &b.0),
                            date_bounds.as_ref().map(|b| &b.1),
                            place,
                            place_code,
                            oj,
                            op,
                            ot,
                            date_bounds
                                .as_ref()
                                .map(|b| merge::span_class(dates::width(&b.0, &b.1)))
                        ],
                    )?;
                    new += 1;
                    self.tx.last_insert_rowid()
                }
            };
            used.insert(event_id);
            self.touched_events.insert(event_id);
            exec(self.tx, 
                "INSERT INTO event_reports (event, doc, date, date_start, date_end, place, place_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    event_id,
                    rec.id,
                    ev.date,
                    date_bounds.as_ref().map(|b| &b.0),
                    date_bounds.as_ref().map(|b| &b.1),
                    place,
                    place_code
                ],
            )?;
            for part in &ev.participants {
                let Some(&pid) = self.persons.get(part.name.trim()) else {
                    continue;
                };
                let mut roles: Vec<String> = part.roles.iter().map(|r| role_name(*r)).collect();
                roles.sort();
                roles.dedup();
                exec(self.tx, 
                    "INSERT INTO event_participants (event, person, doc, roles) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (event, person, doc) DO UPDATE SET roles = roles || ',' || excluded.roles",
                    params![event_id, pid, rec.id, roles.join(",")],
                )?;
            }
            for e in &ev.evidence {
                exec(self.tx, 
                    "INSERT INTO event_evidence (event, doc, sentence, char_start, char_end, text, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![event_id, rec.id, e.sentence as i64, e.span.start as i64, e.span.end as i64, e.text, e.rule],
                )?;
                self.n_facts += 1;
            }
            let first_ev = ev.evidence.first();
            for a in &ev.agreements {
                exec(self.tx, 
                    "INSERT INTO agreements (name, event, doc, sentence, char_start, char_end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        a.trim_matches(['《', '》']),
                        event_id,
                        rec.id,
                        first_ev.map(|e| e.sentence as i64),
                        first_ev.map(|e| e.span.start as i64),
                        first_ev.map(|e| e.span.end as i64),
                        first_ev.map(|e| e.text.as_str())
                    ],
                )?;
            }
            // Appointments and removals give terms their start and end.
            if let (Some(office), EventType::Appointment | EventType::Removal) =
                (&ev.office, ev.kind)
            {
                let source = if ev.kind == EventType::Appointment {
                    "appointment"
                } else {
                    "removal"
                };
                let subjects: Vec<&str> = {
                    let s: Vec<&str> = ev
                        .participants
                        .iter()
                        .filter(|p| p.roles.contains(&Role::Subject))
                        .map(|p| p.name.trim())
                        .collect();
                    if s.is_empty() {
                        ev.participants.iter().map(|p| p.name.trim()).collect()
                    } else {
                        s
                    }
                };
                let date = date_bounds
                    .as_ref()
                    .map(|b| b.0.clone())
                    .or_else(|| self.ref_day.clone());
                for name in subjects {
                    let Some(&pid) = self.persons.get(name) else {
                        continue;
                    };
                    let oid = self.upsert_office(pid, office)?;
                    for e in &ev.evidence {
                        self.office_evidence(
                            oid,
                            e.sentence,
                            e.span.start,
                            e.span.end,
                            &e.text,
                            date.as_deref(),
                            source,
                        )?;
                    }
                }
            }
        }
        Ok((new, merged))
    }

    /// Plans and agreements named anywhere in the text (《…》 entities).
    fn write_agreement_entities(&mut self) -> Result<()> {
        let rec = self.rec;
        for ent in rec
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Agreement)
        {
            let name = ent.name.trim_matches(['《', '》']);
            if name.is_empty() {
                continue;
            }
            if let Some(m) = ent.mentions.first() {
                exec(self.tx, 
                    "INSERT INTO agreements (name, event, doc, sentence, char_start, char_end, text) VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6)",
                    params![name, rec.id, m.sentence as i64, m.span.start as i64, m.span.end as i64, self.sentence_text(m.sentence)],
                )?;
            }
        }
        Ok(())
    }

    fn write_ties(&mut self) -> Result<()> {
        let rec = self.rec;
        for (i, s) in rec.sentences.iter().enumerate() {
            let text = self.sentence_text(i);
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for kw in TIE_KEYWORDS {
                for (byte_pos, _) in text.match_indices(kw) {
                    let start = s.span.start + text[..byte_pos].chars().count();
                    let end = start + kw.chars().count();
                    // 结对 inside 结对帮扶 is one tie, not two.
                    if taken.iter().any(|&(a, b)| start < b && a < end) {
                        continue;
                    }
                    taken.push((start, end));
                    exec(self.tx, 
                        "INSERT INTO ties (doc, keyword, sentence, char_start, char_end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![rec.id, kw, i as i64, start as i64, end as i64, text],
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// UTC time of ingest, `YYYY-MM-DDTHH:MM:SSZ` (no clock crate needed).
fn now_string() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        dates::from_days(secs.div_euclid(86_400)),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
