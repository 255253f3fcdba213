//! Cadre's knowledge base: stores the full [`Record`]s of many documents in
//! SQLite, merges what they say, and answers who / person / events / between /
//! background / search queries, each fact with its evidence.
//!
//! # Main types
//! - [`KnowledgeBase`]: the storage interface the CLI programs against, so a
//!   server database can be added later; [`SqliteStore`] implements it over
//!   one SQLite file (bundled library, WAL, foreign keys, versioned
//!   migrations in `migrations/`, see [`schema`]).
//! - Results: [`IngestOutcome`], [`TermHit`], [`PersonReport`], [`EventHit`],
//!   [`BetweenReport`], [`BackgroundItem`], [`SearchHit`]; all `Serialize`
//!   (JSON Lines output) and `Display` (human output, see [`RenderText`]).
//! - [`EventFilter`], [`ExportFormat`]; [`regions::Regions`], the gazetteer
//!   of `data/regions.tsv`.
//!
//! # Ingest
//! [`KnowledgeBase::ingest_record`] writes one document in ONE transaction,
//! [`KnowledgeBase::ingest_batch`] several in one transaction with a savepoint
//! each, so an ingest killed at any moment leaves the database as it was after
//! the last whole document or batch. Same id and hash → skipped; same id, new hash → the
//! document's facts are deleted and re-read; new id → inserted.
//!
//! # Merging rules
//! - **Reprints**: a document whose 5-character shingle set has Jaccard
//!   ≥ 0.8 with a stored one (candidates by MinHash LSH, then exact Jaccard)
//!   is linked in `reprints(doc, original)`. Its events are first matched
//!   against the original's events (same type and participant Jaccard ≥ 0.5
//!   or a shared evidence sentence), so a reprint adds evidence, not events.
//! - **Events**: same type, overlapping date bounds (`2024-02` overlaps
//!   `2024-02-27`), participant sets with Jaccard ≥ 0.5, or both without
//!   participants and the same place → one event with evidence from each
//!   document. Undated events merge only with their reprint's events. Two
//!   events of one record are never merged (the extractor already did that).
//! - **Persons**: the same name and compatible offices is one person:
//!   compatible = they share a province (region code prefix) or a
//!   jurisdiction, or one side has no regional office, or (career move) all
//!   their regional posts are controlled posts ≥ 2 years apart. Two 王伟
//!   leading different provinces at the same time stay apart. Among several
//!   compatible candidates the best score wins, then the one sharing a
//!   province with the document's places, then the oldest.
//! - **Terms**: an office's first/last seen are the min/max dates of its
//!   evidence: the date of an event of the same sentence when exact, else the
//!   document's reference date (`reference_date`, else `published`); start
//!   and end come from appointment and removal events.
//!
//! Writes go through one connection; a parallel ingest extracts in
//! parallel and sends records to one writer (SQLite has one writer at a
//! time; WAL lets queries run meanwhile).
//!
//! # Full-text search
//! FTS5 over a unigram-segmented copy of each document (see [`fts`]).

pub mod dates;
mod export;
pub mod fts;
mod ingest;
pub mod merge;
mod query;
pub mod regions;
pub mod schema;
mod types;

use std::fmt;
use std::io::Write;
use std::path::Path;

pub use cadre_model::Record;
use rusqlite::Connection;
pub use types::*;

/// Errors of the store.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
    Json(serde_json::Error),
    /// A bad argument or record.
    Invalid(String),
    NotFound(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "database: {e}"),
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Json(e) => write!(f, "json: {e}"),
            Error::Invalid(m) => write!(f, "invalid: {m}"),
            Error::NotFound(m) => write!(f, "not found: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            Error::Io(e) => Some(e),
            Error::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The default number of results per list of `person` and `between` (the
/// most recent ones): a busy official has thousands of events in a large
/// store, and loading them all takes far longer than answering.
pub const DEFAULT_LIMIT: usize = 100;

/// The operations of a knowledge base, whatever stores it.
pub trait KnowledgeBase {
    /// Stores one document's record in one transaction (see the crate docs).
    fn ingest_record(&mut self, rec: &Record, content_hash: &str) -> Result<IngestOutcome>;
    /// Stores several records, one outcome per record in order: a record that fails is
    /// not stored and the others are. A store may commit them together (SQLite does, with
    /// a savepoint per record); the outer error is a failure of the whole batch.
    fn ingest_batch(&mut self, items: &[(&Record, &str)]) -> Result<Vec<Result<IngestOutcome>>> {
        Ok(items.iter().map(|&(rec, hash)| self.ingest_record(rec, hash)).collect())
    }
    /// Who held `post` (a controlled post or `other`) in `jurisdiction` (a
    /// region name, short form or code, `中央`, or a body as written), ranked
    /// for the date `on` when given, else most recent first.
    fn who(&self, jurisdiction: &str, post: &str, on: Option<&str>) -> Result<Vec<TermHit>>;
    /// One report per merged individual named `name`, with at most `limit`
    /// events each (the most recent; `0` = all; see [`DEFAULT_LIMIT`]).
    fn person(&self, name: &str, limit: usize) -> Result<Vec<PersonReport>>;
    /// Events matching a filter, by date ascending.
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventHit>>;
    /// Timeline of two regions (if both names resolve to regions) or two
    /// persons, with at most `limit` events and `limit` ties (the most
    /// recent; `0` = all; see [`DEFAULT_LIMIT`]).
    fn between(&self, a: &str, b: &str, limit: usize) -> Result<BetweenReport>;
    /// Earlier facts explaining an event, by date descending.
    fn background(&self, event_id: i64) -> Result<Vec<BackgroundItem>>;
    /// Full-text search (Chinese-aware), best first.
    fn search(&self, text: &str) -> Result<Vec<SearchHit>>;
    /// Writes the whole knowledge base in a format (see [`ExportFormat`]).
    fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<()>;
    /// Counts of documents, persons, events, …
    fn stats(&self) -> Result<Stats>;
}

/// The SQLite implementation of [`KnowledgeBase`].
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) a database file and migrates it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let mut conn = Connection::open(path)?;
        schema::prepare(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// Opens an existing database for queries only (no migrations); fails if
    /// its schema version is not this build's.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if v != schema::SCHEMA_VERSION {
            return Err(Error::Invalid(format!(
                "database schema version {v}, this build reads {}: open it read-write once to migrate",
                schema::SCHEMA_VERSION
            )));
        }
        Ok(SqliteStore { conn })
    }

    /// A store in memory (tests, `cadre demo`).
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        schema::prepare(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// The underlying connection, for read-only inspection (tests, tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A content hash for [`KnowledgeBase::ingest_record`] when the caller has
/// none: 128 bits from two FNV-1a variants, hex. Detects changes; it is not
/// a cryptographic hash.
pub fn content_hash(text: &str) -> String {
    let mut a: u64 = 0xcbf29ce484222325;
    let mut b: u64 = 0x84222325cbf29ce4;
    for byte in text.as_bytes() {
        a = (a ^ *byte as u64).wrapping_mul(0x100000001b3);
        b = (b ^ (*byte as u64).rotate_left(3)).wrapping_mul(0x100000001b3 ^ 0x5bd1e995);
    }
    format!("{a:016x}{b:016x}")
}

impl KnowledgeBase for SqliteStore {
    fn ingest_record(&mut self, rec: &Record, content_hash: &str) -> Result<IngestOutcome> {
        ingest::ingest(&mut self.conn, rec, content_hash)
    }
    fn ingest_batch(&mut self, items: &[(&Record, &str)]) -> Result<Vec<Result<IngestOutcome>>> {
        ingest::ingest_batch(&mut self.conn, items)
    }
    fn who(&self, jurisdiction: &str, post: &str, on: Option<&str>) -> Result<Vec<TermHit>> {
        query::who::who(&self.conn, jurisdiction, post, on)
    }
    fn person(&self, name: &str, limit: usize) -> Result<Vec<PersonReport>> {
        query::person::person(&self.conn, name, limit)
    }
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventHit>> {
        query::events::events(&self.conn, filter)
    }
    fn between(&self, a: &str, b: &str, limit: usize) -> Result<BetweenReport> {
        query::between::between(&self.conn, a, b, limit)
    }
    fn background(&self, event_id: i64) -> Result<Vec<BackgroundItem>> {
        query::background::background(&self.conn, event_id)
    }
    fn search(&self, text: &str) -> Result<Vec<SearchHit>> {
        query::search::search(&self.conn, text)
    }
    fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
        export::export(&self.conn, format, out)
    }
    fn stats(&self) -> Result<Stats> {
        query::stats(&self.conn)
    }
}
