//! A panic inside calamine that the reader catches must reach the user as a diagnostic
//! only: no `thread '…' panicked at …` on stderr (issue 10, item 8). The file that showed
//! it no longer reaches the panic (the .xlsb guards of `read/guard/` read it first, as
//! the browser module needs: there a panic cannot be caught); the hook itself is tested
//! in `src/quiet_panic.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

fn hostile(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile").join(name)
}

/// Apache POI's `Simple.xlsb` (test-data/spreadsheet, Apache-2.0), saved by a beta of
/// Excel 2007: calamine 0.38 panicked on it (`no entry found for key`, xlsb/mod.rs:312);
/// now its sheet records are rewritten (`read/guard/xlsb_beta_sheets.rs`) and it reads
/// as a workbook that is not a report. Checked twice in one run, on the CLI's worker
/// threads.
#[test]
fn the_file_calamine_panicked_on_prints_nothing_on_stderr() {
    let file = hostile("xlsb_excel_made_calamine_0_38_panics.xlsb");
    let file = file.to_str().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xlsx-tool"))
        .args(["validate", "--json", file, file])
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run xlsx-tool");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("thread"), "{stderr}");
    assert!(stderr.trim().is_empty() || !stderr.is_ascii(), "no English on stderr: {stderr}");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in json["files"].as_array().unwrap() {
        let code = f["diagnostics"][0]["code"].as_str().unwrap();
        assert_eq!(code, "unknown-layout", "{f}");
        assert!(!f["diagnostics"][0]["message"].as_str().unwrap().is_ascii());
    }
}
