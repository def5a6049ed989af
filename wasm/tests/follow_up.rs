//! The merge result's `summary.supervision` and `summary.reminders` as the page reads them
//! (field names fixed across engineers), under node: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown -p jz-wasm --test follow_up`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn samples_merge_gives_the_follow_up_lists_with_their_field_names() {
    let files = jz_wasm::samples_js(2025.0, None).ok().unwrap_or(JsValue::NULL);
    let merged = jz_wasm::merge_js(files, 2025.0, None).ok().unwrap_or(JsValue::NULL);
    let summary = get(&merged, "summary");

    let reminders = Array::from(&get(&summary, "reminders"));
    let units: Vec<String> = reminders.iter().map(|r| text(&r, "unit")).collect();
    assert_eq!(units, ["中医药局", "博爱县"]);
    let boai = reminders.get(1);
    assert_eq!(text(&boai, "status"), "退回");
    for key in ["contact", "phone", "last_submitted", "todo"] {
        assert!(!text(&boai, key).is_empty(), "{key}");
    }
    let notice = text(&boai, "notice");
    assert!(notice.starts_with("博爱县") && notice.contains("2026年1月31日前"), "{notice}");

    let supervision = Array::from(&get(&summary, "supervision"));
    assert!(supervision.length() >= 2);
    let first = supervision.iter().find(|r| text(r, "category") == "报送").unwrap_or(JsValue::NULL);
    for key in ["unit", "id", "content", "situation", "basis"] {
        assert!(get(&first, key).is_string(), "{key}");
    }
}
