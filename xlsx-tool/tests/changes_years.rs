//! 变更记录, the cross-year warnings and the four-year sample round, on workbooks the tool
//! writes (the sample writer), read back through the summary and an independent reader.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jz_core::changes::Change;
use jz_core::progress::Judgement;
use jz_core::{Code, Date, Plan, Report};
use xlsx_tool::sample::{Rng, sample_report, sample_years, years};
use xlsx_tool::{Limits, merge_files, summary, template};

fn filled(plan: &Plan, r: &Report) -> Vec<u8> {
    template::filled(plan, r, r.unit.as_deref().unwrap(), r.year.unwrap(), &[]).unwrap()
}

fn merge(plan: &Plan, files: &[(String, Vec<u8>)], year: u16) -> (jz_core::Merge, Vec<u8>) {
    merge_files(plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), year, &Limits::default()).unwrap()
}

/// A cell of a workbook as text, read by calamine.
fn cell_text(bytes: &[u8], sheet: &str, a1: &str) -> String {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let col = a1.bytes().take_while(u8::is_ascii_uppercase).fold(0u32, |a, b| a * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = a1.trim_start_matches(|c: char| c.is_ascii_uppercase()).parse::<u32>().unwrap() - 1;
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => jz_core::cell::format_number(*f),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::DateTime(d)) => d.as_f64().to_string(),
        other => format!("{other:?}"),
    }
}

fn sheet_rows(bytes: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// 孟州市's 2025 report, and a second version differing in exactly three cells.
fn two_versions(plan: &Plan) -> (Report, Report) {
    let mut first = sample_report(plan, "孟州市", 2025, &mut Rng::new(7));
    first.date = Date::new(2026, 1, 10);
    let mut second = first.clone();
    second.date = Date::new(2026, 1, 15);
    second.contact = "王芳（更正）".into();
    let i12 = second.indicators.iter_mut().find(|e| e.id == "I12").unwrap();
    i12.value = Some(0.35);
    i12.value_text = "0.35".into();
    (first, second)
}

#[test]
fn a_resubmission_lists_exactly_the_three_cells_that_differ() {
    let plan = Plan::builtin();
    let (first, second) = two_versions(&plan);
    let old_value = first.indicators.iter().find(|e| e.id == "I12").unwrap().value_text.clone();
    let files = vec![
        ("孟州市_初稿.xlsx".to_string(), filled(&plan, &first)),
        ("孟州市_更正.xlsx".to_string(), filled(&plan, &second)),
    ];
    let (m, bytes) = merge(&plan, &files, 2025);
    assert_eq!(m.summary.accepted, ["孟州市_更正.xlsx"]);
    let row = |sheet: &str, cell: &str, field: &str, old: &str, new: &str| Change {
        unit: "孟州市".into(),
        file: "孟州市_更正.xlsx".into(),
        superseded: "孟州市_初稿.xlsx".into(),
        sheet: sheet.into(),
        cell: cell.into(),
        field: field.into(),
        old: old.into(),
        new: new.into(),
    };
    let expected = vec![
        row("任务填报", "F2", "联系人", &first.contact, "王芳（更正）"),
        row("任务填报", "J2", "填报日期", "2026-01-10", "2026-01-15"),
        row("指标填报", &m.summary.changes[2].cell, "本年度完成值（I12）", &old_value, "0.35"),
    ];
    assert_eq!(m.summary.changes, expected);
    // The cells are those of the accepted file: an independent reader finds the new values there.
    let accepted = &files[1].1;
    assert_eq!(cell_text(accepted, "任务填报", "F2"), "王芳（更正）");
    assert_eq!(cell_text(accepted, "指标填报", &expected[2].cell), "0.35");
    // The sheet, read by calamine, holds the same rows under the contract's header.
    let rows = sheet_rows(&bytes, "变更记录");
    assert_eq!(rows[0], ["单位", "文件", "被替代的文件", "工作表", "单元格", "栏目", "原内容", "新内容"]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3][5], "本年度完成值（I12）");
    assert_eq!(rows[3][7], "0.35");
    // `read` gives them back.
    assert_eq!(summary::read_summary(&bytes).unwrap().changes, expected);
}

#[test]
fn changes_are_against_the_accepted_file_whatever_the_order() {
    let plan = Plan::builtin();
    let (first, second) = two_versions(&plan);
    let mut third = second.clone();
    third.date = Date::new(2026, 1, 20);
    third.phone = "0391-7654321".into();
    let files = [
        ("a_初稿.xlsx".to_string(), filled(&plan, &first)),
        ("b_更正.xlsx".to_string(), filled(&plan, &second)),
        ("c_终稿.xlsx".to_string(), filled(&plan, &third)),
    ];
    let orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]];
    let results: Vec<Vec<Change>> =
        orders.iter().map(|o| merge(&plan, &o.map(|i| files[i].clone()), 2025).0.summary.changes).collect();
    for r in &results[1..] {
        assert_eq!(r, &results[0]);
    }
    let c = &results[0];
    // a → c: contact, phone, date, I12; b → c: phone, date.
    let of = |name: &str| c.iter().filter(|x| x.superseded == name).map(|x| x.field.as_str()).collect::<Vec<_>>();
    assert_eq!(of("a_初稿.xlsx"), ["联系人", "联系电话", "填报日期", "本年度完成值（I12）"]);
    assert_eq!(of("b_更正.xlsx"), ["联系电话", "填报日期"]);
    assert!(c.iter().all(|x| x.file == "c_终稿.xlsx"));
}

fn with_value(plan: &Plan, year: u16, id: &str, value: f64) -> (String, Vec<u8>) {
    let mut r = sample_report(plan, "孟州市", year, &mut Rng::new(1));
    let e = r.indicators.iter_mut().find(|e| e.id == id).unwrap();
    e.value = Some(value);
    e.value_text = jz_core::cell::format_number(value);
    (format!("孟州市_{year}.xlsx"), filled(plan, &r))
}

fn warnings(m: &jz_core::Merge, name: &str) -> Vec<(Code, String, String)> {
    let f = m.files.iter().find(|f| f.submission.path == name).unwrap();
    f.submission
        .diagnostics
        .iter()
        .filter(|d| jz_core::cross_year::CODES.contains(&d.code))
        .map(|d| (d.code, d.sheet.clone(), d.cell.clone()))
        .collect()
}

#[test]
fn a_jump_in_real_workbooks_is_reported_at_the_value_cell() {
    let plan = Plan::builtin();
    let before = with_value(&plan, 2024, "I12", 0.2);
    for (now, jump) in [(2.0, true), (1.99, false), (0.02, true), (0.021, false)] {
        let after = with_value(&plan, 2025, "I12", now);
        let (m, _) = merge(&plan, &[before.clone(), after.clone()], 2025);
        let found = warnings(&m, "孟州市_2025.xlsx");
        if jump {
            assert_eq!(found.len(), 1, "{now}: {found:?}");
            let (code, sheet, cell) = &found[0];
            assert_eq!(*code, Code::ValueJump);
            assert_eq!(cell_text(&after.1, sheet, cell), jz_core::cell::format_number(now));
        } else {
            assert_eq!(found, [], "{now}");
        }
    }
}

#[test]
fn a_stock_below_last_years_summary_is_reported() {
    let plan = Plan::builtin();
    // 2024 merged into a summary; 2025 merged with that summary only.
    let (_, summary_2024) = merge(&plan, &[with_value(&plan, 2024, "I05", 2700.0)], 2024);
    let summary_file = ("2024年度汇总表.xlsx".to_string(), summary_2024);
    for (now, decreased) in [(2700.0, false), (2699.0, true), (2800.0, false)] {
        let after = with_value(&plan, 2025, "I05", now);
        let (m, _) = merge(&plan, &[summary_file.clone(), after.clone()], 2025);
        assert_eq!(m.summary.summaries, ["2024年度汇总表.xlsx"]);
        let found = warnings(&m, "孟州市_2025.xlsx");
        if decreased {
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].0, Code::StockDecreased);
            assert_eq!(cell_text(&after.1, &found[0].1, &found[0].2), "2699");
        } else {
            assert_eq!(found, [], "{now}");
        }
    }
}

#[test]
fn the_four_year_round_shows_the_intended_mix() {
    let plan = Plan::builtin();
    let files = sample_years(&plan, 2022, 2025, 2025).unwrap();
    assert_eq!(files, sample_years(&plan, 2022, 2025, 2025).unwrap(), "deterministic");
    let (m, bytes) = merge(&plan, &files, 2025);
    let s = &m.summary;
    assert_eq!(s.years, [2022, 2023, 2024, 2025]);
    let count = |j: Judgement| s.progress.iter().filter(|p| p.judgement == j).count();
    assert_eq!(count(Judgement::Behind), years::BEHIND.len());
    assert_eq!(count(Judgement::Watch), years::WATCH.len());
    assert_eq!(count(Judgement::OnTrack), plan.indicators.len() - years::BEHIND.len() - years::WATCH.len());
    for p in &s.progress {
        let want = if years::BEHIND.contains(&p.id.as_str()) {
            Judgement::Behind
        } else if years::WATCH.contains(&p.id.as_str()) {
            Judgement::Watch
        } else {
            Judgement::OnTrack
        };
        assert_eq!(p.judgement, want, "{}: {}", p.id, p.reason);
    }
    let mut missing = s.missing_units.clone();
    missing.sort();
    let mut want = vec![years::REJECTED.to_string(), years::MISSING.to_string()];
    want.sort();
    assert_eq!(missing, want);
    assert_eq!(s.rejected.len(), 1);
    assert!(s.rejected[0].contains(years::REJECTED));
    // The slip and the stock decrease, each once, on the intended units.
    let cross: Vec<(Code, String)> = m
        .files
        .iter()
        .flat_map(|f| {
            f.submission
                .diagnostics
                .iter()
                .filter(|d| jz_core::cross_year::CODES.contains(&d.code))
                .map(|d| (d.code, f.submission.report.unit.clone().unwrap_or_default()))
        })
        .collect();
    let mut cross = cross;
    cross.sort();
    assert_eq!(
        cross,
        [(Code::StockDecreased, years::DECREASING.to_string()), (Code::ValueJump, years::SLIPPING.to_string())]
    );
    assert_eq!(cross.len(), 2, "{cross:?}");
    let slip = m.files.iter().flat_map(|f| &f.submission.diagnostics).find(|d| d.code == Code::ValueJump).unwrap();
    assert!(slip.message.contains("10 倍") && slip.message.contains("2024 年"), "{}", slip.message);
    // The resubmission: three changes, the later 填报日期 winning.
    assert_eq!(s.superseded.len(), 1);
    assert!(s.superseded[0].ends_with("_初稿.xlsx"));
    assert_eq!(s.changes.len(), 3, "{:?}", s.changes);
    assert!(s.changes.iter().all(|c| c.unit == years::RESUBMITTING));
    assert_eq!(s.changes.iter().map(|c| c.field.as_str()).filter(|f| f.starts_with("填报日期")).count(), 1);
    // The 校验问题 sheet carries the cross-year warnings.
    let issues = sheet_rows(&bytes, "校验问题");
    assert!(issues.iter().any(|r| r[3] == "value-jump"));
    assert!(issues.iter().any(|r| r[3] == "stock-decreased"));
}

/// The changes come back from the 变更记录 sheet alone: `_meta` no longer repeats them
/// (a 1,000-file merge wrote its 10,776 rows twice). Texts a unit wrote come back exactly:
/// one that looks like a formula, a cleared cell, a long text with line breaks.
#[test]
fn changes_come_back_from_the_sheet_alone() {
    let plan = Plan::builtin();
    let (mut first, mut second) = two_versions(&plan);
    first.measures[0].evidence = "会议纪要".into();
    second.measures[0].evidence = String::new();
    second.measures[0].progress = "=HYPERLINK(\"http://x\")".into();
    second.measures[1].problems = "第一行\n第二行：".repeat(300);
    let files = [("v1.xlsx".to_string(), filled(&plan, &first)), ("v2.xlsx".to_string(), filled(&plan, &second))];
    let (m, bytes) = merge(&plan, &files, 2025);
    assert_eq!(m.summary.changes.len(), 6, "{:?}", m.summary.changes);
    let keys: Vec<String> = sheet_rows(&bytes, "_meta").into_iter().map(|r| r[0].clone()).collect();
    assert!(!keys.iter().any(|k| k == "change"), "{keys:?}");
    assert_eq!(summary::read_summary(&bytes).unwrap().changes, m.summary.changes);
}

/// A summary written before (every change also as JSON in `_meta`, tests/fixtures/
/// make_old_summary.sh) still reads with its changes.
#[test]
fn an_older_summary_with_changes_in_meta_still_reads() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/summary_changes_in_meta.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let keys: Vec<String> = sheet_rows(&bytes, "_meta").into_iter().map(|r| r[0].clone()).collect();
    assert!(keys.iter().any(|k| k == "change"), "{keys:?}");
    let expected = Change {
        unit: "温县".into(),
        file: "温县_2025年度填报表.xlsx".into(),
        superseded: "温县_2025年度填报表_初稿.xlsx".into(),
        sheet: "任务填报".into(),
        cell: "J2".into(),
        field: "填报日期".into(),
        old: "2026-01-02".into(),
        new: "2026-01-19".into(),
    };
    assert_eq!(summary::read_summary(&bytes).unwrap().changes, [expected]);
}

/// Eight versions of one unit: only the latest five superseded files get 变更记录 rows,
/// each against the accepted file, whatever the order the files arrive in.
#[test]
fn only_the_latest_superseded_files_are_compared_in_any_order() {
    let plan = Plan::builtin();
    let (first, _) = two_versions(&plan);
    let files: Vec<(String, Vec<u8>)> = (0..8u32)
        .map(|v| {
            let mut r = first.clone();
            r.date = Date::new(2026, 1, 10 + v);
            r.contact = format!("联系人{v}");
            (format!("v{v}.xlsx"), filled(&plan, &r))
        })
        .collect();
    let orders: [[usize; 8]; 3] = [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0], [3, 7, 0, 5, 1, 6, 2, 4]];
    let results: Vec<Vec<Change>> =
        orders.iter().map(|o| merge(&plan, &o.map(|i| files[i].clone()), 2025).0.summary.changes).collect();
    for r in &results[1..] {
        assert_eq!(r, &results[0]);
    }
    let superseded: Vec<&str> =
        results[0].iter().filter(|c| c.field == "联系人").map(|c| c.superseded.as_str()).collect();
    assert_eq!(superseded, ["v2.xlsx", "v3.xlsx", "v4.xlsx", "v5.xlsx", "v6.xlsx"]);
    assert!(results[0].iter().all(|c| c.file == "v7.xlsx"));
    assert!(results[0].iter().filter(|c| c.field == "联系人").all(|c| c.new == "联系人7"));
}
