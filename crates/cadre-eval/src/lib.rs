//! Scores system records against gold records (`cadre-gold/1`, ANNOTATION.md) with the
//! metrics of the reference scorer: persons, offices (controlled posts only) and events
//! (greedy matching on type and person-set overlap), micro-averaged over documents.
//!
//! Records are read as JSON values so that gold files with extra fields (`note`) load.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

pub const CONTROLLED: &[&str] = &[
    "general_secretary", "state_president", "state_vice_president", "cmc_chair",
    "politburo_standing_committee", "politburo_member", "party_secretary",
    "party_deputy_secretary", "party_standing_committee", "government_head",
    "deputy_government_head", "congress_chair", "congress_vice_chair", "cppcc_chair",
    "cppcc_vice_chair", "discipline_secretary",
];
const TYPES: &[&str] = &["meeting", "visit", "signing", "appointment", "removal"];

#[derive(Debug, Clone, PartialEq)]
struct Ev {
    kind: Option<String>,
    date: Option<String>,
    place: Option<String>,
    persons: BTreeSet<String>,
    raw: Value,
}

/// The metrics, named as the reference scorer's `--json` output names them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub documents: usize,
    pub persons_p: f64,
    pub persons_r: f64,
    pub persons_f1: f64,
    pub offices_p: f64,
    pub offices_r: f64,
    pub offices_f1: f64,
    pub events_p: f64,
    pub events_r: f64,
    pub events_f1: f64,
    pub event_date_acc: f64,
    pub event_place_acc: f64,
    pub event_persons_acc: f64,
    pub event_exact_f1: f64,
    pub counts: BTreeMap<String, usize>,
    pub by_type: BTreeMap<String, BTreeMap<String, f64>>,
}

/// One difference between gold and system, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    pub doc: String,
    pub kind: String,
    pub detail: String,
}

fn str_field(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

fn person_set(rec: &Value) -> BTreeSet<String> {
    rec.get("persons")
        .and_then(Value::as_array)
        .map(|ps| ps.iter().filter_map(|p| str_field(p, "name")).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default()
}

fn office_set(rec: &Value) -> BTreeSet<(String, Option<String>, String)> {
    let mut out = BTreeSet::new();
    for p in rec.get("persons").and_then(Value::as_array).into_iter().flatten() {
        let Some(name) = str_field(p, "name") else { continue };
        for o in p.get("offices").and_then(Value::as_array).into_iter().flatten() {
            if let Some(post) = str_field(o, "post").filter(|p| CONTROLLED.contains(&p.as_str())) {
                out.insert((name.clone(), str_field(o, "jurisdiction"), post));
            }
        }
    }
    out
}

fn events(rec: &Value) -> Vec<Ev> {
    rec.get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| Ev {
            kind: str_field(e, "type"),
            date: str_field(e, "date"),
            place: str_field(e, "place"),
            persons: e
                .get("persons")
                .and_then(Value::as_array)
                .map(|ps| ps.iter().filter_map(|p| p.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            raw: e.clone(),
        })
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    inter / union
}

/// Greedy matching, best overlap first; ties prefer the same date, then the same place.
fn match_events(gold: &[Ev], system: &[Ev]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (si, s) in system.iter().enumerate() {
            if g.kind != s.kind {
                continue;
            }
            let score = if g.persons.is_empty() && s.persons.is_empty() {
                if g.date != s.date {
                    continue;
                }
                1.0
            } else {
                let j = jaccard(&g.persons, &s.persons);
                if j < 0.5 {
                    continue;
                }
                j
            };
            let tie = f64::from(u8::from(g.date == s.date)) + f64::from(u8::from(g.place == s.place)) * 0.5;
            cands.push((score, tie, gi, si));
        }
    }
    cands.sort_by(|a, b| {
        b.0.partial_cmp(&a.0).unwrap().then(b.1.partial_cmp(&a.1).unwrap()).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3))
    });
    let (mut used_g, mut used_s, mut pairs) = (BTreeSet::new(), BTreeSet::new(), Vec::new());
    for (_, _, gi, si) in cands {
        if used_g.contains(&gi) || used_s.contains(&si) {
            continue;
        }
        used_g.insert(gi);
        used_s.insert(si);
        pairs.push((gi, si));
    }
    pairs
}

fn prf(tp: usize, n_sys: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_sys > 0 { tp as f64 / n_sys as f64 } else if n_gold == 0 { 1.0 } else { 0.0 };
    let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

fn fmt_ev(e: &Ev) -> String {
    let persons: Vec<&str> = e.persons.iter().map(String::as_str).collect();
    format!(
        "{} {} {} {:?}",
        e.kind.as_deref().unwrap_or("null"),
        e.date.as_deref().unwrap_or("null"),
        e.place.as_deref().unwrap_or("null"),
        persons
    )
}

/// Scores `system` against `gold` (both keyed by document id). A document missing
/// from `system` counts as an empty extraction.
pub fn score(gold: &[(String, Value)], system: &HashMap<String, Value>, errors: Option<&mut Vec<ErrorItem>>) -> Metrics {
    let mut c: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_type: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut errs: Vec<ErrorItem> = Vec::new();
    let empty = Value::Object(Default::default());
    for (id, g) in gold {
        let s = system.get(id).unwrap_or(&empty);
        let mut add = |k: &str, n: usize| *c.entry(k.to_string()).or_default() += n;
        let (gp, sp) = (person_set(g), person_set(s));
        add("p_tp", gp.intersection(&sp).count());
        add("p_sys", sp.len());
        add("p_gold", gp.len());
        let (go, so) = (office_set(g), office_set(s));
        add("o_tp", go.intersection(&so).count());
        add("o_sys", so.len());
        add("o_gold", go.len());
        let (ge, se) = (events(g), events(s));
        let pairs = match_events(&ge, &se);
        add("e_tp", pairs.len());
        add("e_sys", se.len());
        add("e_gold", ge.len());
        for t in TYPES {
            let bt = by_type.entry(t.to_string()).or_default();
            *bt.entry("gold".into()).or_default() += ge.iter().filter(|e| e.kind.as_deref() == Some(t)).count();
            *bt.entry("sys".into()).or_default() += se.iter().filter(|e| e.kind.as_deref() == Some(t)).count();
            *bt.entry("tp".into()).or_default() += pairs.iter().filter(|(gi, _)| ge[*gi].kind.as_deref() == Some(t)).count();
        }
        for &(gi, si) in &pairs {
            let (gg, ss) = (&ge[gi], &se[si]);
            let d = gg.date == ss.date;
            let pl = gg.place == ss.place;
            let pe = gg.persons == ss.persons;
            add("e_date", usize::from(d));
            add("e_place", usize::from(pl));
            add("e_persons", usize::from(pe));
            add("e_exact", usize::from(d && pl && pe));
            if !(d && pl && pe) {
                errs.push(ErrorItem { doc: id.clone(), kind: "event-diff".into(), detail: format!("gold {} | sys {}", fmt_ev(gg), fmt_ev(ss)) });
            }
        }
        for n in gp.difference(&sp) {
            errs.push(ErrorItem { doc: id.clone(), kind: "person-missed".into(), detail: n.clone() });
        }
        for n in sp.difference(&gp) {
            errs.push(ErrorItem { doc: id.clone(), kind: "person-spurious".into(), detail: n.clone() });
        }
        for o in go.difference(&so) {
            errs.push(ErrorItem { doc: id.clone(), kind: "office-missed".into(), detail: format!("{o:?}") });
        }
        for o in so.difference(&go) {
            errs.push(ErrorItem { doc: id.clone(), kind: "office-spurious".into(), detail: format!("{o:?}") });
        }
        let mg: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
        let ms: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
        for (i, e) in ge.iter().enumerate().filter(|(i, _)| !mg.contains(i)) {
            let _ = i;
            errs.push(ErrorItem { doc: id.clone(), kind: "event-missed".into(), detail: fmt_ev(e) });
        }
        for (i, e) in se.iter().enumerate().filter(|(i, _)| !ms.contains(i)) {
            let _ = (i, &e.raw);
            errs.push(ErrorItem { doc: id.clone(), kind: "event-spurious".into(), detail: fmt_ev(e) });
        }
    }
    if let Some(out) = errors {
        *out = errs;
    }
    let n = |k: &str| c.get(k).copied().unwrap_or(0);
    let mut m = Metrics { documents: gold.len(), ..Default::default() };
    (m.persons_p, m.persons_r, m.persons_f1) = prf(n("p_tp"), n("p_sys"), n("p_gold"));
    (m.offices_p, m.offices_r, m.offices_f1) = prf(n("o_tp"), n("o_sys"), n("o_gold"));
    (m.events_p, m.events_r, m.events_f1) = prf(n("e_tp"), n("e_sys"), n("e_gold"));
    let tp = n("e_tp");
    let acc = |k: &str| if tp > 0 { n(k) as f64 / tp as f64 } else { 0.0 };
    m.event_date_acc = acc("e_date");
    m.event_place_acc = acc("e_place");
    m.event_persons_acc = acc("e_persons");
    m.event_exact_f1 = prf(n("e_exact"), n("e_sys"), n("e_gold")).2;
    m.counts = c;
    m.by_type = by_type
        .into_iter()
        .map(|(t, v)| {
            let f1 = prf(v["tp"], v["sys"], v["gold"]).2;
            let mut row: BTreeMap<String, f64> = v.into_iter().map(|(k, x)| (k, x as f64)).collect();
            row.insert("f1".into(), (f1 * 10000.0).round() / 10000.0);
            (t, row)
        })
        .collect();
    m
}

impl Metrics {
    /// The human-readable report, laid out like the reference scorer's.
    pub fn render(&self) -> String {
        let mut s = format!("documents          {}\n", self.documents);
        for (k, p, r, f) in [
            ("persons", self.persons_p, self.persons_r, self.persons_f1),
            ("offices", self.offices_p, self.offices_r, self.offices_f1),
            ("events", self.events_p, self.events_r, self.events_f1),
        ] {
            s += &format!("{k:<18} P {p:.3}  R {r:.3}  F1 {f:.3}\n");
        }
        s += &format!("event date acc     {:.3}\n", self.event_date_acc);
        s += &format!("event place acc    {:.3}\n", self.event_place_acc);
        s += &format!("event persons acc  {:.3}\n", self.event_persons_acc);
        s += &format!("event exact F1     {:.3}\n", self.event_exact_f1);
        s
    }

    /// Named values for floors and reports.
    pub fn get(&self, name: &str) -> Option<f64> {
        Some(match name {
            "persons_f1" => self.persons_f1,
            "offices_f1" => self.offices_f1,
            "events_f1" => self.events_f1,
            "event_date_acc" => self.event_date_acc,
            "event_place_acc" => self.event_place_acc,
            "event_persons_acc" => self.event_persons_acc,
            "event_exact_f1" => self.event_exact_f1,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn perfect_and_empty() {
        let g = json!({"id":"a","persons":[{"name":"黄坤明","offices":[{"jurisdiction":"广东省","post":"party_secretary","title":"x"}]}],
                       "events":[{"type":"meeting","date":"2024-02-27","place":"广州市","persons":["黄坤明"]}]});
        let gold = vec![("a".to_string(), g.clone())];
        let sys: HashMap<String, Value> = [("a".to_string(), g)].into();
        let m = score(&gold, &sys, None);
        assert_eq!((m.persons_f1, m.offices_f1, m.events_f1, m.event_exact_f1), (1.0, 1.0, 1.0, 1.0));
        let m = score(&gold, &HashMap::new(), None);
        assert_eq!((m.persons_f1, m.events_f1), (0.0, 0.0));
    }

    #[test]
    fn events_match_on_half_overlap() {
        let g = json!({"events":[{"type":"meeting","date":"2024-02-27","place":null,"persons":["甲","乙"]}]});
        let s = json!({"events":[{"type":"meeting","date":"2024-02-26","place":null,"persons":["甲"]}]});
        let m = score(&[("a".into(), g)], &[("a".to_string(), s)].into(), None);
        assert_eq!(m.events_f1, 1.0);
        assert_eq!(m.event_date_acc, 0.0);
    }
}
