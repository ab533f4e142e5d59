//! The test executions a trace shows without flakebpf's plugin: pytest's
//! `PYTEST_CURRENT_TEST` windows of one process grouped into executions
//! (setup, call, teardown of one node id; a setup, or a phase seen already,
//! begins the next execution — pytest-rerunfailures runs all three again),
//! numbered in the order their process ran them.

use std::collections::HashMap;

use crate::run::outcomes::PhaseOutcome;
use crate::run::{Outcome, Phase, TestOutcome, TestWindow, WindowSource};

/// One execution of a test in one process.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    pub nodeid: String,
    pub pid: u32,
    /// 1-based, among the executions of its process.
    pub order: u32,
    /// (phase, seconds) in the order they ran.
    pub phases: Vec<(Phase, f64)>,
    /// Its last phase never ended (the process died or the job was cut).
    pub unfinished: bool,
}

impl Occurrence {
    pub fn duration_s(&self) -> f64 {
        self.phases.iter().map(|p| p.1).sum()
    }

    /// Its [`TestOutcome`], given how it ended; the phase that decided a
    /// failure (the call, or the last phase for an error) is the failed one.
    pub fn outcome(&self, outcome: Outcome, duration_s: f64, crashed: bool) -> TestOutcome {
        let last = self.phases.len().saturating_sub(1);
        let phases = self
            .phases
            .iter()
            .enumerate()
            .map(|(i, (ph, dur))| {
                let failed = match outcome {
                    Outcome::Failed => *ph == Phase::Call || (crashed && i == last),
                    Outcome::Error => i == last,
                    _ => false,
                };
                let skipped = outcome == Outcome::Skipped && i == 0;
                let word = if failed { "failed" } else if skipped { "skipped" } else { "passed" };
                PhaseOutcome { when: ph.as_str().to_string(), outcome: word.to_string(), duration_s: *dur }
            })
            .collect();
        TestOutcome {
            nodeid: self.nodeid.clone(),
            outcome,
            duration_s,
            pid: Some(self.pid),
            worker: None,
            order: Some(self.order),
            phases,
            crashed,
            timed_out: false,
            xfail: false,
            collect_error: false,
        }
    }
}

/// The executions of `windows`, by process then time.
pub fn occurrences(windows: &[TestWindow]) -> Vec<Occurrence> {
    let mut sorted: Vec<&TestWindow> = windows.iter().collect();
    sorted.sort_by_key(|w| (w.pid, w.start_ns, w.end_ns));
    let mut out: Vec<Occurrence> = vec![];
    let mut order: HashMap<u32, u32> = HashMap::new();
    for w in sorted {
        let dur = w.end_ns.saturating_sub(w.start_ns) as f64 / 1e9;
        let same = out.last_mut().filter(|o| o.pid == w.pid && o.nodeid == w.nodeid && w.phase != Phase::Setup && !o.phases.iter().any(|p| p.0 == w.phase));
        match same {
            Some(o) => {
                o.phases.push((w.phase, dur));
                o.unfinished |= w.source == WindowSource::Unfinished;
            }
            None => {
                let n = order.entry(w.pid).or_default();
                *n += 1;
                out.push(Occurrence { nodeid: w.nodeid.clone(), pid: w.pid, order: *n, phases: vec![(w.phase, dur)], unfinished: w.source == WindowSource::Unfinished });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(nodeid: &str, pid: u32, phase: Phase, start: u64) -> TestWindow {
        TestWindow { nodeid: nodeid.into(), phase, pid, tid: Some(pid), start_ns: start, end_ns: start + 1_000_000, source: WindowSource::Env }
    }

    #[test]
    fn windows_become_executions_in_process_order() {
        let ws = vec![
            w("t.py::a", 10, Phase::Setup, 100),
            w("t.py::a", 10, Phase::Call, 200),
            w("t.py::a", 10, Phase::Teardown, 300),
            // rerun of a: all three phases again
            w("t.py::a", 10, Phase::Setup, 400),
            w("t.py::a", 10, Phase::Call, 500),
            w("t.py::a", 10, Phase::Teardown, 600),
            w("t.py::b", 20, Phase::Setup, 150),
            w("t.py::b", 20, Phase::Call, 250),
        ];
        let occ = occurrences(&ws);
        let got: Vec<_> = occ.iter().map(|o| (o.nodeid.as_str(), o.pid, o.order, o.phases.len())).collect();
        assert_eq!(got, vec![("t.py::a", 10, 1, 3), ("t.py::a", 10, 2, 3), ("t.py::b", 20, 1, 2)]);
        assert!((occ[0].duration_s() - 0.003).abs() < 1e-12);
        let failed = occ[0].outcome(Outcome::Failed, 0.5, false);
        assert_eq!(failed.phases.iter().map(|p| p.outcome.as_str()).collect::<Vec<_>>(), vec!["passed", "failed", "passed"]);
    }
}
