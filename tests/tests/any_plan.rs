//! Any plan, any city (contract §11): a whole round under a second plan (新乡市, 2026–2030,
//! other units, a `各县（市、区）` group) carries that plan's words and never 焦作; the
//! built-in plan keeps today's words. Every XML part of every output is unzipped and read
//! as text (not through the writer).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read};

use jz_core::Plan;
use xlsx_tool::{Limits, merge_files, plan_file, report, sample, template};

const SECOND: &str = include_str!("../fixtures/plans/xinxiang-2026-2030.toml");

fn second() -> Plan {
    Plan::from_text(SECOND).unwrap()
}

/// Every part of a zip package as text.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.push((f.name().unwrap().to_string(), s));
        }
    }
    assert!(!out.is_empty());
    out
}

fn assert_no_jiaozuo(what: &str, bytes: &[u8]) {
    for (name, text) in parts(bytes) {
        assert!(!text.contains("焦作"), "{what}: {name} contains 焦作");
    }
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    parts(bytes).iter().any(|(_, t)| t.contains(needle))
}

#[test]
fn second_plan_words_settle_on_load() {
    let plan = second();
    assert_eq!(plan.region, "新乡市");
    assert_eq!(plan.collector, "市场监管局");
    assert_eq!(plan.collector_full_name(), "新乡市市场监督管理局");
    assert_eq!(plan.report_title_for(2026), "新乡市2026年度知识产权强市建设工作情况报告");
    assert_eq!(plan.heading, "新乡市推动知识产权高质量发展");
    // 各县(市、区) with half-width brackets is the group 各县（市、区）.
    assert_eq!(plan.measure("3.1").unwrap().task.units.len(), 7);
    // The plan's own place is a prefix a name may carry or leave out.
    assert_eq!(plan.resolve_unit("新乡市科技局"), Some("科技局"));

    let builtin = Plan::builtin();
    assert_eq!(builtin.region, "焦作市");
    assert_eq!(builtin.addressee, "市人民政府");
    assert_eq!(builtin.collector_full_name(), "焦作市市场监督管理局");
    assert_eq!(builtin.report_title_for(2025), "2025年度焦作市推动知识产权高质量发展工作情况报告");
    assert_eq!(builtin.template_title(2025), "2025年度焦作市推动知识产权高质量发展任务落实情况填报表");
    assert_eq!(builtin.summary_title(2025), "2025年度焦作市推动知识产权高质量发展任务落实情况汇总表");
}

#[test]
fn words_default_from_the_title_when_absent() {
    let mut value: serde_json::Value = serde_json::from_str(&second().to_json()).unwrap();
    for key in ["region", "collector", "addressee", "report_title"] {
        value[key] = serde_json::Value::String(String::new());
    }
    let plan = Plan::from_text(&value.to_string()).unwrap();
    assert_eq!(plan.region, "新乡市");
    assert_eq!(plan.collector, "市场监管局");
    assert_eq!(plan.addressee, "市人民政府");
    assert_eq!(plan.report_title_for(2027), "2027年度新乡市推动知识产权高质量发展工作情况报告");
    value["collector"] = "公安局".into();
    assert!(Plan::from_text(&value.to_string()).unwrap_err().to_string().contains("收报单位“公安局”"));
}

#[test]
fn a_whole_round_under_a_second_plan_never_says_jiaozuo() {
    let plan = second();
    // The plan workbook: exported, read back, the same plan.
    let workbook = plan_file::export_plan(&plan);
    assert_no_jiaozuo("plan workbook", &workbook);
    let back = plan_file::load_plan(&workbook, "计划.xlsx").unwrap();
    // The fixture writes 各县(市、区) once with half-width brackets; read back it is the
    // group's own name, the same units, and from then on export → load is exact.
    assert_eq!(serde_json::to_string(&back.measures).unwrap(), serde_json::to_string(&plan.measures).unwrap());
    assert_eq!(back.tasks[2].responsible, ["市场监管局", "各县（市、区）"]);
    let again = plan_file::load_plan(&plan_file::export_plan(&back), "计划.xlsx").unwrap();
    assert_eq!(again.hash, back.hash);
    assert_eq!(back.report_title, plan.report_title);
    assert_eq!(back.addressee, "市政府");

    for unit in plan.expected_units() {
        let bytes = template::template(&plan, unit, 2026).unwrap();
        assert_no_jiaozuo(unit, &bytes);
        assert!(contains(&bytes, "2026年度新乡市推动知识产权高质量发展任务落实情况填报表"), "{unit} title");
        assert!(contains(&bytes, "报送新乡市市场监督管理局"), "{unit} 填报说明");
    }

    let mut files = sample::sample_set(&plan, 2026, 11).unwrap();
    assert_eq!(files.len(), plan.expected_units().len());
    for (name, bytes) in &files {
        assert_no_jiaozuo(name, bytes);
    }
    // One unit missing: the 催报 notices name the plan's office.
    files.retain(|(n, _)| !n.starts_with("牧野区"));
    let (merge, summary) =
        merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2026, &Limits::default()).unwrap();
    assert_eq!(merge.summary.missing_units, ["牧野区"]);
    assert_no_jiaozuo("summary", &summary);
    assert!(contains(&summary, "2026年度新乡市推动知识产权高质量发展任务落实情况汇总表"));
    let notice = &merge.summary.reminders.iter().find(|r| r.unit == "牧野区").unwrap().notice;
    assert!(notice.contains("2026年度新乡市推动知识产权高质量发展任务落实情况填报表"), "{notice}");
    assert!(notice.contains("报送新乡市市场监督管理局"), "{notice}");
    assert!(!serde_json::to_string(&merge.summary).unwrap().contains("焦作"));

    let docx = report::write_report(&plan, &merge).unwrap();
    assert_no_jiaozuo("report", &docx);
    assert_eq!(report::file_name(&plan, 2026), "新乡市2026年度知识产权强市建设工作情况报告.docx");
    let document = parts(&docx).into_iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    assert!(document.contains("市政府：") && !document.contains("市人民政府"), "addressee");
    assert!(document.contains("新乡市市场监督管理局"), "sender");
    assert!(document.contains("知识产权强市建设"), "title");
}
