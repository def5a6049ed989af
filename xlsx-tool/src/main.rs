//! `xlsx-tool`: make templates, validate filled workbooks, merge them into the city summary.
//!
//! Exit codes: 0 = done and every file valid; 1 = done but some file has errors;
//! 2 = usage or I/O failure.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use jz_core::{Diagnostic, Plan, Severity};
use xlsx_tool::inputs::disk::{Entry, Scan, read_regular_file, scan};
use xlsx_tool::inputs::{Skipped, unreadable_submission};
use xlsx_tool::merger::Input;
use xlsx_tool::{Checked, Limits, Merger, check, sample, summary, template};

/// `println!` that ends the program quietly when stdout is gone (`xlsx-tool plan | head`)
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// 焦作市知识产权任务填报工具：生成模板、校验填报表、汇总全市情况。
#[derive(Debug, Parser)]
#[command(name = "xlsx-tool", version, about, long_about = None)]
struct Cli {
    /// Use a revised plan file (TOML or JSON) instead of the built-in plan.
    #[arg(long, global = true, value_name = "FILE")]
    plan: Option<PathBuf>,
    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    Merge {
        /// Workbooks or directories of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The summary's reporting year.
        #[arg(long)]
        year: u16,
        /// Summary workbook to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write the year's work report (.docx, 公文 layout) from the same inputs as merge;
    /// a summary of that year alone also serves.
    Report {
        /// Workbooks, summaries or directories of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The report's year.
        #[arg(long)]
        year: u16,
        /// Word document to write.
        #[arg(short, long)]
        output: PathBuf,
    },
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

/// `xlsx-tool plan diff OLD NEW`, `plan export`, `plan import`.
#[derive(Debug, Subcommand)]
enum PlanAction {
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

/// Reads a plan file of any format (`plan_file::load_plan`).
fn load_plan_file(path: &Path) -> Result<Plan> {
    let bytes = std::fs::read(path).with_context(|| format!("无法读取计划文件 {}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    xlsx_tool::plan_file::load_plan(&bytes, &name).with_context(|| format!("计划文件 {} 不可用", path.display()))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(all_valid) => ExitCode::from(if all_valid { 0 } else { 1 }),
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs a command; `Ok(false)` when some file has errors.
fn run(cli: Cli) -> Result<bool> {
    let plan = match &cli.plan {
        Some(path) => load_plan_file(path)?,
        None => Plan::builtin(),
    };
    let limits = Limits::default();
    match cli.command {
        Command::Plan { action: Some(PlanAction::Diff { old, new }) } => {
            let diff = jz_core::plan_diff::diff(&load_plan_file(&old)?, &load_plan_file(&new)?);
            if cli.json {
                say!("{}", serde_json::to_string_pretty(&diff)?);
            } else {
                for line in &diff.memo {
                    say!("{line}");
                }
            }
            Ok(true)
        }
        Command::Plan { action: Some(PlanAction::Export { output }) } => {
            let bytes = xlsx_tool::plan_file::try_export_plan(&plan)?;
            std::fs::write(&output, bytes).with_context(|| format!("无法写入 {}", output.display()))?;
            if !cli.json {
                say!("已导出计划表 {}（计划编号 {}，版本 {}）。", output.display(), plan.id, plan.hash);
            }
            Ok(true)
        }
        Command::Plan { action: Some(PlanAction::Import { docx, output }) } => {
            let bytes = std::fs::read(&docx).with_context(|| format!("无法读取 {}", docx.display()))?;
            let imported = xlsx_tool::plan_file::import_docx(&bytes, &plan)
                .with_context(|| format!("无法从 {} 导入任务清单", docx.display()))?;
            let out = xlsx_tool::plan_file::try_export_plan(&imported.plan)?;
            std::fs::write(&output, out).with_context(|| format!("无法写入 {}", output.display()))?;
            let p = &imported.plan;
            if cli.json {
                let json = serde_json::json!({
                    "output": output.display().to_string(),
                    "plan": p,
                    "unmapped": imported.unmapped,
                });
                say!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                say!(
                    "已从 {} 读出任务清单：{} 个部分、{} 个任务、{} 条举措，写入计划表 {}（版本 {}）。",
                    docx.display(),
                    p.sections.len(),
                    p.tasks.len(),
                    p.measures().count(),
                    output.display(),
                    p.hash
                );
                say!("量化指标、单位别名和说明沿用原计划（{}）。", plan.id);
                if imported.unmapped.is_empty() {
                    say!("所有责任单位都已对应到计划中的单位或单位组。");
                } else {
                    say!("以下 {} 处未能对应到计划中的单位，请在计划表中核对：", imported.unmapped.len());
                    for u in &imported.unmapped {
                        say!("  - {}", u.message);
                    }
                }
                say!("请用“xlsx-tool plan diff 旧计划 {}”查看与原计划的差别。", output.display());
            }
            Ok(true)
        }
        Command::Plan { action: None } => {
            if cli.json {
                say!("{}", plan.to_json());
            } else {
                print_plan(&plan);
            }
            Ok(true)
        }
        Command::Template { unit, all, year, output } => {
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
                let bytes = template::template(&plan, unit, year)?;
                let path = if all { output.join(template_name(unit, year)) } else { output.clone() };
                write_file(&path, &bytes)?;
                written.push(path.display().to_string());
            }
            if cli.json {
                say!("{}", serde_json::json!({ "year": year, "files": written }));
            } else {
                for p in &written {
                    say!("已生成 {p}");
                }
            }
            Ok(true)
        }
        Command::Validate { files, annotate } => {
            let (results, skipped) = check_inputs(&plan, &files, &limits)?;
            if let Some(dir) = &annotate {
                annotate_all(&plan, &results, dir, cli.json)?;
            }
            let all_ok = results.iter().all(Checked::ok);
            if cli.json {
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
            Ok(all_ok)
        }
        Command::Merge { inputs, year, output } => {
            if !plan.has_year(i64::from(year)) {
                bail!("汇总年度 {year} 不在本计划的年度范围内（{}–{}）。", plan.first_year, plan.last_year);
            }
            let merge = merge_inputs(&plan, &inputs, year, &limits)?;
            let bytes = summary::write_summary(&plan, &merge)?;
            write_file(&output, &bytes)?;
            let all_ok = merge.summary.rejected.is_empty();
            if cli.json {
                say!("{}", serde_json::to_string_pretty(&merge.summary)?);
            } else {
                print_merge(&plan, &merge, &output);
                print_skipped(&merge.summary.skipped);
            }
            Ok(all_ok)
        }
        Command::Report { inputs, year, output } => {
            if !plan.has_year(i64::from(year)) {
                bail!("报告年度 {year} 不在本计划的年度范围内（{}–{}）。", plan.first_year, plan.last_year);
            }
            let merge = merge_inputs(&plan, &inputs, year, &limits)?;
            // Exit code of the files given (as merge), before a summary may stand in for them.
            let all_ok = merge.summary.rejected.is_empty();
            // No unit file of the year: a summary of the year among the inputs stands in.
            let mut own = Vec::new();
            if merge.summary.accepted.is_empty() {
                for path in &merge.summary.summaries {
                    own.push((path.clone(), read_summary_file(Path::new(path))?));
                }
            }
            let own: Vec<(&str, &[u8])> = own.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
            let merge = xlsx_tool::report::summary_fallback(merge, &own)?;
            let bytes = xlsx_tool::report::write_report(&plan, &merge)?;
            write_file(&output, &bytes)?;
            let s = &merge.summary;
            if cli.json {
                let mut json = serde_json::to_value(s)?;
                json["output"] = serde_json::json!(output.display().to_string());
                say!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                let received = merge.units.iter().filter(|u| u.state == jz_core::merge::UnitState::Received).count();
                say!(
                    "已生成 {year} 年度工作报告 {}（应报送 {} 个单位，已报送 {received} 个，未报送或退回 {} 个）。",
                    output.display(),
                    merge.units.len(),
                    s.missing_units.len()
                );
                print_skipped(&s.skipped);
            }
            Ok(all_ok)
        }
        Command::Read { file } => {
            let summary = summary::read_summary(&read_summary_file(&file)?)?;
            if cli.json {
                say!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                say!(
                    "{} 年度汇总表：已汇总 {} 个文件，退回 {} 个，未报送或退回的单位 {} 个。",
                    summary.year,
                    summary.accepted.len(),
                    summary.rejected.len(),
                    summary.missing_units.len()
                );
                print_indicators(&plan, &summary.indicators);
            }
            Ok(true)
        }
        Command::Sample { year, years, seed, output } => {
            let (first, year) = match years.as_deref() {
                Some(text) => sample_years_arg(&plan, text)?,
                None => (None, year.unwrap_or(plan.last_year)),
            };
            std::fs::create_dir_all(&output).with_context(|| format!("无法创建目录 {}", output.display()))?;
            let files = match first {
                Some(first) => sample::sample_years(&plan, first, year, seed)?,
                None => sample::sample_set(&plan, year, seed)?,
            };
            for (name, bytes) in &files {
                write_file(&output.join(name), bytes)?;
            }
            if cli.json {
                let names: Vec<_> = files.iter().map(|(n, _)| output.join(n).display().to_string()).collect();
                say!("{}", serde_json::json!({ "year": year, "files": names }));
            } else {
                let years = first.map_or_else(|| year.to_string(), |f| format!("{f}–{year}"));
                say!("已在 {} 生成 {} 个示例填报表（{years} 年度）。", output.display(), files.len());
            }
            Ok(true)
        }
    }
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

/// Reads every merge input (directories expanded) on all cores and feeds it to one
/// streaming [`Merger`]: unit files, earlier summaries; an entry that cannot be read
/// becomes a rejected file, a summary whose data cannot be read a skipped one. Shared by
/// `merge` and `report`.
fn merge_inputs(plan: &Plan, inputs: &[PathBuf], year: u16, limits: &Limits) -> Result<jz_core::Merge> {
    let Scan { entries: paths, mut skipped } = expand_inputs(inputs);
    let mut merger = Merger::new(plan, year, limits);
    let reader = merger.reader();
    each_file(
        &paths,
        limits,
        |name, bytes| {
            Ok(match bytes {
                Ok(bytes) => reader.read(name, &bytes),
                Err(d) => Input::Report(Box::new(unreadable_submission(name, d))),
            })
        },
        |_, input| match input {
            Input::Unreadable(s) => skipped.push(s),
            input => {
                merger.push(input);
            }
        },
    )?;
    let mut merge = merger.finish();
    skipped.sort();
    merge.summary.skipped = skipped;
    Ok(merge)
}

/// Reads every entry (within `limits`) and runs `work` on its bytes, or on the
/// diagnostic saying why it cannot be read, on all cores (one file in memory per core),
/// handing each result with its index in `paths` to `sink` on this thread as it
/// arrives, with a progress bar.
/// Stops at the first `Err` of `work`.
fn each_file<T: Send>(
    paths: &[Entry],
    limits: &Limits,
    work: impl Fn(&str, Result<Vec<u8>, Diagnostic>) -> Result<T> + Sync,
    mut sink: impl FnMut(usize, T),
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
    let mut progress = Progress::new(paths.len());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<T>)>(workers * 2);
        for _ in 0..workers {
            let (tx, next, work) = (tx.clone(), &next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let result = work(&path.path.display().to_string(), path.read(limits));
                    let failed = result.is_err();
                    if tx.send((i, result)).is_err() || failed {
                        next.store(paths.len(), Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            progress.step(&paths[i].path);
            match result {
                Ok(value) => sink(i, value),
                Err(e) => {
                    next.store(paths.len(), Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })?;
    progress.done();
    Ok(())
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

/// `孟州市_2025年度填报表.xlsx`.
fn template_name(unit: &str, year: u16) -> String {
    format!("{unit}_{year}年度填报表.xlsx")
}

/// Files as given, directories expanded (recursively, sorted) to the spreadsheets inside;
/// every other file found is listed as skipped with its reason (`xlsx_tool::inputs`).
fn expand_inputs(inputs: &[PathBuf]) -> Scan {
    scan(inputs)
}

/// A city summary's bytes, within the summary's own size limit.
fn read_summary_file(path: &Path) -> Result<Vec<u8>> {
    read_regular_file(path, Limits::summary().max_file_bytes).map_err(|e| {
        anyhow::anyhow!("{}", e.diagnostic(|| xlsx_tool::limits::file_too_large(&Limits::summary())).message)
    })
}

/// Lists the files of the scanned folders that were not read, with the reason.
fn print_skipped(skipped: &[Skipped]) {
    if !skipped.is_empty() {
        say!("以下 {} 个文件未读取：", skipped.len());
        for s in skipped {
            say!("  {}：{}", s.path, s.reason);
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("无法写入文件 {}", path.display()))
}

fn annotate_all(plan: &Plan, results: &[Checked], dir: &Path, quiet: bool) -> Result<()> {
    for c in results.iter().filter(|c| !c.diagnostics.is_empty()) {
        let (Some(unit), Some(year)) = (c.report.unit.as_deref(), c.report.year) else {
            if !quiet {
                eprintln!("无法为 {} 生成标注副本：读不出填报单位或年度。", c.path);
            }
            continue;
        };
        let bytes = template::filled(plan, &c.report, unit, year, &c.diagnostics)?;
        let stem = Path::new(&c.path).file_stem().and_then(|s| s.to_str()).unwrap_or("填报表");
        let path = dir.join(format!("{stem}_问题标注.xlsx"));
        write_file(&path, &bytes)?;
        if !quiet {
            eprintln!("已生成标注副本 {}", path.display());
        }
    }
    Ok(())
}

fn print_plan(plan: &Plan) {
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

fn print_checked(c: &Checked) {
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

fn print_merge(plan: &Plan, merge: &jz_core::Merge, output: &Path) {
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

fn print_indicators(plan: &Plan, indicators: &[jz_core::merge::IndicatorTotal]) {
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

/// A one-line progress bar on stderr, shown only when stderr is a terminal and there are
/// several files.
struct Progress {
    total: usize,
    done: usize,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress { total, done: 0, on: total > 3 && std::io::stderr().is_terminal() }
    }

    fn step(&mut self, path: &Path) {
        self.done += 1;
        if self.on {
            let width = 30;
            let filled = self.done * width / self.total.max(1);
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r[{}{}] {}/{} {:<40}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.done,
                self.total,
                name.chars().take(40).collect::<String>()
            );
            let _ = err.flush();
        }
    }

    fn done(&self) {
        if self.on {
            eprintln!();
        }
    }
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
