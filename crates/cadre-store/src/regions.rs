//! The region hierarchy of `data/regions.tsv` (2023 codes): names and short
//! forms to codes, and "inside" as a code prefix (广州市 4401 is inside
//! 广东省 44 because `"4401".starts_with("44")`).

use std::collections::HashMap;
use std::sync::OnceLock;

const REGIONS_TSV: &str = include_str!("../../../data/regions.tsv");

/// One row of the gazetteer.
#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name: String,
    /// `province`, `prefecture` or `county`.
    pub level: String,
    pub parent: Option<String>,
}

/// Name → code lookups over the bundled gazetteer.
#[derive(Debug)]
pub struct Regions {
    by_code: HashMap<String, Region>,
    /// Full names and aliases → codes, ordered province first.
    by_name: HashMap<String, Vec<String>>,
}

fn level_rank(level: &str) -> u8 {
    match level {
        "province" => 0,
        "prefecture" => 1,
        _ => 2,
    }
}

impl Regions {
    /// The bundled gazetteer, parsed once.
    pub fn get() -> &'static Regions {
        static REGIONS: OnceLock<Regions> = OnceLock::new();
        REGIONS.get_or_init(|| Regions::parse(REGIONS_TSV))
    }

    fn parse(tsv: &str) -> Regions {
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for line in tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let code = cols[0].trim().to_string();
            let name = cols[1].trim().to_string();
            let parent = cols
                .get(3)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let mut names = vec![name.clone()];
            if let Some(aliases) = cols.get(4) {
                names.extend(
                    aliases
                        .split([',', '|', ';', ' '])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
            for n in names {
                let v = by_name.entry(n).or_default();
                if !v.contains(&code) {
                    v.push(code.clone());
                }
            }
            by_code.insert(
                code.clone(),
                Region {
                    code,
                    name,
                    level: cols[2].trim().to_string(),
                    parent,
                },
            );
        }
        for codes in by_name.values_mut() {
            codes.sort_by_key(|c| {
                (
                    by_code.get(c).map(|r| level_rank(&r.level)).unwrap_or(3),
                    c.clone(),
                )
            });
        }
        Regions { by_code, by_name }
    }

    /// The code of a region name (full or short: 广东省, 广东), or a code
    /// itself. A name shared by several regions resolves to the one of the
    /// highest level; a tie at the same level (two 朝阳区) is ambiguous → None.
    pub fn resolve(&self, name: &str) -> Option<String> {
        let name = name.trim();
        if self.by_code.contains_key(name) {
            return Some(name.to_string());
        }
        let codes = self.by_name.get(name)?;
        let first = codes.first()?;
        let rank = |c: &String| self.by_code.get(c).map(|r| level_rank(&r.level));
        if codes.len() > 1 && rank(&codes[1]) == rank(first) {
            return None;
        }
        Some(first.clone())
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.by_code.get(code)
    }

    /// The full name of a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|r| r.name.as_str())
    }

    /// The province-level code (two digits) of a code.
    pub fn province(code: &str) -> Option<&str> {
        code.get(..2)
    }

    /// Whether `code` is `ancestor` or inside it.
    pub fn inside(code: &str, ancestor: &str) -> bool {
        code.starts_with(ancestor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_full_and_short_names() {
        let r = Regions::get();
        assert_eq!(r.resolve("广东省").as_deref(), Some("44"));
        assert_eq!(r.resolve("广东").as_deref(), Some("44"));
        assert_eq!(r.resolve("广西").as_deref(), Some("45"));
        assert_eq!(r.resolve("广西壮族自治区").as_deref(), Some("45"));
        assert_eq!(r.resolve("广州市").as_deref(), Some("4401"));
        assert!(Regions::inside("4401", "44"));
        assert_eq!(r.resolve("中央"), None);
    }
}
