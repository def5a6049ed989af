//! Helpers for the end-to-end tests: fill cells into a workbook the way a person does
//! (typing into the template, keeping its styles, protection and `_meta`), and find the
//! committed fixtures.
//!
//! The tests themselves live in `tests/tests/`; fixtures in `tests/fixtures/`.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

/// What a person types into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'a> {
    /// Text.
    Text(&'a str),
    /// A number.
    Number(f64),
}

/// Folder of the committed fixtures.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Types values into existing cells of sheet number `sheet` (1-based, as in
/// `xl/worksheets/sheetN.xml`) of an xlsx written by rust_xlsxwriter, whose blank input
/// cells are stored as `<c r="F4" s="3"/>`; a cell with a value is typed over. Every
/// other part is copied unchanged.
///
/// # Panics
/// When a cell is not present in the sheet: that is a bug in the test, not in input.
pub fn type_into(xlsx: &[u8], sheet: usize, cells: &[(&str, Typed<'_>)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx");
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().map(|n| n.to_string()).expect("entry name");
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("inflate");
        if name == target {
            let mut xml = String::from_utf8(data).expect("utf-8 xml");
            for (cell, value) in cells {
                xml = set_cell(&xml, cell, value);
            }
            data = xml.into_bytes();
        }
        out.start_file(name, options).expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn set_cell(xml: &str, cell: &str, value: &Typed<'_>) -> String {
    let open = format!("<c r=\"{cell}\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("cell {cell} not in sheet"));
    let tag_end = start + xml[start..].find('>').unwrap_or_else(|| panic!("cell {cell} is cut"));
    // A blank cell `<c r=".." s=".."/>`, or one with a value typed over (to `</c>`).
    let (attrs_end, end) = if xml[..tag_end].ends_with('/') {
        (tag_end - 1, tag_end - 1)
    } else {
        let close = tag_end + xml[tag_end..].find("</c>").unwrap_or_else(|| panic!("cell {cell} is cut"));
        (tag_end, close + 2)
    };
    let attrs = xml[start + open.len()..attrs_end].replace(" t=\"s\"", "").replace(" t=\"inlineStr\"", "");
    let attrs = attrs.as_str();
    let new = match value {
        Typed::Text(s) => {
            format!("{open}{attrs} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", escape(s))
        }
        Typed::Number(n) => format!("{open}{attrs}><v>{n}</v></c>"),
    };
    format!("{}{}{}", &xml[..start], new, &xml[end + 2..])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
