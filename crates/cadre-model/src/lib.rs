//! Shared types of the Cadre pipeline: what every stage reads and writes.
//!
//! - [`SourceDoc`]: a document as ingested (title, date, authors, main text).
//! - [`Span`]: a character range in the ORIGINAL text of a document.
//! - [`Record`]: the full extraction of one document (`cadre extract --format full`).
//! - [`GoldRecord`]: its projection to `cadre-gold/1` (`--format gold`).
//!
//! Offsets are counted in Unicode scalar values (chars) of `SourceDoc::text`,
//! because that is what a reader of the JSON output can check in any language.

use serde::{Deserialize, Serialize};

/// A document as the ingest stage delivers it, before normalisation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SourceDoc {
    /// The JSONL id, else the path (or `-` for stdin).
    pub id: String,
    /// URL where known (JSONL `url`, HTML canonical link).
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD` where the source says it.
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The main text as extracted, before normalisation.
    pub text: String,
}

/// A half-open range `[start, end)` of chars in the original text.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Where a fact was read: the sentence that says it and the exact words.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// Index of the sentence in [`Record::sentences`].
    pub sentence: usize,
    /// The words that triggered the fact, in the original text.
    pub span: Span,
    /// The original text of the whole sentence.
    pub text: String,
    /// Name of the rule or lexicon entry that fired (for `--explain`).
    pub rule: String,
}

/// The controlled posts of ANNOTATION.md, plus `other`.
pub const CONTROLLED_POSTS: &[&str] = &[
    "general_secretary",
    "state_president",
    "state_vice_president",
    "cmc_chair",
    "politburo_standing_committee",
    "politburo_member",
    "party_secretary",
    "party_deputy_secretary",
    "party_standing_committee",
    "government_head",
    "deputy_government_head",
    "congress_chair",
    "congress_vice_chair",
    "cppcc_chair",
    "cppcc_vice_chair",
    "discipline_secretary",
];

/// An office as a document attributes it to a person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Office {
    /// `中央`, a region's full name, another body's name as written, or null.
    pub jurisdiction: Option<String>,
    /// A controlled post or `other`.
    pub post: String,
    /// The title as written (Simplified).
    pub title: String,
}

/// An office with the place it was read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OfficeFact {
    #[serde(flatten)]
    pub office: Office,
    pub evidence: Evidence,
}

/// Kinds of entity Cadre recognises.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Region,
    Organisation,
    Collective,
    Agreement,
    Time,
    /// A person's name heading a doctrine (邓小平 in 邓小平理论): a name, not a person of
    /// the story.
    Eponym,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// The text as written in the original document.
    pub text: String,
    pub sentence: usize,
}

/// An entity with all its mentions in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Canonical (Simplified) name: a person's name, a region's full name, …
    pub name: String,
    /// Region code (2023) for regions; a normalised value for times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub mentions: Vec<Mention>,
}

/// A person with the offices the document gives them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PersonRecord {
    pub name: String,
    /// `official`, `byline`, `photo`, `foreign`, `mentioned`.
    pub how: String,
    pub offices: Vec<OfficeFact>,
}

/// Role of a participant in an event.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    Speaker,
    Briefer,
    Attendee,
    Host,
    Guest,
    Leader,
    Member,
    Signer,
    Witness,
    Subject,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Participant {
    pub name: String,
    pub roles: Vec<Role>,
}

/// Event types of ANNOTATION.md.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Meeting,
    Visit,
    Signing,
    Appointment,
    Removal,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::Visit => "visit",
            EventType::Signing => "signing",
            EventType::Appointment => "appointment",
            EventType::Removal => "removal",
        }
    }
}

/// One real-world occurrence, however often the text mentions it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `XXXX-MM-DD`, or `START/END`.
    pub date: Option<String>,
    /// A region's full name, or a foreign place as written.
    pub place: Option<String>,
    pub participants: Vec<Participant>,
    /// Collective actors (代表团, 两省区).
    pub collectives: Vec<String>,
    /// Sites a visit went to (companies, parks, villages).
    pub sites: Vec<String>,
    /// Named agreements (without 《》).
    pub agreements: Vec<String>,
    /// The number of agreements where the text gives it (等4个).
    pub agreement_count: Option<u32>,
    /// Office taken or left (appointment, removal).
    pub office: Option<Office>,
    /// Every sentence that reports this occurrence.
    pub evidence: Vec<Evidence>,
}

/// Who said what (extra output, not a gold event).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Statement {
    pub speaker: String,
    pub verb: String,
    pub content: String,
    pub evidence: Evidence,
}

/// A sentence of the original text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SentenceRef {
    pub span: Span,
}

/// Cadre's full record of one document (`cadre extract --format full`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The reference date every relative date was resolved against, and where it came from.
    pub reference_date: Option<String>,
    pub reference_source: Option<String>,
    pub text: String,
    pub sentences: Vec<SentenceRef>,
    pub entities: Vec<Entity>,
    pub persons: Vec<PersonRecord>,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
}

/// `cadre-gold/1` record (ANNOTATION.md).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GoldRecord {
    pub id: String,
    pub persons: Vec<GoldPerson>,
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GoldPerson {
    pub name: String,
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub date: Option<String>,
    pub place: Option<String>,
    pub persons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub office: Option<Office>,
}

impl Record {
    /// Every person's name the text mentions, as named-entity recognition counts them:
    /// the persons (bylines and photo credits too), and the names heading a doctrine
    /// (邓小平 in 邓小平理论), which are names though not persons of the story. In order
    /// of first mention, each once.
    pub fn names_mentioned(&self) -> Vec<String> {
        let first_mention = |name: &str| {
            self.entities
                .iter()
                .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Eponym) && e.name == name)
                .flat_map(|e| e.mentions.iter().map(|m| m.span.start))
                .min()
                .unwrap_or(usize::MAX)
        };
        let persons = self.persons.iter().map(|p| p.name.as_str());
        let eponyms = self.entities.iter().filter(|e| e.kind == EntityKind::Eponym).map(|e| e.name.as_str());
        let mut names: Vec<(usize, &str)> = Vec::new();
        for name in persons.chain(eponyms) {
            if !names.iter().any(|(_, n)| *n == name) {
                names.push((first_mention(name), name));
            }
        }
        names.sort_by_key(|(pos, _)| *pos);
        names.into_iter().map(|(_, n)| n.to_string()).collect()
    }

    /// Projects the full record to `cadre-gold/1`.
    pub fn to_gold(&self) -> GoldRecord {
        let persons = self
            .persons
            .iter()
            .map(|p| {
                let mut offices: Vec<Office> = Vec::new();
                for o in &p.offices {
                    if !offices.contains(&o.office) {
                        offices.push(o.office.clone());
                    }
                }
                GoldPerson { name: p.name.clone(), offices }
            })
            .collect();
        let events = self
            .events
            .iter()
            .map(|e| GoldEvent {
                kind: e.kind,
                date: e.date.clone(),
                place: e.place.clone(),
                persons: e.participants.iter().map(|p| p.name.clone()).collect(),
                office: e.office.clone(),
            })
            .collect();
        GoldRecord { id: self.id.clone(), persons, events }
    }
}
