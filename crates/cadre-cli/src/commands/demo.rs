//! `cadre demo`: ingests the bundled sample corpus into a temporary store
//! and shows what the knowledge base makes of it: the Guangzhou meeting of
//! 27 February 2024, the four leaders' offices that day, and the meeting's
//! background.
//!
//! The corpus is `samples/`, looked for in the current directory, then
//! next to the executable (`target/release/cadre` → `../../samples`), then
//! in the source tree this binary was built from. When none is found, three
//! short texts built into the binary are used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use cadre_store::{EventFilter, EventHit, KnowledgeBase, SqliteStore};

use super::common;
use super::ingest::{ingest_docs, Options};

#[derive(clap::Args)]
pub struct Args {
    /// Use this corpus directory instead of the bundled `samples/`.
    #[arg(long, value_name = "DIR")]
    pub samples: Option<PathBuf>,
    /// Use the three texts built into the binary, even when `samples/` exists.
    #[arg(long, conflicts_with = "samples")]
    pub builtin: bool,
}

const DATE: &str = "2024-02-27";

/// The leaders' offices the demo asks `who` about.
const OFFICES: [(&str, &str); 4] = [
    ("广东省", "party_secretary"),
    ("广东省", "government_head"),
    ("广西壮族自治区", "party_secretary"),
    ("广西壮族自治区", "government_head"),
];

/// Three short news texts written for Cadre, retelling public facts; used
/// when no sample corpus is found.
const BUILTIN: [(&str, &str); 3] = [
    (
        "01-shenzhen.txt",
        "广西党政代表团在深圳举行座谈会\n\
         本报深圳2024年2月26日讯（记者 张三）2024年2月25日至27日，广西壮族自治区党政代表团赴广东省学习考察。\
         26日下午，广西与深圳协作座谈会在深圳市举行。\n\
         广西壮族自治区党委书记刘宁，广东省委副书记、深圳市委书记孟凡利出席座谈会并讲话。\
         广西壮族自治区主席蓝天立、深圳市市长覃伟中分别通报了两地经济社会发展情况。\n\
         与会同志表示，要在产业、科技、开放等领域深化协作，推动两地合作不断取得新成效。\n",
    ),
    (
        "02-guangzhou.txt",
        "粤桂两省区在广州召开合作会议\n\
         本报广州2024年2月27日讯（记者 李四）27日上午，深化东西部协作全面加强粤桂合作会议在广州召开。\
         会议由广东省委书记黄坤明主持，他在会上讲话。广西壮族自治区党委书记刘宁出席并讲话。\
         广东省省长王伟中、广西壮族自治区主席蓝天立出席会议。\n\
         黄坤明、刘宁、王伟中、蓝天立一同见证签约，双方当场签订《打造粤港澳大湾区重要战略腹地进一步全面深化粤桂合作框架协议》等4个合作协议。\n\
         会议强调，两省区要携手推进产业协作，共同建设粤港澳大湾区重要战略腹地。\n",
    ),
    (
        "03-inspection.txt",
        "习近平在广西考察\n\
         本报南宁2023年12月16日讯 中共中央总书记、国家主席、中央军委主席习近平于2023年12月14日至15日在广西壮族自治区考察。\
         习近平先后来到南宁、崇左等地，深入企业、乡村和口岸调研。\n\
         习近平强调，广西要主动融入粤港澳大湾区建设，打造国内国际双循环市场经营便利地。\n",
    ),
];

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tmp = TempDir::new()?;
    let found = if args.builtin {
        None
    } else {
        corpus(args.samples.as_deref())?
    };
    // Documents are named `samples/<file>` (or `builtin/<file>`) wherever the
    // folder is, so that the evidence reads the same on every machine.
    let mut docs = Vec::new();
    let label = match found {
        Some((dir, files)) => {
            for f in &files {
                let name = format!(
                    "samples/{}",
                    f.file_name().unwrap_or_default().to_string_lossy()
                );
                let bytes =
                    std::fs::read(f).with_context(|| format!("{}: cannot read", f.display()))?;
                docs.extend(cadre_ingest::read_bytes(
                    &name,
                    &bytes,
                    cadre_ingest::format_of(f),
                ));
            }
            format!("{}/ ({} files)", dir.display(), files.len())
        }
        None => {
            for (name, text) in BUILTIN {
                let name = format!("builtin/{name}");
                docs.extend(cadre_ingest::read_bytes(
                    &name,
                    text.as_bytes(),
                    cadre_ingest::Format::Txt,
                ));
            }
            format!("the {} texts built into cadre", BUILTIN.len())
        }
    };
    let db = tmp.path.join("demo.db");
    let mut store =
        SqliteStore::open(&db).with_context(|| format!("{}: cannot create", db.display()))?;

    let mut out = common::stdout();
    writeln!(out, "Cadre demo")?;
    writeln!(out, "corpus: {label}")?;
    writeln!(
        out,
        "store:  {} (temporary, removed at the end)",
        db.display()
    )?;
    out.flush()?;
    let summary = ingest_docs(&mut store, move || docs.into_iter(), Options::default())?;
    writeln!(out, "{summary}")?;
    writeln!(out, "{}", store.stats()?)?;

    // 1. The meeting.
    heading(&mut out, &format!("1. The Guangzhou meeting of {DATE}"))?;
    let day = |kind: &str| EventFilter {
        kind: Some(kind.into()),
        from: Some(DATE.into()),
        to: Some(DATE.into()),
        ..Default::default()
    };
    let meetings = store.events(&day("meeting"))?;
    let meeting = pick_meeting(&meetings);
    match meeting {
        Some(m) => write_event(&mut out, m)?,
        None => writeln!(out, "(no meeting on {DATE} was found in the corpus)")?,
    }
    // What other documents tell of the same day: the meeting as stored from
    // reports that name fewer participants, and the signing.
    let mut same_day: Vec<EventHit> = meetings
        .iter()
        .filter(|m| Some(m.id) != meeting.map(|x| x.id))
        .cloned()
        .collect();
    same_day.extend(store.events(&day("signing"))?);
    if !same_day.is_empty() {
        writeln!(out, "\nthe same day, as other reports tell it:")?;
        for e in &same_day {
            write_event(&mut out, e)?;
        }
    }

    // 2. The offices.
    heading(&mut out, &format!("2. The four leaders' offices on {DATE}"))?;
    for (juris, post) in OFFICES {
        writeln!(out, "$ cadre who {juris} {post} --on {DATE}")?;
        let hits = store.who(juris, post, Some(DATE))?;
        match hits.first() {
            Some(h) => writeln!(out, "  {}", common::indent(&h.to_string(), "  "))?,
            None => writeln!(out, "  (no holder found)")?,
        }
    }

    // 3. The background: of the meeting and of the other records of its day.
    if let Some(m) = meeting {
        heading(
            &mut out,
            &format!("3. Background of the meeting (cadre background {})", m.id),
        )?;
        let day_ids: Vec<i64> = std::iter::once(m.id)
            .chain(same_day.iter().map(|e| e.id))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut n = 0;
        for id in &day_ids {
            for it in store.background(*id)? {
                let event_id = it.event.as_ref().map(|e| e.id);
                if event_id.is_some_and(|e| day_ids.contains(&e)) {
                    continue;
                }
                let key = (it.kind.clone(), event_id, it.agreement.clone());
                if !seen.insert(key) {
                    continue;
                }
                n += 1;
                let via = if *id == m.id {
                    String::new()
                } else {
                    format!(" [via event #{id}]")
                };
                let text = it.to_string();
                let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
                writeln!(out, "- {first}{via}")?;
                if !rest.is_empty() {
                    writeln!(out, "  {}", common::indent(rest, "  "))?;
                }
            }
        }
        if n == 0 {
            writeln!(out, "(no earlier events found)")?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Try it on your own corpus: cadre ingest PATH... --db cadre.db; cadre between 广东省 广西壮族自治区"
    )?;
    out.flush()?;
    drop(store);
    drop(tmp);
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn heading(out: &mut impl Write, title: &str) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "== {title} ==")
}

/// The best-described meeting of the day: in Guangzhou, with 黄坤明, with
/// the most participants, the most evidence.
fn pick_meeting(ms: &[EventHit]) -> Option<&EventHit> {
    ms.iter().max_by_key(|m| {
        (
            m.place.as_deref().is_some_and(|p| p.contains("广州")),
            m.participants.iter().any(|p| p.name == "黄坤明"),
            m.participants.len(),
            m.evidence.len(),
            std::cmp::Reverse(m.id),
        )
    })
}

/// An event's structure, one field a line.
fn write_event(out: &mut impl Write, e: &EventHit) -> std::io::Result<()> {
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "event #{}", e.id)?;
    writeln!(out, "  type:         {}", e.kind)?;
    let span = match (&e.date_start, &e.date_end) {
        (Some(a), Some(b)) if a != b => format!(" ({a} .. {b})"),
        _ => String::new(),
    };
    writeln!(out, "  date:         {}{span}", dash(&e.date))?;
    let code = e
        .place_code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    writeln!(out, "  place:        {}{code}", dash(&e.place))?;
    writeln!(out, "  participants:")?;
    for p in &e.participants {
        let roles = if p.roles.is_empty() {
            "-".to_string()
        } else {
            p.roles.join(", ")
        };
        writeln!(out, "    {} — {roles}", p.name)?;
    }
    if !e.agreements.is_empty() {
        writeln!(out, "  agreements:")?;
        for a in &e.agreements {
            writeln!(out, "    《{a}》")?;
        }
    }
    writeln!(out, "  reported by:  {}", e.docs.join(", "))?;
    writeln!(out, "  evidence:")?;
    for ev in &e.evidence {
        writeln!(out, "    {ev}")?;
    }
    Ok(())
}

/// The corpus directory and its documents, if one is found.
fn corpus(explicit: Option<&Path>) -> anyhow::Result<Option<(PathBuf, Vec<PathBuf>)>> {
    if let Some(dir) = explicit {
        let files = documents_in(dir);
        if files.is_empty() {
            anyhow::bail!(
                "{}: no documents (txt, md, html, jsonl) in it",
                dir.display()
            );
        }
        return Ok(Some((dir.to_path_buf(), files)));
    }
    let mut candidates = vec![PathBuf::from("samples")];
    if let Some(bin_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        candidates.push(bin_dir.join("../../samples"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples"));
    for dir in candidates {
        let files = documents_in(&dir);
        if !files.is_empty() {
            return Ok(Some((tidy(&dir), files)));
        }
    }
    Ok(None)
}

/// The documents directly in a folder, sorted; its README is not one.
fn documents_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            !name.to_ascii_lowercase().starts_with("readme")
                && !name.starts_with('.')
                && matches!(ext.as_str(), "txt" | "md" | "html" | "htm" | "jsonl")
                && p.metadata().map(|m| m.len() > 0).unwrap_or(false)
        })
        .collect();
    files.sort();
    files
}

/// A shorter path to show: canonical when that works.
fn tidy(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// A directory under the system's temp dir, removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!("cadre-demo-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
