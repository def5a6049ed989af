//! Tolerant reading of a unit's workbook (.xlsx .xls .xlsb .ods, or a .csv of the
//! `任务填报` sheet) into a [`RawReport`], within [`Limits`].
//!
//! The format is taken from the bytes, never from the file name alone. Sheets are
//! found by name, else by their header labels; the header row by its labels; columns by
//! label in any order. Nothing is interpreted here: values keep their cell positions and
//! [`jz_core::validate()`] judges them. Problems with the file itself come back as
//! diagnostics (`not-a-workbook`, `too-large`, `unknown-layout`, `missing-sheet`,
//! `missing-column`, `extra-column`); reading never panics and never hangs.

pub(crate) mod layout;
mod pick_sheets;
#[cfg(test)]
mod tests;

use jz_core::report::Meta;
use jz_core::{Code, Diagnostic, INDICATOR_COLUMNS, RawReport, Severity, TASK_COLUMNS, sheets};

use crate::csvgrid;
pub use crate::format::Format;
use crate::limits::Limits;
use crate::open::{Opened, Refused, open_workbook};
use crate::sheets::Sheets;
use layout::{INDICATOR_KEYS, TASK_KEYS};
use pick_sheets::Found;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A unit's report (possibly with errors).
    Report,
    /// A city summary made by this tool: its `_meta` says `format = jz-ip-summary`.
    Summary,
    /// Not readable as a report: see the diagnostics.
    Unreadable,
}

/// The result of [`read_unit_workbook`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReadResult {
    /// The detected format, `None` when the bytes are no known format.
    pub format: Option<Format>,
    /// What the file is.
    pub kind: Kind,
    /// The report as read; `Some` whenever the measures sheet (or CSV grid) or the
    /// indicators sheet was found, even if `diagnostics` hold errors.
    pub raw: Option<RawReport>,
    /// Problems with the file's structure (contents are judged later by validation).
    pub diagnostics: Vec<Diagnostic>,
}

impl ReadResult {
    fn unreadable(format: Option<Format>, diagnostic: Diagnostic) -> Self {
        ReadResult { format, kind: Kind::Unreadable, raw: None, diagnostics: vec![diagnostic] }
    }
}

/// Reads a unit workbook from bytes through the guarded entry (module `open`). Never
/// panics, never hangs; memory and time bounded by `limits`.
///
/// # Examples
///
/// ```
/// let result = jz_read::read_unit_workbook(b"not a workbook", "x.xlsx", &jz_read::Limits::default());
/// assert_eq!(result.kind, jz_read::unit_workbook::Kind::Unreadable);
/// assert!(result.diagnostics[0].message.contains("无法"));
/// ```
pub fn read_unit_workbook(bytes: &[u8], file_name: &str, limits: &Limits) -> ReadResult {
    let read = |format, opened: Opened<'_>| match opened {
        Opened::Csv(bytes) => read_csv(bytes, limits),
        Opened::Book(sheets) => read_book(sheets, format),
    };
    match open_workbook(bytes, file_name, limits, read) {
        Ok(result) => result,
        Err(Refused { format, diagnostic }) => ReadResult::unreadable(format, diagnostic),
    }
}

fn read_book(mut sheets: Sheets<'_>, format: Format) -> Result<ReadResult, Diagnostic> {
    let meta_name = sheets.named(sheets::META);
    let meta = match &meta_name {
        Some(n) => Some(layout::read_meta(&sheets.read(n)?)),
        None => None,
    };
    if meta.as_ref().is_some_and(|m| m.format == jz_core::SUMMARY_FORMAT) {
        return Ok(ReadResult { format: Some(format), kind: Kind::Summary, raw: None, diagnostics: Vec::new() });
    }
    let meta_name = meta_name.as_deref();
    let tasks = pick_sheets::find(&mut sheets, sheets::TASKS, &TASK_COLUMNS, &TASK_KEYS, &[meta_name])?;
    let taken = tasks.as_ref().map(|f| f.grid.name.as_str());
    let indicators =
        pick_sheets::find(&mut sheets, sheets::INDICATORS, &INDICATOR_COLUMNS, &INDICATOR_KEYS, &[meta_name, taken])?;
    Ok(assemble(Some(format), tasks, indicators, meta, Severity::Error))
}

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<ReadResult, Diagnostic> {
    let (text, _) = csvgrid::decode(bytes);
    let grid = csvgrid::parse(&text, sheets::TASKS, limits)?;
    let tasks = layout::find_header(&grid, &TASK_COLUMNS, &TASK_KEYS, false).map(|header| Found { grid, header });
    Ok(assemble(Some(Format::Csv), tasks, None, None, Severity::Warning))
}

/// Builds the result from the sheets found. `missing_indicators` is the severity of a
/// missing indicators sheet (a warning for CSV, which cannot have one).
fn assemble(
    format: Option<Format>,
    tasks: Option<Found>,
    indicators: Option<Found>,
    meta: Option<Meta>,
    missing_indicators: Severity,
) -> ReadResult {
    if tasks.is_none() && indicators.is_none() {
        return ReadResult::unreadable(format, unknown_layout());
    }
    let mut diagnostics = Vec::new();
    let mut raw = RawReport { meta, ..RawReport::default() };
    match tasks {
        Some(Found { grid, header }) => {
            let cols = layout::map_columns(&grid, header, &TASK_COLUMNS, &mut diagnostics);
            let [unit, year, contact, phone, date] = layout::contact_block(&grid, header);
            raw.unit = unit;
            raw.year = year;
            raw.contact = contact;
            raw.phone = phone;
            raw.date = date;
            raw.measures = layout::measure_rows(&grid, header, &cols);
            raw.tasks_sheet = grid.name;
        }
        None => diagnostics.push(Diagnostic::on_sheet(
            Code::MissingSheet,
            sheets::TASKS,
            "找不到“任务填报”工作表（表头应包含“序号”“完成状态”“进展情况”等列）。请使用本工具生成的填报表模板，不要删除这张工作表或改动它的表头。",
        )),
    }
    match indicators {
        Some(Found { grid, header }) => {
            let cols = layout::map_columns(&grid, header, &INDICATOR_COLUMNS, &mut diagnostics);
            raw.indicators = layout::indicator_rows(&grid, header, &cols);
            raw.indicators_sheet = Some(grid.name);
        }
        None => {
            let message = if missing_indicators == Severity::Warning {
                "CSV 文件只能包含“任务填报”一张表，量化指标没有被读取。如需报送量化指标，请使用本工具生成的 .xlsx 填报表。"
            } else {
                "找不到“指标填报”工作表（表头应包含“指标编号”“本年度完成值”等列）。请使用本工具生成的填报表模板，不要删除这张工作表或改动它的表头。"
            };
            diagnostics.push(
                Diagnostic::on_sheet(Code::MissingSheet, sheets::INDICATORS, message).with_severity(missing_indicators),
            );
        }
    }
    ReadResult { format, kind: Kind::Report, raw: Some(raw), diagnostics }
}

/// The `unknown-layout` diagnostic (whole file).
fn unknown_layout() -> Diagnostic {
    Diagnostic::new(
        Code::UnknownLayout,
        None,
        "无法识别该文件：找不到“任务填报”表格（表头应包含“序号”“完成状态”“进展情况”等列），它看起来不是本工具的填报表。请使用本工具生成的填报表模板填写后再报送。",
    )
}
