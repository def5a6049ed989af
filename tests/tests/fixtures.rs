//! Workbooks made by other programs (openpyxl, LibreOffice) and real users' mistakes:
//! each gives the diagnostics listed in `fixtures/expected.json`, at the right cell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use serde::Deserialize;
use xlsx_tool::{Limits, check};

#[derive(Debug, Deserialize)]
struct Expected {
    files: Vec<ExpectedFile>,
    merge_set: ExpectedMerge,
}

#[derive(Debug, Deserialize)]
struct ExpectedFile {
    file: String,
    unit: Option<String>,
    year: Option<u16>,
    ok: bool,
    diagnostics: Vec<ExpectedDiag>,
}

#[derive(Debug, Deserialize)]
struct ExpectedDiag {
    code: Code,
    severity: jz_core::Severity,
    sheet: String,
    cell: String,
}

#[derive(Debug, Deserialize)]
struct ExpectedMerge {
    dir: String,
    accepted: Vec<String>,
    rejected: Vec<String>,
    #[serde(default)]
    superseded: Vec<String>,
    missing_units: Vec<String>,
    indicators: BTreeMap<String, Option<f64>>,
    status_counts: BTreeMap<String, BTreeMap<String, u32>>,
}

fn expected() -> Expected {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check_file(plan: &Plan, name: &str) -> xlsx_tool::Checked {
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    check(plan, &bytes, name, &Limits::default())
}

#[test]
fn every_fixture_gives_its_diagnostics_at_the_right_cell() {
    let plan = Plan::builtin();
    let mut failures = Vec::new();
    for want in expected().files {
        let got = check_file(&plan, &want.file);
        let shown = || {
            got.diagnostics
                .iter()
                .map(|d| format!("{} {} {}!{} {}", d.code, d.severity.label(), d.sheet, d.cell, d.message))
                .collect::<Vec<_>>()
        };
        if got.ok() != want.ok {
            failures.push(format!("{}: ok = {}, expected {}: {:#?}", want.file, got.ok(), want.ok, shown()));
        }
        if want.unit.is_some() && got.report.unit != want.unit {
            failures.push(format!("{}: unit {:?}, expected {:?}", want.file, got.report.unit, want.unit));
        }
        if want.year.is_some() && got.report.year != want.year {
            failures.push(format!("{}: year {:?}, expected {:?}", want.file, got.report.year, want.year));
        }
        for d in &want.diagnostics {
            let found = got.diagnostics.iter().any(|g| {
                g.code == d.code
                    && g.severity == d.severity
                    // A missing column has no cell of its own; pointing at the header row is fine too.
                    && (g.cell == d.cell || (d.cell.is_empty() && d.code == Code::MissingColumn))
                    && (d.sheet.is_empty() || g.sheet == d.sheet)
            });
            if !found {
                failures.push(format!(
                    "{}: missing {:?} {:?} at {}!{}; got {:#?}",
                    want.file,
                    d.code,
                    d.severity,
                    d.sheet,
                    d.cell,
                    shown()
                ));
            }
        }
        for g in &got.diagnostics {
            assert!(!g.message.is_empty() && !g.message.is_ascii(), "{}: message must be Chinese: {g:?}", want.file);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_contract_code_is_produced_by_a_real_workbook() {
    let plan = Plan::builtin();
    let mut seen: BTreeSet<Code> = BTreeSet::new();
    for want in expected().files {
        seen.extend(check_file(&plan, &want.file).diagnostics.iter().map(|d| d.code));
    }
    // plan-mismatch: a template of a revised plan read against the built-in one
    let revised = Plan::from_text(
        &include_str!("../../core/plan/jiaozuo-2022-2025.toml").replace("target = 14.0", "target = 20.0"),
    )
    .unwrap();
    let old = xlsx_tool::template::template(&revised, "孟州市", 2025).unwrap();
    seen.extend(check(&plan, &old, "old.xlsx", &Limits::default()).diagnostics.iter().map(|d| d.code));
    // encrypted: the password-protected copies (fixtures/encrypted/make_encrypted.py)
    seen.extend(check_file(&plan, "encrypted/encrypted_msoffcrypto.xlsx").diagnostics.iter().map(|d| d.code));
    // the cross-year codes: a unit's 2024 and 2025 workbooks merged together
    seen.extend(cross_year_pair(&plan).iter().map(|d| d.code));
    let missing: Vec<_> = Code::ALL.iter().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "codes no fixture produces: {missing:?}");
}

/// 孟州市's workbooks of 2024 and 2025 (the sample writer) where 2025 regresses a measure,
/// writes I12 ten times as large and I05 below 2024's; the 2025 file's findings after the merge.
fn cross_year_pair(plan: &Plan) -> Vec<jz_core::Diagnostic> {
    use jz_core::Status;
    let year_report = |year: u16, status: Status, i12: f64, i05: f64| {
        let mut r = xlsx_tool::sample::sample_report(plan, "孟州市", year, &mut xlsx_tool::sample::Rng::new(3));
        for m in r.measures.iter_mut().take(1) {
            m.status = Some(status);
            m.status_text = status.label().into();
            if status == Status::NotStarted {
                m.progress.clear();
                m.next_plan = "尽快启动".into();
            } else if m.progress.is_empty() {
                m.progress = "已完成".into();
            }
        }
        for (id, v) in [("I12", i12), ("I05", i05)] {
            if let Some(e) = r.indicators.iter_mut().find(|e| e.id == id) {
                e.value = Some(v);
                e.value_text = jz_core::cell::format_number(v);
            }
        }
        xlsx_tool::template::filled(plan, &r, "孟州市", year, &[]).unwrap()
    };
    let files = [
        ("2024.xlsx".to_string(), year_report(2024, Status::Done, 0.2, 3000.0)),
        ("2025.xlsx".to_string(), year_report(2025, Status::NotStarted, 2.0, 2999.0)),
    ];
    let (merge, _) =
        xlsx_tool::merge_files(plan, files.iter().map(|(p, b)| (p.as_str(), b.as_slice())), 2025, &Limits::default())
            .unwrap();
    let f = merge.files.iter().find(|f| f.submission.path == "2025.xlsx").unwrap();
    f.submission.diagnostics.clone()
}

#[test]
fn zip_bomb_is_refused_quickly() {
    let plan = Plan::builtin();
    let got = check_file(&plan, "zip_bomb.xlsx");
    assert_eq!(got.diagnostics.len(), 1, "{:?}", got.diagnostics);
    assert_eq!(got.diagnostics[0].code, Code::TooLarge);
    assert!(got.diagnostics[0].message.contains("64"), "states the limit: {}", got.diagnostics[0].message);
}

#[test]
fn the_merge_set_gives_the_hand_worked_totals() {
    let plan = Plan::builtin();
    let want = expected().merge_set;
    let dir = fixtures().join(&want.dir);
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let files: Vec<(String, Vec<u8>)> =
        names.iter().map(|n| (format!("{}/{n}", want.dir), std::fs::read(dir.join(n)).unwrap())).collect();
    let (merge, bytes) =
        xlsx_tool::merge_files(&plan, files.iter().map(|(p, b)| (p.as_str(), b.as_slice())), 2025, &Limits::default())
            .unwrap();
    let s = &merge.summary;
    let sorted = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    assert_eq!(sorted(&s.accepted), sorted(&want.accepted));
    assert_eq!(sorted(&s.rejected), sorted(&want.rejected));
    if !want.superseded.is_empty() {
        assert_eq!(sorted(&s.superseded), sorted(&want.superseded));
    }
    assert_eq!(s.missing_units, want.missing_units);
    for t in &s.indicators {
        assert_eq!(t.total, want.indicators[&t.id], "{}", t.id);
        assert_eq!(t.rate, t.total.map(|v| v / t.target), "{}", t.id);
    }
    for m in &s.measures {
        for (status, n) in &want.status_counts[&m.id] {
            assert_eq!(m.status_counts[status], *n, "{} {status}", m.id);
        }
    }
    // the summary read back is the same merge
    assert_eq!(&xlsx_tool::summary::read_summary(&bytes).unwrap(), s);
}

#[test]
fn our_template_filled_and_saved_by_libreoffice_reads_the_same_in_every_format() {
    let plan = Plan::builtin();
    let reports: Vec<_> = ["lo_filled_template.xlsx", "lo_filled_template.ods", "lo_filled_template.xls"]
        .iter()
        .map(|name| {
            let got = check_file(&plan, name);
            assert!(got.ok(), "{name}: {:#?}", got.diagnostics);
            let r = got.report;
            assert_eq!((r.unit.as_deref(), r.year), (Some("温县"), Some(2025)), "{name}");
            assert_eq!((r.contact.as_str(), r.phone.as_str()), ("赵敏", "0391-6123456"), "{name}");
            assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2026-01-22"), "{name}");
            assert_eq!(r.measures.len(), plan.measures_of("温县").count(), "{name}");
            assert_eq!(r.indicator("I12").and_then(|i| i.value), Some(0.25), "{name}");
            r
        })
        .collect();
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
}
