//! Cells of a summary's sheets as calamine gives them: text, numbers, the header row and
//! the body rows below it, each failing as [`Error::NotASummary`] in plain Chinese.

use std::collections::BTreeMap;

use calamine::{Data, Range};

use crate::Error;

/// The cell as text (numbers the way people write them).
pub(super) fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
        Some(Data::Float(f)) => jz_core::cell::format_number(*f),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The cell as a number; `None` when blank.
pub(super) fn number(range: &Range<Data>, row: u32, col: u32, what: &str) -> Result<Option<f64>, Error> {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::Float(f)) => Ok(Some(*f)),
        Some(Data::Int(i)) => Ok(Some(*i as f64)),
        Some(Data::String(s)) if s.trim().is_empty() => Ok(None),
        Some(other) => Err(Error::NotASummary(format!("第 {} 行的{what}“{other}”不是数字。", row + 1))),
    }
}

/// The rows a range covers (absolute numbers).
pub(super) fn rows(range: &Range<Data>) -> std::ops::RangeInclusive<u32> {
    match (range.start(), range.end()) {
        (Some((a, _)), Some((b, _))) => a..=b,
        #[allow(clippy::reversed_empty_ranges)]
        _ => 1..=0,
    }
}

/// The header row (the first row whose first cell is `first`) and its columns by label.
pub(super) fn find_header(
    range: &Range<Data>,
    first: &str,
    sheet: &str,
) -> Result<(u32, BTreeMap<String, u32>), Error> {
    let width = range.end().map_or(0, |(_, c)| c + 1);
    for row in rows(range) {
        if text(range, row, 0).trim() == first {
            let cols = (0..width).map(|c| (text(range, row, c).trim().to_string(), c)).collect();
            return Ok((row, cols));
        }
    }
    Err(Error::NotASummary(format!("工作表“{sheet}”中找不到表头“{first}”。")))
}

pub(super) fn column(cols: &BTreeMap<String, u32>, label: &str, sheet: &str) -> Result<u32, Error> {
    cols.get(label).copied().ok_or_else(|| Error::NotASummary(format!("工作表“{sheet}”中缺少“{label}”列。")))
}

/// Data rows below `header`, up to the first row whose first cell is blank.
pub(super) fn body_rows(range: &Range<Data>, header: u32) -> impl Iterator<Item = u32> + '_ {
    let end = range.end().map_or(0, |(r, _)| r);
    (header + 1..=end).take_while(move |&r| !text(range, r, 0).trim().is_empty())
}
