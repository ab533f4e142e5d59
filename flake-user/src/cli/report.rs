//! `flakebpf report DIR_OR_FILES... [--test NODEID] [--json]`: timing
//! report of recordings made by `flakebpf run --record DIR` or traces of CI
//! jobs made by `flakebpf record`. For each flaky test (or
//! the test asked for) it puts the passing runs beside the failing ones:
//! the test's duration, and per project line the time spent in syscalls and
//! waits there, as histogram percentiles (hdrhistogram) — where a fixed
//! wait is shorter than the work it waits for, or where a failing run
//! blocks, shows up here. The numbers come from [`crate::report::timing`],
//! which the HTML report (`--html`) draws too; this file only prints them.

use std::path::PathBuf;

use serde_json::json;

use super::exit;
use crate::align::{rootdir_of, Alignment};
use crate::report::timing::{fmt_us, pcts, test_timing, Pcts};
use crate::run::repeat::{samples, Grouping};
use crate::run::TestStats;

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
        let t = test_timing(&runs, &al, nodeid, args.lines);
        let (npass, nfail) = (t.dur_pass.len(), t.dur_fail.len());
        let dp = pcts(&t.dur_pass);
        let df = pcts(&t.dur_fail);
        let lines: Vec<_> = t.lines.iter().map(|l| (l, pcts(&l.pass), pcts(&l.fail))).collect();
        if args.json {
            out_json.push(json!({
                "nodeid": nodeid,
                "passing_runs": npass,
                "failing_runs": nfail,
                "duration": {"pass": pjson(&dp), "fail": pjson(&df)},
                "lines": lines.iter().map(|(l, pp, pf)| {
                    json!({"file": l.file, "line": l.line, "function": l.function,
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
            for (l, pp, pf) in &lines {
                println!("    {}:{} {}", l.file, l.line, l.function);
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
