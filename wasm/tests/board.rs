//! The board as the page asks for it (`board`, `annotatedName`), run under node:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown -p jz-wasm --test board`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(v: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(v, &JsValue::from_str(key), value);
}

fn edit(field: &str, value: &str) -> JsValue {
    let e: JsValue = Object::new().into();
    set(&e, "field", &field.into());
    set(&e, "value", &value.into());
    e
}

/// 温县's sample re-made with this 填报日期 and contact: a valid resubmission.
fn version(bytes: &[u8], date: &str, contact: &str) -> Vec<u8> {
    let edits: JsValue = Array::of2(&edit("date", date), &edit("contact", contact)).into();
    let out = jz_wasm::correct_js(bytes, "温县.xlsx", edits, None, None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&get(&out, "result"), "ok").as_bool(), Some(true));
    get(&out, "xlsx").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_same_day_resubmission_shows_on_the_board_the_file_the_merge_takes() {
    let samples = Array::from(&jz_wasm::samples_js(2025.0, None).ok().unwrap_or(JsValue::NULL));
    let wen = samples.iter().find(|f| get(f, "name").as_string().is_some_and(|n| n.starts_with("温县")));
    let wen = wen.unwrap_or(JsValue::NULL);
    let bytes = get(&wen, "bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    // Same 填报日期, different contents: the merge takes the greater SHA-256.
    let files = [
        ("温县_甲.xlsx", version(&bytes, "2026-01-15", "张三")),
        ("温县_乙.xlsx", version(&bytes, "2026-01-15", "李四")),
    ];

    let for_board = Array::new();
    let for_merge = Array::new();
    for (name, bytes) in &files {
        let result = jz_wasm::validate_js(bytes, name, None, None).ok().unwrap_or(JsValue::NULL);
        assert_eq!(get(&result, "sha256").as_string().map(|s| s.len()), Some(64));
        set(&result, "date", &"2026-01-15".into());
        for_board.push(&result);
        let named: JsValue = Object::new().into();
        set(&named, "name", &(*name).into());
        set(&named, "bytes", &Uint8Array::from(bytes.as_slice()).into());
        for_merge.push(&named);
    }
    let board = jz_wasm::board_js(for_board.into(), 2025.0, None).ok().unwrap_or(JsValue::NULL);
    let unit =
        Array::from(&get(&board, "units")).iter().find(|u| get(u, "unit").as_string().as_deref() == Some("温县"));
    let unit = unit.unwrap_or(JsValue::NULL);
    let merged = jz_wasm::merge_js(for_merge.into(), 2025.0, None).ok().unwrap_or(JsValue::NULL);
    let accepted = Array::from(&get(&get(&merged, "summary"), "accepted"));
    assert_eq!(accepted.length(), 1);
    assert_eq!(get(&unit, "path").as_string(), accepted.get(0).as_string());
    assert_eq!(get(&unit, "state").as_string().as_deref(), Some("received"));
    assert_eq!(get(&unit, "superseded").as_f64(), Some(1.0));
    assert_eq!(get(&unit, "on_time").as_bool(), Some(true));
    assert_eq!(get(&board, "deadline").as_string().as_deref(), Some("2026-01-31"));
}

#[wasm_bindgen_test]
fn the_marked_up_copy_is_named_as_the_cli_names_it() {
    assert_eq!(jz_wasm::annotated_name_js("收件/孟州市.xls"), "孟州市_问题标注.xlsx");
    let facts = jz_wasm::facts_js().ok().unwrap_or(JsValue::NULL);
    let judgement = get(&facts, "judgement");
    assert_eq!(get(&judgement, "watch").as_f64(), Some(0.8));
    assert!(get(&judgement, "rule").as_string().unwrap_or_default().contains("80%"));
}
