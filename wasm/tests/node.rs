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
    let result = jz_wasm::validate_js(&bytes, "孟州市.xlsx", None, None).ok().unwrap_or(JsValue::NULL);
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
    let err = jz_wasm::annotate_js(b"garbage", "x.xlsx", None, None).err().map(message).unwrap_or_default();
    assert!(err.contains("无法读取"), "{err}");
}

#[wasm_bindgen_test]
fn garbage_is_a_diagnostic_not_a_trap() {
    let result = jz_wasm::validate_js(b"\x00\x01garbage", "x.xlsx", None, None).ok().unwrap_or(JsValue::NULL);
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
    let inspected = jz_wasm::inspect_js(&bytes, &name, None, None).ok().unwrap_or(JsValue::NULL);
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
    let annotated = jz_wasm::annotate_js(&bytes, &name, None, None).ok().unwrap_or_default();
    assert!(annotated.starts_with(b"PK"));
    let corrected = jz_wasm::correct_js(&bytes, &name, edits.into(), None, None);
    let corrected = corrected.map_err(message).unwrap_or(JsValue::NULL);
    let result = get(&corrected, "result");
    assert_eq!(get(&result, "ok").as_bool(), Some(true), "{:?}", js_sys::JSON::stringify(&result).ok());
    let xlsx = get(&corrected, "xlsx").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    let again = jz_wasm::validate_js(&xlsx, &name, None, None).ok().unwrap_or(JsValue::NULL);
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
    let result = jz_wasm::validate_js(bytes, name, None, None).ok()?;
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
        assert!(jz_wasm::validate_js(bytes, name, None, None).is_ok(), "{name}");
    }
}

#[wasm_bindgen_test]
fn report_of_the_samples_is_a_docx_whatever_the_order() {
    let files = jz_wasm::samples_js(2025.0, None).ok().unwrap_or(JsValue::NULL);
    let docx = jz_wasm::report_js(files.clone(), 2025.0, None).ok().unwrap_or_default();
    assert!(docx.starts_with(b"PK"), "a zip package");
    let needle = b"word/document.xml";
    assert!(docx.windows(needle.len()).any(|w| w == needle));
    let reversed = Array::from(&files).reverse();
    let again = jz_wasm::report_js(reversed.into(), 2025.0, None).ok().unwrap_or_default();
    assert_eq!(docx, again, "byte-identical in another order");
    let err = jz_wasm::report_js(JsValue::from_str("x"), 2025.0, None).err().map(message).unwrap_or_default();
    assert!(err.contains("文件列表"), "{err}");
    let err = jz_wasm::report_js(files, 1999.0, None).err().map(message).unwrap_or_default();
    assert!(err.contains("1999"), "{err}");
}

#[wasm_bindgen_test]
fn a_plan_workbook_loads_back_to_the_same_plan_and_diffs_with_a_memo() {
    let wb = jz_wasm::plan_workbook_js(None).ok().map(|v| Uint8Array::new(&v).to_vec()).unwrap_or_default();
    assert!(wb.starts_with(b"PK"));
    let loaded = jz_wasm::load_plan_js(&wb, "计划.xlsx", None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(Array::from(&get(&loaded, "diagnostics")).length(), 0);
    let text = get(&loaded, "planText").as_string().unwrap_or_default();
    let builtin = jz_wasm::plan_js(None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&get(&loaded, "plan"), "hash").as_string(), get(&builtin, "hash").as_string());
    let diff = jz_wasm::plan_diff_js("", &text).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&diff, "identical").as_bool(), Some(true));
    assert!(Array::from(&get(&diff, "memo")).length() >= 2);
}

#[wasm_bindgen_test]
fn a_plan_workbook_with_mistakes_gives_diagnostics_at_cells_and_no_plan() {
    let bytes = include_bytes!("../../tests/fixtures/plans/mistakes.xlsx");
    let loaded = jz_wasm::load_plan_js(bytes, "mistakes.xlsx", None).ok().unwrap_or(JsValue::NULL);
    assert!(get(&loaded, "planText").is_null());
    assert!(get(&loaded, "plan").is_null());
    let diags = Array::from(&get(&loaded, "diagnostics"));
    let found = diags.iter().any(|d| {
        get(&d, "sheet").as_string().as_deref() == Some("任务清单")
            && get(&d, "cell").as_string().as_deref() == Some("F11")
            && get(&d, "message").as_string().is_some_and(|m| m.contains("是否为“市场监管局”"))
    });
    assert!(found, "{} diagnostics", diags.length());
}

#[wasm_bindgen_test]
fn a_word_annex_is_imported_with_its_new_unit_listed_and_the_diff_memo_names_the_move() {
    let bytes = include_bytes!("../../tests/fixtures/plans/annex_revised.docx");
    let loaded = jz_wasm::load_plan_js(bytes, "实施方案.docx", None).ok().unwrap_or(JsValue::NULL);
    let text = get(&loaded, "planText").as_string().unwrap_or_default();
    assert!(!text.is_empty());
    let diags = Array::from(&get(&loaded, "diagnostics"));
    assert_eq!(diags.length(), 1);
    assert_eq!(get(&diags.get(0), "severity").as_string().as_deref(), Some("warning"));
    let diff = jz_wasm::plan_diff_js("", &text).ok().unwrap_or(JsValue::NULL);
    let memo: Vec<String> = Array::from(&get(&diff, "memo")).iter().filter_map(|l| l.as_string()).collect();
    assert!(memo.iter().any(|l| l == "举措 2.2 移到任务 4，改为 4.3。"), "{memo:?}");
    // The imported plan drives templates.
    let tpl = jz_wasm::template_js("科技局", 2025.0, Some(text)).ok().unwrap_or_default();
    assert!(tpl.starts_with(b"PK"));
}

#[wasm_bindgen_test]
fn folder_entries_are_judged_as_the_cli_judges_them() {
    let extensions = jz_wasm::inputs::spreadsheet_extensions_js();
    assert_eq!(extensions, ["xlsx", "xlsm", "xltx", "xltm", "xls", "et", "xlsb", "ods", "csv"]);
    assert!(jz_wasm::inputs::is_spreadsheet_name_js("孟州市.XLSM"));
    assert_eq!(jz_wasm::inputs::skip_reason_js("孟州市.et", 9000.0), None);
    let lock = jz_wasm::inputs::skip_reason_js("~$孟州市.xlsx", 165.0).unwrap_or_default();
    assert!(lock.contains("这是 Excel/WPS 打开文件时生成的临时文件"), "{lock}");
    assert!(jz_wasm::inputs::skip_reason_js("通知.docx", 100.0).unwrap_or_default().contains("不是表格文件"));
}

#[wasm_bindgen_test]
fn encrypted_workbooks_and_non_workbooks_are_named_in_wasm() {
    for (name, bytes) in [
        ("enc.xlsx", &include_bytes!("../../tests/fixtures/encrypted/encrypted_msoffcrypto.xlsx")[..]),
        ("enc.xlsb", &include_bytes!("../../tests/fixtures/encrypted/encrypted_msoffcrypto.xlsb")[..]),
        ("enc.xls", &include_bytes!("../../tests/fixtures/encrypted/encrypted_lo.xls")[..]),
        ("enc.ods", &include_bytes!("../../tests/fixtures/encrypted/encrypted_lo.ods")[..]),
        ("xor.xls", &include_bytes!("../../tests/fixtures/real_xls/poi_xor-encryption-abc.xls")[..]),
    ] {
        assert_eq!(first_code(bytes, name).as_deref(), Some("encrypted"), "{name}");
    }
    assert_eq!(first_code(b"", "empty.xlsx").as_deref(), Some("not-a-workbook"));
    let page = b"<html><body><table><tr><td>1</td></tr></table></body></html>";
    assert_eq!(first_code(page, "page.xls").as_deref(), Some("not-a-workbook"));
}

#[wasm_bindgen_test]
fn short_xls_and_sheetjs_xlsb_are_read_in_wasm() {
    // A short last sector once made calamine panic, which aborts wasm (panic = abort).
    let xls = include_bytes!("../../tests/fixtures/lo_mengzhou.xls");
    let result = jz_wasm::validate_js(&xls[..xls.len() - 8], "cut.xls", None, None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&result, "ok").as_bool(), Some(true));
    for (name, bytes) in [
        ("poi_47251.xls", &include_bytes!("../../tests/fixtures/real_xls/poi_47251.xls")[..]),
        ("poi_50426.xls", &include_bytes!("../../tests/fixtures/real_xls/poi_50426.xls")[..]),
    ] {
        assert_eq!(first_code(bytes, name).as_deref(), Some("unknown-layout"), "{name}");
    }
    let xlsb = include_bytes!("../../tests/fixtures/sheetjs_mengzhou.xlsb");
    let result = jz_wasm::validate_js(xlsb, "孟州市.xlsb", None, None).ok().unwrap_or(JsValue::NULL);
    assert_eq!(get(&result, "ok").as_bool(), Some(true), "every column of the SheetJS .xlsb is read");
    assert_eq!(get(&result, "unit").as_string().as_deref(), Some("孟州市"));
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
        let result = jz_wasm::validate_js(bytes, name, None, None).ok().unwrap_or(JsValue::NULL);
        assert_eq!(get(&result, "unit").as_string().as_deref(), Some("温县"), "{name}");
    }
    let mb = memory_mb();
    assert!(mb > 0.0 && mb < 512.0, "wasm memory {mb} MB");
}

#[wasm_bindgen_test]
fn a_toml_plan_file_is_answered_with_what_to_open_instead() {
    // The browser module has no TOML parser (it would cost ~70 KB gzipped): a TOML plan
    // file gets a diagnostic saying which files to open instead, and the picker's list
    // leaves .toml out.
    let toml = include_bytes!("../../core/plan/jiaozuo-2022-2025.toml");
    let loaded = jz_wasm::load_plan_js(toml, "计划.toml", None).ok().unwrap_or(JsValue::NULL);
    assert!(get(&loaded, "planText").is_null());
    let first = Array::from(&get(&loaded, "diagnostics")).get(0);
    let text = get(&first, "message").as_string().unwrap_or_default();
    assert!(text.contains("TOML") && text.contains("计划工作簿") && text.contains("plan export"), "{text}");
    let facts = jz_wasm::facts_js().ok().unwrap_or(JsValue::NULL);
    let plan_exts: Vec<String> =
        Array::from(&get(&facts, "plan_extensions")).iter().filter_map(|v| v.as_string()).collect();
    assert!(plan_exts.iter().any(|e| e == "xlsx") && plan_exts.iter().any(|e| e == "docx"), "{plan_exts:?}");
    assert!(!plan_exts.iter().any(|e| e == "toml"), "{plan_exts:?}");
}

#[wasm_bindgen_test]
fn a_mapping_places_a_renamed_column_and_a_bad_one_is_a_chinese_error() {
    let csv =
        "填报单位,孟州市,报告年度,2025\n序号,任务内容,落实举措,责任单位,完成状态,B栏,存在问题,下一步计划,佐证材料\n";
    let codes = |result: &JsValue| -> Vec<String> {
        Array::from(&get(result, "diagnostics")).iter().filter_map(|d| get(&d, "code").as_string()).collect()
    };
    let before = jz_wasm::validate_js(csv.as_bytes(), "x.csv", None, None).ok().unwrap_or(JsValue::NULL);
    assert!(codes(&before).contains(&"missing-column".to_string()));
    let mapping = js_sys::JSON::parse(r#"{"B栏": "进展情况"}"#).ok().unwrap_or(JsValue::NULL);
    let after = jz_wasm::validate_js(csv.as_bytes(), "x.csv", None, Some(mapping.clone().unchecked_into()))
        .ok()
        .unwrap_or(JsValue::NULL);
    assert!(!codes(&after).contains(&"missing-column".to_string()), "{:?}", codes(&after));
    assert!(codes(&after).contains(&"column-renamed".to_string()));
    // inspect gives the header row the 对应列 step shows.
    let inspected = jz_wasm::inspect_js(csv.as_bytes(), "x.csv", None, None).ok().unwrap_or(JsValue::NULL);
    let columns = get(&inspected, "columns");
    assert_eq!(Array::from(&get(&columns, "template")).length(), 9);
    assert_eq!(Array::from(&get(&columns, "columns")).length(), 9);
    let bad = js_sys::JSON::parse(r#"{"B栏": "进展"}"#).ok().unwrap_or(JsValue::NULL);
    let err = jz_wasm::validate_js(csv.as_bytes(), "x.csv", None, Some(bad.unchecked_into()))
        .err()
        .map(message)
        .unwrap_or_default();
    assert!(err.contains("不是填报表模板中的列"), "{err}");
}
