//! The divergence classifier: from N aligned runs of a flaky test, which
//! project line makes it fail, in which of the eight categories, with the
//! measured evidence and a fix.
//!
//! For every run the test's events (all its phases, every thread and child
//! process of its worker, see [`crate::align`]) are turned into *features*:
//! facts about a project site that hold or not in that run — a wall-clock
//! boundary crossed between reads, a syscall errno, a wait that timed out,
//! a read size, another thread or asyncio task running a function while this
//! one was suspended inside another (and whether the suspended task ever
//! continued there), a fixed sleep that ended before the
//! other thread's wait it was covering, a directory used by two threads in
//! interleaved order (fd-relative tree removals included), an earlier test in the same process, I/O done by a
//! background thread during an earlier test. Each feature is scored by how
//! it separates failing from passing runs (one-sided Fisher exact test, so a
//! few failing runs are enough and chance associations score low), weighted
//! by how directly its kind names a cause, and mapped to the line to change
//! (the innermost project frame, moved by [`source`] to the stale write, the
//! loop across the suspension or the global assignment when the event's line
//! is only where it showed); a race located in test support code yields to
//! one in the code under test that separates the runs as well. Only features more common in failing runs are
//! kept: every cause cites failing runs. With no separating feature, unseeded
//! random draws are reported with low confidence; a test that never failed
//! gets no cause.

pub mod experiments;
pub mod hypotheses;
pub mod source;
pub mod stats;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::align::{is_wait, timed_out, AEvent, AKind, AlignedRun, Alignment, SiteTable};
use crate::report::{Basis, Category, Cause};
use crate::run::trials::{Condition, Trial};
use crate::run::{Diagnoser, Outcome, RunResult, TestStats};
use crate::trace::syscalls::{self as sc, nr, SyscallClass};
use source::Sources;
use stats::Separation;

/// The classifier, as the run loop and `analyze` use it.
#[derive(Default)]
pub struct Classifier {
    /// Overrides pytest's rootdir as seen in the runs.
    pub rootdir: Option<PathBuf>,
    /// The runs aligned so far (the run loop asks again after every run),
    /// with the traces and the rootdir they were aligned from.
    cache: RefCell<Option<Cached>>,
}

struct Cached {
    al: Alignment,
    traces: Vec<Option<PathBuf>>,
    root: Option<PathBuf>,
}

impl Classifier {
    pub fn new(rootdir: Option<PathBuf>) -> Classifier {
        Classifier { rootdir, cache: RefCell::new(None) }
    }
}

impl Diagnoser for Classifier {
    fn diagnose(&self, runs: &[RunResult], tests: &TestStats) -> Vec<(String, Vec<Cause>)> {
        if tests.flaky().next().is_none() {
            return vec![];
        }
        let root = self.rootdir.clone().or_else(|| crate::align::rootdir_of(runs));
        let traces: Vec<Option<PathBuf>> = runs.iter().map(|r| r.trace_path.clone()).collect();
        let mut cache = self.cache.borrow_mut();
        // Reuse the alignment when these runs extend the ones it holds.
        let reuse = cache.as_ref().is_some_and(|c| c.root == root && traces.starts_with(&c.traces));
        if !reuse {
            *cache = Some(Cached { al: Alignment::load(&[], None), traces: vec![], root: root.clone() });
        }
        let c = cache.as_mut().expect("set above");
        let seen = c.al.warnings.len();
        c.al.extend(runs, root);
        c.traces = traces;
        for w in &c.al.warnings[seen..] {
            log::warn!("{w}");
        }
        classify(&c.al, runs, tests)
    }

    fn next_trial(&self, nodeid: &str, _runs: &[RunResult], causes: &[Cause], done: &[Trial]) -> Option<Condition> {
        experiments::next_trial(nodeid, _runs, causes, done)
    }

    fn conclude(&self, nodeid: &str, runs: &[RunResult], causes: Vec<Cause>, done: &[Trial]) -> Vec<Cause> {
        experiments::conclude(nodeid, runs, causes, done)
    }
}

/// Causes for every flaky test of `tests`.
pub fn classify(al: &Alignment, runs: &[RunResult], tests: &TestStats) -> Vec<(String, Vec<Cause>)> {
    let mut src = Sources::default();
    tests
        .flaky()
        .map(|t| {
            let mut causes = diagnose_test(al, runs, &t.nodeid, &mut src);
            let more = hypotheses::inventory(al, runs, &t.nodeid, &causes);
            causes.extend(more);
            (t.nodeid.clone(), causes)
        })
        .collect()
}

/// Periods whose boundaries a wall-clock decision may depend on (ms).
const PERIODS_MS: &[u64] = &[100, 1_000, 10_000, 60_000, 3_600_000, 86_400_000];

/// A feature of one run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum FKey {
    ClockCross { site: u32, period_ms: u64 },
    SysErr { site: u32, nr: u32, errno: i64 },
    WaitTimeout { site: u32, nr: u32 },
    IoSize { site: u32, nr: u32, log2: u32 },
    /// A read returned exactly `bytes`.
    IoBytes { site: u32, nr: u32, bytes: u32 },
    /// While actor A was inside frame `f` (site), another actor ran function `g`.
    Interleave { f: u32, g: u32, thread: bool },
    /// While asyncio task A was suspended inside frame `f`, another task ran
    /// function `g`, and A never ran inside `f` again (its next event was
    /// elsewhere, or it had none before the test ended): the code suspended
    /// there was abandoned, typically by an exception raised on resuming.
    Abandoned { f: u32, g: u32, thread: bool },
    /// A fixed sleep at `s` ended while another thread's wait at `x` was still going.
    Outlasted { s: u32, x: u32 },
    Preceded { test: String },
    Prior { test: String, site: u32, nr: u32, ok: bool, bg: bool },
    SharedPath { path: String, site: u32 },
    /// An earlier test in the same process set `name` at `site` and nothing restored it.
    EnvLeak { test: String, site: u32, name: String },
}

impl FKey {
    fn weight(&self) -> f64 {
        match self {
            FKey::Preceded { .. } => 1.3,
            FKey::ClockCross { .. } => 1.25,
            FKey::SharedPath { .. } => 1.2,
            FKey::Outlasted { .. } => 1.15,
            FKey::WaitTimeout { .. } => 1.1,
            FKey::IoSize { .. } => 1.05,
            FKey::IoBytes { .. } => 1.0,
            FKey::SysErr { .. } => 1.0,
            FKey::Interleave { .. } => 1.0,
            FKey::Abandoned { .. } => 1.0,
            FKey::Prior { .. } => 0.9,
            FKey::EnvLeak { .. } => 1.3,
        }
    }
}

/// What was seen of a feature in one run.
#[derive(Clone, Debug)]
struct Obs {
    n: u32,
    /// A representative site (the other actor's, for interleavings).
    site: Option<u32>,
    /// Measured values (ns or bytes), kind-specific.
    vals: Vec<f64>,
    /// Project frames of a representative event.
    frames: Vec<u32>,
    /// Time of the first occurrence (trace ns).
    first: u64,
}

impl Default for Obs {
    fn default() -> Self {
        Obs { n: 0, site: None, vals: vec![], frames: vec![], first: u64::MAX }
    }
}

/// One run of the test.
struct View<'a> {
    ar: &'a AlignedRun,
    rr: &'a RunResult,
    failed: bool,
    wins: Vec<usize>,
    pid: u32,
    start: u64,
}

impl View<'_> {
    fn in_test(&self, e: &AEvent) -> bool {
        e.window.is_some_and(|w| self.wins.contains(&w))
    }
}

fn views<'a>(al: &'a Alignment, runs: &'a [RunResult], nodeid: &str) -> Vec<View<'a>> {
    let mut out = vec![];
    for (rr, ar) in runs.iter().zip(&al.runs) {
        let Some(ar) = ar else { continue };
        let Some(o) = rr.outcome(nodeid) else { continue };
        let failed = match o.outcome {
            Outcome::Failed | Outcome::Error => true,
            Outcome::Passed => false,
            Outcome::Skipped => continue,
        };
        let wins: Vec<usize> = rr.windows.iter().enumerate().filter(|(_, w)| w.nodeid == nodeid).map(|(i, _)| i).collect();
        if wins.is_empty() {
            continue;
        }
        let pid = rr.windows[wins[0]].pid;
        let start = wins.iter().map(|&i| rr.windows[i].start_ns).min().unwrap_or(0);
        out.push(View { ar, rr, failed, wins, pid, start });
    }
    out
}

fn add(f: &mut HashMap<FKey, Obs>, k: FKey, site: Option<u32>, val: Option<f64>, frames: &[u32], ts: u64) {
    let o = f.entry(k).or_default();
    o.n += 1;
    o.first = o.first.min(ts);
    if o.site.is_none() {
        o.site = site;
    }
    if o.frames.is_empty() {
        o.frames = frames.to_vec();
    }
    if let Some(v) = val {
        if o.vals.len() < 64 {
            o.vals.push(v);
        }
    }
}

fn is_read(n: u32) -> bool {
    // not pread: it reads files at an offset (database pages), never a
    // stream that may deliver a message in pieces
    matches!(n, nr::READ | nr::RECVFROM | nr::RECVMSG | nr::READV)
}

fn is_file_op(n: u32) -> bool {
    matches!(
        n,
        nr::OPEN | nr::OPENAT | nr::UNLINK | nr::UNLINKAT | nr::RMDIR | nr::MKDIR | nr::MKDIRAT | nr::RENAME | nr::RENAMEAT | nr::RENAMEAT2
    )
}

/// Open flags of an open/openat.
fn open_flags(n: u32, args: &[u64; 6]) -> Option<u64> {
    match n {
        nr::OPEN => Some(args[1]),
        nr::OPENAT => Some(args[2]),
        _ => None,
    }
}

fn destructive(n: u32, args: &[u64; 6]) -> bool {
    match n {
        nr::UNLINK | nr::UNLINKAT | nr::RMDIR | nr::RENAME | nr::RENAMEAT | nr::RENAMEAT2 => true,
        nr::OPEN | nr::OPENAT => open_flags(n, args).is_some_and(|f| f & libc::O_TRUNC as u64 != 0),
        _ => false,
    }
}

/// Digits replaced, so per-run temporary names compare across runs.
fn path_key(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut last_digit = false;
    for c in p.chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
        } else {
            out.push(c);
            last_digit = false;
        }
    }
    out
}

fn is_noise_path(p: &str) -> bool {
    p.starts_with("/proc") || p.starts_with("/dev") || p.starts_with("/sys") || p.ends_with(".py") || p.ends_with(".pyc") || p.ends_with(".so") || p.contains("__pycache__")
}

/// The features of one run of the test.
fn features(v: &View, sites: &SiteTable) -> HashMap<FKey, Obs> {
    let mut f: HashMap<FKey, Obs> = HashMap::new();
    let evs: Vec<&AEvent> = v.ar.events.iter().filter(|e| v.in_test(e)).collect();

    // -- wall clock: boundary crossed between reads at one site
    let mut clock: BTreeMap<u32, (i64, i64, u32)> = BTreeMap::new();
    for e in &evs {
        if let (AKind::Clock { realtime: true, wall_ns }, Some(s)) = (&e.kind, e.site()) {
            let c = clock.entry(s).or_insert((*wall_ns, *wall_ns, 0));
            c.1 = *wall_ns;
            c.2 += 1;
        }
    }
    // A site read once takes part through the test's whole span of reads:
    // a value read early (and truncated, say) is compared with later reads
    // elsewhere. vals: first, last, reads, and 1 when the site's own reads
    // crossed the boundary.
    let span = clock.values().fold(None, |acc: Option<(i64, i64)>, &(a, b, _)| Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b)))));
    for (&s, &(first, last, n)) in &clock {
        let Some((tf, tl)) = span else { break };
        for &p in PERIODS_MS {
            let pn = p as i64 * 1_000_000;
            let own = n >= 2 && first.div_euclid(pn) != last.div_euclid(pn);
            if own || (n == 1 && tf.div_euclid(pn) != tl.div_euclid(pn)) {
                let o = f.entry(FKey::ClockCross { site: s, period_ms: p }).or_default();
                o.n += 1;
                o.vals = if own { vec![first as f64, last as f64, n as f64, 1.0] } else { vec![tf as f64, tl as f64, n as f64, 0.0] };
            }
        }
    }

    // -- syscall results
    for e in &evs {
        let AKind::Sys { nr: n, ret: Some(r), .. } = &e.kind else { continue };
        let Some(s) = e.site() else { continue };
        let class = sc::class(*n);
        if *r < 0 {
            let errno = -r;
            let benign = (*n == nr::FUTEX && (errno == libc::EAGAIN as i64 || errno == libc::ETIMEDOUT as i64 || errno == libc::EINTR as i64))
                || errno == libc::EINTR as i64;
            if !benign && matches!(class, SyscallClass::File | SyscallClass::Socket | SyscallClass::Wait) {
                add(&mut f, FKey::SysErr { site: s, nr: *n, errno }, None, None, &e.frames, e.ts);
            }
        }
        // A GIL slice running out is contention for the interpreter, not a
        // timeout the code chose (interleavings show that contention).
        let gil = *n == nr::FUTEX && matches!(e.kind, AKind::Sys { requested_ns: Some(t), .. } if crate::python::is_gil_wait_slice(t));
        if class == SyscallClass::Wait && timed_out(*n, Some(*r)) && !gil {
            add(&mut f, FKey::WaitTimeout { site: s, nr: *n }, None, None, &e.frames, e.ts);
        }
        if is_read(*n) && *r >= 0 {
            let log2 = 64 - (*r as u64).leading_zeros();
            add(&mut f, FKey::IoSize { site: s, nr: *n, log2 }, None, Some(*r as f64), &e.frames, e.ts);
            if *r < 4096 {
                add(&mut f, FKey::IoBytes { site: s, nr: *n, bytes: *r as u32 }, None, None, &e.frames, e.ts);
            }
        }
    }

    if std::env::var_os("FLAKEBPF_DEBUG_EVENTS").is_some() {
        for e in &evs {
            let fr: Vec<String> = e.frames.iter().take(4).map(|&s| sites.get(s).loc()).collect();
            let k = match &e.kind {
                AKind::Sys { nr: n, ret, .. } => format!("{}={:?}", sc::name(*n), ret),
                other => format!("{other:?}").chars().take(30).collect(),
            };
            eprintln!("ev run={} failed={} actor={} task={} ts={} {k} {}", v.ar.index, v.failed, e.actor, v.ar.is_task(e.actor), e.ts, fr.join(" < "));
        }
    }
    interleavings(v, &evs, sites, &mut f);
    outlasted(v, &evs, sites, &mut f);
    let shared = shared_paths(&evs, &mut f);
    absorb_missing_in_shared(&evs, &shared, &mut f);
    prior(v, &mut f);
    f
}

/// A file that is missing (ENOENT) in a directory another thread deleted
/// or truncated in between is the shared-directory conflict showing, not
/// an outside cause of its own: those errors are left to the SharedPath
/// feature of the directory.
fn absorb_missing_in_shared(evs: &[&AEvent], shared: &[String], f: &mut HashMap<FKey, Obs>) {
    if shared.is_empty() {
        return;
    }
    for e in evs {
        let AKind::Sys { nr: n, ret: Some(r), path: Some(p), .. } = &e.kind else { continue };
        if *r != -(libc::ENOENT as i64) {
            continue;
        }
        let Some(s) = e.site() else { continue };
        if shared.iter().any(|d| p.strip_prefix(d.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))) {
            f.remove(&FKey::SysErr { site: s, nr: *n, errno: libc::ENOENT as i64 });
        }
    }
}

/// Other actors running while an actor was inside a project frame.
fn interleavings(v: &View, evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
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
fn outlasted(v: &View, evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
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

/// Directories used by two threads in interleaved order, with a destructive op.
/// Directories two threads used in interleaved order, one deleting or
/// truncating between the other's operations (returned as well).
fn shared_paths(evs: &[&AEvent], f: &mut HashMap<FKey, Obs>) -> Vec<String> {
    let mut shared = vec![];
    // dir → [(tid, destructive, site)]
    let mut ops: BTreeMap<String, Vec<(u32, bool, u32, u64)>> = BTreeMap::new();
    // Open directory descriptors per process, so that the fd-relative calls
    // of a tree walk (shutil.rmtree's unlinkat(dirfd, name)) count as
    // operations in that directory.
    let mut dirfds: HashMap<(u32, i64), String> = HashMap::new();
    for e in evs {
        let AKind::Sys { nr: n, path, args, ret, .. } = &e.kind else { continue };
        if *n == nr::CLOSE {
            dirfds.remove(&(e.pid, args[0] as i32 as i64));
            continue;
        }
        let Some(raw) = path else { continue };
        let resolved;
        let p: &String = if raw.starts_with('/') {
            raw
        } else {
            let dirfd = match *n {
                nr::OPENAT | nr::UNLINKAT | nr::MKDIRAT | nr::RENAMEAT | nr::RENAMEAT2 => args[0] as i32 as i64,
                _ => continue,
            };
            let Some(d) = dirfds.get(&(e.pid, dirfd)) else { continue };
            resolved = format!("{}/{}", d.trim_end_matches('/'), raw);
            &resolved
        };
        if *n == nr::OPENAT || *n == nr::OPEN {
            // any descriptor: rmtree opens directories without O_DIRECTORY
            if let Some(r) = ret {
                if *r >= 0 {
                    dirfds.insert((e.pid, *r), p.clone());
                }
            }
        }
        if !is_file_op(*n) || is_noise_path(p) {
            continue;
        }
        let Some(s) = e.site() else { continue };
        let is_dir = matches!(*n, nr::MKDIR | nr::MKDIRAT | nr::RMDIR)
            || (*n == nr::UNLINKAT && args[2] & 0x200 != 0)
            || open_flags(*n, args).is_some_and(|fl| fl & libc::O_DIRECTORY as u64 != 0);
        let dir = if is_dir {
            p.trim_end_matches('/').to_string()
        } else {
            match p.rfind('/') {
                Some(0) | None => continue,
                Some(i) => p[..i].to_string(),
            }
        };
        let _ = ret;
        ops.entry(dir).or_default().push((e.tid, destructive(*n, args) || (is_dir && matches!(*n, nr::RMDIR | nr::UNLINKAT)), s, e.ts));
    }
    for (dir, list) in ops {
        let tids: HashSet<u32> = list.iter().map(|o| o.0).collect();
        if tids.len() < 2 {
            continue;
        }
        // X ... Y(destructive) ... X
        let mut found: Option<(u32, u64)> = None;
        'outer: for (i, &(y, d, s, t)) in list.iter().enumerate() {
            if !d {
                continue;
            }
            let before: HashSet<u32> = list[..i].iter().map(|o| o.0).filter(|&t| t != y).collect();
            if before.is_empty() {
                continue;
            }
            if list[i + 1..].iter().any(|o| before.contains(&o.0)) {
                found = Some((s, t));
                break 'outer;
            }
        }
        if let Some((s, ts)) = found {
            add(f, FKey::SharedPath { path: path_key(&dir), site: s }, Some(s), None, &[], ts);
            shared.push(dir);
        }
    }
    shared
}

/// Earlier tests in the same process, and what background threads did during them.
fn prior(v: &View, f: &mut HashMap<FKey, Obs>) {
    let rr = v.rr;
    let mut before: HashSet<usize> = HashSet::new();
    for (i, w) in rr.windows.iter().enumerate() {
        if w.pid == v.pid && w.nodeid != rr.windows[v.wins[0]].nodeid && w.start_ns < v.start {
            before.insert(i);
            f.entry(FKey::Preceded { test: w.nodeid.clone() }).or_default().n = 1;
        }
    }
    // environment: the last write of each name before this test began
    let mut last_env: BTreeMap<&str, &AEvent> = BTreeMap::new();
    for e in v.ar.events.iter().filter(|e| e.pid == v.pid && e.ts < v.start) {
        if let AKind::Env { name, .. } = &e.kind {
            last_env.insert(name.as_str(), e);
        }
    }
    for (name, e) in last_env {
        let (Some(w), Some(s)) = (e.window, e.site()) else { continue };
        if let AKind::Env { unset: false, .. } = e.kind {
            if before.contains(&w) {
                add(f, FKey::EnvLeak { test: rr.windows[w].nodeid.clone(), site: s, name: name.to_string() }, Some(s), None, &e.frames, e.ts);
            }
        }
    }
    for e in &v.ar.events {
        let Some(w) = e.window else { continue };
        if !before.contains(&w) {
            continue;
        }
        let AKind::Sys { nr: n, ret: Some(r), .. } = &e.kind else { continue };
        if !matches!(sc::class(*n), SyscallClass::File | SyscallClass::Socket) {
            continue;
        }
        let Some(s) = e.site() else { continue };
        let win = &rr.windows[w];
        let bg = match win.tid {
            Some(t) => e.tid != t,
            None => e.tid != e.pid,
        };
        let k = FKey::Prior { test: win.nodeid.clone(), site: s, nr: *n, ok: *r >= 0, bg };
        add(f, k, Some(s), None, &e.frames, e.ts);
    }
}

/// A scored candidate.
struct Cand {
    key: FKey,
    sep: Separation,
    score: f64,
    cause: Cause,
}

fn rel_ms(ns: f64) -> String {
    let ms = ns / 1e6;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn wall(ns: f64) -> String {
    let ns = ns as i64;
    let iso = crate::trace::time::iso8601_utc(ns);
    // HH:MM:SS.mmm
    iso.get(11..23).unwrap_or(&iso).to_string()
}

fn runs_txt(a: u32, n: u32, what: &str) -> String {
    format!("{a}/{n} {what} runs")
}

fn fix_for(cat: Category) -> &'static str {
    match cat {
        Category::TimeDependency => "read the clock once and pass the value down, or inject a clock the test controls (freeze time), instead of deriving decisions from the current wall-clock time",
        Category::Timing => "wait for the condition itself (join the thread, wait on an Event/Condition or poll with a generous deadline) instead of a fixed sleep shorter than the work",
        Category::ThreadRace => "guard the whole read-modify-write (or check-then-act) with one lock held across the call, or swap the shared state atomically under the lock",
        Category::AsyncRace => "re-read the shared state after the await (or take an asyncio.Lock around the whole update / iterate over a snapshot such as list(...))",
        Category::OrderDependency => "restore the state the earlier test changes (use monkeypatch / a fixture with teardown, reset the module global) so tests do not depend on which test ran before in the same process",
        Category::Randomness => "seed the generator (or inject a seeded random.Random) and do not depend on hash-ordered iteration: sort, or use an ordered container",
        Category::IoExternal => "do not share fixed paths/ports between concurrent users (use a private temporary directory per job) and handle partial reads by reading until the full message arrived",
        Category::Resource => "size the timeout for the worst-case time the resource is held (or do not queue the short operation behind long background work), and release the resource sooner",
    }
}

fn mk_cause(sites: &SiteTable, site: u32, line: Option<u32>, cat: Category, evidence: String, polluter: Option<String>) -> Cause {
    let s = sites.get(site);
    Cause {
        file: s.file.clone(),
        line: line.unwrap_or(s.line),
        function: s.func.clone(),
        category: cat,
        confidence: 0.0,
        evidence,
        fix: fix_for(cat).to_string(),
        polluter,
        basis: Basis::Measured,
        proven: false,
    }
}

/// Share of its timeout above which a wait that passed counts as tight.
const TIGHT_WAIT_SHARE: f64 = 0.3;

/// The median share of its requested timeout that a wait at `site`
/// (syscall `n`) lasted in the passing runs (the longest wait of each run);
/// `None` when none waited there.
fn wait_share_in_passing_runs(views: &[View], site: u32, n: u32) -> Option<f64> {
    let mut shares: Vec<f64> = vec![];
    for v in views.iter().filter(|v| !v.failed) {
        let longest = v
            .ar
            .events
            .iter()
            .filter(|e| v.in_test(e) && e.site() == Some(site))
            .filter_map(|e| match &e.kind {
                AKind::Sys { nr: en, end_ts, requested_ns: Some(req), .. } if *en == n && *req > 0 && !crate::python::is_gil_wait_slice(*req) => {
                    Some(end_ts.saturating_sub(e.ts) as f64 / *req as f64)
                }
                _ => None,
            })
            .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
        shares.extend(longest);
    }
    if shares.is_empty() {
        return None;
    }
    shares.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Some(shares[shares.len() / 2])
}

/// Whether a source line cuts a clock value to a period: int(), floor
/// division, round(), math.floor/trunc, a date or a formatted time.
fn truncates(line: &str) -> bool {
    let l = line.split('#').next().unwrap_or("");
    ["int(", "//", "round(", "floor(", "trunc(", "divmod(", ".date()", "strftime(", "replace(microsecond", "replace(second"].iter().any(|p| l.contains(p))
}

fn is_resource_errno(e: i64) -> bool {
    [libc::EMFILE, libc::ENFILE, libc::EADDRINUSE, libc::ENOMEM, libc::ENOSPC, libc::EAGAIN, libc::ENOBUFS, libc::EADDRNOTAVAIL]
        .iter()
        .any(|&x| x as i64 == e)
}

fn is_race(k: &FKey) -> bool {
    matches!(k, FKey::Interleave { .. } | FKey::Abandoned { .. })
}

/// A file of the test suite rather than of the code under test: under a
/// `tests`/`test` directory, a `conftest.py`, or named `test_*.py` / `*_test.py`.
pub(crate) fn is_test_code(file: &str) -> bool {
    let p = std::path::Path::new(file);
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name == "conftest.py"
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        || p.parent().is_some_and(|d| d.components().any(|c| matches!(c.as_os_str().to_str(), Some("tests" | "test" | "testing"))))
}

fn diagnose_test(al: &Alignment, runs: &[RunResult], nodeid: &str, src: &mut Sources) -> Vec<Cause> {
    let views = views(al, runs, nodeid);
    let nf = views.iter().filter(|v| v.failed).count() as u32;
    let np = views.iter().filter(|v| !v.failed).count() as u32;
    if nf == 0 || np == 0 {
        return vec![];
    }
    let sites = &al.sites;
    let feats: Vec<HashMap<FKey, Obs>> = views.iter().map(|v| features(v, sites)).collect();
    // Tally.
    let mut keys: BTreeMap<FKey, (u32, u32)> = BTreeMap::new();
    for (v, fm) in views.iter().zip(&feats) {
        for (k, o) in fm {
            if o.n == 0 {
                continue;
            }
            let t = keys.entry(k.clone()).or_default();
            if v.failed {
                t.0 += 1;
            } else {
                t.1 += 1;
            }
        }
    }
    let obs_of = |k: &FKey, failed: bool| -> Vec<&Obs> {
        views.iter().zip(&feats).filter(|(v, _)| v.failed == failed).filter_map(|(_, fm)| fm.get(k)).collect()
    };
    let debug = std::env::var_os("FLAKEBPF_DEBUG_FEATURES").is_some();
    let mut cands: Vec<Cand> = vec![];
    for (k, &(a, b)) in &keys {
        let sep = Separation::new(a, nf, b, np);
        if debug && sep.positive() {
            let name = |s: u32| sites.get(s).loc();
            let desc = match k {
                FKey::Interleave { f, g, thread } => format!("Interleave f={} g#{g} thread={thread}", name(*f)),
                FKey::IoSize { site, nr, log2 } => format!("IoSize {} nr={nr} log2={log2}", name(*site)),
                other => format!("{other:?}"),
            };
            eprintln!("feature a={a}/{nf} b={b}/{np} p={:.2e} {desc}", sep.p);
        }
        if !sep.positive() || sep.p > 0.1 {
            continue;
        }
        let fo = obs_of(k, true);
        let counts = format!("in {}; in {}", runs_txt(a, nf, "failing"), runs_txt(b, np, "passing"));
        let mut bonus = 0.0;
        let cause = match k {
            FKey::ClockCross { site, period_ms } => {
                // the read whose value is cut to a period (int(), //, round...) is the decision's input
                let s = sites.get(*site);
                if src.line_text(&s.abs, s.line).is_some_and(|t| truncates(&t)) {
                    bonus += 0.5;
                }
                if fo.iter().any(|o| o.vals.get(3) == Some(&1.0)) {
                    bonus += 0.3;
                }
                let ex = fo.iter().find(|o| o.n > 0 && o.vals.len() >= 3);
                let detail = ex.map(|o| format!(" (e.g. {} reads from {} to {})", o.vals[2], wall(o.vals[0]), wall(o.vals[1]))).unwrap_or_default();
                let per = match period_ms {
                    100 => "0.1 s".to_string(),
                    1000 => "1 s".to_string(),
                    10_000 => "10 s".to_string(),
                    60_000 => "minute".to_string(),
                    3_600_000 => "hour".to_string(),
                    _ => "day".to_string(),
                };
                mk_cause(
                    sites,
                    *site,
                    None,
                    Category::TimeDependency,
                    if fo.iter().any(|o| o.vals.get(3) == Some(&1.0)) {
                        format!("the wall clock read at {} ({}) crossed a {per} boundary between its first and last read during the test {counts}{detail}", s.loc(), s.func)
                    } else {
                        format!("the wall clock read once at {} ({}) and the test's other wall-clock reads fell on both sides of a {per} boundary {counts}{detail}", s.loc(), s.func)
                    },
                    None,
                )
            }
            FKey::SysErr { site, nr: n, errno } => {
                let cat = if is_resource_errno(*errno) { Category::Resource } else { Category::IoExternal };
                let s = sites.get(*site);
                mk_cause(sites, *site, None, cat, format!("{}() at {} failed with {} {counts}", sc::name(*n), s.loc(), sc::errno_display(*errno)), None)
            }
            FKey::WaitTimeout { site, nr: n } => {
                let s = sites.get(*site);
                let futex = *n == nr::FUTEX || *n == nr::FUTEX_WAITV;
                // How much of its timeout the same wait used when the test
                // passed: close to all of it, the work simply takes about as
                // long as the timeout allows (timing); a small part, the work
                // is quick unless something else holds it up (resource).
                let used = wait_share_in_passing_runs(&views, *site, *n);
                let (cat, why) = match used {
                    Some(u) if futex && u >= TIGHT_WAIT_SHARE => (
                        Category::Timing,
                        format!(": the timeout is shorter than the work it waits for, which used {:.0} % of the timeout in the median passing run", u * 100.0),
                    ),
                    Some(u) if futex => (
                        Category::Resource,
                        format!(": what it waits for was held or busy longer than its timeout (in the median passing run the wait used {:.0} % of it)", u * 100.0),
                    ),
                    _ if futex => (Category::Resource, ": what it waits for was held or busy longer than its timeout".to_string()),
                    _ => (Category::IoExternal, ": what it waits for was held or busy longer than its timeout".to_string()),
                };
                mk_cause(sites, *site, None, cat, format!("the {}() wait at {} ({}) timed out {counts}{why}", sc::name(*n), s.loc(), s.func), None)
            }
            FKey::IoSize { site, nr: n, log2 } => {
                let lo = if *log2 == 0 { 0 } else { 1u64 << (log2 - 1) };
                let hi = (1u64 << log2).saturating_sub(1);
                let s = sites.get(*site);
                mk_cause(
                    sites,
                    *site,
                    None,
                    Category::IoExternal,
                    format!("{}() at {} returned {lo}-{hi} bytes (a partial message) {counts}; the code assumes one call returns the whole reply", sc::name(*n), s.loc()),
                    None,
                )
            }
            FKey::IoBytes { site, nr: n, bytes } => {
                let s = sites.get(*site);
                mk_cause(
                    sites,
                    *site,
                    None,
                    Category::IoExternal,
                    format!("{}() at {} returned exactly {bytes} bytes {counts}: the reply arrived in pieces and the code assumes one call returns it whole", sc::name(*n), s.loc()),
                    None,
                )
            }
            FKey::Interleave { f: fs, g, thread } | FKey::Abandoned { f: fs, g, thread } => {
                let fsite = sites.get(*fs).clone();
                let gsite = fo.iter().find_map(|o| o.site).map(|x| sites.get(x).clone());
                let others: Vec<String> = gsite.iter().map(|gs| src.function_text(&gs.abs, gs.firstlineno)).collect();
                let race = src.race_line(&fsite.abs, fsite.firstlineno, fsite.line, &others);
                let line = race.as_ref().map(|r| r.line);
                if let Some(r) = &race {
                    bonus += r.quality as f64 * 0.2;
                }
                let who = if *thread { "thread" } else { "asyncio task" };
                let gtxt = gsite.as_ref().map(|g| format!("{} ({})", g.func, g.loc())).unwrap_or_else(|| format!("function #{g}"));
                let what = race
                    .as_ref()
                    .map(|r| format!("; {} {} `{}` across that point (line {})", fsite.func, r.what, r.name, r.line))
                    .unwrap_or_default();
                let cat = if *thread { Category::ThreadRace } else { Category::AsyncRace };
                mk_cause(
                    sites,
                    *fs,
                    line,
                    cat,
                    format!(
                        "another {who} ran {gtxt} while one was suspended in {} at {}{} {counts}{what}",
                        fsite.func,
                        fsite.loc(),
                        if matches!(k, FKey::Abandoned { .. }) { ", and the suspended one never continued there" } else { "" }
                    ),
                    None,
                )
            }
            FKey::Outlasted { s, x } => {
                let ss = sites.get(*s);
                let xs = sites.get(*x);
                let hist = |failed: bool| {
                    let mut h = hdrhistogram::Histogram::<u64>::new(3).ok()?;
                    let mut req = 0f64;
                    for o in obs_of(k, failed) {
                        for pair in o.vals.chunks(2) {
                            if pair.len() == 2 {
                                req = pair[0];
                                let _ = h.record((pair[1] / 1e3).max(1.0) as u64);
                            }
                        }
                    }
                    (h.len() > 0).then(|| (req, h.value_at_quantile(0.5) as f64 * 1e3, h.max() as f64 * 1e3, h.min() as f64 * 1e3))
                };
                let detail = match (hist(true), hist(false)) {
                    (Some((req, fmed, _, fmin)), Some((_, pmed, pmax, _))) => format!(
                        "; the sleep requests {}, the other thread's wait ended {} after the sleep began in failing runs (median, min {}) and {} in passing runs (median, max {})",
                        rel_ms(req), rel_ms(fmed), rel_ms(fmin), rel_ms(pmed), rel_ms(pmax)
                    ),
                    (Some((req, fmed, _, _)), None) => format!("; the sleep requests {}, the other thread's wait ended {} after it began (median)", rel_ms(req), rel_ms(fmed)),
                    _ => String::new(),
                };
                mk_cause(
                    sites,
                    *s,
                    None,
                    Category::Timing,
                    format!("the fixed sleep at {} ({}) ended while another thread was still waiting at {} ({}) {counts}{detail}", ss.loc(), ss.func, xs.loc(), xs.func),
                    None,
                )
            }
            FKey::Preceded { test } => {
                let Some((site, line, what)) = leak_site(&views, nodeid, test, src, sites) else { continue };
                let s = sites.get(site);
                mk_cause(
                    sites,
                    site,
                    Some(line),
                    Category::OrderDependency,
                    format!("{test} ran earlier in the same process {counts}; it leaves state behind: {what} at {}:{line}", s.file),
                    Some(test.clone()),
                )
            }
            FKey::Prior { test, site, nr: n, ok, bg } => {
                let s = sites.get(*site).clone();
                let frames = fo.iter().find(|o| !o.frames.is_empty()).map(|o| o.frames.clone()).unwrap_or_default();
                let sink = frames.iter().find_map(|&fr| {
                    let fs = sites.get(fr);
                    src.state_sink(&fs.abs, fs.firstlineno, fs.line).map(|l| (fr, l))
                });
                let (at, line) = match sink {
                    Some((fr, l)) => (fr, Some(l)),
                    None => (*site, None),
                };
                let who = if *bg { "a background thread" } else { "the test's thread" };
                let res = if *ok { "succeeded" } else { "failed" };
                let sink_txt = line.map(|l| format!("; the result is stored into process-wide state at {}:{l}", sites.get(at).file)).unwrap_or_default();
                mk_cause(
                    sites,
                    at,
                    line,
                    Category::OrderDependency,
                    format!("while the earlier test {test} ran in the same process, {who}'s {}() at {} {res} {counts}{sink_txt}, and that state is still in force when this test runs", sc::name(*n), s.loc()),
                    Some(test.clone()),
                )
            }
            FKey::EnvLeak { test, site, name } => {
                let s = sites.get(*site);
                mk_cause(
                    sites,
                    *site,
                    None,
                    Category::OrderDependency,
                    format!("the earlier test {test} set the environment variable {name} at {} ({}) and nothing restored it before this test ran in the same process, {counts}", s.loc(), s.func),
                    Some(test.clone()),
                )
            }
            FKey::SharedPath { path, site } => {
                let s = sites.get(*site);
                mk_cause(
                    sites,
                    *site,
                    None,
                    Category::IoExternal,
                    format!("two threads used the fixed directory {path} in interleaved order, one deleting or truncating at {} ({}) between the other's operations, {counts}", s.loc(), s.func),
                    None,
                )
            }
        };
        let score = sep.strength() * k.weight() + bonus;
        cands.push(Cand { key: k.clone(), sep, score, cause });
    }
    // The code under test before the test's own helpers: a race located in
    // test support code (a fake server, a fixture) is usually the harness
    // reacting to the failure the code under test caused, so when a race in
    // the code under test separates the runs at least as well, it leads.
    let best_cut = cands
        .iter()
        .filter(|c| is_race(&c.key) && !is_test_code(&c.cause.file))
        .map(|c| c.sep.strength())
        .fold(f64::NEG_INFINITY, f64::max);
    for c in cands.iter_mut() {
        if is_race(&c.key) && is_test_code(&c.cause.file) && best_cut >= c.sep.strength() {
            c.score *= 0.9;
        }
    }
    cands.sort_by(|x, y| y.score.partial_cmp(&x.score).unwrap_or(std::cmp::Ordering::Equal).then_with(|| x.key.cmp(&y.key)));

    // A cause precedes its consequences: among candidates nearly as strong
    // as the best, one that shows up clearly earlier in the failing runs
    // goes first (later ones are usually what the failure set off).
    let firsts = |k: &FKey| -> Vec<Option<u64>> {
        views.iter().zip(&feats).filter(|(v, _)| v.failed).map(|(_, fm)| fm.get(k).map(|o| o.first).filter(|&t| t != u64::MAX)).collect()
    };
    if cands.len() > 1 {
        let top_score = cands[0].score;
        let f0 = firsts(&cands[0].key);
        let mut pick: Option<(usize, u32)> = None;
        let top_in_test_code = is_test_code(&cands[0].cause.file);
        for (i, c) in cands.iter().enumerate().skip(1).take(40) {
            if c.score < 0.75 * top_score {
                break;
            }
            // a race in test support code stays behind the code under test
            if is_race(&c.key) && is_test_code(&c.cause.file) && !top_in_test_code {
                continue;
            }
            let fi = firsts(&c.key);
            let (mut both, mut earlier) = (0u32, 0u32);
            for (a, b) in fi.iter().zip(&f0) {
                if let (Some(a), Some(b)) = (a, b) {
                    both += 1;
                    if a + 5_000_000 < *b {
                        earlier += 1;
                    }
                }
            }
            if both >= 1 && earlier * 5 >= both * 4 && pick.map_or(true, |(_, e)| earlier > e) {
                pick = Some((i, earlier));
            }
        }
        if let Some((i, _)) = pick {
            let c = cands.remove(i);
            cands.insert(0, c);
        }
    }

    if debug {
        for c in cands.iter().take(12) {
            eprintln!("cand score={:.2} a={}/{} b={}/{} {}:{} {:?} {:?}", c.score, c.sep.a, c.sep.nf, c.sep.b, c.sep.np, c.cause.file, c.cause.line, c.cause.category, c.key);
        }
    }
    let mut out: Vec<Cause> = vec![];
    let mut out_hash: Vec<Cause> = vec![];
    let mut seen: HashSet<(String, u32)> = HashSet::new();
    let top = cands.first().map(|c| c.score).unwrap_or(0.0);
    for c in &cands {
        if !seen.insert((c.cause.file.clone(), c.cause.line)) {
            // Threads interleaving at a line that works on a fixed path two
            // threads share: the shared object is the file system.
            if matches!(c.key, FKey::SharedPath { .. }) {
                if let Some(o) = out.iter_mut().find(|o| o.file == c.cause.file && o.line == c.cause.line && o.category == Category::ThreadRace) {
                    o.category = Category::IoExternal;
                    o.fix = fix_for(Category::IoExternal).to_string();
                    o.evidence.push_str(&format!("; and {}", c.cause.evidence));
                }
            }
            continue;
        }
        if out.len() >= 5 {
            continue;
        }
        let mut cause = c.cause.clone();
        let rel = if top > 0.0 { (c.score / top).min(1.0) } else { 0.0 };
        cause.confidence = round2(c.sep.confidence() * rel.powi(2));
        out.push(cause);
    }
    // Unseeded randomness: reported when nothing separates well, and always as a lower candidate.
    // Hash-seed dependent order: nothing traced separates the runs and the
    // test draws no random numbers, yet the outcome varies: sets built and
    // then iterated in the code the test imports are the usual source.
    if cands.is_empty() || !cands[0].sep.positive() {
        let drew = views.iter().any(|v| v.ar.events.iter().any(|e| v.in_test(e) && draw(e).is_some()));
        if !drew {
            out_hash = hash_order_causes(&al.rootdir, nodeid, src, nf, np);
        }
    }
    // Many features are tested: a top feature counts as strong only when its
    // p-value survives a (soft) correction for their number.
    let tested = cands.len().max(1) as f64;
    let strong = cands.first().is_some_and(|c| c.sep.p <= 0.05 / tested.sqrt());
    if let Some(r) = random_cause(&views, sites, nf, strong) {
        if seen.insert((r.file.clone(), r.line)) {
            if strong {
                out.push(r);
            } else {
                out.insert(0, r);
            }
        }
    }
    for (i, h) in out_hash.into_iter().enumerate() {
        if seen.insert((h.file.clone(), h.line)) {
            out.insert(i.min(out.len()), h);
        }
    }
    out.truncate(6);
    out
}

/// Python files of the project packages a test file imports (and the file itself).
fn imported_files(rootdir: &std::path::Path, test_file: &std::path::Path, src: &mut Sources) -> Vec<String> {
    let mut files = vec![test_file.to_string_lossy().into_owned()];
    let Some(lines) = src.lines(&files[0]).cloned() else { return files };
    let mut pkgs: Vec<String> = vec![];
    for l in &lines {
        let t = l.trim();
        if let Some(m) = t.strip_prefix("from ").or_else(|| t.strip_prefix("import ")) {
            let top: String = m.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !top.is_empty() && !pkgs.contains(&top) {
                pkgs.push(top);
            }
        }
    }
    fn walk(dir: &std::path::Path, depth: usize, pkgs: &[String], out: &mut Vec<String>, inside: bool) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with('.') || matches!(name.as_str(), "site-packages" | "venv" | "node_modules" | "__pycache__" | "build" | "dist") {
                continue;
            }
            if p.is_dir() {
                if depth < 4 {
                    walk(&p, depth + 1, pkgs, out, inside || pkgs.contains(&name));
                }
            } else if name.ends_with(".py") && (inside || pkgs.contains(&name.trim_end_matches(".py").to_string())) {
                out.push(p.to_string_lossy().into_owned());
            }
        }
    }
    walk(rootdir, 0, &pkgs, &mut files, false);
    files.dedup();
    files
}

/// Sets iterated in the code a test imports, when nothing traced explains it.
fn hash_order_causes(rootdir: &std::path::Path, nodeid: &str, src: &mut Sources, nf: u32, np: u32) -> Vec<Cause> {
    let file = nodeid.split("::").next().unwrap_or(nodeid);
    let files = imported_files(rootdir, &rootdir.join(file), src);
    src.hash_ordered_sets(&files)
        .into_iter()
        .take(2)
        .map(|h| {
            let rel = std::path::Path::new(&h.abs).strip_prefix(rootdir).map(|p| p.to_string_lossy().into_owned()).unwrap_or(h.abs.clone());
            Cause {
                file: rel.clone(),
                line: h.line,
                function: src.enclosing_name(&h.abs, h.line),
                category: Category::Randomness,
                confidence: 0.25,
                evidence: format!(
                    "in {nf} failing runs and {np} passing runs, no traced event separates the failing runs from the passing ones and the test draws no random numbers, so its outcome is decided before anything observable happens; `{}` is a set built at {rel}:{} and iterated at line {}, whose order changes with the per-process string hash seed (PYTHONHASHSEED)",
                    h.name,
                    h.line,
                    h.iter_line
                ),
                fix: format!("iterate `{}` in a defined order (sorted({}), or build it with dict.fromkeys(...) to keep the insertion order) instead of the set's hash order", h.name, h.name),
                polluter: None,
                basis: Basis::SourceOnly,
                proven: false,
            }
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A draw of randomness: from the `random` module (`Some(true)` when it
/// was a seeding), or from the kernel's entropy pool (getrandom: os.urandom,
/// secrets, uuid4, random.SystemRandom).
fn draw(e: &AEvent) -> Option<bool> {
    match e.kind {
        AKind::Random { seed } => Some(seed),
        AKind::Sys { nr: nr::GETRANDOM, .. } => Some(false),
        _ => None,
    }
}

/// Unseeded random draws in the test's failing runs.
fn random_cause(views: &[View], sites: &SiteTable, nf: u32, strong: bool) -> Option<Cause> {
    let mut per_site: HashMap<u32, (u32, u64)> = HashMap::new(); // site → (failing runs, draws)
    let mut seeded = false;
    for v in views.iter().filter(|v| v.failed) {
        let mut here: HashMap<u32, u64> = HashMap::new();
        for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
            if let Some(seed) = draw(e) {
                if seed {
                    seeded = true;
                }
                if let Some(s) = e.site() {
                    *here.entry(s).or_default() += 1;
                }
            }
        }
        for (s, n) in here {
            let p = per_site.entry(s).or_default();
            p.0 += 1;
            p.1 += n;
        }
    }
    let (&site, &(runs, draws)) = per_site.iter().filter(|(_, (r, _))| *r * 2 >= nf).max_by_key(|(s, (r, d))| (*r, *d, std::cmp::Reverse(**s)))?;
    if seeded && strong {
        return None;
    }
    let s = sites.get(site);
    let conf = if strong { 0.1 } else { 0.35 };
    Some(Cause {
        file: s.file.clone(),
        line: s.line,
        function: s.func.clone(),
        category: Category::Randomness,
        confidence: conf,
        evidence: format!(
            "the test draws unseeded random values at {} ({}): {draws} draws in {runs}/{nf} failing runs; no traced event separates failing from passing runs more strongly, so the drawn values are the likely source",
            s.loc(),
            s.func
        ),
        fix: fix_for(Category::Randomness).to_string(),
        polluter: None,
        basis: Basis::Measured,
        proven: false,
    })
}

/// The line of `polluter` that leaves state behind for `nodeid`: an
/// environment write nothing restores, a file created and not removed, or
/// else a line of it that stores into process-wide state.
fn leak_site(views: &[View], nodeid: &str, polluter: &str, src: &mut Sources, sites: &SiteTable) -> Option<(u32, u32, String)> {
    let _ = nodeid;
    for v in views.iter().filter(|v| v.failed) {
        let pw: Vec<usize> = v.rr.windows.iter().enumerate().filter(|(_, w)| w.nodeid == polluter && w.pid == v.pid && w.start_ns < v.start).map(|(i, _)| i).collect();
        if pw.is_empty() {
            continue;
        }
        let p_end = pw.iter().map(|&i| v.rr.windows[i].end_ns).max().unwrap_or(0);
        let p_start = pw.iter().map(|&i| v.rr.windows[i].start_ns).min().unwrap_or(0);
        // env: the last write of each name up to the victim's start
        let mut last_env: BTreeMap<&str, &AEvent> = BTreeMap::new();
        for e in v.ar.events.iter().filter(|e| e.pid == v.pid && e.ts >= p_start && e.ts < v.start) {
            if let AKind::Env { name, .. } = &e.kind {
                last_env.insert(name.as_str(), e);
            }
        }
        for (name, e) in &last_env {
            if e.ts <= p_end && e.window.is_some_and(|w| pw.contains(&w)) {
                if let Some(s) = e.site() {
                    let line = sites.get(s).line;
                    return Some((s, line, format!("it sets the environment variable {name} and nothing restores it")));
                }
            }
        }
        // files created in its windows and still there
        let mut created: Vec<(&str, u32)> = vec![];
        let mut removed: HashSet<&str> = HashSet::new();
        for e in v.ar.events.iter().filter(|e| e.pid == v.pid && e.ts >= p_start && e.ts < v.start) {
            if let AKind::Sys { nr: n, path: Some(p), args, ret: Some(r), .. } = &e.kind {
                if *r < 0 {
                    continue;
                }
                if matches!(*n, nr::UNLINK | nr::UNLINKAT | nr::RMDIR) {
                    removed.insert(p.as_str());
                } else if e.window.is_some_and(|w| pw.contains(&w)) && open_flags(*n, args).is_some_and(|f| f & libc::O_CREAT as u64 != 0) && !is_noise_path(p) {
                    if let Some(s) = e.site() {
                        created.push((p.as_str(), s));
                    }
                }
            }
        }
        if let Some((p, s)) = created.iter().find(|(p, _)| !removed.contains(p)) {
            return Some((*s, sites.get(*s).line, format!("it creates {p} and does not remove it")));
        }
        // a store into shared state on the polluter's path
        for e in v.ar.events.iter().filter(|e| e.window.is_some_and(|w| pw.contains(&w))) {
            for &fr in &e.frames {
                let fs = sites.get(fr);
                if let Some(l) = src.state_sink(&fs.abs, fs.firstlineno, fs.line) {
                    return Some((fr, l, "it stores into process-wide state".to_string()));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_ignore_digits() {
        assert_eq!(path_key("/tmp/pytest-of-root/pytest-12/t0"), "/tmp/pytest-of-root/pytest-#/t#");
        assert!(is_noise_path("/usr/lib/python3.11/os.py"));
    }

    fn sys(ts: u64, tid: u32, n: u32, path: &str, args: [u64; 6], ret: i64, site: u32) -> AEvent {
        AEvent {
            ts,
            pid: 1,
            tid,
            actor: tid,
            window: Some(0),
            frames: vec![site],
            kind: AKind::Sys { nr: n, ret: Some(ret), end_ts: ts + 1, requested_ns: None, path: Some(path.into()), args },
        }
    }

    #[test]
    fn fd_relative_tree_removal_counts_as_shared_dir_use() {
        const AT_FDCWD: u64 = -100i64 as u64;
        let create = (libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC) as u64;
        let evs = vec![
            // thread 10 stages a part, thread 11 removes the tree fd-relatively, thread 10 lists it
            sys(1, 10, nr::OPENAT, "/tmp/work/000.part", [AT_FDCWD, 0, create, 0, 0, 0], 5, 1),
            sys(2, 11, nr::OPENAT, "/tmp/work", [AT_FDCWD, 0, libc::O_RDONLY as u64, 0, 0, 0], 7, 2),
            sys(3, 11, nr::UNLINKAT, "000.part", [7, 0, 0, 0, 0, 0], 0, 2),
            sys(4, 10, nr::OPENAT, "/tmp/work", [AT_FDCWD, 0, libc::O_DIRECTORY as u64, 0, 0, 0], 8, 3),
        ];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        let shared = shared_paths(&refs, &mut f);
        assert!(f.keys().any(|k| matches!(k, FKey::SharedPath { path, site: 2 } if path == "/tmp/work")), "{f:?}");
        assert_eq!(shared, vec!["/tmp/work".to_string()]);
        // a part file missing in that directory is part of the conflict
        let missing = sys(5, 10, nr::OPENAT, "/tmp/work/001.part", [AT_FDCWD, 0, 0, 0, 0, 0], -(libc::ENOENT as i64), 3);
        let elsewhere = sys(6, 10, nr::OPENAT, "/etc/workd.conf", [AT_FDCWD, 0, 0, 0, 0, 0], -(libc::ENOENT as i64), 4);
        let key = |site| FKey::SysErr { site, nr: nr::OPENAT, errno: libc::ENOENT as i64 };
        f.insert(key(3), Obs::default());
        f.insert(key(4), Obs::default());
        absorb_missing_in_shared(&[&missing, &elsewhere], &shared, &mut f);
        assert!(!f.contains_key(&key(3)) && f.contains_key(&key(4)), "{f:?}");
    }

    #[test]
    fn test_code_is_recognised() {
        assert!(is_test_code("tests/conftest.py"));
        assert!(is_test_code("tests/helpers/server.py"));
        assert!(is_test_code("test_app.py"));
        assert!(!is_test_code("src/pkg/registry.py"));
        assert!(!is_test_code("src/pkg/testing_utils.py"));
    }
}
