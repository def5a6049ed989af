//! The evaluation workbook (终期评估表): `指标终期评估` with a chart of each indicator's
//! 完成率 against the target, `举措终期评估`, `单位报送情况`; frozen headers, the verdicts
//! coloured by conditional formats, A4 print setup as every workbook of the project.

use jz_core::Plan;
use jz_core::evaluation::Evaluation;
use jz_core::evaluation::layout::{
    INDICATOR_LEAD, INDICATOR_TAIL, MEASURE_LEAD, MEASURE_TAIL, UNIT_COLUMNS as UNITS, header as labels,
};
use rust_xlsxwriter::{
    Chart, ChartType, Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};

use crate::Error;
use crate::sheet_format::{
    cell_format, chart_fonts, header, header_format, num, print_setup, properties, put_text, row_height, text_lines,
};

pub use jz_core::evaluation::layout::{INDICATOR_SHEET, MEASURE_SHEET, UNIT_COLUMNS, UNIT_SHEET};

/// The hidden sheet holding the chart's 100 % target line.
const CHART_DATA_SHEET: &str = "_图表数据";

/// Fill and font colour of each verdict (green, amber, red, grey).
const COLOURS: [(&str, u32, u32); 5] = [
    ("已完成", 0xC6EFCE, 0x006100),
    ("基本完成", 0xFFEB9C, 0x9C5700),
    ("持续推进", 0xDDEBF7, 0x1F4E79),
    ("未完成", 0xFFC7CE, 0x9C0006),
    ("无数据", 0xEDEDED, 0x595959),
];

struct Styles {
    header: Format,
    text: Format,
    center: Format,
    number: Format,
    percent: Format,
}

/// The evaluation workbook's bytes. Byte-identical for the same evaluation: dated by the
/// latest 填报日期, never the clock.
///
/// # Errors
/// [`Error::Write`] when rust_xlsxwriter fails (memory only).
pub fn write_workbook(plan: &Plan, e: &Evaluation) -> Result<Vec<u8>, Error> {
    let cell = cell_format();
    let st = Styles {
        header: header_format(),
        center: cell.clone().set_align(FormatAlign::Center),
        number: cell.clone().set_align(FormatAlign::Right),
        percent: cell.clone().set_align(FormatAlign::Right).set_num_format("0.0%"),
        text: cell,
    };
    let mut wb = Workbook::new();
    let end = e.years.last().copied().unwrap_or(plan.last_year);
    let (y, m, d) = e
        .latest_date
        .and_then(|d| Some((u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)))
        .unwrap_or((end.saturating_add(1), 1, 1));
    let kind = if e.interim { "中期评估表" } else { "终期评估表" };
    wb.set_properties(&properties(&format!("{}{kind}", e.plan), y, m, d)?);

    let ws = wb.add_worksheet();
    ws.set_name(INDICATOR_SHEET)?;
    indicators(ws, e, &st)?;
    ws.set_active(true);
    let ws = wb.add_worksheet();
    ws.set_name(MEASURE_SHEET)?;
    measures(ws, plan, e, &st)?;
    let ws = wb.add_worksheet();
    ws.set_name(UNIT_SHEET)?;
    units(ws, e, &st)?;
    let ws = wb.add_worksheet();
    ws.set_name(CHART_DATA_SHEET)?;
    ws.write_string(0, 0, "目标（100%）")?;
    for i in 0..e.indicators.len() {
        ws.write_number(1 + i as u32, 0, 1.0)?;
    }
    ws.set_hidden(true);
    Ok(wb.save_to_buffer()?)
}

/// Colours the verdict cells of rows `1..=last` in `col`.
fn colour_verdicts(ws: &mut Worksheet, last: u32, col: u16) -> Result<(), XlsxError> {
    if last == 0 {
        return Ok(());
    }
    for (label, fill, font) in COLOURS {
        let fmt = Format::new().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font));
        let rule = ConditionalFormatCell::new().set_rule(ConditionalFormatCellRule::EqualTo(label)).set_format(fmt);
        ws.add_conditional_format(1, col, last, col, &rule)?;
    }
    Ok(())
}

fn indicators(ws: &mut Worksheet, e: &Evaluation, st: &Styles) -> Result<(), XlsxError> {
    let head = labels(&INDICATOR_LEAD, &e.years, &INDICATOR_TAIL);
    let mut widths = vec![8.0, 30.0, 8.0, 8.0, 8.0, 8.0];
    widths.extend(e.years.iter().map(|_| 9.0));
    widths.extend([9.0, 9.0, 10.0]);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    header(ws, 0, &head, &widths, &st.header)?;
    let first_year_col = INDICATOR_LEAD.len() as u16;
    let final_col = first_year_col + e.years.len() as u16;
    for (i, ind) in e.indicators.iter().enumerate() {
        let row = 1 + i as u32;
        put_text(ws, row, 0, &ind.id, &st.center)?;
        put_text(ws, row, 1, &ind.name, &st.text)?;
        put_text(ws, row, 2, &ind.attribute, &st.center)?;
        put_text(ws, row, 3, &ind.unit, &st.center)?;
        num(ws, row, 4, ind.baseline, &st.number)?;
        ws.write_number_with_format(row, 5, ind.target, &st.number)?;
        for (k, y) in e.years.iter().enumerate() {
            let v = ind.values.get(&y.to_string()).copied().flatten();
            num(ws, row, first_year_col + k as u16, v, &st.number)?;
        }
        num(ws, row, final_col, ind.final_value, &st.number)?;
        num(ws, row, final_col + 1, ind.rate, &st.percent)?;
        put_text(ws, row, final_col + 2, ind.verdict.label(), &st.center)?;
        ws.set_row_height(row, row_height(text_lines(&ind.name, 30.0)))?;
    }
    let n = e.indicators.len() as u32;
    colour_verdicts(ws, n, final_col + 2)?;
    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_name("期末完成率").set_categories((INDICATOR_SHEET, 1, 0, n, 0)).set_values((
            INDICATOR_SHEET,
            1,
            final_col + 1,
            n,
            final_col + 1,
        ));
        let mut line = Chart::new(ChartType::Line);
        line.add_series().set_name("目标（100%）").set_categories((INDICATOR_SHEET, 1, 0, n, 0)).set_values((
            CHART_DATA_SHEET,
            1,
            0,
            n,
            0,
        ));
        chart.combine(&line);
        chart.title().set_name("各指标期末完成率（期末值 ÷ 目标值）与目标");
        chart.y_axis().set_num_format("0%");
        chart.set_width(960).set_height(360);
        chart_fonts(&mut chart);
        ws.insert_chart(n + 2, 0, &chart)?;
    }
    let last_row = if n > 0 { n + 2 + 18 } else { 0 };
    ws.set_freeze_panes(1, 2)?;
    print_setup(ws, (0, 0), last_row, &widths)
}

fn measures(ws: &mut Worksheet, plan: &Plan, e: &Evaluation, st: &Styles) -> Result<(), XlsxError> {
    let head = labels(&MEASURE_LEAD, &e.years, &MEASURE_TAIL);
    let mut widths = vec![9.0, 40.0, 12.0, 6.0];
    widths.extend(e.years.iter().map(|_| 9.0));
    widths.extend([9.0, 10.0]);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    header(ws, 0, &head, &widths, &st.header)?;
    let first_year_col = MEASURE_LEAD.len() as u16;
    let final_col = first_year_col + e.years.len() as u16;
    for (i, m) in e.measures.iter().enumerate() {
        let row = 1 + i as u32;
        let text = plan.measure(&m.id).map_or("", |r| r.measure.text.as_str());
        put_text(ws, row, 0, &m.id, &st.center)?;
        put_text(ws, row, 1, text, &st.text)?;
        put_text(ws, row, 2, &m.unit, &st.center)?;
        put_text(ws, row, 3, &m.role, &st.center)?;
        for (k, y) in e.years.iter().enumerate() {
            let s = m.statuses.get(&y.to_string()).map_or("", String::as_str);
            put_text(ws, row, first_year_col + k as u16, s, &st.center)?;
        }
        put_text(ws, row, final_col, &m.final_status, &st.center)?;
        put_text(ws, row, final_col + 1, m.verdict.label(), &st.center)?;
        ws.set_row_height(row, row_height(text_lines(text, 40.0).min(6)))?;
    }
    let n = e.measures.len() as u32;
    colour_verdicts(ws, n, final_col + 1)?;
    ws.set_freeze_panes(1, 3)?;
    print_setup(ws, (0, 0), n, &widths)
}

fn units(ws: &mut Worksheet, e: &Evaluation, st: &Styles) -> Result<(), XlsxError> {
    let widths = [14.0, 10.0, 8.0, 8.0, 8.0, 8.0, 8.0];
    header(ws, 0, &UNITS, &widths, &st.header)?;
    for (i, u) in e.units.iter().enumerate() {
        let row = 1 + i as u32;
        put_text(ws, row, 0, &u.unit, &st.text)?;
        for (k, v) in [u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing].into_iter().enumerate() {
            ws.write_number_with_format(row, 1 + k as u16, f64::from(v), &st.number)?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, (0, 0), e.units.len() as u32, &widths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jz_core::evaluation::{MeasureVerdict, Verdict};

    #[test]
    fn every_verdict_has_a_colour() {
        let labels = Verdict::ALL.iter().map(|v| v.label()).chain(MeasureVerdict::ALL.iter().map(|v| v.label()));
        for l in labels {
            assert!(COLOURS.iter().any(|(c, _, _)| *c == l), "{l}");
        }
    }
}
