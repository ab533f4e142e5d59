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
//! every run and features can be compared across runs.
//!
//! A *sample* (one execution of the tests repeated inside a session, see
//! [`crate::run::repeat`]) is aligned from its run's trace, read once for
//! all the samples of that run: the events of the other executions are
//! left out and the rest refer to the sample's windows, so every execution
//! is an aligned unit of its own.

use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashMapExt};

use crate::run::plugin::{INTERVENE_FILE, PLUGIN_FILE};
use crate::run::{RunResult, Slot, CURRENT_TEST_VAR};
use crate::trace::model::{CodeInfo, EnvOp, Event, EventKind, RandomOp, Record};
use crate::trace::symbols::{is_project_file, python_decoder, FrameRef, Symbolizer};
use crate::trace::syscalls::{self as sc, nr, SyscallClass};
use crate::trace::TraceReader;

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
    /// not seen; `requested_ns` is the requested timeout or sleep.
    Sys {
        nr: u32,
        ret: Option<i64>,
        end_ts: u64,
        requested_ns: Option<i64>,
        path: Option<String>,
        args: [u64; 6],
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

/// One event of a run, reduced.
#[derive(Clone, Debug)]
pub struct AEvent {
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    /// Per-run actor id (see [`AlignedRun::actors`]).
    pub actor: u32,
    /// Window index in the run's windows, when inside a test phase.
    pub window: Option<usize>,
    /// Project frames, innermost first (site ids).
    pub frames: Vec<u32>,
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

fn is_plugin_file(f: &str) -> bool {
    f.ends_with(PLUGIN_FILE) || f.ends_with(INTERVENE_FILE)
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
pub fn timed_out(nrv: u32, ret: Option<i64>) -> bool {
    match (sc::class(nrv), ret) {
        (SyscallClass::Sleep, Some(0)) => true,
        (SyscallClass::Wait, Some(r)) if nrv == nr::FUTEX || nrv == nr::FUTEX_WAITV => r == -libc::ETIMEDOUT as i64,
        (SyscallClass::Wait, Some(0)) => true,
        _ => false,
    }
}

struct Pending {
    ts: u64,
    nr: u32,
    args: [u64; 6],
    buf: Vec<u8>,
    path: Option<String>,
    frames: Vec<u32>,
    actor: u32,
    pid: u32,
    window: Option<usize>,
}

impl Alignment {
    /// Reads and aligns the traces of `runs`.
    pub fn load(runs: &[RunResult], rootdir: Option<PathBuf>) -> Alignment {
        let mut al = Alignment { rootdir: PathBuf::new(), sites: SiteTable::default(), runs: vec![], warnings: vec![], units: vec![] };
        al.extend(runs, rootdir);
        al
    }

    /// Aligns the runs of `runs` past the ones already aligned (`runs` holds
    /// those first, in the same order): what [`Alignment::load`] of all of
    /// them gives, reading only the new traces. Aligned units that no longer
    /// match `runs` (a run now cut into samples) are aligned again.
    pub fn extend(&mut self, runs: &[RunResult], rootdir: Option<PathBuf>) {
        let al = self;
        let same = al.units.iter().zip(runs).take_while(|(u, r)| **u == Unit::of(r)).count();
        al.units.truncate(same);
        al.runs.truncate(same);
        let root = rootdir.or_else(|| rootdir_of(runs));
        // the whole run the latest samples were cut from: (index, trace, alignment)
        let mut whole: Option<(u32, PathBuf, Option<AlignedRun>)> = None;
        for run in runs.iter().skip(al.runs.len()) {
            al.units.push(Unit::of(run));
            let Some(path) = &run.trace_path else {
                al.runs.push(None);
                continue;
            };
            let Some(sample) = &run.sample else {
                let r = al.load_run(run, &run.windows, path, root.clone());
                al.runs.push(r);
                continue;
            };
            if !whole.as_ref().is_some_and(|(i, p, _)| *i == run.index && p == path) {
                let r = al.load_run(run, &sample.run_windows, path, root.clone());
                whole = Some((run.index, path.clone(), r));
            }
            let cut = whole.as_ref().and_then(|(_, _, r)| r.as_ref()).map(|r| cut_sample(r, &sample.to_sample));
            al.runs.push(cut);
        }
    }

    /// Aligns the trace of `run`, its events attributed to `windows`; a
    /// failure becomes a warning.
    fn load_run(&mut self, run: &RunResult, windows: &[crate::run::TestWindow], path: &Path, root: Option<PathBuf>) -> Option<AlignedRun> {
        match self.align_trace(run, windows, path, root) {
            Ok(r) => Some(r),
            Err(e) => {
                self.warnings.push(format!("run {}: {e:#}", run.index));
                None
            }
        }
    }

    fn align_trace(&mut self, run: &RunResult, windows: &[crate::run::TestWindow], path: &Path, root: Option<PathBuf>) -> anyhow::Result<AlignedRun> {
        let mut reader = TraceReader::open(path)?;
        let meta = reader.meta().clone();
        if self.rootdir.as_os_str().is_empty() {
            self.rootdir = root.unwrap_or_else(|| PathBuf::from(&meta.cwd));
        }
        // each run's own rootdir: CI jobs of one project check it out in different places
        let rootdir = run.session.rootdir.as_ref().map(PathBuf::from).unwrap_or_else(|| self.rootdir.clone());
        let src_root = self.rootdir.clone();
        let mut sym = Symbolizer::new(&meta, python_decoder(&meta));
        let attributor = crate::run::Attributor::new(windows, &run.processes);
        let mut actors: Vec<Actor> = vec![];
        let mut actor_ix: HashMap<Actor, u32> = HashMap::new();
        let mut events: Vec<AEvent> = vec![];
        let mut pending: HashMap<u32, Pending> = HashMap::new();
        let mut frames_seen = FrameCache::new(&rootdir, &src_root);
        for rec in reader.by_ref() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    self.warnings.push(format!("run {}: {e}", run.index));
                    break;
                }
            };
            sym.feed(&rec);
            let Record::Event(ev) = rec else { continue };
            match &ev.kind {
                EventKind::SyscallExit { nr: n, ret, .. } => {
                    if let Some(p) = pending.remove(&ev.tid) {
                        if p.nr == *n {
                            let req = requested_ns(p.nr, &p.args, &p.buf, p.ts, meta.realtime_offset_ns);
                            events.push(AEvent {
                                ts: p.ts,
                                pid: p.pid,
                                tid: ev.tid,
                                actor: p.actor,
                                window: p.window,
                                frames: p.frames,
                                kind: AKind::Sys { nr: p.nr, ret: Some(*ret), end_ts: ev.ts, requested_ns: req, path: p.path, args: p.args },
                            });
                        }
                    }
                    continue;
                }
                EventKind::Env { name, .. } if name == CURRENT_TEST_VAR || name.starts_with(&format!("{CURRENT_TEST_VAR}=")) => continue,
                EventKind::Fork { .. } | EventKind::Exec { .. } | EventKind::Exit { .. } | EventKind::PyCall { .. } | EventKind::Gil { .. } | EventKind::SchedIn { .. } => continue,
                _ => {}
            }
            // Resolve the stack: project frames and the task root.
            let (frames, task) = frames_seen.project_frames(&mut self.sites, &sym, &ev);
            let is_env = matches!(ev.kind, EventKind::Env { .. });
            if frames.is_empty() && !is_env {
                if let EventKind::SyscallEnter { .. } = ev.kind {
                    pending.remove(&ev.tid);
                }
                continue;
            }
            let actor = Actor { pid: ev.pid, tid: ev.tid, task };
            let aid = *actor_ix.entry(actor.clone()).or_insert_with(|| {
                actors.push(actor);
                actors.len() as u32 - 1
            });
            let window = match attributor.attribute(&ev) {
                Slot::Test(i) => Some(i),
                _ => None,
            };
            let kind = match ev.kind {
                EventKind::SyscallEnter { nr: n, args, path, buf, .. } => {
                    pending.insert(ev.tid, Pending { ts: ev.ts, nr: n, args, buf, path, frames, actor: aid, pid: ev.pid, window });
                    continue;
                }
                EventKind::Clock { clock_id, .. } => AKind::Clock {
                    realtime: matches!(clock_id, 0 | 5 | 8),
                    wall_ns: crate::trace::time::wall_ns(&meta, ev.ts),
                },
                EventKind::SchedOut { preempt, .. } => AKind::SchedOut { preempt },
                EventKind::Wakeup { wakee_tid } => AKind::Wakeup { wakee: wakee_tid },
                EventKind::Env { op, name, value } => {
                    let (name, value) = match (op, value) {
                        (EnvOp::Put, None) => match name.split_once('=') {
                            Some((n, v)) => (n.to_string(), Some(v.to_string())),
                            None => (name, None),
                        },
                        (_, v) => (name, v),
                    };
                    AKind::Env { unset: matches!(op, EnvOp::Unset), name, value }
                }
                EventKind::Random { op } => AKind::Random { seed: matches!(op, RandomOp::Seed) },
                EventKind::Sample => AKind::Sample,
                _ => continue,
            };
            events.push(AEvent { ts: ev.ts, pid: ev.pid, tid: ev.tid, actor: aid, window, frames, kind });
        }
        // Syscalls still pending at the end (never returned).
        for (tid, p) in pending {
            let req = requested_ns(p.nr, &p.args, &p.buf, p.ts, meta.realtime_offset_ns);
            events.push(AEvent {
                ts: p.ts,
                pid: p.pid,
                tid,
                actor: p.actor,
                window: p.window,
                frames: p.frames,
                kind: AKind::Sys { nr: p.nr, ret: None, end_ts: u64::MAX, requested_ns: req, path: p.path, args: p.args },
            });
        }
        events.sort_by_key(|e| e.ts);
        let lost_events = reader.end().map(|e| e.lost_events).unwrap_or(run.end.lost_events);
        Ok(AlignedRun { index: run.index, events, actors, lost_events })
    }
}

/// What one resolved frame adds to an event's project stack.
#[derive(Clone, Copy, Debug)]
enum FrameClass {
    /// A project frame: its site.
    Project(u32),
    /// Outside the project, the frame that steps an asyncio task.
    TaskStep,
    /// Anything else outside the project.
    Other,
}

/// Per run: what resolved frames are for the alignment (project site or
/// not), computed once per code record and instruction rather than once
/// per frame of every event, and which files are the project's.
struct FrameCache<'a> {
    rootdir: &'a Path,
    src_root: &'a Path,
    /// file name → (path relative to the rootdir, absolute path to read it)
    /// when it is a project file.
    files: HashMap<String, Option<(String, String)>>,
    /// (record pid, code, record ts, instruction) → class, valid for one
    /// [`Symbolizer::generation`].
    classes: HashMap<(u32, u64, u64, u64), FrameClass>,
    generation: u64,
}

impl<'a> FrameCache<'a> {
    fn new(rootdir: &'a Path, src_root: &'a Path) -> Self {
        FrameCache { rootdir, src_root, files: HashMap::new(), classes: HashMap::new(), generation: 0 }
    }

    /// The project frames of `ev` (site ids, innermost first) and the
    /// function of the asyncio task it runs in, if any.
    fn project_frames(&mut self, sites: &mut SiteTable, sym: &Symbolizer, ev: &Event) -> (Vec<u32>, Option<u32>) {
        let mut out = Vec::new();
        let mut task = None;
        let mut last_project: Option<u32> = None;
        for raw in &ev.stack {
            let Some(info) = sym.frame_info(ev.pid, ev.ts, raw) else { continue };
            let class = match info {
                Some(info) => self.class_of(sites, sym, info, raw.instr),
                None => self.classify(sites, FrameRef { info: None, code: raw.code, line: None }),
            };
            match class {
                FrameClass::Project(id) => {
                    out.push(id);
                    last_project = Some(id);
                }
                FrameClass::TaskStep => {
                    if task.is_none() {
                        task = last_project.map(|s| sites.func(s));
                    }
                }
                FrameClass::Other => {}
            }
        }
        (out, task)
    }

    /// [`FrameCache::classify`] of a known frame, cached.
    fn class_of(&mut self, sites: &mut SiteTable, sym: &Symbolizer, info: &CodeInfo, instr: u64) -> FrameClass {
        if sym.generation() != self.generation {
            self.classes.clear();
            self.generation = sym.generation();
        }
        let key = (info.pid, info.code, info.ts, instr);
        if let Some(&c) = self.classes.get(&key) {
            return c;
        }
        let c = self.classify(sites, FrameRef { info: Some(info), code: info.code, line: sym.line(info, instr) });
        // the line decoding may have emptied the symboliser's cache
        if sym.generation() != self.generation {
            self.classes.clear();
            self.generation = sym.generation();
        }
        self.classes.insert(key, c);
        c
    }

    /// Whether a frame is the project's (its site, interned) or else the
    /// step of an asyncio task.
    fn classify(&mut self, sites: &mut SiteTable, fr: FrameRef<'_>) -> FrameClass {
        let filename = fr.filename();
        let (rootdir, src_root) = (self.rootdir, self.src_root);
        let ok = self.files.entry(filename.to_string()).or_insert_with(|| {
            if is_plugin_file(&filename) || !is_project_file(&filename, rootdir) {
                return None;
            }
            // `tests/../src/x.py` (a conftest put `tests/../src` on sys.path) reads as `src/x.py`
            let abs = crate::report::normalize(&if Path::new(filename.as_ref()).is_absolute() {
                PathBuf::from(filename.as_ref())
            } else {
                rootdir.join(filename.as_ref())
            });
            let rel = abs.strip_prefix(crate::report::normalize(rootdir)).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| filename.to_string());
            // the source is read from this machine's checkout (a CI job's rootdir is elsewhere)
            let abs = if src_root != rootdir && !src_root.as_os_str().is_empty() && Path::new(&rel).is_relative() { src_root.join(&rel) } else { abs };
            Some((rel, abs.to_string_lossy().into_owned()))
        });
        match ok {
            Some((rel, abs)) => FrameClass::Project(sites.intern(Site {
                file: rel.clone(),
                abs: abs.clone(),
                func: fr.qualname().into_owned(),
                line: fr.line.unwrap_or(0),
                firstlineno: fr.firstlineno(),
            })),
            None if is_task_step(&filename, &fr.qualname()) => FrameClass::TaskStep,
            None => FrameClass::Other,
        }
    }
}

/// The sample of an aligned run: its events outside the windows `to_sample`
/// leaves out, with window indices among the sample's windows.
fn cut_sample(whole: &AlignedRun, to_sample: &[Option<usize>]) -> AlignedRun {
    let events = whole
        .events
        .iter()
        .filter_map(|e| match e.window {
            None => Some(e.clone()),
            Some(w) => to_sample.get(w).copied().flatten().map(|w| AEvent { window: Some(w), ..e.clone() }),
        })
        .collect();
    AlignedRun { index: whole.index, events, actors: whole.actors.clone(), lost_events: whole.lost_events }
}

/// The frame that steps an asyncio task or runs a loop callback.
fn is_task_step(file: &str, qualname: &str) -> bool {
    (file.ends_with("asyncio/events.py") && qualname.ends_with("_run")) || qualname.contains("__step")
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
        let ev = |ts, window| AEvent { ts, pid: 1, tid: 1, actor: 0, window, frames: vec![], kind: AKind::Sample };
        let whole = AlignedRun { index: 2, events: vec![ev(1, None), ev(2, Some(0)), ev(3, Some(1)), ev(4, Some(2))], actors: vec![], lost_events: 0 };
        // windows 0 (another test) and 2 (this execution) kept, 1 (another execution) left out
        let s = cut_sample(&whole, &[Some(0), None, Some(1)]);
        let got: Vec<(u64, Option<usize>)> = s.events.iter().map(|e| (e.ts, e.window)).collect();
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
