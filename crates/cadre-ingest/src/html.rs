//! Saved web pages: charset, metadata (title, date, authors, URL) and main text.
//!
//! The main text is found the way readability does it, adapted to Chinese: every
//! run of text between block elements is a paragraph scored by its length and its
//! Chinese punctuation (boilerplate has links and no commas); paragraphs credit
//! their container and, less, its ancestors; link density and class/id names like
//! `nav` or `comment` push containers down. The best container and its good siblings
//! are rendered, without the link lists and widgets they hold.

use std::collections::HashMap;
use std::sync::LazyLock;

use cadre_model::SourceDoc;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{Html, Node};

use crate::charset::{self, normalise_newlines};
use crate::dates;
use crate::IngestError;

pub fn read(name: &str, bytes: &[u8]) -> Result<SourceDoc, IngestError> {
    let declared = charset::declared_charset(bytes);
    let src = normalise_newlines(&charset::decode(name, bytes, declared, true)?);
    let page = Html::parse_document(&src);
    let analysis = Analysis::new(&page);
    let meta = Meta::collect(&page);
    let title = meta.title();
    let text = strip_furniture_lines(&analysis.main_text(), title.as_deref());
    let page_text = analysis.render(analysis.body(), false);
    let url = meta.url.clone();
    let published = meta.published(&page_text, title.as_deref());
    let authors = meta.authors(&page_text, &text);
    Ok(SourceDoc {
        id: name.to_string(),
        url,
        title,
        published,
        authors,
        text,
    })
}

// ------------------------------------------------------------------ element classes

/// Never text: their content is code, form widgets or embedded documents.
fn is_invisible(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "svg"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "input"
            | "object"
            | "embed"
            | "canvas"
            | "map"
            | "math"
    )
}

/// Page furniture: dropped from the main text wherever it sits.
fn is_furniture(tag: &str) -> bool {
    matches!(tag, "nav" | "footer" | "aside" | "form" | "header" | "menu")
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "html"
            | "caption"
            | "summary"
            | "legend"
    )
}

/// Elements whose text is one paragraph of their parent rather than a container.
fn is_paragraph(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre"
            | "blockquote"
            | "li"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "caption"
    )
}

static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)nav|menu|sidebar|side_|footer|foot|header|banner|breadcrumb|crumb|comment|pinglun|share|fenxiang|recommend|related|relate|xgxw|copyright|login|rank|paihang|hotnews|widget|popup|toolbar|sponsor|promo|shopping|guanggao|(?:^|[-_ ])ads?(?:[-_ ]|$)|advert|friendlink|links?(?:$|[-_ ])|tags?(?:$|[-_ ])|bottom|masthead|contact|hidden|scroll|more",
    )
    .unwrap()
});
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|content|entry|main|post|text|story|body|detail|zoom|neirong|zhengwen|trs_editor|cont\b|con_").unwrap()
});

fn class_weight(el: &scraper::node::Element) -> f64 {
    let mut w = 0.0;
    for v in [el.attr("class"), el.id()].into_iter().flatten() {
        if v.is_empty() {
            continue;
        }
        if NEGATIVE.is_match(v) {
            w -= 25.0;
        }
        if POSITIVE.is_match(v) {
            w += 25.0;
        }
    }
    w
}

fn tag_bonus(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '！' | '？' | '：' | ',' | '“' | '”'
    )
}

// ------------------------------------------------------------------ analysis

/// Text measures of an element's subtree (chars are non-space chars).
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    chars: u32,
    link_chars: u32,
    punct: u32,
    /// Number of `<p>` and `<br>` below: a text with many of them is an article.
    paras: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.punct += o.punct;
        self.paras += o.paras;
    }
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

struct Analysis<'a> {
    page: &'a Html,
    /// Whole-subtree measures per element.
    total: HashMap<NodeId, Stats>,
    /// Measures of the text directly in an element or in its inline descendants.
    inline: HashMap<NodeId, Stats>,
    scores: HashMap<NodeId, f64>,
}

fn tag_of<'b>(n: &NodeRef<'b, Node>) -> Option<&'b str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

impl<'a> Analysis<'a> {
    fn new(page: &'a Html) -> Self {
        let mut a = Analysis {
            page,
            total: HashMap::new(),
            inline: HashMap::new(),
            scores: HashMap::new(),
        };
        a.measure();
        a.score();
        a
    }

    fn body(&self) -> NodeRef<'a, Node> {
        let root = self.page.tree.root();
        root.descendants()
            .find(|n| tag_of(n) == Some("body"))
            .unwrap_or(root)
    }

    /// One iterative pass (pages can nest deeper than the stack allows recursion).
    fn measure(&mut self) {
        struct Frame {
            id: NodeId,
            total: Stats,
            inline: Stats,
            block: bool,
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut hidden = 0usize;
        let mut links = 0usize;
        // Text inside nav/footer/aside/header never scores as a paragraph.
        let mut furniture = 0usize;
        for edge in self.page.tree.root().traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(e) => {
                        let tag = e.name();
                        if hidden > 0 || is_invisible(tag) {
                            hidden += 1;
                            continue;
                        }
                        if tag == "a" {
                            links += 1;
                        }
                        if is_furniture(tag) && tag != "form" {
                            furniture += 1;
                        }
                        let mut f = Frame {
                            id: n.id(),
                            total: Stats::default(),
                            inline: Stats::default(),
                            block: is_block(tag),
                        };
                        if tag == "p" || tag == "br" {
                            f.total.paras = 1;
                        }
                        stack.push(f);
                    }
                    Node::Text(t) if hidden == 0 => {
                        let mut s = Stats::default();
                        for c in t.chars().filter(|c| !c.is_whitespace()) {
                            s.chars += 1;
                            if is_punct(c) {
                                s.punct += 1;
                            }
                        }
                        if links > 0 {
                            s.link_chars = s.chars;
                        }
                        if let Some(top) = stack.last_mut() {
                            top.total.add(&s);
                            top.inline.add(&s);
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    let Node::Element(e) = n.value() else {
                        continue;
                    };
                    if hidden > 0 {
                        hidden -= 1;
                        continue;
                    }
                    if e.name() == "a" {
                        links = links.saturating_sub(1);
                    }
                    let f = stack.pop().expect("balanced traversal");
                    let in_furniture = furniture > 0;
                    if is_furniture(e.name()) && e.name() != "form" {
                        furniture -= 1;
                    }
                    if let Some(parent) = stack.last_mut() {
                        parent.total.add(&f.total);
                        if !f.block {
                            parent.inline.add(&f.inline);
                        }
                    }
                    self.total.insert(f.id, f.total);
                    if f.block && !in_furniture {
                        self.inline.insert(f.id, f.inline);
                    }
                }
            }
        }
    }

    fn stats(&self, id: NodeId) -> Stats {
        self.total.get(&id).copied().unwrap_or_default()
    }

    /// Credits every paragraph's score to its container and the container's ancestors.
    fn score(&mut self) {
        let mut credits: Vec<(NodeId, f64)> = Vec::new();
        for (&id, s) in &self.inline {
            if s.chars < 20 || s.link_density() > 0.5 {
                continue;
            }
            let node = self.page.tree.get(id).expect("node of this tree");
            let tag = tag_of(&node).unwrap_or("");
            let base = 1.0 + s.punct as f64 + (s.chars as f64 / 100.0).min(3.0);
            let base = base * (1.0 - s.link_density());
            // A <p> belongs to its container; a div/td holding bare text is itself one.
            let mut container = Some(node);
            if is_paragraph(tag) {
                container = node.parent();
                while let Some(c) = container {
                    match tag_of(&c) {
                        Some(t) if !is_block(t) => container = c.parent(),
                        _ => break,
                    }
                }
            }
            let mut level = 0;
            while let Some(c) = container {
                let Some(t) = tag_of(&c) else { break };
                if t == "html" {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                credits.push((c.id(), base / divider));
                level += 1;
                if level > 4 {
                    break;
                }
                container = c.parent();
            }
        }
        for (id, credit) in credits {
            *self.scores.entry(id).or_insert(0.0) += credit;
        }
        // Link-heavy containers lose their paragraph credit; the tag and class
        // evidence is kept whole, so a short article inside a `content` box still
        // wins over a comment box when related-link lists share its container.
        let ids: Vec<NodeId> = self.scores.keys().copied().collect();
        for id in ids {
            let node = self.page.tree.get(id).expect("node of this tree");
            let init = match node.value() {
                Node::Element(e) => tag_bonus(e.name()) + class_weight(e),
                _ => 0.0,
            };
            let ld = self.stats(id).link_density();
            let s = self.scores.get_mut(&id).unwrap();
            *s = *s * (1.0 - ld) + init;
        }
    }

    fn score_of(&self, id: NodeId) -> Option<f64> {
        self.scores.get(&id).copied()
    }

    /// The best container and its siblings that look like more of the article.
    fn main_nodes(&self) -> Vec<NodeRef<'a, Node>> {
        let best = self
            .scores
            .iter()
            .filter(|(id, _)| {
                let n = self.page.tree.get(**id).unwrap();
                !matches!(tag_of(&n), Some("body" | "html"))
            })
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)));
        let Some((&best_id, &best_score)) = best else {
            return vec![self.body()];
        };
        let top = self.page.tree.get(best_id).unwrap();
        let Some(parent) = top.parent() else {
            return vec![top];
        };
        let threshold = (best_score * 0.2).max(10.0);
        let top_class = match top.value() {
            Node::Element(e) => e.attr("class").unwrap_or(""),
            _ => "",
        };
        let mut out = Vec::new();
        for sib in parent.children() {
            if sib.id() == best_id {
                out.push(sib);
                continue;
            }
            let Node::Element(e) = sib.value() else {
                continue;
            };
            if is_invisible(e.name()) || is_furniture(e.name()) {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && e.attr("class") == Some(top_class) {
                bonus = best_score * 0.2;
            }
            if let Some(s) = self.score_of(sib.id()) {
                if s + bonus >= threshold {
                    out.push(sib);
                    continue;
                }
            }
            if e.name() == "p" {
                let st = self.stats(sib.id());
                let ld = st.link_density();
                let text = self.render(sib, false);
                if (st.chars >= 40 && ld < 0.25)
                    || (st.chars > 0
                        && ld == 0.0
                        && text.trim_end().ends_with(['。', '！', '？', '”']))
                {
                    out.push(sib);
                }
            }
        }
        out
    }

    fn main_text(&self) -> String {
        let nodes = self.main_nodes();
        let text: Vec<String> = nodes
            .iter()
            .map(|n| self.render(*n, true))
            .filter(|t| !t.is_empty())
            .collect();
        let text = text.join("\n");
        if text.chars().filter(|c| !c.is_whitespace()).count() < 20 {
            return self.render(self.body(), false);
        }
        text
    }

    /// Widgets inside the article: link lists, sharing bars, comment boxes.
    fn is_junk(&self, n: &NodeRef<'a, Node>, e: &scraper::node::Element) -> bool {
        let tag = e.name();
        if is_furniture(tag) {
            return true;
        }
        if !matches!(
            tag,
            "div"
                | "section"
                | "ul"
                | "ol"
                | "dl"
                | "table"
                | "center"
                | "span"
                | "p"
                | "td"
                | "tr"
        ) {
            return false;
        }
        let st = self.stats(n.id());
        if st.punct >= 10 {
            return false;
        }
        let weight = class_weight(e);
        if weight < 0.0 && tag != "p" {
            return true;
        }
        let ld = st.link_density();
        (weight < 25.0 && ld > 0.3) || ld > 0.5
    }

    /// Text of a subtree: blocks and `<br>` make line breaks, spaces are collapsed.
    /// `clean` drops widgets, hidden elements, lines that are mostly link text
    /// (related-article lists) and repeated paragraphs (pages that carry a second
    /// copy of the article for print or mobile).
    fn render(&self, node: NodeRef<'a, Node>, clean: bool) -> String {
        let mut lines = Lines::default();
        let mut skip = 0usize;
        let mut pre = 0usize;
        let mut links = 0usize;
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(e) => {
                        let tag = e.name();
                        if skip > 0
                            || is_invisible(tag)
                            || (clean
                                && n.id() != node.id()
                                && (is_hidden(e) || self.is_junk(&n, e)))
                        {
                            skip += 1;
                            continue;
                        }
                        match tag {
                            "pre" => pre += 1,
                            "a" => links += 1,
                            _ => {}
                        }
                        if tag == "br" || is_block(tag) {
                            lines.newline();
                        } else if tag == "img" || tag == "td" {
                            lines.push_str(" ", false);
                        }
                    }
                    Node::Text(t) if skip == 0 => {
                        if pre > 0 {
                            for (i, part) in t.split('\n').enumerate() {
                                if i > 0 {
                                    lines.newline();
                                }
                                lines.push_str(part, links > 0);
                            }
                        } else {
                            lines.push_str(t, links > 0);
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Node::Element(e) = n.value() {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        match e.name() {
                            "pre" => pre = pre.saturating_sub(1),
                            "a" => links = links.saturating_sub(1),
                            _ => {}
                        }
                        if is_block(e.name()) {
                            lines.newline();
                        }
                    }
                }
            }
        }
        lines.newline();
        lines.finish(clean)
    }
}

static META_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,2}:\d{2}|来源[：:]|发布时间|发布日期|更新时间|浏览次数|点击数|字号|打印")
        .unwrap()
});
static EDITOR_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(\[【]?\s*(?:责任编辑|责编|编辑)\s*[：:]").unwrap());

/// Drops the page's own furniture around the article: a leading repeat of the
/// title, leading date/source lines, and trailing editor credits (editors are
/// not authors, and later stages would take them for persons in the news).
fn strip_furniture_lines(text: &str, title: Option<&str>) -> String {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title = title.map(squash).unwrap_or_default();
    let mut lines: Vec<&str> = text.lines().collect();
    let mut head = 0;
    while head < lines.len().min(4) && lines.len() - head > 1 {
        let l = lines[head];
        let n = l.chars().count();
        let is_title = !title.is_empty() && squash(l) == title;
        let is_meta = n <= 60 && META_LINE.is_match(l) && !l.contains('。');
        if !(is_title || is_meta) {
            break;
        }
        head += 1;
    }
    lines.drain(..head);
    while lines.len() > 1
        && lines
            .last()
            .is_some_and(|l| l.chars().count() <= 40 && EDITOR_LINE.is_match(l))
    {
        lines.pop();
    }
    lines.join("\n")
}

/// Output lines with the share of their characters that sit inside links.
#[derive(Default)]
struct Lines {
    done: Vec<(String, usize, usize)>,
    cur: String,
    chars: usize,
    link_chars: usize,
}

impl Lines {
    /// Appends text with every run of whitespace (including U+3000 and NBSP) made one space.
    fn push_str(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn newline(&mut self) {
        let line = self.cur.trim();
        if !line.is_empty() {
            self.done
                .push((line.to_string(), self.chars, self.link_chars));
        }
        self.cur.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn finish(self, clean: bool) -> String {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for (line, chars, link_chars) in self.done {
            if clean {
                if link_chars * 2 > chars {
                    continue;
                }
                if chars >= 20 && !seen.insert(line.clone()) {
                    continue;
                }
            }
            out.push(line);
        }
        out.join("\n")
    }
}

/// `hidden`, `display:none` and `visibility:hidden` content is not shown to readers.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|st| {
        let st: String = st
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        st.contains("display:none") || st.contains("visibility:hidden")
    })
}

// ------------------------------------------------------------------ metadata

#[derive(Default)]
struct Meta {
    /// Lowercased meta name/property/itemprop -> content, in document order.
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    headings: Vec<String>,
    times: Vec<String>,
    url: Option<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Meta {
    fn collect(page: &Html) -> Meta {
        let mut m = Meta::default();
        for n in page.tree.root().descendants() {
            let Node::Element(e) = n.value() else {
                continue;
            };
            match e.name() {
                "meta" => {
                    let key = e
                        .attr("name")
                        .or(e.attr("property"))
                        .or(e.attr("itemprop"))
                        .or(e.attr("http-equiv"));
                    if let (Some(k), Some(v)) = (key, e.attr("content")) {
                        m.metas
                            .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
                "title" if m.title_tag.is_none() => {
                    let t: String = n
                        .descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect();
                    m.title_tag = Some(collapse(&t)).filter(|t| !t.is_empty());
                }
                "h1" | "h2" => {
                    let t: String = n
                        .descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect();
                    let t = collapse(&t);
                    if !t.is_empty() && m.headings.len() < 20 {
                        m.headings.push(t);
                    }
                }
                "time" => {
                    if let Some(d) = e.attr("datetime") {
                        m.times.push(d.to_string());
                    }
                }
                "link"
                    if m.url.is_none()
                        && e.attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    m.url = e
                        .attr("href")
                        .filter(|h| h.starts_with("http"))
                        .map(str::to_string);
                }
                _ => {}
            }
        }
        if m.url.is_none() {
            m.url = m
                .get(&["og:url"])
                .filter(|u| u.starts_with("http"))
                .map(str::to_string);
        }
        m
    }

    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, v)| mk == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// og:title, else a heading that the `<title>` contains, else `<title>` minus its site suffix.
    fn title(&self) -> Option<String> {
        if let Some(t) = self.get(&["og:title", "twitter:title"]) {
            let t = strip_site(&collapse(t));
            if !t.is_empty() {
                return Some(t);
            }
        }
        let title_tag = self.title_tag.as_deref().map(html_unescape);
        if let Some(tt) = &title_tag {
            let stripped = strip_site(tt);
            for h in &self.headings {
                if h.chars().count() >= 4
                    && (tt.contains(h.as_str())
                        || (stripped.chars().count() >= 4 && h.contains(&stripped)))
                {
                    return Some(h.clone());
                }
            }
            if !stripped.is_empty() {
                return Some(stripped);
            }
        }
        self.headings.first().cloned()
    }

    fn published(&self, page_text: &str, title: Option<&str>) -> Option<String> {
        const KEYS: &[&str] = &[
            "article:published_time",
            "og:article:published_time",
            "og:published_time",
            "published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish_date",
            "publishtime",
            "og:release_date",
            "firstpublishedtime",
            "article:create_at",
            "dc.date.issued",
            "dc.date",
            "date",
            "sailthru.date",
        ];
        if let Some(d) = KEYS
            .iter()
            .find_map(|k| self.get(&[k]).and_then(dates::find_date_meta))
        {
            return Some(d);
        }
        if let Some(d) = self.times.iter().find_map(|t| dates::find_date_meta(t)) {
            return Some(d);
        }
        // A date within a few lines after the title as the page shows it.
        if let Some(title) = title {
            let key: String = title.chars().take(12).collect();
            if key.chars().count() >= 4 {
                for (pos, _) in page_text.match_indices(key.as_str()) {
                    let after: String = page_text[pos..].chars().take(300).collect();
                    if let Some(d) = dates::find_date(&after) {
                        return Some(d);
                    }
                }
            }
        }
        if let Some(d) = LABELLED_DATE
            .captures(page_text)
            .and_then(|c| dates::find_date(&c[0]))
        {
            return Some(d);
        }
        if let Some(d) = dates::find_timestamp(page_text) {
            return Some(d);
        }
        if let Some(d) = self.url.as_deref().and_then(dates::find_date_url) {
            return Some(d);
        }
        dates::find_date(page_text)
    }

    fn authors(&self, page_text: &str, main: &str) -> Vec<String> {
        if let Some(a) = self.get(&["author", "article:author", "dc.creator"]) {
            let a = collapse(a);
            // Sites put their own name, a URL or a numeric user id here.
            let plausible = a.chars().any(|c| c.is_alphabetic())
                && a.chars().count() <= 20
                && !a.contains("http")
                && !a.contains('网')
                && !a.contains('.');
            if plausible {
                return crate::markdown::split_names(&a);
            }
        }
        for text in [main, page_text] {
            let head: String = text.chars().take(3000).collect();
            if let Some(c) = BYLINE.captures(&head) {
                let mut names = crate::markdown::split_names(&c[1]);
                // `作者：甲 出处：…`: the last word is the next label, not a name.
                if names.len() > 1 && c[0].ends_with(['：', ':']) {
                    names.pop();
                }
                return names;
            }
        }
        Vec::new()
    }
}

static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布时间|发布日期|发表时间|发表日期|更新时间|时间|日期|发表于|发布于)\s*[:：]?\s*(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}").unwrap()
});

/// Bylines in a page: `记者 张三`, `（记者李四 王五）`, `作者：赵六`, `文/钱七`.
/// `责任编辑` is not matched: editors are not authors.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:记者|通讯员)[\s：:]+|[（(【]\s*(?:记者|通讯员)|(?:^|[^\p{Han}])(?:作者|撰文|执笔|文)\s*[：:丨|/／]\s*)([\p{Han}·]{2,4}(?:[ 、，][\p{Han}·]{2,4}){0,3})(?:[^\p{Han}·]|$)",
    )
    .unwrap()
});

/// `标题_栏目_网站`, `标题--网站`, `标题 | 网站`: keeps the longest part.
fn strip_site(t: &str) -> String {
    let parts: Vec<&str> = t
        .split(['_', '|', '｜'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split("--"))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .max_by_key(|p| p.chars().count())
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// Entities left in `<title>` by double-escaping pages.
fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&quot;", "\"")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&raquo;", "»")
}
