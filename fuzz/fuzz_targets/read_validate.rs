//! Arbitrary bytes → read → validate against the built-in plan, as `xlsx-tool validate`
//! and the page do. Must never panic, hang or run out of memory: every input gets a
//! result (with diagnostics), whatever it is.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static PLAN: LazyLock<jz_core::Plan> = LazyLock::new(jz_core::Plan::builtin);

fuzz_target!(|data: &[u8]| {
    let limits = xlsx_tool::Limits::default();
    // The name only matters for text files (CSV); try both kinds of name.
    for name in ["fuzz.xlsx", "fuzz.csv"] {
        let checked = xlsx_tool::check(&PLAN, data, name, &limits);
        // A file either reads as something or says why not.
        assert!(checked.ok() || !checked.diagnostics.is_empty());
        if data.starts_with(b"PK") || data.starts_with(&[0xD0, 0xCF]) {
            break;
        }
    }
});
