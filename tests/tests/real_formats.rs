//! The files units really send (tests/fixtures/README.md): beyond the diagnostics that
//! `fixtures.rs` checks, the values each one carries are read right.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::{Plan, Report};
use jz_tests::fixtures;
use xlsx_tool::{Limits, check};

fn read(name: &str) -> (Report, Vec<jz_core::Diagnostic>) {
    let plan = Plan::builtin();
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    let c = check(&plan, &bytes, name, &Limits::default());
    assert!(c.ok(), "{name}: {:#?}", c.diagnostics);
    (c.report, c.diagnostics)
}

fn value(r: &Report, id: &str) -> Option<f64> {
    r.indicator(id).and_then(|i| i.value)
}

fn date(r: &Report) -> String {
    r.date.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn wps_numbers_stored_as_text_keep_their_values() {
    let (r, _) = read("numbers_as_text.xlsx");
    assert_eq!(value(&r, "I11"), Some(12.0)); // '12'
    assert_eq!(value(&r, "I02"), Some(12.0)); // '１２' (full-width)
    assert_eq!(value(&r, "I05"), Some(1200.0)); // '1,200'
    assert_eq!(value(&r, "I03"), Some(3.0)); // '3件'
}

#[test]
fn a_phone_typed_as_a_number_is_kept_as_its_digits() {
    let (r, _) = read("phone_as_number.xlsx");
    assert_eq!(r.phone, "3918888888");
}

#[test]
fn formulas_give_their_cached_values() {
    let (r, _) = read("formulas.xlsx");
    assert_eq!(value(&r, "I02"), Some(3.0));
    assert_eq!(value(&r, "I11"), Some(23.0));
}

#[test]
fn cells_merged_by_a_user_count_for_every_row() {
    let (r, _) = read("merged_cells.xlsx");
    let (a, b) = (r.measure("5.1").unwrap(), r.measure("5.2").unwrap());
    assert!(!a.progress.is_empty());
    assert_eq!(a.progress, b.progress);
}

#[test]
fn dates_as_serial_numbers_and_as_text() {
    for name in ["dates_serial.xlsx", "dates_text.xlsx", "good_mengzhou.xlsx"] {
        assert_eq!(date(&read(name).0), "2026-01-20", "{name}");
    }
}

#[test]
fn hidden_rows_renamed_sheets_and_extra_sheets_lose_nothing() {
    let (good, _) = read("good_mengzhou.xlsx");
    for name in ["hidden_rows.xlsx", "renamed_sheet.xlsx", "extra_sheet.xlsx", "shuffled_columns.xlsx", "no_meta.xlsx"]
    {
        let (r, _) = read(name);
        assert_eq!(r.measures, good.measures, "{name}");
        assert_eq!(r.indicators, good.indicators, "{name}");
        assert_eq!(
            (&r.unit, r.year, &r.contact, &r.phone),
            (&good.unit, good.year, &good.contact, &good.phone),
            "{name}"
        );
    }
}

#[test]
fn libreoffice_xls_ods_xlsx_read_as_the_original() {
    let (good, _) = read("good_mengzhou.xlsx");
    for name in ["lo_mengzhou.xls", "lo_mengzhou.ods", "lo_mengzhou.xlsx"] {
        let (r, _) = read(name);
        assert_eq!(r.measures, good.measures, "{name}");
        assert_eq!(r.indicators, good.indicators, "{name}");
        assert_eq!(date(&r), date(&good), "{name}");
    }
}

#[test]
fn sheetjs_xlsb_reads_as_the_original() {
    // SheetJS writes "short" cell records that calamine 0.38 skips (read/guard/xlsb_short_cells.rs).
    let (good, _) = read("good_mengzhou.xlsx");
    let (r, _) = read("sheetjs_mengzhou.xlsb");
    assert_eq!(r.measures, good.measures);
    assert_eq!(r.indicators, good.indicators);
    assert_eq!((&r.unit, r.year, &r.contact, &r.phone), (&good.unit, good.year, &good.contact, &good.phone));
    assert_eq!(date(&r), date(&good));
}

#[test]
fn csv_in_every_encoding_reads_the_same_measures() {
    let (good, _) = read("good_mengzhou.xlsx");
    for name in ["csv_utf8.csv", "csv_utf8_bom.csv", "csv_gbk.csv", "csv_gb18030.csv"] {
        let (r, _) = read(name);
        assert_eq!(r.unit.as_deref(), Some("孟州市"), "{name}");
        assert_eq!(date(&r), "2026-01-20", "{name}");
        assert_eq!(r.measures.len(), good.measures.len(), "{name}");
        for (g, w) in r.measures.iter().zip(&good.measures) {
            assert_eq!((&g.id, g.status, &g.progress), (&w.id, w.status, &w.progress), "{name}");
        }
    }
    assert_eq!(read("csv_gb18030.csv").0.contact, "刘䶮");
}
