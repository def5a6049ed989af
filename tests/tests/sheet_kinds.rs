//! Workbooks other programs write that once missed layout detection (issue 10): chart
//! and macro sheets, zip entries named with backslashes. Any workbook calamine can open
//! reaches layout detection: `unknown-layout` for a workbook that is not a report, the
//! report itself for one that is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use xlsx_tool::Kind;
use xlsx_tool::{Checked, Limits, check};

fn checked(path: &std::path::Path) -> Checked {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    check(&Plan::builtin(), &bytes, &name, &Limits::default())
}

/// calamine's `tests/any_sheets.xlsb` (MIT; Excel-made: worksheets and a chart sheet) and
/// Apache POI's `test-data/spreadsheet/xlmmacro.xlsm` (Apache-2.0; an Excel 4.0 macro
/// sheet): both were `not-a-workbook`.
#[test]
fn chart_and_macro_sheets_reach_layout_detection() {
    for name in ["xlsb_chart_sheet_calamine_any_sheets.xlsb", "xlsm_macro_sheet_poi_xlmmacro.xlsm"] {
        let c = checked(&fixtures().join("hostile").join(name));
        assert_eq!(c.kind, Kind::Unreadable, "{name}");
        let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownLayout], "{name}: {:?}", c.diagnostics);
    }
}

/// `good_haiguan.xlsx` with every zip entry named `xl\worksheets\sheet1.xml` style
/// (`fixtures/make_backslash_names.py`): read exactly as the original.
#[test]
fn backslash_entry_names_read_like_the_original() {
    let good = checked(&fixtures().join("good_haiguan.xlsx"));
    let renamed = checked(&fixtures().join("backslash_entry_names.xlsx"));
    assert!(good.ok(), "{:?}", good.diagnostics);
    assert!(renamed.ok(), "{:?}", renamed.diagnostics);
    assert_eq!(renamed.report, good.report);
}
