//! The document's reference date and its time expressions.
//!
//! Relative and year-less dates are resolved against, in order: the dateline or a
//! publication stamp at the head of the text, a date in the URL, the publication date
//! the ingest stage found, and otherwise the latest explicit date of the text: a report
//! is written after the events it recalls, so a year-less "2月25日" that follows
//! "2023年12月14日" is February 2024.

use cadre_model::SourceDoc;
use cadre_recognise::Recognition;
use cadre_time::{find_times, Day, TimeMention, TimeValue};

#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub date: Option<(i32, u32, u32)>,
    /// dateline, url, published, latest-in-text.
    pub source: Option<&'static str>,
    /// Byte range of the publication stamp the date was read from: it dates the page,
    /// not an event.
    pub stamp: Option<(usize, usize)>,
    /// The dateline's date (本报广州2月27日讯): the date in force when the story begins.
    pub dateline: Option<TimeValue>,
}

impl Reference {
    pub fn to_gold(&self) -> Option<String> {
        self.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

pub fn resolve(
    source: &SourceDoc,
    text: &str,
    sentences: &[(usize, usize)],
    _rec: &Recognition,
) -> (Reference, Vec<TimeMention>) {
    let (mut reference, mut times) = resolve_inner(source, text);
    // A year written in the same sentence supplies a year-less date (2月11日…开展2025年…).
    for &(s, e) in sentences {
        let year = times
            .iter()
            .filter(|t| t.start >= s && t.end <= e && t.explicit_year)
            .find_map(|t| t.value.start().year);
        if let Some(y) = year {
            for t in times.iter_mut().filter(|t| t.start >= s && t.end <= e && !t.explicit_year && !t.relative) {
                match &mut t.value {
                    TimeValue::Point(d) => d.year = d.year.or(Some(y)),
                    TimeValue::Range(a, b) => {
                        a.year = a.year.or(Some(y));
                        b.year = b.year.or(Some(y));
                    }
                }
            }
        }
    }
    // 新华社北京7月18日电, 本报杭州7月18日讯: the dateline dates the report, not its events.
    let is_dateline = |t: &TimeMention| text[t.end..].starts_with('电') || text[t.end..].starts_with('讯');
    reference.dateline = times.iter().find(|t| is_dateline(t)).map(|t| t.value.clone());
    times.retain(|t| !is_dateline(t));
    // 2014年底, 2015年初: the last or first month of the year.
    for t in times.iter_mut() {
        if let TimeValue::Point(d) = &mut t.value {
            if d.year.is_some() && d.month.is_none() {
                if text[t.end..].starts_with('底') {
                    d.month = Some(12);
                } else if text[t.end..].starts_with('初') {
                    d.month = Some(1);
                }
            }
        }
    }
    // 今年2月以来 (since February this year): what follows is dated by the year the text
    // writes, and only by it (1月10日以来 dates nothing).
    times.retain_mut(|t| {
        if !text[t.end..].starts_with("以来") {
            return true;
        }
        let y = t.value.start().year.filter(|_| t.text.contains('年'));
        t.value = TimeValue::Point(Day { year: y, month: None, day: None });
        y.is_some()
    });
    (reference, times)
}

fn resolve_inner(source: &SourceDoc, text: &str) -> (Reference, Vec<TimeMention>) {
    let head_end = text.char_indices().nth(400).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    // The head is enough to find a stamp; the whole text is scanned once more below. A
    // stamp has a clock after it or a label before it (see `is_stamp`): a head with
    // neither is not scanned. The clock may run past the head: look through the
    // whitespace after it and five more characters, as `is_stamp` does after a date.
    let past = &text[head_end..];
    let past = past.trim_start();
    let clock_end = text.len() - past.len() + past.char_indices().nth(5).map_or(past.len(), |(i, _)| i);
    let could_stamp = text[..clock_end].contains(':') || STAMP_LABELS.iter().any(|w| head.contains(w));
    let raw = if could_stamp { find_times(head, None) } else { Vec::new() };
    let url_date = source.url.as_deref().and_then(cadre_time::date_from_url);

    // A publication stamp at the head: 2022-09-23, 2023年01月12日 09:09, 2015/7/28.
    let stamp = raw.iter().filter(|t| t.start < head_end && t.explicit_year).find_map(|t| match t.value {
        TimeValue::Point(Day { year: Some(y), month: Some(m), day: Some(d) }) if is_stamp(text, t) => {
            Some(((y, m, d), (t.start, t.end)))
        }
        _ => None,
    });
    let stamp_span = stamp.map(|(_, sp)| sp);
    let stamp = stamp.map(|(d, _)| d);
    let published = source.published.as_deref().and_then(parse_ymd);
    let (date, src) = if let Some(d) = stamp {
        (Some(d), Some("stamp"))
    } else if let Some((y, m, d)) = url_date {
        (Some((y, m, d.unwrap_or(1))), Some("url"))
    } else if let Some(d) = published {
        (Some(d), Some("published"))
    } else {
        (None, None)
    };
    if let Some(d) = date {
        let mut times = find_times(text, Some(d));
        if url_date.is_some_and(|(_, _, day)| day.is_none()) && src == Some("url") {
            // Only the month is known: relative days cannot be trusted.
            for t in &mut times {
                if t.relative && matches!(t.value, TimeValue::Point(Day { day: Some(_), .. })) && !t.text.contains('日') && !t.text.contains('号') {
                    t.value = TimeValue::Point(Day { year: Some(d.0), month: Some(d.1), day: None });
                }
            }
        }
        return (Reference { date: Some(d), source: src, stamp: stamp_span, dateline: None }, times);
    }
    // No reference: anchor year-less dates on the latest explicit date of the text.
    let raw = if head_end < text.len() || !could_stamp { find_times(text, None) } else { raw };
    let anchor = raw
        .iter()
        // Prose dates (2023年12月14日), not the ISO stamps of link lists around a page.
        .filter(|t| t.explicit_year && t.text.contains('年') && t.text.contains('月'))
        .filter_map(|t| {
            let d = match &t.value {
                TimeValue::Point(d) => *d,
                TimeValue::Range(_, e) => *e,
            };
            Some((d.year?, d.month.unwrap_or(1), d.day.unwrap_or(1)))
        })
        .max();
    let mut times = raw;
    if let Some(a) = anchor {
        let mut last_month: Option<(i32, u32)> = None;
        for t in &mut times {
            let fix = |d: &mut Day, last: Option<(i32, u32)>| {
                if d.month.is_none() && d.day.is_some() {
                    if let Some((y, m)) = last {
                        d.year = Some(y);
                        d.month = Some(m);
                    }
                }
                if d.year.is_none() {
                    if let Some(m) = d.month {
                        d.year = Some(nearest_year(a, m, d.day.unwrap_or(1)));
                    }
                }
            };
            match &mut t.value {
                TimeValue::Point(d) => fix(d, last_month),
                TimeValue::Range(s, e) => {
                    fix(s, last_month);
                    let sm = s.year.zip(s.month);
                    if e.year.is_none() {
                        e.year = s.year;
                    }
                    fix(e, sm.or(last_month));
                }
            }
            let (TimeValue::Point(d) | TimeValue::Range(d, _)) = &t.value;
            if let (Some(y), Some(m)) = (d.year, d.month) {
                last_month = Some((y, m));
            }
        }
        return (Reference { date: None, source: Some("latest-in-text"), stamp: None, dateline: None }, times);
    }
    (Reference::default(), times)
}

/// The year that puts month/day nearest to the anchor: a report recalls the recent past
/// and announces the near future (2月25日 near 2023年12月14日 is in 2024).
fn nearest_year(anchor: (i32, u32, u32), m: u32, d: u32) -> i32 {
    let day_of = |y: i32, m: u32, d: u32| y as i64 * 372 + m as i64 * 31 + d as i64;
    let a = day_of(anchor.0, anchor.1, anchor.2);
    (anchor.0 - 1..=anchor.0 + 1).min_by_key(|&y| (day_of(y, m, d) - a).abs()).unwrap_or(anchor.0)
}

/// Words that label a publication stamp on its line (发布时间:2023年…).
const STAMP_LABELS: &[&str] = &["时间", "发布", "日期", "发表", "来源", "published"];

/// A full date at the head of a page that dates the page itself: followed by a clock
/// time, or after one of the [`STAMP_LABELS`] on its line.
fn is_stamp(text: &str, t: &TimeMention) -> bool {
    let after = &text[t.end..];
    let before = &text[..t.start];
    let clock = after.trim_start().chars().take(5).collect::<String>();
    let has_clock = clock.len() >= 4 && clock.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) && clock.contains(':');
    let label = STAMP_LABELS
        .iter()
        .any(|w| before.rsplit('\n').next().is_some_and(|line| line.contains(w)));
    has_clock || label
}

fn parse_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_of(text: &str) -> Reference {
        let source = SourceDoc { id: "t".into(), text: text.into(), ..Default::default() };
        let norm = cadre_normalise::normalise(text).text;
        resolve_inner(&source, &norm).0
    }

    #[test]
    fn stamp_with_a_label_or_a_clock() {
        let r = reference_of("发布时间:2023年01月12日\n本报讯 12日上午,市委召开常委会议。");
        assert_eq!((r.date, r.source), (Some((2023, 1, 12)), Some("stamp")));
        let r = reference_of("2015/7/28 09:09\n省政府召开常务会议。");
        assert_eq!((r.date, r.source), (Some((2015, 7, 28)), Some("stamp")));
        // A date in prose is no stamp: the text's latest date anchors it instead.
        let r = reference_of("2023年12月14日,两省区签署协议。");
        assert_ne!(r.source, Some("stamp"));
    }

    #[test]
    fn clock_just_past_the_head() {
        // The date ends at the 400th character and its clock follows.
        let pad = "会".repeat(389);
        let r = reference_of(&format!("{pad}2022-09-23 10:30 省委召开会议。"));
        assert_eq!((r.date, r.source), (Some((2022, 9, 23)), Some("stamp")));
    }
}
