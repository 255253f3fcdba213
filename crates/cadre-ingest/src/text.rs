//! Plain text documents.

use cadre_model::SourceDoc;

use crate::charset::normalise_newlines;

/// Longest first line still taken as a title, in chars.
const MAX_TITLE_CHARS: usize = 60;

pub fn read(name: &str, decoded: &str) -> SourceDoc {
    let text = normalise_newlines(decoded);
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .filter(|l| looks_like_title(l))
        .map(str::to_string);
    SourceDoc {
        id: name.to_string(),
        title,
        text,
        ..SourceDoc::default()
    }
}

/// Titles are short and are not sentences: a first line ending in 。！？ or holding
/// a 。 is the first sentence of the article, not its title.
pub fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS
        && !line.contains('。')
        && !line.ends_with(['！', '？', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_crlf() {
        let d = read(
            "a.txt",
            "\u{FEFF}市委常委会召开扩大会议\r\n\r\n会议由市委书记主持。\r\n",
        );
        assert_eq!(d.title.as_deref(), Some("市委常委会召开扩大会议"));
        assert_eq!(d.text, "市委常委会召开扩大会议\n\n会议由市委书记主持。\n");
    }

    #[test]
    fn sentence_is_not_a_title() {
        let d = read("a.txt", "3月1日，市委书记主持召开会议。\n");
        assert_eq!(d.title, None);
    }
}
