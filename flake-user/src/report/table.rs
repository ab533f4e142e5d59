//! The terminal summary of a `flakebpf run`: one line per test that failed
//! at least once, then the diagnosis of each flaky test.

use std::fmt::Write;
use std::path::Path;

use super::{Cause, TrialSummary, Verdict};
use crate::run::verdict::TestStats;

/// What the summary shows besides the statistics.
pub struct Summary<'a> {
    pub command: &'a [String],
    pub stats: &'a TestStats,
    pub causes: &'a [(String, Vec<Cause>)],
    pub lost_events: u64,
    pub interrupted: bool,
    /// `--runs`, and why the session stopped before it.
    pub stopped_early: Option<&'a (u32, String)>,
    /// Controlled reruns per nodeid.
    pub trials: &'a [(String, Vec<TrialSummary>)],
    /// Where relative cause files are, to show their source lines.
    pub rootdir: Option<&'a Path>,
    /// ANSI colours (a terminal, and NO_COLOR unset).
    pub color: bool,
}

/// Whether colour is wanted on a stream that `is_terminal`.
pub fn color_wanted(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub fn shell_words(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c)) {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(s: &Summary<'_>) -> String {
    let st = s.stats;
    let mut out = String::new();
    let real_tests = st.tests.iter().filter(|t| !t.collect_error).count() as u32;
    let flaky = st.flaky().count() as u32;
    let failing = st.tests.iter().filter(|t| t.verdict == Verdict::Fail).count() as u32;
    let _ = write!(
        out,
        "flakebpf: {} of `{}`{}: {}, {} flaky, {} failing every time",
        plural(st.runs, "run", "runs"),
        shell_words(s.command),
        if s.interrupted { " (interrupted)" } else { "" },
        plural(real_tests, "test", "tests"),
        flaky,
        failing,
    );
    let mut notes = Vec::new();
    if st.timed_out_runs > 0 {
        notes.push(format!("{} hit the time limit", plural(st.timed_out_runs, "run", "runs")));
    }
    if s.lost_events > 0 {
        notes.push(format!("{} kernel events lost", s.lost_events));
    }
    if !notes.is_empty() {
        let _ = write!(out, " ({})", notes.join(", "));
    }
    out.push('\n');
    if let Some((cap, why)) = s.stopped_early {
        let _ = writeln!(out, "stopped after {} of at most {cap}: {why}", plural(st.runs, "run", "runs"));
    }

    let bad: Vec<_> = st.ever_bad().collect();
    if bad.is_empty() {
        let _ = writeln!(out, "no test failed in {}.", plural(st.runs, "run", "runs"));
        return out;
    }
    out.push('\n');
    let _ = writeln!(out, "  {:<8} {:>6} {:>6} {:>6} {:>6}  test", "verdict", "passed", "failed", "error", "skipped");
    let mut sorted = bad.clone();
    sorted.sort_by_key(|t| (t.verdict, std::cmp::Reverse(t.counts.bad())));
    for t in &sorted {
        let v = format!("{:<8}", t.verdict.as_str());
        let v = match t.verdict {
            Verdict::Flaky => paint(s.color, "1;33", &v),
            Verdict::Fail => paint(s.color, "31", &v),
            _ => v,
        };
        let mut extra = Vec::new();
        if t.timeouts > 0 {
            extra.push(format!("{} timed out", t.timeouts));
        }
        if t.crashes > 0 {
            extra.push(format!("{} crashed", t.crashes));
        }
        if t.collect_error {
            extra.push("collection error".to_string());
        }
        if t.executions_per_run > 1 {
            extra.push(format!("up to {} executions per run", t.executions_per_run));
        }
        let extra = if extra.is_empty() { String::new() } else { format!("  ({})", extra.join(", ")) };
        let c = &t.counts;
        let _ = writeln!(out, "  {v} {:>6} {:>6} {:>6} {:>6}  {}{extra}", c.passed, c.failed, c.error, c.skipped, t.nodeid);
    }

    let flaky_tests: Vec<_> = sorted.iter().filter(|t| t.verdict == Verdict::Flaky).collect();
    if flaky_tests.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n{}", paint(s.color, "1", "Diagnosis"));
    for t in flaky_tests {
        let (one, many) = if t.executions_per_run > 1 { ("execution", "executions") } else { ("run", "runs") };
        let _ = writeln!(out, "  {}: failed in {} of {}", t.nodeid, t.counts.bad(), plural(t.counts.total(), one, many));
        let causes = s.causes.iter().find(|(n, _)| n == &t.nodeid).map(|(_, c)| c.as_slice()).unwrap_or(&[]);
        if causes.is_empty() {
            let _ = writeln!(out, "    no root cause identified");
        } else if !causes.iter().any(|c| c.proven) {
            let _ = writeln!(out, "    no cause proven by an experiment; the hypotheses from the observed runs, best first:");
        }
        for (i, c) in causes.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {}. {}:{} in {}  [{}, {}, confidence {:.2}]",
                i + 1,
                c.file,
                c.line,
                c.function,
                c.category,
                if c.proven { "proven" } else { "not proven" },
                c.confidence
            );
            // the line to change, with a line of context around the top cause
            let around = if i == 0 { 1 } else { 0 };
            for (n, text, at) in source_lines(s.rootdir, &c.file, c.line, around) {
                let mark = if at { paint(s.color, "1", ">") } else { " ".into() };
                let _ = writeln!(out, "     {mark} {n:>5} | {text}");
            }
            if let Some(p) = &c.polluter {
                let _ = writeln!(out, "       polluter: {p}");
            }
            let _ = writeln!(out, "       evidence: {}", c.evidence);
            let _ = writeln!(out, "       fix: {}", c.fix);
        }
        let trials = s.trials.iter().find(|(n, _)| n == &t.nodeid).map(|(_, v)| v.as_slice()).unwrap_or(&[]);
        if !trials.is_empty() {
            let _ = writeln!(out, "    controlled reruns (not counted above):");
            for tr in trials {
                let _ = writeln!(out, "      {}: failed {} of {}", tr.condition, tr.failed, plural(tr.runs, "run", "runs"));
            }
        }
    }
    out
}

/// Lines `line - around ..= line + around` of `file` (under `rootdir`
/// when relative): (number, text, is `line`). Empty when unreadable.
fn source_lines(rootdir: Option<&Path>, file: &str, line: u32, around: u32) -> Vec<(u32, String, bool)> {
    let path = Path::new(file);
    let path = if path.is_absolute() { path.to_path_buf() } else if let Some(r) = rootdir { r.join(path) } else { return vec![] };
    let Ok(text) = std::fs::read_to_string(&path) else { return vec![] };
    let lo = line.saturating_sub(around).max(1);
    text.lines()
        .enumerate()
        .map(|(i, t)| (i as u32 + 1, t))
        .filter(|(n, _)| (lo..=line + around).contains(n))
        .map(|(n, t)| (n, t.trim_end().to_string(), n == line))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Category, OutcomeCounts};
    use crate::run::verdict::TestSummary;

    fn summary(nodeid: &str, passed: u32, failed: u32, verdict: Verdict) -> TestSummary {
        TestSummary {
            nodeid: nodeid.into(),
            counts: OutcomeCounts { passed, failed, error: 0, skipped: 0 },
            verdict,
            bad_runs: vec![],
            timeouts: 0,
            crashes: 0,
            collect_error: false,
            executions_per_run: 1,
        }
    }

    #[test]
    fn table_lists_failing_tests_and_diagnosis() {
        let stats = TestStats {
            tests: vec![
                summary("t.py::ok", 10, 0, Verdict::Pass),
                summary("t.py::always", 0, 10, Verdict::Fail),
                summary("t.py::flaky", 7, 3, Verdict::Flaky),
                summary("t.py::flaky2", 9, 1, Verdict::Flaky),
            ],
            runs: 10,
            timed_out_runs: 1,
        };
        let causes = vec![(
            "t.py::flaky".to_string(),
            vec![Cause {
                file: "src/a.py".into(),
                line: 3,
                function: "A.f".into(),
                category: Category::ThreadRace,
                confidence: 0.5,
                evidence: "e".into(),
                fix: "f".into(),
                polluter: None,
                basis: Default::default(),
                proven: false,
            }],
        )];
        let cmd = vec!["python".to_string(), "-m".into(), "pytest".into(), "a b".into()];
        let text = render(&Summary { command: &cmd, stats: &stats, causes: &causes, lost_events: 0, interrupted: false, stopped_early: None, trials: &[], rootdir: None, color: false });
        let expected = "\
flakebpf: 10 runs of `python -m pytest 'a b'`: 4 tests, 2 flaky, 1 failing every time (1 run hit the time limit)

  verdict  passed failed  error skipped  test
  flaky         7      3      0      0  t.py::flaky
  flaky         9      1      0      0  t.py::flaky2
  fail          0     10      0      0  t.py::always

Diagnosis
  t.py::flaky: failed in 3 of 10 runs
    no cause proven by an experiment; the hypotheses from the observed runs, best first:
    1. src/a.py:3 in A.f  [thread_race, not proven, confidence 0.50]
       evidence: e
       fix: f
  t.py::flaky2: failed in 1 of 10 runs
    no root cause identified
";
        assert_eq!(text, expected);
    }

    #[test]
    fn causes_show_their_source_line_and_reruns() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/a.py"), "import time\n\ndef f():\n    time.sleep(0.1)\n    return 1\n").unwrap();
        let stats = TestStats { tests: vec![summary("t.py::flaky", 7, 3, Verdict::Flaky)], runs: 10, timed_out_runs: 0 };
        let cause = |line: u32| Cause {
            file: "src/a.py".into(),
            line,
            function: "f".into(),
            category: Category::Timing,
            confidence: 0.5,
            evidence: "e".into(),
            fix: "x".into(),
            polluter: None,
            basis: Default::default(),
            proven: false,
        };
        let causes = vec![("t.py::flaky".to_string(), vec![cause(4), cause(1)])];
        let trials = vec![(
            "t.py::flaky".to_string(),
            vec![TrialSummary { condition: "pausing at src/a.py:4 for 20 ms".into(), runs: 4, passed: 1, failed: 3 }],
        )];
        let stop = (30, "settled".to_string());
        let cmd = vec!["pytest".to_string()];
        let text = render(&Summary {
            command: &cmd,
            stats: &stats,
            causes: &causes,
            lost_events: 0,
            interrupted: false,
            stopped_early: Some(&stop),
            trials: &trials,
            rootdir: Some(dir.path()),
            color: false,
        });
        let expected = "\
flakebpf: 10 runs of `pytest`: 1 test, 1 flaky, 0 failing every time
stopped after 10 runs of at most 30: settled

  verdict  passed failed  error skipped  test
  flaky         7      3      0      0  t.py::flaky

Diagnosis
  t.py::flaky: failed in 3 of 10 runs
    no cause proven by an experiment; the hypotheses from the observed runs, best first:
    1. src/a.py:4 in f  [timing, not proven, confidence 0.50]
           3 | def f():
     >     4 |     time.sleep(0.1)
           5 |     return 1
       evidence: e
       fix: x
    2. src/a.py:1 in f  [timing, not proven, confidence 0.50]
     >     1 | import time
       evidence: e
       fix: x
    controlled reruns (not counted above):
      pausing at src/a.py:4 for 20 ms: failed 3 of 4 runs
";
        assert_eq!(text, expected);
    }

    #[test]
    fn all_green() {
        let stats = TestStats { tests: vec![summary("t.py::ok", 3, 0, Verdict::Pass)], runs: 3, timed_out_runs: 0 };
        let cmd = vec!["pytest".to_string()];
        let text = render(&Summary { command: &cmd, stats: &stats, causes: &[], lost_events: 5, interrupted: true, stopped_early: None, trials: &[], rootdir: None, color: true });
        assert_eq!(
            text,
            "flakebpf: 3 runs of `pytest` (interrupted): 1 test, 0 flaky, 0 failing every time (5 kernel events lost)\nno test failed in 3 runs.\n"
        );
    }
}
