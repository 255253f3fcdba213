//! News-style unit tests for the scanner.

use crate::{find_times, PartOfDay, TimeMention};

const REF: Option<(i32, u32, u32)> = Some((2024, 3, 17));

fn golds(text: &str, r: Option<(i32, u32, u32)>) -> Vec<(String, String)> {
    find_times(text, r)
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.start..m.end], m.text);
            (m.text, m.value.to_gold())
        })
        .collect()
}

fn one(text: &str, r: Option<(i32, u32, u32)>) -> TimeMention {
    let v = find_times(text, r);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v.into_iter().next().unwrap()
}

fn check(text: &str, r: Option<(i32, u32, u32)>, want: &[(&str, &str)]) {
    let got = golds(text, r);
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn absolute_dates() {
    check(
        "2024年2月27日，会议召开",
        None,
        &[("2024年2月27日", "2024-02-27")],
    );
    check("2024年2月，我们", None, &[("2024年2月", "2024-02")]);
    check("2024年，全省", None, &[("2024年", "2024")]);
    check("2月27日，全省", REF, &[("2月27日", "2024-02-27")]);
    check("2月27日，全省", None, &[("2月27日", "XXXX-02-27")]);
    check("27日，全省", REF, &[("27日", "2024-03-27")]);
    check("27号召开", REF, &[("27号", "2024-03-27")]);
    check(
        "二〇二四年二月二十七日",
        None,
        &[("二〇二四年二月二十七日", "2024-02-27")],
    );
    check(
        "二○二三年十月一日",
        None,
        &[("二○二三年十月一日", "2023-10-01")],
    );
    check(
        "五月十七日，省委书记会见客人",
        REF,
        &[("五月十七日", "2024-05-17")],
    );
    check("日期：2024-02-27。", None, &[("2024-02-27", "2024-02-27")]);
    check("日期：2024/2/27。", None, &[("2024/2/27", "2024-02-27")]);
    check("日期：2024.2.27。", None, &[("2024.2.27", "2024-02-27")]);
    check("2023年01月12日", None, &[("2023年01月12日", "2023-01-12")]);
    check(
        "２０２４年２月２７日",
        None,
        &[("２０２４年２月２７日", "2024-02-27")],
    );
    check("他出生于1969年4月，汉族", None, &[("1969年4月", "1969-04")]);
    check("2019年6月任现职", None, &[("2019年6月", "2019-06")]);
    check(
        "十一月，天气转凉",
        Some((2023, 5, 1)),
        &[("十一月", "2023-11")],
    );
    check("3月份以来", REF, &[("3月份", "2024-03")]);
    check("元月1日起施行", REF, &[("元月1日", "2024-01-01")]);
    check("单元月考", REF, &[]);
}

#[test]
fn dateline() {
    let m = one("新华社北京3月17日电（记者某某）", REF);
    assert_eq!(m.text, "3月17日");
    assert_eq!(m.value.to_gold(), "2024-03-17");
    assert!(m.relative && !m.explicit_year);
}

#[test]
fn part_of_day() {
    let m = one("27日上午，两省区召开会议", REF);
    assert_eq!(
        (m.text.as_str(), m.value.to_gold().as_str()),
        ("27日上午", "2024-03-27")
    );
    assert_eq!(m.part_of_day, Some(PartOfDay::Morning));
    let m = one("2月26日下午，座谈会举行", REF);
    assert_eq!(m.text, "2月26日下午");
    assert_eq!(m.part_of_day, Some(PartOfDay::Afternoon));
    let m = one("当天下午，代表团考察了园区", REF);
    assert_eq!(
        (m.text.as_str(), m.value.to_gold().as_str()),
        ("当天下午", "2024-03-17")
    );
    assert_eq!(m.part_of_day, Some(PartOfDay::Afternoon));
    let m = one("今天上午，他说", REF);
    assert_eq!(m.part_of_day, Some(PartOfDay::Morning));
    let m = one("16日晚，双方举行会谈", REF);
    assert_eq!(
        (m.text.as_str(), m.part_of_day),
        ("16日晚", Some(PartOfDay::Evening))
    );
    let m = one("当晚，他返回北京", REF);
    assert_eq!(
        (m.value.to_gold().as_str(), m.part_of_day),
        ("2024-03-17", Some(PartOfDay::Evening))
    );
    let m = one("18日中午", REF);
    assert_eq!(m.part_of_day, Some(PartOfDay::Noon));
    let m = one("18日凌晨", REF);
    assert_eq!(m.part_of_day, Some(PartOfDay::Night));
    let m = one("27日上午9时30分", REF);
    assert_eq!(m.text, "27日上午");
    let m = one("2月27日（星期二）下午3时，发布会举行", REF);
    assert_eq!(
        (m.text.as_str(), m.part_of_day),
        ("2月27日（星期二）下午", Some(PartOfDay::Afternoon))
    );
    let m = one("2月27日（星期二），发布会举行", REF);
    assert_eq!(m.text, "2月27日");
    // 晚会 is not an evening.
    let m = one("27日晚会上", REF);
    assert_eq!(m.text, "27日");
}

#[test]
fn relative_words() {
    let r = Some((2024, 3, 1));
    check(
        "今天，今日，当天，当日",
        r,
        &[
            ("今天", "2024-03-01"),
            ("今日", "2024-03-01"),
            ("当天", "2024-03-01"),
            ("当日", "2024-03-01"),
        ],
    );
    check(
        "昨天，昨日，前天",
        r,
        &[
            ("昨天", "2024-02-29"),
            ("昨日", "2024-02-29"),
            ("前天", "2024-02-28"),
        ],
    );
    check("明天", r, &[("明天", "2024-03-02")]);
    check(
        "本月，上月，今年，去年，明年",
        r,
        &[
            ("本月", "2024-03"),
            ("上月", "2024-02"),
            ("今年", "2024"),
            ("去年", "2023"),
            ("明年", "2025"),
        ],
    );
    check("今年2月", r, &[("今年2月", "2024-02")]);
    check("去年12月3日", r, &[("去年12月3日", "2023-12-03")]);
    check("比上年增长5%", r, &[("上年", "2023")]);
    check("上个月", Some((2024, 1, 9)), &[("上个月", "2023-12")]);
    check("本月27日", r, &[("本月27日", "2024-03-27")]);
    let m = one("今年2月", r);
    assert!(m.relative && !m.explicit_year);
    // Without reference, relative words alone are not reported.
    check("今天，去年，本月", None, &[]);
    check("今年2月", None, &[("今年2月", "XXXX-02")]);
    // Vague words are not dates.
    check("日前，近日，近期，近年来", r, &[]);
}

#[test]
fn ranges() {
    check(
        "2月25日至27日，某省党政代表团赴某地学习考察",
        REF,
        &[("2月25日至27日", "2024-02-25/2024-02-27")],
    );
    check(
        "2月25日至3月1日",
        REF,
        &[("2月25日至3月1日", "2024-02-25/2024-03-01")],
    );
    check(
        "2023年12月14日至15日",
        None,
        &[("2023年12月14日至15日", "2023-12-14/2023-12-15")],
    );
    check(
        "11月2日到11月3日",
        None,
        &[("11月2日到11月3日", "XXXX-11-02/XXXX-11-03")],
    );
    check(
        "9月6日至8日",
        Some((2023, 9, 9)),
        &[("9月6日至8日", "2023-09-06/2023-09-08")],
    );
    check(
        "5月7日至9日",
        REF,
        &[("5月7日至9日", "2024-05-07/2024-05-09")],
    );
    check(
        "3月16日至3月19日",
        REF,
        &[("3月16日至3月19日", "2024-03-16/2024-03-19")],
    );
    check(
        "7月7日至9日",
        REF,
        &[("7月7日至9日", "2024-07-07/2024-07-09")],
    );
    check(
        "3月1日至5日",
        REF,
        &[("3月1日至5日", "2024-03-01/2024-03-05")],
    );
    check("2018年至2020年", None, &[("2018年至2020年", "2018/2020")]);
    check("2018-2035年", None, &[("2018-2035年", "2018/2035")]);
    check("2021—2025年", None, &[("2021—2025年", "2021/2025")]);
    check(
        "2月25-27日",
        REF,
        &[("2月25-27日", "2024-02-25/2024-02-27")],
    );
    check("3-5月", REF, &[("3-5月", "2024-03/2024-05")]);
    check("3月至5月", REF, &[("3月至5月", "2024-03/2024-05")]);
    check(
        "2023年12月30日至2024年1月2日",
        None,
        &[("2023年12月30日至2024年1月2日", "2023-12-30/2024-01-02")],
    );
    check(
        "12月30日至1月2日",
        Some((2023, 12, 1)),
        &[("12月30日至1月2日", "2023-12-30/2024-01-02")],
    );
    check(
        "25日至27日",
        REF,
        &[("25日至27日", "2024-03-25/2024-03-27")],
    );
    check("2018年至今", None, &[("2018年", "2018")]);
}

#[test]
fn xun() {
    check("2月上旬", REF, &[("2月上旬", "2024-02-01/2024-02-10")]);
    check("2月中旬", REF, &[("2月中旬", "2024-02-11/2024-02-20")]);
    check("2月下旬", REF, &[("2月下旬", "2024-02-21/2024-02-29")]);
    check(
        "2023年2月下旬",
        None,
        &[("2023年2月下旬", "2023-02-21/2023-02-28")],
    );
    check("4月中下旬", REF, &[("4月中下旬", "2024-04-11/2024-04-30")]);
    check("上月下旬", REF, &[("上月下旬", "2024-02-21/2024-02-29")]);
    check("11月下旬", None, &[("11月下旬", "XXXX-11-21/XXXX-11-30")]);
}

#[test]
fn not_dates() {
    for t in [
        "历经1000年风雨",
        "建党100周年，30周年",
        "5年来，全省",
        "“十四五”时期",
        "收入1.49万元",
        "24小时值守",
        "第二十六次会议",
        "地铁3号线",
        "1号文件",
        "3个月",
        "两日内完成",
        "近3日",
        "目前天气晴好",
        "表明日本方面",
        "以来年均增长",
        "登上月球",
        "上年纪的人",
        "统一月度考核",
        "2000年前的遗址",
        "20世纪90年代",
        "三年级",
    ] {
        assert_eq!(golds(t, REF), vec![], "{t}");
    }
}

#[test]
fn titles_skipped() {
    check(
        "学习《2035年远景目标纲要》，2024年",
        None,
        &[("2024年", "2024")],
    );
}

#[test]
fn spans_are_bytes() {
    let text = "会议于2024年2月27日召开";
    let m = one(text, None);
    assert_eq!((m.start, m.end), (9, 9 + "2024年2月27日".len()));
}

#[test]
fn multiple_mentions() {
    check(
        "新华社北京3月17日电 五月十七日，省委书记会见客人。2月25日至27日，代表团考察。",
        REF,
        &[
            ("3月17日", "2024-03-17"),
            ("五月十七日", "2024-05-17"),
            ("2月25日至27日", "2024-02-25/2024-02-27"),
        ],
    );
}

#[test]
fn anaphoric_and_invalid() {
    // 同年9月: the year is that of the previous date, not the reference's.
    check(
        "1985年7月参加工作，同年9月任科员",
        REF,
        &[("1985年7月", "1985-07"), ("9月", "XXXX-09")],
    );
    let m = find_times("每月15日发放", REF);
    assert_eq!(m[0].value.to_gold(), "XXXX-XX-15");
    assert!(!m[0].relative);
    // Invalid day: month precision only.
    check("2023年2月30日", None, &[("2023年2月", "2023-02")]);
    check("2024年2月29日", None, &[("2024年2月29日", "2024-02-29")]);
    // 31日 read on 1 April is 31 March.
    check(
        "31日，会议闭幕",
        Some((2024, 4, 1)),
        &[("31日", "2024-03-31")],
    );
}

/// Chinese news forms the Duckling corpus does not cover.
#[test]
fn duckling_gaps() {
    check(
        "二〇二三年十月一日",
        None,
        &[("二〇二三年十月一日", "2023-10-01")],
    );
    check("二〇二四年", None, &[("二〇二四年", "2024")]);
    check("3月上旬", REF, &[("3月上旬", "2024-03-01/2024-03-10")]);
    check("3月中旬", REF, &[("3月中旬", "2024-03-11/2024-03-20")]);
    check("3月下旬", REF, &[("3月下旬", "2024-03-21/2024-03-31")]);
    check(
        "3月1日至5日",
        REF,
        &[("3月1日至5日", "2024-03-01/2024-03-05")],
    );
    check(
        "2月25日至27日",
        REF,
        &[("2月25日至27日", "2024-02-25/2024-02-27")],
    );
    check("本月", REF, &[("本月", "2024-03")]);
    check("当月", REF, &[("当月", "2024-03")]);
    check("同日，", REF, &[("同日", "2024-03-17")]);
    check("近日，", REF, &[]);
}

/// Weeks run Monday to Sunday; the prefix names the week, the weekday the day in it.
/// REF (2024-03-17) is a Sunday.
#[test]
fn weeks_and_weekdays() {
    check("上周五下午，会议召开", REF, &[("上周五下午", "2024-03-08")]);
    check("本周三", REF, &[("本周三", "2024-03-13")]);
    check("下星期二", REF, &[("下星期二", "2024-03-19")]);
    check("这个礼拜天", REF, &[("这个礼拜天", "2024-03-17")]);
    check("上周,他来了", REF, &[("上周", "2024-03-04/2024-03-10")]);
    check("下个星期", REF, &[("下个星期", "2024-03-18/2024-03-24")]);
    check("上两周", REF, &[("上两周", "2024-02-26/2024-03-10")]);
    check("上周末", REF, &[("上周末", "2024-03-09/2024-03-10")]);
    check("本周内完成", REF, &[("本周", "2024-03-11/2024-03-17")]);
    // A weekday before a date takes the date; the n-th weekday of a month.
    check("周日,3月10日", REF, &[("周日,3月10日", "2024-03-10")]);
    check("5月的第二个星期日", REF, &[("5月的第二个星期日", "2024-05-12")]);
    // A bare weekday, a locative 上/下 and words with 周 are no weeks.
    check("周三上午", REF, &[]);
    check("会上周强发言", REF, &[]);
    check("在领导下周密部署", REF, &[]);
    check("日本周边", REF, &[]);
    check("上周年纪念", REF, &[]);
    // No reference: nothing to resolve from.
    check("上周五", None, &[]);
}
