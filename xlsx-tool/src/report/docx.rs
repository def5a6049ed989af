//! A small WordprocessingML writer: paragraphs, runs and tables as XML text, and the
//! .docx package (zip 9, already in the tree for reading workbooks).
//!
//! Text from units goes through [`runs`]: XML-escaped, characters XML 1.0 forbids removed,
//! line breaks as `w:br` and tabs as `w:tab`, always inside `w:t` — so nothing a unit
//! wrote can become a field, a formula or markup.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::style::{self, TEXT_WIDTH, W_NS, ids};
use crate::Error;

/// Escapes `&`, `<`, `>`, `"` and drops characters not allowed in XML 1.0
/// (controls other than tab/line feed/carriage return, U+FFFE, U+FFFF).
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `text` as the inside of one run: `w:t` pieces, `w:br` for each line break (`\r\n`,
/// `\r` or `\n`), `w:tab` for each tab.
pub fn runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in normalized.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                escape(piece, &mut out);
                out.push_str("</w:t>");
            }
        }
    }
    out
}

/// The body of word/document.xml, built paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Body {
    xml: String,
}

/// A table column: width in twips and whether its cells are centred (else left-aligned).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text.
    pub label: &'static str,
    /// Width in twips; the widths of a table add up to the text width.
    pub width: u32,
    /// Centre the body cells (numbers, short labels).
    pub center: bool,
}

impl Column {
    /// The columns of a table: `labels` with their `widths`, the body cells centred
    /// except in the text column number `text` (0-based), which stays left-aligned.
    pub fn all(labels: &[&'static str], widths: &[u32], text: usize) -> Vec<Column> {
        labels
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (label, width))| Column { label, width: *width, center: i != text })
            .collect()
    }
}

impl Body {
    /// A paragraph of `style` holding `text` (with extra paragraph properties `ppr`).
    fn para(&mut self, style: &str, ppr: &str, text: &str) {
        self.xml.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>"#));
        if !text.is_empty() {
            self.xml.push_str("<w:r>");
            self.xml.push_str(&runs(text));
            self.xml.push_str("</w:r>");
        }
        self.xml.push_str("</w:p>");
    }

    /// The document title, 2号 方正小标宋简体, centred.
    pub fn title(&mut self, text: &str) {
        self.para(ids::TITLE, "", text);
    }

    /// An empty line of the grid.
    pub fn blank(&mut self) {
        self.para(ids::FLUSH, "", "");
    }

    /// A level-1 heading `一、…` (黑体).
    pub fn heading1(&mut self, text: &str) {
        self.para(ids::H1, "", text);
    }

    /// A level-2 heading `（一）…` (楷体_GB2312).
    pub fn heading2(&mut self, text: &str) {
        self.para(ids::H2, "", text);
    }

    /// A level-3 heading `1.…` (仿宋 bold).
    pub fn heading3(&mut self, text: &str) {
        self.para(ids::H3, "", text);
    }

    /// A body paragraph, first line indented two characters.
    pub fn text(&mut self, text: &str) {
        self.para(ids::BODY, "", text);
    }

    /// A line without indent (主送机关).
    pub fn flush(&mut self, text: &str) {
        self.para(ids::FLUSH, "", text);
    }

    /// A line set to the right with `chars` characters of space (署名, 成文日期).
    pub fn right(&mut self, text: &str, chars: u32) {
        let ind = format!(r#"<w:ind w:right="{}" w:rightChars="{}"/><w:jc w:val="right"/>"#, chars * 320, chars * 100);
        self.para(ids::FLUSH, &ind, text);
    }

    /// The `附件` label at the top of a new page (黑体, no indent).
    pub fn annex_label(&mut self, text: &str) {
        self.xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:pageBreakBefore/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r>{}</w:r></w:p>"#,
            ids::H1,
            runs(text)
        ));
    }

    /// A table with a repeated header row; every cell is text.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
        let borders: String =
            ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
        self.xml.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        ));
        for c in columns {
            self.xml.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, c.width));
        }
        self.xml.push_str("</w:tblGrid>");
        let header: Vec<String> = columns.iter().map(|c| c.label.to_string()).collect();
        self.row(columns, &header, true);
        for r in rows {
            self.row(columns, r, false);
        }
        self.xml.push_str("</w:tbl>");
        // Word needs a paragraph between a table and what follows.
        self.para(ids::FLUSH, "", "");
    }

    fn row(&mut self, columns: &[Column], cells: &[String], header: bool) {
        let trpr =
            if header { "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" } else { "<w:trPr><w:cantSplit/></w:trPr>" };
        self.xml.push_str(&format!("<w:tr>{trpr}"));
        for (c, text) in columns.iter().zip(cells) {
            let jc = if header || c.center { "center" } else { "left" };
            // The header row stays with the first body row (LibreOffice otherwise leaves it
            // alone at a page's foot and starts the row under the footer).
            let keep = if header { "<w:keepNext/>" } else { "" };
            let bold = if header {
                "<w:rPr><w:rFonts w:eastAsia=\"黑体\" w:ascii=\"黑体\" w:hAnsi=\"黑体\"/></w:rPr>"
            } else {
                ""
            };
            self.xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{}"/>{keep}<w:jc w:val="{jc}"/></w:pPr>"#,
                c.width,
                ids::TABLE
            ));
            if !text.is_empty() {
                self.xml.push_str(&format!("<w:r>{bold}{}</w:r>", runs(text)));
            }
            self.xml.push_str("</w:p></w:tc>");
        }
        self.xml.push_str("</w:tr>");
    }

    /// word/document.xml.
    fn document(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{}{}</w:body></w:document>"#,
            self.xml,
            style::section()
        )
    }
}

/// Document properties: title, author, and a date from the inputs (never the clock).
#[derive(Debug, Clone)]
pub struct Properties {
    /// dc:title.
    pub title: String,
    /// dc:creator and the application name.
    pub creator: String,
    /// (year, month, day) of dcterms:created / modified and of every zip entry.
    pub date: (u16, u8, u8),
}

fn core_xml(p: &Properties) -> String {
    let (y, m, d) = p.date;
    let when = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    let mut title = String::new();
    escape(&p.title, &mut title);
    let mut creator = String::new();
    escape(&p.creator, &mut creator);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

fn app_xml(creator: &str) -> String {
    let mut app = String::new();
    escape(creator, &mut app);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{app}</Application></Properties>"#
    )
}

/// The .docx package of `body`: fixed part order, every zip entry dated `props.date`, so
/// the same body gives the same bytes.
///
/// # Errors
/// [`Error::Report`] when the zip writer fails (it writes to memory, so only on
/// exhausted memory or an internal fault).
pub fn package(body: &Body, props: &Properties) -> Result<Vec<u8>, Error> {
    let (y, m, d) = props.date;
    let when = DateTime::from_date_and_time(y.clamp(1980, 2107), m, d, 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when)
        .unix_permissions(0o644);
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(props)),
        ("docProps/app.xml", app_xml(&props.creator)),
        ("word/document.xml", body.document()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", style::styles()),
        ("word/settings.xml", style::settings()),
        ("word/fontTable.xml", style::font_table()),
        ("word/footer1.xml", style::footer(true)),
        ("word/footer2.xml", style::footer(false)),
    ];
    let fail = |e: &dyn std::fmt::Display| Error::Report(e.to_string());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in &parts {
        zip.start_file(*name, options).map_err(|e| fail(&e))?;
        zip.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_text_stays_text() {
        assert_eq!(
            runs("=SUM(A1)\n<b>x</b>\t{ PAGE } &amp;\u{1}\u{FFFF}"),
            concat!(
                r#"<w:t xml:space="preserve">=SUM(A1)</w:t><w:br/>"#,
                r#"<w:t xml:space="preserve">&lt;b&gt;x&lt;/b&gt;</w:t><w:tab/>"#,
                r#"<w:t xml:space="preserve">{ PAGE } &amp;amp;</w:t>"#
            )
        );
        assert_eq!(runs("a\r\nb\rc"), runs("a\nb\nc"));
    }
}
