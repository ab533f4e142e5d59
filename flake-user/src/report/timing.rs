//! Pass-vs-fail timings of one test (what `flakebpf report` prints and the
//! HTML page draws): its duration in passing and failing runs and, per
//! project line, the time its syscalls and waits took there per run, with
//! hdrhistogram percentiles.

use std::collections::BTreeMap;

use hdrhistogram::Histogram;

use crate::align::{AKind, Alignment};
use crate::run::outcomes::Outcome;
use crate::run::RunResult;

/// Percentiles of one sample set, in microseconds.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Pcts {
    pub n: u64,
    pub p50: u64,
    pub p90: u64,
    pub max: u64,
}

pub fn pcts(values_us: &[u64]) -> Option<Pcts> {
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

pub fn fmt_us(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{:.2} s", us as f64 / 1e6)
    } else if us >= 1000 {
        format!("{:.1} ms", us as f64 / 1e3)
    } else {
        format!("{us} µs")
    }
}

/// Time in syscalls and waits at one project line, per run.
#[derive(Clone, Debug)]
pub struct LineTiming {
    pub file: String,
    pub line: u32,
    pub function: String,
    /// µs per passing (failing) run that made such calls there.
    pub pass: Vec<u64>,
    pub fail: Vec<u64>,
}

impl LineTiming {
    /// Difference of the failing and passing medians (µs).
    pub fn gap(&self) -> i64 {
        pcts(&self.fail).map_or(0, |x| x.p50 as i64) - pcts(&self.pass).map_or(0, |x| x.p50 as i64)
    }
}

/// The timings of one test.
#[derive(Clone, Debug)]
pub struct TestTiming {
    pub nodeid: String,
    /// Test durations (µs) of the passing and failing runs.
    pub dur_pass: Vec<u64>,
    pub dur_fail: Vec<u64>,
    /// Lines by largest pass/fail gap first, at most the number asked for.
    pub lines: Vec<LineTiming>,
}

/// The timings of `nodeid` over `runs` (aligned in `al`, in the same
/// order), keeping the `max_lines` lines whose medians differ most.
pub fn test_timing(runs: &[RunResult], al: &Alignment, nodeid: &str, max_lines: usize) -> TestTiming {
    let (mut dur_pass, mut dur_fail) = (Vec::new(), Vec::new());
    let mut per_line: BTreeMap<u32, (Vec<u64>, Vec<u64>)> = BTreeMap::new();
    for (ri, run) in runs.iter().enumerate() {
        let Some(o) = run.outcome(nodeid) else { continue };
        let failed = matches!(o.outcome, Outcome::Failed | Outcome::Error);
        if !failed && o.outcome != Outcome::Passed {
            continue;
        }
        let us = (o.duration_s * 1e6) as u64;
        if failed { dur_fail.push(us) } else { dur_pass.push(us) }
        let mut sums: BTreeMap<u32, u64> = BTreeMap::new();
        if let Some(Some(ar)) = al.runs.get(ri) {
            for ev in &ar.events {
                let Some(w) = ev.window else { continue };
                if run.windows.get(w as usize).map(|w| w.nodeid.as_str()) != Some(nodeid) {
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
    let mut lines: Vec<LineTiming> = per_line
        .into_iter()
        .map(|(site, (pass, fail))| {
            let s = al.sites.get(site);
            LineTiming { file: s.file.clone(), line: s.line, function: s.func.clone(), pass, fail }
        })
        .collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.gap().abs()));
    lines.truncate(max_lines);
    TestTiming { nodeid: nodeid.to_string(), dur_pass, dur_fail, lines }
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
