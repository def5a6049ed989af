//! Reader tests: workbooks built with rust_xlsxwriter, hostile files crafted with zip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use jz_core::{CellRef, CellValue, Code, RawCell, Severity, TASK_COLUMNS};
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Formula, Workbook, Worksheet};
use zip::write::SimpleFileOptions;

use super::*;

/// One measure row, in TASK_COLUMNS order.
type TaskRow = [&'static str; 9];

const ROW_A: TaskRow = ["2.1", "任务二", "举措甲", "孟州市", "推进中", "已开展培训", "", "继续推进", "通知.pdf"];
const ROW_B: TaskRow = ["2.2", "任务二", "举措乙", "孟州市", "已完成", "已完成验收", "无", "", ""];

/// Writes a contract-shaped 任务填报 sheet: title, contact block on the row above the
/// header, the header at `header_row` with columns in `order` (indices into
/// TASK_COLUMNS), then `rows` from `header_row + 1`.
fn write_tasks(ws: &mut Worksheet, header_row: u32, order: &[usize], rows: &[TaskRow]) {
    ws.write_string(0, 0, "焦作市知识产权实施方案年度填报表").unwrap();
    let contact = ["填报单位", "孟州市", "报告年度", "2025", "联系人", "张三", "联系电话", "0391-8123456", "填报日期"];
    for (c, text) in contact.iter().enumerate() {
        ws.write_string(header_row - 1, c as u16, *text).unwrap();
    }
    let date_format = XFormat::new().set_num_format("yyyy-mm-dd");
    let date = ExcelDateTime::from_ymd(2026, 1, 20).unwrap();
    ws.write_datetime_with_format(header_row - 1, 9, &date, &date_format).unwrap();
    for (c, &i) in order.iter().enumerate() {
        ws.write_string(header_row, c as u16, TASK_COLUMNS[i]).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, &i) in order.iter().enumerate() {
            if !row[i].is_empty() {
                ws.write_string(header_row + 1 + r as u32, c as u16, row[i]).unwrap();
            }
        }
    }
}

fn write_indicators(ws: &mut Worksheet) {
    for (c, label) in jz_core::INDICATOR_COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, *label).unwrap();
    }
    let row = ["I02", "PCT专利申请量", "件", "14"];
    for (c, text) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *text).unwrap();
    }
    ws.write_number(1, 4, 5).unwrap();
    ws.write_string(1, 5, "说明文字").unwrap();
}

fn write_meta(ws: &mut Worksheet, format: &str) {
    let rows = [
        ("format", format),
        ("format_version", "1"),
        ("plan_id", "jiaozuo-2022-2025"),
        ("plan_hash", "abc123"),
        ("unit", "孟州市"),
        ("year", "2025"),
        ("generated_by", "xlsx-tool 0.1.0"),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    ws.set_hidden(true);
}

const IN_ORDER: [usize; 9] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/// The standard workbook with the tasks sheet customised by `tasks`.
fn workbook(tasks: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheets::TASKS).unwrap();
    tasks(ws);
    let ws = wb.add_worksheet();
    ws.set_name(sheets::INDICATORS).unwrap();
    write_indicators(ws);
    let ws = wb.add_worksheet();
    ws.set_name(sheets::META).unwrap();
    write_meta(ws, jz_core::REPORT_FORMAT);
    wb.save_to_buffer().unwrap()
}

fn standard() -> Vec<u8> {
    workbook(|ws| write_tasks(ws, 2, &IN_ORDER, &[ROW_A, ROW_B]))
}

fn read(bytes: &[u8]) -> ReadResult {
    read_unit_workbook(bytes, "unit.xlsx", &Limits::default())
}

fn raw_of(r: &ReadResult) -> &RawReport {
    r.raw.as_ref().unwrap_or_else(|| panic!("no raw report: {:?}", r.diagnostics))
}

fn text(cell: &RawCell) -> String {
    cell.value.as_text()
}

fn at(cell: &RawCell) -> String {
    cell.at.as_ref().map(CellRef::a1).unwrap_or_default()
}

fn codes(r: &ReadResult) -> Vec<Code> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn reads_the_standard_workbook() {
    let r = read(&standard());
    assert_eq!(r.format, Some(Format::Xlsx));
    assert_eq!(r.kind, Kind::Report);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let raw = raw_of(&r);
    assert_eq!(raw.tasks_sheet, "任务填报");
    assert_eq!(raw.indicators_sheet.as_deref(), Some("指标填报"));
    assert_eq!(text(&raw.unit), "孟州市");
    assert_eq!(at(&raw.unit), "B2");
    assert_eq!(text(&raw.year), "2025");
    assert_eq!(text(&raw.contact), "张三");
    assert_eq!(text(&raw.phone), "0391-8123456");
    assert_eq!(raw.date.value, CellValue::Date(46042.0));
    assert_eq!(at(&raw.date), "J2");
    assert_eq!(raw.measures.len(), 2);
    let m = &raw.measures[0];
    assert_eq!(text(&m.id), "2.1");
    assert_eq!(at(&m.id), "A4");
    assert_eq!(m.id.at.as_ref().map(|c| c.sheet.as_str()), Some("任务填报"));
    assert_eq!(text(&m.status), "推进中");
    assert_eq!(text(&m.evidence), "通知.pdf");
    // An empty cell in a present column keeps its position.
    assert_eq!(m.problems.value, CellValue::Empty);
    assert_eq!(at(&m.problems), "G4");
    assert_eq!(raw.indicators.len(), 1);
    assert_eq!(text(&raw.indicators[0].id), "I02");
    assert_eq!(raw.indicators[0].value.value, CellValue::Number(5.0));
    let meta = raw.meta.as_ref().unwrap();
    assert_eq!(meta.format, "jz-ip-report");
    assert_eq!(meta.unit, "孟州市");
    assert_eq!(meta.year, "2025");
    assert_eq!(meta.plan_hash, "abc123");
}

#[test]
fn columns_in_shuffled_order() {
    let order = [4, 0, 8, 2, 1, 7, 3, 6, 5];
    let r = read(&workbook(|ws| write_tasks(ws, 2, &order, &[ROW_A])));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let m = &raw_of(&r).measures[0];
    assert_eq!(text(&m.id), "2.1");
    assert_eq!(at(&m.id), "B4");
    assert_eq!(text(&m.status), "推进中");
    assert_eq!(at(&m.status), "A4");
    assert_eq!(text(&m.progress), "已开展培训");
    assert_eq!(at(&m.progress), "I4");
    assert_eq!(text(&m.measure_text), "举措甲");
}

#[test]
fn header_on_row_5() {
    let r = read(&workbook(|ws| write_tasks(ws, 4, &IN_ORDER, &[ROW_A, ROW_B])));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let raw = raw_of(&r);
    assert_eq!(at(&raw.unit), "B4");
    assert_eq!(raw.measures.len(), 2);
    assert_eq!(at(&raw.measures[1].id), "A7");
}

#[test]
fn renamed_sheets_without_meta_are_found_by_labels() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "随便写点什么").unwrap();
    let ws = wb.add_worksheet().set_name("指标").unwrap();
    write_indicators(ws);
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
    let r = read(&wb.save_to_buffer().unwrap());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let raw = raw_of(&r);
    assert_eq!(raw.tasks_sheet, "Sheet1");
    assert_eq!(raw.indicators_sheet.as_deref(), Some("指标"));
    assert_eq!(raw.meta, None);
    assert_eq!(raw.measures[0].id.at.as_ref().map(|c| c.sheet.as_str()), Some("Sheet1"));
}

#[test]
fn labels_with_hints_and_spaces_match() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.write_string(2, 4, "* 完成状态\n（下拉选择）").unwrap();
        ws.write_string(1, 4, "联系人：").unwrap();
    }));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let raw = raw_of(&r);
    assert_eq!(text(&raw.measures[0].status), "推进中");
    assert_eq!(text(&raw.contact), "张三");
}

#[test]
fn contact_value_in_the_label_cell_and_right_of_merged_label() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.write_string(1, 0, "填报单位：孟州市市场监管局").unwrap();
        ws.write_string(1, 1, "").unwrap();
        // 联系人 label merged over E2:F2, its value in G2.
        ws.merge_range(1, 4, 1, 5, "联系人", &XFormat::new()).unwrap();
        ws.write_string(1, 6, "李四").unwrap();
    }));
    let raw = raw_of(&r);
    assert_eq!(text(&raw.unit), "孟州市市场监管局");
    assert_eq!(at(&raw.unit), "A2");
    assert_eq!(text(&raw.contact), "李四");
    assert_eq!(at(&raw.contact), "G2");
}

#[test]
fn missing_contact_label_gives_a_default_cell() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.write_string(1, 6, "电话").unwrap();
    }));
    let raw = raw_of(&r);
    assert_eq!(raw.phone, RawCell::default());
}

#[test]
fn blank_and_hidden_rows() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        // Row 5 left blank, row 6 hidden, row 7 only spaces, row 8 without 序号.
        let hidden = ["3.1", "任务三", "举措丙", "孟州市", "未启动", "", "", "", ""];
        for (c, t) in hidden.iter().enumerate() {
            ws.write_string(5, c as u16, *t).unwrap();
        }
        ws.set_row_hidden(5).unwrap();
        ws.write_string(6, 2, "   ").unwrap();
        ws.write_string(7, 5, "忘了写序号").unwrap();
    }));
    let raw = raw_of(&r);
    let ids: Vec<String> = raw.measures.iter().map(|m| text(&m.id)).collect();
    assert_eq!(ids, ["2.1", "3.1", ""]);
    assert_eq!(at(&raw.measures[1].id), "A6");
    assert_eq!(text(&raw.measures[2].progress), "忘了写序号");
    assert_eq!(at(&raw.measures[2].id), "A8");
}

#[test]
fn merged_cells_across_rows_repeat_the_top_left_value() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A, ROW_B]);
        ws.merge_range(3, 1, 4, 1, "任务二（合并）", &XFormat::new()).unwrap();
        ws.merge_range(3, 3, 4, 3, "孟州市", &XFormat::new()).unwrap();
    }));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let raw = raw_of(&r);
    assert_eq!(raw.measures.len(), 2);
    for (m, row) in raw.measures.iter().zip(["4", "5"]) {
        assert_eq!(text(&m.task_text), "任务二（合并）");
        assert_eq!(at(&m.task_text), format!("B{row}"));
        assert_eq!(text(&m.responsible), "孟州市");
    }
}

#[test]
fn a_row_only_covered_by_a_merge_is_blank() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.merge_range(3, 1, 5, 1, "任务二", &XFormat::new()).unwrap();
    }));
    assert_eq!(raw_of(&r).measures.len(), 1);
}

#[test]
fn formula_cells_give_their_cached_values() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name(sheets::TASKS).unwrap();
    write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
    ws.write_formula(3, 5, Formula::new("=\"已开展\"&\"培训\"").set_result("已开展培训")).unwrap();
    let ws = wb.add_worksheet().set_name(sheets::INDICATORS).unwrap();
    write_indicators(ws);
    ws.write_formula(1, 4, Formula::new("=2+1").set_result("3")).unwrap();
    let r = read(&wb.save_to_buffer().unwrap());
    let raw = raw_of(&r);
    assert_eq!(raw.indicators[0].value.value, CellValue::Number(3.0));
    assert_eq!(text(&raw.measures[0].progress), "已开展培训");
}

#[test]
fn date_cells_are_dates() {
    let r = read(&standard());
    let d = &raw_of(&r).date.value;
    assert_eq!(d, &CellValue::Date(jz_core::Date::new(2026, 1, 20).unwrap().to_serial()));
}

#[test]
fn converts_calamine_values() {
    use calamine::Data;
    assert_eq!(crate::grid::convert(Data::Int(3), 0.0), CellValue::Number(3.0));
    assert_eq!(crate::grid::convert(Data::Bool(true), 0.0), CellValue::Bool(true));
    assert_eq!(crate::grid::convert(Data::DateTimeIso("2026-01-20".into()), 0.0), CellValue::Date(46042.0));
    assert_eq!(crate::grid::convert(Data::DateTimeIso("T10:00".into()), 0.0), CellValue::Text("T10:00".into()));
    assert_eq!(crate::grid::convert(Data::DurationIso("PT1H".into()), 0.0), CellValue::Text("PT1H".into()));
    assert_eq!(
        crate::grid::convert(Data::Error(calamine::CellErrorType::Div0), 0.0),
        CellValue::Error("#DIV/0!".into())
    );
    assert_eq!(crate::grid::convert(Data::Empty, 0.0), CellValue::Empty);
}

#[test]
fn missing_column_is_reported_right_of_the_header() {
    let order = [0, 1, 2, 3, 5, 6, 7, 8]; // no 完成状态
    let r = read(&workbook(|ws| write_tasks(ws, 2, &order, &[ROW_A])));
    assert_eq!(r.kind, Kind::Report);
    let d = r.diagnostics.iter().find(|d| d.code == Code::MissingColumn).unwrap();
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.sheet.as_str(), d.cell.as_str()), ("任务填报", "I3"));
    assert!(d.message.contains("完成状态"), "{}", d.message);
    assert_eq!(codes(&r), [Code::MissingColumn]);
    let raw = raw_of(&r);
    assert_eq!(raw.measures[0].status, RawCell::default());
    assert_eq!(text(&raw.measures[0].progress), "已开展培训");
}

#[test]
fn extra_column_is_a_warning_and_ignored() {
    let r = read(&workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.write_string(2, 9, "备注").unwrap();
        ws.write_string(3, 9, "额外内容").unwrap();
    }));
    assert_eq!(codes(&r), [Code::ExtraColumn]);
    let d = &r.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.sheet.as_str(), d.cell.as_str()), ("任务填报", "J3"));
    assert!(d.message.contains("备注"));
}

#[test]
fn missing_indicator_sheet_is_an_error() {
    let mut wb = Workbook::new();
    write_tasks(wb.add_worksheet().set_name(sheets::TASKS).unwrap(), 2, &IN_ORDER, &[ROW_A]);
    let r = read(&wb.save_to_buffer().unwrap());
    assert_eq!(codes(&r), [Code::MissingSheet]);
    assert_eq!(r.diagnostics[0].severity, Severity::Error);
    assert_eq!(r.diagnostics[0].sheet, "指标填报");
    assert_eq!(raw_of(&r).indicators_sheet, None);
}

#[test]
fn missing_task_sheet_still_gives_a_report() {
    let mut wb = Workbook::new();
    write_indicators(wb.add_worksheet().set_name(sheets::INDICATORS).unwrap());
    let r = read(&wb.save_to_buffer().unwrap());
    assert_eq!(codes(&r), [Code::MissingSheet]);
    assert_eq!(r.diagnostics[0].sheet, "任务填报");
    let raw = raw_of(&r);
    assert!(raw.measures.is_empty());
    assert_eq!(raw.indicators.len(), 1);
}

#[test]
fn unknown_layout() {
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "姓名").unwrap().write_string(0, 1, "年龄").unwrap();
    let r = read(&wb.save_to_buffer().unwrap());
    assert_eq!(r.kind, Kind::Unreadable);
    assert_eq!(codes(&r), [Code::UnknownLayout]);
    assert!(r.raw.is_none());
}

#[test]
fn summary_meta_is_a_summary() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("汇总总览").unwrap().write_string(0, 0, "汇总").unwrap();
    write_meta(wb.add_worksheet().set_name("_meta").unwrap(), jz_core::SUMMARY_FORMAT);
    let r = read(&wb.save_to_buffer().unwrap());
    assert_eq!(r.kind, Kind::Summary);
    assert!(r.raw.is_none());
    assert!(r.diagnostics.is_empty());
}

fn csv_text() -> String {
    let mut s = String::from(
        "焦作市知识产权填报表\n填报单位,孟州市,报告年度,2025,联系人,张三,联系电话,0391-8123456,填报日期,2026-01-20\n",
    );
    s.push_str(&TASK_COLUMNS.join(","));
    s.push('\n');
    s.push_str("2.1,任务二,\"举措甲，含逗号, 和引号\"\"\",孟州市,推进中,已开展培训,,继续推进,\n\n");
    s.push_str("2.2,任务二,举措乙,孟州市,已完成,已完成验收,无\n");
    s
}

fn check_csv(r: &ReadResult) {
    assert_eq!(r.format, Some(Format::Csv));
    assert_eq!(r.kind, Kind::Report);
    assert_eq!(codes(r), [Code::MissingSheet]);
    assert_eq!(r.diagnostics[0].severity, Severity::Warning);
    let raw = raw_of(r);
    assert_eq!(raw.tasks_sheet, "任务填报");
    assert_eq!(text(&raw.unit), "孟州市");
    assert_eq!(raw.date.value, CellValue::Text("2026-01-20".into()));
    assert_eq!(raw.measures.len(), 2);
    assert_eq!(text(&raw.measures[0].measure_text), "举措甲，含逗号, 和引号\"");
    assert_eq!(at(&raw.measures[1].id), "A6");
    assert_eq!(raw.measures[1].next_plan.value, CellValue::Empty);
}

#[test]
fn csv_utf8_bom_and_gbk() {
    let text = csv_text();
    check_csv(&read_unit_workbook(text.as_bytes(), "孟州市.csv", &Limits::default()));
    // Detected from the content even without the extension.
    check_csv(&read_unit_workbook(text.as_bytes(), "孟州市.txt", &Limits::default()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    check_csv(&read_unit_workbook(&bom, "孟州市.CSV", &Limits::default()));
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    check_csv(&read_unit_workbook(&gbk, "孟州市.csv", &Limits::default()));
}

#[test]
fn csv_with_tabs() {
    let text = csv_text().replace(',', "\t").replace("举措甲，含逗号\t 和引号", "举措甲，含逗号, 和引号");
    let r = read_unit_workbook(text.as_bytes(), "孟州市.tsv", &Limits::default());
    check_csv(&r);
}

#[test]
fn csv_without_header_is_unknown_layout() {
    let r = read_unit_workbook("a,b,c\n1,2,3\n".as_bytes(), "x.csv", &Limits::default());
    assert_eq!(codes(&r), [Code::UnknownLayout]);
}

use crate::unpack::tests::zip_of;

#[test]
fn docx_renamed_to_xlsx_is_not_a_workbook() {
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
        ("_rels/.rels", b"<Relationships/>"),
    ]);
    let r = read(&docx);
    assert_eq!(r.format, None);
    assert_eq!(codes(&r), [Code::NotAWorkbook]);
    assert!(r.diagnostics[0].message.contains("另存为 .xlsx"));
}

#[test]
fn truncated_and_damaged_xlsx_are_not_a_workbook() {
    let good = standard();
    for cut in [0, 4, 100, good.len() / 3, good.len() / 2, good.len() - 30, good.len() - 1] {
        let r = read(&good[..cut]);
        assert_eq!(r.kind, Kind::Unreadable, "cut at {cut}");
        assert_eq!(codes(&r), [Code::NotAWorkbook], "cut at {cut}");
    }
    // Bytes flipped here and there: never a panic, whatever comes out.
    let mut seed = 7u64;
    for _ in 0..40 {
        let mut bad = good.clone();
        for _ in 0..8 {
            let i = (next(&mut seed) as usize) % bad.len();
            bad[i] ^= next(&mut seed) as u8 | 1;
        }
        let _ = read(&bad);
    }
}

/// xorshift, for repeatable noise.
fn next(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

#[test]
fn random_bytes_are_not_a_workbook() {
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    for len in [1, 7, 100, 4096, 100_000] {
        let bytes: Vec<u8> = (0..len).map(|_| next(&mut seed) as u8).collect();
        for name in ["x.xlsx", "x.bin"] {
            let r = read_unit_workbook(&bytes, name, &Limits::default());
            assert_eq!(codes(&r), [Code::NotAWorkbook], "len {len} name {name}");
        }
        // Behind a real magic number.
        for magic in [&b"PK\x03\x04"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]] {
            let mut b = magic.to_vec();
            b.extend_from_slice(&bytes);
            assert_eq!(codes(&read(&b)), [Code::NotAWorkbook], "len {len}");
        }
    }
    assert_eq!(codes(&read_unit_workbook(b"", "x.csv", &Limits::default())), [Code::NotAWorkbook]);
}

#[test]
fn zip_bomb_is_too_large_quickly() {
    // One entry of 200 MB of zeros, deflated to about 200 KB.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("xl/workbook.xml", SimpleFileOptions::default()).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..200 {
        w.write_all(&chunk).unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let start = Instant::now();
    let r = read(&bomb);
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(r.diagnostics[0].message.contains("64 MB"));
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
}

#[test]
fn file_over_the_size_limit_is_too_large() {
    let limits = Limits { max_file_bytes: 1000, ..Limits::default() };
    let r = read_unit_workbook(&standard(), "x.xlsx", &limits);
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(r.diagnostics[0].message.contains("1000 字节"));
}

#[test]
fn sheet_over_the_cell_limit_is_too_large() {
    let bytes = workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        for r in 10..60 {
            for c in 0..9 {
                ws.write_number(r, c, 1.0).unwrap();
            }
        }
    });
    let limits = Limits { max_cells: 300, ..Limits::default() };
    let r = read_unit_workbook(&bytes, "x.xlsx", &limits);
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(r.diagnostics[0].message.contains("300"));
    // The same file within the default limits reads.
    assert_eq!(read(&bytes).kind, Kind::Report);
}

#[test]
fn huge_merged_range_is_too_large() {
    let bytes = workbook(|ws| {
        write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
        ws.write_string(999, 99, "远处").unwrap();
        ws.merge_range(10, 0, 999, 90, "大合并", &XFormat::new()).unwrap();
    });
    let limits = Limits { max_cells: 10_000, ..Limits::default() };
    assert_eq!(codes(&read_unit_workbook(&bytes, "x.xlsx", &limits)), [Code::TooLarge]);
}

#[test]
fn too_many_sheets() {
    let mut wb = Workbook::new();
    for _ in 0..5 {
        wb.add_worksheet();
    }
    let limits = Limits { max_sheets: 4, ..Limits::default() };
    let r = read_unit_workbook(&wb.save_to_buffer().unwrap(), "x.xlsx", &limits);
    assert_eq!(codes(&r), [Code::TooLarge]);
}

#[test]
#[ignore = "writes and reads a million-row workbook (slow)"]
fn million_rows_are_refused() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name(sheets::TASKS).unwrap();
    write_tasks(ws, 2, &IN_ORDER, &[ROW_A]);
    for r in 10..1_000_000 {
        ws.write_number(r, 0, 1.0).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let start = Instant::now();
    let r = read(&bytes);
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
}

/// The standard workbook plus a merged 任务内容 over B4:B5 and a TRUE in K6, converted
/// by LibreOffice (`soffice --headless --convert-to xls|ods`).
const LO_XLS: &[u8] = include_bytes!("../../tests-data/reader/standard.xls");
const LO_ODS: &[u8] = include_bytes!("../../tests-data/reader/standard.ods");

#[test]
fn xls_and_ods_from_libreoffice() {
    for (bytes, format) in [(LO_XLS, Format::Xls), (LO_ODS, Format::Ods)] {
        let r = read_unit_workbook(bytes, "unit.bin", &Limits::default());
        assert_eq!(r.format, Some(format));
        assert!(r.diagnostics.is_empty(), "{format:?} {:?}", r.diagnostics);
        let raw = raw_of(&r);
        assert_eq!(text(&raw.unit), "孟州市", "{format:?}");
        assert_eq!(text(&raw.phone), "0391-8123456", "{format:?}");
        assert_eq!(raw.date.value, CellValue::Date(46042.0), "{format:?}");
        assert_eq!(raw.measures.len(), 2, "{format:?}");
        assert_eq!(text(&raw.measures[1].id), "2.2");
        assert_eq!(at(&raw.measures[1].id), "A5");
        assert_eq!(text(&raw.measures[0].task_text), "任务二（合并）");
        assert_eq!(raw.indicators[0].value.value, CellValue::Number(5.0), "{format:?}");
        assert_eq!(raw.meta.as_ref().map(|m| m.unit.as_str()), Some("孟州市"));
    }
    // calamine exposes merged ranges for .xls (not for .ods).
    let raw = read_unit_workbook(LO_XLS, "unit.xls", &Limits::default()).raw.unwrap();
    assert_eq!(text(&raw.measures[1].task_text), "任务二（合并）");
}

/// Finds a BIFF record `typ` with `len` data bytes in the raw file.
fn find_record(bytes: &[u8], typ: u16, len: u16) -> usize {
    let mut pat = typ.to_le_bytes().to_vec();
    pat.extend_from_slice(&len.to_le_bytes());
    bytes.windows(4).position(|w| w == pat.as_slice()).expect("record present")
}

#[test]
fn xls_with_a_far_away_cell_is_too_large_not_an_abort() {
    // A LabelSst cell moved to row 65536, column 65281: calamine would allocate a dense
    // grid of four billion cells for it.
    let mut bad = LO_XLS.to_vec();
    let i = find_record(&bad, 0x00FD, 10) + 4;
    bad[i..i + 4].copy_from_slice(&[0xFF, 0xFF, 0x00, 0xFF]);
    let start = Instant::now();
    assert_eq!(codes(&read(&bad)), [Code::TooLarge]);
    assert!(start.elapsed() < Duration::from_secs(10));
    // A declared dimension of four billion rows.
    let mut bad = LO_XLS.to_vec();
    let i = find_record(&bad, 0x0200, 14) + 4;
    bad[i + 4..i + 8].copy_from_slice(&[0xFF; 4]);
    assert_eq!(codes(&read(&bad)), [Code::TooLarge]);
}

fn ods_with_content(content: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    w.start_file("META-INF/manifest.xml", SimpleFileOptions::default()).unwrap();
    w.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#)
        .unwrap();
    w.start_file("content.xml", SimpleFileOptions::default()).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn ods_with_huge_repeats_is_too_large_quickly() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="任务填报"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let start = Instant::now();
    assert_eq!(codes(&read(&ods_with_content(content))), [Code::TooLarge]);
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn handmade_ods_reads() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string"><text:p>联系人</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>完成状态</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>进展情况</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>2.1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>推进中</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-01-20"><text:p>2026-01-20</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let r = read(&ods_with_content(content));
    assert_eq!(r.format, Some(Format::Ods));
    let raw = raw_of(&r);
    assert_eq!(raw.tasks_sheet, "Sheet1");
    assert_eq!(text(&raw.contact), "张三");
    assert_eq!(raw.measures.len(), 1);
    assert_eq!(raw.measures[0].progress.value, CellValue::Date(46042.0));
    assert!(codes(&r).contains(&Code::MissingColumn));
}
