//! Step one of the merge: each file's [`Outcome`] (accepted, rejected, superseded,
//! earlier), the winning file of each unit, and the 报送情况 of every expected unit.

use std::collections::BTreeMap;

use super::result::{UnitState, UnitStatus};
use super::submission::{FileOutcome, Outcome, Submission, wins};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::Plan;

/// Every file with its outcome (sorted by path, then SHA-256) and, per unit, the index in
/// it of the unit's accepted file of `year`. A valid file of a later year gets a
/// `year-invalid` finding and is rejected.
pub(super) fn outcomes(year: u16, submissions: Vec<Submission>) -> (Vec<FileOutcome>, BTreeMap<String, usize>) {
    let mut subs = submissions;
    subs.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.sha256.cmp(&b.sha256)));
    let mut files: Vec<FileOutcome> = Vec::with_capacity(subs.len());
    let mut best: BTreeMap<String, usize> = BTreeMap::new();
    for mut sub in subs {
        if let Some(y) = sub.report.year
            && y > year
            && !sub.has_errors()
        {
            sub.diagnostics.push(Diagnostic::new(
                    Code::YearInvalid,
                    None,
                    format!("该文件是 {y} 年度的报告，晚于本次汇总的 {year} 年度，未汇总。请确认汇总年度，或让单位报送 {year} 年度的报表。"),
                ));
        }
        let outcome = match (sub.has_errors(), sub.report.year, sub.report.unit.as_deref()) {
            (false, Some(y), Some(_)) if y < year => Outcome::Earlier,
            (false, Some(y), Some(_)) if y == year => Outcome::Accepted,
            _ => Outcome::Rejected,
        };
        let i = files.len();
        if outcome == Outcome::Accepted {
            let unit = sub.report.unit.clone().unwrap_or_default();
            match best.get(&unit) {
                Some(&j) if wins(&files[j].submission, &sub) => {
                    files.push(FileOutcome { submission: sub, outcome: Outcome::Superseded });
                    continue;
                }
                Some(&j) => files[j].outcome = Outcome::Superseded,
                None => {}
            }
            best.insert(unit, i);
        }
        files.push(FileOutcome { submission: sub, outcome });
    }
    (files, best)
}

/// 报送情况: every expected unit in plan order, received (its accepted file), rejected
/// (its last rejected file) or missing.
pub(super) fn unit_statuses(
    plan: &Plan,
    files: &[FileOutcome],
    accepted: &BTreeMap<&str, &Submission>,
) -> Vec<UnitStatus> {
    plan.expected_units()
        .iter()
        .map(|&unit| {
            if let Some(s) = accepted.get(unit) {
                return UnitStatus { unit: unit.into(), state: UnitState::Received, path: Some(s.path.clone()) };
            }
            let rejected = files
                .iter()
                .rev()
                .find(|f| f.outcome == Outcome::Rejected && f.submission.report.unit.as_deref() == Some(unit));
            match rejected {
                Some(f) => {
                    UnitStatus { unit: unit.into(), state: UnitState::Rejected, path: Some(f.submission.path.clone()) }
                }
                None => UnitStatus { unit: unit.into(), state: UnitState::Missing, path: None },
            }
        })
        .collect()
}

/// The paths of the files with outcome `o`, in file order (sorted by path).
pub(super) fn paths(files: &[FileOutcome], o: Outcome) -> Vec<String> {
    files.iter().filter(|f| f.outcome == o).map(|f| f.submission.path.clone()).collect()
}
