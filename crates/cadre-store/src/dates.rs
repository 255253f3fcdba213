//! Date bounds for range queries: every date form of the model (`YYYY-MM-DD`,
//! `YYYY-MM`, `YYYY`, `XXXX-MM-DD`, `START/END`) becomes an inclusive
//! `[start, end]` of `YYYY-MM-DD` strings, which compare as dates.

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_days(y: i64, m: i64) -> i64 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Inclusive bounds of one date (no `/`). `XXXX` takes the year of `ref_date`.
fn single(date: &str, ref_date: Option<&str>) -> Option<(String, String)> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let year = if parts[0].eq_ignore_ascii_case("xxxx") {
        num(ref_date?.get(..4)?)?
    } else {
        num(parts[0])?
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    match parts.len() {
        1 => Some((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        2 => {
            let m = num(parts[1])?;
            if !(1..=12).contains(&m) {
                return None;
            }
            Some((
                format!("{year:04}-{m:02}-01"),
                format!("{year:04}-{m:02}-{:02}", month_days(year, m)),
            ))
        }
        3 => {
            let m = num(parts[1])?;
            let d = num(parts[2])?;
            if !(1..=12).contains(&m) || d < 1 || d > month_days(year, m) {
                return None;
            }
            let s = format!("{year:04}-{m:02}-{d:02}");
            Some((s.clone(), s))
        }
        _ => None,
    }
}

/// Inclusive `[start, end]` bounds of a model date, or None if unparseable.
pub fn bounds(date: &str, ref_date: Option<&str>) -> Option<(String, String)> {
    match date.split_once('/') {
        Some((a, b)) => {
            let (s, _) = single(a, ref_date)?;
            let (_, e) = single(b, ref_date)?;
            if s <= e {
                Some((s, e))
            } else {
                Some((e, s))
            }
        }
        None => single(date, ref_date),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` (or the start of a coarser form).
pub fn days(date: &str) -> Option<i64> {
    let (s, _) = bounds(date, None)?;
    let y = num(&s[..4])?;
    let m = num(&s[5..7])?;
    let d = num(&s[8..10])?;
    // Civil-from-days inverse (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// `YYYY-MM-DD` of days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Width of a bounds pair in days (0 for an exact day); used to prefer the
/// most precise report of an event.
pub fn width(start: &str, end: &str) -> i64 {
    match (days(start), days(end)) {
        (Some(a), Some(b)) => b - a,
        _ => i64::MAX,
    }
}

/// The day a `YYYY-MM-DD…` string starts with, if it is a full date.
pub fn exact_day(date: &str) -> Option<String> {
    let (s, e) = bounds(date, None)?;
    (s == e).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            bounds("2024-02-27", None),
            Some(("2024-02-27".into(), "2024-02-27".into()))
        );
        assert_eq!(
            bounds("2024-02", None),
            Some(("2024-02-01".into(), "2024-02-29".into()))
        );
        assert_eq!(
            bounds("2023", None),
            Some(("2023-01-01".into(), "2023-12-31".into()))
        );
        assert_eq!(
            bounds("XXXX-03-05", Some("2021-07-01")),
            Some(("2021-03-05".into(), "2021-03-05".into()))
        );
        assert_eq!(
            bounds("2024-02-26/2024-02-28", None),
            Some(("2024-02-26".into(), "2024-02-28".into()))
        );
        assert_eq!(bounds("XXXX-03-05", None), None);
        assert_eq!(days("1970-01-02"), Some(1));
        assert_eq!(days("2024-03-01").unwrap() - days("2024-02-28").unwrap(), 2);
        for d in ["1999-12-31", "2000-02-29", "2024-02-27", "1970-01-01"] {
            assert_eq!(from_days(days(d).unwrap()), d);
        }
    }
}
