//! The container format of a file, taken from its bytes (the name only decides for text).

use std::io::Read;

use crate::unpack::{Zip, open_zip, part_name};

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

/// Detects the format from the bytes (the name only decides for text files).
pub fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
    let mut zip = if bytes.starts_with(b"PK\x03\x04") { open_zip(bytes) } else { None };
    detect_in(bytes, file_name, zip.as_mut())
}

/// [`detect`], with the zip `bytes` hold when they start like one already opened.
pub(crate) fn detect_in(bytes: &[u8], file_name: &str, zip: Option<&mut Zip<'_>>) -> Option<Format> {
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
    (named_csv || crate::csvgrid::looks_like_csv(bytes)).then_some(Format::Csv)
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
    let has = |wanted: &str| archive.file_names().any(|n| n.is_ok_and(|n| part_name(&n).eq_ignore_ascii_case(wanted)));
    if has("xl/workbook.bin") {
        Some(Format::Xlsb)
    } else if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else {
        None
    }
}
