//! Publication dates in news URLs.

use crate::value::days_in_month;

/// A run of ASCII digits in the URL path, with the separator char before it.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    value: u64,
    /// Char just before the run (`'/'` at the start of the path).
    before: u8,
}

fn valid_year(y: u64) -> bool {
    (1990..=2100).contains(&y)
}

fn valid_md(y: u64, m: u64, d: u64) -> bool {
    (1..=12).contains(&m) && d >= 1 && d as u32 <= days_in_month(Some(y as i32), m as u32)
}

/// Date in a URL path, as `(year, month, day)` or `(year, month, None)`.
///
/// Recognised shapes (anywhere in the path, host name ignored):
/// `/2021-05/21/`, `/2021/0326/`, `/20210531/`, `t20200104_`, `/2019/05/21/`,
/// `/202103/11/`, `/c/2016-05-06/`, `/2023/01-12/`, `/2021_05_21/`; month only:
/// `/2021-05/`, `/202103/`, `/2021/05/`. Years are limited to 1990–2100. A full
/// date anywhere in the path wins over a month-only match.
///
/// ```
/// use cadre_time::date_from_url;
/// assert_eq!(date_from_url("http://www.news.cn/politics/2021-05/21/c_1127476.htm"), Some((2021, 5, Some(21))));
/// assert_eq!(date_from_url("https://example.org/zwgk/202103/t20210311_123.html"), Some((2021, 3, Some(11))));
/// assert_eq!(date_from_url("https://example.org/xw/202103/index.html"), Some((2021, 3, None)));
/// assert_eq!(date_from_url("https://example.org/about.html"), None);
/// ```
pub fn date_from_url(url: &str) -> Option<(i32, u32, Option<u32>)> {
    // Skip scheme and host.
    let path = match url.find("://") {
        Some(p) => {
            let rest = &url[p + 3..];
            match rest.find('/') {
                Some(q) => &rest[q..],
                None => return None,
            }
        }
        None => url,
    };
    let b = path.as_bytes();
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            let mut v: u64 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - s < 15 {
                    v = v * 10 + (b[i] - b'0') as u64;
                }
                i += 1;
            }
            runs.push(Run {
                start: s,
                end: i,
                value: v,
                before: if s == 0 { b'/' } else { b[s - 1] },
            });
        } else {
            i += 1;
        }
    }
    let is_sep = |c: u8| matches!(c, b'/' | b'-' | b'_' | b'.');
    // Next run if it follows `r` after exactly one separator char.
    let next = |k: usize| -> Option<Run> {
        let r = runs.get(k)?;
        let n = runs.get(k + 1)?;
        if n.start == r.end + 1 && is_sep(b[r.end]) {
            Some(*n)
        } else {
            None
        }
    };
    let mut partial: Option<(i32, u32, Option<u32>)> = None;
    for (k, r) in runs.iter().enumerate() {
        let len = r.end - r.start;
        // A run glued to letters other than the `t` of `t20200104` is an id.
        let lead_ok = is_sep(r.before) || r.before == b't' || r.before == b'c' || r.before == b'=';
        if !lead_ok {
            continue;
        }
        let trail_ok = |end: usize| end >= b.len() || !b[end].is_ascii_alphanumeric();
        match len {
            8 => {
                let (y, m, d) = (r.value / 10000, r.value / 100 % 100, r.value % 100);
                if valid_year(y) && valid_md(y, m, d) {
                    return Some((y as i32, m as u32, Some(d as u32)));
                }
            }
            6 => {
                let (y, m) = (r.value / 100, r.value % 100);
                if valid_year(y) && (1..=12).contains(&m) {
                    if let Some(n) = next(k) {
                        let nl = n.end - n.start;
                        if (1..=2).contains(&nl) && valid_md(y, m, n.value) && trail_ok(n.end) {
                            return Some((y as i32, m as u32, Some(n.value as u32)));
                        }
                    }
                    if partial.is_none() && trail_ok(r.end) {
                        partial = Some((y as i32, m as u32, None));
                    }
                }
            }
            4 => {
                let y = r.value;
                if !valid_year(y) {
                    continue;
                }
                let Some(n) = next(k) else { continue };
                let nl = n.end - n.start;
                if nl == 4 {
                    let (m, d) = (n.value / 100, n.value % 100);
                    if valid_md(y, m, d) && trail_ok(n.end) {
                        return Some((y as i32, m as u32, Some(d as u32)));
                    }
                } else if (1..=2).contains(&nl) && (1..=12).contains(&n.value) {
                    let m = n.value;
                    if let Some(n2) = next(k + 1) {
                        let l2 = n2.end - n2.start;
                        if (1..=2).contains(&l2) && valid_md(y, m, n2.value) && trail_ok(n2.end) {
                            return Some((y as i32, m as u32, Some(n2.value as u32)));
                        }
                    }
                    if partial.is_none() && trail_ok(n.end) {
                        partial = Some((y as i32, m as u32, None));
                    }
                }
            }
            _ => {}
        }
    }
    partial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shapes() {
        type Want = Option<(i32, u32, Option<u32>)>;
        let cases: &[(&str, Want)] = &[
            (
                "http://www.xinhuanet.com/politics/2021-05/21/c_1127476.htm",
                Some((2021, 5, Some(21))),
            ),
            (
                "http://example.gov.cn/art/2021/0326/art_1_2.html",
                Some((2021, 3, Some(26))),
            ),
            (
                "http://example.com/news/20210531/123.html",
                Some((2021, 5, Some(31))),
            ),
            (
                "http://example.gov.cn/xxgk/t20200104_3214.html",
                Some((2020, 1, Some(4))),
            ),
            (
                "http://example.com/2019/05/21/abc.html",
                Some((2019, 5, Some(21))),
            ),
            (
                "http://example.com/content/202103/11/c123.html",
                Some((2021, 3, Some(11))),
            ),
            (
                "http://example.com/c/2016-05-06/doc-123.shtml",
                Some((2016, 5, Some(6))),
            ),
            (
                "http://example.com/n1/2023/01-12/c64094-3262.html",
                Some((2023, 1, Some(12))),
            ),
            (
                "http://example.com/xw/2021-05/index.html",
                Some((2021, 5, None)),
            ),
            (
                "http://example.com/xw/202103/index.html",
                Some((2021, 3, None)),
            ),
            ("http://example.com/a/123456789.html", None),
            ("http://example.com/a/b.html", None),
            ("http://news.163.com/a/b.html", None),
            ("http://example.com/2021-13/40/x.html", None),
        ];
        for (url, want) in cases {
            assert_eq!(date_from_url(url), *want, "{url}");
        }
    }
}
