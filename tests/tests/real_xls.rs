//! Real .xls files from other projects (fixtures/real_xls/README.md), encrypted workbooks
//! of every format (fixtures/encrypted/, made by make_encrypted.py), the .xlsb SheetJS
//! writes, and the files that are no workbook for a reason a user can act on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use xlsx_tool::Kind;
use xlsx_tool::{Checked, Limits, check};

fn check_bytes(bytes: &[u8], name: &str) -> Checked {
    check(&Plan::builtin(), bytes, name, &Limits::default())
}

fn check_fixture(path: &str) -> Checked {
    check_bytes(&std::fs::read(fixtures().join(path)).unwrap(), path)
}

/// The single diagnostic of an unreadable file.
fn only(c: &Checked) -> &jz_core::Diagnostic {
    assert_eq!(c.kind, Kind::Unreadable, "{}: {:?}", c.path, c.diagnostics);
    assert_eq!(c.diagnostics.len(), 1, "{}: {:?}", c.path, c.diagnostics);
    &c.diagnostics[0]
}

#[test]
fn real_xls_with_a_short_last_sector_reach_layout_detection() {
    for name in ["real_xls/poi_47251.xls", "real_xls/poi_50426.xls", "real_xls/xlrd_ragged.xls"] {
        let c = check_fixture(name);
        assert_eq!(only(&c).code, Code::UnknownLayout, "{name}: read, but not our layout");
    }
    let len = std::fs::metadata(fixtures().join("real_xls/poi_47251.xls")).unwrap().len();
    assert_ne!(len % 512, 0, "the sample keeps its short last sector");
}

#[test]
fn our_report_with_its_padding_cut_off_reads_like_the_original() {
    let bytes = std::fs::read(fixtures().join("lo_mengzhou.xls")).unwrap();
    let good = check_bytes(&bytes, "lo_mengzhou.xls");
    assert!(good.ok(), "{:?}", good.diagnostics);
    for cut in [8, 100, 511] {
        let c = check_bytes(&bytes[..bytes.len() - cut], "cut.xls");
        assert!(c.ok(), "cut {cut}: {:?}", c.diagnostics);
        assert_eq!(c.report.measures, good.report.measures, "cut {cut}");
        assert_eq!(c.report.indicators, good.report.indicators, "cut {cut}");
    }
}

#[test]
fn encrypted_workbooks_of_every_format_say_how_to_remove_the_password() {
    for name in [
        "encrypted/encrypted_msoffcrypto.xlsx",
        "encrypted/encrypted_msoffcrypto.xlsb",
        "encrypted/encrypted_lo.xls",
        "encrypted/encrypted_lo.ods",
        "real_xls/poi_xor-encryption-abc.xls",
        "real_xls/calamine_issue_385.xls",
    ] {
        let c = check_fixture(name);
        let d = only(&c);
        assert_eq!(d.code, Code::Encrypted, "{name}: {}", d.message);
        assert_eq!(d.severity, jz_core::Severity::Error);
        assert!(d.message.contains("打开密码") && d.message.contains("WPS"), "{}", d.message);
        // Whatever its extension says.
        let renamed = check_bytes(&std::fs::read(fixtures().join(name)).unwrap(), "报表.xlsx");
        assert_eq!(only(&renamed).code, Code::Encrypted, "{name} renamed");
    }
}

#[test]
fn an_empty_file_is_called_empty() {
    for name in ["空.xlsx", "空.xls", "空.csv"] {
        let c = check_bytes(b"", name);
        let d = only(&c);
        assert_eq!(d.code, Code::NotAWorkbook);
        assert!(d.message.contains("空文件") && !d.message.contains("损坏"), "{}", d.message);
    }
}

#[test]
fn a_web_page_saved_as_xls_is_called_a_web_page() {
    let pages: [&[u8]; 3] = [
        "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>序号</td></tr></table></body></html>".as_bytes(),
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n",
        b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>",
    ];
    for (page, word) in pages.iter().zip(["网页", "网页", "XML 电子表格 2003"]) {
        let c = check_bytes(page, "导出.xls");
        let d = only(&c);
        assert_eq!(d.code, Code::NotAWorkbook);
        assert!(d.message.contains(word), "{}", d.message);
        assert!(d.message.contains("另存为") && d.message.contains(".xlsx"), "{}", d.message);
    }
}
