//! The `xlsx-tool` binary as a user and a script drive it: exit codes, JSON, files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{json, s, scratch, tool};

#[test]
fn plan_json_loads_back_with_plan_flag() {
    let dir = scratch("plan");
    let out = tool(&["plan", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let plan = json(&out);
    assert_eq!(plan["tasks"].as_array().unwrap().len(), 14);
    assert_eq!(plan["indicators"].as_array().unwrap().len(), 26);
    let file = dir.join("plan.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let again = tool(&["--plan", s(&file), "plan", "--json"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(json(&again)["hash"], plan["hash"]);
    let human = tool(&["plan"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("持续强化知识产权顶层设计"));
}

#[test]
fn templates_for_every_unit() {
    let dir = scratch("templates");
    let out = tool(&["template", "--all", "--year", "2025", "-o", s(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 22);
    let one = dir.join("one.xlsx");
    let out = tool(&["template", "--unit", "焦作市孟州市", "--year", "2025", "-o", s(&one)]);
    assert_eq!(out.status.code(), Some(0));
    // a blank template is not yet valid: the unit must fill it in
    let out = tool(&["validate", s(&one), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["files"][0]["unit"], "孟州市");
    assert_eq!(v["files"][0]["year"], 2025);
    assert_eq!(v["files"][0]["ok"], false);
}

#[test]
fn usage_and_io_failures_exit_2_in_chinese() {
    let out = tool(&["template", "--unit", "郑州市", "--year", "2025", "-o", "/tmp/x.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是计划中的责任单位"));
    // A missing input is one entry that cannot be read, not a failure of the run (§6).
    let out = tool(&["validate", "/nonexistent/file.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("找不到"));
    let out = tool(&["read", "/nonexistent/summary.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到"));
    assert_eq!(tool(&["merge"]).status.code(), Some(2));
    assert_eq!(tool(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn sample_validate_annotate_merge_read() {
    let dir = scratch("flow");
    let samples = dir.join("samples");
    assert_eq!(tool(&["sample", "--year", "2025", "-o", s(&samples)]).status.code(), Some(0));

    let marked = dir.join("marked");
    let out = tool(&["validate", s(&samples), "--json", "--annotate", s(&marked)]);
    assert_eq!(out.status.code(), Some(1), "博爱县's sample has errors");
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 22);
    let bad: Vec<_> = files.iter().filter(|f| f["ok"] == false).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["unit"], "博爱县");
    let d = &bad[0]["diagnostics"][0];
    for key in ["code", "severity", "sheet", "cell", "message"] {
        assert!(d.get(key).is_some(), "diagnostic has {key}");
    }
    assert!(std::fs::read_dir(&marked).unwrap().count() >= 1, "annotated copies written");

    let summary = dir.join("汇总表.xlsx");
    let out = tool(&["merge", s(&samples), "--year", "2025", "-o", s(&summary), "--json"]);
    assert_eq!(out.status.code(), Some(1), "a rejected file makes exit 1");
    let merged = json(&out);
    assert_eq!(merged["year"], 2025);
    assert_eq!(merged["accepted"].as_array().unwrap().len(), 20);
    assert_eq!(merged["rejected"].as_array().unwrap().len(), 1);
    let missing: Vec<_> = merged["missing_units"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert_eq!(missing, ["中医药局", "博爱县"]);
    let i02 = &merged["indicators"][1];
    assert_eq!(i02["id"], "I02");
    assert!(i02["rate"].is_number() && i02["total"].is_number());
    assert!(merged["measures"][0]["status_counts"]["未报送"].is_number());

    let read = tool(&["read", s(&summary), "--json"]);
    assert_eq!(read.status.code(), Some(0));
    assert_eq!(json(&read), merged);
}

#[test]
fn the_summary_does_not_depend_on_input_order() {
    let dir = scratch("order");
    let samples = dir.join("samples");
    tool(&["sample", "--year", "2025", "-o", s(&samples)]);
    let mut files: Vec<String> =
        std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    files.sort();
    let run = |files: &[String], out: &Path| {
        let mut args = vec!["merge", "--year", "2025", "-o", s(out)];
        args.extend(files.iter().map(String::as_str));
        tool(&args)
    };
    let (a, b) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
    run(&files, &a);
    files.reverse();
    run(&files, &b);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn plan_diff_lists_a_moved_measure_and_a_changed_target() {
    let dir = scratch("plan-diff");
    let old = dir.join("old.json");
    let out = tool(&["plan", "--json"]);
    std::fs::write(&old, &out.stdout).unwrap();
    let mut v = json(&out);
    let tasks = v["tasks"].as_array_mut().unwrap();
    let mut m = tasks[1]["measures"].as_array_mut().unwrap().remove(1);
    tasks[1]["measures"][1]["id"] = "2.2".into();
    m["id"] = "4.3".into();
    tasks[3]["measures"].as_array_mut().unwrap().push(m);
    v["indicators"][1]["target"] = 20.0.into();
    let new = dir.join("new.json");
    std::fs::write(&new, v.to_string()).unwrap();

    let out = tool(&["plan", "diff", s(&old), s(&new), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let d = json(&out);
    assert_eq!(d["identical"], false);
    let moved = d["measures"].as_array().unwrap().iter().find(|m| m["old"]["id"] == "2.2").unwrap();
    assert_eq!(moved["new"]["id"], "4.3");
    assert_eq!(moved["moved_task"], true);
    assert_eq!(d["indicators"][0]["id"], "I02");
    assert_eq!(d["indicators"][0]["new_target"], 20.0);
    let human = String::from_utf8_lossy(&tool(&["plan", "diff", s(&old), s(&new)]).stdout).to_string();
    assert!(human.contains("举措 2.2 移到任务 4，改为 4.3"), "{human}");
    assert!(human.contains("目标值由 14 改为 20"), "{human}");
    let same = tool(&["plan", "diff", s(&old), s(&old), "--json"]);
    assert_eq!(json(&same)["identical"], true);
    assert_eq!(tool(&["plan", "diff", s(&old), s(&dir.join("nope.toml"))]).status.code(), Some(2));
}

#[test]
fn multi_year_merge_from_files_and_an_earlier_summary() {
    let dir = scratch("years");
    for y in ["2023", "2024", "2025"] {
        let out = tool(&["sample", "--year", y, "-o", s(&dir.join(y))]);
        assert_eq!(out.status.code(), Some(0));
    }
    let s24 = dir.join("2024汇总.xlsx");
    let out = tool(&["merge", s(&dir.join("2023")), s(&dir.join("2024")), "--year", "2024", "-o", s(&s24), "--json"]);
    assert_eq!(out.status.code(), Some(1), "the samples include a file with errors");
    assert_eq!(json(&out)["years"], serde_json::json!([2023, 2024]));

    let s25 = dir.join("2025汇总.xlsx");
    let out = tool(&["merge", s(&s24), s(&dir.join("2025")), "--year", "2025", "-o", s(&s25), "--json"]);
    let merged = json(&out);
    assert_eq!(merged["years"], serde_json::json!([2023, 2024, 2025]));
    assert_eq!(merged["summaries"][0], s(&s24));
    let progress = merged["progress"].as_array().unwrap();
    assert_eq!(progress.len(), 26);
    let i02 = progress.iter().find(|p| p["id"] == "I02").unwrap();
    assert_eq!(i02["kind"], "flow");
    let sum: f64 = ["2023", "2024", "2025"].iter().map(|y| i02["years"][*y].as_f64().unwrap_or(0.0)).sum();
    assert!((i02["cumulative"].as_f64().unwrap() - sum).abs() < 1e-9);
    assert!(["正常", "关注", "滞后"].contains(&i02["judgement"].as_str().unwrap()));
    assert!(i02["reason"].as_str().unwrap().contains("2022 年无数据"));
    // `read` returns exactly what `merge --json` printed, progress and trend included.
    let read = tool(&["read", s(&s25), "--json"]);
    assert_eq!(json(&read), merged);
    let human = String::from_utf8_lossy(
        &tool(&["merge", s(&s24), s(&dir.join("2025")), "--year", "2025", "-o", s(&dir.join("h.xlsx"))]).stdout,
    )
    .to_string();
    assert!(human.contains("对照 2025 年目标的进度"), "{human}");
}

#[test]
fn the_cli_merge_keeps_one_full_report_per_unit_yet_writes_the_same_summary_as_the_library() {
    let dir = scratch("slim");
    let samples = dir.join("samples");
    tool(&["sample", "--year", "2025", "-o", s(&samples)]);
    let cli_out = dir.join("cli.xlsx");
    tool(&["merge", s(&samples), "--year", "2025", "-o", s(&cli_out)]);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let plan = jz_core::Plan::builtin();
    let (_, bytes) = xlsx_tool::merge_files(
        &plan,
        files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        2025,
        &xlsx_tool::Limits::default(),
    )
    .unwrap();
    assert_eq!(std::fs::read(&cli_out).unwrap(), bytes);
}

#[test]
fn report_takes_merge_inputs_and_exits_like_merge() {
    let dir = scratch("report");
    let samples = dir.join("samples");
    assert_eq!(tool(&["sample", "--year", "2025", "-o", s(&samples)]).status.code(), Some(0));
    let docx = dir.join("报告.docx");
    let out = tool(&["report", s(&samples), "--year", "2025", "-o", s(&docx), "--json"]);
    assert_eq!(out.status.code(), Some(1), "one sample is rejected, as in merge");
    let j = json(&out);
    assert_eq!(j["output"].as_str(), Some(s(&docx)));
    let merged = json(&tool(&["merge", s(&samples), "--year", "2025", "-o", s(&dir.join("s.xlsx")), "--json"]));
    for key in ["accepted", "rejected", "missing_units", "indicators", "measures", "progress"] {
        assert_eq!(j[key], merged[key], "{key}");
    }
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));

    // The year's summary alone serves; human output is one Chinese line.
    let out = tool(&["report", s(&dir.join("s.xlsx")), "--year", "2025", "-o", s(&dir.join("r2.docx"))]);
    assert_eq!(out.status.code(), Some(0), "the summary given is valid");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已生成 2025 年度工作报告") && text.contains("已报送 20 个"), "{text}");
    let out = tool(&["report", s(&samples), "--year", "1999", "-o", s(&docx)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1999"));
}
