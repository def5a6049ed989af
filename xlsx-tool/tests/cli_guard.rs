//! The command line on files a unit may send that are no readable workbook for a reason
//! the user can act on (password, empty file, web page), and on the formats the reader
//! guards for calamine (a SheetJS .xlsb).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

/// `validate --json` on the given files: (exit code, the `files` array).
fn validate(paths: &[PathBuf]) -> (i32, Vec<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_xlsx-tool"))
        .arg("validate")
        .args(paths)
        .arg("--json")
        .output()
        .expect("run xlsx-tool");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v["files"].as_array().unwrap().clone())
}

#[test]
fn encrypted_empty_and_web_page_files_get_their_own_words() {
    let dir = std::env::temp_dir().join(format!("xlsx-tool-cli-guard-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (empty, page) = (dir.join("空.xlsx"), dir.join("导出.xls"));
    std::fs::write(&empty, b"").unwrap();
    std::fs::write(&page, "<html><body><table><tr><td>序号</td></tr></table></body></html>").unwrap();
    let paths = [fixture("encrypted/encrypted_msoffcrypto.xlsx"), fixture("encrypted/encrypted_lo.xls"), empty, page];
    let (code, files) = validate(&paths);
    assert_eq!(code, 1, "done, but some file has errors");
    let first = |i: usize| files[i]["diagnostics"][0].clone();
    for i in 0..2 {
        assert_eq!(first(i)["code"], "encrypted");
        assert_eq!(first(i)["severity"], "error");
        assert!(first(i)["message"].as_str().unwrap().contains("清空密码"));
    }
    assert_eq!(first(2)["code"], "not-a-workbook");
    assert!(first(2)["message"].as_str().unwrap().contains("空文件"));
    assert_eq!(first(3)["code"], "not-a-workbook");
    assert!(first(3)["message"].as_str().unwrap().contains("网页"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_sheetjs_xlsb_report_is_valid() {
    let (code, files) = validate(&[fixture("sheetjs_mengzhou.xlsb")]);
    assert_eq!(code, 0, "{files:?}");
    assert_eq!(files[0]["unit"], "孟州市");
}
