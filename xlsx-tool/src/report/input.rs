//! The report's inputs: unit files and summaries, exactly as `merge` takes them, plus the
//! case of a summary of the report's own year standing in for the unit files.

use jz_core::{Merge, Plan};

use crate::{Error, Limits, Merger, summary};

/// Validates every file, merges the valid ones into the merge of `year` and writes the
/// report: returns the merge the report was written from and the .docx bytes.
///
/// Inputs as for [`crate::merge_files`]: unit files of `year` and earlier years, and
/// earlier summaries for the multi-year view. When no unit file of `year` is accepted
/// and a summary of `year` is among the inputs, the report is written from that summary
/// (see [`summary_fallback`]).
///
/// # Errors
/// [`Error::Report`] when the document cannot be written; [`Error::NotASummary`] when the
/// summary standing in for the year is unreadable.
pub fn report_files<'a>(
    plan: &Plan,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    year: u16,
    limits: &Limits,
) -> Result<(Merge, Vec<u8>), Error> {
    let mut merger = Merger::new(plan, year, limits);
    let mut own_year = Vec::new();
    for (path, bytes) in files {
        merger.add(path, bytes);
        own_year.push((path, bytes));
    }
    let merge = merger.finish();
    // Only summaries of the year can stand in; summary_fallback picks among them.
    let own_year: Vec<(&str, &[u8])> =
        own_year.into_iter().filter(|(path, _)| merge.summary.summaries.iter().any(|s| s == path)).collect();
    let merge = summary_fallback(merge, &own_year)?;
    let bytes = super::write_report(plan, &merge)?;
    Ok((merge, bytes))
}

/// `merge` itself when it accepted a unit file of its year; otherwise, when `summaries`
/// holds a summary of that year, the merge rebuilt from it ([`summary::read_merge`]: its
/// 任务明细 texts and 报送情况 rows) with the multi-year view (`summaries`, `years`,
/// `progress`, `trend`, history) and the inputs not read (`skipped`) of `merge`, which
/// already includes that summary's data.
/// Of several summaries of the year the one with the greatest SHA-256 (then path) serves,
/// so the result does not depend on input order. Summaries of other years are ignored.
///
/// # Errors
/// [`Error::NotASummary`] when the chosen summary cannot be read back.
pub fn summary_fallback(merge: Merge, summaries: &[(&str, &[u8])]) -> Result<Merge, Error> {
    if !merge.summary.accepted.is_empty() {
        return Ok(merge);
    }
    let year = merge.summary.year;
    let mut best: Option<(String, &str, &[u8])> = None;
    for &(path, bytes) in summaries {
        if summary::read_summary(bytes).ok().map(|s| s.year) != Some(year) {
            continue;
        }
        let key = jz_core::digest::sha256_hex(bytes);
        if best.as_ref().is_none_or(|(k, p, _)| (key.as_str(), path) > (k.as_str(), *p)) {
            best = Some((key, path, bytes));
        }
    }
    let Some((_, _, bytes)) = best else { return Ok(merge) };
    let mut rebuilt = summary::read_merge(bytes)?;
    let s = merge.summary;
    rebuilt.summary.summaries = s.summaries;
    rebuilt.summary.years = s.years;
    rebuilt.summary.progress = s.progress;
    rebuilt.summary.trend = s.trend;
    rebuilt.history = merge.history;
    // What this run did not read, not what the run that wrote the summary skipped.
    rebuilt.summary.skipped = s.skipped;
    Ok(rebuilt)
}
