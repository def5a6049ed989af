//! The plan's own words (contract §11): 地区, 收报单位, 主送机关, 报告标题, and every title
//! the tool writes that names the place, the office or the plan. Settled on load so that
//! the plan JSON the page receives carries them concretely.

use super::Plan;
use crate::error::PlanError;
use crate::text::{fold_width, strip_spaces};

/// The 收报单位 a plan without one gets, when it has such a unit.
pub const DEFAULT_COLLECTOR: &str = "市场监管局";
/// The 主送机关 a plan without one gets.
pub const DEFAULT_ADDRESSEE: &str = "市人民政府";
/// Where the year goes in 报告标题.
pub const YEAR_SLOT: &str = "{年度}";
/// What the plans are about, between the place and the kind of document.
const SUBJECT: &str = "推动知识产权高质量发展";
/// The built-in plan's 地区. The tool knows a few words only for this place (its
/// telephone area code, a local university in the sample texts); they are said only under
/// a plan for it, never under another city's.
const BUILTIN_REGION: &str = "焦作市";
/// The telephone area code of [`BUILTIN_REGION`]. The tool keeps no table of other
/// cities' codes: a plan for another place gets an example that names no code.
const BUILTIN_AREA_CODE: &str = "0391";
/// The unit the built-in plan's messages give as an example of a unit name; any plan that
/// has a unit of this name gets the same example.
const EXAMPLE_UNIT: &str = "孟州市";
/// The id every version of the built-in 2022–2025 plan starts with (draft, final).
const BUILTIN_ID_PREFIX: &str = "jiaozuo-ip-2022-2025";

/// Serde default of `supporting_report`.
pub(super) fn yes() -> bool {
    true
}

/// The place name a title starts with (`焦作市推动…` → `焦作市`, `河南省…` → `河南省`),
/// or empty when it starts with none.
///
/// ```
/// assert_eq!(jz_core::plan::place_of("新乡市知识产权强市建设实施方案（2026—2030年）"), "新乡市");
/// assert_eq!(jz_core::plan::place_of("关于推动知识产权高质量发展的实施方案"), "");
/// ```
pub fn place_of(title: &str) -> String {
    let chars: Vec<char> = strip_spaces(title).chars().collect();
    // A place name is two to six characters before its suffix (市, 县, 区, 州, 盟, 省).
    for (i, c) in chars.iter().enumerate().take(8).skip(2) {
        if matches!(c, '市' | '县' | '区' | '州' | '盟' | '省') {
            let name: String = chars[..=i].iter().collect();
            // `关于…`, `推动…` are not places.
            if name.starts_with("关于") || name.contains("推动") || name.contains("知识") {
                return String::new();
            }
            return name;
        }
    }
    String::new()
}

impl Plan {
    /// Fills the words a plan file left out and checks 收报单位 (after the name index).
    pub(super) fn settle_words(&mut self) -> Result<(), PlanError> {
        let collector = self.collector.trim().to_string();
        self.collector = if collector.is_empty() {
            self.resolve_unit(DEFAULT_COLLECTOR)
                .or_else(|| self.units.first().map(|u| u.name.as_str()))
                .unwrap_or_default()
                .to_string()
        } else {
            match self.resolve_unit(&collector) {
                Some(u) => u.to_string(),
                None => return Err(PlanError::Invalid(format!("收报单位“{collector}”不在单位列表中"))),
            }
        };
        if self.addressee.trim().is_empty() {
            self.addressee = DEFAULT_ADDRESSEE.to_string();
        }
        if self.report_title.trim().is_empty() {
            self.report_title = format!("{YEAR_SLOT}年度{}{SUBJECT}工作情况报告", self.region);
        }
        self.heading = format!("{}{SUBJECT}", self.region);
        Ok(())
    }

    /// The report's title for `year` (报告标题 with `{年度}` replaced).
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.report_title_for(2025), "2025年度焦作市推动知识产权高质量发展工作情况报告");
    /// ```
    pub fn report_title_for(&self, year: u16) -> String {
        self.report_title.replace(YEAR_SLOT, &year.to_string())
    }

    /// The unit template's title for `year`.
    pub fn template_title(&self, year: u16) -> String {
        format!("{year}年度{}{SUBJECT}任务落实情况填报表", self.region)
    }

    /// The city summary's title for `year`.
    pub fn summary_title(&self, year: u16) -> String {
        format!("{year}年度{}{SUBJECT}任务落实情况汇总表", self.region)
    }

    /// The collecting office's full name as a letter names it (`焦作市市场监督管理局`):
    /// its longest spelling that starts with the region, else region and canonical name.
    ///
    /// ```
    /// assert_eq!(jz_core::Plan::builtin().collector_full_name(), "焦作市市场监督管理局");
    /// ```
    pub fn collector_full_name(&self) -> String {
        let Some(unit) = self.units.iter().find(|u| u.name == self.collector) else {
            return self.collector.clone();
        };
        let region = strip_spaces(&fold_width(&self.region));
        if region.is_empty() {
            return unit.name.clone();
        }
        std::iter::once(&unit.name)
            .chain(&unit.aliases)
            .filter(|n| n.starts_with(&region))
            .max_by_key(|n| n.chars().count())
            .cloned()
            .unwrap_or_else(|| format!("{region}{}", unit.name))
    }

    /// Whether the plan is for the built-in plan's place, 焦作市.
    pub fn is_builtin_region(&self) -> bool {
        strip_spaces(&fold_width(&self.region)) == BUILTIN_REGION
    }

    /// The telephone area code of the plan's place, when the tool knows it: `0391` for
    /// 焦作市, `None` for any other place.
    pub fn area_code(&self) -> Option<&'static str> {
        self.is_builtin_region().then_some(BUILTIN_AREA_CODE)
    }

    /// The example a message gives for a 联系电话: a landline with the place's area code
    /// (`0391-1234567` under the built-in plan), else `区号-1234567`, which names no city.
    /// The template's 填报说明, its input message and the validation message all use it.
    ///
    /// ```
    /// assert_eq!(jz_core::Plan::builtin().phone_example(), "0391-1234567");
    /// ```
    pub fn phone_example(&self) -> String {
        format!("{}-1234567", self.area_code().unwrap_or("区号"))
    }

    /// The unit a message names as an example of a unit name: `孟州市` when the plan has
    /// it (the built-in plan), else the first member of the plan's first group (a county
    /// or district, as 孟州市 is), else its first unit other than the 收报单位.
    ///
    /// ```
    /// assert_eq!(jz_core::Plan::builtin().example_unit(), "孟州市");
    /// ```
    pub fn example_unit(&self) -> &str {
        let is_unit = |name: &str| self.units.iter().any(|u| u.name == name);
        if is_unit(EXAMPLE_UNIT) {
            return EXAMPLE_UNIT;
        }
        self.groups
            .iter()
            .flat_map(|g| g.members.iter())
            .map(String::as_str)
            .find(|&m| is_unit(m) && m != self.collector)
            .or_else(|| self.units.iter().map(|u| u.name.as_str()).find(|&u| u != self.collector))
            .unwrap_or(&self.collector)
    }

    /// Two example unit names for a message, quoted and joined by `或`: the
    /// [`example_unit`](Self::example_unit) and the 收报单位, in that order or (`collector_first`)
    /// the other; one name when they are the same.
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.example_units(false), "“孟州市”或“市场监管局”");
    /// assert_eq!(plan.example_units(true), "“市场监管局”或“孟州市”");
    /// ```
    pub fn example_units(&self, collector_first: bool) -> String {
        let (unit, collector) = (self.example_unit(), self.collector.as_str());
        if unit == collector || collector.is_empty() {
            return format!("“{unit}”");
        }
        let (a, b) = if collector_first { (collector, unit) } else { (unit, collector) };
        format!("“{a}”或“{b}”")
    }

    /// The 依据 of a 督办清单 row for a report not received: under the built-in plan
    /// (every version of it) its own 六、工作要求 quoted; under another plan its 报送截止日期
    /// and 收报单位, quoting no section the plan may not have.
    ///
    /// ```
    /// assert_eq!(
    ///     jz_core::Plan::builtin().report_basis(),
    ///     "实施方案“六、工作要求”：各责任单位每年1月31日之前将推动知识产权高质量发展成效以电子件形式报送焦作市市场监督管理局"
    /// );
    /// ```
    pub fn report_basis(&self) -> String {
        let receiver = self.collector_full_name();
        let deadline = self.report_deadline().chinese();
        if self.id.starts_with(BUILTIN_ID_PREFIX) {
            format!(
                "实施方案“六、工作要求”：各责任单位每年{deadline}之前将推动知识产权高质量发展成效以电子件形式报送{receiver}"
            )
        } else {
            format!("报送要求：各责任单位每年{deadline}之前将上一年度任务落实情况报送{receiver}")
        }
    }
}
