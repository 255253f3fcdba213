//! Sentence splitting that keeps `《》` titles and quotations whole.

/// Byte ranges `[start, end)` of the sentences of normalised `text`.
///
/// A sentence ends at `。！？!?` or a line break (not at `；`, which separates list items), never inside `《》`, and not inside
/// `“”` unless the line ends. Closing quotes and brackets after a terminator stay with
/// the sentence they close. Leading and trailing whitespace is trimmed; empty
/// sentences are dropped.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut title_depth = 0i32;
    let mut quote_depth = 0i32;
    let mut i = 0;
    while i < bytes.len() {
        // Every mark that matters here is ASCII or begins with one of these lead bytes
        // (。《》「」 0xE3, “” 0xE2, ！？ 0xEF); no continuation byte equals them, so the
        // other bytes are skipped without decoding and `i` stops on character boundaries.
        if !matches!(bytes[i], b'\n' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = (title_depth - 1).max(0),
            '“' | '「' => quote_depth += 1,
            '”' | '」' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        let hard = c == '\n';
        // A quotation closed right after its own terminator ends the sentence: 。”
        let closes_quote = matches!(c, '”' | '」')
            && quote_depth == 0
            && text[..i].ends_with(['。', '！', '？', '!', '?']);
        let soft = closes_quote || matches!(c, '。' | '！' | '？' | '!' | '?');
        let mut end = i + c.len_utf8();
        if hard || (soft && title_depth == 0 && quote_depth == 0) {
            // Absorb further terminators and closing marks: 。” or ！？
            while let Some(n) = text[end..].chars().next().filter(|_| !hard) {
                if matches!(n, '。' | '！' | '？' | '!' | '?' | '”' | '」' | '’' | ')' | '）') {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
            if hard {
                title_depth = 0;
                quote_depth = 0;
            }
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(split("两省区召开会议。黄某主持会议!\n张某出席"), vec!["两省区召开会议。", "黄某主持会议!", "张某出席"]);
    }

    #[test]
    fn titles_and_quotes_stay_whole() {
        let s = "双方签署了《合作协议。第二部分》等4个协议。他说:“要加强合作。要共同发展。”随后离开。";
        assert_eq!(
            split(s),
            vec!["双方签署了《合作协议。第二部分》等4个协议。", "他说:“要加强合作。要共同发展。”", "随后离开。"]
        );
    }

    #[test]
    fn unbalanced_quote_ends_at_line() {
        assert_eq!(split("他说:“要合作。\n次日返回。"), vec!["他说:“要合作。", "次日返回。"]);
    }
}
