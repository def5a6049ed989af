//! Conversions between JavaScript values and Rust ones shared by every binding: errors,
//! the plan given as text, years, `[{name, bytes}]` lists, plain objects and byte arrays.

use std::borrow::Cow;
use std::sync::OnceLock;

#[cfg(feature = "writer")]
use js_sys::{Array, Uint8Array};
use js_sys::{Object, Reflect};
use jz_core::Plan;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) type JsResult<T> = Result<T, js_sys::Error>;

/// A JavaScript `Error` with `message`.
pub(crate) fn js_error(message: impl std::fmt::Display) -> js_sys::Error {
    js_sys::Error::new(&message.to_string())
}

/// The plan given as text, or the built-in one (parsed once).
pub(crate) fn load_plan(plan_text: Option<&str>) -> JsResult<Cow<'static, Plan>> {
    static BUILTIN: OnceLock<Plan> = OnceLock::new();
    match plan_text.map(str::trim) {
        None | Some("") => Ok(Cow::Borrowed(BUILTIN.get_or_init(Plan::builtin))),
        Some(text) => Plan::from_text(text).map(Cow::Owned).map_err(js_error),
    }
}

/// A JavaScript number as a reporting year of the plan.
pub(crate) fn plan_year(plan: &Plan, year: f64) -> JsResult<u16> {
    let bad = || {
        let shown = if year.is_finite() && year.fract() == 0.0 { year as i64 } else { 0 };
        js_error(plan.year_outside(shown))
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

/// The person's mapping of a file's headers to template columns, `{"<file header>":
/// "<template column>"}` (contract §15); `undefined`/`null`: none.
#[wasm_bindgen]
extern "C" {
    /// The person's mapping of a file's headers to template columns, as JavaScript gives it
    /// (an optional last argument: `mapping?: Mapping | null`).
    #[wasm_bindgen(typescript_type = "Mapping")]
    pub type MappingArg;
}

/// [`mapping`] of an optional argument.
pub(crate) fn mapping_arg(value: Option<MappingArg>) -> JsResult<jz_read::Mapping> {
    mapping(&value.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
}

pub(crate) fn mapping(value: &JsValue) -> JsResult<jz_read::Mapping> {
    if value.is_undefined() || value.is_null() {
        return Ok(jz_read::Mapping::default());
    }
    let bad = || js_error("对应列应是 {\"文件中的表头\": \"模板中的列\"} 形式的对象，表头和列名都是文字。");
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(bad());
    }
    // Read from the object's own entries (no JSON round trip: the check-only module stays small).
    let mut pairs = Vec::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(header), Some(column)) => pairs.push((header, column)),
            _ => return Err(bad()),
        }
    }
    jz_read::Mapping::from_pairs(pairs).map_err(js_error)
}

/// A plain object from `(key, value)` pairs.
pub(crate) fn object(pairs: &[(&str, &JsValue)]) -> JsResult<JsValue> {
    let obj = Object::new();
    for (key, value) in pairs {
        Reflect::set(&obj, &JsValue::from_str(key), value)
            .map_err(|_| js_error("内部错误：无法构造返回结果，请刷新页面后重试。"))?;
    }
    Ok(obj.into())
}

#[cfg(feature = "writer")]
/// Bytes as a new `Uint8Array`.
pub(crate) fn bytes_js(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

#[cfg(feature = "writer")]
/// `[{name, bytes, mapping?}]` from JavaScript: each file with its own mapping of headers
/// to template columns (none: empty).
pub(crate) fn mapped_files(files: &JsValue) -> JsResult<Vec<(String, Vec<u8>, jz_read::Mapping)>> {
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
        let map = Reflect::get(&item, &JsValue::from_str("mapping")).unwrap_or(JsValue::UNDEFINED);
        let map = mapping(&map).map_err(|e| js_error(format!("文件“{name}”的{}", String::from(e.message()))))?;
        out.push((name, bytes, map));
    }
    Ok(out)
}

#[cfg(feature = "writer")]
/// `[{name, bytes}]` for JavaScript from `(name, bytes)` pairs.
pub(crate) fn named_files_js(files: &[(String, Vec<u8>)]) -> JsResult<JsValue> {
    let list = Array::new();
    for (name, bytes) in files {
        list.push(&object(&[("name", &JsValue::from_str(name)), ("bytes", &bytes_js(bytes))])?);
    }
    Ok(list.into())
}
