//! Cell positions and raw cell values as a reader hands them over.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A cell position: sheet name and zero-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CellRef {
    /// Sheet name as found in the workbook.
    pub sheet: String,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl CellRef {
    /// A position on `sheet`.
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> Self {
        CellRef { sheet: sheet.into(), row, col }
    }

    /// The A1 reference (`"F12"`).
    ///
    /// ```
    /// assert_eq!(jz_core::CellRef::new("任务填报", 11, 5).a1(), "F12");
    /// assert_eq!(jz_core::CellRef::new("s", 0, 27).a1(), "AB1");
    /// ```
    pub fn a1(&self) -> String {
        format!("{}{}", column_name(self.col), self.row + 1)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", self.sheet, self.a1())
    }
}

/// Column letters of a zero-based column (`0` → `A`, `26` → `AA`).
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's value as read, before any interpretation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum CellValue {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// A text cell.
    Text(String),
    /// A number cell (integers too).
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A cell with a date format: the Excel serial day number (1900 system).
    Date(f64),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

impl CellValue {
    /// True for an empty cell or one holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty() || s.chars().all(|c| c.is_whitespace() || c == '\u{3000}'),
            _ => false,
        }
    }

    /// The value as text the way a person reads it (numbers without a trailing `.0`).
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.clone(),
            CellValue::Number(n) | CellValue::Date(n) => format_number(*n),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Error(e) => e.clone(),
        }
    }
}

/// Formats a number the way a person writes it: `3`, `0.25`, never `3.0`.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        s
    }
}

/// A value with the place it came from (`None` when the cell does not exist, e.g. a
/// missing column).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RawCell {
    /// The value.
    pub value: CellValue,
    /// Where it was read.
    pub at: Option<CellRef>,
}

impl RawCell {
    /// A cell read at `at`.
    pub fn new(value: CellValue, at: CellRef) -> Self {
        RawCell { value, at: Some(at) }
    }

    /// A text cell without position (tests, CSV-less constructions).
    pub fn text(s: impl Into<String>) -> Self {
        RawCell { value: CellValue::Text(s.into()), at: None }
    }

    /// Trimmed text of the value.
    pub fn text_value(&self) -> String {
        self.value.as_text().trim().to_string()
    }
}
