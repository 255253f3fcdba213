//! The post lexicon (`data/posts.tsv`): title words and the controlled post they denote.

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::gazetteer::{Level, Region};
use crate::lexicon::{automaton, tsv_rows, LexiconError};

/// What region a title refers to when none is written before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Province,
    City,
    County,
    District,
    Prefecture,
    /// Needs a region written before it (广东省人大常委会主任).
    Region,
    /// 中央.
    Central,
    /// A body written before it (招商局集团董事长).
    Org,
}

impl Scope {
    /// Can a region of this kind hold a title of this scope?
    pub fn fits(self, r: &Region) -> bool {
        match self {
            Scope::Province => r.level == Level::Province,
            Scope::City => {
                r.is_municipality()
                    || (r.level == Level::Prefecture && r.name.ends_with('市'))
                    || (r.level == Level::County && r.name.ends_with('市'))
            }
            Scope::County => r.level == Level::County && (r.name.ends_with('县') || r.name.ends_with('旗')),
            Scope::District => r.level == Level::County && r.name.ends_with('区'),
            Scope::Prefecture => r.level == Level::Prefecture,
            Scope::Region => true,
            Scope::Central | Scope::Org => false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PostEntry {
    pub word: String,
    /// A controlled post, `other`, `inherit` or `inherit_deputy`.
    pub post: String,
    pub scope: Scope,
    /// party, gov, congress, cppcc, discipline, central, other, inherit.
    pub body: String,
}

pub struct Posts {
    pub entries: Vec<PostEntry>,
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    first: crate::lexicon::CharSet,
    /// The words again, for lookups at the end of a text, and their last characters.
    by_end: crate::lexicon::WordSet,
    last: crate::lexicon::CharSet,
}

/// A title word found in the text.
#[derive(Debug, Clone, Copy)]
pub struct PostMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Posts {
    pub fn build(tsv: &str) -> Result<Posts, LexiconError> {
        let mut entries = Vec::new();
        for (line, cols) in tsv_rows("posts.tsv", tsv, 4)? {
            let scope = match cols[2] {
                "province" => Scope::Province,
                "city" => Scope::City,
                "county" => Scope::County,
                "district" => Scope::District,
                "prefecture" => Scope::Prefecture,
                "region" => Scope::Region,
                "central" => Scope::Central,
                "org" => Scope::Org,
                other => {
                    return Err(LexiconError { file: "posts.tsv".into(), line, reason: format!("unknown scope {other:?}") })
                }
            };
            if entries.iter().any(|e: &PostEntry| e.word == cols[0]) {
                return Err(LexiconError { file: "posts.tsv".into(), line, reason: format!("duplicate word {}", cols[0]) });
            }
            entries.push(PostEntry { word: cols[0].into(), post: cols[1].into(), scope, body: cols[3].into() });
        }
        let words: Vec<&str> = entries.iter().map(|e| e.word.as_str()).collect();
        let first = crate::lexicon::CharSet::first_chars(words.iter().copied());
        let mut last = crate::lexicon::CharSet::new();
        words.iter().filter_map(|w| w.chars().next_back()).for_each(|c| last.insert(c));
        Ok(Posts { automaton: automaton(&words), by_end: crate::lexicon::WordSet::new(&words), last, entries, first })
    }

    pub fn find(&self, text: &str) -> Vec<PostMatch> {
        self.automaton
            .leftmost_find_iter(text)
            .map(|m| PostMatch { start: m.start(), end: m.end(), entry: m.value() as usize })
            .collect()
    }

    /// Does a title word start at the beginning of `s`?
    pub fn starts_at(&self, s: &str) -> bool {
        if !s.chars().next().is_some_and(|c| self.first.contains(c)) {
            return false;
        }
        self.find(crate::window(s, 0, 12)).first().is_some_and(|m| m.start == 0)
    }

    /// Does a title word end `s` (理事长 in 中国企业联合会理事长)?
    pub fn ends(&self, s: &str) -> bool {
        s.chars().next_back().is_some_and(|c| self.last.contains(c)) && self.by_end.ends(s)
    }

    pub fn entry(&self, m: &PostMatch) -> &PostEntry {
        &self.entries[m.entry]
    }

    /// Post for a title whose body comes from the title before it in a chain
    /// (政协党组书记、主席 → cppcc_chair).
    pub fn inherited(post: &str, body: &str) -> String {
        let deputy = post == "inherit_deputy";
        match (body, deputy) {
            ("cppcc", false) => "cppcc_chair",
            ("cppcc", true) => "cppcc_vice_chair",
            ("congress", false) => "congress_chair",
            ("congress", true) => "congress_vice_chair",
            ("gov", false) => "government_head",
            ("gov", true) => "deputy_government_head",
            _ => "other",
        }
        .to_string()
    }
}
