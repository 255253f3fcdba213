//! Ingest: the first stage of Cadre. Reads documents into [`SourceDoc`]s.
//!
//! - [`read_paths`] streams documents from files, directories (recursive, sorted)
//!   and `-` (stdin); [`read_bytes`] does the same for bytes in memory.
//! - [`Format`] says how bytes are read; [`format_of`] picks it from a file name,
//!   and [`Format::Auto`] sniffs the content (JSONL, HTML, Markdown, else text).
//! - [`IngestError`] reports one bad document; reading carries on with the rest.
//!   No document may exceed [`MAX_DOC_BYTES`].
//!
//! HTML is decoded with a verified charset (see `charset`), then its main text is
//! extracted with a readability-like scorer tuned for Chinese news (see `html`).
//!
//! ```
//! use cadre_ingest::{read_bytes, Format};
//! let md = "# 省委常委会召开会议\n\n**撰文丨张三 李四**\n\n省委书记主持会议并讲话。\n";
//! let docs = read_bytes("a.md", md.as_bytes(), Format::Markdown);
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.title.as_deref(), Some("省委常委会召开会议"));
//! assert_eq!(doc.authors, ["张三", "李四"]);
//! assert!(doc.text.contains("省委书记主持会议并讲话。"));
//! ```

mod charset;
mod dates;
mod error;
mod html;
mod jsonl;
mod markdown;
mod read;
mod text;

use std::path::Path;

pub use cadre_model::SourceDoc;
pub use error::{ErrorKind, IngestError};
pub use read::read_paths;

/// The largest document accepted, in bytes (20 MiB). Bigger inputs are almost
/// always dumps or binaries, and the later stages are not built for them.
/// For JSONL the limit applies to each line, not to the file.
pub const MAX_DOC_BYTES: u64 = 20 * 1024 * 1024;

/// How the bytes of a document are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text; the first short line is taken as the title.
    Txt,
    /// Markdown in the style of news reposts: `#` title, bold byline, images.
    Markdown,
    /// A saved web page: charset detection and main-text extraction.
    Html,
    /// One JSON object `{"id","url","text"}` per line, each a document.
    Jsonl,
    /// Sniffed from the content.
    Auto,
}

/// The format a file's extension implies; [`Format::Auto`] when unknown (and for `-`).
pub fn format_of(path: &Path) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt" | "text") => Format::Txt,
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
        Some("jsonl" | "json-lines" | "ndjson") => Format::Jsonl,
        _ => Format::Auto,
    }
}

/// Extensions a directory walk picks up.
pub(crate) fn is_ingestible(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("txt" | "md" | "markdown" | "html" | "htm" | "jsonl" | "json-lines")
    )
}

/// Guesses the format of bytes: JSONL if the first non-space character is `{`,
/// HTML if the head looks like markup, Markdown if it opens with a `#` heading,
/// else plain text.
pub(crate) fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    if rest.first() == Some(&b'{') {
        return Format::Jsonl;
    }
    let head: Vec<u8> = rest
        .iter()
        .take(4096)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |n: &[u8]| head.windows(n.len()).any(|w| w == n);
    if has(b"<!doctype html")
        || has(b"<html")
        || has(b"<head")
        || has(b"<body")
        || has(b"<meta ")
        || (head.first() == Some(&b'<') && has(b"<p"))
    {
        return Format::Html;
    }
    if rest.starts_with(b"# ") {
        return Format::Markdown;
    }
    Format::Txt
}

/// Reads one document (or, for JSONL, one per line) from bytes in memory.
/// `name` becomes the id (JSONL lines without an id get `name:line`).
///
/// # Errors
/// Each item is an error when that document is binary, empty, too large,
/// undecodable or (JSONL) a malformed line; the other items are unaffected.
pub fn read_bytes(name: &str, bytes: &[u8], hint: Format) -> Vec<Result<SourceDoc, IngestError>> {
    let format = if hint == Format::Auto {
        sniff(bytes)
    } else {
        hint
    };
    if format == Format::Jsonl {
        return jsonl::read_all(name, bytes);
    }
    vec![read_single(name, bytes, format)]
}

/// One non-JSONL document.
pub(crate) fn read_single(
    name: &str,
    bytes: &[u8],
    format: Format,
) -> Result<SourceDoc, IngestError> {
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return Err(IngestError::TooLarge {
            doc: name.to_string(),
            size: bytes.len() as u64,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            doc: name.to_string(),
        });
    }
    charset::check_binary(name, bytes)?;
    let format = if format == Format::Auto {
        sniff(bytes)
    } else {
        format
    };
    let doc = match format {
        Format::Html => html::read(name, bytes)?,
        Format::Markdown => markdown::read(name, &charset::decode(name, bytes, None, false)?),
        _ => text::read(name, &charset::decode(name, bytes, None, false)?),
    };
    if doc.text.trim().is_empty() {
        return Err(IngestError::Empty {
            doc: name.to_string(),
        });
    }
    Ok(doc)
}

/// Paths given on a command line: kept as written in ids.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
