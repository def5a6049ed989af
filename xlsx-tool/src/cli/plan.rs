//! `xlsx-tool plan` and its actions: show the plan, `diff`, `export`, `import`; and
//! reading a plan file for `--plan`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use jz_core::Plan;

use super::ExitStatus;
use super::args::PlanAction;
use super::print::print_plan;

/// Reads a plan file of any format (`plan_file::load_plan`).
pub(super) fn load_plan_file(path: &Path) -> Result<Plan> {
    let bytes = std::fs::read(path).with_context(|| format!("无法读取计划文件 {}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    xlsx_tool::plan_file::load_plan(&bytes, &name).with_context(|| format!("计划文件 {} 不可用", path.display()))
}

/// Runs `plan` (no action: show the plan) or one of its actions.
pub(super) fn run(plan: &Plan, action: Option<PlanAction>, json: bool) -> Result<ExitStatus> {
    match action {
        Some(PlanAction::Diff { old, new }) => {
            let diff = jz_core::plan_diff::diff(&load_plan_file(&old)?, &load_plan_file(&new)?);
            if json {
                say!("{}", serde_json::to_string_pretty(&diff)?);
            } else {
                for line in &diff.memo {
                    say!("{line}");
                }
            }
        }
        Some(PlanAction::Export { output }) => {
            let bytes = xlsx_tool::plan_file::try_export_plan(plan)?;
            std::fs::write(&output, bytes).with_context(|| format!("无法写入 {}", output.display()))?;
            if !json {
                say!("已导出计划表 {}（计划编号 {}，版本 {}）。", output.display(), plan.id, plan.hash);
            }
        }
        Some(PlanAction::Import { docx, output }) => import(plan, &docx, &output, json)?,
        None => {
            if json {
                say!("{}", plan.to_json());
            } else {
                print_plan(plan);
            }
        }
    }
    Ok(ExitStatus::Done)
}

/// `plan import DOCX -o PLAN.xlsx`: the annex task list of an implementation plan.
fn import(plan: &Plan, docx: &Path, output: &Path, json: bool) -> Result<()> {
    let bytes = std::fs::read(docx).with_context(|| format!("无法读取 {}", docx.display()))?;
    let imported = xlsx_tool::plan_file::import_docx(&bytes, plan)
        .with_context(|| format!("无法从 {} 导入任务清单", docx.display()))?;
    let out = xlsx_tool::plan_file::try_export_plan(&imported.plan)?;
    std::fs::write(output, out).with_context(|| format!("无法写入 {}", output.display()))?;
    let p = &imported.plan;
    if json {
        let json = serde_json::json!({
            "output": output.display().to_string(),
            "plan": p,
            "unmapped": imported.unmapped,
            "new_units": imported.new_units,
            "empty_groups": imported.empty_groups,
            "indicators_from_document": imported.indicators_from_document,
            "open_items": p.open_items(),
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
        if imported.indicators_from_document {
            say!("量化指标取自文档中的指标表（{} 项）；单位别名和说明沿用原计划（{}）。", p.indicators.len(), plan.id);
        } else {
            say!("文档中没有指标表，量化指标、单位别名和说明沿用原计划（{}）。", plan.id);
        }
        if imported.unmapped.is_empty() {
            say!("所有责任单位都已对应到计划中的单位或单位组。");
        } else {
            say!("以下 {} 处未能对应到计划中的单位，请在计划表中核对：", imported.unmapped.len());
            for u in &imported.unmapped {
                say!("  - {}", u.message);
            }
        }
        if !imported.new_units.is_empty() {
            say!("新加入的单位（请在“责任单位”表中核对分组和别名）：{}", imported.new_units.join("、"));
        }
        let open = p.open_items();
        if !open.is_empty() {
            say!(
                "文档没有写明以下 {} 项，请在计划表 {} 中填写后再使用（未填写时计划表不能使用，工具会指出单元格）：",
                open.len(),
                output.display()
            );
            for item in &open {
                say!("  - {item}");
            }
        }
        say!("请用“xlsx-tool plan diff 旧计划 {}”查看与原计划的差别。", output.display());
    }
    Ok(())
}
