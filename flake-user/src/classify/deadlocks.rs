//! Lock-order deadlocks: two threads each blocked in a lock acquire at the
//! same time, on different locks, at least one giving up — while each was
//! inside a `with` block that had taken another lock, or in a later pass of
//! a loop over locks its caller handed it (`for b in bins: b.claim()`).
//! Each holds what the other waits for: the nested acquire (the line where
//! the thread waited while holding the first lock) is where the order is
//! decided, or, for a loop, the caller that passed the locks in its order.
//! A feature of one run; the experiment pauses before the nested acquire,
//! which widens the window in which both threads hold their first lock.

use std::collections::HashMap;

use super::features::{add, FKey, Obs};
use super::source::Sources;
use crate::align::{timed_out, AEvent, AKind, SiteTable};
use crate::trace::syscalls::nr;

/// How evidence says where the order of locks taken in a loop comes
/// from: the caller's site follows (`file:line`).
pub(super) const PASSED_AT: &str = "The locks come in the order the caller passes them, at";

/// A futex wait long enough to be a wait for a lock held across work
/// (not a hand-off of the interpreter lock): (event, futex address, end,
/// whether it gave up).
fn long_wait(e: &AEvent) -> Option<(&AEvent, u64, u64, bool)> {
    let AKind::Sys { nr: n, ret, args, requested_ns, end_ts, .. } = &e.kind else { return None };
    if *n != nr::FUTEX || requested_ns.is_some_and(crate::python::is_gil_wait_slice) || end_ts.saturating_sub(e.ts) < MIN_WAIT_NS {
        return None;
    }
    Some((e, args[0], *end_ts, timed_out(*n, *ret)))
}

/// Shortest wait that counts (ns).
const MIN_WAIT_NS: u64 = 10_000_000;

/// The frame (of the five innermost) whose line runs inside a `with`
/// block of its function that holds something, or else in a loop over
/// one of its function's parameters: the nested acquire.
fn nested_acquire(frames: &[u32], sites: &SiteTable, src: &mut Sources) -> Option<u32> {
    let inner = || frames.iter().take(5).copied().filter(|&f| !super::is_test_code(&sites.get(f).file));
    inner().find(|&f| {
        let s = sites.get(f);
        src.holding_with(&s.abs, s.firstlineno, s.line).is_some()
    })
    .or_else(|| {
        inner().find(|&f| {
            let s = sites.get(f);
            loop_over_param(src, &s.abs, s.firstlineno, s.line).is_some()
        })
    })
}

/// When line `at` of the function (`abs`, `firstlineno`) runs in a `for`
/// loop over one of the function's parameters as passed (`def
/// claimed(*bins): for b in bins:`, not `sorted(bins)`): the loop's line
/// and header. A later pass runs while what earlier passes took is held,
/// in the order the caller passed them.
pub(super) fn loop_over_param(src: &mut Sources, abs: &str, firstlineno: i32, at: u32) -> Option<(u32, String)> {
    let (a, _) = src.function_extent(abs, firstlineno)?;
    let lines = src.lines(abs)?;
    let params = parameters(lines, a);
    let mut inner = super::source::indent(lines.get(at as usize - 1)?);
    for n in (a + 1..at).rev() {
        let l = &lines[n as usize - 1];
        let t = super::source::code(l).trim();
        if t.is_empty() || super::source::indent(l) >= inner {
            continue;
        }
        inner = super::source::indent(l);
        let Some(head) = t.strip_prefix("for ").and_then(|h| h.strip_suffix(':')) else { continue };
        let Some((_, over)) = head.split_once(" in ") else { continue };
        if params.iter().any(|p| p == over.trim()) {
            return Some((n, t.to_string()));
        }
    }
    None
}

/// Names of the parameters of the function whose `def` is at line `def`
/// (1-based), `self`, `*` and `**` included without their stars.
fn parameters(lines: &[String], def: u32) -> Vec<String> {
    super::provenance::signature(lines, def).1.into_iter().map(|(name, _)| name).collect()
}

/// Adds a [`FKey::MutualWait`] for each nested acquire where two threads
/// of the run waited at the same time on different locks, each holding
/// another, and one of them gave up (the other then got its lock, when the
/// first let go of what it held).
pub(super) fn mutual_waits(evs: &[&AEvent], sites: &SiteTable, src: &mut Sources, f: &mut HashMap<FKey, Obs>) {
    let mut waits: Vec<(&AEvent, u64, u64, bool, u32)> = vec![];
    for (e, addr, end, gave_up) in evs.iter().filter_map(|e| long_wait(e)) {
        if let Some(site) = nested_acquire(&e.frames, sites, src) {
            waits.push((e, addr, end, gave_up, site));
        }
    }
    let mut found: Vec<(u32, u64, crate::align::Frames)> = vec![];
    for (i, &(a, fa, ea, ga, sa)) in waits.iter().enumerate() {
        for &(b, fb, eb, gb, sb) in &waits[i + 1..] {
            let overlap = a.ts.max(b.ts) < ea.min(eb);
            if !overlap || fa == fb || a.tid == b.tid || !(ga || gb) {
                continue;
            }
            found.push((sa, a.ts, a.frames.clone()));
            found.push((sb, b.ts, b.frames.clone()));
        }
    }
    found.sort_by_key(|x| (x.0, x.1));
    found.dedup_by_key(|x| x.0);
    for (site, ts, frames) in found {
        add(f, FKey::MutualWait { site }, Some(site), None, &frames, ts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 200 ms timed futex wait by thread `tid` on `addr`, ending with `ret`.
    fn futex_wait(frames: &[u32], ts: u64, tid: u32, addr: u64, ret: i64) -> AEvent {
        AEvent {
            ts,
            pid: 1,
            tid,
            actor: tid,
            window: Some(0),
            frames: frames.to_vec().into(),
            kind: AKind::Sys { nr: nr::FUTEX, ret: Some(ret), end_ts: ts + 200_000_000, requested_ns: Some(200_000_000), path: None, args: [addr, 0x189, 0] },
        }
    }

    #[test]
    fn two_threads_giving_up_on_each_others_lock_inside_with_blocks_wait_mutually() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bank.py");
        std::fs::write(&p, "def transfer(a, b):\n    with hold(a.lock):\n        audit()\n        with hold(b.lock):\n            move(a, b)\n\ndef hold(lock):\n    lock.acquire(timeout=0.2)\n").unwrap();
        let abs = p.to_string_lossy().into_owned();
        let mut sites = SiteTable::default();
        let mut site = |func: &str, line: u32, first: i32| sites.intern(crate::align::Site { file: "bank.py".into(), abs: abs.clone(), func: func.into(), line, firstlineno: first });
        let (acq, nested) = (site("hold", 8, 7), site("transfer", 4, 1));
        let wait = |ts: u64, tid: u32, addr: u64, ret: i64| futex_wait(&[acq, nested], ts, tid, addr, ret);
        let timeout = -(libc::ETIMEDOUT as i64);
        let evs = [wait(10, 2, 0xa0, timeout), wait(20, 3, 0xb0, timeout)];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        let mut src = Sources::default();
        mutual_waits(&refs, &sites, &mut src, &mut f);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec![&FKey::MutualWait { site: nested }]);
        // waiting for the same lock is contention, not a cycle
        let evs = [wait(10, 2, 0xa0, timeout), wait(20, 3, 0xa0, timeout)];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        mutual_waits(&refs, &sites, &mut src, &mut f);
        assert!(f.is_empty());
        // one gave up, and the other got its lock then: still a cycle
        let evs = [wait(10, 2, 0xa0, timeout), wait(20, 3, 0xb0, 0)];
        let refs: Vec<&AEvent> = evs.iter().collect();
        mutual_waits(&refs, &sites, &mut src, &mut f);
        assert_eq!(f.len(), 1);
        // neither gave up: both got their locks in time
        let evs = [wait(10, 2, 0xa0, 0), wait(20, 3, 0xb0, 0)];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        mutual_waits(&refs, &sites, &mut src, &mut f);
        assert!(f.is_empty());
    }

    #[test]
    fn locks_taken_in_a_loop_over_what_the_caller_passed_wait_mutually_at_the_loop() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("moves.py");
        let text = "def claimed(scanner, *bins):\n    held = []\n    for b in bins:\n        b.claim()\n        held.append(b)\n\ndef move(a, b, s):\n    with claimed(s, a, b):\n        pass\n\ndef sorted_claim(*bins):\n    for b in sorted(bins):\n        b.claim()\n";
        std::fs::write(&p, text).unwrap();
        let abs = p.to_string_lossy().into_owned();
        let mut src = Sources::default();
        assert_eq!(loop_over_param(&mut src, &abs, 1, 4), Some((3, "for b in bins:".into())));
        assert_eq!(loop_over_param(&mut src, &abs, 11, 13), None, "a sorted order is not the caller's");
        assert_eq!(loop_over_param(&mut src, &abs, 7, 9), None);
        let mut sites = SiteTable::default();
        let mut site = |func: &str, line: u32, first: i32| sites.intern(crate::align::Site { file: "moves.py".into(), abs: abs.clone(), func: func.into(), line, firstlineno: first });
        let (acq, looped, caller) = (site("claim", 20, 19), site("claimed", 4, 1), site("move", 8, 7));
        let wait = |ts: u64, tid: u32, addr: u64, ret: i64| futex_wait(&[acq, looped, caller], ts, tid, addr, ret);
        let evs = [wait(10, 2, 0xa0, -(libc::ETIMEDOUT as i64)), wait(20, 3, 0xb0, 0)];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        mutual_waits(&refs, &sites, &mut src, &mut f);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec![&FKey::MutualWait { site: looped }]);
    }

    #[test]
    fn parameters_are_read_from_a_signature_over_several_lines() {
        let lines: Vec<String> = ["class A:", "    def f(self, a: int = 3,", "          *rest, key=(1, 2), **kw) -> None:", "        pass"].iter().map(|s| s.to_string()).collect();
        assert_eq!(parameters(&lines, 2), vec!["self", "a", "rest", "key", "kw"]);
    }

}
