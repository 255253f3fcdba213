//! Extract: from a document to Cadre's full [`Record`]: persons with offices, events
//! (meeting, visit, signing, appointment, removal) with roles, dates, places and
//! evidence, and statements.
//!
//! The stages run in order: normalise (`cadre-normalise`) → recognise
//! (`cadre-recognise`, `cadre-time`) → events ([`events`], [`careers`]) → record
//! ([`record`], which maps every offset back to the original text).
//!
//! ```
//! use cadre_model::SourceDoc;
//! let doc = SourceDoc {
//!     id: "demo".into(),
//!     text: "2024年3月5日，广东省委书记黄坤明在广州会见客人。".into(),
//!     ..Default::default()
//! };
//! let rec = cadre_extract::Extractor::new().extract(&doc);
//! let gold = rec.to_gold();
//! assert_eq!(gold.events[0].date.as_deref(), Some("2024-03-05"));
//! assert_eq!(gold.events[0].place.as_deref(), Some("广州市"));
//! ```

pub mod careers;
pub mod dates;
pub mod events;
pub mod places;
pub mod record;
pub mod running;
pub mod statements;
pub mod triggers;
pub mod words;

use cadre_model::{Record, SourceDoc};
use cadre_recognise::Lexicon;

pub use triggers::Triggers;

/// What every stage needs, built once and shared by all documents.
pub struct Extractor {
    lx: &'static Lexicon,
    triggers: &'static Triggers,
}

/// The items of `xs` (in text order) that start in `s..e`, found by binary search: the
/// stages ask this for every sentence and every trigger.
pub(crate) fn starting_in<T>(xs: &[T], s: usize, e: usize, start: impl Fn(&T) -> usize) -> &[T] {
    let a = xs.partition_point(|x| start(x) < s);
    let b = a + xs[a..].partition_point(|x| start(x) < e);
    &xs[a..b]
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// A document as the extraction stages see it.
pub struct Doc<'a> {
    pub source: &'a SourceDoc,
    pub norm: cadre_normalise::NormText,
    pub sentences: Vec<(usize, usize)>,
    pub rec: cadre_recognise::Recognition,
    pub times: Vec<cadre_time::TimeMention>,
    pub reference: dates::Reference,
    /// Person mentions of each sentence in text order: (person index, mention).
    pub mentions: Vec<Vec<(usize, cadre_recognise::NameMention)>>,
}

impl<'a> Doc<'a> {
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// The sentence that holds the byte range `[start, end)` whole, if one does.
    pub fn sentence_holding(&self, start: usize, end: usize) -> Option<usize> {
        cadre_recognise::sentence_of(&self.sentences, start).filter(|&si| end <= self.sentences[si].1)
    }

    /// Time mentions that start in `s..e`.
    pub fn times_from(&self, s: usize, e: usize) -> &[cadre_time::TimeMention] {
        starting_in(&self.times, s, e, |t| t.start)
    }

    /// The region mention that starts at byte `at`, if any.
    pub fn region_at(&self, at: usize) -> Option<&cadre_recognise::RegionMention> {
        starting_in(&self.rec.regions, at, at + 1, |m| m.start).first()
    }

    /// The person mentions of sentence `si`, in text order.
    pub fn mentions_in(&self, si: usize) -> &[(usize, cadre_recognise::NameMention)] {
        &self.mentions[si]
    }
}

impl Extractor {
    pub fn new() -> Self {
        Extractor { lx: Lexicon::builtin(), triggers: Triggers::builtin() }
    }

    /// Runs the whole pipeline on one document.
    pub fn extract(&self, source: &SourceDoc) -> Record {
        let doc = self.analyse(source);
        let drafts = events::extract(self.lx, self.triggers, &doc);
        let careers = careers::extract(self.lx, &doc);
        let statements = statements::extract(&doc);
        record::build(self.lx, &doc, drafts, careers, statements)
    }

    /// Normalise and recognise, without events.
    pub fn analyse<'a>(&self, source: &'a SourceDoc) -> Doc<'a> {
        let norm = cadre_normalise::normalise(&source.text);
        let sentences = cadre_normalise::split_sentences(&norm.text);
        let rec = cadre_recognise::recognise(self.lx, &norm.text, &sentences);
        let (reference, mut times) = dates::resolve(source, &norm.text, &sentences, &rec);
        // The page's own stamp dates no event.
        if let Some((a, b)) = reference.stamp {
            times.retain(|t| t.end <= a || t.start >= b);
        }
        let mut mentions = vec![Vec::new(); sentences.len()];
        for (pi, p) in rec.persons.iter().enumerate() {
            for m in &p.mentions {
                if let Some(v) = mentions.get_mut(m.sentence) {
                    v.push((pi, m.clone()));
                }
            }
        }
        for v in &mut mentions {
            v.sort_by_key(|(_, m)| m.start);
        }
        Doc { source, norm, sentences, rec, times, reference, mentions }
    }
}
