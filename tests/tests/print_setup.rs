//! Every workbook the tool writes, read back for print (contract §13, issue 23) with an
//! independent reader — zip and quick-xml on `xl/workbook.xml`, its relationships and
//! `xl/worksheets/sheetN.xml` — not with the writer's own idea of what it wrote: A4
//! (`paperSize="9"`), the orientation, one page wide (`fitToPage`, `fitToWidth` 1,
//! `fitToHeight="0"`) only where the columns then print at 9 pt or more, centred
//! (`printOptions`), `第 &P 页 共 &N 页` in every footer, the 填报表's page header and
//! signing line, and the defined names `_xlnm.Print_Titles` and `_xlnm.Print_Area` of
//! every visible sheet. What LibreOffice makes of it on paper is scripts/print-test.sh.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use jz_core::Plan;
use quick_xml::Reader;
use quick_xml::events::Event;
use xlsx_tool::{Limits, Merger};

/// An element as read: its name, attributes and the text right inside it.
#[derive(Debug, Default, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn elements(xml: &str) -> Vec<El> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<El> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap();
                        (a.key.0.to_string(), value.into_owned())
                    })
                    .collect();
                out.push(El { name: e.name().0.to_string(), attrs, text: String::new() });
                // An empty element closes at once; a start element waits for its end.
                if !e.is_empty() {
                    open.push(out.len() - 1);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&i) = open.last() {
                    let s = match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("entity {other}"),
                    };
                    out[i].text.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn first<'a>(els: &'a [El], name: &str) -> Option<&'a El> {
    els.iter().find(|e| e.name == name)
}

/// A visible sheet: its name, its index among all sheets and its XML elements.
struct Sheet {
    name: String,
    index: usize,
    els: Vec<El>,
}

/// The visible sheets in workbook order, and the workbook's defined names (name,
/// localSheetId, formula).
fn sheets(xlsx: &[u8]) -> (Vec<Sheet>, Vec<(String, usize, String)>) {
    let wb = elements(&part(xlsx, "xl/workbook.xml"));
    let rels = elements(&part(xlsx, "xl/_rels/workbook.xml.rels"));
    let target = |id: &str| {
        let r = rels.iter().find(|r| r.name == "Relationship" && r.attrs.get("Id").map(String::as_str) == Some(id));
        format!("xl/{}", r.unwrap().attrs["Target"].trim_start_matches("/xl/"))
    };
    let mut out = Vec::new();
    for (index, s) in wb.iter().filter(|e| e.name == "sheet").enumerate() {
        if s.attrs.get("state").is_some_and(|st| st != "visible") {
            continue;
        }
        let els = elements(&part(xlsx, &target(&s.attrs["r:id"])));
        out.push(Sheet { name: s.attrs["name"].clone(), index, els });
    }
    let names = wb
        .iter()
        .filter(|e| e.name == "definedName")
        .map(|e| {
            let local = e.attrs.get("localSheetId").map_or(usize::MAX, |v| v.parse().unwrap());
            (e.attrs["name"].clone(), local, e.text.clone())
        })
        .collect();
    (out, names)
}

/// The printed width of the sheet's columns in points at 100 %, as Excel draws them
/// (`7w + 5` pixels of 0.75 pt for a width `w` without its padding), times 1.10 for
/// LibreOffice (scripts/print-test.sh measures the rest).
fn columns_points(els: &[El], last_col: u32) -> f64 {
    let mut total = 0.0;
    for c in els.iter().filter(|e| e.name == "col") {
        let (min, max): (u32, u32) = (c.attrs["min"].parse().unwrap(), c.attrs["max"].parse().unwrap());
        let stored: f64 = c.attrs["width"].parse().unwrap();
        let px = (stored * 7.0).round();
        let count = (max.min(last_col) + 1).saturating_sub(min);
        total += px * 0.75 * f64::from(count);
    }
    total * 1.10
}

/// The last column (1-based) of a print area such as `'任务填报'!$A$1:$J$9`.
fn last_column(area: &str) -> u32 {
    let cell = area.rsplit(':').next().unwrap();
    let letters: String = cell.chars().filter(char::is_ascii_uppercase).collect();
    letters.bytes().fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1))
}

/// Checks what every visible sheet of every workbook must have; returns the sheets.
fn check_every_sheet(what: &str, xlsx: &[u8]) -> Vec<Sheet> {
    let (sheets, names) = sheets(xlsx);
    assert!(!sheets.is_empty(), "{what}");
    for s in &sheets {
        let at = format!("{what} / {}", s.name);
        let setup = first(&s.els, "pageSetup").unwrap_or_else(|| panic!("{at}: no pageSetup"));
        assert_eq!(setup.attrs.get("paperSize").map(String::as_str), Some("9"), "{at}: A4");
        let landscape = setup.attrs.get("orientation").map(String::as_str) == Some("landscape");
        let footer = first(&s.els, "oddFooter").unwrap_or_else(|| panic!("{at}: no footer"));
        assert!(footer.text.contains("第 &P 页 共 &N 页"), "{at}: {}", footer.text);
        assert!(
            first(&s.els, "printOptions")
                .is_some_and(|p| p.attrs.get("horizontalCentered").map(String::as_str) == Some("1")),
            "{at}"
        );
        let titles = names.iter().find(|(n, local, _)| n == "_xlnm.Print_Titles" && *local == s.index);
        assert!(titles.is_some_and(|t| t.2.contains('$')), "{at}: no print titles in {names:?}");
        let area = names.iter().find(|(n, local, _)| n == "_xlnm.Print_Area" && *local == s.index);
        let area = area.unwrap_or_else(|| panic!("{at}: no print area"));
        // One page wide only while the text stays at 9 pt or more; portrait only when the
        // columns fit its width at 100 %.
        let fit =
            first(&s.els, "pageSetUpPr").is_some_and(|p| p.attrs.get("fitToPage").map(String::as_str) == Some("1"));
        let points = columns_points(&s.els, last_column(&area.2));
        let printable = if landscape { 841.89 } else { 595.28 } - 2.0 * 0.4 * 72.0;
        if fit {
            assert_eq!(setup.attrs.get("fitToWidth").map_or("1", String::as_str), "1", "{at}");
            assert_eq!(setup.attrs.get("fitToHeight").map(String::as_str), Some("0"), "{at}");
            let scale = (printable / points).min(1.0);
            assert!(11.0 * scale >= 9.0, "{at}: fitted to the width the text prints at {:.1} pt", 11.0 * scale);
        } else {
            assert!(landscape, "{at}: not fitted, so wider than landscape A4 at 9 pt");
        }
        if !landscape {
            assert!(points <= printable + 0.5, "{at}: portrait but {points:.0} pt wide");
        }
    }
    sheets
}

/// The shared-string texts of a sheet's cells, in order.
fn texts(xlsx: &[u8], sheet: &Sheet) -> Vec<String> {
    let mut shared: Vec<String> = Vec::new();
    for e in elements(&part(xlsx, "xl/sharedStrings.xml")) {
        match e.name.as_str() {
            "si" => shared.push(String::new()),
            "t" => shared.last_mut().unwrap().push_str(&e.text),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut is_shared = false;
    for e in &sheet.els {
        match e.name.as_str() {
            "c" => is_shared = e.attrs.get("t").map(String::as_str) == Some("s"),
            "v" if is_shared => out.push(shared[e.text.parse::<usize>().unwrap()].clone()),
            _ => {}
        }
    }
    out
}

fn plan() -> Plan {
    Plan::builtin()
}

#[test]
fn the_unit_workbook_prints_with_whose_it_is_and_a_place_to_sign() {
    let plan = plan();
    let xlsx = xlsx_tool::template::template(&plan, "市场监管局", 2025).unwrap();
    let sheets = check_every_sheet("template", &xlsx);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["任务填报", "指标填报", "填报说明"]);
    for s in &sheets[..2] {
        let header = &first(&s.els, "oddHeader").unwrap().text;
        assert!(header.contains("填报单位：市场监管局"), "{header}");
        assert!(header.contains("报告年度：2025"), "{header}");
        assert!(header.contains(&plan.title), "the plan's own title: {header}");
        let footer = &first(&s.els, "oddFooter").unwrap().text;
        for word in ["填报人：", "单位负责人：", "（单位盖章）"] {
            assert!(footer.contains(word), "{footer}");
        }
    }
    let tasks = &sheets[0];
    let setup = first(&tasks.els, "pageSetup").unwrap();
    assert_eq!(setup.attrs.get("orientation").map(String::as_str), Some("landscape"));
    assert!(first(&tasks.els, "pageSetUpPr").is_some(), "任务填报 fitted to one page wide");
    let (_, names) = self::sheets(&xlsx);
    let titles = names.iter().find(|(n, l, _)| n == "_xlnm.Print_Titles" && *l == 0).unwrap();
    assert_eq!(titles.2.replace('\'', ""), "任务填报!$3:$3", "the header row repeats");
    let area = names.iter().find(|(n, l, _)| n == "_xlnm.Print_Area" && *l == 0).unwrap();
    assert!(area.2.replace('\'', "").starts_with("任务填报!$A$1:$J$"), "{}", area.2);
    // A plan title with an ampersand prints as one, not as a header code.
    let mut odd = plan.clone();
    odd.title = "A&B 计划".into();
    let xlsx = xlsx_tool::template::template(&odd, "市场监管局", 2025).unwrap();
    let (sheets, _) = self::sheets(&xlsx);
    assert!(first(&sheets[0].els, "oddHeader").unwrap().text.contains("&CA&&B 计划"));
}

#[test]
fn the_annotated_copy_prints_its_notes_at_the_end() {
    let plan = plan();
    let samples = xlsx_tool::sample::sample_set(&plan, 2025, 2025).unwrap();
    let (name, bytes) = samples.iter().find(|(n, _)| n.starts_with("博爱县")).unwrap();
    let checked = xlsx_tool::check(&plan, bytes, name, &Limits::default());
    assert!(!checked.diagnostics.is_empty(), "the 博爱县 sample holds errors on purpose");
    let xlsx = xlsx_tool::template::filled(&plan, &checked.report, "博爱县", 2025, &checked.diagnostics).unwrap();
    let sheets = check_every_sheet("annotated", &xlsx);
    let last = sheets.last().unwrap();
    assert_eq!(last.name, "问题清单");
    let comments = part(&xlsx, "xl/comments1.xml");
    let listed = texts(&xlsx, last);
    for d in &checked.diagnostics {
        assert!(listed.iter().any(|t| t.contains(&d.message)), "{} not listed in {listed:?}", d.message);
    }
    assert!(comments.contains("【错误】"));
    // The corrected copy (no diagnostics) has no such sheet.
    let corrected = xlsx_tool::template::filled(&plan, &checked.report, "博爱县", 2025, &[]).unwrap();
    let (sheets, _) = self::sheets(&corrected);
    assert!(sheets.iter().all(|s| s.name != "问题清单"));
}

#[test]
fn the_summary_and_the_plan_workbook_print_numbered_on_a4() {
    let plan = plan();
    let mut merger = Merger::new(&plan, 2025, &Limits::default());
    for (name, bytes) in xlsx_tool::sample::sample_set(&plan, 2025, 2025).unwrap() {
        merger.add(&name, &bytes);
    }
    let merge = merger.finish();
    let xlsx = xlsx_tool::summary::write_summary(&plan, &merge).unwrap();
    let sheets = check_every_sheet("summary", &xlsx);
    let detail = sheets.iter().find(|s| s.name == "任务明细").unwrap();
    assert!(first(&detail.els, "pageSetUpPr").is_some(), "任务明细 one page wide");
    // With a column per unit the indicator table cannot be one page wide at 9 pt: it goes
    // over pages across at 100 %, its id and name columns repeated.
    let (_, names) = self::sheets(&xlsx);
    let ind = sheets.iter().find(|s| s.name == "指标汇总").unwrap();
    let titles = names.iter().find(|(n, l, _)| n == "_xlnm.Print_Titles" && *l == ind.index).unwrap();
    assert!(titles.2.contains("$A:$B") && titles.2.contains("$1:$1"), "{}", titles.2);

    let xlsx = xlsx_tool::plan_file::export_plan(&plan);
    let sheets = check_every_sheet("plan", &xlsx);
    assert!(sheets.len() >= 6);
}
