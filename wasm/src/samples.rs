//! The built-in sample submissions (`samples`, `samplesYears`), the same files as the CLI's
//! `sample` command.

use wasm_bindgen::prelude::*;

use crate::SAMPLE_SEED;
use crate::convert::{JsResult, js_error, load_plan, named_files_js, plan_year};

/// The built-in sample submissions of `year`: `[{name, bytes}]` (one file with errors,
/// one with warnings, one unit missing, one superseded).
///
/// # Errors
/// A year outside the plan or a bad plan.
#[wasm_bindgen(js_name = samples, unchecked_return_type = "NamedFile[]")]
pub fn samples_js(year: f64, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = xlsx_tool::sample::sample_set(&plan, year, SAMPLE_SEED).map_err(js_error)?;
    named_files_js(&files)
}

/// The four-year sample round `firstYear..=lastYear`: `[{name, bytes}]`, every unit's
/// workbook of every year (see `xlsx_tool::sample::years`: 正常/关注/滞后 paths, a
/// 万元/亿元 slip, a stock decrease, a resubmission, a missing and a rejected unit).
///
/// # Errors
/// A year outside the plan, `firstYear` after `lastYear`, or a bad plan.
#[wasm_bindgen(js_name = samplesYears, unchecked_return_type = "NamedFile[]")]
pub fn samples_years_js(first_year: f64, last_year: f64, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let (first, last) = (plan_year(&plan, first_year)?, plan_year(&plan, last_year)?);
    if first > last {
        return Err(js_error(format!("起始年度 {first} 晚于截止年度 {last}，请交换两个年度。")));
    }
    let files = xlsx_tool::sample::sample_years(&plan, first, last, SAMPLE_SEED).map_err(js_error)?;
    named_files_js(&files)
}
