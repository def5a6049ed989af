//! `--map FILE.json` on validate, merge and report (contract §15): a file whose headers
//! the tool cannot place passes once the person says which column is which.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{json, s, scratch, tool};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

/// 孟州市's measures as a CSV whose 完成状态/进展情况 headers are `A栏`/`B栏`, with B栏
/// holding the progress texts and A栏 the statuses.
fn csv_with_letters(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("孟州市.csv");
    let mut text =
        String::from("填报单位,孟州市,报告年度,2025,联系人,李红梅,联系电话,0391-8161234,填报日期,2026-01-20\n");
    text.push_str("序号,任务内容,落实举措,责任单位,A栏,B栏,存在问题,下一步计划,佐证材料\n");
    let plan = jz_core::Plan::builtin();
    for m in plan.measures_of("孟州市") {
        let id = &m.measure.id;
        text.push_str(&format!("{id},,\"{}\",,推进中,\"{id} 已推进\",,继续推进,\n", m.measure.text));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn map_file_places_the_columns_on_validate_merge_and_report() {
    let dir = scratch("map_cli");
    let file = csv_with_letters(&dir);
    // Without the mapping: A栏 is 完成状态 by content; B栏 cannot be placed.
    let out = tool(&["validate", s(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let codes: Vec<&str> =
        v["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"missing-column") && codes.contains(&"column-renamed"), "{codes:?}");

    let map = dir.join("对应列.json");
    std::fs::write(&map, r#"{"B栏": "进展情况"}"#).unwrap();
    let out = tool(&["validate", s(&file), "--map", s(&map), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json(&out);
    let renamed: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "column-renamed")
        .map(|d| d["cell"].as_str().unwrap())
        .collect();
    assert_eq!(renamed, ["E2", "F2"]);

    let out = tool(&["merge", s(&file), "--year", "2025", "--map", s(&map), "-o", s(&dir.join("汇总.xlsx")), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["accepted"].as_array().unwrap().len(), 1);
    let out =
        tool(&["report", s(&file), "--year", "2025", "--map", s(&map), "-o", s(&dir.join("报告.docx")), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["accepted"].as_array().unwrap().len(), 1);
}

#[test]
fn a_bad_map_file_is_a_usage_error_in_chinese() {
    let dir = scratch("map_cli_bad");
    let map = dir.join("bad.json");
    std::fs::write(&map, r#"{"B栏": "进展"}"#).unwrap();
    let good = fixture("good_mengzhou.xlsx");
    let out = tool(&["validate", s(&good), "--map", s(&map)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不是填报表模板中的列") && err.contains("进展情况"), "{err}");
    std::fs::write(&map, "not json").unwrap();
    let out = tool(&["merge", s(&good), "--year", "2025", "--map", s(&map), "-o", s(&dir.join("x.xlsx"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("对应列的格式不对"));
}
