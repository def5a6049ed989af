//! `plan import` of another layout (contract §11): `序号 | 重点任务 | 具体措施 | 牵头单位 |
//! 配合单位 | 完成时限` with a title paragraph, written by python-docx
//! (`fixtures/plans/make_anyplan.py`); expectations written by hand from that script.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::Plan;
use jz_core::plan::Role;
use xlsx_tool::plan_file::{export_plan, import_docx, load_plan};

const ANNEX: &[u8] = include_bytes!("../fixtures/plans/xinxiang_annex.docx");

#[test]
fn lead_supporting_and_deadline_columns_in_any_order() {
    let imported = import_docx(ANNEX, &Plan::builtin()).unwrap();
    let plan = &imported.plan;
    // The title paragraph gives the name, the period and the place.
    assert_eq!(plan.title, "新乡市知识产权强市建设实施方案（2026—2030年）");
    assert_eq!((plan.first_year, plan.last_year), (2026, 2030));
    assert_eq!(plan.region, "新乡市");
    assert_eq!(plan.report_title_for(2026), "2026年度新乡市推动知识产权高质量发展工作情况报告");
    // Sections from the merged rows, 序号 ignored, the task cell merged down.
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["提升知识产权创造质量", "强化知识产权保护"]);
    let titles: Vec<&str> = plan.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["培育高价值专利", "加强行政执法"]);
    assert_eq!(plan.measures().count(), 5);
    let m = |id: &str| plan.measure(id).unwrap();
    assert_eq!(m("1.1").measure.text, "建设高价值专利培育中心。");
    assert_eq!(
        (m("1.1").measure.lead.as_slice(), m("1.1").measure.support.as_slice()),
        (&["市场监管局".to_string()][..], &["科技局".to_string()][..])
    );
    assert_eq!(m("1.2").role_of("科技局"), Some(Role::Lead));
    assert_eq!(m("1.2").role_of("市场监管局"), Some(Role::Support));
    // 完成时限 verbatim.
    let due: Vec<&str> = plan.measures().map(|m| m.measure.due.as_str()).collect();
    assert_eq!(due, ["2026年底前", "长期坚持", "每年", "2027年6月底前", "2026—2028年"]);
    // 2.2's 配合单位 is merged down from 2.1; 2.3's is empty.
    assert!(m("2.2").measure.support.contains(&"公安局".to_string()));
    assert!(m("2.3").measure.support.is_empty());
    assert_eq!(m("2.2").role_of("市数据局"), Some(Role::Lead));
    // Units the built-in plan does not know are added and listed; the group kept empty.
    assert_eq!(imported.new_units, ["科技局", "公安局", "市数据局"]);
    assert_eq!(imported.empty_groups, ["各县（市、区）"]);
    assert!(plan.group("各县（市、区）").is_some_and(|g| g.members.is_empty()));

    // The workbook it writes says which cell to fill in, and loads once it is filled.
    let err = load_plan(&export_plan(plan), "计划.xlsx").unwrap_err().to_string();
    assert!(err.contains("单位组!B") && err.contains("单位组“各县（市、区）”还没有成员"), "{err}");
    let mut filled = plan.clone();
    let members: Vec<String> = ["孟州市", "沁阳市"].map(String::from).to_vec();
    filled.groups.iter_mut().find(|g| g.name == "各县（市、区）").unwrap().members = members;
    let filled = filled.revalidated().unwrap();
    let loaded = load_plan(&export_plan(&filled), "计划.xlsx").unwrap();
    assert_eq!(loaded.hash, filled.hash);
    assert_eq!(loaded.measure("1.2").unwrap().measure.units.len(), 4, "科技局, 市场监管局 and the two members");
}

#[test]
fn against_a_plan_that_knows_the_group_nothing_is_left_to_fill_in() {
    let base = Plan::from_text(include_str!("../fixtures/plans/xinxiang-2026-2030.toml")).unwrap();
    let imported = import_docx(ANNEX, &base).unwrap();
    assert!(imported.empty_groups.is_empty());
    assert_eq!(imported.new_units, ["公安局", "市数据局"]);
    let plan = &imported.plan;
    assert_eq!(plan.report_title, base.report_title, "same place: the plan's own title is kept");
    let loaded = load_plan(&export_plan(plan), "计划.xlsx").unwrap();
    assert_eq!(loaded.hash, plan.hash);
    assert_eq!(plan.measure("1.2").unwrap().measure.units.len(), 8);
}
