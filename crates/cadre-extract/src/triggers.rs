//! Event trigger words (`data/triggers.tsv`) compiled into one automaton.

use std::sync::OnceLock;

use cadre_model::{EventType, Role};
use daachorse::CharwiseDoubleArrayAhoCorasick;

const TRIGGERS: &str = include_str!("../../../data/triggers.tsv");

/// What a trigger word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Reports an event of this type.
    Event(EventType),
    /// Adds the sentence's persons to the latest event of this type.
    Attach(EventType),
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub word: String,
    pub action: Action,
    pub role: Option<Role>,
}

pub struct Triggers {
    pub entries: Vec<Trigger>,
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
}

/// A trigger found in the text (byte offsets of the normalised text).
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

fn event_type(s: &str) -> Option<EventType> {
    Some(match s {
        "meeting" => EventType::Meeting,
        "visit" => EventType::Visit,
        "signing" => EventType::Signing,
        "appointment" => EventType::Appointment,
        "removal" => EventType::Removal,
        _ => return None,
    })
}

pub fn role(s: &str) -> Option<Role> {
    Some(match s {
        "chair" => Role::Chair,
        "speaker" => Role::Speaker,
        "briefer" => Role::Briefer,
        "attendee" => Role::Attendee,
        "host" => Role::Host,
        "guest" => Role::Guest,
        "leader" => Role::Leader,
        "member" => Role::Member,
        "signer" => Role::Signer,
        "witness" => Role::Witness,
        _ => return None,
    })
}

impl Triggers {
    pub fn builtin() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| Triggers::parse(TRIGGERS).unwrap_or_else(|e| panic!("data/triggers.tsv: {e}")))
    }

    /// Parses the TSV; errors name the line.
    pub fn parse(tsv: &str) -> Result<Triggers, String> {
        let mut entries = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(format!("line {}: expected 3 columns", i + 1));
            }
            let action = if cols[1] == "attach" {
                Action::Attach(event_type(cols[2]).ok_or_else(|| format!("line {}: unknown type {}", i + 1, cols[2]))?)
            } else {
                Action::Event(event_type(cols[1]).ok_or_else(|| format!("line {}: unknown type {}", i + 1, cols[1]))?)
            };
            let role = if cols[1] == "attach" { None } else { role(cols[2]) };
            if entries.iter().any(|e: &Trigger| e.word == cols[0]) {
                return Err(format!("line {}: duplicate word {}", i + 1, cols[0]));
            }
            entries.push(Trigger { word: cols[0].to_string(), action, role });
        }
        let words: Vec<&str> = entries.iter().map(|e| e.word.as_str()).collect();
        let automaton = cadre_recognise::lexicon::automaton(&words);
        Ok(Triggers { entries, automaton })
    }

    pub fn find(&self, text: &str, offset: usize) -> Vec<Hit> {
        self.automaton
            .leftmost_find_iter(text)
            .map(|m| Hit { start: m.start() + offset, end: m.end() + offset, entry: m.value() as usize })
            .collect()
    }

    pub fn get(&self, h: &Hit) -> &Trigger {
        &self.entries[h.entry]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_triggers_load() {
        let t = Triggers::builtin();
        let hits = t.find("两省区在广州召开会议,并签署合作协议", 0);
        let words: Vec<&str> = hits.iter().map(|h| t.get(h).word.as_str()).collect();
        assert_eq!(words, vec!["召开", "会议", "签署"]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = Triggers::parse("#c\n会见\tparty\thost\n").err().expect("an unknown type is an error");
        assert!(err.starts_with("line 2"), "{err}");
    }
}
