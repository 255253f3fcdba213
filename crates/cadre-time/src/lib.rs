//! Chinese time expressions in news text: recognition and resolution against a
//! reference date.
//!
//! Main items:
//! - [`find_times`]: every time expression of a sentence, with byte spans and a
//!   resolved [`TimeValue`] (a [`Day`] or a range of them).
//! - [`TimeValue::to_gold`] / [`Day::to_gold`]: the annotation format
//!   (`2024-02-27`, `2024-02`, `2024`, `XXXX-11-02`, `2024-02-25/2024-02-27`).
//! - [`date_from_url`]: the publication date written in a news URL.
//! - [`parse_cn_number`]: Chinese numerals (二十七, 二〇二四, 两, 一百二十).
//!
//! ```
//! use cadre_time::{find_times, PartOfDay};
//!
//! let text = "新华社北京3月17日电 2月25日至27日，代表团赴某地学习考察。27日上午，两省区召开会议。";
//! let times = find_times(text, Some((2024, 3, 17)));
//! let gold: Vec<String> = times.iter().map(|t| t.value.to_gold()).collect();
//! assert_eq!(gold, ["2024-03-17", "2024-02-25/2024-02-27", "2024-03-27"]);
//! assert_eq!(&text[times[1].start..times[1].end], "2月25日至27日");
//! assert_eq!(times[2].part_of_day, Some(PartOfDay::Morning));
//! assert!(times[2].relative && !times[2].explicit_year);
//! ```
//!
//! # What is recognised
//! - Dates at day, month or year precision, in Arabic or Chinese numerals, with
//!   日 or 号: 2024年2月27日, 2024年2月, 2024年, 2月27日, 27日, 27号,
//!   二〇二四年二月二十七日, 五月十七日, 2023年01月12日, 3月份, and the numeric forms
//!   2024-02-27, 2024/2/27, 2024.2.27, 元月1日. Full-width digits are accepted.
//! - Part of the day after a day: 27日上午, 2月26日下午, 当天下午, 27日晚; 今晚, 昨晚,
//!   当晚, 今晨 carry one themselves ([`PartOfDay`]).
//! - Relative words, resolved from the reference date: 今天/今日/当天/当日/同日,
//!   昨天, 前天, 明天, 后天, 大前天/大后天; 今年/去年/上年/前年/明年/来年/下年/后年;
//!   本月/当月/上月/上个月/下月/下个月; and these followed by an explicit part
//!   (今年2月, 去年12月3日, 本月27日, 上月下旬).
//! - Ranges: 2月25日至27日, 2月25日至3月1日, 2023年12月14日至15日,
//!   11月2日到11月3日, 2月25-27日, 3-5月, 2018年至2020年, 2018-2035年, and the
//!   parts of a month 2月上旬 (1–10), 中旬 (11–20), 下旬 (21–last day), 中下旬.
//! - Weeks (Monday to Sunday) and their days, from the reference date: 上周五, 本周三下午,
//!   下星期二, 这个礼拜天, 上周 and 下个星期 (a range), 上两周, 这周末; a weekday before a date
//!   (周日,3月10日: the date's value) and the n-th weekday of a month (十月第一个星期一).
//!
//! # Resolution
//! A missing year (and, for a bare day, a missing month) comes from the reference
//! date; [`TimeMention::relative`] then says so. Without a reference the field stays
//! `None` (`XXXX-02-27`), and the purely relative words (今天, 去年, 本月) are not
//! reported at all. A month right after 年 (同年9月, 当年9月, 每年3月) or a day right
//! after 月 (同月15日, 每月15日) refers to another date of the text, so it is not
//! completed from the reference either (`XXXX-09`, `relative == false`). A bare day
//! beyond the last day of the reference month (31日 read on 1 April) falls in the
//! previous month; an impossible day (2月30日) is dropped, leaving the month. No document-level inference is done here: choosing a year from
//! other dates of the text is the caller's business.
//!
//! # Left out on purpose
//! - Vague words: 日前, 近日, 近期, 近年, 当年, 次日, 翌日, 这一年 (they need the
//!   discourse, not the reference date), and bare weekdays (周一, 星期二): news reads
//!   them back to the last one, other text forward, and only the tense tells.
//! - Clock times (三点十五分, 15:30), durations (5年, 24小时, 上两天, 三个月后), ages.
//!   In 27日上午9时 only 27日上午 is taken.
//! - Holidays and festivals (国庆节, 春节): many follow the lunar or other
//!   calendars, and in news they name a period rather than date an event.
//! - Month/day orders of other locales (3/3/2015, 2/15): Chinese news writes
//!   year first, and `2/15` is more often a fraction or a score.
//! - Anything inside 《》 titles (《2035年远景目标纲要》), numbers outside
//!   1900–2100 as years (1000年), 30周年, 十四五, 1.49万元, 第二十六次.
//!
//! # Duckling test vectors
//! `tests/duckling.rs` and `examples/duckling_eval.rs` (`--failures`, `--left-out`)
//! run the Duckling Chinese time corpus (`/work/shared/data/duckling/zh_time.tsv`)
//! with its reference date 2013-02-12. In scope: calendar dates, months, years,
//! relative days/months/years, dates with a part of the day, and weeks and weekdays
//! named with a prefix or a date (144 rows, all passing). Left out, for the reasons
//! above: holidays (250 rows), clock times and 现在 (113), durations relative to now
//! such as 上两天, 三个月后, 两星期前 (47; 前两个月 in news is the first two months of a
//! year, and N天后 counts from another event, not from the dateline), bare weekdays
//! (44), month-first numeric dates (5), the Cantonese 聽日/尋日 (2) and the anaphoric
//! 这一年 (2). Twelve rows disagree with Chinese usage and are left out too: read on a
//! Tuesday, Duckling gives 这周一 as the coming Monday and 下周三 as the coming
//! Wednesday; the prefix names the week, so Cadre gives this week's Monday and next
//! week's Wednesday. Traditional characters in the in-scope rows (號, 個, 後, 週, 禮拜)
//! are accepted as they are.
//!
//! Performance: one pass over the chars; parsing starts only at digits, Chinese
//! numerals and the first chars of the relative words, and a text without any of
//! them returns before allocating. No regular expressions.

mod numerals;
mod scan;
mod url;
mod value;

#[cfg(test)]
mod tests;

pub use numerals::parse_cn_number;
pub use url::date_from_url;
pub use value::{Day, PartOfDay, Reference, TimeValue};

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimeMention {
    /// Byte offset of the first char in the input.
    pub start: usize,
    /// Byte offset just after the last char.
    pub end: usize,
    /// `&input[start..end]`.
    pub text: String,
    pub value: TimeValue,
    pub part_of_day: Option<PartOfDay>,
    /// True when part of the value was taken from the reference date (今天, 去年,
    /// 27日, 2月27日 without year).
    pub relative: bool,
    /// True when the text itself writes the year (2024年, 二〇二四年, 2024-02-27).
    pub explicit_year: bool,
}

/// Find and resolve the time expressions of `text`.
///
/// `reference` is the date the text is anchored to (dateline, URL date); it
/// supplies missing years and months and resolves relative words. Mentions come
/// in text order and do not overlap.
///
/// ```
/// use cadre_time::find_times;
/// let t = find_times("二〇二四年二月二十七日，会议在京召开", None);
/// assert_eq!(t[0].value.to_gold(), "2024-02-27");
/// let t = find_times("11月2日到11月3日举行", None);
/// assert_eq!(t[0].value.to_gold(), "XXXX-11-02/XXXX-11-03");
/// ```
pub fn find_times(text: &str, reference: Option<(i32, u32, u32)>) -> Vec<TimeMention> {
    scan::find_times(text, reference)
}
