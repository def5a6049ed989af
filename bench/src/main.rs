//! `jz-bench`: what the benchmark script (`bench/run.py`) needs besides the CLI itself.
//!
//! - `jz-bench gen --count N --seed S -o DIR`: N realistic filled workbooks (all 22 units in
//!   turn, texts of realistic length, indicator values), deterministic from the seed; files
//!   after the first 22 are later versions of a unit's report (so the merge supersedes).
//! - `jz-bench inflate DIR`: the floor — inflate every zip part of every file, nothing else.
//! - `jz-bench report DIR [--repeat N]`: the Word report of the files in DIR (year 2025):
//!   prints the median time of the whole library pipeline (`report_files`: read, validate,
//!   merge, write) and of `write_report` alone, in milliseconds.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jz_core::{Date, Plan};
use xlsx_tool::sample::{Rng, sample_report};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result =
        match args.first().map(String::as_str) {
            Some("gen") => generate(&args[1..]),
            Some("inflate") => inflate(&args[1..]),
            Some("report") => report(&args[1..]),
            _ => Err("usage: jz-bench gen --count N [--seed S] -o DIR | jz-bench inflate DIR | jz-bench report DIR"
                .to_string()),
        };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jz-bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

const EXTRA: [&str; 6] = [
    "同时梳理了辖区内高新技术企业和专精特新企业的知识产权状况，建立了一企一档的服务台账",
    "会同科技、工信、金融等部门召开联席会议，研究解决企业在专利布局、质押融资中遇到的具体困难",
    "组织执法人员参加省局举办的业务培训，执法办案能力进一步提升，案件办理质量明显提高",
    "在重点商圈和专业市场开展知识产权宣传，发放宣传资料两千余份，接受群众咨询三百余人次",
    "对上一年度发现的问题逐项整改，建立整改台账，明确责任人和完成时限，目前已整改到位",
    "结合本地产业特点，引导企业围绕核心技术开展高价值专利培育，形成了一批专利组合",
];

fn generate(args: &[String]) -> Result<(), String> {
    let count: usize = flag(args, "--count").and_then(|s| s.parse().ok()).ok_or("--count N is required")?;
    let seed: u64 = flag(args, "--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = PathBuf::from(flag(args, "-o").ok_or("-o DIR is required")?);
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let plan = Plan::builtin();
    let units = plan.expected_units();
    let year = plan.last_year;
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let unit = units[i % units.len()];
        let mut report = sample_report(&plan, unit, year, &mut rng);
        for m in report.measures.iter_mut().filter(|m| !m.progress.is_empty()) {
            for _ in 0..1 + rng.below(3) {
                m.progress.push_str(rng.pick(&EXTRA));
                m.progress.push('。');
            }
        }
        // Later versions carry later dates, so each unit's last file wins.
        let version = i / units.len();
        report.date = Date::from_serial(
            Date::new(i32::from(year) + 1, 1, 1).map_or(0.0, Date::to_serial) + version as f64 % 300.0,
        );
        let bytes = xlsx_tool::template::filled(&plan, &report, unit, year, &[]).map_err(|e| e.to_string())?;
        let name = format!("{:05}_{unit}.xlsx", i);
        std::fs::write(out.join(name), bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn inflate(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("a directory is required")?);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(|e| e.to_string())?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let (mut parts, mut bytes_out) = (0usize, 0u64);
    let mut buf = Vec::new();
    for path in files {
        let data = std::fs::read(&path).map_err(|e| e.to_string())?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data)).map_err(|e| e.to_string())?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
            buf.clear();
            bytes_out += entry.read_to_end(&mut buf).map_err(|e| e.to_string())? as u64;
            parts += 1;
        }
    }
    println!("{parts} parts, {bytes_out} bytes inflated");
    Ok(())
}

/// Median milliseconds of `f` over `n` runs.
fn median_ms(n: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = std::time::Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

fn report(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("a directory is required")?);
    let repeat: usize = flag(args, "--repeat").and_then(|s| s.parse().ok()).unwrap_or(11).max(1);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        files.push((path.display().to_string(), bytes));
    }
    files.sort();
    let plan = Plan::builtin();
    let limits = xlsx_tool::Limits::default();
    let mut merge = None;
    let whole = median_ms(repeat, || {
        let (m, _) = xlsx_tool::report::report_files(
            &plan,
            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            2025,
            &limits,
        )
        .map_err(|e| e.to_string())?;
        merge = Some(m);
        Ok(())
    })?;
    let merge = merge.ok_or("no merge")?;
    let mut size = 0;
    let write = median_ms(repeat, || {
        size = xlsx_tool::report::write_report(&plan, &merge).map_err(|e| e.to_string())?.len();
        Ok(())
    })?;
    println!("files {} report_files {whole:.1} ms write_report {write:.1} ms docx {size} bytes", files.len());
    Ok(())
}
