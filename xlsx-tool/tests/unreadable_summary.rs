//! A city summary whose data cannot be read is listed, with the reason, by every caller of
//! the merge: the CLI's `merge` and `report`, and `merge_files` / `report_files` (what the
//! page and the npm package call). Core's merge keeps the list, so none can drop it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{json, s, scratch, tool};
use jz_core::Plan;
use rust_xlsxwriter::Workbook;
use xlsx_tool::{Limits, merge_files, report::report_files, sample};

/// A workbook that says it is a city summary (`_meta` format `jz-ip-summary`) and holds
/// nothing else: the merge cannot read earlier years' data from it.
fn hollow_summary() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("_meta").unwrap();
    ws.write_string(0, 0, "format").unwrap();
    ws.write_string(0, 1, jz_core::SUMMARY_FORMAT).unwrap();
    wb.save_to_buffer().unwrap()
}

const NAME: &str = "2024年汇总表.xlsx";

#[test]
fn merge_files_and_report_files_list_an_unreadable_summary_as_the_cli_does() {
    let plan = Plan::builtin();
    let mut files = sample::sample_set(&plan, 2025, 1).unwrap();
    files.push((NAME.to_string(), hollow_summary()));
    let named = || files.iter().map(|(n, b)| (n.as_str(), b.as_slice()));

    let (merge, _) = merge_files(&plan, named(), 2025, &Limits::default()).unwrap();
    let listed: Vec<&str> = merge.summary.skipped.iter().map(|k| k.path.as_str()).collect();
    assert_eq!(listed, [NAME]);
    assert!(merge.summary.skipped[0].reason.starts_with("这是汇总表，但无法读出其中的往年数据"));
    // Not merged as a report, not used as history.
    assert!(!merge.summary.rejected.iter().any(|p| p == NAME));
    assert!(merge.summary.summaries.is_empty());

    let (report, _) = report_files(&plan, named(), 2025, &Limits::default()).unwrap();
    assert_eq!(report.summary.skipped, merge.summary.skipped);

    // The CLI lists the same file with the same reason, in its JSON and in its text.
    let dir = scratch("hollow");
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out_xlsx = dir.join("out.xlsx");
    let out = tool(&["merge", s(&dir), "--year", "2025", "-o", s(&out_xlsx), "--json"]);
    let skipped = &json(&out)["skipped"];
    assert_eq!(skipped[0]["path"], s(&dir.join(NAME)), "{skipped}");
    assert_eq!(skipped[0]["reason"], merge.summary.skipped[0].reason.as_str());
    let out = tool(&["merge", s(&dir), "--year", "2025", "-o", s(&out_xlsx)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("以下 1 个文件未读取：\n  {}：这是汇总表", s(&dir.join(NAME)))), "{text}");
}
