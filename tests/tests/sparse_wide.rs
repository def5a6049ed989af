//! Whole-workbook bounds (issue 10, README "安全限制"): workbooks whose sheets each hold
//! only A1 and FC19999, so each spans 19,999 × 159 cells while the file is a few KB.
//! calamine 0.38 builds every sheet of an .xls or .ods densely when it opens the file
//! (about 110 MB a sheet): 40 such sheets once took 4 GB and 12 s. Written by real
//! programs (`fixtures/hostile/make_sparse_wide.py`: openpyxl, LibreOffice, SheetJS).
//!
//! Where all the sheets together pass the stated bound (3,200,000 cells of area for
//! .xls/.ods) the answer is `too-large`; otherwise the normal reading. One test, run
//! alone in this binary, so the process's peak memory is this reading's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use xlsx_tool::Kind;
use xlsx_tool::{Checked, Limits, check};

/// Generous for a debug build on a busy shared machine (the release CLI: well under 1 s).
const QUICK: Duration = Duration::from_secs(20);

fn checked(name: &str) -> Checked {
    let bytes = std::fs::read(fixtures().join("hostile").join(name)).unwrap();
    let start = Instant::now();
    let c = check(&Plan::builtin(), &bytes, name, &Limits::default());
    assert!(start.elapsed() < QUICK, "{name}: took {:?}", start.elapsed());
    for d in &c.diagnostics {
        assert!(!d.message.is_ascii(), "{name}: a Chinese message: {}", d.message);
    }
    c
}

fn only_code(name: &str) -> Code {
    let c = checked(name);
    assert_eq!(c.kind, Kind::Unreadable, "{name}: {:?}", c.diagnostics);
    assert_eq!(c.diagnostics.len(), 1, "{name}: {:?}", c.diagnostics);
    c.diagnostics[0].code
}

/// The process's peak resident memory in MB (Linux), if known.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[test]
fn sparse_wide_sheets_are_bounded_for_the_whole_workbook() {
    // 40 sheets: over the bound where every sheet is built densely…
    for name in ["sparse_wide_40_sheets.xls", "sparse_wide_40_sheets.ods"] {
        assert_eq!(only_code(name), Code::TooLarge, "{name}");
        let c = checked(name);
        assert!(c.diagnostics[0].message.contains("所有工作表合计"), "{name}: {}", c.diagnostics[0].message);
    }
    // …and nothing but the layout's verdict where sheets are read one by one.
    for name in ["sparse_wide_40_sheets.xlsx", "sparse_wide_2_sheets.xlsb"] {
        assert_eq!(only_code(name), Code::UnknownLayout, "{name}");
    }

    // A real report (LibreOffice-saved) with one sparse wide sheet added: under the
    // bound in every format, read as the report itself.
    let plain = std::fs::read(fixtures().join("lo_filled_template.xlsx")).unwrap();
    let want = check(&Plan::builtin(), &plain, "lo_filled_template.xlsx", &Limits::default());
    assert!(want.ok(), "{:?}", want.diagnostics);
    for name in
        ["report_plus_sparse_wide_sheet.xlsx", "report_plus_sparse_wide_sheet.xls", "report_plus_sparse_wide_sheet.ods"]
    {
        let c = checked(name);
        assert!(c.ok(), "{name}: {:?}", c.diagnostics);
        assert_eq!((c.result().unit, c.result().year), (want.result().unit, want.result().year), "{name}");
    }
    // With two, the .xls and .ods pass the whole-workbook bound; the .xlsx still reads.
    for name in ["report_plus_two_sparse_wide_sheets.xls", "report_plus_two_sparse_wide_sheets.ods"] {
        assert_eq!(only_code(name), Code::TooLarge, "{name}");
    }
    assert!(checked("report_plus_two_sparse_wide_sheets.xlsx").ok());

    if let Some(mb) = peak_mb() {
        assert!(mb < 512, "peak memory {mb} MB");
    }
}
