//! Resource limits for reading one untrusted file, and the diagnostics that say a limit
//! was passed.
//!
//! Defaults (also stated in the README): a file may be at most 32 MiB; the parts of a
//! zip container (.xlsx .xlsb .ods) may inflate to at most 64 MiB all together; a sheet
//! that is read may hold at most 200,000 non-empty cells, and all the sheets read
//! together at most 400,000; a workbook may have at most 200 sheets, spanning at most
//! 3,200,000 cells together where the reader builds every sheet densely (.xls, .ods); a
//! cell may hold at most 32,767 characters (Excel's own limit). Sizes
//! declared inside a zip are never trusted: [`crate::unpack::unpack_zip`] counts the
//! bytes that actually come out.

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
    /// Most non-empty cells in all the sheets of a workbook together (default 400,000):
    /// every sheet for .xls and .ods, whose reader builds them all when it opens the
    /// file; the sheets actually read for the other formats.
    pub max_total_cells: usize,
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
            max_total_cells: 400_000,
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

    /// The limits for a city summary read back (`read`, earlier summaries in a merge): it
    /// lists every source file, so it may be larger than a unit workbook (128 MiB file,
    /// 256 MiB inflated, 400,000 cells in a sheet and 1,000,000 in all — a merge of 1,000
    /// files writes about 60,000); it is still untrusted input.
    pub fn summary() -> Self {
        Limits {
            max_file_bytes: 128 << 20,
            max_inflated_bytes: 256 << 20,
            max_cells: 400_000,
            max_total_cells: 1_000_000,
            ..Limits::default()
        }
    }

    /// Largest area all the sheets of a workbook may span together, where the reader
    /// builds a dense grid of every sheet when it opens the file (.xls, .ods): the same
    /// as one sheet's [`Limits::max_area`]. calamine holds each grid as 32-byte values
    /// (plus a grid of formulas), so this bounds what it holds to about 180 MB.
    pub fn max_total_area(&self) -> u64 {
        self.max_area()
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

/// `too-large` for a workbook with more than `max_sheets` sheets.
pub fn too_many_sheets(count: usize, limits: &Limits) -> Diagnostic {
    too_large(format!("工作簿有 {count} 张工作表，超过了 {} 张的上限", limits.max_sheets))
}

/// `too-large` for a workbook whose sheets together pass `max_total_area` or
/// `max_total_cells`.
pub fn workbook_too_large(limits: &Limits) -> Diagnostic {
    too_large(format!(
        "所有工作表合计使用的区域超过了 {} 个单元格，或非空单元格合计超过了 {} 个的上限",
        limits.max_total_area(),
        limits.max_total_cells
    ))
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
mod tests {
    use super::*;

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
