//! End-to-end tests of the readers on small invented fixtures.

use std::path::PathBuf;

use cadre_ingest::{format_of, read_bytes, read_paths, ErrorKind, Format, IngestError, SourceDoc};

fn one(name: &str, bytes: &[u8], hint: Format) -> Result<SourceDoc, IngestError> {
    let mut v = read_bytes(name, bytes, hint);
    assert_eq!(v.len(), 1, "one document expected");
    v.pop().unwrap()
}

const ARTICLE: &str = "<div class=\"article-content\" id=\"content\">\
<p>新华社北京3月2日电 3月2日上午，省委常委会召开会议，传达学习全国两会精神，研究部署贯彻落实工作。省委书记主持会议并讲话。</p>\
<p>会议指出，要深入贯彻落实党中央决策部署，坚持稳中求进工作总基调，扎实推动高质量发展，确保各项任务落地见效。</p>\
<p>会议强调，各级党委和政府要切实扛起责任，加强统筹协调，狠抓工作落实，以实际行动迎接新的挑战。</p>\
<p>会议还研究了其他事项。（记者 王小明）</p></div>";

fn page(head: &str) -> String {
    format!(
        "<html><head>{head}<title>省委常委会召开会议_新闻中心_示例网</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/a\">要闻</a> | <a href=\"/b\">时政</a> | <a href=\"/c\">社会</a></div>\
         <h1>省委常委会召开会议</h1><div class=\"info\">发布时间：2021-03-26 09:25 来源：示例日报</div>\
         {ARTICLE}\
         <div class=\"related\"><ul><li><a href=\"/1\">市政府召开常务会议研究部署近期重点工作</a></li>\
         <li><a href=\"/2\">全市经济工作会议召开</a></li></ul></div>\
         <div class=\"footer\">版权所有 示例网 Copyright 2021</div></body></html>"
    )
}

fn check_article(d: &SourceDoc) {
    assert_eq!(d.title.as_deref(), Some("省委常委会召开会议"));
    assert_eq!(d.published.as_deref(), Some("2021-03-26"));
    assert!(d.text.contains("省委书记主持会议并讲话。"), "{}", d.text);
    assert!(d.text.contains("会议还研究了其他事项。"), "{}", d.text);
    assert!(!d.text.contains("首页"), "navigation kept: {}", d.text);
    assert!(
        !d.text.contains("全市经济工作会议召开"),
        "related links kept: {}",
        d.text
    );
    assert!(!d.text.contains("版权所有"), "footer kept: {}", d.text);
    assert_eq!(d.text.lines().count(), 4, "{}", d.text);
}

#[test]
fn html_in_gbk_bytes() {
    let html = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable);
    let d = one("a.html", &bytes, Format::Html).unwrap();
    check_article(&d);
    assert_eq!(d.authors, ["王小明"]);
}

#[test]
fn html_declaring_gb2312_but_utf8() {
    let html = page("<meta charset=\"gb2312\">");
    check_article(&one("b.html", html.as_bytes(), Format::Html).unwrap());
}

#[test]
fn html_with_crawler_wrapper_before_html() {
    let html = format!(
        "URL: http://news.example.cn/2021-03/26/c_1.htm\r\nFetched: 2021-03-27\r\n\r\n{}",
        page("<meta charset=\"utf-8\">")
    );
    let d = one("c.html", html.as_bytes(), Format::Auto).unwrap();
    check_article(&d);
}

#[test]
fn html_meta_date_and_canonical_url() {
    let head = "<meta property=\"article:published_time\" content=\"2021-03-25T10:00:00+08:00\">\
                <link rel=\"canonical\" href=\"http://news.example.cn/2021-03/25/c_1.htm\">";
    let d = one("d.html", page(head).as_bytes(), Format::Html).unwrap();
    assert_eq!(d.published.as_deref(), Some("2021-03-25"));
    assert_eq!(
        d.url.as_deref(),
        Some("http://news.example.cn/2021-03/25/c_1.htm")
    );
}

#[test]
fn html_br_paragraphs_become_lines() {
    let html = "<html><body><table><tr><td class=\"left\"><a href=\"/\">首页</a></td><td>\
                2005年3月1日，市长主持召开市政府常务会议，研究部署春耕生产工作。<br><br>\
                会议要求，各地要抓住有利时机，切实做好农资供应、技术指导和资金保障等工作。<br>\
                会议还听取了有关部门的工作汇报，并对下一步工作作出安排。</td></tr></table></body></html>";
    let d = one("e.htm", html.as_bytes(), Format::Html).unwrap();
    assert_eq!(d.text.lines().count(), 3, "{}", d.text);
    assert_eq!(d.published.as_deref(), Some("2005-03-01"));
}

const SEED_STYLE_MD: &str =
    "# 两省区召开协作会议，有重要背景\n\n# 两省区召开协作会议，有重要背景\n\n\
**撰文丨张三 李四**\n\n3月1日至3日，某省党政代表团赴邻省学习考察。\n\n**重要背景**\n\n\
![](https://img.example.com/news/OCnbTQcTW54x87NWwlAcv-\nMDMAA/1000)\n\n\
推动两地合作，是中央的要求。\n\n**【版权声明】本文著作权归示例新媒体所有。**\n";

#[test]
fn markdown_in_the_style_of_the_seed() {
    let d = one("s.md", SEED_STYLE_MD.as_bytes(), Format::Markdown).unwrap();
    assert_eq!(d.title.as_deref(), Some("两省区召开协作会议，有重要背景"));
    assert_eq!(d.authors, ["张三", "李四"]);
    assert!(!d.text.contains("!["), "{}", d.text);
    assert!(!d.text.contains("**"), "{}", d.text);
    assert!(!d.text.contains("MDMAA"), "{}", d.text);
    assert!(
        !d.text.contains("有重要背景"),
        "level-1 heading kept as prose: {}",
        d.text
    );
    assert_eq!(
        d.text,
        "撰文丨张三 李四\n3月1日至3日，某省党政代表团赴邻省学习考察。\n重要背景\n推动两地合作，是中央的要求。\n【版权声明】本文著作权归示例新媒体所有。"
    );
}

#[test]
fn jsonl_malformed_line_two() {
    let data = "{\"id\":\"a\",\"url\":\"http://x.cn/1\",\"text\":\"市委书记调研。\"}\n{\"id\": \"b\", \"text\": \n\n{\"text\":\"市长主持会议。\"}\n";
    let docs = read_bytes("in.jsonl", data.as_bytes(), Format::Jsonl);
    assert_eq!(docs.len(), 3);
    let a = docs[0].as_ref().unwrap();
    assert_eq!(
        (a.id.as_str(), a.url.as_deref(), a.text.as_str()),
        ("a", Some("http://x.cn/1"), "市委书记调研。")
    );
    let err = docs[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedJsonl);
    assert_eq!(err.doc(), "in.jsonl:2");
    assert!(
        err.to_string()
            .starts_with("in.jsonl:2: malformed jsonl line 2"),
        "{err}"
    );
    let c = docs[2].as_ref().unwrap();
    assert_eq!(
        (c.id.as_str(), c.text.as_str()),
        ("in.jsonl:4", "市长主持会议。")
    );
}

#[test]
fn auto_sniffs_jsonl() {
    let docs = read_bytes("-", b"  {\"id\":\"x\",\"text\":\"t\"}\n", Format::Auto);
    assert_eq!(docs[0].as_ref().unwrap().id, "x");
}

#[test]
fn binary_and_empty_are_errors() {
    let err = one("x.txt", b"PK\x03\x04\x00\x00binary", Format::Txt).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Binary);
    assert_eq!(
        err.to_string(),
        "x.txt: binary file (NUL bytes in the first 8 KiB)"
    );
    let err = one("y.txt", b" \n\r\n ", Format::Txt).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Empty);
    assert_eq!(err.doc(), "y.txt");
    let err = one(
        "z.html",
        b"<html><body><script>var a=1;</script></body></html>",
        Format::Html,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Empty);
}

#[test]
fn too_large_is_an_error() {
    let big = vec![b'a'; cadre_ingest::MAX_DOC_BYTES as usize + 1];
    let err = one("big.txt", &big, Format::Txt).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
}

#[test]
fn plain_text_in_gbk() {
    let (bytes, _, _) = encoding_rs::GBK.encode("市政府召开常务会议\r\n\r\n会议由市长主持。\r\n");
    let d = one("t.txt", &bytes, Format::Txt).unwrap();
    assert_eq!(d.title.as_deref(), Some("市政府召开常务会议"));
    assert_eq!(d.text, "市政府召开常务会议\n\n会议由市长主持。\n");
}

#[test]
fn formats_from_extensions() {
    assert_eq!(format_of("a/b.HTM".as_ref()), Format::Html);
    assert_eq!(format_of("a/b.json-lines".as_ref()), Format::Jsonl);
    assert_eq!(format_of("a/b.markdown".as_ref()), Format::Markdown);
    assert_eq!(format_of("a/b.txt".as_ref()), Format::Txt);
    assert_eq!(format_of("-".as_ref()), Format::Auto);
}

#[test]
fn directory_walk_is_sorted_skips_hidden_and_carries_on_after_errors() {
    let dir = std::env::temp_dir().join(format!("cadre-ingest-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), "乙文。").unwrap();
    std::fs::write(dir.join("a.md"), "# 甲\n\n甲文。").unwrap();
    std::fs::write(dir.join("sub/c.jsonl"), "{\"text\":\"丙文。\"}\nnot json\n").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "隐藏。").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("skip.pdf"), "x").unwrap();
    let paths = vec![dir.clone(), PathBuf::from("/nonexistent/cadre/x.txt")];
    let items: Vec<_> = read_paths(&paths).collect();
    let names: Vec<String> = items
        .iter()
        .map(|r| match r {
            Ok(d) => d.id.rsplit('/').next().unwrap().to_string(),
            Err(e) => format!("err:{}", e.doc().rsplit('/').next().unwrap()),
        })
        .collect();
    assert_eq!(
        names,
        [
            "a.md",
            "b.txt",
            "err:empty.txt",
            "c.jsonl:1",
            "err:c.jsonl:2",
            "err:x.txt"
        ]
    );
    assert_eq!(
        items[4].as_ref().unwrap_err().kind(),
        ErrorKind::MalformedJsonl
    );
    assert_eq!(items[5].as_ref().unwrap_err().kind(), ErrorKind::Io);
    std::fs::remove_dir_all(&dir).unwrap();
}
