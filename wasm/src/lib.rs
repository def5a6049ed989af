//! Browser bindings over `xlsx-tool` (contract §8).
//!
//! Every function only converts: JavaScript values in, a call into `xlsx-tool` /
//! `jz-core`, JavaScript values out. Nothing here knows about workbooks. Errors are
//! thrown as JavaScript `Error`s whose message is plain Chinese; problems *inside* a
//! unit's file are not errors but diagnostics in the returned data.
//!
//! JavaScript names: `plan`, `template`, `validate`, `inspect`, `merge`, `annotate`,
//! `correct`, `samples`, `planDiff`, `report`, `loadPlan`, `planWorkbook`. Their TypeScript types are in the custom section below.
//! Which files a folder holds that are read: `spreadsheetExtensions`, `isSpreadsheetName`,
//! `skipReason` (module `inputs`).
//!
//! Feature `writer` (default) exports everything. Without it (`--no-default-features`)
//! the module only reads and checks — `plan`, `validate`, `inspect`, `planDiff`, `loadPlan`,
//! `facts` and the `inputs` functions — and leaves out the workbook and report writers,
//! so it is much smaller (the npm package's `jz-ip-report/check` entry).

// The check-only build leaves the writers' helpers unused; only exports are cfg'd out.
#![cfg_attr(not(feature = "writer"), allow(dead_code, unused_imports))]

pub mod inputs;
mod plan_file;

use std::borrow::Cow;
use std::sync::OnceLock;

use js_sys::{Array, Object, Reflect, Uint8Array};
use jz_core::{Date, Field, IndicatorEntry, MeasureEntry, Plan, Report, Status};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use xlsx_tool::read::Kind;
use xlsx_tool::{Checked, Limits};

mod facts;
pub use facts::facts_js;
pub use plan_file::load_plan_js;
#[cfg(feature = "writer")]
pub use plan_file::plan_workbook_js;

/// Seed of the built-in sample set (the CLI's `sample` default, so both give the same files).
pub const SAMPLE_SEED: u64 = 2025;

/// The declarations generated from the Rust types (`tests/types.rs`, ts-rs): `Plan`,
/// `Report`, `Diagnostic`, `FileResult`, `MergeSummary`, `PlanDiff` and what they contain.
#[wasm_bindgen(typescript_custom_section)]
const GENERATED_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A file handed to `merge`, or returned by `samples`. */
export interface NamedFile { name: string; bytes: Uint8Array }
/** `merge` result: the contract's merge JSON and the 汇总表 workbook. */
export interface MergeResult { summary: MergeSummary; xlsx: Uint8Array; detail: MergeDetail }
/** The page's view of a merge: 任务明细 rows, every expected unit, every file with its findings. */
export interface MergeDetail {
  rows: { measure: string; unit: string; status: string; progress: string; problems: string; next_plan: string; evidence: string; source: string; assigned: boolean }[];
  units: { unit: string; state: "received" | "missing" | "rejected"; path: string | null }[];
  files: { path: string; outcome: "accepted" | "rejected" | "superseded" | "earlier"; outcome_label: string; unit: string | null; year: number | null; date: string | null; diagnostics: Diagnostic[] }[];
}
/** `facts()`: what the page needs from Rust instead of copies of its own. */
export interface Facts {
  statuses: string[];
  not_submitted: string;
  fields: { field: string; label: string; long_text: boolean }[];
  editable: { header: string[]; measure: string[]; indicator: string[] };
  max_file_bytes: number;
  extensions: string[];
  /** Extensions of plan files `loadPlan` reads (`toml` only where TOML is read: not in the browser module). */
  plan_extensions: string[];
  severities: { id: "error" | "warning"; label: string }[];
}
/** `inspect` result: the validation result and the report as understood. */
export interface Inspection { result: FileResult; report: Report }
/**
 * One change for `correct`: `{measure: "2.1", field: "status", value: "已完成"}`,
 * `{indicator: "I12", field: "value", value: "0.2"}`, `{field: "contact", value: "张伟"}`,
 * or a diagnostic anchor plus value: `{kind: "measure", id: "2.1", field: "progress", value}`.
 */
export interface Edit {
  measure?: string;
  indicator?: string;
  kind?: "header" | "measure" | "indicator";
  id?: string;
  field: string;
  value: string | number | null;
}
/** `correct` result: the corrected workbook and its validation. */
export interface Corrected { xlsx: Uint8Array; result: FileResult }
"#;

pub(crate) type JsResult<T> = Result<T, js_sys::Error>;

/// A JavaScript `Error` with `message`.
fn js_error(message: impl std::fmt::Display) -> js_sys::Error {
    js_sys::Error::new(&message.to_string())
}

/// The plan given as text, or the built-in one (parsed once).
fn load_plan(plan_text: Option<&str>) -> JsResult<Cow<'static, Plan>> {
    static BUILTIN: OnceLock<Plan> = OnceLock::new();
    match plan_text.map(str::trim) {
        None | Some("") => Ok(Cow::Borrowed(BUILTIN.get_or_init(Plan::builtin))),
        Some(text) => Plan::from_text(text).map(Cow::Owned).map_err(js_error),
    }
}

/// A JavaScript number as a reporting year of the plan.
fn plan_year(plan: &Plan, year: f64) -> JsResult<u16> {
    let bad = || {
        let shown = if year.is_finite() && year.fract() == 0.0 { year as i64 } else { 0 };
        js_error(xlsx_tool::Error::BadYear { year: shown, first: plan.first_year, last: plan.last_year })
    };
    if !year.is_finite() || year.fract() != 0.0 || !plan.has_year(year as i64) {
        return Err(bad());
    }
    u16::try_from(year as i64).map_err(|_| bad())
}

/// Serializes to plain JavaScript data (objects for maps, `null` for missing values): the
/// value's JSON, parsed by the browser. One serializer (serde_json, which the library needs
/// anyway) instead of a second one for JavaScript values keeps the module smaller.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let internal = || js_error("内部错误：结果无法转换为 JavaScript 数据，请把文件发给技术人员。");
    let text = serde_json::to_string(value).map_err(|_| internal())?;
    js_sys::JSON::parse(&text).map_err(|_| internal())
}

/// Reads plain JavaScript data (through its JSON) as `T`; `None` for anything that is not.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    let text = js_sys::JSON::stringify(value).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// A plain object from `(key, value)` pairs.
fn object(pairs: &[(&str, &JsValue)]) -> JsResult<JsValue> {
    let obj = Object::new();
    for (key, value) in pairs {
        Reflect::set(&obj, &JsValue::from_str(key), value)
            .map_err(|_| js_error("内部错误：无法构造返回结果，请刷新页面后重试。"))?;
    }
    Ok(obj.into())
}

/// Bytes as a new `Uint8Array`.
fn bytes_js(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// The plan as a JavaScript object: sections, tasks, measures, units, indicators.
/// Its JSON (`JSON.stringify`) is itself a plan file that `planText` accepts.
///
/// # Errors
/// When `plan_text` is not a usable plan.
#[wasm_bindgen(js_name = plan, unchecked_return_type = "Plan")]
pub fn plan_js(plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    to_js(plan.as_ref())
}

/// The blank workbook (.xlsx bytes) for `unit` and `year`.
///
/// # Errors
/// Unknown unit, a year outside the plan, or a bad plan.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = template)]
pub fn template_js(unit: &str, year: f64, plan_text: Option<String>) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    xlsx_tool::template::template(&plan, unit, year).map_err(js_error)
}

/// Reads and validates one file: `{path, unit, year, ok, diagnostics}`.
///
/// # Errors
/// Only a bad plan; problems in the file are diagnostics.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "FileResult")]
pub fn validate_js(bytes: &[u8], file_name: &str, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let checked = xlsx_tool::check(&plan, bytes, file_name, &Limits::default());
    to_js(&checked.result())
}

/// Like `validate`, plus the report as understood: `{result, report}` (what the fixing
/// grid shows next to each problem).
///
/// # Errors
/// Only a bad plan.
#[wasm_bindgen(js_name = inspect, unchecked_return_type = "Inspection")]
pub fn inspect_js(bytes: &[u8], file_name: &str, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let checked = xlsx_tool::check(&plan, bytes, file_name, &Limits::default());
    object(&[("result", &to_js(&checked.result())?), ("report", &to_js(&checked.report)?)])
}

/// Validates every file and merges the valid ones into the summary of `year`:
/// `{summary: <merge JSON>, xlsx: Uint8Array}`. `files` is `[{name, bytes}]`.
///
/// # Errors
/// A malformed `files` list, a year outside the plan, a bad plan, or a summary that
/// cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = merge, unchecked_return_type = "MergeResult")]
pub fn merge_js(
    #[wasm_bindgen(unchecked_param_type = "NamedFile[]")] files: JsValue,
    year: f64,
    plan_text: Option<String>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = named_files(&files)?;
    let (merge, xlsx) =
        xlsx_tool::merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), year, &Limits::default())
            .map_err(js_error)?;
    object(&[
        ("summary", &to_js(&merge.summary)?),
        ("xlsx", &bytes_js(&xlsx)),
        ("detail", &facts::merge_detail(&merge)?),
    ])
}

/// The year's work report (.docx bytes, 公文 layout, contract §10) from the same inputs as
/// `merge`: `files` is `[{name, bytes}]`; a summary of `year` alone also serves.
///
/// # Errors
/// A malformed `files` list, a year outside the plan, a bad plan, or a document that
/// cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = report)]
pub fn report_js(
    #[wasm_bindgen(unchecked_param_type = "NamedFile[]")] files: JsValue,
    year: f64,
    plan_text: Option<String>,
) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = named_files(&files)?;
    let (_, docx) = xlsx_tool::report::report_files(
        &plan,
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
        year,
        &Limits::default(),
    )
    .map_err(js_error)?;
    Ok(docx)
}

/// What changed between two plan files (TOML or JSON text, e.g. `loadPlan`'s `planText`;
/// empty = the built-in plan): the same JSON as `xlsx-tool plan diff OLD NEW --json`
/// (`measures`, `indicators`, `unit_changes`, `group_changes`, ... and `memo`, the
/// changes as a short memo in Chinese, one line a sentence).
///
/// # Errors
/// When either text is not a usable plan.
#[wasm_bindgen(js_name = planDiff, unchecked_return_type = "PlanDiff")]
pub fn plan_diff_js(old_text: &str, new_text: &str) -> JsResult<JsValue> {
    // An empty text is the built-in plan (as for every other call).
    let old =
        load_plan(Some(old_text)).map_err(|e| js_error(format!("旧计划不可用：{}", String::from(e.message()))))?;
    let new =
        load_plan(Some(new_text)).map_err(|e| js_error(format!("新计划不可用：{}", String::from(e.message()))))?;
    to_js(&jz_core::plan_diff::diff(&old, &new))
}

/// `[{name, bytes}]` from JavaScript.
fn named_files(files: &JsValue) -> JsResult<Vec<(String, Vec<u8>)>> {
    let bad_list = || js_error("汇总需要文件列表：[{name: 文件名, bytes: Uint8Array}]。");
    if !Array::is_array(files) {
        return Err(bad_list());
    }
    let list = Array::from(files);
    let mut out = Vec::with_capacity(list.length() as usize);
    for (i, item) in list.iter().enumerate() {
        let n = i + 1;
        if !item.is_object() {
            return Err(js_error(format!("第 {n} 个文件不是 {{name, bytes}} 对象。")));
        }
        let name = Reflect::get(&item, &JsValue::from_str("name"))
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| js_error(format!("第 {n} 个文件缺少文件名（name）。")))?;
        let bytes = Reflect::get(&item, &JsValue::from_str("bytes")).unwrap_or(JsValue::UNDEFINED);
        let bytes = if bytes.is_instance_of::<Uint8Array>() || bytes.is_instance_of::<js_sys::ArrayBuffer>() {
            Uint8Array::new(&bytes).to_vec()
        } else {
            return Err(js_error(format!("文件“{name}”的内容（bytes）应是 Uint8Array。")));
        };
        out.push((name, bytes));
    }
    Ok(out)
}

/// The unit and year a fixed copy is made for.
fn unit_and_year(report: &Report) -> JsResult<(String, u16)> {
    let unit = report
        .unit
        .clone()
        .ok_or_else(|| js_error("无法确定填报单位：请先在“填报单位”一栏填写计划中的单位名称（如“孟州市”）。"))?;
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
/// yellow = warning, the message as a note).
///
/// # Errors
/// When the file is not a readable unit report or its unit/year cannot be determined.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = annotate)]
pub fn annotate_js(bytes: &[u8], file_name: &str, plan_text: Option<String>) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let checked = xlsx_tool::check(&plan, bytes, file_name, &Limits::default());
    readable(&checked)?;
    let (unit, year) = unit_and_year(&checked.report)?;
    xlsx_tool::template::filled(&plan, &checked.report, &unit, year, &checked.diagnostics).map_err(js_error)
}

/// Applies `edits` to the report read from the file, writes the corrected workbook and
/// validates it again: `{xlsx: Uint8Array, result}`.
///
/// # Errors
/// A malformed edit, an edit of something the plan does not know, an unreadable file.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = correct, unchecked_return_type = "Corrected")]
pub fn correct_js(
    bytes: &[u8],
    file_name: &str,
    #[wasm_bindgen(unchecked_param_type = "Edit[]")] edits: JsValue,
    plan_text: Option<String>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let edits: Vec<Edit> = if edits.is_undefined() || edits.is_null() {
        Vec::new()
    } else {
        from_js(&edits).ok_or_else(|| {
            js_error("修改内容的格式不对：每条修改要写明栏目（field）和新内容（value：文字、数字或 null）。")
        })?
    };
    let limits = Limits::default();
    let checked = xlsx_tool::check(&plan, bytes, file_name, &limits);
    readable(&checked)?;
    let mut report = checked.report;
    for (i, edit) in edits.iter().enumerate() {
        apply_edit(&plan, &mut report, edit).map_err(|m| js_error(format!("第 {} 条修改：{m}", i + 1)))?;
    }
    let (unit, year) = unit_and_year(&report)?;
    let xlsx = xlsx_tool::template::filled(&plan, &report, &unit, year, &[]).map_err(js_error)?;
    let again = xlsx_tool::check(&plan, &xlsx, file_name, &limits);
    object(&[("xlsx", &bytes_js(&xlsx)), ("result", &to_js(&again.result())?)])
}

/// The built-in sample submissions of `year`: `[{name, bytes}]` (one file with errors,
/// one with warnings, one unit missing, one superseded).
///
/// # Errors
/// A year outside the plan or a bad plan.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = samples, unchecked_return_type = "NamedFile[]")]
pub fn samples_js(year: f64, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = xlsx_tool::sample::sample_set(&plan, year, SAMPLE_SEED).map_err(js_error)?;
    let list = Array::new();
    for (name, bytes) in &files {
        list.push(&object(&[("name", &JsValue::from_str(name)), ("bytes", &bytes_js(bytes))])?);
    }
    Ok(list.into())
}

/// The four-year sample round `firstYear..=lastYear`: `[{name, bytes}]`, every unit's
/// workbook of every year (see `xlsx_tool::sample::years`: 正常/关注/滞后 paths, a
/// 万元/亿元 slip, a stock decrease, a resubmission, a missing and a rejected unit).
///
/// # Errors
/// A year outside the plan, `firstYear` after `lastYear`, or a bad plan.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = samplesYears, unchecked_return_type = "NamedFile[]")]
pub fn samples_years_js(first_year: f64, last_year: f64, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let (first, last) = (plan_year(&plan, first_year)?, plan_year(&plan, last_year)?);
    if first > last {
        return Err(js_error(format!("起始年度 {first} 晚于截止年度 {last}，请交换两个年度。")));
    }
    let files = xlsx_tool::sample::sample_years(&plan, first, last, SAMPLE_SEED).map_err(js_error)?;
    let list = Array::new();
    for (name, bytes) in &files {
        list.push(&object(&[("name", &JsValue::from_str(name)), ("bytes", &bytes_js(bytes))])?);
    }
    Ok(list.into())
}

/// One change requested by the fixing grid.
#[derive(Debug, Clone, Deserialize)]
pub struct Edit {
    /// Measure id, for a measure cell.
    #[serde(default)]
    pub measure: Option<String>,
    /// Indicator id, for an indicator cell.
    #[serde(default)]
    pub indicator: Option<String>,
    /// Anchor form: `header`, `measure` or `indicator` (with `id`).
    #[serde(default)]
    pub kind: Option<String>,
    /// Anchor form: the measure or indicator id.
    #[serde(default)]
    pub id: Option<String>,
    /// Which column.
    pub field: Field,
    /// The new value (text or number; null = blank).
    #[serde(default)]
    pub value: Option<EditValue>,
}

/// A value typed into the grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EditValue {
    /// Text as typed.
    Text(String),
    /// A number.
    Number(f64),
}

impl Edit {
    fn text(&self) -> String {
        match &self.value {
            None => String::new(),
            Some(EditValue::Text(s)) => s.trim().to_string(),
            Some(EditValue::Number(n)) => jz_core::cell::format_number(*n),
        }
    }
}

/// Chinese column name of a field, for messages.
fn field_label(field: Field) -> &'static str {
    field.label()
}

/// Applies one edit to `report`; the error is a Chinese message.
pub fn apply_edit(plan: &Plan, report: &mut Report, edit: &Edit) -> Result<(), String> {
    let text = edit.text();
    let kind = edit.kind.as_deref().unwrap_or("");
    let id = edit.id.as_deref().map(str::trim).unwrap_or("");
    let fixed = || format!("“{}”一栏由模板给出，不能修改。", field_label(edit.field));
    if let Some(m) = edit.measure.as_deref().or((kind == "measure").then_some(id)) {
        let entry = measure_entry(plan, report, m.trim())?;
        match edit.field {
            Field::Status => {
                entry.status = Status::parse(&text);
                entry.status_text = text;
            }
            Field::Progress => entry.progress = text,
            Field::Problems => entry.problems = text,
            Field::NextPlan => entry.next_plan = text,
            Field::Evidence => entry.evidence = text,
            _ => return Err(fixed()),
        }
    } else if let Some(i) = edit.indicator.as_deref().or((kind == "indicator").then_some(id)) {
        let entry = indicator_entry(plan, report, i.trim())?;
        match edit.field {
            Field::Value => {
                entry.value = plain_number(&text);
                entry.value_text = text;
            }
            Field::Remark => entry.remark = text,
            _ => return Err(fixed()),
        }
    } else {
        match edit.field {
            Field::Unit => {
                let unit = plan
                    .resolve_unit(&text)
                    .ok_or_else(|| format!("“{text}”不是计划中的责任单位，请填写计划中的单位名称，例如“孟州市”。"))?;
                report.unit = Some(unit.to_string());
            }
            Field::Year => {
                let year = text
                    .parse::<u16>()
                    .ok()
                    .filter(|y| plan.has_year(i64::from(*y)))
                    .ok_or_else(|| format!("报告年度请填写 {}–{} 之间的年份。", plan.first_year, plan.last_year))?;
                report.year = Some(year);
            }
            Field::Contact => report.contact = text,
            Field::Phone => report.phone = text,
            Field::Date => {
                report.date = Date::parse(&text);
                report.date_text = text;
            }
            _ => return Err(fixed()),
        }
    }
    Ok(())
}

/// A plain decimal number (anything else stays text for validation to judge).
fn plain_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The report's entry for measure `id`, created from the plan when the unit left it out.
fn measure_entry<'a>(plan: &Plan, report: &'a mut Report, id: &str) -> Result<&'a mut MeasureEntry, String> {
    if let Some(pos) = report.measures.iter().position(|m| m.id == id) {
        return Ok(&mut report.measures[pos]);
    }
    let m = plan.measure(id).ok_or_else(|| format!("计划中没有序号为“{id}”的落实举措。"))?;
    let assigned = report.unit.as_deref().is_some_and(|u| m.task.units.iter().any(|x| x == u));
    report.measures.push(MeasureEntry {
        id: m.measure.id.clone(),
        task_text: format!("{}.{}", m.task.number, m.task.title),
        measure_text: m.measure.text.clone(),
        responsible: m.task.responsible_text.clone(),
        status: None,
        status_text: String::new(),
        progress: String::new(),
        problems: String::new(),
        next_plan: String::new(),
        evidence: String::new(),
        assigned,
    });
    let last = report.measures.len() - 1;
    Ok(&mut report.measures[last])
}

/// The report's entry for indicator `id`, created from the plan when the unit left it out.
fn indicator_entry<'a>(plan: &Plan, report: &'a mut Report, id: &str) -> Result<&'a mut IndicatorEntry, String> {
    if let Some(pos) = report.indicators.iter().position(|i| i.id == id) {
        return Ok(&mut report.indicators[pos]);
    }
    let ind = plan.indicator(id).ok_or_else(|| format!("计划中没有编号为“{id}”的指标。"))?;
    let assigned = report.unit.as_deref().is_some_and(|u| ind.reporter_units.iter().any(|x| x == u));
    report.indicators.push(IndicatorEntry {
        id: ind.id.clone(),
        value: None,
        value_text: String::new(),
        remark: String::new(),
        assigned,
    });
    let last = report.indicators.len() - 1;
    Ok(&mut report.indicators[last])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(measure: Option<&str>, indicator: Option<&str>, field: Field, value: &str) -> Edit {
        Edit {
            measure: measure.map(String::from),
            indicator: indicator.map(String::from),
            kind: None,
            id: None,
            field,
            value: Some(EditValue::Text(value.to_string())),
        }
    }

    #[test]
    fn edits_change_the_report() {
        let plan = Plan::builtin();
        let mut report = Report { unit: Some("孟州市".into()), year: Some(2025), ..Report::default() };
        let first = plan.measures_of("孟州市").next().map(|m| m.measure.id.clone()).unwrap_or_default();
        assert!(apply_edit(&plan, &mut report, &edit(Some(&first), None, Field::Status, "已完成")).is_ok());
        assert_eq!(report.measure(&first).and_then(|m| m.status), Some(Status::Done));
        assert!(apply_edit(&plan, &mut report, &edit(None, Some("I12"), Field::Value, " 0.2 ")).is_ok());
        assert_eq!(report.indicator("I12").and_then(|i| i.value), Some(0.2));
        assert!(apply_edit(&plan, &mut report, &edit(None, None, Field::Date, "2026年1月20日")).is_ok());
        assert_eq!(report.date, Date::new(2026, 1, 20));
        assert!(apply_edit(&plan, &mut report, &edit(Some("99.9"), None, Field::Status, "已完成")).is_err());
        assert!(apply_edit(&plan, &mut report, &edit(Some(&first), None, Field::MeasureText, "x")).is_err());
        assert!(apply_edit(&plan, &mut report, &edit(None, None, Field::Unit, "不存在的单位")).is_err());
    }
}
