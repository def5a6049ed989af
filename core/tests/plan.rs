//! The built-in plan matches the annex and the contract; revised plans are checked.
#![allow(clippy::unwrap_used)]

use jz_core::{Aggregation, Date, IndicatorKind, Plan, PlanError};

#[test]
fn builtin_plan_has_the_annex_shape() {
    let plan = Plan::builtin();
    assert_eq!(plan.sections.len(), 4);
    assert_eq!(plan.tasks.len(), 14);
    let per_task: Vec<usize> = plan.tasks.iter().map(|t| t.measures.len()).collect();
    assert_eq!(per_task, [1, 3, 3, 2, 3, 3, 3, 2, 4, 2, 6, 3, 3, 5]);
    assert_eq!(plan.measures().count(), 43);
    let seed = include_str!("../plan/source-document.txt");
    for m in plan.measures() {
        assert!(seed.contains(&m.measure.text), "measure {} is not verbatim", m.measure.id);
    }
    assert_eq!(plan.measure("5.1").map(|m| m.measure.text.ends_with('.')), Some(true));
    assert!(plan.tasks[0].assumption.is_some(), "task 1's blank 责任单位 is recorded as an assumption");
}

#[test]
fn units_expand_and_resolve() {
    let plan = Plan::builtin();
    assert_eq!(plan.units.len(), 22);
    assert_eq!(plan.expected_units().len(), 22);
    let t5 = &plan.tasks[4];
    assert_eq!(t5.units.len(), 1 + 11 + 4);
    assert_eq!(plan.tasks[2].units, ["市人大", "市委宣传部"]);
    assert_eq!(plan.tasks[9].units.len(), 3 + 11);
    for (alias, canonical) in [
        ("市市场监督管理局", "市场监管局"),
        ("焦作市市场监督管理局", "市场监管局"),
        ("市场监督管理局", "市场监管局"),
        ("市市场监管局", "市场监管局"),
        ("焦作市人民检察院", "检察院"),
        ("焦作市中级人民法院", "中院"),
        ("焦作市城乡一体化示范区", "示范区"),
        ("城乡一体化示范区", "示范区"),
        ("焦作市孟州市", "孟州市"),
        ("焦作市解放区", "解放区"),
        ("焦作市人大", "市人大"),
        (" 温 县 ", "温县"),
        ("焦作海关", "海关"),
    ] {
        assert_eq!(plan.resolve_unit(alias), Some(canonical), "{alias}");
    }
    for unknown in ["", "郑州市", "市", "焦作市", "县"] {
        assert_eq!(plan.resolve_unit(unknown), None, "{unknown}");
    }
    assert_eq!(plan.measures_of("孟州市").count(), 43 - 1 - 3 - 2);
    assert_eq!(plan.measures_of("海关").map(|m| m.measure.id.as_str()).collect::<Vec<_>>(), ["8.1", "8.2"]);
}

#[test]
fn indicators_follow_the_contract_table() {
    let plan = Plan::builtin();
    assert_eq!(plan.indicators.len(), 26);
    let i01 = plan.indicator("I01").unwrap();
    assert_eq!(
        (i01.target, i01.unit.as_str(), i01.kind, i01.aggregation),
        (3.0, "件/万人", IndicatorKind::Stock, Aggregation::Single)
    );
    assert_eq!(i01.reporter_units, ["市场监管局"]);
    let i05 = plan.indicator("I05").unwrap();
    assert_eq!((i05.target, i05.reporter_units.len()), (30000.0, 11));
    assert_eq!(plan.indicator("I15").unwrap().reporter_units, ["农业局"]);
    assert_eq!(plan.indicator("I19").unwrap().kind, IndicatorKind::Annual);
    assert!(plan.indicator("I12").unwrap().note.as_deref().is_some_and(|n| n.contains("35")));
    assert!(plan.indicator("I15").unwrap().note.as_deref().is_some_and(|n| n.contains('6')));
    assert!(plan.indicators_of("海关").next().is_none());
    assert_eq!(plan.indicators_of("孟州市").count(), 18);
}

#[test]
fn plan_json_is_itself_a_plan_file() {
    let plan = Plan::builtin();
    let again = Plan::from_text(&plan.to_json()).unwrap();
    assert_eq!(again.hash, plan.hash);
    assert_eq!(again.to_json(), plan.to_json());
    assert_eq!(plan.hash.len(), 16);
    let json: serde_json::Value = serde_json::from_str(&plan.to_json()).unwrap();
    assert_eq!(json["measures"].as_array().unwrap().len(), 43, "a flat measure list for scripts");
    assert_eq!(json["measures"][1]["id"], "2.1");
    assert_eq!(json["measures"][1]["units"].as_array().unwrap().len(), 12);
    assert_eq!(json["units"].as_array().unwrap().len(), 22);
}

#[test]
fn the_embedded_plan_is_the_toml_file_people_edit() {
    // build.rs embeds plan/jiaozuo-2022-2025.toml as JSON; reading the TOML itself must give
    // the very same plan, hash included.
    let from_toml = Plan::from_text(include_str!("../plan/jiaozuo-2022-2025.toml")).unwrap();
    let builtin = Plan::builtin();
    assert_eq!(from_toml.hash, builtin.hash);
    assert_eq!(from_toml.to_json(), builtin.to_json());
}

#[test]
fn a_revised_plan_changes_the_hash_and_bad_references_are_named() {
    let text = include_str!("../plan/jiaozuo-2022-2025.toml");
    let revised = Plan::from_text(&text.replace("target = 14.0", "target = 20.0")).unwrap();
    assert_ne!(revised.hash, Plan::builtin().hash);
    assert_eq!(revised.indicator("I02").unwrap().target, 20.0);

    let bad = Plan::from_text(&text.replacen(
        "responsible = [\"市场监管局\", \"各县区\"]",
        "responsible = [\"市场监管局\", \"各乡镇\"]",
        1,
    ));
    match bad {
        Err(PlanError::Invalid(m)) => assert!(m.contains("各乡镇"), "{m}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let misnumbered = Plan::from_text(&text.replacen("id = \"2.2\"", "id = \"2.9\"", 1));
    assert!(matches!(misnumbered, Err(PlanError::Invalid(m)) if m.contains("2.9")));
    assert!(matches!(Plan::from_text("not = [valid"), Err(PlanError::Syntax(_))));
    assert!(matches!(Plan::from_text("{\"id\": 3}"), Err(PlanError::Syntax(_))));
}

#[test]
fn the_deadline_is_a_checked_month_day_written_as_before() {
    let text = include_str!("../plan/jiaozuo-2022-2025.toml");
    let plan = Plan::builtin();
    // Typed, and written back exactly as plan files write it.
    assert_eq!(plan.deadline.map(|d| d.to_string()).as_deref(), Some("01-31"));
    assert!(plan.to_json().contains("\"deadline\": \"01-31\""));
    assert_eq!(Plan::from_text(&plan.to_json()).unwrap().hash, plan.hash);
    assert_eq!(plan.due_date(2025), Date::new(2026, 1, 31));
    // A later deadline moves every due date; none given means 31 January, and is written "".
    let feb = Plan::from_text(&text.replace("deadline = \"01-31\"", "deadline = \"02-29\"")).unwrap();
    assert_eq!(feb.due_date(2024), Date::new(2025, 2, 28));
    assert_eq!(feb.due_date(2027), Date::new(2028, 2, 29));
    let none = Plan::from_text(&text.replace("deadline = \"01-31\"\n", "")).unwrap();
    assert_eq!((none.deadline, none.due_date(2025)), (None, Date::new(2026, 1, 31)));
    assert!(none.to_json().contains("\"deadline\": \"\""));
    // A deadline that is no day of the year is refused when the plan is loaded, in Chinese.
    for bad in ["13-01", "02-30", "月底"] {
        match Plan::from_text(&text.replace("deadline = \"01-31\"", &format!("deadline = \"{bad}\""))) {
            Err(PlanError::Syntax(m)) => assert!(m.contains(&format!("报送截止日期“{bad}”无法识别")), "{m}"),
            other => panic!("{bad}: expected a refusal, got {other:?}"),
        }
    }
}
