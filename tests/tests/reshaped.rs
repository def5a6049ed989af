//! Files units reshaped (contract §15), written by openpyxl and by LibreOffice
//! (`fixtures/make_reshaped.py`): renamed headers, a wiped 序号 column, the unit's own
//! sheet, an unrelated spreadsheet; then the cases where nothing may be taken silently.
//! Each with its exact diagnostics (codes, cells, counts), and the merge of the reshaped
//! files with the same totals as the originals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use xlsx_tool::{Checked, Limits, Mapping, check, check_with};

fn checked(name: &str) -> Checked {
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    check(&Plan::builtin(), &bytes, name, &Limits::default())
}

/// Code → cells, each cell once per diagnostic ("" for none), sorted.
fn by_code(c: &Checked) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &c.diagnostics {
        out.entry(d.code.to_string()).or_default().push(format!("{}!{}", d.sheet, d.cell));
    }
    for cells in out.values_mut() {
        cells.sort();
    }
    out
}

fn cells(sheet: &str, col: &str, rows: std::ops::RangeInclusive<u32>) -> Vec<String> {
    let mut v: Vec<String> = rows.map(|r| format!("{sheet}!{col}{r}")).collect();
    v.sort();
    v
}

/// Findings every LibreOffice copy has: its template came from an earlier plan version
/// (plan-mismatch warning) and one value is far above target (value-outlier), as in
/// `lo_filled_template.xlsx` itself.
fn lo_base() -> BTreeMap<String, Vec<String>> {
    let base = by_code(&checked("lo_filled_template.xlsx"));
    assert!(base.keys().all(|k| k == "plan-mismatch" || k == "value-outlier"), "{base:?}");
    base
}

fn with(mut base: BTreeMap<String, Vec<String>>, code: &str, cells: Vec<String>) -> BTreeMap<String, Vec<String>> {
    base.insert(code.into(), cells);
    base
}

#[test]
fn renamed_headers_cost_one_warning_each() {
    let renamed = vec!["任务填报!E3".to_string(), "任务填报!F3".to_string()];
    let got = checked("reshaped/openpyxl_renamed.xlsx");
    assert!(got.ok());
    assert_eq!(by_code(&got), with(BTreeMap::new(), "column-renamed", renamed.clone()));
    let msg = &got.diagnostics.iter().find(|d| d.code == Code::ColumnRenamed).unwrap().message;
    assert!(msg.contains("完成情况") && msg.contains("完成状态"), "{msg}");
    for lo in ["reshaped/lo_renamed.xlsx", "reshaped/lo_renamed.ods"] {
        let got = checked(lo);
        assert!(got.ok(), "{lo}");
        assert_eq!(by_code(&got), with(lo_base(), "column-renamed", renamed.clone()), "{lo}");
    }
}

#[test]
fn rows_without_id_are_matched_by_their_text() {
    // 37 measure rows (孟州市 and 温县 have the same measures); two texts appear twice in
    // the plan (2.3 and 12.2): the rows take them in plan order.
    let got = checked("reshaped/openpyxl_no_id.xlsx");
    assert!(got.ok());
    assert_eq!(by_code(&got), with(BTreeMap::new(), "measure-matched-by-text", cells("任务填报", "A", 4..=40)));
    let original = checked("good_mengzhou.xlsx");
    assert_eq!(got.report.measures, original.report.measures);
    for lo in ["reshaped/lo_no_id.xlsx", "reshaped/lo_no_id.ods"] {
        let got = checked(lo);
        assert!(got.ok(), "{lo}");
        assert_eq!(by_code(&got), with(lo_base(), "measure-matched-by-text", cells("任务填报", "A", 4..=40)), "{lo}");
        assert_eq!(got.report.measures, checked("lo_filled_template.xlsx").report.measures, "{lo}");
    }
}

#[test]
fn a_units_own_sheet_is_read() {
    for (file, sheet, original) in [
        ("reshaped/openpyxl_own_sheet.xlsx", "孟州市落实情况", "good_mengzhou.xlsx"),
        ("reshaped/lo_own_sheet.xlsx", "温县落实情况", "lo_filled_template.xlsx"),
        ("reshaped/lo_own_sheet.ods", "温县落实情况", "lo_filled_template.xlsx"),
    ] {
        let got = checked(file);
        let want = checked(original);
        assert!(got.ok(), "{file}: {:#?}", got.diagnostics);
        let mut expected = BTreeMap::new();
        expected.insert("column-renamed".to_string(), cells(sheet, "", 0..=0).into_iter().take(0).collect());
        expected.insert(
            "column-renamed".to_string(),
            ["A4", "B4", "C4", "D4"].iter().map(|c| format!("{sheet}!{c}")).collect(),
        );
        expected.insert("measure-matched-by-text".to_string(), cells(sheet, "A", 5..=41));
        if let Some(outlier) = by_code(&want).get("value-outlier") {
            expected.insert("value-outlier".to_string(), outlier.clone());
        }
        assert_eq!(by_code(&got), expected, "{file}");
        // Unit, year, contact block from the labels on one row; statuses and texts as the original's.
        assert_eq!(got.report.unit, want.report.unit);
        assert_eq!(
            (got.report.year, &got.report.contact, &got.report.phone),
            (want.report.year, &want.report.contact, &want.report.phone)
        );
        assert_eq!(got.report.date, want.report.date);
        let view = |c: &Checked| {
            c.report
                .measures
                .iter()
                .map(|m| (m.id.clone(), m.status, m.progress.clone(), m.next_plan.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(view(&got), view(&want), "{file}");
    }
}

#[test]
fn an_unrelated_spreadsheet_stays_unknown_layout() {
    for file in ["reshaped/openpyxl_unrelated.xlsx", "reshaped/lo_unrelated.xlsx", "reshaped/lo_unrelated.ods"] {
        let got = checked(file);
        let codes: Vec<Code> = got.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownLayout], "{file}");
        // The 对应列 step still has the sheet's header row to offer.
        let view = got.header.expect("a header row to map");
        assert_eq!(view.row, 2, "{file}");
        let headers: Vec<&str> = view.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["序号", "项目名称", "负责人", "进度", "联系电话"], "{file}");
        assert_eq!(view.preview.len(), 3);
    }
}

#[test]
fn the_merge_takes_reshaped_files_with_the_originals_totals() {
    let plan = Plan::builtin();
    let read = |names: &[&str]| -> Vec<(String, Vec<u8>)> {
        names.iter().map(|n| (n.to_string(), std::fs::read(fixtures().join(n)).unwrap())).collect()
    };
    let merge = |files: &[(String, Vec<u8>)]| {
        xlsx_tool::merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2025, &Limits::default())
            .unwrap()
            .0
            .summary
    };
    let originals = merge(&read(&["good_mengzhou.xlsx", "lo_filled_template.xlsx"]));
    for pair in [
        ["reshaped/openpyxl_renamed.xlsx", "reshaped/lo_renamed.ods"],
        ["reshaped/openpyxl_no_id.xlsx", "reshaped/lo_no_id.xlsx"],
        ["reshaped/openpyxl_own_sheet.xlsx", "reshaped/lo_own_sheet.ods"],
    ] {
        let got = merge(&read(&pair));
        assert_eq!(got.accepted.len(), 2, "{pair:?}: {:?}", got.rejected);
        assert_eq!(got.missing_units, originals.missing_units, "{pair:?}");
        assert_eq!(
            serde_json::to_value(&got.indicators).unwrap(),
            serde_json::to_value(&originals.indicators).unwrap()
        );
        assert_eq!(serde_json::to_value(&got.measures).unwrap(), serde_json::to_value(&originals.measures).unwrap());
    }
}

/// 孟州市's measures table as a CSV: the contact block, then `columns` — (header as
/// written, what the column holds: `id`, `measure`, `status`, `progress`, `next`, `half`
/// = a status in every other row, anything else = blank) — with good_mengzhou.xlsx's values.
fn csv(columns: &[(&str, &str)]) -> String {
    let good = checked("good_mengzhou.xlsx");
    let mut out =
        String::from("填报单位,孟州市,报告年度,2025,联系人,李红梅,联系电话,0391-8161234,填报日期,2026-01-20\n");
    out.push_str(&columns.iter().map(|(h, _)| *h).collect::<Vec<_>>().join(","));
    out.push('\n');
    for (i, m) in good.report.measures.iter().enumerate() {
        let row: Vec<String> = columns
            .iter()
            .map(|(_, what)| match *what {
                "id" => m.id.clone(),
                "measure" => m.measure_text.clone(),
                "status" => m.status_text.clone(),
                "progress" => m.progress.clone(),
                "next" => m.next_plan.clone(),
                "half" if i % 2 == 0 => m.status_text.clone(),
                "half" => "见进展情况".into(),
                _ => String::new(),
            })
            .map(|v| format!("\"{}\"", v.replace('"', "\"\"")))
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The template's columns with `status` and `progress` standing for those two.
fn columns<'a>(status: &[(&'a str, &'a str)], progress: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = vec![("序号", "id"), ("任务内容", ""), ("落实举措", "measure"), ("责任单位", "")];
    v.extend_from_slice(status);
    v.extend_from_slice(progress);
    v.extend_from_slice(&[("存在问题", ""), ("下一步计划", "next"), ("佐证材料", "")]);
    v
}

fn check_csv(cols: &[(&str, &str)], mapping: &Mapping) -> Checked {
    check_with(&Plan::builtin(), csv(cols).as_bytes(), "孟州市.csv", &Limits::default(), mapping)
}

/// Every finding but the CSV's own `missing-sheet` warning (no indicators sheet in a CSV).
fn findings(c: &Checked) -> BTreeMap<String, Vec<String>> {
    let mut f = by_code(c);
    assert_eq!(f.remove("missing-sheet").map(|v| v.len()), Some(1));
    f
}

fn one(code: &str, cells: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut m = BTreeMap::new();
    m.insert(code.to_string(), cells.iter().map(|c| format!("任务填报!{c}")).collect());
    m
}

#[test]
fn a_status_column_found_by_content_or_named_by_the_person() {
    let progress = [("进展情况", "progress")];
    let by_content = check_csv(&columns(&[("A栏", "status")], &progress), &Mapping::default());
    assert!(by_content.ok());
    assert_eq!(findings(&by_content), one("column-renamed", &["E2"]));
    assert!(by_content.diagnostics.iter().any(|d| d.message.contains("A栏") && d.message.contains("完成状态")));

    let cols = columns(&[("A栏", "status")], &[("B栏", "progress")]);
    let without = check_csv(&cols, &Mapping::default());
    assert!(!without.ok());
    let mut want = one("column-renamed", &["E2"]);
    want.extend(one("extra-column", &["F2"]));
    want.extend(one("missing-column", &["J2"]));
    assert_eq!(findings(&without), want, "{:#?}", without.diagnostics);
    let view = without.header.as_ref().unwrap();
    assert_eq!(view.columns[4].column.as_deref(), Some("完成状态"));
    assert_eq!(view.columns[5].column, None);
    let mapped = check_csv(&cols, &Mapping::from_json(r#"{"B栏": "进展情况"}"#).unwrap());
    assert!(mapped.ok(), "{:#?}", mapped.diagnostics);
    assert_eq!(findings(&mapped), one("column-renamed", &["E2", "F2"]));
    assert_eq!(
        mapped.report.measures,
        checked("good_mengzhou.xlsx")
            .report
            .measures
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.task_text.clear();
                m.responsible.clear();
                m.problems.clear();
                m.evidence.clear();
                m
            })
            .collect::<Vec<_>>()
    );
}

#[test]
fn two_candidates_neither_taken_and_the_error_names_both() {
    let progress = [("进展情况", "progress")];
    for status in [[("完成情况", "status"), ("状态", "status")], [("A栏", "status"), ("B栏", "status")]] {
        let got = check_csv(&columns(&status, &progress), &Mapping::default());
        assert_eq!(findings(&got), one("missing-column", &["K2"]), "{status:?}: {:#?}", got.diagnostics);
        let msg = &got.diagnostics.iter().find(|d| d.code == Code::MissingColumn).unwrap().message;
        assert!(msg.contains(status[0].0) && msg.contains(status[1].0) && msg.contains("完成状态"), "{msg}");
        // No per-row status-missing: the one missing column says it.
        assert!(got.diagnostics.iter().all(|d| d.code != Code::StatusMissing));
    }
}

#[test]
fn another_columns_label_or_half_statuses_are_not_taken() {
    // `说明` is the indicator sheet's column: not taken as 进展情况.
    let got = check_csv(&columns(&[("完成状态", "status")], &[("说明", "progress")]), &Mapping::default());
    let mut want = one("extra-column", &["F2"]);
    want.extend(one("missing-column", &["J2"]));
    assert_eq!(findings(&got), want, "{:#?}", got.diagnostics);
    // A second 进展情况 holding the statuses: a repeated column, not 完成状态.
    let got = check_csv(&columns(&[("进展情况", "status")], &[("进展情况", "progress")]), &Mapping::default());
    assert_eq!(findings(&got), want, "{:#?}", got.diagnostics);
    // Half the cells statuses: not mostly 完成状态 values.
    let got = check_csv(&columns(&[("A栏", "half")], &[("进展情况", "progress")]), &Mapping::default());
    let mut want = one("extra-column", &["E2"]);
    want.extend(one("missing-column", &["J2"]));
    assert_eq!(findings(&got), want, "{:#?}", got.diagnostics);
    assert_eq!(got.header.unwrap().columns[4].column, None);
}

#[test]
fn a_mapping_to_no_template_column_is_refused_in_chinese() {
    let e = Mapping::from_json(r#"{"A栏": "状态栏"}"#).unwrap_err().to_string();
    assert!(e.contains("状态栏") && e.contains("完成状态"), "{e}");
    let e = Mapping::from_json("A栏=完成状态").unwrap_err().to_string();
    assert!(e.contains("对应列的格式不对"), "{e}");
}

#[test]
fn the_annotated_copy_and_the_fix_grid_work_on_a_reshaped_file() {
    let plan = Plan::builtin();
    for name in ["reshaped/openpyxl_no_id.xlsx", "reshaped/openpyxl_own_sheet.xlsx", "reshaped/lo_renamed.ods"] {
        let bytes = std::fs::read(fixtures().join(name)).unwrap();
        let (got, cells) = xlsx_tool::check_located(&plan, &bytes, name, &Limits::default());
        // The fixing grid edits by anchor: the rows matched by text have their cells, in the file's own columns.
        let status_at = cells
            .at
            .iter()
            .find(|(a, _, _)| *a == jz_core::Anchor::Measure { id: "2.1".into(), field: jz_core::Field::Status })
            .map(|(_, r, c)| (*r, *c));
        let want = if name.contains("own_sheet") { (4, 1) } else { (3, 4) };
        assert_eq!(status_at, Some(want), "{name}");
        // Every warning of §15 is anchored, so the annotated copy marks it at the measure's row.
        assert!(got.diagnostics.iter().filter(|d| d.code == Code::MeasureMatchedByText).all(|d| d.anchor.is_some()));
        let unit = got.report.unit.clone().unwrap();
        let annotated = xlsx_tool::template::filled(&plan, &got.report, &unit, 2025, &got.diagnostics).unwrap();
        let again = check(&plan, &annotated, "批注版.xlsx", &Limits::default());
        assert!(again.ok(), "{name}: {:#?}", again.diagnostics);
        let view = |c: &Checked| {
            c.report.measures.iter().map(|m| (m.id.clone(), m.status, m.progress.clone())).collect::<Vec<_>>()
        };
        assert_eq!(view(&again), view(&got), "{name}");
    }
}

#[test]
fn thousands_of_unknown_columns_are_mapped_quickly() {
    // 序号 and 落实举措 find the sheet; 3,000 unknown columns compete for the missing ones
    // (180,000 cells: under the reader's cell limit).
    let mut text = String::from("序号,落实举措");
    for c in 0..3000 {
        text.push_str(&format!(",列{c}"));
    }
    text.push('\n');
    for r in 0..60 {
        text.push_str(&format!("{r},举措{r}"));
        for c in 0..3000 {
            text.push_str(if (r + c) % 2 == 0 { ",推进中" } else { ",说明" });
        }
        text.push('\n');
    }
    let start = std::time::Instant::now();
    let got = check(&Plan::builtin(), text.as_bytes(), "宽表.csv", &Limits::default());
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    assert!(
        got.diagnostics.iter().any(|d| d.code == Code::MissingColumn),
        "{:?}",
        got.diagnostics.iter().map(|d| &d.message).take(3).collect::<Vec<_>>()
    );
    assert!(got.header.unwrap().columns.len() <= 60);
}
