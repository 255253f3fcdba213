//! Streaming over paths: files, directories and stdin.

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use cadre_model::SourceDoc;

use crate::jsonl::Lines;
use crate::{
    display, format_of, is_ingestible, read_single, sniff, Format, IngestError, MAX_DOC_BYTES,
};

/// Reads documents from `paths`, lazily, in order.
///
/// A path may be a file (format from its extension, else sniffed), a directory
/// (walked recursively in sorted order, taking `txt`, `md`, `markdown`, `html`,
/// `htm`, `jsonl`, `json-lines` files and skipping hidden entries) or `-` for stdin
/// (format sniffed). The id of a document is its path as given, or `path:line`
/// for a JSONL line without an id.
///
/// # Errors
/// A document that cannot be read yields an `Err` item and the iteration goes on.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<SourceDoc, IngestError>> {
    Reader {
        pending: paths.iter().cloned().collect(),
        jsonl: None,
    }
}

struct Reader {
    pending: VecDeque<PathBuf>,
    /// The JSONL source being streamed, if any.
    jsonl: Option<Lines<'static>>,
}

impl Iterator for Reader {
    type Item = Result<SourceDoc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.jsonl {
                match lines.next_doc() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                if let Some(item) = self.open_stdin() {
                    return Some(item);
                }
                continue;
            }
            let name = display(&path);
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    return Some(Err(IngestError::Io {
                        doc: name,
                        source: e,
                    }))
                }
            };
            if meta.is_dir() {
                match walk(&path) {
                    Ok(files) => {
                        for f in files.into_iter().rev() {
                            self.pending.push_front(f);
                        }
                        continue;
                    }
                    Err(e) => {
                        return Some(Err(IngestError::Io {
                            doc: name,
                            source: e,
                        }))
                    }
                }
            }
            let format = format_of(&path);
            if format == Format::Jsonl {
                match fs::File::open(&path) {
                    Ok(f) => self.jsonl = Some(Lines::new(name, Box::new(BufReader::new(f)))),
                    Err(e) => {
                        return Some(Err(IngestError::Io {
                            doc: name,
                            source: e,
                        }))
                    }
                }
                continue;
            }
            if meta.len() > MAX_DOC_BYTES && format != Format::Auto {
                return Some(Err(IngestError::TooLarge {
                    doc: name,
                    size: meta.len(),
                }));
            }
            let bytes = match read_limited(fs::File::open(&path), &name) {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            if format == Format::Auto && sniff(&bytes) == Format::Jsonl {
                self.jsonl = Some(Lines::new(name, Box::new(io::Cursor::new(bytes))));
                continue;
            }
            return Some(read_single(&name, &bytes, format));
        }
    }
}

impl Reader {
    /// Stdin: JSONL is streamed line by line; anything else is one document.
    fn open_stdin(&mut self) -> Option<Result<SourceDoc, IngestError>> {
        let mut input = BufReader::new(io::stdin());
        let head = match input.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                return Some(Err(IngestError::Io {
                    doc: "-".into(),
                    source: e,
                }))
            }
        };
        if sniff(&head) == Format::Jsonl {
            self.jsonl = Some(Lines::new("-".into(), Box::new(input)));
            return None;
        }
        Some(read_limited(Ok(input), "-").and_then(|bytes| read_single("-", &bytes, Format::Auto)))
    }
}

/// Reads at most one byte more than the limit, so the size check needs no metadata.
fn read_limited<R: Read>(src: io::Result<R>, name: &str) -> Result<Vec<u8>, IngestError> {
    let io_err = |e| IngestError::Io {
        doc: name.to_string(),
        source: e,
    };
    let mut bytes = Vec::new();
    src.map_err(io_err)?
        .take(MAX_DOC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return Err(IngestError::TooLarge {
            doc: name.to_string(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// The ingestible files under `dir`, sorted by path, hidden entries skipped.
fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            // An unreadable subdirectory is skipped rather than failing the walk.
            if let Ok(sub) = walk(&p) {
                out.extend(sub);
            }
        } else if is_ingestible(&p) {
            out.push(p);
        }
    }
    Ok(out)
}
