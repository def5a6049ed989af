//! The merge of many unit reports into the city summary for one year.
//!
//! Core owns the merge end to end: every caller feeds [`Merging`] (module `stream`) its
//! inputs ([`Input`]: unit files read and validated, earlier summaries' data, inputs not
//! read) and gets the one [`Merge`]. [`Merging::finish`] runs the steps in order:
//! `choose` (each file's outcome, each unit's winning file — the one place it is
//! decided, see [`Rank`] — and 报送情况), 变更记录 ([`crate::changes`]), `tally` (this
//! year's measure counts and indicator totals), `years` (the multi-year view), then the
//! cross-year warnings ([`cross_year`]) and the follow-up lists
//! ([`follow_up`]). The page's board before any merge ([`board()`]) chooses with
//! the same code. The types are in `submission` (files in) and `result` (what comes
//! out), re-exported here.

mod board;
mod choose;
pub mod cross_year;
pub mod follow_up;
mod result;
mod stream;
mod submission;
mod tally;
mod years;

pub use board::{Board, BoardFile, BoardUnit, board};
pub use choose::{Candidate, Rank, Winners, classify, outcomes, unit_statuses, wins};
pub use result::{
    DetailRow, HistorySource, IndicatorTotal, MeasureCounts, Merge, MergeSummary, Skipped, UnitState, UnitStatus,
    UnitValue,
};
pub use stream::{Input, MAX_SUPERSEDED_WITH_CHANGES, Merging};
pub use submission::{FileOutcome, Outcome, Submission};

pub use crate::number::round6;
use crate::plan::Plan;
pub use crate::report::NOT_SUBMITTED;
pub use crate::text::file_name;

/// Merges validated submissions into the summary of `year`.
///
/// Files with errors are rejected; files of years after `year` are rejected with a
/// `year-invalid` finding; files of earlier years are kept aside. Of two valid files of the
/// same unit and year the later 填报日期 wins, then the greater SHA-256, then the file
/// name that sorts last, so the result never depends on input order.
///
/// Each [`Submission`] is a file already read and validated (`xlsx_tool::check` makes them
/// from bytes); look at `summary` for the JSON (accepted, rejected, missing units, totals),
/// `files` for each file's outcome and `units` for the 报送情况 rows.
///
/// # Examples
///
/// ```
/// use jz_core::{Plan, RawReport, Submission};
///
/// let plan = Plan::builtin();
/// let (report, diagnostics) = jz_core::validate(&plan, &RawReport::default());
/// let broken = Submission {
///     path: "收件/空白.xlsx".into(),
///     sha256: String::new(),
///     report,
///     diagnostics,
///     cells: Default::default(),
/// };
/// let merge = jz_core::merge(&plan, 2025, vec![broken]);
/// assert_eq!(merge.summary.year, 2025);
/// assert_eq!(merge.summary.rejected, ["收件/空白.xlsx"]);
/// // Nobody reported, so every indicator total is null and every unit is missing.
/// assert!(merge.summary.indicators.iter().all(|i| i.total.is_none()));
/// assert!(merge.summary.missing_units.iter().any(|u| u == "检察院"));
/// ```
pub fn merge(plan: &Plan, year: u16, submissions: Vec<Submission>) -> Merge {
    merge_with_history(plan, year, submissions, Vec::new())
}

/// [`merge`], plus data of earlier years taken from city summaries.
///
/// The multi-year view (`years`, `progress`, `trend`) uses, for every year up to `year`:
/// the data carried by the summaries (applied in order of summary year, then SHA-256, the
/// later one winning for a unit present in both), then, unit by unit, the unit's own valid
/// file of that year (chosen like this year's: later 填报日期, greater SHA-256, file name),
/// which beats any summary. 变更记录 compares each unit's accepted file with the files it
/// superseded. To feed inputs one at a time, use [`Merging`]. This year's totals (`indicators`, `measures`) come from this
/// year's unit files only.
///
/// The [`HistorySource`]s come from earlier city summaries
/// (`xlsx_tool::summary::read_history` reads one from a summary workbook's bytes).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// // No files and no earlier summaries: the multi-year view holds only this year.
/// let merge = jz_core::merge_with_history(&plan, 2024, Vec::new(), Vec::new());
/// assert!(merge.summary.summaries.is_empty());
/// assert!(merge.summary.years.iter().all(|&y| y <= 2024));
/// ```
pub fn merge_with_history(plan: &Plan, year: u16, submissions: Vec<Submission>, history: Vec<HistorySource>) -> Merge {
    let mut merging = Merging::new(plan, year);
    for h in history {
        merging.push(Input::Summary(h));
    }
    for s in submissions {
        merging.push(Input::Report(Box::new(s)));
    }
    merging.finish()
}
