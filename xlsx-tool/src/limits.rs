//! Resource limits for reading one untrusted file, and the zip check that enforces them
//! before any workbook parser sees the bytes.
//!
//! Defaults (also stated in the README): a file may be at most 32 MiB; the parts of a
//! zip container (.xlsx .xlsb .ods) may inflate to at most 64 MiB all together; a sheet
//! that is read may hold at most 200,000 non-empty cells; a workbook may have at most
//! 200 sheets; a cell may hold at most 32,767 characters (Excel's own limit). Sizes declared inside a zip are never trusted: the check inflates every
//! part and counts the bytes that actually come out.

use std::io::{self, Cursor, Read, Write};

use jz_core::{Code, Diagnostic};

/// Resource limits for reading one untrusted file. Default values are stated in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (default 32 MiB).
    pub max_file_bytes: u64,
    /// Largest total of all inflated zip parts together, in bytes (default 64 MiB).
    pub max_inflated_bytes: u64,
    /// Most non-empty cells in one sheet that is read (default 200,000). Cells a merged
    /// range repeats count too.
    pub max_cells: usize,
    /// Most sheets in one workbook (default 200).
    pub max_sheets: usize,
    /// Most characters in one cell (default 32,767: Excel's own limit, so no workbook
    /// saved by Excel or WPS passes it).
    pub max_text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 32 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
            max_cells: 200_000,
            max_sheets: 200,
            max_text_chars: 32_767,
        }
    }
}

impl Limits {
    /// Largest area (rows × columns from the first to the last non-empty cell) a sheet
    /// may span: 16 × `max_cells`. Readers that build a dense grid (.xls, .ods) are
    /// refused before the grid gets larger than this.
    pub fn max_area(&self) -> u64 {
        (self.max_cells as u64).saturating_mul(16)
    }

    /// Most entries (parts) a zip container may have: 10 per allowed sheet plus 1,000.
    pub fn max_zip_entries(&self) -> usize {
        self.max_sheets.saturating_mul(10).saturating_add(1000)
    }
}

/// Excel's own largest sheet: rows.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// Excel's own largest sheet: columns.
pub const EXCEL_MAX_COLS: u32 = 16_384;

/// For zip containers (xlsx, xlsb, ods): inflates every entry with a counting reader
/// (into a sink) and stops as soon as the running total passes `max_inflated_bytes`;
/// the sizes the zip headers declare are never trusted. Also refuses more entries than
/// [`Limits::max_zip_entries`].
///
/// `Err` is a `too-large` diagnostic, or `not-a-workbook` when the zip is broken.
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), Diagnostic> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(file_too_large(limits));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    if archive.len() > limits.max_zip_entries() {
        return Err(too_large(format!(
            "文件内部包含 {} 个部件，超过了允许的 {} 个",
            archive.len(),
            limits.max_zip_entries()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| not_a_workbook())?;
        if entry.is_dir() {
            continue;
        }
        let is_sheet = entry.name().is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        // Read at most one byte past what is still allowed: enough to know it is too much.
        let remaining = limits.max_inflated_bytes.saturating_sub(total);
        let mut counter = CountingSink { count: 0, refs: is_sheet.then(RefGuard::default) };
        let copied = io::copy(&mut (&mut entry).take(remaining.saturating_add(1)), &mut counter);
        total = total.saturating_add(counter.count);
        if total > limits.max_inflated_bytes {
            return Err(inflated_too_large(limits));
        }
        if copied.is_err() || counter.refs.is_some_and(|g| g.bad) {
            return Err(not_a_workbook());
        }
    }
    Ok(())
}

/// A writer that only counts what is written to it and, for sheet parts, looks at the
/// cell references on the way.
struct CountingSink {
    count: u64,
    refs: Option<RefGuard>,
}

/// Spots cell references (`r="…"`, `ref="…"`, `sqref="…"`) that no spreadsheet writes —
/// more than 3 column letters or 7 row digits — and that make calamine 0.38 overflow its
/// column or row arithmetic (found by fuzzing). Streams: works across write boundaries.
#[derive(Debug, Default, Clone, Copy)]
struct RefGuard {
    /// The last bytes seen outside a reference, to spot the attribute name.
    window: [u8; 7],
    /// Inside a reference value.
    inside: bool,
    letters: u32,
    digits: u32,
    bad: bool,
}

impl RefGuard {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.inside {
                match b {
                    b'"' => self.inside = false,
                    b':' | b' ' => (self.letters, self.digits) = (0, 0),
                    b'A'..=b'Z' | b'a'..=b'z' if self.digits == 0 => self.letters += 1,
                    b'0'..=b'9' => self.digits += 1,
                    _ => {}
                }
                self.bad |= self.letters > 3 || self.digits > 7;
                continue;
            }
            self.window.rotate_left(1);
            self.window[6] = b;
            let w = &self.window;
            let after_space = |n: usize| w[6 - n].is_ascii_whitespace();
            if w.ends_with(b"sqref=\"")
                || (w.ends_with(b"ref=\"") && after_space(5))
                || (w.ends_with(b"r=\"") && after_space(3))
            {
                (self.inside, self.letters, self.digits) = (true, 0, 0);
            }
        }
    }
}

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.count = self.count.saturating_add(buf.len() as u64);
        if let Some(guard) = &mut self.refs {
            guard.feed(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The `not-a-workbook` diagnostic (whole file).
pub fn not_a_workbook() -> Diagnostic {
    Diagnostic::new(
        Code::NotAWorkbook,
        None,
        "无法读取该文件：它不是 Excel/WPS 表格（.xlsx/.xls/.xlsb/.ods）或 CSV 文件，可能已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送。",
    )
}

/// A `too-large` diagnostic (whole file); `what` says which limit was passed.
pub fn too_large(what: impl AsRef<str>) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        None,
        format!(
            "文件过大，无法读取：{}。填报表正常只有几十行，请使用本工具生成的填报表模板重新填写，删除多余的工作表、行、列和图片后另存为 .xlsx 再报送。",
            what.as_ref()
        ),
    )
}

/// `too-large` for a file over `max_file_bytes`.
pub fn file_too_large(limits: &Limits) -> Diagnostic {
    too_large(format!("文件大小超过了 {} 的上限", human_bytes(limits.max_file_bytes)))
}

/// `too-large` for zip parts inflating past `max_inflated_bytes`.
pub fn inflated_too_large(limits: &Limits) -> Diagnostic {
    too_large(format!("文件解压后的内容超过了 {} 的上限", human_bytes(limits.max_inflated_bytes)))
}

/// `too-large` for a cell holding more than `max_text_chars` characters.
pub fn text_too_large(place: impl AsRef<str>, limits: &Limits) -> Diagnostic {
    too_large(format!("{}中的文字超过了 {} 字（Excel 单元格的上限）", place.as_ref(), limits.max_text_chars))
}

/// Whether `s` has more than `max` characters (without counting a text that cannot).
pub fn too_many_chars(s: &str, max: usize) -> bool {
    s.len() > max && (s.len() > max.saturating_mul(4) || s.chars().count() > max)
}

/// Bytes as people read them (`32 MB`).
fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MB", n / MIB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} 字节")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    /// A zip of the given entries (shared by the reader's tests).
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn cell_references_no_spreadsheet_writes_are_refused() {
        let sheet = |xml: &str| zip_of(&[("xl/worksheets/sheet1.xml", xml.as_bytes())]);
        let ok = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="5"><c r="AB5" t="s"><v>1</v></c></row></sheetData><dataValidations><dataValidation operator="between" sqref="E4:E40 F4"/></dataValidations></worksheet>"#;
        assert!(check_zip(&sheet(ok), &Limits::default()).is_ok());
        for bad in [r#"<c r="ABCD1"/>"#, r#"<mergeCell ref="A1:justifyB7"/>"#, r#"<x sqref="A1 B123456789"/>"#] {
            let err = check_zip(&sheet(bad), &Limits::default()).err().map(|d| d.code);
            assert_eq!(err, Some(Code::NotAWorkbook), "{bad}");
        }
        // Outside sheet parts nothing is looked at.
        assert!(check_zip(&zip_of(&[("xl/styles.xml", br#"<c r="ABCD1"/>"#)]), &Limits::default()).is_ok());
    }

    #[test]
    fn small_zip_passes() {
        let z = zip_of(&[("a.xml", b"<a/>"), ("b.xml", &[b'x'; 1000])]);
        assert_eq!(check_zip(&z, &Limits::default()), Ok(()));
    }

    #[test]
    fn inflated_total_counts_all_entries() {
        let z = zip_of(&[("a", &[0u8; 600]), ("b", &[0u8; 600])]);
        let limits = Limits { max_inflated_bytes: 1000, ..Limits::default() };
        let d = check_zip(&z, &limits).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
        assert!(d.message.contains("1000 字节"), "{}", d.message);
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..30).map(|i| format!("f{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let limits = Limits { max_sheets: 0, ..Limits::default() };
        assert_eq!(limits.max_zip_entries(), 1000);
        assert_eq!(check_zip(&zip_of(&entries), &limits), Ok(()));
        let limits = Limits { max_sheets: 0, max_inflated_bytes: 10, ..Limits::default() };
        assert_eq!(check_zip(&zip_of(&entries), &limits).unwrap_err().code, Code::TooLarge);
    }

    #[test]
    fn broken_zip_is_not_a_workbook() {
        let z = zip_of(&[("a.xml", &[b'x'; 5000])]);
        for cut in [0, 10, z.len() / 2, z.len() - 5] {
            let d = check_zip(&z[..cut], &Limits::default()).unwrap_err();
            assert_eq!(d.code, Code::NotAWorkbook, "cut {cut}");
        }
    }

    #[test]
    fn file_size_limit() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let limits = Limits { max_file_bytes: 10, ..Limits::default() };
        let d = check_zip(&z, &limits).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
        assert!(d.message.contains("10 字节"));
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        assert!(!too_many_chars(&"长".repeat(32_767), 32_767));
        assert!(too_many_chars(&"长".repeat(32_768), 32_767));
        assert!(too_many_chars(&"x".repeat(200_000), 32_767));
        assert!(!too_many_chars("", 0));
        assert!(text_too_large("单元格 F4 ", &Limits::default()).message.contains("32767"));
    }

    #[test]
    fn messages_state_the_limit() {
        assert!(file_too_large(&Limits::default()).message.contains("32 MB"));
        assert!(inflated_too_large(&Limits::default()).message.contains("64 MB"));
    }
}
