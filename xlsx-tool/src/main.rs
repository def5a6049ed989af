//! `xlsx-tool`: make templates, validate filled workbooks, merge them into the city summary.
//!
//! Exit codes: 0 = done and every file valid; 1 = done but some file has errors;
//! 2 = usage or I/O failure (see [`cli::ExitStatus`]). The commands live in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use cli::{Cli, ExitStatus};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help, --version, and the help shown for a bare `xlsx-tool` (Chinese texts).
        Err(e) if !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.use_stderr() { ExitStatus::Failed } else { ExitStatus::Done }.into();
        }
        Err(e) => {
            eprintln!("错误：{}", cli::usage_error(&e));
            return ExitStatus::Failed.into();
        }
    };
    match cli::run(cli) {
        Ok(status) => status.into(),
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitStatus::Failed.into()
        }
    }
}
