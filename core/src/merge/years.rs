//! The multi-year view of a merge: the data of every year up to the summary's, from
//! earlier city summaries and the units' own files, and the progress and trend over it.

use std::collections::BTreeMap;

use super::choose::wins;
use super::result::HistorySource;
use super::submission::{FileOutcome, Outcome, Submission};
use crate::plan::Plan;
use crate::progress::{IndicatorProgress, MeasureTrend, YearData};
use crate::report::Report;

/// What [`view`] found.
pub(super) struct YearsView {
    /// The earlier summaries' paths, sorted.
    pub summaries: Vec<String>,
    /// One entry per year with data, ascending (see [`crate::progress::combine`]).
    pub history: Vec<YearData>,
    /// Years with data up to the summary's year.
    pub years: Vec<u16>,
    /// Per indicator, the standing at the end of the year.
    pub progress: Vec<IndicatorProgress>,
    /// Per measure, each responsible unit's status per year.
    pub trend: Vec<MeasureTrend>,
}

/// The multi-year view: the summaries' data first (in order of summary year, SHA-256,
/// path), then each year's winning unit files (this year's `accepted`), which beat them.
pub(super) fn view(
    plan: &Plan,
    year: u16,
    history: Vec<HistorySource>,
    files: &[FileOutcome],
    accepted: &BTreeMap<&str, &Submission>,
) -> YearsView {
    let mut history = history;
    history.sort_by(|a, b| (a.year, &a.sha256, &a.path).cmp(&(b.year, &b.sha256, &b.path)));
    let summaries: Vec<String> = {
        let mut p: Vec<String> = history.iter().map(|h| h.path.clone()).collect();
        p.sort();
        p
    };
    let mut earlier_best: BTreeMap<(u16, String), &Submission> = BTreeMap::new();
    for f in files.iter().filter(|f| f.outcome == Outcome::Earlier) {
        let s = &f.submission;
        let (Some(y), Some(unit)) = (s.report.year, s.report.unit.clone()) else { continue };
        match earlier_best.get(&(y, unit.clone())) {
            Some(b) if wins(*b, s) => {}
            _ => {
                earlier_best.insert((y, unit), s);
            }
        }
    }
    let mut sources: Vec<YearData> = history.into_iter().flat_map(|h| h.data).filter(|d| d.year <= year).collect();
    let mut by_year: BTreeMap<u16, Vec<&Report>> = BTreeMap::new();
    for ((y, _), s) in &earlier_best {
        by_year.entry(*y).or_default().push(&s.report);
    }
    by_year.entry(year).or_default().extend(accepted.values().map(|s| &s.report));
    for (y, reports) in by_year {
        if y == year && reports.is_empty() {
            continue;
        }
        sources.push(YearData::from_reports(y, reports));
    }
    let history = crate::progress::combine(sources);
    let (years, progress, trend) = crate::progress::progress(plan, year, &history);
    YearsView { summaries, history, years, progress, trend }
}
