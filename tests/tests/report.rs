//! The Word report read back with an independent reader (quick-xml over the unzipped
//! parts, not the writer's own code): texts verbatim and once under their task, the
//! indicator table equal to the merge JSON, headings in order, the GB/T 9704 page and
//! fonts, unit text that stays text, byte-identical output in any order, and a summary
//! of the year alone giving the same document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use jz_core::{Merge, Plan};
use quick_xml::Reader;
use quick_xml::events::Event;
use xlsx_tool::report::{HEADINGS, report_files, write_report};
use xlsx_tool::{Limits, sample, template};

/// Unit text that a careless writer would turn into markup, a field or a formula.
const HOSTILE: &str = "=SUM(A1) 不是公式\n<b>x</b>\t{ PAGE } &amp; \u{1}结束";
/// What the reader must see for it: control character gone, line break and tab kept.
const HOSTILE_SEEN: &str = "=SUM(A1) 不是公式\n<b>x</b>\t{ PAGE } &amp; 结束";

/// The 22 sample files, 孟州市's first 进展情况 replaced by [`HOSTILE`].
fn inputs(plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let mut files = sample::sample_set(plan, 2025, 2025).unwrap();
    let mut report = sample::sample_report(plan, "孟州市", 2025, &mut sample::Rng::new(3));
    report.measures[0].progress = HOSTILE.into();
    report.measures[0].status = Some(jz_core::Status::InProgress);
    report.measures[0].status_text = "推进中".into();
    let bytes = template::filled(plan, &report, "孟州市", 2025, &[]).unwrap();
    let i = files.iter().position(|(n, _)| n.starts_with("孟州市")).unwrap();
    files[i].1 = bytes;
    files
}

fn run(plan: &Plan, files: &[(String, Vec<u8>)]) -> (Merge, Vec<u8>) {
    report_files(plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2025, &Limits::default()).unwrap()
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A paragraph as read: its style and its text (`w:br` → `\n`, `w:tab` → `\t`), and the
/// table (counted from 0) it is in, if any.
#[derive(Debug, Clone, PartialEq)]
struct Para {
    style: String,
    text: String,
    table: Option<usize>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.0 == name).map(|a| a.value.to_string())
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = Reader::from_str(xml);
    let (mut out, mut tables, mut depth) = (Vec::new(), 0usize, 0usize);
    let mut cur: Option<Para> = None;
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().0 == "w:tbl" => {
                tables += 1;
                depth += 1;
                let _ = e;
            }
            Event::Start(e) if e.name().0 == "w:p" => {
                let table = (depth > 0).then(|| tables - 1);
                cur = Some(Para { style: String::new(), text: String::new(), table });
                let _ = e;
            }
            Event::Empty(e) if e.name().0 == "w:pStyle" => {
                if let Some(p) = cur.as_mut() {
                    p.style = attr(&e, "w:val").unwrap_or_default();
                }
            }
            Event::Empty(e) if e.name().0 == "w:br" => cur.as_mut().unwrap().text.push('\n'),
            Event::Empty(e) if e.name().0 == "w:tab" => cur.as_mut().unwrap().text.push('\t'),
            Event::Start(e) if e.name().0 == "w:t" => in_t = true,
            Event::Text(t) if in_t => cur.as_mut().unwrap().text.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_t => {
                let name: &str = r.as_ref();
                let c = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                cur.as_mut().unwrap().text.push_str(c);
            }
            Event::End(e) if e.name().0 == "w:t" => in_t = false,
            Event::End(e) if e.name().0 == "w:p" => out.extend(cur.take()),
            Event::End(e) if e.name().0 == "w:tbl" => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Table `n`'s rows (each row's cell texts), header included.
fn table(paras: &[Para], n: usize, columns: usize) -> Vec<Vec<String>> {
    let cells: Vec<String> = paras.iter().filter(|p| p.table == Some(n)).map(|p| p.text.clone()).collect();
    cells.chunks(columns).map(<[String]>::to_vec).collect()
}

#[test]
fn the_report_says_what_the_merge_says() {
    let plan = Plan::builtin();
    let files = inputs(&plan);
    let (merge, docx) = run(&plan, &files);
    let doc = part(&docx, "word/document.xml");
    let paras = paragraphs(&doc);

    // Title, then the five headings and the annex label, in order.
    assert_eq!(paras[0].style, "jzTitle");
    assert_eq!(paras[0].text, "2025年度焦作市推动知识产权高质量发展\n工作情况报告");
    let h1: Vec<&str> = paras.iter().filter(|p| p.style == "1").map(|p| p.text.as_str()).collect();
    let mut want: Vec<&str> = HEADINGS.to_vec();
    want.push("附件");
    assert_eq!(h1, want);
    assert!(paras.iter().any(|p| p.text == "附件：报送情况"));
    let overview = paras.iter().find(|p| p.text.starts_with("截至")).unwrap();
    assert!(
        overview.text.starts_with("截至2026年1月31日，应报送单位22个，已报送20个（按期20个）"),
        "{}",
        overview.text
    );

    // 二、主要工作进展: every accepted unit's 进展情况 verbatim, led by its name, under its task.
    let start = paras.iter().position(|p| p.text == HEADINGS[1]).unwrap();
    let end = paras.iter().position(|p| p.text == HEADINGS[2]).unwrap();
    let mut under: BTreeMap<String, Vec<String>> = BTreeMap::new(); // paragraph → task headings
    let mut task = String::new();
    for p in &paras[start..end] {
        if p.style == "3" {
            task = p.text.split_once('.').unwrap().1.to_string();
        } else if p.style == "a0" {
            under.entry(p.text.clone()).or_default().push(task.clone());
        }
    }
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in merge.rows.iter().filter(|r| !r.progress.trim().is_empty()) {
        let text = r.progress.replace('\u{1}', "");
        let task = plan.measure(&r.measure).unwrap().task.title.clone();
        expected.entry(format!("{}：{text}", r.unit)).or_default().push(task);
    }
    assert!(expected.len() > 300, "the samples have hundreds of texts");
    for (text, tasks) in &expected {
        assert_eq!(under.get(text), Some(tasks), "{text}");
    }
    assert_eq!(under.get(&format!("孟州市：{HOSTILE_SEEN}")).map(Vec::len), Some(1));

    // 三: the indicator table equals the merge JSON.
    let json: serde_json::Value = serde_json::to_value(&merge.summary).unwrap();
    let rows = table(&paras, 0, 6);
    assert_eq!(rows[0], ["指标", "目标值", "本年度", "累计或最新", "完成率", "判断"]);
    assert_eq!(rows.len(), 1 + plan.indicators.len());
    let num = |s: &str| if s == "—" { None } else { Some(s.parse::<f64>().unwrap()) };
    for (i, row) in rows[1..].iter().enumerate() {
        let ind = &json["indicators"][i];
        let prog = &json["progress"][i];
        assert!(row[0].contains(plan.indicators[i].name.as_str()));
        assert_eq!(num(&row[1]), ind["target"].as_f64());
        assert_eq!(num(&row[2]), ind["total"].as_f64(), "{} 本年度", ind["id"]);
        assert_eq!(num(&row[3]), prog["cumulative"].as_f64(), "{} 累计", ind["id"]);
        let rate = prog["rate"].as_f64().map(|r| format!("{:.1}%", r * 100.0)).unwrap_or("—".into());
        assert_eq!(row[4], rate);
        assert_eq!(row[5], prog["judgement"].as_str().unwrap());
    }

    // 附件: every expected unit, with its state.
    let annex = table(&paras, 1, 6);
    assert_eq!(annex.len(), 1 + merge.units.len());
    for (row, u) in annex[1..].iter().zip(&merge.units) {
        assert_eq!((row[1].as_str(), row[2].as_str()), (u.unit.as_str(), u.state.label()));
    }
    let boai = annex.iter().find(|r| r[1] == "博爱县").unwrap();
    assert_eq!(boai[2], "退回");

    // Unit text stays text: escaped, never a field.
    assert!(doc.contains("&lt;b&gt;x&lt;/b&gt;"));
    assert!(!doc.contains("<b>"));
    assert!(!doc.contains("fldChar") && !doc.contains("instrText") && !doc.contains("fldSimple"));
}

#[test]
fn the_page_and_fonts_of_gb_t_9704() {
    let plan = Plan::builtin();
    let docx = write_report(&plan, &jz_core::merge(&plan, 2025, Vec::new())).unwrap();
    let doc = part(&docx, "word/document.xml");
    for want in [
        r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
        r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#,
        r#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>"#,
        r#"<w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#,
        r#"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#,
    ] {
        assert!(doc.contains(want), "{want}");
    }
    assert!(part(&docx, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));

    // Fonts and sizes per style, read with quick-xml.
    let styles = part(&docx, "word/styles.xml");
    let mut reader = Reader::from_str(&styles);
    let mut found: BTreeMap<String, (String, String, bool)> = BTreeMap::new();
    let mut id = "defaults".to_string();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "w:style" => id = attr(&e, "w:styleId").unwrap(),
            Event::Empty(e) if e.name().0 == "w:rFonts" => {
                let f = found.entry(id.clone()).or_default();
                f.0 = attr(&e, "w:eastAsia").unwrap();
                assert_eq!(attr(&e, "w:ascii"), Some(f.0.clone()), "digits in the same face");
            }
            Event::Empty(e) if e.name().0 == "w:sz" => {
                found.entry(id.clone()).or_default().1 = attr(&e, "w:val").unwrap()
            }
            Event::Empty(e) if e.name().0 == "w:b" => found.entry(id.clone()).or_default().2 = true,
            Event::Eof => break,
            _ => {}
        }
    }
    let want = |f: &str, sz: &str, b: bool| (f.to_string(), sz.to_string(), b);
    assert_eq!(found["defaults"], want("仿宋_GB2312", "32", false));
    assert_eq!(found["jzTitle"], want("方正小标宋简体", "44", false));
    assert_eq!(found["1"], want("黑体", "32", false));
    assert_eq!(found["2"], want("楷体_GB2312", "32", false));
    assert_eq!(found["3"], want("仿宋_GB2312", "32", true));
    assert_eq!(found["jzFooter"], want("宋体", "28", false));

    let fonts = part(&docx, "word/fontTable.xml");
    for (name, alt) in [("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")] {
        assert!(fonts.contains(&format!(r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/>"#)), "{name}");
    }
    // Page numbers: a PAGE field between 一字线, odd right, even left.
    let odd = part(&docx, "word/footer1.xml");
    let even = part(&docx, "word/footer2.xml");
    for (f, jc) in [(&odd, "right"), (&even, "left")] {
        assert!(f.contains(&format!(r#"<w:jc w:val="{jc}"/>"#)));
        assert!(f.contains(" PAGE ") && f.contains("— ") && f.contains(" —"));
    }
}

#[test]
fn same_bytes_in_any_order_and_from_the_summary_alone() {
    let plan = Plan::builtin();
    let files = inputs(&plan);
    let (merge, docx) = run(&plan, &files);
    let mut reversed = files.clone();
    reversed.reverse();
    reversed.rotate_left(5);
    assert_eq!(run(&plan, &reversed).1, docx, "byte-identical in another order");

    // The year's summary alone stands in for the unit files.
    let (_, xlsx) =
        xlsx_tool::merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2025, &Limits::default())
            .unwrap();
    let (from_summary, docx2) = run(&plan, &[("2025年度汇总表.xlsx".to_string(), xlsx)]);
    assert_eq!(from_summary.summary.indicators, merge.summary.indicators);
    assert_eq!(from_summary.summary.measures, merge.summary.measures);
    assert_eq!(from_summary.rows, merge.rows);
    assert_eq!(paragraphs(&part(&docx2, "word/document.xml")), paragraphs(&part(&docx, "word/document.xml")));
}
