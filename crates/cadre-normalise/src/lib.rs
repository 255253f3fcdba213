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

/// Normalises `original`; see the crate docs for what changes.
pub fn normalise(original: &str) -> NormText {
    // Stage 1: per char, drop pinyin readings and noise, fold widths.
    let chars: Vec<char> = original.chars().collect();
    let mut kept: Vec<(char, u32)> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '(' || c == '（') && i > 0 && is_han(chars[i - 1]) {
            if let Some(len) = width::pinyin_reading_len(&chars[i..]) {
                i += len;
                continue;
            }
        }
        if c == '*' || c == '\u{200b}' || c == '\u{feff}' {
            i += 1;
            continue;
        }
        // A lone ASCII '?' between Han characters is a lost character, not a question.
        if c == '?' && i > 0 && is_han(chars[i - 1]) && chars.get(i + 1).is_some_and(|n| !is_terminal_context(*n)) {
            i += 1;
            continue;
        }
        kept.push((width::fold(c), i as u32));
        i += 1;
    }

    // Stage 2: Traditional → Simplified, line by line so a length change stays local.
    let converter = t2s();
    let mut text = String::with_capacity(original.len());
    let mut to_orig: Vec<u32> = Vec::with_capacity(original.len() + 1);
    let mut line_start = 0;
    while line_start < kept.len() {
        let mut line_end = line_start;
        while line_end < kept.len() && kept[line_end].0 != '\n' {
            line_end += 1;
        }
        let line_end_incl = (line_end + 1).min(kept.len());
        let slice = &kept[line_start..line_end_incl];
        let src: String = slice.iter().map(|(c, _)| *c).collect();
        let out = if needs_conversion(&src) { converter.convert(&src) } else { src.clone() };
        let out_chars: Vec<char> = out.chars().collect();
        if out_chars.len() == slice.len() {
            for (c, (_, o)) in out_chars.iter().zip(slice) {
                push(&mut text, &mut to_orig, *c, *o);
            }
        } else {
            // Rare: a phrase changed length. Convert char by char to keep a 1:1 map.
            for (c, o) in slice {
                let single = converter.convert(c.encode_utf8(&mut [0; 4]));
                let mut it = single.chars();
                let first = it.next().unwrap_or(*c);
                let mapped = if it.next().is_none() { first } else { *c };
                push(&mut text, &mut to_orig, mapped, *o);
            }
        }
        line_start = line_end_incl;
    }
    to_orig.push(chars.len() as u32);
    NormText { text, to_orig, orig_chars: chars.len() }
}

fn push(text: &mut String, to_orig: &mut Vec<u32>, c: char, orig: u32) {
    text.push(c);
    for _ in 0..c.len_utf8() {
        to_orig.push(orig);
    }
}

/// ASCII-only lines need no conversion; skipping them saves the converter's time.
fn needs_conversion(s: &str) -> bool {
    s.chars().any(|c| c as u32 >= 0x2E80)
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
