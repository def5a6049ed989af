//! Plan files in the browser (contract §9): `loadPlan` reads any plan file the office has
//! (a plan workbook .xlsx/.xls/.ods, TOML, JSON, or the plan's Word document, whose annex
//! is imported), `planWorkbook` writes the plan workbook. Only conversion here; the work
//! is `jz_read::plan_file` (reading) and `xlsx_tool::plan_file` (writing).

use js_sys::Array;
use jz_read::plan_file::{self, PlanProblem};
use wasm_bindgen::prelude::*;

#[cfg(feature = "writer")]
use crate::bytes_js;
#[cfg(feature = "writer")]
use crate::load_plan;
use crate::{JsResult, object, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_PLAN_FILE: &str = r#"
/** `loadPlan` result: `planText` (the plan as JSON text, for every other call) and `plan`
 * are null when the file has errors; `diagnostics` lists every problem at its sheet and
 * cell. A Word import also lists, as warnings, the names it could not map, and, as
 * errors with code `plan-to-fill`, what the document left for the office to fill in:
 * then `planText` is given so that `planWorkbook(planText)` writes the plan workbook to
 * fill in, but the plan is not to be adopted until that workbook is loaded. */
export interface LoadedPlan {
  planText: string | null;
  plan: Plan | null;
  diagnostics: PlanProblem[];
  unmapped: Unmapped[];
}
"#;

fn problems_js(problems: &[PlanProblem]) -> JsResult<JsValue> {
    to_js(problems)
}

/// Reads a plan file: a plan workbook (.xlsx .xls .ods), TOML or JSON, or a Word
/// document (.docx) whose annex 任务清单 is imported against `basePlanText` (default:
/// the built-in plan) as [`importPlan`](import_plan_js) does. Problems are diagnostics in
/// the result, not thrown errors. The check-only module does not read Word documents:
/// it answers one diagnostic with code `word-document` (the page then asks the writer
/// module's `importPlan`).
///
/// # Errors
/// Only when `basePlanText` is not a usable plan.
#[wasm_bindgen(js_name = loadPlan, unchecked_return_type = "LoadedPlan")]
pub fn load_plan_js(bytes: &[u8], file_name: &str, base_plan_text: Option<String>) -> JsResult<JsValue> {
    if file_name.to_lowercase().ends_with(".docx") || plan_file::is_word_document(bytes) {
        return import_plan(bytes, base_plan_text);
    }
    match plan_file::load_plan(bytes, file_name) {
        Ok(plan) => loaded(Some(&plan), &[], JsValue::from(Array::new())),
        Err(e) => loaded(None, e.problems(), JsValue::from(Array::new())),
    }
}

/// Imports a plan from its Word document (.docx: the annex task table or the measures
/// with their units, the indicator table, the title) against `basePlanText` (default:
/// the built-in plan), as `xlsx-tool plan import` does. What the document leaves open
/// comes back as errors with code `plan-to-fill`, with `planText` given for
/// `planWorkbook`; names it could not map are warnings and `unmapped`.
///
/// # Errors
/// Only when `basePlanText` is not a usable plan.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = importPlan, unchecked_return_type = "LoadedPlan")]
pub fn import_plan_js(bytes: &[u8], base_plan_text: Option<String>) -> JsResult<JsValue> {
    import_plan(bytes, base_plan_text)
}

#[cfg(feature = "writer")]
fn import_plan(bytes: &[u8], base_plan_text: Option<String>) -> JsResult<JsValue> {
    let base = load_plan(base_plan_text.as_deref())?;
    match plan_file::import_docx(bytes, &base) {
        Ok(imported) => {
            let mut problems = imported.open_problems();
            problems.extend(imported.unmapped.iter().map(|u| u.problem()));
            let unmapped = if imported.unmapped.is_empty() { Array::new().into() } else { to_js(&imported.unmapped)? };
            loaded(Some(&imported.plan), &problems, unmapped)
        }
        Err(e) => loaded(None, e.problems(), JsValue::from(Array::new())),
    }
}

/// The check-only module leaves Word documents to the writer module.
#[cfg(not(feature = "writer"))]
fn import_plan(_bytes: &[u8], _base_plan_text: Option<String>) -> JsResult<JsValue> {
    let problem = PlanProblem {
        code: "word-document".into(),
        ..PlanProblem::error("", "", "这是 Word 文档：仅校验的模块不读取 Word 文档，请用完整模块的 importPlan 读取。")
    };
    loaded(None, &[problem], JsValue::from(Array::new()))
}

/// The `LoadedPlan` object.
fn loaded(plan: Option<&jz_core::Plan>, problems: &[PlanProblem], unmapped: JsValue) -> JsResult<JsValue> {
    let (text, plan_js) = match plan {
        Some(p) => (JsValue::from_str(&p.to_json()), to_js(p)?),
        None => (JsValue::NULL, JsValue::NULL),
    };
    object(&[
        ("planText", &text),
        ("plan", &plan_js),
        ("diagnostics", &problems_js(problems)?),
        ("unmapped", &unmapped),
    ])
}

/// The plan workbook (.xlsx bytes) of `planText` (default: the built-in plan), as
/// `xlsx-tool plan export` writes it.
///
/// # Errors
/// When `planText` is not a usable plan or the workbook cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = planWorkbook, unchecked_return_type = "Uint8Array")]
pub fn plan_workbook_js(plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let bytes = xlsx_tool::plan_file::try_export_plan(&plan).map_err(crate::js_error)?;
    Ok(bytes_js(&bytes))
}
