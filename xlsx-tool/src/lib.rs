//! Workbooks for the Jiaozuo IP plan: unit templates, tolerant reading of filled
//! workbooks (.xlsx .xls .xlsb .ods .csv), validation, and the city summary workbook.
//!
//! Everything works on bytes (`&[u8]` in, `Vec<u8>` out) so the CLI and the browser run
//! the very same code; paths are the CLI's business.

pub mod check;
pub mod error;
pub mod limits;
pub mod read;
pub mod sample;
pub mod summary;
pub mod template;

pub use check::{Checked, FileResult, check};
pub use error::Error;
pub use jz_core::merge::file_name;
pub use limits::Limits;

/// Validates every file and merges the valid ones into the city summary of `year`:
/// returns the merge and the summary workbook's bytes.
///
/// Files that are city summaries themselves are left out (they are listed nowhere).
///
/// # Errors
/// Only when the summary workbook cannot be written.
pub fn merge_files<'a>(
    plan: &jz_core::Plan,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    year: u16,
    limits: &Limits,
) -> Result<(jz_core::Merge, Vec<u8>), Error> {
    let submissions = files
        .into_iter()
        .map(|(path, bytes)| check(plan, bytes, path, limits))
        .filter(|c| c.kind != read::Kind::Summary)
        .map(Checked::into_submission)
        .collect();
    let merge = jz_core::merge(plan, year, submissions);
    let bytes = summary::write_summary(plan, &merge)?;
    Ok((merge, bytes))
}
