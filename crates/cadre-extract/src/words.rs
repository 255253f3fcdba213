//! Small fixed word lists scanned with one automaton instead of one substring search per
//! word: the extractor asks "which of these words occur here" for every sentence.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

pub struct WordSet {
    words: Vec<&'static str>,
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut ws: Vec<&'static str> = words.to_vec();
        ws.sort_unstable();
        ws.dedup();
        let patvals = ws.iter().enumerate().map(|(i, w)| (*w, i as u32));
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(patvals)
            .expect("word lists are non-empty and unique");
        WordSet { words: ws, automaton }
    }

    /// Leftmost-longest occurrences: (byte start, byte end, word).
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize, &'static str)> + 'a {
        self.automaton.leftmost_find_iter(text).map(|m| (m.start(), m.end(), self.words[m.value() as usize]))
    }

    pub fn any_in(&self, text: &str) -> bool {
        self.automaton.leftmost_find_iter(text).next().is_some()
    }
}

/// A lazily built word set: `static X: Lazy = words!["a", "b"];`
#[macro_export]
macro_rules! word_set {
    ($name:ident, [$($w:expr),* $(,)?]) => {
        fn $name() -> &'static $crate::words::WordSet {
            static SET: std::sync::OnceLock<$crate::words::WordSet> = std::sync::OnceLock::new();
            SET.get_or_init(|| $crate::words::WordSet::new(&[$($w),*]))
        }
    };
}
