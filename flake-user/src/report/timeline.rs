//! A run's tests as a timeline, read from its trace, for the HTML page and
//! the Perfetto trace: one lane per thread that ran inside a test window,
//! the test phases, and the events that matter to a flaky test at the
//! Python lines that caused them — clock reads, entropy, lock waits
//! (futex), file/socket I/O and polls, sleeps, environment writes — plus
//! the time threads spent off the CPU (preempted or blocked) and who woke
//! whom. Events without a project frame are left out, except scheduling.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::report::relative_to;
use crate::run::repeat::Grouping;
use crate::run::{Attributor, RunResult, Slot, CURRENT_TEST_VAR};
use crate::trace::model::{Event, EventKind, RandomOp, Record};
use crate::trace::symbols::{is_project_file, python_decoder, Symbolizer};
use crate::trace::syscalls::{self as sc, nr, SyscallClass};
use crate::trace::time::{iso8601_utc, wall_ns};
use crate::trace::TraceReader;

/// What a mark on the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    Clock,
    Entropy,
    Lock,
    Io,
    Sleep,
    Env,
    Preempted,
    Blocked,
    Wakeup,
}

impl MarkKind {
    pub const ALL: [MarkKind; 9] = [
        MarkKind::Clock,
        MarkKind::Entropy,
        MarkKind::Lock,
        MarkKind::Io,
        MarkKind::Sleep,
        MarkKind::Env,
        MarkKind::Preempted,
        MarkKind::Blocked,
        MarkKind::Wakeup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Clock => "clock",
            MarkKind::Entropy => "entropy",
            MarkKind::Lock => "lock",
            MarkKind::Io => "io",
            MarkKind::Sleep => "sleep",
            MarkKind::Env => "env",
            MarkKind::Preempted => "preempted",
            MarkKind::Blocked => "blocked",
            MarkKind::Wakeup => "wakeup",
        }
    }
}

/// One Python frame, paths relative to the rootdir when under it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Frame {
    pub file: String,
    pub line: u32,
    pub function: String,
    /// The project's own code (not stdlib, site-packages, pytest).
    pub project: bool,
}

/// A thread of the traced tree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lane {
    pub pid: u32,
    pub tid: u32,
}

/// One test phase in one lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseSpan {
    pub nodeid: String,
    pub phase: &'static str,
    pub lane: usize,
    pub start_ns: u64,
    pub end_ns: u64,
}

/// One event (or span, `dur_ns > 0`) on a lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mark {
    pub ts: u64,
    pub dur_ns: u64,
    pub lane: usize,
    pub kind: MarkKind,
    /// e.g. "clock_gettime(CLOCK_REALTIME)", "futex wait → ETIMEDOUT".
    pub what: String,
    /// Innermost first.
    pub stack: Vec<Frame>,
    /// The woken thread's lane, for a wakeup.
    pub wakee_lane: Option<usize>,
    /// For a wall-clock read: the time it saw, `HH:MM:SS.mmm` UTC.
    pub wall: Option<String>,
}

impl Mark {
    /// The innermost project frame.
    pub fn at(&self) -> Option<&Frame> {
        self.stack.iter().find(|f| f.project)
    }
}

/// The timeline of one run (restricted to some tests).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timeline {
    pub run: u32,
    pub start_ns: u64,
    pub end_ns: u64,
    pub lanes: Vec<Lane>,
    pub phases: Vec<PhaseSpan>,
    /// In time order.
    pub marks: Vec<Mark>,
    /// Marks left out past the limit.
    pub dropped: usize,
}

impl Timeline {
    /// The first mark with `file:line` anywhere in its stack.
    pub fn first_at(&self, file: &str, line: u32) -> Option<usize> {
        self.marks.iter().position(|m| m.stack.iter().any(|f| f.line == line && f.file == file))
    }

    /// The first mark with a frame of `function` in `file` in its stack.
    pub fn first_in(&self, file: &str, function: &str) -> Option<usize> {
        self.marks.iter().position(|m| m.stack.iter().any(|f| f.function == function && f.file == file))
    }
}

/// Shortest off-CPU time shown (shorter ones are scheduling noise).
const MIN_OFF_CPU_NS: u64 = 200_000;
/// Most frames kept per stack.
const MAX_FRAMES: usize = 16;

struct Pending {
    ts: u64,
    nr: u32,
    path: Option<String>,
    stack: Vec<Frame>,
}

struct Builder<'a> {
    rootdir: &'a Path,
    tl: Timeline,
    lane_of: HashMap<u32, usize>,
    /// Wakeups whose wakee had no lane yet: (mark index, wakee tid).
    wakees: Vec<(usize, u32)>,
    max_marks: usize,
}

impl Builder<'_> {
    fn lane(&mut self, pid: u32, tid: u32) -> usize {
        let lanes = &mut self.tl.lanes;
        *self.lane_of.entry(tid).or_insert_with(|| {
            lanes.push(Lane { pid, tid });
            lanes.len() - 1
        })
    }

    fn push(&mut self, m: Mark) {
        if self.tl.marks.len() >= self.max_marks {
            self.tl.dropped += 1;
        } else {
            self.tl.marks.push(m);
        }
    }

    fn stack(&self, sym: &Symbolizer, ev: &Event) -> Vec<Frame> {
        sym.frames(ev)
            .take(MAX_FRAMES)
            .map(|f| {
                let name = f.filename();
                let project = is_project_file(&name, self.rootdir);
                Frame { file: relative_to(&name, self.rootdir), line: f.line.unwrap_or(0), function: f.qualname().into_owned(), project }
            })
            .collect()
    }
}

/// What a finished syscall shows as, if anything.
fn syscall_mark(nrv: u32, ret: i64, path: Option<&str>) -> Option<(MarkKind, String)> {
    let kind = match sc::class(nrv) {
        SyscallClass::Wait if nrv == nr::FUTEX => MarkKind::Lock,
        SyscallClass::Wait | SyscallClass::File | SyscallClass::Socket => MarkKind::Io,
        SyscallClass::Sleep => MarkKind::Sleep,
        SyscallClass::Entropy => MarkKind::Entropy,
        SyscallClass::Process | SyscallClass::Other => return None,
    };
    let mut what = sc::name(nrv).to_string();
    // only file syscalls take a path (others' copied argument bytes are not one)
    if let Some(p) = path.filter(|_| kind == MarkKind::Io && sc::class(nrv) == SyscallClass::File) {
        what.push_str(&format!("({p})"));
    }
    if let Err(errno) = sc::split_ret(ret) {
        what.push_str(&format!(" → {}", sc::errno_display(errno)));
    }
    Some((kind, what))
}

/// The timeline of `run`'s windows of the tests `wanted` accepts (by base
/// node id: a test repeated inside the session counts as one), at most
/// `max_marks` marks.
pub fn extract(run: &RunResult, wanted: &dyn Fn(&str) -> bool, rootdir: &Path, max_marks: usize) -> anyhow::Result<Timeline> {
    let path = run.trace_path.as_deref().ok_or_else(|| anyhow::anyhow!("run {} kept no trace", run.index))?;
    let mut reader = TraceReader::open(path)?;
    let meta = reader.meta().clone();
    let mut sym = Symbolizer::new(&meta, python_decoder(&meta));
    let grouping = Grouping::of(std::slice::from_ref(run));
    let wanted: Vec<bool> = run.windows.iter().map(|w| wanted(grouping.base(&w.nodeid))).collect();
    let attributor = Attributor::new(&run.windows, &run.processes);
    let mut b = Builder { rootdir, tl: Timeline { run: run.index, ..Default::default() }, lane_of: HashMap::new(), wakees: vec![], max_marks };
    for (w, _) in run.windows.iter().zip(&wanted).filter(|(_, ok)| **ok) {
        let lane = b.lane(w.pid, w.tid.unwrap_or(w.pid));
        b.tl.phases.push(PhaseSpan { nodeid: w.nodeid.clone(), phase: w.phase.as_str(), lane, start_ns: w.start_ns, end_ns: w.end_ns });
    }
    b.tl.start_ns = b.tl.phases.iter().map(|p| p.start_ns).min().unwrap_or(0);
    b.tl.end_ns = b.tl.phases.iter().map(|p| p.end_ns).max().unwrap_or(0);
    let mut pending: HashMap<u32, Pending> = HashMap::new();
    for rec in reader.by_ref() {
        let rec = rec?;
        sym.feed(&rec);
        let Record::Event(ev) = rec else { continue };
        let inside = matches!(attributor.attribute(&ev), Slot::Test(i) if wanted[i]);
        if !inside {
            if let EventKind::SyscallExit { .. } = ev.kind {
                pending.remove(&ev.tid);
            }
            continue;
        }
        let mut wall = None;
        let marked: Option<(MarkKind, String, Vec<Frame>, u64, u64)> = match &ev.kind {
            EventKind::SyscallEnter { nr: n, path, .. } => {
                let st = b.stack(&sym, &ev);
                if st.iter().any(|f| f.project) {
                    pending.insert(ev.tid, Pending { ts: ev.ts, nr: *n, path: path.clone(), stack: st });
                }
                None
            }
            EventKind::SyscallExit { nr: n, ret, .. } => pending
                .remove(&ev.tid)
                .filter(|p| p.nr == *n)
                .and_then(|p| syscall_mark(p.nr, *ret, p.path.as_deref()).map(|(k, w)| (k, w, p.stack, p.ts, ev.ts.saturating_sub(p.ts)))),
            EventKind::Clock { clock_id, func } => {
                let mut what = format!("{func}({})", sc::clock_display(*clock_id as i64));
                if sc::clock_is_realtime(*clock_id as i64) {
                    // the wall-clock time the read saw: a boundary it crossed shows here
                    let iso = iso8601_utc(wall_ns(&meta, ev.ts));
                    let hms = iso.get(11..23).unwrap_or(&iso).to_string();
                    what.push_str(&format!(" = {hms} UTC"));
                    wall = Some(hms);
                }
                Some((MarkKind::Clock, what, b.stack(&sym, &ev), ev.ts, 0))
            }
            EventKind::Random { op } => {
                let what = match op {
                    RandomOp::Random => "random()",
                    RandomOp::GetRandBits => "getrandbits()",
                    RandomOp::Seed => "seed()",
                };
                Some((MarkKind::Entropy, what.to_string(), b.stack(&sym, &ev), ev.ts, 0))
            }
            EventKind::Env { name, .. } if name != CURRENT_TEST_VAR && !name.starts_with(&format!("{CURRENT_TEST_VAR}=")) => {
                Some((MarkKind::Env, format!("environment write {name}"), b.stack(&sym, &ev), ev.ts, 0))
            }
            EventKind::SchedIn { off_cpu_ns, was_preempted } if *off_cpu_ns >= MIN_OFF_CPU_NS => {
                let kind = if *was_preempted { MarkKind::Preempted } else { MarkKind::Blocked };
                let what = format!("{} for {}", if *was_preempted { "preempted" } else { "off the CPU (blocked)" }, crate::report::timing::fmt_us(off_cpu_ns / 1000));
                let lane = b.lane(ev.pid, ev.tid);
                b.push(Mark { ts: ev.ts.saturating_sub(*off_cpu_ns), dur_ns: *off_cpu_ns, lane, kind, what, stack: b.stack(&sym, &ev), wakee_lane: None, wall: None });
                None
            }
            EventKind::Wakeup { wakee_tid } => {
                let lane = b.lane(ev.pid, ev.tid);
                let st = b.stack(&sym, &ev);
                let wakee_lane = b.lane_of.get(wakee_tid).copied();
                if wakee_lane.is_none() && b.tl.marks.len() < b.max_marks {
                    b.wakees.push((b.tl.marks.len(), *wakee_tid));
                }
                b.push(Mark { ts: ev.ts, dur_ns: 0, lane, kind: MarkKind::Wakeup, what: format!("wakes thread {wakee_tid}"), stack: st, wakee_lane, wall: None });
                None
            }
            _ => None,
        };
        if let Some((kind, what, stack, ts, dur_ns)) = marked {
            if stack.iter().any(|f| f.project) {
                let lane = b.lane(ev.pid, ev.tid);
                b.push(Mark { ts, dur_ns, lane, kind, what, stack, wakee_lane: None, wall });
            }
        }
    }
    for (i, tid) in std::mem::take(&mut b.wakees) {
        b.tl.marks[i].wakee_lane = b.lane_of.get(&tid).copied();
    }
    let mut tl = b.tl;
    tl.marks.sort_by_key(|m| m.ts);
    Ok(tl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syscalls_as_marks() {
        assert_eq!(syscall_mark(nr::FUTEX, -110, None).map(|m| m.0), Some(MarkKind::Lock));
        assert!(syscall_mark(nr::FUTEX, -110, None).unwrap().1.starts_with("futex → ETIMEDOUT"));
        assert_eq!(syscall_mark(nr::NANOSLEEP, 0, Some("P,")), Some((MarkKind::Sleep, "nanosleep".to_string())));
        let (k, w) = syscall_mark(nr::OPENAT, 3, Some("/tmp/x")).unwrap();
        assert_eq!((k, w.as_str()), (MarkKind::Io, "openat(/tmp/x)"));
    }
}
