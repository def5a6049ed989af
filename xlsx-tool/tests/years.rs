//! Four years in one view and plan revisions, on real workbooks made by the tool.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::progress::Judgement;
use jz_core::{Code, Date, Plan, Report, Severity, Status};
use serde_json::Value;
use xlsx_tool::{Limits, check, merge_files, summary, template};

/// A complete report of `unit` for `year` with the given indicator values.
fn report(plan: &Plan, unit: &str, year: u16, status: Status, values: &[(&str, f64)]) -> Report {
    Report::for_unit(plan, unit, year)
        .contact("张伟", "0391-1234567")
        .date(Date::new(i32::from(year) + 1, 1, 20))
        .status(status)
        .progress(&format!("{unit}{year}年的进展"))
        .next_plan("继续推进")
        .values(values)
        .build()
}

/// The unit's workbook for `year`, filled in, made from `plan`.
fn workbook(plan: &Plan, unit: &str, year: u16, status: Status, values: &[(&str, f64)]) -> Vec<u8> {
    template::filled(plan, &report(plan, unit, year, status, values), unit, year, &[]).unwrap()
}

/// The built-in plan with an edit applied to its JSON.
fn revised(edit: impl FnOnce(&mut Value)) -> Plan {
    let mut v: Value = serde_json::from_str(&Plan::builtin().to_json()).unwrap();
    edit(&mut v);
    Plan::from_text(&v.to_string()).unwrap()
}

/// Measure 2.2 moved to the end of task 4 (4.3); the old 2.3 becomes 2.2.
fn moved_plan() -> Plan {
    revised(|v| {
        let tasks = v["tasks"].as_array_mut().unwrap();
        let mut m = tasks[1]["measures"].as_array_mut().unwrap().remove(1);
        tasks[1]["measures"][1]["id"] = "2.2".into();
        m["id"] = "4.3".into();
        tasks[3]["measures"].as_array_mut().unwrap().push(m);
    })
}

#[test]
fn old_workbook_with_a_measure_moved_between_tasks_is_read_with_a_warning() {
    let old = Plan::builtin();
    let new = moved_plan();
    let moved_text = old.measure("2.2").unwrap().measure.text.clone();
    assert_eq!(new.measure("4.3").unwrap().measure.text, moved_text);

    let diff = jz_core::plan_diff::diff(&old, &new);
    let change = diff.measures.iter().find(|m| m.old.as_ref().is_some_and(|o| o.id == "2.2")).unwrap();
    assert!(change.renumbered && change.moved_task && !change.reworded);
    assert_eq!(change.new.as_ref().unwrap().id, "4.3");
    assert!(change.message.contains("从任务 2 移到任务 4，编号由 2.2 改为 4.3"), "{}", change.message);
    let renum = diff.measures.iter().find(|m| m.old.as_ref().is_some_and(|o| o.id == "2.3")).unwrap();
    assert!(renum.renumbered && !renum.moved_task);
    assert!(diff.indicators.is_empty() && diff.units_added.is_empty());

    let bytes = workbook(&old, "孟州市", 2025, Status::Done, &[("I02", 2.0)]);
    let checked = check(&new, &bytes, "孟州市.xlsx", &Limits::default());
    assert!(checked.ok(), "{:#?}", checked.diagnostics);
    let pm: Vec<_> = checked.diagnostics.iter().filter(|d| d.code == Code::PlanMismatch).collect();
    assert_eq!(pm.len(), 1);
    assert_eq!(pm[0].severity, Severity::Warning);
    assert!(pm[0].message.contains("举措 2.2 在当前计划中移到任务 4，编号改为 4.3"), "{}", pm[0].message);
    assert!(pm[0].message.contains("举措 2.3 在当前计划中编号改为 2.2"), "{}", pm[0].message);
    let entry = checked.report.measure("4.3").unwrap();
    assert!(entry.progress.contains("孟州市2025年"));
    assert!(checked.report.measure("2.3").is_none());
    assert!(!checked.diagnostics.iter().any(|d| d.code == Code::MeasureTextChanged));

    // Merged under the new plan, the status counts under the new id.
    let (merge, _) = merge_files(&new, [("孟州市.xlsx", bytes.as_slice())], 2025, &Limits::default()).unwrap();
    let counts = merge.summary.measures.iter().find(|m| m.id == "4.3").unwrap();
    assert_eq!(counts.status_counts.get("已完成"), Some(&1));
}

#[test]
fn old_workbook_with_a_changed_target_says_what_changed() {
    let old = Plan::builtin();
    let new = revised(|v| {
        let i02 = v["indicators"].as_array_mut().unwrap().iter_mut().find(|i| i["id"] == "I02").unwrap();
        i02["target"] = 20.0.into();
    });
    let diff = jz_core::plan_diff::diff(&old, &new);
    assert!(diff.measures.is_empty());
    assert_eq!(diff.indicators.len(), 1);
    assert_eq!(diff.indicators[0].fields, vec!["target".to_string()]);
    assert_eq!((diff.indicators[0].old_target, diff.indicators[0].new_target), (Some(14.0), Some(20.0)));

    let bytes = workbook(&old, "温县", 2024, Status::InProgress, &[("I02", 5.0)]);
    let checked = check(&new, &bytes, "温县.xlsx", &Limits::default());
    assert!(checked.ok(), "{:#?}", checked.diagnostics);
    let pm = checked.diagnostics.iter().find(|d| d.code == Code::PlanMismatch).unwrap();
    assert_eq!(pm.severity, Severity::Warning);
    assert!(pm.message.contains("指标 I02 的目标值由 14 改为 20 件"), "{}", pm.message);
    // The progress is judged on the new target: 5 of 20 by the end of 2024 (expected 15).
    let (merge, _) = merge_files(&new, [("温县.xlsx", bytes.as_slice())], 2024, &Limits::default()).unwrap();
    let p = merge.summary.progress.iter().find(|p| p.id == "I02").unwrap();
    assert_eq!((p.target, p.expected, p.cumulative), (20.0, 15.0, Some(5.0)));
}

#[test]
fn unmatched_rows_or_another_plan_id_stay_errors() {
    let old = Plan::builtin();
    let reworded = revised(|v| {
        v["tasks"][1]["measures"][0]["text"] = "完全不同的一条新举措内容，用于测试对不上的情况。".into();
    });
    let bytes = workbook(&old, "孟州市", 2025, Status::Done, &[]);
    let checked = check(&reworded, &bytes, "孟州市.xlsx", &Limits::default());
    let pm = checked.diagnostics.iter().find(|d| d.code == Code::PlanMismatch).unwrap();
    assert_eq!(pm.severity, Severity::Error);
    assert!(pm.message.contains("举措 2.1"), "{}", pm.message);

    let other = revised(|v| v["id"] = "another-plan".into());
    let checked = check(&other, &bytes, "孟州市.xlsx", &Limits::default());
    let pm = checked.diagnostics.iter().find(|d| d.code == Code::PlanMismatch).unwrap();
    assert_eq!(pm.severity, Severity::Error);
}

#[test]
fn four_years_from_unit_files_and_an_earlier_summary() {
    let plan = Plan::builtin();
    // I02 (flow, 14): 孟州市 2022: 2, 2023: 3, 2024: 4, 2025: 5 → 14 by 2025 → 正常.
    // I05 (stock, 30000): 孟州市 10000, 12000, 14000, 16000 → latest 16000 of 30000 → 滞后 in 2025.
    let files: Vec<(String, Vec<u8>)> = (2022..=2025)
        .map(|y| {
            let k = f64::from(y - 2021);
            let values = [("I02", k + 1.0), ("I05", 8000.0 + 2000.0 * k)];
            (format!("孟州市{y}.xlsx"), workbook(&plan, "孟州市", y, Status::InProgress, &values))
        })
        .collect();

    // 2022–2023 merged into a 2023 summary, then that summary plus the 2024 and 2025 files.
    let (m23, s23) = merge_files(&plan, refs(&files[..2]), 2023, &Limits::default()).unwrap();
    assert_eq!(m23.summary.years, vec![2022, 2023]);
    assert_eq!(summary::read_summary(&s23).unwrap(), m23.summary);
    let mut later: Vec<(String, Vec<u8>)> = vec![("2023汇总.xlsx".into(), s23)];
    later.extend(files[2..].iter().cloned());
    let (m25, s25) = merge_files(&plan, refs(&later), 2025, &Limits::default()).unwrap();
    let s = &m25.summary;
    assert_eq!(s.years, vec![2022, 2023, 2024, 2025]);
    assert_eq!(s.summaries, vec!["2023汇总.xlsx".to_string()]);
    assert_eq!(s.earlier, vec!["孟州市2024.xlsx".to_string()]);
    let i02 = s.progress.iter().find(|p| p.id == "I02").unwrap();
    assert_eq!((i02.cumulative, i02.judgement), (Some(14.0), Judgement::OnTrack));
    assert_eq!(i02.years.get("2022"), Some(&Some(2.0)));
    let i05 = s.progress.iter().find(|p| p.id == "I05").unwrap();
    assert_eq!((i05.cumulative, i05.judgement), (Some(16000.0), Judgement::Behind));
    // This year's totals stay this year's: I02 = 5.
    assert_eq!(s.indicators.iter().find(|i| i.id == "I02").unwrap().total, Some(5.0));
    let t = s.trend.iter().find(|t| t.id == "2.1").unwrap();
    let u = t.units.iter().find(|u| u.unit == "孟州市").unwrap();
    assert_eq!(u.years.len(), 4);
    assert!(u.years.values().all(|v| v == "推进中"));

    // Same result from the four unit files directly, in any order, byte for byte.
    let (direct, a) = merge_files(&plan, refs(&files), 2025, &Limits::default()).unwrap();
    assert_eq!(direct.summary.progress, s.progress);
    let mut reversed = files.clone();
    reversed.reverse();
    let (_, b) = merge_files(&plan, refs(&reversed), 2025, &Limits::default()).unwrap();
    assert_eq!(a, b);
    // The summary reads back to the very JSON the merge printed.
    assert_eq!(summary::read_summary(&s25).unwrap(), m25.summary);
    let names = calamine_sheet_names(&s25);
    assert!(names.contains(&"年度趋势".to_string()), "{names:?}");
}

fn refs(f: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
    f.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect()
}

fn calamine_sheet_names(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    let wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    wb.sheet_names()
}
