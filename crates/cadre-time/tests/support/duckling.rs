//! Evaluation of `find_times` on the Duckling Chinese time test vectors
//! (`zh_time.tsv`, see the README next to it). Shared by `tests/duckling.rs` and
//! `examples/duckling_eval.rs`.
//!
//! Each in-scope row is run with the Duckling reference date (2013-02-12); it
//! passes when exactly one mention covers the whole input with the expected value
//! (and part of day, for the 早上 rows).

#![allow(dead_code)]

use cadre_time::{find_times, Day, PartOfDay, TimeValue};
use std::collections::BTreeMap;
use std::path::Path;

pub const DEFAULT_PATH: &str = "/work/shared/data/duckling/zh_time.tsv";
pub const REFERENCE: (i32, u32, u32) = (2013, 2, 12);

#[derive(Debug, Clone)]
pub struct Case {
    pub input: String,
    pub kind: String,
    pub value: (i32, u32, u32, u32),
    pub to_exclusive: Option<(i32, u32, u32, u32)>,
    pub grain: String,
    pub holiday: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub pass: usize,
    pub total: usize,
    pub failures: Vec<String>,
    /// Out-of-scope rows by category.
    pub left_out: BTreeMap<&'static str, usize>,
}

impl Report {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.pass as f64 / self.total as f64
        }
    }
}

/// `2013-02-12T04:30:00-02:00` → (y, m, d, hour).
fn stamp(s: &str) -> Option<(i32, u32, u32, u32)> {
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    let h = s.get(11..13)?.parse().ok()?;
    Some((y, m, d, h))
}

pub fn load(path: &Path) -> std::io::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        let Some(value) = stamp(f[4]) else { continue };
        out.push(Case {
            input: f[0].to_string(),
            kind: f[3].to_string(),
            value,
            to_exclusive: stamp(f[5]),
            grain: f[6].to_string(),
            holiday: f[7].to_string(),
        });
    }
    Ok(out)
}

const POD_WORDS: &[&str] = &[
    "早上", "早晨", "上午", "中午", "下午", "晚上", "傍晚", "凌晨", "夜间",
];

/// `None` when the row is in scope, else the category it is left out under.
pub fn out_of_scope(c: &Case) -> Option<&'static str> {
    let s = c.input.as_str();
    let has = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    // The CN/HK/MO corpora give 国庆 without a holiday label.
    if !c.holiday.is_empty() || has(&["国庆", "國慶"]) {
        return Some("holidays and festivals");
    }
    if c.grain == "second" || c.grain == "minute" {
        return Some("clock times and 'now'");
    }
    if c.grain == "week" || has(&["星期", "礼拜", "禮拜", "周", "週"]) {
        return week_scope(c);
    }
    if s.contains('/') {
        return Some("month-first numeric dates (3/3/2015, 2/15)");
    }
    if has(&["聽日", "尋日"]) {
        return Some("Cantonese colloquial words (聽日, 尋日)");
    }
    if has(&["这一年", "這一年"]) {
        return Some("anaphoric 这一年");
    }
    if c.grain == "hour" {
        let clock = has(&["点", "點", "时", "時", "pm", ":"]);
        if c.kind == "interval" && has(POD_WORDS) && !clock {
            return None;
        }
        return Some("clock times and 'now'");
    }
    if c.kind == "interval" {
        return Some("durations relative to now (上两天, 三个月后, 前两年)");
    }
    None
}

/// Weeks and weekdays: in scope with a prefix that names the week (上周五, 这个礼拜, 下三周,
/// 这周末) or a date that fixes the day (周日, 二月十号; 十月第一个星期一).
fn week_scope(c: &Case) -> Option<&'static str> {
    let s = c.input.as_str();
    if s.contains(['前', '后', '後']) {
        return Some("durations relative to now (上两天, 三个月后, 前两年)");
    }
    let offset = match s.chars().next() {
        Some('上') => -1,
        Some('下') => 1,
        Some('这' | '這' | '今' | '本') => 0,
        _ if s.contains('月') => return None,
        _ => return Some("bare weekdays (星期二, 周一早上): news reads them back, Duckling forward"),
    };
    // 这周一 and 下周三 read on Tuesday 2013-02-12: Duckling gives the coming Monday
    // (02-18) and the coming Wednesday (02-13); the prefix names the week, so Cadre gives
    // this week's Monday (02-11) and next week's Wednesday (02-20).
    let (y, m, d, _) = c.value;
    let week = (ordinal(y, m, d) - ordinal(2013, 2, 11)).div_euclid(7);
    if c.grain == "day" && week != offset {
        return Some("weekdays that Duckling moves out of the week the prefix names (这周一, 下周三)");
    }
    None
}

/// Days since 1970-01-01.
fn ordinal(y: i32, m: u32, d: u32) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400) as i64;
    let yoe = y.rem_euclid(400) as i64;
    let doy = ((153 * m + 2) / 5 + d - 1) as i64;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The date `n` days after `(y, m, d)`.
fn shift(y: i32, m: u32, d: u32, n: i64) -> Day {
    let z = ordinal(y, m, d) + n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Day::ymd(year, month, day)
}

fn pod_of(c: &Case) -> Option<PartOfDay> {
    if c.grain != "hour" {
        return None;
    }
    let (_, _, _, h) = c.value;
    let end_h = c.to_exclusive.map(|t| t.3).unwrap_or(h + 1);
    Some(match h {
        0..=3 => PartOfDay::Night,
        4..=11 => PartOfDay::Morning,
        12 if end_h == 14 => PartOfDay::Noon,
        12..=17 => PartOfDay::Afternoon,
        _ => PartOfDay::Evening,
    })
}

/// Expected value of an in-scope row.
pub fn expected(c: &Case) -> (TimeValue, Option<PartOfDay>) {
    let (y, m, d, _) = c.value;
    // A week is Monday to Sunday; a span of weeks ends the day before its exclusive end;
    // a weekend (Friday 18:00 to Monday 00:00 for Duckling) is Saturday and Sunday.
    if c.grain == "week" {
        let last = match c.to_exclusive {
            Some((ty, tm, td, _)) => shift(ty, tm, td, -1),
            None => shift(y, m, d, 6),
        };
        return (TimeValue::Range(Day::ymd(y, m, d), last), None);
    }
    if c.input.contains('末') {
        return (TimeValue::Range(shift(y, m, d, 1), shift(y, m, d, 2)), None);
    }
    let day = match c.grain.as_str() {
        "year" => Day::y(y),
        "month" => Day::ym(Some(y), m),
        _ => Day::ymd(y, m, d),
    };
    (TimeValue::Point(day), pod_of(c))
}

pub fn evaluate(cases: &[Case]) -> Report {
    let mut r = Report::default();
    for c in cases {
        if let Some(cat) = out_of_scope(c) {
            *r.left_out.entry(cat).or_default() += 1;
            continue;
        }
        r.total += 1;
        let (want, want_pod) = expected(c);
        let input = c.input.trim();
        let got = find_times(input, Some(REFERENCE));
        let ok = got.len() == 1
            && got[0].start == 0
            && got[0].end == input.len()
            && got[0].value == want
            && (want_pod.is_none() || got[0].part_of_day == want_pod);
        if ok {
            r.pass += 1;
        } else {
            let got_s: Vec<String> = got
                .iter()
                .map(|m| {
                    format!(
                        "{}→{}{}",
                        m.text,
                        m.value.to_gold(),
                        m.part_of_day.map(|p| format!(" {p:?}")).unwrap_or_default()
                    )
                })
                .collect();
            r.failures.push(format!(
                "{input}\twant {}{}\tgot [{}]",
                want.to_gold(),
                want_pod.map(|p| format!(" {p:?}")).unwrap_or_default(),
                got_s.join(", ")
            ));
        }
    }
    r
}
