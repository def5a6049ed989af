//! The command line's shape: the clap structs of every command and option (no work).

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

// The texts below are what `--help` shows, so they are in Chinese (users are civil
// servants); clap's own headings and flags are replaced in the same way (`HELP`).

/// The help page's layout with Chinese headings (clap's defaults are English).
const HELP: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// 知识产权任务填报工具：生成模板、校验填报表、汇总全市情况。 The same binary serves any
/// plan (`--plan`), so the text names no city.
#[derive(Debug, Parser)]
#[command(
    name = "xlsx-tool",
    version,
    about = "知识产权任务填报工具：生成模板、校验填报表、汇总全市情况、生成年度工作报告和终期评估。",
    long_about = None,
    help_template = HELP,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    next_help_heading = "选项",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "用“xlsx-tool 命令 --help”查看某个命令的用法，例如 xlsx-tool merge --help。"
)]
pub(crate) struct Cli {
    /// 使用修订后的计划文件（计划表 .xlsx/.xls/.ods、TOML 或 JSON），代替内置计划
    #[arg(long, global = true, value_name = "计划文件")]
    pub(crate) plan: Option<PathBuf>,
    /// 在标准输出打印一个 JSON 文档，代替文字说明
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// 显示帮助
    #[arg(short, long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// 显示计划：部分、任务、举措、责任单位、指标（JSON 即可加载的计划文件）；plan diff、plan export、plan import 见 xlsx-tool plan --help
    #[command(help_template = HELP, subcommand_help_heading = "命令", subcommand_value_name = "命令", next_help_heading = "选项")]
    Plan {
        #[command(subcommand)]
        action: Option<PlanAction>,
    },
    /// 生成空白填报表：一个单位（--unit）或全部单位（--all）
    #[command(help_template = HELP, next_help_heading = "选项")]
    Template {
        /// 单位名称（全称、简称均可）
        #[arg(long, required_unless_present = "all", conflicts_with = "all", value_name = "单位")]
        unit: Option<String>,
        /// 为每个单位各生成一个填报表，放入 -o 指定的文件夹
        #[arg(long)]
        all: bool,
        /// 填报年度（默认：计划的最后一年）
        #[arg(long, value_name = "年度")]
        year: Option<u16>,
        /// 输出文件（--unit）或文件夹（--all）
        #[arg(short, long, value_name = "输出")]
        output: PathBuf,
    },
    /// 校验填好的填报表，逐条列出每个问题所在的单元格
    #[command(help_template = HELP, next_help_heading = "选项")]
    Validate {
        /// 填报表（.xlsx .xlsm .xltx .xltm .xls .et .xlsb .ods .csv）或存放它们的文件夹
        #[arg(required = true, value_name = "文件或文件夹")]
        files: Vec<PathBuf>,
        /// 为每个有问题的文件另存一份副本，在其中标出并说明每个有问题的单元格
        #[arg(long, value_name = "文件夹")]
        annotate: Option<PathBuf>,
        /// 表头对应关系（JSON 文件，如 {"完成情况": "完成状态"}）：文件中的表头按模板中的哪一列读取
        #[arg(long = "map", value_name = "对应列文件")]
        map: Option<PathBuf>,
    },
    /// 把所有合格的填报表汇总成全市汇总表
    #[command(help_template = HELP, next_help_heading = "选项")]
    Merge(MergeArgs),
    /// 用与汇总相同的文件生成本年度工作报告（.docx，公文格式）；也可只给该年度的汇总表
    #[command(
        help_template = HELP,
        next_help_heading = "选项",
        mut_arg("inputs", |a| a.help("填报表、汇总表或存放它们的文件夹")),
        mut_arg("year", |a| a.help("报告年度")),
        mut_arg("output", |a| a.help("要写入的 Word 文档"))
    )]
    Report(MergeArgs),
    /// 计划期满后的终期评估：用各年度的填报表和/或汇总表生成终期评估表（.xlsx）和评估报告（.docx）
    #[command(help_template = HELP, next_help_heading = "选项")]
    Evaluate(EvaluateArgs),
    /// 读回全市汇总表（JSON 与 merge 相同）
    #[command(help_template = HELP, next_help_heading = "选项")]
    Read {
        /// 汇总表
        #[arg(value_name = "汇总表")]
        file: PathBuf,
    },
    /// 把内置的示例填报表（各单位已填好的文件）写入一个文件夹
    #[command(help_template = HELP, next_help_heading = "选项")]
    Sample {
        /// 填报年度（默认：计划的最后一年）
        #[arg(long, conflicts_with = "years", value_name = "年度")]
        year: Option<u16>,
        /// 连续几年的整轮示例，例如 2022-2025（每个单位每年一份）
        #[arg(long, value_name = "起始-截止")]
        years: Option<String>,
        /// 生成文字和数值所用的随机种子
        #[arg(long, default_value_t = 2025, value_name = "种子")]
        seed: u64,
        /// 输出文件夹
        #[arg(short, long, value_name = "输出")]
        output: PathBuf,
    },
}

/// The inputs, year and output of `merge` and of `report` (whose help texts say
/// summaries and a Word document instead).
#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// 填报表或存放它们的文件夹
    #[arg(required = true, value_name = "文件或文件夹")]
    pub(crate) inputs: Vec<PathBuf>,
    /// 汇总年度
    #[arg(long, value_name = "年度")]
    pub(crate) year: u16,
    /// 要写入的汇总表
    #[arg(short, long, value_name = "输出")]
    pub(crate) output: PathBuf,
    /// 表头对应关系（JSON 文件，如 {"完成情况": "完成状态"}）：文件中的表头按模板中的哪一列读取
    #[arg(long = "map", value_name = "对应列文件")]
    pub(crate) map: Option<PathBuf>,
}

/// The inputs and outputs of `evaluate`.
#[derive(Debug, Args)]
pub(crate) struct EvaluateArgs {
    /// 计划期内各年度的填报表、汇总表，或存放它们的文件夹（可混合；只有各年汇总表也可以）
    #[arg(required = true, value_name = "文件或文件夹")]
    pub(crate) inputs: Vec<PathBuf>,
    /// 评估截止年度（默认：计划的截止年度；填更早的年份即为中期评估）
    #[arg(long, value_name = "年度")]
    pub(crate) year: Option<u16>,
    /// 要写入的终期评估表（.xlsx）
    #[arg(short, long, value_name = "输出")]
    pub(crate) output: PathBuf,
    /// 同时写入终期评估报告（.docx，公文格式）
    #[arg(long, value_name = "Word文档")]
    pub(crate) docx: Option<PathBuf>,
}

/// `xlsx-tool plan diff OLD NEW`, `plan export`, `plan import`.
#[derive(Debug, Subcommand)]
pub(crate) enum PlanAction {
    /// 比较两个计划文件（计划表 .xlsx/.xls/.ods、TOML 或 JSON）：举措、责任单位、单位组和指标的变化
    #[command(help_template = HELP, next_help_heading = "选项")]
    Diff {
        /// 旧计划文件
        #[arg(value_name = "旧计划")]
        old: PathBuf,
        /// 新计划文件
        #[arg(value_name = "新计划")]
        new: PathBuf,
    },
    /// 把计划导出为计划表（.xlsx），供修订计划时在 Excel/WPS 中修改
    #[command(help_template = HELP, next_help_heading = "选项")]
    Export {
        /// 要写入的计划表
        #[arg(short, long, value_name = "输出")]
        output: PathBuf,
    },
    /// 从实施方案的 Word 文档（.docx）读出任务清单（附件表格，或正文中以“（……负责）”结尾的举措）和指标表，写成计划表；文档没写明的内容留待填写
    #[command(help_template = HELP, next_help_heading = "选项")]
    Import {
        /// 实施方案 Word 文档
        #[arg(value_name = "Word文档")]
        docx: PathBuf,
        /// 要写入的计划表
        #[arg(short, long, value_name = "输出")]
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
