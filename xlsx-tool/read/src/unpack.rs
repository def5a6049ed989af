//! Opening a zip container (.xlsx .xlsb .ods) from an untrusted file: every part
//! inflated once within the [`Limits`], then repacked without compression for calamine
//! (by [`StoredZip`], a writer of stored entries only: `zip`'s own writer would bring its
//! compressors, zlib-rs's deflate and zopfli, ~57 KB gzipped, into the check-only wasm
//! module that never compresses — contract §14's first-load budget). The calamine 0.38
//! workarounds applied to the parts on the way live in `read/guard/`.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use jz_core::Diagnostic;

use crate::guard::{cell_references, macro_sheets, merges_first, xlsb_beta_sheets, xlsb_short_cells};
use crate::limits::{Limits, file_too_large, inflated_too_large, not_a_workbook, too_large};

/// A zip read from bytes in memory: its central directory is parsed once, when it is
/// opened ([`open_zip`]), and shared by everything that looks inside.
pub(crate) type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Parses the zip's central directory; `None` when the bytes are no zip.
pub(crate) fn open_zip(bytes: &[u8]) -> Option<Zip<'_>> {
    zip::ZipArchive::new(Cursor::new(bytes)).ok()
}

/// For zip containers (xlsx, xlsb, ods): inflates every part a workbook reader reads (see
/// `is_read_part`) once, counting the bytes that actually come out and stopping as soon
/// as the running total passes `max_inflated_bytes` (the sizes the zip headers declare
/// are never trusted); refuses more entries than [`Limits::max_zip_entries`] and cell
/// references no spreadsheet writes (see `guard::cell_references`). Other parts
/// (pictures, document properties, the colour theme) are never inflated, by anyone.
///
/// Returns the same workbook repacked without compression. calamine then reads the
/// parts without inflating anything a second time. Each part's CRC-32 is checked as it
/// is inflated here (a damaged part is `not-a-workbook`). Worksheet parts get their
/// merged ranges moved first (see `guard::merges_first`).
///
/// `Err` is a `too-large` diagnostic, or `not-a-workbook` when the zip is broken.
pub fn unpack_zip(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, Diagnostic> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(file_too_large(limits));
    }
    let mut archive = open_zip(bytes).ok_or_else(not_a_workbook)?;
    unpack_archive(&mut archive, limits)
}

/// [`unpack_zip`] of a zip already opened (the caller checked the file's size).
pub(crate) fn unpack_archive(archive: &mut Zip<'_>, limits: &Limits) -> Result<Vec<u8>, Diagnostic> {
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
        let mut entry = archive.by_index(i).map_err(|_| not_a_workbook())?;
        if entry.is_dir() {
            continue;
        }
        // Some writers separate folders with backslashes (`xl\worksheets\sheet1.xml`);
        // the copy calamine reads has forward slashes, as the format says.
        let name = part_name(&entry.name().map_err(|_| not_a_workbook())?);
        if !is_read_part(&name) {
            continue;
        }
        let entry_size = entry.size();
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
        if xlsb_short_cells::is_xlsb_sheet_part(&name) {
            xlsb_short_cells::expand_short_cells(&mut part);
        } else if xlsb_beta_sheets::is_workbook_part(&name) {
            xlsb_beta_sheets::standard_sheet_records(&mut part);
        } else if macro_sheets::is_workbook_rels(&name) {
            if let Some(rels) = macro_sheets::macro_sheets_as_dialog_sheets(&part) {
                part = rels;
            }
        } else if is_sheet_part(&name) {
            if cell_references::absurd_reference(&part) {
                return Err(not_a_workbook());
            }
            merges_first::merges_first(&mut part);
        }
        // Refused: a name given twice (`a\b.xml` and `a/b.xml`), sizes past 4 GiB.
        packed.add(name, &part).ok_or_else(not_a_workbook)?;
    }
    packed.finish().ok_or_else(not_a_workbook)
}

/// A zip of stored (uncompressed) entries written to memory: local headers, the central
/// directory, its end record. UTF-8 names, no extra fields, no zip64 (the limits keep a
/// workbook far below 4 GiB; past that `add` refuses).
#[derive(Default)]
struct StoredZip {
    out: Vec<u8>,
    central: Vec<u8>,
    names: BTreeSet<String>,
}

impl StoredZip {
    /// Appends one entry; `None` when the name was given before or a size passes 4 GiB.
    fn add(&mut self, name: String, data: &[u8]) -> Option<()> {
        let offset = u32::try_from(self.out.len()).ok()?;
        let size = u32::try_from(data.len()).ok()?;
        let name_len = u16::try_from(name.len()).ok()?;
        let crc = crc32(data);
        // version needed 2.0, flags: names in UTF-8, method 0 (stored), 1980-01-01 00:00.
        let common = |v: &mut Vec<u8>| {
            for half in [20u16, 0x0800, 0, 0, 0x0021] {
                v.extend_from_slice(&half.to_le_bytes());
            }
            for word in [crc, size, size] {
                v.extend_from_slice(&word.to_le_bytes());
            }
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        self.central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut self.central);
        // comment length, disk, internal and external attributes, the local header's offset.
        self.central.extend_from_slice(&[0; 10]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.names.insert(name).then_some(())
    }

    /// The whole zip; `None` past 4 GiB or 65,535 entries.
    fn finish(mut self) -> Option<Vec<u8>> {
        let entries = u16::try_from(self.names.len()).ok()?;
        let at = u32::try_from(self.out.len()).ok()?;
        let size = u32::try_from(self.central.len()).ok()?;
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        for half in [entries, entries] {
            self.out.extend_from_slice(&half.to_le_bytes());
        }
        for word in [size, at] {
            self.out.extend_from_slice(&word.to_le_bytes());
        }
        self.out.extend_from_slice(&[0; 2]);
        Some(self.out)
    }
}

/// The zip format's CRC-32 (IEEE, reflected), one table lookup per byte.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !data.iter().fold(!0u32, |c, &b| TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jz_core::Code;
    use std::io::Write;
    use zip::CompressionMethod;
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
        let mut moved = sheet.to_vec();
        merges_first::merges_first(&mut moved);
        assert_eq!(read, moved);
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
    fn a_damaged_part_is_not_a_workbook() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        w.start_file("xl/styles.xml", stored).unwrap();
        w.write_all(b"<styleSheet>intact</styleSheet>").unwrap();
        let mut z = w.finish().unwrap().into_inner();
        assert!(unpack_zip(&z, &Limits::default()).is_ok());
        // One byte of the part changed, its CRC-32 left as it was.
        let at = memchr::memmem::find(&z, b"intact").unwrap();
        z[at] = b'I';
        assert_eq!(unpack_zip(&z, &Limits::default()).unwrap_err().code, Code::NotAWorkbook);
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

    #[test]
    fn crc32_is_the_zip_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_name_given_twice_is_not_a_workbook() {
        let z = zip_of(&[("xl\\styles.xml", b"<a/>"), ("xl/styles.xml", b"<b/>")]);
        assert_eq!(unpack_zip(&z, &Limits::default()).unwrap_err().code, Code::NotAWorkbook);
    }
}
