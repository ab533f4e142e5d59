//! Which test and phase each event of a run belongs to.
//!
//! A run's test boundaries are [`TestWindow`]s on the trace clock
//! (CLOCK_MONOTONIC): one per (test, phase), in the process that ran it.
//! They come from flakebpf's pytest plugin, or, for processes it did not
//! load into, from pytest's own `PYTEST_CURRENT_TEST` writes seen in the
//! trace ([`windows_from_env`]). An event belongs to the window of its
//! process — or of the nearest ancestor process that ran tests, so a
//! subprocess started by a test counts for that test — that contains its
//! timestamp; every thread of the process counts, so threads a test started
//! are charged to it. Events before the first test of their process are
//! [`Slot::Collection`], the others outside any window [`Slot::Session`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::trace::model::Event;

/// A pytest test phase.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Setup,
    Call,
    Teardown,
}

impl Phase {
    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "setup" => Some(Phase::Setup),
            "call" => Some(Phase::Call),
            "teardown" => Some(Phase::Teardown),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Setup => "setup",
            Phase::Call => "call",
            Phase::Teardown => "teardown",
        }
    }
    /// The phase pytest runs after this one.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Setup => Some(Phase::Call),
            Phase::Call => Some(Phase::Teardown),
            Phase::Teardown => None,
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a window's bounds come from.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum WindowSource {
    /// flakebpf's pytest plugin measured it.
    Plugin,
    /// pytest's `PYTEST_CURRENT_TEST` writes, seen in the trace.
    Env,
    /// The phase never ended (crash, hang): it runs to the end of its
    /// process or of the run.
    Unfinished,
}

/// One phase of one test in one process, on the trace clock.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TestWindow {
    pub nodeid: String,
    pub phase: Phase,
    /// Process that ran the phase (an xdist worker, or pytest itself).
    pub pid: u32,
    /// Thread that ran the phase, when known.
    pub tid: Option<u32>,
    pub start_ns: u64,
    pub end_ns: u64,
    pub source: WindowSource,
}

impl TestWindow {
    pub fn contains(&self, ts: u64) -> bool {
        self.start_ns <= ts && ts <= self.end_ns
    }
}

/// Parent of every task created in the traced tree (from `Fork` events).
/// Thread ids appear too; lookups are by process id only.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ProcessTree {
    pub parent: BTreeMap<u32, u32>,
}

impl ProcessTree {
    pub fn add_fork(&mut self, parent_pid: u32, child: u32) {
        if parent_pid != child {
            self.parent.insert(child, parent_pid);
        }
    }
    /// `pid`, then its parent, grandparent... (bounded, cycle-safe).
    pub fn ancestry(&self, pid: u32) -> impl Iterator<Item = u32> + '_ {
        let mut next = Some(pid);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let cur = next?;
            steps += 1;
            next = if steps < 64 { self.parent.get(&cur).copied().filter(|p| *p != cur) } else { None };
            Some(cur)
        })
    }
}

/// What an event is charged to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Index into the run's windows.
    Test(usize),
    /// Before the first test of its process (imports, collection, fixtures setup of the session...).
    Collection,
    /// Outside any test window after tests started (between tests, session teardown, other processes).
    Session,
}

/// Maps events of one run to their [`Slot`].
pub struct Attributor<'a> {
    windows: &'a [TestWindow],
    tree: &'a ProcessTree,
    /// Window indices per pid, sorted by start.
    by_pid: HashMap<u32, Vec<usize>>,
    first_start: Option<u64>,
}

impl<'a> Attributor<'a> {
    pub fn new(windows: &'a [TestWindow], tree: &'a ProcessTree) -> Self {
        let mut by_pid: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, w) in windows.iter().enumerate() {
            by_pid.entry(w.pid).or_default().push(i);
        }
        for list in by_pid.values_mut() {
            list.sort_by_key(|&i| (windows[i].start_ns, windows[i].end_ns));
        }
        let first_start = windows.iter().map(|w| w.start_ns).min();
        Attributor { windows, tree, by_pid, first_start }
    }

    pub fn windows(&self) -> &'a [TestWindow] {
        self.windows
    }

    /// The window of a [`Slot::Test`].
    pub fn window(&self, slot: Slot) -> Option<&'a TestWindow> {
        match slot {
            Slot::Test(i) => self.windows.get(i),
            _ => None,
        }
    }

    pub fn attribute(&self, ev: &Event) -> Slot {
        self.slot(ev.pid, ev.ts)
    }

    /// The slot of time `ts` in process `pid`.
    pub fn slot(&self, pid: u32, ts: u64) -> Slot {
        let Some(list) = self.tree.ancestry(pid).find_map(|p| self.by_pid.get(&p)) else {
            return match self.first_start {
                Some(first) if ts >= first => Slot::Session,
                _ => Slot::Collection,
            };
        };
        // Last window starting at or before ts; an unfinished window may
        // overlap later ones only if the data is odd, so look back a little.
        let pos = list.partition_point(|&i| self.windows[i].start_ns <= ts);
        if pos == 0 {
            return Slot::Collection;
        }
        for &i in list[..pos].iter().rev().take(4) {
            if self.windows[i].contains(ts) {
                return Slot::Test(i);
            }
        }
        Slot::Session
    }
}

/// One write of `PYTEST_CURRENT_TEST` seen in the trace: `value` is
/// `"<nodeid> (<phase>)"`, `None` when the variable was removed.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EnvChange {
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    pub value: Option<String>,
}

/// Splits `"<nodeid> (<phase>)"`.
pub fn parse_current_test(value: &str) -> Option<(&str, Phase)> {
    let body = value.strip_suffix(')')?;
    let (nodeid, phase) = body.rsplit_once(" (")?;
    Some((nodeid, Phase::parse(phase)?))
}

/// Windows from `PYTEST_CURRENT_TEST` writes, per thread: each write opens
/// the phase it names and closes the previous one of the same thread; the
/// removal after teardown closes the last. A phase still open at the end
/// ends at `end_of(pid)` and is marked [`WindowSource::Unfinished`].
pub fn windows_from_env(changes: &[EnvChange], end_of: impl Fn(u32) -> u64) -> Vec<TestWindow> {
    let mut sorted: Vec<&EnvChange> = changes.iter().collect();
    sorted.sort_by_key(|c| c.ts);
    let mut open: HashMap<(u32, u32), (String, Phase, u64)> = HashMap::new();
    let mut out = Vec::new();
    for c in sorted {
        let key = (c.pid, c.tid);
        if let Some((nodeid, phase, start)) = open.remove(&key) {
            out.push(TestWindow { nodeid, phase, pid: c.pid, tid: Some(c.tid), start_ns: start, end_ns: c.ts, source: WindowSource::Env });
        }
        if let Some((nodeid, phase)) = c.value.as_deref().and_then(parse_current_test) {
            open.insert(key, (nodeid.to_string(), phase, c.ts));
        }
    }
    let mut rest: Vec<_> = open.into_iter().collect();
    rest.sort_by_key(|(_, (_, _, start))| *start);
    for ((pid, tid), (nodeid, phase, start)) in rest {
        out.push(TestWindow {
            nodeid,
            phase,
            pid,
            tid: Some(tid),
            start_ns: start,
            end_ns: end_of(pid).max(start),
            source: WindowSource::Unfinished,
        });
    }
    out.sort_by_key(|w| (w.pid, w.start_ns));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::model::{EventKind, StackStatus};

    fn ev(pid: u32, tid: u32, ts: u64) -> Event {
        Event { ts, pid, tid, cpu: 0, kind: EventKind::Sample, stack: vec![], stack_status: StackStatus::default() }
    }

    fn win(nodeid: &str, phase: Phase, pid: u32, start: u64, end: u64) -> TestWindow {
        TestWindow { nodeid: nodeid.into(), phase, pid, tid: Some(pid), start_ns: start, end_ns: end, source: WindowSource::Plugin }
    }

    #[test]
    fn events_go_to_the_window_of_their_process_thread_or_child() {
        let windows = vec![
            win("t::a", Phase::Setup, 10, 100, 110),
            win("t::a", Phase::Call, 10, 111, 200),
            win("t::a", Phase::Teardown, 10, 201, 210),
            win("t::b", Phase::Setup, 10, 300, 310),
            win("t::b", Phase::Call, 10, 311, 400),
            // an xdist worker
            win("t::c", Phase::Call, 20, 150, 250),
        ];
        let mut tree = ProcessTree::default();
        tree.add_fork(1, 10); // controller -> pytest process
        tree.add_fork(1, 20); // controller -> worker
        tree.add_fork(10, 11); // a thread of pid 10
        tree.add_fork(10, 30); // a subprocess started by a test
        tree.add_fork(30, 31); // its child
        let a = Attributor::new(&windows, &tree);
        let name = |s: Slot| a.window(s).map(|w| (w.nodeid.as_str(), w.phase));
        assert_eq!(a.attribute(&ev(10, 10, 50)), Slot::Collection);
        assert_eq!(name(a.attribute(&ev(10, 10, 100))), Some(("t::a", Phase::Setup)));
        assert_eq!(name(a.attribute(&ev(10, 11, 150))), Some(("t::a", Phase::Call)), "other thread, same pid");
        assert_eq!(name(a.attribute(&ev(31, 31, 205))), Some(("t::a", Phase::Teardown)), "grandchild process");
        assert_eq!(a.attribute(&ev(10, 10, 250)), Slot::Session, "between tests");
        assert_eq!(name(a.attribute(&ev(10, 10, 400))), Some(("t::b", Phase::Call)), "end is inclusive");
        assert_eq!(a.attribute(&ev(10, 10, 401)), Slot::Session);
        assert_eq!(name(a.attribute(&ev(20, 20, 150))), Some(("t::c", Phase::Call)));
        assert_eq!(a.attribute(&ev(20, 20, 149)), Slot::Collection);
        // the controller ran no test itself
        assert_eq!(a.attribute(&ev(1, 1, 50)), Slot::Collection);
        assert_eq!(a.attribute(&ev(1, 1, 160)), Slot::Session);
        // unrelated process
        assert_eq!(a.attribute(&ev(99, 99, 160)), Slot::Session);
    }

    #[test]
    fn env_writes_make_windows_per_thread() {
        let ch = |ts, pid, tid, v: Option<&str>| EnvChange { ts, pid, tid, value: v.map(String::from) };
        let changes = vec![
            ch(100, 10, 10, Some("tests/t.py::test_a[x (1)] (setup)")),
            ch(110, 10, 10, Some("tests/t.py::test_a[x (1)] (call)")),
            // a worker interleaved
            ch(115, 20, 20, Some("tests/t.py::test_w (setup)")),
            ch(120, 10, 10, Some("tests/t.py::test_a[x (1)] (teardown)")),
            ch(130, 10, 10, None),
            ch(140, 10, 10, Some("tests/t.py::test_b (setup)")),
            ch(150, 10, 10, Some("tests/t.py::test_b (call)")),
            ch(118, 20, 20, Some("tests/t.py::test_w (call)")),
            // an unrelated variable value is ignored but still closes nothing
            ch(119, 20, 21, Some("garbage")),
        ];
        let w = windows_from_env(&changes, |pid| if pid == 10 { 500 } else { 600 });
        let got: Vec<_> = w.iter().map(|w| (w.nodeid.as_str(), w.phase, w.pid, w.start_ns, w.end_ns, w.source)).collect();
        use WindowSource::*;
        assert_eq!(
            got,
            vec![
                ("tests/t.py::test_a[x (1)]", Phase::Setup, 10, 100, 110, Env),
                ("tests/t.py::test_a[x (1)]", Phase::Call, 10, 110, 120, Env),
                ("tests/t.py::test_a[x (1)]", Phase::Teardown, 10, 120, 130, Env),
                ("tests/t.py::test_b", Phase::Setup, 10, 140, 150, Env),
                ("tests/t.py::test_b", Phase::Call, 10, 150, 500, Unfinished),
                ("tests/t.py::test_w", Phase::Setup, 20, 115, 118, Env),
                ("tests/t.py::test_w", Phase::Call, 20, 118, 600, Unfinished),
            ]
        );
    }

    #[test]
    fn current_test_values_parse() {
        assert_eq!(parse_current_test("a.py::t (call)"), Some(("a.py::t", Phase::Call)));
        assert_eq!(parse_current_test("a.py::t[a (b)] (teardown)"), Some(("a.py::t[a (b)]", Phase::Teardown)));
        assert_eq!(parse_current_test("a.py::t (other)"), None);
        assert_eq!(parse_current_test("a.py::t"), None);
    }

    #[test]
    fn ancestry_is_cycle_safe() {
        let mut tree = ProcessTree::default();
        tree.add_fork(1, 2);
        tree.add_fork(2, 1);
        assert!(tree.ancestry(1).count() <= 64);
    }
}
