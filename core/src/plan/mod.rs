//! The plan: sections, tasks, measures, units and indicators, loaded from one data file.
//!
//! The built-in plan is `plan/jiaozuo-2022-2025.toml`, embedded at build time (as JSON,
//! by `build.rs`). A revised plan is loaded with [`Plan::from_text`] (TOML or JSON, same
//! schema; TOML with the default feature `toml`); the JSON that [`Plan::to_json`] prints
//! is itself a loadable plan file.

//!
//! Modules: `items` (sections, tasks, measures, units, groups, indicators), `load`
//! (the built-in plan, reading text, checking and indexing); this file holds [`Plan`]
//! and its lookups.

mod due;
mod items;
mod load;
mod open;
mod words;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::{Date, MonthDay};
use crate::text::{fold_width, strip_spaces};

/// Kept here for callers of the old path; the functions live in [`crate::digest`].
pub use crate::digest::{hex, sha256_hex};
pub use due::due_date;
pub use items::{
    Aggregation, BINDING, EXPECTED, Group, Indicator, IndicatorKind, Measure, MeasureInfo, MeasureRef, Role, Section,
    Task, ToFill, Unit, UnitRole,
};
pub use words::{DEFAULT_ADDRESSEE, DEFAULT_COLLECTOR, YEAR_SLOT, place_of};

/// The whole plan. Fields marked "output only" are derived on load and ignored when read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable identifier, written into every workbook's `_meta`.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// First reporting year (2022).
    pub first_year: u16,
    /// Last reporting year (2025).
    pub last_year: u16,
    /// 报送截止日期: a day of the year after the report's year, written `MM-DD` in plan
    /// files (`""` or absent: none given, and [`MonthDay::DEFAULT`] applies, see
    /// [`Plan::due_date`]). Checked when the plan is loaded.
    #[serde(default, with = "crate::date::optional_month_day")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub deadline: Option<MonthDay>,
    /// 地区, the place the plan is for (`焦作市`); on load, when absent, the place name the
    /// title starts with.
    #[serde(default)]
    pub region: String,
    /// 收报单位: the canonical name of the unit that collects the reports; on load, when
    /// absent, `市场监管局` if the plan has it, else its first unit.
    #[serde(default)]
    pub collector: String,
    /// 主送机关: the report's addressee; `市人民政府` when absent.
    #[serde(default)]
    pub addressee: String,
    /// 报告标题 with `{年度}` where the year goes; when absent,
    /// `{年度}年度{地区}推动知识产权高质量发展工作情况报告`.
    #[serde(default)]
    pub report_title: String,
    /// 配合单位填报: whether supporting units get their measures in their templates
    /// (default yes).
    #[serde(default = "words::yes")]
    pub supporting_report: bool,
    /// The heading the page and the tool show (`焦作市推动知识产权高质量发展`; output
    /// only, derived from `region` on load).
    #[serde(default)]
    pub heading: String,
    /// Assumptions and discrepancies with the source document, shown in summaries.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The responsible units, canonical names first.
    pub units: Vec<Unit>,
    /// Named groups of units used in 责任单位 and reporters (`各县区`).
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Sections 一..四.
    pub sections: Vec<Section>,
    /// Tasks 1..14 with their measures.
    pub tasks: Vec<Task>,
    /// Quantitative targets.
    pub indicators: Vec<Indicator>,
    /// Every measure in plan order with its task and units (output only; derived from
    /// `tasks`, ignored on load) for scripts that want a flat list.
    #[serde(default)]
    pub measures: Vec<MeasureInfo>,
    /// Content hash (output only; recomputed on load).
    #[serde(default)]
    pub hash: String,
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    names: HashMap<String, usize>,
    measures: HashMap<String, (usize, usize)>,
    indicators: HashMap<String, usize>,
}

impl Plan {
    /// Resolves any accepted spelling of a unit (alias, `焦作市`/`市` prefix, `人民`) to its
    /// canonical name.
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.resolve_unit("焦作市市场监督管理局"), Some("市场监管局"));
    /// assert_eq!(plan.resolve_unit("城乡一体化示范区"), Some("示范区"));
    /// assert_eq!(plan.resolve_unit("郑州市"), None);
    /// ```
    pub fn resolve_unit(&self, name: &str) -> Option<&str> {
        let trimmed = strip_spaces(&fold_width(name));
        if trimmed.is_empty() {
            return None;
        }
        let i = self.index.names.get(&trimmed).or_else(|| self.index.names.get(&name_key(&trimmed, &self.region)))?;
        Some(self.units[*i].name.as_str())
    }

    /// The plan's measures in order, with their tasks.
    pub fn measures(&self) -> impl Iterator<Item = MeasureRef<'_>> {
        self.tasks.iter().flat_map(|task| task.measures.iter().map(move |measure| MeasureRef { task, measure }))
    }

    /// Looks a measure up by id (`"2.1"`).
    pub fn measure(&self, id: &str) -> Option<MeasureRef<'_>> {
        let (t, m) = *self.index.measures.get(id)?;
        Some(MeasureRef { task: &self.tasks[t], measure: &self.tasks[t].measures[m] })
    }

    /// Looks an indicator up by id (`"I01"`).
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.index.indicators.get(id).map(|&i| &self.indicators[i])
    }

    /// Measures the unit is responsible for, in plan order.
    pub fn measures_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = MeasureRef<'a>> + 'a {
        self.measures().filter(move |m| m.reports(unit))
    }

    /// Indicators the unit reports, in plan order.
    pub fn indicators_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.reporter_units.iter().any(|u| u == unit))
    }

    /// Units expected to report: responsible for a measure or reporter of an indicator,
    /// in plan unit order.
    pub fn expected_units(&self) -> Vec<&str> {
        self.units
            .iter()
            .map(|u| u.name.as_str())
            .filter(|&u| self.measures_of(u).next().is_some() || self.indicators_of(u).next().is_some())
            .collect()
    }

    /// The day reports are due: the plan's 报送截止日期, or [`MonthDay::DEFAULT`] (31
    /// January) when the plan names none.
    pub fn report_deadline(&self) -> MonthDay {
        self.deadline.unwrap_or(MonthDay::DEFAULT)
    }

    /// The date the report of `year` is due (`2026-01-31` for 2025 under the built-in plan).
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.due_date(2025).map(|d| d.to_string()).as_deref(), Some("2026-01-31"));
    /// ```
    pub fn due_date(&self, year: u16) -> Option<Date> {
        self.report_deadline().due_date(year)
    }

    /// Whether a 填报日期 is on or before the date the report of `year` is due; `None`
    /// without a date.
    pub fn on_time(&self, year: u16, date: Option<Date>) -> Option<bool> {
        Some(date? <= self.due_date(year)?)
    }

    /// Whether `year` is a reporting year of this plan.
    pub fn has_year(&self, year: i64) -> bool {
        (i64::from(self.first_year)..=i64::from(self.last_year)).contains(&year)
    }

    /// What to tell a person who gave `year` where a reporting year of this plan is needed.
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.year_outside(2030), "2030 不是本计划的报告年度，请填写 2022–2025 之间的年份。");
    /// ```
    pub fn year_outside(&self, year: i64) -> String {
        year_outside(year, self.first_year, self.last_year)
    }

    /// Sections with their tasks, for display.
    pub fn tasks_by_section(&self) -> Vec<(&Section, Vec<&Task>)> {
        self.sections.iter().map(|s| (s, self.tasks.iter().filter(|t| t.section == s.number).collect())).collect()
    }
}

/// The loose key a unit name is matched by: the plan's region (`焦作市`, also without its
/// last character, `焦作`), `市` and every `人民` removed, full- and half-width brackets
/// alike (also used by plan file readers to match names the same way).
pub fn name_key(name: &str, region: &str) -> String {
    let mut s = strip_spaces(&fold_width(name)).replace("人民", "");
    let region = strip_spaces(&fold_width(region));
    let short: String = {
        let mut c = region.chars();
        c.next_back();
        c.as_str().to_string()
    };
    let prefixes: Vec<&str> = [region.as_str(), short.as_str(), "市"].into_iter().filter(|p| !p.is_empty()).collect();
    loop {
        let before = s.len();
        for prefix in &prefixes {
            if let Some(rest) = s.strip_prefix(prefix)
                && !rest.is_empty()
            {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The sentence of [`Plan::year_outside`], from the plan's first and last year.
pub fn year_outside(year: i64, first: u16, last: u16) -> String {
    format!("{year} 不是本计划的报告年度，请填写 {first}–{last} 之间的年份。")
}
