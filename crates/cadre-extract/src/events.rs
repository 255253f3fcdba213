//! Meetings, visits and signings: one event per real occurrence.
//!
//! Each sentence with a trigger proposes an event with the sentence's persons, its own
//! date (or the date in force), its place and its collective actors. A proposal merges
//! into an earlier event of the same type when nothing contradicts it: same or no date,
//! compatible places, overlapping or missing participants. Sentences that only name
//! more participants (…参加有关活动, …陪同, …分别介绍) add them to the latest event.

use cadre_model::{EventType, Role};
use cadre_recognise::{Lexicon, Level};
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

// Words before a trigger that make the event planned, wished or denied.
crate::word_set!(not_real, ["将", "拟", "未", "没有", "计划", "准备", "即将", "希望", "欢迎", "邀请"]);
/// Words after a trigger that make it a reference, not an event (会议精神).
const NOT_EVENT_AFTER: &[&str] = &["精神", "纪要", "材料", "制度", "机制", "室", "中心", "的重要", "成果", "报告"];
const COLLECTIVES: &[&str] = &["党政代表团", "代表团", "考察团", "调研组", "工作组", "督导组", "一行"];


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
    // Both marks begin with byte 0xE2: most sentences have none and are not decoded.
    for i in memchr::memchr_iter(0xE2, sent.as_bytes()) {
        if sent[i..].starts_with('“') {
            open = Some(s + i);
        } else if sent[i..].starts_with('”') {
            if let Some(o) = open.take() {
                out.push((o, s + i));
            }
        }
    }
    out
}

crate::word_set!(role_verbs, [
    "主持", "讲话", "致辞", "发言", "介绍", "汇报", "出席", "参加", "会见", "接见", "率", "带领", "陪同", "见证",
    "签署", "签约", "签订"
]);

fn role_of(w: &str) -> Role {
    match w {
        "主持" => Role::Chair,
        "讲话" | "致辞" | "发言" => Role::Speaker,
        "介绍" | "汇报" => Role::Briefer,
        "出席" | "参加" => Role::Attendee,
        "会见" | "接见" => Role::Host,
        "率" | "带领" => Role::Leader,
        "陪同" => Role::Member,
        "见证" => Role::Witness,
        _ => Role::Signer,
    }
}

/// Roles each person mention takes from the verbs of its own clause, up to the next
/// comma (主持会议并讲话 → chair, speaker).
fn roles_after(sent_after: &str) -> Vec<Role> {
    let end = sent_after.find([',', '。', ';', '!', '?']).unwrap_or(sent_after.len());
    let mut roles: Vec<Role> = Vec::new();
    for (_, _, w) in role_verbs().find(&sent_after[..end]) {
        let r = role_of(w);
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    roles
}

/// Triggers that refer to a gathering just told (…出席会议并讲话) rather than a new one.
const REFERENTIAL: &[&str] = &["出席会议", "主持会议", "参加会议", "会议", "会上"];
// Words before a meeting trigger that make the sentence a directive about a past
// meeting (学习贯彻…会议精神), not a report of one.
crate::word_set!(directive, ["贯彻", "学习贯彻", "落实", "精神", "遵循"]);
/// What follows a name that is cited, not present: 习近平总书记关于…, 以习近平同志为核心.
const CITED_AFTER: &[&str] = &["关于", "重要", "的重要", "为核心", "亲自", "当年", "系列", "提出", "的指示", "指出的"];
const CITED_TITLES: &[&str] = &["总书记", "主席", "同志", "总理"];

crate::word_set!(citing, ["贯彻", "学习", "落实", "遵循", "按照", "根据"]);

fn is_cited(text: &str, end: usize, sent_start: usize, start: usize) -> bool {
    let mut after = &text[end..];
    for t in CITED_TITLES {
        if let Some(rest) = after.strip_prefix(t) {
            after = rest;
            break;
        }
    }
    if CITED_AFTER.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let before = &text[sent_start..start];
    citing().any_in(last_chars(before, 6))
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The date of what a trigger reports: the last date before it in the sentence, else
/// the sentence's first date.
fn date_at<'t>(times: &'t [TimeMention], s: usize, e: usize, at: usize) -> Option<&'t TimeMention> {
    let in_sentence = |t: &&TimeMention| {
        t.start >= s
            && t.end <= e
            && match &t.value {
                TimeValue::Point(d) | TimeValue::Range(d, _) => d.month.is_some() || d.day.is_some(),
            }
    };
    let times = crate::starting_in(times, s, e, |t| t.start);
    times.iter().filter(in_sentence).filter(|t| t.end <= at).last().or_else(|| times.iter().find(in_sentence))
}

pub fn extract(lx: &Lexicon, triggers: &Triggers, doc: &Doc) -> Vec<Draft> {
    let text = doc.text();
    let rec = &doc.rec;
    let g = &lx.gazetteer;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut ctx_date: Option<TimeValue> = doc.reference.dateline.clone();
    // Title words are not triggers (人大常委会 is not a meeting).
    let title_spans: Vec<(usize, usize)> =
        rec.persons.iter().flat_map(|p| p.offices.iter().map(|o| (o.start, o.end))).collect();

    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        let sent = &text[s..e];
        let qs = quotes(sent, s);
        let in_quote = |p: usize| qs.iter().any(|&(a, b)| p > a && p < b);

        // Triggers that report something real.
        let hits: Vec<_> = triggers
            .find(sent, s)
            .into_iter()
            .filter(|h| !in_quote(h.start))
            .filter(|h| !title_spans.iter().any(|&(a, b)| h.start < b && a < h.end))
            .filter(|h| {
                let before = &text[s..h.start];
                !not_real().any_in(last_chars(before, 3))
            })
            .filter(|h| !NOT_EVENT_AFTER.iter().any(|w| text[h.end..e].starts_with(w)))
            .filter(|h| {
                triggers.get(h).action != Action::Event(EventType::Meeting)
                    || !directive().any_in(&text[s..h.start])
            })
            .collect();
        let mut kinds: Vec<EventType> = Vec::new();
        for h in &hits {
            if let Action::Event(t) = triggers.get(h).action {
                if t != EventType::Appointment && t != EventType::Removal && !kinds.contains(&t) {
                    kinds.push(t);
                }
            }
        }
        let first_hit = hits.iter().find(|h| matches!(triggers.get(h).action, Action::Event(_))).map_or(e, |h| h.start);
        let own = date_at(&doc.times, s, e, first_hit).filter(|t| !in_quote(t.start));
        // 当天/当日 (that day) is the date in force, not the page's date.
        let anaphoric = own.is_some_and(|t| ["当天", "当日", "同日", "当晚"].iter().any(|w| t.text.starts_with(w)));
        let mut own_value = if anaphoric && ctx_date.is_some() {
            ctx_date.clone()
        } else {
            own.map(|t| complete(&t.value, ctx_date.as_ref())).filter(|v| v.start().month.is_some())
        };
        // 日前/近日: recently, dated by the page's month.
        if own_value.is_none() && (sent.starts_with("日前") || sent.starts_with("近日")) {
            if let Some((y, m, _)) = doc.reference.date {
                own_value = Some(TimeValue::Point(Day { year: Some(y), month: Some(m), day: None }));
            }
        }
        if own_value.is_some() && (!kinds.is_empty() || own.is_some_and(|t| t.start < s + 24)) {
            ctx_date = own_value.clone();
        }

        // Persons of the sentence with the roles their verbs give; cited names are not
        // participants.
        let mentions = doc.mentions_in(si);
        let mut persons: Vec<(usize, Vec<Role>, usize)> = Vec::new();
        let mut cited: Vec<(usize, usize)> = Vec::new();
        for (k, (pi, m)) in mentions.iter().enumerate() {
            if rec.persons[*pi].byline || in_quote(m.start) {
                continue;
            }
            if is_cited(text, m.end, s, m.start) {
                cited.push((*pi, m.end));
                continue;
            }
            let next_start = mentions.get(k + 1).map_or(e, |(_, n)| n.start).max(m.end);
            let seg = &text[m.end..next_start];
            let roles = if seg.contains(',') || seg.contains('。') || next_start == e {
                roles_after(&text[m.end..e])
            } else {
                Vec::new()
            };
            match persons.iter_mut().find(|(q, _, _)| q == pi) {
                Some((_, rs, _)) => rs.extend(roles),
                None => persons.push((*pi, roles, m.start)),
            }
        }
        // A list shares the verbs of its last member: 王伟中、蓝天立出席会议.
        let mut carry: Vec<Role> = Vec::new();
        for (_, rs, _) in persons.iter_mut().rev() {
            if rs.is_empty() {
                rs.extend(carry.iter().copied());
            } else {
                carry = rs.clone();
            }
        }
        // Who speaks is not a participant of what the speech recalls: 罗增斌…说,…2011年7月,
        // 两市缔结友好城市.
        let speech_at = crate::statements::speech_verb_at(text, s, e);

        // Guests: named after 会见/欢迎, or followed by 一行.
        let meet_at = if sent.contains(['见', '迎']) {
            ["会见", "接见", "欢迎"].iter().filter_map(|w| sent.find(w).map(|k| s + k)).min()
        } else {
            None
        };
        let in_group = |pos: usize| {
            mentions.iter().any(|(_, m)| m.start == pos && text[m.end..e].starts_with("一行"))
        };

        let collectives = collectives_in(text, &rec.regions, s, e);

        // Attachments: more participants of an event told before.
        for h in &hits {
            let Action::Attach(target) = triggers.get(h).action else { continue };
            if kinds.contains(&target) || persons.is_empty() {
                continue;
            }
            let word = triggers.get(h).word.as_str();
            let explicit = (word.starts_with("参加") && word != "参加") || word.starts_with("陪同");
            let window = if explicit { 12 } else { 4 };
            let role = if target == EventType::Visit { Role::Member } else { Role::Attendee };
            let found = drafts
                .iter()
                .rposition(|d| d.kind == target && d.last_sentence + window >= si)
                .or_else(|| {
                    drafts.iter().rposition(|d| d.last_sentence + 2 >= si && (d.kind != EventType::Signing || d.last_sentence + 1 >= si))
                });
            // 参加座谈会 before the meeting is told: the meeting begins here.
            let found = found.filter(|&di| drafts[di].kind == target || !explicit).or_else(|| {
                (explicit && target == EventType::Meeting).then(|| {
                    let mut d = Draft::new(EventType::Meeting, si);
                    d.date = own_value.clone().or_else(|| ctx_date.clone());
                    d.explicit_date = own_value.is_some();
                    d.place = places::venue(lx, text, &rec.regions, s, e);
                    drafts.push(d);
                    drafts.len() - 1
                })
            });
            if let Some(di) = found {
                let visit_first = drafts[di].first_sentence;
                for (p, rs, _) in &persons {
                    let mut roles = rs.clone();
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                    drafts[di].add_person(*p, &roles);
                }
                drafts[di].last_sentence = si;
                drafts[di].evidence.push((si, h.start, h.end, format!("attach:{word}")));
                // 参加有关活动: also the meetings held during the visit.
                if target == EventType::Visit && drafts[di].kind == EventType::Visit {
                    for d in drafts.iter_mut().filter(|d| d.kind == EventType::Meeting && d.first_sentence >= visit_first) {
                        for (p, rs, _) in &persons {
                            d.add_person(*p, rs);
                        }
                    }
                }
            }
        }

        let mut proposals: Vec<Draft> = Vec::new();
        for kind in kinds.iter().copied() {
            let h = hits.iter().find(|h| triggers.get(h).action == Action::Event(kind)).unwrap();
            let word = triggers.get(h).word.clone();
            let mut c = Draft::new(kind, si);
            // Each event of the sentence takes the date written before its own trigger
            // (26日…座谈会…;27日…会议,会上签订…).
            let own_here = if anaphoric {
                None
            } else {
                date_at(&doc.times, s, e, h.start)
                    .filter(|t| !in_quote(t.start) && t.end <= h.start)
                    .map(|t| complete(&t.value, ctx_date.as_ref()))
                    .filter(|v| v.start().month.is_some())
            };
            let own_value = own_here.or_else(|| own_value.clone());
            c.explicit_date = own_value.is_some();
            c.date = own_value.clone().or_else(|| ctx_date.clone());
            c.place = match kind {
                EventType::Visit => places::destination(lx, text, &rec.regions, s, e)
                    .or_else(|| places::venue(lx, text, &rec.regions, s, e)),
                _ => places::venue(lx, text, &rec.regions, s, e),
            }
            .or_else(|| places::our_region(lx, rec, sent));
            for (p, rs, at) in &persons {
                if speech_at.is_some_and(|v| *at < v && h.start > v) {
                    continue;
                }
                // A visit in a sentence about receiving guests is the guests' visit.
                if kind == EventType::Visit && meet_at.is_some_and(|m| *at < m) && !in_group(*at) {
                    continue;
                }
                let mut roles = rs.clone();
                if let Some(r) = triggers.get(h).role {
                    if roles.is_empty() {
                        roles.push(r);
                    }
                }
                c.add_person(*p, &roles);
            }
            // A central leader's visit cited in passing (习近平总书记在西藏考察时) is its own visit.
            if kind == EventType::Visit {
                for &(p, end) in &cited {
                    if h.start > end && h.start - end <= 24 {
                        let mut v = Draft::new(EventType::Visit, si);
                        v.place = c.place;
                        v.add_person(p, &[Role::Leader]);
                        v.evidence.push((si, h.start, h.end, format!("trigger:{word}")));
                        proposals.push(v);
                    }
                }
            }
            // 分别会见或陪同调研: the hosts met the visitors of the visit in course.
            if kind == EventType::Meeting && (word == "会见" || word == "接见") && !persons.iter().any(|(_, _, at)| meet_at.is_some_and(|m| *at > m)) {
                if let Some(v) = drafts.iter().rev().find(|d| d.kind == EventType::Visit && d.last_sentence + 3 >= si) {
                    let leaders: Vec<usize> = v.persons.iter().filter(|(_, r)| r.contains(&Role::Leader)).map(|(p, _)| *p).collect();
                    for p in leaders {
                        c.add_person(p, &[Role::Guest]);
                    }
                }
            }
            c.collectives = collectives.clone();
            if kind == EventType::Signing {
                let (names, count) = agreements(sent);
                c.agreements = names;
                c.agreement_count = count;
            }
            c.evidence.push((si, h.start, h.end, format!("trigger:{word}")));
            // Guests arriving as a group (缪建民一行) make a visit of their own.
            if kind == EventType::Meeting && !kinds.contains(&EventType::Visit) {
                let group: Vec<usize> = persons.iter().filter(|(_, _, at)| in_group(*at)).map(|(p, _, _)| *p).collect();
                if !group.is_empty() {
                    let mut v = Draft::new(EventType::Visit, si);
                    v.date = c.date.clone();
                    v.explicit_date = c.explicit_date;
                    v.place = c.place;
                    for p in group {
                        v.add_person(p, &[Role::Guest]);
                    }
                    v.evidence.push((si, h.start, h.end, "guest-group".to_string()));
                    proposals.push(v);
                }
            }
            proposals.insert(0, c);
            let referential = REFERENTIAL.contains(&word.as_str());
            for c in proposals.drain(..) {
                merge_or_push(g, &mut drafts, c, si, referential);
            }
        }
        // Sites a visit went to (深入A、B等企业): the visit of the delegation the sentence
        // names, else the visit just told.
        let named = drafts.iter().rposition(|d| {
            d.kind == EventType::Visit && d.collectives.iter().any(|(n, r)| r.is_some() && sent.contains(n.as_str()))
        });
        let recent = drafts.iter().rposition(|d| d.kind == EventType::Visit && d.last_sentence + 6 >= si);
        if let Some(v) = named.or(recent).map(|i| &mut drafts[i]) {
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

fn merge_or_push(g: &cadre_recognise::Gazetteer, drafts: &mut Vec<Draft>, c: Draft, si: usize, referential: bool) {
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
        // All agreements signed at one ceremony are one signing.
        if c.kind == EventType::Signing && x.date.is_some() && x.date == c.date {
            return true;
        }
        // An undated event in the headline is the one the body reports with its date.
        if x.date.is_none() && x.first_sentence <= 2 && c.explicit_date && c.first_sentence <= 8 {
            return true;
        }
        let share_person = c.persons.iter().any(|(p, _)| x.has_person(*p));
        // 代表团 alone is the delegation named before (福建党政代表团).
        let share_collective = c.collectives.iter().any(|(n, _)| {
            x.collectives.iter().any(|(m, _)| m == n || (COLLECTIVES.contains(&n.as_str()) && m.ends_with(n.as_str())))
        });
        // Separate participant groups are separate events, unless the sentence goes on
        // about the gathering just told (…出席会议并分别介绍).
        if !x.persons.is_empty() && !c.persons.is_empty() && !share_person && !(referential && !c.explicit_date && x.last_sentence + 2 >= si) {
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
            // A proposal for the same trigger (a cited visit that is the visit itself) adds
            // no second copy of its evidence.
            for ev in c.evidence {
                if !x.evidence.contains(&ev) {
                    x.evidence.push(ev);
                }
            }
            x.last_sentence = si;
        }
        None => drafts.push(c),
    }
}

/// Does a sentence that gives evidence for `d` hold one of `words`?
fn says(doc: &Doc, d: &Draft, words: &[&str]) -> bool {
    d.evidence.iter().any(|&(si, ..)| {
        let (a, b) = doc.sentences[si];
        words.iter().any(|w| doc.text()[a..b].contains(w))
    })
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
        // A meeting of the county's own officials or bodies (县委书记…主持召开县委常委会,
        // 召开县政府党组会议) met in the county whose outlet the document is (阜城宣传): a
        // county has no smaller place to give.
        if drafts[i].place.is_none() && drafts[i].kind == EventType::Meeting {
            let home = rec.home_region.filter(|&h| g.get(h).level == Level::County);
            let local = |h: usize| {
                drafts[i].persons.iter().any(|&(p, _)| rec.persons[p].offices.iter().any(|o| o.region == Some(h)))
                    || says(doc, &drafts[i], &["县委", "县政府", "县人大", "县政协"])
            };
            drafts[i].place = home.filter(|&h| local(h));
        }
    }
    // 与会人员…进行了座谈交流: a meeting of "those present" has the persons of what that
    // day's event before it gathered (the signing ceremony they attended).
    for i in 0..drafts.len() {
        if drafts[i].kind != EventType::Meeting || !drafts[i].persons.is_empty() || drafts[i].date.is_none() {
            continue;
        }
        let present = says(doc, &drafts[i], &["与会"]);
        let before = (0..i).rev().find(|&j| {
            drafts[j].kind != EventType::Visit && drafts[j].date == drafts[i].date && !drafts[j].persons.is_empty()
        });
        if let Some(j) = before.filter(|_| present) {
            drafts[i].persons = drafts[j].persons.iter().map(|(p, _)| (*p, vec![Role::Attendee])).collect();
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
    // An undated event of the headline happened when the story's first dated event did.
    if let Some(first) = drafts.iter().filter(|d| d.explicit_date).min_by_key(|d| d.first_sentence).and_then(|d| d.date.clone()) {
        for d in drafts.iter_mut().filter(|d| d.date.is_none() && d.first_sentence <= 2) {
            d.date = Some(first.clone());
        }
    }
    drafts.retain(|d| !d.persons.is_empty() || !d.collectives.is_empty());
}

crate::word_set!(collective_words, [
    "党政代表团", "代表团", "考察团", "调研组", "工作组", "督导组", "一行",
    "两省区", "两省", "两市", "两区", "两县", "两地", "双方", "中共中央政治局", "中央政治局", "国务院"
]);

fn collectives_in(
    text: &str,
    regions: &[cadre_recognise::RegionMention],
    s: usize,
    e: usize,
) -> Vec<(String, Option<usize>)> {
    let sent = &text[s..e];
    let mut out: Vec<(String, Option<usize>)> = Vec::new();
    for (a, b, w) in collective_words().find(sent) {
        let (at, end) = (s + a, s + b);
        if COLLECTIVES.contains(&w) {
            // The region written before it: 广西党政代表团, 巴中市党政代表团.
            let region = regions
                .iter()
                .rev()
                .find(|m| m.end <= at && (m.end == at || text[m.end..at] == *"党政" || text[m.end..at] == *"市"));
            if let Some(m) = region {
                let name = text[m.start..end].to_string();
                if !out.iter().any(|(n, _)| n.contains(&name) || name.contains(n.as_str())) {
                    out.push((name, Some(m.region())));
                }
            } else if w != "一行" && !out.iter().any(|(n, _)| n.ends_with(w)) {
                out.push((w.to_string(), None));
            }
        } else if !out.iter().any(|(n, _)| n.contains(w)) {
            out.push((w.to_string(), None));
        }
    }
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
/// Words that open a list of toured sites, in the order they are tried.
const SITE_OPENERS: [&str; 7] = ["深入", "来到", "走进", "考察了", "参观了", "走访", "先后到"];

fn sites(sent: &str) -> Vec<String> {
    static OPENERS: std::sync::OnceLock<cadre_recognise::lexicon::WordList> = std::sync::OnceLock::new();
    let openers = OPENERS.get_or_init(|| cadre_recognise::lexicon::WordList::new(&SITE_OPENERS));
    // One pass finds where each opener first ends (no opener overlaps another).
    let mut first_end: [Option<usize>; SITE_OPENERS.len()] = [None; SITE_OPENERS.len()];
    for (_, k, w) in openers.find(sent) {
        if let Some(i) = SITE_OPENERS.iter().position(|&o| o == w) {
            first_end[i].get_or_insert(k);
        }
    }
    for k in first_end.into_iter().flatten() {
        let after = &sent[k..];
        let Some(end) = after.find('等') else { continue };
        let list = &after[..end];
        if list.contains(['。', ';']) || list.chars().count() < 4 {
            continue;
        }
        return list
            .split(['、', ',', '及'])
            .map(|s| s.trim())
            .filter(|s| s.chars().count() >= 2)
            .map(str::to_string)
            .collect();
    }
    Vec::new()
}
