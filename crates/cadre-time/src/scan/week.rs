//! Weeks and weekdays, resolved from the reference date: 上周五, 本周三, 下星期二, 这个礼拜,
//! 上两周, 这周末; a weekday that opens a date (周日, 2月10日: the date decides); and the
//! n-th weekday of a month (十月第一个星期一).
//!
//! Weeks run Monday to Sunday. 这周一 is the Monday of the reference's week even when it
//! is past, 下周三 the Wednesday of the next week: the prefix names the week, the
//! weekday the day in it. A bare weekday (周二, 星期五) is left out: news reads it back
//! to the last one, other text forward to the next, and only the tense can tell.

use super::{Parsed, Phrase, Scanner};
use crate::numerals::read_num;
use crate::value::{add_days, weekday};

/// Week prefixes and their offset in weeks.
const PREFIXES: &[(&str, i32)] = &[
    ("上个", -1),
    ("上個", -1),
    ("上", -1),
    ("下个", 1),
    ("下個", 1),
    ("下", 1),
    ("这个", 0),
    ("這個", 0),
    ("这一", 0),
    ("這一", 0),
    ("这", 0),
    ("這", 0),
    ("今个", 0),
    ("今個", 0),
    ("今", 0),
    ("本", 0),
];

/// Words for a week.
const UNITS: &[&str] = &["星期", "礼拜", "禮拜", "周", "週"];

/// Characters before 上/下 that make them a locative (会上周强发言, 在领导下周密部署).
const PREV_BLOCK: &str = "会台晚早网路马线身手面桌场堂楼山地海街以之此向其等头手脚上下";

/// Characters after 周 that make it part of another word (周边, 周期, 周年, 周刊 …).
const NEXT_BLOCK: &str = "边期年刊报岁围到密转知全游旋长身遭折";

impl Scanner<'_> {
    /// The week unit at `i`: its length in chars.
    pub(super) fn week_unit(&self, i: usize) -> Option<usize> {
        UNITS.iter().find(|u| self.starts_with(i, u)).map(|u| u.chars().count())
    }

    /// The weekday at `i` (Monday 0 … Sunday 6).
    pub(super) fn weekday_at(&self, i: usize) -> Option<u32> {
        Some(match self.at(i)? {
            '一' => 0,
            '二' => 1,
            '三' => 2,
            '四' => 3,
            '五' => 4,
            '六' => 5,
            '日' | '天' => 6,
            _ => return None,
        })
    }

    /// A week, a span of weeks or a day of a week at `i` (上周五, 这周, 下三周, 这周末).
    pub(super) fn week(&self, i: usize) -> Option<Parsed> {
        let (prefix, offset) = PREFIXES.iter().find(|(w, _)| self.starts_with(i, w))?;
        let c = self.at(i)?;
        if matches!(c, '上' | '下') && super::in_set(self.prev(i), PREV_BLOCK) {
            return None;
        }
        if c == '本' && self.prev(i) == Some('日') {
            return None; // 日本周边
        }
        let mut k = i + prefix.chars().count();
        // 上两周, 下三个星期: a span of weeks next to the reference's week.
        let mut count = 1;
        if matches!(c, '上' | '下') && prefix.chars().count() == 1 {
            if let Some(n) = read_num(self.chars, k).filter(|n| (1..=10).contains(&n.value)) {
                count = n.value as i32;
                k += n.len;
                if matches!(self.at(k), Some('个' | '個')) {
                    k += 1;
                }
            }
        }
        let unit = self.week_unit(k)?;
        let after_unit = k + unit;
        let unit_is_zhou = unit == 1;
        let (ry, rm, rd) = self.reference?;
        let monday = add_days(ry, rm, rd, -(weekday(ry, rm, rd) as i32));
        let shift = |days: i32| add_days(monday.0, monday.1, monday.2, days);
        let day = |(y, m, d): (i32, u32, u32), end: usize| Phrase {
            y: Some(y),
            m: Some(m),
            d: Some(d),
            from_ref: true,
            end,
            ..Default::default()
        };
        let range = |a: i32, b: i32, end: usize| Parsed { start: day(shift(a), end), end: Some(day(shift(b), end)) };
        if count > 1 {
            return Some(if *offset < 0 {
                range(-7 * count, -1, after_unit)
            } else {
                range(7, 7 * count + 6, after_unit)
            });
        }
        let first = 7 * offset;
        if let Some(wd) = self.weekday_at(after_unit) {
            return Some(Parsed { start: day(shift(first + wd as i32), after_unit + 1), end: None });
        }
        if self.at(after_unit) == Some('末') {
            return Some(range(first + 5, first + 6, after_unit + 1));
        }
        if unit_is_zhou && super::in_set(self.at(after_unit), NEXT_BLOCK) {
            return None;
        }
        Some(range(first, first + 6, after_unit))
    }

    /// A weekday that opens a date (周日, 二月十号; 星期二(2月27日) is the other order):
    /// one mention, the date's value.
    pub(super) fn weekday_then_date(&self, i: usize) -> Option<Parsed> {
        let unit = self.week_unit(i)?;
        self.weekday_at(i + unit)?;
        let mut k = i + unit + 1;
        while matches!(self.at(k), Some(',' | '，' | ' ' | '、')) {
            k += 1;
        }
        if k == i + unit + 1 {
            return None;
        }
        let parsed = self.absolute(k, false)?;
        (parsed.end.is_none() && parsed.start.d.is_some()).then_some(parsed)
    }

    /// The n-th weekday of the month `p` at `i` (十月第一个星期一, 5月的第二个周日).
    pub(super) fn nth_weekday(&self, i: usize, p: Phrase) -> Option<Phrase> {
        let mut k = i;
        if self.at(k) == Some('的') {
            k += 1;
        }
        if self.at(k) != Some('第') {
            return None;
        }
        let n = read_num(self.chars, k + 1).filter(|n| (1..=5).contains(&n.value))?;
        k += 1 + n.len;
        if matches!(self.at(k), Some('个' | '個')) {
            k += 1;
        }
        k += self.week_unit(k)?;
        let wd = self.weekday_at(k)?;
        let m = p.m?;
        let (y, from_ref) = match p.y {
            Some(y) => (y, p.from_ref),
            None => (self.reference?.0, true),
        };
        let first = weekday(y, m, 1);
        let d = 1 + (wd + 7 - first) % 7 + 7 * (n.value - 1);
        (d <= crate::value::days_in_month(Some(y), m)).then_some(Phrase { y: Some(y), d: Some(d), from_ref, end: k + 1, ..p })
    }
}
