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

const NATIONAL: &[u8] = include_bytes!("../fixtures/plans/anyang_national_layout.docx");
const NO_TABLE: &[u8] = include_bytes!("../fixtures/plans/hebi_no_table.docx");

fn units_of(plan: &Plan, id: &str) -> Vec<(String, Role)> {
    plan.measure(id).unwrap().measure.roles.iter().map(|r| (r.unit.clone(), r.role)).collect()
}

#[test]
fn the_national_layout_and_an_indicator_table() {
    let imported = import_docx(NATIONAL, &Plan::builtin()).unwrap();
    let plan = &imported.plan;
    assert_eq!((plan.region.as_str(), plan.first_year, plan.last_year), ("安阳市", 2026, 2030));
    assert!(!plan.id.contains("jiaozuo"), "another plan gets its own identifier: {}", plan.id);
    // 工作任务 | 任务目标 | 落实举措 | 执行部门 | 完成时间: 任务目标 is not part of the task.
    let titles: Vec<&str> = plan.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["提升专利质量", "培育知名品牌", "严格司法保护"]);
    assert_eq!(plan.measures().count(), 5);
    // 执行部门 per measure: 1.2 names one more unit than 1.1.
    let r = Role::Responsible;
    assert_eq!(units_of(plan, "1.1"), [("市场监管局".to_string(), r)]);
    assert_eq!(units_of(plan, "1.2"), [("市场监管局".to_string(), r), ("财政局".to_string(), r)]);
    let due: Vec<&str> = plan.measures().map(|m| m.measure.due.as_str()).collect();
    assert_eq!(due, ["2026年底前", "2027年6月底前", "长期坚持", "每年", "持续推进"]);
    assert_eq!(imported.new_units, ["财政局"]);
    assert_eq!(imported.empty_groups, ["各县（市、区）"]);

    // The indicator table: the later year column is the target, the earlier the baseline.
    assert!(imported.indicators_from_document);
    type Row<'a> = (&'a str, &'a str, f64, &'a str, Option<u16>, Option<f64>, &'a str);
    let got: Vec<Row> = plan
        .indicators
        .iter()
        .map(|i| {
            (i.id.as_str(), i.name.as_str(), i.target, i.unit.as_str(), i.base_year, i.base_value, i.attribute.as_str())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("I01", "每万人口高价值发明专利拥有量", 8.0, "件", Some(2025), Some(5.2), "预期性"),
            ("I02", "PCT国际专利申请量", 300.0, "件", Some(2025), Some(120.0), "预期性"),
            ("I03", "知识产权质押融资额", 30.0, "亿元", Some(2025), Some(12.0), "约束性"),
            ("I04", "知识产权保护社会满意度", 1.0, "分", Some(2025), Some(80.0), "预期性"),
        ]
    );
    // What the document does not say is left open, never guessed.
    assert!(plan.indicators.iter().all(|i| i.to_fill.kind && i.reporters.is_empty()));
    assert_eq!(plan.indicators[3].to_fill.target, "稳步提升");
    assert_eq!(plan.open_items().len(), 1 + 4 * 2 + 1);

    // The plan workbook names each cell to fill in.
    let err = load_plan(&export_plan(plan), "计划.xlsx").unwrap_err();
    let cells: Vec<String> = err.problems().iter().map(|p| format!("{}!{}", p.sheet, p.cell)).collect();
    for cell in ["量化指标!E2", "量化指标!G2", "量化指标!E5", "量化指标!G5", "量化指标!C5"] {
        assert!(cells.contains(&cell.to_string()), "{cell} not named: {cells:?}");
    }
    assert!(err.to_string().contains("目标值“稳步提升”不是数字"), "{err}");
    assert!(!err.to_string().contains("卫辉") && !err.to_string().contains("各县区"), "{err}");
    // Saved as a plan file (JSON), the open items are refused just the same.
    let err = load_plan(plan.to_json().as_bytes(), "计划.json").unwrap_err().to_string();
    assert!(err.contains("的类型文件中没有写明") && err.contains("还没有成员"), "{err}");

    // Once the office fills them in, it loads.
    let mut filled = plan.clone();
    for ind in &mut filled.indicators {
        ind.kind = jz_core::IndicatorKind::Stock;
        ind.reporters = vec!["市场监管局".into()];
        ind.to_fill = Default::default();
    }
    filled.indicators[3].target = 90.0;
    filled.groups.iter_mut().find(|g| g.name == "各县（市、区）").unwrap().members = vec!["孟州市".into()];
    let filled = filled.revalidated().unwrap();
    assert!(filled.open_items().is_empty());
    let loaded = load_plan(&export_plan(&filled), "计划.xlsx").unwrap();
    assert_eq!(loaded.hash, filled.hash);
    assert_eq!(loaded.indicator("I03").unwrap().marked_name(), "知识产权质押融资额（约束性）");
}

#[test]
fn a_plan_without_a_table_is_read_from_its_numbered_measures() {
    let imported = import_docx(NO_TABLE, &Plan::builtin()).unwrap();
    let plan = &imported.plan;
    assert_eq!(plan.title, "鹤壁市知识产权强市建设实施方案（2026—2030年）");
    assert_eq!(plan.region, "鹤壁市");
    let sections: Vec<(&str, &str)> = plan.sections.iter().map(|s| (s.number.as_str(), s.title.as_str())).collect();
    assert_eq!(sections, [("二", "重点任务")], "only the heading with measures under it");
    let titles: Vec<&str> = plan.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["提升知识产权创造质量", "强化知识产权保护", "建设知识产权公共服务平台"]);
    let texts: Vec<&str> = plan.measures().map(|m| m.measure.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "建设高价值专利培育中心。",
            "支持企业海外布局专利。",
            "开展侵权假冒专项整治。",
            "建设知识产权公共服务平台。整合数据资源，2026年底前建成平台。",
        ],
        "the bracket with units is not part of the text; a bracket naming no units is no measure"
    );
    let (r, l, s) = (Role::Responsible, Role::Lead, Role::Support);
    assert_eq!(units_of(plan, "1.1"), [("市场监管局".to_string(), r), ("科技局".to_string(), r)]);
    assert_eq!(units_of(plan, "1.2"), [("市场监管局".to_string(), l), ("商务局".to_string(), s)]);
    assert_eq!(plan.measure("1.2").unwrap().measure.due, "2027年底前");
    assert_eq!(units_of(plan, "3.1"), [("市数据局".to_string(), l), ("市场监管局".to_string(), s)]);
    assert_eq!(plan.tasks[1].responsible, ["市场监管局", "公安局", "各县（市、区）政府"]);
    assert_eq!(imported.new_units, ["科技局", "公安局", "市数据局"]);
    assert_eq!(imported.empty_groups, ["各县（市、区）政府"]);
    assert!(!imported.indicators_from_document, "no indicator table: the base plan's indicators");
    assert_eq!(plan.indicators.len(), Plan::builtin().indicators.len());
}

/// The office's whole path with only its new 实施方案 in Word: import, fill in the cells
/// the plan workbook names (typed into the exported workbook), load, run the first round.
#[test]
fn from_the_word_document_to_the_first_round() {
    use jz_tests::{Typed, type_into};
    use xlsx_tool::{Limits, merge_files, report, sample, template};

    let imported = import_docx(NATIONAL, &Plan::builtin()).unwrap();
    let workbook = export_plan(&imported.plan);
    assert!(load_plan(&workbook, "计划.xlsx").is_err(), "not usable before it is filled in");
    // Sheet 4 is 单位组 (the new group is its last row), sheet 5 量化指标.
    let group_row = imported.plan.groups.len() + 1;
    let group_cell = format!("B{group_row}");
    let workbook = type_into(&workbook, 4, &[(group_cell.as_str(), Typed::Text("孟州市、沁阳市"))]);
    let (stock, flow, annual) = (Typed::Text("年末存量"), Typed::Text("累计新增"), Typed::Text("当年数值"));
    let office = Typed::Text("市场监管局");
    let counties = Typed::Text("各县（市、区）");
    let workbook = type_into(
        &workbook,
        5,
        &[
            ("E2", stock),
            ("G2", office),
            ("E3", flow),
            ("G3", counties),
            ("E4", Typed::Text("累计新增")),
            ("G4", Typed::Text("市场监管局")),
            ("C5", Typed::Number(90.0)),
            ("E5", annual),
            ("G5", Typed::Text("市场监管局")),
        ],
    );
    let plan = load_plan(&workbook, "计划.xlsx").unwrap();
    assert!(plan.open_items().is_empty());
    let i02 = plan.indicator("I02").unwrap();
    assert_eq!(i02.reporter_units, ["沁阳市", "孟州市"]);
    assert_eq!(plan.indicator("I04").unwrap().target, 90.0);

    // The first round: templates, filled files, merge, report, all in the plan's words.
    let bytes = template::template(&plan, "财政局", 2026).unwrap();
    assert!(xml_text(&bytes).contains("2026年度安阳市推动知识产权高质量发展任务落实情况填报表"));
    let files = sample::sample_set(&plan, 2026, 7).unwrap();
    let (merge, summary) =
        merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2026, &Limits::default()).unwrap();
    assert!(merge.summary.missing_units.is_empty());
    assert!(xml_text(&summary).contains("2026年度安阳市推动知识产权高质量发展任务落实情况汇总表"));
    assert!(xml_text(&summary).contains("知识产权质押融资额（约束性）"));
    let docx = report::write_report(&plan, &merge).unwrap();
    assert!(xml_text(&docx).contains("2026年度安阳市推动知识产权高质量发展工作情况报告"));
    for (what, bytes) in [("template", &bytes), ("summary", &summary), ("report", &docx)] {
        let t = xml_text(bytes);
        let at = t.find("焦作").unwrap_or(0);
        assert!(!t.contains("焦作"), "{what} says 焦作: {}", t[at..].chars().take(60).collect::<String>());
    }
}

/// Every XML part of a zip package as one text.
fn xml_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().is_ok_and(|n| n.ends_with(".xml")) {
            entry.read_to_string(&mut out).unwrap();
        }
    }
    out
}

#[test]
fn headings_by_style_and_automatic_numbering() {
    let imported = import_docx(include_bytes!("../fixtures/plans/puyang_headings.docx"), &Plan::builtin()).unwrap();
    let plan = &imported.plan;
    assert_eq!((plan.region.as_str(), plan.first_year, plan.last_year), ("濮阳市", 2026, 2030));
    let sections: Vec<(&str, &str)> = plan.sections.iter().map(|s| (s.number.as_str(), s.title.as_str())).collect();
    assert_eq!(sections, [("二", "重点任务")], "numbered by the order of the level-1 headings");
    let titles: Vec<&str> = plan.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["提升知识产权创造质量", "强化知识产权保护"]);
    let texts: Vec<&str> = plan.measures().map(|m| m.measure.text.as_str()).collect();
    assert_eq!(texts, ["建设高价值专利培育中心。", "支持企业海外布局专利。", "开展侵权假冒专项整治。"]);
    assert_eq!(plan.tasks[1].responsible, ["公安局"]);
}
