//! The unit's workbook (填报表, contract §4): the blank template and the same workbook
//! re-made with a report's values filled in and its diagnostics marked at their cells.
//!
//! Output is deterministic: the document date comes from the year, never the clock, so
//! the same plan, unit and year always give the same bytes.

use jz_core::{Diagnostic, Plan, Report, sheets};
use rust_xlsxwriter::Workbook;

pub use jz_core::text::annotated_name;

use crate::Error;
use crate::sheet_format::properties;

mod help;
mod indicators;
mod paper;
mod problems;
mod rows;
mod style;
mod tasks;

/// Zero-based row of the contact block on `任务填报`.
pub const CONTACT_ROW: u32 = 1;
/// Zero-based row of the header on `任务填报`.
pub const TASK_HEADER_ROW: u32 = 2;
/// Zero-based row of the header on `指标填报`.
pub const INDICATOR_HEADER_ROW: u32 = 0;

/// Column widths of `任务填报` (A..I); J is the date value of the contact block.
///
/// Chosen for paper (contract §13): the ten columns take 809 pt at 100 % in Excel (880 in
/// LibreOffice), so A4 landscape (784 pt inside the margins) prints them one page wide at
/// 97 % (89 %), the 11 pt body at 10.7 pt (9.8 pt). 任务内容 repeats the task on every row and stays narrow; 进展情况 gets the most.
const TASK_WIDTHS: [f64; 10] = [5.0, 10.0, 26.0, 9.0, 9.0, 34.0, 16.0, 16.0, 12.0, 11.0];
/// Column widths of `指标填报` (A..F).
const INDICATOR_WIDTHS: [f64; 6] = [10.0, 36.0, 10.0, 10.0, 16.0, 40.0];

/// Blank workbook for `unit` (canonical or any accepted spelling) and `year`.
///
/// The bytes are deterministic: the document creation date is `{year}-12-01`.
///
/// # Errors
/// [`Error::UnknownUnit`] when the plan does not know the unit, [`Error::BadYear`] when the
/// year is not a reporting year of the plan, [`Error::Write`] if the workbook cannot be built.
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// // Any accepted spelling of the unit works; the bytes are an .xlsx to save or send.
/// let xlsx = xlsx_tool::template::template(&plan, "焦作市人民检察院", 2025)?;
/// assert!(xlsx.starts_with(b"PK"));
/// assert_eq!(xlsx, xlsx_tool::template::template(&plan, "检察院", 2025)?);
///
/// assert!(matches!(
///     xlsx_tool::template::template(&plan, "郑州市", 2025),
///     Err(xlsx_tool::Error::UnknownUnit { .. })
/// ));
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn template(plan: &Plan, unit: &str, year: u16) -> Result<Vec<u8>, Error> {
    build(plan, unit, year, None, &[])
}

/// The unit's workbook re-made from the template with the values of `report` filled in and
/// every diagnostic marked: the cell it is anchored at is filled red (errors) or yellow
/// (warnings) and carries a note with the message(s); diagnostics without an anchor (or whose
/// cell is not in the workbook) go into a note on the title cell A1.
///
/// Everything the unit typed is kept exactly, including invalid texts; measure and indicator
/// entries that are not in the unit's plan rows (unknown, not assigned, duplicated) are
/// appended after the plan rows. With no diagnostics this is the "corrected workbook".
///
/// # Errors
/// As [`template`].
pub fn filled(
    plan: &Plan,
    report: &Report,
    unit: &str,
    year: u16,
    diagnostics: &[Diagnostic],
) -> Result<Vec<u8>, Error> {
    build(plan, unit, year, Some(report), diagnostics)
}

/// The canonical unit name, or the reason it cannot be used.
fn check<'a>(plan: &'a Plan, unit: &str, year: u16) -> Result<&'a str, Error> {
    let canonical = plan
        .resolve_unit(unit)
        .ok_or_else(|| Error::UnknownUnit { unit: unit.to_string(), examples: plan.example_units(true) })?;
    if !plan.has_year(i64::from(year)) {
        return Err(Error::BadYear { year: i64::from(year), first: plan.first_year, last: plan.last_year });
    }
    Ok(canonical)
}

/// The title of the `任务填报` sheet (names the plan's 地区).
pub fn title(plan: &Plan, year: u16) -> String {
    plan.template_title(year)
}

// ---------------------------------------------------------------------------------------
// The workbook.
// ---------------------------------------------------------------------------------------

fn build(plan: &Plan, unit: &str, year: u16, report: Option<&Report>, diags: &[Diagnostic]) -> Result<Vec<u8>, Error> {
    let unit = check(plan, unit, year)?;
    let measures = rows::measure_rows(plan, unit, report);
    let indicators = rows::indicator_rows(plan, unit, report);
    let marks = rows::place(diags, &measures, &indicators);
    let styles = style::Styles::new();

    let mut wb = Workbook::new();
    wb.set_properties(&properties(&format!("{}（{unit}）", title(plan, year)), year, 12, 1)?);

    let ws = wb.add_worksheet();
    ws.set_name(sheets::TASKS)?;
    tasks::write_tasks(ws, unit, (plan, year), report, &measures, &marks, &styles)?;
    paper::unit_pages(ws, plan, unit, year);

    let ws = wb.add_worksheet();
    ws.set_name(sheets::INDICATORS)?;
    indicators::write_indicators(ws, &indicators, &marks, &styles)?;
    paper::unit_pages(ws, plan, unit, year);

    let ws = wb.add_worksheet();
    ws.set_name(sheets::HELP)?;
    help::write_help(ws, plan, unit, year, &styles)?;

    // The annotated copy: the notes once more, as a sheet that prints at the end.
    if !diags.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(problems::PROBLEMS_SHEET)?;
        problems::write_problems(ws, &marks, &styles)?;
    }

    crate::meta::write_report_meta(&mut wb, plan, unit, year)?;

    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
pub(crate) mod tests;
