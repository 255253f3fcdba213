//! Assembles the full [`Record`], mapping every offset back to the original text.

use std::collections::BTreeMap;

use cadre_model::{
    Entity, EntityKind, Event, EventType, Evidence, Mention, Office, OfficeFact, Participant, PersonRecord, Record,
    SentenceRef, Span, Statement,
};
use cadre_recognise::{Found, Lexicon};

use crate::careers::CareerStep;
use crate::events::Draft;
use crate::Doc;

/// Original-text view: char offsets and slices.
struct Original<'a> {
    text: &'a str,
    /// Byte offset of every char, plus the end.
    bytes: Vec<usize>,
}

impl<'a> Original<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Original { text, bytes }
    }

    fn slice(&self, span: Span) -> &'a str {
        let a = self.bytes[span.start.min(self.bytes.len() - 1)];
        let b = self.bytes[span.end.min(self.bytes.len() - 1)];
        &self.text[a..b]
    }
}

pub fn build(
    lx: &Lexicon,
    doc: &Doc,
    drafts: Vec<Draft>,
    careers: Vec<CareerStep>,
    statements: Vec<(usize, &'static str, usize, usize, usize)>,
) -> Record {
    let g = &lx.gazetteer;
    let orig = Original::new(&doc.source.text);
    let span = |a: usize, b: usize| {
        let (s, e) = doc.norm.orig_span(a, b);
        Span::new(s, e)
    };
    let sentences: Vec<SentenceRef> = doc.sentences.iter().map(|&(a, b)| SentenceRef { span: span(a, b) }).collect();
    let evidence = |si: usize, a: usize, b: usize, rule: &str| Evidence {
        sentence: si,
        span: span(a, b),
        text: orig.slice(sentences[si].span).to_string(),
        rule: rule.to_string(),
    };

    // Persons, with the offices of their titles and of their career steps.
    let mut persons: Vec<PersonRecord> = doc
        .rec
        .persons
        .iter()
        .map(|p| {
            let how = if p.byline {
                "byline"
            } else if p.mentions.iter().any(|m| m.found == Found::Title) {
                "official"
            } else {
                "mentioned"
            };
            let offices = p
                .offices
                .iter()
                .map(|o| OfficeFact {
                    office: Office { jurisdiction: o.jurisdiction.clone(), post: o.post.clone(), title: o.title.clone() },
                    evidence: evidence(o.sentence, o.start, o.end, o.rule),
                })
                .collect();
            PersonRecord { name: p.name.clone(), how: how.to_string(), offices }
        })
        .collect();
    for c in &careers {
        let pr = &mut persons[c.person];
        if !pr.offices.iter().any(|o| o.office.post == c.office.post && o.office.jurisdiction == c.office.jurisdiction) {
            pr.offices.push(OfficeFact { office: c.office.clone(), evidence: evidence(c.sentence, c.start, c.end, c.rule) });
        }
    }

    // Entities: persons and regions with their mentions.
    let mut entities: Vec<Entity> = doc
        .rec
        .persons
        .iter()
        .map(|p| Entity {
            kind: EntityKind::Person,
            name: p.name.clone(),
            code: None,
            mentions: p
                .mentions
                .iter()
                .map(|m| {
                    let sp = span(m.start, m.end);
                    Mention { span: sp, text: orig.slice(sp).to_string(), sentence: m.sentence }
                })
                .collect(),
        })
        .collect();
    let mut by_eponym: BTreeMap<&str, Vec<Mention>> = BTreeMap::new();
    for &(a, b) in &doc.rec.eponyms {
        let Some(si) = doc.sentence_holding(a, b) else { continue };
        let sp = span(a, b);
        by_eponym.entry(&doc.text()[a..b]).or_default().push(Mention { span: sp, text: orig.slice(sp).to_string(), sentence: si });
    }
    for (name, mentions) in by_eponym {
        entities.push(Entity { kind: EntityKind::Eponym, name: name.to_string(), code: None, mentions });
    }
    let mut by_region: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
    for m in &doc.rec.regions {
        let Some(si) = doc.sentence_holding(m.start, m.end) else { continue };
        let sp = span(m.start, m.end);
        by_region.entry(m.region()).or_default().push(Mention { span: sp, text: orig.slice(sp).to_string(), sentence: si });
    }
    for (r, mentions) in by_region {
        let region = g.get(r);
        entities.push(Entity { kind: EntityKind::Region, name: region.name.clone(), code: Some(region.code.clone()), mentions });
    }

    // Time expressions, with their resolved value as the code.
    for t in &doc.times {
        let Some(si) = doc.sentence_holding(t.start, t.end) else { continue };
        let sp = span(t.start, t.end);
        entities.push(Entity {
            kind: EntityKind::Time,
            name: t.text.clone(),
            code: Some(t.value.to_gold()),
            mentions: vec![Mention { span: sp, text: orig.slice(sp).to_string(), sentence: si }],
        });
    }
    // Bodies that hold offices (招商局集团, 省发改委): organisations.
    for p in &persons {
        for o in &p.offices {
            let Some(j) = o.office.jurisdiction.as_ref() else { continue };
            if j == "中央" || lx.gazetteer.by_name(j).is_some() {
                continue;
            }
            match entities.iter_mut().find(|e| e.kind == EntityKind::Organisation && &e.name == j) {
                Some(_) => {}
                None => entities.push(Entity { kind: EntityKind::Organisation, name: j.clone(), code: None, mentions: Vec::new() }),
            }
        }
    }

    let name_of = |p: usize| doc.rec.persons[p].name.clone();
    let mut events: Vec<Event> = Vec::new();
    for d in drafts {
        for (name, _) in &d.collectives {
            if !entities.iter().any(|e| e.kind == EntityKind::Collective && &e.name == name) {
                entities.push(Entity { kind: EntityKind::Collective, name: name.clone(), code: None, mentions: Vec::new() });
            }
        }
        for a in &d.agreements {
            if !entities.iter().any(|e| e.kind == EntityKind::Agreement && &e.name == a) {
                entities.push(Entity { kind: EntityKind::Agreement, name: a.clone(), code: None, mentions: Vec::new() });
            }
        }
        // Companies and parks a visit went to.
        for site in &d.sites {
            if !entities.iter().any(|e| e.kind == EntityKind::Organisation && &e.name == site) {
                entities.push(Entity { kind: EntityKind::Organisation, name: site.clone(), code: None, mentions: Vec::new() });
            }
        }
        events.push(Event {
            kind: d.kind,
            date: d.date.as_ref().map(|v| v.to_gold()),
            place: d.place.map(|r| g.get(r).name.clone()),
            participants: d.persons.iter().map(|(p, roles)| Participant { name: name_of(*p), roles: roles.clone() }).collect(),
            collectives: d.collectives.iter().map(|(n, _)| n.clone()).collect(),
            sites: d.sites,
            agreements: d.agreements,
            agreement_count: d.agreement_count,
            office: d.office,
            evidence: d.evidence.iter().map(|(si, a, b, rule)| evidence(*si, *a, *b, rule)).collect(),
        });
    }
    for c in careers.into_iter().filter(|c| c.event) {
        let dup = events.iter().any(|e| {
            e.kind == c.kind
                && e.office.as_ref().is_some_and(|o| o.post == c.office.post && o.jurisdiction == c.office.jurisdiction && o.title == c.office.title)
                && e.participants.first().is_some_and(|p| p.name == name_of(c.person))
        });
        if dup {
            continue;
        }
        events.push(Event {
            kind: c.kind,
            date: c.date.as_ref().map(|v| v.to_gold()),
            place: None,
            participants: vec![Participant { name: name_of(c.person), roles: vec![cadre_model::Role::Subject] }],
            collectives: Vec::new(),
            sites: Vec::new(),
            agreements: Vec::new(),
            agreement_count: None,
            office: Some(c.office),
            evidence: vec![evidence(c.sentence, c.start, c.end, c.rule)],
        });
    }
    let _ = EventType::Meeting;

    let statements = statements
        .into_iter()
        .map(|(p, verb, a, b, si)| {
            let sp = span(a, b);
            Statement { speaker: name_of(p), verb: verb.to_string(), content: orig.slice(sp).to_string(), evidence: evidence(si, a, b, "statement") }
        })
        .collect();

    Record {
        id: doc.source.id.clone(),
        url: doc.source.url.clone(),
        title: doc.source.title.clone(),
        published: doc.source.published.clone(),
        authors: doc.source.authors.clone(),
        reference_date: doc.reference.to_gold(),
        reference_source: doc.reference.source.map(str::to_string),
        text: doc.source.text.clone(),
        sentences,
        entities,
        persons,
        events,
        statements,
    }
}
