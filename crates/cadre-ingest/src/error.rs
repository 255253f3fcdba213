//! The one error type of the crate.

use std::fmt;

/// What went wrong with a document, without the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Binary,
    Encoding,
    Empty,
    TooLarge,
    MalformedJsonl,
    Io,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Binary => "binary file",
            ErrorKind::Encoding => "invalid encoding",
            ErrorKind::Empty => "empty document",
            ErrorKind::TooLarge => "too large",
            ErrorKind::MalformedJsonl => "malformed jsonl",
            ErrorKind::Io => "unreadable path",
        })
    }
}

/// An error about one document. Every message starts with the document's name
/// (`path`, `path:line` for a JSONL line, `-` for stdin), so a caller can print it
/// as is and carry on with the next document.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{doc}: binary file (NUL bytes in the first 8 KiB)")]
    Binary { doc: String },
    #[error("{doc}: invalid encoding ({detail})")]
    Encoding { doc: String, detail: String },
    #[error("{doc}: empty document")]
    Empty { doc: String },
    #[error("{doc}: too large ({size} bytes, the limit is {limit} bytes)", limit = crate::MAX_DOC_BYTES)]
    TooLarge { doc: String, size: u64 },
    /// `doc` is `path:line`; `line` is 1-based.
    #[error("{doc}: malformed jsonl line {line}: {detail}")]
    MalformedJsonl {
        doc: String,
        line: usize,
        detail: String,
    },
    #[error("{doc}: unreadable path: {source}")]
    Io {
        doc: String,
        #[source]
        source: std::io::Error,
    },
}

impl IngestError {
    /// The name of the document the error is about.
    pub fn doc(&self) -> &str {
        match self {
            IngestError::Binary { doc }
            | IngestError::Encoding { doc, .. }
            | IngestError::Empty { doc }
            | IngestError::TooLarge { doc, .. }
            | IngestError::MalformedJsonl { doc, .. }
            | IngestError::Io { doc, .. } => doc,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            IngestError::Binary { .. } => ErrorKind::Binary,
            IngestError::Encoding { .. } => ErrorKind::Encoding,
            IngestError::Empty { .. } => ErrorKind::Empty,
            IngestError::TooLarge { .. } => ErrorKind::TooLarge,
            IngestError::MalformedJsonl { .. } => ErrorKind::MalformedJsonl,
            IngestError::Io { .. } => ErrorKind::Io,
        }
    }
}
