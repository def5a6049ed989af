//! Writing the hidden `_meta` sheet of the unit workbook and the city summary (contract
//! §4, §7). Its layout and keys are described, and read back, in [`jz_read::summary::meta`].

use jz_core::progress::to_json;
use jz_core::{FORMAT_VERSION, Merge, Plan, REPORT_FORMAT, SUMMARY_FORMAT, sheets};
use jz_read::summary::meta::{META_REMINDER, META_SUPERVISION, outcome_key};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// `xlsx-tool <version>`.
pub(crate) fn generated_by() -> String {
    format!("xlsx-tool {}", env!("CARGO_PKG_VERSION"))
}

/// Key–value rows from row 0 on; returns the next free row.
fn write_pairs(ws: &mut Worksheet, pairs: &[(&str, String)]) -> Result<u32, XlsxError> {
    for (row, (key, value)) in pairs.iter().enumerate() {
        ws.write_string(row as u32, 0, *key)?;
        ws.write_string(row as u32, 1, value)?;
    }
    Ok(pairs.len() as u32)
}

// ---------------------------------------------------------------------------------------
// The unit workbook.
// ---------------------------------------------------------------------------------------

/// Adds the unit workbook's hidden, protected `_meta` sheet.
pub(crate) fn write_report_meta(wb: &mut Workbook, plan: &Plan, unit: &str, year: u16) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let meta = [
        ("format", REPORT_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("plan_id", plan.id.clone()),
        ("plan_hash", plan.hash.clone()),
        ("unit", unit.to_string()),
        ("year", year.to_string()),
        ("generated_by", generated_by()),
    ];
    write_pairs(ws, &meta)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The summary.
// ---------------------------------------------------------------------------------------

/// Adds the summary's hidden `_meta` sheet (the last sheet).
pub(crate) fn write_summary_meta(wb: &mut Workbook, merge: &Merge) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let s = &merge.summary;
    let meta = [
        ("format", SUMMARY_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("year", s.year.to_string()),
        ("plan_id", s.plan_id.clone()),
        ("plan_hash", s.plan_hash.clone()),
        ("generated_by", generated_by()),
    ];
    write_pairs(ws, &meta)?;
    for (i, f) in merge.files.iter().enumerate() {
        let row = (meta.len() + i) as u32;
        ws.write_string(row, 0, "file")?;
        ws.write_string(row, 1, &f.submission.path)?;
        ws.write_string(row, 2, &f.submission.sha256)?;
        ws.write_string(row, 3, outcome_key(f.outcome))?;
    }
    // The multi-year view and the data behind it, so `read` and later merges get them back.
    let mut row = (meta.len() + merge.files.len()) as u32;
    let years: Vec<String> = s.years.iter().map(u16::to_string).collect();
    ws.write_string(row, 0, "years")?;
    ws.write_string(row, 1, years.join(","))?;
    row += 1;
    for path in &s.summaries {
        ws.write_string(row, 0, "summary")?;
        ws.write_string(row, 1, path)?;
        row += 1;
    }
    for p in &s.progress {
        ws.write_string(row, 0, "progress")?;
        ws.write_string(row, 1, to_json(p))?;
        row += 1;
    }
    for t in &s.trend {
        ws.write_string(row, 0, "trend")?;
        ws.write_string(row, 1, to_json(t))?;
        row += 1;
    }
    // 变更记录 rows are read back from their sheet: not repeated here (a 1,000-file merge
    // wrote 10,776 rows twice); `change` rows of older summaries are still read.
    for skipped in &s.skipped {
        ws.write_string(row, 0, "skipped")?;
        ws.write_string(row, 1, &skipped.path)?;
        ws.write_string(row, 2, &skipped.reason)?;
        row += 1;
    }
    for d in &merge.history {
        for (unit, data) in &d.units {
            ws.write_string(row, 0, "history")?;
            ws.write_number(row, 1, f64::from(d.year))?;
            ws.write_string(row, 2, unit)?;
            ws.write_string(row, 3, to_json(data))?;
            row += 1;
        }
    }
    for r in &s.supervision {
        ws.write_string(row, 0, META_SUPERVISION)?;
        ws.write_string(row, 1, to_json(r))?;
        row += 1;
    }
    for r in &s.reminders {
        ws.write_string(row, 0, META_REMINDER)?;
        ws.write_string(row, 1, to_json(r))?;
        row += 1;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 66)?;
    ws.set_hidden(true);
    Ok(())
}
