//! Hostile files: each limit of the reader (README "安全限制") with a file that passes it,
//! built here in the test (cheaply: stored parts, or parts whose size does not cost
//! time), and every crash or hang fuzzing found, as a committed input under
//! `fixtures/hostile/`. Each must come back with a diagnostic, quickly, without a panic.
//!
//! The time bounds are generous upper bounds for debug builds on a slow shared machine;
//! each test here takes well under a few seconds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use jz_core::{Code, Plan};
use jz_tests::fixtures;
use xlsx_tool::Kind;
use xlsx_tool::{Checked, Limits, check};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// Upper bound on the time any hostile file may take (debug build, shared machine).
const QUICK: Duration = Duration::from_secs(20);

/// Checks `bytes` with the default limits and the built-in plan, asserting it took less
/// than [`QUICK`]. With `JZ_HOSTILE_DUMP=dir` set, the file is also written there (to
/// measure the release CLI on it: `/usr/bin/time -v xlsx-tool validate dir/...`).
fn check_quickly(bytes: &[u8], name: &str) -> Checked {
    if let Some(dir) = std::env::var_os("JZ_HOSTILE_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
    let plan = Plan::builtin();
    let start = Instant::now();
    let checked = check(&plan, bytes, name, &Limits::default());
    assert!(start.elapsed() < QUICK, "{name}: took {:?}", start.elapsed());
    checked
}

/// The single diagnostic of an unreadable file.
fn only_code(c: &Checked) -> Code {
    assert_eq!(c.kind, Kind::Unreadable, "{}: {:?}", c.path, c.diagnostics);
    assert_eq!(c.diagnostics.len(), 1, "{}: {:?}", c.path, c.diagnostics);
    let d = &c.diagnostics[0];
    assert!(!d.message.is_ascii(), "a Chinese message: {}", d.message);
    d.code
}

fn zip_of(entries: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method).large_file(false);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal xlsx: the given sheets (name, worksheet part) and, if any, a shared
/// strings part. `method` compresses every part.
fn xlsx(sheets: &[(String, Vec<u8>)], shared_strings: Option<&[u8]>, method: CompressionMethod) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let root_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let mut workbook =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>"#);
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        workbook.push_str(&format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    workbook.push_str("</sheets></workbook>");
    if shared_strings.is_some() {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    let sheet_names: Vec<String> = (1..=sheets.len()).map(|n| format!("xl/worksheets/sheet{n}.xml")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ];
    for (name, (_, part)) in sheet_names.iter().zip(sheets) {
        entries.push((name, part));
    }
    if let Some(s) = shared_strings {
        entries.push(("xl/sharedStrings.xml", s));
    }
    zip_of(&entries, method)
}

/// A worksheet part around `sheet_data` (the inside of `<sheetData>`).
fn worksheet(sheet_data: &[u8]) -> Vec<u8> {
    let mut part =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>"#).into_bytes();
    part.extend_from_slice(sheet_data);
    part.extend_from_slice(b"</sheetData></worksheet>");
    part
}

/// The header rows of a 任务填报 sheet (contact block on row 2, header on row 3) as
/// inline strings, so a sheet built around them is recognised as a unit's report.
fn task_header_rows() -> Vec<u8> {
    let cell = |r: u32, c: u32, s: &str| {
        format!(r#"<c r="{}{r}" t="inlineStr"><is><t>{s}</t></is></c>"#, jz_core::cell::column_name(c))
    };
    let mut xml = String::from(r#"<row r="2">"#);
    for (c, s) in ["填报单位", "孟州市", "报告年度", "2025", "联系人", "张三"].iter().enumerate() {
        xml.push_str(&cell(2, c as u32, s));
    }
    xml.push_str(r#"</row><row r="3">"#);
    for (c, s) in jz_core::TASK_COLUMNS.iter().enumerate() {
        xml.push_str(&cell(3, c as u32, s));
    }
    xml.push_str("</row>");
    xml.into_bytes()
}

// ---- the limits, one by one ----

#[test]
fn zip_bomb_is_too_large() {
    // 200 MB of zeros deflated to 200 KB, in xl/worksheets/sheet1.xml.
    let bytes = std::fs::read(fixtures().join("zip_bomb.xlsx")).unwrap();
    let c = check_quickly(&bytes, "zip_bomb.xlsx");
    assert_eq!(only_code(&c), Code::TooLarge);
    assert!(c.diagnostics[0].message.contains("64 MB"), "{}", c.diagnostics[0].message);
}

/// Offsets of the "uncompressed size" field of every local and central header.
fn size_fields(zip: &[u8]) -> Vec<usize> {
    let mut at = Vec::new();
    for i in 0..zip.len().saturating_sub(4) {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => at.push(i + 22),
            b"PK\x01\x02" => at.push(i + 24),
            _ => {}
        }
    }
    at
}

#[test]
fn zip_whose_headers_lie_about_sizes_is_refused() {
    // The zip bomb with every header claiming each part is 1,000 bytes: the real
    // inflated size is counted, never the declared one.
    let mut bytes = std::fs::read(fixtures().join("zip_bomb.xlsx")).unwrap();
    let fields = size_fields(&bytes);
    assert!(fields.len() >= 6, "{fields:?}");
    for at in fields {
        bytes[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
    }
    let c = check_quickly(&bytes, "lying_sizes.xlsx");
    assert!(matches!(only_code(&c), Code::TooLarge | Code::NotAWorkbook), "{:?}", c.diagnostics);
    // And the other way round: a real workbook whose headers claim 4 GB parts.
    let good = std::fs::read(fixtures().join("good_haiguan.xlsx")).unwrap();
    let mut bytes = good.clone();
    for at in size_fields(&good) {
        bytes[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    let c = check_quickly(&bytes, "claims_huge.xlsx");
    // Either read correctly (sizes ignored) or refused; never a 4 GB allocation.
    if c.kind == Kind::Unreadable {
        assert!(matches!(only_code(&c), Code::TooLarge | Code::NotAWorkbook), "{:?}", c.diagnostics);
    }
}

#[test]
fn a_million_rows_are_refused_by_the_cell_limit() {
    // 1,048,575 rows of one number each after a real header: 27 MB stored, under the
    // file and inflate limits, so the streaming reader itself must stop at 200,000 cells.
    let mut data = task_header_rows();
    data.reserve(28 << 20);
    for _ in 0..1_048_570 {
        data.extend_from_slice(b"<row><c><v>1</v></c></row>");
    }
    let bytes = xlsx(&[("任务填报".into(), worksheet(&data))], None, CompressionMethod::Stored);
    assert!(bytes.len() < 32 << 20, "{}", bytes.len());
    let c = check_quickly(&bytes, "million_rows.xlsx");
    assert_eq!(only_code(&c), Code::TooLarge);
    assert!(c.diagnostics[0].message.contains("200000"), "{}", c.diagnostics[0].message);
}

/// Bits into bytes, least significant bit first (as deflate wants them).
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    /// `n` bits of `value`, least significant first (headers and extra bits).
    fn put(&mut self, value: u32, n: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code of `len` bits, most significant first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.put(reversed, len);
    }

    /// A literal byte in the fixed Huffman code.
    fn literal(&mut self, b: u8) {
        match b {
            0..=143 => self.code(0x30 + u32::from(b), 8),
            _ => self.code(0x190 + u32::from(b) - 144, 9),
        }
    }

    /// Ends the block (code 256) and flushes the last partial byte.
    fn finish(mut self) -> Vec<u8> {
        self.put(0, 7);
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// CRC-32 (as zip uses it) of the pieces, in order.
fn crc32(pieces: &[&[u8]]) -> u32 {
    let table: Vec<u32> =
        (0..256u32).map(|i| (0..8).fold(i, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })).collect();
    let mut crc = !0u32;
    for piece in pieces {
        for &b in *piece {
            crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
        }
    }
    !crc
}

/// A deflate stream of `head`, `unit` repeated `count` times, then `tail`, made by hand
/// in a few milliseconds (one fixed-Huffman block of back-references), with the
/// inflated size and CRC-32. Deflating 100 MB with a real encoder in a debug build
/// would take seconds.
fn deflate_repeated(head: &[u8], unit: &[u8], count: usize, tail: &[u8]) -> (Vec<u8>, u32, u64) {
    assert!((1..=32_768).contains(&unit.len()) && count >= 1);
    let mut bits = Bits::default();
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    head.iter().chain(unit).for_each(|&b| bits.literal(b));
    // Distance code and extra bits of `unit.len()`.
    let d = unit.len() as u32 - 1;
    let (dcode, extra_n, extra) = if d < 4 {
        (d, 0, 0)
    } else {
        let e = 31 - d.leading_zeros() - 1;
        (2 * e + 2 + ((d >> e) & 1), e, d & ((1 << e) - 1))
    };
    let repeated = unit.len() * (count - 1);
    for _ in 0..repeated / 258 {
        bits.code(0xC5, 8); // length 258
        bits.code(dcode, 5);
        bits.put(extra, extra_n);
    }
    let done = repeated / 258 * 258;
    (done..repeated).for_each(|i| bits.literal(unit[i % unit.len()]));
    tail.iter().for_each(|&b| bits.literal(b));
    let mut crc_input: Vec<&[u8]> = vec![head];
    crc_input.extend(std::iter::repeat_n(unit, count));
    crc_input.push(tail);
    let size = (head.len() + unit.len() * count + tail.len()) as u64;
    (bits.finish(), crc32(&crc_input), size)
}

/// Replaces the stored part `name` of `zip` by the deflate stream `data` (same length)
/// that inflates to `size` bytes with checksum `crc`, patching both of its headers.
fn make_deflated(zip: &mut [u8], name: &str, crc: u32, size: u64) {
    let size = u32::try_from(size).unwrap();
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(46 + name.len()) {
        let (sig, method, fields, name_at) = match &zip[i..i + 4] {
            b"PK\x03\x04" => ("local", i + 8, i + 14, i + 30),
            b"PK\x01\x02" => ("central", i + 10, i + 16, i + 46),
            _ => continue,
        };
        if &zip[name_at..name_at + name.len()] != name.as_bytes() {
            continue;
        }
        zip[method..method + 2].copy_from_slice(&8u16.to_le_bytes());
        zip[fields..fields + 4].copy_from_slice(&crc.to_le_bytes());
        zip[fields + 8..fields + 12].copy_from_slice(&size.to_le_bytes());
        patched += 1;
        assert!(matches!(sig, "local" | "central"));
    }
    assert_eq!(patched, 2, "both headers of {name}");
}

#[test]
fn hand_made_deflate_inflates_to_what_it_says() {
    let (data, crc, size) = deflate_repeated(b"<sst>", "<si><t>进展</t></si>".as_bytes(), 1000, b"</sst>");
    let mut zip = zip_of(&[("a.xml", &data)], CompressionMethod::Stored);
    make_deflated(&mut zip, "a.xml", crc, size);
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut text).unwrap();
    assert_eq!(text, format!("<sst>{}</sst>", "<si><t>进展</t></si>".repeat(1000)));
}

#[test]
fn a_100_mb_shared_strings_table_is_refused() {
    // 100 MB of shared strings, deflated to about 1 MB: under the file limit, over the
    // inflate limit. (A real deflater would take seconds in a debug build: made by hand.)
    let head = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">"#);
    let unit = "<si><t>进展情况</t></si>".as_bytes();
    let count = (100 << 20) / unit.len();
    let (data, crc, size) = deflate_repeated(head.as_bytes(), unit, count, b"</sst>");
    assert!(size >= 100 << 20);
    let sheet = worksheet(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let mut bytes = xlsx(&[("任务填报".into(), sheet)], Some(&data), CompressionMethod::Stored);
    make_deflated(&mut bytes, "xl/sharedStrings.xml", crc, size);
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let c = check_quickly(&bytes, "shared_strings_100mb.xlsx");
    assert_eq!(only_code(&c), Code::TooLarge);
    assert!(c.diagnostics[0].message.contains("64 MB"), "{}", c.diagnostics[0].message);
}

#[test]
fn a_large_shared_strings_table_under_the_limit_reads() {
    // Under the inflate limit: read, and the sheet found. 6 MB here to keep the debug
    // build quick; 60 MB (2.6 million strings) takes 0.6 s and 128 MB in the release CLI.
    let head = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">"#);
    let unit = "<si><t>进展情况</t></si>".as_bytes();
    let count = (6 << 20) / unit.len();
    let (data, crc, size) = deflate_repeated(head.as_bytes(), unit, count, b"</sst>");
    let mut rows = task_header_rows();
    rows.extend_from_slice(
        br#"<row r="4"><c r="A4" t="inlineStr"><is><t>2.1</t></is></c><c r="F4" t="s"><v>7</v></c></row>"#,
    );
    let mut bytes = xlsx(&[("任务填报".into(), worksheet(&rows))], Some(&data), CompressionMethod::Stored);
    make_deflated(&mut bytes, "xl/sharedStrings.xml", crc, size);
    let c = check_quickly(&bytes, "shared_strings_6mb.xlsx");
    assert_eq!(c.kind, Kind::Report, "{:?}", c.diagnostics);
    assert_eq!(c.report.measure("2.1").map(|m| m.progress.as_str()), Some("进展情况"));
}

#[test]
fn a_cell_of_10_mb_text_is_refused() {
    // Excel holds at most 32,767 characters in a cell; a 10 MB text is no unit's report.
    let mut data = task_header_rows();
    data.extend_from_slice(
        br#"<row r="4"><c r="A4" t="inlineStr"><is><t>2.1</t></is></c><c r="F4" t="inlineStr"><is><t>"#,
    );
    data.extend(std::iter::repeat_n(b'x', 10 << 20));
    data.extend_from_slice(b"</t></is></c></row>");
    let bytes = xlsx(&[("任务填报".into(), worksheet(&data))], None, CompressionMethod::Stored);
    let c = check_quickly(&bytes, "cell_10mb.xlsx");
    assert_eq!(only_code(&c), Code::TooLarge);
    assert!(c.diagnostics[0].message.contains("32767"), "{}", c.diagnostics[0].message);
    // The same text as a CSV field.
    let mut csv = "序号,任务内容,落实举措,责任单位,完成状态,进展情况\n2.1,,,,推进中,".to_string();
    csv.extend(std::iter::repeat_n('文', 4 << 20));
    let c = check_quickly(csv.as_bytes(), "cell_10mb.csv");
    assert_eq!(only_code(&c), Code::TooLarge);
}

#[test]
fn a_text_of_32767_characters_still_reads() {
    // Excel's own limit is not too large: it is read, and validation says the text is too long.
    let mut data = task_header_rows();
    data.extend_from_slice(
        br#"<row r="4"><c r="A4" t="inlineStr"><is><t>2.1</t></is></c><c r="F4" t="inlineStr"><is><t>"#,
    );
    data.extend("长".repeat(32_767).as_bytes());
    data.extend_from_slice(b"</t></is></c></row>");
    let bytes = xlsx(&[("任务填报".into(), worksheet(&data))], None, CompressionMethod::Stored);
    let c = check_quickly(&bytes, "cell_32767.xlsx");
    assert_eq!(c.kind, Kind::Report);
    assert!(c.diagnostics.iter().any(|d| d.code == Code::TextTooLong && d.cell == "F4"), "{:?}", c.diagnostics);
}

#[test]
fn a_thousand_sheets_are_refused() {
    let sheets: Vec<(String, Vec<u8>)> =
        (0..1000).map(|i| (format!("表{i}"), worksheet(br#"<row r="1"><c r="A1"><v>1</v></c></row>"#))).collect();
    let bytes = xlsx(&sheets, None, CompressionMethod::Stored);
    let c = check_quickly(&bytes, "sheets_1000.xlsx");
    assert_eq!(only_code(&c), Code::TooLarge);
    assert!(c.diagnostics[0].message.contains("1000 张"), "{}", c.diagnostics[0].message);
}

#[test]
fn deeply_nested_xml_is_answered_quickly() {
    // 100,000 nested elements inside a sheet, after a real header, and in the workbook part.
    let depth = 100_000;
    let mut data = task_header_rows();
    data.extend_from_slice(br#"<row r="4"><c r="A4" t="inlineStr"><is>"#);
    data.extend(b"<r>".repeat(depth));
    data.extend(b"</r>".repeat(depth));
    data.extend_from_slice(b"</is></c></row>");
    data.extend(b"<x>".repeat(depth));
    data.extend(b"</x>".repeat(depth));
    let bytes = xlsx(&[("任务填报".into(), worksheet(&data))], None, CompressionMethod::Stored);
    let c = check_quickly(&bytes, "nested.xlsx");
    assert!(!c.ok());
    // Unclosed: 100,000 opening tags and nothing else.
    let mut data = task_header_rows();
    data.extend(b"<row><c><is><t>".repeat(depth));
    let bytes = xlsx(&[("任务填报".into(), worksheet(&data))], None, CompressionMethod::Stored);
    let c = check_quickly(&bytes, "nested_unclosed.xlsx");
    assert!(!c.ok());
}

#[test]
fn a_renamed_docx_is_not_a_workbook() {
    let bytes = std::fs::read(fixtures().join("not_a_workbook.xlsx")).unwrap();
    let c = check_quickly(&bytes, "not_a_workbook.xlsx");
    assert_eq!(only_code(&c), Code::NotAWorkbook);
    assert!(c.diagnostics[0].message.contains("另存为 .xlsx"));
}

#[test]
fn a_zip_of_junk_is_not_a_workbook() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut junk = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    };
    let (a, b) = (junk(5000), junk(100));
    for name in ["junk.xlsx", "junk.zip", "junk.ods", "junk.csv"] {
        let bytes = zip_of(&[("a.bin", &a), ("dir/b.txt", &b)], CompressionMethod::Deflated);
        assert_eq!(only_code(&check_quickly(&bytes, name)), Code::NotAWorkbook, "{name}");
        // A zip of junk under the names of workbook parts.
        let bytes = zip_of(&[("xl/workbook.xml", &a), ("xl/worksheets/sheet1.xml", &b)], CompressionMethod::Stored);
        assert_eq!(only_code(&check_quickly(&bytes, name)), Code::NotAWorkbook, "{name}");
        let bytes = zip_of(
            &[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", &a)],
            CompressionMethod::Stored,
        );
        assert_eq!(only_code(&check_quickly(&bytes, name)), Code::NotAWorkbook, "{name}");
    }
}

#[test]
fn an_ods_of_many_empty_rows_is_answered_quickly() {
    // 1.6 million self-closing rows (29 MB, under the file limit) then one closing tag: a
    // scan that looked for each row's end tag from every row would take hours.
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="任务填报">"#,
    );
    content.reserve(40 << 20);
    for _ in 0..1_600_000 {
        content.push_str("<table:table-row/>");
    }
    content.push_str(r#"<table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#);
    let bytes = zip_of(
        &[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())],
        CompressionMethod::Stored,
    );
    assert!(bytes.len() < 32 << 20, "{}", bytes.len());
    let c = check_quickly(&bytes, "ods_empty_rows.ods");
    assert!(!c.ok());
    assert!(c.diagnostics.iter().all(|d| d.code != Code::TooLarge || !d.message.contains("32 MB")));
}

// ---- inputs found by fuzzing (fuzz/), committed under fixtures/hostile/ ----

/// Found by `read_validate`: an .xls whose MulRk record (several numbers in one row) has
/// its last column before its first; calamine 0.38 subtracts them in u16 and panics
/// (with overflow checks) or misreads. The prescan refuses it first.
#[test]
fn xls_mulrk_last_column_before_first_is_not_a_workbook() {
    let name = "xls_mulrk_last_column_before_first.xls";
    let bytes = std::fs::read(fixtures().join("hostile").join(name)).unwrap();
    let c = check_quickly(&bytes, name);
    assert_eq!(only_code(&c), Code::NotAWorkbook);
}

/// Every committed fuzz finding: read, validate and merge it, quickly, without a panic.
#[test]
fn every_fuzz_finding_is_answered_quickly() {
    let dir = fixtures().join("hostile");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let plan = Plan::builtin();
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let c = check_quickly(&bytes, &name);
        assert!(c.ok() || !c.diagnostics.is_empty(), "{name}");
        let start = Instant::now();
        let (merge, summary) =
            xlsx_tool::merge_files(&plan, [(name.as_str(), bytes.as_slice())], 2025, &Limits::default()).unwrap();
        assert!(start.elapsed() < QUICK, "{name}: merge took {:?}", start.elapsed());
        assert_eq!(xlsx_tool::summary::read_summary(&summary).unwrap(), merge.summary, "{name}");
    }
}
