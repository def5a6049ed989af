//! Arbitrary zip *parts* → a well-formed zip (correct CRCs) → read → validate.
//!
//! Mutating a real .xlsx byte by byte mostly breaks its deflate stream or CRC, so the
//! XML parsers behind it are rarely reached. This target takes the parts in a plain
//! text form instead — `\x00name\x00content` repeated (see `fuzz/seeds.py`) — and zips
//! them itself (stored, no compression), so libFuzzer mutates the XML directly.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

static PLAN: LazyLock<jz_core::Plan> = LazyLock::new(jz_core::Plan::builtin);

fuzz_target!(|data: &[u8]| {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    // Fields alternate name, content after a leading separator.
    let mut fields = data.split(|b| *b == 0).skip(1);
    while let (Some(name), Some(content)) = (fields.next(), fields.next()) {
        let Ok(name) = std::str::from_utf8(name) else { return };
        if zip.start_file(name, options).is_err() || zip.write_all(content).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    let bytes = cursor.into_inner();
    let checked = xlsx_tool::check(&PLAN, &bytes, "parts.xlsx", &xlsx_tool::Limits::default());
    assert!(checked.ok() || !checked.diagnostics.is_empty());
});
