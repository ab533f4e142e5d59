//! Per-run feature extraction: the facts about project sites that hold or
//! not in one run of a test (wall-clock boundaries crossed, syscall errors,
//! timed-out waits, read sizes, directories shared between threads, earlier
//! tests in the same process), each with what was measured of it. The
//! thread and task interleavings are in [`super::interleave`].

use std::collections::{BTreeMap, HashMap, HashSet};

use super::interleave::{interleavings, outlasted};
use super::source::Sources;
use crate::align::{timed_out, AEvent, AKind, AlignedRun, Alignment, SiteTable};
use crate::run::{Outcome, RunResult};
use crate::trace::syscalls::{self as sc, nr, SyscallClass};

/// Periods whose boundaries a wall-clock decision may depend on (ms).
const PERIODS_MS: &[u64] = &[100, 1_000, 10_000, 60_000, 3_600_000, 86_400_000];

/// A feature of one run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum FKey {
    ClockCross { site: u32, period_ms: u64 },
    /// The test's wall-clock reads, this site's among them, spread over
    /// a tenth of a second or more and all fell within one second: what
    /// two readings sharing a whole second decide (a stamp cut to seconds
    /// compared with a finer one).
    ClockWithin { site: u32 },
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
    /// Another actor opened a file for reading while the one that opened it
    /// with `O_TRUNC` at `site` still had it open (see [`super::handoffs`]).
    TornRead { site: u32 },
    /// A connect was refused (or left in progress) while another process's
    /// socket on that port was bound and not yet listening; `site`
    /// announced it, or (`listens`) is the late `listen` itself.
    EarlyConnect { site: u32, listens: bool },
    /// Two threads gave up waiting on different locks at the same time,
    /// each at a nested acquire (`site`) inside a `with` block holding
    /// another (see [`super::deadlocks`]).
    MutualWait { site: u32 },
    /// Two actors each created the same file without `O_EXCL` (`site`:
    /// the second).
    DoubleCreate { site: u32 },
}

impl FKey {
    pub(super) fn weight(&self) -> f64 {
        match self {
            FKey::Preceded { .. } => 1.3,
            FKey::ClockCross { .. } | FKey::ClockWithin { .. } => 1.25,
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
            FKey::TornRead { .. } | FKey::EarlyConnect { .. } | FKey::MutualWait { .. } | FKey::DoubleCreate { .. } => 1.3,
        }
    }
}

/// What was seen of a feature in one run.
#[derive(Clone, Debug)]
pub(super) struct Obs {
    pub(super) n: u32,
    /// A representative site (the other actor's, for interleavings).
    pub(super) site: Option<u32>,
    /// Measured values (ns or bytes), kind-specific.
    pub(super) vals: Vec<f64>,
    /// Project frames of a representative event.
    pub(super) frames: Vec<u32>,
    /// Time of the first occurrence (trace ns).
    pub(super) first: u64,
}

impl Default for Obs {
    fn default() -> Self {
        Obs { n: 0, site: None, vals: vec![], frames: vec![], first: u64::MAX }
    }
}

/// One run of the test.
pub(super) struct View<'a> {
    /// Index of the run among the runs (and the alignment's).
    pub(super) unit: usize,
    pub(super) ar: &'a AlignedRun,
    pub(super) rr: &'a RunResult,
    pub(super) failed: bool,
    pub(super) wins: Vec<usize>,
    pub(super) pid: u32,
    pub(super) start: u64,
}

impl View<'_> {
    pub(super) fn in_test(&self, e: &AEvent) -> bool {
        e.window.is_some_and(|w| self.wins.contains(&(w as usize)))
    }
}

pub(super) fn views<'a>(al: &'a Alignment, runs: &'a [RunResult], nodeid: &str) -> Vec<View<'a>> {
    runs.iter().zip(&al.runs).enumerate().filter_map(|(unit, (rr, ar))| view(unit, rr, ar.as_ref()?, nodeid)).collect()
}

/// The run `unit` of the test, when it ran (not skipped) and its windows are known.
pub(super) fn view<'a>(unit: usize, rr: &'a RunResult, ar: &'a AlignedRun, nodeid: &str) -> Option<View<'a>> {
    let failed = match rr.outcome(nodeid)?.outcome {
        Outcome::Failed | Outcome::Error => true,
        Outcome::Passed => false,
        Outcome::Skipped => return None,
    };
    let wins: Vec<usize> = rr.windows.iter().enumerate().filter(|(_, w)| w.nodeid == nodeid).map(|(i, _)| i).collect();
    let pid = rr.windows[*wins.first()?].pid;
    let start = wins.iter().map(|&i| rr.windows[i].start_ns).min().unwrap_or(0);
    Some(View { unit, ar, rr, failed, wins, pid, start })
}

pub(super) fn add(f: &mut HashMap<FKey, Obs>, k: FKey, site: Option<u32>, val: Option<f64>, frames: &[u32], ts: u64) {
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
pub(super) fn open_flags(n: u32, args: &[u64; 3]) -> Option<u64> {
    match n {
        nr::OPEN => Some(args[1]),
        nr::OPENAT => Some(args[2]),
        _ => None,
    }
}

fn destructive(n: u32, args: &[u64; 3]) -> bool {
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

/// Wall-clock boundaries crossed between the reads at one site (see
/// [`clock_frame`] for which frame a read belongs to).
fn clock_crossings(evs: &[&AEvent], sites: &SiteTable, src: &mut Sources, f: &mut HashMap<FKey, Obs>) {
    // (first, last, reads, the caller of the first read, of the last)
    let mut clock: BTreeMap<u32, (i64, i64, u32, Option<u32>, Option<u32>)> = BTreeMap::new();
    // per site, the callers of the two reads on either side of the first
    // whole second crossed
    let mut straddle: HashMap<u32, (Option<u32>, Option<u32>)> = HashMap::new();
    let second = 1_000_000_000i64;
    // the frame a read belongs to, once per distinct stack (reading the source is dear)
    let mut frame_of: foldhash::HashMap<usize, Option<usize>> = Default::default();
    for e in evs {
        let AKind::Clock { realtime: true, wall_ns } = &e.kind else { continue };
        let Some(i) = *frame_of.entry(e.frames.id()).or_insert_with(|| clock_frame(&e.frames, sites, src)) else { continue };
        let caller = e.frames.get(i + 1).copied();
        let c = clock.entry(e.frames[i]).or_insert((*wall_ns, *wall_ns, 0, caller, caller));
        if c.2 > 0 && c.1.div_euclid(second) != wall_ns.div_euclid(second) {
            straddle.entry(e.frames[i]).or_insert((c.4, caller));
        }
        c.1 = *wall_ns;
        c.2 += 1;
        c.4 = caller;
    }
    // A site read once takes part through the test's whole span of reads:
    // a value read early (and truncated, say) is compared with later reads
    // elsewhere. vals: first, last, reads, and 1 when the site's own reads
    // crossed the boundary.
    let span = clock.values().fold(None, |acc: Option<(i64, i64)>, &(a, b, ..)| Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b)))));
    for (&s, &(first, last, n, c1, c2)) in &clock {
        let Some((tf, tl)) = span else { break };
        let (x1, x2) = straddle.get(&s).copied().unwrap_or((None, None));
        // A helper read twice from two lines of one function of the code
        // under test: that function reads the clock twice, and its second
        // read is where to reuse the first (a test reading twice tests the helper).
        let s = match (c1, c2) {
            (Some(a), Some(b)) if a != b && sites.get(a).file == sites.get(b).file && sites.get(a).firstlineno == sites.get(b).firstlineno && !super::is_test_code(&sites.get(b).file) => b,
            _ => s,
        };
        if tl - tf >= second / 10 && tf.div_euclid(second) == tl.div_euclid(second) {
            let o = f.entry(FKey::ClockWithin { site: s }).or_default();
            o.n += 1;
            o.vals = vec![tf as f64, tl as f64, n as f64, 0.0];
        }
        for &p in PERIODS_MS {
            let pn = p as i64 * 1_000_000;
            let own = n >= 2 && first.div_euclid(pn) != last.div_euclid(pn);
            if own || (n == 1 && tf.div_euclid(pn) != tl.div_euclid(pn)) {
                let o = f.entry(FKey::ClockCross { site: s, period_ms: p }).or_default();
                o.n += 1;
                // and the sites of the calls that made the two reads on
                // either side of the first second crossed
                let callers = [x1.map_or(-1.0, |c| c as f64), x2.map_or(-1.0, |c| c as f64)];
                o.vals = if own { vec![first as f64, last as f64, n as f64, 1.0, callers[0], callers[1]] } else { vec![tf as f64, tl as f64, n as f64, 0.0, -1.0, -1.0] };
            }
        }
    }

}

/// The frame (index) a wall-clock read belongs to: past functions that only hand
/// the reading on unchanged (`def utcnow(): return datetime.now(tz)`), whose
/// caller is where the reading is used, and past functions that read the
/// clock only when their caller passed no time (`def window(now=None)`); a
/// wrapper that cuts the reading (`int(time.time() // w)`) decides itself.
fn clock_frame(frames: &[u32], sites: &SiteTable, src: &mut Sources) -> Option<usize> {
    let mut i = 0;
    while i + 1 < frames.len().min(4) {
        let s = sites.get(frames[i]);
        if !src.passes_reading_on(&s.abs, s.firstlineno) && !src.clock_fallback(&s.abs, s.firstlineno, s.line) {
            break;
        }
        // a test calling the helper tests the code under test: the helper stays the site
        if super::is_test_code(&sites.get(frames[i + 1]).file) {
            break;
        }
        i += 1;
    }
    (i < frames.len()).then_some(i)
}

pub(super) fn is_noise_path(p: &str) -> bool {
    p.starts_with("/proc") || p.starts_with("/dev") || p.starts_with("/sys") || p.ends_with(".py") || p.ends_with(".pyc") || p.ends_with(".so") || p.contains("__pycache__")
}

/// Features computed from each run as it was aligned, before its events
/// were cut to what the other readers need: per run (its index), per test.
pub(super) type Known = HashMap<usize, HashMap<String, HashMap<FKey, Obs>>>;

/// The features of one run of test `nodeid`: those computed as it was
/// aligned, else computed now (a run whose events were cut has them
/// always: they were computed for every test its events were kept for).
pub(super) fn features_of(v: &View, nodeid: &str, known: &Known, sites: &SiteTable, src: &mut Sources) -> HashMap<FKey, Obs> {
    match known.get(&v.unit).and_then(|k| k.get(nodeid)) {
        Some(f) => f.clone(),
        None => features(v, sites, src),
    }
}

/// The features of one run of the test.
pub(super) fn features(v: &View, sites: &SiteTable, src: &mut Sources) -> HashMap<FKey, Obs> {
    let mut f: HashMap<FKey, Obs> = HashMap::new();
    let evs: Vec<&AEvent> = v.ar.events.iter().filter(|e| v.in_test(e)).collect();

    clock_crossings(&evs, sites, src, &mut f);

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
    super::handoffs::handoffs(&evs, sites, &mut f);
    super::deadlocks::mutual_waits(&evs, sites, src, &mut f);
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
        let p: &str = if raw.starts_with('/') {
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
                    dirfds.insert((e.pid, *r), p.to_string());
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
        let (Some(w), Some(s)) = (e.window.map(|w| w as usize), e.site()) else { continue };
        if let AKind::Env { unset: false, .. } = e.kind {
            if before.contains(&w) {
                add(f, FKey::EnvLeak { test: rr.windows[w].nodeid.clone(), site: s, name: name.to_string() }, Some(s), None, &e.frames, e.ts);
            }
        }
    }
    for e in &v.ar.events {
        let Some(w) = e.window.map(|w| w as usize) else { continue };
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
            frames: vec![site].into(),
            kind: AKind::Sys { nr: n, ret: Some(ret), end_ts: ts + 1, requested_ns: None, path: Some(path.into()), args: [args[0], args[1], args[2]] },
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
    fn a_clock_read_belongs_past_thin_wrappers_and_to_the_second_read_of_two_callers() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.py");
        std::fs::write(&p, "def utcnow():\n    return now()\n\ndef stamp():\n    return utcnow().strftime('%S')\n\ndef take():\n    a = stamp()\n    pack()\n    b = stamp()\n").unwrap();
        let abs = p.to_string_lossy().into_owned();
        let mut sites = SiteTable::default();
        let mut site = |func: &str, line: u32, first: i32| {
            sites.intern(crate::align::Site { file: "c.py".into(), abs: abs.clone(), func: func.into(), line, firstlineno: first })
        };
        let (wrap, st, t8, t10) = (site("utcnow", 2, 1), site("stamp", 5, 4), site("take", 8, 7), site("take", 10, 7));
        let read = |ts: u64, wall: i64, frames: Vec<u32>| AEvent { ts, pid: 1, tid: 1, actor: 1, window: Some(0), frames: frames.into(), kind: AKind::Clock { realtime: true, wall_ns: wall } };
        let evs = vec![read(1, 1_999_900_000, vec![wrap, st, t8]), read(2, 2_000_200_000, vec![wrap, st, t10])];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        let mut src = Sources::default();
        clock_crossings(&refs, &sites, &mut src, &mut f);
        assert!(f.contains_key(&FKey::ClockCross { site: t10, period_ms: 1000 }), "{f:?}");
        assert_eq!(f[&FKey::ClockCross { site: t10, period_ms: 1000 }].vals[4..], [t8 as f64, t10 as f64], "the calls on either side of the boundary");
        // one caller: the helper that cuts the reading (strftime) is the site
        let evs = vec![read(1, 1_999_900_000, vec![wrap, st, t8]), read(2, 2_000_200_000, vec![wrap, st, t8])];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        clock_crossings(&refs, &sites, &mut src, &mut f);
        assert!(f.contains_key(&FKey::ClockCross { site: st, period_ms: 1000 }), "{f:?}");
        // a test calling the helper twice tests it: the helper stays the site
        let mut t = |line: u32| sites.intern(crate::align::Site { file: "tests/test_c.py".into(), abs: abs.clone(), func: "test_x".into(), line, firstlineno: 7 });
        let (x8, x10) = (t(8), t(10));
        let evs = vec![read(1, 1_999_900_000, vec![wrap, st, x8]), read(2, 2_000_200_000, vec![wrap, st, x10])];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        clock_crossings(&refs, &sites, &mut src, &mut f);
        assert!(f.contains_key(&FKey::ClockCross { site: st, period_ms: 1000 }), "{f:?}");
        assert!(!f.keys().any(|k| matches!(k, FKey::ClockWithin { .. })), "reads on both sides of a second are not within one");
        // reads 0.3 s apart inside one second: within; 20 ms apart: too close to say
        let evs = vec![read(1, 2_100_000_000, vec![wrap, st, t8]), read(2, 2_400_000_000, vec![wrap, st, t8])];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        clock_crossings(&refs, &sites, &mut src, &mut f);
        assert!(f.contains_key(&FKey::ClockWithin { site: st }), "{f:?}");
        let evs = vec![read(1, 2_100_000_000, vec![wrap, st, t8]), read(2, 2_120_000_000, vec![wrap, st, t8])];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        clock_crossings(&refs, &sites, &mut src, &mut f);
        assert!(f.is_empty(), "{f:?}");
    }
}
