//! `xlsx-tool template`: blank workbooks for one unit or every unit.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use jz_core::Plan;
use xlsx_tool::template;

use super::ExitStatus;
use super::files::write_file;

/// Writes one unit's template to `output`, or (`all`) every unit's into the folder `output`.
pub(super) fn run(
    plan: &Plan,
    unit: Option<String>,
    all: bool,
    year: Option<u16>,
    output: PathBuf,
    json: bool,
) -> Result<ExitStatus> {
    let year = year.unwrap_or(plan.last_year);
    let units: Vec<String> = match unit {
        Some(u) if !all => vec![u],
        _ => plan.expected_units().into_iter().map(String::from).collect(),
    };
    let mut written = Vec::new();
    if all {
        std::fs::create_dir_all(&output).with_context(|| format!("无法创建目录 {}", output.display()))?;
    }
    for unit in &units {
        let bytes = template::template(plan, unit, year)?;
        let path = if all { output.join(template_name(unit, year)) } else { output.clone() };
        write_file(&path, &bytes)?;
        written.push(path.display().to_string());
    }
    if json {
        say!("{}", serde_json::json!({ "year": year, "files": written }));
    } else {
        for p in &written {
            say!("已生成 {p}");
        }
    }
    Ok(ExitStatus::Done)
}

/// `孟州市_2025年度填报表.xlsx`.
fn template_name(unit: &str, year: u16) -> String {
    format!("{unit}_{year}年度填报表.xlsx")
}
