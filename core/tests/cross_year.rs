//! Cross-year warnings (contract §5) at their boundaries, on hand-made pairs of years.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use jz_core::merge::HistorySource;
use jz_core::progress::{UnitYear, YearData};
use jz_core::{Cells, Code, Date, Plan, Report, Status, Submission};

const UNIT: &str = "孟州市";

/// 孟州市's report of `year`: its first measure at `status`, the given values.
fn report(year: u16, status: Status, values: &[(&str, f64)]) -> Report {
    Report::for_unit(&Plan::builtin(), UNIT, year)
        .contact("张伟", "0391-1234567")
        .date(Date::new(i32::from(year) + 1, 1, 10))
        .first_measures(1)
        .status(status)
        .progress("进展")
        .next_plan("继续推进")
        .values(values)
        .build()
}

fn before(status: Status, values: &[(&str, f64)]) -> UnitYear {
    let r = report(2024, status, values);
    YearData::from_reports(2024, [&r]).units.remove(UNIT).unwrap()
}

/// The codes raised for `now` (2025) against `prev` (2024).
fn codes(prev: &UnitYear, now: &Report) -> Vec<Code> {
    jz_core::cross_year::warnings(&Plan::builtin(), 2024, prev, now, &Cells::default())
        .into_iter()
        .map(|d| d.code)
        .collect()
}

fn value_codes(then: f64, now: f64) -> Vec<Code> {
    // I11 is a flow: only the jump rule applies.
    codes(&before(Status::InProgress, &[("I11", then)]), &report(2025, Status::InProgress, &[("I11", now)]))
}

#[test]
fn exactly_ten_times_is_a_jump_and_just_under_is_not() {
    assert_eq!(value_codes(20.0, 200.0), [Code::ValueJump]);
    assert_eq!(value_codes(20.0, 199.0), []);
    assert_eq!(value_codes(0.3, 3.0), [Code::ValueJump], "decimals: 0.3 → 3 is exactly 10×");
    assert_eq!(value_codes(0.3, 2.99), []);
}

#[test]
fn exactly_a_tenth_is_a_jump_and_just_over_is_not() {
    assert_eq!(value_codes(200.0, 20.0), [Code::ValueJump]);
    assert_eq!(value_codes(200.0, 21.0), []);
    assert_eq!(value_codes(3.0, 0.3), [Code::ValueJump]);
}

#[test]
fn a_zero_on_either_side_is_no_jump() {
    assert_eq!(value_codes(0.0, 50.0), []);
    assert_eq!(value_codes(50.0, 0.0), []);
    assert_eq!(value_codes(0.0, 0.0), []);
}

#[test]
fn a_stock_equal_to_last_year_is_fine_and_one_below_is_a_decrease() {
    // I05 有效商标注册量 is a year-end stock.
    let prev = before(Status::InProgress, &[("I05", 2700.0)]);
    assert_eq!(codes(&prev, &report(2025, Status::InProgress, &[("I05", 2700.0)])), []);
    assert_eq!(codes(&prev, &report(2025, Status::InProgress, &[("I05", 2699.0)])), [Code::StockDecreased]);
    assert_eq!(codes(&prev, &report(2025, Status::InProgress, &[("I05", 2701.0)])), []);
    // A flow going down is normal: each year is new.
    assert_eq!(value_codes(30.0, 29.0), []);
}

#[test]
fn done_then_in_progress_is_no_regression_done_then_not_started_is() {
    let prev = before(Status::Done, &[]);
    assert_eq!(codes(&prev, &report(2025, Status::InProgress, &[])), []);
    assert_eq!(codes(&prev, &report(2025, Status::Ongoing, &[])), []);
    assert_eq!(codes(&prev, &report(2025, Status::NotStarted, &[])), [Code::StatusRegressed]);
    assert_eq!(codes(&before(Status::InProgress, &[]), &report(2025, Status::NotStarted, &[])), []);
}

#[test]
fn the_message_names_both_years_values() {
    let prev = before(Status::InProgress, &[("I12", 20.0)]);
    let found = jz_core::cross_year::warnings(
        &Plan::builtin(),
        2024,
        &prev,
        &report(2025, Status::InProgress, &[("I12", 2000.0)]),
        &Cells::default(),
    );
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.severity, jz_core::Severity::Warning);
    assert!(
        d.message.contains("2000") && d.message.contains("2024 年（20）") && d.message.contains("100 倍"),
        "{}",
        d.message
    );
    assert!(d.message.contains("亿元"), "{}", d.message);
    assert_eq!(d.sheet, "指标填报");
}

fn sub(path: &str, r: Report) -> Submission {
    Submission { path: path.into(), sha256: path.into(), report: r, diagnostics: vec![], cells: Cells::default() }
}

fn codes_of(m: &jz_core::Merge, path: &str) -> Vec<Code> {
    let f = m.files.iter().find(|f| f.submission.path == path).unwrap();
    f.submission.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn the_merge_raises_them_from_a_file_of_the_previous_year() {
    let plan = Plan::builtin();
    let files = vec![
        sub("2023.xlsx", report(2023, Status::Done, &[("I12", 0.02)])),
        sub("2024.xlsx", report(2024, Status::Done, &[("I12", 0.2)])),
        sub("2025.xlsx", report(2025, Status::NotStarted, &[("I12", 0.2)])),
    ];
    let m = jz_core::merge(&plan, 2025, files);
    assert_eq!(codes_of(&m, "2025.xlsx"), [Code::StatusRegressed]);
    // Every consecutive pair, not only the merge year: 2023 → 2024 is a jump.
    assert_eq!(codes_of(&m, "2024.xlsx"), [Code::ValueJump]);
    assert_eq!(codes_of(&m, "2023.xlsx"), []);
}

#[test]
fn the_merge_raises_them_from_a_summary_of_the_previous_year() {
    let plan = Plan::builtin();
    let prev = report(2024, Status::InProgress, &[("I05", 3000.0)]);
    let history = HistorySource {
        path: "2024年度汇总表.xlsx".into(),
        sha256: "s".into(),
        year: 2024,
        data: vec![YearData { year: 2024, units: BTreeMap::from([(UNIT.to_string(), before_of(&prev))]) }],
    };
    let files = vec![sub("2025.xlsx", report(2025, Status::InProgress, &[("I05", 2999.0)]))];
    let m = jz_core::merge_with_history(&plan, 2025, files, vec![history]);
    assert_eq!(codes_of(&m, "2025.xlsx"), [Code::StockDecreased]);
    // Without the previous year, nothing to compare with.
    let alone = jz_core::merge(&plan, 2025, vec![sub("2025.xlsx", report(2025, Status::InProgress, &[("I05", 1.0)]))]);
    assert_eq!(codes_of(&alone, "2025.xlsx"), []);
}

fn before_of(r: &Report) -> UnitYear {
    YearData::from_reports(2024, [r]).units.remove(UNIT).unwrap()
}
