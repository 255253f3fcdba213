//! Statements: who said what (`刘宁指出，…`, `他说，…`). Extra output, not gold events.

use crate::Doc;

/// No verb is a suffix of another, so at most one ends at a given place.
const STATEMENT_VERBS: &[&str] = &["表示", "指出", "强调", "说", "要求", "认为", "提出", "希望"];
crate::word_set!(statement_verbs, STATEMENT_VERBS);

/// Where a speech verb (他说, 表示, 指出…) opens reported content in the sentence: looked
/// for before each comma, colon or opening quote, which are few, rather than by a scan
/// of the whole sentence.
pub fn speech_verb_at(text: &str, s: usize, e: usize) -> Option<usize> {
    let sent = &text[s..e];
    // By bytes: ',' and ':' are ASCII, '“' begins with 0xE2 (as do a few other marks).
    memchr::memchr3_iter(b',', b':', 0xE2, sent.as_bytes())
        .filter(|&k| sent.as_bytes()[k] != 0xE2 || sent[k..].starts_with('“'))
        .find_map(|k| STATEMENT_VERBS.iter().find(|v| sent[..k].ends_with(*v)).map(|v| s + k - v.len()))
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

#[cfg(test)]
mod tests {
    use super::speech_verb_at;

    #[test]
    fn speech_verb_before_its_content() {
        let t = "座谈会上,黄坤明表示,两省区要深化合作。";
        assert_eq!(speech_verb_at(t, 0, t.len()), t.find("表示"));
        let t = "会议要求各地抓好落实。";
        assert_eq!(speech_verb_at(t, 0, t.len()), None);
        let t = "他说:“要把协作做实。”";
        assert_eq!(speech_verb_at(t, 0, t.len()), t.find("说"));
        // The first verb that opens content, not the first verb.
        let t = "他希望两地加强交流,强调:“要落实。”";
        assert_eq!(speech_verb_at(t, 0, t.len()), t.find("强调"));
    }
}
