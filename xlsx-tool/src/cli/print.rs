//! The human-readable output of the commands (what `--json` replaces): plan, checked
//! files, merge results, indicator totals, skipped files.

use std::io::Write;
use std::path::Path;

use jz_core::{Diagnostic, Plan, Severity};
use xlsx_tool::Checked;
use xlsx_tool::inputs::Skipped;

/// Lists the files of the scanned folders that were not read, with the reason.
pub(super) fn print_skipped(skipped: &[Skipped]) {
    if !skipped.is_empty() {
        say!("以下 {} 个文件未读取：", skipped.len());
        for s in skipped {
            say!("  {}：{}", s.path, s.reason);
        }
    }
}

pub(super) fn print_plan(plan: &Plan) {
    say!("{}", plan.title);
    say!("计划编号 {}，版本 {}，年度 {}–{}", plan.id, plan.hash, plan.first_year, plan.last_year);
    for (section, tasks) in plan.tasks_by_section() {
        say!("\n{}、{}", section.number, section.title);
        for task in tasks {
            say!("  {}. {}（责任单位：{}）", task.number, task.title, task.units.join("、"));
            for m in &task.measures {
                say!("    {} {}", m.id, m.text);
            }
        }
    }
    say!("\n量化指标：");
    for i in &plan.indicators {
        say!(
            "  {} {}：目标 {} {}（{}，{}）",
            i.id,
            i.name,
            jz_core::cell::format_number(i.target),
            i.unit,
            i.kind.label(),
            i.aggregation.label()
        );
    }
    if !plan.notes.is_empty() {
        say!("\n说明：");
        for n in &plan.notes {
            say!("  - {n}");
        }
    }
}

pub(super) fn print_checked(c: &Checked) {
    let who = match (&c.report.unit, c.report.year) {
        (Some(u), Some(y)) => format!("{u} {y}年度"),
        (Some(u), None) => u.clone(),
        _ => "单位不明".to_string(),
    };
    let errors = c.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = c.diagnostics.len() - errors;
    let verdict =
        if errors > 0 { format!("有 {errors} 处错误，需修改后重新报送") } else { "通过".to_string() };
    let warn = if warnings > 0 { format!("，{warnings} 处提醒") } else { String::new() };
    say!("{}（{who}）：{verdict}{warn}", c.path);
    for d in &c.diagnostics {
        say!("  {}", describe(d));
    }
}

fn describe(d: &Diagnostic) -> String {
    let place = match (d.sheet.as_str(), d.cell.as_str()) {
        ("", _) => String::new(),
        (s, "") => format!("[{s}] "),
        (s, c) => format!("[{s}!{c}] "),
    };
    format!("{}：{place}{}", d.severity.label(), d.message)
}

pub(super) fn print_merge(plan: &Plan, merge: &jz_core::Merge, output: &Path) {
    let s = &merge.summary;
    say!("{} 年度汇总完成，已写入 {}", s.year, output.display());
    say!(
        "  已汇总 {} 个文件；退回 {} 个；被新版本替代 {} 个；往年文件 {} 个。",
        s.accepted.len(),
        s.rejected.len(),
        s.superseded.len(),
        s.earlier.len()
    );
    for f in merge.files.iter().filter(|f| f.outcome == jz_core::merge::Outcome::Rejected) {
        let first = f.submission.diagnostics.iter().find(|d| d.is_error()).map(describe).unwrap_or_default();
        say!("  退回 {}：{first}", f.submission.path);
    }
    if !s.missing_units.is_empty() {
        say!("  尚未报送（或被退回）的单位：{}", s.missing_units.join("、"));
    }
    say!("  {}", jz_core::follow_up::headline(s));
    print_indicators(plan, &s.indicators);
    for f in &merge.files {
        for d in f.submission.diagnostics.iter().filter(|d| jz_core::cross_year::CODES.contains(&d.code)) {
            say!("  与上一年度对比：{}（{}）", describe(d), f.submission.file_name());
        }
    }
    if !s.changes.is_empty() {
        say!("  重新报送的文件与被替代的文件有 {} 处不同，见汇总表“变更记录”。", s.changes.len());
    }
    let years: Vec<String> = s.years.iter().map(u16::to_string).collect();
    say!("  截至 {} 年末对照 {} 年目标的进度（有数据的年度：{}）：", s.year, plan.last_year, years.join("、"));
    for p in &s.progress {
        let name = plan.indicator(&p.id).map(|i| i.name.as_str()).unwrap_or_default();
        say!("    {} {name}【{}】{}", p.id, p.judgement.label(), p.reason);
    }
}

pub(super) fn print_indicators(plan: &Plan, indicators: &[jz_core::merge::IndicatorTotal]) {
    say!("  指标完成情况：");
    for t in indicators {
        let name = plan.indicator(&t.id).map(|i| format!("{} {}", i.name, i.unit)).unwrap_or_default();
        let line = match (t.total, t.rate) {
            (Some(total), Some(rate)) => format!(
                "{} / {}（{:.1}%）",
                jz_core::cell::format_number(total),
                jz_core::cell::format_number(t.target),
                rate * 100.0
            ),
            _ => format!("无人填报 / {}", jz_core::cell::format_number(t.target)),
        };
        say!("    {} {name}：{line}", t.id);
    }
}
