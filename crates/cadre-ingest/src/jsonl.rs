//! JSONL: one document per line, `{"id","url","text"}` (title, published, authors optional).

use std::io::{BufRead, Read};

use cadre_model::SourceDoc;
use serde_json::Value;

use crate::{IngestError, MAX_DOC_BYTES};

/// Reads every line of a JSONL buffer.
pub fn read_all(name: &str, bytes: &[u8]) -> Vec<Result<SourceDoc, IngestError>> {
    let mut lines = Lines::new(name.to_string(), Box::new(bytes));
    std::iter::from_fn(|| lines.next_doc()).collect()
}

/// A streaming reader over the lines of one JSONL source.
pub struct Lines<'a> {
    name: String,
    reader: Box<dyn BufRead + 'a>,
    lineno: usize,
    done: bool,
}

impl<'a> Lines<'a> {
    pub fn new(name: String, reader: Box<dyn BufRead + 'a>) -> Self {
        Lines {
            name,
            reader,
            lineno: 0,
            done: false,
        }
    }

    /// The next document or error; `None` at the end. Blank lines are skipped.
    pub fn next_doc(&mut self) -> Option<Result<SourceDoc, IngestError>> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            self.lineno += 1;
            // Read at most one byte past the limit so a huge line cannot exhaust memory.
            let mut limited =
                <&mut Box<dyn BufRead + 'a> as Read>::take(&mut self.reader, MAX_DOC_BYTES + 1);
            match limited.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::Io {
                        doc: self.name.clone(),
                        source: e,
                    }));
                }
            }
            if buf.len() as u64 > MAX_DOC_BYTES {
                // Skip the rest of the oversized line.
                let mut sink = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut sink);
                let size = buf.len() as u64 + sink.len() as u64;
                return Some(Err(IngestError::TooLarge {
                    doc: format!("{}:{}", self.name, self.lineno),
                    size,
                }));
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_line(&self.name, self.lineno, &buf));
        }
        None
    }
}

fn parse_line(name: &str, lineno: usize, line: &[u8]) -> Result<SourceDoc, IngestError> {
    let doc_name = format!("{name}:{lineno}");
    let malformed = |detail: String| IngestError::MalformedJsonl {
        doc: doc_name.clone(),
        line: lineno,
        detail,
    };
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let value: Value = serde_json::from_slice(line).map_err(|e| malformed(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(malformed("not a json object".into()));
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.replace("\r\n", "\n"),
        Some(_) => return Err(malformed("\"text\" is not a string".into())),
        None => return Err(malformed("no \"text\" field".into())),
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty { doc: doc_name });
    }
    let string = |k: &str| match obj.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let authors = match obj.get("authors") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => crate::markdown::split_names(s),
        _ => Vec::new(),
    };
    Ok(SourceDoc {
        id: string("id").unwrap_or(doc_name),
        url: string("url"),
        title: string("title"),
        published: string("published")
            .or_else(|| string("date"))
            .and_then(|d| crate::dates::find_date(&d)),
        authors,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_defaults_to_path_and_line() {
        let docs = read_all("d.jsonl", b"\n{\"text\":\"\xe4\xbc\x9a\xe8\xae\xae\"}\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().id, "d.jsonl:2");
    }
}
