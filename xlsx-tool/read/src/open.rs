//! The one guarded entry: every spreadsheet the project reads — a unit's workbook, a city
//! summary, a plan workbook — is opened here, and nowhere else is calamine called.
//!
//! In order, before any reader sees the bytes: the file's size against [`Limits`]; a
//! compound file's short last sector made whole; the zip's central directory parsed once;
//! empty files, web pages and encrypted workbooks named as such ([`sniff`]); the format taken
//! from the bytes; zip containers inflated within the limits into a private stored copy with
//! the calamine workarounds applied ([`crate::unpack`]); an .xls's Workbook stream, its
//! formulas emptied, in a compound file written here ([`guard::xls_formulas`]); the
//! prescans that refuse what calamine would panic on or build unbounded grids for
//! ([`guard::prescan`]). Only then is calamine opened, and the caller's reading runs
//! inside [`catch_quietly`] — a last line of defence natively; in wasm, where a panic is
//! an uncatchable trap, the rewrites and prescans are the defence.
//!
//! The Word annex is a document, not a spreadsheet: [`crate::plan_file`] opens it through
//! [`open_document`], which applies the same size and zip limits.

use std::io::Cursor;

use calamine::Reader;

use jz_core::Diagnostic;

use crate::format::{Format, detect_in};
use crate::grid::Book;
use crate::limits::{Limits, file_too_large, not_a_workbook, too_many_sheets};
use crate::quiet_panic::catch_quietly;
use crate::sheets::Sheets;
use crate::unpack::{Zip, open_zip, unpack_archive};
use crate::{guard, sniff};

/// A file refused before or while it was read: the format when it was known, and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refused {
    /// The detected format, `None` when the bytes are no known format.
    pub format: Option<Format>,
    /// The diagnostic to show (`not-a-workbook`, `too-large`, `encrypted`, …).
    pub diagnostic: Diagnostic,
}

impl Refused {
    fn new(format: Option<Format>, diagnostic: Diagnostic) -> Self {
        Refused { format, diagnostic }
    }
}

/// What the guarded entry hands to a reader: an open workbook, or the bytes of a text
/// file (CSV) that needs no spreadsheet reader.
pub(crate) enum Opened<'a> {
    /// A workbook opened by calamine, its sheets read within the whole-workbook limits.
    Book(Sheets<'a>),
    /// A comma- or tab-separated text file.
    Csv(&'a [u8]),
}

/// Opens `bytes` through every guard and runs `read` on the result; `read`'s own
/// diagnostics come back as [`Refused`] with the format.
pub(crate) fn open_workbook<R>(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
    read: impl FnOnce(Format, Opened<'_>) -> Result<R, Diagnostic>,
) -> Result<R, Refused> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Refused::new(None, file_too_large(limits)));
    }
    // A compound file (.xls) is read with its last sector whole (calamine 0.38 workaround).
    let padded = guard::cfb_padding::pad_last_sector(bytes);
    let bytes = padded.as_deref().unwrap_or(bytes);
    // A zip's central directory is parsed once, here, for the sniffing, the format and
    // the unpacking.
    let mut zip: Option<Zip<'_>> = if bytes.starts_with(b"PK\x03\x04") { open_zip(bytes) } else { None };
    if let Some(d) = sniff::refuse(bytes, zip.as_mut()) {
        return Err(Refused::new(None, d));
    }
    let format = detect_in(bytes, file_name, zip.as_mut()).ok_or_else(|| Refused::new(None, not_a_workbook()))?;
    let refused = |d| Refused::new(Some(format), d);
    let unpacked;
    let bytes = match (format, zip.as_mut()) {
        (Format::Csv, _) => return read(format, Opened::Csv(bytes)).map_err(refused),
        (Format::Xlsx | Format::Xlsb | Format::Ods, Some(archive)) => {
            unpacked = unpack_archive(archive, limits).map_err(refused)?;
            &unpacked[..]
        }
        (Format::Xlsx | Format::Xlsb | Format::Ods, None) => return Err(refused(not_a_workbook())),
        // An .xls: its Workbook stream, formulas emptied, in a container written here.
        (Format::Xls, _) => {
            unpacked = guard::xls_formulas::rewrite(bytes).map_err(refused)?;
            &unpacked[..]
        }
    };
    // The prescans: .xls and .ods before calamine builds their dense grids, .xlsb for the
    // records calamine 0.38 panics on; .xlsx needs none (its rewrites are in `unpack`).
    match format {
        Format::Xls => guard::prescan::check_xls(bytes, limits),
        Format::Ods => guard::prescan::check_ods(bytes, limits),
        Format::Xlsb => guard::xlsb_prescan::check(bytes),
        Format::Xlsx | Format::Csv => Ok(()),
    }
    .map_err(refused)?;
    // Last line of defence natively: calamine on hostile input may panic (silently: the
    // user gets the diagnostic, never the panic's English text).
    let guarded = catch_quietly(|| {
        let book: Book<'_> = open_book(bytes, format).ok_or_else(not_a_workbook)?;
        let count = book.sheet_names().len();
        if count > limits.max_sheets {
            return Err(too_many_sheets(count, limits));
        }
        read(format, Opened::Book(Sheets::new(book, limits)))
    });
    match guarded {
        Ok(result) => result.map_err(refused),
        Err(_) => Err(refused(not_a_workbook())),
    }
}

/// Opens a zip document (the Word annex) within `limits`: its size, then its central
/// directory, then an encrypted or empty file named as such. The XML parts are inflated by
/// the caller through [`Zip`] with the same limits ([`crate::plan_file`]).
#[cfg(feature = "word")]
pub(crate) fn open_document<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Zip<'a>, Diagnostic> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(file_too_large(limits));
    }
    let mut zip = open_zip(bytes);
    if let Some(d) = sniff::refuse(bytes, zip.as_mut()) {
        return Err(d);
    }
    zip.ok_or_else(not_a_workbook)
}

/// calamine's reader of `format` over the guarded bytes.
fn open_book(bytes: &[u8], format: Format) -> Option<Book<'_>> {
    let c = Cursor::new(bytes);
    Some(match format {
        Format::Xlsx => Book::Xlsx(Box::new(calamine::Xlsx::new(c).ok()?)),
        Format::Xlsb => Book::Xlsb(Box::new(calamine::Xlsb::new(c).ok()?)),
        Format::Xls => Book::Xls(Box::new(calamine::Xls::new(c).ok()?)),
        Format::Ods => Book::Ods(Box::new(calamine::Ods::new(c).ok()?)),
        Format::Csv => return None,
    })
}
