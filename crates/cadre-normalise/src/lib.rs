//! Normalise: turn a document's original text into the form recognition works on,
//! and keep a map back, so every offset Cadre reports points into the ORIGINAL text.
//!
//! - [`normalise`] returns a [`NormText`]: Simplified characters, pinyin readings that
//!   machine conversions insert (`習(xí)近平`) removed, full-width digits, Latin and
//!   punctuation folded to ASCII (`，` → `,`, `２０２４` → `2024`), stray `*` dropped.
//! - [`NormText::orig_span`] maps a byte range of the normalised text to a char range
//!   of the original.
//! - [`split_sentences`] cuts normalised text into sentences without breaking `《》` titles
//!   or quotations.
//!
//! ```
//! let n = cadre_normalise::normalise("廣東省委書記黃坤明（huáng）主持會議。");
//! assert_eq!(n.text, "广东省委书记黄坤明主持会议。");
//! let at = n.text.find("黄坤明").unwrap();
//! assert_eq!(n.orig_span(at, at + "黄坤明".len()), (6, 9));
//! ```

mod sentences;
mod width;

pub use sentences::split_sentences;

use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

/// Normalised text with its map back to the original.
#[derive(Debug, Clone)]
pub struct NormText {
    pub text: String,
    /// For every byte offset of `text` that is a char boundary (and `text.len()`),
    /// the char offset in the original text. Other entries repeat the last boundary.
    to_orig: Vec<u32>,
    /// Char length of the original text.
    orig_chars: usize,
}

impl NormText {
    /// Char offset in the original text of the normalised byte offset `byte`.
    pub fn orig_char(&self, byte: usize) -> usize {
        self.to_orig[byte.min(self.text.len())] as usize
    }

    /// Original char range `(start, end)` of the normalised byte range `[start, end)`.
    ///
    /// The end maps to the original position just after the last char of the range,
    /// so removed material (a pinyin reading) inside the range stays inside.
    pub fn orig_span(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            let s = self.orig_char(start);
            return (s, s);
        }
        let s = self.orig_char(start);
        // The last char of the range starts at the previous boundary.
        let mut last = end - 1;
        while last > start && !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let e = self.orig_char(last) + 1;
        (s, e.min(self.orig_chars).max(s))
    }

    pub fn orig_len(&self) -> usize {
        self.orig_chars
    }
}

fn t2s() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        OpenCC::from_config(BuiltinConfig::T2s).expect("built-in t2s configuration loads")
    })
}

/// First and one-past-last code point of the character table.
const TABLE_START: u32 = 0x3400;
const TABLE_END: u32 = 0xFB00;

/// Characters that Simplified text writes too, mostly in names (王丙乾, 乾隆, 韩复榘, the
/// surnames 甯 and 麴), and that Traditional text seldom uses otherwise: the converter's
/// single-character rule (乾 → 干) would change a name, so they stay as written.
const KEPT_AS_WRITTEN: &str = "乾甯榘麴";

/// Traditional→Simplified for single characters of the CJK blocks, read once from the
/// converter's own tables: every character converted on its own. Converting character by
/// character keeps a one-to-one offset map and runs at memory speed; what is lost is the
/// phrase context of a few characters (著/着 in 显著), which names, titles and event
/// words do not depend on.
fn t2s_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let converter = t2s();
        let mut table: Vec<char> = (TABLE_START..TABLE_END).map(|cp| char::from_u32(cp).unwrap_or('\u{fffd}')).collect();
        let mut src = String::new();
        for c in table.iter() {
            src.push(*c);
            src.push('\n');
        }
        let out = converter.convert(&src);
        for (i, (a, b)) in src.lines().zip(out.lines()).enumerate() {
            let mut bs = b.chars();
            if let (Some(x), None) = (bs.next(), bs.next()) {
                if a != b && !KEPT_AS_WRITTEN.contains(a) {
                    table[i] = x;
                }
            }
        }
        table
    })
}

/// The Simplified form of one character.
pub fn simplify_char(c: char) -> char {
    simplify_with(t2s_table(), c)
}

/// [`simplify_char`] with the table in hand (the normaliser looks it up once per text).
#[inline]
fn simplify_with(table: &[char], c: char) -> char {
    let cp = c as u32;
    if (TABLE_START..TABLE_END).contains(&cp) {
        table[(cp - TABLE_START) as usize]
    } else {
        c
    }
}

/// Normalises `original`; see the crate docs for what changes.
pub fn normalise(original: &str) -> NormText {
    let table = t2s_table();
    let mut text = String::with_capacity(original.len());
    let mut to_orig: Vec<u32> = Vec::with_capacity(original.len() + 1);
    // The last character kept (before Traditional → Simplified, which keeps Han as Han).
    let mut last: Option<char> = None;
    // Byte offset in `original` and the char index it stands at.
    let (mut at, mut i) = (0usize, 0u32);
    while let Some(c) = original[at..].chars().next() {
        // Drop pinyin readings and noise, fold widths, then simplify, char by char.
        if (c == '(' || c == '（') && last.is_some_and(is_han) {
            if let Some((chars, bytes)) = width::pinyin_reading_len(&original[at..]) {
                (at, i) = (at + bytes, i + chars as u32);
                continue;
            }
        }
        if c == '*' || c == '\u{200b}' || c == '\u{feff}' {
            (at, i) = (at + c.len_utf8(), i + 1);
            continue;
        }
        // ASCII '?' right after a Han character and not ending the sentence is a lost
        // character (a run of them: 王正譜???出席), not a question.
        if c == '?' && last.is_some_and(is_han) {
            let run = original[at..].bytes().take_while(|&b| b == b'?').count();
            if original[at + run..].chars().next().is_some_and(|n| !is_terminal_context(n)) {
                (at, i) = (at + run, i + run as u32);
                continue;
            }
        }
        let folded = width::fold(c);
        last = Some(folded);
        push(&mut text, &mut to_orig, simplify_with(table, folded), i);
        (at, i) = (at + c.len_utf8(), i + 1);
    }
    to_orig.push(i);
    NormText { text, to_orig, orig_chars: i as usize }
}

fn push(text: &mut String, to_orig: &mut Vec<u32>, c: char, orig: u32) {
    text.push(c);
    // One entry per byte of `c`; a loop, since a slice copy calls memcpy per character.
    for _ in 0..c.len_utf8() {
        to_orig.push(orig);
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

fn is_terminal_context(c: char) -> bool {
    c == '\n' || c == '"' || c == '”' || c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_with_pinyin_noise() {
        let src = "省委書記王曉暉，省委副書記、省長(zhǎng)黃強(qiáng)在成都會(huì)見(jiàn)客人。";
        let n = normalise(src);
        assert_eq!(n.text, "省委书记王晓晖,省委副书记、省长黄强在成都会见客人。");
        let at = n.text.find("黄强").unwrap();
        let (s, e) = n.orig_span(at, at + "黄强".len());
        let orig: String = src.chars().skip(s).take(e - s).collect();
        assert_eq!(orig, "黃強");
    }

    #[test]
    fn full_width_digits_and_punctuation() {
        let n = normalise("２０２４年２月２７日（星期二）：会议召开！");
        assert_eq!(n.text, "2024年2月27日(星期二):会议召开!");
    }

    #[test]
    fn stray_marks_removed() {
        let n = normalise("龙井之行是*学习取经之行，对接?东西部协作。");
        assert_eq!(n.text, "龙井之行是学习取经之行,对接东西部协作。");
    }

    #[test]
    fn names_written_with_characters_simplified_text_keeps() {
        // 乾 is a Simplified character too; 干 would be another name (王丙干).
        assert_eq!(normalise("王丙乾、郭振乾出席,乾安县").text, "王丙乾、郭振乾出席,乾安县");
        assert_eq!(normalise("於是").text, "于是");
    }

    #[test]
    fn simplified_text_unchanged() {
        let s = "广东省委书记黄坤明主持会议并讲话，余晖撰文。";
        assert_eq!(normalise(s).text, s.replace('，', ","));
    }

    #[test]
    fn ordinary_parentheses_kept() {
        let n = normalise("本报讯(记者 周冰)8月10日,副市长带队检查(www.example.cn)。");
        assert_eq!(n.text, "本报讯(记者 周冰)8月10日,副市长带队检查(www.example.cn)。");
    }
}

#[cfg(test)]
mod table_tests {
    use super::simplify_char;

    #[test]
    fn single_characters() {
        let got: String = "餘習長會東後於衛濟寧".chars().map(simplify_char).collect();
        assert_eq!(got, "余习长会东后于卫济宁");
        // Simplified and shared characters stay as they are.
        let same = "黄坤明广西壮族自治区余晖";
        assert_eq!(same.chars().map(simplify_char).collect::<String>(), same);
    }
}
