//! Opening a zip container (.xlsx .xlsb .ods) from an untrusted file: every part
//! inflated once within the [`Limits`], then repacked without compression for calamine.

use std::io::{Cursor, Read};

use jz_core::Diagnostic;

use crate::limits::{Limits, file_too_large, inflated_too_large, not_a_workbook, too_large};

/// For zip containers (xlsx, xlsb, ods): inflates every part a workbook reader reads (see
/// `is_read_part`) once, counting the bytes that actually come out and stopping as soon
/// as the running total passes `max_inflated_bytes` (the sizes the zip headers declare
/// are never trusted); refuses more entries than [`Limits::max_zip_entries`] and cell
/// references no spreadsheet writes (see `absurd_reference`). Other parts (pictures,
/// document properties, the colour theme) are never inflated, by anyone.
///
/// Returns the same workbook repacked without compression, each part with the CRC-32
/// its entry declared. calamine then reads the parts without inflating anything a second
/// time, and checks each part's CRC-32 as it reads it (so it is not computed here too).
/// Worksheet parts get their merged ranges moved first (see `merges_first`).
///
/// `Err` is a `too-large` diagnostic, or `not-a-workbook` when the zip is broken.
pub fn unpack_zip(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, Diagnostic> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(file_too_large(limits));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    if archive.len() > limits.max_zip_entries() {
        return Err(too_large(format!(
            "文件内部包含 {} 个部件，超过了允许的 {} 个",
            archive.len(),
            limits.max_zip_entries()
        )));
    }
    let mut total: u64 = 0;
    let mut packed = StoredZip::default();
    let mut part = Vec::new();
    for i in 0..archive.len() {
        let options = zip::read::ZipReadOptions::new().ignore_crc32(true);
        let mut entry = archive.by_index_with_options(i, options).map_err(|_| not_a_workbook())?;
        if entry.is_dir() {
            continue;
        }
        // Some writers separate folders with backslashes (`xl\worksheets\sheet1.xml`);
        // the copy calamine reads has forward slashes, as the format says.
        let name = part_name(&entry.name().map_err(|_| not_a_workbook())?);
        if !is_read_part(&name) {
            continue;
        }
        let (crc, entry_size) = (entry.crc32(), entry.size());
        // Read at most one byte past what is still allowed: enough to know it is too much.
        let remaining = limits.max_inflated_bytes.saturating_sub(total);
        let mut allowed = (&mut entry).take(remaining.saturating_add(1));
        part.clear();
        // The declared size is only a hint (the reading is bounded by `allowed`).
        part.reserve(entry_size.min(remaining) as usize);
        let read = allowed.read_to_end(&mut part).map_err(|_| not_a_workbook())?;
        total = total.saturating_add(read as u64);
        if total > limits.max_inflated_bytes {
            return Err(inflated_too_large(limits));
        }
        if crate::read::expand_xlsb_short_cells(&name, &mut part) {
            packed.add(&name, crc32fast::hash(&part), &part);
            continue;
        }
        if crate::macro_sheets::is_workbook_rels(&name)
            && let Some(rels) = crate::macro_sheets::macro_sheets_as_dialog_sheets(&part)
        {
            packed.add(&name, crc32fast::hash(&rels), &rels);
            continue;
        }
        if is_sheet_part(&name) {
            if absurd_reference(&part) {
                return Err(not_a_workbook());
            }
            if merges_first(&mut part) {
                packed.add(&name, crc32fast::hash(&part), &part);
                continue;
            }
        }
        packed.add(&name, crc, &part);
    }
    Ok(packed.finish())
}

/// A zip entry's name with folders separated by `/` (some writers use `\`).
pub(crate) fn part_name(raw: &str) -> String {
    raw.replace('\\', "/")
}

/// Whether calamine may read this part when it opens a workbook and its sheets: XML,
/// relationships and binary records (`.xml`, `.rels`, `.bin`, `mimetype`), except
/// document properties, the colour theme, drawings and charts, which it reads only when
/// asked for properties, colours or pictures (this crate never asks).
fn is_read_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let skipped = ["docprops/", "/theme/", "/drawings/", "/charts/", "customxml/", "/printersettings/"];
    ([".xml", ".rels", ".bin"].iter().any(|ext| lower.ends_with(ext)) || lower == "mimetype")
        && !skipped.iter().any(|dir| lower.contains(dir))
}

/// An .xlsx worksheet part.
fn is_sheet_part(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml")
}

/// Whether sheet XML holds a cell reference (`r="…"`, `ref="…"`, `sqref="…"`, either
/// quote, spaces around `=`) that no spreadsheet writes — more than 3 column letters or
/// 7 row digits. Such references make calamine 0.38 overflow its column or row
/// arithmetic (found by fuzzing).
fn absurd_reference(xml: &[u8]) -> bool {
    let mut at = 0;
    while let Some(eq) = memchr::memchr(b'=', &xml[at..]) {
        let eq = at + eq;
        at = eq + 1;
        if !is_reference_attribute(&xml[..eq]) {
            continue;
        }
        let Some(open) = xml[at..].iter().position(|b| !b.is_ascii_whitespace()).map(|i| at + i) else { break };
        if matches!(xml[open], b'"' | b'\'') {
            let start = open + 1;
            let end = memchr::memchr(xml[open], &xml[start..]).map_or(xml.len(), |e| start + e);
            if absurd_reference_value(&xml[start..end]) {
                return true;
            }
            at = end;
        }
    }
    false
}

/// Whether the text before an `=` ends with `sqref`, or with ` ref` or ` r` after
/// whitespace (spaces before `=` allowed).
fn is_reference_attribute(before: &[u8]) -> bool {
    let name = before.trim_ascii_end();
    let after_space =
        |attr: &[u8]| name.strip_suffix(attr).is_some_and(|b| b.last().is_some_and(u8::is_ascii_whitespace));
    name.ends_with(b"sqref") || after_space(b"ref") || after_space(b"r")
}

/// A reference list (`A1`, `B2:C9 E4`) with a part of more than 3 letters before its
/// digits, or more than 7 digits.
fn absurd_reference_value(value: &[u8]) -> bool {
    value.split(|&b| b == b':' || b.is_ascii_whitespace()).any(|cell| {
        let letters = cell.iter().take_while(|b| !b.is_ascii_digit()).filter(|b| b.is_ascii_alphabetic()).count();
        let digits = cell.iter().filter(|b| b.is_ascii_digit()).count();
        letters > 3 || digits > 7
    })
}

/// calamine finds a sheet's merged ranges by parsing the whole sheet a second time, up to
/// its `<mergeCells>` element, which comes after all the cells. In the private copy
/// calamine reads, that element is moved right after the root tag (an empty one is put
/// there when the sheet has none), so the lookup stops at once; calamine's cell reader
/// skips it. Done in place (no second copy of a large sheet); `false` (the part is left
/// as it is) when the sheet's shape is unexpected, e.g. a `mergeCells` element with a
/// namespace prefix.
fn merges_first(xml: &mut Vec<u8>) -> bool {
    let Some((root_end, from, to)) = merges_place(xml) else { return false };
    if from == to {
        xml.splice(root_end..root_end, b"<mergeCells/>".iter().copied());
    } else {
        xml[root_end..to].rotate_right(to - from);
    }
    true
}

/// For [`merges_first`]: the end of the root start tag and the `<mergeCells>` block
/// (`from == to` when there is none).
fn merges_place(xml: &[u8]) -> Option<(usize, usize, usize)> {
    let root_end = root_start_tag_end(xml)?;
    // Looked for before and after the cells only (most of the part), not through them.
    let cells = match (find(xml, b"<sheetData"), memchr::memmem::rfind(xml, b"</sheetData>")) {
        (Some(start), Some(end)) if root_end <= start && start < end => start..end,
        _ => root_end..root_end,
    };
    let find_outside = |needle: &[u8]| {
        find(&xml[..cells.start], needle).or_else(|| find(&xml[cells.end..], needle).map(|at| cells.end + at))
    };
    let (from, to) = match find_outside(b"<mergeCells") {
        Some(at) if !matches!(xml.get(at + 11), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) => return None,
        Some(at) => {
            let tag_end = at + tag_end(&xml[at..])?;
            let to = if xml[tag_end - 2] == b'/' {
                tag_end
            } else {
                tag_end + find(&xml[tag_end..], b"</mergeCells>")? + b"</mergeCells>".len()
            };
            (at, to)
        }
        None if find_outside(b"mergeCells").is_some() => return None,
        None => (root_end, root_end),
    };
    (from >= root_end).then_some((root_end, from, to))
}

/// Where the root element's start tag ends (just past its `>`); `None` when the root
/// element is empty (`<worksheet/>`) or there is none.
fn root_start_tag_end(xml: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        at += memchr::memchr(b'<', &xml[at..])?;
        if xml.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            break;
        }
        at += 1; // `<?xml … ?>` or a comment
    }
    let end = at + tag_end(&xml[at..])?;
    (xml[end - 2] != b'/').then_some(end)
}

/// Just past the `>` that closes the tag `tag` starts with (quotes respected).
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in tag.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// A zip written without compression (method 0), by hand: the few header fields calamine's
/// zip reader needs, names as UTF-8.
#[derive(Default)]
struct StoredZip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl StoredZip {
    /// Appends one part. `crc` is the CRC-32 of `data`.
    fn add(&mut self, name: &str, crc: u32, data: &[u8]) {
        const UTF8_NAME: u16 = 1 << 11;
        let offset = self.out.len() as u32;
        let (size, name_len) = (data.len() as u32, name.len() as u16);
        // Version 2.0, UTF-8 name, stored, 1980-01-01 00:00.
        let common = |buf: &mut Vec<u8>| {
            for v in [20u16, UTF8_NAME, 0, 0, 0x21] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            for v in [crc, size, size] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            buf.extend_from_slice(&name_len.to_le_bytes());
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        self.central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // made by version 2.0
        common(&mut self.central);
        // Extra, comment, disk, internal attributes; external attributes; local header.
        self.central.extend_from_slice(&[0; 8]);
        self.central.extend_from_slice(&0u32.to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let (at, size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.entries, self.entries] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [size, at] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jz_core::Code;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// A zip of the given entries (shared by the reader's tests).
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn cell_references_no_spreadsheet_writes_are_refused() {
        let sheet = |xml: &str| zip_of(&[("xl/worksheets/sheet1.xml", xml.as_bytes())]);
        let ok = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="5"><c r="AB5" t="s"><v>1</v></c></row></sheetData><dataValidations><dataValidation operator="between" sqref="E4:E40 F4"/></dataValidations></worksheet>"#;
        assert!(unpack_zip(&sheet(ok), &Limits::default()).is_ok());
        for bad in [
            r#"<c r="ABCD1"/>"#,
            r#"<mergeCell ref="A1:justifyB7"/>"#,
            r#"<x sqref="A1 B123456789"/>"#,
            r#"<c r = 'ABCD1'/>"#,
            r#"<is><t>say "hi</t></is><c r="ABCD1"/>"#,
        ] {
            let err = unpack_zip(&sheet(bad), &Limits::default()).err().map(|d| d.code);
            assert_eq!(err, Some(Code::NotAWorkbook), "{bad}");
        }
        // Outside sheet parts nothing is looked at.
        assert!(unpack_zip(&zip_of(&[("xl/styles.xml", br#"<c r="ABCD1"/>"#)]), &Limits::default()).is_ok());
    }

    #[test]
    fn parts_are_repacked_unchanged_without_media() {
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
        let z = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/media/image1.png", &[7u8; 3000]),
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("xl/\u{5de5}\u{4f5c}.bin", &[1, 2, 3]),
        ]);
        let packed = unpack_zip(&z, &Limits::default()).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(packed)).unwrap();
        let names: Vec<String> = archive.file_names().map(|n| n.unwrap().to_string()).collect();
        assert_eq!(names, ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "mimetype", "xl/工作.bin"]);
        let mut read = Vec::new();
        archive.by_name("xl/工作.bin").unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(read, [1, 2, 3]);
        read.clear();
        archive.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(String::from_utf8(read).unwrap(), moved_merges(sheet));
    }

    fn moved_merges(xml: &[u8]) -> String {
        let mut part = xml.to_vec();
        merges_first(&mut part);
        String::from_utf8(part).unwrap()
    }

    #[test]
    fn merged_ranges_move_first_and_nothing_else_changes() {
        let decl = r#"<?xml version="1.0"?><!-- c --><worksheet a="x>y">"#;
        let sheet =
            format!(r#"{decl}<sheetData/><mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells><x/></worksheet>"#);
        assert_eq!(
            moved_merges(sheet.as_bytes()),
            format!(r#"{decl}<mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells><sheetData/><x/></worksheet>"#)
        );
        // None: an empty element goes first, so calamine's lookup stops there too.
        assert_eq!(
            moved_merges(b"<worksheet><sheetData/></worksheet>"),
            "<worksheet><mergeCells/><sheetData/></worksheet>"
        );
        assert_eq!(moved_merges(b"<w><d/><mergeCells/></w>"), "<w><mergeCells/><d/></w>");
        // Cell texts are not looked at.
        assert_eq!(
            moved_merges(b"<w><sheetData><t>mergeCells</t></sheetData></w>"),
            "<w><mergeCells/><sheetData><t>mergeCells</t></sheetData></w>"
        );
        // Shapes left alone: a prefixed element, an empty root, no root, an unclosed block.
        for odd in
            ["<x:w><x:mergeCells><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:w>", "<w/>", "text", "<w><mergeCells>"]
        {
            assert_eq!(moved_merges(odd.as_bytes()), odd);
        }
    }

    #[test]
    fn calamine_finds_the_moved_merged_ranges() {
        use calamine::Reader;
        let content_types = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let wb = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let wb_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>v</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B2:B5"/></mergeCells></worksheet>"#;
        let z = zip_of(&[
            ("[Content_Types].xml", content_types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]);
        let packed = unpack_zip(&z, &Limits::default()).unwrap();
        let mut book = calamine::Xlsx::new(Cursor::new(packed)).unwrap();
        let merges = book.merge_cells_by_sheet_name("S").unwrap();
        assert_eq!(merges.iter().map(|d| (d.start, d.end)).collect::<Vec<_>>(), [((0, 0), (0, 2)), ((1, 1), (4, 1))]);
        let range = book.worksheet_range("S").unwrap();
        assert_eq!(range.get_value((1, 1)), Some(&calamine::Data::String("v".into())));
    }

    #[test]
    fn parts_nothing_reads_are_never_inflated() {
        let limits = Limits { max_inflated_bytes: 1000, ..Limits::default() };
        let big = [b'x'; 5000];
        for unread in ["docProps/app.xml", "xl/theme/theme1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml"] {
            let packed = unpack_zip(&zip_of(&[(unread, &big[..]), ("xl/workbook.xml", b"<w/>")]), &limits).unwrap();
            let archive = zip::ZipArchive::new(Cursor::new(packed)).unwrap();
            assert_eq!(archive.file_names().map(|n| n.unwrap().to_string()).collect::<Vec<_>>(), ["xl/workbook.xml"]);
        }
        let read = unpack_zip(&zip_of(&[("xl/styles.xml", &big[..])]), &limits);
        assert_eq!(read.map(drop).unwrap_err().code, Code::TooLarge);
    }

    #[test]
    fn small_zip_passes() {
        let z = zip_of(&[("a.xml", b"<a/>"), ("b.xml", &[b'x'; 1000])]);
        assert!(unpack_zip(&z, &Limits::default()).is_ok());
    }

    #[test]
    fn inflated_total_counts_all_entries() {
        let z = zip_of(&[("a.xml", &[0u8; 600]), ("b.xml", &[0u8; 600])]);
        let limits = Limits { max_inflated_bytes: 1000, ..Limits::default() };
        let d = unpack_zip(&z, &limits).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
        assert!(d.message.contains("1000 字节"), "{}", d.message);
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..30).map(|i| format!("f{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let limits = Limits { max_sheets: 0, ..Limits::default() };
        assert_eq!(limits.max_zip_entries(), 1000);
        assert!(unpack_zip(&zip_of(&entries), &limits).is_ok());
        let limits = Limits { max_sheets: 0, max_inflated_bytes: 10, ..Limits::default() };
        assert_eq!(unpack_zip(&zip_of(&entries), &limits).unwrap_err().code, Code::TooLarge);
    }

    #[test]
    fn broken_zip_is_not_a_workbook() {
        let z = zip_of(&[("a.xml", &[b'x'; 5000])]);
        for cut in [0, 10, z.len() / 2, z.len() - 5] {
            let d = unpack_zip(&z[..cut], &Limits::default()).unwrap_err();
            assert_eq!(d.code, Code::NotAWorkbook, "cut {cut}");
        }
    }

    #[test]
    fn file_size_limit() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let limits = Limits { max_file_bytes: 10, ..Limits::default() };
        let d = unpack_zip(&z, &limits).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
        assert!(d.message.contains("10 字节"));
    }
}
