//! Adaptive runs: `--runs N` is a cap. After every run the run loop asks a
//! [`Settler`] whether the answer is settled — every flaky test has failed
//! and passed often enough, has a confident top cause, and the verdicts and
//! those top causes stayed the same over the last few runs — and stops
//! early when it is. A session in which nothing failed is never settled
//! early: a rare flake needs every run of the cap to show.

use crate::report::{Category, Cause};

use super::verdict::TestStats;
use super::{Diagnoser, RunResult};

/// Fewest runs before an early stop.
pub const MIN_RUNS: u32 = 10;
/// Failing and passing runs each flaky test needs before its cause counts.
pub const MIN_EACH: u32 = 3;
/// Consecutive runs after which the same answer counts as settled.
pub const STREAK: u32 = 4;
/// Confidence the top cause of every flaky test needs.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// The top cause of each flaky test, as compared from run to run.
type Answer = Vec<(String, Option<(String, u32, Category)>)>;

/// Why a session stopped before its cap.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    /// Runs done when it stopped.
    pub after: u32,
    pub reason: String,
}

/// Follows the answer from run to run.
#[derive(Default, Debug)]
pub struct Settler {
    last: Option<Answer>,
    streak: u32,
}

impl Settler {
    /// Whether the answer after `done` runs could count toward a stop, so is
    /// worth classifying: some test is flaky and every flaky one has failed
    /// and passed [`MIN_EACH`] times.
    pub fn worth_checking(&self, done: u32, stats: &TestStats) -> bool {
        done + STREAK > MIN_RUNS && decisive_counts(stats)
    }

    /// Records the answer after `done` runs (`causes` as the classifier gave
    /// them for these runs) and says whether to stop. A run that is not
    /// worth checking breaks the streak ([`Settler::interrupt`]).
    pub fn observe(&mut self, done: u32, stats: &TestStats, causes: &[(String, Vec<Cause>)]) -> Option<Settled> {
        let answer = answer(stats, causes);
        let same = answer.is_some() && answer == self.last;
        self.streak = match (&answer, same) {
            (None, _) => 0,
            (Some(_), true) => self.streak + 1,
            (Some(_), false) => 1,
        };
        self.last = answer;
        if done >= MIN_RUNS && self.streak >= STREAK {
            let n = self.last.as_ref().map_or(0, Vec::len);
            let tests = if n == 1 { "the flaky test".to_string() } else { format!("each of the {n} flaky tests") };
            Some(Settled {
                after: done,
                reason: format!("the verdicts and the top cause of {tests} stayed the same over the last {STREAK} runs"),
            })
        } else {
            None
        }
    }

    /// After each run: classifies `runs` when that is worth it (else the
    /// streak starts again) and says whether to stop.
    pub fn after_run(&mut self, runs: &[RunResult], diagnoser: &dyn Diagnoser) -> Option<Settled> {
        let done = runs.len() as u32;
        let stats = TestStats::compute(runs);
        if self.worth_checking(done, &stats) {
            let causes = diagnoser.diagnose(runs, &stats);
            self.observe(done, &stats, &causes)
        } else {
            self.interrupt();
            None
        }
    }

    /// A run whose answer was not looked at: the streak starts again.
    pub fn interrupt(&mut self) {
        self.last = None;
        self.streak = 0;
    }
}

fn decisive_counts(stats: &TestStats) -> bool {
    let mut flaky = stats.flaky().peekable();
    flaky.peek().is_some() && flaky.all(|t| t.counts.bad() >= MIN_EACH && t.counts.passed >= MIN_EACH)
}

/// The answer when it is decisive: enough of both outcomes and a confident
/// top cause for every flaky test.
fn answer(stats: &TestStats, causes: &[(String, Vec<Cause>)]) -> Option<Answer> {
    if !decisive_counts(stats) {
        return None;
    }
    let mut out: Answer = vec![];
    for t in stats.flaky() {
        let top = causes.iter().find(|(n, _)| *n == t.nodeid).and_then(|(_, list)| list.first())?;
        if top.confidence < MIN_CONFIDENCE {
            return None;
        }
        out.push((t.nodeid.clone(), Some((top.file.clone(), top.line, top.category))));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{OutcomeCounts, Verdict};
    use crate::run::verdict::TestSummary;

    fn stats(passed: u32, failed: u32) -> TestStats {
        let verdict = if failed > 0 && passed > 0 { Verdict::Flaky } else if failed > 0 { Verdict::Fail } else { Verdict::Pass };
        TestStats {
            tests: vec![TestSummary {
                nodeid: "t::a".into(),
                counts: OutcomeCounts { passed, failed, ..Default::default() },
                verdict,
                bad_runs: vec![],
                timeouts: 0,
                crashes: 0,
                collect_error: false,
                executions_per_run: 1,
            }],
            runs: passed + failed,
            timed_out_runs: 0,
        }
    }

    fn cause(line: u32, confidence: f64) -> Vec<(String, Vec<Cause>)> {
        vec![(
            "t::a".into(),
            vec![Cause {
                file: "src/a.py".into(),
                line,
                function: "f".into(),
                category: Category::Timing,
                confidence,
                evidence: String::new(),
                fix: String::new(),
                polluter: None,
                basis: Default::default(),
                proven: false,
            }],
        )]
    }

    #[test]
    fn stops_after_a_streak_of_the_same_confident_answer() {
        let mut s = Settler::default();
        // runs 7..=12 with 3 failures already: the same answer from run 7 on
        let mut stopped = None;
        for done in 7..=12 {
            let st = stats(done - 3, 3);
            assert!(s.worth_checking(done, &st));
            if let Some(x) = s.observe(done, &st, &cause(5, 0.9)) {
                stopped = Some(x);
                break;
            }
        }
        let x = stopped.expect("settled");
        assert_eq!(x.after, MIN_RUNS);
        assert!(x.reason.contains("the flaky test"), "{}", x.reason);
    }

    #[test]
    fn a_changed_top_cause_restarts_the_streak() {
        let mut s = Settler::default();
        let st = stats(10, 3);
        for _ in 0..STREAK - 1 {
            assert_eq!(s.observe(13, &st, &cause(5, 0.9)), None);
        }
        assert_eq!(s.observe(13, &st, &cause(6, 0.9)), None);
        for _ in 0..STREAK - 2 {
            assert_eq!(s.observe(13, &st, &cause(6, 0.9)), None);
        }
        assert!(s.observe(13, &st, &cause(6, 0.9)).is_some());
    }

    #[test]
    fn weak_or_thin_evidence_never_settles() {
        let mut s = Settler::default();
        for _ in 0..10 {
            assert_eq!(s.observe(20, &stats(17, 3), &cause(5, 0.3)), None, "low confidence");
        }
        for _ in 0..10 {
            assert_eq!(s.observe(20, &stats(18, 2), &cause(5, 0.9)), None, "too few failing runs");
        }
        assert!(!s.worth_checking(20, &stats(18, 2)));
        assert!(!s.worth_checking(20, &stats(20, 0)), "nothing flaky: run to the cap");
        for _ in 0..10 {
            assert_eq!(s.observe(20, &stats(20, 0), &[]), None);
        }
    }

    #[test]
    fn interruptions_break_the_streak() {
        let mut s = Settler::default();
        let st = stats(10, 3);
        for _ in 0..STREAK - 1 {
            assert_eq!(s.observe(13, &st, &cause(5, 0.9)), None);
        }
        s.interrupt();
        assert_eq!(s.observe(14, &st, &cause(5, 0.9)), None);
    }
}
