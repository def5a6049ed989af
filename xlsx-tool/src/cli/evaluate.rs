//! `xlsx-tool evaluate`: the end-of-plan evaluation (终期评估) from the files of every year.

use std::io::Write;

use anyhow::Result;
use jz_core::Plan;
use xlsx_tool::Limits;
use xlsx_tool::evaluation::{Evaluator, Input, write_report, write_workbook};
use xlsx_tool::inputs::disk::Scan;
use xlsx_tool::inputs::unreadable_submission;

use super::ExitStatus;
use super::args::EvaluateArgs;
use super::files::{each_file, expand_inputs, write_file};
use super::print::print_skipped;

/// `evaluate`: writes the evaluation workbook (and the report with `--docx`); the exit
/// status is merge's: [`ExitStatus::SomeFilesInvalid`] when a file of any year was rejected.
pub(super) fn run(plan: &Plan, args: &EvaluateArgs, limits: &Limits, json: bool) -> Result<ExitStatus> {
    let EvaluateArgs { inputs, year, output, docx } = args;
    let end = year.unwrap_or(plan.last_year);
    let mut evaluator = Evaluator::new(plan, end, limits)?;
    let Scan { entries: paths, skipped } = expand_inputs(inputs);
    let reader = evaluator.reader();
    each_file(
        &paths,
        limits,
        |name, bytes| {
            Ok(match bytes {
                Ok(bytes) => reader.read(name, &bytes),
                Err(d) => Input::Report(Box::new(unreadable_submission(name, d))),
            })
        },
        |_, input| evaluator.push(input),
    )?;
    let mut done = evaluator.finish()?;
    done.skipped.extend(skipped);
    done.skipped.sort();
    write_file(output, &write_workbook(plan, &done.evaluation)?)?;
    if let Some(path) = docx {
        write_file(path, &write_report(plan, &done.evaluation)?)?;
    }
    let e = &done.evaluation;
    if json {
        let mut value = serde_json::to_value(e)?;
        value["rejected"] = serde_json::json!(done.rejected);
        value["skipped"] = serde_json::to_value(&done.skipped)?;
        say!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        let first = e.years.first().copied().unwrap_or(plan.first_year);
        let kind = if e.interim { "中期" } else { "终期" };
        say!("已生成 {first}–{end} 年{kind}评估表 {}。", output.display());
        if let Some(path) = docx {
            say!("已生成{kind}评估报告 {}。", path.display());
        }
        let counts: Vec<String> = e.indicator_counts().iter().map(|(v, n)| format!("{}{n}项", v.label())).collect();
        say!("主要指标：{}。", counts.join("，"));
        let counts: Vec<String> = e.measure_counts().iter().map(|(v, n)| format!("{}{n}项次", v.label())).collect();
        say!("落实举措（按单位）：{}。", counts.join("，"));
        if !done.rejected.is_empty() {
            say!("有 {} 个文件因错误未计入（退回），请用 xlsx-tool validate 查看：", done.rejected.len());
            for p in &done.rejected {
                say!("  {p}");
            }
        }
        print_skipped(&done.skipped);
    }
    Ok(ExitStatus::valid(done.rejected.is_empty()))
}
