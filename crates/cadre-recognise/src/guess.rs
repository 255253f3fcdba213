//! Names without a title: a surname, one or two given-name characters, and a context that
//! vouches for them (`data/name_cues.tsv`).
//!
//! Every candidate is explainable by three facts: the surname (`data/surnames.txt`,
//! word-like ones in `data/surnames_ambiguous.txt` need a strong cue), the given-name
//! characters (`data/given_chars.txt`), and the words on either side:
//!
//! | left of the name                 | right of the name                     |
//! |----------------------------------|---------------------------------------|
//! | cue: an occupation (教授, 记者)    | cue: 说, 表示, 先生, 同志, 主席, 等人   |
//! | open: start, punctuation, 、      | end: punctuation, a boundary word     |
//! | weak: 同, 和, 与, 对, 向, 由, 的…  | other: the name runs into a word      |
//!
//! A three-character name needs a left side that is not `other` and a right side that is
//! not `other`; a two-character name (surname + one character) needs a cue on one side.

use crate::lexicon::Lexicon;
use crate::names::is_delimiter;
use cadre_normalise::is_han;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Cue,
    Open,
    Weak,
    Other,
}

/// Characters before a name that leave it a name (prepositions, conjunctions, 的, 有).
const WEAK_LEFT: &str = "同和与对向给由被让请有是的及跟把叫找陪令使据为在了将";

/// Names in `text[s..e]` read from their context, skipping byte ranges already `taken`.
pub(crate) fn guessed_names(lx: &Lexicon, text: &str, s: usize, e: usize, taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let sent = &text[s..e];
    let cues = &lx.name_cues;
    let mut before_ends: Option<Vec<usize>> = None;
    let mut out = Vec::new();
    let mut skip_to = 0;
    let mut prev: Option<char> = None;
    for (i, c) in sent.char_indices() {
        let p = prev;
        prev = Some(c);
        if i < skip_to {
            continue;
        }
        let Some(k) = lx.surnames.prefix_len(&sent[i..]) else { continue };
        let gi = i + sent[i..].chars().take(k).map(char::len_utf8).sum::<usize>();
        let mut given = sent[gi..].chars();
        let Some(c1) = given.next() else { continue };
        if !is_han(c1) {
            continue;
        }
        let at = s + i;
        if taken.iter().any(|&(a, b)| a <= at && at < b) {
            continue;
        }
        let left = match p {
            None => Side::Open,
            Some(pc) if is_delimiter(pc) => Side::Open,
            Some(pc) => {
                let ends = before_ends.get_or_insert_with(|| cues.before.find(sent).map(|(_, b, _)| b).collect());
                if ends.contains(&i) {
                    Side::Cue
                } else if WEAK_LEFT.contains(pc) {
                    Side::Weak
                } else {
                    Side::Other
                }
            }
        };
        if left != Side::Cue && !cues.given.contains(c1) {
            continue;
        }
        // The given name may not open with a word that ends names (王先生, 李说).
        let rest = &sent[gi..];
        if cues.after_at(rest) || lx.boundaries.word_at(rest) || (lx.boundaries.is_single(c1) && !cues.given.contains(c1)) {
            continue;
        }
        let ambiguous = k == 1 && (cues.ambiguous_surname.contains(c) || lx.boundaries.is_single(c));
        let c2 = given.next();
        let mut found = None;
        for g in [2usize, 1] {
            let end = if g == 2 {
                let Some(c2) = c2 else { continue };
                if !is_han(c2) || lx.boundaries.is_single(c2) || !(cues.given.contains(c2) || left == Side::Cue) {
                    continue;
                }
                if lx.boundaries.word_at(&rest[c1.len_utf8()..]) || cues.after_at(&rest[c1.len_utf8()..]) {
                    continue;
                }
                gi + c1.len_utf8() + c2.len_utf8()
            } else {
                gi + c1.len_utf8()
            };
            if !(cues.given.contains(c1) || left == Side::Cue) {
                continue;
            }
            let right_s = &sent[end..];
            let right = match right_s.chars().next() {
                None => Side::Open,
                Some(rc) if is_delimiter(rc) || rc.is_ascii_digit() => Side::Open,
                Some(rc) => {
                    if cues.after_at(right_s) || lx.posts.starts_at(right_s) {
                        Side::Cue
                    } else if lx.boundaries.is_single(rc) || lx.boundaries.word_at(right_s) {
                        Side::Weak
                    } else {
                        Side::Other
                    }
                }
            };
            let ok = if g == 2 {
                (left != Side::Other && right != Side::Other && (!ambiguous || left == Side::Cue || right == Side::Cue))
                    || (right == Side::Cue && !ambiguous)
            } else {
                (left == Side::Cue && right != Side::Other) || (right == Side::Cue && left != Side::Other && !ambiguous)
            };
            if ok {
                found = Some(end);
                break;
            }
        }
        let Some(end) = found else { continue };
        // Not a place after a verb-like surname (任河南省委副书记), not an editor's line.
        if lx.gazetteer.starts_at(crate::window(sent, gi, 6)) {
            continue;
        }
        if ["编辑:", "编辑:", "责编:", "编辑 ", "校对:", "审核:"].iter().any(|w| sent[..i].ends_with(w)) {
            continue;
        }
        let name = &sent[i..end];
        if crate::titles::is_not_a_name(lx, name) {
            continue;
        }
        if taken.iter().any(|&(a, b)| a < s + end && s + i < b) {
            continue;
        }
        out.push((s + i, s + end));
        skip_to = end;
    }
    out
}
