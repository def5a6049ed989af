//! 督办清单 and 催报名单 (contract §10) against hand-worked expectations, on a small merge of
//! real workbooks: unit templates filled in (as `xlsx-tool template` makes them) and the
//! openpyxl fixtures of `tests/fixtures/merge_set`. The summary sheets are read back with
//! calamine and must equal the merge JSON; `read` returns that JSON too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jz_core::follow_up::{NEVER_SUBMITTED, REMINDER_COLUMNS, SUPERVISION_COLUMNS};
use jz_core::{Date, Merge, Plan, Report, Status};
use xlsx_tool::{Limits, merge_files, summary};

/// A filled-in report of `unit` for `year`: every measure 推进中 except those in
/// `statuses` (`None` = an invalid 完成状态 `完成`), the given indicator values.
fn report(
    plan: &Plan,
    unit: &str,
    year: u16,
    contact: (&str, &str, Date),
    statuses: &[(&str, Option<Status>)],
    values: &[(&str, f64)],
) -> Report {
    let report = Report::for_unit(plan, unit, year)
        .contact(contact.0, contact.1)
        .date(Some(contact.2))
        .status(Status::InProgress)
        .progress(&format!("{unit}{year}年召开推进会2次"))
        .next_plan("继续推进")
        .values(values);
    statuses.iter().fold(report, |r, (id, s)| r.status_text(id, s.map_or("完成", Status::label))).build()
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The small merge's files (name, bytes), made with the unit templates:
/// - 市场监管局 2024: accepted, I01 = 2 (stock, single; 2.25 expected by 2024 → 关注);
/// - 孟州市 2024: accepted, 2.1 未启动, I02 = 3; 孟州市 2023: 2.1 and 2.2 未启动, I02 = 2;
/// - 博爱县 2024: rejected (完成状态 `完成` in 2.1), contact 杨帆;
/// - 沁阳市 2023 only (I02 = 1, contact 李娜): 未报送 in 2024;
/// - every other unit: nothing.
///
/// I02 (flow, 14, 各县区): 2023 city 2 + 1 = 3, 2024 city 3 → 6 of 10.5 expected → 滞后.
fn files(plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let make = |unit: &str, year: u16, c: (&str, &str, Date), st: &[(&str, Option<Status>)], v: &[(&str, f64)]| {
        xlsx_tool::template::filled(plan, &report(plan, unit, year, c, st, v), unit, year, &[]).unwrap()
    };
    let ns = Some(Status::NotStarted);
    vec![
        (
            "2024/市场监管局2024.xlsx".into(),
            make("市场监管局", 2024, ("刘洋", "0391-3568000", date(2025, 1, 15)), &[], &[("I01", 2.0)]),
        ),
        (
            "2024/孟州市2024.xlsx".into(),
            make("孟州市", 2024, ("张伟", "0391-8112233", date(2025, 1, 20)), &[("2.1", ns)], &[("I02", 3.0)]),
        ),
        (
            "2023/孟州市2023.xlsx".into(),
            make(
                "孟州市",
                2023,
                ("张伟", "0391-8112233", date(2024, 1, 18)),
                &[("2.1", ns), ("2.2", ns)],
                &[("I02", 2.0)],
            ),
        ),
        (
            "2024/博爱县2024.xlsx".into(),
            make("博爱县", 2024, ("杨帆", "0391-8581234", date(2025, 1, 22)), &[("2.1", None)], &[]),
        ),
        (
            "2023/沁阳市2023.xlsx".into(),
            make("沁阳市", 2023, ("李娜", "0391-6612345", date(2024, 1, 25)), &[], &[("I02", 1.0)]),
        ),
    ]
}

fn refs(f: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
    f.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect()
}

/// (unit, category, id, situation) of every 督办清单 row.
fn rows4(m: &Merge) -> Vec<(String, String, String, String)> {
    m.summary
        .supervision
        .iter()
        .map(|r| (r.unit.clone(), r.category.clone(), r.id.clone(), r.situation.clone()))
        .collect()
}

#[test]
fn supervision_list_of_a_small_merge_is_the_hand_worked_one() {
    let plan = Plan::builtin();
    let files = files(&plan);
    let (merge, _) = merge_files(&plan, refs(&files), 2024, &Limits::default()).unwrap();
    assert_eq!(merge.summary.rejected, vec!["2024/博爱县2024.xlsx".to_string()]);
    let counties =
        ["解放区", "山阳区", "中站区", "马村区", "修武县", "博爱县", "武陟县", "温县", "沁阳市", "孟州市", "示范区"];
    let i02_blank = "本单位2024年度：未填报；本单位2022–2024年累计：未填报；全市累计：6 件；按进度应达：10.5 件";
    let missing = "未报送：没有收到2024年度填报表";
    let row = |u: &str, c: &str, id: &str, s: &str| (u.to_string(), c.to_string(), id.to_string(), s.to_string());

    let mut want =
        vec![row("市场监管局", "指标关注", "I01", "本单位2024年末：2 件/万人（即全市数值）；按进度应达：2.25 件/万人")];
    for unit in ["市人大", "市委宣传部", "检察院", "法院", "中院", "司法局", "商务局", "海关", "农业局", "中医药局"]
    {
        want.push(row(unit, "报送", "", missing));
    }
    for unit in counties {
        match unit {
            "孟州市" => {
                want.push(row(
                    unit,
                    "举措未启动",
                    "2.1",
                    "2024年度填报为“未启动”，2023年度也为“未启动”；距计划期结束（2025年底）只剩 1 年",
                ));
                want.push(row(
                    unit,
                    "指标滞后",
                    "I02",
                    "本单位2024年度：3 件；本单位2022–2024年累计：5 件；全市累计：6 件；按进度应达：10.5 件",
                ));
            }
            "博爱县" => {
                want.push(row(unit, "报送", "", "退回：2024年度填报表“博爱县2024.xlsx”有 1 处错误，未汇总"));
                want.push(row(unit, "指标滞后", "I02", i02_blank));
            }
            "沁阳市" => {
                want.push(row(unit, "报送", "", missing));
                want.push(row(
                    unit,
                    "指标滞后",
                    "I02",
                    "本单位2024年度：未填报；本单位2022–2024年累计：1 件；全市累计：6 件；按进度应达：10.5 件",
                ));
            }
            _ => {
                want.push(row(unit, "报送", "", missing));
                want.push(row(unit, "指标滞后", "I02", i02_blank));
            }
        }
    }
    assert_eq!(rows4(&merge), want);

    // 2.2 was 未启动 in 2023 only: not listed. Contents and bases.
    let s = &merge.summary;
    let i02 = s.progress.iter().find(|p| p.id == "I02").unwrap();
    assert!(i02.reason.contains("累计 6 件"), "{}", i02.reason);
    for r in &s.supervision {
        match r.category.as_str() {
            "报送" => {
                assert_eq!(r.content, "2024年度任务落实情况填报表");
                assert!(r.basis.starts_with("实施方案“六、工作要求”：各责任单位每年1月31日之前"), "{}", r.basis);
            }
            "举措未启动" => {
                assert_eq!(r.content, plan.measure("2.1").unwrap().measure.text);
                assert!(r.basis.contains("计划期最后两年（2024–2025年）仍未启动"), "{}", r.basis);
            }
            "指标滞后" => {
                assert_eq!(r.content, "PCT专利申请量（目标 14 件）");
                assert_eq!(r.basis, format!("进度判断“滞后”：{}", i02.reason));
            }
            _ => {
                assert_eq!(r.content, "每万人高价值发明专利拥有量（目标 3 件/万人）");
                assert!(r.basis.starts_with("进度判断“关注”：2024 年末为 2 件/万人"), "{}", r.basis);
            }
        }
    }

    // In 2023 a 未启动 measure is not yet a matter to chase (2.1 and 2.2 were 未启动 then).
    let (m23, _) = merge_files(&plan, refs(&files), 2023, &Limits::default()).unwrap();
    assert!(m23.summary.supervision.iter().all(|r| r.category != "举措未启动"));
    assert_eq!(m23.summary.trend.iter().find(|t| t.id == "2.2").unwrap().units.len(), 12);
}

#[test]
fn reminder_list_of_a_small_merge_is_the_hand_worked_one() {
    let plan = Plan::builtin();
    let files = files(&plan);
    let (merge, _) = merge_files(&plan, refs(&files), 2024, &Limits::default()).unwrap();
    let r = &merge.summary.reminders;
    let units: Vec<&str> = r.iter().map(|r| r.unit.as_str()).collect();
    let expected: Vec<&str> =
        plan.expected_units().into_iter().filter(|u| !["市场监管局", "孟州市"].contains(u)).collect();
    assert_eq!(units, expected);
    let office = "如有疑问，请与焦作市市场监督管理局联系（联系人 刘洋，电话 0391-3568000）。";

    // Rejected: the contact comes from the rejected file itself.
    let boai = r.iter().find(|r| r.unit == "博爱县").unwrap();
    assert_eq!(
        (boai.status.as_str(), boai.contact.as_str(), boai.phone.as_str(), boai.last_submitted.as_str()),
        ("退回", "杨帆", "0391-8581234", "2025-01-22（2024年度，博爱县2024.xlsx）")
    );
    assert!(boai.todo.starts_with("请按校验问题修改后重新报送（错误1处，如：任务填报!E4："), "{}", boai.todo);
    assert!(boai.todo.contains("完成"), "{}", boai.todo);
    assert!(
        boai.notice.starts_with("博爱县杨帆同志：您好！贵单位报送的2024年度填报表“博爱县2024.xlsx”有 1 处错误，未能汇总。请按校验问题修改（如：任务填报!E4："),
        "{}",
        boai.notice
      );
    assert!(
        boai.notice.ends_with(&format!("）后，于2025年1月31日前重新报送焦作市市场监督管理局。{office}")),
        "{}",
        boai.notice
    );

    // Not reported this year: the contact comes from its 2023 file.
    let qy = r.iter().find(|r| r.unit == "沁阳市").unwrap();
    assert_eq!(
        (qy.status.as_str(), qy.contact.as_str(), qy.phone.as_str(), qy.last_submitted.as_str()),
        ("未报送", "李娜", "0391-6612345", "2024-01-25（2023年度，沁阳市2023.xlsx）")
    );
    assert_eq!(qy.todo, "请于2025年1月31日前报送2024年度任务落实情况填报表");
    assert_eq!(
        qy.notice,
        format!(
            "沁阳市李娜同志：您好！贵单位尚未报送2024年度焦作市推动知识产权高质量发展任务落实情况填报表。请于2025年1月31日前将填好的填报表（Excel 文件）报送焦作市市场监督管理局。{office}"
        )
    );

    // Never sent anything: no contact, nothing invented.
    let rd = r.iter().find(|r| r.unit == "市人大").unwrap();
    assert_eq!((rd.contact.as_str(), rd.phone.as_str(), rd.last_submitted.as_str()), ("", "", NEVER_SUBMITTED));
    assert!(rd.notice.starts_with("市人大：您好！"), "{}", rd.notice);

    assert_eq!(
        jz_core::follow_up::headline(&merge.summary),
        format!(
            "督办事项 33 条（未报送/退回 20，未启动举措 1，滞后或关注指标 12），催报单位 20 个：{}",
            expected.join("、")
        )
    );
}

/// A part of the xlsx as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
    xml
}

/// The sheet's rows below its header, as text.
fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("{name}: a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn sheets_read_back_equal_the_json_and_read_returns_it() {
    let plan = Plan::builtin();
    let files = files(&plan);
    let (merge, bytes) = merge_files(&plan, refs(&files), 2024, &Limits::default()).unwrap();
    let names = open_workbook_auto_from_rs(Cursor::new(bytes.as_slice())).unwrap().sheet_names();
    let at = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert!(at("报送情况") < at("督办清单") && at("督办清单") < at("催报名单") && at("催报名单") < at("校验问题"));

    let sup = sheet_rows(&bytes, "督办清单");
    assert_eq!(sup[0], SUPERVISION_COLUMNS.map(String::from).to_vec());
    let want: Vec<Vec<String>> = merge
        .summary
        .supervision
        .iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.category.clone(),
                r.id.clone(),
                r.content.clone(),
                r.situation.clone(),
                r.basis.clone(),
            ]
        })
        .collect();
    assert_eq!(sup[1..].to_vec(), want);

    let rem = sheet_rows(&bytes, "催报名单");
    assert_eq!(rem[0], REMINDER_COLUMNS.map(String::from).to_vec());
    let want: Vec<Vec<String>> = merge
        .summary
        .reminders
        .iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.status.clone(),
                r.contact.clone(),
                r.phone.clone(),
                r.last_submitted.clone(),
                r.todo.clone(),
            ]
        })
        .collect();
    assert_eq!(rem[1..].to_vec(), want);

    assert_eq!(summary::read_summary(&bytes).unwrap(), merge.summary);

    // Made for printing and reading like the other sheets: A4 landscape, frozen header,
    // wrapped text (sheets 5 and 6 of the workbook).
    for n in [5, 6] {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        for want in ["paperSize=\"9\"", "orientation=\"landscape\"", "<pane ", "<autoFilter "] {
            assert!(xml.contains(want), "sheet{n}.xml lacks {want}");
        }
    }
    assert!(part(&bytes, "xl/styles.xml").contains("wrapText=\"1\""));

    // Any input order: the same lists, the same bytes.
    let mut reversed = files.clone();
    reversed.reverse();
    let (again, b) = merge_files(&plan, refs(&reversed), 2024, &Limits::default()).unwrap();
    assert_eq!(again.summary, merge.summary);
    assert_eq!(b, bytes);

    // Empty lists still give a sheet that says so.
    let mut empty = merge.clone();
    empty.summary.supervision.clear();
    empty.summary.reminders.clear();
    let bytes = summary::write_summary(&plan, &empty).unwrap();
    for name in ["督办清单", "催报名单"] {
        let rows = sheet_rows(&bytes, name);
        assert_eq!(rows.len(), 2, "{name}");
        assert_eq!(rows[1][0], "无", "{name}");
    }
    assert_eq!(summary::read_summary(&bytes).unwrap(), empty.summary);
}

#[test]
fn openpyxl_fixtures_rejected_unit_is_reminded_with_its_own_contact() {
    let plan = Plan::builtin();
    let dir = jz_tests::fixtures().join("merge_set");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    let (merge, _) = merge_files(&plan, refs(&files), 2025, &Limits::default()).unwrap();
    let s = &merge.summary;
    let reminded: Vec<&str> = s.reminders.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(reminded, s.missing_units.iter().map(String::as_str).collect::<Vec<_>>());
    let boai = s.reminders.iter().find(|r| r.unit == "博爱县").unwrap();
    let file = merge.files.iter().find(|f| f.submission.path == "博爱县.xlsx").unwrap();
    assert_eq!(boai.status, "退回");
    assert!(!boai.contact.is_empty());
    assert_eq!(
        (boai.contact.as_str(), boai.phone.as_str()),
        (file.submission.report.contact.as_str(), file.submission.report.phone.as_str())
    );
    assert!(boai.todo.starts_with("请按校验问题修改后重新报送（错误"), "{}", boai.todo);
    // Every unit without an accepted file has a 报送 row; 2025 is in the plan's last two years.
    let report_rows: Vec<&str> =
        s.supervision.iter().filter(|r| r.category == "报送").map(|r| r.unit.as_str()).collect();
    assert_eq!(report_rows, reminded);
}

#[test]
fn a_hostile_contact_cannot_break_the_lists_or_the_summary() {
    let plan = Plan::builtin();
    let long: String = std::iter::repeat_n('长', 30_000).collect();
    let r = report(&plan, "博爱县", 2024, (&long, &long, date(2025, 1, 22)), &[("2.1", None)], &[]);
    let bytes = xlsx_tool::template::filled(&plan, &r, "博爱县", 2024, &[]).unwrap();
    let (merge, summary_bytes) =
        merge_files(&plan, [("=HYPERLINK(\"x\").xlsx", bytes.as_slice())], 2024, &Limits::default()).unwrap();
    let boai = merge.summary.reminders.iter().find(|r| r.unit == "博爱县").unwrap();
    assert_eq!(boai.contact.chars().count(), 41);
    assert!(boai.notice.chars().count() < 600, "{}", boai.notice.chars().count());
    assert_eq!(summary::read_summary(&summary_bytes).unwrap(), merge.summary);
    // A file name that looks like a formula stays text (sheet_rows panics on a non-text cell).
    let rows = sheet_rows(&summary_bytes, "催报名单");
    assert!(rows.iter().any(|r| r[4].contains("=HYPERLINK")), "{rows:?}");
    let mut zip = zip::ZipArchive::new(Cursor::new(summary_bytes.as_slice())).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/sheet") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
            assert!(!xml.contains("<f>"), "a formula in {name}");
        }
    }
}
