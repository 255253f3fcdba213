//! Title chains and the names they introduce: `广东省委副书记、深圳市委书记孟凡利`.
//!
//! A title is `[region|body] post`; titles joined by `、` or `兼` form a chain, and the
//! name after the last title holds every office of the chain. A title without its
//! region takes the one the sentence or the document makes unambiguous.

use crate::gazetteer::{Level, RegionMention};
use cadre_normalise::is_han;
use crate::lexicon::{CharSet, Lexicon, WordList};
use std::sync::OnceLock;
use crate::names::{is_delimiter, read_byline, read_name, Trust};
use crate::posts::{Posts, Scope};
use crate::{Found, NameMention, TitleOffice};

pub(crate) struct TitledName {
    pub name: String,
    pub mention: NameMention,
    pub offices: Vec<TitleOffice>,
}

/// A title as read, before its jurisdiction is settled.
#[derive(Debug, Clone)]
struct RawTitle {
    start: usize,
    end: usize,
    post: String,
    scope: Scope,
    body: String,
    region: Option<usize>,
    org: Option<String>,
}

/// Words that end a body's name when reading it backwards from a post (会见了X董事长).
fn org_stops() -> &'static crate::lexicon::WordList {
    static SET: std::sync::OnceLock<crate::lexicon::WordList> = std::sync::OnceLock::new();
    SET.get_or_init(|| crate::lexicon::WordList::new(ORG_STOPS))
}
const ORG_STOPS: &[&str] = &["会见了", "会见", "陪同", "出席", "参加", "以及", "了", "的", "与", "和", "同", "及", "对", "向", "在", "由", "是", "等", "为", "原", "时任", "曾任", "任", "现任"];

pub(crate) fn titled_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    si: usize,
    regions: &[&RegionMention],
    home: Option<usize>,
) -> Vec<TitledName> {
    let g = &lx.gazetteer;
    let sent = &text[s..e];
    let posts: Vec<_> = lx
        .posts
        .find(sent)
        .into_iter()
        .map(|mut p| {
            p.start += s;
            p.end += s;
            p
        })
        .collect();
    let mut out = Vec::new();
    let mut chain: Vec<RawTitle> = Vec::new();
    // Regions written in titles of this sentence, most recent last.
    let mut explicit: Vec<usize> = Vec::new();
    let mut prev_body: Option<(String, Option<usize>, Option<String>)> = None;

    for (pi, p) in posts.iter().enumerate() {
        let entry = lx.posts.entry(p);
        let mut raw = RawTitle {
            start: p.start,
            end: p.end,
            post: entry.post.clone(),
            scope: entry.scope,
            body: entry.body.clone(),
            region: None,
            org: None,
        };
        // A post word that starts inside a short form is part of a word: 贵州|长期.
        // (秀山县|县政府副县长 is a title: the short form ends where a county's post begins.)
        if regions.iter().any(|m| m.short && m.start < p.start && m.end > p.start && !entry.scope.fits(g.get(m.region()))) {
            continue;
        }
        if entry.word.ends_with('长') && ["期", "远", "效", "足", "久", "度", "寿", "短"].iter().any(|w| text[p.end..e].starts_with(w)) {
            continue;
        }
        // A title word that runs into a word (主席台, 主席团, 委员会) is no title.
        if let Some(c) = text[p.end..e].chars().next().filter(|&c| is_han(c)) {
            if crate::words::is_dictionary_word(&text[p.start..p.end + c.len_utf8()]) {
                continue;
            }
        }
        // Region written right before (or overlapping) the post word; 天津原市委书记 names
        // a former office of the region.
        let former = |m: &&&RegionMention| m.end + "原".len() == p.start && text[m.end..p.start] == *"原";
        if let Some(m) = regions.iter().rev().find(|m| (m.start < p.start && m.end >= p.start && m.end <= p.end) || former(m)) {
            let mut first = m.start;
            // 四川省巴中市市委书记: walk back over adjacent regions.
            while let Some(prev) = regions.iter().find(|r| r.end == first) {
                first = prev.start;
            }
            if text[..first].ends_with("中共") {
                first -= "中共".len();
            }
            let pick = m
                .candidates
                .iter()
                .copied()
                .find(|&c| entry.scope.fits(g.get(c)))
                .unwrap_or(m.region());
            raw.start = first;
            raw.region = Some(pick);
        } else if matches!(entry.scope, Scope::Region | Scope::Org | Scope::Central) {
            let org = org_before(lx, text, s, p.start)
                .filter(|(_, o)| entry.scope != Scope::Central || lx.countries.ends(o));
            if let Some((start, name)) = org {
                raw.start = start;
                raw.region = regions.iter().find(|m| m.start == start).map(|m| m.region());
                raw.org = Some(name);
            }
        }
        // Chain: titles joined by 、 or 兼 (or nothing) share the name that follows.
        if let Some(last) = chain.last() {
            let gap = &text[last.end..raw.start];
            if !(gap.is_empty() || gap == "、" || gap == "兼" || gap == ",") {
                chain.clear();
            }
        }
        chain.push(raw);

        let next_start = posts.get(pi + 1).map(|n| n.start);
        let after = &text[p.end..e];
        let continues = match next_start {
            Some(ns) => {
                let gap = &text[p.end..ns];
                gap.is_empty() || gap == "、" || gap == "兼" || gap == "," || org_gap(lx, gap)
            }
            None => false,
        };
        if continues && !name_then_title(lx, after, next_start.unwrap() - p.end) {
            continue;
        }
        // A body of a foreign state (俄罗斯国防部长): its holders carry transliterated names.
        let foreign = chain.iter().any(|t| t.org.as_ref().is_some_and(|o| lx.countries.starts(o)))
            || matches!(entry.word.as_str(), "总统" | "副总统" | "首相" | "国王" | "女王" | "王储" | "总督" | "议长");
        let trust = if foreign { Trust::Foreign } else { Trust::Title };
        // 调任河南省委副书记的陈润儿: the title describes the name after 的.
        let (skip, name_len) = match read_name(lx, after, trust) {
            Some(n) => (0, Some(n)),
            None if after.starts_with('的') => (3, read_name(lx, &after[3..], Trust::Strict)),
            None => (0, None),
        };
        // A known name the reader cut short at a character that often ends names
        // (总理周恩|来誉为): the lexicon knows where it ends.
        let name_len = name_len.map(|n| {
            let rest = crate::window(&after[skip..], 0, 8);
            lx.known_persons.find(rest).next().filter(|&(a, b, _)| a == 0 && b > n).map_or(n, |(_, b, _)| b)
        });
        let Some(n) = name_len else {
            // 克雷蒂安总理, 克林顿总统: a transliterated name before a bare title is a
            // foreign person; the title alone names no office (whose premier?).
            let bare = chain.len() == 1 && chain[0].org.is_none() && chain[0].region.is_none();
            let foreign_name = if bare && FOREIGN_TITLES.contains(&entry.word.as_str()) {
                foreign_name_before(lx, text, s, p.start)
            } else {
                None
            };
            if let Some((a, b)) = foreign_name {
                out.push(TitledName {
                    name: text[a..b].to_string(),
                    mention: NameMention { start: a, end: b, sentence: si, found: Found::NameBeforeTitle },
                    offices: Vec::new(),
                });
            } else if chain.len() == 1 && matches!(entry.word.as_str(), "总书记" | "主席" | "总理") {
                // 习近平总书记, 习近平主席: the name before the title.
                if let Some((a, b)) = name_before(lx, text, s, p.start) {
                    let mut t = chain[0].clone();
                    t.start = p.start;
                    t.org = None;
                    t.region = None;
                    if entry.word == "主席" {
                        t.post = "state_president".into();
                        t.scope = Scope::Central;
                    }
                    let office = settle(lx, text, &t, si, &mut explicit, &mut prev_body, regions, home);
                    out.push(TitledName {
                        name: text[a..b].to_string(),
                        mention: NameMention { start: a, end: b, sentence: si, found: Found::NameBeforeTitle },
                        offices: vec![office],
                    });
                }
            } else if chain.len() == 1
                && chain[0].org.is_none()
                && chain[0].region.is_none()
                && matches!(entry.word.as_str(), "委员长" | "副主席" | "副总理" | "书记" | "部长" | "总统" | "首相" | "院长" | "副委员长")
            {
                // 李鹏委员长, 叶利钦总统: a name before a bare title is a person; the title
                // alone says too little for an office.
                if let Some((a, b)) = name_before(lx, text, s, p.start).filter(|(a, b)| b - a >= 9) {
                    out.push(TitledName {
                        name: text[a..b].to_string(),
                        mention: NameMention { start: a, end: b, sentence: si, found: Found::NameBeforeTitle },
                        offices: Vec::new(),
                    });
                }
            }
            chain.clear();
            continue;
        };
        let (a, b) = (p.end + skip, p.end + skip + n);
        let name = &text[a..b];
        if is_not_a_name(lx, name) {
            chain.clear();
            continue;
        }
        let offices: Vec<TitleOffice> = chain
            .drain(..)
            .map(|t| settle(lx, text, &t, si, &mut explicit, &mut prev_body, regions, home))
            .collect();
        // 省委专职副书记石泰峰、胡和平、于伟国: the names of a list share the title.
        let mut end = b;
        while text[end..e].starts_with('、') {
            let at = end + '、'.len_utf8();
            let Some(n) = read_name(lx, &text[at..e], Trust::Strict) else { break };
            if is_not_a_name(lx, &text[at..at + n]) {
                break;
            }
            out.push(TitledName {
                name: text[at..at + n].to_string(),
                mention: NameMention { start: at, end: at + n, sentence: si, found: Found::Title },
                offices: offices.clone(),
            });
            end = at + n;
        }
        out.push(TitledName {
            name: name.to_string(),
            mention: NameMention { start: a, end: b, sentence: si, found: Found::Title },
            offices,
        });
    }
    // NAME同志: 以习近平同志为核心
    let mut from = 0;
    while let Some(k) = if sent.contains('志') { sent[from..].find("同志") } else { None } {
        let at = s + from + k;
        if let Some((a, b)) = name_before(lx, text, s, at) {
            if !out.iter().any(|t| t.mention.start == a) {
                out.push(TitledName {
                    name: text[a..b].to_string(),
                    mention: NameMention { start: a, end: b, sentence: si, found: Found::NameBeforeTitle },
                    offices: Vec::new(),
                });
            }
        }
        from += k + "同志".len();
    }
    out
}

/// Between two titles of one chain: a body's name that belongs to the second title
/// (党委书记、中国化工集团党委书记): no delimiter other than 、.
fn org_gap(lx: &Lexicon, gap: &str) -> bool {
    gap.starts_with('、') && gap[3..].chars().all(|c| !is_delimiter(c)) && !lx.boundaries.word_at(&gap[3..])
}

/// 市长黄强在: is what follows `after` a name and then the next title? Then the chain ends here.
fn name_then_title(lx: &Lexicon, after: &str, next_at: usize) -> bool {
    read_name(lx, after, Trust::Title).is_some_and(|n| n <= next_at && after[n..next_at].starts_with([',', '、']))
}

pub(crate) fn is_not_a_name(lx: &Lexicon, name: &str) -> bool {
    let g = &lx.gazetteer;
    if g.is_name(name) || lx.posts.starts_at(name) {
        return true;
    }
    // 应该, 严格, 余万元: a common word, or a name candidate that begins with one.
    let two = &name[..name.char_indices().nth(2).map_or(name.len(), |(i, _)| i)];
    if lx.not_names.contains(name) || lx.not_name_prefixes.contains(two) {
        return true;
    }
    // 部门负责同志, 有关领导: the tail of a body and a word for its officials.
    if name.chars().count() > 2 && ["负责", "领导", "干部", "代表"].iter().any(|w| name.ends_with(w)) {
        return true;
    }
    // An adverb before its verb (高兴地说, 郑重地说道): a word and 地.
    if let Some(word) = name.strip_suffix('地').filter(|w| w.chars().count() == 2) {
        if crate::words::is_everyday_word(word) {
            return true;
        }
    }
    // A country, or a word-like surname before one (应|美国总统, 但|英国; 朱英国 is a name).
    let word_like = |c: char| lx.name_cues.ambiguous_surname.contains(c) || lx.boundaries.is_single(c);
    lx.countries.contains(name)
        || (name.chars().next().is_some_and(word_like) && name.chars().count() > 2 && lx.countries.ends(name))
        || matches!(
            name,
            "一行" | "同志" | "本人" | "等人" | "人员" | "代表" | "领导" | "班子" | "职务" | "人选" | "期间" | "任内" | "一职"
                | "阁下" | "来华" | "干部" | "任上" | "先生" | "女士" | "夫人" | "主任" | "书记"
        )
}

/// Reads a body's name backwards from a post: `招商局集团` in `招商局集团董事长`.
fn org_before(lx: &Lexicon, text: &str, s: usize, at: usize) -> Option<(usize, String)> {
    let before = &text[s..at];
    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        if is_delimiter(c) && !matches!(c, '(' | ')' | '（' | '）') {
            break;
        }
        start = s + i;
        if at - start > 60 {
            break;
        }
    }
    let mut org = &text[start..at];
    // Cut at the last stop word: 会见了奇瑞汽车股份有限公司 → 奇瑞汽车股份有限公司.
    let mut cut = org_stops().find(org).map(|(_, b, _)| b).last().unwrap_or(0);
    // A title before it belongs to someone else's chain: 党组书记、董事长.
    for p in lx.posts.find(org) {
        if p.end <= org.len() && !org[p.end..].is_empty() {
            cut = cut.max(p.end);
        }
    }
    org = &org[cut..];
    start += cut;
    let n = org.chars().count();
    (n >= 2).then(|| (start, org.to_string()))
}

/// A name written right before `at` (习近平 in 习近平总书记).
fn name_before(lx: &Lexicon, text: &str, s: usize, at: usize) -> Option<(usize, usize)> {
    let before = &text[s..at];
    // 俄罗斯第一副总理, 澳大利亚总理: what ends right before the title is no name when a
    // country's name runs into it.
    let inside_country = |from: usize| {
        let ends = before[from..].char_indices().skip(1).map(|(k, _)| k).chain([before.len() - from]);
        // A country ends k bytes into the candidate and began before it.
        ends.into_iter().any(|k| lx.countries.ending(&before[..from + k]).any(|len| len > k))
    };
    let chars: Vec<(usize, char)> = before.char_indices().rev().take(4).collect();
    for len in [3usize, 2] {
        if chars.len() < len {
            continue;
        }
        let (i, _) = chars[len - 1];
        let cand = &before[i..];
        if cand.chars().any(|c| is_delimiter(c) || lx.boundaries.is_single(c)) {
            continue;
        }
        // Nor a surname that ends a title (主席|登上).
        if lx.surnames.prefix_len(cand).is_some()
            && !lx.posts.ends(&text[..s + i + cand.chars().next().map_or(0, char::len_utf8)])
            && !is_not_a_name(lx, cand)
            && !lx.boundaries.word_at(cand)
            && !inside_country(i)
        {
            return Some((s + i, at));
        }
    }
    None
}

/// Titles that foreign persons carry in Chinese news, after their name (克林顿总统).
const FOREIGN_TITLES: &[&str] = &[
    "总统", "副总统", "总理", "副总理", "首相", "国王", "女王", "王子", "亲王", "王储", "外长", "外交部长", "国务卿", "议长",
    "总督", "大使", "秘书长", "主席", "部长", "防长", "国防部长", "王子", "亲王", "公主", "总干事", "司令",
];

/// A transliterated name of three to eight characters right before `at` (克雷蒂安总理):
/// every character is one of `data/translit_chars.txt`, the run is no country (俄罗斯总统)
/// and no common word, and what precedes it is not part of it.
fn foreign_name_before(lx: &Lexicon, text: &str, s: usize, at: usize) -> Option<(usize, usize)> {
    let before = &text[s..at];
    let mut start = at;
    let mut n = 0;
    for (i, c) in before.char_indices().rev() {
        if !(lx.translit.contains(c) || (c == '·' && n > 0)) || n == 8 {
            break;
        }
        start = s + i;
        n += 1;
    }
    let name = text[start..at].trim_start_matches('·');
    // A known name that ends the run is the name (感谢|克雷蒂安总理: 谢 is no part of it).
    let name = lx.known_persons.find(name).find(|&(_, b, _)| b == name.len()).map_or(name, |(a, _, _)| &name[a..]);
    let start = at - name.len();
    let chars = name.chars().filter(|&c| c != '·').count();
    if chars < 3 || lx.countries.ends(name) || is_not_a_name(lx, name) {
        return None;
    }
    Some((start, at))
}

/// Settles the jurisdiction and post of a title.
#[allow(clippy::too_many_arguments)]
fn settle(
    lx: &Lexicon,
    text: &str,
    t: &RawTitle,
    si: usize,
    explicit: &mut Vec<usize>,
    prev_body: &mut Option<(String, Option<usize>, Option<String>)>,
    regions: &[&RegionMention],
    home: Option<usize>,
) -> TitleOffice {
    let g = &lx.gazetteer;
    let title = text[t.start..t.end].to_string();
    let mut post = t.post.clone();
    let mut region = t.region;
    let mut jurisdiction: Option<String> = None;
    let mut rule = "title";
    let mut body = t.body.clone();

    if post.starts_with("inherit") {
        match prev_body.as_ref() {
            Some((b, r, org)) => {
                let b = if b == "other" { body_of_org(org.as_deref()).unwrap_or("other").to_string() } else { b.clone() };
                post = Posts::inherited(&post, &b);
                body = b;
                if region.is_none() && t.org.is_none() {
                    region = *r;
                    if region.is_none() {
                        jurisdiction = org.clone();
                    }
                }
                rule = "title-inherited-body";
            }
            None => {
                let b = body_of_org(t.org.as_deref()).unwrap_or("other");
                post = Posts::inherited(&post, b);
                body = b.to_string();
            }
        }
    }
    if t.scope == Scope::Central && t.org.as_deref().is_none_or(|o| !lx.countries.contains(o)) && region.is_none() {
        jurisdiction = Some("中央".into());
    } else if let Some(org) = t.org.as_ref().filter(|_| region.is_none() || t.scope == Scope::Org) {
        // A body's office: the body is the jurisdiction; controlled posts need a region.
        jurisdiction = Some(org.clone());
        if !body_is_regional(org) {
            post = "other".into();
        }
        region = None;
    } else if let Some(org) = t.org.as_ref() {
        if body_is_regional(org) {
            // 贵州省政协党组书记: a regional body's post belongs to the region.
            jurisdiction = Some(g.get(region.unwrap()).name.clone());
        } else {
            // 漳州开发区党委副书记: a body inside the region holds the post.
            jurisdiction = Some(org.clone());
            post = "other".into();
            region = None;
        }
    } else if region.is_none() && jurisdiction.is_none() && t.scope == Scope::Org {
        // 海南省政协主席、党组书记: a body's post after another title of the chain
        // belongs to the same region.
        region = prev_body.as_ref().and_then(|(_, r, _)| *r);
        rule = "title-chain-region";
    } else if region.is_none() && jurisdiction.is_none() {
        region = implicit_region(lx, t, explicit, regions, home);
        rule = "title-implicit-region";
    }
    if let Some(r) = region {
        jurisdiction = Some(g.get(r).name.clone());
        if t.org.is_none() {
            explicit.push(r);
        }
    }
    // The body's region carries over to 主席/副主任 after it even when the body holds the post.
    *prev_body = Some((body, region.or(t.region), t.org.clone()));
    TitleOffice { jurisdiction, region, post, title, start: t.start, end: t.end, sentence: si, rule }
}

fn body_of_org(org: Option<&str>) -> Option<&'static str> {
    let org = org?;
    if org.ends_with("政协") {
        Some("cppcc")
    } else if org.ends_with("人大常委会") || org.ends_with("人大") {
        Some("congress")
    } else if org.ends_with("政府") {
        Some("gov")
    } else {
        None
    }
}

/// Is `org` a region's own body (政协, 人大常委会, 政府), whose posts belong to the region?
pub fn body_is_regional(org: &str) -> bool {
    body_of_org(Some(org)).is_some()
}

/// The region a title without one refers to: the last region written in a title of the
/// same sentence that fits, else one named in the sentence, else the document's own.
fn implicit_region(
    lx: &Lexicon,
    t: &RawTitle,
    explicit: &[usize],
    regions: &[&RegionMention],
    home: Option<usize>,
) -> Option<usize> {
    let g = &lx.gazetteer;
    if matches!(t.scope, Scope::Central | Scope::Org) {
        return None;
    }
    let fits = |r: usize| t.scope.fits(g.get(r));
    // Walk up from r to the first ancestor that fits the scope (成都 → 四川省 for 省委书记).
    let lift = |r: usize| {
        let mut cur = Some(r);
        while let Some(c) = cur {
            if fits(c) {
                return Some(c);
            }
            cur = g.get(c).parent;
        }
        None
    };
    if let Some(&r) = explicit.iter().rev().find(|&&r| fits(r)) {
        return Some(r);
    }
    if t.scope == Scope::Region {
        return explicit.last().copied().or(home);
    }
    for m in regions.iter() {
        if let Some(r) = m.candidates.iter().copied().find(|&c| fits(c)) {
            return Some(r);
        }
    }
    for m in regions.iter() {
        if let Some(r) = lift(m.region()) {
            return Some(r);
        }
    }
    home.and_then(lift)
}

/// A line that holds nothing but a name of two or three characters (a compound surname
/// and two more), or two such names, is an author's line under a headline or at the end
/// of an article.
fn names_alone_on_their_line(lx: &Lexicon, text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let line_starts = text[..s].trim_end_matches([' ', '\t', '\u{3000}']).ends_with('\n') || text[..s].trim().is_empty();
    let line_ends = text[e..].trim_start_matches([' ', '\t', '\u{3000}']).starts_with('\n') || text[e..].trim().is_empty();
    if !line_starts || !line_ends {
        return Vec::new();
    }
    let sent = &text[s..e];
    let name = sent.trim();
    let at = s + (sent.len() - sent.trim_start().len());
    let Some(sl) = lx.surnames.prefix_len(name) else { return Vec::new() };
    let given: Vec<char> = name.chars().skip(sl).collect();
    let fits = (1..=2).contains(&given.len())
        && given.iter().all(|&c| lx.name_cues.given.contains(c) && !lx.boundaries.is_single(c))
        && !is_not_a_name(lx, name);
    if fits {
        return vec![(at, at + name.len())];
    }
    // Two authors on one line (田岚李金平): four to six characters that read as names.
    if (4..=6).contains(&name.chars().count()) && name.chars().all(cadre_normalise::is_han) && !crate::is_dictionary_word(name) {
        if let Some(names) = crate::known::names_of_run(lx, text, at, at + name.len()).filter(|n| n.len() >= 2) {
            return names;
        }
    }
    Vec::new()
}

/// Persons found without a title: bylines (记者 张三), 电(张三), lists after 领导.
pub(crate) fn untitled_names(
    lx: &Lexicon,
    text: &str,
    s: usize,
    e: usize,
    regions: &[&RegionMention],
) -> Vec<(usize, usize, Found)> {
    let sent = &text[s..e];
    let mut out = Vec::new();
    // Byline markers, all of them in one pass over the sentence.
    static BYLINE_MARKERS: OnceLock<WordList> = OnceLock::new();
    let markers = BYLINE_MARKERS.get_or_init(|| WordList::new(&["记者", "通讯员", "撰文", "文丨", "文|", "摄影", "文/"]));
    for (_, at, _) in markers.find(sent) {
        for (a, b) in read_byline(lx, &sent[at..]) {
            out.push((s + at + a, s + at + b, Found::Byline));
        }
    }
    for (a, b) in names_alone_on_their_line(lx, text, s, e) {
        out.push((a, b, Found::Byline));
    }
    // 新华社北京3月17日电(韦香惠)
    let mut from = 0;
    while let Some(k) = if sent.contains('电') { sent[from..].find("电(") } else { None } {
        let at = from + k + "电(".len();
        let names = read_byline(lx, &sent[at..]);
        if let Some(&(a, b)) = names.first() {
            if sent[at + b..].starts_with(')') && names.len() == 1 {
                out.push((s + at + a, s + at + b, Found::Byline));
            }
        }
        from = at;
    }
    // 市领导张琳光、兰万安
    let mut from = 0;
    while let Some(k) = if sent.contains('领') { sent[from..].find("领导") } else { None } {
        let mut at = from + k + "领导".len();
        let mut trust = Trust::Strict;
        loop {
            let Some(n) = read_name(lx, &sent[at..], trust) else { break };
            let name = &sent[at..at + n];
            if is_not_a_name(lx, name) {
                break;
            }
            out.push((s + at, s + at + n, Found::List));
            at += n;
            if sent[at..].starts_with('、') {
                at += '、'.len_utf8();
                trust = Trust::Title;
            } else {
                break;
            }
        }
        from = from + k + "领导".len();
    }
    // A name opening a clause before a verb of its own: 谭雪峰主持召开, 史志军任淮安市委书记,
    // 北京的苟仲文.
    let mut starts: Vec<usize> = vec![0];
    // The marks are ASCII or begin with 0xE2/0xE3 (、》“”): other bytes are not decoded.
    for (i, &b) in sent.as_bytes().iter().enumerate() {
        if matches!(b, b',' | b';' | b':' | b' ' | b'(' | b')') {
            starts.push(i + 1);
        } else if matches!(b, 0xE2 | 0xE3) && sent[i..].starts_with(['、', '》', '“', '”']) {
            starts.push(i + 3);
        }
    }
    for m in regions {
        if m.end <= e && text[m.end..e].starts_with('的') {
            starts.push(m.end - s + '的'.len_utf8());
        }
    }
    for at in starts {
        if at >= sent.len() {
            continue;
        }
        let Some(n) = read_name(lx, &sent[at..], Trust::Strict) else { continue };
        let name = &sent[at..at + n];
        let next = &sent[at + n..];
        let opens = next.chars().next().is_some_and(|c| clause_verb_firsts().contains(c)) && CLAUSE_VERBS.iter().any(|v| next.starts_with(v))
            || (sent[..at].ends_with('的') && next.starts_with([',', '、', '和', '。']));
        if opens && !is_not_a_name(lx, name) {
            out.push((s + at, s + at + n, Found::List));
        }
    }
    out
}

/// First characters of the [`CLAUSE_VERBS`]: most names are followed by none of them.
fn clause_verb_firsts() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| CharSet::first_chars(CLAUSE_VERBS.iter().copied()))
}

/// Verbs that, right after a clause-opening name, show it is a person's.
const CLAUSE_VERBS: &[&str] = &[
    "主持", "会见", "会晤", "出席", "率领", "率团", "率队", "带领", "调研", "考察", "视察", "表示", "指出", "强调",
    "任", "出任", "调任", "当选", "接任", "履新", "出生", "生于", "一行", "同志", "介绍", "陪同", "参加", "看望",
    "深入", "来到", "先后", "主政", "曾任", "历任", "现任", "说", "认为", "要求", "由", "代理", "被查",
];

/// The document's own region: its dateline (新华社北京3月17日电, 本报杭州讯) or outlet
/// (四川日报, 汉中日报讯). Returns (home, dateline).
pub(crate) fn home_region(
    lx: &Lexicon,
    text: &str,
    regions: &[RegionMention],
    sentences: &[(usize, usize)],
) -> (Option<usize>, Option<usize>) {
    let head_end = sentences.get(6).map_or(text.len(), |s| s.0);
    for m in regions.iter().filter(|m| m.start < head_end) {
        let before = &text[..m.start];
        let after = &text[m.end..];
        let after_date = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '月' || c == '日');
        let agency = before.ends_with("社") || before.ends_with("网");
        let paper = before.ends_with("本报") || before.ends_with("报");
        if (agency || paper) && (after_date.starts_with('电') || after_date.starts_with('讯')) {
            // A news agency's dateline places the story, but the agency's city is not the
            // region its untitled officials belong to (中新网北京…电 about Jiangsu).
            return (if paper { Some(m.region()) } else { None }, Some(m.region()));
        }
    }
    for m in regions {
        let after = &text[m.end..];
        if MEDIA.iter().any(|w| after.starts_with(w)) {
            return (Some(m.region()), None);
        }
    }
    // A county's outlet goes by the county's short form (来源:阜城宣传, 秀山电子报), which
    // the gazetteer does not find alone: the head's media names, completed to a county.
    let g = &lx.gazetteer;
    // The page head: its first 200 characters, navigation text included.
    let head = crate::window(text, 0, 200);
    // One walk over the head: most characters begin no media word.
    let media_at = head.char_indices().filter(|&(_, c)| media_may_begin(c)).map(|(at, _)| at);
    for at in media_at.filter(|&at| MEDIA.iter().any(|w| head[at..].starts_with(w))) {
        let before: Vec<(usize, char)> = head[..at].char_indices().rev().take(3).collect();
        for n in [2, 3] {
            let Some(&(from, _)) = before.get(n - 1) else { continue };
            if !before[..n].iter().all(|&(_, c)| is_han(c)) {
                continue;
            }
            let short = &head[from..at];
            // The full name or a short form (秀山县 for 秀山土家族苗族自治县).
            let county = ["县", "市", "区", "旗"].iter().find_map(|suffix| {
                let name = format!("{short}{suffix}");
                let whole = g.find(&name).into_iter().find(|m| m.start == 0 && m.end == name.len())?;
                whole.candidates.iter().copied().find(|&r| matches!(g.get(r).level, Level::County))
            });
            if let Some(r) = county {
                return (Some(r), None);
            }
        }
    }
    (None, None)
}

/// Words that follow the name of a region's outlet (广东日报, 阜城宣传).
const MEDIA: &[&str] = &["日报", "晚报", "电视台", "广播电视台", "新闻网", "融媒", "发布", "宣传", "卫视", "电子报"];

/// Can a word of [`MEDIA`] begin with `c`? (A match, not a walk over the list: it is
/// asked for every character of a page's head.)
fn media_may_begin(c: char) -> bool {
    matches!(c, '日' | '晚' | '电' | '广' | '新' | '融' | '发' | '宣' | '卫')
}

#[cfg(test)]
mod tests {
    use crate::{recognise, Lexicon};

    /// Names with the number of offices their titles give.
    fn persons(text: &str) -> Vec<(String, usize)> {
        let sentences = cadre_normalise::split_sentences(text);
        let r = recognise(Lexicon::builtin(), text, &sentences);
        r.persons.iter().map(|p| (p.name.clone(), p.offices.len())).collect()
    }

    #[test]
    fn a_known_name_after_a_title_is_read_whole() {
        // 来 often ends a name (王伟来访); 周恩来 is known.
        assert_eq!(crate::test_persons("新中国第一任总理周恩来誉为高原劲松。"), ["周恩来"]);
    }

    #[test]
    fn words_that_look_like_names_around_titles() {
        // 主席台 is a rostrum, and 席 of 主席 begins no name.
        assert_eq!(crate::test_persons("他邀请江泽民主席登上主席台发表演讲。"), ["江泽民"]);
        // An adverb before its verb; a word-like surname before a country.
        assert!(crate::test_persons("村民们看了电影,高兴地说,好。").is_empty());
        assert_eq!(crate::test_persons("江泽民是应美国总统克林顿的邀请访美的。"), ["江泽民", "克林顿"]);
    }

    #[test]
    fn every_media_word_may_begin_where_asked() {
        for w in super::MEDIA {
            assert!(super::media_may_begin(w.chars().next().unwrap()), "{w}");
        }
    }

    #[test]
    fn a_county_outlet_names_the_home_county() {
        let text = "来源:阜城宣传 | 发布时间:2021-01-06\n县委书记申文霞主持召开县委常委会。\n";
        let r = recognise(Lexicon::builtin(), text, &cadre_normalise::split_sentences(text));
        let g = &Lexicon::builtin().gazetteer;
        assert_eq!(r.home_region.map(|h| g.get(h).name.as_str()), Some("阜城县"));
        assert_eq!(r.persons[0].offices[0].jurisdiction.as_deref(), Some("阜城县"));
        // A short form of an autonomous county, through its alias (秀山县).
        let text = "秀山电子报\n县政府召开常务会议。\n";
        let r = recognise(Lexicon::builtin(), text, &cadre_normalise::split_sentences(text));
        assert_eq!(r.home_region.map(|h| g.get(h).name.as_str()), Some("秀山土家族苗族自治县"));
    }

    #[test]
    fn a_name_alone_on_its_line_is_an_author() {
        let text = "山村的路\n王志荣\n这条路修了十年。\n";
        let r = crate::recognise(Lexicon::builtin(), text, &cadre_normalise::split_sentences(text));
        assert_eq!(r.persons.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["王志荣"]);
        assert!(r.persons[0].byline);
        // Not a word that opens with a surname.
        assert!(crate::test_persons("前言\n方向\n").is_empty());
        assert_eq!(crate::test_persons("标题\n田岚李金平\n"), ["田岚", "李金平"]);
        assert!(crate::test_persons("\n高度重视\n").is_empty());
    }

    #[test]
    fn transliterated_name_before_a_foreign_title() {
        // The whole transliteration, not the tail that opens with a Chinese surname.
        assert_eq!(persons("总理说,欢迎克雷蒂安总理访华。"), [("克雷蒂安".to_string(), 0)]);
        // The run may take in the end of a word before it: a known name settles it.
        assert_eq!(persons("我感谢克雷蒂安总理的邀请。"), [("克雷蒂安".to_string(), 0)]);
        // After a foreign title, only a transliteration is a name.
        assert_eq!(persons("叶利钦总统乘专机抵达。"), [("叶利钦".to_string(), 0)]);
        // The tail of a country before a title is no name.
        assert!(persons("俄罗斯第一副总理抵京。").is_empty());
        assert!(persons("这位澳大利亚总理是谁。").is_empty());
        // A surname with a title is a form of address.
        assert!(persons("江主席出席午宴。").is_empty());
        // A country before a title is no name.
        assert!(persons("他会见了俄罗斯总统。").is_empty());
        // A Chinese name before 总理 keeps the office its title gives.
        assert_eq!(persons("李鹏总理出席。"), [("李鹏".to_string(), 1)]);
    }
}
