//! What the CLI does with the entries of an inbox folder (contract §6, issue 10 items
//! 2–4): every spreadsheet extension is read, every other file is listed as skipped with
//! its reason, an entry that cannot be read (a broken link, a FIFO, a device, a missing
//! path) gets its own `not-a-workbook` diagnostic while the run goes on (exit 1, not 2),
//! and a file over the size limit is refused from its metadata, before it is read.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{json, s, scratch};
use serde_json::{Value, json};

/// Generous bound for a debug build on a shared machine; a run here takes well under 1 s.
const QUICK: Duration = Duration::from_secs(15);

fn tool(args: &[&str]) -> Output {
    let start = Instant::now();
    let out = common::tool(args);
    assert!(start.elapsed() < QUICK, "{args:?} took {:?}", start.elapsed());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{args:?}: {out:?}");
    out
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

const EXTENSIONS: &str = ".xlsx .xlsm .xltx .xltm .xls .et .xlsb .ods .csv";

/// An inbox as a clerk's folder ends up: reports under every name a unit may use, one in
/// a subfolder, a broken link, a FIFO, Excel's lock file, a Word file, notes, a hidden
/// file and a link back to the folder itself.
fn inbox(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::copy(fixture("good_scjgj.xlsx"), dir.join("市场监管局.xlsx")).unwrap();
    std::fs::create_dir(dir.join("县区")).unwrap();
    std::fs::copy(fixture("good_haiguan.xlsx"), dir.join("县区/海关.XLSX")).unwrap();
    std::fs::copy(fixture("merge_set/沁阳市.xlsx"), dir.join("沁阳市.xlsm")).unwrap();
    std::fs::copy(fixture("lo_mengzhou.xls"), dir.join("孟州市.et")).unwrap();
    std::os::unix::fs::symlink(dir.join("已删除.xlsx"), dir.join("温县.xlsx")).unwrap();
    let status = Command::new("mkfifo").arg(dir.join("管道.xlsx")).status().expect("mkfifo");
    assert!(status.success());
    std::fs::write(dir.join("~$市场监管局.xlsx"), [b'x'; 165]).unwrap();
    std::fs::write(dir.join("通知.docx"), b"PK\x03\x04 not really").unwrap();
    std::fs::write(dir.join("县区/说明.txt"), "请各单位按时报送。").unwrap();
    std::fs::write(dir.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    std::os::unix::fs::symlink("..", dir.join("县区/上一级")).unwrap();
    dir
}

fn not_a_workbook(path: &Path, reason: &str) -> Value {
    json!({"path": s(path), "unit": null, "year": null, "ok": false, "diagnostics": [
        {"code": "not-a-workbook", "severity": "error", "sheet": "", "cell": "", "message": reason}
    ]})
}

fn expected_skipped(dir: &Path) -> Value {
    json!([
        {"path": s(&dir.join(".DS_Store")), "reason": "这是隐藏文件（名称以“.”开头），通常由系统或其他程序生成，未读取"},
        {"path": s(&dir.join("~$市场监管局.xlsx")), "reason": "这是 Excel/WPS 打开文件时生成的临时文件，不是报表，无需处理"},
        {"path": s(&dir.join("县区/上一级")), "reason": "这个文件夹已经检查过（快捷方式指向了同一个文件夹），不再重复读取"},
        {"path": s(&dir.join("县区/说明.txt")), "reason": format!("不是表格文件，未读取（只读取扩展名为 {EXTENSIONS} 的文件）")},
        {"path": s(&dir.join("通知.docx")), "reason": format!("不是表格文件，未读取（只读取扩展名为 {EXTENSIONS} 的文件）")},
    ])
}

const BROKEN_LINK: &str =
    "无法读取该文件：这是一个失效的快捷方式（符号链接），它指向的文件已不存在。请把单位报送的原文件放到这里后再试。";
const FIFO: &str =
    "无法读取该文件：这是一个命名管道（FIFO），不是普通文件，无法作为表格读取。请放入单位报送的表格文件。";

#[test]
fn validate_gives_every_entry_a_result_and_lists_what_it_skipped() {
    let dir = inbox("validate");
    let out = tool(&["validate", s(&dir), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    let ok = |path: PathBuf, unit: &str| json!({"path": s(&path), "unit": unit, "year": 2025, "ok": true});
    let files = v["files"].as_array().unwrap();
    // Sorted by path (byte order), whatever the order in the folder.
    let summary: Vec<Value> = files
        .iter()
        .map(|f| match f["ok"].as_bool().unwrap() {
            true => json!({"path": f["path"], "unit": f["unit"], "year": f["year"], "ok": true}),
            false => f.clone(),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ok(dir.join("县区/海关.XLSX"), "海关"),
            ok(dir.join("孟州市.et"), "孟州市"),
            ok(dir.join("市场监管局.xlsx"), "市场监管局"),
            ok(dir.join("沁阳市.xlsm"), "沁阳市"),
            not_a_workbook(&dir.join("温县.xlsx"), BROKEN_LINK),
            not_a_workbook(&dir.join("管道.xlsx"), FIFO),
        ]
    );
    assert_eq!(v["skipped"], expected_skipped(&dir));

    // The same in words, on stdout.
    let out = tool(&["validate", s(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{}（单位不明）：有 1 处错误", s(&dir.join("管道.xlsx")))), "{text}");
    assert!(text.contains("共 6 个文件：4 个通过，2 个有错误。"), "{text}");
    assert!(text.contains("以下 5 个文件未读取："), "{text}");
    assert!(text.contains(&format!("{}：这是 Excel/WPS 打开文件时生成的临时文件", s(&dir.join("~$市场监管局.xlsx")))));
}

#[test]
fn merge_rejects_unreadable_entries_and_goes_on() {
    let dir = inbox("merge");
    let output = dir.join("out/汇总表.xlsx");
    let out = tool(&["merge", s(&dir), "--year", "2025", "-o", s(&output), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    let paths = |names: &[&str]| -> Value { names.iter().map(|n| s(&dir.join(n)).to_string()).collect() };
    assert_eq!(v["accepted"], paths(&["县区/海关.XLSX", "孟州市.et", "市场监管局.xlsx", "沁阳市.xlsm"]));
    assert_eq!(v["rejected"], paths(&["温县.xlsx", "管道.xlsx"]));
    // out/汇总表.xlsx was written after the scan: it is not among the inputs.
    assert_eq!(v["skipped"], expected_skipped(&dir));
    let missing: Vec<&str> = v["missing_units"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert!(missing.contains(&"温县") && !missing.contains(&"孟州市"), "{missing:?}");

    // The reasons are in 校验问题, and `read` gives the skipped list back.
    let issues = sheet_text(&output, "校验问题");
    assert!(issues.contains("温县.xlsx") && issues.contains(BROKEN_LINK), "{issues}");
    assert!(issues.contains("管道.xlsx") && issues.contains(FIFO), "{issues}");
    let read = tool(&["read", s(&output), "--json"]);
    assert_eq!(read.status.code(), Some(0));
    assert_eq!(json(&read)["skipped"], expected_skipped(&dir));

    // Failing to write the output is still exit 2.
    let out = tool(&["merge", s(&dir), "--year", "2025", "-o", "/dev/null/汇总表.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法"), "{out:?}");
}

fn sheet_text(path: &Path, name: &str) -> String {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("|")
}

#[test]
fn a_file_named_explicitly_is_read_by_its_content() {
    let dir = scratch("explicit");
    let renamed = dir.join("海关报表.txt");
    std::fs::copy(fixture("good_haiguan.xlsx"), &renamed).unwrap();
    let lock = dir.join("~$海关.xlsx");
    std::fs::write(&lock, [b'x'; 165]).unwrap();
    let out = tool(&["validate", s(&renamed), s(&lock), "/nonexistent/孟州市.xlsx", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    assert_eq!(v["files"][0]["ok"], true);
    assert_eq!(v["files"][0]["unit"], "海关");
    // Named explicitly, even a lock file's name is read (and is no workbook).
    assert_eq!(v["files"][1]["diagnostics"][0]["code"], "not-a-workbook");
    assert_eq!(
        v["files"][2],
        not_a_workbook(
            Path::new("/nonexistent/孟州市.xlsx"),
            "无法读取该文件：找不到这个文件，它可能已被移动、改名或删除。请检查文件名和所在位置后再试。"
        )
    );
    assert_eq!(v["skipped"], json!([]));
}

#[test]
fn devices_are_refused_without_reading_them() {
    let out = tool(&["validate", "/dev/zero", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out)["files"][0],
        not_a_workbook(
            Path::new("/dev/zero"),
            "无法读取该文件：这是一个设备文件，不是普通文件，无法作为表格读取。请放入单位报送的表格文件。"
        )
    );
}

/// An 8 GiB file (sparse: it costs no disk) is refused from its size alone: quickly, and
/// without the memory reading even the first 32 MiB of it would take.
#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = scratch("large");
    let big = dir.join("孟州市.xlsx");
    std::fs::File::create(&big).unwrap().set_len(8 << 30).unwrap();
    let just_over = dir.join("海关.xlsx");
    std::fs::File::create(&just_over).unwrap().set_len((32 << 20) + 1).unwrap();
    let out = tool(&["validate", s(&dir), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["diagnostics"][0]["code"], "too-large", "{f}");
        assert!(f["diagnostics"][0]["message"].as_str().unwrap().contains("32 MB"), "{f}");
    }
    assert_eq!(v["files"].as_array().unwrap().len(), 2);

    // Peak memory, from the kernel's accounting of the child (GNU time's %M, in KB).
    if Path::new("/usr/bin/time").exists() {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M", env!("CARGO_BIN_EXE_xlsx-tool"), "validate", s(&big), "--json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let kb: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).expect("time's %M");
        assert!(kb < 24 * 1024, "peak {kb} KB: the file was read");
    } else {
        eprintln!("/usr/bin/time not installed: peak memory not measured");
    }
}
