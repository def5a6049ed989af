//! A CSV file as the `任务填报` grid: encoding detection and parsing.

use encoding_rs::GB18030;
use jz_core::{CellValue, Diagnostic};

use crate::grid::Grid;
use crate::limits::{Limits, text_too_large, too_many_chars};

/// Decodes CSV bytes: UTF-8 with BOM (BOM stripped), plain UTF-8, else GB18030.
/// Returns the text and whether the decoding met invalid bytes.
pub(crate) fn decode(bytes: &[u8]) -> (String, bool) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, had_errors) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return (text.into_owned(), had_errors);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), false);
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    (text.into_owned(), had_errors)
}

/// Whether bytes that are not a known binary format look like a CSV/TSV text: no NUL
/// and no other control characters, decodable, with a comma or a tab.
pub(crate) fn looks_like_csv(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return false;
    }
    let (text, had_errors) = decode(bytes);
    !had_errors
        && (text.contains(',') || text.contains('\t') || text.contains('，'))
        && !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{feff}'))
}

/// The delimiter: a tab when the header line (the first line mentioning `序号`, else
/// the first non-blank line) has tabs and no commas, else a comma.
fn delimiter(text: &str) -> u8 {
    let line =
        text.lines().find(|l| l.contains("序号")).or_else(|| text.lines().find(|l| !l.trim().is_empty())).unwrap_or("");
    if line.contains('\t') && !line.contains(',') { b'\t' } else { b',' }
}

/// Parses the text into a grid named `sheet`; every non-empty field is a text cell.
pub(crate) fn parse(text: &str, sheet: &str, limits: &Limits) -> Result<Grid, Diagnostic> {
    let mut grid = Grid::new(sheet);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    // Rows are numbered the way a spreadsheet opens the file: blank lines count as rows
    // (the csv crate skips them, so they are counted from the bytes between records).
    let mut next_row: u64 = 0;
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // A broken quote or similar: keep what was read so far.
            Err(_) => break,
        }
        let row_number = next_row.saturating_add(blank_lines_at(bytes, start));
        next_row = row_number.saturating_add(1);
        let Ok(row) = u32::try_from(row_number) else { break };
        for (col, field) in record.iter().enumerate() {
            if field.is_empty() {
                continue;
            }
            let col = u32::try_from(col).unwrap_or(u32::MAX);
            if too_many_chars(field, limits.max_text_chars) {
                let place = format!("CSV 文件第 {} 行第 {} 列", u64::from(row) + 1, u64::from(col) + 1);
                return Err(text_too_large(place, limits));
            }
            grid.put(row, col, CellValue::Text(field.to_string()), limits)?;
        }
    }
    grid.normalize();
    Ok(grid)
}

/// Number of line breaks in the run of `\r`/`\n` starting at `start` (the blank lines
/// the csv crate skipped before a record). A `\n` right after a `\r` is the same break.
fn blank_lines_at(bytes: &[u8], start: usize) -> u64 {
    let mut n = 0;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' => n += 1,
            b'\n' if i == 0 || bytes.get(i - 1) != Some(&b'\r') => n += 1,
            b'\n' => {}
            _ => break,
        }
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_blank_lines_and_multiline_fields_like_a_spreadsheet() {
        let text = "a,b\n\n\"x\ny\",z\r\n\r\nlast\n\n";
        let grid = parse(text, "s", &Limits::default()).unwrap();
        let cells: Vec<_> = grid.cells().map(|((r, c), v)| (r, c, v.as_text())).collect();
        assert_eq!(
            cells,
            [(0, 0, "a".into()), (0, 1, "b".into()), (2, 0, "x\ny".into()), (2, 1, "z".into()), (4, 0, "last".into())]
        );
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("序号".as_bytes()), ("序号".to_string(), false));
        let (gbk, _, _) = encoding_rs::GBK.encode("序号,完成状态");
        assert_eq!(decode(&gbk), ("序号,完成状态".to_string(), false));
        assert!(!looks_like_csv(b"\x00,a"));
        assert!(!looks_like_csv(b"no separators here"));
        assert!(looks_like_csv("a\tb\n".as_bytes()));
    }
}
