//! Template → filled the way a person does (typing into the template's cells) → read →
//! the same report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::{Code, Plan, Report, Status};
use jz_tests::{Typed, type_into};
use xlsx_tool::{Limits, check, sample};

/// Texts people really write, including ones a spreadsheet could mistake for formulas.
const AWKWARD: [&str; 6] = [
    "=SUM(A1:A3) 不是公式，是文字",
    "+86 0391 123 4567；-号开头；@某人",
    "第一行\n第二行\n第三行",
    "表情😀与生僻字𠀀，全角空格\u{3000}结尾",
    "<b>不是HTML</b> & \"引号\"",
    "很长的文字。",
];

fn typed_report(plan: &Plan, unit: &str) -> Report {
    let mut report = sample::sample_report(plan, unit, 2025, &mut sample::Rng::new(7));
    for (i, m) in report.measures.iter_mut().enumerate() {
        m.progress =
            format!("{}{}", AWKWARD[i % AWKWARD.len()], if i % 6 == 5 { "长".repeat(1990) } else { String::new() });
        if m.status == Some(Status::NotStarted) {
            m.progress.clear();
        }
        m.problems = AWKWARD[(i + 1) % AWKWARD.len()].to_string();
    }
    for (i, ind) in report.indicators.iter_mut().enumerate() {
        ind.value = match i % 3 {
            0 => Some(0.0),
            1 => None,
            _ => ind.value,
        };
        ind.remark = if i % 2 == 0 { "=说明".into() } else { String::new() };
    }
    report
}

/// Types `report` into the unit's template cell by cell.
fn fill_template(plan: &Plan, report: &Report, unit: &str) -> Vec<u8> {
    let blank = xlsx_tool::template::template(plan, unit, 2025).unwrap();
    let date = report.date.unwrap().to_serial();
    let mut tasks: Vec<(String, Typed<'_>)> = vec![
        ("F2".into(), Typed::Text(&report.contact)),
        ("H2".into(), Typed::Text(&report.phone)),
        ("J2".into(), Typed::Number(date)),
    ];
    for (i, m) in report.measures.iter().enumerate() {
        let row = 4 + i;
        for (col, text) in [
            ("E", m.status_text.as_str()),
            ("F", &m.progress),
            ("G", &m.problems),
            ("H", &m.next_plan),
            ("I", &m.evidence),
        ] {
            if !text.is_empty() {
                tasks.push((format!("{col}{row}"), Typed::Text(text)));
            }
        }
    }
    let mut indicators: Vec<(String, Typed<'_>)> = Vec::new();
    for (i, ind) in report.indicators.iter().enumerate() {
        let row = 2 + i;
        if let Some(v) = ind.value {
            indicators.push((format!("E{row}"), Typed::Number(v)));
        }
        if !ind.remark.is_empty() {
            indicators.push((format!("F{row}"), Typed::Text(&ind.remark)));
        }
    }
    let tasks: Vec<(&str, Typed<'_>)> = tasks.iter().map(|(c, v)| (c.as_str(), v.clone())).collect();
    let indicators: Vec<(&str, Typed<'_>)> = indicators.iter().map(|(c, v)| (c.as_str(), v.clone())).collect();
    let step = type_into(&blank, 1, &tasks);
    type_into(&step, 2, &indicators)
}

#[test]
fn a_filled_template_reads_back_as_the_same_report() {
    let plan = Plan::builtin();
    for unit in ["孟州市", "市场监管局", "海关", "农业局"] {
        let want = typed_report(&plan, unit);
        let bytes = fill_template(&plan, &want, unit);
        let got = check(&plan, &bytes, "filled.xlsx", &Limits::default());
        let errors: Vec<_> = got.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{unit}: {errors:#?}");
        assert!(got.diagnostics.iter().all(|d| d.code == Code::NextPlanMissing), "{unit}: {:#?}", got.diagnostics);
        let r = &got.report;
        assert_eq!((r.unit.as_deref(), r.year), (Some(unit), Some(2025)));
        assert_eq!((&r.contact, &r.phone, r.date), (&want.contact, &want.phone, want.date));
        assert_eq!(r.measures.len(), want.measures.len(), "{unit}");
        for (g, w) in r.measures.iter().zip(&want.measures) {
            assert_eq!(g.id, w.id);
            assert_eq!(g.status, w.status, "{unit} {}", w.id);
            assert_eq!(g.progress, w.progress, "{unit} {}", w.id);
            assert_eq!(g.problems, w.problems, "{unit} {}", w.id);
            assert_eq!(g.next_plan, w.next_plan, "{unit} {}", w.id);
            assert_eq!(g.evidence, w.evidence, "{unit} {}", w.id);
            assert_eq!(g.measure_text, w.measure_text, "the template carries the annex text");
        }
        assert_eq!(r.indicators.len(), want.indicators.len(), "{unit}");
        for (g, w) in r.indicators.iter().zip(&want.indicators) {
            assert_eq!((g.id.as_str(), g.value, g.remark.as_str()), (w.id.as_str(), w.value, w.remark.as_str()));
        }
    }
}

#[test]
fn a_blank_template_names_every_cell_to_fill() {
    let plan = Plan::builtin();
    let blank = xlsx_tool::template::template(&plan, "海关", 2025).unwrap();
    let got = check(&plan, &blank, "blank.xlsx", &Limits::default());
    let at: Vec<(Code, &str)> = got.diagnostics.iter().map(|d| (d.code, d.cell.as_str())).collect();
    for want in [
        (Code::ContactMissing, "F2"),
        (Code::ContactMissing, "H2"),
        (Code::ContactMissing, "J2"),
        (Code::StatusMissing, "E4"),
        (Code::StatusMissing, "E5"),
        (Code::ProgressMissing, "F4"),
    ] {
        assert!(at.contains(&want), "{want:?} in {at:?}");
    }
}

#[test]
fn the_annotated_copy_is_the_unit_workbook_with_problems_marked() {
    let plan = Plan::builtin();
    let mut report = typed_report(&plan, "孟州市");
    report.measures[0].status_text = "完成".into();
    let bytes = fill_template(&plan, &report, "孟州市");
    let got = check(&plan, &bytes, "bad.xlsx", &Limits::default());
    assert!(!got.ok());
    let marked = xlsx_tool::template::filled(&plan, &got.report, "孟州市", 2025, &got.diagnostics).unwrap();
    // the marked copy reads back with the same findings at the same cells
    let again = check(&plan, &marked, "marked.xlsx", &Limits::default());
    let cells = |c: &xlsx_tool::Checked| c.diagnostics.iter().map(|d| (d.code, d.cell.clone())).collect::<Vec<_>>();
    assert_eq!(cells(&again), cells(&got));
}
