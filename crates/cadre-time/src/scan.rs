//! The scanner: finds time expressions in a sentence and resolves them.
//!
//! One left-to-right pass over the chars. Parsing is only attempted at a digit,
//! a Chinese numeral or the first char of a relative word, so most positions cost
//! one `match`. A text with none of these chars is rejected before any allocation.

use crate::numerals::{arabic_digit, is_cn_date_numeral, read_num, Num};
use crate::value::{add_days, add_months, days_in_month, Day, PartOfDay, TimeValue};
use crate::TimeMention;

mod week;

/// First chars of the relative words (今天, 去年, 上月 ...).
#[inline]
const fn is_relative_start(c: char) -> bool {
    matches!(
        c,
        '今' | '昨'
            | '明'
            | '前'
            | '后'
            | '後'
            | '大'
            | '当'
            | '當'
            | '本'
            | '上'
            | '下'
            | '去'
            | '来'
            | '來'
            | '这'
            | '這'
            | '同'
            | '元'
            | '周'
            | '週'
            | '星'
            | '礼'
            | '禮'
    )
}

/// Second chars of the relative words: most 上, 大, 同, 本 in a text start no date, and
/// one look at the next char says so before the word tables are walked.
#[inline]
fn is_relative_second(c: char) -> bool {
    matches!(
        c,
        '前' | '后'
            | '後'
            | '天'
            | '日'
            | '晨'
            | '早'
            | '晚'
            | '夜'
            | '一'
            | '年'
            | '月'
            | '个'
            | '個'
            // weeks: 上周, 这星期, 今礼拜, 上两周, 周日, 星期二, 礼拜天
            | '周'
            | '週'
            | '星'
            | '礼'
            | '禮'
            | '期'
            | '拜'
            | '两'
            | '兩'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
    )
}

/// Bit per BMP char: is it a place where a time expression may start? Built at compile
/// time from the three char tests, so that the scan costs one load per char.
static TRIGGERS: [u64; 1024] = {
    let mut t = [0u64; 1024];
    let mut cp = 0u32;
    while cp < 0x10000 {
        if let Some(c) = char::from_u32(cp) {
            if arabic_digit(c).is_some() || is_cn_date_numeral(c) || is_relative_start(c) {
                t[(cp / 64) as usize] |= 1 << (cp % 64);
            }
        }
        cp += 1;
    }
    t
};

#[inline]
fn is_trigger(c: char) -> bool {
    let cp = c as u32;
    cp < 0x10000 && TRIGGERS[(cp / 64) as usize] & (1 << (cp % 64)) != 0
}

#[inline]
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

#[inline]
fn is_day_unit(c: char) -> bool {
    matches!(c, '日' | '号' | '號')
}

/// Range connectors between two dates.
fn connector_len(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some('至' | '到' | '-' | '－' | '–' | '~' | '～' | '〜' | '﹣') => 1,
        Some('—' | '―' | '─') => {
            if matches!(chars.get(i + 1), Some('—' | '―' | '─')) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// Relative day words: (word, offset in days, part of day).
const DAY_WORDS: &[(&str, i32, Option<PartOfDay>)] = &[
    ("大前天", -3, None),
    ("大后天", 3, None),
    ("大後天", 3, None),
    ("大后日", 3, None),
    ("大後日", 3, None),
    ("今天", 0, None),
    ("今日", 0, None),
    ("当天", 0, None),
    ("当日", 0, None),
    ("當天", 0, None),
    ("當日", 0, None),
    ("同日", 0, None),
    ("同一天", 0, None),
    ("本日", 0, None),
    ("昨天", -1, None),
    ("昨日", -1, None),
    ("前天", -2, None),
    ("前日", -2, None),
    ("明天", 1, None),
    ("明日", 1, None),
    ("后天", 2, None),
    ("後天", 2, None),
    ("后日", 2, None),
    ("後日", 2, None),
    ("今晨", 0, Some(PartOfDay::Morning)),
    ("今早", 0, Some(PartOfDay::Morning)),
    ("今晚", 0, Some(PartOfDay::Evening)),
    ("今夜", 0, Some(PartOfDay::Night)),
    ("昨晚", -1, Some(PartOfDay::Evening)),
    ("昨夜", -1, Some(PartOfDay::Night)),
    ("昨晨", -1, Some(PartOfDay::Morning)),
    ("当晚", 0, Some(PartOfDay::Evening)),
    ("當晚", 0, Some(PartOfDay::Evening)),
    ("当夜", 0, Some(PartOfDay::Night)),
    ("明晚", 1, Some(PartOfDay::Evening)),
    ("明早", 1, Some(PartOfDay::Morning)),
    ("明晨", 1, Some(PartOfDay::Morning)),
];

/// Relative year words: (word, offset in years).
const YEAR_WORDS: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
    ("明年", 1),
    ("来年", 1),
    ("來年", 1),
    ("下年", 1),
    ("后年", 2),
    ("後年", 2),
];

/// Relative month words: (word, offset in months).
const MONTH_WORDS: &[(&str, i32)] = &[
    ("这个月", 0),
    ("這個月", 0),
    ("今个月", 0),
    ("今個月", 0),
    ("本月", 0),
    ("当月", 0),
    ("當月", 0),
    ("上个月", -1),
    ("上個月", -1),
    ("上月", -1),
    ("下个月", 1),
    ("下個月", 1),
    ("下月", 1),
];

/// Parts of the day after a date, longest first.
const POD_WORDS: &[(&str, PartOfDay)] = &[
    ("上午", PartOfDay::Morning),
    ("早上", PartOfDay::Morning),
    ("早晨", PartOfDay::Morning),
    ("清晨", PartOfDay::Morning),
    ("早间", PartOfDay::Morning),
    ("凌晨", PartOfDay::Night),
    ("中午", PartOfDay::Noon),
    ("午间", PartOfDay::Noon),
    ("正午", PartOfDay::Noon),
    ("下午", PartOfDay::Afternoon),
    ("午后", PartOfDay::Afternoon),
    ("傍晚", PartOfDay::Evening),
    ("晚上", PartOfDay::Evening),
    ("晚间", PartOfDay::Evening),
    ("夜间", PartOfDay::Night),
    ("夜里", PartOfDay::Night),
    ("深夜", PartOfDay::Night),
    ("午夜", PartOfDay::Night),
    ("晚", PartOfDay::Evening),
    ("夜", PartOfDay::Night),
    ("晨", PartOfDay::Morning),
];

/// Chars before 前/后 that make it part of another word (目前天气, 此后日子).
const PREV_BLOCK_QIANHOU: &str = "目之以此提空眼跟面向生战事然最随落午背先会节赛考门院床窗台家村马人身阵线胸额头幕如史饭睡婚产术课班发日年月天不其前后從从自往向";
/// Chars before 明 that make it part of another word (表明日本, 说明天气).
const PREV_BLOCK_MING: &str = "表说证声阐查标指注写讲言光聪文简透分鲜英神清申澄开发昭照失不黎高昌";
/// Chars before 前年/后年/来年 that make them part of another word (以来年均).
const PREV_BLOCK_YEAR: &str = "以之此目提然最随近未多从年千百万十数几余";
/// Chars after a relative word ending in 天 that make it part of another word.
const NEXT_BLOCK_TIAN: &str = "气空然津安地性生才使主堂桥线涯籁赋真文";
/// Chars after a relative word ending in 日 that make it part of another word.
const NEXT_BLOCK_RI: &str = "之本报韩军元语籍资方企美货产式程益渐趋常光照子志记历星谈头";
/// Chars after 年 that make a year word something else (年代, 年级, 年龄).
const NEXT_BLOCK_NIAN: &str = "代级龄纪轻华画货";
/// Chars after 月 that make a month word something else (上月球).
const NEXT_BLOCK_YUE: &str = "球亮光色饼宫台牙票季刊薪嫂老桂华";
/// Chars before a bare number+日/月 that make it a duration or an ordinal.
const PREV_BLOCK_BARE: &str = "第近每前个個隔逾满约共连数余多这那几头最半整后後";
/// Ideographs allowed before a bare Chinese-numeral month or day (在五月, 于五日).
const PREV_ALLOW_CN: &str = "在于至到从自是的和及与或同当年月";
/// Ideographs allowed after a bare day written with 号 or with Chinese numerals.
const NEXT_ALLOW_BARE: &str = "起至到前晚早夜凌上下中午傍深清当在是举召开由将正电讯讲晨";

#[inline]
fn in_set(c: Option<char>, set: &str) -> bool {
    c.is_some_and(|c| set.contains(c))
}

/// A parsed, not yet resolved date phrase.
#[derive(Debug, Clone, Copy, Default)]
struct Phrase {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    explicit_year: bool,
    from_ref: bool,
    /// 上旬/中旬/下旬: first and last day (0 = last day of the month).
    xun: Option<(u32, u32)>,
    /// Part of the day carried by the word itself (今晚).
    pod: Option<PartOfDay>,
    /// The missing fields refer to another date of the text (同年3月, 当年3月,
    /// 每月15日): do not take them from the reference.
    no_fill: bool,
    /// Char index just after the phrase.
    end: usize,
}

impl Phrase {
    /// 0 = year, 1 = month, 2 = day precision; None when empty.
    fn grain(&self) -> Option<u8> {
        if self.d.is_some() {
            Some(2)
        } else if self.m.is_some() {
            Some(1)
        } else if self.y.is_some() {
            Some(0)
        } else {
            None
        }
    }

    fn day(&self) -> Day {
        Day {
            year: self.y,
            month: self.m,
            day: self.d,
        }
    }
}

/// Result of parsing at one position: one phrase, or a range.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    start: Phrase,
    end: Option<Phrase>,
}

struct Scanner<'a> {
    chars: &'a [char],
    reference: Option<(i32, u32, u32)>,
}

impl<'a> Scanner<'a> {
    #[inline]
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    #[inline]
    fn prev(&self, i: usize) -> Option<char> {
        if i == 0 {
            None
        } else {
            self.chars.get(i - 1).copied()
        }
    }

    fn starts_with(&self, i: usize, w: &str) -> bool {
        (i..).zip(w.chars()).all(|(k, c)| self.at(k) == Some(c))
    }

    /// A number starting at `i` that does not continue a longer number.
    fn num_at(&self, i: usize) -> Option<Num> {
        let n = read_num(self.chars, i)?;
        if let Some(p) = self.prev(i) {
            if n.arabic {
                // 1,000 and 3.5 continue a number; a comma after a word is a clause break
                // (normalised text writes the Chinese comma as ',').
                let thousands = p == ',' && i >= 2 && arabic_digit(self.chars[i - 2]).is_some();
                if arabic_digit(p).is_some() || matches!(p, '.' | '．') || thousands {
                    return None;
                }
            } else if is_cn_date_numeral(p)
                || matches!(p, '百' | '千' | '万' | '亿' | '第' | '点' | '.')
            {
                return None;
            }
        }
        Some(n)
    }

    /// Number usable as a month: 1–12, Arabic up to 2 digits or a single Chinese numeral.
    fn month_num(n: &Num) -> bool {
        (1..=12).contains(&n.value) && if n.arabic { n.len <= 2 } else { !n.cn_seq }
    }

    fn day_num(n: &Num) -> bool {
        (1..=31).contains(&n.value) && if n.arabic { n.len <= 2 } else { !n.cn_seq }
    }

    fn year_num(n: &Num) -> bool {
        n.len == 4 && (n.arabic || n.cn_seq) && (1900..=2100).contains(&n.value)
    }

    /// Checks after the 年 of an explicit year at `after` (the index after 年).
    fn year_tail_ok(&self, after: usize, y: u32) -> bool {
        let next = self.at(after);
        if in_set(next, NEXT_BLOCK_NIAN) {
            return false;
        }
        // 2000年前, 2000年来 (two thousand years ago / over two thousand years),
        // but 2000年前后 is a year.
        if y % 100 == 0 && matches!(next, Some('前' | '来')) && self.at(after + 1) != Some('后')
        {
            return false;
        }
        true
    }

    /// Context checks for a month without year or relative prefix.
    fn bare_month_ok(&self, i: usize, n: &Num, after: usize) -> bool {
        let p = self.prev(i);
        if in_set(self.at(after), NEXT_BLOCK_YUE) {
            return false;
        }
        if n.arabic {
            !in_set(p, PREV_BLOCK_BARE)
                && !p.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | ':' | '~' | '+')
                })
        } else {
            match p {
                None => true,
                Some(c) => !is_ideograph(c) || PREV_ALLOW_CN.contains(c),
            }
        }
    }

    /// Context checks for a day without month (27日, 27号, 五日).
    fn bare_day_ok(&self, i: usize, n: &Num, unit_at: usize) -> bool {
        let p = self.prev(i);
        let unit = self.chars[unit_at];
        let next = self.at(unit_at + 1);
        if in_set(p, PREV_BLOCK_BARE)
            || p.is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | ':' | '~' | '+')
            })
        {
            return false;
        }
        // 2月30日: the day was refused by the month before it.
        if p == Some('月')
            && i >= 2
            && (arabic_digit(self.chars[i - 2]).is_some() || is_cn_date_numeral(self.chars[i - 2]))
        {
            return false;
        }
        if next == Some('内')
            || self.starts_with(unit_at + 1, "以内")
            || self.starts_with(unit_at + 1, "之内")
        {
            return false;
        }
        if !n.arabic {
            if self.chars[i] == '两' || self.chars[i] == '兩' {
                return false;
            }
            if let Some(c) = p {
                if is_ideograph(c) && !PREV_ALLOW_CN.contains(c) {
                    return false;
                }
            }
        }
        if unit != '日' || !n.arabic {
            // 3号线, 1号文件, 五日游: only accept when the next char is not a word char,
            // or starts a part of day / connector / typical verb.
            if let Some(c) = next {
                if is_ideograph(c) && !NEXT_ALLOW_BARE.contains(c) {
                    return false;
                }
                if c.is_ascii_alphanumeric() {
                    return false;
                }
            }
        }
        true
    }

    /// `NUM CONN NUM unit` (3-5月, 25至27日, 2018-2035年). Returns (first, second, index after unit).
    fn compact_range(
        &self,
        i: usize,
        unit: fn(char) -> bool,
        ok: fn(&Num) -> bool,
    ) -> Option<(u32, u32, usize)> {
        let a = self.num_at(i)?;
        if !ok(&a) {
            return None;
        }
        let k = i + a.len;
        let cl = connector_len(self.chars, k);
        if cl == 0 {
            return None;
        }
        let b = read_num(self.chars, k + cl)?;
        if !ok(&b) || b.arabic != a.arabic {
            return None;
        }
        let u = k + cl + b.len;
        if !self.at(u).is_some_and(unit) || b.value <= a.value {
            return None;
        }
        Some((a.value, b.value, u + 1))
    }

    /// Everything after a year (explicit or relative) or at the start of a
    /// month-first phrase: month, compact month range, then the day part.
    /// `bare` is true when nothing precedes (context checks apply).
    fn after_year(&self, i: usize, mut p: Phrase, bare: bool) -> Parsed {
        if let Some((a, b, end)) = self.compact_range(i, |c| c == '月', Self::month_num) {
            let ok = !bare
                || self
                    .num_at(i)
                    .is_some_and(|n| self.bare_month_ok(i, &n, end));
            if ok {
                let mut end = end;
                if self.at(end) == Some('份') {
                    end += 1;
                }
                let s = Phrase {
                    m: Some(a),
                    end,
                    ..p
                };
                let e = Phrase {
                    m: Some(b),
                    end,
                    ..p
                };
                return Parsed {
                    start: s,
                    end: Some(e),
                };
            }
        }
        if let Some(n) = self.num_at(i) {
            let u = i + n.len;
            if Self::month_num(&n)
                && self.at(u) == Some('月')
                && (!bare || self.bare_month_ok(i, &n, u + 1))
            {
                p.m = Some(n.value);
                p.end = u + 1;
                return self.after_month(u + 1, p);
            }
        }
        Parsed {
            start: p,
            end: None,
        }
    }

    /// Day part after a month: day, compact day range, 旬, 份.
    fn after_month(&self, i: usize, mut p: Phrase) -> Parsed {
        if let Some((a, b, end)) = self.compact_range(i, is_day_unit, Self::day_num) {
            let s = Phrase {
                d: Some(a),
                end,
                ..p
            };
            let e = Phrase {
                d: Some(b),
                end,
                ..p
            };
            return Parsed {
                start: s,
                end: Some(e),
            };
        }
        if let Some(n) = self.num_at(i) {
            let u = i + n.len;
            let valid =
                p.m.map_or(true, |m| n.value <= days_in_month(p.y.or(Some(2000)), m));
            if Self::day_num(&n) && valid && self.at(u).is_some_and(is_day_unit) {
                p.d = Some(n.value);
                p.end = u + 1;
                return Parsed {
                    start: p,
                    end: None,
                };
            }
        }
        if let Some(day) = self.nth_weekday(i, p) {
            return Parsed {
                start: day,
                end: None,
            };
        }
        // 旬: 上旬, 中旬, 下旬, 上中旬, 中下旬.
        let mut k = i;
        if self.at(k) == Some('份')
            && self
                .at(k + 1)
                .is_some_and(|c| matches!(c, '上' | '中' | '下'))
        {
            k += 1;
        }
        let mut parts = Vec::new();
        while let Some(c @ ('上' | '中' | '下')) = self.at(k) {
            parts.push(c);
            k += 1;
            if parts.len() > 2 {
                break;
            }
        }
        if !parts.is_empty() && self.at(k) == Some('旬') {
            let bounds = |c: char| match c {
                '上' => (1, 10),
                '中' => (11, 20),
                _ => (21, 0),
            };
            let first = bounds(parts[0]).0;
            let last = bounds(*parts.last().unwrap()).1;
            p.xun = Some((first, last));
            p.end = k + 1;
            return Parsed {
                start: p,
                end: None,
            };
        }
        if self.at(i) == Some('份') {
            p.end = i + 1;
        }
        Parsed {
            start: p,
            end: None,
        }
    }

    /// An absolute phrase at `i` (starts with a number). `cont` is true for the
    /// second half of a range, where the context checks are not needed.
    fn absolute(&self, i: usize, cont: bool) -> Option<Parsed> {
        let n = self
            .num_at(i)
            .or_else(|| if cont { read_num(self.chars, i) } else { None })?;
        // Numeric formats: 2024-02-27, 2024/2/27, 2024.2.27.
        if n.arabic && n.len == 4 && (1900..=2100).contains(&n.value) {
            if let Some(p) = self.numeric_date(i, n) {
                return Some(Parsed {
                    start: p,
                    end: None,
                });
            }
            // 2018-2035年
            if let Some((a, b, end)) = self.compact_range(i, |c| c == '年', Self::year_num) {
                if self.year_tail_ok(end, b) {
                    let s = Phrase {
                        y: Some(a as i32),
                        explicit_year: true,
                        end,
                        ..Default::default()
                    };
                    let e = Phrase {
                        y: Some(b as i32),
                        ..s
                    };
                    return Some(Parsed {
                        start: s,
                        end: Some(e),
                    });
                }
            }
        }
        let u = i + n.len;
        let unit = self.at(u)?;
        if unit == '年' && Self::year_num(&n) && self.year_tail_ok(u + 1, n.value) {
            let p = Phrase {
                y: Some(n.value as i32),
                explicit_year: true,
                end: u + 1,
                ..Default::default()
            };
            return Some(self.after_year(u + 1, p, false));
        }
        if unit == '月' || connector_len(self.chars, u) > 0 {
            let no_fill = !cont && self.prev(i) == Some('年');
            let r = self.after_year(
                i,
                Phrase {
                    end: i,
                    no_fill,
                    ..Default::default()
                },
                !cont,
            );
            if r.start.m.is_some() {
                return Some(r);
            }
        }
        // Bare day or bare compact day range.
        let no_fill = !cont && self.prev(i) == Some('月');
        if let Some((a, b, end)) = self.compact_range(i, is_day_unit, Self::day_num) {
            if cont || self.bare_day_ok(i, &n, end - 1) {
                let s = Phrase {
                    d: Some(a),
                    end,
                    no_fill,
                    ..Default::default()
                };
                let e = Phrase {
                    d: Some(b),
                    end,
                    no_fill,
                    ..Default::default()
                };
                return Some(Parsed {
                    start: s,
                    end: Some(e),
                });
            }
        }
        if is_day_unit(unit) && Self::day_num(&n) && (cont || self.bare_day_ok(i, &n, u)) {
            let p = Phrase {
                d: Some(n.value),
                end: u + 1,
                no_fill,
                ..Default::default()
            };
            return Some(Parsed {
                start: p,
                end: None,
            });
        }
        None
    }

    /// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` (same separator twice).
    fn numeric_date(&self, i: usize, y: Num) -> Option<Phrase> {
        if let Some(p) = self.prev(i) {
            // A colon is allowed before: 时间:2022-09-23 labels a date.
            if p.is_ascii_alphanumeric() || matches!(p, '-' | '/' | '.' | '－' | '／' | '．') {
                return None;
            }
        }
        let k = i + y.len;
        let sep = self.at(k)?;
        if !matches!(sep, '-' | '/' | '.' | '－' | '／' | '．') {
            return None;
        }
        let m = read_num(self.chars, k + 1)?;
        if !m.arabic || m.len > 2 || !(1..=12).contains(&m.value) {
            return None;
        }
        let k2 = k + 1 + m.len;
        if self.at(k2) != Some(sep) {
            return None;
        }
        let d = read_num(self.chars, k2 + 1)?;
        if !d.arabic
            || d.len > 2
            || d.value < 1
            || d.value > days_in_month(Some(y.value as i32), m.value)
        {
            return None;
        }
        let end = k2 + 1 + d.len;
        if self.at(end) == Some(sep) && self.at(end + 1).is_some_and(|c| arabic_digit(c).is_some())
        {
            return None;
        }
        let mut end = end;
        if self.at(end) == Some('日') {
            end += 1;
        }
        Some(Phrase {
            y: Some(y.value as i32),
            m: Some(m.value),
            d: Some(d.value),
            explicit_year: true,
            end,
            ..Default::default()
        })
    }

    /// A relative phrase at `i`: day word, year word (+ month ...), month word (+ day ...).
    fn relative(&self, i: usize) -> Option<Parsed> {
        let c = self.chars[i];
        if !self.at(i + 1).is_some_and(is_relative_second) {
            return None;
        }
        if let Some(p) = self.week(i) {
            return Some(p);
        }
        if matches!(c, '周' | '週' | '星' | '礼' | '禮') {
            return self.weekday_then_date(i);
        }
        let prev = self.prev(i);
        // Day words.
        for &(w, off, pod) in DAY_WORDS {
            if !self.starts_with(i, w) {
                continue;
            }
            let len = w.chars().count();
            let next = self.at(i + len);
            let last = w.chars().last().unwrap();
            let blocked = match c {
                '前' | '后' | '後' => in_set(prev, PREV_BLOCK_QIANHOU),
                '明' => in_set(prev, PREV_BLOCK_MING),
                '今' => in_set(prev, "如古"),
                _ => false,
            } || (last == '天' && in_set(next, NEXT_BLOCK_TIAN))
                || (last == '日' && in_set(next, NEXT_BLOCK_RI));
            if blocked {
                return None;
            }
            let (ry, rm, rd) = self.reference?;
            let (y, m, d) = add_days(ry, rm, rd, off);
            let p = Phrase {
                y: Some(y),
                m: Some(m),
                d: Some(d),
                from_ref: true,
                pod,
                end: i + len,
                ..Default::default()
            };
            return Some(Parsed {
                start: p,
                end: None,
            });
        }
        // Year words.
        for &(w, off) in YEAR_WORDS {
            if !self.starts_with(i, w) {
                continue;
            }
            let next = self.at(i + 2);
            let blocked = in_set(next, NEXT_BLOCK_NIAN)
                || match w {
                    "前年" | "后年" | "後年" | "来年" | "來年" | "下年" | "上年" => {
                        in_set(prev, PREV_BLOCK_YEAR) || (w == "上年" && in_set(prev, "学上"))
                    }
                    "明年" => in_set(prev, PREV_BLOCK_MING),
                    _ => false,
                };
            if blocked {
                return None;
            }
            let p = Phrase {
                y: self.reference.map(|r| r.0 + off),
                from_ref: self.reference.is_some(),
                end: i + 2,
                ..Default::default()
            };
            let r = self.after_year(i + 2, p, false);
            // No reference and no month: nothing to report.
            r.start.grain()?;
            return Some(r);
        }
        // 元月 = January.
        if c == '元' {
            if self.at(i + 1) != Some('月') {
                return None;
            }
            let p = Phrase {
                m: Some(1),
                end: i + 2,
                ..Default::default()
            };
            let r = self.after_month(i + 2, p);
            let next = self.at(i + 2);
            if r.start.end == i + 2 && next.is_some_and(|c| is_ideograph(c) && c != '份') {
                return None;
            }
            return Some(r);
        }
        // Month words.
        for &(w, off) in MONTH_WORDS {
            if !self.starts_with(i, w) {
                continue;
            }
            let len = w.chars().count();
            if in_set(self.at(i + len), NEXT_BLOCK_YUE) {
                return None;
            }
            let (y, m) = match self.reference {
                Some((ry, rm, _)) => {
                    let (y, m) = add_months(ry, rm, off);
                    (Some(y), Some(m))
                }
                None => (None, None),
            };
            let p = Phrase {
                y,
                m,
                from_ref: self.reference.is_some(),
                end: i + len,
                ..Default::default()
            };
            let mut r = self.after_month(i + len, p);
            if r.start.m.is_none() {
                // No reference: keep only an explicit day (本月27日 → day 27).
                if r.start.d.is_none() || r.start.xun.is_some() {
                    return None;
                }
            }
            if r.end.is_none() && r.start.end == i + len && self.at(i + len) == Some('份') {
                r.start.end += 1;
            }
            return Some(r);
        }
        None
    }

    /// Fill missing fields from the reference date.
    fn fill(&self, mut p: Phrase) -> Phrase {
        if p.no_fill {
            return p;
        }
        if let Some((ry, rm, _)) = self.reference {
            if p.y.is_none() && p.m.is_some() {
                p.y = Some(ry);
                p.from_ref = true;
            }
            if let (None, None, Some(d)) = (p.y, p.m, p.d) {
                // 31日 in a 30-day month: the previous month.
                let (y, m) = if d > days_in_month(Some(ry), rm) {
                    add_months(ry, rm, -1)
                } else {
                    (ry, rm)
                };
                p.y = Some(y);
                p.m = Some(m);
                p.from_ref = true;
            }
        }
        p
    }

    /// Complete the second half of a range from the first one. None if the two
    /// halves do not fit (different precision, end before start).
    fn merge(&self, s: &Phrase, mut e: Phrase) -> Option<Phrase> {
        let gs = s.grain()?;
        if e.grain()? != gs || s.xun.is_some() || e.xun.is_some() {
            return None;
        }
        let had_y = e.y.is_some();
        let had_m = e.m.is_some();
        if gs == 2 && had_y && !had_m {
            return None;
        }
        if gs >= 1 && !had_y {
            e.y = s.y;
        }
        if gs == 2 && !had_m {
            e.m = s.m;
        }
        let key = |p: &Phrase| (p.y.unwrap_or(0), p.m.unwrap_or(0), p.d.unwrap_or(0));
        if key(&e) <= key(s) {
            if gs == 2 && !had_m {
                // 30日至2日: into the next month.
                let m = e.m?;
                if m == 12 {
                    e.y = e.y.map(|y| y + 1);
                }
                e.m = Some(m % 12 + 1);
            } else if gs >= 1 && !had_y && e.m < s.m {
                // 12月30日至1月2日: into the next year.
                e.y = e.y.map(|y| y + 1);
            } else {
                return None;
            }
        }
        e.from_ref |= s.from_ref;
        Some(e)
    }

    /// Part of day right after `i`.
    fn part_of_day(&self, i: usize) -> Option<(PartOfDay, usize)> {
        let c = self.at(i)?;
        if !matches!(
            c,
            '上' | '早'
                | '清'
                | '凌'
                | '中'
                | '午'
                | '正'
                | '下'
                | '傍'
                | '晚'
                | '夜'
                | '深'
                | '晨'
        ) {
            return None;
        }
        for &(w, pod) in POD_WORDS {
            if self.starts_with(i, w) {
                let len = w.chars().count();
                if len == 1 && in_set(self.at(i + 1), "会宴餐报霞饭场景市校班空色风")
                {
                    return None;
                }
                return Some((pod, i + len));
            }
        }
        None
    }

    /// `（星期二）`, `(周二)`, `（礼拜天）` at `i`: index after it.
    fn weekday_note(&self, i: usize) -> Option<usize> {
        if !matches!(self.at(i)?, '（' | '(') {
            return None;
        }
        let k = i + 1 + self.week_unit(i + 1)?;
        self.weekday_at(k)?;
        matches!(self.at(k + 1)?, '）' | ')').then_some(k + 2)
    }

    /// Try to read a time expression starting at char `i`.
    fn parse_at(&self, i: usize) -> Option<(TimeValue, Option<PartOfDay>, bool, bool, usize)> {
        let c = self.chars[i];
        let parsed = if arabic_digit(c).is_some() || is_cn_date_numeral(c) {
            self.absolute(i, false).or_else(|| {
                if is_relative_start(c) {
                    self.relative(i)
                } else {
                    None
                }
            })?
        } else {
            self.relative(i)?
        };
        let start = self.fill(parsed.start);
        let mut end_phrase = match parsed.end {
            Some(e) => Some(self.merge(&start, e)?),
            None => None,
        };
        // General range: phrase CONN phrase.
        if end_phrase.is_none() && start.xun.is_none() {
            let cl = connector_len(self.chars, start.end);
            if cl > 0 {
                let j = start.end + cl;
                if self
                    .at(j)
                    .is_some_and(|c| arabic_digit(c).is_some() || is_cn_date_numeral(c))
                {
                    if let Some(p2) = self.absolute(j, true) {
                        if p2.end.is_none() {
                            if let Some(e) = self.merge(&start, p2.start) {
                                end_phrase = Some(e);
                            }
                        }
                    }
                }
            }
        }
        let mut last = end_phrase.map_or(start.end, |e| e.end);
        let explicit_year = start.explicit_year || end_phrase.is_some_and(|e| e.explicit_year);
        let relative = start.from_ref || end_phrase.is_some_and(|e| e.from_ref);
        let mut pod = start.pod;
        let value = if let Some(e) = end_phrase {
            TimeValue::Range(start.day(), e.day())
        } else if let Some((a, b)) = start.xun {
            let m = start.m?;
            let b = if b == 0 { days_in_month(start.y, m) } else { b };
            let d = start.day();
            TimeValue::Range(Day { day: Some(a), ..d }, Day { day: Some(b), ..d })
        } else {
            if start.d.is_some() {
                // 2月27日（星期二）下午: look past a weekday in brackets.
                let after = self.weekday_note(last).unwrap_or(last);
                if let Some((p, end)) = self.part_of_day(after) {
                    pod = Some(p);
                    last = end;
                }
            }
            TimeValue::Point(start.day())
        };
        Some((value, pod, relative, explicit_year, last))
    }
}

/// See [`crate::find_times`].
pub(crate) fn find_times(text: &str, reference: Option<(i32, u32, u32)>) -> Vec<TimeMention> {
    if !text.chars().any(is_trigger) {
        return Vec::new();
    }
    let mut chars = Vec::with_capacity(text.len() / 2);
    let mut offs = Vec::with_capacity(text.len() / 2 + 1);
    for (o, c) in text.char_indices() {
        chars.push(c);
        offs.push(o);
    }
    offs.push(text.len());
    let sc = Scanner {
        chars: &chars,
        reference,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '《' {
            // Skip book and document titles: 《2035年远景目标纲要》.
            if let Some(k) = chars[i + 1..].iter().position(|&x| x == '》') {
                i += k + 2;
                continue;
            }
        }
        if is_trigger(c) {
            if let Some((value, part_of_day, relative, explicit_year, end)) = sc.parse_at(i) {
                let (s, e) = (offs[i], offs[end]);
                out.push(TimeMention {
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    value,
                    part_of_day,
                    relative,
                    explicit_year,
                });
                i = end;
                continue;
            }
            // Skip the rest of a number that failed, so its tail is not read alone.
            if arabic_digit(c).is_some() {
                while i < chars.len() && arabic_digit(chars[i]).is_some() {
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn trigger_table_agrees_with_the_char_tests() {
        for cp in 0..0x11000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let by_tests = arabic_digit(c).is_some() || is_cn_date_numeral(c) || is_relative_start(c);
            assert_eq!(is_trigger(c), by_tests, "{c:?}");
        }
    }

    #[test]
    fn every_relative_word_passes_the_second_char_gate() {
        let words = DAY_WORDS.iter().map(|w| w.0).chain(YEAR_WORDS.iter().map(|w| w.0)).chain(MONTH_WORDS.iter().map(|w| w.0));
        for w in words.chain(["元月"]) {
            let second = w.chars().nth(1).unwrap();
            assert!(is_relative_second(second), "{w}");
        }
    }
}
