//! Tolerant reading of a unit's workbook (.xlsx .xls .xlsb .ods, or a .csv of the
//! `任务填报` sheet) into a [`RawReport`], within [`Limits`].
//!
//! The format is taken from the bytes, never from the file name alone. Sheets are
//! found by name, else by their header labels; the header row by its labels; columns by
//! label in any order. Nothing is interpreted here: values keep their cell positions and
//! [`jz_core::validate()`] judges them. Problems with the file itself come back as
//! diagnostics (`not-a-workbook`, `too-large`, `unknown-layout`, `missing-sheet`,
//! `missing-column`, `extra-column`); reading never panics and never hangs.

pub mod columns;
pub(crate) mod layout;
mod pick_sheets;
pub mod synonyms;
#[cfg(test)]
mod tests;

use jz_core::report::Meta;
use jz_core::{Code, Diagnostic, INDICATOR_COLUMNS, RawReport, Severity, TASK_COLUMNS, sheets};

use crate::csvgrid;
pub use crate::format::Format;
use crate::limits::Limits;
use crate::open::{Opened, Refused, open_workbook};
use crate::sheets::Sheets;
use columns::{HeaderView, Matcher};
use layout::{HEADER_SEARCH_ROWS, INDICATOR_KEYS, TASK_KEYS};
use pick_sheets::Found;
pub use synonyms::{Mapping, MappingError};

/// Columns a unit's own measures sheet may lack without an error (contract §15): those the
/// plan already knows (序号 once rows are matched by text, 任务内容, 责任单位) and the
/// optional ones.
pub const OWN_LAYOUT_OPTIONAL: [&str; 5] = ["序号", "任务内容", "责任单位", "存在问题", "佐证材料"];

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
    /// The measures sheet's header row as read (or, for a file of unknown layout, the
    /// likeliest header row of its first sheet): what the page's 对应列 step shows. Only
    /// with the `header-view` feature (default), else `None`.
    pub header: Option<HeaderView>,
}

impl ReadResult {
    fn unreadable(format: Option<Format>, diagnostic: Diagnostic) -> Self {
        ReadResult { format, kind: Kind::Unreadable, raw: None, diagnostics: vec![diagnostic], header: None }
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
    read_unit_workbook_with(bytes, file_name, limits, &Mapping::default())
}

/// [`read_unit_workbook`] with the person's own mapping of the file's headers to the
/// template's columns (contract §15).
pub fn read_unit_workbook_with(bytes: &[u8], file_name: &str, limits: &Limits, mapping: &Mapping) -> ReadResult {
    let read = |format, opened: Opened<'_>| match opened {
        Opened::Csv(bytes) => read_csv(bytes, limits, mapping),
        Opened::Book(sheets) => read_book(sheets, format, mapping),
    };
    match open_workbook(bytes, file_name, limits, read) {
        Ok(result) => result,
        Err(Refused { format, diagnostic }) => ReadResult::unreadable(format, diagnostic),
    }
}

fn read_book(mut sheets: Sheets<'_>, format: Format, mapping: &Mapping) -> Result<ReadResult, Diagnostic> {
    let meta_name = sheets.named(sheets::META);
    let meta = match &meta_name {
        Some(n) => Some(layout::read_meta(&sheets.read(n)?)),
        None => None,
    };
    if meta.as_ref().is_some_and(|m| m.format == jz_core::SUMMARY_FORMAT) {
        return Ok(ReadResult {
            format: Some(format),
            kind: Kind::Summary,
            raw: None,
            diagnostics: Vec::new(),
            header: None,
        });
    }
    let meta_name = meta_name.as_deref();
    let task_m = Matcher { labels: &TASK_COLUMNS, mapping };
    let tasks = pick_sheets::find(&mut sheets, sheets::TASKS, task_m, &TASK_KEYS, &[meta_name], true)?;
    let taken = tasks.as_ref().map(|f| f.grid.name.as_str());
    let ind_m = Matcher { labels: &INDICATOR_COLUMNS, mapping };
    let indicators =
        pick_sheets::find(&mut sheets, sheets::INDICATORS, ind_m, &INDICATOR_KEYS, &[meta_name, taken], false)?;
    let mut result = assemble(Some(format), tasks, indicators, meta, Severity::Error, mapping);
    if result.kind == Kind::Unreadable && cfg!(feature = "header-view") {
        // What the page can offer to map: the first sheet with a likely header row.
        for name in sheets.names().to_vec().iter().filter(|n| Some(n.as_str()) != meta_name) {
            let head = sheets.read_head(name, HEADER_SEARCH_ROWS)?;
            if let Some(view) = guess_view(&head, task_m) {
                result.header = Some(view);
                break;
            }
        }
    }
    Ok(result)
}

fn read_csv(bytes: &[u8], limits: &Limits, mapping: &Mapping) -> Result<ReadResult, Diagnostic> {
    let (text, _) = csvgrid::decode(bytes);
    let grid = csvgrid::parse(&text, sheets::TASKS, limits)?;
    let m = Matcher { labels: &TASK_COLUMNS, mapping };
    let found = layout::find_header_by(&grid, &TASK_COLUMNS, &TASK_KEYS, false, &|t| m.exact(t).map(|(i, _)| i))
        .map(|h| (h, false))
        .or_else(|| columns::own_header(&grid, m, HEADER_SEARCH_ROWS).map(|h| (h, true)));
    let guess = if found.is_none() { guess_view(&grid, m) } else { None };
    let tasks = found.map(|(header, own)| Found { grid, header, own });
    let mut result = assemble(Some(Format::Csv), tasks, None, None, Severity::Warning, mapping);
    result.header = result.header.or(guess);
    Ok(result)
}

/// For a sheet of unknown layout: its likeliest header row (the first of the top rows with
/// the most non-blank cells, at least two) as the 对应列 step shows it.
fn guess_view(grid: &crate::grid::Grid, m: Matcher<'_>) -> Option<HeaderView> {
    if !cfg!(feature = "header-view") {
        return None;
    }
    let (mut best, mut row) = (0, 0);
    for r in 0..layout::CONTACT_SEARCH_ROWS {
        let n = grid.row(r).filter(|(c, v)| !grid.is_covered(r, *c) && !v.is_blank()).count();
        if n > best {
            (best, row) = (n, r);
        }
    }
    if best < 2 {
        return None;
    }
    columns::map_columns(grid, row, m, &[], &mut Vec::new()).view
}

/// Builds the result from the sheets found. `missing_indicators` is the severity of a
/// missing indicators sheet (a warning for CSV, which cannot have one).
fn assemble(
    format: Option<Format>,
    tasks: Option<Found>,
    indicators: Option<Found>,
    meta: Option<Meta>,
    missing_indicators: Severity,
    mapping: &Mapping,
) -> ReadResult {
    if tasks.is_none() && indicators.is_none() {
        return ReadResult::unreadable(format, unknown_layout());
    }
    let mut diagnostics = Vec::new();
    let mut raw = RawReport { meta, ..RawReport::default() };
    let mut view = None;
    match tasks {
        Some(Found { grid, header, own }) => {
            let m = Matcher { labels: &TASK_COLUMNS, mapping };
            let optional: &[&str] = if own { &OWN_LAYOUT_OPTIONAL } else { &[] };
            let columns = columns::map_columns(&grid, header, m, optional, &mut diagnostics);
            let cols = columns.cols;
            view = columns.view;
            let ([unit, year, contact, phone, date], label_rows) = layout::contact_block(&grid, header);
            raw.unit = unit;
            raw.year = year;
            raw.contact = contact;
            raw.phone = phone;
            raw.date = date;
            raw.measures = layout::measure_rows(&grid, header, &cols, &label_rows);
            raw.tasks_sheet = grid.name;
        }
        None => diagnostics.push(Diagnostic::on_sheet(
            Code::MissingSheet,
            sheets::TASKS,
            "找不到“任务填报”工作表（表头应包含“序号”“完成状态”“进展情况”等列）。请使用本工具生成的填报表模板，不要删除这张工作表或改动它的表头。",
        )),
    }
    match indicators {
        Some(Found { grid, header, .. }) => {
            let m = Matcher { labels: &INDICATOR_COLUMNS, mapping };
            let cols = columns::map_columns(&grid, header, m, &[], &mut diagnostics).cols;
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
    ReadResult { format, kind: Kind::Report, raw: Some(raw), diagnostics, header: view }
}

/// The `unknown-layout` diagnostic (whole file).
fn unknown_layout() -> Diagnostic {
    Diagnostic::new(
        Code::UnknownLayout,
        None,
        "无法识别该文件：找不到“任务填报”表格（表头应包含“序号”“完成状态”“进展情况”等列），它看起来不是本工具的填报表。请使用本工具生成的填报表模板填写后再报送。",
    )
}
