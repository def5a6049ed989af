//! The page's 报送进度 board before any merge (`board`) and the name of a marked-up copy
//! (`annotatedName`): both decided in Rust, in the check-only module too, so the page
//! never restates them.

use jz_core::merge::BoardFile;
use wasm_bindgen::prelude::*;

use crate::convert::{JsResult, from_js, js_error, load_plan, plan_year, to_js};

/// Per expected unit of `year`, the file the merge will take (the merge's own choice: later
/// 填报日期, then greater SHA-256, then file name), its state, how many older versions it
/// superseded and whether it came on time; plus the deadline and the files not on the
/// board. `results` is `[{path, sha256, unit, year, ok, date}]`: what `validate` returns
/// for each file with the report's 填报日期 (`inspect`'s `report.date`).
///
/// # Errors
/// A malformed `results` list, a year outside the plan, or a bad plan.
#[wasm_bindgen(js_name = board, unchecked_return_type = "Board")]
pub fn board_js(
    #[wasm_bindgen(unchecked_param_type = "BoardFile[]")] results: JsValue,
    year: f64,
    plan_text: Option<String>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files: Vec<BoardFile> = from_js(&results).ok_or_else(|| {
        js_error("报送进度需要文件列表：[{path: 文件名, sha256, unit, year, ok: 是否通过, date: 填报日期}]。")
    })?;
    to_js(&jz_core::merge::board(&plan, year, &files))
}

/// The name of the marked-up copy of a unit's file (`annotate`'s workbook):
/// `{文件名去掉扩展名}_问题标注.xlsx`, as the CLI's `validate --annotate` names it.
#[wasm_bindgen(js_name = annotatedName)]
pub fn annotated_name_js(file_name: &str) -> String {
    jz_core::text::annotated_name(file_name)
}

/// The name of a file fixed in place in the page and downloaded:
/// `{文件名去掉扩展名}_已修改.xlsx`.
#[wasm_bindgen(js_name = correctedName)]
pub fn corrected_name_js(file_name: &str) -> String {
    jz_core::text::corrected_name(file_name)
}
