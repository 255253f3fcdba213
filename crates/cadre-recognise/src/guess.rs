//! Names without a title: a surname, one or two given-name characters, and a context that
//! vouches for them (`data/name_cues.tsv`).
//!
//! Every candidate is explainable by three facts: the surname (`data/surnames.txt`,
//! word-like ones in `data/surnames_ambiguous.txt` need a strong cue), the given-name
//! characters (`data/given_chars.txt`), and the words on either side:
//!
//! | left of the name                 | right of the name                     |
//! |----------------------------------|---------------------------------------|
//! | cue: an occupation (教授, 记者)    | cue: 说, 表示, 先生, 同志, 主席, 等人   |
//! | open: start, punctuation, 、      | end: punctuation, a boundary word     |
//! | weak: 同, 和, 与, 对, 向, 由, 的…  | other: the name runs into a word      |
//!
//! A three-character name needs a left side that is not `other` and a right side that is
//! not `other`; a two-character name (surname + one character) needs a cue on one side.

use crate::lexicon::Lexicon;
use crate::names::is_delimiter;
use cadre_normalise::is_han;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Cue,
    Open,
    Weak,
    Other,
}

/// Characters before a name that leave it a name (prepositions, conjunctions, 的, 有, and
/// the last characters of bodies: 研究院王涛教授, 教育厅李明处长).
const WEAK_LEFT: &str = "同和与对向给由被让请有是的及跟把叫找陪令使据为在了将院局部厅委会所厂司校社馆队站";

/// [`WEAK_LEFT`] as a bitmap: it is asked before most candidate names.
fn weak_left(c: char) -> bool {
    static SET: std::sync::OnceLock<crate::lexicon::CharSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| crate::lexicon::CharSet::of_words(WEAK_LEFT)).contains(c)
}

/// Does `before` end with the number of a photo caption's person ((3), ②): the slot of
/// a name (（1）塞甘（2）若斯潘).
fn after_number_mark(before: &str) -> bool {
    if before.chars().next_back().is_some_and(|c| ('①'..='⑳').contains(&c)) {
        return true;
    }
    let Some(inner) = before.strip_suffix(')').and_then(|b| b.rsplit_once('(')).map(|(_, n)| n) else { return false };
    (1..=2).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit())
}

/// Forms of address after a name that vouch for it whatever its characters.
const ADDRESS_AFTER: &[&str] = &["先生", "女士", "小姐", "同志", "教授"];

/// Names in `text[s..e]` read from their context, skipping byte ranges already `taken`.
pub(crate) fn guessed_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    taken: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let sent = &text[s..e];
    let cues = &lx.name_cues;
    let mut out = Vec::new();
    let mut skip_to = 0;
    let mut prev: Option<char> = None;
    for (i, c) in sent.char_indices() {
        let p = prev;
        prev = Some(c);
        if i < skip_to || !lx.surnames.may_begin(c) {
            continue;
        }
        let Some(k) = lx.surnames.prefix_len(&sent[i..]) else { continue };
        let gi = i + sent[i..].chars().take(k).map(char::len_utf8).sum::<usize>();
        let mut given = sent[gi..].chars();
        let Some(c1) = given.next() else { continue };
        if !is_han(c1) {
            continue;
        }
        let at = s + i;
        if taken.iter().any(|&(a, b)| a <= at && at < b) {
            continue;
        }
        // After a bare title (副部长, 理事长) or a caption's number the name's characters must
        // still look like a name's, and no title may follow it (副书记任专职副书记).
        let mut after_title = false;
        let left = match p {
            None => Side::Open,
            Some(pc) if (pc == ')' || ('①'..='⑳').contains(&pc)) && after_number_mark(&sent[..i]) => {
                after_title = true;
                Side::Cue
            }
            Some(pc) if is_delimiter(pc) => Side::Open,
            Some(pc) => {
                if cues.ends_before(&sent[..i]) {
                    Side::Cue
                } else if lx.posts.ends(&sent[..i]) {
                    after_title = true;
                    Side::Cue
                } else if weak_left(pc) {
                    Side::Weak
                } else {
                    Side::Other
                }
            }
        };
        // A cue word vouches for unusual given-name characters too; a title does not. So
        // does a form of address right after the name (查阜西先生), on a left side that is
        // not inside a word, when no everyday word explains the name.
        let lenient = left == Side::Cue && !after_title;
        let addressed = |end: usize| {
            left != Side::Other
                && ADDRESS_AFTER.iter().any(|w| sent[end..].starts_with(w))
                && !crate::words::words_explain(sent, i, end)
        };
        let end1 = gi + c1.len_utf8();
        let end2 = given.clone().next().filter(|&c| is_han(c)).map(|c| end1 + c.len_utf8());
        if !lenient && !cues.given.contains(c1) && !(addressed(end1) || end2.is_some_and(addressed)) {
            continue;
        }
        // The given name may not open with a word that ends names (王先生, 李说).
        let rest = &sent[gi..];
        if cues.after_at(rest) || lx.boundaries.word_at(rest) || (lx.boundaries.is_single(c1) && !cues.given.contains(c1)) {
            continue;
        }
        let ambiguous = k == 1 && (cues.ambiguous_surname.contains(c) || lx.boundaries.is_single(c));
        let c2 = given.next();
        let mut found = None;
        for g in [2usize, 1] {
            let end = if g == 2 {
                let Some(c2) = c2 else { continue };
                if !is_han(c2) || lx.boundaries.is_single(c2) || !(cues.given.contains(c2) || lenient || end2.is_some_and(addressed)) {
                    continue;
                }
                if lx.boundaries.word_at(&rest[c1.len_utf8()..]) || cues.after_at(&rest[c1.len_utf8()..]) {
                    continue;
                }
                gi + c1.len_utf8() + c2.len_utf8()
            } else {
                gi + c1.len_utf8()
            };
            if !(cues.given.contains(c1) || lenient || addressed(end)) {
                continue;
            }
            let right_s = &sent[end..];
            let right = match right_s.chars().next() {
                None => Side::Open,
                Some(rc) if is_delimiter(rc) || rc.is_ascii_digit() => Side::Open,
                Some(rc) => {
                    if cues.after_at(right_s) || lx.posts.starts_at(right_s) {
                        Side::Cue
                    } else if lx.boundaries.is_single(rc) || lx.boundaries.word_at(right_s) {
                        Side::Weak
                    } else {
                        Side::Other
                    }
                }
            };
            if after_title && lx.posts.starts_at(right_s) {
                continue;
            }
            let ok = if g == 2 {
                (left != Side::Other && right != Side::Other && (!ambiguous || left == Side::Cue || right == Side::Cue))
                    || (right == Side::Cue && !ambiguous)
                    // After a title a name of usual characters runs into the verb (副理事长张彦宁发来).
                    || (after_title && cues.given.contains(c1) && c2.is_some_and(|c| cues.given.contains(c)))
                    // A name of usual characters on an open left side that runs into the next
                    // word (丁聪提出, 田晚霞原是): only when no everyday word explains the run.
                    || (left != Side::Other
                        && !ambiguous
                        && cues.given.contains(c1)
                        && c2.is_some_and(|c| cues.given.contains(c))
                        && !crate::words::words_explain(sent, i, end)
                        // nor a transliteration running on (谢苗诺|夫, 斯芬克|斯).
                        && !sent[i..].chars().take(4).all(|c| lx.translit.contains(c)))
            } else {
                (left == Side::Cue && right != Side::Other)
                    || (right == Side::Cue && left != Side::Other && !ambiguous)
                    // After a cue word, a name of a usual character that runs into the next
                    // word (老作家苏晨论述), when no everyday word explains the two.
                    || (lenient && cues.given.contains(c1) && !crate::words::words_explain(sent, i, end))
            };
            if ok {
                found = Some(end);
                break;
            }
        }
        let Some(end) = found else { continue };
        // Not a place after a verb-like surname (任河南省委副书记), not an editor's line.
        if lx.gazetteer.starts_at(crate::window(sent, gi, 6)) {
            continue;
        }
        if ["编辑:", "编辑:", "责编:", "编辑 ", "校对:", "审核:"].iter().any(|w| sent[..i].ends_with(w)) {
            continue;
        }
        let name = &sent[i..end];
        if crate::titles::is_not_a_name(lx, name) {
            continue;
        }
        // An everyday word is no name however its context reads (青年文学奖, 作家庄严的使命).
        if crate::words::is_everyday_word(name) {
            continue;
        }
        if crate::overlaps_any(taken, s + i, s + end) {
            continue;
        }
        out.push((s + i, s + end));
        skip_to = end;
    }
    out
}

/// Transliterated names without a surname, read only between strong cues: a run of
/// characters of `data/translit_chars.txt` (with `·`) after a cue word and ending where
/// names end (82岁的休斯曾是: two to eight characters), or three to eight of them before a
/// cue word on an open left side (蒙托亚先生, 德马雷说). Runs that
/// are countries, regions or common words are not names.
pub(crate) fn foreign_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    taken: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let sent = &text[s..e];
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut chars = 0;
    // A last step past the end (None) closes a run that reaches the end of the sentence.
    let steps = sent.char_indices().map(|(i, c)| (i, Some(c))).chain([(sent.len(), None)]);
    for (i, c) in steps {
        let in_run = c.is_some_and(|c| lx.translit.contains(c) || (c == '·' && run_start.is_some()));
        let c = c.unwrap_or(' ');
        if in_run {
            if run_start.is_none() {
                run_start = Some(i);
                chars = 0;
            }
            if c != '·' {
                chars += 1;
            }
            continue;
        }
        let Some(mut a) = run_start.take() else { continue };
        // A title whose last characters are transliteration characters too (主席 before
        // 拉米雷斯): the name starts after it.
        if let Some(k) = sent[a..i].char_indices().skip(1).take(2).map(|(k, _)| a + k).find(|&k| lx.posts.ends(&sent[..k])) {
            chars -= sent[a..k].chars().filter(|&c| c != '·').count();
            a = k;
        }
        let name = sent[a..i].trim_end_matches('·');
        let b = a + name.len();
        if !(2..=8).contains(&chars) {
            continue;
        }
        let before = &sent[..a];
        let after = &sent[b..];
        let prev = before.chars().next_back();
        let cue_after = lx.name_cues.after_at(after);
        let open_before = prev.is_none_or(|c| is_delimiter(c) || weak_left(c));
        let by_cue_after = cue_after && open_before && chars >= 3;
        // Any title vouches for the name after it like a cue word, even one not read as an
        // office (理事长, 副部长), and so does a caption's number ((2)若斯潘).
        let title_before = || lx.posts.ends(before) || after_number_mark(before);
        // Two-character runs are everywhere in Chinese words: only after a cue word.
        let by_cue_before = || {
            (cue_after || after.chars().next().is_none_or(is_delimiter) || crate::names::ends_name(lx, after))
                && (lx.name_cues.ends_before(before) || title_before())
        };
        // After a title, three or more such characters are a name whatever follows
        // (轮值主席拉米雷斯首先致辞), unless everyday words explain them.
        let after_title = || chars >= 3 && title_before() && !crate::words::words_explain(sent, a, b);
        if !(by_cue_after || by_cue_before() || after_title()) {
            continue;
        }
        if lx.countries.ends(name)
            || lx.gazetteer.is_name(name)
            || crate::titles::is_not_a_name(lx, name)
            || crate::words::is_everyday_word(name)
        {
            continue;
        }
        if !crate::overlaps_any(taken, s + a, s + b) {
            out.push((s + a, s + b));
        }
    }
    out
}

/// Japanese names (根本二郎, 樱内义雄): a family name of `data/surnames_japanese.txt` and
/// one to three characters, between strong cues on both sides: a title, a cue word or a
/// delimiter before it, and a cue word right after it (说, 先生, 表示). Many family names
/// are Chinese words too (中村, 根本), so nothing less will do.
///
/// `family_names` are the byte ranges of the document's family names, in text order.
pub(crate) fn japanese_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    family_names: &[(usize, usize)],
    taken: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let sent = &text[s..e];
    let mut out = Vec::new();
    let first = family_names.partition_point(|&(a, _)| a < s);
    for &(fa, fb) in family_names[first..].iter().take_while(|&&(_, fb)| fb <= e) {
        let (i, family_end) = (fa - s, fb - s);
        let before = &sent[..i];
        if !(before.chars().next_back().is_none_or(is_delimiter) || lx.posts.ends(before) || lx.name_cues.ends_before(before)) {
            continue;
        }
        let ends = sent[family_end..].char_indices().take(3).take_while(|&(_, g)| is_han(g));
        let Some(b) = ends.map(|(k, g)| family_end + k + g.len_utf8()).find(|&b| lx.name_cues.after_at(&sent[b..])) else {
            continue;
        };
        // Not a family name before a word for people (中村干部说, 田中主任表示).
        let name = &sent[i..b];
        if lx.name_cues.ends_before(name)
            || lx.posts.ends(name)
            || crate::overlaps_any(taken, s + i, s + b)
        {
            continue;
        }
        out.push((s + i, s + b));
    }
    out
}

/// A name alone in brackets closes a paragraph or follows a title: an author's credit
/// (……服务。(周霄羽), 《论纳兰性德》(宋培效)等), or a photographer's or an illustrator's
/// ((吴擎柱摄), (马得/画)). Notes such as (藏族) or (女) are not names; a two-character
/// name needs given-name characters.
pub(crate) fn credited_names(lx: &Lexicon, text: &str, s: usize, e: usize, taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let sent = &text[s..e];
    let mut out = Vec::new();
    for (k, _) in sent.match_indices('(') {
        let inner_start = k + 1;
        let Some(len) = sent[inner_start..].find(')') else { continue };
        let inner = &sent[inner_start..inner_start + len];
        // What the credit follows: the end of a sentence, a title in 《》 or a quotation.
        let follows = sent[..k].chars().next_back().is_none_or(|c| matches!(c, '。' | '》' | '”' | '!' | '?'));
        let closes = sent[inner_start + len + 1..].chars().next().is_none_or(|c| is_delimiter(c) || c == '等');
        if !follows || !closes {
            continue;
        }
        if let Some(names) = signed_after_place(lx, text, s + inner_start, s + inner_start + len) {
            out.extend(names.into_iter().filter(|&(a, b)| !crate::overlaps_any(taken, a, b)));
            continue;
        }
        let name = inner.trim_end_matches(['摄', '画', '图']).trim_end_matches('/');
        let photo = name.len() < inner.len();
        let chars = name.chars().count();
        let Some(sl) = lx.surnames.prefix_len(name) else { continue };
        if !(2..=3).contains(&(chars - sl + 1)) || !name.chars().all(is_han) || photo && chars - sl > 2 {
            continue;
        }
        if chars - sl == 1 && !name.chars().skip(sl).all(|c| lx.name_cues.given.contains(c)) {
            continue;
        }
        if name.ends_with('族') || lx.gazetteer.is_name(name) || crate::titles::is_not_a_name(lx, name) {
            continue;
        }
        let (at, end) = (s + inner_start, s + inner_start + name.len());
        if !crate::overlaps_any(taken, at, end) {
            out.push((at, end));
        }
    }
    out
}

/// Last characters of a place or a body before the names of a signature (安丘市, 纪委).
const PLACE_ENDS: &str = "市县区省州镇乡村委局厅校院所厂司部会社站队";

/// A signature in brackets: a place or a body, then one or two names (山东安丘市王培增王志坚,
/// 河北故城县纪委杨文斌). The longest tail of two to six characters that reads as names.
fn signed_after_place(lx: &Lexicon, text: &str, a: usize, b: usize) -> Option<Vec<(usize, usize)>> {
    let inner = &text[a..b];
    if !inner.chars().all(is_han) {
        return None;
    }
    inner
        .char_indices()
        .map(|(i, _)| a + i)
        // Two to six characters, three bytes each (the run is all Han).
        .filter(|&at| b - at <= 6 * 3 && b - at >= 2 * 3)
        .filter(|&at| text[a..at].chars().next_back().is_some_and(|c| PLACE_ENDS.contains(c)))
        .find_map(|at| crate::known::names_of_run(lx, text, at, b))
}

#[cfg(test)]
mod tests {
    use crate::test_persons as persons;

    #[test]
    fn transliterated_names_between_cues() {
        assert_eq!(persons("我们在蒙托亚先生的陪同下参观。"), ["蒙托亚"]);
        assert_eq!(persons("今年82岁的休斯曾是一名教师。"), ["休斯"]);
        assert_eq!(persons("众议院轮值主席拉米雷斯首先致欢迎辞。"), ["拉米雷斯"]);
        assert_eq!(persons("图为(1)塞甘(2)若斯潘"), ["塞甘", "若斯潘"]);
        assert_eq!(persons("金牌得主:①葛菲②王晨"), ["葛菲", "王晨"]);
        // A country before a cue is no name.
        assert!(persons("巴基斯坦表示欢迎。").is_empty());
    }

    #[test]
    fn japanese_names_between_strong_cues() {
        assert_eq!(persons("商会会长铃木俊男说,深感悲痛。"), ["铃木俊男"]);
        assert_eq!(persons("樱内义雄先生,女士们:"), ["樱内义雄"]);
        // Family names that are Chinese words, without the cues or before a word for people.
        assert!(persons("村里的中村干部说,好。").is_empty());
        assert!(persons("这根本二郎不知道。").is_empty());
    }

    #[test]
    fn names_after_a_title_that_names_no_office() {
        assert_eq!(persons("中国企业联合会副理事长张彦宁发来唁电。"), ["张彦宁"]);
        // Not a title, a name, a title: 副书记任专职副书记.
        assert!(persons("另一名副书记任专职副书记。").is_empty());
    }

    #[test]
    fn names_that_run_into_the_next_word() {
        assert_eq!(persons("从此,田晓霞一心扑在工作上。"), ["田晓霞"]);
        // Words that open with a surname are no names: 党校, 居安思危, 巴基斯坦.
        assert!(persons("党校学员要居安思危。").is_empty());
        assert!(persons("巴基斯坦总理出席。").is_empty());
    }

    #[test]
    fn occupations_and_kin_before_names() {
        assert_eq!(persons("广东老作家苏晨论述老年的文章。"), ["苏晨"]);
        assert_eq!(persons("十年的老保姆赵淑君。"), ["赵淑君"]);
        assert_eq!(persons("音乐好办,查阜西先生发现了曲谱。"), ["查阜西"]);
        // A word after the cue is no name (教授学生), nor is an everyday word.
        assert!(persons("老师教学生写字。").is_empty());
        assert!(persons("全国优秀青年文学奖揭晓。").is_empty());
    }

    #[test]
    fn words_for_officials_are_no_given_names() {
        assert!(persons("有关部门负责同志出席。").is_empty());
    }

    #[test]
    fn credits_in_brackets() {
        assert_eq!(persons("活动将持续到月底。(周晓羽)"), ["周晓羽"]);
        assert_eq!(persons("活动将持续到月底。(苏萱)"), ["苏萱"]);
        assert_eq!(persons("书店外景。(吴擎柱摄)"), ["吴擎柱"]);
        assert_eq!(persons("问题应当解决。(山东安丘市王培增王志坚)"), ["王培增", "王志坚"]);
        assert_eq!(persons("问题应当解决。(河北故城县纪委杨文斌)"), ["杨文斌"]);
        // Notes after names are not names; nor is a bracket inside a sentence.
        assert!(persons("代表中有藏族(藏族)干部。").is_empty());
        assert!(persons("这项规定(试行稿)已经公布。").is_empty());
    }
}
