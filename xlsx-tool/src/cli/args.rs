//! The command line's shape: the clap structs of every command and option (no work).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// 焦作市知识产权任务填报工具：生成模板、校验填报表、汇总全市情况。
#[derive(Debug, Parser)]
#[command(name = "xlsx-tool", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Use a revised plan file (TOML or JSON) instead of the built-in plan.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) plan: Option<PathBuf>,
    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    pub(crate) json: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show the plan: sections, tasks, measures, units, indicators (the JSON is a loadable plan file);
    /// `plan diff OLD NEW` lists what changed between two plan files.
    Plan {
        #[command(subcommand)]
        action: Option<PlanAction>,
    },
    /// Make blank workbooks: one unit's (--unit) or every unit's (--all).
    Template {
        /// Unit name (any accepted spelling).
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        unit: Option<String>,
        /// Make one workbook per unit into the directory given by -o.
        #[arg(long)]
        all: bool,
        /// Reporting year (default: the plan's last year).
        #[arg(long)]
        year: Option<u16>,
        /// Output file (with --unit) or directory (with --all).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Check filled workbooks and list every problem at its cell.
    Validate {
        /// Workbooks (.xlsx .xlsm .xltx .xltm .xls .et .xlsb .ods .csv) or directories of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write, for each file with problems, a copy with every problem cell marked and explained.
        #[arg(long, value_name = "DIR")]
        annotate: Option<PathBuf>,
    },
    /// Merge every valid workbook into the city summary workbook.
    Merge(MergeArgs),
    /// Write the year's work report (.docx, 公文 layout) from the same inputs as merge;
    /// a summary of that year alone also serves.
    #[command(
        mut_arg("inputs", |a| a.help("Workbooks, summaries or directories of them")),
        mut_arg("year", |a| a.help("The report's year")),
        mut_arg("output", |a| a.help("Word document to write"))
    )]
    Report(MergeArgs),
    /// Read a city summary workbook back (same JSON as merge).
    Read {
        /// The summary workbook.
        file: PathBuf,
    },
    /// Write the built-in sample submissions (filled workbooks for the units) into a directory.
    Sample {
        /// Reporting year (default: the plan's last year).
        #[arg(long, conflicts_with = "years")]
        year: Option<u16>,
        /// A whole round over several years, e.g. 2022-2025 (every unit, every year).
        #[arg(long, value_name = "FIRST-LAST")]
        years: Option<String>,
        /// Seed of the generated texts and values.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// Output directory.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// The inputs, year and output of `merge` and of `report` (whose help texts say
/// summaries and a Word document instead).
#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// Workbooks or directories of them.
    #[arg(required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// The summary's reporting year.
    #[arg(long)]
    pub(crate) year: u16,
    /// Summary workbook to write.
    #[arg(short, long)]
    pub(crate) output: PathBuf,
}

/// `xlsx-tool plan diff OLD NEW`, `plan export`, `plan import`.
#[derive(Debug, Subcommand)]
pub(crate) enum PlanAction {
    /// 比较两个计划文件（计划表 .xlsx/.xls/.ods、TOML 或 JSON）：举措、责任单位、单位组和指标的变化
    Diff {
        /// 旧计划文件
        old: PathBuf,
        /// 新计划文件
        new: PathBuf,
    },
    /// 把计划导出为计划表（.xlsx），供修订计划时在 Excel/WPS 中修改
    Export {
        /// 要写入的计划表
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 从实施方案的 Word 文档（.docx）读出附件任务清单，写成计划表
    Import {
        /// 实施方案 Word 文档
        docx: PathBuf,
        /// 要写入的计划表
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
