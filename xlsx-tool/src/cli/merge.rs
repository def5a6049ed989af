//! `xlsx-tool merge`, `report` and `read`: the city summary from unit files, the Word
//! report from the same inputs, and a summary read back.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use jz_core::Plan;
use xlsx_tool::inputs::disk::Scan;
use xlsx_tool::inputs::unreadable_submission;
use xlsx_tool::merger::Input;
use xlsx_tool::{Limits, Merger, summary};

use super::ExitStatus;
use super::args::MergeArgs;
use super::files::{each_file, expand_inputs, read_summary_file, write_file};
use super::print::{print_indicators, print_merge, print_skipped};

/// `merge`: writes the summary workbook; [`ExitStatus::SomeFilesInvalid`] when a file
/// was rejected.
pub(super) fn merge(plan: &Plan, args: &MergeArgs, limits: &Limits, json: bool) -> Result<ExitStatus> {
    let MergeArgs { inputs, year, output } = args;
    check_year(plan, *year, "汇总")?;
    let merge = merge_inputs(plan, inputs, *year, limits)?;
    let bytes = summary::write_summary(plan, &merge)?;
    write_file(output, &bytes)?;
    let all_ok = merge.summary.rejected.is_empty();
    if json {
        say!("{}", serde_json::to_string_pretty(&merge.summary)?);
    } else {
        print_merge(plan, &merge, output);
        print_skipped(&merge.summary.skipped);
    }
    Ok(ExitStatus::valid(all_ok))
}

/// `report`: writes the year's Word report; the exit status is merge's for the files given.
pub(super) fn report(plan: &Plan, args: &MergeArgs, limits: &Limits, json: bool) -> Result<ExitStatus> {
    let MergeArgs { inputs, year, output } = args;
    let year = *year;
    check_year(plan, year, "报告")?;
    let merge = merge_inputs(plan, inputs, year, limits)?;
    // Exit code of the files given (as merge), before a summary may stand in for them.
    let all_ok = merge.summary.rejected.is_empty();
    // No unit file of the year: a summary of the year among the inputs stands in.
    let mut own = Vec::new();
    if merge.summary.accepted.is_empty() {
        for path in &merge.summary.summaries {
            own.push((path.clone(), read_summary_file(Path::new(path))?));
        }
    }
    let own: Vec<(&str, &[u8])> = own.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    let merge = xlsx_tool::report::summary_fallback(merge, &own)?;
    let bytes = xlsx_tool::report::write_report(plan, &merge)?;
    write_file(output, &bytes)?;
    let s = &merge.summary;
    if json {
        let mut json = serde_json::to_value(s)?;
        json["output"] = serde_json::json!(output.display().to_string());
        say!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        let received = merge.units.iter().filter(|u| u.state == jz_core::merge::UnitState::Received).count();
        say!(
            "已生成 {year} 年度工作报告 {}（应报送 {} 个单位，已报送 {received} 个，未报送或退回 {} 个）。",
            output.display(),
            merge.units.len(),
            s.missing_units.len()
        );
        print_skipped(&s.skipped);
    }
    Ok(ExitStatus::valid(all_ok))
}

/// `read`: a summary workbook back as merge's JSON (or a few lines of text).
pub(super) fn read(plan: &Plan, file: &Path, json: bool) -> Result<ExitStatus> {
    let summary = summary::read_summary(&read_summary_file(file)?)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        say!(
            "{} 年度汇总表：已汇总 {} 个文件，退回 {} 个，未报送或退回的单位 {} 个。",
            summary.year,
            summary.accepted.len(),
            summary.rejected.len(),
            summary.missing_units.len()
        );
        print_indicators(plan, &summary.indicators);
    }
    Ok(ExitStatus::Done)
}

/// Refuses a year outside the plan; `what` is 汇总 or 报告.
fn check_year(plan: &Plan, year: u16, what: &str) -> Result<()> {
    if !plan.has_year(i64::from(year)) {
        bail!("{what}年度 {year} 不在本计划的年度范围内（{}–{}）。", plan.first_year, plan.last_year);
    }
    Ok(())
}

/// Reads every merge input (directories expanded) on all cores and feeds it to one
/// streaming [`Merger`]: unit files, earlier summaries; an entry that cannot be read
/// becomes a rejected file; a summary whose data cannot be read and a file of a folder
/// that is not a spreadsheet are listed as skipped (by the merge, as for every caller).
/// Shared by `merge` and `report`.
fn merge_inputs(plan: &Plan, inputs: &[PathBuf], year: u16, limits: &Limits) -> Result<jz_core::Merge> {
    let Scan { entries: paths, skipped } = expand_inputs(inputs);
    let mut merger = Merger::new(plan, year, limits);
    for s in skipped {
        merger.push(Input::Unreadable(s));
    }
    let reader = merger.reader();
    each_file(
        &paths,
        limits,
        |name, bytes| {
            Ok(match bytes {
                Ok(bytes) => reader.read(name, &bytes),
                Err(d) => Input::Report(Box::new(unreadable_submission(name, d))),
            })
        },
        |_, input| merger.push(input),
    )?;
    Ok(merger.finish())
}
