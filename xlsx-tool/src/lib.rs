//! Workbooks for the Jiaozuo IP plan: unit templates, the city summary workbook, the Word
//! report and the command line, on top of the reading boundary [`jz_read`].
//!
//! Everything works on bytes (`&[u8]` in, `Vec<u8>` out) so the CLI and the browser run
//! the very same code; paths are the CLI's business. The plan, reports, validation rules
//! and the merge logic themselves are in [`jz_core`]. Every byte read from outside — unit
//! workbooks, summaries, plan workbooks, the Word annex — is read by [`jz_read`], the only
//! crate that depends on calamine, the zip reader and quick-xml's reader; this crate writes.
//!
//! # Where each concept lives
//!
//! | Concept | Module | Main items |
//! |---|---|---|
//! | Reading hostile bytes (any spreadsheet, a summary, a plan workbook, the Word annex), within limits | [`jz_read`] | [`jz_read::read_unit_workbook`], [`check()`], [`jz_read::summary::open_summary`], [`plan_file::load_plan`], [`plan_file::import_docx`], [`Limits`] |
//! | Which files in a folder are inputs, and why others are skipped | [`inputs`] (= [`jz_read::inputs`]) | |
//! | Writing the plan workbook | [`plan_file`] | [`plan_file::export_plan`] |
//! | The blank unit workbook (填报表), the corrected copy and the marked-up copy's name | [`template`] | [`template::template`], [`template::filled`], [`template::annotated_name`] |
//! | Files into the merge's inputs (the merge itself, choosing included, is [`jz_core::merge::Merging`]) | [`merger`] | [`Merger`], [`merge_files`] |
//! | The city summary workbook (汇总表); reading it back is [`jz_read::summary`] | [`summary`] | [`summary::write_summary`] |
//! | The annual work report in Word | [`report`] | [`report::write_report`] |
//! | Built-in sample submissions | [`sample`] | [`sample::sample_set`], [`sample::sample_years`] |
//! | The error of a call that cannot proceed | [`error`] | [`Error`] |
//!
//! # Example
//!
//! A unit's template, the same workbook validated, then a city merge, its summary and
//! report:
//!
//! ```
//! use xlsx_tool::{Limits, check, merge_files, sample, summary, report, template};
//!
//! let plan = jz_core::Plan::builtin();
//! let limits = Limits::default();
//!
//! // 1. The blank workbook a unit fills in.
//! let blank = template::template(&plan, "市场监管局", 2025)?;
//!
//! // 2. Validate a file: the blank one is not filled in yet.
//! let checked = check(&plan, &blank, "市场监管局.xlsx", &limits);
//! assert!(!checked.ok());
//! for d in &checked.diagnostics {
//!     println!("{} {} {}", d.code.as_str(), d.cell, d.message);
//! }
//!
//! // 3. Merge what the units sent (here the built-in samples) into the 汇总表.
//! let files = sample::sample_set(&plan, 2025, 1)?;
//! let (merge, xlsx) = merge_files(
//!     &plan,
//!     files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
//!     2025,
//!     &limits,
//! )?;
//! assert_eq!(merge.summary.missing_units, ["中医药局", "博爱县"]); // 博爱县 was rejected
//! assert_eq!(summary::read_summary(&xlsx)?.accepted, merge.summary.accepted);
//!
//! // 4. The Word draft of the annual report.
//! let docx = report::write_report(&plan, &merge)?;
//! assert!(docx.starts_with(b"PK"));
//! # Ok::<(), xlsx_tool::Error>(())
//! ```

pub mod error;
pub mod merger;
mod meta;
pub mod plan_file;
pub mod report;
pub mod sample;
mod sheet_format;
pub mod summary;
pub mod template;

pub use error::Error;
pub use jz_core::merge::file_name;
pub use jz_read::{Checked, FileResult, Format, Kind, Limits, check, inputs, limits};
pub use merger::Merger;

/// Validates every file and merges the valid ones into the city summary of `year`:
/// returns the merge and the summary workbook's bytes.
///
/// Files that are city summaries themselves are not merged as reports: the data of earlier
/// years they carry feeds the multi-year view (`summaries`, `progress`, `trend`); a summary
/// whose data cannot be read is left out and listed in `summary.skipped` with the reason,
/// as the CLI lists it.
///
/// # Errors
/// Only when the summary workbook cannot be written.
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let files = xlsx_tool::sample::sample_set(&plan, 2025, 1)?;
/// let (merge, xlsx) = xlsx_tool::merge_files(
///     &plan,
///     files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
///     2025,
///     &xlsx_tool::Limits::default(),
/// )?;
/// // 博爱县's sample carries errors, 温县's first version is superseded, 中医药局 sent nothing:
/// // a unit with no accepted file is missing.
/// assert!(merge.summary.rejected.iter().any(|p| p.contains("博爱县")));
/// assert!(merge.summary.superseded.iter().any(|p| p.contains("温县")));
/// assert_eq!(merge.summary.missing_units, ["中医药局", "博爱县"]); // 博爱县 was rejected
/// assert!(xlsx.starts_with(b"PK")); // the 汇总表 to save
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn merge_files<'a>(
    plan: &jz_core::Plan,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    year: u16,
    limits: &Limits,
) -> Result<(jz_core::Merge, Vec<u8>), Error> {
    let mut merger = Merger::new(plan, year, limits);
    for (path, bytes) in files {
        merger.add(path, bytes);
    }
    let merge = merger.finish();
    let bytes = summary::write_summary(plan, &merge)?;
    Ok((merge, bytes))
}
