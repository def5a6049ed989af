//! `xlsx-tool evaluate` (contract §12) as a user runs it: the four sample years give the
//! workbook and the report, the exit codes are merge's, the four years' summaries alone
//! give the same evaluation, `--year` makes an interim one, the help and messages are Chinese.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{json, s, scratch, tool};

#[test]
fn four_sample_years_then_their_four_summaries() {
    let dir = scratch("evaluate");
    let samples = dir.join("samples");
    assert_eq!(tool(&["sample", "--years", "2022-2025", "-o", s(&samples)]).status.code(), Some(0));
    let (xlsx, docx) = (dir.join("终期评估表.xlsx"), dir.join("终期评估报告.docx"));
    let out = tool(&["evaluate", s(&samples), "-o", s(&xlsx), "--docx", s(&docx), "--json"]);
    assert_eq!(out.status.code(), Some(1), "one sample file is rejected, as in merge");
    let from_files = json(&out);
    assert_eq!(from_files["years"], serde_json::json!([2022, 2023, 2024, 2025]));
    assert_eq!(from_files["rejected"].as_array().map(Vec::len), Some(1));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK") && std::fs::read(&docx).unwrap().starts_with(b"PK"));

    // One summary a year (merge --year Y of that year's files), then the four alone.
    let sums = dir.join("summaries");
    std::fs::create_dir_all(&sums).unwrap();
    for y in 2022..=2025 {
        let own = dir.join(format!("y{y}"));
        std::fs::create_dir_all(&own).unwrap();
        for e in std::fs::read_dir(&samples).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap().to_string_lossy().contains(&format!("{y}年度")) {
                std::fs::copy(&p, own.join(p.file_name().unwrap())).unwrap();
            }
        }
        let out =
            tool(&["merge", s(&own), "--year", &y.to_string(), "-o", s(&sums.join(format!("{y}年度汇总表.xlsx")))]);
        assert!(matches!(out.status.code(), Some(0 | 1)));
    }
    let out = tool(&["evaluate", s(&sums), "-o", s(&dir.join("e2.xlsx")), "--json"]);
    assert_eq!(out.status.code(), Some(0), "the summaries are valid files");
    let from_summaries = json(&out);
    for key in ["years", "indicators", "measures", "units"] {
        assert_eq!(from_summaries[key], from_files[key], "{key}");
    }

    // Human text, in Chinese.
    let out = tool(&["evaluate", s(&sums), "-o", s(&dir.join("e3.xlsx"))]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已生成 2022–2025 年终期评估表") && text.contains("主要指标："), "{text}");

    // An interim evaluation up to 2023.
    let out = tool(&["evaluate", s(&samples), "--year", "2023", "-o", s(&dir.join("m.xlsx")), "--json"]);
    let j = json(&out);
    assert_eq!(j["years"], serde_json::json!([2022, 2023]));
    assert_eq!(j["interim"], serde_json::json!(true));
    assert_eq!(out.status.code(), Some(0), "later years' files are skipped, not errors");
}

#[test]
fn usage_errors_exit_2_in_chinese() {
    let dir = scratch("evaluate-usage");
    let out = tool(&["evaluate", s(&dir), "--year", "1999", "-o", s(&dir.join("e.xlsx"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1999"));
    let help = tool(&["evaluate", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("终期评估") && text.contains("--docx") && text.contains("用法"), "{text}");
}
