//! Appointments and removals: `史志军任淮安市委书记`, `2021年7月,他出任淮安市委副书记、代市长`,
//! `调任河南省委副书记的陈润儿`, `免去其领导职务`.
//!
//! Each office named after the verb is one event for the subject: the name right
//! before the verb, the name after `…的`, or for 他/其 the person last named.
//! Undated career lists (曾任, 历任, 时任) give offices, not events.

use cadre_model::{EventType, Office};
use cadre_recognise::{Lexicon, Scope};
use cadre_time::TimeValue;

use crate::Doc;

/// One appointment or removal, with the office it concerns.
#[derive(Debug, Clone)]
pub struct CareerStep {
    pub kind: EventType,
    pub person: usize,
    pub office: Office,
    pub date: Option<TimeValue>,
    pub sentence: usize,
    /// Byte range of the verb and its titles.
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// False for offices read from a career list (曾任…等职): offices, not events.
    pub event: bool,
}

crate::word_set!(career_verbs, [
    "调职任", "调任", "出任", "接任", "兼任", "升任", "转任", "履新", "当选为", "当选", "任", "代理", "为",
    "不再担任", "免去", "辞去", "卸任"
]);
const REMOVE: &[&str] = &["不再担任", "免去", "辞去", "卸任"];
/// Characters before 任 that make it something else (新任 = newly appointed, as an
/// adjective; 曾任/历任/时任 = career lists; 担任 = holding).
const NOT_BEFORE_REN: &[char] = &['新', '曾', '历', '时', '原', '拟', '将', '现', '担', '继', '连', '留', '上', '主', '信', '责', '聘', '前', '后', '首', '专', '兼', '出', '调', '接', '升', '转', '委', '就', '赴'];

pub fn extract(lx: &Lexicon, doc: &Doc) -> Vec<CareerStep> {
    let text = doc.text();
    let rec = &doc.rec;
    let mut out: Vec<CareerStep> = Vec::new();
    let mut last_person: Option<usize> = None;
    let mut last_acting: Option<(usize, Office)> = None;
    let mut ctx_date: Option<TimeValue> = doc.reference.dateline.clone();

    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        let sent = &text[s..e];
        let mentions = doc.mentions_in(si);
        // The date in force: a date (a year is enough) opening the sentence.
        if let Some(t) = doc.times_from(s, e).iter().find(|t| t.end <= e && t.start < s + 30) {
            ctx_date = Some(fill_year(&t.value, ctx_date.as_ref()));
        }
        let mut verbs: Vec<(usize, usize, EventType)> = Vec::new();
        for (a, b, w) in career_verbs().find(sent) {
            let (at, end) = (s + a, s + b);
            let kind = if REMOVE.contains(&w) { EventType::Removal } else { EventType::Appointment };
            // 五位履新的市委书记: the verb qualifies the title after it, nobody's move.
            if text[end..].starts_with('的') {
                continue;
            }
            if w == "任" {
                let prev = text[..at].chars().next_back();
                if prev.is_some_and(|c| NOT_BEFORE_REN.contains(&c)) {
                    continue;
                }
                let next = text[end..].chars().next();
                let region_next = doc.region_at(end).is_some();
                if !region_next && matches!(next, Some('上' | '内' | '职' | '期' | '务' | '命' | '何' | '用' | '免' | '性' | '重' | '人')) {
                    continue;
                }
            }
            // 林铎为甘肃省代省长: 为 between a name and a regional title.
            if w == "为" {
                let named_before = mentions.iter().any(|(_, m)| m.end == at);
                let region_after = doc.region_at(end);
                let title_after = region_after.is_some_and(|m| crate::places::starts_title(lx, text, m));
                if !(named_before && title_after) {
                    continue;
                }
            }
            verbs.push((at, end, kind));
        }
        verbs.sort();
        for (vi, &(at, vend, kind)) in verbs.iter().enumerate() {
            let clause_end = text[vend..e].find([',', ';', '。']).map_or(e, |k| vend + k);
            let next_verb = verbs.get(vi + 1).map_or(e, |v| v.0);
            let mut offices = titles_in(lx, doc, vend, clause_end.min(next_verb).max(vend));
            // 由湖南调任新疆的孙金龙: the region is all the text says of the new office.
            if offices.is_empty() && kind == EventType::Appointment {
                if let Some(m) = doc.region_at(vend).filter(|m| text[m.end..e].starts_with('的')) {
                    let r = lx.gazetteer.get(m.region());
                    offices.push((Office { jurisdiction: Some(r.name.clone()), post: "other".into(), title: text[m.start..m.end].to_string() }, m.start, m.end));
                }
            }
            // Subject: name right before the verb (allowing 已/于…), 的 + name after, or 他/其.
            let before = mentions.iter().rev().find(|(_, m)| m.end <= at);
            let after_de = if text[..clause_end].len() > vend && text[clause_end.min(e)..].is_empty() {
                None
            } else {
                offices.last().and_then(|o| {
                    let tail = &text[o.2..e];
                    tail.strip_prefix('的').and_then(|_| mentions.iter().find(|(_, m)| m.start == o.2 + '的'.len_utf8()))
                })
            };
            let subject = match (after_de, before) {
                (Some((p, _)), _) => Some(*p),
                // 他 refers back to the person last named, in this sentence if any.
                (None, Some((p, _))) => Some(*p),
                (None, None) => last_person,
            };
            let Some(person) = subject else { continue };
            if std::env::var_os("CADRE_DEBUG").is_some() {
                eprintln!("verb {:?} at {} subject {} offices {:?}", &text[at..vend], at, rec.persons[person].name, offices.iter().map(|o| &o.0.title).collect::<Vec<_>>());
            }
            if rec.persons[person].byline {
                continue;
            }
            let date = date_before(doc, s, at)
                .map(|v| fill_year(&v, ctx_date.as_ref()))
                .or_else(|| next_month(text, s, at, ctx_date.as_ref()))
                .or_else(|| ctx_date.clone());
            if let Some(d) = &date {
                ctx_date = Some(d.clone());
            }
            let mut offices = offices;
            if offices.is_empty() && kind == EventType::Removal && text[vend..clause_end].contains("职务") {
                // 免去其领导职务: the offices the text gives the person.
                offices = rec.persons[person]
                    .offices
                    .iter()
                    .filter(|o| o.post != "other")
                    .take(1)
                    .map(|o| (Office { jurisdiction: o.jurisdiction.clone(), post: o.post.clone(), title: o.title.clone() }, o.start, o.end))
                    .collect();
            }
            // 湖南省委副书记朱国贤任吉林省政协党组书记: moving to an office elsewhere
            // leaves the offices named before the name.
            if kind == EventType::Appointment && matches!(&text[at..vend], "任" | "调任" | "转任" | "出任" | "升任") {
                if let Some((p, m)) = before.filter(|(p, m)| *p == person && m.end == at) {
                    let _ = p;
                    let new_j: Vec<Option<String>> = offices.iter().map(|o| o.0.jurisdiction.clone()).collect();
                    for o in rec.persons[person].offices.iter().filter(|o| o.sentence == si && o.end <= m.start) {
                        if o.jurisdiction.is_some() && !new_j.contains(&o.jurisdiction) {
                            out.push(CareerStep {
                                kind: EventType::Removal,
                                person,
                                office: Office { jurisdiction: o.jurisdiction.clone(), post: o.post.clone(), title: o.title.clone() },
                                date: date.clone(),
                                sentence: si,
                                start: o.start,
                                end: o.end,
                                rule: "career:leaves-for-new-office",
                                event: true,
                            });
                        }
                    }
                }
            }
            for (office, _, oend) in offices {
                out.push(CareerStep { kind, person, office, date: date.clone(), sentence: si, start: at, end: oend, rule: if kind == EventType::Appointment { "career:appoint" } else { "career:remove" }, event: true });
            }
        }
        // 曾任…等职, 历任…, 担任过…: offices held, without events (rule 7).
        for (a, b, w) in career_lists().find(sent) {
            let (at, vend) = (s + a, s + b);
            let end = text[vend..e].find("等职").map_or(e, |k| vend + k);
            let end = text[vend..end].find(['。', ';']).map_or(end, |k| vend + k);
            let titles = titles_in_list(lx, doc, vend, end);
            // 时任省长马兴瑞, 前任省长马兴瑞: the words qualify the title of the name after
            // it (the title reader gave it to that name); only 他时任省长 lists a career.
            if matches!(w, "时任" | "前任") && titles.iter().any(|&(_, _, oe)| mentions.iter().any(|(_, m)| m.start == oe)) {
                continue;
            }
            let subject = mentions.iter().rev().find(|(_, m)| m.end <= at).map(|(p, _)| *p).or(last_person);
            let Some(person) = subject else { continue };
            for (office, os, oe) in titles {
                out.push(CareerStep { kind: EventType::Appointment, person, office, date: None, sentence: si, start: os, end: oe, rule: "career:list", event: false });
            }
        }
        // 2022年2月“去代转正”: the acting office becomes the office itself; the acting
        // appointment may stand earlier in the same sentence (他出任…代市长,2022年2月去代转正).
        if let Some(k) = sent.find("转正") {
            let at = s + k;
            let acting_here = out
                .iter()
                .rev()
                .find(|c| c.sentence == si && c.end <= at && acting_appointment(c))
                .map(|c| (c.person, c.office.clone()));
            if let Some((p, acting)) = acting_here.or_else(|| last_acting.clone()) {
                let date = date_before(doc, s, at).map(|v| fill_year(&v, ctx_date.as_ref())).or_else(|| ctx_date.clone());
                let title = acting.title.replacen('代', "", 1);
                let office = Office { title, ..acting };
                out.push(CareerStep { kind: EventType::Appointment, person: p, office, date, sentence: si, start: at, end: at + "转正".len(), rule: "career:acting-confirmed", event: true });
            }
        }
        if let Some(step) = out.iter().rev().find(|c| acting_appointment(c)) {
            last_acting = Some((step.person, step.office.clone()));
        }
        if let Some((p, _)) = mentions.iter().rev().find(|(p, _)| !rec.persons[*p].byline) {
            last_person = Some(*p);
        }
    }
    // One appointment per person and office: a text that names the same move twice
    // (算上今次调整的苟仲文…此番履新北京市委副书记的苟仲文) tells one event. Acting and
    // confirmed (代市长, then 去代转正 as 市长) are two moves.
    let mut seen: Vec<(EventType, usize, String, Option<String>, bool)> = Vec::new();
    out.retain(|c| {
        let key = (c.kind, c.person, c.office.post.clone(), c.office.jurisdiction.clone(), acting(c));
        if c.event && c.office.post != "other" && seen.contains(&key) {
            return false;
        }
        seen.push(key);
        true
    });
    out
}

/// Is the step's office an acting one (代市长, 代省长)?
fn acting(c: &CareerStep) -> bool {
    c.office.title.contains('代')
}

/// An appointment to an acting controlled post: what a later 去代转正 confirms.
fn acting_appointment(c: &CareerStep) -> bool {
    c.kind == EventType::Appointment && acting(c) && c.office.post != "other"
}

crate::word_set!(career_lists, ["曾任", "历任", "担任过", "先后任", "先后担任", "前任", "时任"]);

/// Titles of a career list, which runs on across commas and 以及 (虎丘区区长、区委书记,
/// 以及江阴市委书记等职).
fn titles_in_list(lx: &Lexicon, doc: &Doc, from: usize, to: usize) -> Vec<(Office, usize, usize)> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        let stop = text[at..to].find([',', '，']).map_or(to, |k| at + k);
        let seg_start = if text[at..stop].starts_with("以及") { at + "以及".len() } else { at };
        out.extend(titles_in(lx, doc, seg_start, stop));
        at = stop + if stop < to { ','.len_utf8() } else { 0 };
    }
    out
}

/// 同年9月: the year of the date in force.
fn fill_year(v: &TimeValue, ctx: Option<&TimeValue>) -> TimeValue {
    let Some(y) = ctx.and_then(|c| c.start().year) else { return v.clone() };
    let fill = |d: cadre_time::Day| cadre_time::Day { year: d.year.or(Some(y)), ..d };
    match v {
        TimeValue::Point(d) if d.month.is_some() => TimeValue::Point(fill(*d)),
        TimeValue::Range(a, b) => TimeValue::Range(fill(*a), fill(*b)),
        other => other.clone(),
    }
}

/// 次月任…: the month after the date in force.
fn next_month(text: &str, s: usize, at: usize, ctx: Option<&TimeValue>) -> Option<TimeValue> {
    if !text[s..at].ends_with("次月") {
        return None;
    }
    let d = ctx?.start();
    let (y, m) = (d.year?, d.month?);
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Some(TimeValue::Point(cadre_time::Day { year: Some(y), month: Some(m), day: None }))
}

/// The nearest date before `at` in the sentence (2018年10月任…).
fn date_before(doc: &Doc, s: usize, at: usize) -> Option<TimeValue> {
    doc.times.iter().rev().find(|t| t.start >= s && t.end <= at && at - t.end <= 12).map(|t| t.value.clone())
}

/// Titles in `[from, to)`: `淮安市委副书记、代市长` → two offices, the second inheriting
/// the region of the first. Returns (office, start, end) with byte offsets.
pub fn titles_in(lx: &Lexicon, doc: &Doc, from: usize, to: usize) -> Vec<(Office, usize, usize)> {
    let text = doc.text();
    let g = &lx.gazetteer;
    let mut out: Vec<(Office, usize, usize)> = Vec::new();
    let mut last_region: Option<usize> = None;
    let mut last_org: Option<String> = None;
    let mut cursor = from;
    for p in lx.posts.find(&text[from..to]) {
        let (ps, pe) = (p.start + from, p.end + from);
        let entry = lx.posts.entry(&p);
        let gap = &text[cursor..ps];
        // Region written before the post (overlap allowed: 淮安市 / 市委书记).
        // The region may begin inside the verb before it: 履新|疆维吾尔自治区党委副书记.
        let region = doc
            .rec
            .regions
            .iter()
            .filter(|m| (m.start >= cursor || m.end > cursor) && m.start < ps && m.end >= ps && m.end <= pe)
            .last()
            .map(|m| m.candidates.iter().copied().find(|&c| entry.scope.fits(g.get(c))).unwrap_or(m.region()));
        let title_start = doc.rec.regions.iter().filter(|m| m.start >= cursor && m.end >= ps && m.start < ps).map(|m| m.start).min().unwrap_or(ps);
        let org_text = text[cursor..title_start].trim_start_matches(['、', '兼']).to_string();
        let (jurisdiction, post) = if entry.scope == Scope::Central {
            (Some("中央".to_string()), entry.post.clone())
        } else if let Some(r) = region {
            last_region = Some(r);
            (Some(g.get(r).name.clone()), fix_inherit(&entry.post))
        } else if org_text.is_empty() && matches!(entry.scope, Scope::Org | Scope::Region) && last_org.is_some() {
            // 应急管理厅厅长、党组书记、党委书记: the body of the chain holds them all.
            (last_org.clone(), "other".to_string())
        } else if !org_text.is_empty() && matches!(entry.scope, Scope::Org | Scope::Region) {
            // 青海省政协党组书记: a regional body's office belongs to the region.
            let regional = cadre_recognise::body_is_regional(&org_text);
            let org_region = doc.region_at(cursor + (text[cursor..].len() - text[cursor..].trim_start_matches(['、', '兼']).len()));
            match org_region {
                Some(m) if regional => {
                    last_region = Some(m.region());
                    (Some(g.get(m.region()).name.clone()), "other".to_string())
                }
                _ => {
                    last_org = Some(org_text.clone());
                    (Some(org_text.clone()), "other".to_string())
                }
            }
        } else if let Some(r) = last_region.filter(|&r| entry.scope.fits(g.get(r)) || entry.scope == Scope::Region) {
            (Some(g.get(r).name.clone()), fix_inherit(&entry.post))
        } else if entry.post == "other" {
            (None, "other".to_string())
        } else {
            // A region the sentence names (天津…代理市委书记), else the document's own.
            let (ss, se) = doc.sentences.iter().copied().find(|&(a, b)| a <= from && from < b).unwrap_or((from, to));
            let in_sentence = doc
                .rec
                .regions
                .iter()
                .filter(|m| m.start >= ss && m.end <= se)
                .flat_map(|m| m.candidates.iter().copied())
                .find(|&r| entry.scope.fits(g.get(r)));
            let home = in_sentence.or(doc.rec.home_region.filter(|&h| entry.scope.fits(g.get(h))));
            (home.map(|h| g.get(h).name.clone()), fix_inherit(&entry.post))
        };
        let _ = gap;
        out.push((Office { jurisdiction, post, title: text[title_start..pe].to_string() }, title_start, pe));
        cursor = pe;
        // Only titles joined by 、 or 兼 belong to the same verb.
        let next = &text[pe..to];
        if !(next.is_empty() || next.starts_with('、') || next.starts_with('兼')) && lx.posts.find(next).first().is_none_or(|n| next[..n.start].contains(['的', '和', '与'])) {
            break;
        }
    }
    out
}

fn fix_inherit(post: &str) -> String {
    if post.starts_with("inherit") {
        "other".into()
    } else {
        post.to_string()
    }
}
