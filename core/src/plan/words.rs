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
}
