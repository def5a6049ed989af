//! The tables of a Word document (`word/document.xml`), read with quick-xml: rows,
//! cells with their `gridSpan` and `vMerge`, and each cell's paragraphs. Automatic
//! numbering (`w:numPr`) is not part of a paragraph's text, so it needs no stripping.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::limits::Limits;

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged vertically.
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// Covered by the cell above.
    Continue,
}

/// One table cell.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// Paragraph texts.
    pub paragraphs: Vec<String>,
    /// Grid columns the cell spans.
    pub span: u32,
    pub vmerge: VMerge,
}

/// A table: rows of cells.
pub(crate) type Table = Vec<Vec<Cell>>;

/// Why the document could not be read (a Chinese message).
pub(crate) type ReadError = String;

/// `word/document.xml` of a .docx, inflated within the limits.
pub(crate) fn document_xml(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let broken = || {
        "无法读取该 Word 文档：文件已损坏或不是 .docx 格式。请用 Word 或 WPS 打开后另存为 .docx 再导入。".to_string()
    };
    // The guarded entry for documents: size, zip directory, encrypted or empty file.
    let mut zip = crate::open::open_document(bytes, limits)
        .map_err(|d| if d.code == jz_core::Code::NotAWorkbook { broken() } else { d.message })?;
    if zip.len() > limits.max_zip_entries() {
        return Err(crate::limits::too_large(format!("文件内部包含 {} 个部件", zip.len())).message);
    }
    let entry = zip.by_name("word/document.xml").map_err(|_| broken())?;
    let mut out = Vec::new();
    // Read at most one byte past the limit: enough to know it is too much.
    entry.take(limits.max_inflated_bytes.saturating_add(1)).read_to_end(&mut out).map_err(|_| broken())?;
    if out.len() as u64 > limits.max_inflated_bytes {
        return Err(crate::limits::inflated_too_large(limits).message);
    }
    Ok(out)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| a.value.to_string())
}

/// Every top-level table of the document (nested tables are read as text of their cell).
pub(crate) fn tables(xml: &[u8], limits: &Limits) -> Result<Vec<Table>, ReadError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut done: Vec<Table> = Vec::new();
    let mut depth = 0usize;
    let mut table: Table = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_text = false;
    let mut cells = 0usize;
    loop {
        let event =
            reader.read_event_into(&mut buf).map_err(|_| "无法读取该 Word 文档：文档内容已损坏。".to_string())?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "tbl" if !empty => {
                    depth += 1;
                    if depth == 1 {
                        table = Vec::new();
                    }
                }
                "tr" if depth == 1 && !empty => table.push(Vec::new()),
                "tc" if depth == 1 && !empty => {
                    cells += 1;
                    if cells > limits.max_cells {
                        return Err(crate::limits::too_large("文档中的表格单元格过多").message);
                    }
                    cell = Some(Cell { paragraphs: Vec::new(), span: 1, vmerge: VMerge::None });
                }
                "gridSpan" if depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                    }
                }
                "vMerge" if depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.vmerge = if attr(&e, "val").as_deref() == Some("restart") {
                            VMerge::Restart
                        } else {
                            VMerge::Continue
                        };
                    }
                }
                "p" if depth == 1 && !empty => {
                    if let Some(c) = cell.as_mut() {
                        c.paragraphs.push(String::new());
                    }
                }
                "t" if !empty => in_text = true,
                "tab" => push(&mut cell, "\t"),
                "br" | "cr" => push(&mut cell, "\n"),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => {
                    if depth == 1 {
                        done.push(std::mem::take(&mut table));
                    }
                    depth = depth.saturating_sub(1);
                }
                "tc" if depth == 1 => {
                    if let (Some(c), Some(row)) = (cell.take(), table.last_mut()) {
                        row.push(c);
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => push(&mut cell, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = reference(&r) {
                    push(&mut cell, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(done)
}

/// A paragraph outside tables: its text, and its heading level when its style or outline
/// level makes it a heading (1 for `标题 1`/`Heading 1`, 2 for the next), which is how a
/// document with automatic numbering marks its `一、` and `（一）` headings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Paragraph {
    pub text: String,
    pub heading: Option<u8>,
}

/// The heading level a paragraph style id names: `1`, `Heading1`, `标题1` (Chinese Word
/// saves its built-in heading styles with the ids `1`, `2`).
fn style_level(id: &str) -> Option<u8> {
    let id = id.to_lowercase().replace(' ', "");
    let level = id.strip_prefix("heading").or_else(|| id.strip_prefix("标题")).unwrap_or(&id);
    match level {
        "1" => Some(1),
        "2" => Some(2),
        _ => None,
    }
}

/// The first `max` non-blank paragraphs outside tables (the title, the headings, the
/// measures of a plan without an annex table).
pub(crate) fn body_paragraphs(xml: &[u8], max: usize) -> Vec<Paragraph> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out: Vec<Paragraph> = Vec::new();
    let (mut depth, mut in_text, mut in_p) = (0usize, false, false);
    while out.len() <= max {
        let Ok(event) = reader.read_event_into(&mut buf) else { break };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "tbl" if !empty => depth += 1,
                "p" if depth == 0 && !empty => {
                    in_p = true;
                    out.push(Paragraph::default());
                }
                "t" if !empty => in_text = true,
                "tab" if in_p && depth == 0 => {
                    if let Some(p) = out.last_mut() {
                        p.text.push(' ');
                    }
                }
                "pStyle" if in_p && depth == 0 => {
                    if let Some(p) = out.last_mut() {
                        p.heading = p.heading.or_else(|| attr(&e, "val").and_then(|v| style_level(&v)));
                    }
                }
                "outlineLvl" if in_p && depth == 0 => {
                    if let Some(p) = out.last_mut() {
                        let level = attr(&e, "val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 2);
                        p.heading = level.map(|l| l + 1).or(p.heading);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => depth = depth.saturating_sub(1),
                "p" if depth == 0 => in_p = false,
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text && in_p && depth == 0 => {
                if let Some(p) = out.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && in_p && depth == 0 => {
                if let (Some(p), Some(c)) = (out.last_mut(), reference(&r)) {
                    p.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out.into_iter()
        .map(|p| Paragraph { text: p.text.trim().to_string(), ..p })
        .filter(|p| !p.text.is_empty())
        .take(max)
        .collect()
}

/// The character an entity or character reference stands for (`&amp;`, `&#x4E00;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match r.as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

/// Appends text to the cell's last paragraph.
fn push(cell: &mut Option<Cell>, s: &str) {
    if let Some(c) = cell.as_mut() {
        match c.paragraphs.last_mut() {
            Some(p) => p.push_str(s),
            None => c.paragraphs.push(s.to_string()),
        }
    }
}
