//! Which files the page reads from a picked or dropped folder: the same list and the same
//! reasons as the CLI (`jz_read::inputs`), so the page never keeps its own copy.
//!
//! JavaScript names: `spreadsheetExtensions`, `isSpreadsheetName`, `skipReason`.

use wasm_bindgen::prelude::*;

/// Every extension a unit's workbook may have, lower case without the dot
/// (`["xlsx", "xlsm", …, "csv"]`): for the file picker's `accept` list.
#[wasm_bindgen(js_name = spreadsheetExtensions)]
pub fn spreadsheet_extensions_js() -> Vec<String> {
    jz_read::inputs::SPREADSHEET_EXTENSIONS.iter().map(|e| (*e).to_string()).collect()
}

/// Whether the name ends in one of those extensions, in any case.
#[wasm_bindgen(js_name = isSpreadsheetName)]
pub fn is_spreadsheet_name_js(name: &str) -> bool {
    jz_read::inputs::is_spreadsheet_name(name)
}

/// Why a file of a dropped folder (its name and size in bytes) is not read, in Chinese
/// (e.g. an Excel/WPS lock file, not a spreadsheet); `undefined` when it is read. A file
/// the user picked one by one is read whatever its name.
#[wasm_bindgen(js_name = skipReason)]
pub fn skip_reason_js(name: &str, size: f64) -> Option<String> {
    let size = if size.is_finite() && size > 0.0 { size as u64 } else { 0 };
    jz_read::inputs::skip_reason(name, size).map(|r| r.message())
}
