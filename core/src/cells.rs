//! Where each field of a unit's report stands in its workbook, kept beside the report so
//! findings made after reading (a change between two files, a number that does not fit
//! last year's) can point at the cell.

use serde::{Deserialize, Serialize};

use crate::cell::{CellRef, CellValue, RawCell, format_number};
use crate::diagnostic::{Anchor, Field};
use crate::report::RawReport;
use crate::sheets;
use crate::text::{fold_width, strip_spaces};

/// The cells of one report: sheet names once, then `(field, row, column)` per field read
/// (zero-based). Compact on purpose: a merge of thousands of files keeps one per file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cells {
    /// The measures sheet's name as found.
    pub tasks_sheet: String,
    /// The indicators sheet's name as found.
    pub indicators_sheet: String,
    /// Each field with its zero-based row and column, first occurrence only.
    pub at: Vec<(Anchor, u32, u32)>,
}

impl Cells {
    /// The positions of every field of `raw` (measure and indicator ids as validation reads
    /// them); fields without a cell (a missing column) are left out.
    pub fn of(raw: &RawReport) -> Cells {
        let mut cells = Cells {
            tasks_sheet: if raw.tasks_sheet.is_empty() { sheets::TASKS.into() } else { raw.tasks_sheet.clone() },
            indicators_sheet: raw.indicators_sheet.clone().unwrap_or_else(|| sheets::INDICATORS.into()),
            at: Vec::new(),
        };
        let header = [
            (Field::Unit, &raw.unit),
            (Field::Year, &raw.year),
            (Field::Contact, &raw.contact),
            (Field::Phone, &raw.phone),
            (Field::Date, &raw.date),
        ];
        for (field, cell) in header {
            cells.push(Anchor::Header { field }, cell);
        }
        for row in &raw.measures {
            let id = id_text(&row.id.value);
            if id.is_empty() || cells.has_row(|a| matches!(a, Anchor::Measure { id: i, .. } if *i == id)) {
                continue;
            }
            let fields = [
                (Field::Status, &row.status),
                (Field::Progress, &row.progress),
                (Field::Problems, &row.problems),
                (Field::NextPlan, &row.next_plan),
                (Field::Evidence, &row.evidence),
            ];
            for (field, cell) in fields {
                cells.push(Anchor::Measure { id: id.clone(), field }, cell);
            }
        }
        for row in &raw.indicators {
            let id = indicator_id(&row.id.value);
            if id.is_empty() || cells.has_row(|a| matches!(a, Anchor::Indicator { id: i, .. } if *i == id)) {
                continue;
            }
            for (field, cell) in [(Field::Value, &row.value), (Field::Remark, &row.remark)] {
                cells.push(Anchor::Indicator { id: id.clone(), field }, cell);
            }
        }
        cells
    }

    fn push(&mut self, anchor: Anchor, cell: &RawCell) {
        if let Some(at) = &cell.at {
            self.at.push((anchor, at.row, at.col));
        }
    }

    fn has_row(&self, same: impl Fn(&Anchor) -> bool) -> bool {
        self.at.iter().any(|(a, _, _)| same(a))
    }

    /// The cell of `anchor`, if the report had it.
    pub fn cell(&self, anchor: &Anchor) -> Option<CellRef> {
        let (_, row, col) = self.at.iter().find(|(a, _, _)| a == anchor)?;
        Some(CellRef::new(self.sheet(anchor), *row, *col))
    }

    /// The sheet a field lives on (indicator fields on the indicators sheet, the rest on
    /// the measures sheet).
    pub fn sheet(&self, anchor: &Anchor) -> &str {
        match anchor {
            Anchor::Indicator { .. } if self.indicators_sheet.is_empty() => sheets::INDICATORS,
            Anchor::Indicator { .. } => &self.indicators_sheet,
            _ if self.tasks_sheet.is_empty() => sheets::TASKS,
            _ => &self.tasks_sheet,
        }
    }

    /// Keeps only the cells later findings about a slimmed file can need: 完成状态 and
    /// 本年度完成值.
    pub fn slim(&mut self) {
        self.at.retain(|(a, _, _)| {
            matches!(a, Anchor::Measure { field: Field::Status, .. } | Anchor::Indicator { field: Field::Value, .. })
        });
        self.at.shrink_to_fit();
    }

    /// True when no position is known.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

/// A measure id as written: text trimmed and folded; a number cell (`2.1`) as text.
/// A measure id as written, normalised the way validation matches it (`２．１` → `2.1`).
pub(crate) fn id_text(v: &CellValue) -> String {
    let s = match v {
        CellValue::Number(n) => format_number(*n),
        other => other.as_text(),
    };
    strip_spaces(&fold_width(&s)).trim_end_matches('.').replace(['．', '。'], ".")
}

/// An indicator id as written, normalised the way validation matches it (`ｉ02` → `I02`).
pub(crate) fn indicator_id(v: &CellValue) -> String {
    strip_spaces(&fold_width(&v.as_text())).to_uppercase()
}
