//! `xlsx-tool plan export | import | diff` and `--plan 计划.xlsx` as an office worker runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{scratch, tool};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/plans").join(name);
    p.to_string_lossy().into_owned()
}

#[test]
fn export_edit_diff_and_use() {
    let dir = scratch("export");
    let xlsx = dir.join("计划.xlsx");
    let out = tool(&["plan", "export", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = tool(&["plan", "diff", xlsx.to_str().unwrap(), &fixture("revised_lo.ods")]);
    assert_eq!(out.status.code(), Some(0));
    let memo = String::from_utf8_lossy(&out.stdout);
    assert!(memo.starts_with("关于《"), "{memo}");
    assert!(memo.contains("举措 2.2 移到任务 4，改为 4.3。"), "{memo}");
    let json: serde_json::Value = serde_json::from_slice(
        &tool(&["plan", "diff", &fixture("revised_lo.xlsx"), xlsx.to_str().unwrap(), "--json"]).stdout,
    )
    .unwrap();
    assert!(json["memo"].as_array().is_some_and(|m| m.len() > 3));
    let tpl = dir.join("科技局.xlsx");
    let out = tool(&[
        "--plan",
        &fixture("revised_lo.xlsx"),
        "template",
        "--unit",
        "市科学技术局",
        "-o",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_plan_with_mistakes_is_not_used_and_exits_2() {
    let out = tool(&["--plan", &fixture("mistakes.xlsx"), "template", "--all", "-o", "/nonexistent-never-written"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("任务清单!F11：责任单位“市监局”不在责任单位表中，是否为“市场监管局”？"), "{err}");
    assert!(err.contains("计划文件有 13 处问题"), "{err}");
}

#[test]
fn import_lists_what_it_could_not_map() {
    let dir = scratch("import");
    let xlsx = dir.join("计划.xlsx");
    let out = tool(&["plan", "import", &fixture("annex_revised.docx"), "-o", xlsx.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["unmapped"][0]["text"], "科技局");
    assert_eq!(json["plan"]["measures"].as_array().map(Vec::len), Some(43));
    let again = tool(&["--plan", xlsx.to_str().unwrap(), "plan", "--json"]);
    let plan: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(plan["hash"], json["plan"]["hash"]);
}

#[test]
fn import_of_a_plan_without_a_table_says_what_to_fill_in_and_the_workbook_names_the_cell() {
    let dir = scratch("import-open");
    let xlsx = dir.join("新计划.xlsx");
    let docx = fixture("hebi_no_table.docx");
    let out = tool(&["plan", "import", &docx, "-o", xlsx.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["plan"]["region"], "鹤壁市");
    assert_eq!(json["empty_groups"], serde_json::json!(["各县（市、区）政府"]));
    assert_eq!(json["indicators_from_document"], false);
    let open = json["open_items"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].as_str().unwrap().contains("单位组“各县（市、区）政府”还没有成员"), "{open:?}");
    // The written workbook is not used until the cell is filled in: exit 2, the cell named.
    let again = tool(&["--plan", xlsx.to_str().unwrap(), "template", "--all", "-o", "/nonexistent-never-written"]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("单位组!B") && err.contains("还没有成员"), "{err}");
    // Without --json: the same, in sentences.
    let text = tool(&["plan", "import", &docx, "-o", xlsx.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("文档中没有指标表") && said.contains("文档没有写明以下 1 项"), "{said}");
}
