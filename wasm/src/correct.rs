//! Fixing a unit's file: `annotate` marks every problem at its cell, `correct` applies the
//! grid's edits (`jz_core::edit`) and re-makes and re-validates the workbook.

use jz_core::edit::{Edit, apply_edit};
use jz_core::{Plan, Report};
use wasm_bindgen::prelude::*;
use xlsx_tool::Kind;
use xlsx_tool::{Checked, Limits};

use crate::convert::{JsResult, bytes_js, from_js, js_error, load_plan, object, to_js};

/// The unit and year a fixed copy is made for.
fn unit_and_year(plan: &Plan, report: &Report) -> JsResult<(String, u16)> {
    let unit = report.unit.clone().ok_or_else(|| {
        js_error(format!("无法确定填报单位：请先在“填报单位”一栏填写计划中的单位名称（如“{}”）。", plan.example_unit()))
    })?;
    let year = report.year.ok_or_else(|| js_error("无法确定报告年度：请先在“报告年度”一栏填写年份（如 2025）。"))?;
    Ok((unit, year))
}

/// Refuses files that are not a unit report at all.
fn readable(checked: &Checked) -> JsResult<()> {
    match checked.kind {
        Kind::Report => Ok(()),
        Kind::Summary => Err(js_error("这是一份汇总表，不是单位填报表，无需修改。")),
        Kind::Unreadable => {
            let why = checked.diagnostics.first().map_or("", |d| d.message.as_str());
            Err(js_error(format!("无法读取该文件，不能生成修改版：{why}")))
        }
    }
}

/// The unit's workbook re-made with every problem marked at its cell (red = error,
/// yellow = warning, the message as a note). `mapping`: the file's headers mapped to
/// template columns, as for `validate`.
///
/// # Errors
/// When the file is not a readable unit report or its unit/year cannot be determined.
#[wasm_bindgen(js_name = annotate)]
pub fn annotate_js(
    bytes: &[u8],
    file_name: &str,
    plan_text: Option<String>,
    map: Option<crate::convert::MappingArg>,
) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let map = crate::convert::mapping_arg(map)?;
    let checked = xlsx_tool::check_with(&plan, bytes, file_name, &Limits::default(), &map);
    readable(&checked)?;
    let (unit, year) = unit_and_year(&plan, &checked.report)?;
    xlsx_tool::template::filled(&plan, &checked.report, &unit, year, &checked.diagnostics).map_err(js_error)
}

/// Applies `edits` to the report read from the file, writes the corrected workbook and
/// validates it again: `{xlsx: Uint8Array, result}`. `mapping`: the file's headers mapped
/// to template columns, as for `validate` (the corrected copy is the template's layout).
///
/// # Errors
/// A malformed edit, an edit of something the plan does not know, an unreadable file.
#[wasm_bindgen(js_name = correct, unchecked_return_type = "Corrected")]
pub fn correct_js(
    bytes: &[u8],
    file_name: &str,
    #[wasm_bindgen(unchecked_param_type = "Edit[]")] edits: JsValue,
    plan_text: Option<String>,
    map: Option<crate::convert::MappingArg>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let map = crate::convert::mapping_arg(map)?;
    let edits: Vec<Edit> = if edits.is_undefined() || edits.is_null() {
        Vec::new()
    } else {
        from_js(&edits).ok_or_else(|| {
            js_error("修改内容的格式不对：每条修改要写明栏目（field）和新内容（value：文字、数字或 null）。")
        })?
    };
    let limits = Limits::default();
    let checked = xlsx_tool::check_with(&plan, bytes, file_name, &limits, &map);
    readable(&checked)?;
    let mut report = checked.report;
    for (i, edit) in edits.iter().enumerate() {
        apply_edit(&plan, &mut report, edit).map_err(|m| js_error(format!("第 {} 条修改：{m}", i + 1)))?;
    }
    let (unit, year) = unit_and_year(&plan, &report)?;
    let xlsx = xlsx_tool::template::filled(&plan, &report, &unit, year, &[]).map_err(js_error)?;
    let again = xlsx_tool::check(&plan, &xlsx, file_name, &limits);
    object(&[("xlsx", &bytes_js(&xlsx)), ("result", &to_js(&again.result())?)])
}
