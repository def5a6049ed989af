//! `merge` on the CLI carries the 督办清单 and 催报名单: one human line, the JSON fields,
//! and `read` gives them back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{s, scratch, tool};
use serde_json::Value;

#[test]
fn merge_prints_the_follow_up_line_and_json_fields() {
    let dir = scratch("samples");
    let samples = dir.join("samples");
    assert_eq!(tool(&["sample", "--year", "2025", "-o", s(&samples)]).status.code(), Some(0));
    let summary = dir.join("汇总表.xlsx");

    let out = tool(&["merge", s(&samples), "--year", "2025", "-o", s(&summary), "--json"]);
    let merged: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reminders = merged["reminders"].as_array().unwrap();
    let units: Vec<&str> = reminders.iter().map(|r| r["unit"].as_str().unwrap()).collect();
    assert_eq!(units, ["中医药局", "博爱县"]);
    for key in ["unit", "status", "contact", "phone", "last_submitted", "todo", "notice"] {
        assert!(reminders[1][key].is_string(), "reminder has {key}");
    }
    assert_eq!(reminders[1]["status"], "退回");
    assert!(!reminders[1]["contact"].as_str().unwrap().is_empty(), "博爱县's rejected file names its contact");
    let supervision = merged["supervision"].as_array().unwrap();
    for key in ["unit", "category", "id", "content", "situation", "basis"] {
        assert!(supervision[0][key].is_string(), "supervision row has {key}");
    }
    let count = |cat: &str| supervision.iter().filter(|r| r["category"] == cat).count();
    assert_eq!(count("报送"), 2);

    let read = tool(&["read", s(&summary), "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&read.stdout).unwrap(), merged);

    let human = tool(&["merge", s(&samples), "--year", "2025", "-o", s(&summary)]);
    let text = String::from_utf8_lossy(&human.stdout);
    let line = text.lines().find(|l| l.contains("督办事项")).unwrap_or_else(|| panic!("{text}"));
    let indicators = count("指标滞后") + count("指标关注");
    assert_eq!(
        line.trim(),
        format!(
            "督办事项 {} 条（未报送/退回 2，未启动举措 {}，滞后或关注指标 {indicators}），催报单位 2 个：中医药局、博爱县",
            supervision.len(),
            count("举措未启动")
        )
    );
}
