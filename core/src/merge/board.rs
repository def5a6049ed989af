//! The page's 报送进度 board before any merge: per expected unit, the file the merge of the
//! year will take, chosen by the merge's own code (`choose`), so the board never shows a
//! file the merge does not take.

use serde::{Deserialize, Serialize};

use super::choose::{self, Candidate, Rank};
use super::result::UnitState;
use super::submission::Outcome;
use crate::date::Date;
use crate::plan::Plan;

/// One checked file, as the board needs it: what `validate` answers (path, SHA-256, unit,
/// year, ok) and the report's 填报日期.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardFile {
    /// The path (or name) as given.
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex (empty when unknown).
    #[serde(default)]
    pub sha256: String,
    /// Canonical unit, if known.
    #[serde(default)]
    pub unit: Option<String>,
    /// Year, if known.
    #[serde(default)]
    pub year: Option<u16>,
    /// No finding is an error.
    pub ok: bool,
    /// 填报日期, if readable.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<Date>,
}

impl Candidate for BoardFile {
    fn path(&self) -> &str {
        &self.path
    }
    fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }
    fn year(&self) -> Option<u16> {
        self.year
    }
    fn valid(&self) -> bool {
        self.ok
    }
    fn rank(&self) -> Rank<'_> {
        Rank::new(self.date, &self.sha256, &self.path)
    }
}

/// One expected unit on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardUnit {
    /// Canonical unit name.
    pub unit: String,
    /// Received (a valid file of the year), rejected (only files with errors) or missing.
    pub state: UnitState,
    /// The file the unit stands for: the one the merge takes, else its last rejected file.
    pub path: Option<String>,
    /// How many valid files of the year the taken one superseded.
    pub superseded: usize,
    /// That file's 填报日期.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<Date>,
    /// Whether that 填报日期 is on or before the deadline; `null` without a date.
    pub on_time: Option<bool>,
}

/// The board of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Board {
    /// The year.
    pub year: u16,
    /// The date reports of the year are due ([`Plan::due_date`]).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub deadline: Option<Date>,
    /// Every expected unit, plan order.
    pub units: Vec<BoardUnit>,
    /// Files of earlier years (they serve the multi-year view).
    pub earlier: usize,
    /// Other files not on the board: unit or year unknown, a unit no measure or indicator
    /// expects, a later year.
    pub unplaced: usize,
}

/// The board of `year` from the checked files: the files of the year go through the
/// merge's choosing (valid files of one unit compete by [`Rank`]: later 填报日期, greater
/// SHA-256, file name); files of other years or without unit or year are counted apart.
///
/// # Examples
///
/// ```
/// use jz_core::merge::{BoardFile, UnitState, board};
///
/// let plan = jz_core::Plan::builtin();
/// let file = |path: &str, sha: &str| BoardFile {
///     path: path.into(),
///     sha256: sha.into(),
///     unit: Some("温县".into()),
///     year: Some(2025),
///     ok: true,
///     date: jz_core::Date::new(2026, 1, 20),
/// };
/// // Same day: the greater SHA-256 wins, whatever the names.
/// let b = board(&plan, 2025, &[file("温县_b.xlsx", "11"), file("温县_a.xlsx", "ff")]);
/// let wen = b.units.iter().find(|u| u.unit == "温县").unwrap();
/// assert_eq!((wen.state, wen.path.as_deref(), wen.superseded), (UnitState::Received, Some("温县_a.xlsx"), 1));
/// assert_eq!(wen.on_time, Some(true));
/// ```
pub fn board(plan: &Plan, year: u16, files: &[BoardFile]) -> Board {
    let expected = plan.expected_units();
    let placed = |f: &BoardFile| f.year == Some(year) && f.unit.as_deref().is_some_and(|u| expected.contains(&u));
    let of_year: Vec<&BoardFile> = files.iter().filter(|f| placed(f)).collect();
    let earlier = files.iter().filter(|f| !placed(f) && f.year.is_some_and(|y| y < year)).count();
    let unplaced = files.len() - of_year.len() - earlier;
    let (outcomes, _) = choose::outcomes(year, &of_year);
    let pairs: Vec<(&&BoardFile, Outcome)> = of_year.iter().zip(outcomes.iter().copied()).collect();
    let units = choose::unit_statuses(plan, &pairs)
        .into_iter()
        .map(|u| {
            let file =
                u.path.as_deref().and_then(|p| of_year.iter().find(|f| f.path == p && f.unit() == Some(&u.unit)));
            let date = file.and_then(|f| f.date);
            let superseded =
                pairs.iter().filter(|(f, o)| *o == Outcome::Superseded && f.unit() == Some(u.unit.as_str())).count();
            BoardUnit {
                on_time: plan.on_time(year, date),
                date,
                superseded,
                path: u.path,
                state: u.state,
                unit: u.unit,
            }
        })
        .collect();
    Board { year, deadline: plan.due_date(year), units, earlier, unplaced }
}
