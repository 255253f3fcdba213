//! Bytes to text: BOM, declared charset (verified), then detection.
//!
//! Declarations lie: many saved pages say `gb2312` but were re-saved as UTF-8, so
//! strict UTF-8 validity wins over any declaration. `gb2312`/`gbk` are decoded as
//! GB18030, their superset, so rare characters outside GB2312 survive.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::IngestError;

/// How much of the head is searched for NUL bytes and for a charset declaration.
const SNIFF_BYTES: usize = 8 * 1024;
const DECLARATION_WINDOW: usize = 16 * 1024;

/// Share of U+FFFD in the output above which a decoding is refused.
const MAX_REPLACEMENT_RATIO: f64 = 0.01;

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// NUL bytes in the head mean binary, unless a UTF-16 BOM explains them.
pub fn check_binary(doc: &str, bytes: &[u8]) -> Result<(), IngestError> {
    if let Some((enc, _)) = bom(bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            return Ok(());
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return Err(IngestError::Binary {
            doc: doc.to_string(),
        });
    }
    Ok(())
}

/// Maps a declared label to the decoder we trust for it.
fn for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    // WHATWG maps gb2312 to GBK; GB18030 decodes a superset of both.
    if enc == encoding_rs::GBK {
        return Some(GB18030);
    }
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML spec agrees).
    if enc == UTF_16LE || enc == UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

/// The charset an HTML head declares (`<meta charset>` or http-equiv), if any.
/// Searched in the first 16 KiB so a crawler's wrapper before `<html>` is tolerated.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        if i >= lower.len() || lower[i] != b'=' {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'' | b'\t') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = std::str::from_utf8(&lower[start..i])
            .ok()
            .and_then(for_label)
        {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn replacement_ratio(s: &str) -> f64 {
    let total = s.chars().count().max(1);
    let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
    bad as f64 / total as f64
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    }
}

/// Decodes a document. `declared` is the charset the document claims (HTML only);
/// it is used only when the bytes are not valid UTF-8 and it decodes them cleanly.
/// `lenient` accepts a damaged decoding (web pages often carry a few bad bytes);
/// otherwise more than 1% of replacement characters is an encoding error.
pub fn decode(
    doc: &str,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
    lenient: bool,
) -> Result<String, IngestError> {
    if let Some((enc, len)) = bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[len..]);
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let mut best: Option<(String, f64)> = None;
    let detected = detect(bytes);
    // Single-byte charsets decode any bytes without error, so a declared or guessed
    // one (old Chinese pages often say iso-8859-1) is tried only after the Chinese ones.
    let mut candidates: Vec<&'static Encoding> = Vec::new();
    candidates.extend(declared.filter(|e| !e.is_single_byte()));
    if !detected.is_single_byte() {
        candidates.push(detected);
    }
    candidates.extend([GB18030, BIG5]);
    candidates.extend(declared);
    candidates.push(detected);
    for enc in candidates {
        if enc == UTF_8 {
            continue;
        }
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let ratio = replacement_ratio(&text);
        if ratio <= MAX_REPLACEMENT_RATIO / 2.0 {
            return Ok(text.into_owned());
        }
        let better = match &best {
            Some((_, r)) => ratio < *r,
            None => true,
        };
        if better {
            best = Some((text.into_owned(), ratio));
        }
    }
    let (text, ratio) = best.unwrap_or_default();
    if lenient || ratio <= MAX_REPLACEMENT_RATIO {
        Ok(text)
    } else {
        Err(IngestError::Encoding {
            doc: doc.to_string(),
            detail: format!("not utf-8, and no known charset decodes it cleanly ({:.1}% replacement characters)", ratio * 100.0),
        })
    }
}

/// Normalises line ends to `\n` and drops a leading BOM character.
pub fn normalise_newlines(s: &str) -> String {
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_gb2312_but_utf8_is_utf8() {
        let html = "<meta charset=\"gb2312\"><p>广东省委书记主持会议</p>";
        assert_eq!(declared_charset(html.as_bytes()), Some(GB18030));
        assert_eq!(
            decode("x", html.as_bytes(), Some(GB18030), true).unwrap(),
            html
        );
    }

    #[test]
    fn gbk_bytes_decode() {
        let (bytes, _, _) = GB18030.encode("省长出席会议并讲话");
        assert_eq!(
            decode("x", &bytes, None, false).unwrap(),
            "省长出席会议并讲话"
        );
    }

    #[test]
    fn http_equiv_label() {
        let h = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=big5\">";
        assert_eq!(declared_charset(h), Some(BIG5));
    }
}
