//! China's administrative divisions (2023 codes): names, short forms and hierarchy.

use foldhash::{HashMap, HashMapExt};

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::lexicon::{automaton, tsv_rows, LexiconError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
}

impl Region {
    /// 直辖市: a province-level unit whose name ends in 市 (北京市).
    pub fn is_municipality(&self) -> bool {
        self.level == Level::Province && self.name.ends_with('市')
    }
}

/// A region named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionMention {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
    /// Regions the words can name (朝阳区 is in Beijing and in Changchun), best first.
    pub candidates: Vec<usize>,
    /// Written as a short form (广东, 延边州) rather than the full name.
    pub short: bool,
}

impl RegionMention {
    pub fn region(&self) -> usize {
        self.candidates[0]
    }
}

pub struct Gazetteer {
    regions: Vec<Region>,
    by_name: HashMap<String, usize>,
    /// Pattern i names the regions `pattern_regions[i]`.
    pattern_regions: Vec<(Vec<usize>, bool)>,
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    abbrev: HashMap<char, usize>,
}

impl Gazetteer {
    pub fn build(regions_tsv: &str, abbrev_tsv: &str) -> Result<Gazetteer, LexiconError> {
        let rows = tsv_rows("regions.tsv", regions_tsv, 4)?;
        let mut regions = Vec::with_capacity(rows.len());
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for (line, cols) in &rows {
            let level = match cols[2] {
                "province" => Level::Province,
                "prefecture" => Level::Prefecture,
                "county" => Level::County,
                other => {
                    return Err(LexiconError {
                        file: "regions.tsv".into(),
                        line: *line,
                        reason: format!("unknown level {other:?}"),
                    })
                }
            };
            by_code.insert(cols[0].to_string(), regions.len());
            regions.push(Region { code: cols[0].into(), name: cols[1].into(), level, parent: None });
        }
        for (i, (line, cols)) in rows.iter().enumerate() {
            if !cols[3].is_empty() {
                let p = by_code.get(cols[3]).ok_or_else(|| LexiconError {
                    file: "regions.tsv".into(),
                    line: *line,
                    reason: format!("unknown parent code {}", cols[3]),
                })?;
                regions[i].parent = Some(*p);
            }
        }
        // Patterns: full names, then short forms. A full name always beats a short form
        // of another unit (吉林省 vs the city 吉林).
        let mut pat_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_regions: Vec<(Vec<usize>, bool)> = Vec::new();
        let mut add = |p: &str, r: usize, short: bool| {
            let idx = *pat_index.entry(p.to_string()).or_insert_with(|| {
                patterns.push(p.to_string());
                pattern_regions.push((Vec::new(), short));
                patterns.len() - 1
            });
            let entry = &mut pattern_regions[idx];
            if !short && entry.1 {
                // A full name outranks short forms written the same way.
                entry.0.insert(0, r);
                entry.1 = false;
            } else {
                entry.0.push(r);
            }
        };
        for (i, (_, cols)) in rows.iter().enumerate() {
            add(cols[1], i, false);
        }
        for (i, (_, cols)) in rows.iter().enumerate() {
            if let Some(aliases) = cols.get(4) {
                for a in aliases.split(',').filter(|a| !a.is_empty()) {
                    add(a, i, true);
                }
            }
        }
        // Higher levels first among equals: 吉林 is the province before the city.
        for (cands, _) in pattern_regions.iter_mut() {
            cands.sort_by_key(|&r| regions[r].level);
            cands.dedup();
        }
        let mut by_name = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            by_name.entry(r.name.clone()).or_insert(i);
        }
        let mut abbrev = HashMap::new();
        for (line, cols) in tsv_rows("region_abbrev.tsv", abbrev_tsv, 2)? {
            let c = cols[0].chars().next().unwrap_or(' ');
            let r = *by_name.get(cols[1]).ok_or_else(|| LexiconError {
                file: "region_abbrev.tsv".into(),
                line,
                reason: format!("unknown region {}", cols[1]),
            })?;
            abbrev.insert(c, r);
        }
        Ok(Gazetteer { automaton: automaton(&patterns), regions, by_name, pattern_regions, abbrev })
    }

    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    pub fn get(&self, i: usize) -> &Region {
        &self.regions[i]
    }

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The province a one-character abbreviation stands for (粤 → 广东省).
    pub fn abbrev(&self, c: char) -> Option<usize> {
        self.abbrev.get(&c).copied()
    }

    /// All region names in `text`, leftmost-longest.
    pub fn find(&self, text: &str) -> Vec<RegionMention> {
        self.automaton
            .leftmost_find_iter(text)
            .map(|m| {
                let (cands, short) = &self.pattern_regions[m.value() as usize];
                RegionMention { start: m.start(), end: m.end(), candidates: cands.clone(), short: *short }
            })
            .collect()
    }

    /// Is `s` exactly a region's name or short form? (No allocation: asked for every
    /// name candidate.)
    pub fn is_name(&self, s: &str) -> bool {
        self.automaton.leftmost_find_iter(s).next().is_some_and(|m| m.start() == 0 && m.end() == s.len())
    }

    /// Does a region's name or short form start at the beginning of `s`?
    pub fn starts_at(&self, s: &str) -> bool {
        self.automaton.leftmost_find_iter(s).next().is_some_and(|m| m.start() == 0)
    }

    /// `a` or one of its ancestors is `b`.
    pub fn within(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(a);
        while let Some(c) = cur {
            if c == b {
                return true;
            }
            cur = self.regions[c].parent;
        }
        false
    }

    /// The province-level unit of `r`.
    pub fn province_of(&self, r: usize) -> usize {
        let mut cur = r;
        while let Some(p) = self.regions[cur].parent {
            cur = p;
        }
        cur
    }

    /// The smallest region that contains all of `rs`.
    pub fn common_ancestor(&self, rs: &[usize]) -> Option<usize> {
        let first = *rs.first()?;
        let mut cur = Some(first);
        while let Some(c) = cur {
            if rs.iter().all(|&r| self.within(r, c)) {
                return Some(c);
            }
            cur = self.regions[c].parent;
        }
        None
    }

    /// Picks, for every mention with several candidates, the one inside a region the
    /// document names elsewhere (朝阳区 after 北京市), keeping the order otherwise.
    pub fn disambiguate(&self, mentions: &mut [RegionMention]) {
        let named: Vec<usize> =
            mentions.iter().filter(|m| m.candidates.len() == 1).map(|m| m.candidates[0]).collect();
        for m in mentions.iter_mut().filter(|m| m.candidates.len() > 1) {
            if let Some(pos) = m
                .candidates
                .iter()
                .position(|&c| named.iter().any(|&n| n != c && (self.within(c, n) || self.within(n, c))))
            {
                let best = m.candidates.remove(pos);
                m.candidates.insert(0, best);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    #[test]
    fn finds_full_and_short_names() {
        let g = &Lexicon::builtin().gazetteer;
        let ms = g.find("广西党政代表团赴广东省深圳市、广州市学习调研");
        let names: Vec<&str> = ms.iter().map(|m| g.get(m.region()).name.as_str()).collect();
        assert_eq!(names, vec!["广西壮族自治区", "广东省", "深圳市", "广州市"]);
        assert!(ms[0].short && !ms[1].short);
    }

    #[test]
    fn hierarchy() {
        let g = &Lexicon::builtin().gazetteer;
        let sz = g.by_name("深圳市").unwrap();
        let gz = g.by_name("广州市").unwrap();
        let gd = g.by_name("广东省").unwrap();
        assert_eq!(g.common_ancestor(&[sz, gz]), Some(gd));
        assert_eq!(g.province_of(sz), gd);
        assert_eq!(g.get(gd).code, "44");
        assert_eq!(g.get(g.abbrev('桂').unwrap()).name, "广西壮族自治区");
    }

    #[test]
    fn autonomous_prefecture_short_form() {
        let g = &Lexicon::builtin().gazetteer;
        let ms = g.find("延边州委常委");
        assert_eq!(g.get(ms[0].region()).name, "延边朝鲜族自治州");
    }
}

