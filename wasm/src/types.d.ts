// Generated from the Rust types by wasm/tests/types.rs (ts-rs); do not edit.
// UPDATE_TYPES=1 cargo test -p jz-wasm --test types rewrites it.

/**
 * How unit values combine into the city value.
 */
export type Aggregation = "sum" | "single";

/**
 * What a diagnostic is about: the report header, a measure row or an indicator row.
 */
export type Anchor = { "kind": "header", 
/**
 * Which one.
 */
field: Field, } | { "kind": "measure", 
/**
 * Measure id (`2.1`).
 */
id: string, 
/**
 * Which column.
 */
field: Field, } | { "kind": "indicator", 
/**
 * Indicator id (`I02`).
 */
id: string, 
/**
 * Which column.
 */
field: Field, };

/**
 * The board of one year.
 */
export type Board = { 
/**
 * The year.
 */
year: number, 
/**
 * The date reports of the year are due ([`Plan::due_date`]).
 */
deadline: string | null, 
/**
 * Every expected unit, plan order.
 */
units: Array<BoardUnit>, 
/**
 * Files of earlier years (they serve the multi-year view).
 */
earlier: number, 
/**
 * Other files not on the board: unit or year unknown, a unit no measure or indicator
 * expects, a later year.
 */
unplaced: number, };

/**
 * One checked file, as the board needs it: what `validate` answers (path, SHA-256, unit,
 * year, ok) and the report's 填报日期.
 */
export type BoardFile = { 
/**
 * The path (or name) as given.
 */
path: string, 
/**
 * SHA-256 of the file's bytes, lower-case hex (empty when unknown).
 */
sha256: string, 
/**
 * Canonical unit, if known.
 */
unit: string | null, 
/**
 * Year, if known.
 */
year: number | null, 
/**
 * No finding is an error.
 */
ok: boolean, 
/**
 * 填报日期, if readable.
 */
date: string | null, };

/**
 * One expected unit on the board.
 */
export type BoardUnit = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * Received (a valid file of the year), rejected (only files with errors) or missing.
 */
state: UnitState, 
/**
 * The file the unit stands for: the one the merge takes, else its last rejected file.
 */
path: string | null, 
/**
 * How many valid files of the year the taken one superseded.
 */
superseded: number, 
/**
 * That file's 填报日期.
 */
date: string | null, 
/**
 * Whether that 填报日期 is on or before the deadline; `null` without a date.
 */
on_time: boolean | null, };

/**
 * One row of 变更记录 (merge JSON `changes`).
 */
export type Change = { 
/**
 * Canonical unit.
 */
unit: string, 
/**
 * The accepted file's name.
 */
file: string, 
/**
 * The superseded file's name.
 */
superseded: string, 
/**
 * Sheet of the accepted file the cell is on.
 */
sheet: string, 
/**
 * A1 cell of the field in the accepted file (empty when the accepted file lacks it).
 */
cell: string, 
/**
 * The column, e.g. `进展情况（举措 2.1）` or `本年度完成值（I12）`.
 */
field: string, 
/**
 * What the superseded file had.
 */
old: string, 
/**
 * What the accepted file has.
 */
new: string, };

/**
 * Stable diagnostic codes (contract §5). Outside scripts match on these strings.
 */
export type Code = "not-a-workbook" | "too-large" | "unknown-layout" | "missing-sheet" | "missing-column" | "extra-column" | "unit-unknown" | "unit-mismatch" | "year-invalid" | "plan-mismatch" | "measure-unknown" | "measure-not-assigned" | "measure-missing" | "measure-duplicate" | "measure-text-changed" | "status-missing" | "status-invalid" | "progress-missing" | "text-too-long" | "next-plan-missing" | "contact-missing" | "date-invalid" | "indicator-unknown" | "indicator-not-assigned" | "indicator-duplicate" | "value-not-number" | "value-negative" | "value-not-integer" | "value-unit-mismatch" | "value-coerced" | "value-outlier" | "stock-decreased" | "value-jump" | "status-regressed" | "encrypted" | "column-renamed" | "measure-matched-by-text";

/**
 * One finding about one file.
 */
export type Diagnostic = { 
/**
 * Stable code.
 */
code: Code, 
/**
 * `error` or `warning`.
 */
severity: Severity, 
/**
 * Sheet name as in the file, or empty.
 */
sheet: string, 
/**
 * A1 reference, or empty when the finding is about the whole file or sheet.
 */
cell: string, 
/**
 * Plain Chinese: what is wrong and what to type instead.
 */
message: string, 
/**
 * What the finding is about, when it is about a field of the report.
 */
anchor?: Anchor | null, };

/**
 * The evaluation (contract §12 JSON).
 */
export type Evaluation = { 
/**
 * 计划名称.
 */
plan: string, 
/**
 * Plan id.
 */
plan_id: string, 
/**
 * Plan hash.
 */
plan_hash: string, 
/**
 * The years evaluated, ascending (`first_year..=Y`).
 */
years: Array<number>, 
/**
 * Whether the evaluation ends before the plan's last year (中期评估).
 */
interim: boolean, 
/**
 * The latest 填报日期 of any accepted report (the documents' date; never the clock).
 */
latest_date: string | null, 
/**
 * Per indicator, plan order.
 */
indicators: Array<IndicatorEvaluation>, 
/**
 * Per measure (plan order) × responsible unit (plan unit order).
 */
measures: Array<MeasureEvaluation>, 
/**
 * Per expected unit, plan order.
 */
units: Array<UnitRecord>, };

/**
 * A field of the unit workbook a diagnostic is about, independent of where the unit's
 * copy had it: lets a fixed copy be re-made with the problem marked at the right cell.
 */
export type Field = "unit" | "year" | "contact" | "phone" | "date" | "id" | "task_text" | "measure_text" | "responsible" | "status" | "progress" | "problems" | "next_plan" | "evidence" | "indicator_name" | "indicator_unit" | "target" | "value" | "remark";

/**
 * The per-file JSON of `validate` (contract §6).
 */
export type FileResult = { 
/**
 * Path as given.
 */
path: string, 
/**
 * Canonical unit, or null.
 */
unit: string | null, 
/**
 * Year, or null.
 */
year: number | null, 
/**
 * No errors.
 */
ok: boolean, 
/**
 * Every finding.
 */
diagnostics: Array<Diagnostic>, 
/**
 * SHA-256 of the file's bytes, lower-case hex (an addition to contract §6: the page's
 * board breaks a same-day tie with it exactly as the merge does); left out for an
 * input that could not be read at all.
 */
sha256?: string, };

/**
 * A named set of units.
 */
export type Group = { 
/**
 * Group name as the annex writes it.
 */
name: string, 
/**
 * Canonical unit names.
 */
members: Array<string>, };

/**
 * A named group of units (单位组) that differs between the versions.
 */
export type GroupChange = { 
/**
 * Group name.
 */
name: string, 
/**
 * `added`, `removed` or `changed`.
 */
change: string, 
/**
 * Members only in the new plan (all of them when added).
 */
members_added: Array<string>, 
/**
 * Members only in the old plan (all of them when removed).
 */
members_removed: Array<string>, };

/**
 * One cell of the header row and what it is read as.
 */
export type HeaderColumn = { 
/**
 * A1 reference of the header cell.
 */
cell: string, 
/**
 * The header as written.
 */
header: string, 
/**
 * The template column it is read as, or null.
 */
column: string | null, 
/**
 * Why.
 */
how: How, 
/**
 * The template column it most likely is, when not read (one of two candidates).
 */
suggested: string | null, };

/**
 * A file's header row as read: what the page's 对应列 step shows.
 */
export type HeaderView = { 
/**
 * Sheet name as in the file.
 */
sheet: string, 
/**
 * One-based row of the header.
 */
row: number, 
/**
 * The template's columns (of the measures sheet), in template order.
 */
template: Array<string>, 
/**
 * The header cells, left to right.
 */
columns: Array<HeaderColumn>, 
/**
 * The first data rows, one text per header cell.
 */
preview: Array<Array<string>>, };

/**
 * How a header cell was read.
 */
export type How = "label" | "mapped" | "synonym" | "content" | "unread";

/**
 * A quantitative target (量化指标).
 */
export type Indicator = { 
/**
 * `I01`..
 */
id: string, 
/**
 * 名称.
 */
name: string, 
/**
 * Target value for the plan period.
 */
target: number, 
/**
 * 计量单位: `件`, `个`, `家`, `所`, `次`, `件/万人`, `亿元`, `%`.
 */
unit: string, 
/**
 * flow / stock / annual.
 */
kind: IndicatorKind, 
/**
 * sum / single.
 */
aggregation: Aggregation, 
/**
 * Unit or group names that get the row in their template.
 */
reporters: Array<string>, 
/**
 * Where the document states the target.
 */
source: string, 
/**
 * What to fill in, in plain Chinese.
 */
description: string, 
/**
 * A discrepancy or remark shown in the summary.
 */
note?: string | null, 
/**
 * `reporters` expanded to canonical unit names (output only).
 */
reporter_units: Array<string>, 
/**
 * 基期年度: the year of the baseline value (usually the year before the plan).
 */
base_year?: number | null, 
/**
 * 基期值: the value in `base_year`; a stock indicator's expected pace starts there.
 */
base_value?: number | null, 
/**
 * 属性: `约束性` or `预期性` as the plan marks it (empty when it does not).
 */
attribute?: string, 
/**
 * What the plan's Word document left open (an import): the plan workbook leaves
 * these cells for the office and does not load until they are filled in. Empty for
 * a plan read from a plan workbook or a plan file.
 */
to_fill?: ToFill, };

/**
 * One indicator that differs between the versions.
 */
export type IndicatorChange = { 
/**
 * Indicator id (the new one when both exist).
 */
id: string, 
/**
 * `added`, `removed` or `changed`.
 */
change: string, 
/**
 * Fields that changed: `name`, `target`, `unit`, `kind`, `aggregation`, `reporters`.
 */
fields: Array<string>, 
/**
 * Old target (when it exists in the old plan).
 */
old_target: number | null, 
/**
 * New target (when it exists in the new plan).
 */
new_target: number | null, 
/**
 * What changed, in Chinese.
 */
message: string, };

/**
 * A unit's indicator entry, as understood.
 */
export type IndicatorEntry = { 
/**
 * Indicator id (`I02`).
 */
id: string, 
/**
 * The number, `None` when blank ("not reported") or not understood.
 */
value: number | null, 
/**
 * 本年度完成值 exactly as written.
 */
value_text: string, 
/**
 * 说明.
 */
remark: string, 
/**
 * Whether the plan makes the unit a reporter of this indicator.
 */
assigned: boolean, };

/**
 * One indicator over the period.
 */
export type IndicatorEvaluation = { 
/**
 * `I01`..
 */
id: string, 
/**
 * 指标名称.
 */
name: string, 
/**
 * 计量单位.
 */
unit: string, 
/**
 * flow / stock / annual.
 */
kind: IndicatorKind, 
/**
 * 属性 (`约束性`/`预期性`) when the plan gives it, else empty.
 */
attribute: string, 
/**
 * 基期值 when the plan gives it.
 */
baseline: number | null, 
/**
 * 目标值.
 */
target: number, 
/**
 * City value per year (`"2022"` → value, `null` when nobody reported it that year).
 */
values: { [key in string]: number | null }, 
/**
 * 期末值; `null` without data.
 */
final: number | null, 
/**
 * The year 期末值 was taken from for a stock reported last before the final year.
 */
final_year: number | null, 
/**
 * 完成率 = 期末值 / 目标值; `null` without data.
 */
rate: number | null, 
/**
 * 评估结论.
 */
verdict: Verdict, };

/**
 * How an indicator's yearly values relate to its target.
 */
export type IndicatorKind = "flow" | "stock" | "annual";

/**
 * One indicator's standing against the plan target at the end of a year.
 */
export type IndicatorProgress = { 
/**
 * `I01`..
 */
id: string, 
/**
 * flow / stock / annual.
 */
kind: IndicatorKind, 
/**
 * The plan target.
 */
target: number, 
/**
 * flow: sum so far; stock: latest level; annual: this year's value. `null` without data.
 */
cumulative: number | null, 
/**
 * `cumulative / target`; `null` without data.
 */
rate: number | null, 
/**
 * What `cumulative` should be by now (flow, stock: `target × k / n`; annual: `target`).
 */
expected: number, 
/**
 * 正常 / 关注 / 滞后 / 无数据.
 */
judgement: Judgement, 
/**
 * Why, in Chinese.
 */
reason: string, 
/**
 * City value per year `first_year..=Y` (`"2022"` → value, `null` when no data).
 */
years: { [key in string]: number | null }, 
/**
 * `rate` as it stood at the end of each year `first_year..=Y` (`null` without data then).
 */
rates: { [key in string]: number | null }, };

/**
 * The city figure for one indicator.
 */
export type IndicatorTotal = { 
/**
 * `I01`..
 */
id: string, 
/**
 * City total; `null` when nobody reported.
 */
total: number | null, 
/**
 * Target.
 */
target: number, 
/**
 * `total / target`; `null` when nobody reported.
 */
rate: number | null, 
/**
 * Reporters with a value.
 */
reported: number, 
/**
 * Reporters expected.
 */
expected: number, };

/**
 * 正常 / 关注 / 滞后 / 无数据.
 */
export type Judgement = "正常" | "关注" | "滞后" | "无数据";

/**
 * A measure (落实举措).
 */
export type Measure = { 
/**
 * `"<task>.<n>"`.
 */
id: string, 
/**
 * The annex text verbatim.
 */
text: string, 
/**
 * 责任单位 of this measure when it differs from its task's (unit or group names).
 */
responsible?: Array<string>, 
/**
 * 牵头单位 (unit or group names); with `support`, replaces the task's 责任单位.
 */
lead?: Array<string>, 
/**
 * 配合单位 (unit or group names).
 */
support?: Array<string>, 
/**
 * 完成时限 verbatim (`2026年底前`, `长期坚持`), empty when the plan gives none.
 */
due?: string, 
/**
 * Every unit of the measure with its role, lead units first, then responsible, then
 * supporting units, each in plan unit order (output only).
 */
roles: Array<UnitRole>, 
/**
 * The units that report on it: `roles` without supporting units when the plan's
 * 配合单位填报 is 否 (output only).
 */
units: Array<string>, };

/**
 * One measure that differs between the versions.
 */
export type MeasureChange = { 
/**
 * `added`, `removed` or `changed`.
 */
change: string, 
/**
 * The measure in the old plan (none when added).
 */
old: MeasureSide | null, 
/**
 * The measure in the new plan (none when removed).
 */
new: MeasureSide | null, 
/**
 * The id changed (moved within a task or to another task).
 */
renumbered: boolean, 
/**
 * It is now under another task.
 */
moved_task: boolean, 
/**
 * The text changed.
 */
reworded: boolean, 
/**
 * The responsible units changed.
 */
units_changed: boolean, 
/**
 * What changed, in Chinese.
 */
message: string, };

/**
 * Status counts of one measure over its expected units.
 */
export type MeasureCounts = { 
/**
 * Measure id.
 */
id: string, 
/**
 * Keyed by the four 完成状态 values and `未报送`; every key present.
 */
status_counts: { [key in string]: number }, };

/**
 * A unit's measure entry, as understood.
 */
export type MeasureEntry = { 
/**
 * Measure id (`2.1`) as written (trimmed).
 */
id: string, 
/**
 * 任务内容 as written.
 */
task_text: string, 
/**
 * 落实举措 as written.
 */
measure_text: string, 
/**
 * 责任单位 as written.
 */
responsible: string, 
/**
 * 完成状态, `None` when blank or not one of the four values.
 */
status: Status | null, 
/**
 * 完成状态 exactly as written (kept so nothing typed is lost).
 */
status_text: string, 
/**
 * 进展情况.
 */
progress: string, 
/**
 * 存在问题.
 */
problems: string, 
/**
 * 下一步计划.
 */
next_plan: string, 
/**
 * 佐证材料.
 */
evidence: string, 
/**
 * Whether the plan assigns this measure to the unit.
 */
assigned: boolean, };

/**
 * One measure × responsible unit over the period.
 */
export type MeasureEvaluation = { 
/**
 * Measure id.
 */
id: string, 
/**
 * Task number.
 */
task: number, 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * The unit's role (`牵头`, `配合`, `责任`).
 */
role: string, 
/**
 * Per year, the 完成状态 or `未报送`.
 */
statuses: { [key in string]: string }, 
/**
 * 终期状态: the last reported status, `未报送` when never reported.
 */
final_status: string, 
/**
 * The year of [`Self::final_status`]; `null` when never reported.
 */
final_year: number | null, 
/**
 * 评估结论.
 */
verdict: MeasureVerdict, 
/**
 * 进展情况 of that year, verbatim.
 */
progress: string, 
/**
 * 存在问题 of that year, verbatim.
 */
problems: string, };

/**
 * A measure as listed in the flat `measures` array of the plan JSON.
 */
export type MeasureInfo = { 
/**
 * `"<task>.<n>"`.
 */
id: string, 
/**
 * Task number.
 */
task: number, 
/**
 * The annex text verbatim.
 */
text: string, 
/**
 * Canonical units that report on it.
 */
units: Array<string>, 
/**
 * Every unit with its role, lead units first.
 */
roles: Array<UnitRole>, 
/**
 * 完成时限 verbatim.
 */
due?: string, };

/**
 * A measure in one plan version.
 */
export type MeasureSide = { 
/**
 * Measure id (`2.1`).
 */
id: string, 
/**
 * Task number.
 */
task: number, 
/**
 * The measure text.
 */
text: string, 
/**
 * Responsible units.
 */
units: Array<string>, };

/**
 * Per measure, the status of each responsible unit in each year with data.
 */
export type MeasureTrend = { 
/**
 * Measure id.
 */
id: string, 
/**
 * Responsible units in plan order.
 */
units: Array<UnitTrend>, };

/**
 * 评估结论 of a measure for one unit.
 */
export type MeasureVerdict = "已完成" | "持续推进" | "未完成";

/**
 * The merge result as JSON consumers see it (contract §6), also what `read` returns.
 */
export type MergeSummary = { 
/**
 * The summary's year.
 */
year: number, 
/**
 * Plan id used.
 */
plan_id: string, 
/**
 * Plan hash used.
 */
plan_hash: string, 
/**
 * Accepted file paths, sorted.
 */
accepted: Array<string>, 
/**
 * Rejected file paths, sorted.
 */
rejected: Array<string>, 
/**
 * Valid files replaced by a later one of the same unit and year, sorted.
 */
superseded: Array<string>, 
/**
 * Valid files of earlier years (not counted), sorted.
 */
earlier: Array<string>, 
/**
 * Expected units without an accepted file, in plan order.
 */
missing_units: Array<string>, 
/**
 * Per indicator, plan order.
 */
indicators: Array<IndicatorTotal>, 
/**
 * Per measure, plan order.
 */
measures: Array<MeasureCounts>, 
/**
 * Earlier city summaries whose data was used for the multi-year view, sorted.
 */
summaries: Array<string>, 
/**
 * Years with data in the multi-year view (up to `year`), ascending.
 */
years: Array<number>, 
/**
 * Per indicator (plan order) the standing against the plan target at the end of `year`
 * over all years so far (see [`crate::progress`]).
 */
progress: Array<IndicatorProgress>, 
/**
 * Per measure (plan order) each responsible unit's status in each year of `years`.
 */
trend: Array<MeasureTrend>, 
/**
 * 变更记录: every cell that differs between a unit's accepted file and each file it
 * superseded (see [`crate::changes`]; at most [`super::MAX_SUPERSEDED_WITH_CHANGES`]
 * superseded files per unit, the latest).
 */
changes: Array<Change>, 
/**
 * 督办清单 rows (see [`super::follow_up`]).
 */
supervision: Array<SupervisionRow>, 
/**
 * 催报名单 rows (see [`super::follow_up`]).
 */
reminders: Array<ReminderRow>, 
/**
 * Inputs that were not read, each with the reason, sorted by path (contract §6:
 * nothing is silently skipped): files of scanned folders that are not spreadsheets
 * (lock files...) and summaries whose data cannot be read. Every caller hands them to
 * the merge as [`super::Input::Unreadable`].
 */
skipped: Array<Skipped>, };

/**
 * The whole plan. Fields marked "output only" are derived on load and ignored when read.
 */
export type Plan = { 
/**
 * Stable identifier, written into every workbook's `_meta`.
 */
id: string, 
/**
 * The document's title.
 */
title: string, 
/**
 * First reporting year (2022).
 */
first_year: number, 
/**
 * Last reporting year (2025).
 */
last_year: number, 
/**
 * 报送截止日期: a day of the year after the report's year, written `MM-DD` in plan
 * files (`""` or absent: none given, and [`MonthDay::DEFAULT`] applies, see
 * [`Plan::due_date`]). Checked when the plan is loaded.
 */
deadline: string, 
/**
 * 地区, the place the plan is for (`焦作市`); on load, when absent, the place name the
 * title starts with.
 */
region: string, 
/**
 * 收报单位: the canonical name of the unit that collects the reports; on load, when
 * absent, `市场监管局` if the plan has it, else its first unit.
 */
collector: string, 
/**
 * 主送机关: the report's addressee; `市人民政府` when absent.
 */
addressee: string, 
/**
 * 报告标题 with `{年度}` where the year goes; when absent,
 * `{年度}年度{地区}推动知识产权高质量发展工作情况报告`.
 */
report_title: string, 
/**
 * 配合单位填报: whether supporting units get their measures in their templates
 * (default yes).
 */
supporting_report: boolean, 
/**
 * The heading the page and the tool show (`焦作市推动知识产权高质量发展`; output
 * only, derived from `region` on load).
 */
heading: string, 
/**
 * Assumptions and discrepancies with the source document, shown in summaries.
 */
notes: Array<string>, 
/**
 * The responsible units, canonical names first.
 */
units: Array<Unit>, 
/**
 * Named groups of units used in 责任单位 and reporters (`各县区`).
 */
groups: Array<Group>, 
/**
 * Sections 一..四.
 */
sections: Array<Section>, 
/**
 * Tasks 1..14 with their measures.
 */
tasks: Array<Task>, 
/**
 * Quantitative targets.
 */
indicators: Array<Indicator>, 
/**
 * Every measure in plan order with its task and units (output only; derived from
 * `tasks`, ignored on load) for scripts that want a flat list.
 */
measures: Array<MeasureInfo>, 
/**
 * Content hash (output only; recomputed on load).
 */
hash: string, };

/**
 * The difference between two plans (JSON of `xlsx-tool plan diff --json`).
 */
export type PlanDiff = { 
/**
 * Old plan id.
 */
old_id: string, 
/**
 * Old plan hash.
 */
old_hash: string, 
/**
 * New plan id.
 */
new_id: string, 
/**
 * New plan hash.
 */
new_hash: string, 
/**
 * Whether the two are the same plan content.
 */
identical: boolean, 
/**
 * Units (责任单位) only in the new plan.
 */
units_added: Array<string>, 
/**
 * Units only in the old plan.
 */
units_removed: Array<string>, 
/**
 * Measures that differ, in new plan order, removed ones last.
 */
measures: Array<MeasureChange>, 
/**
 * Indicators that differ, in new plan order, removed ones last.
 */
indicators: Array<IndicatorChange>, 
/**
 * Units added, removed, regrouped or with aliases changed.
 */
unit_changes: Array<UnitChange>, 
/**
 * Groups added, removed or with members changed.
 */
group_changes: Array<GroupChange>, 
/**
 * Other changes in Chinese: plan name, years, deadline, section and task titles,
 * notes, indicator texts.
 */
other_changes: Array<string>, 
/**
 * The whole diff as a short memo in Chinese, one line a sentence (see
 * [`memo()`]).
 */
memo: Array<string>, };

/**
 * One problem of a plan file, at its place.
 */
export type PlanProblem = { 
/**
 * `plan-invalid` (the plan cannot be used) or `unit-unmapped` (an import listed a name
 * it could not map to a unit of the plan).
 */
code: string, 
/**
 * `error` stops the plan from being used.
 */
severity: Severity, 
/**
 * Sheet name (empty for a text plan file or the whole file).
 */
sheet: string, 
/**
 * A1 reference, or empty.
 */
cell: string, 
/**
 * What is wrong and what to type instead, in Chinese.
 */
message: string, };

/**
 * One row of the 催报名单.
 */
export type ReminderRow = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * `未报送` or `退回`.
 */
status: string, 
/**
 * 联系人 from the unit's latest file that names one; empty when unknown.
 */
contact: string, 
/**
 * 联系电话 from the same file; empty when unknown.
 */
phone: string, 
/**
 * The unit's latest file: 填报日期, year and file name; [`super::follow_up::NEVER_SUBMITTED`] without one.
 */
last_submitted: string, 
/**
 * What the unit must send or fix, in one sentence.
 */
todo: string, 
/**
 * The plain-text 催报 message to paste into a chat or SMS.
 */
notice: string, };

/**
 * A unit's report as understood by [`crate::validate()`].
 */
export type Report = { 
/**
 * Canonical unit name, `None` when it could not be resolved.
 */
unit: string | null, 
/**
 * Reporting year.
 */
year: number | null, 
/**
 * 联系人.
 */
contact: string, 
/**
 * 联系电话 (text; leading zeros kept).
 */
phone: string, 
/**
 * 填报日期.
 */
date: string | null, 
/**
 * 填报日期 exactly as written (kept when it is not a date).
 */
date_text: string, 
/**
 * Measure entries, in the order read.
 */
measures: Array<MeasureEntry>, 
/**
 * Indicator entries, in the order read.
 */
indicators: Array<IndicatorEntry>, };

/**
 * A unit's part in a measure.
 */
export type Role = "lead" | "responsible" | "support";

/**
 * A section of the annex (一..四).
 */
export type Section = { 
/**
 * `一`, `二`, ...
 */
number: string, 
/**
 * Section title.
 */
title: string, };

/**
 * `error` stops a file from being merged; `warning` does not.
 */
export type Severity = "error" | "warning";

/**
 * A file in a scanned folder that was not read, and why (plain Chinese).
 */
export type Skipped = { 
/**
 * The file's path as found.
 */
path: string, 
/**
 * Why it was not read, e.g. `这是 Excel/WPS 打开文件时生成的临时文件`.
 */
reason: string, };

/**
 * 完成状态.
 */
export type Status = "未启动" | "推进中" | "已完成" | "持续推进";

/**
 * One row of the 督办清单.
 */
export type SupervisionRow = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * One of [`super::follow_up::category::ALL`].
 */
category: string, 
/**
 * Measure id (`2.1`) or indicator id (`I02`); empty for a 报送 row.
 */
id: string, 
/**
 * The measure text, the indicator name with its target, or what was to be sent.
 */
content: string, 
/**
 * What the inputs show (values, statuses, file and error count).
 */
situation: string, 
/**
 * The rule that makes it a matter to chase.
 */
basis: string, };

/**
 * A task (任务内容) with its measures.
 */
export type Task = { 
/**
 * 1..14.
 */
number: number, 
/**
 * The section number it belongs to.
 */
section: string, 
/**
 * Task title without its number.
 */
title: string, 
/**
 * The annex 责任单位 cell verbatim.
 */
responsible_text: string, 
/**
 * Unit or group names responsible for every measure of the task.
 */
responsible: Array<string>, 
/**
 * Set when the responsibility is an assumption of the built-in plan.
 */
assumption?: string | null, 
/**
 * The measures (落实举措) in annex order.
 */
measures: Array<Measure>, 
/**
 * `responsible` expanded to canonical unit names (output only).
 */
units: Array<string>, };

/**
 * The cells of an imported indicator the office must fill in (see
 * [`Indicator::to_fill`]; an indicator without 填报单位 has empty `reporters`).
 */
export type ToFill = { 
/**
 * The document does not say whether it is 累计新增, 年末存量 or 当年数值.
 */
kind?: boolean, 
/**
 * The target as the document writes it when that is not a number (`稳步提升`).
 */
target?: string, };

/**
 * A responsible unit (责任单位).
 */
export type Unit = { 
/**
 * Canonical name, the key everywhere.
 */
name: string, 
/**
 * `市直` or `各县区`.
 */
group: string, 
/**
 * Other names accepted on input.
 */
aliases: Array<string>, };

/**
 * A unit (责任单位) that differs between the versions.
 */
export type UnitChange = { 
/**
 * Canonical name.
 */
name: string, 
/**
 * `added`, `removed` or `changed`.
 */
change: string, 
/**
 * Group (`市直`/`各县区`) in the old plan (none when added).
 */
old_group: string | null, 
/**
 * Group in the new plan (none when removed).
 */
new_group: string | null, 
/**
 * Aliases only in the new plan (all of them when added).
 */
aliases_added: Array<string>, 
/**
 * Aliases only in the old plan.
 */
aliases_removed: Array<string>, };

/**
 * One expected unit's reporting record over the period.
 */
export type UnitRecord = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * 应报年度: years the unit was expected to report.
 */
expected: number, 
/**
 * 已报: years with an accepted report.
 */
reported: number, 
/**
 * 按期: accepted and dated on or before the deadline.
 */
on_time: number, 
/**
 * 逾期: accepted, dated after the deadline or undated.
 */
late: number, 
/**
 * 退回: only rejected files that year.
 */
rejected: number, 
/**
 * 未报送: nothing that year.
 */
missing: number, };

/**
 * A unit with its role in one measure.
 */
export type UnitRole = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * Its role.
 */
role: Role, };

/**
 * 报送情况 of one expected unit.
 */
export type UnitState = "received" | "missing" | "rejected";

/**
 * The statuses of one unit for a measure, per year.
 */
export type UnitTrend = { 
/**
 * Canonical unit name.
 */
unit: string, 
/**
 * `"2022"` → 完成状态, or `未报送` when the unit has no data that year.
 */
years: { [key in string]: string }, };

/**
 * A name or cell of the annex that could not be mapped to the base plan.
 */
export type Unmapped = { 
/**
 * The text as the document writes it.
 */
text: string, 
/**
 * The task it belongs to (0: an indicator).
 */
task: number, 
/**
 * What was done with it, in Chinese.
 */
message: string, };

/**
 * 评估结论 of an indicator.
 */
export type Verdict = "已完成" | "基本完成" | "未完成" | "无数据";
