//! Person names of running text given line by line (`cadre ner`): a name read in one
//! line is known in the lines that follow, as a name seen once is known for the rest of
//! a document (扎琳娜 introduced with a cue, then named alone). So are the given name
//! alone (小平同志 after 邓小平) and the surname alone before a title or a form of address
//! (江主席 after 江泽民), which NER corpora count as names and ANNOTATION.md does not.

use std::collections::VecDeque;
use std::sync::OnceLock;

use cadre_recognise::Lexicon;

/// The names of the last `window` lines.
pub struct RunningNames {
    lx: &'static Lexicon,
    window: usize,
    recent: VecDeque<Vec<String>>,
}

impl RunningNames {
    pub fn new(window: usize) -> Self {
        RunningNames { lx: Lexicon::builtin(), window, recent: VecDeque::with_capacity(window + 1) }
    }

    /// The names of the next line: `found`, what its own record gives, plus the names of
    /// the previous lines that stand in it as names of their own; in order of first
    /// appearance. The line's names are remembered for the lines after it.
    pub fn next_line(&mut self, line: &str, found: Vec<String>) -> Vec<String> {
        let text = cadre_normalise::normalise(line).text;
        let mut names = found;
        let stands = |n: &str| text.match_indices(n).any(|(at, n)| cadre_recognise::whole_name_at(self.lx, &text, n, at + n.len()));
        // A name remembered from several lines is looked for once: the checks below skip
        // what `names` already holds before scanning the text.
        for name in self.recent.iter().flatten() {
            if name.chars().count() < 2 {
                continue;
            }
            if !names.contains(name) && stands(name) {
                names.push(name.clone());
            }
            // The given name alone, as a story calls a person it has named in full (邓小平 …
            // 小平同志): not after a surname, and followed by a word that vouches for a name
            // (同志, 说 …): many given names are words too (文学, 国庆).
            if let Some(given) = self.lx.surnames.given_name(name).filter(|g| !names.iter().any(|n| n == g)) {
                // Not after a surname: 江泽民 is no mention of 李泽民's given name.
                let alone = text
                    .match_indices(given)
                    .any(|(at, g)| no_surname_before(self.lx, &text, at) && self.lx.name_cues.after_at(&text[at + g.len()..]));
                if alone {
                    names.push(given.to_string());
                }
            }
            // The surname alone before a title or a form of address (江主席, 李总理 after
            // 江泽民, 李鹏): NER counts it as a mention of the name, the knowledge base does not.
            let Some(surname) = surname_of(self.lx, name) else { continue };
            if names.iter().any(|n| n == surname) {
                continue;
            }
            let addressed = text.match_indices(surname).any(|(at, sn)| {
                let rest = &text[at + sn.len()..];
                surname_stands_alone(&text, at, at + sn.len())
                    && (self.lx.posts.starts_at(rest) || ADDRESS.iter().any(|w| rest.starts_with(w)))
            });
            if addressed {
                names.push(surname.to_string());
            }
        }
        // A leader's surname before the title the news addresses the leader by (江主席, 李总理),
        // even when the full name was not in the lines before; not the last character of
        // another name.
        for form in leader_addresses() {
            let surname = &form[..form.chars().next().map_or(0, char::len_utf8)];
            if names.iter().any(|n| n == surname) {
                continue;
            }
            let alone = text.match_indices(form.as_str()).any(|(at, _)| {
                let end = at + surname.len();
                !names.iter().any(|n| text.match_indices(n.as_str()).any(|(p, n)| p <= at && at < p + n.len()))
                    && surname_stands_alone(&text, at, end)
            });
            if alone {
                names.push(surname.to_string());
            }
        }
        // The given name of a well-known person before 同志 (小平同志), when no surname
        // precedes it, even when the full name was not in the lines before.
        for (at, _) in text.match_indices("同志") {
            let Some((g, _)) = text[..at].char_indices().rev().nth(1) else { continue };
            let given = &text[g..at];
            if no_surname_before(self.lx, &text, g) && self.lx.known_given_names.contains(given) && !names.iter().any(|n| n == given) {
                names.push(given.to_string());
            }
        }
        names.sort_by_key(|n| text.find(n.as_str()).unwrap_or(usize::MAX));
        if self.window > 0 {
            if self.recent.len() == self.window {
                self.recent.pop_front();
            }
            self.recent.push_back(names.clone());
        }
        names
    }
}

/// Forms of address after a surname alone.
const ADDRESS: &[&str] = &["主席", "总书记", "总理", "委员长", "同志", "先生", "老"];

/// The forms of `data/leader_addresses.txt` (江主席, 李总理).
fn leader_addresses() -> &'static [String] {
    static FORMS: OnceLock<Vec<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        include_str!("../../../data/leader_addresses.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// Is the surname `text[at..end]` a word of its own: the character before makes no word
/// with it (长江主席, 浙江主席), or a word ends right before it (陪同|江主席)?
fn surname_stands_alone(text: &str, at: usize, end: usize) -> bool {
    match text[..at].chars().next_back() {
        Some(c) if cadre_normalise::is_han(c) => {
            !cadre_recognise::is_dictionary_word(&text[at - c.len_utf8()..end]) || cadre_recognise::word_ends_at(text, at)
        }
        _ => true,
    }
}

/// Does no character that may begin a surname stand right before byte `at` of `text`?
fn no_surname_before(lx: &Lexicon, text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !lx.surnames.may_begin(c))
}

/// The one-character surname of a three-character Chinese name.
fn surname_of<'a>(lx: &Lexicon, name: &'a str) -> Option<&'a str> {
    lx.surnames.given_name(name).map(|g| &name[..name.len() - g.len()])
}

#[cfg(test)]
mod tests {
    use super::RunningNames;

    #[test]
    fn names_carry_over_the_next_lines() {
        let mut run = RunningNames::new(2);
        assert_eq!(run.next_line("少女扎琳娜今年十岁。", vec!["扎琳娜".into()]), ["扎琳娜"]);
        assert_eq!(run.next_line("扎琳娜天真无邪。", vec![]), ["扎琳娜"]);
        // A fragment of a longer name is not the name (王伟 in 王伟中).
        let mut run = RunningNames::new(2);
        run.next_line("市长王伟出席。", vec!["王伟".into()]);
        assert!(run.next_line("王伟中主持会议。", vec![]).is_empty());
        // A given name alone after the full name, with a word that vouches for it; not
        // inside another full name.
        let mut run = RunningNames::new(3);
        run.next_line("邓小平视察南方。", vec!["邓小平".into()]);
        assert_eq!(run.next_line("小平同志说,发展才是硬道理。", vec![]), ["小平"]);
        let mut run = RunningNames::new(3);
        run.next_line("李泽民出席。", vec!["李泽民".into()]);
        assert!(run.next_line("以江泽民同志为核心。", vec![]).is_empty());
        // The window forgets.
        let mut run = RunningNames::new(3);
        run.next_line("江泽民会见了客人。", vec!["江泽民".into()]);
        assert_eq!(run.next_line("江主席说,欢迎你们。", vec![]), ["江"]);
        assert!(run.next_line("长江主航道畅通。", vec![]).is_empty());
        assert_eq!(run.next_line("热烈欢迎江主席访问。", vec![]), ["江"]);
        let mut run = RunningNames::new(3);
        assert_eq!(run.next_line("要像小平同志要求的那样。", vec![]), ["小平"]);
        // A leader's form of address names the leader without the full name before it,
        // after a word (陪同|江主席), not inside a word or a name.
        let mut run = RunningNames::new(0);
        assert_eq!(run.next_line("陪同江主席访问的有钱其琛。", vec!["钱其琛".into()]), ["江", "钱其琛"]);
        assert!(run.next_line("浙江主席团成员。", vec![]).is_empty());
        let mut run = RunningNames::new(1);
        run.next_line("少女扎琳娜今年十岁。", vec!["扎琳娜".into()]);
        run.next_line("今天下雨。", vec![]);
        assert!(run.next_line("扎琳娜天真无邪。", vec![]).is_empty());
    }
}
