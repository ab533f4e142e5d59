//! Per-run features of how threads and asyncio tasks interleaved: another
//! actor running a function while one was inside a project frame (and
//! whether a suspended task ever continued there), and fixed sleeps that
//! ended before another thread's wait they were covering.

use std::collections::{HashMap, HashSet};

use super::features::{add, FKey, Obs, View};
use crate::align::{is_wait, AEvent, AKind, SiteTable};
use crate::trace::syscalls::{self as sc, SyscallClass};

/// Other actors running while an actor was inside a project frame.
pub(super) fn interleavings(v: &View, evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
    const DEPTH: usize = 4;
    let mut last: HashMap<u32, &AEvent> = HashMap::new();
    // actor A → pending (f site, g func, thread) → g site
    let mut pending: HashMap<u32, HashMap<(u32, u32, bool), u32>> = HashMap::new();
    let mut seen: HashSet<FKey> = HashSet::new();
    let mut blocked: HashMap<u32, (&AEvent, u64)> = HashMap::new();
    for e in evs {
        if e.frames.is_empty() {
            continue;
        }
        // An actor waiting on a lock or condition touches nothing: that is
        // contention (see WaitTimeout), not an interleaving of its code.
        let waiting = match &e.kind {
            AKind::Sys { nr: n, .. } => sc::class(*n) == SyscallClass::Wait,
            AKind::SchedOut { preempt } => !preempt,
            _ => false,
        };
        if waiting {
            last.insert(e.actor, e);
            continue;
        }
        let b = e.actor;
        if let Some(p) = pending.remove(&b) {
            let task = v.ar.is_task(b);
            for ((fs, g, thread), gs) in p {
                let back = e.frames.iter().any(|&s| sites.func(s) == sites.func(fs));
                if task && !thread && !back {
                    let k = FKey::Abandoned { f: fs, g, thread };
                    if seen.insert(k.clone()) {
                        add(f, k, Some(gs), None, &[], e.ts);
                    }
                }
                let persists = task || back;
                if persists {
                    let k = FKey::Interleave { f: fs, g, thread };
                    if seen.insert(k.clone()) {
                        add(f, k, Some(gs), None, &[], e.ts);
                    }
                }
            }
        }
        let ba = &v.ar.actors[b as usize];
        // actors blocked in a syscall right now were inside all its frames
        blocked.retain(|_, (_, end)| *end > e.ts);
        for (&a, (le, _)) in &blocked {
            if a == b {
                continue;
            }
            let aa = &v.ar.actors[a as usize];
            let thread = aa.tid != ba.tid;
            if !thread {
                continue;
            }
            for &fs in le.frames.iter().take(DEPTH) {
                for &gs in e.frames.iter().take(DEPTH) {
                    let k = FKey::Interleave { f: fs, g: sites.func(gs), thread };
                    if seen.insert(k.clone()) {
                        add(f, k, Some(gs), None, &[], e.ts);
                    }
                }
            }
        }
        for (&a, le) in &last {
            if a == b {
                continue;
            }
            let aa = &v.ar.actors[a as usize];
            let thread = aa.tid != ba.tid;
            if !thread && !(aa.task.is_some() && ba.task.is_some()) {
                continue;
            }
            let p = pending.entry(a).or_default();
            for &fs in le.frames.iter().take(DEPTH) {
                for &gs in e.frames.iter().take(DEPTH) {
                    p.entry((fs, sites.func(gs), thread)).or_insert(gs);
                }
            }
        }
        last.insert(b, e);
        if let AKind::Sys { nr: n, end_ts, .. } = &e.kind {
            if is_wait(*n) || matches!(sc::class(*n), SyscallClass::Socket | SyscallClass::File) {
                blocked.insert(b, (*e, *end_ts));
            }
        }
    }
    // Tasks still suspended when the test ended never ran there again. The
    // task's outermost frame (the test function itself, when the test
    // failed) is left out: that it stops is the failure, not its cause.
    let end = evs.last().map(|e| e.ts).unwrap_or(0);
    for (a, p) in pending {
        if !v.ar.is_task(a) {
            continue;
        }
        let root = last.get(&a).and_then(|le| le.frames.last()).map(|&s| sites.func(s));
        for ((fs, g, thread), gs) in p {
            if thread || Some(sites.func(fs)) == root {
                continue;
            }
            let k = FKey::Abandoned { f: fs, g, thread };
            if seen.insert(k.clone()) {
                add(f, k, Some(gs), None, &[], end);
            }
        }
    }
}

/// Fixed sleeps that ended while another thread's wait was still going.
pub(super) fn outlasted(v: &View, evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
    let sleeps: Vec<(&AEvent, u64, i64)> = evs
        .iter()
        .filter_map(|e| match &e.kind {
            AKind::Sys { nr: n, ret: Some(0), end_ts, requested_ns: Some(req), .. }
                if sc::class(*n) == SyscallClass::Sleep && *req >= 1_000_000 && e.site().is_some() =>
            {
                Some((*e, *end_ts, *req))
            }
            _ => None,
        })
        .collect();
    if sleeps.is_empty() {
        return;
    }
    // other threads' waits: (tid, site) → [(start, end)]
    let mut waits: HashMap<(u32, u32), Vec<(u64, u64)>> = HashMap::new();
    for e in evs {
        if let (AKind::Sys { nr: n, end_ts, .. }, Some(s)) = (&e.kind, e.site()) {
            if is_wait(*n) {
                waits.entry((e.tid, s)).or_default().push((e.ts, *end_ts));
            }
        }
    }
    let mut done: HashSet<FKey> = HashSet::new();
    for (a, s1, req) in sleeps {
        let s = a.site().unwrap();
        let s0 = a.ts;
        for (&(tid, x), list) in &waits {
            // the same code running in two threads is a race, not a wait
            if tid == a.tid || sites_func_eq(sites, s, x) {
                continue;
            }
            // the first wait at x that ends after the sleep began
            let Some(&(w0, w1)) = list.iter().filter(|(_, w1)| *w1 > s0).min_by_key(|(_, w1)| *w1) else { continue };
            if w0 >= s1 {
                continue;
            }
            let k = FKey::Outlasted { s, x };
            let late = w1 > s1;
            if late && done.insert(k.clone()) {
                add(f, k.clone(), Some(x), None, &a.frames, s1);
            }
            // keep the measurements either way, for the histogram
            let k2 = FKey::Outlasted { s, x };
            let _ = k2;
            let o = f.entry(FKey::Outlasted { s, x }).or_default();
            if o.vals.len() < 62 {
                o.vals.push(req as f64);
                o.vals.push(w1.saturating_sub(s0).min(u64::MAX / 2) as f64);
            }
            if !late && o.n == 0 {
                // measurement only: not a feature in this run
                o.site = Some(x);
            }
        }
    }
    let _ = v;
}

fn sites_func_eq(sites: &SiteTable, a: u32, b: u32) -> bool {
    sites.func(a) == sites.func(b)
}
