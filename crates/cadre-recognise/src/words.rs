//! The words of everyday Chinese, to tell a name read from its shape alone (丁聪提出,
//! 田晚霞原是) from a run of words that opens with a surname (党校, 欧洲中部, 张浩传奇).
//!
//! The word list is the dictionary that ships with the jieba-rs crate (350,000 words with
//! part-of-speech tags), loaded once on first use (about 0.15 s and 50 MB). Only its words
//! are asked, never its names: a candidate is dropped when a word covers its surname and
//! first given character, when it is a word itself, or when a word runs from inside it
//! past its end.

use jieba_rs::Jieba;
use std::sync::OnceLock;

fn dictionary() -> &'static Jieba {
    static DICT: OnceLock<Jieba> = OnceLock::new();
    DICT.get_or_init(Jieba::new)
}

/// Is `s` a word of the dictionary (a name it lists too)? 长江 before 主席 makes no 江主席.
pub fn is_dictionary_word(s: &str) -> bool {
    dictionary().has_word(s)
}

/// Is `s` a word of the dictionary other than a person's name (文学, 庄严, 美国)?
pub(crate) fn is_everyday_word(s: &str) -> bool {
    let d = dictionary();
    if !d.has_word(s) {
        return false;
    }
    // The dictionary tags names nr; those are no evidence against a name.
    !d.tag(s, false).first().is_some_and(|t| t.word == s && t.tag.starts_with("nr"))
}

/// Does an everyday word of two or three characters end at byte `at` of `text` (举行|, 所以|)?
pub fn word_ends_at(text: &str, at: usize) -> bool {
    text[..at].char_indices().rev().skip(1).take(2).any(|(from, _)| is_everyday_word(&text[from..at]))
}

/// Is `text[a..b]` an everyday word, or the tail of one that starts one or two characters
/// before it (白俄|罗斯)?
pub(crate) fn word_covers(text: &str, a: usize, b: usize) -> bool {
    is_everyday_word(&text[a..b]) || text[..a].char_indices().rev().take(2).any(|(from, _)| is_everyday_word(&text[from..b]))
}

/// Do everyday words explain `text[a..b]`, a name candidate read from its shape, better
/// than a name does? `text[b..]` is what follows it.
pub(crate) fn words_explain(text: &str, a: usize, b: usize) -> bool {
    let name = &text[a..b];
    let idx: Vec<usize> = name.char_indices().map(|(i, _)| a + i).collect();
    if idx.len() < 2 {
        return false;
    }
    if is_everyday_word(name) {
        return true;
    }
    // Surname and first given character of a longer name as a word or a name of their
    // own (党校, 欧洲, 汪洋).
    let d = dictionary();
    if idx.len() > 2 && d.has_word(&text[idx[0]..idx[2]]) {
        return true;
    }
    // A word from the surname or from inside the name across its end (张浩|传奇, 巴基斯|坦,
    // 居安思|危): the ends of the next one to three characters.
    let after: Vec<usize> = text[b..].char_indices().skip(1).map(|(i, _)| b + i).chain([text.len()]).take(3).collect();
    idx.iter().any(|&from| after.iter().any(|&to| to > b && d.has_word(&text[from..to])))
}

#[cfg(test)]
mod tests {
    use super::words_explain;

    fn explained(text: &str, name: &str) -> bool {
        let a = text.find(name).unwrap();
        words_explain(text, a, a + name.len())
    }

    #[test]
    fn words_against_names() {
        assert!(explained("张浩传奇出版", "张浩传"));
        assert!(explained("党校学员", "党校学"));
        assert!(explained("巴基斯坦总理", "巴基斯"));
        assert!(explained("要居安思危", "居安思"));
        assert!(!explained("田晚霞原是职工", "田晚霞"));
        assert!(explained("在汪洋中救人", "汪洋中"));
        assert!(!explained("王民岗提出", "王民岗"));
    }
}
