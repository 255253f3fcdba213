//! Names the lexicon already knows: `data/known_persons_cn.tsv` (PRC leaders past and
//! present, figures that political news quotes), `data/known_persons_world.tsv` (foreign
//! leaders as Chinese news transliterates them) and `data/known_persons_history.tsv`
//! (historical, cultural and scientific figures); `data/known_persons_wordlike.txt`
//! lists those names that are also everyday words (汪洋), read only with a cue or a list.
//!
//! A known name needs no title or cue (邓小平逝世, 向李鹏汇报, 同克林顿会谈), but it must
//! stand as a word of its own:
//!
//! - not inside a longer name: 李鹏 in 李鹏飞 is no mention of 李鹏, so a two-character
//!   name followed by a given-name character needs that character to end names (a
//!   boundary word, a cue such as 说 or 同志, a post such as 总理);
//! - not the start of a doctrine or an institution named after a person (邓小平理论,
//!   中山大学): ANNOTATION.md counts neither as a person;
//! - two-character names (万里, 乔石, 普京) are often words too, so they also need an open
//!   left side: the sentence start, punctuation, or a preposition (同, 向, 与 …).

use crate::gazetteer::RegionMention;
use crate::lexicon::Lexicon;
use crate::names::{ends_name, is_delimiter};
use cadre_normalise::is_han;

/// Words after a name that make it part of a doctrine (see [`doctrine_after`]), a work
/// or an institution.
const NAMED_AFTER: &[&str] = &[
    "时代", "文集", "选集", "文选", "著作", "纪念", "故居", "旧居", "故里", "大学", "中学",
    "小学", "学院", "学校", "公园", "广场", "大道", "大街", "路", "街", "号", "奖", "基金", "式", "家庭", "农场", "公司",
    "集团", "医院", "中心", "研究", "博物馆", "图书馆", "音乐厅", "剧院", "村", "镇", "祠", "墓", "像",
];

/// Does the text after a name make the name part of something named after a person:
/// a doctrine (邓小平理论, 习近平新时代中国特色社会主义思想), a work or an institution
/// (中山大学, 海瑞家庭农场)? A title after the name (习近平总书记) leaves it a person.
fn named_after(lx: &Lexicon, rest: &str) -> bool {
    NAMED_AFTER.iter().any(|w| rest.starts_with(w)) || doctrine_after(lx, rest)
}

/// Words that make a name before them the name of a doctrine (邓小平理论, 马克思主义).
const DOCTRINES: &[&str] = &["理论", "思想", "路线", "主义"];

/// Does the text after a name make it the head of a doctrine: 邓小平理论, 马克思主义,
/// 邓小平建设有中国特色社会主义理论? The name still names the person (NER counts it),
/// but the person is not one the story is about.
fn doctrine_after(lx: &Lexicon, rest: &str) -> bool {
    if DOCTRINES.iter().any(|w| rest.starts_with(w)) {
        return true;
    }
    if lx.posts.starts_at(rest) || lx.name_cues.after_at(rest) {
        return false;
    }
    // The run of Han characters after the name, at most 16 of them.
    let run_end = rest
        .char_indices()
        .enumerate()
        .find(|&(k, (_, c))| k == 16 || !is_han(c))
        .map_or(rest.len(), |(_, (i, _))| i);
    let run = &rest[..run_end];
    run.ends_with("思想") || run.ends_with("理论") || run.contains("思想为") || run.contains("理论为")
}

/// Does the text after a name make it the name of a prize (鲁迅文学奖, 孙中山奖)?
fn prize_after(rest: &str) -> bool {
    let run: Vec<char> = rest.chars().take(3).take_while(|&c| is_han(c)).collect();
    run.first() == Some(&'奖') || run.get(2) == Some(&'奖')
}

/// Known names that head a doctrine or a prize (邓小平 in 高举邓小平理论, 鲁迅文学奖):
/// byte ranges in text order. They are mentions of the person's name, not of a person
/// taking part in anything.
pub(crate) fn eponyms(lx: &Lexicon, text: &str, occurrences: &[(usize, usize)], regions: &[RegionMention]) -> Vec<(usize, usize)> {
    occurrences
        .iter()
        .copied()
        .filter(|&(a, b)| (doctrine_after(lx, &text[b..]) || prize_after(&text[b..])) && open_left(lx, text, a, b))
        .filter(|&(a, b)| !regions.iter().any(|m| place_wins(m, a, b)))
        .collect()
}

/// A place wins over a known name it overlaps (江华 in 江华瑶族自治县), not over a name
/// that holds it whole after the surname (中山 in 孙中山).
fn place_wins(m: &RegionMention, a: usize, b: usize) -> bool {
    m.start < b && a < m.end && !(a < m.start && m.end <= b)
}

/// Characters before a two-character name that leave it a name.
const OPEN_LEFT: &str = "同和与对向给由被让请是的及跟把叫找陪令使据为在了将会见称于像";

/// Every occurrence of a known name in the document, as byte ranges in text order, and
/// apart from them the Japanese family names the same automaton finds: one scan per
/// document, shared out to the sentences by [`known_names`] and the Japanese reader.
pub(crate) fn occurrences(lx: &Lexicon, text: &str) -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let (mut known, mut family) = (Vec::new(), Vec::new());
    for (a, b, word) in lx.known_and_families.find(text) {
        if lx.japanese_surnames.contains(word) {
            family.push((a, b));
        } else {
            known.push((a, b));
        }
    }
    // A family name may hide a known name that starts inside it (平田 in 田成平田曾佩 hides
    // 田曾佩): look again from its second character; the earlier of two overlapping
    // names stays.
    if !family.is_empty() {
        for &(a, b) in &family {
            let from = a + text[a..].chars().next().map_or(0, char::len_utf8);
            let hidden = lx
                .known_persons
                .find(crate::window(text, from, 12))
                .find(|&(x, _, _)| from + x < b);
            if let Some((x, y, _)) = hidden {
                known.push((from + x, from + y));
            }
        }
        drop_overlapped(&mut known);
    }
    (known, family)
}

/// Sorts byte ranges by start and drops each range that overlaps one before it; of two
/// that start together, the longer stays.
fn drop_overlapped(ranges: &mut Vec<(usize, usize)>) {
    ranges.sort_unstable_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
    let mut last_end = 0;
    ranges.retain(|&(a, b)| {
        let keep = a >= last_end;
        last_end = last_end.max(b);
        keep
    });
}

/// Known names in `text[s..e]` among the document's `occurrences`, skipping byte ranges
/// already `taken`, with the names that run between two of them (see [`names_between`]).
pub(crate) fn known_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    occurrences: &[(usize, usize)],
    regions: &[&RegionMention],
    taken: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let first = occurrences.partition_point(|&(a, _)| a < s);
    let sent = &text[s..e];
    let hits: Vec<(usize, usize)> = occurrences[first..]
        .iter()
        .take_while(|&&(_, b)| b <= e)
        .filter(|&&(a, b)| !regions.iter().any(|m| place_wins(m, a, b)))
        .map(|&(a, b)| (a - s, b - s))
        .filter(|&(_, b)| !named_after(lx, &sent[b..]))
        .collect();
    if hits.is_empty() {
        return Vec::new();
    }
    // Names run together in a list (王兆国阿沛·阿旺晋美, 习仲勋彭冲叶飞): two known names
    // that touch, or that only names separate, vouch for each other and for those names.
    let links: Vec<Option<Vec<(usize, usize)>>> = hits
        .windows(2)
        .map(|w| {
            let (b, next) = (w[0].1, w[1].0);
            if b == next {
                return Some(Vec::new());
            }
            let between = names_between(lx, sent, b, next);
            (!between.is_empty()).then_some(between)
        })
        .collect();
    // A list whose gaps do not all read as names may read whole, its known names re-cut
    // (李伯勇李希林李际均: 李希 is known, the list reads 李希林): the hits of such a chain
    // give way to the chain's names.
    let mut in_chain = vec![false; hits.len()];
    let mut out = Vec::new();
    let mut k = 0;
    while k < hits.len() {
        let mut m = k;
        while m + 1 < hits.len() && list_gap(sent, hits[m].0, hits[m + 1].1) {
            m += 1;
        }
        if m == k || links[k..m].iter().all(Option::is_some) {
            k = m + 1;
            continue;
        }
        // The longest stretch of at most nine names from k that reads whole; the next
        // stretch starts at its last name, so that no gap goes unread.
        let read = (k + 1..=m.min(k + 8)).rev().find_map(|j| {
            let names = names_between(lx, sent, hits[k].0, hits[j].1);
            (!names.is_empty()).then_some((j, names))
        });
        match read {
            Some((j, names)) => {
                in_chain[k..=j].iter_mut().for_each(|c| *c = true);
                out.extend(names);
                k = if j == m { m + 1 } else { j };
            }
            None => k += 1,
        }
    }
    for (k, &(a, b)) in hits.iter().enumerate() {
        if in_chain[k] {
            continue;
        }
        // A side linked to a neighbour in the list needs no other check.
        let linked_right = links.get(k).is_some_and(Option::is_some);
        let linked_left = k > 0 && links[k - 1].is_some();
        // A cue after a Chinese name (鲁迅先生, 李鹏说) stands for an open left side; not
        // after a short foreign one, which may be the tail of a country (赞|比亚总统).
        let cued = !lx.known_foreign_short.contains(&sent[a..b]) && lx.name_cues.after_at(&sent[b..]);
        // The names between this one and the next read as names whatever this one is
        // (蔡子民廖晖|滕昭蓉…|薛驹: 廖晖's left side is another name).
        if let Some(Some(between)) = links.get(k) {
            out.extend(between);
        }
        if !(linked_left || cued || open_left(lx, sent, a, b)) || !(linked_right || ends_after(lx, sent, a, b)) {
            continue;
        }
        // A name that is also a word (汪洋, 万里) is the word unless a cue or a list says otherwise.
        if lx.known_wordlike.contains(&sent[a..b]) && !(cued || linked_left || linked_right) {
            continue;
        }
        out.push((a, b));
    }
    // Stretches that share a name may cut it differently: the longer reading stays.
    drop_overlapped(&mut out);
    out.into_iter()
        .map(|(a, b)| (s + a, s + b))
        .filter(|&(a, b)| !crate::overlaps_any(taken, a, b))
        .collect()
}

/// Could `sent[from..to]`, two known names and what stands between them, be part of a
/// list of Chinese names: Han characters, notes in brackets, 、, commas and spaces, at
/// most 30 characters? Transliterations with a middle dot end such a list: where they end
/// is for the known name to say (诺尔曼·白求恩|不远万里).
fn list_gap(sent: &str, from: usize, to: usize) -> bool {
    let gap = &sent[from..to];
    gap.chars().count() <= 30 && gap.chars().all(|c| is_han(c) || matches!(c, '(' | ')' | '、' | ',') || c.is_whitespace())
}

/// Two-character names are often words too (万里, 乔石): they need an open left side: the
/// start, a delimiter, a preposition, a title (国务委员罗干), or an everyday word that ends
/// right before a name that no word covers (举行|李鹏, 所以|包公; not 白俄罗斯).
fn open_left(lx: &Lexicon, sent: &str, a: usize, b: usize) -> bool {
    name_chars(&sent[a..b]) > 2
        || sent[..a].chars().next_back().is_none_or(|c| is_delimiter(c) || OPEN_LEFT.contains(c))
        || lx.posts.ends(&sent[..a])
        || (crate::words::word_ends_at(sent, a) && !crate::words::word_covers(sent, a, b))
}

/// A two-character name may be the start of a longer one (李鹏 in 李鹏飞, 王维 in 王维澄,
/// 克里 in 克里姆林宫): a given-name character (any character after a foreign name) that
/// follows it must be a word that ends names.
fn ends_after(lx: &Lexicon, sent: &str, a: usize, b: usize) -> bool {
    if name_chars(&sent[a..b]) > 2 {
        return true;
    }
    let rest = &sent[b..];
    let foreign = lx.known_foreign_short.contains(&sent[a..b]);
    match rest.chars().next() {
        Some(c) if is_han(c) && (foreign || lx.name_cues.given.contains(c)) => {
            ends_name(lx, rest) || lx.name_cues.after_at(rest) || AFTER_NAME.contains(c) || word_follows(sent, a, b)
        }
        _ => true,
    }
}

/// Does an everyday word of two characters or more start at byte `b`, after a name that
/// no word runs out of (包公|赶驴, 包公|见义勇为; not 包公断案: 公断 is a word, nor 加利福尼亚)?
fn word_follows(sent: &str, a: usize, b: usize) -> bool {
    !crate::words::words_explain(sent, a, b)
        && sent[b..].char_indices().skip(2).map(|(k, _)| b + k).chain([sent.len()]).take(3).any(|e| crate::words::is_everyday_word(&sent[b..e]))
}

fn name_chars(name: &str) -> usize {
    name.chars().filter(|&c| c != '·').count()
}

/// Characters that may follow a name directly (等, 一行, 夫人, 总统, 在, 对, 致辞 …).
const AFTER_NAME: &str = "等一夫总主首国在于对向与和同的也还又就都致";

/// Between two known names of one list (or over a whole list), `sent[from..to]` holds
/// names only when every run of it reads as names (习仲勋|彭冲叶飞, 王兆国|王志武王启人|乔石,
/// see [`split_run`]). Notes such as (女) or (藏族) after a name, 、, commas and spaces
/// separate runs. Anything else: no names, and no link.
fn names_between(lx: &Lexicon, sent: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        let gap = &sent[at..to];
        // The next separator: a note in brackets, 、, a comma or a space.
        let sep = gap.char_indices().find(|&(_, c)| matches!(c, '(' | '、' | ',') || c.is_whitespace());
        let (run_end, next) = match sep {
            Some((k, '(')) => match gap[k..].find(')') {
                Some(c) if gap[k..k + c].chars().count() <= 7 => (at + k, at + k + c + 1),
                _ => return Vec::new(),
            },
            Some((k, c)) => (at + k, at + k + c.len_utf8()),
            None => (to, to),
        };
        match split_run(lx, sent, at, run_end) {
            Some(names) => out.extend(names),
            None => return Vec::new(),
        }
        at = next;
    }
    out
}

/// The names of a run of names standing alone (a byline of two authors, 田岚李金平; a
/// letter's signature after its place, 安丘市王培增王志坚): the list reading of
/// [`split_run`], with usual given-name characters in every name the lexicon does not know.
pub(crate) fn names_of_run(lx: &Lexicon, text: &str, a: usize, b: usize) -> Option<Vec<(usize, usize)>> {
    let names = split_run(lx, text, a, b)?;
    let usual = |&(x, y): &(usize, usize)| {
        let name = &text[x..y];
        lx.known_persons.find(name).any(|(p, q, _)| p == 0 && q == name.len())
            || lx.surnames.prefix_len(name).is_some_and(|sl| name.chars().skip(sl).all(|c| lx.name_cues.given.contains(c)))
    };
    names.iter().all(usual).then_some(names)
}

/// The names of a run `sent[a..b]` inside a list, or None: the best reading of the run
/// as names that each open with a surname (丁文昌|于珍|于永波), or hold a middle dot
/// (克尤木·巴吾东). Readings are scored like a name model would: three characters are the
/// usual length, two less so, four only after a two-character surname; a given-name
/// character that names seldom use costs more; a known name is worth more than any.
fn split_run(lx: &Lexicon, sent: &str, a: usize, b: usize) -> Option<Vec<(usize, usize)>> {
    let run = &sent[a..b];
    if run.chars().any(|c| !(is_han(c) || c == '·')) || run.starts_with('·') {
        return None;
    }
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| a + i).chain([b]).collect();
    let chars: Vec<char> = run.chars().collect();
    let n = chars.len();
    if n == 0 {
        return Some(Vec::new());
    }
    // best[k]: score and previous cut of the best reading of the first k characters.
    let mut best: Vec<Option<(i32, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for k in 0..n {
        let Some((score, _)) = best[k] else { continue };
        for (len, piece_score) in pieces(lx, sent, &starts, &chars, k) {
            let total = score + piece_score;
            if best[k + len].is_none_or(|(s, _)| total > s) {
                best[k + len] = Some((total, k));
            }
        }
    }
    best[n]?;
    let mut names = Vec::new();
    let mut k = n;
    while k > 0 {
        let (_, from) = best[k]?;
        names.push((starts[from], starts[k]));
        k = from;
    }
    names.reverse();
    Some(names)
}

/// The names that may start at character `k` of a run, as (length in characters, score).
fn pieces(lx: &Lexicon, sent: &str, starts: &[usize], chars: &[char], k: usize) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    let n = chars.len();
    let at = &sent[starts[k]..];
    let given_cost = |from: usize, to: usize| -> i32 {
        chars[from..to].iter().filter(|&&c| !lx.name_cues.given.contains(c)).count() as i32 * 3
    };
    let accept = |len: usize| !crate::titles::is_not_a_name(lx, &sent[starts[k]..starts[k + len]]);
    // The known name that starts here, whatever its shape (江村罗布, 乌云其木格).
    let window = &sent[starts[k]..starts[n.min(k + 8)]];
    let known = lx.known_persons.find(window).next().filter(|&(x, _, _)| x == 0).map(|(_, y, _)| window[..y].chars().count());
    if let Some(len) = known {
        out.push((len, 5));
    }
    if let Some(sl) = lx.surnames.prefix_len(at) {
        for given in 1..=2 {
            let len = sl + given;
            if k + len > n || chars[k..k + len].contains(&'·') || !accept(len) {
                continue;
            }
            if known == Some(len) {
                continue;
            }
            // Three characters are the usual length; surname + one character next.
            let score = match len {
                3 => 3,
                2 => 1,
                _ => 2,
            } - given_cost(k + sl, k + len);
            out.push((len, score));
        }
    }
    // A transliterated name with one middle dot: two parts of one to eight characters.
    if let Some(dot) = chars[k..n.min(k + 9)].iter().position(|&c| c == '·') {
        if dot > 0 {
            for tail in 1..=8 {
                let len = dot + 1 + tail;
                if k + len > n || chars[k + dot + 1..k + len].contains(&'·') {
                    break;
                }
                // Each part of a transliteration is seldom longer than four characters.
                out.push((len, 1 - 2 * (dot.saturating_sub(4) + tail.saturating_sub(4)) as i32));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::test_persons as persons;

    #[test]
    fn known_names_without_a_title() {
        assert_eq!(persons("会上重温了邓小平的讲话。"), ["邓小平"]);
        assert_eq!(persons("部长首先向李鹏汇报了工作。"), ["李鹏"]);
    }

    #[test]
    fn names_heading_a_prize_are_eponyms() {
        let text = "他获得了鲁迅文学奖和孙中山奖。";
        let r = crate::recognise(crate::Lexicon::builtin(), text, &cadre_normalise::split_sentences(text));
        assert!(r.persons.is_empty());
        let names: Vec<&str> = r.eponyms.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(names, ["鲁迅", "孙中山"]);
    }

    #[test]
    fn names_run_together_in_a_list() {
        // Two- and three-character names and a dotted one between known names.
        assert_eq!(
            persons("委员:李鹏乔石丁文昌于珍于永波克尤木·巴吾东李瑞环"),
            ["李鹏", "乔石", "丁文昌", "于珍", "于永波", "克尤木·巴吾东", "李瑞环"]
        );
        // Words between two names are no names.
        assert_eq!(persons("李鹏主持会议江泽民出席。"), ["李鹏", "江泽民"]);
        // A known name re-cut by the list (李希 is known; the list reads 李希林), and names
        // parted by spaces.
        assert_eq!(persons("李伯勇李希林李际均李其炎"), ["李伯勇", "李希林", "李际均", "李其炎"]);
        // Names between two known ones, whatever stands before the first (蔡子民).
        assert_eq!(persons("蔡子民廖晖滕昭蓉(女,苗族)滕藤颜龙安薛驹"), ["蔡子民", "廖晖", "滕昭蓉", "滕藤", "颜龙安", "薛驹"]);
        // A gap that reads as no name (丹增 alone) ends the stretch, not the list.
        assert_eq!(
            persons("王忠禹王学萍王荣生王思齐王梦奎王维澄王朝文毛致用丹增乌力吉"),
            ["王忠禹", "王学萍", "王荣生", "王思齐", "王梦奎", "王维澄", "王朝文", "毛致用", "乌力吉"]
        );
        assert_eq!(persons("委员:李鹏 乔石 丁文昌 王占 于珍 于永波"), ["李鹏", "乔石", "丁文昌", "王占", "于珍", "于永波"]);
    }

    #[test]
    fn titles_between_known_names_are_no_names() {
        // 王子 is a title, not part of the name, and 王子和 no name between two names.
        assert_eq!(persons("威廉王子和哈里王子出席。"), ["威廉", "哈里"]);
        assert_eq!(persons("查尔斯王子访问了香港。"), ["查尔斯"]);
    }

    #[test]
    fn not_inside_a_doctrine_or_a_longer_name() {
        assert!(persons("坚持以邓小平理论为指导。").is_empty());
        assert!(persons("村民李鹏飞昨天来了。").iter().all(|n| n != "李鹏"));
        // An everyday word after the name ends it, unless a word runs out of the name.
        assert_eq!(persons("于是包公进一步查访。"), ["包公"]);
        assert!(persons("会见了加利福尼亚州州长。").is_empty());
        // A Japanese family name (平田) found by the same scan hides no known name.
        assert_eq!(persons("委员:王忠禹田成平田曾佩乔石"), ["王忠禹", "田成平", "田曾佩", "乔石"]);
        assert!(persons("漫步在莫斯科的高尔基大街上。").is_empty());
    }

    #[test]
    fn two_character_names_need_an_open_left_side() {
        // 万里 is a name and a word: 鹏程万里 is the word.
        assert!(persons("祝愿大家鹏程万里。").is_empty());
        assert_eq!(persons("会见时,万里说,"), ["万里"]);
        // A name that is also a word needs a cue: 汪洋 here is the water.
        assert!(persons("村庄成为一片汪洋,在汪洋中救人。").is_empty());
        // A cue after a Chinese name opens it; the tail of a country before a title is none.
        assert_eq!(persons("使人想起鲁迅先生的话。"), ["鲁迅"]);
        assert!(persons("会见赞比亚总统。").is_empty());
        // A word that ends before the name opens it, unless a word covers the name.
        assert_eq!(persons("年会在京举行李鹏致开幕词。"), ["李鹏"]);
        assert_eq!(persons("所以包公的戏受欢迎。"), ["包公"]);
        assert!(persons("白俄罗斯。").is_empty());
        assert!(persons("如何维护地区和平。").is_empty());
    }

    #[test]
    fn short_foreign_names_need_a_word_that_ends_names() {
        assert_eq!(persons("他同普京举行会谈。"), ["普京"]);
        assert!(persons("代表团在克里姆林宫参观。").is_empty());
        // A place wins over a name it overlaps.
        assert!(persons("来自江华瑶族自治县的代表发言。").is_empty());
        // Not over a name that holds a place whole.
        assert_eq!(persons("纪念孙中山先生诞辰。"), ["孙中山"]);
    }

    #[test]
    fn names_run_together_vouch_for_each_other() {
        // A list whose separators were lost: two known names and an unknown one between.
        assert_eq!(persons("出席的有王兆国张明华乔石。"), ["王兆国", "张明华", "乔石"]);
        // Several unknown names, and notes after names.
        assert_eq!(
            persons("出席的有王兆国(回族)李明华张建国(女)乔石。"),
            ["王兆国", "李明华", "张建国", "乔石"]
        );
        // A known name inside a longer one of the list (王维 in 王维澄) is no member.
        assert!(!persons("出席的有王兆国王维澄乔石。").contains(&"王维".to_string()));
        // A gap that is not names breaks the link.
        assert!(!persons("王兆国会见了来宾乔石。").contains(&"会见了来宾".to_string()));
    }
}
