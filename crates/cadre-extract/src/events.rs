//! Meetings, visits and signings: one event per real occurrence.
//!
//! Each sentence with a trigger proposes an event with the sentence's persons, its own
//! date (or the date in force), its place and its collective actors. A proposal merges
//! into an earlier event of the same type when nothing contradicts it: same or no date,
//! compatible places, overlapping or missing participants. Sentences that only name
//! more participants (…参加有关活动, …陪同, …分别介绍) add them to the latest event.

use cadre_model::{EventType, Role};
use cadre_recognise::Lexicon;
use cadre_time::{Day, TimeMention, TimeValue};

use crate::places;
use crate::triggers::{Action, Triggers};
use crate::Doc;

/// An event while the document is being read. Persons are indices of `rec.persons`.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: EventType,
    pub date: Option<TimeValue>,
    pub explicit_date: bool,
    pub place: Option<usize>,
    pub persons: Vec<(usize, Vec<Role>)>,
    /// Collective actors and the region they come from (广西党政代表团 → 广西).
    pub collectives: Vec<(String, Option<usize>)>,
    pub agreements: Vec<String>,
    pub agreement_count: Option<u32>,
    pub sites: Vec<String>,
    pub office: Option<cadre_model::Office>,
    /// (sentence, trigger start, trigger end, rule)
    pub evidence: Vec<(usize, usize, usize, String)>,
    pub first_sentence: usize,
    pub last_sentence: usize,
}

impl Draft {
    fn new(kind: EventType, si: usize) -> Draft {
        Draft {
            kind,
            date: None,
            explicit_date: false,
            place: None,
            persons: Vec::new(),
            collectives: Vec::new(),
            agreements: Vec::new(),
            agreement_count: None,
            sites: Vec::new(),
            office: None,
            evidence: Vec::new(),
            first_sentence: si,
            last_sentence: si,
        }
    }

    pub fn add_person(&mut self, p: usize, roles: &[Role]) {
        match self.persons.iter_mut().find(|(q, _)| *q == p) {
            Some((_, rs)) => {
                for r in roles {
                    if !rs.contains(r) {
                        rs.push(*r);
                    }
                }
            }
            None => self.persons.push((p, roles.to_vec())),
        }
    }

    fn has_person(&self, p: usize) -> bool {
        self.persons.iter().any(|(q, _)| *q == p)
    }
}

/// Words before a trigger that make the event planned, wished or denied.
const NOT_REAL: &[&str] = &["将", "拟", "未", "没有", "计划", "准备", "即将", "希望", "欢迎", "邀请"];
/// Words after a trigger that make it a reference, not an event (会议精神).
const NOT_EVENT_AFTER: &[&str] = &["精神", "纪要", "材料", "制度", "机制", "室", "中心", "的重要", "成果", "报告"];
const COLLECTIVES: &[&str] = &["党政代表团", "代表团", "考察团", "调研组", "工作组", "督导组", "一行"];
const COLLECTIVE_WORDS: &[&str] = &["两省区", "两省", "两市", "两区", "两县", "两地", "双方", "中共中央政治局", "中央政治局", "国务院"];

/// The date a sentence gives itself: its first time expression with a month.
pub fn own_date<'t>(times: &'t [TimeMention], s: usize, e: usize) -> Option<&'t TimeMention> {
    times.iter().find(|t| {
        t.start >= s
            && t.end <= e
            && match &t.value {
                TimeValue::Point(d) | TimeValue::Range(d, _) => d.month.is_some() || d.day.is_some(),
            }
    })
}

/// Fills a day-only date (27日) from the date in force (2月26日 → 2月27日).
fn complete(v: &TimeValue, ctx: Option<&TimeValue>) -> TimeValue {
    let base = ctx.map(|c| match c {
        TimeValue::Point(d) => *d,
        TimeValue::Range(_, e) => *e,
    });
    let fill = |d: Day| -> Day {
        match base {
            Some(b) if d.month.is_none() => Day { year: d.year.or(b.year), month: b.month, day: d.day },
            Some(b) if d.year.is_none() => Day { year: b.year, ..d },
            _ => d,
        }
    };
    match v {
        TimeValue::Point(d) => TimeValue::Point(fill(*d)),
        TimeValue::Range(a, b) => TimeValue::Range(fill(*a), fill(*b)),
    }
}

fn within(inner: &TimeValue, outer: &TimeValue) -> bool {
    let (a, b) = bounds(inner);
    let (c, d) = bounds(outer);
    a >= c && b <= d
}

fn bounds(v: &TimeValue) -> (Day, Day) {
    match v {
        TimeValue::Point(d) => (*d, *d),
        TimeValue::Range(a, b) => (*a, *b),
    }
}

fn quotes(sent: &str, s: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in sent.char_indices() {
        match c {
            '“' => open = Some(s + i),
            '”' => {
                if let Some(o) = open.take() {
                    out.push((o, s + i));
                }
            }
            _ => {}
        }
    }
    out
}

/// Roles each person mention takes from the verbs after it (主持会议并讲话 → chair, speaker).
fn roles_after(sent_after: &str) -> Vec<Role> {
    let clause = sent_after.split(['。', ';', '!', '?']).next().unwrap_or("");
    let mut roles = Vec::new();
    for (w, r) in [
        ("主持", Role::Chair),
        ("讲话", Role::Speaker),
        ("致辞", Role::Speaker),
        ("发言", Role::Speaker),
        ("介绍", Role::Briefer),
        ("汇报", Role::Briefer),
        ("出席", Role::Attendee),
        ("参加", Role::Attendee),
        ("会见", Role::Host),
        ("接见", Role::Host),
        ("率", Role::Leader),
        ("带领", Role::Leader),
        ("陪同", Role::Member),
        ("见证", Role::Witness),
        ("签署", Role::Signer),
        ("签约", Role::Signer),
        ("签订", Role::Signer),
    ] {
        if let Some(k) = clause.find(w) {
            // Only the verbs of this person's own clause: stop at the next comma.
            let head = &clause[..k];
            if !head.contains(',') {
                roles.push((k, r));
            }
        }
    }
    roles.sort_by_key(|(k, _)| *k);
    roles.into_iter().map(|(_, r)| r).collect()
}

pub fn extract(lx: &Lexicon, triggers: &Triggers, doc: &Doc) -> Vec<Draft> {
    let text = doc.text();
    let rec = &doc.rec;
    let g = &lx.gazetteer;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut ctx_date: Option<TimeValue> = None;

    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        let sent = &text[s..e];
        let qs = quotes(sent, s);
        let in_quote = |p: usize| qs.iter().any(|&(a, b)| p > a && p < b);

        let own = own_date(&doc.times, s, e).filter(|t| !in_quote(t.start));
        let own_value = own.map(|t| complete(&t.value, ctx_date.as_ref()));

        // Triggers that report something real.
        let hits: Vec<_> = triggers
            .find(sent, s)
            .into_iter()
            .filter(|h| !in_quote(h.start))
            .filter(|h| {
                let before = &text[s..h.start];
                let near: String = before.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
                !NOT_REAL.iter().any(|w| near.contains(w))
            })
            .filter(|h| !NOT_EVENT_AFTER.iter().any(|w| text[h.end..e].starts_with(w)))
            .collect();
        let kinds: Vec<EventType> = {
            let mut k: Vec<EventType> = hits
                .iter()
                .filter_map(|h| match triggers.get(h).action {
                    Action::Event(t) if t != EventType::Appointment && t != EventType::Removal => Some(t),
                    _ => None,
                })
                .collect();
            k.dedup();
            let mut seen = Vec::new();
            k.retain(|t| {
                let new = !seen.contains(t);
                seen.push(*t);
                new
            });
            k
        };
        if own_value.is_some() && (!kinds.is_empty() || own.is_some_and(|t| t.start < s + 24)) {
            ctx_date = own_value.clone();
        }

        // Persons of the sentence with the roles their verbs give.
        let mentions = rec.persons_in(s, e);
        let mut persons: Vec<(usize, Vec<Role>)> = Vec::new();
        for (k, (pi, m)) in mentions.iter().enumerate() {
            if rec.persons[*pi].byline || in_quote(m.start) {
                continue;
            }
            let next_start = mentions.get(k + 1).map_or(e, |(_, n)| n.start).max(m.end);
            let seg = &text[m.end..next_start];
            let roles = if seg.contains(',') || seg.contains('。') || next_start == e {
                roles_after(&text[m.end..e])
            } else {
                Vec::new()
            };
            match persons.iter_mut().find(|(q, _)| q == pi) {
                Some((_, rs)) => rs.extend(roles),
                None => persons.push((*pi, roles)),
            }
        }
        // A list shares the verbs of its last member: 王伟中、蓝天立出席会议.
        let mut carry: Vec<Role> = Vec::new();
        for (_, rs) in persons.iter_mut().rev() {
            if rs.is_empty() {
                rs.extend(carry.iter().copied());
            } else {
                carry = rs.clone();
            }
        }

        let collectives = collectives_in(lx, text, &rec.regions, s, e);

        // Attachments: more participants of an event told before.
        for h in &hits {
            if let Action::Attach(target) = triggers.get(h).action {
                if kinds.contains(&target) || persons.is_empty() {
                    continue;
                }
                let role = if target == EventType::Visit { Role::Member } else { Role::Attendee };
                let found = drafts
                    .iter()
                    .rposition(|d| d.kind == target && d.last_sentence + 4 >= si)
                    .or_else(|| drafts.iter().rposition(|d| d.last_sentence + 2 >= si && d.kind != EventType::Signing));
                if let Some(di) = found {
                    let visit_first = drafts[di].first_sentence;
                    for (p, rs) in &persons {
                        let mut roles = rs.clone();
                        if !roles.contains(&role) {
                            roles.push(role);
                        }
                        drafts[di].add_person(*p, &roles);
                    }
                    drafts[di].last_sentence = si;
                    drafts[di].evidence.push((si, h.start, h.end, format!("attach:{}", triggers.get(h).word)));
                    // 参加有关活动: also the meetings held during the visit.
                    if target == EventType::Visit {
                        for d in drafts.iter_mut().filter(|d| d.kind == EventType::Meeting && d.first_sentence >= visit_first) {
                            for (p, rs) in &persons {
                                d.add_person(*p, rs);
                            }
                        }
                    }
                }
            }
        }

        for kind in kinds {
            let h = hits.iter().find(|h| triggers.get(h).action == Action::Event(kind)).unwrap();
            let mut c = Draft::new(kind, si);
            c.explicit_date = own_value.is_some();
            c.date = own_value.clone().or_else(|| ctx_date.clone());
            c.place = match kind {
                EventType::Visit => places::destination(lx, text, &rec.regions, s, e)
                    .or_else(|| places::venue(lx, text, &rec.regions, s, e)),
                _ => places::venue(lx, text, &rec.regions, s, e),
            };
            for (p, rs) in &persons {
                let mut roles = rs.clone();
                if let Some(r) = triggers.get(h).role {
                    if roles.is_empty() {
                        roles.push(r);
                    }
                }
                c.add_person(*p, &roles);
            }
            c.collectives = collectives.clone();
            if kind == EventType::Signing {
                let (names, count) = agreements(sent);
                c.agreements = names;
                c.agreement_count = count;
            }
            c.evidence.push((si, h.start, h.end, format!("trigger:{}", triggers.get(h).word)));
            merge_or_push(g, &mut drafts, c, si);
        }
        // Sites a visit went to: 深入A、B等企业.
        if let Some(v) = drafts.iter_mut().rev().find(|d| d.kind == EventType::Visit && d.last_sentence + 6 >= si) {
            for site in sites(sent) {
                if !v.sites.contains(&site) {
                    v.sites.push(site);
                }
            }
        }
    }
    finish(lx, doc, &mut drafts);
    drafts
}

fn merge_or_push(g: &cadre_recognise::Gazetteer, drafts: &mut Vec<Draft>, c: Draft, si: usize) {
    let target = drafts.iter().rposition(|x| {
        if x.kind != c.kind {
            return false;
        }
        if c.explicit_date {
            if let (Some(xd), Some(cd)) = (&x.date, &c.date) {
                if xd != cd && !within(cd, xd) && !within(xd, cd) {
                    return false;
                }
            }
        }
        if let (Some(a), Some(b)) = (x.place, c.place) {
            if a != b && !g.within(a, b) && !g.within(b, a) {
                return false;
            }
        }
        let share_person = c.persons.iter().any(|(p, _)| x.has_person(*p));
        let share_collective = c.collectives.iter().any(|(n, _)| x.collectives.iter().any(|(m, _)| m == n));
        // Separate participant groups are separate events, unless the sentence goes on
        // about the gathering just told (…出席会议并分别介绍).
        if !x.persons.is_empty() && !c.persons.is_empty() && !share_person && !(!c.explicit_date && x.last_sentence + 1 >= si) {
            return false;
        }
        share_person || share_collective || x.last_sentence + 3 >= si || (c.explicit_date && c.date == x.date)
    });
    match target {
        Some(i) => {
            let x = &mut drafts[i];
            for (p, rs) in c.persons {
                x.add_person(p, &rs);
            }
            if x.place.is_none() || (c.place.is_some() && c.place.is_some_and(|p| g.within(p, x.place.unwrap()) && x.kind != EventType::Visit)) {
                x.place = c.place.or(x.place);
            }
            if !x.explicit_date && c.explicit_date {
                x.date = c.date;
                x.explicit_date = true;
            }
            for col in c.collectives {
                if !x.collectives.contains(&col) {
                    x.collectives.push(col);
                }
            }
            x.agreements.extend(c.agreements);
            x.agreement_count = x.agreement_count.or(c.agreement_count);
            x.evidence.extend(c.evidence);
            x.last_sentence = si;
        }
        None => drafts.push(c),
    }
}

/// Places, delegation members and empty events, once the whole document is read.
fn finish(lx: &Lexicon, doc: &Doc, drafts: &mut Vec<Draft>) {
    let g = &lx.gazetteer;
    let rec = &doc.rec;
    // A signing or meeting without a place took place where the event before it on the
    // same day did (会上…签署), or where the visit it belongs to went.
    for i in 0..drafts.len() {
        if drafts[i].place.is_some() {
            continue;
        }
        let date = drafts[i].date.clone();
        let place = drafts[..i]
            .iter()
            .rev()
            .find(|d| d.place.is_some() && d.kind != EventType::Visit && d.date == date && date.is_some())
            .or_else(|| {
                drafts.iter().find(|d| {
                    d.kind == EventType::Visit
                        && d.place.is_some()
                        && d.first_sentence <= drafts[i].first_sentence
                        && match (&d.date, &date) {
                            (Some(a), Some(b)) => within(b, a),
                            _ => false,
                        }
                })
            })
            .and_then(|d| d.place);
        drafts[i].place = place;
        // The dateline city, for what the first paragraph reports.
        if drafts[i].place.is_none() && drafts[i].first_sentence <= 1 && drafts[i].kind != EventType::Visit {
            drafts[i].place = rec.dateline_region;
        }
    }
    // A delegation's members: its region's officials who take part in what happens
    // during the visit (the seed's 刘宁 and 蓝天立 in the Guangxi delegation).
    for i in 0..drafts.len() {
        if drafts[i].kind != EventType::Visit {
            continue;
        }
        let homes: Vec<usize> = drafts[i].collectives.iter().filter_map(|(_, r)| *r).collect();
        if homes.is_empty() {
            continue;
        }
        let Some(span) = drafts[i].date.clone() else { continue };
        let mut members: Vec<usize> = Vec::new();
        for (j, d) in drafts.iter().enumerate() {
            if j == i || d.date.as_ref().is_none_or(|dd| !within(dd, &span)) {
                continue;
            }
            for (p, _) in &d.persons {
                let person = &rec.persons[*p];
                if person.offices.iter().any(|o| o.region.is_some_and(|r| homes.iter().any(|&h| g.within(r, h)))) {
                    members.push(*p);
                }
            }
        }
        for p in members {
            drafts[i].add_person(p, &[Role::Member]);
        }
    }
    drafts.retain(|d| !d.persons.is_empty() || !d.collectives.is_empty());
}

fn collectives_in(
    lx: &Lexicon,
    text: &str,
    regions: &[cadre_recognise::RegionMention],
    s: usize,
    e: usize,
) -> Vec<(String, Option<usize>)> {
    let sent = &text[s..e];
    let mut out: Vec<(String, Option<usize>)> = Vec::new();
    for w in COLLECTIVES {
        let mut from = 0;
        while let Some(k) = sent[from..].find(w) {
            let at = s + from + k;
            // The region written before it: 广西党政代表团, 巴中市党政代表团.
            let region = regions.iter().rev().find(|m| m.end <= at && (m.end == at || text[m.end..at] == *"党政" || text[m.end..at] == *"市"));
            if let Some(m) = region {
                let name = text[m.start..at + w.len()].to_string();
                if !out.iter().any(|(n, _)| n.contains(&name) || name.contains(n.as_str())) {
                    out.push((name, Some(m.region())));
                }
            } else if *w != "一行" && !out.iter().any(|(n, _)| n.ends_with(w)) {
                out.push((w.to_string(), None));
            }
            from += k + w.len();
        }
    }
    for w in COLLECTIVE_WORDS {
        if sent.contains(w) && !out.iter().any(|(n, _)| n.contains(w)) {
            out.push((w.to_string(), None));
        }
    }
    let _ = lx;
    out
}

/// Named agreements (《…》) and the count in 等4个.
fn agreements(sent: &str) -> (Vec<String>, Option<u32>) {
    let mut names = Vec::new();
    let mut rest = sent;
    while let Some(a) = rest.find('《') {
        let Some(b) = rest[a..].find('》') else { break };
        names.push(rest[a + '《'.len_utf8()..a + b].to_string());
        rest = &rest[a + b..];
    }
    let mut count = None;
    if let Some(k) = sent.find('等') {
        let after = &sent[k + '等'.len_utf8()..];
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        let n = if digits.is_empty() {
            let cn: String = after.chars().take_while(|c| "一二两三四五六七八九十".contains(*c)).collect();
            cadre_time::parse_cn_number(&cn)
        } else {
            digits.parse().ok()
        };
        if let Some(n) = n {
            let tail = &after[after.char_indices().find(|(_, c)| !c.is_ascii_digit() && !"一二两三四五六七八九十".contains(*c)).map_or(after.len(), |(i, _)| i)..];
            if tail.starts_with('个') || tail.starts_with('项') || tail.starts_with('份') {
                count = Some(n as u32);
            }
        }
    }
    (names, count)
}

/// Sites in `深入A、B等企业` / `先后来到A、B等地`.
fn sites(sent: &str) -> Vec<String> {
    for start in ["深入", "来到", "走进", "考察了", "参观了", "走访", "先后到"] {
        if let Some(k) = sent.find(start) {
            let after = &sent[k + start.len()..];
            let Some(end) = after.find('等') else { continue };
            let list = &after[..end];
            if list.contains(['。', ';']) || list.chars().count() < 4 {
                continue;
            }
            return list
                .split(['、', ','])
                .map(|s| s.trim_start_matches('及').trim())
                .filter(|s| s.chars().count() >= 2)
                .map(str::to_string)
                .collect();
        }
    }
    Vec::new()
}
