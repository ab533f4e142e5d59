//! A second hypothesis source: the inventory of what the failing runs did.
//!
//! The divergence classifier (the rest of `classify/`) names lines whose
//! events separate failing from passing runs. When the separating event is
//! not traced, or the separation is too weak, the right line is often
//! still among the places where the test read the wall clock, drew random
//! values, waited with a timeout or read a clock to open a window (`deadline =
//! time.monotonic() + budget`). This module lists those places (the
//! innermost project frame of such events in the test's windows of the
//! failing runs, present in at least half of them) as candidates for the
//! experiments, after the classifier's own causes. When that frame is in a
//! test double (a fake under `tests/`), the nearest caller in the code
//! under test is listed too: the line that holds something across a slow
//! call, or decides on what the double returned, is where a fix goes. A candidate no
//! experiment proves is dropped from the report ([`Basis::Inventory`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::align::{AKind, Alignment};
use crate::report::{Basis, Category, Cause};
use crate::run::RunResult;
use crate::trace::syscalls::nr;

use super::source::Sources;
use super::{draw, views};

/// Candidates per kind, at most.
const PER_KIND: usize = 3;

fn kind_of(k: &AKind) -> Option<Category> {
    match k {
        AKind::Clock { realtime: true, .. } => Some(Category::TimeDependency),
        AKind::Sys { nr: n, requested_ns: Some(t), .. } if *t > 0 && !(*n == nr::FUTEX && crate::python::is_gil_wait_slice(*t)) => Some(Category::Timing),
        _ => None,
    }
}

/// The nearest frame in the code under test above an innermost frame in a
/// test double (test support code that is not a test function).
fn caller_under_test(al: &Alignment, frames: &[u32]) -> Option<u32> {
    let in_double = |id: u32| {
        let s = al.sites.get(id);
        super::is_test_code(&s.file) && !s.func.rsplit('.').next().unwrap_or("").starts_with("test")
    };
    if !in_double(*frames.first()?) {
        return None;
    }
    frames.iter().copied().find(|&id| !super::is_test_code(&al.sites.get(id).file))
}

/// A candidate line: (category, file, line, function, what the failing runs did there).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Cand {
    cat: Category,
    file: String,
    line: u32,
    func: String,
    what: String,
    /// The caller of a test double, in a coroutine, with no state held across its await.
    lets_others_run: bool,
    /// The call (an await, or a slow call inside a `with` block) across which
    /// the state used at `line`, or the resource taken, is held.
    held_across: Option<u32>,
    /// The fix, when the shape found says more than the category.
    fix: Option<&'static str>,
}

const YIELD_FIX: &str = "take what the consumer needs inside the `with` block (e.g. `rows = list(...)`) and yield after the block has closed, so the resource goes back before the consumer's slow work";
const CREATE_FIX: &str = "create the file atomically and let the file system refuse an existing one (open(path, \"x\") / os.open with O_CREAT | O_EXCL), or hold a lock across the check and the create";
const PUBLISH_FIX: &str = "build the object completely first and publish it last, with one assignment (readers then see the old object or the whole new one)";
const ORDER_FIX: &str = "pair each result with its input explicitly (keep a future → input map, or use gather()/map(), which return results in input order) instead of taking completion order for input order";
const LISTING_FIX: &str = "sort the listing (sorted(os.listdir(d)), sorted(path.iterdir())), or order the files by what matters (a sequence number, a timestamp in the name or the file) before processing them";
const DEADLINE_FIX: &str = "give the window the time the slowest case needs (start-up, a cold cache, a loaded machine): a longer budget, hold or expiry where its length is set, or wait for the event itself instead of a fixed deadline";
const SPAWN_FIX: &str = "await the task (or do its work) before returning, so callers see its effect; or hand the caller something to await (the task, or an event set when it is done)";

impl Cand {
    fn at(al: &Alignment, cat: Category, site: u32, what: String) -> Self {
        let s = al.sites.get(site);
        Cand { cat, file: s.file.clone(), line: s.line, func: s.func.clone(), what, lets_others_run: false, held_across: None, fix: None }
    }
}

/// The candidate for a caller in the code under test of a test double
/// that waited or drew: the caller's line (the call that holds something
/// across a slow double, or decides on what it returned). In a coroutine,
/// other tasks run only while it awaits, so what matters is the state it
/// reads before that await and uses after it: the line of that first use
/// (or the loop iterating shared state across it), found in the source.
fn caller_cand(al: &Alignment, caller: u32, others: &[String], src: &mut Sources) -> Cand {
    let s = al.sites.get(caller);
    let plain = Cand::at(al, Category::Timing, caller, "sleeps or waits with a timeout (itself or in a test double it calls)".into());
    if !src.is_async(&s.abs, s.firstlineno) {
        if let Some((w, text)) = src.holding_with(&s.abs, s.firstlineno, s.line) {
            return Cand {
                cat: Category::Resource,
                what: format!("holds what `{text}` (line {w}) takes across a slow call (a test double it calls waits)"),
                held_across: Some(s.line),
                ..plain
            };
        }
        return plain;
    }
    let Some(r) = src.race_line(&s.abs, s.firstlineno, s.line, others, true, true).filter(|r| r.what != "overwrites") else {
        return Cand { lets_others_run: true, ..plain };
    };
    Cand {
        cat: Category::AsyncRace,
        file: s.file.clone(),
        line: r.line,
        func: s.func.clone(),
        what: format!("awaits a test double at line {} (other tasks run meanwhile), and {} {} `{}` across that await", s.line, s.func, r.what, r.name),
        lets_others_run: false,
        held_across: Some(s.line),
        fix: None,
    }
}

/// What one failing run offers as candidates.
#[derive(Default)]
struct RunCands {
    /// (category, site) of its clock reads, draws and timed waits, and of
    /// the callers that pass a timed wait its timeout.
    here: HashSet<(Category, u32)>,
    /// Frames whose candidate [`caller_cand`] makes: callers under test of
    /// test doubles that waited, read a clock or drew; frames holding what
    /// a `with` block took across a timed wait or sleep.
    callers: HashSet<u32>,
    /// Lost-update windows of threads across a slow call.
    windows: HashSet<Cand>,
    /// Sites of clock reads that open a window (a deadline, an expiry).
    opened: HashSet<u32>,
}

/// The first frame (of the five innermost) of a timed wait or sleep that
/// runs inside a `with` block it does not use: it holds a resource across it
/// — when some thread of the run waited at a line naming what the block took
/// (`waited`: texts of the lines where threads blocked on a futex); holding
/// what nobody waits for is only slow work.
fn holder_frame(al: &Alignment, frames: &[u32], src: &mut Sources, waited: &[String]) -> Option<u32> {
    frames.iter().take(5).copied().find(|&f| {
        let s = al.sites.get(f);
        if super::is_test_code(&s.file) || src.is_async(&s.abs, s.firstlineno) {
            return false;
        }
        let Some((_, text)) = src.holding_with(&s.abs, s.firstlineno, s.line) else { return false };
        let taken = super::generators::taken_name(&text);
        !taken.is_empty() && waited.iter().any(|w| w.contains(&taken))
    })
}

/// A thread's frame that makes a slow call (a caller of a timed wait or
/// sleep) between reading shared state and writing it back: the window of
/// a lost update, candidate at the write.
fn thread_window(al: &Alignment, frames: &[u32], src: &mut Sources) -> Option<Cand> {
    for &f in frames.iter().skip(1).take(4) {
        let s = al.sites.get(f);
        if super::is_test_code(&s.file) || src.is_async(&s.abs, s.firstlineno) {
            continue;
        }
        if let Some((n, name)) = super::checkact::check_then_create(src, &s.abs, s.firstlineno, s.line) {
            return Some(Cand {
                cat: Category::IoExternal,
                file: s.file.clone(),
                line: n,
                func: s.func.clone(),
                what: format!("checks that `{name}` does not exist, makes a slow call at line {}, then creates it at line {n} without refusing an existing file (another process or thread can pass the same check meanwhile)", s.line),
                lets_others_run: false,
                held_across: Some(s.line),
                fix: Some(CREATE_FIX),
            });
        }
        if let Some((n, name)) = super::publish::published_early(src, &s.abs, s.firstlineno, s.line) {
            return Some(Cand {
                cat: Category::ThreadRace,
                file: s.file.clone(),
                line: n,
                func: s.func.clone(),
                what: format!("stores a new object in `{name}` at line {n} and fills it afterwards, in a slow call at line {} (other threads see it half built)", s.line),
                lets_others_run: false,
                held_across: Some(s.line),
                fix: Some(PUBLISH_FIX),
            });
        }
        if let Some(r) = src.race_line(&s.abs, s.firstlineno, s.line, &[], false, true).filter(|r| r.what == "writes back") {
            return Some(Cand {
                cat: Category::ThreadRace,
                file: s.file.clone(),
                line: r.line,
                func: s.func.clone(),
                what: format!("makes a slow call at line {} (other threads run meanwhile), and {} writes back `{}` it read before that call", s.line, s.func, r.name),
                lets_others_run: false,
                held_across: Some(s.line),
                fix: None,
            });
        }
    }
    None
}

/// A coroutine's frame, outside the innermost, awaiting at a line between
/// reading shared state and writing it back (`cached = await
/// self.cache.get(k)`, `await self.db.fetch(k)`, `await self.cache.set(k,
/// row)`): other tasks run during that await, so what it writes back may
/// be stale — the window of a lost update, candidate at the write.
/// (`seen`: what each frame gave, as the same frames recur in many events.)
fn async_window(al: &Alignment, frames: &[u32], src: &mut Sources, seen: &mut HashMap<u32, Option<Cand>>) -> Option<Cand> {
    frames.iter().skip(1).take(4).find_map(|&f| seen.entry(f).or_insert_with(|| async_window_at(al, f, src)).clone())
}

fn async_window_at(al: &Alignment, f: u32, src: &mut Sources) -> Option<Cand> {
    let s = al.sites.get(f);
    if super::is_test_code(&s.file) || !src.is_async(&s.abs, s.firstlineno) {
        return None;
    }
    let r = src.race_line(&s.abs, s.firstlineno, s.line, &[], true, true).filter(|r| r.what == "writes back")?;
    Some(Cand {
        cat: Category::AsyncRace,
        file: s.file.clone(),
        line: r.line,
        func: s.func.clone(),
        what: format!("awaits at line {} (other tasks run meanwhile), and {} writes back `{}` it read before that await", s.line, s.func, r.name),
        lets_others_run: false,
        held_across: Some(s.line),
        fix: None,
    })
}

/// The candidates of one failing run, from the events in the test's windows.
fn run_cands(al: &Alignment, v: &super::features::View, src: &mut Sources) -> RunCands {
    let mut out = RunCands::default();
    let waited: Vec<String> = blocked(&[v])
        .into_iter()
        .filter_map(|site| {
            let s = al.sites.get(site);
            src.line_text(&s.abs, s.line)
        })
        .collect();
    let mut awaits = HashMap::new();
    for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
        let Some(site) = e.site() else { continue };
        let cat = if draw(e).is_some() { Some(Category::Randomness) } else { kind_of(&e.kind) };
        if let Some(c) = cat {
            out.here.insert((c, site));
        }
        if matches!(e.kind, AKind::Clock { .. }) && !out.opened.contains(&site) {
            let s = al.sites.get(site);
            if src.line_text(&s.abs, s.line).is_some_and(|t| super::provenance::opens_window(&t)) {
                out.opened.insert(site);
            }
        }
        if cat.is_some() || matches!(e.kind, AKind::Clock { .. }) {
            out.callers.extend(caller_under_test(al, &e.frames));
            out.windows.extend(async_window(al, &e.frames, src, &mut awaits));
        }
        if cat != Some(Category::Timing) {
            continue;
        }
        out.callers.extend(holder_frame(al, &e.frames, src, &waited));
        out.windows.extend(thread_window(al, &e.frames, src));
        // the caller that passes the wait its timeout
        let passes = e.frames.iter().skip(1).take(4).copied().find(|&f| {
            let s = al.sites.get(f);
            src.timeout_source(&s.abs, s.firstlineno, s.line).is_some()
        });
        out.here.extend(passes.map(|f| (Category::Timing, f)));
    }
    out
}

/// Candidates only the source shows, in the files of the code under test
/// the failing runs ran: tasks started and never waited for
/// ([`super::spawns`]), coroutines' awaits bounded by a timeout, which
/// the event loop waits for out of any traced stack of the code, and
/// directory listings used in the file system's order ([`super::listings`]).
fn from_source(files: &BTreeSet<(String, String)>, src: &mut Sources) -> Vec<Cand> {
    let mut out = vec![];
    for (file, abs) in files {
        for n in super::spawns::fire_and_forget(src, abs) {
            out.push(Cand {
                cat: Category::AsyncRace,
                file: file.clone(),
                line: n,
                func: src.enclosing_name(abs, n),
                what: format!("starts a task at line {n} and never waits for it (what the task does after its first await races with the code that goes on)"),
                lets_others_run: false,
                held_across: Some(n),
                fix: Some(SPAWN_FIX),
            });
        }
        for n in super::listings::unsorted_listings(src, abs) {
            out.push(Cand {
                cat: Category::IoExternal,
                file: file.clone(),
                line: n,
                func: src.enclosing_name(abs, n),
                what: format!("uses a directory listing at line {n} in the order the file system returns it (the directory's internal order, which differs between runs and machines)"),
                lets_others_run: false,
                held_across: None,
                fix: Some(LISTING_FIX),
            });
        }
        for n in super::completion::completion_pairings(src, abs) {
            let func = src.enclosing_name(abs, n);
            let is_async = src.lines(abs).and_then(|l| super::spawns::def_of(l, n).map(|d| l[d as usize - 1].trim_start().starts_with("async "))).unwrap_or(false);
            out.push(Cand {
                cat: if is_async { Category::AsyncRace } else { Category::ThreadRace },
                file: file.clone(),
                line: n,
                func,
                what: format!("takes results in the order the work finishes at line {n} and pairs them with the inputs by position"),
                lets_others_run: false,
                held_across: None,
                fix: Some(ORDER_FIX),
            });
        }
        for n in src.async_deadlines(abs) {
            out.push(Cand {
                cat: Category::Timing,
                file: file.clone(),
                line: n,
                func: src.enclosing_name(abs, n),
                what: "bounds an await with a timeout (the event loop keeps that deadline, out of any traced stack of this code)".into(),
                lets_others_run: false,
                held_across: None,
                fix: None,
            });
        }
    }
    out
}

/// The sites where threads of `views` blocked on a futex in the test.
fn blocked(views: &[&super::features::View]) -> BTreeSet<u32> {
    let futex = |v: &super::features::View, e: &crate::align::AEvent| v.in_test(e) && matches!(e.kind, AKind::Sys { nr: n, .. } if n == nr::FUTEX);
    views.iter().flat_map(|v| v.ar.events.iter().filter(|e| futex(v, e)).filter_map(|e| e.site())).collect()
}

/// Where threads of the failing runs blocked on a futex in the test: the
/// text of each such line and the name of its function.
fn waited_on(al: &Alignment, failing: &[&super::features::View], src: &mut Sources) -> Vec<String> {
    let mut out = vec![];
    for site in blocked(failing) {
        let s = al.sites.get(site);
        out.extend(src.line_text(&s.abs, s.line));
        out.push(s.func.clone());
    }
    out
}

/// Generators yielding from inside a `with` block that takes what some
/// thread of the failing runs waited for ([`super::generators`]).
fn held_yields(files: &BTreeSet<(String, String)>, src: &mut Sources, waited: &[String]) -> Vec<Cand> {
    let mut out = vec![];
    for (file, abs) in files {
        for h in super::generators::held_across_yield(src, abs) {
            if !waited.iter().any(|w| w.contains(&h.taken)) {
                continue;
            }
            out.push(Cand {
                cat: Category::Resource,
                file: file.clone(),
                line: h.with,
                func: src.enclosing_name(abs, h.with),
                what: format!("runs a generator that yields at line {} from inside the `with` block that takes `{}`, keeping it while its consumer works between items (another thread waited for it)", h.at, h.taken),
                lets_others_run: false,
                held_across: Some(h.at),
                fix: Some(YIELD_FIX),
            });
        }
    }
    out
}

/// The files of the code under test (relative, absolute) on the stacks of
/// the failing runs' events.
fn files_run(al: &Alignment, failing: &[&super::features::View]) -> BTreeSet<(String, String)> {
    let mut files: BTreeSet<(String, String)> = BTreeSet::new();
    for v in failing {
        for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
            for &f in e.frames.iter() {
                let s = al.sites.get(f);
                if !super::is_test_code(&s.file) {
                    files.insert((s.file.clone(), s.abs.clone()));
                }
            }
        }
    }
    files
}

/// The files the failing runs ran, and those the test's module imports:
/// where pure computation (a hash, a lock never stored) may be, which no
/// traced event need show.
fn files_reachable(al: &Alignment, nodeid: &str, run: &BTreeSet<(String, String)>, src: &mut Sources) -> BTreeSet<(String, String)> {
    let mut files = run.clone();
    let test_file = al.rootdir.join(nodeid.split("::").next().unwrap_or(nodeid));
    for abs in super::fallbacks::imported_files(&al.rootdir, &test_file, src) {
        let rel = std::path::Path::new(&abs).strip_prefix(&al.rootdir).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| abs.clone());
        if !super::is_test_code(&rel) {
            files.insert((rel, abs));
        }
    }
    files
}

/// Calls of the built-in `hash()` in the code under test the failing runs
/// ran: a string's hash is salted per process, so whatever is derived from
/// it (a shard, a bucket, an order) differs between runs and between the
/// processes of one run. Tested by fixing the hash seed.
fn salted_hashes(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files.iter().map(|(f, a)| (f.clone(), a.clone())) {
        let Some(lines) = src.lines(&abs).cloned() else { continue };
        for (i, l) in lines.iter().enumerate() {
            let t = super::source::code(l).trim();
            let builtin = t.match_indices("hash(").any(|(p, _)| p == 0 || !t.as_bytes()[p - 1].is_ascii_alphanumeric() && !matches!(t.as_bytes()[p - 1], b'_' | b'.'));
            if !builtin || t.starts_with("def ") {
                continue;
            }
            let n = i as u32 + 1;
            // an object's own __hash__ stays within the process: not a shard or an order
            let function = src.enclosing_name(&abs, n);
            if function.ends_with("__hash__") {
                continue;
            }
            out.push(from_source_only(&file, n, function, Category::Randomness, format!("the code the {nf} failing runs ran calls hash() at {file}:{n}: the hash of a str or bytes is salted per process (PYTHONHASHSEED), so what is derived from it differs between runs and between the processes of one run (a candidate from the source)"), "derive anything that must be stable across runs or processes from a stable hash (zlib.crc32, hashlib) instead of the built-in hash()", Basis::SourceOnly));
        }
    }
    out.truncate(2);
    out
}

/// A candidate only the source shows, at `file:line`: reported only when an
/// experiment proves it.
fn from_source_only(file: &str, line: u32, function: String, category: Category, evidence: String, fix: &str, basis: Basis) -> Cause {
    Cause { file: file.to_string(), line, function, category, confidence: 0.05, evidence, fix: fix.to_string(), polluter: None, basis, proven: false }
}

/// Coroutines started as tasks that store their result into shared state
/// whatever finished first (see [`super::completion::spawned_writes`]), in
/// the code the failing runs ran: tested by the order the tasks finish in.
fn stale_writes(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for (n, at) in super::completion::spawned_writes(src, abs) {
            out.push(from_source_only(file, n, src.enclosing_name(abs, n), Category::AsyncRace, format!("the code the {nf} failing runs ran starts a task at {file}:{at} whose coroutine, once its await returns, stores its result at line {n} without checking that it is still wanted: when tasks started one after another finish out of order, an older result overwrites a newer one (a candidate from the source)"), "store the result only if it is still current (compare the request it answers with the latest one, or cancel the older task when starting a new one)", Basis::Started { at }));
        }
    }
    out.truncate(2);
    out
}

/// Early ways out that keep a slot the function took ([`super::leaks`]),
/// in the code the failing runs ran.
fn leaks(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for l in super::leaks::early_exits(src, abs) {
            out.push(from_source_only(file, l.exit, src.enclosing_name(abs, l.exit), Category::Resource, format!("the code the {nf} failing runs ran leaves at {file}:{} with what line {} took, which line {} gives back on the other ways out: each time this way is taken one slot is lost, until none is left (a candidate from the source)", l.exit, l.take, l.release), "give the slot back on every way out: take it in a `with` block, or release it in a `finally` that covers the early return", Basis::Leak { release: l.release }));
        }
    }
    out.truncate(2);
    out
}

/// Wake-up events cleared after the work their wait started
/// ([`super::wakeups::late_clears`]), in the code the test reaches.
fn late_clears(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for c in super::wakeups::late_clears(src, abs) {
            let (n, at) = (c.clear, c.at);
            let func = src.enclosing_name(abs, n);
            let category = if c.is_async { Category::AsyncRace } else { Category::ThreadRace };
            out.push(from_source_only(file, n, func, category, format!("the code the test reaches ({nf} failing runs) clears its wake-up event at {file}:{n} only after the work its wait started (line {at}): a signal set while that work runs is erased, and what it announced waits for the next signal (a candidate from the source)"), "clear the event right after its wait returns, before the work, so a signal set during the work is kept for the next round", Basis::Cleared { after_wait: c.after_wait, then: c.then }));
        }
    }
    out.truncate(2);
    out
}

/// Done-callbacks that write shared state after the future's waiters woke
/// ([`super::callbacks`]), in the code the failing runs ran.
fn late_callbacks(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for c in super::callbacks::publishing_callbacks(src, abs) {
            let func = src.enclosing_name(abs, c.line);
            out.push(from_source_only(file, c.line, func, Category::ThreadRace, format!("the code the {nf} failing runs ran registers `{}` at {file}:{} as a done-callback, and it writes shared state at line {}: the future wakes whoever waits in result() first and runs its callbacks after, in the worker thread, so a caller reading that state right after result() returned may see it not yet written (a candidate from the source)", c.name, c.line, c.writes), "write the state in the work itself, before it returns (or have callers wait for the state, not for the future)", Basis::Callback { at: c.starts }));
        }
    }
    out.truncate(2);
    out
}

/// Resources given back only in the done-callback of background work they
/// were handed to ([`super::callbacks::releasing_callbacks`]), in the code
/// the failing runs ran.
fn released_late(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for r in super::callbacks::releasing_callbacks(src, abs) {
            let func = src.enclosing_name(abs, r.line);
            out.push(from_source_only(file, r.line, func, Category::Resource, format!("the code the {nf} failing runs ran hands a resource to background work ({}) and gives it back only in that work's done-callback, registered at {file}:{}: it stays taken for as long as the work runs (a candidate from the source)", r.work, r.line), "give the resource back as soon as the caller is done with it (or let the background work take one of its own), not when the background work finishes", Basis::Callback { at: r.work_starts }));
        }
    }
    out.truncate(2);
    out
}

/// Writes to a module-level instance every thread shares
/// ([`super::singletons`]), from a function that two or more threads of a
/// failing run ran.
fn shared_writes(al: &Alignment, failing: &[&super::features::View], files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    // (abs, function) -> the threads of one failing run that ran it
    let mut threaded: HashSet<(String, String)> = HashSet::new();
    for v in failing {
        let mut tids: HashMap<(String, String), HashSet<u32>> = HashMap::new();
        for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
            for &f in e.frames.iter() {
                let s = al.sites.get(f);
                tids.entry((s.abs.clone(), s.func.clone())).or_default().insert(e.tid);
            }
        }
        threaded.extend(tids.into_iter().filter(|(_, t)| t.len() >= 2).map(|(k, _)| k));
    }
    if threaded.is_empty() {
        return vec![];
    }
    let project: Vec<(String, String)> = src
        .project_files(&al.rootdir)
        .into_iter()
        .filter_map(|abs| {
            let rel = std::path::Path::new(&abs).strip_prefix(&al.rootdir).ok()?.to_string_lossy().into_owned();
            (!super::is_test_code(&rel)).then_some((rel, abs))
        })
        // only the files that make a module-level instance, found once
        .filter(|(_, abs)| !super::singletons::module_instances(src, abs).is_empty())
        .collect();
    let mut out = vec![];
    for (file, abs) in files {
        for (made_rel, made_abs) in &project {
            for w in super::singletons::writes_to_instances(src, abs, made_abs, made_rel) {
                let func = src.enclosing_name(abs, w.line);
                let short = func.rsplit('.').next().unwrap_or(&func).to_string();
                if !threaded.iter().any(|(a, f)| a == abs && f.rsplit('.').next() == Some(short.as_str())) {
                    continue;
                }
                out.push(from_source_only(file, w.line, func.clone(), Category::ThreadRace, format!("`{}` is one object made at module level ({}:{}) and shared by every thread; {func} writes it at {file}:{} and several threads of a failing run ran {func} ({nf} failing runs): a write by another thread in between replaces what this thread stored and reads back later (a candidate from the source)", w.object, w.made.0, w.made.1, w.line), "give each thread (or request) its own: a threading.local() or a contextvars.ContextVar instead of one module-level object, or pass the value along", Basis::Shared { at: w.after }));
            }
        }
    }
    out.truncate(2);
    out
}

/// Draws from numpy's global generator in the test's own file, which no
/// probe sees ([`super::unseeded`]).
fn numpy_draws(al: &Alignment, nodeid: &str, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let file = nodeid.split("::").next().unwrap_or(nodeid).to_string();
    let abs = al.rootdir.join(&file).to_string_lossy().into_owned();
    let test = nodeid.split("::").last().unwrap_or("").split('[').next().unwrap_or("");
    let mut out = vec![];
    for n in super::unseeded::unseeded_numpy_draws(src, &abs, test) {
        let func = src.enclosing_name(&abs, n);
        out.push(from_source_only(&file, n, func, Category::Randomness, format!("the test's file draws from numpy's global generator at {file}:{n} and never seeds it ({nf} failing runs; numpy's draws are made in its own C code, which is not traced: a candidate from the source)"), "seed numpy's generator in the test (np.random.seed(...) or a np.random.default_rng(seed) passed down), or assert on properties that hold for every draw", Basis::Inventory { held_across: None }));
    }
    out.truncate(2);
    out
}

/// Lines with a known one-line mistake ([`super::rewrites`]), in the code
/// the test reaches.
fn corrected(files: &BTreeSet<(String, String)>, src: &mut Sources, nf: u32) -> Vec<Cause> {
    let mut out = vec![];
    for (file, abs) in files {
        for (n, c) in super::rewrites::corrections(src, abs) {
            let func = src.enclosing_name(abs, n);
            let category = if c.is_async { Category::AsyncRace } else { Category::ThreadRace };
            out.push(from_source_only(file, n, func, category, format!("the code the test reaches ({nf} failing runs) makes a synchronisation object at {file}:{n} as the default of a lookup and never stores it: each caller that finds no entry gets a fresh one, so callers that should wait for each other never do (a candidate from the source)"), &format!("store it: `{}`, and use what it returns", c.text), Basis::Corrected));
        }
    }
    out.truncate(2);
    out
}

/// Candidate causes of `nodeid` from its failing runs' events, minus the
/// lines `known` already names.
pub fn inventory(al: &Alignment, runs: &[RunResult], nodeid: &str, known: &[Cause], src: &mut Sources) -> Vec<Cause> {
    let vs = views(al, runs, nodeid);
    let failing: Vec<_> = vs.iter().filter(|v| v.failed).collect();
    let nf = failing.len() as u32;
    if nf == 0 {
        return vec![];
    }
    let per_run: Vec<RunCands> = failing.iter().map(|v| run_cands(al, v, src)).collect();
    let all_callers: BTreeSet<u32> = per_run.iter().flat_map(|r| r.callers.iter().copied()).collect();
    let text_of = |id: u32, src: &mut Sources| {
        let s = al.sites.get(id);
        src.function_text(&s.abs, s.firstlineno)
    };
    let mut of_caller: HashMap<u32, Cand> = HashMap::new();
    for &c in &all_callers {
        let others: Vec<String> = all_callers.iter().filter(|&&o| al.sites.func_of[o as usize] != al.sites.func_of[c as usize]).map(|&o| text_of(o, src)).collect();
        of_caller.insert(c, caller_cand(al, c, &others, src));
    }
    let mut seen: HashMap<Cand, u32> = HashMap::new();
    for RunCands { here, callers, windows, opened } in &per_run {
        let mut cands: HashSet<Cand> = here
            .iter()
            .map(|&(c, site)| {
                let what = match c {
                    Category::TimeDependency => "reads the wall clock",
                    Category::Randomness => "draws random values",
                    _ => "sleeps or waits with a timeout",
                };
                let mut cand = Cand::at(al, c, site, what.into());
                // a reading only stored in a local is decided on where the local is used
                let s = al.sites.get(site);
                if let Some(u) = (c == Category::TimeDependency).then(|| src.use_of_bare_read(&s.abs, s.firstlineno, s.line)).flatten() {
                    cand.what = format!("reads the wall clock at line {}, and decides on it", s.line);
                    cand.line = u;
                }
                cand
            })
            .collect();
        cands.extend(callers.iter().map(|c| of_caller[c].clone()));
        cands.extend(windows.iter().cloned());
        cands.extend(opened.iter().map(|&site| Cand {
            fix: Some(DEADLINE_FIX),
            ..Cand::at(al, Category::Timing, site, "reads the clock to open a window (a deadline, an expiry)".into())
        }));
        for k in cands {
            *seen.entry(k).or_default() += 1;
        }
    }
    // the files of the code under test the failing runs ran, walked once
    let files = files_run(al, &failing);
    let waited = waited_on(al, &failing, src);
    for c in from_source(&files, src).into_iter().chain(held_yields(&files, src, &waited)) {
        *seen.entry(c).or_default() += nf;
    }
    // Coroutines that only let others run are not where a race is, when
    // one that holds state across its await is known.
    let holds_state = seen.keys().any(|c| c.cat == Category::AsyncRace);
    let mut list: Vec<(Cand, u32)> = seen.into_iter().filter(|(c, n)| n * 2 >= nf && !(holds_state && c.lets_others_run)).collect();
    // A reading cut to whole seconds, days... (int(), //, strftime) is where
    // a time dependency decides: such lines are tried first.
    let cuts: HashSet<(String, u32)> = list
        .iter()
        .filter(|(c, _)| c.cat == Category::TimeDependency)
        .filter(|(c, _)| al.sites.sites.iter().find(|s| s.file == c.file).is_some_and(|s| src.line_text(&s.abs, c.line).is_some_and(|t| super::cuts_reading(&t))))
        .map(|(c, _)| (c.file.clone(), c.line))
        .collect();
    let cut = |c: &Cand| cuts.contains(&(c.file.clone(), c.line));
    // a window opened by a clock read is tried before the other
    // candidates at its line (the wall clock read there, too)
    let opens = |c: &Cand| c.fix == Some(DEADLINE_FIX);
    list.sort_by(|(a, na), (b, nb)| {
        nb.cmp(na).then(opens(b).cmp(&opens(a))).then(cut(b).cmp(&cut(a))).then((a.cat as u8).cmp(&(b.cat as u8))).then(a.file.cmp(&b.file)).then(a.line.cmp(&b.line))
    });
    let mut per: HashMap<(Category, bool), usize> = HashMap::new();
    let reachable = files_reachable(al, nodeid, &files, src);
    let mut out: Vec<Cause> = salted_hashes(&reachable, src, nf)
        .into_iter()
        .chain(stale_writes(&files, src, nf))
        .chain(leaks(&files, src, nf))
        .chain(late_clears(&reachable, src, nf))
        .chain(corrected(&reachable, src, nf))
        .chain(late_callbacks(&files, src, nf))
        .chain(released_late(&files, src, nf))
        .chain(numpy_draws(al, nodeid, src, nf))
        .chain(shared_writes(al, &failing, &files, src, nf))
        // a line the runs already named keeps a candidate that can be tested by its fix
        .filter(|h| matches!(h.basis, Basis::Cleared { .. } | Basis::Corrected) || !known.iter().any(|k| k.file == h.file && k.line == h.line))
        .collect();
    for (c, n) in list {
        if known.iter().chain(&out).any(|k| k.file == c.file && k.line == c.line) {
            continue;
        }
        // windows opened by clock reads are counted apart from timed waits
        let k = per.entry((c.cat, opens(&c))).or_default();
        if *k >= PER_KIND {
            continue;
        }
        *k += 1;
        out.push(Cause {
            file: c.file.clone(),
            line: c.line,
            function: c.func.clone(),
            category: c.cat,
            confidence: 0.05,
            evidence: format!("the test {} at {}:{} ({}) in {n}/{nf} failing runs (a candidate from what the failing runs did, not a separating event)", c.what, c.file, c.line, c.func),
            fix: c.fix.unwrap_or(super::fix_for(c.cat)).to_string(),
            polluter: None,
            basis: Basis::Inventory { held_across: c.held_across },
            proven: false,
        });
    }
    out
}
