//! Statements: who said what (`刘宁指出，…`, `他说，…`). Extra output, not gold events.

use crate::Doc;

crate::word_set!(statement_verbs, ["表示", "指出", "强调", "说", "要求", "认为", "提出", "希望"]);

/// Where a speech verb (他说, 表示, 指出…) opens reported content in the sentence.
pub fn speech_verb_at(text: &str, s: usize, e: usize) -> Option<usize> {
    statement_verbs().find(&text[s..e]).find(|(_, b, _)| text[s + b..e].starts_with([',', ':', '“'])).map(|(a, _, _)| s + a)
}

/// (speaker person index, verb, content byte range, sentence)
pub fn extract(doc: &Doc) -> Vec<(usize, &'static str, usize, usize, usize)> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut last: Option<usize> = None;
    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        let mentions = doc.mentions_in(si);
        let head_end = text[s..e].char_indices().nth(14).map_or(e, |(i, _)| s + i);
        let first = mentions.iter().find(|(p, m)| m.start < head_end && !doc.rec.persons[*p].byline);
        if let Some((k, _, v)) = statement_verbs().find(&text[s..head_end]).next() {
            let at = s + k;
            if at > head_end {
                continue;
            }
            let speaker = match first {
                Some((p, m)) if m.end <= at => Some(*p),
                _ if text[s..at].contains('他') || text[s..at].contains('她') => last,
                _ => None,
            };
            if let Some(p) = speaker {
                let content_start = at + v.len();
                let content_start = content_start + text[content_start..e].find(|c: char| c != ',' && c != ':').unwrap_or(0);
                if e > content_start {
                    out.push((p, v, content_start, e, si));
                }
            }
            break;
        }
        if let Some((p, _)) = mentions.iter().rev().find(|(p, _)| !doc.rec.persons[*p].byline) {
            last = Some(*p);
        }
    }
    out
}
