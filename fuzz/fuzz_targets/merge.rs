//! Arbitrary bytes, split into up to six files at each `\n--JZ-FILE--\n`, → merge →
//! summary workbook written → summary read back. The merge must never panic, and the
//! summary it writes must read back as the same merge.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static PLAN: LazyLock<jz_core::Plan> = LazyLock::new(jz_core::Plan::builtin);

const SEPARATOR: &[u8] = b"\n--JZ-FILE--\n";

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() < 5 {
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(at) => {
                parts.push(&rest[..at]);
                rest = &rest[at + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    let parts = split(data);
    // Every other file named .csv, so text files are read as CSV too.
    let names: Vec<String> =
        (0..parts.len()).map(|i| if i % 2 == 0 { format!("f{i}.xlsx") } else { format!("f{i}.csv") }).collect();
    let files = names.iter().map(String::as_str).zip(parts.iter().copied());
    let limits = xlsx_tool::Limits::default();
    let (merge, bytes) = xlsx_tool::merge_files(&PLAN, files, 2025, &limits).expect("the summary is always written");
    let back = xlsx_tool::summary::read_summary(&bytes).expect("our own summary reads back");
    assert_eq!(back, merge.summary, "the summary read back differs from the merge");
});
