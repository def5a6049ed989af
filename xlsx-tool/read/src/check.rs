//! One file in, everything known about it out: read, then validate against the plan.

use jz_core::{Cells, Diagnostic, Plan, Report, Submission, digest::sha256_hex};
use serde::Serialize;

use crate::limits::Limits;
use crate::unit_workbook::{Format, Kind, read_unit_workbook};

/// A file read and validated.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The path or name as given.
    pub path: String,
    /// The detected format, if any.
    pub format: Option<Format>,
    /// Unit report, city summary, or unreadable.
    pub kind: Kind,
    /// What the report says (empty when unreadable).
    pub report: Report,
    /// Every finding, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// SHA-256 of the file's bytes, lower-case hex (empty for an input that could not be
    /// read at all): what breaks a tie between two files of a unit with the same 填报日期.
    pub sha256: String,
}

/// The per-file JSON of `validate` (contract §6).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileResult<'a> {
    /// Path as given.
    pub path: &'a str,
    /// Canonical unit, or null.
    pub unit: Option<&'a str>,
    /// Year, or null.
    pub year: Option<u16>,
    /// No errors.
    pub ok: bool,
    /// Every finding.
    pub diagnostics: &'a [Diagnostic],
    /// SHA-256 of the file's bytes, lower-case hex (an addition to contract §6: the page's
    /// board breaks a same-day tie with it exactly as the merge does); left out for an
    /// input that could not be read at all.
    #[serde(skip_serializing_if = "str::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub sha256: &'a str,
}

impl Checked {
    /// True when no finding is an error.
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The contract's JSON view.
    pub fn result(&self) -> FileResult<'_> {
        FileResult {
            path: &self.path,
            unit: self.report.unit.as_deref(),
            year: self.report.year,
            ok: self.ok(),
            diagnostics: &self.diagnostics,
            sha256: &self.sha256,
        }
    }

    /// An input that could not be read at all (not a regular file, no permission, a broken
    /// link...): `diagnostic` says why.
    pub fn unreadable(path: &str, diagnostic: Diagnostic) -> Self {
        Checked {
            path: path.to_string(),
            format: None,
            kind: Kind::Unreadable,
            report: Report::default(),
            diagnostics: vec![diagnostic],
            sha256: String::new(),
        }
    }

    /// Hands the file to the merge; `bytes` are the file's bytes (their SHA-256, already
    /// known from [`check`], breaks ties between files of the same unit).
    pub fn into_submission(self, bytes: &[u8]) -> Submission {
        self.into_located_submission(bytes, Cells::default())
    }

    /// [`Checked::into_submission`] with the report's cell positions (from [`check_located`]).
    pub fn into_located_submission(self, bytes: &[u8], cells: Cells) -> Submission {
        Submission {
            path: self.path,
            sha256: if self.sha256.is_empty() { sha256_hex(bytes) } else { self.sha256 },
            report: self.report,
            diagnostics: self.diagnostics,
            cells,
        }
    }
}

/// Reads and validates one file.
///
/// Never fails: a file that cannot be read comes back with [`crate::unit_workbook::Kind::Unreadable`]
/// and a diagnostic saying why. Look at [`Checked::ok`], `report` (unit, year, rows) and
/// `diagnostics` (each with its code, cell and Chinese message); [`Checked::result`] is the
/// `validate` JSON of the file.
///
/// # Examples
///
/// ```
/// use jz_core::{Code, Plan};
/// use jz_read::{Kind, Limits};
///
/// let plan = Plan::builtin();
/// // The measures table as a CSV with its header and no rows: a unit workbook, not filled in.
/// let csv = "序号,任务内容,落实举措,责任单位,完成状态,进展情况,存在问题,下一步计划,佐证材料\n";
/// let checked = jz_read::check(&plan, csv.as_bytes(), "检察院.csv", &Limits::default());
/// assert_eq!(checked.kind, Kind::Report);
/// assert!(!checked.ok());
///
/// // Anything else is refused with a diagnostic, never a panic.
/// let junk = jz_read::check(&plan, b"not a workbook", "x.xlsx", &Limits::default());
/// assert_eq!(junk.diagnostics[0].code, Code::NotAWorkbook);
/// ```
pub fn check(plan: &Plan, bytes: &[u8], path: &str, limits: &Limits) -> Checked {
    check_located(plan, bytes, path, limits).0
}

/// [`check`], plus where each field of the report stands in the file.
pub fn check_located(plan: &Plan, bytes: &[u8], path: &str, limits: &Limits) -> (Checked, Cells) {
    let read = read_unit_workbook(bytes, jz_core::merge::file_name(path), limits);
    let mut diagnostics = read.diagnostics;
    let (report, cells) = match &read.raw {
        Some(raw) => {
            let (report, found, cells) = jz_core::validate_located(plan, raw);
            diagnostics.extend(found);
            (report, cells)
        }
        None => (Report::default(), Cells::default()),
    };
    jz_core::diagnostic::sort(&mut diagnostics);
    let sha256 = sha256_hex(bytes);
    (Checked { path: path.to_string(), format: read.format, kind: read.kind, report, diagnostics, sha256 }, cells)
}
