//! The 报送情况 sheet: each expected unit with the file that stands for it, then every
//! other file (not accepted, superseded, of another year).

use jz_core::Merge;
use jz_core::merge::{FileOutcome, Outcome, UnitState, file_name};
use rust_xlsxwriter::{ExcelDateTime, Worksheet, XlsxError};

use super::style::Styles;
use super::{UNIT_COLUMNS, UNIT_WIDTHS};
use crate::sheet_format::{header, num, print_setup, put_text};

pub(super) fn write_units(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &UNIT_COLUMNS, &UNIT_WIDTHS, &st.header)?;
    // The file each expected unit's row stands for.
    let mut shown = vec![false; merge.files.len()];
    let mut row = 1u32;
    for u in &merge.units {
        let want = match u.state {
            UnitState::Received => Some(Outcome::Accepted),
            UnitState::Rejected => Some(Outcome::Rejected),
            UnitState::Missing => None,
        };
        let index = want.and_then(|o| {
            merge.files.iter().position(|f| {
                f.outcome == o
                    && Some(&f.submission.path) == u.path.as_ref()
                    && f.submission.report.unit.as_deref() == Some(u.unit.as_str())
            })
        });
        if let Some(i) = index {
            shown[i] = true;
        }
        let remark = match u.state {
            UnitState::Received => "",
            UnitState::Missing => "没有收到该单位的报表",
            UnitState::Rejected => "报表有错误，未汇总，请按“校验问题”表修改后重新报送",
        };
        unit_row(ws, row, &u.unit, u.state.label(), index.map(|i| &merge.files[i]), u.path.as_deref(), remark, st)?;
        row += 1;
    }
    let others: Vec<&FileOutcome> = merge.files.iter().zip(&shown).filter(|(_, s)| !**s).map(|(f, _)| f).collect();
    if !others.is_empty() {
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            UNIT_COLUMNS.len() as u16 - 1,
            "其他文件（未采用、被替代或往年的报表）",
            &st.header,
        )?;
        row += 1;
        for f in others {
            let unit = f.submission.report.unit.as_deref().unwrap_or("（无法识别的单位）");
            let remark = match f.outcome {
                Outcome::Accepted => "已汇总（该单位不在应报单位之列）",
                Outcome::Rejected => "报表有错误，未汇总",
                Outcome::Superseded => "同一单位有填报日期更晚的报表，本份未采用",
                Outcome::Earlier => "往年度的报表，不计入本年度汇总",
            };
            unit_row(ws, row, unit, f.outcome.label(), Some(f), Some(&f.submission.path), remark, st)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, (0, 0), row.saturating_sub(1), &UNIT_WIDTHS)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn unit_row(
    ws: &mut Worksheet,
    row: u32,
    unit: &str,
    state: &str,
    file: Option<&FileOutcome>,
    path: Option<&str>,
    remark: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    put_text(ws, row, 0, unit, &st.text)?;
    put_text(ws, row, 1, state, &st.center)?;
    put_text(ws, row, 2, path.map(file_name).unwrap_or(""), &st.text)?;
    let report = file.map(|f| &f.submission.report);
    put_text(ws, row, 3, report.map_or("", |r| r.contact.as_str()), &st.text)?;
    put_text(ws, row, 4, report.map_or("", |r| r.phone.as_str()), &st.text)?;
    let date = report.and_then(|r| r.date).and_then(|d| {
        ExcelDateTime::from_ymd(u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)
            .ok()
    });
    match date {
        Some(d) => ws.write_datetime_with_format(row, 5, &d, &st.date).map(|_| ())?,
        None => put_text(ws, row, 5, report.map_or("", |r| r.date_text.as_str()), &st.text)?,
    }
    let diags = file.map_or(&[][..], |f| f.submission.diagnostics.as_slice());
    let errors = diags.iter().filter(|d| d.is_error()).count();
    num(ws, row, 6, file.map(|_| errors as f64), &st.number)?;
    num(ws, row, 7, file.map(|_| (diags.len() - errors) as f64), &st.number)?;
    put_text(ws, row, 8, remark, &st.text)?;
    Ok(())
}
