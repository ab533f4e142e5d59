//! Aligning one run's trace: the trace is streamed once, stacks are
//! resolved to project frames (cached per code record and instruction),
//! every event is charged to its window and actor, and syscall enters and
//! exits are paired. Sites and stacks are interned in tables of this run
//! alone, so that runs can be aligned in parallel; [`super::Alignment`]
//! then maps them onto the tables shared by all runs.

use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::keep::{Keep, Kept, Kind, Verdict};
use super::{requested_ns, AEvent, AKind, Actor, AlignedRun, Frames, Site, SiteTable};
use crate::run::plugin::{INTERVENE_FILE, PLUGIN_FILE, STATE_FILE};
use crate::run::{RunResult, Slot, TestWindow, CURRENT_TEST_VAR};
use crate::trace::event_ref::{EventKindRef, RecordRef};
use crate::trace::model::{CodeInfo, EnvOp, RandomOp, RawFrame, Record};
use crate::trace::symbols::{is_project_file, python_decoder, FrameRef, Symbolizer};
use crate::trace::TraceReader;

/// One run aligned on its own: site ids index `sites`, task function ids
/// are `sites`' too, and every event's frames are one of `stacks`.
pub(super) struct LocalRun {
    pub run: AlignedRun,
    pub sites: SiteTable,
    pub stacks: HashSet<Frames>,
}

/// Interned project stacks: events with the same frames share them.
#[derive(Default)]
struct Stacks {
    set: HashSet<Frames>,
}

impl Stacks {
    fn intern(&mut self, frames: &[u32]) -> Frames {
        if let Some(f) = self.set.get(frames) {
            return f.clone();
        }
        let f = Frames::from(frames);
        self.set.insert(f.clone());
        f
    }
}

struct Pending {
    ts: u64,
    nr: u32,
    args: [u64; 6],
    buf: Vec<u8>,
    path: Option<String>,
    frames: Frames,
    actor: u32,
    pid: u32,
    window: Option<u32>,
}

/// The rootdir to align against when none is given: the working directory
/// of the first of `paths` that opens.
pub(super) fn first_cwd<'a>(paths: impl Iterator<Item = &'a Path>) -> Option<PathBuf> {
    paths.filter_map(|p| TraceReader::open(p).ok()).map(|r| PathBuf::from(&r.meta().cwd)).next()
}

/// Aligns the trace at `path` of `run`, its events attributed to
/// `windows`; `src_root` is the rootdir of all runs (where sources are
/// read). Only the events `keep` keeps are kept (all without it); the
/// sites and stacks of all are interned alike, so ids do not depend on
/// it. Problems reading the trace past its start are `warnings`.
pub(super) fn align_trace(run: &RunResult, windows: &[TestWindow], keep: Option<&Keep>, path: &Path, src_root: &Path, warnings: &mut Vec<String>) -> anyhow::Result<LocalRun> {
    let mut reader = TraceReader::open(path)?;
    let meta = reader.meta().clone();
    // each run's own rootdir: CI jobs of one project check it out in different places
    let rootdir = run.session.rootdir.as_ref().map(PathBuf::from).unwrap_or_else(|| src_root.to_path_buf());
    let mut sym = Symbolizer::new(&meta, python_decoder(&meta));
    let attributor = crate::run::Attributor::new(windows, &run.processes);
    let mut sites = SiteTable::default();
    let mut stacks = Stacks::default();
    let mut actors: Vec<Actor> = vec![];
    let mut actor_ix: HashMap<Actor, u32> = HashMap::new();
    // room for the events the run wrote (at most one per 32 bytes of trace), without growing by copies
    let room = std::fs::metadata(path).map_or(0, |m| m.len() / 32).min(run.end.events);
    let mut events = Kept::with_capacity(room as usize);
    let verdict = |window: Option<u32>, pid: u32, ts: u64, kind: Kind| keep.map_or(Verdict::Keep, |k| k.verdict(window.map(|w| w as usize), pid, ts, kind));
    let mut pending: HashMap<u32, Pending> = HashMap::new();
    let mut frames_seen = FrameCache::new(&rootdir, src_root);
    let mut paths = Paths::default();
    let marker = format!("{CURRENT_TEST_VAR}=");
    // the stack of the event read (reused: reading an event allocates nothing)
    let mut stack: Vec<RawFrame> = vec![];
    while let Some(rec) = reader.next_ref(&mut stack) {
        let ev = match rec {
            Ok(RecordRef::Event(ev)) => ev,
            Ok(RecordRef::Other(rec)) => {
                sym.feed(&rec);
                continue;
            }
            Err(e) => {
                warnings.push(format!("run {}: {e}", run.index));
                break;
            }
        };
        match &ev.kind {
            EventKindRef::SyscallExit { nr: n, ret, .. } => {
                if let Some(p) = pending.remove(&ev.tid).filter(|p| p.nr == *n) {
                    match verdict(p.window, p.pid, p.ts, Kind::of_sys(p.nr, Some(*ret), p.path.is_some())) {
                        Verdict::Drop => events.skip(),
                        v => {
                            let req = requested_ns(p.nr, &p.args, &p.buf, p.ts, meta.realtime_offset_ns);
                            let path = paths.intern(super::socket_address(p.nr, &p.args, &p.buf).or(p.path));
                            let kind = AKind::Sys { nr: p.nr, ret: Some(*ret), end_ts: ev.ts, requested_ns: req, path, args: first_args(&p.args) };
                            events.push(AEvent { ts: p.ts, pid: p.pid, tid: ev.tid, actor: p.actor, window: p.window, frames: p.frames, kind }, v);
                        }
                    }
                }
                continue;
            }
            EventKindRef::Env { name, .. } if *name == CURRENT_TEST_VAR || name.starts_with(&marker) => continue,
            EventKindRef::Fork { .. } | EventKindRef::Exec { .. } => {
                // what the symboliser learns of a process
                sym.feed(&Record::Event(ev.to_owned(&stack)));
                continue;
            }
            EventKindRef::Exit { .. } | EventKindRef::PyCall { .. } | EventKindRef::Gil { .. } | EventKindRef::SchedIn { .. } => continue,
            _ => {}
        }
        // Resolve the stack: project frames and the task root.
        let (frames, task) = frames_seen.stack(&mut sites, &mut stacks, &sym, ev.pid, ev.ts, &stack);
        let is_env = matches!(ev.kind, EventKindRef::Env { .. });
        if frames.is_empty() && !is_env {
            if let EventKindRef::SyscallEnter { .. } = ev.kind {
                pending.remove(&ev.tid);
            }
            continue;
        }
        let actor = Actor { pid: ev.pid, tid: ev.tid, task };
        let aid = *actor_ix.entry(actor.clone()).or_insert_with(|| {
            actors.push(actor);
            actors.len() as u32 - 1
        });
        let window = match attributor.slot(ev.pid, ev.ts) {
            Slot::Test(i) => Some(i as u32),
            _ => None,
        };
        if let EventKindRef::SyscallEnter { nr: n, args, path, buf, .. } = ev.kind {
            let (path, buf) = (path.map(str::to_string), buf.to_vec());
            pending.insert(ev.tid, Pending { ts: ev.ts, nr: n, args, buf, path, frames, actor: aid, pid: ev.pid, window });
            continue;
        }
        let v = verdict(window, ev.pid, ev.ts, if is_env { Kind::Env } else { Kind::Other });
        if v == Verdict::Drop {
            events.skip();
            continue;
        }
        let kind = match ev.kind {
            EventKindRef::Clock { clock_id, .. } => AKind::Clock {
                realtime: matches!(clock_id, 0 | 5 | 8),
                wall_ns: crate::trace::time::wall_ns(&meta, ev.ts),
            },
            EventKindRef::SchedOut { preempt, .. } => AKind::SchedOut { preempt },
            EventKindRef::Wakeup { wakee_tid } => AKind::Wakeup { wakee: wakee_tid },
            EventKindRef::Env { op, name, value } => {
                let (name, value) = match (op, value) {
                    (EnvOp::Put, None) => match name.split_once('=') {
                        Some((n, v)) => (n.to_string(), Some(v.to_string())),
                        None => (name.to_string(), None),
                    },
                    (_, v) => (name.to_string(), v.map(str::to_string)),
                };
                AKind::Env { unset: matches!(op, EnvOp::Unset), name, value }
            }
            EventKindRef::Random { op } => AKind::Random { seed: matches!(op, RandomOp::Seed) },
            EventKindRef::Sample => AKind::Sample,
            _ => continue,
        };
        events.push(AEvent { ts: ev.ts, pid: ev.pid, tid: ev.tid, actor: aid, window, frames, kind }, v);
    }
    // Syscalls still pending at the end (never returned), by thread.
    let mut pending: Vec<(u32, Pending)> = pending.into_iter().collect();
    pending.sort_by_key(|(tid, _)| *tid);
    for (tid, p) in pending {
        let v = verdict(p.window, p.pid, p.ts, Kind::of_sys(p.nr, None, p.path.is_some()));
        if v == Verdict::Drop {
            events.skip();
            continue;
        }
        let req = requested_ns(p.nr, &p.args, &p.buf, p.ts, meta.realtime_offset_ns);
        events.push(AEvent {
            ts: p.ts,
            pid: p.pid,
            tid,
            actor: p.actor,
            window: p.window,
            frames: p.frames,
            kind: AKind::Sys { nr: p.nr, ret: None, end_ts: u64::MAX, requested_ns: req, path: paths.intern(p.path), args: first_args(&p.args) },
        }, v);
    }
    let offered = events.offered;
    let mut events = events.finish();
    log::debug!("run {}: {} of {offered} aligned events kept", run.index, events.len());
    events.shrink_to_fit();
    let lost_events = reader.end().map(|e| e.lost_events).unwrap_or(run.end.lost_events);
    let run = AlignedRun { index: run.index, events, actors, lost_events };
    Ok(LocalRun { run, sites, stacks: stacks.set })
}

/// The paths of a run's syscalls, one copy of each.
#[derive(Default)]
struct Paths(HashSet<Arc<str>>);

impl Paths {
    fn intern(&mut self, path: Option<String>) -> Option<Arc<str>> {
        let p = path?;
        if let Some(known) = self.0.get(p.as_str()) {
            return Some(known.clone());
        }
        let new: Arc<str> = Arc::from(p);
        self.0.insert(new.clone());
        Some(new)
    }
}

/// The arguments of a syscall an aligned event keeps (see [`AKind::Sys`]).
fn first_args(args: &[u64; 6]) -> [u64; 3] {
    [args[0], args[1], args[2]]
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

/// A raw stack already resolved: valid for one [`Symbolizer::version`]
/// and the events in its [`Symbolizer::span`].
struct SeenStack {
    pid: u32,
    raw: Vec<RawFrame>,
    version: u64,
    span: (u64, u64),
    frames: Frames,
    task: Option<u32>,
}

/// Raw stacks remembered before the cache is emptied.
const STACKS_MAX: usize = 1 << 16;

/// Per run: what resolved stacks and frames are for the alignment (project
/// site or not): a raw stack seen again resolves at the cost of a lookup,
/// a frame at the cost of resolving its code record; and which files are
/// the project's.
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
    /// The project frames of the last event (site ids, innermost first).
    frames: Vec<u32>,
    /// hash of (pid, raw stack) → stacks seen with that hash.
    stacks: HashMap<u64, Vec<SeenStack>>,
    hasher: foldhash::fast::RandomState,
}

impl<'a> FrameCache<'a> {
    fn new(rootdir: &'a Path, src_root: &'a Path) -> Self {
        FrameCache {
            rootdir,
            src_root,
            files: HashMap::new(),
            classes: HashMap::new(),
            generation: 0,
            frames: vec![],
            stacks: HashMap::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// The project frames of the event of `pid` at `ts` with raw `stack`
    /// (interned in `stacks`) and the function of the asyncio task it runs
    /// in, if any: from the stacks seen when the same pid and raw stack
    /// resolve the same at that time.
    fn stack(&mut self, sites: &mut SiteTable, stacks: &mut Stacks, sym: &Symbolizer, pid: u32, ts: u64, stack: &[RawFrame]) -> (Frames, Option<u32>) {
        let key = self.hasher.hash_one((pid, stack));
        let version = sym.version();
        let fits = |s: &SeenStack| s.pid == pid && s.version == version && s.span.0 <= ts && ts < s.span.1 && s.raw == stack;
        if let Some(s) = self.stacks.get(&key).and_then(|v| v.iter().find(|s| fits(s))) {
            return (s.frames.clone(), s.task);
        }
        let task = self.project_frames(sites, sym, pid, ts, stack);
        let frames = stacks.intern(&self.frames);
        if sym.version() != version {
            // resolving emptied the symboliser's line cache: the next time resolves afresh
            return (frames, task);
        }
        let seen = SeenStack { pid, raw: stack.to_vec(), version, span: sym.span(ts), frames: frames.clone(), task };
        if self.stacks.len() >= STACKS_MAX {
            self.stacks.clear();
        }
        let same = self.stacks.entry(key).or_default();
        same.retain(|s| s.version == seen.version && !(s.pid == seen.pid && s.raw == seen.raw));
        same.push(seen);
        (frames, task)
    }

    /// Puts the project frames of a stack in `self.frames`; returns the
    /// function of the asyncio task it runs in, if any.
    fn project_frames(&mut self, sites: &mut SiteTable, sym: &Symbolizer, pid: u32, ts: u64, stack: &[RawFrame]) -> Option<u32> {
        self.frames.clear();
        let mut task = None;
        let mut last_project: Option<u32> = None;
        for raw in stack {
            let Some(info) = sym.frame_info(pid, ts, raw) else { continue };
            let class = match info {
                Some(info) => self.class_of(sites, sym, info, raw.instr),
                None => self.classify(sites, FrameRef { info: None, code: raw.code, line: None }),
            };
            match class {
                FrameClass::Project(id) => {
                    self.frames.push(id);
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
        task
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

fn is_plugin_file(f: &str) -> bool {
    f.ends_with(PLUGIN_FILE) || f.ends_with(INTERVENE_FILE) || f.ends_with(STATE_FILE)
}

/// The frame that steps an asyncio task or runs a loop callback.
fn is_task_step(file: &str, qualname: &str) -> bool {
    (file.ends_with("asyncio/events.py") && qualname.ends_with("_run")) || qualname.contains("__step")
}
