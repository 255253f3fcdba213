//! Versioned migrations, embedded in the binary and applied in order.
//!
//! `PRAGMA user_version` holds the number of migrations applied; each one
//! runs in its own transaction together with the version bump, so a crash
//! during a migration leaves the previous version intact.

use rusqlite::Connection;

use crate::Result;

/// Migration scripts, in order; migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_fast_ingest.sql"),
    include_str!("../migrations/0003_query_indexes.sql"),
    include_str!("../migrations/0004_office_evidence_span.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Connection settings, then pending migrations.
pub fn prepare(conn: &mut Connection) -> Result<()> {
    // WAL: readers (queries) do not block the writer (ingest), and a commit
    // is one append, which keeps kill -9 recovery cheap and safe.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // synchronous=NORMAL under WAL: a commit appends to the WAL without an
    // fsync; the WAL is synced at checkpoints. A process crash (kill -9)
    // loses nothing committed and never corrupts the file; only a power
    // loss or OS crash may roll back the last few committed documents,
    // which a rerun of the ingest re-adds (same content hash → skipped
    // otherwise). That durability trade-off buys one fsync per checkpoint
    // instead of one per document.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Larger page cache and statement cache for the one writer.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(128);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    migrate(conn)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(crate::Error::Invalid(format!(
            "database schema version {current} is newer than this build ({SCHEMA_VERSION})"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
