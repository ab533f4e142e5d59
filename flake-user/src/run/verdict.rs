//! Verdicts over runs: a test is flaky only when it both passed and failed
//! (or errored) under the same command. Runs where a test did not run
//! (a crash or a time limit cut the session short) do not count for it.
//! A test repeated inside one session ([`super::repeat`]) is one test whose
//! counts are over all its executions.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::outcomes::Outcome;
use super::repeat::Grouping;
use super::RunResult;
use crate::report::{OutcomeCounts, Verdict};

/// One test over all runs.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TestSummary {
    pub nodeid: String,
    pub counts: OutcomeCounts,
    pub verdict: Verdict,
    /// Runs (1-based indices) in which it failed or errored (at least once).
    pub bad_runs: Vec<u32>,
    /// Executions still running when the time limit hit.
    pub timeouts: u32,
    /// Executions whose process died while they ran.
    pub crashes: u32,
    /// Not a test: a collection error.
    pub collect_error: bool,
    /// The most times it ran in one session (1 unless repeated there by
    /// pytest-repeat or pytest-flakefinder; `counts` are over executions).
    #[serde(default = "one")]
    pub executions_per_run: u32,
}

fn one() -> u32 {
    1
}

/// Every test seen in any run, in first-seen order.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct TestStats {
    pub tests: Vec<TestSummary>,
    /// Runs counted.
    pub runs: u32,
    /// Runs that were killed at the time limit.
    pub timed_out_runs: u32,
}

pub fn verdict(c: &OutcomeCounts) -> Verdict {
    match (c.passed > 0, c.bad() > 0) {
        (true, true) => Verdict::Flaky,
        (false, true) => Verdict::Fail,
        (true, false) => Verdict::Pass,
        (false, false) => Verdict::Skipped,
    }
}

impl TestStats {
    pub fn compute(runs: &[RunResult]) -> TestStats {
        let grouping = Grouping::of(runs);
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut tests: Vec<TestSummary> = Vec::new();
        for run in runs {
            let mut in_run: HashMap<usize, u32> = HashMap::new();
            for o in &run.outcomes {
                let nodeid = grouping.base(&o.nodeid);
                let i = *index.entry(nodeid.to_string()).or_insert_with(|| {
                    tests.push(TestSummary {
                        nodeid: nodeid.to_string(),
                        counts: OutcomeCounts::default(),
                        verdict: Verdict::Skipped,
                        bad_runs: vec![],
                        timeouts: 0,
                        crashes: 0,
                        collect_error: o.collect_error,
                        executions_per_run: 1,
                    });
                    tests.len() - 1
                });
                let t = &mut tests[i];
                match o.outcome {
                    Outcome::Passed => t.counts.passed += 1,
                    Outcome::Failed => t.counts.failed += 1,
                    Outcome::Error => t.counts.error += 1,
                    Outcome::Skipped => t.counts.skipped += 1,
                }
                if matches!(o.outcome, Outcome::Failed | Outcome::Error) && t.bad_runs.last() != Some(&run.index) {
                    t.bad_runs.push(run.index);
                }
                t.timeouts += o.timed_out as u32;
                t.crashes += o.crashed as u32;
                let n = in_run.entry(i).or_default();
                *n += 1;
                t.executions_per_run = t.executions_per_run.max(*n);
            }
        }
        for t in &mut tests {
            t.verdict = verdict(&t.counts);
        }
        TestStats {
            tests,
            runs: runs.len() as u32,
            timed_out_runs: runs.iter().filter(|r| r.end.timed_out).count() as u32,
        }
    }

    pub fn get(&self, nodeid: &str) -> Option<&TestSummary> {
        self.tests.iter().find(|t| t.nodeid == nodeid)
    }

    pub fn flaky(&self) -> impl Iterator<Item = &TestSummary> {
        self.tests.iter().filter(|t| t.verdict == Verdict::Flaky)
    }

    /// Tests that failed or errored at least once.
    pub fn ever_bad(&self) -> impl Iterator<Item = &TestSummary> {
        self.tests.iter().filter(|t| t.counts.bad() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::outcomes::TestOutcome;
    use crate::trace::model::TraceEnd;

    fn out(nodeid: &str, outcome: Outcome) -> TestOutcome {
        TestOutcome {
            nodeid: nodeid.into(),
            outcome,
            duration_s: 0.0,
            pid: None,
            worker: None,
            order: None,
            phases: vec![],
            crashed: false,
            timed_out: false,
            xfail: false,
            collect_error: false,
        }
    }

    fn run(index: u32, outcomes: Vec<TestOutcome>, timed_out: bool) -> RunResult {
        RunResult {
            index,
            outcomes,
            end: TraceEnd { timed_out, ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn verdict_table() {
        let c = |passed, failed, error, skipped| OutcomeCounts { passed, failed, error, skipped };
        assert_eq!(verdict(&c(3, 1, 0, 0)), Verdict::Flaky);
        assert_eq!(verdict(&c(3, 0, 1, 0)), Verdict::Flaky);
        assert_eq!(verdict(&c(0, 4, 0, 0)), Verdict::Fail);
        assert_eq!(verdict(&c(0, 2, 2, 0)), Verdict::Fail);
        assert_eq!(verdict(&c(0, 2, 0, 2)), Verdict::Fail, "fail in every run it ran");
        assert_eq!(verdict(&c(4, 0, 0, 0)), Verdict::Pass);
        assert_eq!(verdict(&c(2, 0, 0, 2)), Verdict::Pass);
        assert_eq!(verdict(&c(0, 0, 0, 4)), Verdict::Skipped);
        assert_eq!(verdict(&c(0, 0, 0, 0)), Verdict::Skipped);
    }

    #[test]
    fn missing_from_a_timed_out_run_is_not_a_failure() {
        use Outcome::*;
        let runs = vec![
            run(1, vec![out("a", Passed), out("b", Passed), out("c", Passed)], false),
            run(2, vec![out("a", Passed), TestOutcome { timed_out: true, ..out("b", Failed) }], true),
            run(3, vec![out("a", Passed), out("b", Passed), out("c", Passed)], false),
        ];
        let s = TestStats::compute(&runs);
        assert_eq!(s.runs, 3);
        assert_eq!(s.timed_out_runs, 1);
        let v: Vec<_> = s.tests.iter().map(|t| (t.nodeid.as_str(), t.verdict, t.counts.total())).collect();
        assert_eq!(v, vec![("a", Verdict::Pass, 3), ("b", Verdict::Flaky, 3), ("c", Verdict::Pass, 2)]);
        let b = s.get("b").unwrap();
        assert_eq!((b.timeouts, b.bad_runs.clone()), (1, vec![2]));
        assert_eq!(s.flaky().count(), 1);
        assert_eq!(s.ever_bad().count(), 1);
    }

    #[test]
    fn a_repeated_test_counts_every_execution() {
        use Outcome::*;
        let rep = |k: u32, o| out(&format!("t.py::x[{k}-3]"), o);
        let runs = vec![
            run(1, vec![out("a", Passed), rep(1, Passed), rep(2, Failed), rep(3, Passed)], false),
            run(2, vec![out("a", Passed), rep(1, Passed), rep(2, Passed), rep(3, Error)], false),
            run(3, vec![out("a", Passed), rep(1, Passed), rep(2, Passed), rep(3, Passed)], false),
        ];
        let s = TestStats::compute(&runs);
        assert_eq!(s.tests.len(), 2);
        let x = s.get("t.py::x").unwrap();
        assert_eq!((x.counts.passed, x.counts.failed, x.counts.error, x.verdict), (7, 1, 1, Verdict::Flaky));
        assert_eq!((x.bad_runs.clone(), x.executions_per_run), (vec![1, 2], 3));
        assert_eq!(s.get("a").unwrap().executions_per_run, 1);
    }
}
