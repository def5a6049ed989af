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

/// Words only the built-in plan's place has: its name, its telephone area code, its
/// example unit, its university in the sample texts.
const BUILTIN_WORDS: [&str; 4] = ["焦作", "0391", "孟州", "河南理工"];

fn assert_no_jiaozuo(what: &str, bytes: &[u8]) {
    for (name, text) in parts(bytes) {
        for word in BUILTIN_WORDS {
            assert!(!text.contains(word), "{what}: {name} contains {word}");
        }
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
        assert!(contains(&bytes, "联系电话座机请带区号（如 区号-1234567），也可以填手机号"), "{unit} 填报说明");
        assert!(
            contains(&bytes, "请填写联系人的电话，座机请带区号，例如 区号-1234567，或填写手机号。"),
            "{unit} input message"
        );
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
    let json = serde_json::to_string(&merge.summary).unwrap();
    for word in BUILTIN_WORDS {
        assert!(!json.contains(word), "the merge's summary says {word}");
    }
    // The 督办清单 states this plan's deadline and office, quoting no section of it.
    let basis = &merge.summary.supervision.iter().find(|r| r.unit == "牧野区").unwrap().basis;
    assert_eq!(basis, "报送要求：各责任单位每年2月15日之前将上一年度任务落实情况报送新乡市市场监督管理局");

    let docx = report::write_report(&plan, &merge).unwrap();
    assert_no_jiaozuo("report", &docx);
    assert_eq!(report::file_name(&plan, 2026), "新乡市2026年度知识产权强市建设工作情况报告.docx");
    let document = parts(&docx).into_iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    assert!(document.contains("市政府：") && !document.contains("市人民政府"), "addressee");
    assert!(document.contains("新乡市市场监督管理局"), "sender");
    assert!(document.contains("知识产权强市建设"), "title");
}

#[test]
fn lead_and_supporting_units_per_measure() {
    use jz_core::plan::Role;
    let plan = second();
    let m = plan.measure("4.1").unwrap();
    let roles: Vec<(&str, Role)> = m.measure.roles.iter().map(|r| (r.unit.as_str(), r.role)).collect();
    assert_eq!(roles[0], ("市场监管局", Role::Lead));
    assert_eq!(roles[1], ("科技局", Role::Support));
    assert_eq!(roles.len(), 8, "lead, 科技局 and the six counties");
    assert_eq!(
        m.responsible_label(Some("科技局")),
        "本单位：配合\n牵头：市场监管局；配合：科技局、各县（市、区）\n完成时限：2026年底前"
    );
    assert_eq!(plan.measure("4.3").unwrap().role_of("教育局"), Some(Role::Lead));
    // A task-wide 责任单位 stays 责任.
    assert_eq!(plan.measure("1.1").unwrap().role_of("科技局"), Some(Role::Responsible));

    // The plan workbook writes the units where they change and reads them back.
    let back = plan_file::load_plan(&plan_file::export_plan(&plan), "计划.xlsx").unwrap();
    for id in ["4.1", "4.2", "4.3"] {
        let (a, b) = (plan.measure(id).unwrap().measure, back.measure(id).unwrap().measure);
        assert_eq!((&a.lead, &a.support, &a.due), (&b.lead, &b.support, &b.due), "{id}");
    }

    // The template names the unit's role.
    let bytes = template::template(&plan, "科技局", 2026).unwrap();
    assert!(contains(&bytes, "本单位：配合"));
    // The merge: lead before supporting, roles in 任务明细 and the report.
    let files = sample::sample_set(&plan, 2026, 5).unwrap();
    let (merge, summary) =
        merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2026, &Limits::default()).unwrap();
    let rows: Vec<(&str, &str)> =
        merge.rows.iter().filter(|r| r.measure == "4.1").map(|r| (r.unit.as_str(), r.role.as_str())).collect();
    assert_eq!(rows[0], ("市场监管局", "牵头"));
    assert!(rows[1..].iter().all(|(_, role)| *role == "配合"), "{rows:?}");
    assert!(contains(&summary, "牵头单位") && contains(&summary, "配合单位"));
    let docx = report::write_report(&plan, &merge).unwrap();
    assert!(contains(&docx, "市场监管局（牵头）："));

    // 配合单位填报 否: the measure goes only to its lead units' templates.
    let mut value: serde_json::Value = serde_json::from_str(&plan.to_json()).unwrap();
    value["supporting_report"] = false.into();
    let lead_only = Plan::from_text(&value.to_string()).unwrap();
    assert!(lead_only.measures_of("科技局").all(|m| m.task.number != 4));
    assert_eq!(lead_only.measures_of("市场监管局").filter(|m| m.task.number == 4).count(), 2);
    assert!(plan.measures_of("科技局").any(|m| m.task.number == 4));
}

#[test]
fn a_measure_past_its_deadline_and_not_done_is_supervised() {
    let plan = second();
    assert_eq!(plan.measure("4.1").unwrap().measure.due, "2026年底前");
    let bytes = template::template(&plan, "市场监管局", 2026).unwrap();
    assert!(contains(&bytes, "完成时限：2026年底前"));
    let files = sample::sample_set(&plan, 2026, 5).unwrap();
    let (merge, summary) =
        merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2026, &Limits::default()).unwrap();
    let late: Vec<&jz_core::merge::DetailRow> =
        merge.rows.iter().filter(|r| r.measure == "4.1" && r.status != "已完成").collect();
    assert!(!late.is_empty());
    let listed: Vec<_> = merge.summary.supervision.iter().filter(|s| s.category == "逾期未完成").collect();
    for r in &late {
        assert!(r.overdue);
        let row = listed.iter().find(|s| s.unit == r.unit && s.id == "4.1").expect("listed");
        assert!(row.situation.contains("2026年底前"), "{}", row.situation);
    }
    // 2027年6月底前 and 长期坚持 are not due in 2026.
    assert_eq!(listed.len(), late.len());
    assert!(merge.rows.iter().filter(|r| r.measure != "4.1").all(|r| !r.overdue));
    assert!(contains(&summary, "逾期未完成（完成时限：2026年底前）"));
    assert!(jz_core::follow_up::headline(&merge.summary).contains("逾期未完成"));
}

/// 市场监管局's 2026 file with its indicator values set.
fn office_file(plan: &Plan, values: &[(&str, f64)]) -> (String, Vec<u8>) {
    let mut report = sample::sample_report(plan, "市场监管局", 2026, &mut sample::Rng::new(9));
    for (id, v) in values {
        let e = report.indicators.iter_mut().find(|i| i.id == *id).unwrap();
        e.value = Some(*v);
        e.value_text = v.to_string();
    }
    ("市场监管局_2026年度填报表.xlsx".into(), template::filled(plan, &report, "市场监管局", 2026, &[]).unwrap())
}

#[test]
fn a_stock_with_a_baseline_is_judged_from_it() {
    use jz_core::progress::{Judgement, assess};
    let plan = second();
    let ind = plan.indicator("I03").unwrap();
    assert_eq!(ind.baseline(), Some((2025, 12.0)));
    assert!(ind.is_binding());
    let at = |year: u16, v: f64| assess(ind, 2026, 2030, year, &[(year, v)].into_iter().collect());
    // By hand: 12 + (15 − 12) × (2026 − 2025) / (2030 − 2025) = 12.6.
    let p = at(2026, 11.5);
    assert_eq!(p.expected, 12.6);
    assert_eq!(p.judgement, Judgement::Behind, "below its baseline: {}", p.reason);
    assert_eq!(p.rate, Some(0.766667), "完成率 stays value / target");
    assert!(p.reason.contains("低于基期值"), "{}", p.reason);
    // (12.5 − 12) / (12.6 − 12) = 0.8333 → 关注; (12.4 − 12) / 0.6 = 0.6667 → 滞后.
    assert_eq!(at(2026, 12.5).judgement, Judgement::Watch);
    assert_eq!(at(2026, 12.4).judgement, Judgement::Behind);
    assert_eq!(at(2026, 12.6).judgement, Judgement::OnTrack);
    // 2028: 12 + 3 × 3 / 5 = 13.8; 2030: the target.
    assert_eq!(at(2028, 13.9).expected, 13.8);
    assert_eq!(at(2028, 13.9).judgement, Judgement::OnTrack);
    assert_eq!(at(2030, 14.0).expected, 15.0);
    // Without the baseline the same 11.5 would read 正常 (expected 15 × 1/5 = 3).
    let mut plain = ind.clone();
    (plain.base_year, plain.base_value) = (None, None);
    let p = assess(&plain, 2026, 2030, 2026, &[(2026, 11.5)].into_iter().collect());
    assert_eq!((p.expected, p.judgement), (3.0, Judgement::OnTrack));

    // In a merge: 约束性 first among the unit's 滞后/关注 rows, marked everywhere.
    let mut files = sample::sample_set(&plan, 2026, 5).unwrap();
    files.retain(|(n, _)| !n.starts_with("市场监管局"));
    files.push(office_file(&plan, &[("I01", 1.0), ("I03", 11.5)]));
    let (merge, summary) =
        merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), 2026, &Limits::default()).unwrap();
    let ids: Vec<&str> = merge
        .summary
        .supervision
        .iter()
        .filter(|r| r.unit == "市场监管局" && r.category.starts_with("指标"))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["I03", "I01"]);
    let row = merge.summary.supervision.iter().find(|r| r.id == "I03").unwrap();
    assert!(row.content.starts_with("专利密集型产业增加值占GDP比重（约束性）"), "{}", row.content);
    assert!(contains(&summary, "专利密集型产业增加值占GDP比重（约束性）"));
    let docx = report::write_report(&plan, &merge).unwrap();
    assert!(contains(&docx, "专利密集型产业增加值占GDP比重（约束性）"));
    // The plan workbook keeps the baseline and the attribute.
    let back = plan_file::load_plan(&plan_file::export_plan(&plan), "计划.xlsx").unwrap();
    let b = back.indicator("I03").unwrap();
    assert_eq!((b.baseline(), b.attribute.as_str()), (Some((2025, 12.0)), "约束性"));
}

/// A message that gives an example (a unit, a telephone number) takes it from the plan in
/// use; under the built-in plan every such text is today's, word for word.
#[test]
fn examples_in_messages_come_from_the_plan() {
    use jz_core::edit::{Edit, EditValue, apply_edit};
    use jz_core::{Code, Field, RawReport, Report};

    let messages = |plan: &Plan| {
        let (_, diags) = jz_core::validate(plan, &RawReport::default());
        let find = |code: Code, field: &str| {
            diags.iter().find(|d| d.code == code && d.message.starts_with(field)).unwrap().message.clone()
        };
        let edit = Edit {
            measure: None,
            indicator: None,
            kind: None,
            id: None,
            field: Field::Unit,
            value: Some(EditValue::Text("火星".into())),
        };
        let edit_error = apply_edit(plan, &mut Report::default(), &edit).unwrap_err().to_string();
        let template_error = template::template(plan, "郑州市", plan.first_year).unwrap_err().to_string();
        let report = sample::sample_report(plan, plan.example_unit(), plan.first_year, &mut sample::Rng::new(3));
        [
            find(Code::UnitUnknown, "填报单位"),
            find(Code::ContactMissing, "联系电话"),
            edit_error,
            template_error,
            plan.report_basis(),
            report.phone,
        ]
    };

    let [unit, phone, edit, template, basis, sample_phone] = messages(&Plan::builtin());
    assert_eq!(unit, "填报单位未填写。请在“填报单位”右侧填写本单位名称，如“孟州市”或“市场监管局”。");
    assert_eq!(phone, "联系电话未填写。请填写联系人的电话号码，如 0391-1234567。");
    assert_eq!(edit, "“火星”不是计划中的责任单位，请填写计划中的单位名称，例如“孟州市”。");
    assert_eq!(template, "“郑州市”不是计划中的责任单位。请使用计划中的单位名称，例如“市场监管局”或“孟州市”。");
    assert_eq!(
        basis,
        "实施方案“六、工作要求”：各责任单位每年1月31日之前将推动知识产权高质量发展成效以电子件形式报送焦作市市场监督管理局"
    );
    assert!(sample_phone.starts_with("0391-") && sample_phone.len() == 12, "{sample_phone}");
    let bytes = template::template(&Plan::builtin(), "孟州市", 2025).unwrap();
    assert!(contains(&bytes, "联系电话座机请带区号（如 0391-1234567），也可以填手机号"));
    assert!(contains(&bytes, "请填写联系人的电话，座机请带区号，例如 0391-1234567，或填写手机号。"));

    // 新乡市: a county of its own, no area code the tool does not know.
    let [unit, phone, edit, template, basis, sample_phone] = messages(&second());
    assert_eq!(unit, "填报单位未填写。请在“填报单位”右侧填写本单位名称，如“卫辉市”或“市场监管局”。");
    assert_eq!(phone, "联系电话未填写。请填写联系人的电话号码，如 区号-1234567。");
    assert_eq!(edit, "“火星”不是计划中的责任单位，请填写计划中的单位名称，例如“卫辉市”。");
    assert_eq!(template, "“郑州市”不是计划中的责任单位。请使用计划中的单位名称，例如“市场监管局”或“卫辉市”。");
    assert_eq!(basis, "报送要求：各责任单位每年2月15日之前将上一年度任务落实情况报送新乡市市场监督管理局");
    assert!(sample_phone.starts_with("1380") && sample_phone.len() == 11, "a mobile number: {sample_phone}");
}
