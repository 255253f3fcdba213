//! Ingest: placeholder, being written.
