//! The one merge of many files into the city summary of a year, fed a file at a time so
//! memory stays bounded over thousands of files. The CLI (on all cores), [`crate::merge_files`]
//! and the browser all run it.
//!
//! Each file is checked ([`Reader::read`], safe to run on any thread), then handed to the
//! [`Merger`] ([`Merger::push`], one thread): summaries feed the multi-year view; of the
//! valid files of the merge year the best one per unit (later 填报日期, then greater SHA-256,
//! then file name: [`jz_core::merge::wins`]) keeps its texts, every other file is slimmed as
//! it arrives. The latest few files a unit's accepted file superseded keep their report
//! (a copy taken before the file is slimmed); [`Merger::finish`] compares each with the
//! accepted file once (变更记录, [`jz_core::changes`]), instead of diffing and composing
//! at every arrival on the one merging thread.

use std::collections::HashMap;

use jz_core::changes::{Change, diff, rows};
use jz_core::date::Date;
use jz_core::merge::{HistorySource, Skipped, wins};
use jz_core::{Merge, Plan, Report, Submission};

use jz_read::{Kind, Limits, Mapping, check_located_with, summary};

/// How many superseded files of one unit keep their differences against the accepted
/// file: the latest ones (by the order that picks the winner). A unit resubmits a few times;
/// this bounds memory (each keeps its report until the merge ends) and the 变更记录 sheet
/// when thousands of versions arrive.
pub const MAX_SUPERSEDED_WITH_CHANGES: usize = 5;

/// One input once read: what [`Merger::push`] takes.
#[derive(Debug)]
pub enum Input {
    /// A unit workbook (slimmed already unless it may be this year's accepted file).
    Report(Box<Submission>),
    /// An earlier city summary.
    Summary(HistorySource),
    /// A summary whose data cannot be read: its path and why, in Chinese.
    Unreadable(Skipped),
}

/// Reads and checks files for a [`Merger`]; cheap to copy, usable from any thread.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'p> {
    plan: &'p Plan,
    year: u16,
    limits: Limits,
    /// The person's mapping of headers to template columns (`--map`), if any.
    mapping: Option<&'p Mapping>,
}

impl Reader<'_> {
    /// Reads one file: a unit workbook (checked; slimmed unless it is a valid file of the
    /// merge year) or a city summary (its data of earlier years).
    pub fn read(&self, name: &str, bytes: &[u8]) -> Input {
        let none = Mapping::default();
        self.read_mapped(name, bytes, self.mapping.unwrap_or(&none))
    }

    /// [`Reader::read`] with this file's own mapping of headers to template columns
    /// (the page remembers one per unit).
    pub fn read_mapped(&self, name: &str, bytes: &[u8], mapping: &Mapping) -> Input {
        let (checked, cells) = check_located_with(self.plan, bytes, name, &self.limits, mapping);
        if checked.kind == Kind::Summary {
            return match summary::read_history(name, bytes) {
                Ok(h) => Input::Summary(h),
                Err(e) => Input::Unreadable(Skipped {
                    path: name.to_string(),
                    reason: format!("这是汇总表，但无法读出其中的往年数据（{e}）"),
                }),
            };
        }
        let mut sub = checked.into_located_submission(bytes, cells);
        if sub.has_errors() {
            sub.slim();
            sub.cells = Default::default();
        } else if sub.report.year != Some(self.year) {
            sub.slim();
        }
        Input::Report(Box::new(sub))
    }
}

/// A superseded file of the merge year whose differences are kept: its report as read
/// (texts included), compared with the accepted file when the merge ends.
#[derive(Debug)]
struct Loser {
    key: Key,
    name: String,
    report: Report,
}

/// The streaming merge: [`Merger::add`] (or [`Reader::read`] then [`Merger::push`]) each
/// file in any order, then [`Merger::finish`]. The result never depends on the order.
///
/// # Examples
///
/// Feed files one at a time (here the built-in sample set plus a stray file), then look
/// at the merge: accepted, rejected and superseded files, missing units, totals.
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let mut merger = xlsx_tool::Merger::new(&plan, 2025, &xlsx_tool::Limits::default());
/// for (name, bytes) in xlsx_tool::sample::sample_set(&plan, 2025, 1)? {
///     merger.add(&name, &bytes);
/// }
/// merger.add("x.xlsx", b"not a workbook");
/// let merge = merger.finish();
/// assert!(merge.summary.rejected.iter().any(|p| p == "x.xlsx"));
/// assert!(!merge.summary.accepted.is_empty());
/// assert_eq!(merge.summary.missing_units, ["中医药局", "博爱县"]); // 博爱县 was rejected
/// // The summary workbook of this merge:
/// let xlsx = xlsx_tool::summary::write_summary(&plan, &merge)?;
/// assert!(xlsx.starts_with(b"PK"));
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
#[derive(Debug)]
pub struct Merger<'p> {
    reader: Reader<'p>,
    submissions: Vec<Submission>,
    history: Vec<HistorySource>,
    /// Unit → index of its best valid file of the merge year so far (the one with texts).
    best: HashMap<String, usize>,
    /// Unit → its latest superseded files (at most [`MAX_SUPERSEDED_WITH_CHANGES`]).
    losers: HashMap<String, Vec<Loser>>,
}

impl<'p> Merger<'p> {
    /// A merge of the summary of `year` under `plan`.
    pub fn new(plan: &'p Plan, year: u16, limits: &Limits) -> Self {
        Merger {
            reader: Reader { plan, year, limits: *limits, mapping: None },
            submissions: Vec::new(),
            history: Vec::new(),
            best: HashMap::new(),
            losers: HashMap::new(),
        }
    }

    /// Reads every file with `mapping` (the CLI's `--map`): headers mapped to template columns.
    pub fn with_mapping(mut self, mapping: &'p Mapping) -> Self {
        self.reader.mapping = Some(mapping);
        self
    }

    /// The reader to run on worker threads; [`Merger::push`] what it returns.
    pub fn reader(&self) -> Reader<'p> {
        self.reader
    }

    /// Reads one file and takes it in; returns a message for the user when the file is a
    /// summary whose data cannot be read (it is left out).
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Option<String> {
        let input = self.reader.read(name, bytes);
        self.push(input)
    }

    /// [`Merger::add`] with this file's own mapping of headers to template columns.
    pub fn add_mapped(&mut self, name: &str, bytes: &[u8], mapping: &Mapping) -> Option<String> {
        let input = self.reader.read_mapped(name, bytes, mapping);
        self.push(input)
    }

    /// Takes in a file read by [`Reader::read`]; returns the message of an unreadable summary.
    pub fn push(&mut self, input: Input) -> Option<String> {
        match input {
            Input::Report(sub) => self.take(*sub),
            Input::Summary(h) => self.history.push(h),
            Input::Unreadable(s) => return Some(format!("跳过 {}：{}。", s.path, s.reason)),
        }
        None
    }

    fn take(&mut self, sub: Submission) {
        let year = self.reader.year;
        let unit = sub.report.unit.clone().filter(|_| !sub.has_errors() && sub.report.year == Some(year));
        let i = self.submissions.len();
        self.submissions.push(sub);
        let Some(unit) = unit else { return };
        let Some(j) = self.best.get(&unit).copied() else {
            self.best.insert(unit, i);
            return;
        };
        let (winner, loser) = if wins(&self.submissions[j], &self.submissions[i]) { (j, i) } else { (i, j) };
        if winner == i {
            self.best.insert(unit.clone(), i);
        }
        let losers = self.losers.entry(unit).or_default();
        let s = &mut self.submissions[loser];
        let k = key(s);
        // Not among the latest kept: nothing to compare (the list is sorted, latest first).
        if losers.len() < MAX_SUPERSEDED_WITH_CHANGES || losers.last().is_some_and(|l| k > l.key) {
            losers.push(Loser { key: k, name: s.file_name().to_string(), report: s.report.clone() });
            losers.sort_by(|a, b| b.key.cmp(&a.key));
            losers.truncate(MAX_SUPERSEDED_WITH_CHANGES);
        }
        s.slim();
        s.cells = Default::default();
    }

    /// The merge of everything added: outcomes, totals, the multi-year view with its
    /// cross-year warnings, and 变更记录.
    pub fn finish(self) -> Merge {
        let Merger { reader, submissions, history, best, losers } = self;
        let mut changes: Vec<(usize, Key, Vec<Change>)> = Vec::new();
        for (unit, list) in &losers {
            let Some(accepted) = best.get(unit).map(|&i| &submissions[i]) else { continue };
            let order = reader.plan.units.iter().position(|u| &u.name == unit).unwrap_or(usize::MAX);
            for l in list {
                let found =
                    rows(unit, accepted.file_name(), &l.name, &diff(&l.report, &accepted.report), &accepted.cells);
                changes.push((order, l.key.clone(), found));
            }
        }
        changes.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut merge = jz_core::merge_with_history(reader.plan, reader.year, submissions, history);
        merge.summary.changes = changes.into_iter().flat_map(|(_, _, c)| c).collect();
        merge
    }
}

/// The order that picks a unit's file ([`wins`]): 填报日期, SHA-256, file name.
type Key = (Option<Date>, String, String);

/// The [`Key`] of a submission.
fn key(s: &Submission) -> Key {
    (s.report.date, s.sha256.clone(), s.file_name().to_string())
}
