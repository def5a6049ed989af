//! Workbooks for the Jiaozuo IP plan: unit templates, tolerant reading of filled
//! workbooks (.xlsx .xls .xlsb .ods .csv), validation, and the city summary workbook.
//!
//! Everything works on bytes (`&[u8]` in, `Vec<u8>` out) so the CLI and the browser run
//! the very same code; paths are the CLI's business.

pub mod check;
pub mod error;
pub mod inputs;
pub mod limits;
mod macro_sheets;
pub mod merger;
pub mod plan_file;
pub mod quiet_panic;
pub mod read;
pub mod report;
pub mod sample;
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
/// that cannot be read back is left out.
///
/// # Errors
/// Only when the summary workbook cannot be written.
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
