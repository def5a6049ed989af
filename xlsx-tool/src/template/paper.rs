//! The unit workbook on paper (contract §13): whose form it is at the top of every page,
//! and at the bottom the page number and the places to sign and stamp.

use jz_core::Plan;
use rust_xlsxwriter::Worksheet;

use crate::sheet_format::header_text;

/// The words of the signing line in the footer (left and right sections).
pub(crate) const SIGNERS: [&str; 2] = ["填报人：", "单位负责人："];
/// The place of the unit's stamp (right section of the footer).
pub(crate) const STAMP: &str = "（单位盖章）";

/// The page header and footer of a sheet the unit fills in: the unit, the plan's own title,
/// the year and the sheet's name in the header; `填报人：`, `单位负责人：`, the page number and
/// `（单位盖章）` in the footer. Excel limits each to 255 characters: the plan title is
/// cut to 60. The bottom margin is widened so the signatures have room.
pub(super) fn unit_pages(ws: &mut Worksheet, plan: &Plan, unit: &str, year: u16) {
    let unit = header_text(unit, 40);
    let plan_title = header_text(&plan.title, 60);
    ws.set_header(format!("&L填报单位：{unit}&C{plan_title}&R报告年度：{year}  &A"));
    let line = "________________";
    ws.set_footer(format!("&L{}{line}    {}{line}&C第 &P 页 共 &N 页&R{STAMP}        ", SIGNERS[0], SIGNERS[1]));
    ws.set_margins(0.4, 0.4, 0.75, 1.0, 0.3, 0.45);
}
