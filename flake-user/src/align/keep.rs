//! Which events of a run the classifier can ever read, so that a trace
//! aligned for it keeps those alone (peak memory bounded by what is kept,
//! not by the trace).
//!
//! The tests the classifier diagnoses (the flaky ones) are known from the
//! runs' outcomes before any event is aligned. For one of them, `T` (its
//! windows `W`, its process `P` = the process of its first window, `S` =
//! the start of its first window), the readers in `crate::classify` read:
//!
//! - every event inside `W` (`View::in_test`: the features, interleavings,
//!   hand-offs, waits, the inventory of candidates, random draws, the
//!   wait shares of the passing runs);
//! - environment writes of process `P` before `S` (the last write of each
//!   name: `features::prior`'s leaked variables, `causes::leak_site`);
//! - successful removals (`unlink`, `unlinkat`, `rmdir`) with a path, of
//!   process `P` before `S` (`causes::leak_site`: files an earlier test
//!   created and nothing removed);
//! - in the windows of earlier tests of process `P` (other nodeid, start
//!   before `S`), the *before windows*: file and socket syscalls that
//!   returned (`features::prior`, and `leak_site`'s created files);
//! - in the before windows, the frames of any event, read in time order
//!   until the first frame that stores into process-wide state
//!   (`leak_site`): the first event of each distinct stack in each window
//!   gives the same first frame, so only those are kept (every later event
//!   with the same stack has the same frames).
//!
//! Everything else (events of other tests, of other processes, between
//! tests) no reader uses, and is dropped as the trace is aligned.
//!
//! The features (`classify::features`) are the one reader of every event
//! of `W`: once they are computed from a run as it is aligned, the events
//! of `W` are cut to what the others read ([`Keep::reduce`]): random draws
//! (counted per site: `fallbacks`), waits with a timeout (`causes`' wait
//! shares of passing runs, `hypotheses`' timing candidates), and the first
//! event of each stack and kind of reading (wall clock, other clock, futex,
//! other), from which `hypotheses` takes its candidate sites and the files
//! the failing runs ran.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::{AEvent, AKind};
use crate::run::TestWindow;
use crate::trace::syscalls::{self as sc, nr, SyscallClass};

/// What of a window's events is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Use {
    /// A window of a diagnosed test: every event (until its features are
    /// computed, see [`Keep::reduce`]).
    test: bool,
    /// A before window: returned file and socket syscalls, and the first
    /// event of each stack.
    before: bool,
}

impl Use {
    fn or(self, o: Use) -> Use {
        Use { test: self.test || o.test, before: self.before || o.before }
    }
}

/// What to keep of one trace's events, by the windows they are charged to
/// (indices in the windows the trace is aligned against).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Keep {
    windows: Vec<Use>,
    /// Per process: the latest start of a diagnosed test in it. Its
    /// environment writes and removals before that are kept.
    horizon: HashMap<u32, u64>,
}

/// Whether an event is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Keep,
    /// Kept if it is the first event of its stack in its window.
    FirstOfStack(usize),
    Drop,
}

impl Keep {
    /// Nothing kept yet, for a trace aligned against `n` windows.
    pub(super) fn none(n: usize) -> Keep {
        Keep { windows: vec![Use::default(); n], horizon: HashMap::new() }
    }

    /// Adds what the diagnosis of `tests` reads in a unit whose windows are
    /// `windows`; `to_unit` maps each window of the trace to the unit's
    /// (a sample's), or is `None` when they are the same.
    pub(super) fn add(&mut self, windows: &[TestWindow], to_unit: Option<&[Option<usize>]>, tests: &BTreeSet<String>) {
        let mut uses = vec![Use::default(); windows.len()];
        for t in tests {
            let mine: Vec<usize> = (0..windows.len()).filter(|&i| windows[i].nodeid == *t).collect();
            let Some(&first) = mine.first() else { continue };
            // as the classifier's views: the first window's process, the earliest start
            let pid = windows[first].pid;
            let start = mine.iter().map(|&i| windows[i].start_ns).min().unwrap_or(0);
            for (i, w) in windows.iter().enumerate() {
                if w.nodeid == *t {
                    uses[i].test = true;
                } else if w.pid == pid && w.start_ns < start {
                    uses[i].before = true;
                }
            }
            let h = self.horizon.entry(pid).or_insert(start);
            *h = (*h).max(start);
        }
        for (i, u) in self.windows.iter_mut().enumerate() {
            let unit = match to_unit {
                None => Some(i),
                Some(map) => map.get(i).copied().flatten(),
            };
            if let Some(&v) = unit.and_then(|j| uses.get(j)) {
                *u = u.or(v);
            }
        }
    }

    fn usage(&self, window: Option<usize>) -> Use {
        window.and_then(|w| self.windows.get(w)).copied().unwrap_or_default()
    }

    /// Whether an event is kept: charged to `window`, of process `pid` at
    /// `ts`, of kind `kind` (a syscall's when it returned `ret`).
    pub(super) fn verdict(&self, window: Option<usize>, pid: u32, ts: u64, kind: Kind) -> Verdict {
        let usage = self.usage(window);
        if usage.test {
            return Verdict::Keep;
        }
        let early = self.horizon.get(&pid).is_some_and(|&h| ts < h);
        match kind {
            Kind::Env | Kind::Removal if early => return Verdict::Keep,
            Kind::FileOrSocket | Kind::Removal if usage.before => return Verdict::Keep,
            _ => {}
        }
        match (usage.before, window) {
            (true, Some(w)) => Verdict::FirstOfStack(w),
            _ => Verdict::Drop,
        }
    }

    /// Once the features of the diagnosed tests are computed from a unit
    /// (`events`, aligned and sorted, with this `Keep` made for the unit's
    /// own windows), what the other readers still read of the tests' own
    /// windows: random draws (counted per site), waits with a timeout (the
    /// wait shares of passing runs, the timing candidates), and the first
    /// event of each stack and kind of reading (clock, other clock, futex,
    /// other: the candidate sites, the files the failing runs ran); with
    /// what [`Keep::verdict`] keeps of a window that is also a before window.
    pub(super) fn reduce(&self, events: &mut Vec<AEvent>) {
        let mut firsts: HashSet<(usize, usize, u8)> = HashSet::new();
        events.retain(|e| {
            let window = e.window.map(|w| w as usize);
            let usage = self.usage(window);
            let Some(w) = window.filter(|_| usage.test) else { return true };
            let reading = match &e.kind {
                AKind::Random { .. } | AKind::Sys { nr: nr::GETRANDOM, .. } | AKind::Sys { requested_ns: Some(_), .. } => return true,
                AKind::Clock { realtime: true, .. } => 0,
                AKind::Clock { .. } => 1,
                AKind::Sys { nr: nr::FUTEX, .. } => 2,
                _ => 3,
            };
            let kind = match &e.kind {
                AKind::Env { .. } => Kind::Env,
                AKind::Sys { nr: n, ret, path, .. } => Kind::of_sys(*n, *ret, path.is_some()),
                _ => Kind::Other,
            };
            let early = self.horizon.get(&e.pid).is_some_and(|&h| e.ts < h);
            let by_rule = match kind {
                Kind::Env | Kind::Removal => early || (usage.before && kind == Kind::Removal),
                Kind::FileOrSocket => usage.before,
                Kind::Other => false,
            };
            // first inserted is first in time: the events are sorted
            firsts.insert((w, e.frames.id(), reading)) || by_rule
        });
    }
}

/// What [`Keep::verdict`] needs to know of an event's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Env,
    /// A successful `unlink`, `unlinkat` or `rmdir` naming a path.
    Removal,
    /// Another file or socket syscall that returned.
    FileOrSocket,
    Other,
}

impl Kind {
    /// The kind of a syscall `n` that returned `ret` (`None`: never), with or without a path.
    pub(super) fn of_sys(n: u32, ret: Option<i64>, has_path: bool) -> Kind {
        let Some(r) = ret else { return Kind::Other };
        if matches!(n, nr::UNLINK | nr::UNLINKAT | nr::RMDIR) && r >= 0 && has_path {
            return Kind::Removal;
        }
        match sc::class(n) {
            SyscallClass::File | SyscallClass::Socket => Kind::FileOrSocket,
            _ => Kind::Other,
        }
    }
}

/// The events of a trace as they are kept: in the order they were
/// aligned, as if every event had been pushed and the others taken out.
#[derive(Default)]
pub(super) struct Kept {
    pub(super) events: Vec<AEvent>,
    /// (window, stack) → the earliest event kept as the first of its stack there.
    firsts: HashMap<(usize, usize), usize>,
    /// Events pushed as the first of their stack and then replaced by an earlier one.
    replaced: Vec<usize>,
    /// Events offered, kept or not.
    pub(super) offered: u64,
}

impl Kept {
    pub(super) fn with_capacity(n: usize) -> Kept {
        Kept { events: Vec::with_capacity(n), ..Kept::default() }
    }

    /// Keeps `e` as `verdict` says.
    pub(super) fn push(&mut self, e: AEvent, verdict: Verdict) {
        self.offered += 1;
        match verdict {
            Verdict::Keep => self.events.push(e),
            Verdict::Drop => {}
            Verdict::FirstOfStack(w) => {
                if e.frames.is_empty() {
                    return;
                }
                let key = (w, e.frames.id());
                let at = self.events.len();
                match self.firsts.get_mut(&key) {
                    // the earliest by time, and of the same time the first aligned: first once sorted
                    Some(i) if self.events[*i].ts <= e.ts => return,
                    Some(i) => {
                        self.replaced.push(*i);
                        *i = at;
                    }
                    None => {
                        self.firsts.insert(key, at);
                    }
                }
                self.events.push(e);
            }
        }
    }

    /// Counts an event dropped before it was made (its verdict: [`Verdict::Drop`]).
    pub(super) fn skip(&mut self) {
        self.offered += 1;
    }

    /// The events kept, sorted by time (those of one time in the order they were pushed).
    pub(super) fn finish(mut self) -> Vec<AEvent> {
        if !self.replaced.is_empty() {
            self.replaced.sort_unstable();
            let mut gone = self.replaced.iter().peekable();
            let mut i = 0;
            self.events.retain(|_| {
                let drop = gone.next_if_eq(&&i).is_some();
                i += 1;
                !drop
            });
        }
        sort_by_time(&mut self.events);
        self.events
    }
}

/// `events` sorted by time, those of one time in their order: the (time,
/// position) keys are sorted, then each event is moved once along the
/// cycles of that permutation (sorting the events themselves moves each
/// many times, and they are large).
fn sort_by_time(events: &mut [AEvent]) {
    if events.windows(2).all(|w| w[0].ts <= w[1].ts) {
        return;
    }
    let mut keys: Vec<(u64, u32)> = events.iter().enumerate().map(|(i, e)| (e.ts, i as u32)).collect();
    keys.sort_unstable();
    // from[k]: the position the event that goes to k is at; k once it is there
    let mut from: Vec<u32> = keys.into_iter().map(|(_, i)| i).collect();
    for start in 0..from.len() {
        let mut k = start;
        while from[k] as usize != start {
            let next = from[k] as usize;
            events.swap(k, next);
            from[k] = k as u32;
            k = next;
        }
        from[k] = k as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Frames;
    use crate::run::{Phase, WindowSource};

    fn win(nodeid: &str, pid: u32, start: u64) -> TestWindow {
        TestWindow { nodeid: nodeid.into(), phase: Phase::Call, pid, tid: Some(pid), start_ns: start, end_ns: start + 9, source: WindowSource::Plugin }
    }

    fn tests(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_diagnosed_test_keeps_its_windows_and_what_earlier_tests_of_its_process_left() {
        // process 1 runs a, b (flaky), c; process 2 runs d
        let ws = [win("a", 1, 0), win("b", 1, 10), win("c", 1, 20), win("d", 2, 0)];
        let mut k = Keep::none(ws.len());
        k.add(&ws, None, &tests(&["b"]));
        use Kind::*;
        // b's own window: everything
        assert_eq!(k.verdict(Some(1), 1, 12, Other), Verdict::Keep);
        // a (before b in its process): returned file syscalls, removals, the first of each stack
        assert_eq!(k.verdict(Some(0), 1, 3, FileOrSocket), Verdict::Keep);
        assert_eq!(k.verdict(Some(0), 1, 3, Other), Verdict::FirstOfStack(0));
        // environment writes and removals of process 1 before b began, in no window too
        assert_eq!(k.verdict(None, 1, 9, Env), Verdict::Keep);
        assert_eq!(k.verdict(None, 1, 9, Removal), Verdict::Keep);
        assert_eq!(k.verdict(None, 1, 10, Env), Verdict::Drop);
        assert_eq!(k.verdict(None, 1, 9, FileOrSocket), Verdict::Drop);
        // c (after b) and d (another process): nothing
        for (w, pid) in [(2, 1), (3, 2)] {
            for kind in [Env, Removal, FileOrSocket, Other] {
                assert_eq!(k.verdict(Some(w), pid, 25, kind), Verdict::Drop, "{w} {kind:?}");
            }
        }
        assert_eq!(k.verdict(None, 2, 5, Env), Verdict::Drop);
    }

    #[test]
    fn a_sample_keeps_by_its_own_windows() {
        // the trace's windows: x's first execution, y, x's second; the sample of the second execution holds y and x
        let run = [win("x", 1, 0), win("y", 1, 10), win("x", 1, 20)];
        let sample = [win("y", 1, 10), win("x", 1, 20)];
        let mut k = Keep::none(run.len());
        k.add(&sample, Some(&[None, Some(0), Some(1)]), &tests(&["x"]));
        assert_eq!(k.verdict(Some(2), 1, 25, Kind::Other), Verdict::Keep);
        assert_eq!(k.verdict(Some(1), 1, 15, Kind::Other), Verdict::FirstOfStack(1));
        // the other execution is not in this sample
        assert_eq!(k.verdict(Some(0), 1, 5, Kind::Other), Verdict::Drop);
        // the first execution's sample adds its own
        k.add(&[win("x", 1, 0), win("y", 1, 10)], Some(&[Some(0), Some(1), None]), &tests(&["x"]));
        assert_eq!(k.verdict(Some(0), 1, 5, Kind::Other), Verdict::Keep);
    }

    #[test]
    fn once_the_features_are_computed_a_test_window_keeps_draws_timed_waits_and_the_first_reading_of_each_stack() {
        use crate::trace::syscalls::nr;
        // a (before the flaky b in process 1), b
        let ws = [win("a", 1, 0), win("b", 1, 10)];
        let mut k = Keep::none(ws.len());
        k.add(&ws, None, &tests(&["b"]));
        let (f, g): (Frames, Frames) = (Frames::from([1u32, 2]), Frames::from([3u32]));
        let ev = |ts: u64, w: u32, frames: &Frames, kind: AKind| AEvent { ts, pid: 1, tid: 1, actor: 0, window: Some(w), frames: frames.clone(), kind };
        let clock = |realtime| AKind::Clock { realtime, wall_ns: 0 };
        let sys = |n: u32, requested_ns: Option<i64>| AKind::Sys { nr: n, ret: Some(0), end_ts: 0, requested_ns, path: None, args: [0; 3] };
        let mut events = vec![
            // a: kept as aligned, left as it is
            ev(1, 0, &f, clock(true)),
            ev(2, 0, &f, clock(true)),
            // b: the first of each (stack, reading), every draw and timed wait
            ev(11, 1, &f, clock(true)),
            ev(12, 1, &f, clock(true)),
            ev(13, 1, &f, clock(false)),
            ev(14, 1, &g, clock(true)),
            ev(15, 1, &f, sys(nr::FUTEX, None)),
            ev(16, 1, &f, sys(nr::FUTEX, None)),
            ev(17, 1, &f, sys(nr::FUTEX, Some(5))),
            ev(18, 1, &f, sys(nr::FUTEX, Some(5))),
            ev(19, 1, &f, AKind::Random { seed: false }),
            ev(20, 1, &f, AKind::Random { seed: false }),
            ev(21, 1, &f, sys(nr::GETRANDOM, None)),
            ev(22, 1, &f, sys(nr::GETRANDOM, None)),
            ev(23, 1, &f, sys(nr::RENAME, None)),
            ev(24, 1, &f, sys(nr::OPENAT, None)),
        ];
        k.reduce(&mut events);
        let got: Vec<u64> = events.iter().map(|e| e.ts).collect();
        assert_eq!(got, vec![1, 2, 11, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23]);
    }

    #[test]
    fn events_are_sorted_by_time_those_of_one_time_in_their_order() {
        let ev = |ts: u64, actor: u32| AEvent { ts, pid: 1, tid: 1, actor, window: None, frames: Frames::from([]), kind: AKind::Sample };
        let mut events: Vec<AEvent> = [(5, 0), (3, 1), (5, 2), (1, 3), (3, 4), (9, 5), (0, 6), (5, 7)].iter().map(|&(t, a)| ev(t, a)).collect();
        let mut want = events.clone();
        want.sort_by_key(|e| e.ts);
        sort_by_time(&mut events);
        let got: Vec<(u64, u32)> = events.iter().map(|e| (e.ts, e.actor)).collect();
        assert_eq!(got, want.iter().map(|e| (e.ts, e.actor)).collect::<Vec<_>>());
        assert_eq!(got, vec![(0, 6), (1, 3), (3, 1), (3, 4), (5, 0), (5, 2), (5, 7), (9, 5)]);
    }

    #[test]
    fn the_first_event_of_a_stack_is_the_first_in_time() {
        let ev = |ts: u64, w: u32, frames: &Frames| AEvent { ts, pid: 1, tid: 1, actor: 0, window: Some(w), frames: frames.clone(), kind: AKind::Sample };
        let (f, g): (Frames, Frames) = (Frames::from([1u32, 2]), Frames::from([3u32]));
        let mut kept = Kept::default();
        kept.push(ev(5, 0, &f), Verdict::FirstOfStack(0));
        kept.push(ev(6, 0, &g), Verdict::Keep);
        kept.push(ev(7, 0, &f), Verdict::FirstOfStack(0));
        // an earlier event of the same stack aligned later (a syscall is aligned at its exit)
        kept.push(ev(4, 0, &f), Verdict::FirstOfStack(0));
        kept.push(ev(4, 0, &f), Verdict::FirstOfStack(0));
        // another window; no stack; dropped
        kept.push(ev(8, 1, &f), Verdict::FirstOfStack(1));
        kept.push(ev(9, 0, &Frames::from([])), Verdict::FirstOfStack(0));
        kept.push(ev(9, 0, &g), Verdict::Drop);
        let got: Vec<(u64, Option<u32>)> = kept.finish().iter().map(|e| (e.ts, e.window)).collect();
        assert_eq!(got, vec![(4, Some(0)), (6, Some(0)), (8, Some(1))]);
    }
}
