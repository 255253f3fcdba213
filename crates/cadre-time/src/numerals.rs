//! Chinese and Arabic numerals.

/// Value of an Arabic digit, ASCII or full-width.
#[inline]
pub(crate) const fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese digit character (零/〇/○ ... 九, 两).
#[inline]
pub(crate) const fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Characters that may appear in a Chinese numeral inside a date (digits, 十, 廿, 卅).
#[inline]
pub(crate) const fn is_cn_date_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '廿' | '卅')
}

/// Chinese numeral or Arabic digits to an integer.
///
/// Handles positional forms (二十七 → 27, 十一 → 11, 一百二十 → 120, 三千零五 → 3005,
/// 一万二千 → 12000, 廿三 → 23), digit-by-digit forms (二〇二四 → 2024,
/// 一九四九 → 1949), 两, ASCII and full-width digits (27, ２７), and Arabic digits
/// with Chinese units (3万 → 30000). Returns `None` for an empty or invalid string
/// or on overflow.
///
/// ```
/// use cadre_time::parse_cn_number;
/// assert_eq!(parse_cn_number("二十七"), Some(27));
/// assert_eq!(parse_cn_number("二〇二四"), Some(2024));
/// assert_eq!(parse_cn_number("两"), Some(2));
/// assert_eq!(parse_cn_number("一百二十"), Some(120));
/// assert_eq!(parse_cn_number("2024"), Some(2024));
/// assert_eq!(parse_cn_number("年"), None);
/// ```
pub fn parse_cn_number(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // Pure digit strings: Arabic, or Chinese digits read one by one.
    let has_unit = s.chars().any(|c| {
        matches!(
            c,
            '十' | '拾' | '百' | '佰' | '千' | '仟' | '万' | '萬' | '亿' | '億' | '廿' | '卅'
        )
    });
    if !has_unit {
        let mut v: u64 = 0;
        for c in s.chars() {
            let d = arabic_digit(c).or_else(|| cn_digit(c))?;
            v = v.checked_mul(10)?.checked_add(d as u64)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0; // completed 亿/万 groups
    let mut section: u64 = 0; // below 万
    let mut number: Option<u64> = None; // pending digit(s)
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = arabic_digit(c) {
            let mut v = d as u64;
            while let Some(&n) = chars.peek() {
                match arabic_digit(n) {
                    Some(d) => {
                        v = v.checked_mul(10)?.checked_add(d as u64)?;
                        chars.next();
                    }
                    None => break,
                }
            }
            number = Some(v);
            continue;
        }
        if let Some(d) = cn_digit(c) {
            if d != 0 {
                number = Some(d as u64);
            }
            continue;
        }
        let unit: u64 = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '廿' => {
                section = section.checked_add(20)?;
                number = None;
                continue;
            }
            '卅' => {
                section = section.checked_add(30)?;
                number = None;
                continue;
            }
            '万' | '萬' => {
                let group = section.checked_add(number.take().unwrap_or(0))?;
                total = total.checked_add(group.checked_mul(10_000)?)?;
                section = 0;
                continue;
            }
            '亿' | '億' => {
                let group = total
                    .checked_add(section)?
                    .checked_add(number.take().unwrap_or(0))?;
                total = group.checked_mul(100_000_000)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 十 with no digit before it means 一十.
        let n = number.take().unwrap_or(1);
        section = section.checked_add(n.checked_mul(unit)?)?;
    }
    total.checked_add(section)?.checked_add(number.unwrap_or(0))
}

/// A number token read from a char slice: a maximal run of Arabic digits or of
/// Chinese date numerals.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub value: u32,
    /// Length in chars.
    pub len: usize,
    pub arabic: bool,
    /// Chinese digits read one by one (二〇二四), without 十.
    pub cn_seq: bool,
}

/// Read a number starting at `i`. Chinese numerals are only read in the shapes
/// dates use: one digit, 十/X十/十Y/X十Y, 廿Y, 卅Y, or a run of digits read one by
/// one (二〇二四). Runs longer than 9 chars are refused.
pub(crate) fn read_num(chars: &[char], i: usize) -> Option<Num> {
    let c = *chars.get(i)?;
    if arabic_digit(c).is_some() {
        let mut j = i;
        let mut v: u64 = 0;
        while j < chars.len() {
            match arabic_digit(chars[j]) {
                Some(d) => {
                    v = v * 10 + d as u64;
                    j += 1;
                    if j - i > 9 {
                        return None;
                    }
                }
                None => break,
            }
        }
        return Some(Num {
            value: v as u32,
            len: j - i,
            arabic: true,
            cn_seq: false,
        });
    }
    if !is_cn_date_numeral(c) {
        return None;
    }
    let mut j = i;
    while j < chars.len() && is_cn_date_numeral(chars[j]) {
        j += 1;
        if j - i > 9 {
            return None;
        }
    }
    let run = &chars[i..j];
    let tens = run
        .iter()
        .filter(|c| matches!(c, '十' | '廿' | '卅'))
        .count();
    if tens == 0 {
        let mut v = 0u32;
        for &c in run {
            v = v * 10 + cn_digit(c)?;
        }
        return Some(Num {
            value: v,
            len: run.len(),
            arabic: false,
            cn_seq: run.len() > 1,
        });
    }
    if tens > 1
        || run.len() > 3
        || run
            .iter()
            .any(|&c| matches!(c, '零' | '〇' | '○' | '两' | '兩'))
    {
        // 两 is fine as a count but not inside a date numeral.
        return None;
    }
    let pos = run
        .iter()
        .position(|c| matches!(c, '十' | '廿' | '卅'))
        .unwrap();
    let (high, unit_mult) = match run[pos] {
        '十' => {
            if pos == 0 {
                (1, 10)
            } else if pos == 1 {
                (cn_digit(run[0])?, 10)
            } else {
                return None;
            }
        }
        '廿' | '卅' => {
            if pos != 0 {
                return None;
            }
            (if run[pos] == '廿' { 2 } else { 3 }, 10)
        }
        _ => unreachable!(),
    };
    if high == 0 {
        return None;
    }
    let low = match run.len() - pos - 1 {
        0 => 0,
        1 => cn_digit(run[pos + 1])?,
        _ => return None,
    };
    Some(Num {
        value: high * unit_mult + low,
        len: run.len(),
        arabic: false,
        cn_seq: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_numbers() {
        assert_eq!(parse_cn_number("二十七"), Some(27));
        assert_eq!(parse_cn_number("二〇二四"), Some(2024));
        assert_eq!(parse_cn_number("二零一五"), Some(2015));
        assert_eq!(parse_cn_number("十一"), Some(11));
        assert_eq!(parse_cn_number("十"), Some(10));
        assert_eq!(parse_cn_number("两"), Some(2));
        assert_eq!(parse_cn_number("一百二十"), Some(120));
        assert_eq!(parse_cn_number("一百零五"), Some(105));
        assert_eq!(parse_cn_number("三千零五"), Some(3005));
        assert_eq!(parse_cn_number("一万二千"), Some(12000));
        assert_eq!(parse_cn_number("十三亿"), Some(1_300_000_000));
        assert_eq!(parse_cn_number("廿三"), Some(23));
        assert_eq!(parse_cn_number("卅"), Some(30));
        assert_eq!(parse_cn_number("27"), Some(27));
        assert_eq!(parse_cn_number("２７"), Some(27));
        assert_eq!(parse_cn_number("3万"), Some(30000));
        assert_eq!(parse_cn_number(""), None);
        assert_eq!(parse_cn_number("二十x"), None);
    }

    fn rn(s: &str) -> Option<(u32, usize)> {
        let v: Vec<char> = s.chars().collect();
        read_num(&v, 0).map(|n| (n.value, n.len))
    }

    #[test]
    fn read_date_numerals() {
        assert_eq!(rn("二十七日"), Some((27, 3)));
        assert_eq!(rn("十一月"), Some((11, 2)));
        assert_eq!(rn("十日"), Some((10, 1)));
        assert_eq!(rn("廿日"), Some((20, 1)));
        assert_eq!(rn("二〇二四年"), Some((2024, 4)));
        assert_eq!(rn("2024年"), Some((2024, 4)));
        assert_eq!(rn("１２月"), Some((12, 2)));
        assert_eq!(rn("一十二"), Some((12, 3)));
        assert_eq!(rn("十二十"), None);
    }
}
