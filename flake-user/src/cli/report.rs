//! `flakebpf report DIR_OR_FILES... [--test NODEID] [--json]`: timing
//! report of recordings made by `flakebpf run --record DIR` or traces of CI
//! jobs made by `flakebpf record`. For each flaky test (or
//! the test asked for) it puts the passing runs beside the failing ones:
//! the test's duration, and per project line the time spent in syscalls and
//! waits there, as histogram percentiles (hdrhistogram) — where a fixed
//! wait is shorter than the work it waits for, or where a failing run
//! blocks, shows up here.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hdrhistogram::Histogram;
use serde_json::json;

use super::exit;
use crate::align::{rootdir_of, AKind, Alignment};
use crate::run::repeat::{samples, Grouping};
use crate::run::{outcomes::Outcome, TestStats};

/// Arguments of `flakebpf report`.
#[derive(clap::Args, Clone, Debug)]
pub struct ReportArgs {
    /// Recording folders (`flakebpf run --record DIR`) or trace files of
    /// `flakebpf record` (CI jobs), in any mix.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
    /// JUnit XML of a `flakebpf record` trace whose job wrote it where its
    /// command line does not say: once per such trace, in the same order
    /// (`-` for a trace whose outcomes are found as usual).
    #[arg(long, value_name = "JUNIT_XML")]
    pub outcomes: Vec<PathBuf>,
    /// Only this test (node id); default: every flaky test.
    #[arg(long)]
    pub test: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Lines shown per test.
    #[arg(long, default_value_t = 10)]
    pub lines: usize,
}

/// Percentiles of one sample set, in microseconds.
#[derive(Clone, Debug, PartialEq)]
struct Pcts {
    n: u64,
    p50: u64,
    p90: u64,
    max: u64,
}

fn pcts(values_us: &[u64]) -> Option<Pcts> {
    // 1 µs to one hour, 3 significant digits.
    let mut h = Histogram::<u64>::new_with_bounds(1, 3_600_000_000, 3).ok()?;
    for &v in values_us {
        h.saturating_record(v.max(1));
    }
    if h.is_empty() {
        return None;
    }
    Some(Pcts { n: h.len(), p50: h.value_at_quantile(0.5), p90: h.value_at_quantile(0.9), max: h.max() })
}

fn fmt_us(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{:.2} s", us as f64 / 1e6)
    } else if us >= 1000 {
        format!("{:.1} ms", us as f64 / 1e3)
    } else {
        format!("{us} µs")
    }
}

fn fmt_p(p: &Option<Pcts>) -> String {
    match p {
        Some(p) => format!("p50 {:>9}  p90 {:>9}  max {:>9}", fmt_us(p.p50), fmt_us(p.p90), fmt_us(p.max)),
        None => format!("{:<41}", "-"),
    }
}

fn pjson(p: &Option<Pcts>) -> serde_json::Value {
    match p {
        Some(p) => json!({"runs": p.n, "p50_us": p.p50, "p90_us": p.p90, "max_us": p.max}),
        None => serde_json::Value::Null,
    }
}

pub fn execute(args: ReportArgs) -> u8 {
    match run(&args) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("flakebpf: {e:#}");
            exit::USAGE
        }
    }
}

fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let loaded = super::analyze::load_inputs(&args.inputs, &args.outcomes)?;
    for n in loaded.job_notes() {
        eprintln!("flakebpf: {n}");
    }
    let runs = loaded.runs;
    let stats = TestStats::compute(&runs);
    let wanted: Vec<String> = match &args.test {
        Some(t) => {
            anyhow::ensure!(stats.tests.iter().any(|s| &s.nodeid == t), "no test {t} in this recording");
            vec![t.clone()]
        }
        None => stats.flaky().map(|s| s.nodeid.clone()).collect(),
    };
    if wanted.is_empty() && !args.json {
        println!("No flaky test in this recording ({} runs); name one with --test.", runs.len());
    }
    // a test repeated inside a session: each execution counts as a run of its own
    let runs = samples(&runs, &Grouping::of(&runs));
    let al = Alignment::load(&runs, rootdir_of(&runs));
    let mut out_json = Vec::new();
    for nodeid in &wanted {
        // Durations and, per project line, time in syscalls per run.
        let (mut dur_pass, mut dur_fail) = (Vec::new(), Vec::new());
        let mut per_line: BTreeMap<u32, (Vec<u64>, Vec<u64>)> = BTreeMap::new();
        let (mut npass, mut nfail) = (0, 0);
        for (ri, run) in runs.iter().enumerate() {
            let Some(o) = run.outcome(nodeid) else { continue };
            let failed = matches!(o.outcome, Outcome::Failed | Outcome::Error);
            if !failed && o.outcome != Outcome::Passed {
                continue;
            }
            if failed { nfail += 1 } else { npass += 1 }
            let us = (o.duration_s * 1e6) as u64;
            if failed { dur_fail.push(us) } else { dur_pass.push(us) }
            let mut sums: BTreeMap<u32, u64> = BTreeMap::new();
            if let Some(Some(ar)) = al.runs.get(ri) {
                for ev in &ar.events {
                    let Some(w) = ev.window else { continue };
                    if run.windows.get(w).map(|w| w.nodeid.as_str()) != Some(nodeid.as_str()) {
                        continue;
                    }
                    if let (AKind::Sys { end_ts, .. }, Some(site)) = (&ev.kind, ev.site()) {
                        *sums.entry(site).or_default() += end_ts.saturating_sub(ev.ts) / 1000;
                    }
                }
            }
            for (site, us) in sums {
                let e = per_line.entry(site).or_default();
                if failed { e.1.push(us) } else { e.0.push(us) }
            }
        }
        let dp = pcts(&dur_pass);
        let df = pcts(&dur_fail);
        let mut lines: Vec<(u32, Option<Pcts>, Option<Pcts>, i64)> = per_line
            .into_iter()
            .map(|(site, (p, f))| {
                let (pp, pf) = (pcts(&p), pcts(&f));
                let gap = pf.as_ref().map_or(0, |x| x.p50 as i64) - pp.as_ref().map_or(0, |x| x.p50 as i64);
                (site, pp, pf, gap)
            })
            .collect();
        lines.sort_by_key(|l| std::cmp::Reverse(l.3.abs()));
        lines.truncate(args.lines);
        if args.json {
            out_json.push(json!({
                "nodeid": nodeid,
                "passing_runs": npass,
                "failing_runs": nfail,
                "duration": {"pass": pjson(&dp), "fail": pjson(&df)},
                "lines": lines.iter().map(|(site, pp, pf, _)| {
                    let s = al.sites.get(*site);
                    json!({"file": s.file, "line": s.line, "function": s.func,
                           "syscall_time": {"pass": pjson(pp), "fail": pjson(pf)}})
                }).collect::<Vec<_>>(),
            }));
            continue;
        }
        println!("{nodeid}: {nfail} failing, {npass} passing runs");
        println!("  test duration            pass  {}", fmt_p(&dp));
        println!("                           fail  {}", fmt_p(&df));
        if lines.is_empty() {
            println!("  no syscall time at project lines in this test");
        } else {
            println!("  time in syscalls and waits per run, by line (largest pass/fail gap first):");
            for (site, pp, pf, _) in &lines {
                let s = al.sites.get(*site);
                println!("    {}:{} {}", s.file, s.line, s.func);
                println!("                           pass  {}", fmt_p(pp));
                println!("                           fail  {}", fmt_p(pf));
            }
        }
        println!();
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json!({"schema": "flakebpf.timing/1", "tests": out_json}))?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_microseconds() {
        let p = pcts(&[100, 200, 300, 400, 10_000]).unwrap();
        assert_eq!(p.n, 5);
        assert_eq!(p.p50, 300);
        assert!(p.max >= 10_000 && p.max < 10_010, "{p:?}");
        assert_eq!(pcts(&[]), None);
        assert_eq!(fmt_us(1500), "1.5 ms");
        assert_eq!(fmt_us(2_500_000), "2.50 s");
    }
}
