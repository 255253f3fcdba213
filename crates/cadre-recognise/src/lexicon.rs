//! Loading the data files of `data/` (embedded at compile time) into automata.
//!
//! Every file is UTF-8 text: `#` starts a comment line, TSV files have the columns their
//! header comment names. A malformed line is an error naming the file and line.

use foldhash::{HashSet, HashSetExt};
use std::sync::OnceLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::gazetteer::Gazetteer;
use crate::posts::Posts;

/// A data file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

pub(crate) const REGIONS: &str = include_str!("../../../data/regions.tsv");
pub(crate) const REGION_ABBREV: &str = include_str!("../../../data/region_abbrev.tsv");
pub(crate) const POSTS: &str = include_str!("../../../data/posts.tsv");
pub(crate) const SURNAMES: &str = include_str!("../../../data/surnames.txt");
pub(crate) const SURNAMES_JAPANESE: &str = include_str!("../../../data/surnames_japanese.txt");
pub(crate) const BOUNDARIES: &str = include_str!("../../../data/name_boundaries.txt");
pub(crate) const COUNTRIES: &str = include_str!("../../../data/countries.txt");
pub(crate) const NOT_NAMES: &str = include_str!("../../../data/not_names.txt");
pub(crate) const GIVEN_CHARS: &str = include_str!("../../../data/given_chars.txt");
pub(crate) const NAME_CUES: &str = include_str!("../../../data/name_cues.tsv");
pub(crate) const SURNAMES_AMBIGUOUS: &str = include_str!("../../../data/surnames_ambiguous.txt");
pub(crate) const TRANSLIT_CHARS: &str = include_str!("../../../data/translit_chars.txt");
pub(crate) const KNOWN_PERSONS_CN: &str = include_str!("../../../data/known_persons_cn.tsv");
pub(crate) const KNOWN_PERSONS_WORLD: &str = include_str!("../../../data/known_persons_world.tsv");
pub(crate) const KNOWN_PERSONS_HISTORY: &str = include_str!("../../../data/known_persons_history.tsv");
pub(crate) const KNOWN_PERSONS_WORDLIKE: &str = include_str!("../../../data/known_persons_wordlike.txt");

/// Rows of a TSV file with their 1-based line numbers; comments and blank lines skipped.
pub(crate) fn tsv_rows<'a>(
    file: &'a str,
    text: &'a str,
    min_cols: usize,
) -> Result<Vec<(usize, Vec<&'a str>)>, LexiconError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < min_cols {
            return Err(LexiconError {
                file: file.to_string(),
                line: i + 1,
                reason: format!("expected {min_cols} tab-separated columns, found {}", cols.len()),
            });
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

/// Whitespace-separated words of a word-list file.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.starts_with('#')).flat_map(|l| l.split_whitespace())
}

/// Builds a leftmost-longest automaton whose values index `patterns`.
pub fn automaton<S: AsRef<str>>(patterns: &[S]) -> CharwiseDoubleArrayAhoCorasick<u32> {
    let patvals: Vec<(&str, u32)> =
        patterns.iter().enumerate().map(|(i, p)| (p.as_ref(), i as u32)).collect();
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(patvals)
        .expect("lexicon patterns are non-empty and unique")
}

/// A fixed list of words scanned with one automaton.
pub struct WordList {
    words: Vec<&'static str>,
    engine: Engine,
}

/// Lists of a few dozen words are scanned by the aho-corasick crate, whose prefilter skips
/// the text between their rare first bytes several times faster than a double array
/// walks it; long lists (names, posts) by daachorse's double array, faster for them.
enum Engine {
    Few(aho_corasick::AhoCorasick),
    Many(CharwiseDoubleArrayAhoCorasick<u32>),
}

/// Up to this many words a list counts as short.
const FEW_WORDS: usize = 40;

/// Leftmost-longest matches of a [`WordList`] as (start, end, index of the word).
enum WordMatches<'a> {
    Few(aho_corasick::FindIter<'a, 'a>),
    Many(daachorse::charwise::iter::LeftmostFindIterator<'a, &'a str, u32>),
}

impl Iterator for WordMatches<'_> {
    type Item = (usize, usize, usize);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            WordMatches::Few(it) => it.next().map(|m| (m.start(), m.end(), m.pattern().as_usize())),
            WordMatches::Many(it) => it.next().map(|m| (m.start(), m.end(), m.value() as usize)),
        }
    }
}

impl WordList {
    pub fn new(words: &[&'static str]) -> WordList {
        let mut words = words.to_vec();
        words.sort_unstable();
        words.dedup();
        let engine = if words.len() <= FEW_WORDS {
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&words)
                .expect("a short word list builds");
            Engine::Few(ac)
        } else {
            Engine::Many(automaton(&words))
        };
        WordList { words, engine }
    }

    fn matches<'a>(&'a self, text: &'a str) -> WordMatches<'a> {
        match &self.engine {
            Engine::Few(ac) => WordMatches::Few(ac.find_iter(text)),
            Engine::Many(da) => WordMatches::Many(da.leftmost_find_iter(text)),
        }
    }

    /// Leftmost-longest occurrences: (byte start, byte end, word).
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize, &'static str)> + 'a {
        self.matches(text).map(|(a, b, i)| (a, b, self.words[i]))
    }

    /// Does any of the words occur in `text`?
    pub fn any_in(&self, text: &str) -> bool {
        self.matches(text).next().is_some()
    }
}

/// Everything the recognisers look up, built once per process.
pub struct Lexicon {
    pub gazetteer: Gazetteer,
    pub posts: Posts,
    pub surnames: Surnames,
    pub boundaries: Boundaries,
    /// Foreign states and their capitals, for titles such as 赞比亚总统.
    pub countries: WordSet,
    /// Common words that begin with a surname character (应该, 严格, 全会), and those of
    /// them that no longer name begins with either.
    pub not_names: HashSet<String>,
    pub not_name_prefixes: HashSet<String>,
    /// Cues and character classes that vouch for names read without a title.
    pub name_cues: NameCues,
    /// Characters of transliterated foreign names (`data/translit_chars.txt`).
    pub translit: CharSet,
    /// Names of well-known persons (`data/known_persons_*.tsv`).
    pub known_persons: WordList,
    /// Known names that are also everyday words (汪洋, 万里): only with a cue or in a list.
    pub known_wordlike: HashSet<&'static str>,
    /// The two-character foreign and historical names among them (普京, 布什, 牛顿): they
    /// run on into longer words (克里 in 克里姆林宫), so they need a word that ends names
    /// after them.
    pub known_foreign_short: HashSet<&'static str>,
    /// The given names of the known Chinese three-character names (小平 of 邓小平): named
    /// alone before 同志 they are still the person's name.
    pub known_given_names: HashSet<&'static str>,
    /// Japanese family names (`data/surnames_japanese.txt`), read only between strong cues.
    pub japanese_surnames: HashSet<&'static str>,
    /// The known names and the Japanese family names in one automaton: one scan of a
    /// document finds both.
    pub known_and_families: WordList,
}

impl Lexicon {
    /// The lexicon built from the data files embedded in the binary.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::build().unwrap_or_else(|e| panic!("embedded data file is broken: {e}")))
    }

    pub fn build() -> Result<Lexicon, LexiconError> {
        let cn = known_names("known_persons_cn.tsv", KNOWN_PERSONS_CN)?;
        let world = known_names("known_persons_world.tsv", KNOWN_PERSONS_WORLD)?;
        let history = known_names("known_persons_history.tsv", KNOWN_PERSONS_HISTORY)?;
        let surnames = Surnames::build(SURNAMES);
        let japanese: Vec<&'static str> = words(SURNAMES_JAPANESE).collect();
        let known_given_names = cn
            .iter()
            .chain(&history)
            .filter_map(|n| surnames.given_name(n))
            .collect();
        Ok(Lexicon {
            gazetteer: Gazetteer::build(REGIONS, REGION_ABBREV)?,
            posts: Posts::build(POSTS)?,
            surnames,
            boundaries: Boundaries::build(BOUNDARIES),
            countries: WordSet::new(words(COUNTRIES)),
            not_names: words(NOT_NAMES).map(|w| w.trim_end_matches('*').to_string()).collect(),
            not_name_prefixes: words(NOT_NAMES).filter_map(|w| w.strip_suffix('*')).map(str::to_string).collect(),
            name_cues: NameCues::build(NAME_CUES, GIVEN_CHARS, SURNAMES_AMBIGUOUS)?,
            translit: CharSet::of_words(TRANSLIT_CHARS),
            known_persons: WordList::new(&[&cn[..], &world[..], &history[..]].concat()),
            known_and_families: WordList::new(&[&cn[..], &world[..], &history[..], &japanese[..]].concat()),
            known_wordlike: words(KNOWN_PERSONS_WORDLIKE).collect(),
            known_foreign_short: world.iter().chain(&history).copied().filter(|n| n.chars().count() == 2).collect(),
            known_given_names,
            japanese_surnames: japanese.iter().copied().collect(),
        })
    }
}

/// The names (first column) of a known-person file, of two characters or more.
fn known_names(file: &'static str, text: &'static str) -> Result<Vec<&'static str>, LexiconError> {
    Ok(tsv_rows(file, text, 2)?.into_iter().map(|(_, cols)| cols[0].trim()).filter(|n| n.chars().count() >= 2).collect())
}

/// A set of words looked up at the end or the start of a text: only the few suffixes or
/// prefixes as long as a word of the set can be are tried, not every word. Foreign states
/// and cities (赞比亚总统) and the cue words before names (教授|王兆国) are asked so for
/// every title and candidate name.
pub struct WordSet {
    words: HashSet<Box<str>>,
    max_chars: usize,
    /// The last two characters of the words of two or more: most texts end in a pair no
    /// word ends in, and one lookup of the pair spares one per suffix length.
    last_pairs: HashSet<(char, char)>,
    has_single: bool,
}

impl WordSet {
    pub(crate) fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordSet {
        let words: HashSet<Box<str>> = words.into_iter().map(|w| w.as_ref().into()).collect();
        let max_chars = words.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let last_pairs = words
            .iter()
            .filter_map(|w| {
                let mut rev = w.chars().rev();
                let (b, a) = (rev.next()?, rev.next()?);
                Some((a, b))
            })
            .collect();
        let has_single = words.iter().any(|w| w.chars().count() == 1);
        WordSet { words, max_chars, last_pairs, has_single }
    }

    pub fn contains(&self, s: &str) -> bool {
        self.words.contains(s)
    }

    /// Byte lengths of the words that `s` ends with (赞比亚 and 比亚 end 赞比亚).
    pub fn ending<'a>(&'a self, s: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut rev = s.chars().rev();
        let pair = match (rev.next(), rev.next()) {
            (Some(b), Some(a)) => self.last_pairs.contains(&(a, b)),
            _ => true,
        };
        // Without a word ending in the last pair, only a one-character word can end `s`.
        let take = if pair { self.max_chars } else if self.has_single { 1 } else { 0 };
        s.char_indices().rev().take(take).filter(|&(i, _)| self.words.contains(&s[i..])).map(|(i, _)| s.len() - i)
    }

    /// Does `s` end with a word of the set (赞比亚, 波士顿)?
    pub fn ends(&self, s: &str) -> bool {
        self.ending(s).next().is_some()
    }

    /// Does `s` begin with a word of the set (俄罗斯国防部)?
    pub fn starts(&self, s: &str) -> bool {
        s.char_indices().skip(1).map(|(i, _)| i).chain([s.len()]).take(self.max_chars).any(|e| self.words.contains(&s[..e]))
    }
}

/// A set of characters of the Basic Multilingual Plane as a bitmap: membership tests
/// run for every character the name reader looks at.
#[derive(Clone)]
pub struct CharSet(Vec<u64>);

impl CharSet {
    pub(crate) fn new() -> CharSet {
        CharSet(vec![0; 0x10000 / 64])
    }

    pub(crate) fn insert(&mut self, c: char) {
        let cp = c as usize;
        if cp < 0x10000 {
            self.0[cp / 64] |= 1 << (cp % 64);
        }
    }

    /// Every character of a word-list file (`#` comments skipped).
    pub(crate) fn of_words(text: &str) -> CharSet {
        let mut set = CharSet::new();
        words(text).flat_map(str::chars).for_each(|c| set.insert(c));
        set
    }

    /// The first characters of `words`: a cheap test before an automaton runs.
    pub(crate) fn first_chars<'a>(words: impl IntoIterator<Item = &'a str>) -> CharSet {
        let mut set = CharSet::new();
        for w in words {
            if let Some(c) = w.chars().next() {
                set.insert(c);
            }
        }
        set
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let cp = c as usize;
        cp < 0x10000 && self.0[cp / 64] & (1 << (cp % 64)) != 0
    }
}

/// Single and compound surnames.
pub struct Surnames {
    single: CharSet,
    /// First characters of compound surnames: most characters are not, and the pair
    /// lookup is skipped for them.
    compound_first: CharSet,
    /// Second characters of compound surnames: most pairs are rejected without hashing.
    compound_second: CharSet,
    compound: HashSet<(char, char)>,
}

impl Surnames {
    /// The two-character given name of a three-character Chinese name with a
    /// one-character surname (邓小平 → 小平).
    pub fn given_name<'a>(&self, name: &'a str) -> Option<&'a str> {
        let mut chars = name.char_indices();
        let (at, _) = chars.nth(1)?;
        (name.chars().count() == 3 && self.prefix_len(name) == Some(1)).then(|| &name[at..])
    }

    fn build(text: &str) -> Surnames {
        let mut single = CharSet::new();
        let mut compound_first = CharSet::new();
        let mut compound_second = CharSet::new();
        let mut compound = HashSet::new();
        for w in words(text) {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => single.insert(c),
                (Some(a), Some(b)) => {
                    compound.insert((a, b));
                    compound_first.insert(a);
                    compound_second.insert(b);
                }
                _ => {}
            }
        }
        Surnames { single, compound_first, compound_second, compound }
    }

    /// Can a surname begin with `c`? The test before [`Surnames::prefix_len`] where a
    /// reader asks at every character.
    #[inline]
    pub fn may_begin(&self, c: char) -> bool {
        self.single.contains(c) || self.compound_first.contains(c)
    }

    /// Length in chars of the surname `s` starts with, if any (compound first).
    #[inline]
    pub fn prefix_len(&self, s: &str) -> Option<usize> {
        let mut cs = s.chars();
        let a = cs.next()?;
        if self.compound_first.contains(a) {
            if let Some(b) = cs.next() {
                if self.compound_second.contains(b) && self.compound.contains(&(a, b)) {
                    return Some(2);
                }
            }
        }
        self.single.contains(a).then_some(1)
    }
}

/// Words that end a name when they follow it.
pub struct Boundaries {
    single: CharSet,
    /// First characters of the multi-character words: a cheap test before the automaton.
    first: CharSet,
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
}

impl Boundaries {
    fn build(text: &str) -> Boundaries {
        let mut single = CharSet::new();
        let mut multi: Vec<String> = Vec::new();
        for w in words(text) {
            if w.chars().count() == 1 {
                single.insert(w.chars().next().unwrap_or(' '));
            } else if !multi.iter().any(|m| m == w) {
                multi.push(w.to_string());
            }
        }
        let first = CharSet::first_chars(multi.iter().map(String::as_str));
        Boundaries { single, first, automaton: automaton(&multi) }
    }

    /// Does a multi-character boundary word start at the beginning of `s`?
    pub fn word_at(&self, s: &str) -> bool {
        if !s.chars().next().is_some_and(|c| self.first.contains(c)) {
            return false;
        }
        // Only the first few chars matter; bound the scan.
        let end = s.char_indices().nth(6).map_or(s.len(), |(i, _)| i);
        self.automaton.leftmost_find_iter(&s[..end]).next().is_some_and(|m| m.start() == 0)
    }

    #[inline]
    pub fn is_single(&self, c: char) -> bool {
        self.single.contains(c)
    }
}

/// What vouches for a name found without a title: `data/name_cues.tsv` (words before and
/// after a name), `data/given_chars.txt` and `data/surnames_ambiguous.txt`.
pub struct NameCues {
    before: WordSet,
    /// Last characters of the before-cues: a cue can only end where one of them stands.
    before_last: CharSet,
    pub after: WordList,
    after_first: CharSet,
    pub given: CharSet,
    pub ambiguous_surname: CharSet,
}

impl NameCues {
    fn build(cues: &'static str, given: &str, ambiguous: &str) -> Result<NameCues, LexiconError> {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for (line, cols) in tsv_rows("name_cues.tsv", cues, 2)? {
            match cols[1] {
                "before" => before.push(cols[0]),
                "after" => after.push(cols[0]),
                other => {
                    return Err(LexiconError {
                        file: "name_cues.tsv".into(),
                        line,
                        reason: format!("side must be before or after, not {other:?}"),
                    })
                }
            }
        }
        let after_first = CharSet::first_chars(after.iter().copied());
        let mut before_last = CharSet::new();
        before.iter().filter_map(|w| w.chars().next_back()).for_each(|c| before_last.insert(c));
        Ok(NameCues {
            before_last,
            before: WordSet::new(before),
            after: WordList::new(&after),
            after_first,
            given: CharSet::of_words(given),
            ambiguous_surname: CharSet::of_words(ambiguous),
        })
    }

    /// Does a before-cue end `s` (教授 in …研究院教授)? Looked up by the few suffixes as
    /// long as a cue can be, and only where a cue's last character stands.
    pub fn ends_before(&self, s: &str) -> bool {
        s.chars().next_back().is_some_and(|c| self.before_last.contains(c))
            && self.before.ends(s)
    }

    /// Does an after-cue start at the beginning of `s`?
    pub fn after_at(&self, s: &str) -> bool {
        if !s.chars().next().is_some_and(|c| self.after_first.contains(c)) {
            return false;
        }
        let end = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
        self.after.find(&s[..end]).next().is_some_and(|(a, _, _)| a == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let lx = Lexicon::builtin();
        assert!(lx.gazetteer.len() > 3000);
        assert_eq!(lx.surnames.prefix_len("欧阳杰"), Some(2));
        assert_eq!(lx.surnames.prefix_len("黄坤明"), Some(1));
        assert!(lx.boundaries.word_at("出席会议"));
        assert!(!lx.boundaries.word_at("坤明出席"));
    }

    #[test]
    fn tsv_errors_name_file_and_line() {
        let err = tsv_rows("posts.tsv", "#h\na\tb\nc\n", 2).unwrap_err();
        assert_eq!(err.to_string(), "posts.tsv:3: expected 2 tab-separated columns, found 1");
    }
}
