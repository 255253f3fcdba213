//! Markdown in the style of reposted news (the seed article is the model).
//!
//! `#` headings are structure: the first is the title and level-1 headings are not
//! prose. Deeper headings and bold-only lines are section titles and stay as lines.
//! Bylines stay in the text too, because bylined reporters are persons the later
//! stages must see, and they also fill `authors`.

use std::sync::LazyLock;

use cadre_model::SourceDoc;
use regex::Regex;

use crate::charset::normalise_newlines;

/// An image, whose URL may be wrapped over up to three lines.
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]\n]*\]\([^)\n]*(?:\n[^)\n]*){0,2}\)").unwrap());
/// A link: its text is kept.
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").unwrap());
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").unwrap());
/// `撰文丨A B`, `文丨A`, `作者：A`, `记者：A、B`, `文/A`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:撰文|采写|文|作者|记者|通讯员)\s*[丨|｜/／：:]\s*(\S.*)$").unwrap()
});
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[-*_]\s*){3,}$").unwrap());
static LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:>\s*)+|^[-*+]\s+").unwrap());

pub fn read(name: &str, decoded: &str) -> SourceDoc {
    let src = normalise_newlines(decoded);
    let src = IMAGE.replace_all(&src, "");
    let src = LINK.replace_all(&src, "$1");
    let mut title = None;
    let mut authors = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut last_heading: Option<String> = None;
    for raw in src.lines() {
        let line = raw.trim();
        if line.is_empty() || RULE.is_match(line) {
            continue;
        }
        if let Some(c) = HEADING.captures(line) {
            let level = c[1].len();
            let heading = strip_inline(&c[2]);
            if heading.is_empty() || last_heading.as_deref() == Some(heading.as_str()) {
                continue;
            }
            last_heading = Some(heading.clone());
            if level == 1 {
                if title.is_none() {
                    title = Some(heading);
                }
            } else {
                lines.push(heading);
            }
            continue;
        }
        last_heading = None;
        let line = strip_inline(&LIST.replace(line, ""));
        if line.is_empty() {
            continue;
        }
        if line.chars().count() <= 40 {
            if let Some(c) = BYLINE.captures(&line) {
                authors.extend(split_names(&c[1]));
            }
        }
        lines.push(line);
    }
    let text = lines.join("\n");
    SourceDoc {
        id: name.to_string(),
        title,
        authors,
        text,
        ..SourceDoc::default()
    }
}

/// Removes emphasis markers and inline HTML line breaks.
fn strip_inline(s: &str) -> String {
    s.replace("**", "")
        .replace("__", "")
        .replace("<br>", "")
        .replace("<br/>", "")
        .trim()
        .to_string()
}

/// Splits a list of names on spaces (ASCII or ideographic), 、，, and ;.
pub fn split_names(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '|'))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_image_and_headings() {
        let md = "# 两省召开合作会议\n\n# 两省召开合作会议\n\n**撰文丨张三 李四**\n\n3月2日，两省召开会议。\n\n\
                  **重要背景**\n\n![](https://example.org/pic/abc-\ndef/1000)\n\n## 下一步\n\n会议强调，要深化合作。\n";
        let d = read("a.md", md);
        assert_eq!(d.title.as_deref(), Some("两省召开合作会议"));
        assert_eq!(d.authors, ["张三", "李四"]);
        assert_eq!(
            d.text,
            "撰文丨张三 李四\n3月2日，两省召开会议。\n重要背景\n下一步\n会议强调，要深化合作。"
        );
    }

    #[test]
    fn other_byline_forms() {
        assert_eq!(read("a", "作者：王五、赵六\n").authors, ["王五", "赵六"]);
        assert_eq!(read("a", "文/钱七\n").authors, ["钱七"]);
        assert!(read("a", "责任编辑：孙八\n").authors.is_empty());
    }
}
