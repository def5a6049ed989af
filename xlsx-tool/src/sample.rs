//! Built-in sample submissions: realistic filled workbooks for every unit, deterministic
//! from a seed. The CLI walk-through, the web page's 示例数据 button and the benchmarks
//! use them.

use jz_core::{Date, IndicatorEntry, MeasureEntry, Plan, Report, Status};

use crate::Error;

pub mod years;

pub use years::sample_years;

/// A tiny deterministic generator (SplitMix64); no dependency needed for sample texts.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DONE: [&str; 4] = [
    "已按计划完成本项工作，相关制度文件已印发执行",
    "本年度目标任务全部完成，形成了可复制推广的工作经验",
    "已完成既定任务并通过市局组织的验收",
    "各项指标均已达到年度要求，工作台账完整",
];
const PROGRESS: [&str; 8] = [
    "召开专题推进会{n}次，明确了责任分工和时间节点",
    "走访重点企业{n}家，摸排知识产权需求，建立了服务台账",
    "联合相关部门开展专项行动{n}次，查办案件线索若干",
    "举办知识产权培训班{n}期，累计培训企业人员{m}人次",
    "指导企业开展专利布局，新增发明专利申请{m}件",
    "制定工作方案并报市政府审定，已进入组织实施阶段",
    "与{高校}签订合作协议，推动成果转化对接",
    "建立工作专班，每月调度一次工作进展",
];
/// The universities a progress text names under a plan for the built-in plan's place
/// (`{高校}`); another place's texts say `本地高校`.
const LOCAL_UNIVERSITIES: &str = "河南理工大学等高校";
const PROBLEMS: [&str; 5] = [
    "专业人才不足，基层执法力量薄弱",
    "企业知识产权意识有待提高，主动性不强",
    "资金保障不足，部分工作推进较慢",
    "部门间信息共享机制尚不完善",
    "",
];
const NEXT: [&str; 5] = [
    "继续加强统筹协调，确保年底前完成全部任务",
    "加大宣传培训力度，扩大企业覆盖面",
    "完善考核机制，将任务纳入年度目标考核",
    "争取上级资金支持，推动重点项目落地",
    "总结经验做法，形成长效工作机制",
];
const EVIDENCE: [&str; 4] = ["工作方案、会议纪要", "培训签到表及照片", "案件查办台账", "合作协议复印件"];

/// A realistic valid report for `unit` and `year`.
pub fn sample_report(plan: &Plan, unit: &str, year: u16, rng: &mut Rng) -> Report {
    let universities = if plan.is_builtin_region() { LOCAL_UNIVERSITIES } else { "本地高校" };
    let fill = |s: &str, rng: &mut Rng| {
        s.replace("{n}", &(2 + rng.below(6)).to_string())
            .replace("{m}", &(20 + rng.below(300)).to_string())
            .replace("{高校}", universities)
    };
    let measures = plan
        .measures_of(unit)
        .map(|m| {
            let status = [Status::InProgress, Status::InProgress, Status::Ongoing, Status::Done, Status::NotStarted]
                [rng.below(5)];
            let progress = match status {
                Status::NotStarted => String::new(),
                Status::Done => format!("{}。{}。", fill(rng.pick(&PROGRESS), rng), rng.pick(&DONE)),
                _ => format!("{}；{}。", fill(rng.pick(&PROGRESS), rng), fill(rng.pick(&PROGRESS), rng)),
            };
            MeasureEntry {
                status: Some(status),
                status_text: status.label().to_string(),
                progress,
                problems: rng.pick(&PROBLEMS).to_string(),
                next_plan: if status == Status::Done { String::new() } else { rng.pick(&NEXT).to_string() },
                evidence: rng.pick(&EVIDENCE).to_string(),
                ..MeasureEntry::blank(&m, true)
            }
        })
        .collect();
    let indicators = plan
        .indicators_of(unit)
        .map(|ind| {
            let share = if ind.reporter_units.len() > 1 { ind.reporter_units.len() as f64 } else { 1.0 };
            let base = ind.target / share * (0.1 + (rng.below(60) as f64) / 100.0);
            let value = if ind.is_count() { base.round() } else { (base * 100.0).round() / 100.0 };
            IndicatorEntry {
                id: ind.id.clone(),
                value: Some(value),
                value_text: jz_core::cell::format_number(value),
                remark: String::new(),
                assigned: true,
            }
        })
        .collect();
    let day = 5 + rng.below(20) as u32;
    Report {
        unit: Some(unit.to_string()),
        year: Some(year),
        contact: rng.pick(&["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆"]).to_string(),
        phone: sample_phone(plan, 3_000_000 + rng.below(6_000_000)),
        date: Date::new(i32::from(year) + 1, 1, day),
        date_text: String::new(),
        measures,
        indicators,
    }
}

/// A sample 联系电话 from a seven-digit number: a landline with the place's area code
/// (`0391-…` under the built-in plan, [`Plan::area_code`]), else a mobile number, which
/// names no city.
fn sample_phone(plan: &Plan, number: usize) -> String {
    match plan.area_code() {
        Some(code) => format!("{code}-{number}"),
        None => format!("1380{number}"),
    }
}

/// The built-in sample set for `year`: a file for every expected unit but 中医药局 (so
/// the summary shows a missing unit), with 博爱县's file carrying errors, 武陟县's
/// warnings, and 温县 sending a corrected second version that supersedes its first.
///
/// # Errors
/// When a workbook cannot be written (not expected).
pub fn sample_set(plan: &Plan, year: u16, seed: u64) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    for unit in plan.expected_units() {
        if unit == "中医药局" {
            continue;
        }
        let mut report = sample_report(plan, unit, year, &mut rng);
        match unit {
            "博爱县" => {
                break_file(&mut report);
            }
            "武陟县" => {
                if let Some(i) = report.indicators.first_mut() {
                    i.value_text = format!("{}件", i.value_text);
                }
            }
            "温县" => {
                let first = report.clone();
                let mut early = first;
                early.date = Date::new(i32::from(year) + 1, 1, 2);
                files.push((
                    format!("{unit}_{year}年度填报表_初稿.xlsx"),
                    crate::template::filled(plan, &early, unit, year, &[])?,
                ));
            }
            _ => {}
        }
        let name = format!("{unit}_{year}年度填报表.xlsx");
        files.push((name, crate::template::filled(plan, &report, unit, year, &[])?));
    }
    Ok(files)
}

/// Two errors: a 完成状态 not in the list and a value in the wrong unit.
pub(crate) fn break_file(report: &mut Report) {
    if let Some(m) = report.measures.first_mut() {
        m.status = None;
        m.status_text = "完成".into();
    }
    if let Some(i) = report.indicators.iter_mut().find(|i| i.id == "I12") {
        i.value = None;
        i.value_text = "2000万元".into();
    }
}
