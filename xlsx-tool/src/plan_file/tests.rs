//! Plan files from hostile or odd input: never a panic, always a Chinese problem; and the
//! workbook tolerances (columns in another order, repeated task cells, units separated
//! by full-width commas and spaces, aliases).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use jz_core::Plan;
use rust_xlsxwriter::Workbook;

use super::*;

/// A zip of the given entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn problems(bytes: &[u8], name: &str) -> Vec<String> {
    load_plan(bytes, name).expect_err("refused").problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn garbage_empty_and_bad_text_are_problems() {
    for (bytes, name) in [(&b""[..], "x.xlsx"), (b"\x00\x01\x02garbage", "x.xlsx"), (b"PK\x03\x04broken", "x.xlsx")] {
        let p = problems(bytes, name);
        assert_eq!(p.len(), 1, "{p:?}");
    }
    let p = problems(b"id = ", "plan.toml");
    assert!(p[0].contains("计划文件"), "{p:?}");
}

#[test]
fn a_zip_bomb_plan_or_docx_is_too_large_quickly() {
    let big = vec![b' '; 70 * 1024 * 1024];
    let bomb = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", &big)]);
    let docx = zip_of(&[("word/document.xml", &big)]);
    let start = std::time::Instant::now();
    let p = problems(&bomb, "计划.xlsx");
    assert!(p[0].contains("文件过大"), "{p:?}");
    let err = import_docx(&docx, &Plan::builtin()).expect_err("too large");
    assert!(err.to_string().contains("文件过大"), "{err}");
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn a_docx_without_the_annex_table_says_so() {
    let xml = br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>only text</w:t></w:r></w:p></w:body></w:document>"#;
    let err = import_docx(&zip_of(&[("word/document.xml", xml)]), &Plan::builtin()).expect_err("no table");
    assert!(err.to_string().contains("找不到附件任务清单表格") && err.to_string().contains("具体措施"), "{err}");
}

/// A document.xml with one annex table of `rows` (task, measure, units).
fn annex_xml(rows: impl Iterator<Item = [String; 3]>) -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = |r: [String; 3]| format!("<w:tr>{}</w:tr>", r.iter().map(|t| cell(t)).collect::<String>());
    let header = row(["重点任务", "具体措施", "责任单位"].map(String::from));
    let body: String = rows.map(row).collect();
    format!(r#"<w:document xmlns:w="x"><w:body><w:tbl>{header}{body}</w:tbl></w:body></w:document>"#).into_bytes()
}

#[test]
fn a_document_with_thousands_of_measures_or_unknown_units_is_no_plan() {
    let start = std::time::Instant::now();
    let many = annex_xml((0..5001).map(|i| [format!("任务{i}"), format!("举措{i}。"), "市场监管局".into()]));
    let err = import_docx(&zip_of(&[("word/document.xml", &many)]), &Plan::builtin()).expect_err("refused");
    assert!(err.to_string().contains("读出 5001 条举措，超过 5000 条"), "{err}");
    let strangers = annex_xml((0..1200).map(|i| ["任务".into(), format!("举措{i}。"), format!("单位{i}")]));
    let err = import_docx(&zip_of(&[("word/document.xml", &strangers)]), &Plan::builtin()).expect_err("refused");
    assert!(err.to_string().contains("超过 1000 个原计划中没有的单位名称"), "{err}");
    assert!(start.elapsed().as_secs() < 20);
}

/// The exported workbook's sheets as rows of text, to rewrite them another way.
fn sheets_of(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| if *c == Data::Empty { String::new() } else { c.to_string() }).collect())
                .collect();
            (n, rows)
        })
        .collect()
}

#[test]
fn a_hand_made_workbook_in_another_order_with_loose_separators_loads() {
    let plan = Plan::builtin();
    let sheets = sheets_of(&export_plan(&plan));
    let mut wb = Workbook::new();
    // Sheets renamed (found by their headers) and in another order; columns reversed;
    // task cells repeated on every row; 、 replaced by ， and spaces; an alias for a unit.
    for (i, (name, rows)) in sheets.iter().rev().enumerate() {
        if name == "_meta" || name == "填写说明" {
            continue;
        }
        let ws = wb.add_worksheet();
        if name == "计划信息" || name == "说明" {
            ws.set_name(name.as_str()).unwrap();
        } else {
            ws.set_name(format!("表{i}")).unwrap();
        }
        let mut last: Vec<String> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut row = row.clone();
            if name == "任务清单" && r > 0 {
                for c in [0, 1, 2, 5] {
                    if row[c].is_empty() {
                        row[c] = last.get(c).cloned().unwrap_or_default();
                    }
                }
                last = row.clone();
                row[5] = row[5].replace('、', "， ").replace("市场监管局", "市市场监督管理局");
            }
            let n = row.len();
            for (c, v) in row.iter().enumerate() {
                let col = if name == "计划信息" || name == "说明" { c } else { n - 1 - c };
                if let Ok(num) = v.parse::<f64>()
                    && (name == "量化指标" && c == 2 || name == "计划信息" && (3..5).contains(&r))
                {
                    ws.write_number(r as u32, col as u16, num).unwrap();
                } else if !v.is_empty() {
                    ws.write_string(r as u32, col as u16, v).unwrap();
                }
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let back = load_plan(&bytes, "hand.xlsx").unwrap_or_else(|e| panic!("{e}"));
    let d = jz_core::plan_diff::diff(&plan, &back);
    // Only the annex wording of 责任单位 (kept in _meta, which this workbook lacks) differs.
    assert!(d.measures.is_empty() && d.indicators.is_empty() && d.unit_changes.is_empty(), "{:#?}", d.memo);
    assert!(d.group_changes.is_empty() && d.other_changes.is_empty(), "{:#?}", d.memo);
    assert_eq!(back.tasks[2].responsible, ["联席会成员单位"]);
}
