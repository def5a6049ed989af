//! What a mistyped command line is told, in Chinese: clap's own error texts are English,
//! so each kind of mistake is said again here from the error's context (the argument, the
//! value, the command), followed by where to look up the usage.

use clap::CommandFactory;
use clap::error::{ContextKind, ErrorKind};

use super::Cli;

/// The Chinese message for a command line clap refused.
pub(crate) fn usage_error(e: &clap::Error) -> String {
    let context = |kind| e.get(kind).map(|v| v.to_string().replace(", ", "、")).unwrap_or_default();
    let arg = || context(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{}”。", arg()),
        ErrorKind::InvalidSubcommand => {
            let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
            format!("不认识的命令“{}”。可用的命令：{}。", context(ContextKind::InvalidSubcommand), names.join("、"))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("参数 {} 的值“{}”不对。", arg(), context(ContextKind::InvalidValue))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{}。", arg()),
        ErrorKind::ArgumentConflict => format!("参数 {} 与 {} 不能同时使用。", arg(), context(ContextKind::PriorArg)),
        ErrorKind::MissingSubcommand => "缺少命令。".to_string(),
        ErrorKind::TooManyValues => format!("参数 {} 给了太多的值。", arg()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => {
            format!("参数 {} 的值的个数不对。", arg())
        }
        _ => "命令行参数有误。".to_string(),
    };
    format!("{what}用“xlsx-tool --help”查看用法。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn message(args: &[&str]) -> String {
        match Cli::try_parse_from(args) {
            Ok(_) => String::new(),
            Err(e) => usage_error(&e),
        }
    }

    #[test]
    fn mistakes_are_told_in_chinese_with_the_argument() {
        let m = message(&["xlsx-tool", "mrege"]);
        assert!(m.contains("不认识的命令“mrege”") && m.contains("merge"), "{m}");
        let m = message(&["xlsx-tool", "merge", "a.xlsx", "--year", "二〇二五", "-o", "s.xlsx"]);
        assert!(m.contains("--year") && m.contains("二〇二五"), "{m}");
        let m = message(&["xlsx-tool", "merge", "a.xlsx", "-o", "s.xlsx"]);
        assert!(m.starts_with("缺少必需的参数") && m.contains("--year"), "{m}");
        let m = message(&["xlsx-tool", "validate", "--bogus", "a.xlsx"]);
        assert!(m.contains("不认识的参数“--bogus”"), "{m}");
        let m = message(&["xlsx-tool", "template", "--unit", "孟州市", "--all", "-o", "x"]);
        assert!(m.contains("不能同时使用"), "{m}");
    }
}
