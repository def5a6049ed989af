//! The `填写说明` sheet: what to fill in, how, and by when, for this unit and year.

use jz_core::{Indicator, MAX_PROGRESS_CHARS, Plan};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{Styles, protection};
use crate::sheet_format::{print_setup, row_height, text_lines};

/// The plan's deadline as `M月D日` ([`Plan::report_deadline`]).
pub(super) fn deadline_text(plan: &Plan) -> String {
    plan.report_deadline().chinese()
}

/// What a unit fills in for an indicator of this kind.
pub(super) fn kind_help(kind: jz_core::IndicatorKind) -> &'static str {
    match kind {
        jz_core::IndicatorKind::Flow => "填本年度新增的数量（不是历年累计数）",
        jz_core::IndicatorKind::Stock => "填本年度12月31日的总量（年末存量）",
        jz_core::IndicatorKind::Annual => "填本年度当年的数值",
    }
}

pub(super) fn write_help(ws: &mut Worksheet, plan: &Plan, unit: &str, year: u16, st: &Styles) -> Result<(), XlsxError> {
    // Portrait A4 at 100 % (sheet_format::layout).
    const WIDTH: f64 = 88.0;
    ws.set_column_width(0, WIDTH)?;
    let next = u32::from(year) + 1;
    let deadline = deadline_text(plan);
    let indicators: Vec<&Indicator> = plan.indicators_of(unit).collect();

    enum Line {
        Title(String),
        Heading(String),
        Text(String),
    }
    use Line::{Heading, Text, Title};
    let mut numerals = ["一", "二", "三", "四", "五", "六", "七", "八"].into_iter();
    let mut heading = |title: &str| Heading(format!("{}、{title}", numerals.next().unwrap_or("")));
    let mut lines = vec![
        Title(format!("{year}年度填报说明（{unit}）")),
        Text(format!("本表用于{unit}填报{year}年度《{}》的任务落实情况和量化指标完成情况。", plan.title)),
        heading("要填写哪些内容"),
        Text("“任务填报”表：第2行填写联系人、联系电话、填报日期；下面每一行是本单位负责的一条落实举措，请在浅黄色底纹的单元格中填写“完成状态”“进展情况”“存在问题”“下一步计划”“佐证材料”。白色单元格（序号、任务内容、落实举措、责任单位）已经填好，不能修改。".into()),
        Text(if indicators.is_empty() {
            "“指标填报”表：本单位没有需要填报的量化指标，该表不用填写。".into()
        } else {
            "“指标填报”表：每一行是本单位负责填报的一项量化指标，请在“本年度完成值”一栏填写数字，需要说明口径或数据来源的，写在“说明”一栏。".into()
        }),
        heading("完成状态怎么选（从下拉列表选择，只能是以下四种之一）"),
        Text("未启动：本年度这项工作还没有开始。".into()),
        Text("推进中：已经开始，但还没有完成。".into()),
        Text("已完成：这项工作已经全部完成，以后不需要再安排。".into()),
        Text("持续推进：属于长期性、经常性的工作，本年度已按计划开展，以后还要继续做。".into()),
        heading("各栏的填写要求"),
        Text("完成状态：每一行都必须选择。".into()),
        Text(format!("进展情况：除“未启动”外必须填写，写明本年度采取了哪些措施、取得了什么成效，尽量用数据说明，不超过{MAX_PROGRESS_CHARS}字。")),
        Text("存在问题：如实填写工作中遇到的困难和问题；没有的可以填“无”。".into()),
        Text("下一步计划：除“已完成”外都应当填写下一步的工作安排（不填会收到提醒）。".into()),
        Text("佐证材料：列出能证明工作成效的文件、报道、证书等的名称。".into()),
        Text(format!("联系人、联系电话、填报日期：必须填写。联系电话座机请带区号（如 {}），也可以填手机号；填报日期按“年-月-日”填写，如 2026-01-20。", plan.phone_example())),
    ];
    if !indicators.is_empty() {
        lines.push(heading("本年度完成值怎么填"));
        lines.push(Text("只填数字，不要填写单位、文字或公式：例如填 12，不要填“12件”。".into()));
        lines.push(Text(
            "不填（留空）表示本年度没有统计或不报送这项数据；确实没有发生的请填 0。留空和填 0 的意思不一样。".into(),
        ));
        lines.push(Text(
            "计量单位是“件、个、家、所、次”的只能填整数；计量单位是“亿元”“件/万人”“%”的可以填小数。".into(),
        ));
        lines.push(Text("金额一律按“亿元”填写，万元要换算成亿元：2000万元填 0.2，1.5亿元填 1.5。".into()));
        lines.push(Text("统计口径：“累计新增”类指标填本年度新增的数量（不是历年累计数）；“年末存量”类指标填本年度12月31日的总量；“当年数值”类指标填本年度当年的数值。".into()));
        lines.push(Text("本单位要填报的指标：".into()));
        for ind in &indicators {
            let mut text =
                format!("{} {}（{}，{}）：{}", ind.id, ind.name, ind.unit, ind.kind.label(), kind_help(ind.kind));
            if !ind.description.trim().is_empty() {
                text.push('。');
                text.push_str(ind.description.trim());
            }
            lines.push(Text(text));
        }
    }
    lines.push(heading("注意事项"));
    lines.push(Text(
        "请不要修改工作表的名称和列标题，不要插入、删除行或列，不要修改隐藏的工作表，否则系统可能无法识别本表。".into(),
    ));
    lines.push(Text(
        "如需更正已报送的内容，请重新报送完整的表格，并更新填报日期，系统以填报日期较晚的一份为准。".into(),
    ));
    lines.push(heading("报送时间和方式"));
    let office = plan.collector_full_name();
    lines.push(Text(format!(
        "请于{next}年{deadline}前，将填好的本表（保持 Excel 文件格式，不要转成 PDF 或图片）报送{office}。逾期未报送的单位，在全市汇总表中列为“未报送”。"
    )));
    if !plan.notes.is_empty() {
        lines.push(heading("关于本计划的说明"));
        for note in &plan.notes {
            lines.push(Text(note.clone()));
        }
    }

    for (row, line) in lines.iter().enumerate() {
        let row = row as u32;
        match line {
            Title(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_title)?;
                ws.set_row_height(row, 28)?;
            }
            Heading(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_heading)?;
                ws.set_row_height(row, 22)?;
            }
            Text(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_text)?;
                ws.set_row_height(row, row_height(text_lines(t, WIDTH)))?;
            }
        }
    }
    print_setup(ws, (0, 0), lines.len().saturating_sub(1) as u32, &[WIDTH])?;
    ws.protect_with_options(&protection());
    Ok(())
}
