//! Fixtures in the style of provincial news, written for these tests (the officials and
//! places of invented stories are fictional; region names are real).

use cadre_extract::Extractor;
use cadre_model::{EventType, GoldRecord, SourceDoc};

fn gold(text: &str, url: Option<&str>) -> GoldRecord {
    let doc = SourceDoc { id: "t".into(), url: url.map(Into::into), text: text.into(), ..Default::default() };
    Extractor::new().extract(&doc).to_gold()
}

fn offices(g: &GoldRecord, name: &str) -> Vec<(Option<String>, String)> {
    g.persons
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.offices.iter().map(|o| (o.jurisdiction.clone(), o.post.clone())).collect())
        .unwrap_or_default()
}

#[test]
fn title_chains_and_regions_left_implicit() {
    let g = gold(
        "本报讯(记者 周明)3月8日上午,湖南省委书记钟宏远主持召开省委常委会会议。省委副书记、省长柳青松,省委常委、长沙市委书记唐立出席。",
        Some("https://example.org/2023-03/09/content_1.htm"),
    );
    assert!(g.persons.iter().any(|p| p.name == "周明"), "byline reporter");
    assert_eq!(offices(&g, "钟宏远"), vec![(Some("湖南省".into()), "party_secretary".into())]);
    assert_eq!(
        offices(&g, "柳青松"),
        vec![(Some("湖南省".into()), "party_deputy_secretary".into()), (Some("湖南省".into()), "government_head".into())]
    );
    assert!(offices(&g, "唐立").contains(&(Some("长沙市".into()), "party_secretary".into())));
    let m = g.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    assert_eq!(m.date.as_deref(), Some("2023-03-08"));
    assert!(m.persons.contains(&"唐立".to_string()));
}

#[test]
fn one_meeting_however_often_told_and_its_signing() {
    let g = gold(
        "5月20日,两省在成都召开深化合作座谈会。四川省委书记石成岗主持会议并讲话,贵州省委书记贺远明出席会议并讲话。\
         会上,在石成岗、贺远明的共同见证下,两省签署了《川黔合作框架协议》等3个合作协议。\
         5月20日召开的座谈会上,双方还交流了经验。",
        Some("https://example.org/2021/0521/1.html"),
    );
    let meetings: Vec<_> = g.events.iter().filter(|e| e.kind == EventType::Meeting).collect();
    assert_eq!(meetings.len(), 1, "{:?}", g.events);
    assert_eq!(meetings[0].place.as_deref(), Some("成都市"));
    let signing = g.events.iter().find(|e| e.kind == EventType::Signing).expect("a signing");
    assert_eq!(signing.date.as_deref(), Some("2021-05-20"));
    assert_eq!(signing.place.as_deref(), Some("成都市"));
    assert_eq!(signing.persons.len(), 2);
}

#[test]
fn delegation_visit_with_year_from_the_text() {
    let g = gold(
        "2022年11月2日至4日,达川市党政代表团赴浙江省舟山市考察学习。期间,两市召开东西部协作联席会议。\
         舟山市委书记何其中,市委副书记、市长许方参加有关活动。",
        None,
    );
    let visit = g.events.iter().find(|e| e.kind == EventType::Visit).expect("a visit");
    assert_eq!(visit.date.as_deref(), Some("2022-11-02/2022-11-04"));
    assert_eq!(visit.place.as_deref(), Some("舟山市"));
    assert!(visit.persons.contains(&"许方".to_string()));
    assert_eq!(offices(&g, "许方")[1], (Some("舟山市".into()), "government_head".into()));
}

#[test]
fn appointments_and_removals() {
    let g = gold(
        "近日,多地人事调整。甘肃省委副书记王某某任青海省政协党组书记。\
         李某某出生于1970年5月,2015年任西宁市副市长,2020年8月,他出任西宁市委副书记、代市长。",
        Some("https://example.org/2023-01/12/c_1.htm"),
    );
    let appoint: Vec<_> = g.events.iter().filter(|e| e.kind == EventType::Appointment).collect();
    assert!(appoint.iter().any(|e| e.persons == ["王某某"]));
    assert!(appoint.iter().any(|e| e.persons == ["李某某"] && e.date.as_deref() == Some("2015")));
    assert!(appoint.iter().any(|e| e.persons == ["李某某"] && e.date.as_deref() == Some("2020-08")));
    let removal = g.events.iter().find(|e| e.kind == EventType::Removal).expect("leaving Gansu");
    assert_eq!(removal.office.as_ref().unwrap().jurisdiction.as_deref(), Some("甘肃省"));
}

#[test]
fn traditional_text_with_pinyin_noise() {
    let g = gold("5月17日,省委書記王曉(xiǎo)暉在成都會(huì)見(jiàn)來(lái)訪的客人。四川日報記者張立東", None);
    assert!(g.persons.iter().any(|p| p.name == "王晓晖"), "{:?}", g.persons);
    assert!(offices(&g, "王晓晖").contains(&(Some("四川省".into()), "party_secretary".into())));
}

#[test]
fn noise_of_real_pages() {
    // Navigation before the article, doubled punctuation, stray ??? and *, a Traditional
    // mirror's inserted readings: the facts still come through.
    let text = "首页 > 新闻中心 > 要闻\n分享到: 微信 微博\n\
        本報訊(記者 陳*明)6月3日上午,,河北省委書記倪(ní)嶽峰主持召開省委常委會會議。。省委副書記、省長王正譜???出席。\n\
        扫一扫在手机打开当前页";
    let g = gold(text, Some("https://example.org/2023-06/04/c_9.htm"));
    assert!(offices(&g, "倪岳峰").contains(&(Some("河北省".into()), "party_secretary".into())), "{:?}", g.persons);
    assert!(offices(&g, "王正谱").contains(&(Some("河北省".into()), "government_head".into())), "{:?}", g.persons);
    let m = g.events.iter().find(|e| e.kind == EventType::Meeting).expect("the meeting");
    assert_eq!(m.date.as_deref(), Some("2023-06-03"));
    assert!(m.persons.contains(&"倪岳峰".to_string()) && m.persons.contains(&"王正谱".to_string()));
}

#[test]
fn then_and_former_qualify_the_title_of_the_name_after_them() {
    // 前任/时任 before a title belong to the name after it, not to the subject before.
    let g = gold("3月5日,湖南省委书记钟宏远出席座谈会。前任省长柳青松也参加了活动。", None);
    assert_eq!(offices(&g, "钟宏远"), vec![(Some("湖南省".into()), "party_secretary".into())]);
    assert_eq!(offices(&g, "柳青松"), vec![(Some("湖南省".into()), "government_head".into())]);
    // 他时任…: a career the subject held.
    let g = gold("钟宏远在长沙工作多年。他时任长沙市委书记。", None);
    assert!(offices(&g, "钟宏远").contains(&(Some("长沙市".into()), "party_secretary".into())));
}

#[test]
fn a_county_meeting_meets_in_the_county_its_outlet_names() {
    let g = gold(
        "来源:阜城宣传 | 发布时间:2021-01-06\n1月5日,县委书记林向东主持召开县委常委(扩大)会,县四大班子主要领导参加会议。",
        None,
    );
    assert_eq!(offices(&g, "林向东"), vec![(Some("阜城县".into()), "party_secretary".into())]);
    let m = g.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    assert_eq!(m.place.as_deref(), Some("阜城县"));
    assert_eq!(m.date.as_deref(), Some("2021-01-05"));
}

#[test]
fn acting_then_confirmed_in_one_sentence() {
    let g = gold(
        "近日,多地迎来新任市委书记。周立成任临沂市委书记。公开资料显示,履新的市委书记中有两位70后。\
         周立成出生于1972年,2020年8月,他出任临沂市委副书记、代市长,2021年1月“去代转正”。",
        Some("https://example.org/2023-03/20/content_1.htm"),
    );
    let steps: Vec<(Option<&str>, &str)> = g
        .events
        .iter()
        .filter(|e| e.kind == EventType::Appointment)
        .map(|e| (e.date.as_deref(), e.office.as_ref().map_or("", |o| o.title.as_str())))
        .collect();
    assert!(steps.contains(&(Some("2020-08"), "代市长")), "{steps:?}");
    assert!(steps.contains(&(Some("2021-01"), "市长")), "{steps:?}");
    // 履新的市委书记 names nobody's move.
    assert_eq!(steps.iter().filter(|(_, t)| t.ends_with("市委书记")).count(), 1, "{steps:?}");
}

#[test]
fn those_present_meet_after_the_ceremony() {
    let g = gold(
        "7月18日下午,甲县和乙县缔结友好县签约仪式在青田县举行。青田县县长陈立新与庆元县县长吴春山代表两地签署框架协议。\
         与会人员观看了两地宣传片,并就两地合作发展进行了座谈交流。",
        Some("https://example.org/2021/0719/1.html"),
    );
    let m = g.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    assert_eq!(m.persons, vec!["陈立新".to_string(), "吴春山".to_string()]);
}

#[test]
fn an_inspection_cited_in_passing_has_its_region() {
    let g = gold("会议传达学习了习近平总书记视察广西时的重要讲话精神。", None);
    let v = g.events.iter().find(|e| e.kind == EventType::Visit).expect("the cited visit");
    assert_eq!(v.place.as_deref(), Some("广西壮族自治区"));
    assert_eq!(v.persons, vec!["习近平".to_string()]);
    // A word of motion names the trip's destination before an inspection cited with it.
    let g = gold(
        "为贯彻习近平总书记视察安徽重要讲话精神,10月7日至10日,安徽省委书记李锦斌率代表团前往上海学习考察。",
        Some("https://example.org/2016-10/12/c_1.htm"),
    );
    let trip = g.events.iter().find(|e| e.kind == EventType::Visit && e.persons.contains(&"李锦斌".to_string())).expect("the trip");
    assert_eq!(trip.place.as_deref(), Some("上海市"));
}
