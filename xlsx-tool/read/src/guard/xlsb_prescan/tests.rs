//! Each refusal of the walk is a panic of calamine 0.38 on the same bytes (read here
//! under `catch_quietly`), and a workbook calamine reads is let through.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::Reader;

use super::check;
use crate::guard::xlsb_short_cells::{record as rec, wide};
use crate::unpack::tests::zip_of;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;

/// `xl/workbook.bin` with one sheet (relationship `rel`) and defined names.
fn workbook(rel: &str, names: &[Vec<u8>]) -> Vec<u8> {
    let sheet = [&0u32.to_le_bytes()[..], &1u32.to_le_bytes(), &wide(rel), &wide("S")].concat();
    let head = [rec(0x83, &[]), rec(0x99, &[0; 12]), rec(0x8F, &[]), rec(0x9C, &sheet), rec(0x90, &[])].concat();
    [head, names.concat(), rec(0x9D, &[0; 25]), rec(0x84, &[])].concat()
}

/// A `BrtName` record with the formula tokens `rgce`.
fn name(rgce: &[u8]) -> Vec<u8> {
    let body = [&[0u8; 9][..], &wide("N"), &(rgce.len() as u32).to_le_bytes(), rgce].concat();
    rec(0x27, &body)
}

/// A worksheet part: `dim` as the BrtWsDim body, then one row of `cells`.
fn sheet(dim: &[u8], cells: &[Vec<u8>]) -> Vec<u8> {
    let head = [rec(0x81, &[]), rec(0x94, dim), rec(0x91, &[]), rec(0x00, &[0; 4])].concat();
    [head, cells.concat(), rec(0x92, &[]), rec(0x82, &[])].concat()
}

fn isst(index: u32) -> Vec<u8> {
    rec(0x07, &[&[0u8; 8][..], &index.to_le_bytes()].concat())
}

fn xlsb(workbook: &[u8], sheet: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("xl/workbook.bin", workbook),
        ("xl/_rels/workbook.bin.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.bin", sheet),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.bin", s));
    }
    zip_of(&parts)
}

/// Whether calamine 0.38 panics opening the workbook or reading its sheets' cells.
fn calamine_panics(packed: &[u8]) -> bool {
    crate::quiet_panic::catch_quietly(|| {
        let Ok(mut book) = calamine::Xlsb::new(Cursor::new(packed)) else { return };
        for name in book.sheet_names() {
            let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
            while let Ok(Some(_)) = cells.next_cell() {}
        }
    })
    .is_err()
}

fn refused(packed: &[u8]) -> bool {
    check(packed).is_err_and(|d| d.code == jz_core::Code::NotAWorkbook)
}

#[test]
fn a_workbook_calamine_reads_passes() {
    let shared = [
        rec(0x9F, &[&1u32.to_le_bytes()[..], &1u32.to_le_bytes()].concat()),
        rec(0x13, &[[0u8].as_slice(), &wide("文字")].concat()),
        rec(0xA0, &[]),
    ]
    .concat();
    let names = [name(&[0x1E, 7, 0]), name(&[0x24, 0, 0, 0, 0, 1, 0xC0])];
    let packed = xlsb(&workbook("rId1", &names), &sheet(&[0; 16], &[isst(0)]), Some(&shared));
    assert!(check(&packed).is_ok());
    assert!(!calamine_panics(&packed));
    let mut book = calamine::Xlsb::new(Cursor::new(packed.as_slice())).unwrap();
    let range = book.worksheet_range("S").unwrap();
    assert_eq!(range.get_value((0, 0)), Some(&calamine::Data::String("文字".into())));
}

#[test]
fn each_refusal_is_a_calamine_panic() {
    let ok_sheet = sheet(&[0; 16], &[]);
    let cases: [(&str, Vec<u8>); 7] = [
        ("relationship id not in the rels", xlsb(&workbook("rId9", &[]), &ok_sheet, None)),
        ("BrtWsDim shorter than 16 bytes", xlsb(&workbook("rId1", &[]), &sheet(&[0; 8], &[]), None)),
        ("shared string index past the table", xlsb(&workbook("rId1", &[]), &sheet(&[0; 16], &[isst(3)]), None)),
        ("function number past FTAB", xlsb(&workbook("rId1", &[name(&[0x22, 0, 0x00, 0x80])]), &ok_sheet, None)),
        ("FTAB_ARGC[485]", xlsb(&workbook("rId1", &[name(&[0x21, 0xE5, 0x01])]), &ok_sheet, None)),
        (
            "sheet index without extern sheets",
            xlsb(&workbook("rId1", &[name(&[0x3A, 0, 0, 1, 0, 0, 0, 1, 0])]), &ok_sheet, None),
        ),
        ("formula token cut short", xlsb(&workbook("rId1", &[name(&[0x1F, 1, 2])]), &ok_sheet, None)),
    ];
    for (what, packed) in cases {
        assert!(calamine_panics(&packed), "calamine does not panic: {what}");
        assert!(refused(&packed), "not refused: {what}");
    }
    // BrtWbProp without its byte: `buf[0]`.
    let mut wb = workbook("rId1", &[]);
    let prop = rec(0x99, &[0; 12]);
    let at = wb.windows(prop.len()).position(|w| w == prop.as_slice()).unwrap();
    wb.splice(at..at + prop.len(), rec(0x99, &[]));
    let packed = xlsb(&wb, &ok_sheet, None);
    assert!(calamine_panics(&packed) && refused(&packed));
}

#[test]
fn what_only_breaks_wasm_or_the_stack_is_refused_too() {
    let ok_sheet = sheet(&[0; 16], &[]);
    // A string length whose `4 + len * 2` wraps a 32-bit usize (calamine slices backwards).
    let shared =
        [rec(0x9F, &[0u8, 0, 0, 0, 1, 0, 0, 0]), rec(0x13, &[&[0u8][..], &u32::MAX.to_le_bytes()].concat())].concat();
    assert!(refused(&xlsb(&workbook("rId1", &[]), &ok_sheet, Some(&shared))));
    // PtgMemFunc nested 100 deep: calamine recurses once per level.
    let mut rgce = vec![0x1E, 1, 0];
    for _ in 0..100 {
        rgce = [&[0x29][..], &(rgce.len() as u16).to_le_bytes(), &rgce].concat();
    }
    assert!(refused(&xlsb(&workbook("rId1", &[name(&rgce)]), &ok_sheet, None)));
    // A record declaring 200 MB in a part of a few bytes: calamine allocates it first.
    let huge = [0x00, 0x80, 0x80, 0x80, 0x64];
    assert!(refused(&xlsb(&workbook("rId1", &[]), &[rec(0x81, &[]), huge.to_vec()].concat(), None)));
}

#[test]
fn the_excel_beta_file_is_read_and_its_panic_refused_without_the_rewrite() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/hostile/xlsb_excel_made_calamine_0_38_panics.xlsb");
    let original = std::fs::read(path).unwrap();
    // As it is: the panic of calamine's read_workbook, refused.
    let mut archive = zip::ZipArchive::new(Cursor::new(original.as_slice())).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        parts.push((entry.name().unwrap().to_string(), bytes));
    }
    let stored = zip_of(&parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect::<Vec<_>>());
    assert!(calamine_panics(&stored));
    assert!(refused(&stored));
    // Unpacked (the beta sheet records rewritten): calamine reads its three sheets.
    let packed = crate::unpack::unpack_zip(&original, &crate::limits::Limits::default()).unwrap();
    assert!(!calamine_panics(&packed));
    let book = calamine::Xlsb::new(Cursor::new(packed.as_slice())).unwrap();
    assert_eq!(book.sheet_names(), ["Sheet1", "Sheet2", "Sheet3"]);
}
