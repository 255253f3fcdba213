//! Result types of the queries: all serialisable (one JSON object per result
//! for `--json`), all with a `Display` for the human-readable output.

use std::fmt;

use cadre_model::Office;
use serde::{Deserialize, Serialize};

/// Where a fact was read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EvidenceRef {
    pub doc: String,
    /// Index of the sentence in the document's record.
    pub sentence: usize,
    /// Char offsets `[start, end)` in the document's original text.
    pub start: usize,
    pub end: usize,
    /// The whole sentence.
    pub text: String,
    /// The date this evidence dates the fact to (office evidence).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
}

/// What ingesting one record did.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum IngestStatus {
    /// A new document.
    Inserted,
    /// Known id, changed content hash: its facts were replaced.
    Replaced,
    /// Known id, same content hash: nothing done.
    Skipped,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IngestOutcome {
    pub doc: String,
    pub status: IngestStatus,
    /// The document this one is a near-duplicate of.
    pub reprint_of: Option<String>,
    /// Events created / events of other documents this one added evidence to.
    pub events_new: usize,
    pub events_merged: usize,
    /// Persons created (not merged into a stored one).
    pub persons_new: usize,
}

/// An office held by a person: a term, with its dated bounds and evidence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TermHit {
    pub person_id: i64,
    pub name: String,
    pub jurisdiction: String,
    pub jurisdiction_code: Option<String>,
    pub post: String,
    pub title: String,
    /// First and last dated evidence of the office.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// From an appointment / a removal event.
    pub start: Option<String>,
    pub end: Option<String>,
    /// For `who --on`: `within` the term, or the nearest evidence is `before`/`after` the date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub relation: Option<String>,
    /// For `who --on`: days from the date to the term (0 within).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub distance_days: Option<i64>,
    /// How many evidence rows the office has; `evidence` holds a selection
    /// in queries (the nearest to `--on`, else the first and last) and all
    /// of them in exports.
    pub evidence_total: usize,
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ParticipantHit {
    pub person_id: i64,
    pub name: String,
    pub roles: Vec<String>,
}

/// A merged event with everything the documents say about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventHit {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub place: Option<String>,
    pub place_code: Option<String>,
    pub participants: Vec<ParticipantHit>,
    pub agreements: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub office: Option<Office>,
    /// Documents reporting the event.
    pub docs: Vec<String>,
    pub evidence: Vec<EvidenceRef>,
}

/// A person sharing events with another, and how many.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Counterpart {
    pub person_id: i64,
    pub name: String,
    pub count: usize,
}

/// One merged individual: offices over time, events in date order, counterparts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PersonReport {
    pub id: i64,
    pub name: String,
    pub offices: Vec<TermHit>,
    /// The person's events (at most the query's limit: the most recent ones),
    /// by date ascending.
    pub events: Vec<EventHit>,
    /// How many events the person has in all (`events` may hold fewer).
    #[serde(default)]
    pub events_total: usize,
    /// Counted over all the person's events, not only those in `events`.
    pub counterparts: Vec<Counterpart>,
}

impl PersonReport {
    /// Events left out by the limit (all earlier than those shown).
    pub fn events_omitted(&self) -> usize {
        self.events_total.saturating_sub(self.events.len())
    }
}

/// Filter of `events`: every field given must hold (regions: all of them).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EventFilter {
    /// `meeting`, `visit`, `signing`, `appointment`, `removal`.
    pub kind: Option<String>,
    /// A person's name (any merged individual of that name).
    pub person: Option<String>,
    /// Region names or codes; an event matches a region when its place is in
    /// it or one of its participants holds an office there.
    pub regions: Vec<String>,
    /// Inclusive `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) bounds.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A cooperation tie named in a document mentioning both sides.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TieHit {
    pub keyword: String,
    pub date: Option<String>,
    pub evidence: EvidenceRef,
}

/// Relationship timeline of two regions or two persons.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BetweenReport {
    /// `regions` or `persons`.
    pub mode: String,
    pub a: String,
    pub b: String,
    pub a_code: Option<String>,
    pub b_code: Option<String>,
    /// Meetings, visits and signings, by date ascending (at most the
    /// query's limit: the most recent ones).
    pub events: Vec<EventHit>,
    /// How many events there are in all (`events` may hold fewer).
    #[serde(default)]
    pub events_total: usize,
    /// Cooperation ties, by date ascending (at most the limit: the most recent).
    pub ties: Vec<TieHit>,
    /// How many (distinct) ties there are in all.
    #[serde(default)]
    pub ties_total: usize,
}

impl BetweenReport {
    /// Events left out by the limit (all earlier than those shown).
    pub fn events_omitted(&self) -> usize {
        self.events_total.saturating_sub(self.events.len())
    }
    /// Ties left out by the limit (all earlier than those shown).
    pub fn ties_omitted(&self) -> usize {
        self.ties_total.saturating_sub(self.ties.len())
    }
}

/// An earlier fact that explains an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackgroundItem {
    /// `prior_event` (same regions or persons), `central_visit`, or `agreement`.
    pub kind: String,
    /// Why it was selected, e.g. `regions 44,45` or `persons 黄坤明`.
    pub reason: String,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event: Option<EventHit>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub agreement: Option<String>,
    pub evidence: Vec<EvidenceRef>,
}

/// A document matching a search, with the facts read in it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchHit {
    pub doc: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Text around the first match in the original text.
    pub snippet: String,
    /// FTS5 bm25 rank (lower is better).
    pub rank: f64,
    /// Persons with the offices the document gives them (`name (title)`).
    pub persons: Vec<String>,
    /// Events with evidence in this document.
    pub events: Vec<EventHit>,
}

/// Counts of the main tables.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    pub reprints: usize,
    pub persons: usize,
    pub offices: usize,
    pub events: usize,
    pub event_evidence: usize,
}

/// Export formats (see export.rs).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Graphml,
    Plover,
}

impl std::str::FromStr for ExportFormat {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            "graphml" => Ok(ExportFormat::Graphml),
            "plover" => Ok(ExportFormat::Plover),
            _ => Err(crate::Error::Invalid(format!(
                "unknown export format {s:?} (jsonl, csv, graphml, plover)"
            ))),
        }
    }
}

// ---- human-readable output ----

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("?")
}

impl fmt::Display for EvidenceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{} s{} {}..{}] {}",
            self.doc,
            self.sentence,
            self.start,
            self.end,
            self.text.trim()
        )
    }
}

impl fmt::Display for TermHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let juris = if self.jurisdiction.is_empty() {
            "-"
        } else {
            &self.jurisdiction
        };
        write!(
            f,
            "{} (#{}) {} {} «{}»",
            self.name, self.person_id, juris, self.post, self.title
        )?;
        write!(
            f,
            "  seen {} .. {}",
            opt(&self.first_seen),
            opt(&self.last_seen)
        )?;
        if self.start.is_some() || self.end.is_some() {
            write!(f, "  term {} .. {}", opt(&self.start), opt(&self.end))?;
        }
        if let Some(rel) = &self.relation {
            write!(f, "  [{rel}")?;
            if let Some(d) = self.distance_days {
                if d > 0 {
                    write!(f, ", {d} days")?;
                }
            }
            write!(f, "]")?;
        }
        for e in &self.evidence {
            write!(f, "\n    {e}")?;
        }
        Ok(())
    }
}

impl fmt::Display for EventHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {} {} @ {}",
            self.id,
            opt(&self.date),
            self.kind,
            opt(&self.place)
        )?;
        if !self.participants.is_empty() {
            let ps: Vec<String> = self
                .participants
                .iter()
                .map(|p| {
                    if p.roles.is_empty() {
                        p.name.clone()
                    } else {
                        format!("{}({})", p.name, p.roles.join(","))
                    }
                })
                .collect();
            write!(f, "  {}", ps.join(" "))?;
        }
        if let Some(o) = &self.office {
            write!(
                f,
                "  office: {} {} «{}»",
                o.jurisdiction.as_deref().unwrap_or("-"),
                o.post,
                o.title
            )?;
        }
        if !self.agreements.is_empty() {
            write!(
                f,
                "  agreements: {}",
                self.agreements
                    .iter()
                    .map(|a| format!("《{a}》"))
                    .collect::<String>()
            )?;
        }
        write!(
            f,
            "  ({} doc{})",
            self.docs.len(),
            if self.docs.len() == 1 { "" } else { "s" }
        )?;
        for e in &self.evidence {
            write!(f, "\n    {e}")?;
        }
        Ok(())
    }
}

impl fmt::Display for PersonReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} (#{})", self.name, self.id)?;
        writeln!(f, "  offices:")?;
        for o in &self.offices {
            let juris = if o.jurisdiction.is_empty() {
                "-"
            } else {
                &o.jurisdiction
            };
            writeln!(
                f,
                "    {} {} «{}»  seen {} .. {}{}",
                juris,
                o.post,
                o.title,
                opt(&o.first_seen),
                opt(&o.last_seen),
                match (&o.start, &o.end) {
                    (None, None) => String::new(),
                    _ => format!("  term {} .. {}", opt(&o.start), opt(&o.end)),
                }
            )?;
        }
        writeln!(f, "  events:")?;
        let omitted = self.events_omitted();
        if omitted > 0 {
            writeln!(f, "    … and {omitted} earlier events (use --limit)")?;
        }
        for e in &self.events {
            let others: Vec<&str> = e
                .participants
                .iter()
                .filter(|p| p.person_id != self.id)
                .map(|p| p.name.as_str())
                .collect();
            writeln!(
                f,
                "    #{} {} {} @ {}  {}",
                e.id,
                opt(&e.date),
                e.kind,
                opt(&e.place),
                others.join(" ")
            )?;
        }
        write!(f, "  counterparts:")?;
        for c in &self.counterparts {
            write!(f, " {}×{}", c.name, c.count)?;
        }
        Ok(())
    }
}

impl fmt::Display for TieHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}  {}", opt(&self.date), self.keyword, self.evidence)
    }
}

impl fmt::Display for BetweenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ↔ {} ({})", self.a, self.b, self.mode)?;
        writeln!(f, "events:")?;
        let omitted = self.events_omitted();
        if omitted > 0 {
            writeln!(f, "  … and {omitted} earlier events (use --limit)")?;
        }
        for e in &self.events {
            writeln!(f, "  {}", e.to_string().replace('\n', "\n  "))?;
        }
        write!(f, "cooperation ties:")?;
        let omitted = self.ties_omitted();
        if omitted > 0 {
            write!(f, "\n  … and {omitted} earlier ties (use --limit)")?;
        }
        for t in &self.ties {
            write!(f, "\n  {t}")?;
        }
        Ok(())
    }
}

impl fmt::Display for BackgroundItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", opt(&self.date), self.kind, self.reason)?;
        if let Some(a) = &self.agreement {
            write!(f, " 《{a}》")?;
        }
        if let Some(e) = &self.event {
            write!(f, "\n  {}", e.to_string().replace('\n', "\n  "))?;
        } else {
            for e in &self.evidence {
                write!(f, "\n    {e}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for SearchHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}\n  …{}…",
            self.doc,
            opt(&self.published),
            self.title.as_deref().unwrap_or(""),
            self.snippet
        )?;
        if !self.persons.is_empty() {
            write!(f, "\n  persons: {}", self.persons.join("、"))?;
        }
        for e in &self.events {
            write!(
                f,
                "\n  #{} {} {} @ {}",
                e.id,
                opt(&e.date),
                e.kind,
                opt(&e.place)
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents ({} reprints), {} persons, {} offices, {} events ({} evidence rows)",
            self.documents,
            self.reprints,
            self.persons,
            self.offices,
            self.events,
            self.event_evidence
        )
    }
}

/// `render_text` for every result type: the `Display` output.
pub trait RenderText {
    fn render_text(&self) -> String;
}

impl<T: fmt::Display> RenderText for T {
    fn render_text(&self) -> String {
        self.to_string()
    }
}
