//! Tolerant reading of a unit's workbook (.xlsx .xls .xlsb .ods, or a .csv of the
//! `任务填报` sheet) into a [`RawReport`], within [`Limits`].
//!
//! The format is taken from the bytes, never from the file name alone. Sheets are
//! found by name, else by their header labels; the header row by its labels; columns by
//! label in any order. Nothing is interpreted here: values keep their cell positions and
//! [`jz_core::validate()`] judges them. Problems with the file itself come back as
//! diagnostics (`not-a-workbook`, `too-large`, `unknown-layout`, `missing-sheet`,
//! `missing-column`, `extra-column`); reading never panics and never hangs.

mod cfb;
mod choose;
mod csvgrid;
pub(crate) mod grid;
pub(crate) mod guard;
pub(crate) mod layout;
pub(crate) use guard::prescan;
mod sniff;
#[cfg(test)]
mod tests;

use std::io::{Cursor, Read};

use calamine::Reader;
use jz_core::report::Meta;
use jz_core::{Code, Diagnostic, INDICATOR_COLUMNS, RawReport, Severity, TASK_COLUMNS, sheets};

use crate::limits::{Limits, file_too_large, not_a_workbook};
use crate::unpack::{Zip, open_zip, unpack_archive};
use choose::{Found, Sheets};
use grid::Book;
use layout::{INDICATOR_KEYS, TASK_KEYS};

/// The container format of a file, as detected from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97-2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma- or tab-separated text.
    Csv,
}

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

/// The result of [`read_report`].
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

/// Reads a unit workbook from bytes. Never panics, never hangs; bounded memory via Limits.
pub fn read_report(bytes: &[u8], file_name: &str, limits: &Limits) -> ReadResult {
    if bytes.len() as u64 > limits.max_file_bytes {
        return ReadResult::unreadable(None, file_too_large(limits));
    }
    // A compound file (.xls) is read with its last sector whole (calamine 0.38 workaround).
    let padded = guard::cfb_padding::pad_last_sector(bytes);
    let bytes = padded.as_deref().unwrap_or(bytes);
    // A zip's central directory is parsed once, here, for the sniffing, the format and
    // the unpacking.
    let mut zip = if bytes.starts_with(b"PK\x03\x04") { open_zip(bytes) } else { None };
    // Empty files, web pages and encrypted workbooks, named as such before any reader.
    if let Some(d) = sniff::refuse(bytes, zip.as_mut()) {
        return ReadResult::unreadable(None, d);
    }
    let format = match detect_in(bytes, file_name, zip.as_mut()) {
        Some(f) => f,
        None => return ReadResult::unreadable(None, not_a_workbook()),
    };
    // Zip containers are inflated once, within the limits, and read from there.
    let unpacked;
    let bytes = match (format, zip.as_mut()) {
        (Format::Xlsx | Format::Xlsb | Format::Ods, Some(archive)) => match unpack_archive(archive, limits) {
            Ok(stored) => {
                unpacked = stored;
                &unpacked
            }
            Err(d) => return ReadResult::unreadable(Some(format), d),
        },
        (Format::Xlsx | Format::Xlsb | Format::Ods, None) => {
            return ReadResult::unreadable(Some(format), not_a_workbook());
        }
        (Format::Xls | Format::Csv, _) => bytes,
    };
    // Last line of defence: calamine on hostile input may panic (silently: the user
    // gets the diagnostic, never the panic's English text).
    match crate::quiet_panic::catch_quietly(|| read_detected(bytes, format, limits)) {
        Ok(result) => result,
        Err(_) => ReadResult::unreadable(Some(format), not_a_workbook()),
    }
}

/// Detects the format from the bytes (the name only decides for text files).
pub fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
    let mut zip = if bytes.starts_with(b"PK\x03\x04") { open_zip(bytes) } else { None };
    detect_in(bytes, file_name, zip.as_mut())
}

/// [`detect`], with the zip `bytes` hold when they start like one already opened.
fn detect_in(bytes: &[u8], file_name: &str, zip: Option<&mut Zip<'_>>) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(zip?);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Format::Xls);
    }
    if bytes.is_empty() || bytes.contains(&0) {
        return None;
    }
    let named_csv = file_name.to_lowercase().ends_with(".csv");
    (named_csv || csvgrid::looks_like_csv(bytes)).then_some(Format::Csv)
}

/// Which workbook a zip holds, by its entries.
fn detect_zip(archive: &mut Zip<'_>) -> Option<Format> {
    if let Ok(entry) = archive.by_name("mimetype") {
        let mut head = Vec::new();
        // The mimetype entry is a few dozen bytes; never read more than 200.
        if entry.take(200).read_to_end(&mut head).is_ok()
            && String::from_utf8_lossy(&head).contains("opendocument.spreadsheet")
        {
            return Some(Format::Ods);
        }
    }
    let has = |wanted: &str| {
        archive.file_names().any(|n| n.is_ok_and(|n| crate::unpack::part_name(&n).eq_ignore_ascii_case(wanted)))
    };
    if has("xl/workbook.bin") {
        Some(Format::Xlsb)
    } else if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else {
        None
    }
}

fn read_detected(bytes: &[u8], format: Format, limits: &Limits) -> ReadResult {
    let result = match format {
        Format::Csv => read_csv(bytes, limits),
        _ => read_book(bytes, format, limits),
    };
    match result {
        Ok(r) => r,
        Err(d) => ReadResult::unreadable(Some(format), d),
    }
}

pub(crate) fn open(bytes: &[u8], format: Format) -> Option<Book<'_>> {
    let c = Cursor::new(bytes);
    Some(match format {
        Format::Xlsx => Book::Xlsx(Box::new(calamine::Xlsx::new(c).ok()?)),
        Format::Xlsb => Book::Xlsb(Box::new(calamine::Xlsb::new(c).ok()?)),
        Format::Xls => Book::Xls(Box::new(calamine::Xls::new(c).ok()?)),
        Format::Ods => Book::Ods(Box::new(calamine::Ods::new(c).ok()?)),
        Format::Csv => return None,
    })
}

fn read_book(bytes: &[u8], format: Format, limits: &Limits) -> Result<ReadResult, Diagnostic> {
    // calamine builds dense grids of .xls and .ods sheets when it opens them: check first.
    match format {
        Format::Xls => prescan::check_xls(bytes, limits)?,
        Format::Ods => prescan::check_ods(bytes, limits)?,
        _ => {}
    }
    let book = open(bytes, format).ok_or_else(not_a_workbook)?;
    let count = book.sheet_names().len();
    if count > limits.max_sheets {
        return Err(crate::limits::too_many_sheets(count, limits));
    }
    let mut sheets = Sheets::new(book, limits);
    let meta_name = sheets.named(sheets::META);
    let meta = match &meta_name {
        Some(n) => Some(layout::read_meta(&sheets.read(n)?)),
        None => None,
    };
    if meta.as_ref().is_some_and(|m| m.format == jz_core::SUMMARY_FORMAT) {
        return Ok(ReadResult { format: Some(format), kind: Kind::Summary, raw: None, diagnostics: Vec::new() });
    }
    let meta_name = meta_name.as_deref();
    let tasks = sheets.find(sheets::TASKS, &TASK_COLUMNS, &TASK_KEYS, &[meta_name])?;
    let taken = tasks.as_ref().map(|f| f.grid.name.as_str());
    let indicators = sheets.find(sheets::INDICATORS, &INDICATOR_COLUMNS, &INDICATOR_KEYS, &[meta_name, taken])?;
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
