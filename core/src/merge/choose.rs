//! Choosing, the one place it is done: each file's [`Outcome`] in the merge of a year
//! ([`classify`]), the winning file of each unit ([`Rank`], [`Winners`]) and the 报送情况
//! of every expected unit ([`unit_statuses`]). The merge ([`super::Merging`]) and the
//! page's board before any merge ([`super::board`]) both call these, so the board shows
//! the file the merge takes.

use std::collections::{BTreeMap, HashMap};

use super::result::{UnitState, UnitStatus};
use super::submission::{Outcome, Submission};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::Plan;
use crate::text::file_name;

/// What decides between two valid files of one unit and year (contract §6): the later
/// 填报日期, then the greater SHA-256, then the file name that sorts last, then the whole
/// path (so that two copies of one file in different folders still give one answer). The
/// greater [`Rank`] wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank<'a> {
    date: Option<Date>,
    sha256: &'a str,
    name: &'a str,
    path: &'a str,
}

impl<'a> Rank<'a> {
    /// The rank of the file at `path` with this 填报日期 and SHA-256 (lower-case hex).
    pub fn new(date: Option<Date>, sha256: &'a str, path: &'a str) -> Self {
        Rank { date, sha256, name: file_name(path), path }
    }
}

/// A file as choosing sees it: a [`Submission`] in the merge, a checked file on the board.
pub trait Candidate {
    /// The path (or name) as given.
    fn path(&self) -> &str;
    /// The canonical unit, if known.
    fn unit(&self) -> Option<&str>;
    /// The report's year, if known.
    fn year(&self) -> Option<u16>;
    /// No finding is an error.
    fn valid(&self) -> bool;
    /// Its [`Rank`] against other files of the same unit and year.
    fn rank(&self) -> Rank<'_>;
}

impl<C: Candidate + ?Sized> Candidate for &C {
    fn path(&self) -> &str {
        (**self).path()
    }
    fn unit(&self) -> Option<&str> {
        (**self).unit()
    }
    fn year(&self) -> Option<u16> {
        (**self).year()
    }
    fn valid(&self) -> bool {
        (**self).valid()
    }
    fn rank(&self) -> Rank<'_> {
        (**self).rank()
    }
}

impl Candidate for Submission {
    fn path(&self) -> &str {
        &self.path
    }
    fn unit(&self) -> Option<&str> {
        self.report.unit.as_deref()
    }
    fn year(&self) -> Option<u16> {
        self.report.year
    }
    fn valid(&self) -> bool {
        !self.has_errors()
    }
    fn rank(&self) -> Rank<'_> {
        Rank::new(self.report.date, &self.sha256, &self.path)
    }
}

/// Whether `a` beats `b` as the unit's file for the year (see [`Rank`]).
pub fn wins<C: Candidate + ?Sized>(a: &C, b: &C) -> bool {
    a.rank() > b.rank()
}

/// A file's outcome in the merge of `year` before files of one unit are compared:
/// [`Outcome::Accepted`] means "a valid file of the year, candidate for its unit";
/// [`Outcome::Earlier`] a valid file of an earlier year; [`Outcome::Rejected`] a file with
/// errors, without unit or year, or of a later year.
pub fn classify<C: Candidate + ?Sized>(year: u16, file: &C) -> Outcome {
    match (file.valid(), file.year(), file.unit()) {
        (true, Some(y), Some(_)) if y < year => Outcome::Earlier,
        (true, Some(y), Some(_)) if y == year => Outcome::Accepted,
        _ => Outcome::Rejected,
    }
}

/// The `year-invalid` finding a valid file of a year after the merge's gets (it is rejected).
pub(super) fn later_year(sub: &mut Submission, year: u16) {
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
}

/// Per unit, the winning candidate so far, fed one file at a time in any order: the
/// result never depends on the order.
#[derive(Debug, Default)]
pub struct Winners {
    best: HashMap<String, usize>,
}

impl Winners {
    /// Offers file `i` (a candidate of `unit`, see [`classify`]); `rank` gives the rank of
    /// any file offered so far by its index. Returns the index of the file that lost to
    /// the other (`i` itself, or the unit's previous winner), `None` for a unit's first file.
    pub fn offer<'a>(&mut self, unit: &str, i: usize, rank: impl Fn(usize) -> Rank<'a>) -> Option<usize> {
        let Some(&j) = self.best.get(unit) else {
            self.best.insert(unit.to_string(), i);
            return None;
        };
        if rank(j) >= rank(i) {
            return Some(i);
        }
        self.best.insert(unit.to_string(), i);
        Some(j)
    }

    /// Unit → index of its winning file.
    pub fn into_map(self) -> HashMap<String, usize> {
        self.best
    }
}

/// Every file's outcome in the merge of `year`: valid files of the year compete per unit
/// ([`Winners`]), the losers are [`Outcome::Superseded`]. Returns the outcomes in `files`'
/// order and, per unit, the index of its accepted file.
pub fn outcomes<C: Candidate>(year: u16, files: &[C]) -> (Vec<Outcome>, BTreeMap<String, usize>) {
    let mut out: Vec<Outcome> = files.iter().map(|f| classify(year, f)).collect();
    let mut winners = Winners::default();
    for (i, f) in files.iter().enumerate() {
        let Some(unit) = f.unit().filter(|_| out[i] == Outcome::Accepted) else { continue };
        if let Some(lost) = winners.offer(unit, i, |k| files[k].rank()) {
            out[lost] = Outcome::Superseded;
        }
    }
    (out, winners.into_map().into_iter().collect())
}

/// 报送情况: every expected unit in plan order, received (its accepted file), rejected
/// (its last rejected file in `files`' order) or missing. `files` pairs each file with its outcome.
pub fn unit_statuses<C: Candidate>(plan: &Plan, files: &[(&C, Outcome)]) -> Vec<UnitStatus> {
    plan.expected_units()
        .iter()
        .map(|&unit| {
            let of = |o: Outcome| files.iter().rev().find(|(f, out)| *out == o && f.unit() == Some(unit));
            let (state, file) = match (of(Outcome::Accepted), of(Outcome::Rejected)) {
                (Some((f, _)), _) => (UnitState::Received, Some(f)),
                (None, Some((f, _))) => (UnitState::Rejected, Some(f)),
                (None, None) => (UnitState::Missing, None),
            };
            UnitStatus { unit: unit.into(), state, path: file.map(|f| f.path().to_string()) }
        })
        .collect()
}
