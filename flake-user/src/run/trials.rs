//! Controlled reruns ("trials"): the same command run again with one
//! condition changed — the string hash seed fixed, only chosen tests in a
//! chosen order with xdist off, or extra CPU load beside it — to settle a
//! question the classifier has about a flaky test's causes. The test and
//! its code are never changed. The classifier decides which conditions to
//! try ([`super::Diagnoser::next_trial`]); this module says how each is
//! put into a run and what it is called.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use super::outcomes::Outcome;
use crate::report::TrialSummary;

/// Environment variable: JSON list of the nodeids the plugin keeps, in
/// the order to run them.
pub const SELECT_ENV: &str = "FLAKEBPF_SELECT";
/// Environment variable: the plugin turns pytest-xdist's distribution off.
pub const NO_XDIST_ENV: &str = "FLAKEBPF_NO_XDIST";

/// The one thing a trial changes.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// `PYTHONHASHSEED` fixed to `seed` (str/bytes hashes, so set order).
    HashSeed { seed: u32 },
    /// Only `tests` run, in this order, in one process (xdist off).
    Only { tests: Vec<String> },
    /// The whole suite with xdist off (one process, collection order).
    NoXdist,
    /// `threads` busy threads spinning beside the run.
    CpuLoad { threads: u32 },
}

impl Condition {
    /// Environment the condition adds to the run.
    pub fn env(&self) -> Vec<(String, String)> {
        match self {
            Condition::HashSeed { seed } => vec![("PYTHONHASHSEED".into(), seed.to_string())],
            Condition::Only { tests } => vec![
                (SELECT_ENV.into(), serde_json::to_string(tests).expect("strings serialize")),
                (NO_XDIST_ENV.into(), "1".into()),
            ],
            Condition::NoXdist => vec![(NO_XDIST_ENV.into(), "1".into())],
            Condition::CpuLoad { .. } => vec![],
        }
    }

    /// Busy threads to run beside the command.
    pub fn cpu_threads(&self) -> u32 {
        match self {
            Condition::CpuLoad { threads } => *threads,
            _ => 0,
        }
    }

    /// What it is called in reports, for the test `nodeid` it asks about.
    pub fn describe(&self, nodeid: &str) -> String {
        match self {
            Condition::HashSeed { seed } => format!("PYTHONHASHSEED={seed}"),
            Condition::Only { tests } if tests.len() == 1 && tests[0] == nodeid => "alone (xdist off)".into(),
            Condition::Only { tests } => {
                let before: Vec<&str> = tests.iter().map(String::as_str).filter(|t| *t != nodeid).collect();
                format!("right after {} (xdist off)", before.join(", "))
            }
            Condition::NoXdist => "whole suite, xdist off".into(),
            Condition::CpuLoad { threads } => format!("extra CPU load ({threads} busy threads)"),
        }
    }
}

/// One controlled rerun and the outcome of the test it asked about.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Trial {
    pub nodeid: String,
    pub condition: Condition,
    /// `None`: the test did not run (not selected, or the run broke off).
    pub outcome: Option<Outcome>,
}

impl Trial {
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Failed | Outcome::Error))
    }
    pub fn passed(&self) -> bool {
        self.outcome == Some(Outcome::Passed)
    }
}

/// Trials of one test summed per condition, in the order first tried.
pub fn summarize(nodeid: &str, trials: &[Trial]) -> Vec<TrialSummary> {
    let mut out: Vec<(Condition, TrialSummary)> = vec![];
    for t in trials.iter().filter(|t| t.nodeid == nodeid) {
        let i = match out.iter().position(|(c, _)| *c == t.condition) {
            Some(i) => i,
            None => {
                let s = TrialSummary { condition: t.condition.describe(nodeid), runs: 0, passed: 0, failed: 0 };
                out.push((t.condition.clone(), s));
                out.len() - 1
            }
        };
        let s = &mut out[i].1;
        s.runs += 1;
        s.passed += t.passed() as u32;
        s.failed += t.failed() as u32;
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// Busy threads that spin until dropped.
pub struct CpuLoad {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl CpuLoad {
    pub fn start(n: u32) -> CpuLoad {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..n)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut x: u64 = 1;
                    while !stop.load(Ordering::Relaxed) {
                        for _ in 0..10_000 {
                            x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                        }
                    }
                })
            })
            .collect();
        CpuLoad { stop, threads }
    }
}

impl Drop for CpuLoad {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_become_environment_and_names() {
        let only = Condition::Only { tests: vec!["t::p".into(), "t::v".into()] };
        assert_eq!(only.env(), vec![(SELECT_ENV.into(), r#"["t::p","t::v"]"#.into()), (NO_XDIST_ENV.into(), "1".into())]);
        assert_eq!(only.describe("t::v"), "right after t::p (xdist off)");
        assert_eq!(Condition::Only { tests: vec!["t::v".into()] }.describe("t::v"), "alone (xdist off)");
        assert_eq!(Condition::HashSeed { seed: 3 }.env(), vec![("PYTHONHASHSEED".into(), "3".into())]);
        assert_eq!(Condition::CpuLoad { threads: 2 }.cpu_threads(), 2);
        assert!(Condition::CpuLoad { threads: 2 }.env().is_empty());
    }

    #[test]
    fn summaries_count_per_condition() {
        let t = |c: Condition, o: Option<Outcome>| Trial { nodeid: "t::v".into(), condition: c, outcome: o };
        let a = Condition::HashSeed { seed: 1 };
        let b = Condition::HashSeed { seed: 2 };
        let trials = vec![
            t(a.clone(), Some(Outcome::Failed)),
            t(b.clone(), Some(Outcome::Passed)),
            t(a.clone(), Some(Outcome::Error)),
            t(b, None),
            Trial { nodeid: "t::other".into(), condition: a, outcome: Some(Outcome::Passed) },
        ];
        let s = summarize("t::v", &trials);
        assert_eq!(
            s,
            vec![
                TrialSummary { condition: "PYTHONHASHSEED=1".into(), runs: 2, passed: 0, failed: 2 },
                TrialSummary { condition: "PYTHONHASHSEED=2".into(), runs: 2, passed: 1, failed: 0 },
            ]
        );
    }

    #[test]
    fn cpu_load_stops_when_dropped() {
        let l = CpuLoad::start(2);
        std::thread::sleep(std::time::Duration::from_millis(20));
        drop(l);
    }
}
