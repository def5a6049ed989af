//! `xlsx-tool sample`: the built-in sample submissions of one year or a round of years.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use jz_core::Plan;
use xlsx_tool::sample;

use super::ExitStatus;
use super::files::write_file;

/// Writes the samples of `year` (default: the plan's last), or of `years`, into `output`.
pub(super) fn run(
    plan: &Plan,
    year: Option<u16>,
    years: Option<&str>,
    seed: u64,
    output: &Path,
    json: bool,
) -> Result<ExitStatus> {
    let (first, year) = match years {
        Some(text) => sample_years_arg(plan, text)?,
        None => (None, year.unwrap_or(plan.last_year)),
    };
    std::fs::create_dir_all(output).with_context(|| format!("无法创建目录 {}", output.display()))?;
    let files = match first {
        Some(first) => sample::sample_years(plan, first, year, seed)?,
        None => sample::sample_set(plan, year, seed)?,
    };
    for (name, bytes) in &files {
        write_file(&output.join(name), bytes)?;
    }
    if json {
        let names: Vec<_> = files.iter().map(|(n, _)| output.join(n).display().to_string()).collect();
        say!("{}", serde_json::json!({ "year": year, "files": names }));
    } else {
        let years = first.map_or_else(|| year.to_string(), |f| format!("{f}–{year}"));
        say!("已在 {} 生成 {} 个示例填报表（{years} 年度）。", output.display(), files.len());
    }
    Ok(ExitStatus::Done)
}

/// `--years 2022-2025` → the first and last year, both within the plan.
fn sample_years_arg(plan: &Plan, text: &str) -> Result<(Option<u16>, u16)> {
    let parsed = text
        .split_once(['-', '–'])
        .and_then(|(a, b)| Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?)));
    match parsed {
        Some((a, b)) if a <= b && plan.has_year(i64::from(a)) && plan.has_year(i64::from(b)) => Ok((Some(a), b)),
        _ => bail!(
            "--years 应写成“起始年-截止年”，且在本计划的年度范围内，例如 --years {}-{}。",
            plan.first_year,
            plan.last_year
        ),
    }
}
