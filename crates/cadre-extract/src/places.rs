//! Where an event happened: the venue (在广州召开), the destination of a visit
//! (赴广东省深圳市、广州市), a one-character province (来粤考察), the dateline.

use cadre_recognise::{Gazetteer, Level, Lexicon, RegionMention, Scope};

/// Words before a region that make it the place of what follows.
const AT: &[&str] = &["在", "于"];
/// Words of motion before a visit's destination (赴广东, 来到深圳).
const TO: &[&str] = &["赴", "到", "来", "前往", "抵达", "抵", "深入", "走进", "莅临", "来到", "奔赴", "至"];
/// Inspection words right before a region (视察广西时): its destination when no word of
/// motion names one (贯彻…视察安徽重要讲话,…前往上海: 上海).
const INSPECT: &[&str] = &["视察", "考察"];

fn regions_in<'a>(regions: &'a [RegionMention], s: usize, e: usize) -> Vec<&'a RegionMention> {
    crate::starting_in(regions, s, e, |m| m.start).iter().filter(|m| m.end <= e).collect()
}

/// Regions in a run that starts right after a marker: `广东省深圳市、广州市`.
fn run_after<'a>(text: &str, ms: &[&'a RegionMention], first: usize) -> Vec<&'a RegionMention> {
    let mut out = vec![ms[first]];
    let mut end = ms[first].end;
    for m in &ms[first + 1..] {
        let gap = &text[end..m.start];
        if gap.is_empty() || gap == "、" || gap == "和" || gap == "及" {
            out.push(m);
            end = m.end;
        } else {
            break;
        }
    }
    out
}

fn preceded_by(text: &str, at: usize, words: &[&str]) -> bool {
    words.iter().any(|w| text[..at].ends_with(w))
}

/// The most specific single region that covers a run of regions: a chain
/// (浙江省舟山市) gives its most specific member, siblings their common ancestor.
pub fn cover(g: &Gazetteer, rs: &[usize]) -> Option<usize> {
    let mut rs: Vec<usize> = rs.to_vec();
    rs.dedup();
    // Drop regions that contain another one of the run (浙江省 above 舟山市).
    let specific: Vec<usize> =
        rs.iter().copied().filter(|&r| !rs.iter().any(|&o| o != r && g.within(o, r))).collect();
    match specific.len() {
        0 => None,
        1 => Some(specific[0]),
        _ => g.common_ancestor(&specific),
    }
}

/// The venue of a sentence: the region after 在/于 (the first such run).
pub fn venue(lx: &Lexicon, text: &str, regions: &[RegionMention], s: usize, e: usize) -> Option<usize> {
    let ms = regions_in(regions, s, e);
    for (i, m) in ms.iter().enumerate() {
        if preceded_by(text, m.start, AT) && !starts_title(lx, text, m) {
            let run: Vec<usize> = run_after(text, &ms, i).iter().map(|m| m.region()).collect();
            return cover(&lx.gazetteer, &run);
        }
    }
    None
}

/// 在广东省委书记…见证下: the region begins a title, not a place.
pub(crate) fn starts_title(lx: &Lexicon, text: &str, m: &RegionMention) -> bool {
    let from = m.start;
    let to = text[m.end..].char_indices().nth(8).map_or(text.len(), |(i, _)| m.end + i);
    lx.posts.find(&text[from..to]).first().is_some_and(|p| from + p.start <= m.end)
}

/// The destination of a visit: regions after 赴/到/来/前往…, or 来粤/赴桂.
pub fn destination(lx: &Lexicon, text: &str, regions: &[RegionMention], s: usize, e: usize) -> Option<usize> {
    let ms = regions_in(regions, s, e);
    for words in [TO, INSPECT] {
        for (i, m) in ms.iter().enumerate() {
            if preceded_by(text, m.start, words) {
                let run: Vec<usize> = run_after(text, &ms, i).iter().map(|m| m.region()).collect();
                return cover(&lx.gazetteer, &run);
            }
        }
    }
    abbreviated(lx, &text[s..e], regions)
}

/// 来粤考察, 赴桂, 在粤期间: a one-character province after a motion word; or the first
/// character of a city or county the document names in full (来石开展调研 where 石狮市
/// stands in the text, 来秀对接 with 秀山县).
pub fn abbreviated(lx: &Lexicon, sent: &str, regions: &[RegionMention]) -> Option<usize> {
    let g = &lx.gazetteer;
    let chars: Vec<char> = sent.chars().collect();
    for w in chars.windows(3) {
        if !matches!(w[0], '来' | '赴' | '在' | '抵' | '入' | '访') {
            continue;
        }
        // The next character must not continue a word (在新 is not Xinjiang).
        if !matches!(w[2], '考' | '调' | '访' | '期' | '交' | '学' | '参' | '出' | '工' | '投' | '开' | '对' | ',' | '。' | '、' | '的') {
            continue;
        }
        if let Some(r) = g.abbrev(w[1]) {
            return Some(r);
        }
        let local = regions.iter().map(|m| m.region()).find(|&r| {
            let region = g.get(r);
            region.level != Level::Province && region.name.starts_with(w[1])
        });
        if local.is_some() {
            return local;
        }
    }
    None
}

/// 到我区考察, 来我市: the document's own region of that level, read from the titles of
/// the document's officials (西青区委书记 → 西青区) or its outlet.
pub fn our_region(lx: &Lexicon, rec: &cadre_recognise::Recognition, sent: &str) -> Option<usize> {
    let g = &lx.gazetteer;
    if !sent.contains('我') {
        return None;
    }
    let level = ["我省", "我市", "我区", "我县", "我州"].iter().position(|w| {
        sent.find(w).is_some_and(|k| TO.iter().chain(AT).any(|t| sent[..k].ends_with(t)))
    })?;
    let scope = [Scope::Province, Scope::City, Scope::District, Scope::County, Scope::Prefecture][level];
    rec.persons
        .iter()
        .flat_map(|p| p.offices.iter())
        .filter_map(|o| o.region)
        .chain(rec.home_region)
        .find(|&r| scope.fits(g.get(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        let lx = Lexicon::builtin();
        let g = &lx.gazetteer;
        let t = "广西党政代表团赴广东省深圳市、广州市学习调研";
        let rs = g.find(t);
        assert_eq!(g.get(destination(lx, t, &rs, 0, t.len()).unwrap()).name, "广东省");
        let t = "达州市党政代表团赴浙江省舟山市考察学习";
        let rs = g.find(t);
        assert_eq!(g.get(destination(lx, t, &rs, 0, t.len()).unwrap()).name, "舟山市");
        let t = "贵州省党政代表团来粤考察交流";
        let rs = g.find(t);
        assert_eq!(g.get(destination(lx, t, &rs, 0, t.len()).unwrap()).name, "广东省");
        let t = "泉州市、石狮市有关领导参加。省调研组来石开展调研";
        let rs = g.find(t);
        assert_eq!(g.get(destination(lx, t, &rs, 0, t.len()).unwrap()).name, "石狮市");
        let t = "两省区在广州召开会议";
        let rs = g.find(t);
        assert_eq!(g.get(venue(lx, t, &rs, 0, t.len()).unwrap()).name, "广州市");
    }
}
