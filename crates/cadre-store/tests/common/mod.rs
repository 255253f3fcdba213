//! Builders of synthetic records for the tests (texts written for them).
#![allow(dead_code)]

use cadre_model::*;

pub struct Doc {
    rec: Record,
}

impl Doc {
    pub fn new(id: &str, published: &str) -> Doc {
        Doc {
            rec: Record {
                id: id.into(),
                url: Some(format!("https://example.org/{id}")),
                title: None,
                published: Some(published.into()),
                authors: vec![],
                reference_date: Some(published.into()),
                reference_source: Some("published".into()),
                text: String::new(),
                sentences: vec![],
                entities: vec![],
                persons: vec![],
                events: vec![],
                statements: vec![],
            },
        }
    }

    pub fn title(mut self, t: &str) -> Doc {
        self.rec.title = Some(t.into());
        self
    }

    /// A header line that is not a sentence (like a reprint's source line).
    pub fn header(mut self, h: &str) -> Doc {
        self.rec.text.push_str(h);
        self.rec.text.push('\n');
        self
    }

    /// Appends a sentence; returns its index.
    pub fn sentence(&mut self, text: &str) -> usize {
        let start = self.rec.text.chars().count();
        self.rec.text.push_str(text);
        let end = self.rec.text.chars().count();
        self.rec.sentences.push(SentenceRef {
            span: Span::new(start, end),
        });
        self.rec.sentences.len() - 1
    }

    pub fn sentence_text(&self, i: usize) -> String {
        let s = self.rec.sentences[i].span;
        self.rec
            .text
            .chars()
            .skip(s.start)
            .take(s.end - s.start)
            .collect()
    }

    /// Evidence for `words` in sentence `i` (the whole sentence if absent).
    pub fn evidence(&self, i: usize, words: &str) -> Evidence {
        let text = self.sentence_text(i);
        let s = self.rec.sentences[i].span;
        let span = match text.find(words) {
            Some(b) if !words.is_empty() => {
                let st = s.start + text[..b].chars().count();
                Span::new(st, st + words.chars().count())
            }
            _ => s,
        };
        Evidence {
            sentence: i,
            span,
            text,
            rule: "test".into(),
        }
    }

    /// A person with an office read in sentence `i` (`title` as written).
    pub fn office(
        &mut self,
        name: &str,
        i: usize,
        jurisdiction: Option<&str>,
        post: &str,
        title: &str,
    ) {
        let evidence = self.evidence(i, title);
        let fact = OfficeFact {
            office: Office {
                jurisdiction: jurisdiction.map(str::to_string),
                post: post.into(),
                title: title.into(),
            },
            evidence,
        };
        match self.rec.persons.iter_mut().find(|p| p.name == name) {
            Some(p) => p.offices.push(fact),
            None => self.rec.persons.push(PersonRecord {
                name: name.into(),
                how: "official".into(),
                offices: vec![fact],
            }),
        }
    }

    pub fn event(
        &mut self,
        kind: EventType,
        date: Option<&str>,
        place: Option<&str>,
        participants: &[(&str, &[Role])],
        sentences: &[usize],
        agreements: &[&str],
    ) {
        let evidence = sentences.iter().map(|&i| self.evidence(i, "")).collect();
        self.rec.events.push(Event {
            kind,
            date: date.map(str::to_string),
            place: place.map(str::to_string),
            participants: participants
                .iter()
                .map(|(n, r)| Participant {
                    name: n.to_string(),
                    roles: r.to_vec(),
                })
                .collect(),
            collectives: vec![],
            sites: vec![],
            agreements: agreements.iter().map(|s| s.to_string()).collect(),
            agreement_count: None,
            office: None,
            evidence,
        });
    }

    pub fn appointment(
        &mut self,
        kind: EventType,
        date: &str,
        name: &str,
        office: Office,
        i: usize,
    ) {
        let evidence = vec![self.evidence(i, "")];
        self.rec.events.push(Event {
            kind,
            date: Some(date.into()),
            place: None,
            participants: vec![Participant {
                name: name.into(),
                roles: vec![Role::Subject],
            }],
            collectives: vec![],
            sites: vec![],
            agreements: vec![],
            agreement_count: None,
            office: Some(office),
            evidence,
        });
    }

    pub fn region(&mut self, name: &str, code: &str, i: usize) {
        let evidence = self.evidence(i, name);
        self.rec.entities.push(Entity {
            kind: EntityKind::Region,
            name: name.into(),
            code: Some(code.into()),
            mentions: vec![Mention {
                span: evidence.span,
                text: name.into(),
                sentence: i,
            }],
        });
    }

    pub fn agreement_entity(&mut self, name: &str, i: usize) {
        let evidence = self.evidence(i, name);
        self.rec.entities.push(Entity {
            kind: EntityKind::Agreement,
            name: name.into(),
            code: None,
            mentions: vec![Mention {
                span: evidence.span,
                text: name.into(),
                sentence: i,
            }],
        });
    }

    pub fn build(self) -> Record {
        self.rec
    }
}

pub fn hash(rec: &Record) -> String {
    cadre_store::content_hash(&format!(
        "{}\u{0}{}",
        rec.title.as_deref().unwrap_or(""),
        rec.text
    ))
}

pub const GD_SEC: (&str, &str, &str) = ("广东省", "party_secretary", "广东省委书记");

/// The Guangzhou meeting of 2024-02-27 as a Guangdong paper would report it.
pub fn guangzhou_meeting_gd(id: &str) -> Record {
    guangzhou_meeting_gd_with_header(id, "")
}

/// The same, after a header line (a reprint's source and editor line).
pub fn guangzhou_meeting_gd_with_header(id: &str, header: &str) -> Record {
    let mut d = Doc::new(id, "2024-02-28").title("广西党政代表团来粤考察 两省区举行座谈会");
    if !header.is_empty() {
        d = d.header(header);
    }
    let s0 = d.sentence("2月27日，广西壮族自治区党委书记刘宁率领广西党政代表团来粤考察，并在广州市出席粤桂两省区座谈会。");
    let s1 = d.sentence("广东省委书记黄坤明主持座谈会，广东省省长王伟中介绍广东经济社会发展情况。");
    let s2 = d.sentence("广西壮族自治区主席蓝天立介绍广西有关情况，双方表示要深化东西部协作，推动粤桂合作再上新台阶。");
    let s3 = d.sentence("会上，两省区签署了《深化粤桂东西部协作框架协议》。");
    d.office(
        "刘宁",
        s0,
        Some("广西壮族自治区"),
        "party_secretary",
        "广西壮族自治区党委书记",
    );
    d.office(
        "黄坤明",
        s1,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.office(
        "王伟中",
        s1,
        Some("广东省"),
        "government_head",
        "广东省省长",
    );
    d.office(
        "蓝天立",
        s2,
        Some("广西壮族自治区"),
        "government_head",
        "广西壮族自治区主席",
    );
    d.region("广东省", "44", s1);
    d.region("广西壮族自治区", "45", s0);
    d.event(
        EventType::Visit,
        Some("2024-02-27"),
        Some("广东省"),
        &[("刘宁", &[Role::Leader]), ("蓝天立", &[Role::Member])],
        &[s0],
        &[],
    );
    d.event(
        EventType::Meeting,
        Some("2024-02-27"),
        Some("广州市"),
        &[
            ("黄坤明", &[Role::Chair]),
            ("刘宁", &[Role::Speaker]),
            ("王伟中", &[Role::Speaker]),
            ("蓝天立", &[Role::Speaker]),
        ],
        &[s0, s1, s2],
        &[],
    );
    d.event(
        EventType::Signing,
        Some("2024-02-27"),
        Some("广州市"),
        &[("黄坤明", &[Role::Witness]), ("刘宁", &[Role::Witness])],
        &[s3],
        &["深化粤桂东西部协作框架协议"],
    );
    d.build()
}

/// The same meeting in a Guangxi paper's own words (not a reprint).
pub fn guangzhou_meeting_gx(id: &str) -> Record {
    let mut d = Doc::new(id, "2024-02-28").title("自治区党政代表团赴广东学习考察");
    let s0 = d.sentence(
        "27日下午，粤桂两省区在广州召开座谈会，自治区党委书记刘宁、广东省委书记黄坤明出席并讲话。",
    );
    let s1 = d.sentence(
        "自治区主席蓝天立，广东省省长王伟中参加座谈，大家一致认为两广山水相连、人缘相亲。",
    );
    d.office(
        "刘宁",
        s0,
        Some("广西壮族自治区"),
        "party_secretary",
        "自治区党委书记",
    );
    d.office(
        "黄坤明",
        s0,
        Some("广东省"),
        "party_secretary",
        "广东省委书记",
    );
    d.office(
        "蓝天立",
        s1,
        Some("广西壮族自治区"),
        "government_head",
        "自治区主席",
    );
    d.office(
        "王伟中",
        s1,
        Some("广东省"),
        "government_head",
        "广东省省长",
    );
    d.region("广西壮族自治区", "45", s0);
    d.event(
        EventType::Meeting,
        Some("2024-02-27"),
        Some("广州市"),
        &[
            ("刘宁", &[Role::Speaker]),
            ("黄坤明", &[Role::Speaker]),
            ("蓝天立", &[Role::Attendee]),
            ("王伟中", &[Role::Attendee]),
        ],
        &[s0, s1],
        &[],
    );
    d.build()
}
