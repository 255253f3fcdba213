//! Chinese-aware full-text search over SQLite FTS5.
//!
//! FTS5's `unicode61` tokeniser splits on spaces and punctuation only, so a
//! run of Han characters would be one token and a two-character name inside
//! a sentence could not be found. We therefore index a pre-segmented copy in
//! which every Han character is its own token (unigram indexing) and query a
//! phrase of unigrams (`刘宁` → `"刘 宁"`): a phrase matches consecutive
//! tokens, i.e. exactly the substring. Unigrams need no dictionary, never miss
//! a name a word segmenter would split differently, and keep the index small
//! (each Han character is one posting); the cost is lower precision for
//! one-character queries, which are rare. Latin words and numbers stay whole.

/// Whether a char is a CJK ideograph (indexed as a unigram).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Text as indexed: a space around every Han character, other runs kept.
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if is_han(c) {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// An FTS5 MATCH expression for a user query: each whitespace-separated term
/// becomes a quoted phrase of its tokens; terms are ANDed. None if empty.
pub fn match_query(query: &str) -> Option<String> {
    let phrases: Vec<String> = query
        .split_whitespace()
        .map(|term| {
            let seg = segment(term);
            let toks: Vec<&str> = seg
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
            toks.join(" ")
        })
        .filter(|p| !p.is_empty())
        .map(|p| format!("\"{}\"", p.replace('"', "\"\"")))
        .collect();
    if phrases.is_empty() {
        None
    } else {
        Some(phrases.join(" AND "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unigrams() {
        assert_eq!(segment("刘宁在GDP会上").trim(), "刘 宁 在 GDP 会 上");
        assert_eq!(match_query("刘宁").as_deref(), Some("\"刘 宁\""));
        assert_eq!(
            match_query("刘宁 广西").as_deref(),
            Some("\"刘 宁\" AND \"广 西\"")
        );
        assert_eq!(match_query("  "), None);
    }
}
