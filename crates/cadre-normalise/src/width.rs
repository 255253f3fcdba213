//! Character-level folding and the detection of inserted pinyin readings.

/// Folds full-width ASCII forms and the ideographic space to ASCII.
///
/// Chinese-only punctuation (`。`, `、`, `《》`, `“”`) is left alone: it carries meaning
/// (list separators, titles) that ASCII cannot express.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 => ' ',
        _ => c,
    }
}

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";

/// Neutral-tone syllables carry no tone mark but are inserted all the same.
const NEUTRAL: &[&str] = &["de", "le", "men", "zi", "me", "ne", "ma", "ba", "zhe", "guo", "li", "tou", "shang", "xia"];

/// If `s` starts with a bracketed pinyin reading such as `(zhǎng)` or `（huì）`, its
/// length in chars and in bytes.
pub fn pinyin_reading_len(s: &str) -> Option<(usize, usize)> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    let close = if open == '（' { '）' } else { ')' };
    let mut toned = false;
    let mut body = String::new();
    for (k, (at, c)) in chars.enumerate().take(8) {
        let i = k + 1;
        if c == close || (c == ')' || c == '）') {
            if i == 1 {
                return None;
            }
            if toned || NEUTRAL.contains(&body.as_str()) {
                return Some((i + 1, at + c.len_utf8()));
            }
            return None;
        }
        if c.is_ascii_lowercase() {
            // plain letter
        } else if TONED.contains(c) {
            toned = true;
        } else {
            return None;
        }
        body.push(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(s: &str) -> Option<usize> {
        pinyin_reading_len(s).map(|(chars, bytes)| {
            assert_eq!(s[..bytes].chars().count(), chars);
            chars
        })
    }

    #[test]
    fn readings() {
        assert_eq!(len("(zhǎng)黄"), Some(7));
        assert_eq!(len("（huì）"), Some(5));
        assert_eq!(len("(de)"), Some(4));
        assert_eq!(len("(记者)"), None);
        assert_eq!(len("(www)"), None);
        assert_eq!(len("()"), None);
    }

    #[test]
    fn widths() {
        assert_eq!(fold('２'), '2');
        assert_eq!(fold('，'), ',');
        assert_eq!(fold('Ａ'), 'A');
        assert_eq!(fold('。'), '。');
        assert_eq!(fold('\u{3000}'), ' ');
    }
}
