//! The bindings as JavaScript sees them, run under node by `wasm-bindgen-test-runner`:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown -p jz-wasm`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn message(e: js_sys::Error) -> String {
    String::from(e.message())
}

#[wasm_bindgen_test]
fn plan_lists_43_measures_and_refuses_bad_text() {
    let plan = jz_wasm::plan_js(None).ok().unwrap_or(JsValue::NULL);
    let tasks = Array::from(&get(&plan, "tasks"));
    let measures: u32 = tasks.iter().map(|t| Array::from(&get(&t, "measures")).length()).sum();
    assert_eq!(measures, 43);
    let err = jz_wasm::plan_js(Some("{not a plan".into())).err().map(message).unwrap_or_default();
    assert!(err.contains("计划文件"), "{err}");
}

#[wasm_bindgen_test]
fn template_then_validate_names_unit_and_year() {
    let bytes = jz_wasm::template_js("孟州市", 2025.0, None).ok().unwrap_or_default();
    assert!(bytes.starts_with(b"PK"));
    let result = jz_wasm::validate_js(&bytes, "孟州市.xlsx", None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&result, "unit").as_string().as_deref(), Some("孟州市"));
    assert_eq!(get(&result, "year").as_f64(), Some(2025.0));
    assert_eq!(get(&result, "ok").as_bool(), Some(false), "a blank template has errors");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_in_chinese() {
    let err = jz_wasm::template_js("火星局", 2025.0, None).err().map(message).unwrap_or_default();
    assert!(err.contains("火星局"), "{err}");
    let err = jz_wasm::template_js("孟州市", 1999.0, None).err().map(message).unwrap_or_default();
    assert!(err.contains("1999"), "{err}");
    let err = jz_wasm::merge_js(JsValue::from_str("x"), 2025.0, None).err().map(message).unwrap_or_default();
    assert!(err.contains("文件列表"), "{err}");
    let err = jz_wasm::annotate_js(b"garbage", "x.xlsx", None).err().map(message).unwrap_or_default();
    assert!(err.contains("无法读取"), "{err}");
}

#[wasm_bindgen_test]
fn garbage_is_a_diagnostic_not_a_trap() {
    let result = jz_wasm::validate_js(b"\x00\x01garbage", "x.xlsx", None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&result, "ok").as_bool(), Some(false));
    let diags = Array::from(&get(&result, "diagnostics"));
    assert_eq!(get(&diags.get(0), "code").as_string().as_deref(), Some("not-a-workbook"));
}

#[wasm_bindgen_test]
fn samples_merge_and_the_bad_one_can_be_corrected() {
    let files = jz_wasm::samples_js(2025.0, None).ok().unwrap_or(JsValue::NULL);
    let list = Array::from(&files);
    assert!(list.length() > 20);
    let merged = jz_wasm::merge_js(files.clone(), 2025.0, None).ok().unwrap_or(JsValue::NULL);
    let summary = get(&merged, "summary");
    assert_eq!(get(&summary, "year").as_f64(), Some(2025.0));
    assert!(get(&merged, "xlsx").is_instance_of::<Uint8Array>());
    let missing = Array::from(&get(&summary, "missing_units"));
    assert!(missing.iter().any(|u| u.as_string().as_deref() == Some("中医药局")));

    // 博爱县's sample has errors: fix every anchored one with a plausible value.
    let bad = list.iter().find(|f| get(f, "name").as_string().is_some_and(|n| n.starts_with("博爱县")));
    let bad = bad.unwrap_or(JsValue::NULL);
    let name = get(&bad, "name").as_string().unwrap_or_default();
    let bytes = get(&bad, "bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    let inspected = jz_wasm::inspect_js(&bytes, &name, None).ok().unwrap_or(JsValue::NULL);
    let result = get(&inspected, "result");
    assert_eq!(get(&result, "ok").as_bool(), Some(false));
    let edits = Array::new();
    for d in Array::from(&get(&result, "diagnostics")).iter() {
        if get(&d, "severity").as_string().as_deref() != Some("error") {
            continue;
        }
        let anchor = get(&d, "anchor");
        let field = get(&anchor, "field").as_string().unwrap_or_default();
        let value = if field == "status" { "推进中" } else { "0.2" };
        let edit = js_sys::Object::new();
        let _ = Reflect::set(&edit, &"kind".into(), &get(&anchor, "kind"));
        let _ = Reflect::set(&edit, &"id".into(), &get(&anchor, "id"));
        let _ = Reflect::set(&edit, &"field".into(), &field.into());
        let _ = Reflect::set(&edit, &"value".into(), &value.into());
        edits.push(&edit);
    }
    let annotated = jz_wasm::annotate_js(&bytes, &name, None).ok().unwrap_or_default();
    assert!(annotated.starts_with(b"PK"));
    let corrected = jz_wasm::correct_js(&bytes, &name, edits.into(), None);
    let corrected = corrected.map_err(message).unwrap_or(JsValue::NULL);
    let result = get(&corrected, "result");
    assert_eq!(get(&result, "ok").as_bool(), Some(true), "{:?}", js_sys::JSON::stringify(&result).ok());
    let xlsx = get(&corrected, "xlsx").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    let again = jz_wasm::validate_js(&xlsx, &name, None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&again, "ok").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn two_years_of_samples_give_the_progress_view() {
    let list = Array::new();
    for year in [2024.0, 2025.0] {
        let files = jz_wasm::samples_js(year, None).ok().unwrap_or(JsValue::NULL);
        for f in Array::from(&files).iter() {
            list.push(&f);
        }
    }
    let merged = jz_wasm::merge_js(list.into(), 2025.0, None).ok().unwrap_or(JsValue::NULL);
    let summary = get(&merged, "summary");
    let years: Vec<f64> = Array::from(&get(&summary, "years")).iter().filter_map(|y| y.as_f64()).collect();
    assert_eq!(years, vec![2024.0, 2025.0]);
    let progress = Array::from(&get(&summary, "progress"));
    assert_eq!(progress.length(), 26);
    let judgement = get(&progress.get(1), "judgement").as_string().unwrap_or_default();
    assert!(["正常", "关注", "滞后", "无数据"].contains(&judgement.as_str()));
    assert!(Array::from(&get(&summary, "trend")).length() > 40);
}

#[wasm_bindgen_test]
fn plan_diff_lists_a_changed_target() {
    let plan = jz_wasm::plan_js(None).ok().unwrap_or(JsValue::NULL);
    let old = js_sys::JSON::stringify(&plan).ok().and_then(|s| s.as_string()).unwrap_or_default();
    let new = old.replacen("\"target\":14,", "\"target\":20,", 1);
    assert_ne!(old, new, "the plan JSON should contain I02's target");
    let diff = jz_wasm::plan_diff_js(&old, &new).ok().unwrap_or(JsValue::NULL);
    let changes = Array::from(&get(&diff, "indicators"));
    assert_eq!(changes.length(), 1);
    assert_eq!(get(&changes.get(0), "id").as_string().as_deref(), Some("I02"));
    let err = jz_wasm::plan_diff_js("x", &new).err().map(message).unwrap_or_default();
    assert!(err.contains("旧计划"), "{err}");
}

/// The first diagnostic code of `validate` on `bytes`.
fn first_code(bytes: &[u8], name: &str) -> Option<String> {
    let result = jz_wasm::validate_js(bytes, name, None).ok()?;
    let diags = Array::from(&get(&result, "diagnostics"));
    get(&diags.get(0), "code").as_string()
}

#[wasm_bindgen_test]
fn hostile_files_get_a_diagnostic_not_a_trap() {
    let bomb = include_bytes!("../../tests/fixtures/zip_bomb.xlsx");
    assert_eq!(first_code(bomb, "bomb.xlsx").as_deref(), Some("too-large"));
    let docx = include_bytes!("../../tests/fixtures/not_a_workbook.xlsx");
    assert_eq!(first_code(docx, "docx.xlsx").as_deref(), Some("not-a-workbook"));
    let truncated = include_bytes!("../../tests/fixtures/truncated.xlsx");
    assert_eq!(first_code(truncated, "cut.xlsx").as_deref(), Some("not-a-workbook"));
    for (name, bytes) in [
        ("mulrk.xls", &include_bytes!("../../tests/fixtures/hostile/xls_mulrk_last_column_before_first.xls")[..]),
        ("overflow.xlsx", &include_bytes!("../../tests/fixtures/hostile/xlsx_cell_reference_overflows_u32.xlsx")[..]),
    ] {
        // Whatever the verdict, the module answers (a trap would abort the test run).
        assert!(jz_wasm::validate_js(bytes, name, None).is_ok(), "{name}");
    }
}

/// The module's linear memory in MB: wasm memory only grows, so this is the peak so far.
fn memory_mb() -> f64 {
    let memory = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().ok();
    memory.map_or(0.0, |m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| b.byte_length() as f64))
        / (1024.0 * 1024.0)
}

#[wasm_bindgen_test]
fn sparse_wide_workbooks_stay_within_the_memory_budget() {
    // Each sheet holds only A1 and FC19999 (tests/fixtures/hostile/make_sparse_wide.py):
    // 40 of them took 4 GB natively before the whole-workbook bounds, killing a tab.
    let hostile = [
        ("40.xls", &include_bytes!("../../tests/fixtures/hostile/sparse_wide_40_sheets.xls")[..], "too-large"),
        ("40.ods", &include_bytes!("../../tests/fixtures/hostile/sparse_wide_40_sheets.ods")[..], "too-large"),
        ("40.xlsx", &include_bytes!("../../tests/fixtures/hostile/sparse_wide_40_sheets.xlsx")[..], "unknown-layout"),
        ("2.xlsb", &include_bytes!("../../tests/fixtures/hostile/sparse_wide_2_sheets.xlsb")[..], "unknown-layout"),
    ];
    for (name, bytes, want) in hostile {
        let start = js_sys::Date::now();
        assert_eq!(first_code(bytes, name).as_deref(), Some(want), "{name}");
        // 5 s in a release build; this debug build is several times slower.
        assert!(js_sys::Date::now() - start < 30_000.0, "{name}");
    }
    // A real report with one such sheet added: read (the sheet is never built twice).
    for (name, bytes) in [
        ("r.xls", &include_bytes!("../../tests/fixtures/hostile/report_plus_sparse_wide_sheet.xls")[..]),
        ("r.ods", &include_bytes!("../../tests/fixtures/hostile/report_plus_sparse_wide_sheet.ods")[..]),
    ] {
        let result = jz_wasm::validate_js(bytes, name, None).ok().unwrap_or(JsValue::NULL);
        assert_eq!(get(&result, "unit").as_string().as_deref(), Some("温县"), "{name}");
    }
    let mb = memory_mb();
    assert!(mb > 0.0 && mb < 512.0, "wasm memory {mb} MB");
}
