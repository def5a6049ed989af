//! Workbooks for the Jiaozuo IP plan: unit templates, tolerant reading of filled
//! workbooks (.xlsx .xls .xlsb .ods .csv), validation, and the city summary workbook.
//!
//! Everything works on bytes (`&[u8]` in, `Vec<u8>` out) so the CLI and the browser run
//! the very same code; paths are the CLI's business. The plan, reports, validation rules
//! and the merge logic themselves are in [`jz_core`].
//!
//! # Where each concept lives
//!
//! | Concept | Module | Main items |
//! |---|---|---|
//! | Loading a plan file (TOML, JSON, plan workbook), exporting it, importing the Word annex | [`plan_file`] | [`plan_file::load_plan`], [`plan_file::export_plan`], [`plan_file::import_docx`] |
//! | The blank unit workbook (填报表), the corrected copy and the marked-up copy's name | [`template`] | [`template::template`], [`template::filled`], [`template::annotated_name`] |
//! | Reading any spreadsheet into a raw report (format sniffing, layouts, .xls/.csv) | [`read`] | [`read::Kind`], [`read::Format`] |
//! | Opening zip containers safely | [`unpack`] | |
//! | Limits on one untrusted file | [`limits`] | [`Limits`] |
//! | One file read and validated | [`check`](mod@check) | [`check()`], [`Checked`], [`FileResult`] |
//! | Which files in a folder are inputs, and why others are skipped | [`inputs`] | |
//! | Files into the merge's inputs (the merge itself, choosing included, is [`jz_core::merge::Merging`]) | [`merger`] | [`Merger`], [`merge_files`] |
//! | The city summary workbook (汇总表) and reading it back | [`summary`] | [`summary::write_summary`], [`summary::read_summary`], [`summary::read_history`] |
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

pub mod check;
pub mod error;
pub mod inputs;
pub mod limits;
pub mod merger;
mod meta;
pub mod plan_file;
pub mod quiet_panic;
pub mod read;
pub mod report;
pub mod sample;
mod sheet_format;
pub mod summary;
pub mod template;
pub mod unpack;

pub use check::{Checked, FileResult, check};
pub use error::Error;
pub use jz_core::merge::file_name;
pub use limits::Limits;
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
