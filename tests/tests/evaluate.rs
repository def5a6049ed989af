//! The end-of-plan evaluation (contract §12) on four hand-worked years of a small plan:
//! a unit missing one year, a rejected file, a late file, a stock that falls, a flow that
//! meets its target only in the last year, an annual value short of it, an indicator
//! nobody reports. Every figure of the JSON and of the three sheets (read back with
//! calamine) is checked against numbers worked out by hand below, and against the merge of
//! each year; four summaries alone give the same evaluation; the Word report holds every
//! last 进展情况 once; outputs are byte-identical in any input order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use jz_core::evaluation::{Evaluation, MeasureVerdict, Verdict};
use jz_core::{Date, Plan, Report, Status};
use xlsx_tool::evaluation::{HEADINGS, evaluate_files};
use xlsx_tool::{Limits, merge_files, template};

const PLAN: &str = r#"
id = "eval-test"
title = "测试市知识产权实施方案（2022-2025）"
first_year = 2022
last_year = 2025
deadline = "01-31"
notes = []

[[units]]
name = "甲局"
group = "市直"
aliases = []

[[units]]
name = "乙区"
group = "各县区"
aliases = []

[[units]]
name = "丙区"
group = "各县区"
aliases = []

[[groups]]
name = "各县区"
members = ["乙区", "丙区"]

[[sections]]
number = "一"
title = "第一部分"

[[tasks]]
number = 1
section = "一"
title = "任务甲"
responsible_text = "甲局"
responsible = ["甲局"]

[[tasks.measures]]
id = "1.1"
text = "举措一点一的原文。"

[[tasks]]
number = 2
section = "一"
title = "任务乙"
responsible_text = "甲局、各县区"
responsible = ["甲局", "各县区"]

[[tasks.measures]]
id = "2.1"
text = "举措二点一的原文。"

[[tasks.measures]]
id = "2.2"
text = "举措二点二的原文。"

[[indicators]]
id = "I01"
name = "流量指标"
target = 10.0
unit = "件"
kind = "flow"
aggregation = "sum"
reporters = ["各县区"]
source = ""
description = ""

[[indicators]]
id = "I02"
name = "存量指标"
target = 5.0
unit = "个"
kind = "stock"
aggregation = "single"
reporters = ["甲局"]
source = ""
description = ""

[[indicators]]
id = "I03"
name = "当年指标"
target = 2.0
unit = "亿元"
kind = "annual"
aggregation = "sum"
reporters = ["各县区"]
source = ""
description = ""

[[indicators]]
id = "I04"
name = "无人填报指标"
target = 3.0
unit = "件"
kind = "flow"
aggregation = "sum"
reporters = ["各县区"]
source = ""
description = ""
"#;

const YEARS: [u16; 4] = [2022, 2023, 2024, 2025];

/// What each unit wrote each year: statuses of its measures and indicator values. `None`:
/// no file that year.
#[allow(clippy::type_complexity)]
fn script(unit: &str, year: u16) -> Option<(Vec<(&'static str, &'static str)>, Vec<(&'static str, f64)>)> {
    use Status::*;
    let s = |v: &[(&'static str, Status)]| v.iter().map(|(id, st)| (*id, st.label())).collect::<Vec<_>>();
    Some(match (unit, year) {
        ("甲局", 2022) => (s(&[("1.1", InProgress), ("2.1", NotStarted), ("2.2", InProgress)]), vec![("I02", 3.0)]),
        ("甲局", 2023) => (s(&[("1.1", InProgress), ("2.1", InProgress), ("2.2", InProgress)]), vec![("I02", 6.0)]),
        ("甲局", 2024) => (s(&[("1.1", Done), ("2.1", InProgress), ("2.2", InProgress)]), vec![("I02", 5.0)]),
        ("甲局", 2025) => (s(&[("1.1", Done), ("2.1", Ongoing), ("2.2", InProgress)]), vec![("I02", 4.0)]),
        ("乙区", 2022) => (s(&[("2.1", InProgress), ("2.2", InProgress)]), vec![("I01", 1.0), ("I03", 0.5)]),
        ("乙区", 2023) => (s(&[("2.1", Done), ("2.2", InProgress)]), vec![("I01", 2.0), ("I03", 1.0)]),
        // 2024: 乙区's only file is rejected (no contact).
        ("乙区", 2024) => (s(&[("2.1", Done), ("2.2", InProgress)]), vec![("I01", 9.0), ("I03", 9.0)]),
        ("乙区", 2025) => (s(&[("2.1", Done), ("2.2", InProgress)]), vec![("I01", 2.0), ("I03", 0.6)]),
        ("丙区", 2022) => (s(&[("2.1", InProgress), ("2.2", NotStarted)]), vec![("I01", 1.0), ("I03", 0.5)]),
        ("丙区", 2023) => return None,
        ("丙区", 2024) => (s(&[("2.1", InProgress), ("2.2", NotStarted)]), vec![("I01", 2.0), ("I03", 1.2)]),
        ("丙区", 2025) => (s(&[("2.1", Ongoing), ("2.2", InProgress)]), vec![("I01", 2.0), ("I03", 0.7)]),
        _ => return None,
    })
}

fn progress_text(unit: &str, year: u16, id: &str) -> String {
    format!("{unit}{year}年举措{id}的进展情况原文")
}

fn problem_text(unit: &str, year: u16, id: &str) -> String {
    format!("{unit}{year}年举措{id}的存在问题原文")
}

/// The sixteen-minus-one unit files of the four years.
fn files(plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for year in YEARS {
        for unit in ["甲局", "乙区", "丙区"] {
            let Some((statuses, values)) = script(unit, year) else { continue };
            // 甲局's 2025 file is late (after 2026-01-31); the others are on time.
            let date = if unit == "甲局" && year == 2025 { (2026, 2, 15) } else { (i32::from(year) + 1, 1, 20) };
            let contact = if unit == "乙区" && year == 2024 { "" } else { "张三" };
            let mut b = Report::for_unit(plan, unit, year)
                .contact(contact, "0391-1234567")
                .date(Date::new(date.0, date.1, date.2))
                .next_plan("下一步继续推进");
            for (id, st) in &statuses {
                b = b.status_text(id, st);
            }
            let mut report: Report = b.values(&values).build();
            for m in &mut report.measures {
                m.progress = progress_text(unit, year, &m.id);
                m.problems = problem_text(unit, year, &m.id);
            }
            let bytes = template::filled(plan, &report, unit, year, &[]).unwrap();
            out.push((format!("{year}/{unit}.xlsx"), bytes));
        }
    }
    out
}

fn evaluate(plan: &Plan, files: &[(String, Vec<u8>)]) -> (Evaluation, Vec<u8>, Vec<u8>) {
    let (done, xlsx, docx) =
        evaluate_files(plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2025, &Limits::default()).unwrap();
    (done.evaluation, xlsx, docx)
}

/// Every cell of a sheet as text (numbers as Rust prints them), row by row.
fn sheet(xlsx: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{}", (f * 1e6).round() / 1e6),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

#[test]
fn four_hand_worked_years() {
    let plan = Plan::from_text(PLAN).unwrap();
    let files = files(&plan);
    let (e, xlsx, docx) = evaluate(&plan, &files);
    assert_eq!(e.years, YEARS);
    assert!(!e.interim);

    // Indicators, by hand. I01 flow: 2+2+2+4 = 10 of 10, met only in 2025 (乙区's 2024
    // values are in the rejected file, 丙区 sent nothing in 2023). I02 stock: 3, 6, 5, 4 →
    // 4 of 5 = 80 % 基本完成. I03 annual: 2025 alone, 0.6+0.7 = 1.3 of 2 = 65 % 未完成.
    let ind: BTreeMap<&str, _> = e.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    let vals = |id: &str| YEARS.map(|y| ind[id].values[&y.to_string()]);
    assert_eq!(vals("I01"), [Some(2.0), Some(2.0), Some(2.0), Some(4.0)]);
    assert_eq!((ind["I01"].final_value, ind["I01"].rate, ind["I01"].verdict), (Some(10.0), Some(1.0), Verdict::Met));
    assert_eq!(vals("I02"), [Some(3.0), Some(6.0), Some(5.0), Some(4.0)]);
    assert_eq!(
        (ind["I02"].final_value, ind["I02"].rate, ind["I02"].verdict),
        (Some(4.0), Some(0.8), Verdict::NearlyMet)
    );
    assert_eq!(vals("I03"), [Some(1.0), Some(1.0), Some(1.2), Some(1.3)]);
    assert_eq!((ind["I03"].final_value, ind["I03"].rate, ind["I03"].verdict), (Some(1.3), Some(0.65), Verdict::NotMet));
    assert_eq!(vals("I04"), [None; 4]);
    assert_eq!((ind["I04"].final_value, ind["I04"].rate, ind["I04"].verdict), (None, None, Verdict::NoData));

    // Measures × units, by hand.
    let m: BTreeMap<(&str, &str), _> = e.measures.iter().map(|m| ((m.id.as_str(), m.unit.as_str()), m)).collect();
    let expect = [
        (("1.1", "甲局"), ["推进中", "推进中", "已完成", "已完成"], "已完成", MeasureVerdict::Done),
        (("2.1", "甲局"), ["未启动", "推进中", "推进中", "持续推进"], "持续推进", MeasureVerdict::Ongoing),
        (("2.2", "甲局"), ["推进中"; 4], "推进中", MeasureVerdict::NotDone),
        (("2.1", "乙区"), ["推进中", "已完成", "未报送", "已完成"], "已完成", MeasureVerdict::Done),
        (("2.2", "乙区"), ["推进中", "推进中", "未报送", "推进中"], "推进中", MeasureVerdict::NotDone),
        (("2.1", "丙区"), ["推进中", "未报送", "推进中", "持续推进"], "持续推进", MeasureVerdict::Ongoing),
        (("2.2", "丙区"), ["未启动", "未报送", "未启动", "推进中"], "推进中", MeasureVerdict::NotDone),
    ];
    assert_eq!(e.measures.len(), expect.len());
    for (key, statuses, last, verdict) in expect {
        let got = m[&key];
        assert_eq!(YEARS.map(|y| got.statuses[&y.to_string()].as_str()), statuses, "{key:?}");
        assert_eq!((got.final_status.as_str(), got.verdict, got.final_year), (last, verdict, Some(2025)), "{key:?}");
        assert_eq!(got.progress, progress_text(key.1, 2025, key.0));
        assert_eq!(got.problems, problem_text(key.1, 2025, key.0));
    }

    // Reporting record: 应报, 已报, 按期, 逾期, 退回, 未报送.
    let units: Vec<(&str, [u32; 6])> = e
        .units
        .iter()
        .map(|u| (u.unit.as_str(), [u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing]))
        .collect();
    assert_eq!(units, [("甲局", [4, 4, 3, 1, 0, 0]), ("乙区", [4, 3, 3, 0, 1, 0]), ("丙区", [4, 3, 3, 0, 0, 1])]);

    // The three sheets, read back by calamine.
    let s = sheet(&xlsx, "指标终期评估");
    assert_eq!(
        s[0],
        row([
            "指标编号",
            "指标名称",
            "属性",
            "计量单位",
            "基期值",
            "目标值",
            "2022年",
            "2023年",
            "2024年",
            "2025年",
            "期末值",
            "完成率",
            "评估结论"
        ])
    );
    assert_eq!(s[1], row(["I01", "流量指标", "", "件", "", "10", "2", "2", "2", "4", "10", "1", "已完成"]));
    assert_eq!(s[2], row(["I02", "存量指标", "", "个", "", "5", "3", "6", "5", "4", "4", "0.8", "基本完成"]));
    assert_eq!(s[3], row(["I03", "当年指标", "", "亿元", "", "2", "1", "1", "1.2", "1.3", "1.3", "0.65", "未完成"]));
    assert_eq!(s[4], row(["I04", "无人填报指标", "", "件", "", "3", "", "", "", "", "", "", "无数据"]));
    let s = sheet(&xlsx, "举措终期评估");
    assert_eq!(
        s[0],
        row(["举措编号", "落实举措", "单位", "角色", "2022年", "2023年", "2024年", "2025年", "终期状态", "评估结论"])
    );
    assert_eq!(
        s[1],
        row(["1.1", "举措一点一的原文。", "甲局", "责任", "推进中", "推进中", "已完成", "已完成", "已完成", "已完成"])
    );
    assert_eq!(
        s[7],
        row(["2.2", "举措二点二的原文。", "丙区", "责任", "未启动", "未报送", "未启动", "推进中", "推进中", "未完成"])
    );
    assert_eq!(s.len(), 8);
    let s = sheet(&xlsx, "单位报送情况");
    assert_eq!(
        s,
        [
            row(["单位", "应报年度", "已报", "按期", "逾期", "退回", "未报送"]),
            row(["甲局", "4", "4", "3", "1", "0", "0"]),
            row(["乙区", "4", "3", "3", "0", "1", "0"]),
            row(["丙区", "4", "3", "3", "0", "0", "1"]),
        ]
    );

    // The report: sections in order, every unit's last 进展情况 once, its 存在问题.
    let doc = document(&docx);
    let at: Vec<usize> = HEADINGS.iter().chain(["附件：单位报送情况"].iter()).map(|h| doc.find(h).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    for ((id, unit), _, _, _) in expect {
        assert_eq!(doc.matches(&progress_text(unit, 2025, id)).count(), 1, "{id} {unit}");
        assert_eq!(doc.matches(&problem_text(unit, 2025, id)).count(), 1, "{id} {unit}");
        // Earlier years' texts are not the last ones: not in the report.
        assert_eq!(doc.matches(&progress_text(unit, 2024, id)).count(), 0);
    }
    assert!(doc.contains("【请填写："));
    assert!(doc.contains("测试市知识产权实施方案（2022-2025）"));
}

/// The text of word/document.xml with the tags removed.
fn document(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn each_year_equals_its_merge() {
    let plan = Plan::from_text(PLAN).unwrap();
    let files = files(&plan);
    let (e, _, _) = evaluate(&plan, &files);
    for year in YEARS {
        let own: Vec<(&str, &[u8])> = files
            .iter()
            .filter(|(n, _)| n.starts_with(&year.to_string()))
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let (merge, _) = merge_files(&plan, own, year, &Limits::default()).unwrap();
        let y = year.to_string();
        for t in &merge.summary.indicators {
            let i = e.indicators.iter().find(|i| i.id == t.id).unwrap();
            assert_eq!(i.values[&y], t.total, "{year} {}", t.id);
        }
        for mc in &merge.summary.measures {
            let mut counts: BTreeMap<String, u32> = mc.status_counts.keys().map(|k| (k.clone(), 0)).collect();
            for m in e.measures.iter().filter(|m| m.id == mc.id) {
                *counts.get_mut(&m.statuses[&y]).unwrap() += 1;
            }
            assert_eq!(counts, mc.status_counts, "{year} {}", mc.id);
        }
        let missing: Vec<&str> = merge.summary.missing_units.iter().map(String::as_str).collect();
        let not_in: Vec<&str> = e
            .units
            .iter()
            .filter(|u| {
                let m = merge.units.iter().find(|s| s.unit == u.unit).unwrap();
                m.state != jz_core::merge::UnitState::Received
            })
            .map(|u| u.unit.as_str())
            .collect();
        assert_eq!(missing, not_in, "{year}");
    }
}

#[test]
fn four_summaries_alone_give_the_same_evaluation() {
    let plan = Plan::from_text(PLAN).unwrap();
    let files = files(&plan);
    let (from_files, xlsx, docx) = evaluate(&plan, &files);
    let mut summaries = Vec::new();
    for year in YEARS {
        let own =
            files.iter().filter(|(n, _)| n.starts_with(&year.to_string())).map(|(n, b)| (n.as_str(), b.as_slice()));
        let (_, bytes) = merge_files(&plan, own, year, &Limits::default()).unwrap();
        summaries.push((format!("{year}年度汇总表.xlsx"), bytes));
    }
    let (from_summaries, xlsx2, docx2) = evaluate(&plan, &summaries);
    assert_eq!(from_summaries, from_files);
    assert_eq!(xlsx2, xlsx);
    assert_eq!(docx2, docx);
}

#[test]
fn byte_identical_in_any_order() {
    let plan = Plan::from_text(PLAN).unwrap();
    let mut files = files(&plan);
    let (e, xlsx, docx) = evaluate(&plan, &files);
    files.reverse();
    files.rotate_left(5);
    let (e2, xlsx2, docx2) = evaluate(&plan, &files);
    assert_eq!(e2, e);
    assert_eq!(xlsx2, xlsx);
    assert_eq!(docx2, docx);
}

#[test]
fn an_interim_evaluation_stops_at_its_year() {
    let plan = Plan::from_text(PLAN).unwrap();
    let files = files(&plan);
    let (done, _, _) =
        evaluate_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2023, &Limits::default()).unwrap();
    let e = done.evaluation;
    assert!(e.interim);
    assert_eq!(e.years, [2022, 2023]);
    // Files of later years are left out, listed as skipped: 丙区 stays 未报送 in 2023.
    assert_eq!(done.skipped.len(), 6);
    assert!(done.rejected.is_empty());
    let c = e.units.iter().find(|u| u.unit == "丙区").unwrap();
    assert_eq!((c.expected, c.reported, c.rejected, c.missing), (2, 1, 0, 1));
    let i02 = e.indicators.iter().find(|i| i.id == "I02").unwrap();
    assert_eq!((i02.final_value, i02.verdict), (Some(6.0), Verdict::Met));
}
