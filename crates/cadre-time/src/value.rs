//! Value types ([`Day`], [`TimeValue`], [`PartOfDay`], [`Reference`]), the gold
//! annotation format and the small amount of calendar arithmetic the resolver needs.

use serde::{Deserialize, Serialize};

/// A calendar value, possibly partial: year unknown (None) means the text does not
/// say it and the reference date could not supply it.
///
/// The precision of the value is given by the finest field present: `day: None`
/// is a month, `month: None` and `day: None` is a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A resolved time expression: a single calendar value or an inclusive range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TimeValue {
    Point(Day),
    /// Inclusive range `start..=end`, both ends at the same precision.
    Range(Day, Day),
}

/// Part of the day attached to a day-precision mention (27日上午, 当晚 ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartOfDay {
    /// 上午, 早上, 早晨, 清晨, 今晨, 今早.
    Morning,
    /// 中午, 午间.
    Noon,
    /// 下午, 午后.
    Afternoon,
    /// 晚上, 傍晚, 晚间, 当晚, 今晚, 27日晚.
    Evening,
    /// 夜间, 夜里, 深夜, 凌晨, 午夜, 27日夜.
    Night,
}

/// The date a text is anchored to (dateline or URL date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reference {
    pub date: Option<(i32, u32, u32)>,
}

impl From<Option<(i32, u32, u32)>> for Reference {
    fn from(date: Option<(i32, u32, u32)>) -> Self {
        Reference { date }
    }
}

impl Day {
    /// A full date.
    pub const fn ymd(year: i32, month: u32, day: u32) -> Day {
        Day {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }

    /// A month of a (possibly unknown) year.
    pub const fn ym(year: Option<i32>, month: u32) -> Day {
        Day {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// A year.
    pub const fn y(year: i32) -> Day {
        Day {
            year: Some(year),
            month: None,
            day: None,
        }
    }

    /// Gold annotation form: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`; an unknown year is
    /// written `XXXX` (`XXXX-11-02`), an unknown month `XX`.
    pub fn to_gold(&self) -> String {
        let mut out = String::with_capacity(10);
        self.write_gold(&mut out);
        out
    }

    /// Appends the gold form to `out`: written digit by digit, since every time mention of
    /// every document is written so.
    fn write_gold(&self, out: &mut String) {
        match self.year {
            Some(y) if (0..=9999).contains(&y) => push_digits(out, y as u32, 4),
            Some(y) => out.push_str(&y.to_string()),
            None => out.push_str("XXXX"),
        }
        match (self.month, self.day) {
            (None, None) => {}
            (Some(m), None) => {
                out.push('-');
                push_digits(out, m, 2);
            }
            (m, Some(d)) => {
                out.push('-');
                match m {
                    Some(m) => push_digits(out, m, 2),
                    None => out.push_str("XX"),
                }
                out.push('-');
                push_digits(out, d, 2);
            }
        }
    }
}

/// `n` zero-padded to `width` digits (wider numbers keep all their digits).
fn push_digits(out: &mut String, n: u32, width: u32) {
    let digits = n.checked_ilog10().unwrap_or(0) + 1;
    for _ in digits..width {
        out.push('0');
    }
    let mut p = 10u32.pow(digits - 1);
    while p > 0 {
        out.push(char::from(b'0' + (n / p % 10) as u8));
        p /= 10;
    }
}

impl TimeValue {
    /// Gold annotation form: a point as [`Day::to_gold`], a range as `START/END`.
    pub fn to_gold(&self) -> String {
        match self {
            TimeValue::Point(d) => d.to_gold(),
            TimeValue::Range(a, b) => {
                let mut out = String::with_capacity(21);
                a.write_gold(&mut out);
                out.push('/');
                b.write_gold(&mut out);
                out
            }
        }
    }

    /// First day (or month, year) covered.
    pub fn start(&self) -> Day {
        match self {
            TimeValue::Point(d) | TimeValue::Range(d, _) => *d,
        }
    }
}

pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; February of an unknown year counts 28 days.
pub(crate) fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if y.is_some_and(is_leap) {
                29
            } else {
                28
            }
        }
        _ => 31,
    }
}

/// `(y, m, d)` shifted by `n` days.
pub(crate) fn add_days(y: i32, m: u32, d: u32, n: i32) -> (i32, u32, u32) {
    let (mut y, mut m, mut d) = (y, m, d as i32 + n);
    while d < 1 {
        if m == 1 {
            m = 12;
            y -= 1;
        } else {
            m -= 1;
        }
        d += days_in_month(Some(y), m) as i32;
    }
    loop {
        let dim = days_in_month(Some(y), m) as i32;
        if d <= dim {
            break;
        }
        d -= dim;
        if m == 12 {
            m = 1;
            y += 1;
        } else {
            m += 1;
        }
    }
    (y, m, d as u32)
}

/// Day of the week of a date: Monday 0 … Sunday 6.
pub(crate) fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // Days since 1970-01-01 (a Thursday), by the civil-from-days count of years from March.
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe as u32 * 365 + yoe as u32 / 4 - yoe as u32 / 100 + doy;
    let days = era as i64 * 146_097 + doe as i64 - 719_468;
    (days + 3).rem_euclid(7) as u32
}

/// `(y, m)` shifted by `n` months.
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_forms() {
        assert_eq!(Day::ymd(2024, 2, 27).to_gold(), "2024-02-27");
        assert_eq!(Day::ym(Some(2024), 2).to_gold(), "2024-02");
        assert_eq!(Day::y(2024).to_gold(), "2024");
        assert_eq!(Day::ym(None, 11).to_gold(), "XXXX-11");
        let r = TimeValue::Range(
            Day {
                year: None,
                month: Some(11),
                day: Some(2),
            },
            Day {
                year: None,
                month: Some(11),
                day: Some(3),
            },
        );
        assert_eq!(r.to_gold(), "XXXX-11-02/XXXX-11-03");
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add_days(2024, 3, 1, -1), (2024, 2, 29));
        assert_eq!(add_days(2023, 12, 31, 1), (2024, 1, 1));
        assert_eq!(add_days(2024, 1, 1, -3), (2023, 12, 29));
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(days_in_month(Some(2100), 2), 28);
        assert_eq!(days_in_month(Some(2000), 2), 29);
        assert_eq!(weekday(2013, 2, 12), 1);
        assert_eq!(weekday(2024, 2, 27), 1);
        assert_eq!(weekday(1970, 1, 1), 3);
        assert_eq!(weekday(2000, 3, 1), 2);
    }

    #[test]
    fn gold_forms_are_zero_padded() {
        let day = |year, month, day| Day { year, month, day };
        for y in [0, 7, 987, 1949, 2024, 12345] {
            for m in [1, 9, 10, 12] {
                assert_eq!(day(Some(y), Some(m), Some(5)).to_gold(), format!("{y:04}-{m:02}-05"));
                assert_eq!(day(Some(y), Some(m), None).to_gold(), format!("{y:04}-{m:02}"));
            }
        }
        assert_eq!(day(None, None, Some(2)).to_gold(), "XXXX-XX-02");
        assert_eq!(day(None, Some(11), Some(2)).to_gold(), "XXXX-11-02");
        assert_eq!(day(Some(2024), None, None).to_gold(), "2024");
        let r = TimeValue::Range(day(Some(2024), Some(2), Some(25)), day(Some(2024), Some(2), Some(27)));
        assert_eq!(r.to_gold(), "2024-02-25/2024-02-27");
    }
}
