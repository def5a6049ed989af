//! The 指标填报 rules of contract §4: each indicator row's id, whether the unit reports
//! it, and its value (blank, a number as text, another unit, negative, a fraction, an
//! outlier).

use std::collections::HashSet;

use super::{OUTLIER_FACTOR, Validator};
use crate::cell::RawCell;
use crate::cells::indicator_id;
use crate::diagnostic::{Anchor, Code, Field};
use crate::plan::Indicator;
use crate::report::{IndicatorEntry, RawIndicatorRow};
use crate::value::{Value, display, interpret};

impl Validator<'_> {
    pub(super) fn indicators(&mut self, unit: Option<&str>) -> Vec<IndicatorEntry> {
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        for row in &self.raw.indicators {
            if let Some(e) = self.indicator_row(row, unit, &mut seen) {
                entries.push(e);
            }
        }
        entries
    }

    fn indicator_row(
        &mut self,
        row: &RawIndicatorRow,
        unit: Option<&str>,
        seen: &mut HashSet<String>,
    ) -> Option<IndicatorEntry> {
        let id = indicator_id(&row.id.value);
        let anchor = |field| Anchor::Indicator { id: id.clone(), field };
        let Some(ind) = self.plan.indicator(&id) else {
            let msg = if id.is_empty() {
                "这一行没有指标编号。请填写指标编号（如 I02），或删除这一行多余的内容。".to_string()
            } else {
                format!(
                    "指标编号“{id}”不是本计划中的指标。请核对编号（I01–I{:02}），或删除这一行。",
                    self.plan.indicators.len()
                )
            };
            self.push(Code::IndicatorUnknown, &row.id, anchor(Field::Id), msg);
            return None;
        };
        if !seen.insert(id.clone()) {
            let msg = format!("指标 {id} 填报了不止一次。请只保留一行，删除重复的行。");
            self.push(Code::IndicatorDuplicate, &row.id, anchor(Field::Id), msg);
            return None;
        }
        let assigned = unit.is_none_or(|u| ind.reporter_units.iter().any(|x| x == u));
        let value = self.indicator_value(ind, &row.value, anchor(Field::Value));
        if !assigned && !row.value.value.is_blank() {
            let msg = format!(
                "指标 {id}（{}）不由本单位填报（填报单位：{}），该值会保留显示，但不计入全市合计。",
                ind.name,
                ind.reporter_units.join("、")
            );
            self.push(Code::IndicatorNotAssigned, &row.id, anchor(Field::Id), msg);
        }
        Some(IndicatorEntry {
            id,
            value,
            value_text: row.value.value.as_text(),
            remark: row.remark.value.as_text(),
            assigned,
        })
    }

    fn indicator_value(&mut self, ind: &Indicator, cell: &RawCell, anchor: Anchor) -> Option<f64> {
        let (id, unit) = (&ind.id, &ind.unit);
        let written = cell.value.as_text();
        let kind = if ind.is_count() { "整数" } else { "数字" };
        let (code, msg, value) = match interpret(&cell.value, ind) {
            Value::Blank => return None,
            Value::Number(n) => return Some(self.outlier(ind, cell, anchor, n)),
            Value::Coerced(n) => (
                Code::ValueCoerced,
                format!(
                    "指标 {id} 的完成值“{written}”按 {} {unit} 读取。以后请只填数字 {}，不要带单位或文字。",
                    display(n),
                    display(n)
                ),
                Some(n),
            ),
            Value::NotNumber(Some(n)) => (
                Code::ValueNotNumber,
                format!(
                    "指标 {id} 的完成值“{written}”不是数字。请只填写数字（单位：{unit}），如 {}；说明文字请写在“说明”列。",
                    display(n)
                ),
                None,
            ),
            Value::NotNumber(None) => (
                Code::ValueNotNumber,
                format!(
                    "指标 {id} 的完成值“{written}”不是数字。请填写{kind}（单位：{unit}）；没有请填 0，未统计请留空。"
                ),
                None,
            ),
            Value::Negative(n) => (
                Code::ValueNegative,
                format!("指标 {id} 的完成值 {} 是负数。请填写 0 或正数（单位：{unit}）。", display(n)),
                None,
            ),
            Value::NotInteger(n) => (
                Code::ValueNotInteger,
                format!(
                    "指标 {id} 以“{unit}”计，应为整数，不能是 {}。请填写整数，如 {}。",
                    display(n),
                    display(n.round())
                ),
                None,
            ),
            Value::UnitMismatch { written: w, converted } => {
                let hint = match converted {
                    Some(c) => format!("请换算后只填数字：{written} → {}", display(c)),
                    None => "请换算后只填数字".to_string(),
                };
                (Code::ValueUnitMismatch, format!("指标 {id} 的计量单位是“{unit}”，这里写的是“{w}”。{hint}。"), None)
            }
        };
        self.push(code, cell, anchor.clone(), msg);
        value.map(|n| self.outlier(ind, cell, anchor, n))
    }

    fn outlier(&mut self, ind: &Indicator, cell: &RawCell, anchor: Anchor, n: f64) -> f64 {
        if n > ind.target * OUTLIER_FACTOR {
            let msg = format!(
                "指标 {} 的完成值 {} {} 远超目标值 {} {}，请核对是否填错或单位换算有误（如把万元当成亿元）。",
                ind.id,
                display(n),
                ind.unit,
                display(ind.target),
                ind.unit
            );
            self.push(Code::ValueOutlier, cell, anchor, msg);
        }
        n
    }
}
