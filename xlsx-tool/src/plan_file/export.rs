//! Writing the plan as a workbook for people (`xlsx-tool plan export`, contract §9).
//!
//! Everything the plan's hash covers is in the workbook, so export → load gives the same
//! plan: the visible sheets carry every value a person edits (indicator 来源 and 备注
//! in two columns after the contract's eight); the hidden `_meta` sheet carries only what
//! nobody edits by hand — each task's 责任单位 text as the annex words it and the
//! built-in plan's assumption, both kept only while the task's title and 责任单位 are
//! unchanged.

use jz_core::{IndicatorKind, Plan};
use rust_xlsxwriter::{Color, DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::Error;
use crate::sheet_format::{
    self, HEADER_FILL, clip, header_format, print_setup, properties, put_text, row_height, text_lines,
};
use jz_read::plan_file::{
    AGGREGATION_LABELS, GROUP_COLUMNS, GROUP_SHEET, HELP_SHEET, INDICATOR_COLUMNS, INDICATOR_SHEET, INFO_LABELS,
    INFO_SHEET, NOTE_SHEET, PLAN_FORMAT, TASK_COLUMNS, TASK_SHEET, UNIT_COLUMNS, UNIT_GROUPS, UNIT_SHEET, YES_NO,
    aggregation_label, kind_label,
};

/// Shading of input cells (as in the unit template).
const INPUT_FILL: u32 = 0xFFF2CC;
/// Rows below the data that keep the input shading and the dropdowns, for additions.
const SPARE_ROWS: u32 = 30;
/// Dropdowns cover the data rows down to this row (rows inserted inside keep them).
const VALIDATION_ROWS: u32 = 2000;

const TASK_WIDTHS: [f64; 9] = [20.0, 8.0, 24.0, 8.0, 60.0, 30.0, 20.0, 20.0, 14.0];
const UNIT_WIDTHS: [f64; 3] = [16.0, 10.0, 50.0];
const GROUP_WIDTHS: [f64; 2] = [18.0, 80.0];
/// Narrow enough for A4 landscape one page wide at 94 % (contract §13).
const INDICATOR_WIDTHS: [f64; 13] = [6.0, 22.0, 8.0, 7.0, 9.0, 10.0, 14.0, 30.0, 20.0, 26.0, 8.0, 8.0, 8.0];
/// The width of the one-column sheets (notes, help): portrait A4 at 100 %.
const TEXT_WIDTH: f64 = 88.0;

/// The plan workbook's bytes; empty only if the workbook cannot be built (a text longer
/// than a cell may hold), which [`try_export_plan`] reports.
pub fn export_plan(plan: &Plan) -> Vec<u8> {
    try_export_plan(plan).unwrap_or_default()
}

struct Styles {
    header: Format,
    input: Format,
    help_title: Format,
    help_heading: Format,
    help_text: Format,
}

/// The plan workbook's bytes (deterministic: the document date is the plan's first year).
///
/// # Errors
/// [`Error::Write`] if the workbook cannot be built.
pub fn try_export_plan(plan: &Plan) -> Result<Vec<u8>, Error> {
    let input = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(INPUT_FILL));
    let st = Styles {
        header: header_format(),
        input: input.clone(),
        help_title: Format::new().set_bold().set_font_size(16).set_text_wrap(),
        help_heading: Format::new().set_bold().set_font_size(12).set_background_color(Color::RGB(HEADER_FILL)),
        help_text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    };
    let text_input = input.set_num_format("@");
    let mut wb = Workbook::new();
    wb.set_properties(&properties(&format!("{}（计划表）", plan.title), plan.first_year, 1, 1)?);

    let ws = wb.add_worksheet().set_name(INFO_SHEET)?;
    header(ws, &["项目", "内容"], &[16.0, 70.0], &st)?;
    let info = [
        plan.id.clone(),
        plan.title.clone(),
        plan.first_year.to_string(),
        plan.last_year.to_string(),
        plan.deadline.map(|d| d.to_string()).unwrap_or_default(),
        plan.region.clone(),
        plan.collector.clone(),
        plan.addressee.clone(),
        plan.report_title.clone(),
        YES_NO[usize::from(!plan.supporting_report)].to_string(),
    ];
    for (i, (label, value)) in INFO_LABELS.iter().zip(info).enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, *label, &st.header)?;
        if (2..4).contains(&i) {
            ws.write_number_with_format(r, 1, value.parse::<f64>().unwrap_or_default(), &st.input)?;
        } else {
            ws.write_string_with_format(r, 1, &value, &text_input)?;
        }
        ws.set_row_height(r, row_height(text_lines(&value, 70.0)))?;
    }
    print_setup(ws, (0, 0), INFO_LABELS.len() as u32, &[16.0, 70.0])?;
    ws.set_active(true);

    let ws = wb.add_worksheet().set_name(TASK_SHEET)?;
    header(ws, &TASK_COLUMNS, &TASK_WIDTHS, &st)?;
    let mut r = 1;
    for task in &plan.tasks {
        let section = plan.sections.iter().find(|s| s.number == task.section).map_or("", |s| s.title.as_str());
        // A row's unit cells are written where they differ from the row above (a blank row
        // reads as the row above): 责任单位, 牵头单位, 配合单位 together, 完成时限 alone.
        let mut above: Option<[String; 3]> = None;
        let mut due_above = "";
        for (k, m) in task.measures.iter().enumerate() {
            let first = k == 0;
            let own = !(m.responsible.is_empty() && m.lead.is_empty() && m.support.is_empty());
            let responsible = if own { &m.responsible } else { &task.responsible };
            let units = [responsible.join("、"), m.lead.join("、"), m.support.join("、")];
            let write_units = first || above.as_ref() != Some(&units);
            let due = if first || m.due != due_above { m.due.as_str() } else { "" };
            due_above = m.due.as_str();
            let blank = String::new();
            let shown = if write_units { &units } else { &[blank.clone(), blank.clone(), blank] };
            let cells = [
                if first { section } else { "" },
                "",
                if first { task.title.as_str() } else { "" },
                m.id.as_str(),
                m.text.as_str(),
                shown[0].as_str(),
                shown[1].as_str(),
                shown[2].as_str(),
                due,
            ];
            above = Some(units.clone());
            for (c, text) in cells.iter().enumerate() {
                cell_text(ws, r, c as u16, text, &text_input)?;
            }
            if first {
                ws.write_number_with_format(r, 1, f64::from(task.number), &st.input)?;
            }
            let lines = cells.iter().zip(TASK_WIDTHS).map(|(t, w)| text_lines(t, w)).max().unwrap_or(1);
            ws.set_row_height(r, row_height(lines))?;
            r += 1;
        }
    }
    spare(ws, r, TASK_COLUMNS.len(), &text_input)?;
    print_setup(ws, (0, 0), r - 1, &TASK_WIDTHS)?;

    let ws = wb.add_worksheet().set_name(UNIT_SHEET)?;
    header(ws, &UNIT_COLUMNS, &UNIT_WIDTHS, &st)?;
    for (i, u) in plan.units.iter().enumerate() {
        let r = i as u32 + 1;
        cell_text(ws, r, 0, &u.name, &text_input)?;
        cell_text(ws, r, 1, &u.group, &text_input)?;
        let aliases = u.aliases.join("、");
        cell_text(ws, r, 2, &aliases, &text_input)?;
        ws.set_row_height(r, row_height(text_lines(&aliases, UNIT_WIDTHS[2])))?;
    }
    spare(ws, plan.units.len() as u32 + 1, UNIT_COLUMNS.len(), &text_input)?;
    print_setup(ws, (0, 0), plan.units.len() as u32, &UNIT_WIDTHS)?;
    let mut groups: Vec<&str> = Vec::new();
    for u in &plan.units {
        if !groups.contains(&u.group.as_str()) {
            groups.push(&u.group);
        }
    }
    if groups.is_empty() {
        groups = UNIT_GROUPS.to_vec();
    }
    // 分组 is free text (contract §11): the list only suggests, other words are allowed.
    let dv = DataValidation::new()
        .allow_list_strings(&groups)?
        .set_input_title("分组")?
        .set_input_message("从下拉列表选择单位所属的分组，或直接写分组名称（如“各县（市、区）”“市直有关单位”）。单位在各表中按分组首次出现的顺序排列。")?
        .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information)
        .set_error_title("分组")?
        .set_error_message("这不是下拉列表中的分组。如确是新的分组名称，请点“确定”保留。")?;
    ws.add_data_validation(1, 1, VALIDATION_ROWS, 1, &dv)?;

    let ws = wb.add_worksheet().set_name(GROUP_SHEET)?;
    header(ws, &GROUP_COLUMNS, &GROUP_WIDTHS, &st)?;
    for (i, g) in plan.groups.iter().enumerate() {
        let r = i as u32 + 1;
        cell_text(ws, r, 0, &g.name, &text_input)?;
        let members = g.members.join("、");
        cell_text(ws, r, 1, &members, &text_input)?;
        ws.set_row_height(r, row_height(text_lines(&members, GROUP_WIDTHS[1])))?;
    }
    spare(ws, plan.groups.len() as u32 + 1, GROUP_COLUMNS.len(), &text_input)?;
    print_setup(ws, (0, 0), plan.groups.len() as u32, &GROUP_WIDTHS)?;

    let ws = wb.add_worksheet().set_name(INDICATOR_SHEET)?;
    header(ws, &INDICATOR_COLUMNS, &INDICATOR_WIDTHS, &st)?;
    for (i, ind) in plan.indicators.iter().enumerate() {
        let r = i as u32 + 1;
        let reporters = ind.reporters.join("、");
        let cells = [
            ind.id.as_str(),
            ind.name.as_str(),
            "",
            ind.unit.as_str(),
            // What the Word document left open stays blank (or as it was written) for the office.
            if ind.to_fill.kind { "" } else { kind_label(ind.kind) },
            aggregation_label(ind.aggregation),
            reporters.as_str(),
            ind.description.as_str(),
            ind.source.as_str(),
            ind.note.as_deref().unwrap_or(""),
            "",
            "",
            ind.attribute.as_str(),
        ];
        for (c, text) in cells.iter().enumerate() {
            cell_text(ws, r, c as u16, text, &text_input)?;
        }
        if ind.to_fill.target.is_empty() {
            ws.write_number_with_format(r, 2, ind.target, &st.input)?;
        } else {
            cell_text(ws, r, 2, &ind.to_fill.target, &text_input)?;
        }
        if let Some(y) = ind.base_year {
            ws.write_number_with_format(r, 10, f64::from(y), &st.input)?;
        }
        if let Some(v) = ind.base_value {
            ws.write_number_with_format(r, 11, v, &st.input)?;
        }
        let lines = cells.iter().zip(INDICATOR_WIDTHS).map(|(t, w)| text_lines(t, w)).max().unwrap_or(1);
        ws.set_row_height(r, row_height(lines))?;
    }
    spare(ws, plan.indicators.len() as u32 + 1, INDICATOR_COLUMNS.len(), &text_input)?;
    print_setup(ws, (0, 0), plan.indicators.len() as u32, &INDICATOR_WIDTHS)?;
    let kinds = [IndicatorKind::Flow, IndicatorKind::Stock, IndicatorKind::Annual].map(kind_label);
    dropdown(
        ws,
        4,
        &kinds,
        "类型",
        "累计新增：每年填当年新增，按各年合计对照目标；年末存量：填年末总量，按最新一年对照目标；当年数值：每年各自对照目标。",
    )?;
    dropdown(
        ws,
        5,
        &AGGREGATION_LABELS,
        "汇总方式",
        "各单位合计：全市值为各填报单位之和；单一单位：由一个单位填报全市值。",
    )?;

    let ws = wb.add_worksheet().set_name(NOTE_SHEET)?;
    header(ws, &[NOTE_SHEET], &[TEXT_WIDTH], &st)?;
    for (i, n) in plan.notes.iter().enumerate() {
        let r = i as u32 + 1;
        cell_text(ws, r, 0, n, &text_input)?;
        ws.set_row_height(r, row_height(text_lines(n, TEXT_WIDTH)))?;
    }
    spare(ws, plan.notes.len() as u32 + 1, 1, &text_input)?;
    print_setup(ws, (0, 0), plan.notes.len() as u32, &[TEXT_WIDTH])?;

    let ws = wb.add_worksheet().set_name(HELP_SHEET)?;
    write_help(ws, plan, &st)?;

    let ws = wb.add_worksheet().set_name(jz_core::sheets::META)?;
    ws.write_string(0, 0, "format")?;
    ws.write_string(0, 1, PLAN_FORMAT)?;
    ws.write_string(1, 0, "format_version")?;
    ws.write_string(1, 1, jz_core::FORMAT_VERSION)?;
    for (i, t) in plan.tasks.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, "task")?;
        ws.write_string(r, 1, &t.title)?;
        ws.write_string(r, 2, t.responsible.join("、"))?;
        ws.write_string(r, 3, &t.responsible_text)?;
        ws.write_string(r, 4, t.assumption.as_deref().unwrap_or(""))?;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(wb.save_to_buffer()?)
}

/// Header row 0 with widths, frozen below it.
fn header(ws: &mut Worksheet, labels: &[&str], widths: &[f64], st: &Styles) -> Result<(), XlsxError> {
    sheet_format::header(ws, 0, labels, widths, &st.header)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Text as a string, never a formula; a shaded blank when empty.
fn cell_text(ws: &mut Worksheet, r: u32, c: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
    put_text(ws, r, c, text, fmt)
}

/// Shaded blank rows below the data, for additions.
fn spare(ws: &mut Worksheet, from: u32, cols: usize, fmt: &Format) -> Result<(), XlsxError> {
    for r in from..from + SPARE_ROWS {
        for c in 0..cols {
            ws.write_blank(r, c as u16, fmt)?;
        }
    }
    Ok(())
}

/// A dropdown on column `col` of the data rows.
fn dropdown(ws: &mut Worksheet, col: u16, values: &[&str], title: &str, help: &str) -> Result<(), XlsxError> {
    let dv = DataValidation::new()
        .allow_list_strings(values)?
        .set_input_title(title)?
        .set_input_message(clip(help, 255))?
        .set_error_title(format!("{title}填写有误"))?
        .set_error_message(clip(&format!("{title}只能是：{}。请从下拉列表中选择。", values.join("、")), 255))?;
    ws.add_data_validation(1, col, VALIDATION_ROWS, col, &dv)?;
    Ok(())
}

/// The `填写说明` sheet.
fn write_help(ws: &mut Worksheet, plan: &Plan, st: &Styles) -> Result<(), XlsxError> {
    const WIDTH: f64 = TEXT_WIDTH;
    ws.set_column_width(0, WIDTH)?;
    let sections: [(&str, &[&str]); 9] = [
        (
            "这张计划表是做什么的",
            &[
                "本表就是本工具使用的“计划”：任务、落实举措、责任单位和量化指标。正式稿或以后年度调整计划时，直接在本表中修改，保存后交给工具使用，不需要找技术人员。",
                "浅黄色的格子都可以修改。请不要改动各工作表第一行的表头，也不要删除或改名工作表（隐藏的 _meta 工作表请保留）。",
                "改完后先检查：xlsx-tool plan diff 旧计划.xlsx 新计划.xlsx，会列出与原计划相比改了哪些地方；网页上选择“使用修订后的计划”也会显示同样的对比。确认无误后再用 --plan 新计划.xlsx 生成填报表、校验和汇总。",
            ],
        ),
        (
            "增加一条举措",
            &[
                "在“任务清单”中该任务最后一条举措的下面插入一行，在“落实举措”栏写举措原文，在“举措编号”栏写“任务编号.序号”，例如任务 4 原有 2 条举措，新增的一条写 4.3（举措编号留空时，工具按顺序自动编号）。",
                "“部分”“任务编号”“任务内容”“责任单位”只需写在每个任务的第一行，下面的行留空即可（合并单元格也可以）。",
                "一条举措有牵头单位和配合单位时，分别写在“牵头单位”“配合单位”列（写法同责任单位）。同一任务内各条举措的单位可以不同；某一行的“责任单位”“牵头单位”“配合单位”都留空，表示与上一行相同。“完成时限”照抄原文，如“2026年底前”“长期坚持”，留空表示与上一行相同。",
            ],
        ),
        (
            "删除一条举措",
            &[
                "在“任务清单”中删除这条举措所在的整行，并把同一任务后面举措的编号依次改小（例如删除 2.2 后，原来的 2.3 改为 2.2）。",
            ],
        ),
        (
            "把一条举措移到另一个任务",
            &[
                "剪切这一行，插入到目标任务最后一条举措的下面，把举措编号改为目标任务的下一个编号（例如移到任务 4、任务 4 原有 2 条，就改为 4.3），再把原任务后面的举措编号依次改小。",
                "如果移动的是某个任务的第一行，请把该任务的“部分”“任务编号”“任务内容”“责任单位”复制到它新的第一行。",
            ],
        ),
        (
            "修改举措文字、任务内容或责任单位",
            &[
                "直接改写对应的格子。责任单位写单位名称或单位组名称（如“各县区”“联席会成员单位”），多个单位之间用顿号“、”隔开，例如：市场监管局、各县区。名称必须是“责任单位”表中的单位名称或别名，或“单位组”表中的组名。",
            ],
        ),
        (
            "增加一个单位，或给单位增加别名",
            &[
                "在“责任单位”表最后一行的下面写单位名称（各处统一使用的简称，如“科技局”），在“分组”中选择“市直”或“各县区”，在“别名”中写这个单位的其他写法（如“市科学技术局、{地区}科学技术局”），多个别名用顿号隔开。单位交来的填报表中写的是别名也能认出。",
                "然后在“任务清单”的责任单位或“量化指标”的填报单位中写上这个单位，它才会收到相应的举措或指标。",
            ],
        ),
        (
            "给单位组增加成员",
            &[
                "在“单位组”表中找到该组（如“联席会成员单位”），在“成员”栏末尾加上“、单位名称”。成员必须是“责任单位”表中已有的单位；新单位请先加到“责任单位”表。",
            ],
        ),
        (
            "修改指标的目标值、类型或填报单位",
            &[
                "在“量化指标”表中直接修改“目标值”（只填数字，不带单位，如 30000）、“计量单位”，在“类型”中选择：累计新增（每年填当年新增，按历年合计对照目标）、年末存量（填年末总量，按最新一年对照目标）、当年数值（每年各自对照目标）；在“汇总方式”中选择：各单位合计，或单一单位（由一个单位填报全市数值）。",
                "增加指标：在最后一行下面写新的指标编号（如 I27）和各栏内容。",
            ],
        ),
        (
            "计划信息和说明",
            &[
                "“计划信息”中的计划编号用于区分不同版本的计划，正式稿建议改为新的编号（例如在末尾加“-final”）；起始年度、截止年度写四位年份；报送截止日期写“月-日”，如 01-31 表示次年 1 月 31 日前报送。",
                "“地区”“收报单位”“主送机关”“报告标题”决定填报表、汇总表、催报通知和工作报告中的地名、收报单位、主送机关和标题：地区写如“某某市”；收报单位写“责任单位”表中的单位名称；报告标题中用“{年度}”表示年份。这几行留空时，地区取计划名称开头的地名，收报单位取市场监管局，主送机关取市人民政府。",
                "“配合单位填报”写“是”或“否”（留空为“是”）：写“否”时，举措只列入牵头单位的填报表。",
                "“说明”表每行一条，写计划的假定、与原文不一致之处等，汇总时会显示。",
            ],
        ),
    ];
    // The plan's title can be long: wrapped in the page width (16 pt lines of 22 pt), not
    // running off the printed page.
    let title = format!("计划表填写说明（{}）", plan.title);
    let lines = text_lines(&title, WIDTH * 11.0 / 16.0);
    ws.write_string_with_format(0, 0, &title, &st.help_title)?;
    ws.set_row_height(0, (lines as f64 * 22.0 + 4.0).min(409.0))?;
    let mut r = 2;
    for (heading, lines) in sections {
        ws.write_string_with_format(r, 0, heading, &st.help_heading)?;
        r += 1;
        for line in lines {
            ws.write_string_with_format(r, 0, line.replace("{地区}", &plan.region), &st.help_text)?;
            ws.set_row_height(r, row_height(text_lines(line, WIDTH)))?;
            r += 1;
        }
        r += 1;
    }
    print_setup(ws, (0, 0), r.saturating_sub(2), &[WIDTH])?;
    Ok(())
}
