//! Reading a person's name at a position: after a title, in a byline, in a list.
//!
//! Here no list of persons is used: a name is read from its context (a title before
//! it, a byline marker, a list of leaders) and its shape (surname, length, the words
//! that end it, `·` in transliterated names). Well-known names are found apart, in
//! `known.rs`.

use crate::lexicon::Lexicon;
use cadre_normalise::is_han;

/// Characters that end any name: punctuation and separators.
pub fn is_delimiter(c: char) -> bool {
    !(is_han(c) || c == '·' || c == '•')
}

/// Does `rest`, the text right after a name, open with what ends names: a boundary
/// character or word, or a post (李鹏总理)? Otherwise the name may run on (李鹏飞).
pub(crate) fn ends_name(lx: &Lexicon, rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| lx.boundaries.is_single(c)) || lx.boundaries.word_at(rest) || lx.posts.starts_at(rest)
}

/// How much a context vouches for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// After a title of a foreign state or body: any characters may form the name.
    Foreign,
    /// After a Chinese title: a surname or a middle dot is required.
    Title,
    /// No title: a surname is required and the name must end at a boundary.
    Strict,
}

/// Byte length of the name at the start of `s`.
pub fn read_name(lx: &Lexicon, s: &str, trust: Trust) -> Option<usize> {
    if let Some(n) = read_dotted(lx, s) {
        return Some(n);
    }
    let surname = lx.surnames.prefix_len(s);
    if trust != Trust::Foreign && surname.is_none() {
        return None;
    }
    // Byte end after k+1 chars; the loop stops after six.
    let mut ends = [0usize; 6];
    let mut n_ends = 0;
    let mut stop_at: Option<usize> = None; // chars in the name when a boundary was met
    let mut delimited = false;
    for (k, (i, c)) in s.char_indices().enumerate() {
        if is_delimiter(c) || c.is_ascii_digit() {
            stop_at = Some(k);
            delimited = true;
            break;
        }
        let rest = &s[i..];
        let min_len = surname.unwrap_or(1) + 1;
        if k == 0 && (lx.boundaries.word_at(rest) || (lx.boundaries.is_single(c) && surname.is_none())) {
            return None;
        }
        // A surname and then a title or a word that ends names (江主席, 王先生): a form of
        // address, not a name.
        if Some(k) == surname && (lx.boundaries.word_at(rest) || lx.posts.starts_at(rest)) {
            return None;
        }
        // Without a surname, a foreign title's name is a transliteration (乘专机 is none).
        if surname.is_none() && !(lx.translit.contains(c) || c == '·') {
            stop_at = Some(k);
            break;
        }
        if k >= min_len.min(2) && lx.boundaries.word_at(rest) {
            stop_at = Some(k);
            break;
        }
        if k >= min_len.max(2) && lx.boundaries.is_single(c) {
            stop_at = Some(k);
            break;
        }
        ends[n_ends] = i + c.len_utf8();
        n_ends += 1;
        if k >= 5 {
            break;
        }
    }
    let max_len = match surname {
        Some(2) => 4,
        Some(_) => 3,
        None => 4,
    };
    let n = match stop_at {
        Some(k) if k >= 2 && k <= max_len => k,
        // Four characters after a one-character surname: ethnic names (白玛旺堆) that a
        // delimiter closes, never a name running into a word (任专职副书记).
        Some(4) if delimited && trust != Trust::Strict => 4,
        // Transliterated names after a foreign title run longer: 伊萨亚斯一行.
        Some(k) if trust == Trust::Foreign && (2..=5).contains(&k) => k,
        Some(_) => return None,
        // No boundary within reach: a Chinese name is surname plus at most two characters.
        None if surname.is_some() && n_ends > max_len && trust != Trust::Strict => max_len,
        None if n_ends >= 2 && n_ends <= max_len && trust != Trust::Strict => n_ends,
        None => return None,
    };
    Some(ends[n - 1])
}

/// Single characters that end a transliterated name (其他 boundaries such as 都 occur inside them).
const DOTTED_STOPS: &str = "在和与等率到来对向为说是及同赴于将已也还并一";

/// A transliterated name with a middle dot: 艾尔肯·吐尼亚孜.
fn read_dotted(lx: &Lexicon, s: &str) -> Option<usize> {
    // The dot comes within the first part's eight characters, or this is no dotted name.
    // Bytes first: both dots end in a byte (B7, A2) that most text near a name lacks.
    let head = &s.as_bytes()[..s.len().min(9 * 3)];
    if !head.iter().any(|&b| b == 0xB7 || b == 0xA2) || !s.chars().take(9).any(|c| c == '·' || c == '•') {
        return None;
    }
    let mut parts = 0;
    let mut len_part = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if c == '·' || c == '•' {
            if len_part == 0 {
                return None;
            }
            parts += 1;
            len_part = 0;
        } else if parts > 0 && len_part >= 2 && (lx.boundaries.word_at(&s[i..]) || DOTTED_STOPS.contains(c)) {
            break;
        } else if is_han(c) {
            len_part += 1;
            if len_part > 8 {
                return None;
            }
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    (parts >= 1 && len_part > 0).then_some(end)
}

/// Names in a byline after a marker such as 记者 or 撰文丨: `张三 李四`, `张三、李四`.
/// Returns byte ranges relative to `s`.
pub fn read_byline(lx: &Lexicon, s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &s[pos..];
        let skip = rest.len() - rest.trim_start_matches([' ', '丨', '|', ':', '/', '、', ',', '\u{3000}']).len();
        if skip == 0 && !out.is_empty() {
            break;
        }
        pos += skip;
        let rest = &s[pos..];
        if rest.starts_with("通讯员") || rest.starts_with("记者") {
            break;
        }
        let Some(_) = lx.surnames.prefix_len(rest) else { break };
        // A byline name runs to a space, separator, 摄 or 报道.
        let mut end = 0;
        let mut n = 0;
        for (i, c) in rest.char_indices() {
            if !is_han(c) || (n >= 2 && (c == '摄' || rest[i..].starts_with("报道") || rest[i..].starts_with("通讯员"))) {
                break;
            }
            n += 1;
            end = i + c.len_utf8();
        }
        if !(2..=4).contains(&n) {
            break;
        }
        out.push((pos, pos + end));
        pos += end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<'a>(s: &'a str) -> Option<&'a str> {
        read_name(Lexicon::builtin(), s, Trust::Title).map(|n| &s[..n])
    }

    #[test]
    fn names_after_titles() {
        assert_eq!(name("黄坤明主持会议并讲话"), Some("黄坤明"));
        assert_eq!(name("王浩和吉利集团董事长"), Some("王浩"));
        assert_eq!(name("胡和平,"), Some("胡和平"));
        assert_eq!(name("金莉陪同检查。"), Some("金莉"));
        assert_eq!(read_name(Lexicon::builtin(), "希奇莱马一行", Trust::Foreign), Some("希奇莱马".len()));
        assert_eq!(name("出现变动"), None);
        assert_eq!(name("任专职副书记"), None);
        assert_eq!(name("努尔兰·阿不都满金,"), Some("努尔兰·阿不都满金"));
        assert_eq!(name("艾尔肯·吐尼亚孜在乌鲁木齐"), Some("艾尔肯·吐尼亚孜"));
        assert_eq!(name("李强3月17日主持"), Some("李强"));
        assert_eq!(name("欧阳杰摄"), Some("欧阳杰"));
        assert_eq!(name("黄焕利率象山代表团"), Some("黄焕利"));
        assert_eq!(name("主持会议"), None);
        assert_eq!(name("、市长"), None);
    }

    #[test]
    fn bylines() {
        let lx = Lexicon::builtin();
        let s = "高语阳 余晖";
        let got: Vec<&str> = read_byline(lx, s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, vec!["高语阳", "余晖"]);
        let s = "张爱虎、周三春、通讯员李小龙)";
        let got: Vec<&str> = read_byline(lx, s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, vec!["张爱虎", "周三春"]);
        let s = "崔志坚摄";
        let got: Vec<&str> = read_byline(lx, s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, vec!["崔志坚"]);
    }
}
