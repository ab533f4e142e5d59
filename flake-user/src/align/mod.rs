//! Aligning runs per test and phase.
//!
//! Each run's trace is streamed once: stacks are symbolised, every event is
//! charged to its (test, phase) window ([`crate::run::Attributor`]), reduced
//! to its *project* frames (files under the rootdir that are not
//! site-packages, stdlib, pytest or flakebpf's own plugin; innermost first)
//! and tagged with its *actor*: the OS thread, or for asyncio code the task
//! running in that thread (identified by the outermost project frame of the
//! coroutine chain). Syscall enters and exits are paired into one
//! [`AKind::Sys`] record. Sites (file, function, line) are interned in a
//! [`SiteTable`] shared by all runs, so the same line has the same id in
//! every run and features can be compared across runs; events with the
//! same project frames share one [`Frames`]. The traces are aligned in
//! parallel, one per core ([`trace`] aligns one), and their sites numbered
//! as if read one after another.
//!
//! A *sample* (one execution of the tests repeated inside a session, see
//! [`crate::run::repeat`]) is aligned from its run's trace, read once for
//! all the samples of that run: the events of the other executions are
//! left out and the rest refer to the sample's windows, so every execution
//! is an aligned unit of its own.
//!
//! An alignment made for the diagnosis of some tests
//! ([`Alignment::for_tests`]) keeps only the events that diagnosis can
//! read ([`keep`] says which), dropping the others as each trace is read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::run::RunResult;
use crate::trace::syscalls::{self as sc, nr, SyscallClass};

mod keep;
mod parallel;
mod trace;
use keep::Keep;
use parallel::{align_each, Job};
use trace::{first_cwd, LocalRun};

/// What sees each unit as it is aligned (see [`Alignment::extend_with`]).
pub type OnUnit<'f> = &'f mut UnitFn<'f>;
/// See [`OnUnit`].
pub type UnitFn<'f> = dyn FnMut(usize, &AlignedRun, &SiteTable) + 'f;

/// One project source location.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// Relative to the rootdir.
    pub file: String,
    /// Absolute path of the file (to read the source).
    pub abs: String,
    pub func: String,
    pub line: u32,
    pub firstlineno: i32,
}

impl Site {
    pub fn loc(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// Interned sites; ids are indices.
#[derive(Default, Debug)]
pub struct SiteTable {
    pub sites: Vec<Site>,
    index: HashMap<Site, u32>,
    /// (file, func) → function id (same for every line of a function).
    funcs: HashMap<(String, String), u32>,
    pub func_of: Vec<u32>,
}

impl SiteTable {
    pub fn intern(&mut self, s: Site) -> u32 {
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        let nf = self.funcs.len() as u32;
        let f = *self.funcs.entry((s.file.clone(), s.func.clone())).or_insert(nf);
        let i = self.sites.len() as u32;
        self.sites.push(s.clone());
        self.func_of.push(f);
        self.index.insert(s, i);
        i
    }
    pub fn get(&self, id: u32) -> &Site {
        &self.sites[id as usize]
    }
    /// Function id of a site.
    pub fn func(&self, id: u32) -> u32 {
        self.func_of[id as usize]
    }
}

/// What an aligned event is.
#[derive(Clone, Debug, PartialEq)]
pub enum AKind {
    /// A libc clock read; `wall_ns` is the wall-clock value at the read.
    Clock { realtime: bool, wall_ns: i64 },
    /// A syscall, enter and exit paired. `ret` is `None` when the exit was
    /// not seen; `requested_ns` is the requested timeout or sleep; `path`
    /// the path a file syscall names, or the address of a bind or connect
    /// (one copy per run of each); `args` its first three arguments (the
    /// ones read: descriptors, open flags, a futex's address; the timeout
    /// is `requested_ns`).
    Sys {
        nr: u32,
        ret: Option<i64>,
        end_ts: u64,
        requested_ns: Option<i64>,
        path: Option<Arc<str>>,
        args: [u64; 3],
    },
    /// The thread left the CPU (preempted or blocked).
    SchedOut { preempt: bool },
    /// The thread woke `wakee`.
    Wakeup { wakee: u32 },
    /// An environment write (pytest's own test marker excluded).
    Env { name: String, value: Option<String>, unset: bool },
    /// A CPython `_random` call.
    Random { seed: bool },
    /// An on-CPU sample.
    Sample,
}

/// Project frames, innermost first (site ids), shared (see
/// [`AEvent::frames`]): one pointer, so that an aligned event stays small.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Frames(Arc<Box<[u32]>>);

impl Frames {
    /// Which shared copy this is (the same for every clone of it).
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl std::ops::Deref for Frames {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.0
    }
}

impl std::borrow::Borrow<[u32]> for Frames {
    fn borrow(&self) -> &[u32] {
        &self.0
    }
}

impl std::fmt::Debug for Frames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<Vec<u32>> for Frames {
    fn from(v: Vec<u32>) -> Frames {
        Frames(Arc::new(v.into_boxed_slice()))
    }
}

impl From<&[u32]> for Frames {
    fn from(v: &[u32]) -> Frames {
        Frames(Arc::new(v.into()))
    }
}

impl<const N: usize> From<[u32; N]> for Frames {
    fn from(v: [u32; N]) -> Frames {
        Frames(Arc::new(Box::new(v)))
    }
}

/// One event of a run, reduced.
#[derive(Clone, Debug)]
pub struct AEvent {
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    /// Per-run actor id (see [`AlignedRun::actors`]).
    pub actor: u32,
    /// Window index in the run's windows, when inside a test phase.
    pub window: Option<u32>,
    /// Project frames, innermost first (site ids); events with the same
    /// frames share them.
    pub frames: Frames,
    pub kind: AKind,
}

impl AEvent {
    /// Innermost project frame.
    pub fn site(&self) -> Option<u32> {
        self.frames.first().copied()
    }
}

/// An actor: a thread, or an asyncio task root within a thread.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Actor {
    pub pid: u32,
    pub tid: u32,
    /// Function id of the task's outermost project coroutine frame.
    pub task: Option<u32>,
}

/// One run (or sample), aligned.
#[derive(Clone)]
pub struct AlignedRun {
    pub index: u32,
    pub events: Vec<AEvent>,
    pub actors: Vec<Actor>,
    pub lost_events: u64,
}

/// The aligned runs of one invocation.
pub struct Alignment {
    pub rootdir: PathBuf,
    pub sites: SiteTable,
    /// In the order of the `runs` given; `None` when the trace was unreadable.
    pub runs: Vec<Option<AlignedRun>>,
    pub warnings: Vec<String>,
    /// What each of `runs` was aligned from.
    units: Vec<Unit>,
    /// The distinct frames of all events.
    stacks: HashSet<Frames>,
    /// The tests whose diagnosis the events are kept for; `None`: all events.
    tests: Option<BTreeSet<String>>,
}

/// What an aligned unit was made from: run index, trace, execution (for a
/// sample) and number of windows.
#[derive(Clone, Debug, PartialEq)]
struct Unit(u32, Option<PathBuf>, Option<u32>, usize);

impl Unit {
    fn of(run: &RunResult) -> Unit {
        Unit(run.index, run.trace_path.clone(), run.sample.as_ref().map(|s| s.execution), run.windows.len())
    }
}

/// Rootdir of the runs (pytest's), else the trace's cwd.
pub fn rootdir_of(runs: &[RunResult]) -> Option<PathBuf> {
    runs.iter().find_map(|r| r.session.rootdir.clone()).map(PathBuf::from)
}

/// Requested timeout of a syscall, in ns, from its arguments.
pub fn requested_ns(nrv: u32, args: &[u64; 6], buf: &[u8], ts: u64, wall_off: i64) -> Option<i64> {
    let ms = |v: u64| {
        let v = v as i32 as i64;
        (v >= 0).then_some(v * 1_000_000)
    };
    let rel = |ptr: u64| if ptr == 0 { None } else { sc::timespec_ns(buf) };
    let abs = |clock: i64, ptr: u64| {
        let d = rel(ptr)?;
        let now = if clock == 0 { ts as i64 + wall_off } else { ts as i64 };
        Some((d - now).max(0))
    };
    match nrv {
        nr::NANOSLEEP => rel(args[0]),
        nr::CLOCK_NANOSLEEP => {
            if args[1] & 1 != 0 {
                abs(args[0] as i32 as i64, args[2])
            } else {
                rel(args[2])
            }
        }
        nr::POLL => ms(args[2]),
        nr::EPOLL_WAIT | nr::EPOLL_PWAIT => ms(args[3]),
        nr::PPOLL => rel(args[2]),
        nr::SELECT => {
            if args[4] == 0 {
                None
            } else {
                sc::timeval_ns(buf)
            }
        }
        nr::PSELECT6 => rel(args[4]),
        nr::FUTEX => match sc::futex_timeout(args[1]) {
            sc::FutexTimeout::None => None,
            sc::FutexTimeout::Relative => rel(args[3]),
            sc::FutexTimeout::Absolute { clock } => abs(clock, args[3]),
        },
        _ => None,
    }
}

/// Whether a syscall blocks to wait (sleep, futex, poll...).
pub fn is_wait(nrv: u32) -> bool {
    matches!(sc::class(nrv), SyscallClass::Wait | SyscallClass::Sleep)
}

/// A wait that timed out (or a sleep that ran to its end).
/// The address a `bind` or `connect` names, as text (`127.0.0.1:8080`),
/// kept as the event's path.
fn socket_address(n: u32, args: &[u64; 6], buf: &[u8]) -> Option<String> {
    if !matches!(n, nr::BIND | nr::CONNECT) || buf.is_empty() {
        return None;
    }
    sc::decode_sockaddr(buf, Some(args[2])).map(|a| a.to_string())
}

pub fn timed_out(nrv: u32, ret: Option<i64>) -> bool {
    match (sc::class(nrv), ret) {
        (SyscallClass::Sleep, Some(0)) => true,
        (SyscallClass::Wait, Some(r)) if nrv == nr::FUTEX || nrv == nr::FUTEX_WAITV => r == -libc::ETIMEDOUT as i64,
        (SyscallClass::Wait, Some(0)) => true,
        _ => false,
    }
}

impl Alignment {
    /// Reads and aligns the traces of `runs`.
    pub fn load(runs: &[RunResult], rootdir: Option<PathBuf>) -> Alignment {
        let mut al = Alignment { rootdir: PathBuf::new(), sites: SiteTable::default(), runs: vec![], warnings: vec![], units: vec![], stacks: HashSet::default(), tests: None };
        al.extend(runs, rootdir);
        al
    }

    /// An alignment, empty until [`Alignment::extend`]ed, that keeps only
    /// the events the classifier reads to diagnose `tests` (see [`keep`]):
    /// the same diagnosis as with every event, in the memory those take.
    /// `FLAKEBPF_KEEP_ALL_EVENTS` set keeps every event (to compare).
    pub fn for_tests(tests: BTreeSet<String>) -> Alignment {
        let mut al = Alignment::load(&[], None);
        if std::env::var_os("FLAKEBPF_KEEP_ALL_EVENTS").is_none() {
            al.tests = Some(tests);
        }
        al
    }

    /// The tests the events are kept for (`None`: every event is).
    pub fn tests(&self) -> Option<&BTreeSet<String>> {
        self.tests.as_ref()
    }

    /// Whether the events kept serve the diagnosis of `tests` (all do when every event is kept).
    pub fn serves(&self, tests: &BTreeSet<String>) -> bool {
        self.tests.as_ref().is_none_or(|t| t.is_superset(tests))
    }

    /// Aligns the runs of `runs` past the ones already aligned (`runs` holds
    /// those first, in the same order): what [`Alignment::load`] of all of
    /// them gives, reading only the new traces. Aligned units that no longer
    /// match `runs` (a run now cut into samples) are aligned again.
    ///
    /// The traces are aligned in parallel, each on its own tables, then
    /// taken in the order of `runs`: a site new to the shared table gets
    /// its id in the order it first appears in that order, as when the
    /// traces are read one after another.
    pub fn extend(&mut self, runs: &[RunResult], rootdir: Option<PathBuf>) {
        self.extend_with(runs, rootdir, None);
    }

    /// [`Alignment::extend`], handing each new unit to `on_unit` (its index
    /// in `runs`, the unit, the shared sites) as soon as it is aligned, in
    /// order. In an alignment for some tests ([`Alignment::for_tests`]),
    /// the events of those tests' own windows are then cut to what the
    /// classifier reads besides their features ([`Keep::reduce`]):
    /// `on_unit` computes the features. Memory then holds a few whole
    /// traces at a time.
    pub fn extend_with(&mut self, runs: &[RunResult], rootdir: Option<PathBuf>, mut on_unit: Option<OnUnit>) {
        let same = self.units.iter().zip(runs).take_while(|(u, r)| **u == Unit::of(r)).count();
        self.units.truncate(same);
        self.runs.truncate(same);
        let root = rootdir.or_else(|| rootdir_of(runs));
        // What to align (a run's whole trace, read once for all its samples), and what each unit takes from it.
        let mut jobs: Vec<Job> = vec![];
        let mut plan: Vec<Use> = vec![];
        // the whole run the latest samples were cut from: (index, trace, job)
        let mut whole: Option<(u32, &Path, usize)> = None;
        for run in &runs[same..] {
            self.units.push(Unit::of(run));
            let Some(path) = &run.trace_path else {
                plan.push(None);
                continue;
            };
            let Some(sample) = &run.sample else {
                jobs.push((run, &run.windows, path));
                plan.push(Some((jobs.len() - 1, None)));
                continue;
            };
            if !whole.is_some_and(|(i, p, _)| i == run.index && p == path.as_path()) {
                jobs.push((run, &sample.run_windows, path));
                whole = Some((run.index, path, jobs.len() - 1));
            }
            let j = whole.expect("set above").2;
            plan.push(Some((j, Some(&sample.to_sample))));
        }
        // the rootdir given, else the first readable trace's cwd, once a trace is readable
        if self.rootdir.as_os_str().is_empty() {
            if let Some(cwd) = first_cwd(jobs.iter().map(|j| j.2)) {
                self.rootdir = root.clone().unwrap_or(cwd);
            }
        }
        let keeps = self.tests.as_ref().map(|tests| {
            let mut keeps: Vec<Keep> = jobs.iter().map(|j| Keep::none(j.1.len())).collect();
            for (unit, run) in plan.iter().zip(&runs[same..]) {
                if let Some((j, to_sample)) = unit {
                    keeps[*j].add(&run.windows, *to_sample, tests);
                }
            }
            keeps
        });
        let src_root = self.rootdir.clone();
        // the units are handed on in order: those of a job once it is done, those without a trace on the way
        let mut next = 0;
        align_each(&jobs, keeps.as_deref(), &src_root, |j, (result, warnings)| {
            let mut r = match result {
                Ok(local) => Some(self.adopt(local)),
                Err(e) => {
                    self.warnings.push(format!("run {}: {e:#}", jobs[j].0.index));
                    None
                }
            };
            self.warnings.extend(warnings);
            while let Some(unit) = plan.get(next).filter(|u| u.is_none_or(|(k, _)| k <= j)) {
                let aligned = match unit {
                    None => None,
                    // a whole run: its job serves it alone
                    Some((_, None)) => r.take(),
                    Some((_, Some(to))) => r.as_ref().map(|r| cut_sample(r, to)),
                };
                self.take_unit(&runs[same + next], same + next, aligned, on_unit.as_deref_mut());
                next += 1;
            }
        });
        for (i, run) in runs.iter().enumerate().skip(same + next) {
            self.take_unit(run, i, None, None);
        }
    }

    /// Keeps unit `index` of the runs, aligned from `run`, after `on_unit` saw it.
    fn take_unit(&mut self, run: &RunResult, index: usize, mut aligned: Option<AlignedRun>, on_unit: Option<&mut UnitFn<'_>>) {
        if let (Some(a), Some(f)) = (&mut aligned, on_unit) {
            f(index, a, &self.sites);
            if let Some(tests) = &self.tests {
                let mut keep = Keep::none(run.windows.len());
                keep.add(&run.windows, None, tests);
                keep.reduce(&mut a.events);
                a.events.shrink_to_fit();
                log::debug!("run {}: {} events kept once its features are computed", a.index, a.events.len());
            }
        }
        self.runs.push(aligned);
    }

    /// A run aligned on its own tables, with its site, function and stack
    /// ids mapped onto the shared ones.
    fn adopt(&mut self, local: LocalRun) -> AlignedRun {
        let LocalRun { mut run, sites, stacks } = local;
        let site_ids: Vec<u32> = sites.sites.into_iter().map(|s| self.sites.intern(s)).collect();
        let mut func_ids = vec![0u32; site_ids.len()];
        for (local_site, &global) in site_ids.iter().enumerate() {
            func_ids[sites.func_of[local_site] as usize] = self.sites.func(global);
        }
        let mut frames: HashMap<usize, Frames> = HashMap::with_capacity(stacks.len());
        for local in &stacks {
            let ids: Vec<u32> = local.iter().map(|&s| site_ids[s as usize]).collect();
            let shared = match self.stacks.get(ids.as_slice()) {
                Some(f) => f.clone(),
                None => {
                    let f = Frames::from(ids);
                    self.stacks.insert(f.clone());
                    f
                }
            };
            frames.insert(local.id(), shared);
        }
        for e in &mut run.events {
            e.frames = frames[&e.frames.id()].clone();
        }
        for a in &mut run.actors {
            a.task = a.task.map(|f| func_ids[f as usize]);
        }
        run
    }
}

/// What an aligned unit takes: nothing (no trace), or the result of a job,
/// whole or (with the sample's window mapping) cut to a sample.
type Use<'a> = Option<(usize, Option<&'a [Option<usize>]>)>;

/// The sample of an aligned run: its events outside the windows `to_sample`
/// leaves out, with window indices among the sample's windows.
fn cut_sample(whole: &AlignedRun, to_sample: &[Option<usize>]) -> AlignedRun {
    let events = whole
        .events
        .iter()
        .filter_map(|e| match e.window {
            None => Some(e.clone()),
            Some(w) => to_sample.get(w as usize).copied().flatten().map(|w| AEvent { window: Some(w as u32), ..e.clone() }),
        })
        .collect();
    AlignedRun { index: whole.index, events, actors: whole.actors.clone(), lost_events: whole.lost_events }
}

impl AlignedRun {
    /// Whether actor `a` runs asyncio tasks.
    pub fn is_task(&self, a: u32) -> bool {
        self.actors[a as usize].task.is_some()
    }
}

#[cfg(test)]
mod trace_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aligned_event_is_small() {
        // memory holds whole runs of these while they are aligned
        assert!(std::mem::size_of::<AEvent>() <= 128, "{}", std::mem::size_of::<AEvent>());
        assert_eq!(std::mem::size_of::<Frames>(), 8);
    }

    #[test]
    fn sites_intern() {
        let mut t = SiteTable::default();
        let s = |l| Site { file: "a.py".into(), abs: "/r/a.py".into(), func: "f".into(), line: l, firstlineno: 1 };
        let a = t.intern(s(3));
        let b = t.intern(s(4));
        assert_ne!(a, b);
        assert_eq!(t.intern(s(3)), a);
        assert_eq!(t.func(a), t.func(b));
    }

    #[test]
    fn a_sample_keeps_its_execution_and_the_rest() {
        let ev = |ts, window| AEvent { ts, pid: 1, tid: 1, actor: 0, window, frames: Frames::from([]), kind: AKind::Sample };
        let whole = AlignedRun { index: 2, events: vec![ev(1, None), ev(2, Some(0)), ev(3, Some(1)), ev(4, Some(2))], actors: vec![], lost_events: 0 };
        // windows 0 (another test) and 2 (this execution) kept, 1 (another execution) left out
        let s = cut_sample(&whole, &[Some(0), None, Some(1)]);
        let got: Vec<(u64, Option<u32>)> = s.events.iter().map(|e| (e.ts, e.window)).collect();
        assert_eq!(got, vec![(1, None), (2, Some(0)), (4, Some(1))]);
        assert_eq!(s.index, 2);
    }

    #[test]
    fn timeouts() {
        let mut args = [0u64; 6];
        args[2] = 250;
        assert_eq!(requested_ns(nr::POLL, &args, &[], 0, 0), Some(250_000_000));
        args[2] = u64::MAX; // -1: infinite
        assert_eq!(requested_ns(nr::POLL, &args, &[], 0, 0), None);
        let mut buf = vec![];
        buf.extend_from_slice(&0i64.to_le_bytes());
        buf.extend_from_slice(&50_000_000i64.to_le_bytes());
        args[0] = 0x1000;
        assert_eq!(requested_ns(nr::NANOSLEEP, &args, &buf, 0, 0), Some(50_000_000));
        assert!(timed_out(nr::NANOSLEEP, Some(0)));
        assert!(timed_out(nr::FUTEX, Some(-110)));
        assert!(!timed_out(nr::FUTEX, Some(0)));
    }
}
