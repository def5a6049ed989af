//! `xlsx-tool validate`: check every file named (folders scanned) and, with
//! `--annotate`, write a marked-up copy of each file with problems.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use jz_core::Plan;
use xlsx_tool::inputs::Skipped;
use xlsx_tool::inputs::disk::Scan;
use xlsx_tool::{Checked, Limits, check, template};

use super::ExitStatus;
use super::files::{each_file, expand_inputs, write_file};
use super::print::{print_checked, print_skipped};

/// Checks `files`; [`ExitStatus::SomeFilesInvalid`] when one has errors.
pub(super) fn run(
    plan: &Plan,
    files: &[PathBuf],
    annotate: Option<&Path>,
    limits: &Limits,
    json: bool,
) -> Result<ExitStatus> {
    let (results, skipped) = check_inputs(plan, files, limits)?;
    if let Some(dir) = annotate {
        annotate_all(plan, &results, dir, json)?;
    }
    let all_ok = results.iter().all(Checked::ok);
    if json {
        let files: Vec<_> = results.iter().map(Checked::result).collect();
        say!("{}", serde_json::to_string_pretty(&serde_json::json!({ "files": files, "skipped": skipped }))?);
    } else {
        for c in &results {
            print_checked(c);
        }
        let bad = results.iter().filter(|c| !c.ok()).count();
        say!("共 {} 个文件：{} 个通过，{} 个有错误。", results.len(), results.len() - bad, bad);
        print_skipped(&skipped);
    }
    Ok(ExitStatus::valid(all_ok))
}

/// Reads and checks every input file (directories expanded) on all cores; only the
/// findings are kept, never the bytes. Results come back in input order, one for every
/// entry (an unreadable one has its diagnostic), with the files skipped in the folders.
fn check_inputs(plan: &Plan, inputs: &[PathBuf], limits: &Limits) -> Result<(Vec<Checked>, Vec<Skipped>)> {
    let Scan { entries, skipped } = expand_inputs(inputs);
    let mut results: Vec<Option<Checked>> = vec![None; entries.len()];
    each_file(
        &entries,
        limits,
        |name, bytes| {
            Ok(match bytes {
                Ok(bytes) => check(plan, &bytes, name, limits),
                Err(d) => Checked::unreadable(name, d),
            })
        },
        |i, c| results[i] = Some(c),
    )?;
    Ok((results.into_iter().flatten().collect(), skipped))
}

/// `--annotate DIR`: a copy of each file with problems, every problem cell marked.
fn annotate_all(plan: &Plan, results: &[Checked], dir: &Path, quiet: bool) -> Result<()> {
    for c in results.iter().filter(|c| !c.diagnostics.is_empty()) {
        let (Some(unit), Some(year)) = (c.report.unit.as_deref(), c.report.year) else {
            if !quiet {
                eprintln!("无法为 {} 生成标注副本：读不出填报单位或年度。", c.path);
            }
            continue;
        };
        let bytes = template::filled(plan, &c.report, unit, year, &c.diagnostics)?;
        let path = dir.join(template::annotated_name(&c.path));
        write_file(&path, &bytes)?;
        if !quiet {
            eprintln!("已生成标注副本 {}", path.display());
        }
    }
    Ok(())
}
