//! The merge, checked against numbers worked out by hand.
#![allow(clippy::unwrap_used)]

use jz_core::merge::{Outcome, UnitState};
use jz_core::{Code, Date, Diagnostic, Plan, Report, Status, Submission};

fn report(plan: &Plan, unit: &str, year: u16, day: u32, status: Status, values: &[(&str, f64)]) -> Report {
    Report::for_unit(plan, unit, year)
        .contact("张伟", "0391-1234567")
        .date(Date::new(i32::from(year) + 1, 1, day))
        .status(status)
        .progress(&format!("{unit}的进展"))
        .next_plan("继续推进")
        .values(values)
        .build()
}

fn sub(path: &str, sha: &str, report: Report) -> Submission {
    Submission { path: path.into(), sha256: sha.into(), report, diagnostics: vec![], cells: Default::default() }
}

fn total(m: &jz_core::Merge, id: &str) -> (Option<f64>, Option<f64>) {
    let t = m.summary.indicators.iter().find(|t| t.id == id).unwrap();
    (t.total, t.rate)
}

fn inputs(plan: &Plan) -> Vec<Submission> {
    let mut bad = sub("in/博爱县.xlsx", "b1", report(plan, "博爱县", 2025, 9, Status::Done, &[("I02", 100.0)]));
    bad.diagnostics.push(Diagnostic::new(Code::StatusMissing, None, "x"));
    vec![
        sub(
            "in/孟州市.xlsx",
            "a1",
            report(plan, "孟州市", 2025, 10, Status::Done, &[("I02", 3.0), ("I12", 0.1), ("I01", 9.0)]),
        ),
        sub(
            "in/沁阳市.xlsx",
            "a2",
            report(plan, "沁阳市", 2025, 11, Status::InProgress, &[("I02", 4.0), ("I12", 0.2)]),
        ),
        sub("in/温县_v1.xlsx", "ff", report(plan, "温县", 2025, 10, Status::NotStarted, &[("I02", 50.0)])),
        sub("in/温县_v2.xlsx", "00", report(plan, "温县", 2025, 20, Status::Ongoing, &[])),
        sub("in/市场监管局.xlsx", "a3", report(plan, "市场监管局", 2025, 12, Status::Ongoing, &[("I01", 2.5)])),
        sub("in/修武县_2026.xlsx", "a4", report(plan, "修武县", 2026, 12, Status::Done, &[("I02", 7.0)])),
        sub("in/武陟县_2024.xlsx", "a5", report(plan, "武陟县", 2024, 12, Status::Done, &[("I02", 7.0)])),
        bad,
    ]
}

#[test]
fn totals_worked_out_by_hand() {
    let plan = Plan::builtin();
    let m = jz_core::merge(&plan, 2025, inputs(&plan));
    // sum over reporters: 孟州市 3 + 沁阳市 4 (温县 v1's 50 is superseded, 修武县 is 2026, 武陟县 is 2024, 博爱县 rejected)
    assert_eq!(total(&m, "I02"), (Some(7.0), Some(0.5)));
    // decimals in 亿元 add up as people expect
    assert_eq!(total(&m, "I12"), (Some(0.3), Some(0.03)));
    // single: 市场监管局's value is the city value; 孟州市's 9 is kept but not counted
    assert_eq!(total(&m, "I01"), (Some(2.5), Some(2.5 / 3.0)));
    let i01_values = &m.values[0];
    assert!(i01_values.iter().any(|v| v.unit == "孟州市" && !v.assigned && v.value == Some(9.0)));
    // nobody reported
    assert_eq!(total(&m, "I15"), (None, None));
    let i02 = m.summary.indicators.iter().find(|t| t.id == "I02").unwrap();
    assert_eq!((i02.reported, i02.expected), (2, 11));
}

#[test]
fn files_are_sorted_into_outcomes() {
    let plan = Plan::builtin();
    let m = jz_core::merge(&plan, 2025, inputs(&plan));
    let s = &m.summary;
    assert_eq!(s.accepted, ["in/孟州市.xlsx", "in/市场监管局.xlsx", "in/沁阳市.xlsx", "in/温县_v2.xlsx"]);
    assert_eq!(s.rejected, ["in/修武县_2026.xlsx", "in/博爱县.xlsx"]);
    assert_eq!(s.superseded, ["in/温县_v1.xlsx"]);
    assert_eq!(s.earlier, ["in/武陟县_2024.xlsx"]);
    let late = m.files.iter().find(|f| f.submission.path.contains("2026")).unwrap();
    assert!(late.submission.diagnostics.iter().any(|d| d.code == Code::YearInvalid));
    assert_eq!(s.missing_units.len(), 22 - 4);
    assert!(s.missing_units.contains(&"博爱县".to_string()));
    let boai = m.units.iter().find(|u| u.unit == "博爱县").unwrap();
    assert_eq!(boai.state, UnitState::Rejected);
    assert_eq!(m.units.iter().find(|u| u.unit == "海关").unwrap().state, UnitState::Missing);
    assert_eq!(m.latest_date, Date::new(2026, 1, 20));
}

#[test]
fn status_counts_cover_every_expected_unit() {
    let plan = Plan::builtin();
    let m = jz_core::merge(&plan, 2025, inputs(&plan));
    let c = &m.summary.measures.iter().find(|c| c.id == "2.1").unwrap().status_counts;
    // 2.1 is owned by 市场监管局 + 11 counties = 12 units:
    // 孟州市 已完成, 沁阳市 推进中, 温县 持续推进 (v2), 市场监管局 持续推进, the other 8 未报送.
    let want = [("未启动", 0), ("推进中", 1), ("已完成", 1), ("持续推进", 2), ("未报送", 8)];
    for (k, n) in want {
        assert_eq!(c.get(k), Some(&n), "{k}");
    }
    assert_eq!(c.len(), 5);
    let c81 = &m.summary.measures.iter().find(|c| c.id == "8.1").unwrap().status_counts;
    assert_eq!(c81.get("持续推进"), Some(&1));
    assert_eq!(c81.get("未报送"), Some(&2));
    let row = m.rows.iter().find(|r| r.measure == "2.1" && r.unit == "孟州市").unwrap();
    assert_eq!((row.status.as_str(), row.source.as_str()), ("已完成", "孟州市.xlsx"));
}

#[test]
fn supersede_ties_and_order_never_matter() {
    let plan = Plan::builtin();
    let same_day =
        |path: &str, sha: &str| sub(path, sha, report(&plan, "温县", 2025, 15, Status::Done, &[("I02", 1.0)]));
    // same 填报日期: greater SHA-256 wins
    let m = jz_core::merge(&plan, 2025, vec![same_day("b.xlsx", "aa"), same_day("a.xlsx", "bb")]);
    assert_eq!(m.summary.accepted, ["a.xlsx"]);
    // same date and hash: the file name that sorts last wins
    let m = jz_core::merge(&plan, 2025, vec![same_day("x/b.xlsx", "aa"), same_day("y/a.xlsx", "aa")]);
    assert_eq!(m.summary.accepted, ["x/b.xlsx"]);

    let forward = jz_core::merge(&plan, 2025, inputs(&plan));
    let mut reversed_inputs = inputs(&plan);
    reversed_inputs.reverse();
    let reversed = jz_core::merge(&plan, 2025, reversed_inputs);
    assert_eq!(forward, reversed);
    assert_eq!(forward.files.iter().filter(|f| f.outcome == Outcome::Accepted).count(), 4);
}

/// A unit's file as the page's board receives it from `validate`.
fn board_file(s: &Submission) -> jz_core::merge::BoardFile {
    jz_core::merge::BoardFile {
        path: s.path.clone(),
        sha256: s.sha256.clone(),
        unit: s.report.unit.clone(),
        year: s.report.year,
        ok: !s.has_errors(),
        date: s.report.date,
    }
}

#[test]
fn the_board_shows_the_file_the_merge_takes_on_a_same_day_resubmission() {
    let plan = Plan::builtin();
    // Same 填报日期; the name that sorts first has the greater SHA-256, so a tie broken by
    // name (as the page once did) would show the other file.
    let same_day = |path: &str, sha: &str, status| sub(path, sha, report(&plan, "温县", 2025, 15, status, &[]));
    let files = vec![same_day("温县_a.xlsx", "f0", Status::Done), same_day("温县_b.xlsx", "0f", Status::InProgress)];
    let m = jz_core::merge(&plan, 2025, files.clone());
    let on_board: Vec<_> = files.iter().map(board_file).collect();
    let b = jz_core::merge::board(&plan, 2025, &on_board);
    let wen = b.units.iter().find(|u| u.unit == "温县").unwrap();
    assert_eq!(m.summary.accepted, ["温县_a.xlsx"]);
    assert_eq!(wen.path.as_deref(), Some("温县_a.xlsx"));
    assert_eq!((wen.state, wen.superseded), (UnitState::Received, 1));
    // And every unit's state and file on the board is the merge's 报送情况 for files of the year.
    let inputs: Vec<Submission> = inputs(&plan).into_iter().filter(|s| s.report.year == Some(2025)).collect();
    let m = jz_core::merge(&plan, 2025, inputs.clone());
    let on_board: Vec<_> = inputs.iter().map(board_file).collect();
    let b = jz_core::merge::board(&plan, 2025, &on_board);
    let board_states: Vec<_> = b.units.iter().map(|u| (u.unit.clone(), u.state, u.path.clone())).collect();
    let merge_states: Vec<_> = m.units.iter().map(|u| (u.unit.clone(), u.state, u.path.clone())).collect();
    assert_eq!(board_states, merge_states);
    assert_eq!(b.deadline, Date::new(2026, 1, 31));
}

#[test]
fn the_merge_itself_records_what_a_resubmission_changed() {
    let plan = Plan::builtin();
    let old = sub("温县_v1.xlsx", "aa", report(&plan, "温县", 2025, 10, Status::NotStarted, &[]));
    let new = sub("温县_v2.xlsx", "bb", report(&plan, "温县", 2025, 20, Status::Ongoing, &[]));
    // 变更记录 comes from core, whatever feeds it and in whatever order.
    for files in [vec![old.clone(), new.clone()], vec![new.clone(), old.clone()]] {
        let m = jz_core::merge(&plan, 2025, files);
        assert_eq!(m.summary.superseded, ["温县_v1.xlsx"]);
        let status: Vec<_> = m.summary.changes.iter().filter(|c| c.field.starts_with("完成状态")).collect();
        assert!(!status.is_empty(), "{:?}", m.summary.changes);
        assert!(status.iter().all(|c| c.old == "未启动" && c.new == "持续推进" && c.superseded == "温县_v1.xlsx"));
        assert!(
            m.summary.changes.iter().any(|c| c.field == "填报日期" && c.old == "2026-01-10" && c.new == "2026-01-20")
        );
    }
}
