//! Small fixed word lists of the extractor, each scanned with one automaton (the
//! recogniser's [`WordList`](cadre_recognise::lexicon::WordList)) instead of one
//! substring search per word: the extractor asks "which of these words occur here" for
//! every sentence.

/// A lazily built word list: `word_set!(name, ["a", "b"]);` defines `fn name()`.
#[macro_export]
macro_rules! word_set {
    ($name:ident, [$($w:expr),* $(,)?]) => {
        $crate::word_set!($name, &[$($w),*]);
    };
    // A list that is also used as a constant: `word_set!(name, LIST);`.
    ($name:ident, $list:expr) => {
        fn $name() -> &'static cadre_recognise::lexicon::WordList {
            static SET: std::sync::OnceLock<cadre_recognise::lexicon::WordList> = std::sync::OnceLock::new();
            SET.get_or_init(|| cadre_recognise::lexicon::WordList::new($list))
        }
    };
}
