//! The merge fed one input at a time ([`Merging`]), so memory stays bounded over thousands
//! of files: every caller (the CLI on all cores, `xlsx_tool::merge_files`, the report, the
//! browser) hands its inputs here and gets the same [`Merge`].
//!
//! As a file arrives it gets its outcome (`choose`); of the valid files of the merge year
//! only each unit's best so far keeps its texts, every other file is trimmed
//! ([`Submission::trim_for`]). The latest few files a unit's accepted file superseded keep
//! their report until [`Merging::finish`] compares each with the accepted file once
//! (变更记录, [`crate::changes`]).

use std::collections::{BTreeMap, HashMap};

use super::choose::{self, Candidate, Rank, Winners};
use super::result::{HistorySource, Merge, MergeSummary, Skipped, UnitState};
use super::submission::{FileOutcome, Outcome, Submission};
use super::{tally, years};
use crate::changes::{Change, diff, rows};
use crate::date::Date;
use crate::plan::Plan;
use crate::report::Report;

/// How many superseded files of one unit keep their differences against the accepted
/// file: the latest ones (by [`Rank`]). A unit resubmits a few times; this bounds memory
/// (each keeps its report until the merge ends) and the 变更记录 sheet when thousands of
/// versions arrive.
pub const MAX_SUPERSEDED_WITH_CHANGES: usize = 5;

/// One input of a merge, once read.
#[derive(Debug)]
pub enum Input {
    /// A unit workbook, read and validated.
    Report(Box<Submission>),
    /// The data of earlier years carried by a city summary.
    Summary(HistorySource),
    /// An input that was not read: a summary whose data cannot be read, a file of a
    /// scanned folder that is not a spreadsheet. Listed in `summary.skipped` with its reason.
    Unreadable(Skipped),
}

/// A superseded file of the merge year whose differences are kept: its report as read
/// (texts included), compared with the accepted file when the merge ends.
#[derive(Debug)]
struct Loser {
    path: String,
    sha256: String,
    date: Option<Date>,
    report: Report,
}

impl Loser {
    fn rank(&self) -> Rank<'_> {
        Rank::new(self.date, &self.sha256, &self.path)
    }
}

/// The merge of the summary of one year, fed its inputs one at a time in any order
/// ([`Merging::push`]), then [`Merging::finish`]. The result never depends on the order.
///
/// # Examples
///
/// ```
/// use jz_core::merge::{Input, Merging, Skipped};
///
/// let plan = jz_core::Plan::builtin();
/// let mut merging = Merging::new(&plan, 2025);
/// merging.push(Input::Unreadable(Skipped { path: "旧汇总表.xlsx".into(), reason: "无法读出往年数据".into() }));
/// let merge = merging.finish();
/// assert_eq!(merge.summary.skipped[0].path, "旧汇总表.xlsx");
/// assert_eq!(merge.summary.missing_units.len(), plan.expected_units().len());
/// ```
#[derive(Debug)]
pub struct Merging<'p> {
    plan: &'p Plan,
    year: u16,
    files: Vec<FileOutcome>,
    history: Vec<HistorySource>,
    skipped: Vec<Skipped>,
    winners: Winners,
    /// Unit → its latest superseded files (at most [`MAX_SUPERSEDED_WITH_CHANGES`]), latest first.
    losers: HashMap<String, Vec<Loser>>,
}

impl<'p> Merging<'p> {
    /// A merge of the summary of `year` under `plan`.
    pub fn new(plan: &'p Plan, year: u16) -> Self {
        Merging {
            plan,
            year,
            files: Vec::new(),
            history: Vec::new(),
            skipped: Vec::new(),
            winners: Winners::default(),
            losers: HashMap::new(),
        }
    }

    /// Takes in one input.
    pub fn push(&mut self, input: Input) {
        match input {
            Input::Report(sub) => self.report(*sub),
            Input::Summary(h) => self.history.push(h),
            Input::Unreadable(s) => self.skipped.push(s),
        }
    }

    fn report(&mut self, mut sub: Submission) {
        let year = self.year;
        choose::later_year(&mut sub, year);
        let outcome = choose::classify(year, &sub);
        sub.trim_for(year);
        let unit = sub.report.unit.clone().filter(|_| outcome == Outcome::Accepted);
        let i = self.files.len();
        self.files.push(FileOutcome { submission: sub, outcome });
        let Some(unit) = unit else { return };
        let files = &self.files;
        let Some(lost) = self.winners.offer(&unit, i, |k| files[k].submission.rank()) else { return };
        let f = &mut self.files[lost];
        f.outcome = Outcome::Superseded;
        let s = &mut f.submission;
        let losers = self.losers.entry(unit).or_default();
        // Not among the latest kept: nothing to compare (the list is sorted, latest first).
        if losers.len() < MAX_SUPERSEDED_WITH_CHANGES || losers.last().is_some_and(|l| s.rank() > l.rank()) {
            losers.push(Loser {
                path: s.path.clone(),
                sha256: s.sha256.clone(),
                date: s.report.date,
                report: s.report.clone(),
            });
            losers.sort_by(|a, b| b.rank().cmp(&a.rank()));
            losers.truncate(MAX_SUPERSEDED_WITH_CHANGES);
        }
        s.slim();
        s.cells = Default::default();
    }

    /// The merge of everything pushed: outcomes, totals, the multi-year view with its
    /// cross-year warnings, 变更记录, the follow-up lists and the inputs not read.
    pub fn finish(self) -> Merge {
        let Merging { plan, year, mut files, history, mut skipped, winners: _, losers } = self;
        files.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        skipped.sort();
        let accepted: BTreeMap<&str, &Submission> = files
            .iter()
            .filter(|f| f.outcome == Outcome::Accepted)
            .filter_map(|f| Some((f.submission.report.unit.as_deref()?, &f.submission)))
            .collect();
        let changes = changes(plan, &accepted, &losers);
        let pairs: Vec<(&Submission, Outcome)> = files.iter().map(|f| (&f.submission, f.outcome)).collect();
        let units = choose::unit_statuses(plan, &pairs);
        let missing_units = units.iter().filter(|u| u.state != UnitState::Received).map(|u| u.unit.clone()).collect();
        // This year's figures from the winning files.
        let (rows, measures) = tally::measures(plan, year, &accepted);
        let (indicators, values) = tally::indicators(plan, &accepted);
        let latest_date = accepted.values().filter_map(|s| s.report.date).max();
        // Every year so far, then the findings across years and the follow-up lists.
        let view = years::view(plan, year, history, &files, &accepted);
        let [accepted, rejected, superseded, earlier] =
            [Outcome::Accepted, Outcome::Rejected, Outcome::Superseded, Outcome::Earlier].map(|o| paths(&files, o));
        super::cross_year::annotate(plan, &view.history, &mut files);

        let summary = MergeSummary {
            year,
            plan_id: plan.id.clone(),
            plan_hash: plan.hash.clone(),
            accepted,
            rejected,
            superseded,
            earlier,
            missing_units,
            indicators,
            measures,
            summaries: view.summaries,
            years: view.years,
            progress: view.progress,
            trend: view.trend,
            changes,
            supervision: Vec::new(),
            reminders: Vec::new(),
            skipped,
        };
        let mut merge = Merge { summary, files, units, rows, values, latest_date, history: view.history };
        super::follow_up::fill(plan, &mut merge);
        merge
    }
}

/// 变更记录: each kept superseded file against its unit's accepted file, by unit in plan
/// order, then the superseded files from the earliest to the latest.
fn changes(plan: &Plan, accepted: &BTreeMap<&str, &Submission>, losers: &HashMap<String, Vec<Loser>>) -> Vec<Change> {
    let mut found: Vec<(usize, Rank<'_>, Vec<Change>)> = Vec::new();
    for (unit, list) in losers {
        let Some(acc) = accepted.get(unit.as_str()) else { continue };
        let order = plan.units.iter().position(|u| &u.name == unit).unwrap_or(usize::MAX);
        for l in list {
            let rows =
                rows(unit, acc.file_name(), crate::text::file_name(&l.path), &diff(&l.report, &acc.report), &acc.cells);
            found.push((order, l.rank(), rows));
        }
    }
    found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    found.into_iter().flat_map(|(_, _, c)| c).collect()
}

/// The order of `Merge::files`: path, then SHA-256, then outcome (so that two copies of one
/// file come out the same whatever the order they came in).
fn order_key(f: &FileOutcome) -> (&str, &str, Outcome) {
    (&f.submission.path, &f.submission.sha256, f.outcome)
}

/// The paths of the files with outcome `o`, in file order (sorted by path).
fn paths(files: &[FileOutcome], o: Outcome) -> Vec<String> {
    files.iter().filter(|f| f.outcome == o).map(|f| f.submission.path.clone()).collect()
}
