//! Each kind of feature turned into the cause it points to: the line to
//! change (moved by [`super::source`] to the stale write, the state read
//! across a suspension or the store an earlier test leaves behind, when the
//! event's line is only where it showed), the category, the measured
//! evidence and the fix.

use std::collections::{BTreeMap, HashSet};

use super::divergence::Runs;
use super::features::{is_noise_path, open_flags, FKey, Obs, View};
use super::source::Sources;
use crate::align::{AEvent, AKind, SiteTable};
use crate::report::{Basis, Category, Cause};
use crate::trace::syscalls::{self as sc, nr};

/// A feature that separates the runs, as its cause is built from it.
struct Seen<'r, 'a> {
    rs: &'r Runs<'a>,
    sites: &'a SiteTable,
    /// What was seen of it in the failing runs.
    fo: Vec<&'a Obs>,
    /// In how many failing and passing runs it showed, as evidence text.
    counts: &'r str,
}

/// The cause feature `k` points to, with the bonus its score gets when the
/// source confirms the line (a clock value cut to a period, a race on named
/// state); `None` when it names no line to change.
pub(super) fn cause_of(rs: &Runs, k: &FKey, counts: &str, src: &mut Sources) -> Option<(Cause, f64)> {
    let ev = Seen { rs, sites: rs.sites, fo: rs.obs_of(k, true), counts };
    Some(match k {
        FKey::ClockCross { site, period_ms } => clock(&ev, *site, *period_ms, src),
        FKey::ClockWithin { site } => clock_within(&ev, *site, src),
        FKey::SysErr { site, nr: n, errno } => (syscall_error(&ev, *site, *n, *errno), 0.0),
        FKey::WaitTimeout { site, nr: n } => (wait_timeout(&ev, *site, *n, src), 0.0),
        FKey::IoSize { site, nr: n, log2 } => (partial_read(&ev, *site, *n, *log2), 0.0),
        FKey::IoBytes { site, nr: n, bytes } => (read_in_pieces(&ev, *site, *n, *bytes), 0.0),
        FKey::Interleave { f: fs, g, thread } | FKey::Abandoned { f: fs, g, thread } => race(&ev, k, *fs, *g, *thread, src),
        FKey::Outlasted { s, x } => (outlasted_sleep(&ev, k, *s, *x), 0.0),
        FKey::Preceded { test } => (preceded(&ev, test, src)?, 0.0),
        FKey::Prior { test, site, nr: n, ok, bg } => (prior_io(&ev, test, *site, *n, *ok, *bg, src), 0.0),
        FKey::EnvLeak { test, site, name } => (env_leak(&ev, test, *site, name), 0.0),
        FKey::SharedPath { path, site } => (shared_path(&ev, path, *site), 0.0),
        FKey::TornRead { site } => (torn_read(&ev, *site, src), 0.0),
        FKey::EarlyConnect { site, listens } => (early_connect(&ev, *site, *listens, src), 0.0),
        FKey::MutualWait { site } => (mutual_wait(&ev, *site, src), 0.0),
        FKey::DoubleCreate { site } => (double_create(&ev, *site), 0.0),
    })
}

// -- the clock

/// How a clock cause says its first and last reads came through two calls.
pub(crate) const CALLS_SAID: &str = "the read before the boundary was made through the call at";

/// A wall-clock boundary crossed between a site's reads, or between the
/// test's reads around a site read once.
fn clock(ev: &Seen, site: u32, period_ms: u64, src: &mut Sources) -> (Cause, f64) {
    let (sites, fo, counts) = (ev.sites, &ev.fo, ev.counts);
    let mut bonus = 0.0;
    // the read whose value is cut to a period (int(), //, round...) is the decision's input
    let s = sites.get(site);
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
    // the boundary fell between two reads made by different calls of the
    // code under test (an issue and a later check): say which
    // (in every failing run that crossed, and with the value made two or
    // three times in the test: a stream of reads, a rate limiter's per
    // request, crosses between whichever calls come next)
    let two_calls = |o: &&Obs| o.vals[2] <= 3.0 && o.vals.get(4).zip(o.vals.get(5)).is_some_and(|(a, b)| *a >= 0.0 && *b >= 0.0 && a != b);
    let crossed: Vec<&Obs> = fo.iter().copied().filter(|o| o.n > 0 && o.vals.len() >= 6).collect();
    let calls = (!crossed.is_empty() && crossed.iter().all(two_calls)).then(|| (sites.get(crossed[0].vals[4] as u32), sites.get(crossed[0].vals[5] as u32)));
    let calls_txt = calls
        .filter(|(a, b)| a.file == b.file && !super::is_test_code(&b.file))
        .map(|(a, b)| format!("; {CALLS_SAID} {}:{} and the one after it through line {}", a.file, a.line, b.line))
        .unwrap_or_default();
    // a reading only stored in a local is decided on where the local is used
    let used = src.use_of_bare_read(&s.abs, s.firstlineno, s.line);
    let used_txt = used.map(|u| format!("; line {u} decides on the value read")).unwrap_or_default();
    let cause = mk_cause(
        sites,
        site,
        used,
        Category::TimeDependency,
        if fo.iter().any(|o| o.vals.get(3) == Some(&1.0)) {
            format!("the wall clock read at {} ({}) crossed a {per} boundary between its first and last read during the test {counts}{detail}{calls_txt}{used_txt}", s.loc(), s.func)
        } else {
            format!("the wall clock read once at {} ({}) and the test's other wall-clock reads fell on both sides of a {per} boundary {counts}{detail}{used_txt}", s.loc(), s.func)
        },
        None,
    );
    (cause, bonus)
}

/// The test's wall-clock reads all within one second where passing runs'
/// crossed one: two readings sharing a whole second decide.
fn clock_within(ev: &Seen, site: u32, src: &mut Sources) -> (Cause, f64) {
    let (sites, fo, counts) = (ev.sites, &ev.fo, ev.counts);
    let s = sites.get(site);
    let bonus = if src.line_text(&s.abs, s.line).is_some_and(|t| truncates(&t)) { 0.5 } else { 0.0 };
    let ex = fo.iter().find(|o| o.n > 0 && o.vals.len() >= 3);
    let detail = ex.map(|o| format!(" (e.g. reads from {} to {})", wall(o.vals[0]), wall(o.vals[1]))).unwrap_or_default();
    let cause = mk_cause(
        sites,
        site,
        None,
        Category::TimeDependency,
        format!("the wall clock read at {} ({}) and the test's other wall-clock reads all fell within one second {counts}{detail}: the outcome depends on two readings sharing a whole second (a value cut to seconds compared with a finer one)", s.loc(), s.func),
        None,
    );
    (cause, bonus)
}

// -- syscall errors and reads

/// A file, socket or wait syscall that failed: out of a resource, or an
/// outside failure.
fn syscall_error(ev: &Seen, site: u32, n: u32, errno: i64) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let cat = if is_resource_errno(errno) { Category::Resource } else { Category::IoExternal };
    let s = sites.get(site);
    mk_cause(sites, site, None, cat, format!("{}() at {} failed with {} {counts}", sc::name(n), s.loc(), sc::errno_display(errno)), None)
}

/// A read that returned a size class of a partial message.
fn partial_read(ev: &Seen, site: u32, n: u32, log2: u32) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let lo = if log2 == 0 { 0 } else { 1u64 << (log2 - 1) };
    let hi = (1u64 << log2).saturating_sub(1);
    let s = sites.get(site);
    mk_cause(
        sites,
        site,
        None,
        Category::IoExternal,
        format!("{}() at {} returned {lo}-{hi} bytes (a partial message) {counts}; the code assumes one call returns the whole reply", sc::name(n), s.loc()),
        None,
    )
}

/// A read that returned exactly `bytes`: the reply arrived in pieces.
fn read_in_pieces(ev: &Seen, site: u32, n: u32, bytes: u32) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    mk_cause(
        sites,
        site,
        None,
        Category::IoExternal,
        format!("{}() at {} returned exactly {bytes} bytes {counts}: the reply arrived in pieces and the code assumes one call returns it whole", sc::name(n), s.loc()),
        None,
    )
}

/// Two threads using a fixed directory in interleaved order.
fn shared_path(ev: &Seen, path: &str, site: u32) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    mk_cause(
        sites,
        site,
        None,
        Category::IoExternal,
        format!("two threads used the fixed directory {path} in interleaved order, one deleting or truncating at {} ({}) between the other's operations, {counts}", s.loc(), s.func),
        None,
    )
}

/// A file rewritten in place while another actor opened it to read.
fn torn_read(ev: &Seen, site: u32, src: &mut Sources) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    let mut c = mk_cause(
        sites,
        site,
        None,
        Category::IoExternal,
        format!(
            "{} ({}) rewrites a file in place (opened with O_TRUNC), and another thread or process opened it to read before it was closed {counts}: a reader in that window sees an empty or partial file",
            s.loc(),
            s.func
        ),
        None,
    );
    c.fix = REWRITE_FIX.to_string();
    if let Some(at) = src.next_code_line(&s.abs, s.firstlineno, s.line) {
        c.basis = Basis::Window { at };
    }
    c
}

const REWRITE_FIX: &str = "write the new content to a temporary file in the same directory and os.replace() it into place, so readers see the old file or the whole new one (or have readers retry on an empty/partial file)";

/// A connect refused while the socket it was meant for was bound, and
/// maybe announced, but not yet listening.
fn early_connect(ev: &Seen, site: u32, listens: bool, src: &mut Sources) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    let what = if listens {
        format!("another process connected to the socket that listens at {} ({}) after it was bound but before that listen(), and was refused: it listens too late {counts}", s.loc(), s.func)
    } else {
        format!("{} ({}) announces a socket (writes or creates a file) after bind() but before listen(), and another process connected in that window and was refused {counts}", s.loc(), s.func)
    };
    let mut c = mk_cause(sites, site, None, Category::IoExternal, what, None);
    c.fix = "call listen() before announcing the address (port file, printed port, readiness flag), or have the client retry refused connects until a deadline".to_string();
    // the window: from the announcement to the listen; widened by a pause right after the announcement
    let at = if listens { Some(s.line) } else { src.next_code_line(&s.abs, s.firstlineno, s.line) };
    if let Some(at) = at {
        c.basis = Basis::Window { at };
    }
    c
}

/// A file two threads or processes each created, neither refused.
fn double_create(ev: &Seen, site: u32) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    let mut c = mk_cause(
        sites,
        site,
        None,
        Category::IoExternal,
        format!(
            "two threads or processes each created the same file at {} ({}) without O_EXCL, so both went ahead where the second should have found it taken {counts}",
            s.loc(),
            s.func
        ),
        None,
    );
    c.fix = "create the file atomically and let the file system refuse an existing one (open(path, \"x\") / os.open with O_CREAT | O_EXCL), or hold a lock across the check and the create".to_string();
    c.basis = Basis::Window { at: s.line };
    c
}

/// Two threads each waiting, while holding a lock, for the other's.
fn mutual_wait(ev: &Seen, site: u32, src: &mut Sources) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    let mut held = src.holding_with(&s.abs, s.firstlineno, s.line).map(|(n, t)| format!(" while holding what `{t}` (line {n}) took")).unwrap_or_default();
    let mut order = String::new();
    if held.is_empty() {
        if let Some((n, t)) = super::deadlocks::loop_over_param(src, &s.abs, s.firstlineno, s.line) {
            held = format!(" while holding what earlier passes of `{t}` (line {n}) took");
            // the caller that handed the locks over, in its order
            let caller = ev.fo.iter().find_map(|o| o.frames.iter().position(|&f| f == site).and_then(|p| o.frames.get(p + 1).copied()));
            if let Some(c) = caller {
                let cs = sites.get(c);
                order = format!(". {} {} ({})", super::deadlocks::PASSED_AT, cs.loc(), cs.func);
            }
        }
    }
    let mut c = mk_cause(
        sites,
        site,
        None,
        Category::Resource,
        format!(
            "two threads waited at {} ({}){held} for different locks at the same time and both gave up {counts}: each held the lock the other needed (a lock-order deadlock){order}",
            s.loc(),
            s.func
        ),
        None,
    );
    c.fix = "take the locks in one global order (e.g. sorted by a stable key such as the id) wherever more than one is held, or take them together under one outer lock".to_string();
    c.basis = Basis::Window { at: s.line };
    c
}

// -- waits

/// A wait that timed out: the timeout too short for the work (timing), or
/// what it waits for held up (resource, or outside for non-futex waits).
fn wait_timeout(ev: &Seen, site: u32, n: u32, src: &mut Sources) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    let futex = n == nr::FUTEX || n == nr::FUTEX_WAITV;
    // A wait for capacity (a free slot of a bounded queue, a lock or
    // semaphore) is a wait for a resource, however long the work takes.
    if futex && src.line_text(&s.abs, s.line).is_some_and(|t| waits_for_capacity(&t)) {
        let why = ": what it waits for (a free slot of a bounded queue, a lock or a semaphore) stayed taken longer than its timeout";
        return mk_cause(sites, site, None, Category::Resource, format!("the {}() wait at {} ({}) timed out {counts}{why}", sc::name(n), s.loc(), s.func), None);
    }
    // A condition waited on without a check of the state first: a notify
    // sent before the wait is lost, and the wait runs out.
    if futex {
        if let Some(w) = super::wakeups::unguarded_condition_wait(src, &s.abs, s.firstlineno, s.line) {
            let mut c = mk_cause(
                sites,
                site,
                None,
                Category::ThreadRace,
                format!(
                    "the condition wait at {} ({}) timed out {counts}: it waits (holding the `with` at line {w}) without first checking whether what it waits for has already happened, so a notify sent before the wait began is lost",
                    s.loc(),
                    s.func
                ),
                None,
            );
            c.fix = "wait on the state, not on the notification: `while not ready: cond.wait(timeout)` or `cond.wait_for(predicate, timeout)`, so a notify that came first is not lost".to_string();
            c.basis = Basis::Window { at: s.line };
            return c;
        }
    }
    // How much of its timeout the same wait used when the test
    // passed: close to all of it, the work simply takes about as
    // long as the timeout allows (timing); a small part, the work
    // is quick unless something else holds it up (resource).
    let used = wait_share_in_passing_runs(ev.rs.views, site, n);
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
    mk_cause(sites, site, None, cat, format!("the {}() wait at {} ({}) timed out {counts}{why}", sc::name(n), s.loc(), s.func), None)
}

/// A fixed sleep that ended while another thread was still waiting, with
/// how long that wait went on in failing and in passing runs.
fn outlasted_sleep(ev: &Seen, k: &FKey, s: u32, x: u32) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let ss = sites.get(s);
    let xs = sites.get(x);
    let hist = |failed: bool| {
        let mut h = hdrhistogram::Histogram::<u64>::new(3).ok()?;
        let mut req = 0f64;
        for o in ev.rs.obs_of(k, failed) {
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
        s,
        None,
        Category::Timing,
        format!("the fixed sleep at {} ({}) ended while another thread was still waiting at {} ({}) {counts}{detail}", ss.loc(), ss.func, xs.loc(), xs.func),
        None,
    )
}

// -- races

/// Another thread or asyncio task running while one was suspended in a
/// project frame: the line is moved to the state read and written across
/// the suspension when the source shows one.
fn race(ev: &Seen, k: &FKey, fs: u32, g: u32, thread: bool, src: &mut Sources) -> (Cause, f64) {
    let (sites, fo, counts) = (ev.sites, &ev.fo, ev.counts);
    let mut bonus = 0.0;
    let fsite = sites.get(fs).clone();
    let gsite = fo.iter().find_map(|o| o.site).map(|x| sites.get(x).clone());
    let others: Vec<String> = gsite.iter().map(|gs| src.function_text(&gs.abs, gs.firstlineno)).collect();
    let race = src.race_line(&fsite.abs, fsite.firstlineno, fsite.line, &others, !thread, !thread);
    let line = race.as_ref().map(|r| r.line);
    if let Some(r) = &race {
        bonus += r.quality as f64 * 0.2;
    }
    let who = if thread { "thread" } else { "asyncio task" };
    let gtxt = gsite.as_ref().map(|g| format!("{} ({})", g.func, g.loc())).unwrap_or_else(|| format!("function #{g}"));
    let what = race
        .as_ref()
        .map(|r| format!("; {} {} `{}` across that point (line {})", fsite.func, r.what, r.name, r.line))
        .unwrap_or_default();
    let cat = if thread { Category::ThreadRace } else { Category::AsyncRace };
    let cause = mk_cause(
        sites,
        fs,
        line,
        cat,
        format!(
            "another {who} ran {gtxt} while one was suspended in {} at {}{} {counts}{what}",
            fsite.func,
            fsite.loc(),
            if matches!(k, FKey::Abandoned { .. }) { ", and the suspended one never continued there" } else { "" }
        ),
        None,
    );
    (cause, bonus)
}

// -- order: state an earlier test leaves behind

/// An earlier test in the same process, at the line of it that leaves
/// state behind; `None` when no such line is found.
fn preceded(ev: &Seen, test: &str, src: &mut Sources) -> Option<Cause> {
    let (sites, counts) = (ev.sites, ev.counts);
    let (site, line, what) = leak_site(ev.rs.views, ev.rs.nodeid, test, src, sites)?;
    let s = sites.get(site);
    Some(mk_cause(
        sites,
        site,
        Some(line),
        Category::OrderDependency,
        format!("{test} ran earlier in the same process {counts}; it leaves state behind: {what} at {}:{line}", s.file),
        Some(test.to_string()),
    ))
}

/// I/O done during an earlier test in the same process, at the line that
/// stores its result into process-wide state when the source shows one.
fn prior_io(ev: &Seen, test: &str, site: u32, n: u32, ok: bool, bg: bool, src: &mut Sources) -> Cause {
    let (sites, fo, counts) = (ev.sites, &ev.fo, ev.counts);
    let s = sites.get(site).clone();
    let frames = fo.iter().find(|o| !o.frames.is_empty()).map(|o| o.frames.clone()).unwrap_or_default();
    let sink = frames.iter().find_map(|&fr| {
        let fs = sites.get(fr);
        src.state_sink(&fs.abs, fs.firstlineno, fs.line).map(|l| (fr, l))
    });
    let (at, line) = match sink {
        Some((fr, l)) => (fr, Some(l)),
        None => (site, None),
    };
    let who = if bg { "a background thread" } else { "the test's thread" };
    let res = if ok { "succeeded" } else { "failed" };
    let sink_txt = line.map(|l| format!("; the result is stored into process-wide state at {}:{l}", sites.get(at).file)).unwrap_or_default();
    mk_cause(
        sites,
        at,
        line,
        Category::OrderDependency,
        format!("while the earlier test {test} ran in the same process, {who}'s {}() at {} {res} {counts}{sink_txt}, and that state is still in force when this test runs", sc::name(n), s.loc()),
        Some(test.to_string()),
    )
}

/// An environment variable an earlier test set and nothing restored.
fn env_leak(ev: &Seen, test: &str, site: u32, name: &str) -> Cause {
    let (sites, counts) = (ev.sites, ev.counts);
    let s = sites.get(site);
    mk_cause(
        sites,
        site,
        None,
        Category::OrderDependency,
        format!("the earlier test {test} set the environment variable {name} at {} ({}) and nothing restored it before this test ran in the same process, {counts}", s.loc(), s.func),
        Some(test.to_string()),
    )
}

// -- shared by the kinds

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

pub(super) fn fix_for(cat: Category) -> &'static str {
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
/// Whether a source line cuts the clock reading it makes to whole units:
/// the reading (`time.time()`, `self._clock()`, `datetime.now()`...) inside
/// `int(`/`round(`/`floor(`/`trunc(`, or followed by `//`, `.date()`,
/// `strftime(`, `.replace(`. (`int(params["exp"])` beside a reading is not.)
pub(crate) fn cuts_reading(line: &str) -> bool {
    let l = line.split('#').next().unwrap_or("");
    let reads = ["time()", "time_ns()", "clock()", "now(", "utcnow(", "today(", "monotonic()"];
    let Some(k) = reads.iter().filter_map(|r| l.find(r)).min() else { return false };
    let wrapped = ["int(", "round(", "floor(", "trunc("].iter().any(|w| {
        l.match_indices(w).any(|(j, _)| {
            j < k && {
                let mut depth = 1i32;
                l[j + w.len()..k].chars().all(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth > 0
                })
            }
        })
    });
    wrapped || ["//", ".date()", "strftime(", ".replace("].iter().any(|p| l[k..].contains(p))
}

/// Whether a source line cuts a reading to whole units (`int()`, `//`, `strftime`...).
pub(crate) fn truncates(line: &str) -> bool {
    let l = line.split('#').next().unwrap_or("");
    // (a datetime's `.microsecond` or `.second` field, or a timedelta's
    // `.seconds`, keeps only part of the reading)
    ["int(", "//", "round(", "floor(", "ceil(", "trunc(", "divmod(", ".date()", "strftime(", "replace(microsecond", "replace(second", "timespec=", ".microsecond", ".second"].iter().any(|p| l.contains(p))
}

/// Whether a line's timed wait is for capacity: `q.put(x, timeout=...)`,
/// `lock.acquire(timeout=...)`, `sem.acquire(True, 0.5)`.
pub(crate) fn waits_for_capacity(line: &str) -> bool {
    let l = line.split('#').next().unwrap_or("");
    (l.contains(".put(") || l.contains(".acquire(")) && (l.contains("timeout") || l.matches(',').count() >= 1)
}

fn is_resource_errno(e: i64) -> bool {
    [libc::EMFILE, libc::ENFILE, libc::EADDRINUSE, libc::ENOMEM, libc::ENOSPC, libc::EAGAIN, libc::ENOBUFS, libc::EADDRNOTAVAIL]
        .iter()
        .any(|&x| x as i64 == e)
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
            if e.ts <= p_end && e.window.is_some_and(|w| pw.contains(&(w as usize))) {
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
                    removed.insert(&**p);
                } else if e.window.is_some_and(|w| pw.contains(&(w as usize))) && open_flags(*n, args).is_some_and(|f| f & libc::O_CREAT as u64 != 0) && !is_noise_path(p) {
                    if let Some(s) = e.site() {
                        created.push((&**p, s));
                    }
                }
            }
        }
        if let Some((p, s)) = created.iter().find(|(p, _)| !removed.contains(p)) {
            return Some((*s, sites.get(*s).line, format!("it creates {p} and does not remove it")));
        }
        // a store into shared state on the polluter's path
        for e in v.ar.events.iter().filter(|e| e.window.is_some_and(|w| pw.contains(&(w as usize)))) {
            for &fr in e.frames.iter() {
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
    fn waits_for_a_free_slot_or_a_lock_are_resource_waits() {
        assert!(waits_for_capacity("self._queue.put(record, timeout=ENQUEUE_TIMEOUT)"));
        assert!(waits_for_capacity("if not self._slots.acquire(True, 0.5):"));
        assert!(!waits_for_capacity("item = q.get(timeout=0.1)"));
        assert!(!waits_for_capacity("self._done.wait(0.2)"));
        assert!(truncates("return int(time.time() // 10)") && !truncates("return time.time()"));
    }
}
