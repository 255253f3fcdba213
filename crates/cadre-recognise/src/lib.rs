//! Recognise: regions, office titles and persons in a normalised document, driven by
//! the data files in `data/` (compiled into automata on first use).
//!
//! - [`Lexicon`]: the data files as automata (`Lexicon::builtin()`).
//! - [`recognise`]: one document → [`Recognition`]: region mentions, person mentions with
//!   the offices their titles give, and the document's own place (dateline, outlet).
//!
//! ```
//! use cadre_recognise::{recognise, Lexicon};
//! let text = "广东省委书记黄坤明主持会议,省长王伟中出席。";
//! let sentences = cadre_normalise::split_sentences(text);
//! let r = recognise(Lexicon::builtin(), text, &sentences);
//! let names: Vec<&str> = r.persons.iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(names, ["黄坤明", "王伟中"]);
//! assert_eq!(r.persons[1].offices[0].jurisdiction.as_deref(), Some("广东省"));
//! ```

pub mod gazetteer;
mod guess;
mod known;
pub mod lexicon;
pub mod names;
pub mod posts;
mod titles;
mod words;

use foldhash::{HashMap, HashMapExt};

pub use gazetteer::{Gazetteer, Level, Region, RegionMention};
pub use lexicon::{Lexicon, LexiconError};
pub use posts::{PostEntry, Scope};
pub use titles::body_is_regional;
pub use words::{is_dictionary_word, word_ends_at};

/// An office read from a title in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleOffice {
    /// `中央`, a region's full name, a body's name, or None when the text leaves it open.
    pub jurisdiction: Option<String>,
    /// The region, when the jurisdiction is one.
    pub region: Option<usize>,
    pub post: String,
    /// The title as written (normalised), with its region.
    pub title: String,
    /// Byte range of the title in the normalised text.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Which rule produced it, for `--explain`.
    pub rule: &'static str,
}

/// How a person was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Title,
    Byline,
    List,
    NameBeforeTitle,
    Known,
    /// Read from the words around it (教授王兆国, 李瑞环说), see `guess`.
    Context,
    /// A well-known person's name from `data/known_persons_*.tsv`, see `known`.
    Lexicon,
}

/// One occurrence of a person's name.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMention {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub found: Found,
}

/// A person with every mention and office in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub mentions: Vec<NameMention>,
    pub offices: Vec<TitleOffice>,
    /// Found only in a byline (reporter, photographer).
    pub byline: bool,
}

/// What recognition found in one document. Offsets are bytes of the normalised text.
#[derive(Debug, Clone, Default)]
pub struct Recognition {
    pub regions: Vec<RegionMention>,
    pub persons: Vec<Person>,
    /// The region of the document's outlet or dateline (四川日报, 新华社北京…电, 本报杭州讯).
    pub home_region: Option<usize>,
    /// Byte range of the dateline city, where there is one (the event happened there).
    pub dateline_region: Option<usize>,
    /// Known names heading a doctrine (邓小平 in 邓小平理论), as byte ranges: names of
    /// persons, though not persons of the story.
    pub eponyms: Vec<(usize, usize)>,
}

impl Recognition {
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.name == name)
    }

}

/// Recognises regions, titles and persons in normalised `text` cut into `sentences`.
pub fn recognise(lx: &Lexicon, text: &str, sentences: &[(usize, usize)]) -> Recognition {
    let mut regions = lx.gazetteer.find(text);
    let titles = title_mark_ranges(text);
    regions.retain(|m| !titles.iter().any(|&(a, b)| a < m.start && m.start < b));
    lx.gazetteer.disambiguate(&mut regions);
    let (home_region, dateline_region) = titles::home_region(lx, text, &regions, sentences);

    let mut persons: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let (known_occurrences, family_names) = known::occurrences(lx, text);
    // Regions are in text order, as are sentences: one cursor walks both.
    let mut first_region = 0;
    for (si, &(s, e)) in sentences.iter().enumerate() {
        first_region += regions[first_region..].partition_point(|m| m.start < s);
        let sent_regions: Vec<&RegionMention> =
            regions[first_region..].iter().take_while(|m| m.start < e).filter(|m| m.end <= e).collect();
        // Spans already read as names in this sentence: the context reader skips them.
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for found in titles::titled_names(lx, text, s, e, si, &sent_regions, home_region) {
            taken.push((found.mention.start, found.mention.end));
            add_person(&mut persons, &mut index, &found.name, found.mention, found.offices);
        }
        for (a, b, how) in titles::untitled_names(lx, text, s, e, &sent_regions) {
            let name = &text[a..b];
            taken.push((a, b));
            add_person(&mut persons, &mut index, name, NameMention { start: a, end: b, sentence: si, found: how }, Vec::new());
        }
        for (a, b) in guess::guessed_names(lx, text, s, e, &taken) {
            let name = &text[a..b];
            taken.push((a, b));
            add_person(&mut persons, &mut index, name, NameMention { start: a, end: b, sentence: si, found: Found::Context }, Vec::new());
        }
        for (a, b) in known::known_names(lx, text, s, e, &known_occurrences, &sent_regions, &taken) {
            let name = &text[a..b];
            taken.push((a, b));
            add_person(&mut persons, &mut index, name, NameMention { start: a, end: b, sentence: si, found: Found::Lexicon }, Vec::new());
        }
        let mut more = guess::foreign_names(lx, text, s, e, &taken);
        more.extend(guess::japanese_names(lx, text, s, e, &family_names, &taken));
        for (a, b) in more.into_iter().chain(guess::credited_names(lx, text, s, e, &taken)) {
            let name = &text[a..b];
            add_person(&mut persons, &mut index, name, NameMention { start: a, end: b, sentence: si, found: Found::Context }, Vec::new());
        }
    }

    // A title left without a region takes the one an earlier title of the document wrote
    // for the same level (河北省委书记…。省委副书记、省长王正谱).
    let written: Vec<(usize, usize)> = persons
        .iter()
        .flat_map(|p| p.offices.iter())
        .filter(|o| o.rule == "title")
        .filter_map(|o| o.region.map(|r| (o.start, r)))
        .collect();
    for o in persons.iter_mut().flat_map(|p| p.offices.iter_mut()) {
        if o.jurisdiction.is_some() || o.rule != "title-implicit-region" {
            continue;
        }
        let Some(scope) = lx.posts.find(&o.title).last().map(|m| lx.posts.entry(m).scope) else { continue };
        if !matches!(scope, Scope::Province | Scope::City | Scope::County | Scope::District | Scope::Prefecture) {
            continue;
        }
        if let Some(&(_, r)) = written.iter().filter(|(at, r)| *at < o.start && scope.fits(lx.gazetteer.get(*r))).last() {
            o.region = Some(r);
            o.jurisdiction = Some(lx.gazetteer.get(r).name.clone());
            o.rule = "title-document-region";
        }
    }
    // A name that swallowed another name found on its own (马兴瑞艾尔肯·吐尼亚孜 in a
    // headline that runs names together) is a run of names, not a person.
    let names: Vec<String> = persons.iter().map(|p| p.name.clone()).collect();
    persons.retain(|p| !names.iter().any(|n| n.len() < p.name.len() && n.chars().count() >= 2 && p.name.contains(n.as_str())));
    index.clear();
    for (i, p) in persons.iter().enumerate() {
        index.insert(p.name.clone(), i);
    }
    // A name seen once is known for the rest of the document.
    if !persons.is_empty() {
        let names: Vec<String> = persons.iter().map(|p| p.name.clone()).collect();
        // Few names per document: an index by first character beats building an automaton.
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            if let Some(c) = n.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
        }
        // A 256-bit filter on the first characters (a full bitmap would cost more to clear
        // than the scan): most characters of the text begin no known name.
        let mut firsts = [0u64; 4];
        for &c in by_first.keys() {
            let b = c as usize & 255;
            firsts[b / 64] |= 1 << (b % 64);
        }
        let may_begin = |c: char| {
            let b = c as usize & 255;
            firsts[b / 64] & (1 << (b % 64)) != 0
        };
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let mut skip_to = 0;
        for (pos, c) in text.char_indices() {
            if pos < skip_to || !may_begin(c) {
                continue;
            }
            if let Some(cands) = by_first.get(&c) {
                if let Some(&ni) = cands.iter().find(|&&ni| text[pos..].starts_with(names[ni].as_str())) {
                    found.push((pos, pos + names[ni].len(), ni));
                    skip_to = pos + names[ni].len();
                }
            }
        }
        struct Hit(usize, usize, usize);
        impl Hit {
            fn start(&self) -> usize { self.0 }
            fn end(&self) -> usize { self.1 }
            fn value(&self) -> usize { self.2 }
        }
        // Mentions found so far, by start: the new ones never overlap each other.
        let spans = SpanIndex::new(persons.iter().flat_map(|p| &p.mentions).map(|x| (x.start, x.end)));
        for m in found.into_iter().map(|(a, b, v)| Hit(a, b, v)) {
            let si = sentence_of(sentences, m.start());
            let Some(si) = si else { continue };
            let name = &names[m.value()];
            if !whole_name_at(lx, text, name, m.end()) {
                continue;
            }
            // Not inside another person's mention (a title pass may have read it already).
            if spans.overlapping(m.start(), m.end()).any(|(x, _)| x != m.start()) {
                continue;
            }
            let mention = NameMention { start: m.start(), end: m.end(), sentence: si, found: Found::Known };
            add_person(&mut persons, &mut index, name, mention, Vec::new());
        }
    }
    // Lists of names (习近平、李强、赵乐际等在主席台就座): once one member is a person, the
    // other members that read as names are persons too.
    let known: Vec<(usize, usize, usize)> = persons
        .iter()
        .flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end, m.sentence)))
        .collect();
    for (start, end, si) in known {
        let (s, e) = sentences[si];
        let mut at = end;
        while text[at..e].starts_with('、') {
            at += '、'.len_utf8();
            let Some(n) = names::read_name(lx, &text[at..e], names::Trust::Strict) else { break };
            let name = text[at..at + n].to_string();
            if titles::is_not_a_name(lx, &name) {
                break;
            }
            add_person(&mut persons, &mut index, &name, NameMention { start: at, end: at + n, sentence: si, found: Found::List }, Vec::new());
            at += n;
        }
        let mut before = start;
        while text[s..before].ends_with('、') {
            let stop = before - '、'.len_utf8();
            let run_start = text[s..stop]
                .char_indices()
                .rev()
                .take_while(|(_, c)| cadre_normalise::is_han(*c))
                .take(4)
                .last()
                .map_or(stop, |(i, _)| s + i);
            // The run must be exactly one name.
            let cand = &text[run_start..stop];
            let ok = names::read_name(lx, &text[run_start..e], names::Trust::Strict) == Some(cand.len());
            if !ok || titles::is_not_a_name(lx, cand) || !text[s..run_start].chars().next_back().is_none_or(names::is_delimiter) {
                break;
            }
            let name = cand.to_string();
            add_person(&mut persons, &mut index, &name, NameMention { start: run_start, end: stop, sentence: si, found: Found::List }, Vec::new());
            before = run_start;
        }
    }
    // Three or more names in a 、 list (习近平、李强、赵乐际等出席): the list itself vouches
    // for its members, known or not.
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let sent = &text[s..e];
        if !sent.contains('、') {
            continue;
        }
        let mut starts = vec![s];
        starts.extend(sent.char_indices().filter(|(_, c)| matches!(c, ',' | ':' | ' ' | '(')).map(|(i, c)| s + i + c.len_utf8()));
        for start in starts {
            let mut items: Vec<(usize, usize)> = Vec::new();
            let mut at = start;
            while let Some(n) = names::read_name(lx, &text[at..e], names::Trust::Strict) {
                if titles::is_not_a_name(lx, &text[at..at + n]) {
                    break;
                }
                items.push((at, at + n));
                at += n;
                if text[at..e].starts_with('、') {
                    at += '、'.len_utf8();
                } else {
                    break;
                }
            }
            if items.len() >= 3 {
                for (a, b) in items {
                    let name = text[a..b].to_string();
                    add_person(&mut persons, &mut index, &name, NameMention { start: a, end: b, sentence: si, found: Found::List }, Vec::new());
                }
            }
        }
    }
    for p in &mut persons {
        p.mentions.sort_by_key(|m| m.start);
    }
    persons.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.start));
    // Words inside a name are not places (秀山 in 张秀山).
    let spans = SpanIndex::new(persons.iter().flat_map(|p| &p.mentions).map(|m| (m.start, m.end)));
    regions.retain(|r| spans.overlapping(r.start, r.end).next().is_none());
    let eponyms = known::eponyms(lx, text, &known_occurrences, &regions);
    Recognition { regions, persons, home_region, dateline_region, eponyms }
}

fn add_person(
    persons: &mut Vec<Person>,
    index: &mut HashMap<String, usize>,
    name: &str,
    m: NameMention,
    offices: Vec<TitleOffice>,
) {
    // Most calls add a mention to a person already known: look up before allocating a key.
    let i = match index.get(name) {
        Some(&i) => i,
        None => {
            persons.push(Person { name: name.to_string(), mentions: Vec::new(), offices: Vec::new(), byline: true });
            index.insert(name.to_string(), persons.len() - 1);
            persons.len() - 1
        }
    };
    let p = &mut persons[i];
    if !p.mentions.iter().any(|x| x.start == m.start) {
        if m.found != Found::Byline {
            p.byline = false;
        }
        p.mentions.push(m);
    }
    for o in offices {
        if !p.offices.iter().any(|x| x.post == o.post && x.jurisdiction == o.jurisdiction && x.title == o.title) {
            p.offices.push(o);
        }
    }
}

/// Byte spans sorted by start, asked which of them overlap a range: the many-mentions
/// checks of a long document without a scan of every mention per question.
struct SpanIndex {
    spans: Vec<(usize, usize)>,
    longest: usize,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(a, b)| b - a).max().unwrap_or(0);
        SpanIndex { spans, longest }
    }

    /// The spans that share a byte with `a..b`.
    fn overlapping(&self, a: usize, b: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        // A span that overlaps starts before b and no earlier than a - longest.
        let hi = self.spans.partition_point(|&(x, _)| x < b);
        let lo = self.spans[..hi].partition_point(|&(x, _)| x + self.longest <= a);
        self.spans[lo..hi].iter().copied().filter(move |&(_, y)| a < y)
    }
}

/// Does any of `spans` share a byte with `a..b`?
pub(crate) fn overlaps_any(spans: &[(usize, usize)], a: usize, b: usize) -> bool {
    spans.iter().any(|&(x, y)| x < b && a < y)
}

/// The names of the persons recognised in `text`, in order (for the tests of the readers).
#[cfg(test)]
pub(crate) fn test_persons(text: &str) -> Vec<String> {
    let sentences = cadre_normalise::split_sentences(text);
    recognise(Lexicon::builtin(), text, &sentences).persons.into_iter().map(|p| p.name).collect()
}

/// At most `chars` characters of `text` from byte `at`.
pub(crate) fn window(text: &str, at: usize, chars: usize) -> &str {
    let rest = &text[at..];
    let end = rest.char_indices().nth(chars).map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Is the known `name` ending at byte `end` of `text` a name of its own, not a fragment of
/// a longer one (王伟 inside 王伟中 when only 王伟 is known)? Two-character names need
/// what follows to end names.
pub fn whole_name_at(lx: &Lexicon, text: &str, name: &str, end: usize) -> bool {
    let next = text[end..].chars().next();
    !(next.is_some_and(cadre_normalise::is_han) && name.chars().count() == 2 && !names::ends_name(lx, &text[end..]))
}

/// The sentence (of `sentences`, in text order) in which byte `pos` lies.
pub fn sentence_of(sentences: &[(usize, usize)], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|&(_, e)| e <= pos);
    (i < sentences.len() && sentences[i].0 <= pos).then_some(i)
}

/// Byte ranges of 《titles》: regions named in titles of documents are not places. A
/// title opens at the last 《 before its 》; an unclosed 《 runs to the end of the text.
/// (Searches for the marks, not a walk over every character: most text has none.)
fn title_mark_ranges(text: &str) -> Vec<(usize, usize)> {
    const OPEN: char = '《';
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = text[at..].find(OPEN) {
        let first = at + k;
        match text[first..].find('》').map(|c| first + c) {
            Some(close) => {
                let open = first + text[first..close].rfind(OPEN).unwrap_or(0);
                out.push((open, close));
                at = close + '》'.len_utf8();
            }
            None => {
                let open = first + text[first..].rfind(OPEN).unwrap_or(0);
                out.push((open, text.len()));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod title_mark_tests {
    use super::title_mark_ranges;

    #[test]
    fn title_marks() {
        let t = "签署《协议》和《纲要》";
        let r: Vec<&str> = title_mark_ranges(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(r, ["《协议", "《纲要"]);
        // A stray 》 opens nothing; a later 《 replaces an unclosed one; the last runs on.
        let t = "》甲《乙《丙》丁《戊";
        let r: Vec<&str> = title_mark_ranges(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(r, ["《丙", "《戊"]);
    }
}
