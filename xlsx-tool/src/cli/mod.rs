//! The `xlsx-tool` command line, binary only: [`args`] is its shape, one module per
//! command group does the work through the library, [`print`] writes the human text,
//! [`files`] reads and writes files. [`run`] returns an [`ExitStatus`].

/// `println!` that ends the program quietly when stdout is gone (`xlsx-tool plan | head`)
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod args;
mod evaluate;
mod files;
mod merge;
mod plan;
mod print;
mod sample;
mod template;
mod usage;
mod validate;

use std::process::ExitCode;

use anyhow::Result;
use jz_core::Plan;
use xlsx_tool::Limits;

pub(crate) use args::Cli;
use args::Command;
pub(crate) use usage::usage_error;

/// How a run ended: the exit codes of contract §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// 0: done, and every file valid (warnings allowed).
    Done,
    /// 1: done, but some file has errors.
    SomeFilesInvalid,
    /// 2: usage or I/O failure.
    Failed,
}

impl ExitStatus {
    /// [`Done`](Self::Done) when every file is valid, else [`SomeFilesInvalid`](Self::SomeFilesInvalid).
    fn valid(all_ok: bool) -> Self {
        if all_ok { ExitStatus::Done } else { ExitStatus::SomeFilesInvalid }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Done => 0,
            ExitStatus::SomeFilesInvalid => 1,
            ExitStatus::Failed => 2,
        })
    }
}

/// The mapping of `--map FILE.json` (none: an empty mapping).
pub(crate) fn load_mapping(path: Option<&std::path::Path>) -> Result<xlsx_tool::Mapping> {
    let Some(path) = path else { return Ok(xlsx_tool::Mapping::default()) };
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("无法读取对应列文件 {}（{e}）。", path.display()))?;
    xlsx_tool::Mapping::from_json(&text).map_err(|e| anyhow::anyhow!("对应列文件 {} 不可用：{e}", path.display()))
}

/// Runs a command with the plan of `--plan` (or the built-in one).
pub(crate) fn run(cli: Cli) -> Result<ExitStatus> {
    let plan = match &cli.plan {
        Some(path) => plan::load_plan_file(path)?,
        None => Plan::builtin(),
    };
    let limits = Limits::default();
    let json = cli.json;
    match cli.command {
        Command::Plan { action } => plan::run(&plan, action, json),
        Command::Template { unit, all, year, output } => template::run(&plan, unit, all, year, output, json),
        Command::Validate { files, annotate, map } => {
            let mapping = load_mapping(map.as_deref())?;
            validate::run(&plan, &files, annotate.as_deref(), &limits, &mapping, json)
        }
        Command::Merge(args) => merge::merge(&plan, &args, &limits, json),
        Command::Report(args) => merge::report(&plan, &args, &limits, json),
        Command::Evaluate(args) => evaluate::run(&plan, &args, &limits, json),
        Command::Read { file } => merge::read(&plan, &file, json),
        Command::Sample { year, years, seed, output } => {
            sample::run(&plan, year, years.as_deref(), seed, &output, json)
        }
    }
}
