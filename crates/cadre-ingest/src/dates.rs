//! Publication dates as written in pages: `2021-03-26 09:25`, `2021年3月26日`,
//! `2021/03/26`, and dates in URLs (`/2021-03/26/`, `/20210326/`).

use std::sync::LazyLock;

use regex::Regex;

/// A year, then month and day with one consistent separator (`-`, `/`, `.`) or
/// 年/月. Spaces are allowed only around 年/月, so `12/01/2004 - 01/01/2005`
/// (an archive range in US order) is not read as 2004-01-01.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d/.])((?:19|20)\d\d)(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2}))(?:[^\d]|$)",
    )
    .unwrap()
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)(\d\d)(\d\d)(?:[^\d]|$)").unwrap());
/// `/2021-03/26/`, `/202103/26/`, `/2021/0326/`: common news URL layouts.
static URL_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)[-/_]?(\d\d)[-/_]?(\d\d)(?:/|[^\d])").unwrap());

fn valid(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first separated date in `s` (not the compact `YYYYMMDD` form).
pub fn find_date(s: &str) -> Option<String> {
    DATE.captures_iter(s).find_map(|c| {
        // Groups 2..: the month and day of whichever separator matched.
        let mut parts = c.iter().skip(2).flatten().map(|m| m.as_str());
        let (m, d) = (parts.next()?, parts.next()?);
        valid(&c[1], m, d)
    })
}

static TIME_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^日?\s*(?:[ T]|&nbsp;)?\s*\d{1,2}[:：]\d{2}").unwrap());

/// The first date followed by a time of day (`2005-06-14 03:25`): pages stamp
/// their own publication that way, while dates in prose and link lists have no time.
pub fn find_timestamp(s: &str) -> Option<String> {
    DATE.captures_iter(s).find_map(|c| {
        let last = c.iter().skip(2).flatten().last()?;
        if !TIME_AFTER.is_match(&s[last.end()..]) {
            return None;
        }
        let mut parts = c.iter().skip(2).flatten().map(|m| m.as_str());
        let (m, d) = (parts.next()?, parts.next()?);
        valid(&c[1], m, d)
    })
}

/// A date in a meta value: separated, else compact (`20210326`).
pub fn find_date_meta(s: &str) -> Option<String> {
    find_date(s).or_else(|| {
        COMPACT
            .captures_iter(s)
            .find_map(|c| valid(&c[1], &c[2], &c[3]))
    })
}

/// A date in a URL path.
pub fn find_date_url(url: &str) -> Option<String> {
    URL_SPLIT
        .captures_iter(url)
        .find_map(|c| valid(&c[1], &c[2], &c[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            find_date("发布时间：2021-03-26 09:25").as_deref(),
            Some("2021-03-26")
        );
        assert_eq!(
            find_date("2021年3月6日 来源：新华社").as_deref(),
            Some("2021-03-06")
        );
        assert_eq!(find_date("编号 12021-13-45"), None);
        assert_eq!(find_date("12/01/2004 - 01/01/2005"), None);
        assert_eq!(find_date("2021.3.26").as_deref(), Some("2021-03-26"));
        assert_eq!(find_date("2021/3-26"), None);
        assert_eq!(
            find_timestamp("截止2006年8月10日 文章 2005-06-14 03:25:55").as_deref(),
            Some("2005-06-14")
        );
        assert_eq!(
            find_timestamp("2021年3月26日 09:25").as_deref(),
            Some("2021-03-26")
        );
        assert_eq!(find_date_meta("20210326").as_deref(), Some("2021-03-26"));
        assert_eq!(
            find_date_url("http://www.example.cn/politics/2021-03/26/c_1.htm").as_deref(),
            Some("2021-03-26")
        );
        assert_eq!(
            find_date_url("http://example.cn/n1/2024/0424/c1001-1.html").as_deref(),
            Some("2024-04-24")
        );
    }
}
