//! A second hypothesis source: the inventory of what the failing runs did.
//!
//! The divergence classifier (the rest of `classify/`) names lines whose
//! events separate failing from passing runs. When the separating event is
//! not traced, or the separation is too weak, the right line is often
//! still among the places where the test read the wall clock, drew random
//! values or waited with a timeout. This module lists those places (the
//! innermost project frame of such events in the test's windows of the
//! failing runs, present in at least half of them) as candidates for the
//! experiments, after the classifier's own causes. When that frame is in a
//! test double (a fake under `tests/`), the nearest caller in the code
//! under test is listed too: the line that holds something across a slow
//! call, or decides on what the double returned, is where a fix goes. A candidate no
//! experiment proves is dropped from the report ([`Basis::Inventory`]).

use std::collections::{HashMap, HashSet};

use crate::align::{AKind, Alignment};
use crate::report::{Basis, Category, Cause};
use crate::run::RunResult;
use crate::trace::syscalls::nr;

use super::{draw, views};

/// Candidates per kind, at most.
const PER_KIND: usize = 3;

fn kind_of(k: &AKind) -> Option<Category> {
    match k {
        AKind::Clock { realtime: true, .. } => Some(Category::TimeDependency),
        AKind::Sys { nr: n, requested_ns: Some(t), .. } if *t > 0 && !(*n == nr::FUTEX && crate::python::is_gil_wait_slice(*t)) => Some(Category::Timing),
        _ => None,
    }
}

/// The nearest frame in the code under test above an innermost frame in a
/// test double (test support code that is not a test function).
fn caller_under_test(al: &Alignment, frames: &[u32]) -> Option<u32> {
    let in_double = |id: u32| {
        let s = al.sites.get(id);
        super::is_test_code(&s.file) && !s.func.rsplit('.').next().unwrap_or("").starts_with("test")
    };
    if !in_double(*frames.first()?) {
        return None;
    }
    frames.iter().copied().find(|&id| !super::is_test_code(&al.sites.get(id).file))
}

/// Candidate causes of `nodeid` from its failing runs' events, minus the
/// lines `known` already names.
pub fn inventory(al: &Alignment, runs: &[RunResult], nodeid: &str, known: &[Cause]) -> Vec<Cause> {
    let vs = views(al, runs, nodeid);
    let failing: Vec<_> = vs.iter().filter(|v| v.failed).collect();
    let nf = failing.len() as u32;
    if nf == 0 {
        return vec![];
    }
    // (category, site) -> failing runs with it
    let mut seen: HashMap<(Category, u32), u32> = HashMap::new();
    for v in &failing {
        let mut here: HashSet<(Category, u32)> = HashSet::new();
        for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
            let Some(site) = e.site() else { continue };
            let cat = if draw(e).is_some() { Some(Category::Randomness) } else { kind_of(&e.kind) };
            if let Some(c) = cat {
                here.insert((c, site));
                if let Some(caller) = caller_under_test(al, &e.frames) {
                    here.insert((Category::Timing, caller));
                }
            }
        }
        for k in here {
            *seen.entry(k).or_default() += 1;
        }
    }
    let mut list: Vec<((Category, u32), u32)> = seen.into_iter().filter(|(_, n)| n * 2 >= nf).collect();
    list.sort_by_key(|((c, s), n)| (std::cmp::Reverse(*n), *c as u8, *s));
    let mut per: HashMap<Category, usize> = HashMap::new();
    let mut out: Vec<Cause> = vec![];
    for ((cat, site), n) in list {
        let s = al.sites.get(site);
        if known.iter().chain(&out).any(|c| c.file == s.file && c.line == s.line) {
            continue;
        }
        let k = per.entry(cat).or_default();
        if *k >= PER_KIND {
            continue;
        }
        *k += 1;
        let what = match cat {
            Category::TimeDependency => "reads the wall clock",
            Category::Randomness => "draws random values",
            _ => "sleeps or waits with a timeout (itself or in a test double it calls)",
        };
        out.push(Cause {
            file: s.file.clone(),
            line: s.line,
            function: s.func.clone(),
            category: cat,
            confidence: 0.05,
            evidence: format!("the test {what} at {} ({}) in {n}/{nf} failing runs (a candidate from what the failing runs did, not a separating event)", s.loc(), s.func),
            fix: super::fix_for(cat).to_string(),
            polluter: None,
            basis: Basis::Inventory,
            proven: false,
        });
    }
    out
}
