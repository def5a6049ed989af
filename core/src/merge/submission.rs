//! The files of a merge: a [`Submission`] (a file read and validated), what the merge
//! did with it ([`Outcome`], [`FileOutcome`]). Which of two files of a unit wins is
//! decided in `choose` ([`super::Rank`]).

use serde::{Deserialize, Serialize};

use crate::cells::Cells;
use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::text::file_name;

/// One file handed to the merge: where it came from and what validation made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Submission {
    /// The path (or name) as given by the user.
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The report as understood.
    pub report: Report,
    /// Every finding about the file.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the report's fields stand in the file (for findings made after reading).
    #[serde(default, skip_serializing_if = "Cells::is_empty")]
    pub cells: Cells,
}

impl Submission {
    /// The file name without directories.
    pub fn file_name(&self) -> &str {
        file_name(&self.path)
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What the merge of `year` keeps of a file that cannot be its unit's accepted file of
    /// `year`: a file with errors keeps no texts and no cell positions, a valid file of
    /// another year no texts ([`Submission::slim`]). Readers may call it early (on worker
    /// threads) to hold less; the merge calls it again, which costs nothing.
    pub fn trim_for(&mut self, year: u16) {
        if self.has_errors() {
            self.slim();
            self.cells = Cells::default();
        } else if self.report.year != Some(year) {
            self.slim();
        }
    }

    /// Drops the texts the merge will not show (kept: unit, year, contact, date, statuses,
    /// values, findings), for a file that cannot be the accepted one of this year: one
    /// with errors, of another year, or superseded. Lets a merge of thousands of files
    /// hold only one full report per unit.
    pub fn slim(&mut self) {
        for m in &mut self.report.measures {
            for text in [
                &mut m.task_text,
                &mut m.measure_text,
                &mut m.responsible,
                &mut m.progress,
                &mut m.problems,
                &mut m.next_plan,
                &mut m.evidence,
            ] {
                *text = String::new();
            }
        }
        for i in &mut self.report.indicators {
            i.remark = String::new();
        }
        self.report.measures.shrink_to_fit();
        self.cells.slim();
    }
}

/// What the merge did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Counted in this year's summary.
    Accepted,
    /// Has errors (or a year after the summary's): not merged.
    Rejected,
    /// Valid, but another file of the same unit and year won.
    Superseded,
    /// Valid, of an earlier year: kept for the multi-year view, not counted.
    Earlier,
}

impl Outcome {
    /// Chinese label used in 报送情况.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Accepted => "已报送",
            Outcome::Rejected => "退回",
            Outcome::Superseded => "已被替代",
            Outcome::Earlier => "往年报告",
        }
    }
}

/// A file in the merge with its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileOutcome {
    /// The submission.
    pub submission: Submission,
    /// What happened to it.
    pub outcome: Outcome,
}
