//! Aligning traces on all the cores, each on its own tables, and handing
//! each one on as soon as it and those before it are done, in order. A
//! worker starts a trace only while few traces are done and not yet
//! handed on, so that memory holds a few aligned traces at a time, not
//! all of them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use super::keep::Keep;
use super::trace::{align_trace, LocalRun};
use crate::run::{RunResult, TestWindow};

/// One trace to align: the run, the windows its events are charged to, the file.
pub(super) type Job<'a> = (&'a RunResult, &'a [TestWindow], &'a Path);

/// One trace aligned, with the warnings reading it gave.
pub(super) type Aligned = (anyhow::Result<LocalRun>, Vec<String>);

/// Aligns the traces of `jobs` on all the cores, keeping what `keeps` (one
/// per job) says, and hands each result to `take` on this thread, in the
/// order of `jobs`.
pub(super) fn align_each(jobs: &[Job], keeps: Option<&[Keep]>, src_root: &Path, mut take: impl FnMut(usize, Aligned)) {
    let one = |i: usize| {
        let (run, windows, path) = jobs[i];
        let mut warnings = vec![];
        let r = align_trace(run, windows, keeps.map(|k| &k[i]), path, src_root, &mut warnings);
        (r, warnings)
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    if workers <= 1 {
        for i in 0..jobs.len() {
            take(i, one(i));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // how many results were handed on; a worker panicking stops the others
    let handed = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Aligned)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, handed, stop, one) = (&next, &handed, &stop, &one);
            s.spawn(move || {
                let _guard = StopOnPanic(stop, &handed.1);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() {
                        break;
                    }
                    let mut n = handed.0.lock().expect("a worker panicked");
                    // at most one trace per worker aligned or aligning and not handed on
                    while i >= *n + workers && !stop.load(Ordering::Relaxed) {
                        n = handed.1.wait(n).expect("a worker panicked");
                    }
                    drop(n);
                    if stop.load(Ordering::Relaxed) || tx.send((i, one(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _guard = StopOnPanic(&stop, &handed.1);
        let mut ready: BTreeMap<usize, Aligned> = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            ready.insert(i, r);
            while let Some(r) = ready.remove(&want) {
                take(want, r);
                want += 1;
                *handed.0.lock().expect("a worker panicked") = want;
                handed.1.notify_all();
            }
        }
    });
}

/// Wakes the waiting workers, to stop, when the thread holding it panics.
struct StopOnPanic<'a>(&'a AtomicBool, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
            self.1.notify_all();
        }
    }
}
