//! The layout of the city summary workbook (汇总表, contract §7) that its writer
//! (`xlsx-tool`) and its reader (`jz-read`) share: sheet names, header labels, the remarks
//! that mark rows not counted, and the status columns.

use crate::merge::NOT_SUBMITTED;
use crate::report::Status;

/// Sheet names of the summary, in order.
pub mod names {
    /// Per task overview.
    pub const OVERVIEW: &str = "汇总总览";
    /// One row per measure × unit.
    pub const DETAIL: &str = "任务明细";
    /// Per indicator.
    pub const INDICATORS: &str = "指标汇总";
    /// Per unit and file.
    pub const UNITS: &str = "报送情况";
    /// What resubmissions changed.
    pub const CHANGES: &str = "变更记录";
    /// Every diagnostic.
    pub const ISSUES: &str = "校验问题";
    /// The multi-year view.
    pub const TREND: &str = "年度趋势";
}

/// 任务明细 header.
pub const DETAIL_COLUMNS: [&str; 11] = [
    "序号",
    "任务内容",
    "落实举措",
    "责任单位",
    "完成状态",
    "进展情况",
    "存在问题",
    "下一步计划",
    "佐证材料",
    "来源文件",
    "备注",
];
/// 报送情况 header.
pub const UNIT_COLUMNS: [&str; 9] =
    ["单位", "状态", "文件名", "联系人", "联系电话", "填报日期", "错误数", "提醒数", "备注"];
/// 校验问题 header.
pub const ISSUE_COLUMNS: [&str; 7] = ["文件名", "单位", "严重程度", "代码", "工作表", "单元格", "说明"];

/// 备注 of a detail row the unit wrote for a measure not assigned to it.
pub const NOT_ASSIGNED_REMARK: &str = "非本单位责任举措，未计入统计";
/// 备注 of the placeholder row of a measure no unit is expected to report.
pub const NO_UNITS_REMARK: &str = "该举措没有应报单位";
/// 备注 of a 任务明细 row for a unit with a role (`牵头` → `牵头单位`), where the plan names
/// lead and supporting units.
pub fn role_remark(role: &str) -> String {
    if role.is_empty() { String::new() } else { format!("{role}单位") }
}

/// 备注 of a 任务明细 row past its 完成时限 and not 已完成.
pub fn overdue_remark(due: &str) -> String {
    format!("{}（完成时限：{due}）", crate::merge::follow_up::category::OVERDUE)
}

/// Status columns of 汇总总览 and the keys of `status_counts`: the four statuses, then 未报送.
pub fn status_keys() -> [&'static str; 5] {
    let [a, b, c, d] = Status::ALL.map(Status::label);
    [a, b, c, d, NOT_SUBMITTED]
}
