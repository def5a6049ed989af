//! Which files a unit may send, and what is done with every other file found in a folder
//! (contract §6: folders are scanned for every spreadsheet extension; nothing is silently
//! skipped).
//!
//! The name logic here is pure, so the CLI, the wasm module and the page ask the same
//! question the same way ([`SPREADSHEET_EXTENSIONS`], [`is_spreadsheet_name`],
//! [`skip_reason`]). Reading from disk (bounded, refusing what is not a regular file) is
//! in [`disk`]: it is the CLI's edge, the library itself works on bytes.

pub mod disk;

pub use jz_core::merge::Skipped;

/// Every extension (lower case, without the dot) a unit's workbook may have: Excel
/// (.xlsx, with macros .xlsm, templates .xltx/.xltm, 97-2003 .xls, binary .xlsb), WPS
/// (.et), OpenDocument (.ods) and CSV. Matched in any case.
pub const SPREADSHEET_EXTENSIONS: [&str; 9] = ["xlsx", "xlsm", "xltx", "xltm", "xls", "et", "xlsb", "ods", "csv"];

/// Largest `~$` file taken for an Excel/WPS lock file (Excel writes 165 bytes, WPS 162):
/// a larger file with such a name is read like any other spreadsheet.
pub const LOCK_FILE_MAX_BYTES: u64 = 4096;

/// Whether a file name ends in one of [`SPREADSHEET_EXTENSIONS`], in any case.
///
/// ```
/// use jz_read::inputs::is_spreadsheet_name;
/// assert!(is_spreadsheet_name("孟州市_2025年度填报表.XLSM"));
/// assert!(is_spreadsheet_name("报表.et"));
/// assert!(!is_spreadsheet_name("说明.docx"));
/// assert!(!is_spreadsheet_name("xlsx"));
/// ```
pub fn is_spreadsheet_name(name: &str) -> bool {
    extension(name).is_some_and(|e| SPREADSHEET_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The extension list as people read it: `.xlsx .xlsm … .csv`.
pub fn extensions_text() -> String {
    SPREADSHEET_EXTENSIONS.map(|e| format!(".{e}")).join(" ")
}

/// The merge input for an entry that could not be read: rejected, with `diagnostic`
/// (so it is listed in `rejected` and its reason in 校验问题).
pub fn unreadable_submission(path: &str, diagnostic: jz_core::Diagnostic) -> jz_core::Submission {
    crate::Checked::unreadable(path, diagnostic).into_submission(&[])
}

/// Why a file found in a folder is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// `~$name.xlsx` (`.~name.xlsx` for WPS on Linux): the owner file Excel or WPS writes
    /// beside an open workbook.
    OfficeLock,
    /// `.~lock.name.xlsx#`: the lock file LibreOffice writes beside an open document.
    LibreOfficeLock,
    /// A hidden file (name starting with `.`, e.g. macOS `._name.xlsx`).
    Hidden,
    /// A hidden folder (name starting with `.`): its files are not looked at.
    HiddenFolder,
    /// Not a spreadsheet extension.
    NotSpreadsheet,
    /// A folder already scanned (a link back to a folder seen before).
    FolderSeen,
}

impl SkipReason {
    /// The reason in plain Chinese, as listed to the user.
    pub fn message(self) -> String {
        match self {
            SkipReason::OfficeLock => "这是 Excel/WPS 打开文件时生成的临时文件，不是报表，无需处理".to_string(),
            SkipReason::LibreOfficeLock => "这是 LibreOffice 打开文件时生成的临时文件，不是报表，无需处理".to_string(),
            SkipReason::Hidden => "这是隐藏文件（名称以“.”开头），通常由系统或其他程序生成，未读取".to_string(),
            SkipReason::HiddenFolder => "这是隐藏文件夹（名称以“.”开头），其中的文件未检查".to_string(),
            SkipReason::NotSpreadsheet => {
                format!("不是表格文件，未读取（只读取扩展名为 {} 的文件）", extensions_text())
            }
            SkipReason::FolderSeen => "这个文件夹已经检查过（快捷方式指向了同一个文件夹），不再重复读取".to_string(),
        }
    }
}

/// Why a file named `name` of `len` bytes, found while scanning a folder, is not read;
/// `None` when it is read as a spreadsheet. (A file named explicitly by the user is read
/// whatever its name.)
///
/// ```
/// use jz_read::inputs::{SkipReason, skip_reason};
/// assert_eq!(skip_reason("孟州市.xlsx", 9000), None);
/// assert_eq!(skip_reason("~$孟州市.xlsx", 165), Some(SkipReason::OfficeLock));
/// assert_eq!(skip_reason("说明.docx", 9000), Some(SkipReason::NotSpreadsheet));
/// ```
pub fn skip_reason(name: &str, len: u64) -> Option<SkipReason> {
    if name.starts_with(".~lock.") && name.ends_with('#') {
        Some(SkipReason::LibreOfficeLock)
    } else if (name.starts_with("~$") || name.starts_with(".~")) && len <= LOCK_FILE_MAX_BYTES {
        Some(SkipReason::OfficeLock)
    } else if name.starts_with('.') {
        Some(SkipReason::Hidden)
    } else if !is_spreadsheet_name(name) {
        Some(SkipReason::NotSpreadsheet)
    } else {
        None
    }
}

/// Why a folder named `name`, found while scanning, is not entered; `None` when it is.
pub fn skip_folder_reason(name: &str) -> Option<SkipReason> {
    name.starts_with('.').then_some(SkipReason::HiddenFolder)
}

/// The text after the last dot of the name's last path component, if any (not for
/// `.hidden` alone).
fn extension(name: &str) -> Option<&str> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(i) if i > 0 => Some(&base[i + 1..]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_contract_extension_in_any_case() {
        for e in ["xlsx", "XLSM", "Xltx", "xltm", "xls", "ET", "xlsb", "ods", "CSV"] {
            assert!(is_spreadsheet_name(&format!("报表.{e}")), "{e}");
        }
        for name in ["报表.docx", "报表.txt", "报表.pdf", "报表.xlsx.bak", "报表", ".xlsx", "目录/报表.zip"]
        {
            assert!(!is_spreadsheet_name(name), "{name}");
        }
        assert!(is_spreadsheet_name("目录.d/报表.xls"));
    }

    #[test]
    fn lock_and_hidden_files_have_their_own_reason() {
        assert_eq!(skip_reason("~$报表.xlsx", 165), Some(SkipReason::OfficeLock));
        // A large `~$` file is no lock file: it is read.
        assert_eq!(skip_reason("~$报表.xlsx", 20_000), None);
        assert_eq!(skip_reason(".~lock.报表.xlsx#", 90), Some(SkipReason::LibreOfficeLock));
        assert_eq!(skip_reason(".~报表.xlsx", 162), Some(SkipReason::OfficeLock));
        assert_eq!(skip_reason("._报表.xlsx", 4096), Some(SkipReason::Hidden));
        assert_eq!(skip_folder_reason(".git"), Some(SkipReason::HiddenFolder));
        assert_eq!(skip_folder_reason("2025年"), None);
    }

    #[test]
    fn reasons_are_chinese_and_name_the_extensions() {
        for r in [
            SkipReason::OfficeLock,
            SkipReason::LibreOfficeLock,
            SkipReason::Hidden,
            SkipReason::HiddenFolder,
            SkipReason::NotSpreadsheet,
            SkipReason::FolderSeen,
        ] {
            assert!(!r.message().is_ascii());
        }
        assert!(SkipReason::OfficeLock.message().contains("这是 Excel/WPS 打开文件时生成的临时文件"));
        assert!(SkipReason::NotSpreadsheet.message().contains(".xlsm .xltx .xltm .xls .et .xlsb .ods .csv"));
    }
}
