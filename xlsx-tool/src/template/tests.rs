//! Template tests: everything is read back from the written bytes with calamine (and the zip
//! parts directly), never trusted from the writer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use jz_core::{
    Anchor, Code, Date, Diagnostic, Field, INDICATOR_COLUMNS, IndicatorEntry, MeasureEntry, Plan, Report, Status,
    TASK_COLUMNS, sheets,
};

use super::*;
use crate::sheet_format::{clip, text_lines};

pub(crate) fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

pub(crate) fn range(bytes: &[u8], sheet: &str) -> Range<Data> {
    open(bytes).worksheet_range(sheet).unwrap()
}

pub(crate) fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

pub(crate) fn s(text: &str) -> Data {
    Data::String(text.to_string())
}

/// The text of a zip part.
pub(crate) fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).ok()?;
    let mut out = String::new();
    file.read_to_string(&mut out).unwrap();
    Some(out)
}

pub(crate) fn part_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    zip.file_names().map(|n| n.unwrap().to_string()).collect()
}

fn entry(id: &str, status: &str, progress: &str) -> MeasureEntry {
    MeasureEntry {
        id: id.into(),
        task_text: String::new(),
        measure_text: String::new(),
        responsible: String::new(),
        status: Status::parse(status),
        status_text: status.into(),
        progress: progress.into(),
        problems: "经费不足".into(),
        next_plan: "继续推进".into(),
        evidence: "文件1.pdf".into(),
        assigned: true,
    }
}

#[test]
fn sheets_in_order_and_meta_hidden() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "孟州市", 2025).unwrap();
    let wb = open(&bytes);
    let names: Vec<_> = wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible)).collect();
    assert_eq!(
        names,
        vec![
            (sheets::TASKS.to_string(), SheetVisible::Visible),
            (sheets::INDICATORS.to_string(), SheetVisible::Visible),
            (sheets::HELP.to_string(), SheetVisible::Visible),
            (sheets::META.to_string(), SheetVisible::Hidden),
        ]
    );
}

#[test]
fn task_sheet_layout_for_mengzhou() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "孟州市", 2025).unwrap();
    let r = range(&bytes, sheets::TASKS);
    assert_eq!(cell(&r, 0, 0), s("2025年度焦作市推动知识产权高质量发展任务落实情况填报表"));
    for (i, label) in jz_core::HEADER_LABELS.iter().enumerate() {
        assert_eq!(cell(&r, 1, (i * 2) as u32), s(label));
    }
    assert_eq!(cell(&r, 1, 1), s("孟州市"));
    assert_eq!(cell(&r, 1, 3), Data::Float(2025.0));
    for (col, label) in TASK_COLUMNS.iter().enumerate() {
        assert_eq!(cell(&r, 2, col as u32), s(label));
    }
    let expected: Vec<_> = plan.measures_of("孟州市").collect();
    assert!(expected.len() > 10);
    for (i, m) in expected.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(cell(&r, row, 0), s(&m.measure.id), "id as text at row {row}");
        assert_eq!(cell(&r, row, 1), s(&format!("{}.{}", m.task.number, m.task.title)));
        assert_eq!(cell(&r, row, 2), s(&m.measure.text));
        assert_eq!(cell(&r, row, 3), s(&m.task.responsible_text));
        assert_eq!(cell(&r, row, 4), Data::Empty);
    }
    assert_eq!(cell(&r, 3 + expected.len() as u32, 0), Data::Empty);
    assert_eq!(cell(&r, 3, 0), s("2.1"));
}

#[test]
fn task_one_responsible_falls_back_to_units() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "市场监管局", 2024).unwrap();
    let r = range(&bytes, sheets::TASKS);
    assert_eq!(cell(&r, 3, 0), s("1.1"));
    assert_eq!(cell(&r, 3, 3), s("市场监管局"));
}

#[test]
fn indicator_sheets() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "市场监管局", 2025).unwrap();
    let r = range(&bytes, sheets::INDICATORS);
    for (col, label) in INDICATOR_COLUMNS.iter().enumerate() {
        assert_eq!(cell(&r, 0, col as u32), s(label));
    }
    let ids: Vec<_> = plan.indicators_of("市场监管局").map(|i| i.id.clone()).collect();
    assert!(ids.contains(&"I01".to_string()));
    for (i, id) in ids.iter().enumerate() {
        let row = 1 + i as u32;
        let ind = plan.indicator(id).unwrap();
        assert_eq!(cell(&r, row, 0), s(id));
        assert_eq!(cell(&r, row, 1), s(&ind.name));
        assert_eq!(cell(&r, row, 2), s(&ind.unit));
        assert_eq!(cell(&r, row, 3), Data::Float(ind.target));
        assert_eq!(cell(&r, row, 4), Data::Empty);
    }
    assert_eq!(r.height(), 1 + ids.len());

    let bytes = template(&plan, "海关", 2025).unwrap();
    let r = range(&bytes, sheets::INDICATORS);
    assert_eq!(r.height(), 1, "header only");
    assert_eq!(cell(&r, 0, 4), s("本年度完成值"));
    assert!(range(&bytes, sheets::TASKS).height() > 3);
}

#[test]
fn meta_sheet() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "焦作市人民检察院", 2023).unwrap();
    let r = range(&bytes, sheets::META);
    let version = format!("xlsx-tool {}", env!("CARGO_PKG_VERSION"));
    let want = [
        ("format", "jz-ip-report"),
        ("format_version", "1"),
        ("plan_id", plan.id.as_str()),
        ("plan_hash", plan.hash.as_str()),
        ("unit", "检察院"),
        ("year", "2023"),
        ("generated_by", version.as_str()),
    ];
    for (row, (k, v)) in want.iter().enumerate() {
        assert_eq!(cell(&r, row as u32, 0), s(k));
        assert_eq!(cell(&r, row as u32, 1), s(v));
    }
    assert_eq!(r.height(), want.len());
}

#[test]
fn help_sheet_mentions_the_essentials() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "孟州市", 2025).unwrap();
    let r = range(&bytes, sheets::HELP);
    let all: String = r.rows().flat_map(|row| row.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("\n");
    for needle in ["未启动", "持续推进", "2000", "0.2", "2026年1月31日", "市场监督管理局", "I02", &plan.notes[0]]
    {
        assert!(all.contains(needle), "help lacks {needle}");
    }
}

#[test]
fn protection_validation_and_print_setup_are_written() {
    let plan = Plan::builtin();
    let bytes = template(&plan, "孟州市", 2025).unwrap();
    let xml = part(&bytes, "xl/worksheets/sheet1.xml").unwrap();
    assert!(xml.contains("<sheetProtection"));
    assert!(xml.contains("\"未启动,推进中,已完成,持续推进\""));
    assert!(xml.contains("type=\"date\""));
    assert!(xml.contains("type=\"textLength\""));
    assert!(xml.contains("paperSize=\"9\""));
    assert!(xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("fitToHeight=\"0\""));
    assert!(xml.contains("state=\"frozen\""));
    let styles = part(&bytes, "xl/styles.xml").unwrap();
    assert!(styles.contains("formatCode=\"@\""));
    assert!(styles.contains("formatCode=\"yyyy\\-mm\\-dd\"") || styles.contains("formatCode=\"yyyy-mm-dd\""));
    let xml = part(&bytes, "xl/worksheets/sheet2.xml").unwrap();
    assert!(xml.contains("type=\"whole\""));
    assert!(xml.contains("type=\"decimal\""), "I12 亿元 takes decimals");
    assert!(xml.contains("errorStyle=\"warning\""));
    let workbook = part(&bytes, "xl/workbook.xml").unwrap();
    assert!(workbook.contains("_xlnm.Print_Titles"));
    let core = part(&bytes, "docProps/core.xml").unwrap();
    assert!(core.contains("2025-12-01T00:00:00Z"), "{core}");
}

#[test]
fn deterministic_bytes() {
    let plan = Plan::builtin();
    assert_eq!(template(&plan, "孟州市", 2025).unwrap(), template(&plan, "孟州市", 2025).unwrap());
    assert_ne!(template(&plan, "孟州市", 2025).unwrap(), template(&plan, "孟州市", 2024).unwrap());
}

#[test]
fn every_unit_and_year_builds() {
    let plan = Plan::builtin();
    for unit in &plan.units {
        for year in plan.first_year..=plan.last_year {
            template(&plan, &unit.name, year).unwrap();
        }
    }
}

#[test]
fn unknown_unit_and_bad_year() {
    let plan = Plan::builtin();
    assert!(matches!(template(&plan, "郑州市", 2025), Err(Error::UnknownUnit { unit, .. }) if unit == "郑州市"));
    assert!(matches!(template(&plan, "孟州市", 2030), Err(Error::BadYear { year: 2030, .. })));
    assert!(matches!(filled(&plan, &Report::default(), "", 2025, &[]), Err(Error::UnknownUnit { .. })));
    let msg = template(&plan, "郑州市", 2025).unwrap_err().to_string();
    assert!(msg.contains("郑州市"));
}

fn sample_report(plan: &Plan) -> Report {
    let mut measures: Vec<MeasureEntry> =
        plan.measures_of("孟州市").map(|m| entry(&m.measure.id, "推进中", "已开展")).collect();
    measures[0] = entry("2.1", "完成", "=SUM(A1:A3) 开展专利导航");
    measures[1].progress = "第一行\n第二行".into();
    let mut extra = entry("99.1", "已完成", "单位自己加的一行");
    extra.task_text = "自拟任务".into();
    extra.measure_text = "自拟举措".into();
    extra.responsible = "孟州市".into();
    extra.assigned = false;
    measures.push(extra);
    let indicators = vec![
        IndicatorEntry {
            id: "I02".into(),
            value: Some(3.0),
            value_text: "3".into(),
            remark: "含省外".into(),
            assigned: true,
        },
        IndicatorEntry {
            id: "I12".into(),
            value: None,
            value_text: "2000万元".into(),
            remark: String::new(),
            assigned: true,
        },
        IndicatorEntry {
            id: "I05".into(),
            value: Some(1234.0),
            value_text: "1,234".into(),
            remark: String::new(),
            assigned: true,
        },
        IndicatorEntry {
            id: "I21".into(),
            value: Some(0.25),
            value_text: "0.25".into(),
            remark: String::new(),
            assigned: true,
        },
        IndicatorEntry {
            id: "I01".into(),
            value: Some(2.5),
            value_text: "2.5".into(),
            remark: "代填".into(),
            assigned: false,
        },
    ];
    Report {
        unit: Some("孟州市".into()),
        year: Some(2025),
        contact: "张三".into(),
        phone: "03918888888".into(),
        date: Date::new(2026, 1, 20),
        date_text: "2026-01-20".into(),
        measures,
        indicators,
    }
}

#[test]
fn filled_round_trips_cell_by_cell() {
    let plan = Plan::builtin();
    let report = sample_report(&plan);
    let bytes = filled(&plan, &report, "孟州市", 2025, &[]).unwrap();
    let r = range(&bytes, sheets::TASKS);
    assert_eq!(cell(&r, 1, 5), s("张三"));
    assert_eq!(cell(&r, 1, 7), s("03918888888"), "phone stays text with its leading zero");
    match cell(&r, 1, 9) {
        Data::DateTime(d) => assert_eq!(Date::from_serial(d.as_f64()), Date::new(2026, 1, 20)),
        other => panic!("date cell expected, got {other:?}"),
    }
    let n_plan = plan.measures_of("孟州市").count();
    for (i, e) in report.measures.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(cell(&r, row, 0), s(&e.id));
        assert_eq!(cell(&r, row, 4), s(&e.status_text), "status text kept as typed");
        assert_eq!(cell(&r, row, 5), s(&e.progress));
        assert_eq!(cell(&r, row, 6), s(&e.problems));
        assert_eq!(cell(&r, row, 7), s(&e.next_plan));
        assert_eq!(cell(&r, row, 8), s(&e.evidence));
    }
    // The unknown measure is appended after the plan rows with its own texts.
    let row = 3 + n_plan as u32;
    assert_eq!(cell(&r, row, 0), s("99.1"));
    assert_eq!(cell(&r, row, 1), s("自拟任务"));
    assert_eq!(cell(&r, row, 2), s("自拟举措"));
    assert_eq!(cell(&r, row, 3), s("孟州市"));
    // A formula-looking text is a string, not a formula.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml").unwrap();
    assert!(!xml.contains("<f>"));

    let r = range(&bytes, sheets::INDICATORS);
    let row_of = |id: &str| (1..r.height() as u32).find(|&row| cell(&r, row, 0) == s(id)).unwrap();
    assert_eq!(cell(&r, row_of("I02"), 4), Data::Float(3.0));
    assert_eq!(cell(&r, row_of("I02"), 5), s("含省外"));
    assert_eq!(cell(&r, row_of("I12"), 4), s("2000万元"));
    assert_eq!(cell(&r, row_of("I05"), 4), s("1,234"), "typed text kept, not the coerced number");
    assert_eq!(cell(&r, row_of("I21"), 4), Data::Float(0.25));
    // I01 is not assigned to 孟州市: appended after the plan rows, with the plan's name.
    let n_plan = plan.indicators_of("孟州市").count() as u32;
    assert_eq!(row_of("I01"), 1 + n_plan);
    assert_eq!(cell(&r, row_of("I01"), 1), s(&plan.indicator("I01").unwrap().name));
    assert_eq!(cell(&r, row_of("I01"), 4), Data::Float(2.5));
}

#[test]
fn invalid_date_text_is_kept() {
    let plan = Plan::builtin();
    let mut report = sample_report(&plan);
    report.date = None;
    report.date_text = "下周一".into();
    report.phone = String::new();
    let bytes = filled(&plan, &report, "孟州市", 2025, &[]).unwrap();
    let r = range(&bytes, sheets::TASKS);
    assert_eq!(cell(&r, 1, 9), s("下周一"));
    assert_eq!(cell(&r, 1, 7), Data::Empty);
}

#[test]
fn diagnostics_become_notes_and_fills() {
    let plan = Plan::builtin();
    let report = sample_report(&plan);
    let diags = vec![
        Diagnostic::new(Code::StatusInvalid, None, "完成状态“完成”不是可选值，请改为“已完成”。")
            .anchored(Anchor::Measure { id: "2.1".into(), field: Field::Status }),
        Diagnostic::new(Code::ValueUnitMismatch, None, "本年度完成值应以亿元填写：2000万元 → 0.2")
            .anchored(Anchor::Indicator { id: "I12".into(), field: Field::Value }),
        Diagnostic::new(Code::NextPlanMissing, None, "请填写下一步计划。")
            .anchored(Anchor::Measure { id: "2.2".into(), field: Field::NextPlan }),
        Diagnostic::new(Code::PlanMismatch, None, "本表不是用当前计划生成的模板。"),
        Diagnostic::new(Code::MeasureUnknown, None, "举措 77.7 不存在。")
            .anchored(Anchor::Measure { id: "77.7".into(), field: Field::Id }),
    ];
    let bytes = filled(&plan, &report, "孟州市", 2025, &diags).unwrap();
    let names = part_names(&bytes);
    let comments: Vec<_> = names.iter().filter(|n| n.starts_with("xl/comments")).collect();
    assert_eq!(comments.len(), 2, "{names:?}");
    let all: String = comments.iter().map(|n| part(&bytes, n).unwrap()).collect();
    for d in &diags {
        assert!(all.contains(&d.message), "note lacks {}", d.message);
    }
    // The status note sits at E4 (measure 2.1 is the first row), the unanchored ones at A1.
    let c1 = part(&bytes, "xl/comments1.xml").unwrap();
    assert!(c1.contains("ref=\"E4\""));
    assert!(c1.contains("ref=\"A1\""));
    assert!(c1.contains("ref=\"H5\""));
    let c2 = part(&bytes, "xl/comments2.xml").unwrap();
    assert!(c2.contains("ref=\"E"));
    let styles = part(&bytes, "xl/styles.xml").unwrap();
    assert!(styles.contains("FFFFC7CE"), "error fill");
    assert!(styles.contains("FFFFEB9C"), "warning fill");
    // Values are unchanged by the marking.
    let r = range(&bytes, sheets::TASKS);
    assert_eq!(cell(&r, 3, 4), s("完成"));
    assert_eq!(filled(&plan, &report, "孟州市", 2025, &diags).unwrap(), bytes);
}

#[test]
fn text_helpers() {
    assert_eq!(text_lines("", 10.0), 1);
    assert_eq!(text_lines("a\nb", 10.0), 2);
    assert_eq!(text_lines(&"中".repeat(24), 49.0), 1);
    assert_eq!(text_lines(&"中".repeat(25), 49.0), 2);
    assert_eq!(clip("abc", 255), "abc");
    assert_eq!(clip(&"中".repeat(300), 255).chars().count(), 255);
}
