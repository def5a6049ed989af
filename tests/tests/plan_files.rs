//! Plan files (issue 12, contract §9) made by other programs: the exported plan workbook
//! saved by LibreOffice, workbooks edited with openpyxl and saved again by LibreOffice,
//! one with a mistake of each kind, and the annex as a Word document written by
//! python-docx. Fixtures: `tests/fixtures/plans/` (made by `make_plans.py`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use jz_core::Plan;
use jz_core::plan_diff::{PlanDiff, diff};
use xlsx_tool::plan_file::{export_plan, import_docx, load_plan};

fn fixture(name: &str) -> Vec<u8> {
    let path = jz_tests::fixtures().join("plans").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Plan {
    load_plan(&fixture(name), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn export_then_load_is_the_same_plan() {
    let builtin = Plan::builtin();
    let bytes = export_plan(&builtin);
    let back = load_plan(&bytes, "计划.xlsx").expect("the exported workbook loads");
    assert_eq!((back.id.as_str(), back.hash.as_str()), (builtin.id.as_str(), builtin.hash.as_str()));
    assert_eq!(back.to_json(), builtin.to_json());
    // TOML and JSON are plan files too.
    let json = load_plan(builtin.to_json().as_bytes(), "plan.json").expect("json");
    assert_eq!(json.hash, builtin.hash);
}

#[test]
fn the_export_saved_by_libreoffice_is_the_same_plan_in_every_format() {
    let builtin = Plan::builtin();
    for name in ["lo_export.xlsx", "lo_export.ods", "lo_export.xls"] {
        let plan = load(name);
        assert_eq!(plan.hash, builtin.hash, "{name}: {:#?}", diff(&builtin, &plan).memo);
    }
}

#[test]
fn the_exported_workbook_is_made_for_people() {
    let mut book = Xlsx::new(Cursor::new(export_plan(&Plan::builtin()))).expect("calamine opens it");
    let names = book.sheet_names();
    assert_eq!(names, ["计划信息", "任务清单", "责任单位", "单位组", "量化指标", "说明", "填写说明", "_meta"]);
    let tasks = book.worksheet_range("任务清单").expect("任务清单");
    let header: Vec<String> = tasks.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["部分", "任务编号", "任务内容", "举措编号", "落实举措", "责任单位", "牵头单位", "配合单位", "完成时限"]
    );
    let ind = book.worksheet_range("量化指标").expect("量化指标");
    let header: Vec<String> = ind.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..8], ["指标编号", "指标名称", "目标值", "计量单位", "类型", "汇总方式", "填报单位", "说明"]);
    let help = book.worksheet_range("填写说明").expect("填写说明");
    let text: String = help.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    for phrase in
        ["增加一条举措", "把一条举措移到另一个任务", "增加一个单位，或给单位增加别名", "给单位组增加成员", "目标值"]
    {
        assert!(text.contains(phrase), "填写说明 lacks {phrase}");
    }
    // Dropdowns, frozen header and shading are in the sheet XML.
    let bytes = export_plan(&Plan::builtin());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet5.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("累计新增,年末存量,当年数值"), "类型 dropdown");
    assert!(xml.contains("各单位合计,单一单位"), "汇总方式 dropdown");
    assert!(xml.contains("state=\"frozen\""), "frozen header");
}

/// The changes made by `make_plans.py` in revised_*: asserted one by one, and nothing else.
fn assert_revision(d: &PlanDiff, name: &str) {
    let memo = d.memo.join("\n");
    let ids = |change: &str| -> Vec<String> {
        d.measures
            .iter()
            .filter(|m| m.change == change)
            .map(|m| m.new.as_ref().or(m.old.as_ref()).map(|s| s.id.clone()).unwrap_or_default())
            .collect()
    };
    assert_eq!(ids("added"), ["14.6"], "{name}\n{memo}");
    assert_eq!(ids("removed"), ["13.3"], "{name}\n{memo}");
    let changed: Vec<(String, String, bool, bool, bool)> = d
        .measures
        .iter()
        .filter(|m| m.change == "changed")
        .map(|m| {
            let (o, n) =
                (m.old.as_ref().expect("a changed measure has an old side"), m.new.as_ref().expect("and a new one"));
            (o.id.clone(), n.id.clone(), m.moved_task, m.reworded, m.units_changed)
        })
        .collect();
    let want = [
        ("2.3", "2.2", false, false, false),
        ("3.1", "3.1", false, false, true),
        ("3.2", "3.2", false, false, true),
        ("3.3", "3.3", false, false, true),
        ("2.2", "4.3", true, false, false),
        ("5.1", "5.1", false, true, false),
        ("10.1", "10.1", false, false, true),
        ("10.2", "10.2", false, false, true),
    ];
    let mut got = changed.clone();
    got.sort();
    let mut want: Vec<_> = want.iter().map(|(a, b, c, d, e)| (a.to_string(), b.to_string(), *c, *d, *e)).collect();
    want.sort();
    assert_eq!(got, want, "{name}\n{memo}");
    assert_eq!(d.unit_changes.len(), 1, "{name}\n{memo}");
    assert_eq!(d.unit_changes[0].name, "科技局");
    assert_eq!(d.unit_changes[0].aliases_added, ["市科学技术局", "焦作市科学技术局"]);
    assert_eq!(d.group_changes.len(), 1, "{name}\n{memo}");
    assert_eq!(d.group_changes[0].members_added, ["司法局"]);
    let inds: Vec<(String, Vec<String>)> = d.indicators.iter().map(|i| (i.id.clone(), i.fields.clone())).collect();
    assert_eq!(inds, [("I05".to_string(), vec!["target".to_string()]), ("I13".into(), vec!["kind".into()])]);
    assert!(d.other_changes.is_empty(), "{name}: {:?}", d.other_changes);
    for line in [
        "新增举措 14.6",
        "删除举措 13.3",
        "举措 2.2 移到任务 4，改为 4.3。",
        "举措 5.1 文字修改：原文“",
        "任务 3（举措 3.1、3.2、3.3）的责任单位增加司法局。",
        "任务 10（举措 10.1、10.2）的责任单位增加科技局。",
        "新增单位“科技局”（分组：市直；别名：市科学技术局、焦作市科学技术局）。",
        "单位组“联席会成员单位”新增成员：司法局。",
        "指标 I05 有效商标注册量：目标值由 30000 改为 32000。",
        "类型由“年末存量”改为“累计新增”",
    ] {
        assert!(memo.contains(line), "{name}: memo lacks {line}\n{memo}");
    }
}

#[test]
fn edited_workbooks_give_exactly_their_changes() {
    let builtin = Plan::builtin();
    for name in ["revised_openpyxl.xlsx", "revised_lo.xlsx", "revised_lo.ods"] {
        let revised = load(name);
        assert_eq!(revised.id, "jiaozuo-ip-2022-2025-final");
        assert_revision(&diff(&builtin, &revised), name);
    }
}

#[test]
fn a_merge_under_the_revised_plan_uses_its_measures_and_targets() {
    let revised = load("revised_lo.xlsx");
    // The added measure is in the template of a county (read back by calamine).
    let template = xlsx_tool::template::template(&revised, "温县", 2025).expect("template");
    let mut book = Xlsx::new(Cursor::new(template)).expect("xlsx");
    let range = book.worksheet_range("任务填报").expect("任务填报");
    let ids: Vec<String> = range.rows().map(|r| r.first().map(|c| c.to_string()).unwrap_or_default()).collect();
    assert!(ids.iter().any(|i| i == "14.6") && !ids.iter().any(|i| i == "13.3"), "{ids:?}");
    assert!(ids.iter().any(|i| i == "4.3"));
    // The new unit gets a template with task 10's measures.
    let ids: Vec<String> = revised.measures_of("科技局").map(|m| m.measure.id.clone()).collect();
    assert_eq!(ids, ["10.1", "10.2"]);
    // Merge the sample round made under the revised plan.
    let files = xlsx_tool::sample::sample_set(&revised, 2025, 7).expect("samples");
    let inputs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let (merge, _) = xlsx_tool::merge_files(&revised, inputs, 2025, &xlsx_tool::Limits::default()).expect("merge");
    let s = &merge.summary;
    let m146 = s.measures.iter().find(|m| m.id == "14.6").expect("14.6 in the merge");
    let reported: u32 = m146.status_counts.iter().filter(|(k, _)| k.as_str() != "未报送").map(|(_, v)| *v).sum();
    assert!(reported > 0, "{:?}", m146.status_counts);
    assert!(!s.measures.iter().any(|m| m.id == "13.3"));
    let i05 = s.indicators.iter().find(|i| i.id == "I05").expect("I05");
    assert_eq!(i05.target, 32000.0);
    if let (Some(total), Some(rate)) = (i05.total, i05.rate) {
        assert!((rate - total / 32000.0).abs() < 1e-9, "rate {rate} total {total}");
    } else {
        panic!("I05 has no total");
    }
}

#[test]
fn every_mistake_is_named_at_its_cell() {
    let err = load_plan(&fixture("mistakes.xlsx"), "mistakes.xlsx").expect_err("a plan with mistakes is refused");
    let got: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    let want = [
        "计划信息!B5：截止年度 2025 早于起始年度 2026",
        "计划信息!B6：报送截止日期“一月底”无法识别。请写成“月-日”，如 01-31",
        "任务清单!F11：责任单位“市监局”不在责任单位表中，是否为“市场监管局”？",
        "任务清单!D13：举措编号 5.2 重复",
        "任务清单!D16：举措编号应为“6.3”",
        "任务清单!E18：落实举措为空",
        "任务清单!F22：任务 9 没有填写责任单位",
        "量化指标!G3：填报单位“各县市区”不在责任单位表中，是否为“各县区”？",
        "量化指标!E4：类型“累计”不是可选的值，是否为“累计新增”？",
        "量化指标!F5：汇总方式“合计”不是可选的值，是否为“各单位合计”？",
        "量化指标!C6：目标值“约3万件”不是数字",
        "量化指标!C7：目标值 -5 不是正数",
        "量化指标!A8：指标编号 I06 重复",
    ];
    for w in want {
        assert!(got.iter().any(|g| g.starts_with(w)), "missing {w}\n{got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
    let one = |name: &str| -> Vec<String> {
        load_plan(&fixture(name), name).expect_err(name).problems().iter().map(|p| p.to_string()).collect()
    };
    let missing = one("missing_sheet.xlsx");
    assert_eq!(missing.len(), 1);
    assert!(missing[0].starts_with("单位组：找不到“单位组”工作表"), "{missing:?}");
    let missing = one("missing_column.xlsx");
    assert_eq!(missing.len(), 1);
    assert!(missing[0].starts_with("量化指标!J1：表头缺少“汇总方式”列"), "{missing:?}");
}

#[test]
fn the_annex_from_word_is_the_builtin_plan() {
    let builtin = Plan::builtin();
    let imported = import_docx(&fixture("annex.docx"), &builtin).expect("imports");
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    let plan = imported.plan;
    assert_eq!(plan.tasks.len(), 14);
    assert_eq!(plan.measures().count(), 43);
    for (a, b) in plan.measures().zip(builtin.measures()) {
        assert_eq!((a.measure.id.as_str(), a.measure.text.as_str()), (b.measure.id.as_str(), b.measure.text.as_str()));
        assert_eq!(a.task.units, b.task.units, "units of {}", a.measure.id);
    }
    assert_eq!(plan.hash, builtin.hash, "{:#?}", diff(&builtin, &plan).memo);
}

#[test]
fn a_revised_annex_shows_the_moved_measure_and_the_new_unit() {
    let builtin = Plan::builtin();
    let imported = import_docx(&fixture("annex_revised.docx"), &builtin).expect("imports");
    let unmapped: Vec<&str> = imported.unmapped.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(unmapped, ["科技局"]);
    let d = diff(&builtin, &imported.plan);
    let changed: Vec<(String, String, bool)> = d
        .measures
        .iter()
        .map(|m| {
            let id = |s: &Option<jz_core::plan_diff::MeasureSide>| s.as_ref().map(|s| s.id.clone()).unwrap_or_default();
            (id(&m.old), id(&m.new), m.moved_task)
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("2.3".to_string(), "2.2".to_string(), false),
            ("2.2".into(), "4.3".into(), true),
            ("10.1".into(), "10.1".into(), false),
            ("10.2".into(), "10.2".into(), false),
        ]
    );
    let added: Vec<&str> = d.unit_changes.iter().filter(|u| u.change == "added").map(|u| u.name.as_str()).collect();
    assert_eq!(added, ["科技局"]);
    assert_eq!(d.unit_changes.len(), 1);
    assert!(d.group_changes.is_empty() && d.indicators.is_empty() && d.other_changes.is_empty());
    // The imported plan written as a workbook loads back to the same plan.
    let back = load_plan(&export_plan(&imported.plan), "计划.xlsx").expect("loads");
    assert_eq!(back.hash, imported.plan.hash);
}

#[test]
fn a_word_document_is_not_a_plan_file() {
    let err = load_plan(&fixture("annex.docx"), "计划.xlsx").expect_err("refused");
    assert!(err.to_string().contains("plan import"), "{err}");
}
