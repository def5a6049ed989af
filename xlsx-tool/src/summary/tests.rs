//! Summary tests: a merge of hand-made reports is written, read back cell by cell with
//! calamine, and read back with `read_summary`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use calamine::{Data, Reader};
use jz_core::digest::sha256_hex;
use jz_core::merge::{Outcome, UnitState};
use jz_core::{Code, Date, Diagnostic, IndicatorEntry, MeasureEntry, Plan, Report, Status, Submission, merge};

use super::indicators::NOT_REPORTER_NOTE;
use super::*;
use crate::template::tests::{cell, part, part_names, range, s};

const FORMULA_TEXT: &str = "=SUM(A1:A9)+HYPERLINK(\"http://x\")";

fn long_text() -> String {
    "存在问题：专利转化渠道不畅，".repeat(400)
}

fn report(plan: &Plan, unit: &str, year: u16, date: (i32, u32, u32)) -> Report {
    let measures = plan
        .measures_of(unit)
        .enumerate()
        .map(|(i, m)| {
            let status = Status::ALL[i % 4];
            MeasureEntry {
                id: m.measure.id.clone(),
                task_text: String::new(),
                measure_text: m.measure.text.clone(),
                responsible: String::new(),
                status: Some(status),
                status_text: status.label().into(),
                progress: format!("{unit}{year}年{}进展", m.measure.id),
                problems: String::new(),
                next_plan: "下一步继续".into(),
                evidence: String::new(),
                assigned: true,
            }
        })
        .collect();
    let indicators = plan
        .indicators_of(unit)
        .enumerate()
        .map(|(k, ind)| {
            let value = if ind.is_count() { (k + 1) as f64 } else { 0.1 * (k + 1) as f64 };
            IndicatorEntry {
                id: ind.id.clone(),
                value: Some(value),
                value_text: value.to_string(),
                remark: String::new(),
                assigned: true,
            }
        })
        .collect();
    Report {
        unit: Some(unit.into()),
        year: Some(year),
        contact: format!("{unit}联系人"),
        phone: "03913561234".into(),
        date: Date::new(date.0, date.1, date.2),
        date_text: format!("{}-{:02}-{:02}", date.0, date.1, date.2),
        measures,
        indicators,
    }
}

fn sub(path: &str, report: Report, diagnostics: Vec<Diagnostic>) -> Submission {
    Submission {
        path: path.into(),
        sha256: sha256_hex(path.as_bytes()),
        report,
        diagnostics,
        cells: Default::default(),
    }
}

fn submissions(plan: &Plan) -> Vec<Submission> {
    let mut mengzhou = report(plan, "孟州市", 2025, (2026, 1, 20));
    mengzhou.measures[0].progress = FORMULA_TEXT.into();
    mengzhou.measures[1].problems = long_text();
    mengzhou.measures.push(MeasureEntry {
        id: "8.1".into(),
        task_text: String::new(),
        measure_text: String::new(),
        responsible: String::new(),
        status: Some(Status::Done),
        status_text: "已完成".into(),
        progress: "非本单位举措也做了".into(),
        problems: String::new(),
        next_plan: String::new(),
        evidence: String::new(),
        assigned: false,
    });
    mengzhou.indicators.push(IndicatorEntry {
        id: "I01".into(),
        value: Some(2.5),
        value_text: "2.5".into(),
        remark: "本地测算".into(),
        assigned: false,
    });
    let warn = Diagnostic::new(Code::NextPlanMissing, None, "请填写下一步计划。");
    let error = Diagnostic::new(Code::StatusMissing, None, "请选择完成状态。");
    let unknown = Report { contact: "某人".into(), ..Report::default() };
    vec![
        sub("in/孟州市.xlsx", mengzhou, vec![warn.clone()]),
        sub("a/温县-旧.xlsx", report(plan, "温县", 2025, (2026, 1, 10)), vec![]),
        sub("b/温县.xlsx", report(plan, "温县", 2025, (2026, 1, 25)), vec![]),
        sub("海关.xlsx", report(plan, "海关", 2025, (2026, 1, 5)), vec![error.clone()]),
        sub("沁阳市-2024.xlsx", report(plan, "沁阳市", 2024, (2025, 1, 15)), vec![]),
        sub("市场监管局.xlsx", report(plan, "市场监管局", 2025, (2026, 1, 22)), vec![warn]),
        sub("unknown.xlsx", unknown, vec![error]),
        sub("孟州市-2026.xlsx", report(plan, "孟州市", 2026, (2027, 1, 5)), vec![]),
    ]
}

fn sample() -> (Plan, jz_core::Merge) {
    let plan = Plan::builtin();
    let m = merge(&plan, 2025, submissions(&plan));
    (plan, m)
}

#[test]
fn the_sample_merge_is_what_the_tests_assume() {
    let (_, m) = sample();
    assert_eq!(m.summary.accepted, vec!["b/温县.xlsx", "in/孟州市.xlsx", "市场监管局.xlsx"]);
    assert_eq!(m.summary.superseded, vec!["a/温县-旧.xlsx"]);
    assert_eq!(m.summary.earlier, vec!["沁阳市-2024.xlsx"]);
    assert_eq!(m.summary.rejected.len(), 3);
    assert!(m.summary.missing_units.contains(&"海关".to_string()));
    assert!(m.units.iter().any(|u| u.unit == "海关" && u.state == UnitState::Rejected));
    assert!(m.rows.iter().any(|r| !r.assigned));
    assert!(m.values.iter().flatten().any(|v| !v.assigned));
}

#[test]
fn read_back_equals_the_merge_summary() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let back = read_summary(&bytes).unwrap();
    assert_eq!(back, m.summary);
    // Floats survive exactly (sums of decimals, rates).
    let i12 = back.indicators.iter().find(|i| i.id == "I12").unwrap();
    assert!(i12.total.is_some());
    let i09 = back.indicators.iter().find(|i| i.id == "I26").unwrap();
    assert_eq!(i09.total.map(|t| t.fract() == 0.0), Some(true));
}

#[test]
fn read_back_an_empty_merge() {
    let plan = Plan::builtin();
    let m = merge(&plan, 2023, vec![]);
    let bytes = write_summary(&plan, &m).unwrap();
    assert_eq!(read_summary(&bytes).unwrap(), m.summary);
    let core = part(&bytes, "docProps/core.xml").unwrap();
    assert!(core.contains("2024-01-01T00:00:00Z"), "{core}");
}

#[test]
fn sheets_in_order_and_meta_hidden() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let wb = crate::template::tests::open(&bytes);
    let names: Vec<_> = wb.sheets_metadata().iter().map(|s| s.name.clone()).collect();
    assert_eq!(
        names,
        [
            "汇总总览",
            "任务明细",
            "指标汇总",
            "报送情况",
            "督办清单",
            "催报名单",
            "变更记录",
            "校验问题",
            "年度趋势",
            "_meta"
        ]
    );
    assert_eq!(wb.sheets_metadata()[9].visible, calamine::SheetVisible::Hidden);
    let meta = range(&bytes, "_meta");
    assert_eq!(cell(&meta, 0, 1), s("jz-ip-summary"));
    let files: Vec<_> = (0..meta.height() as u32).filter(|&r| cell(&meta, r, 0) == s("file")).collect();
    assert_eq!(files.len(), m.files.len());
    for (row, f) in files.iter().zip(&m.files) {
        assert_eq!(cell(&meta, *row, 1), s(&f.submission.path));
        assert_eq!(cell(&meta, *row, 2), s(&f.submission.sha256));
    }
    let core = part(&bytes, "docProps/core.xml").unwrap();
    assert!(core.contains("2026-01-25T00:00:00Z"), "{core}");
    assert!(part_names(&bytes).iter().any(|n| n.starts_with("xl/charts/chart")));
}

#[test]
fn detail_rows_keep_every_text_and_never_make_formulas() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let r = range(&bytes, "任务明细");
    for (col, label) in DETAIL_COLUMNS.iter().enumerate() {
        assert_eq!(cell(&r, 0, col as u32), s(label));
    }
    let n_placeholder = 0;
    assert_eq!(r.height(), 1 + m.rows.len() + n_placeholder);
    for (i, row) in m.rows.iter().enumerate() {
        let x = 1 + i as u32;
        let mref = plan.measure(&row.measure).unwrap();
        assert_eq!(cell(&r, x, 0), s(&row.measure));
        assert_eq!(cell(&r, x, 1), s(&format!("{}.{}", mref.task.number, mref.task.title)));
        assert_eq!(cell(&r, x, 2), s(&mref.measure.text));
        assert_eq!(cell(&r, x, 3), s(&row.unit));
        assert_eq!(cell(&r, x, 4), s(&row.status));
        let text = |t: &str| if t.is_empty() { Data::Empty } else { s(t) };
        assert_eq!(cell(&r, x, 5), text(&row.progress));
        assert_eq!(cell(&r, x, 6), text(&row.problems));
        assert_eq!(cell(&r, x, 7), text(&row.next_plan));
        assert_eq!(cell(&r, x, 8), text(&row.evidence));
        assert_eq!(cell(&r, x, 9), text(&row.source));
        assert_eq!(cell(&r, x, 10), text(if row.assigned { "" } else { NOT_ASSIGNED_REMARK }));
    }
    let all: Vec<Data> = r.rows().flat_map(|row| row.to_vec()).collect();
    assert!(all.contains(&s(FORMULA_TEXT)));
    assert!(all.contains(&s(&long_text())));
    for name in part_names(&bytes).iter().filter(|n| n.starts_with("xl/worksheets/sheet")) {
        assert!(!part(&bytes, name).unwrap().contains("<f>"), "{name} has a formula");
    }
}

#[test]
fn indicator_sheet_values() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let r = range(&bytes, "指标汇总");
    let width = r.width() as u32;
    let header: Vec<Data> = (0..width).map(|c| cell(&r, 0, c)).collect();
    let col = |label: &str| header.iter().position(|d| *d == s(label)).unwrap() as u32;
    let i01 = 1 + plan.indicators.iter().position(|i| i.id == "I01").unwrap() as u32;
    assert_eq!(cell(&r, i01, col("孟州市")), Data::Float(2.5), "non-reporter value shown");
    assert_eq!(cell(&r, i01, col("全市合计")), Data::Float(0.1), "but not counted (市场监管局 wrote 0.1)");
    assert_eq!(cell(&r, i01, col("已报/应报")), s("1/1"));
    assert_eq!(cell(&r, i01, col("统计方式")), s("年末存量"));
    let i15 = 1 + plan.indicators.iter().position(|i| i.id == "I15").unwrap() as u32;
    assert_eq!(cell(&r, i15, col("全市合计")), Data::Empty, "nobody reported");
    assert_eq!(cell(&r, i15, col("完成率")), Data::Empty);
    assert!(matches!(cell(&r, i15, col("说明")), Data::String(t) if t.contains("6个")));
    let comments: String =
        part_names(&bytes).iter().filter(|n| n.starts_with("xl/comments")).map(|n| part(&bytes, n).unwrap()).collect();
    assert!(comments.contains(NOT_REPORTER_NOTE));
    assert!(comments.contains("本地测算"));
}

#[test]
fn unit_sheet_lists_every_unit_and_other_files() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let r = range(&bytes, "报送情况");
    for (i, u) in m.units.iter().enumerate() {
        assert_eq!(cell(&r, 1 + i as u32, 0), s(&u.unit));
        assert_eq!(cell(&r, 1 + i as u32, 1), s(u.state.label()));
    }
    let row_of = |unit: &str| (1..=m.units.len() as u32).find(|&x| cell(&r, x, 0) == s(unit)).unwrap();
    let x = row_of("孟州市");
    assert_eq!(cell(&r, x, 2), s("孟州市.xlsx"));
    assert_eq!(cell(&r, x, 3), s("孟州市联系人"));
    assert_eq!(cell(&r, x, 4), s("03913561234"));
    assert!(matches!(cell(&r, x, 5), Data::DateTime(_)));
    assert_eq!(cell(&r, x, 6), Data::Float(0.0));
    assert_eq!(cell(&r, x, 7), Data::Float(1.0));
    let x = row_of("海关");
    assert_eq!(cell(&r, x, 1), s("退回"));
    assert_eq!(cell(&r, x, 6), Data::Float(1.0));
    let all: Vec<Data> = r.rows().flat_map(|row| row.to_vec()).collect();
    assert!(all.contains(&s(Outcome::Superseded.label())));
    assert!(all.contains(&s(Outcome::Earlier.label())));
    assert!(all.contains(&s("温县-旧.xlsx")));
    assert!(all.contains(&s("unknown.xlsx")));
    assert!(all.contains(&s("孟州市-2026.xlsx")));

    let issues = range(&bytes, "校验问题");
    let n: usize = m.files.iter().map(|f| f.submission.diagnostics.len()).sum();
    assert_eq!(issues.height(), 1 + n);
    let all: Vec<Data> = issues.rows().flat_map(|row| row.to_vec()).collect();
    assert!(all.contains(&s("year-invalid")));
    assert!(all.contains(&s("错误")));
    assert!(all.contains(&s("提醒")));
}

#[test]
fn overview_counts() {
    let (plan, m) = sample();
    let bytes = write_summary(&plan, &m).unwrap();
    let r = range(&bytes, "汇总总览");
    assert_eq!(cell(&r, 2, 0), s("任务编号"));
    assert_eq!(cell(&r, 2, 9), s("未报送"));
    let task2 = 3 + 1;
    assert_eq!(cell(&r, task2, 0), Data::Float(2.0));
    let t = &plan.tasks[1];
    assert_eq!(cell(&r, task2, 2), Data::Float(t.measures.len() as f64));
    assert_eq!(cell(&r, task2, 3), Data::Float(t.units.len() as f64));
    assert_eq!(cell(&r, task2, 4), Data::Float(3.0), "市场监管局, 孟州市, 温县");
    let sum: f64 = (5..10).map(|c| if let Data::Float(f) = cell(&r, task2, c) { f } else { 0.0 }).sum();
    assert_eq!(sum, (t.measures.len() * t.units.len()) as f64);
    let totals = 3 + plan.tasks.len() as u32;
    assert_eq!(cell(&r, totals, 0), s("合计"));
    assert_eq!(cell(&r, totals, 2), Data::Float(43.0));
    let all: Vec<Data> = r.rows().flat_map(|row| row.to_vec()).collect();
    assert!(all.iter().any(|d| matches!(d, Data::String(t) if t.contains(&plan.notes[1]))));
}

#[test]
fn byte_identical_whatever_the_input_order() {
    let plan = Plan::builtin();
    let subs = submissions(&plan);
    let mut reversed = subs.clone();
    reversed.reverse();
    let mut rotated = subs.clone();
    rotated.rotate_left(3);
    let a = write_summary(&plan, &merge(&plan, 2025, subs)).unwrap();
    let b = write_summary(&plan, &merge(&plan, 2025, reversed)).unwrap();
    let c = write_summary(&plan, &merge(&plan, 2025, rotated)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn measure_without_units_keeps_its_counts() {
    let (plan, mut m) = sample();
    // A plan revision could leave a measure without responsible units: no detail rows.
    m.rows.retain(|r| r.measure != "1.1");
    for c in m.summary.measures.iter_mut().filter(|c| c.id == "1.1") {
        c.status_counts.values_mut().for_each(|v| *v = 0);
    }
    let bytes = write_summary(&plan, &m).unwrap();
    assert_eq!(read_summary(&bytes).unwrap(), m.summary);
}

#[test]
fn not_a_summary() {
    let plan = Plan::builtin();
    let unit_book = crate::template::template(&plan, "孟州市", 2025).unwrap();
    assert!(matches!(read_summary(&unit_book), Err(jz_read::Error::NotASummary(_))));
    assert!(matches!(read_summary(b"not a workbook"), Err(jz_read::Error::NotASummary(_))));
    assert!(matches!(read_summary(&[]), Err(jz_read::Error::NotASummary(_))));
    let msg = read_summary(&unit_book).unwrap_err().to_string();
    assert!(msg.contains("汇总表"), "{msg}");
}
