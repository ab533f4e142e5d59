//! The divergence classifier: from N aligned runs of a flaky test, which
//! project line makes it fail, in which of the eight categories, with the
//! measured evidence and a fix.
//!
//! For every run the test's events (all its phases, every thread and child
//! process of its worker, see [`crate::align`]) are turned into *features*:
//! facts about a project site that hold or not in that run — a wall-clock
//! boundary crossed between reads, a syscall errno, a wait that timed out,
//! a read size, another thread or asyncio task running a function while this
//! one was suspended inside another (and whether the suspended task ever
//! continued there), a fixed sleep that ended before the
//! other thread's wait it was covering, a directory used by two threads in
//! interleaved order (fd-relative tree removals included), an earlier test in the same process, I/O done by a
//! background thread during an earlier test. Each feature is scored by how
//! it separates failing from passing runs (one-sided Fisher exact test, so a
//! few failing runs are enough and chance associations score low), weighted
//! by how directly its kind names a cause, and mapped to the line to change
//! (the innermost project frame, moved by [`source`] to the stale write, the
//! loop across the suspension or the global assignment when the event's line
//! is only where it showed); a race located in test support code yields to
//! one in the code under test that separates the runs as well. Only features more common in failing runs are
//! kept: every cause cites failing runs. With no separating feature, unseeded
//! random draws are reported with low confidence; a test that never failed
//! gets no cause.
//!
//! This module holds the [`Classifier`] and [`classify`]; the method is in
//! `features.rs` and `interleave.rs` (the features of one run),
//! `divergence.rs` (scoring and ranking them), `causes.rs` (the cause each
//! kind of feature points to) and `fallbacks.rs` (when nothing separates
//! the runs).

pub mod experiments;
pub mod hypotheses;
pub mod source;
pub mod spawns;
pub mod callbacks;
pub mod executors;
pub mod singletons;
pub mod checkact;
pub mod completion;
pub mod defaults;
pub mod generators;
pub mod leaks;
pub mod listings;
pub mod provenance;
pub mod rewrites;
pub mod publish;
pub mod stats;
pub mod timeouts;
pub mod unseeded;

mod causes;
mod deadlocks;
mod divergence;
mod fallbacks;
mod features;
mod handoffs;
mod interleave;
mod wakeups;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::align::Alignment;
use crate::report::Cause;
use crate::run::trials::{Condition, Trial};
use crate::run::{Diagnoser, RunResult, TestStats};
use divergence::diagnose_test;
use source::Sources;
// used by the hypotheses as `super::{draw, views, fix_for}`
use causes::fix_for;
use fallbacks::draw;
use features::{views, Known};

pub(crate) use causes::cuts_reading;
pub(crate) use divergence::is_test_code;

/// The classifier, as the run loop and `analyze` use it.
#[derive(Default)]
pub struct Classifier {
    /// Overrides pytest's rootdir as seen in the runs.
    pub rootdir: Option<PathBuf>,
    /// The runs aligned so far (the run loop asks again after every run),
    /// with the traces and the rootdir they were aligned from; only the
    /// events the diagnosis of the flaky tests reads are kept, so a test
    /// turning flaky later has them aligned again.
    cache: RefCell<Option<Cached>>,
}

struct Cached {
    al: Alignment,
    traces: Vec<Option<PathBuf>>,
    root: Option<PathBuf>,
    /// The features of each run, computed as it was aligned (its events
    /// are then cut to what the other readers need).
    known: Known,
}

impl Classifier {
    pub fn new(rootdir: Option<PathBuf>) -> Classifier {
        Classifier { rootdir, cache: RefCell::new(None) }
    }
}

impl Diagnoser for Classifier {
    fn diagnose(&self, runs: &[RunResult], tests: &TestStats) -> Vec<(String, Vec<Cause>)> {
        if tests.flaky().next().is_none() {
            return vec![];
        }
        let root = self.rootdir.clone().or_else(|| crate::align::rootdir_of(runs));
        let traces: Vec<Option<PathBuf>> = runs.iter().map(|r| r.trace_path.clone()).collect();
        let flaky: BTreeSet<String> = tests.flaky().map(|t| t.nodeid.clone()).collect();
        let mut cache = self.cache.borrow_mut();
        // Reuse the alignment when these runs extend the ones it holds, with the events these tests need.
        let reuse = cache.as_ref().is_some_and(|c| c.root == root && traces.starts_with(&c.traces) && c.al.serves(&flaky));
        if !reuse {
            *cache = Some(Cached { al: Alignment::for_tests(flaky.clone()), traces: vec![], root: root.clone(), known: Known::new() });
        }
        let Cached { al, traces: aligned_traces, known, .. } = cache.as_mut().expect("set above");
        let seen = al.warnings.len();
        let mut src = Sources::default();
        // the features of every test the alignment keeps events for, from each run as it is aligned
        let wanted: Vec<String> = al.tests().unwrap_or(&flaky).iter().cloned().collect();
        al.extend_with(
            runs,
            root,
            Some(&mut |unit, ar, sites| {
                known.remove(&unit);
                for t in &wanted {
                    if let Some(v) = features::view(unit, &runs[unit], ar, t) {
                        known.entry(unit).or_default().insert(t.clone(), features::features(&v, sites, &mut src));
                    }
                }
            }),
        );
        known.retain(|&unit, _| unit < al.runs.len());
        *aligned_traces = traces;
        for w in &al.warnings[seen..] {
            log::warn!("{w}");
        }
        classify(al, known, runs, tests, &mut src)
    }

    fn next_trial(&self, nodeid: &str, _runs: &[RunResult], causes: &[Cause], done: &[Trial]) -> Option<Condition> {
        experiments::next_trial(nodeid, _runs, causes, done)
    }

    fn conclude(&self, nodeid: &str, runs: &[RunResult], causes: Vec<Cause>, done: &[Trial]) -> Vec<Cause> {
        experiments::conclude(nodeid, runs, causes, done)
    }
}

/// Causes for every flaky test of `tests`, with the features `known` of the runs.
fn classify(al: &Alignment, known: &Known, runs: &[RunResult], tests: &TestStats, src: &mut Sources) -> Vec<(String, Vec<Cause>)> {
    tests
        .flaky()
        .map(|t| {
            let mut causes = diagnose_test(al, known, runs, &t.nodeid, src);
            let more = hypotheses::inventory(al, runs, &t.nodeid, &causes, src);
            causes.extend(more);
            (t.nodeid.clone(), causes)
        })
        .collect()
}
