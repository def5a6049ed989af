//! Validation rules on hand-made raw reports (the workbook-level tests live in `tests/`).
#![allow(clippy::unwrap_used)]

use jz_core::{CellRef, CellValue, Code, Plan, RawCell, RawIndicatorRow, RawMeasureRow, RawReport, Severity, Status};

const SHEET: &str = "任务填报";

fn at(row: u32, col: u32, v: CellValue) -> RawCell {
    RawCell::new(v, CellRef::new(SHEET, row, col))
}

fn text(row: u32, col: u32, s: &str) -> RawCell {
    at(row, col, if s.is_empty() { CellValue::Empty } else { CellValue::Text(s.into()) })
}

/// A valid report of 海关 (measures 8.1 and 8.2, no indicators).
fn haiguan(plan: &Plan) -> RawReport {
    let measures = plan
        .measures_of("海关")
        .enumerate()
        .map(|(i, m)| {
            let r = 3 + i as u32;
            RawMeasureRow {
                id: text(r, 0, &m.measure.id),
                task_text: text(r, 1, &m.task.title),
                measure_text: text(r, 2, &m.measure.text),
                responsible: text(r, 3, &m.task.responsible_text),
                status: text(r, 4, "推进中"),
                progress: text(r, 5, "建立专家库，收录专家12名。"),
                problems: text(r, 6, ""),
                next_plan: text(r, 7, "继续扩充专家库。"),
                evidence: text(r, 8, ""),
            }
        })
        .collect();
    RawReport {
        unit: text(1, 1, "海关"),
        year: at(1, 3, CellValue::Number(2025.0)),
        contact: text(1, 5, "王芳"),
        phone: text(1, 7, "0391-3456789"),
        date: at(1, 9, CellValue::Date(46042.0)),
        tasks_sheet: SHEET.into(),
        indicators_sheet: Some("指标填报".into()),
        measures,
        ..RawReport::default()
    }
}

fn codes(plan: &Plan, raw: &RawReport) -> Vec<(Code, String)> {
    jz_core::validate(plan, raw).1.into_iter().map(|d| (d.code, d.cell)).collect()
}

#[test]
fn a_good_report_has_no_findings() {
    let plan = Plan::builtin();
    let (report, diags) = jz_core::validate(&plan, &haiguan(&plan));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(report.unit.as_deref(), Some("海关"));
    assert_eq!(report.year, Some(2025));
    assert_eq!(report.date.map(|d| d.to_string()).as_deref(), Some("2026-01-20"));
    assert_eq!(report.measures[0].status, Some(Status::InProgress));
}

#[test]
fn header_rules() {
    let plan = Plan::builtin();
    let mut raw = haiguan(&plan);
    raw.unit = text(1, 1, "郑州市");
    raw.year = at(1, 3, CellValue::Text("2030".into()));
    raw.contact = text(1, 5, "");
    raw.date = text(1, 9, "明天");
    let found = codes(&plan, &raw);
    for want in
        [(Code::UnitUnknown, "B2"), (Code::YearInvalid, "D2"), (Code::ContactMissing, "F2"), (Code::DateInvalid, "J2")]
    {
        assert!(found.contains(&(want.0, want.1.to_string())), "{want:?} not in {found:?}");
    }
    let mut raw = haiguan(&plan);
    raw.meta =
        Some(jz_core::report::Meta { unit: "商务局".into(), plan_id: "other-plan".into(), ..Default::default() });
    let found = codes(&plan, &raw);
    assert!(found.contains(&(Code::UnitMismatch, "B2".into())));
    assert!(found.iter().any(|(c, _)| *c == Code::PlanMismatch));
}

#[test]
fn dates_in_every_form() {
    let plan = Plan::builtin();
    for v in [
        CellValue::Number(46042.0),
        CellValue::Text("2026年1月20日".into()),
        CellValue::Text("2026/1/20".into()),
        CellValue::Text("2026-01-20".into()),
    ] {
        let mut raw = haiguan(&plan);
        raw.date = at(1, 9, v.clone());
        let (report, diags) = jz_core::validate(&plan, &raw);
        assert!(diags.is_empty(), "{v:?}: {diags:?}");
        assert_eq!(report.date.map(|d| d.to_string()).as_deref(), Some("2026-01-20"));
    }
}

#[test]
fn measure_rules() {
    let plan = Plan::builtin();
    let mut raw = haiguan(&plan);
    raw.measures[0].status = text(3, 4, "");
    raw.measures[1].status = text(4, 4, "完成");
    let (_, diags) = jz_core::validate(&plan, &raw);
    let invalid = diags.iter().find(|d| d.code == Code::StatusInvalid).unwrap();
    assert_eq!(invalid.cell, "E5");
    assert!(invalid.message.contains("已完成"), "suggests what to type: {}", invalid.message);
    assert!(diags.iter().any(|d| d.code == Code::StatusMissing && d.cell == "E4"));

    let mut raw = haiguan(&plan);
    raw.measures[0].progress = text(3, 5, "");
    raw.measures[1].progress = text(4, 5, &"很".repeat(2001));
    raw.measures[1].next_plan = text(4, 7, "");
    let found = codes(&plan, &raw);
    assert!(found.contains(&(Code::ProgressMissing, "F4".into())));
    assert!(found.contains(&(Code::TextTooLong, "F5".into())));
    assert!(found.contains(&(Code::NextPlanMissing, "H5".into())));

    // 未启动 needs no progress; 已完成 needs no next plan.
    let mut raw = haiguan(&plan);
    raw.measures[0].status = text(3, 4, "未启动");
    raw.measures[0].progress = text(3, 5, "");
    raw.measures[1].status = text(4, 4, " 已完成 ");
    raw.measures[1].next_plan = text(4, 7, "");
    assert_eq!(codes(&plan, &raw), []);

    let mut raw = haiguan(&plan);
    let mut dup = raw.measures[0].clone();
    dup.id = text(9, 0, "8.1");
    let mut unknown = raw.measures[0].clone();
    unknown.id = text(10, 0, "99.1");
    let mut other = raw.measures[0].clone();
    other.id = text(11, 0, "2.1");
    raw.measures[1].measure_text = text(4, 2, "改过的举措内容");
    raw.measures.extend([dup, unknown, other]);
    let found = codes(&plan, &raw);
    for want in [
        (Code::MeasureDuplicate, "A10"),
        (Code::MeasureUnknown, "A11"),
        (Code::MeasureNotAssigned, "A12"),
        (Code::MeasureTextChanged, "C5"),
    ] {
        assert!(found.contains(&(want.0, want.1.to_string())), "{want:?} not in {found:?}");
    }

    let mut raw = haiguan(&plan);
    raw.measures.remove(1);
    let (_, diags) = jz_core::validate(&plan, &raw);
    let missing = diags.iter().find(|d| d.code == Code::MeasureMissing).unwrap();
    assert!(missing.message.contains("8.2"));
    assert_eq!(missing.severity, Severity::Error);
}

fn indicator_row(row: u32, id: &str, value: CellValue) -> RawIndicatorRow {
    let cell = |col, v| RawCell::new(v, CellRef::new("指标填报", row, col));
    RawIndicatorRow { id: cell(0, CellValue::Text(id.into())), value: cell(4, value), ..RawIndicatorRow::default() }
}

#[test]
fn indicator_rules() {
    let plan = Plan::builtin();
    let mut raw = haiguan(&plan);
    raw.unit = text(1, 1, "孟州市");
    raw.measures.clear();
    raw.indicators = vec![
        indicator_row(1, "I02", CellValue::Text("１２件".into())),
        indicator_row(2, "I03", CellValue::Text("不详".into())),
        indicator_row(3, "I04", CellValue::Number(-1.0)),
        indicator_row(4, "I05", CellValue::Number(2.5)),
        indicator_row(5, "I12", CellValue::Text("2000万元".into())),
        indicator_row(6, "I10", CellValue::Number(500.0)),
        indicator_row(7, "I99", CellValue::Number(1.0)),
        indicator_row(8, "I02", CellValue::Number(1.0)),
        indicator_row(9, "I01", CellValue::Number(2.0)),
        indicator_row(10, "I07", CellValue::Empty),
    ];
    let (report, diags) = jz_core::validate(&plan, &raw);
    let found: Vec<(Code, String)> = diags.iter().map(|d| (d.code, format!("{}!{}", d.sheet, d.cell))).collect();
    for want in [
        (Code::ValueCoerced, "E2"),
        (Code::ValueNotNumber, "E3"),
        (Code::ValueNegative, "E4"),
        (Code::ValueNotInteger, "E5"),
        (Code::ValueUnitMismatch, "E6"),
        (Code::ValueOutlier, "E7"),
        (Code::IndicatorUnknown, "A8"),
        (Code::IndicatorDuplicate, "A9"),
        (Code::IndicatorNotAssigned, "A10"),
    ] {
        assert!(found.contains(&(want.0, format!("指标填报!{}", want.1))), "{want:?} not in {found:?}");
    }
    let unit_msg = diags.iter().find(|d| d.code == Code::ValueUnitMismatch).unwrap();
    assert!(unit_msg.message.contains("2000万元 → 0.2"), "{}", unit_msg.message);
    assert_eq!(report.indicator("I02").and_then(|e| e.value), Some(12.0));
    assert_eq!(report.indicator("I07").and_then(|e| e.value), None, "blank means not reported");
    assert_eq!(report.indicator("I01").map(|e| e.assigned), Some(false));
}
