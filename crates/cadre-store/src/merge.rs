//! Merging rules, as pure functions (the SQL side is in ingest.rs).
//!
//! - **Reprints**: documents whose 5-character shingle sets have Jaccard
//!   ≥ [`REPRINT_JACCARD`]. Candidates come from MinHash LSH bands
//!   ([`fingerprint`], [`band_keys`]) and are ranked by the Jaccard estimated
//!   from stored signatures ([`estimated_jaccard`]); only the best few
//!   (≤ [`REPRINT_EXACT_CHECKS`], estimate ≥ [`REPRINT_ESTIMATE_FLOOR`]) get
//!   the exact Jaccard on the two texts, so the threshold is not blurred by
//!   MinHash variance and the cost per document does not grow with the store.
//! - **Events**: same type, overlapping date bounds, participant sets with
//!   Jaccard ≥ [`EVENT_PERSON_JACCARD`] (or both without persons and the same
//!   place) → one event. See [`event_match_score`].
//! - **Persons**: same name and compatible offices. See [`person_score`].

use std::collections::HashSet;

use crate::dates;

/// Shingle length in characters: long enough that unrelated Chinese texts
/// share few shingles, short enough that an edited header changes few.
pub const SHINGLE: usize = 5;
/// Jaccard of shingle sets above which a document is a reprint.
pub const REPRINT_JACCARD: f64 = 0.8;
/// Jaccard of participant sets above which two same-type, same-date events merge.
pub const EVENT_PERSON_JACCARD: f64 = 0.5;
/// MinHash signature length and LSH banding (16 bands × 4 rows: a pair with
/// Jaccard 0.8 becomes a candidate with probability > 0.999).
pub const MINHASH: usize = 64;
pub const BANDS: usize = 16;
/// Two offices in different provinces closer than this (days) cannot belong
/// to one person; further apart, it may be a career move.
pub const CAREER_MOVE_DAYS: i64 = 730;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// Hashed 5-char shingles of the letters and digits of a text (punctuation,
/// spaces and markup-like noise are dropped so that reformatting is invisible).
pub fn shingles(text: &str) -> HashSet<u64> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut set = HashSet::new();
    if chars.is_empty() {
        return set;
    }
    if chars.len() < SHINGLE {
        set.insert(fnv1a(chars.iter().collect::<String>().as_bytes()));
        return set;
    }
    let mut buf = String::new();
    for w in chars.windows(SHINGLE) {
        buf.clear();
        buf.extend(w.iter());
        set.insert(fnv1a(buf.as_bytes()));
    }
    set
}

/// Exact Jaccard of two sets.
pub fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// MinHash signature of a shingle set.
pub fn fingerprint(sh: &HashSet<u64>) -> Vec<u64> {
    (0..MINHASH)
        .map(|i| {
            let seed = splitmix(i as u64 + 1);
            sh.iter()
                .map(|h| splitmix(h ^ seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

pub fn fingerprint_hex(sig: &[u64]) -> String {
    sig.iter().map(|v| format!("{v:016x}")).collect()
}

/// A signature as stored in `doc_sigs.sig`: big-endian u64s (the bytes of
/// [`fingerprint_hex`]).
pub fn sig_blob(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// The inverse of [`sig_blob`].
pub fn sig_from_blob(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes")))
        .collect()
}

/// Jaccard estimated from two MinHash signatures: the share of equal slots
/// (standard deviation ≈ √(J(1−J)/64) ≈ 0.05 at J = 0.8).
pub fn estimated_jaccard(a: &[u64], b: &[u64]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64
}

/// Candidates whose estimated Jaccard is below this are not checked exactly
/// (four standard deviations below [`REPRINT_JACCARD`] at 64 slots).
pub const REPRINT_ESTIMATE_FLOOR: f64 = 0.6;
/// At most this many candidates (best estimates first) get the exact check.
pub const REPRINT_EXACT_CHECKS: usize = 8;

/// Width class of event date bounds, stored in `events.span_class`:
/// 0 one day, 1 ≤ 31 days, 2 ≤ 366 days, 3 wider.
pub fn span_class(width_days: i64) -> i64 {
    match width_days {
        i64::MIN..=0 => 0,
        1..=31 => 1,
        32..=366 => 2,
        _ => 3,
    }
}

/// Widest range of each [`span_class`] (class 3: the merge horizon).
pub fn span_class_max(class: i64, horizon: i64) -> i64 {
    match class {
        0 => 0,
        1 => 31,
        2 => 366,
        _ => horizon,
    }
}

/// LSH band keys of a signature: documents sharing a key are candidates.
pub fn band_keys(sig: &[u64]) -> Vec<i64> {
    let rows = sig.len() / BANDS;
    (0..BANDS)
        .map(|b| {
            let mut bytes = Vec::with_capacity(8 * (rows + 1));
            bytes.extend_from_slice(&(b as u64).to_le_bytes());
            for v in &sig[b * rows..(b + 1) * rows] {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            fnv1a(&bytes) as i64
        })
        .collect()
}

/// Whether two inclusive date ranges overlap.
pub fn overlaps(a: (&str, &str), b: (&str, &str)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Score of merging a new event with a stored one of the same type and
/// overlapping dates: Some(jaccard) if they are one occurrence.
///
/// Both with persons → Jaccard of person ids ≥ 0.5. Both without persons →
/// same (non-empty) place. One with and one without → merged at the same place: a
/// report that names only the collective actors (两省区在广州召开会议) tells the same
/// occurrence as one that names the leaders.
pub fn event_match_score(
    a: &HashSet<i64>,
    b: &HashSet<i64>,
    place_a: Option<&str>,
    place_b: Option<&str>,
) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return match (place_a, place_b) {
            (Some(x), Some(y)) if !x.is_empty() && x == y => Some(1.0),
            _ => None,
        };
    }
    if a.is_empty() || b.is_empty() {
        return match (place_a, place_b) {
            (Some(x), Some(y)) if !x.is_empty() && x == y => Some(0.5),
            _ => None,
        };
    }
    let j = jaccard(a, b);
    (j >= EVENT_PERSON_JACCARD).then_some(j)
}

/// An office of a person for the compatibility rule.
#[derive(Debug, Clone)]
pub struct OfficeKey {
    /// Jurisdiction as written ('' if none).
    pub jurisdiction: String,
    /// Province code (two digits) when the jurisdiction is a known region.
    pub province: Option<String>,
    /// Whether the post is a controlled post (not `other`).
    pub controlled: bool,
    /// Dated span of the office (first, last), if any.
    pub span: Option<(String, String)>,
}

/// How well a person of a new document fits a stored person of the same name:
/// None if incompatible, else a score (higher is better).
///
/// - 2: they share a province or a jurisdiction written the same way;
/// - 1: one side has no localised office (a byline, a bare mention, or only
///   central / non-regional posts): nothing contradicts;
/// - career move (1): all their regional offices are in different provinces,
///   but each pair is controlled posts ≥ [`CAREER_MOVE_DAYS`] apart;
/// - otherwise None: two officials with the same name in different provinces
///   at overlapping (or unknown) times are two people.
///
/// `中央` and non-regional bodies are neutral: a central post does not
/// localise a person, since provincial leaders often hold one too.
pub fn person_score(new: &[OfficeKey], old: &[OfficeKey]) -> Option<u32> {
    let shared = new.iter().any(|n| {
        old.iter().any(|o| {
            (n.province.is_some() && n.province == o.province)
                || (!n.jurisdiction.is_empty()
                    && n.jurisdiction == o.jurisdiction
                    && n.jurisdiction != "中央")
        })
    });
    if shared {
        return Some(2);
    }
    let new_loc: Vec<&OfficeKey> = new.iter().filter(|k| k.province.is_some()).collect();
    let old_loc: Vec<&OfficeKey> = old.iter().filter(|k| k.province.is_some()).collect();
    if new_loc.is_empty() || old_loc.is_empty() {
        return Some(1);
    }
    let far_apart = |a: &OfficeKey, b: &OfficeKey| -> bool {
        if !(a.controlled && b.controlled) {
            return false;
        }
        let (Some((a0, a1)), Some((b0, b1))) = (&a.span, &b.span) else {
            return false;
        };
        let gap = match (
            dates::days(a0),
            dates::days(a1),
            dates::days(b0),
            dates::days(b1),
        ) {
            (Some(a0), Some(a1), Some(b0), Some(b1)) => {
                if a1 < b0 {
                    b0 - a1
                } else if b1 < a0 {
                    a0 - b1
                } else {
                    0
                }
            }
            _ => 0,
        };
        gap >= CAREER_MOVE_DAYS
    };
    if new_loc
        .iter()
        .all(|a| old_loc.iter().all(|b| far_apart(a, b)))
    {
        Some(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(j: &str, p: Option<&str>, span: Option<(&str, &str)>) -> OfficeKey {
        OfficeKey {
            jurisdiction: j.into(),
            province: p.map(str::to_string),
            controlled: true,
            span: span.map(|(a, b)| (a.into(), b.into())),
        }
    }

    #[test]
    fn reprint_similarity() {
        let body = "广东省党政代表团在广西壮族自治区考察，双方举行座谈会，共同推动两广合作取得新成效。会议指出，要深化东西部协作，推进产业转移。";
        let a = shingles(body);
        let b = shingles(&format!("来源：某报 编辑：李明\n{body}"));
        assert!(jaccard(&a, &b) >= REPRINT_JACCARD);
        let fa = fingerprint(&a);
        let fb = fingerprint(&b);
        let ka = band_keys(&fa);
        let kb = band_keys(&fb);
        assert!(ka.iter().any(|k| kb.contains(k)));
    }

    #[test]
    fn persons() {
        let gd = key("广东省", Some("44"), Some(("2024-01-01", "2024-03-01")));
        let gx = key(
            "广西壮族自治区",
            Some("45"),
            Some(("2024-02-01", "2024-02-01")),
        );
        let gx_late = key(
            "广西壮族自治区",
            Some("45"),
            Some(("2029-02-01", "2029-02-01")),
        );
        let central = key("中央", None, None);
        let one = std::slice::from_ref;
        assert_eq!(person_score(one(&gd), one(&gd)), Some(2));
        assert_eq!(person_score(one(&gd), one(&gx)), None);
        assert_eq!(person_score(one(&gx_late), one(&gd)), Some(1));
        assert_eq!(person_score(&[], one(&gd)), Some(1));
        assert_eq!(person_score(one(&central), one(&gd)), Some(1));
    }

    #[test]
    fn events() {
        let a: HashSet<i64> = [1, 2, 3].into();
        let b: HashSet<i64> = [1, 2].into();
        let c: HashSet<i64> = [4].into();
        assert!(event_match_score(&a, &b, None, None).is_some());
        assert!(event_match_score(&a, &c, None, None).is_none());
        let e = HashSet::new();
        assert!(event_match_score(&e, &e, Some("广州市"), Some("广州市")).is_some());
        assert!(event_match_score(&e, &e, None, None).is_none());
    }
}
