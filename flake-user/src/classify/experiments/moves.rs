//! Where a proven cause is fixed, once the experiments have ranked the
//! causes: a clock read cut to whole units before reads that only show a
//! boundary crossed; a reading handed to a function that cuts it, at the
//! cut; a wait proven to decide the outcome, at the line that writes its
//! length (any project file); and that line before a proof at its caller
//! that stretched the same wait, or a proof that some work outlasts it.

use std::path::Path;

use crate::report::{Basis, Category, Cause};

use super::{drivers, line};

/// A clock read whose value is cut to whole seconds, days... (`int()`,
/// `//`, `strftime`): where a time dependency decides.
pub(super) fn truncating(c: &Cause, rootdir: Option<&Path>) -> bool {
    c.category == Category::TimeDependency && drivers::text(c, rootdir).is_some_and(|t| crate::classify::cuts_reading(&t))
}

/// Among the time dependencies an experiment proved, a read cut to whole
/// units comes before reads that only show the boundary crossed (they
/// swap places and confidences).
pub(super) fn cut_clock_first(causes: &mut [Cause], rootdir: Option<&Path>) {
    let proven_clock = |c: &Cause| c.proven && c.category == Category::TimeDependency;
    let Some(first) = causes.iter().position(proven_clock) else { return };
    if truncating(&causes[first], rootdir) {
        return;
    }
    if let Some(cut) = causes.iter().position(|c| proven_clock(c) && truncating(c, rootdir)) {
        let (a, b) = (causes[first].confidence, causes[cut].confidence);
        causes.swap(first, cut);
        causes[first].confidence = a.max(b);
        causes[cut].confidence = a.min(b);
    }
}

/// A proven time dependency whose reading is handed, on its line, to a
/// function that cuts it to whole units (`to_db(utcnow() + delta)` with
/// `isoformat(timespec="seconds")` inside, `timeutil.millis_between(t0,
/// stamp())` subtracting `.microsecond` fields): the cut is the decision,
/// and the cause moves there. The function is looked for in the same file,
/// then, for a call through a module (`timeutil.f(`), in that module's file
/// of the project.
pub(super) fn to_cut_in_callee(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    let files = rootdir.map(|r| src.project_files(r)).unwrap_or_default();
    for c in causes.iter_mut().filter(|c| c.proven && c.category == Category::TimeDependency) {
        let Some(text) = drivers::text(c, rootdir) else { continue };
        if crate::classify::causes::truncates(&text) {
            continue;
        }
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let cut = called(&text).into_iter().find_map(|(module, name)| {
            let file = match module {
                None => abs.clone(),
                Some(m) => files.iter().find(|f| f.ends_with(&format!("/{m}.py")) || f.ends_with(&format!("/{m}/__init__.py")))?.clone(),
            };
            let (a, b) = src.named_function_extent(&file, &name)?;
            let lines = src.lines(&file)?.clone();
            let n = (a + 1..=b).find(|&n| crate::classify::causes::truncates(crate::classify::source::code(&lines[n as usize - 1])))?;
            Some((file, n))
        });
        let Some((file, n)) = cut else { continue };
        let place = relocate(c, &mut src, rootdir, &abs, &file, n);
        c.evidence.push_str(&format!(". The reading is cut to whole units at {place}, in the function this line hands it to"));
    }
}

/// A proven time dependency at a read cut to whole units inside a helper
/// (`def export_name(kind): ... now().strftime(...)`, or a method
/// `def counter(self): return int(self.clock.now() // self.step)` called
/// through `self.` in its own file) that one file of the code under test
/// calls at several lines: each call reads the clock
/// again, so two calls made on either side of a boundary disagree (a file
/// saved under one name, a link built to another). The fix is to make the
/// value once and pass it on: the cause moves to the last of those calls,
/// the one that recomputes what the first made. Only when the runs showed
/// the boundary fall between reads made through two different calls (reads
/// that cross through one call, again and again, are a window, not a
/// recomputation).
pub(super) fn to_recomputing_call(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    let Some(c) = causes.iter_mut().find(|c| c.proven && c.category == Category::TimeDependency) else { return };
    // only when the boundary fell between reads made by two calls
    if !c.evidence.contains(crate::classify::causes::CALLS_SAID) {
        return;
    }
    let Some(text) = drivers::text(c, rootdir) else { return };
    let Some(abs) = drivers::abs_path(c, rootdir) else { return };
    let helper = src.enclosing_name(&abs, c.line);
    if !crate::classify::cuts_reading(&text) || helper == "<module>" || helper.is_empty() || helper.matches('.').count() > 1 {
        return;
    }
    // a module-level function is called by name from any file; a method
    // (`Class.counter`) through `self.` within its own file
    let (name, method) = match helper.split_once('.') {
        Some((_, m)) => (m.to_string(), true),
        None => (helper.clone(), false),
    };
    let call = format!("{name}(");
    let calls_in = |lines: &[String]| -> Vec<u32> {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let t = crate::classify::source::code(l);
                let def = t.trim_start().starts_with("def ") || t.trim_start().starts_with("async def ");
                !def && t.match_indices(&call).any(|(i, _)| {
                    let head = &t[..i];
                    if method {
                        head.strip_suffix("self.").is_some_and(|h| !h.ends_with(|ch: char| ch.is_alphanumeric() || ch == '_' || ch == '.'))
                    } else {
                        !head.ends_with(|ch: char| ch.is_alphanumeric() || ch == '_' || ch == '.')
                    }
                })
            })
            .map(|(i, _)| i as u32 + 1)
            .collect()
    };
    let rel = |f: &str| rootdir.and_then(|r| Path::new(f).strip_prefix(r).ok()).map(|p| p.to_string_lossy().into_owned()).unwrap_or(f.to_string());
    // (the project's files are walked only for a module-level helper)
    let candidates: Vec<String> = if method { vec![abs.clone()] } else { rootdir.map(|r| src.project_files(r)).unwrap_or_default() };
    let found = candidates
        .iter()
        .filter(|f| !crate::classify::is_test_code(&rel(f)))
        .filter_map(|f| Some((f.clone(), calls_in(&src.lines(f)?.clone()))))
        .filter(|(_, at)| at.len() >= 2)
        .max_by_key(|(_, at)| at.len());
    let Some((file, at)) = found else { return };
    let last = *at.last().expect("two calls");
    let list = at.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
    let place = relocate(c, &mut src, rootdir, &abs, &file, last);
    c.evidence.push_str(&format!(". `{helper}` makes its value from that read, and {} calls it at lines {list}: each call reads the clock again, so calls on either side of a boundary disagree; the last, at {place}, recomputes what the first made", rel(&file)));
    c.fix = format!("make the value once (call `{helper}` once) and pass it to the code that needs it again, instead of calling it anew");
}

/// Moves cause `c` (its file at `abs`) to line `n` of `file` (a path on
/// this machine): its file (relative to `rootdir`), line and function.
/// Returns how evidence names the place: `line n` in the same file, else
/// `file:n`.
fn relocate(c: &mut Cause, src: &mut crate::classify::source::Sources, rootdir: Option<&Path>, abs: &str, file: &str, n: u32) -> String {
    let place = if file == abs {
        format!("line {n}")
    } else {
        let rel = rootdir.and_then(|r| Path::new(file).strip_prefix(r).ok()).map(|p| p.to_string_lossy().into_owned()).unwrap_or(file.to_string());
        c.file = rel.clone();
        format!("{rel}:{n}")
    };
    c.line = n;
    let name = src.enclosing_name(file, n);
    if !name.is_empty() {
        c.function = name;
    }
    place
}

/// The functions a line calls by name: (module it is called through, if
/// any, name); methods of objects (`self.f(`, `x.y.f(`) are left out.
fn called(text: &str) -> Vec<(Option<String>, String)> {
    let ident = |s: &str| -> String { s.chars().rev().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect::<Vec<_>>().into_iter().rev().collect() };
    text.match_indices('(')
        .filter_map(|(i, _)| {
            let name = ident(&text[..i]);
            if name.is_empty() {
                return None;
            }
            let head = &text[..i - name.len()];
            let Some(head) = head.strip_suffix('.') else { return Some((None, name)) };
            let module = ident(head);
            let qualified = !module.is_empty() && module != "self" && !head[..head.len() - module.len()].ends_with('.');
            qualified.then_some((Some(module), name))
        })
        .collect()
}

/// How evidence says a waiter submitted what it waits for to its own pool.
pub(super) const OWN_POOL_SAID: &str = "submits the work it waits for to the same pool";

/// How evidence says where a proven wait's length is set.
pub(super) const SET_AT: &str = "The length of that wait is set at";

/// Moves in front of the first proven cause (`top`, when `applies(top)`)
/// the first cause after it for which `better(top, c)` holds; with `raise`,
/// that cause is reported as sure as the proof it overtakes.
fn overtake(causes: &mut [Cause], applies: impl Fn(&Cause) -> bool, better: impl Fn(&Cause, &Cause) -> bool, raise: bool) {
    let Some(first) = causes.iter().position(|c| c.proven) else { return };
    if !applies(&causes[first]) {
        return;
    }
    let top = causes[first].clone();
    if let Some(j) = causes.iter().skip(first + 1).position(|c| better(&top, c)).map(|j| j + first + 1) {
        if raise {
            causes[j].confidence = causes[j].confidence.max(top.confidence);
        }
        causes[first..=j].rotate_right(1);
    }
}

/// Proven as specifically as `top` (its confidence at least as high).
fn as_sure(top: &Cause, c: &Cause) -> bool {
    c.proven && c.confidence >= top.confidence - 1e-9
}

fn race(c: &Cause) -> bool {
    c.proven && matches!(c.category, Category::ThreadRace | Category::AsyncRace)
}

/// Waits stretched in one function stretch those of the functions it
/// calls: when the first proven cause is such a deadline and another,
/// proven as specifically, was traced to the number that sets that wait's
/// length, the number is what to change, and it goes first.
pub(super) fn set_length_first(causes: &mut [Cause]) {
    overtake(causes, |top| top.evidence.contains(line::DEADLINE_SAID) && !top.evidence.contains(SET_AT), |top, c| as_sure(top, c) && c.evidence.contains(SET_AT), false);
}

/// A proof that work is on the critical path (its waits longer, more
/// failures) says only that the run is sensitive to how long that work
/// takes; a timed wait proven to be a deadline (longer, fewer failures)
/// whose length the code sets is what that work outlasts, and the number
/// to change; so is a wait proven a deadline in a function waiting on its
/// own pool (the starvation that work causes). When both are proven for a
/// test, the deadline goes first, as sure as the proof it overtakes.
pub(super) fn deadline_before_work(causes: &mut [Cause]) {
    let set = |c: &Cause| c.proven && ((c.category == Category::Timing && c.evidence.contains(line::DEADLINE_SAID) && c.evidence.contains(SET_AT)) || c.evidence.contains(OWN_POOL_SAID));
    // (a resource's holder held longer is the mechanism itself, not work)
    overtake(causes, |top| top.evidence.contains(line::WORK_SAID) && !top.evidence.contains(line::DEADLINE_SAID) && top.category != Category::Resource, |_, c| set(c), true);
}

/// A race is where shared state is touched: when the first proven cause is
/// a race at a line that touches none (`return (-e.score, e.name)` in a key
/// function the sort calls) and another race proven as specifically
/// touches an object's state (`self._entries.sort(key=rank_key)`), that
/// one goes first.
pub(super) fn shared_state_first(causes: &mut [Cause], rootdir: Option<&Path>) {
    let touches = |c: &Cause| drivers::text(c, rootdir).is_some_and(|t| {
        let code = crate::classify::source::code(&t);
        code.contains("self.") || code.contains("cls.")
    });
    overtake(causes, |top| race(top) && !touches(top), |top, c| race(c) && as_sure(top, c) && touches(c), false);
}

/// A lost update is where a race does its harm: when the first proven
/// cause is a race whose line only overwrites, re-reads or iterates shared
/// state across the point where others ran, and another race proven as
/// specifically writes back what its function read before that point
/// (`if self._pool is None:` ... `self._pool = await make()`), that one goes
/// first.
pub(super) fn write_back_first(causes: &mut [Cause]) {
    let writes_back = |c: &Cause| c.evidence.contains(" writes back `");
    overtake(causes, |top| race(top) && !writes_back(top), |top, c| race(c) && as_sure(top, c) && writes_back(c), false);
}

/// A race proven at a call (a pause before it, or its waits stretched,
/// change how often the test fails) shows that the outcome depends on when
/// that call ends; the window around it — state its function reads before
/// the call and writes back or acts on after it — is where the race is, and
/// the line to change. When the window was proven too (by stretching the
/// waits under that call), it goes first, as sure as the proof it overtakes.
pub(super) fn window_over_its_call(causes: &mut [Cause]) {
    let spans = |top: &Cause, c: &Cause| race(c) && c.file == top.file && c.line != top.line && matches!(c.basis, Basis::Inventory { held_across: Some(at) } if at == top.line);
    overtake(causes, race, spans, true);
}

/// Draws from a shared generator are fixed where the test seeds it: when
/// the first proven cause is a draw in the code under test and a draw in
/// the test's own code was proven too (fixing it fixes the outcome), the
/// test's line goes first, as sure as the proof it overtakes: a library
/// that draws from the generator the test leaves unseeded follows the
/// test's seed.
pub(super) fn test_seed_first(causes: &mut [Cause]) {
    let draw = |c: &Cause| c.proven && c.category == Category::Randomness;
    let in_tests = |c: &Cause| crate::classify::is_test_code(&c.file);
    overtake(causes, |top| draw(top) && !in_tests(top), |_, c| draw(c) && in_tests(c), true);
}

/// A timed wait for futures proven to decide the outcome, in a function
/// that runs on the pool it submitted them to ([`crate::classify::executors`]):
/// the wait is where the starvation shows, the inner submission is what to
/// change. The cause moves there, as a held resource.
pub(super) fn to_own_pool_submission(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    // the project's files, walked once and only when a proven wait on futures is there
    let mut files: Option<Vec<String>> = None;
    for c in causes.iter_mut().filter(|c| c.proven && matches!(c.category, Category::Timing | Category::Resource)) {
        if !drivers::text(c, rootdir).is_some_and(|t| t.contains(".result(")) {
            continue;
        }
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let files = files.get_or_insert_with(|| rootdir.map(|r| src.project_files(r)).unwrap_or_default()).clone();
        let Some(w) = crate::classify::executors::waits_on_own_pool(&mut src, &abs, c.line, &files) else { continue };
        let outer = rootdir.and_then(|r| Path::new(&w.outer.0).strip_prefix(r).ok()).map(|p| p.to_string_lossy().into_owned()).unwrap_or(w.outer.0.clone());
        let function = c.function.clone();
        let place = relocate(c, &mut src, rootdir, &abs, &abs, w.submits);
        c.category = Category::Resource;
        c.evidence.push_str(&format!(". {function} itself runs on `{}` ({outer}:{} submits it there) and {OWN_POOL_SAID} at {place}: it holds one of the pool's workers while it waits, so that work queues behind whatever else the pool runs", w.pool, w.outer.1));
        c.fix = "run the inner work on a pool of its own (or inline); never wait, from one of a pool's workers, for work queued on the same pool".to_string();
    }
}

/// A draw proven to decide the outcome from a generator object the code
/// makes unseeded, or seeded from a per-process value (`self._rng =
/// random.Random()`, `random.Random(hash(key))`): every run gets other
/// values because of how it is made, and that line is what to fix (see
/// [`crate::classify::unseeded::generator_made_at`]).
///
/// When a caller may pass a generator instead (`rng or random.Random()`),
/// the draw stays listed right after: the randomness may be the point
/// (sampling), and the decision made on what it draws the bug.
pub(super) fn to_generator_made(causes: &mut Vec<Cause>, rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    let mut kept: Vec<(usize, Cause)> = vec![];
    for (i, c) in causes.iter_mut().enumerate().filter(|(_, c)| c.proven && c.category == Category::Randomness) {
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let Some((n, t, injected)) = crate::classify::unseeded::generator_made_at(&mut src, &abs, c.line) else { continue };
        if injected {
            let mut draw = c.clone();
            draw.confidence *= 0.9;
            kept.push((i + 1, draw));
        }
        let line = c.line;
        relocate(c, &mut src, rootdir, &abs, &abs, n);
        let why = if t.contains("hash(") { "seeded from `hash()`, which is salted per process (PYTHONHASHSEED)" } else { "made without a fixed seed" };
        c.evidence.push_str(&format!(". The generator line {line} draws from is made here, {why}: every run draws other values"));
        c.fix = "give the generator a fixed seed (or take a seeded generator as a parameter, and have the test pass one); never seed from hash() of a string".to_string();
    }
    for (at, draw) in kept.into_iter().rev() {
        causes.insert(at, draw);
    }
}

/// A race proven at a line that starts a task (`loop.create_task(self._dispatch())`,
/// `asyncio.ensure_future(self.flush())`) is in what that task does: when
/// the coroutine it starts (a method or function of the same file) reads
/// shared state before an await and writes it back after
/// ([`crate::classify::source::Sources::race_line`]), the cause moves to
/// that write.
pub(super) fn to_started_coroutine(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    for c in causes.iter_mut().filter(|c| c.proven && c.category == Category::AsyncRace) {
        let Some(text) = drivers::text(c, rootdir) else { continue };
        let Some(name) = started_coroutine(&text) else { continue };
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let Some((a, b)) = src.named_function_extent(&abs, &name) else { continue };
        let Some(lines) = src.lines(&abs).cloned() else { continue };
        if !lines[a as usize - 1].trim_start().starts_with("async def ") {
            continue;
        }
        let Some(at) = (a + 1..=b).find(|&n| crate::classify::source::code(&lines[n as usize - 1]).contains("await ")) else { continue };
        // only a write of what it read before the await loses others'
        // updates (an overwrite of a counter, `self.rounds += 1`, with no
        // await inside it, is whole in asyncio)
        let Some(r) = src.race_line(&abs, a as i32, at, &[], false, true).filter(|r| r.what == "writes back") else { continue };
        let line = c.line;
        relocate(c, &mut src, rootdir, &abs, &abs, r.line);
        c.evidence.push_str(&format!(". The task started at line {line} runs {name}(), which {} `{}` at this line after its await at line {at}: what other code put there while it was suspended is lost", r.what, r.name));
        c.fix = format!("in {name}(), take what it works on out of shared state before the await (e.g. `pending, self.{0} = self.{0}, []`) and write back only what it owns, or hold an asyncio.Lock across the read, the await and the write", r.name.trim_start_matches("self."));
    }
}

/// The coroutine function a line starts as a task: `create_task(self._dispatch())` → `_dispatch`.
fn started_coroutine(text: &str) -> Option<String> {
    let at = ["create_task(", "ensure_future("].iter().find_map(|p| text.find(p).map(|i| i + p.len()))?;
    let arg = text[at..].trim_start();
    let arg = arg.strip_prefix("self.").unwrap_or(arg);
    let name: String = arg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && arg[name.len()..].starts_with('(')).then_some(name)
}

/// Calls that make an object unusable.
const RETIRES: &[&str] = &["close", "shutdown", "stop", "clear", "disconnect", "terminate", "release", "cancel"];

/// A race proven at the line that puts a replacement in shared state
/// (`self._fh = self._open_next()`) after the function retired the object
/// still published there (`finished = self._fh`, `finished.close()`, then
/// slow work): the window opens where the old one is made unusable while
/// other threads still reach it. The cause moves to that line.
pub(super) fn to_retired_before_replaced(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    for c in causes.iter_mut().filter(|c| c.proven && matches!(c.category, Category::ThreadRace | Category::AsyncRace)) {
        let Some(name) = c.evidence.split(" writes back `").nth(1).and_then(|r| r.split('`').next()).map(str::to_string) else { continue };
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let Some(lines) = src.lines(&abs).cloned() else { continue };
        let Some(def) = crate::classify::spawns::def_of(&lines, c.line) else { continue };
        let Some(n) = retired_at(&lines, def, c.line, &name) else { continue };
        let line = c.line;
        relocate(c, &mut src, rootdir, &abs, &abs, n);
        c.evidence.push_str(&format!(". The `{name}` other threads use is made unusable here, and its replacement is put there only at line {line}, after the slow work between: in between they reach a retired object"));
        c.fix = format!("make the replacement first and swap it in (`self.{name} = new`) before retiring the old one, or hold one lock across the swap that every user of `{name}` takes too");
    }
}

/// The first line after `def` and before `upto` that retires what
/// `self.<name>` holds (directly or through a local alias), with a line
/// of other work between it and `upto`.
fn retired_at(lines: &[String], def: u32, upto: u32, name: &str) -> Option<u32> {
    let own = format!("self.{name}");
    let mut aliases: Vec<String> = vec![own.clone()];
    for n in def + 1..upto.saturating_sub(1) {
        let t = crate::classify::source::code(&lines[n as usize - 1]).trim().to_string();
        if let Some((l, r)) = t.split_once('=') {
            if r.trim() == own && !l.contains(['.', '[', '(']) && !r.starts_with('=') {
                aliases.push(l.trim().to_string());
                continue;
            }
        }
        if aliases.iter().any(|a| RETIRES.iter().any(|m| t.contains(&format!("{a}.{m}(")))) {
            return Some(n);
        }
    }
    None
}

/// A lock-order deadlock whose locks are taken in a loop over what the
/// caller passed (`for b in bins: b.claim()`) is fixed where the order is
/// chosen: the cause moves from the loop to the caller's line its evidence
/// names (see [`crate::classify::deadlocks::PASSED_AT`]).
pub(super) fn to_lock_order_caller(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    for c in causes.iter_mut() {
        let said = crate::classify::deadlocks::PASSED_AT;
        let Some(p) = c.evidence.find(said) else { continue };
        let place: String = c.evidence[p + said.len()..].trim_start().split_whitespace().next().unwrap_or("").to_string();
        let Some((file, n)) = place.rsplit_once(':').and_then(|(f, n)| Some((f.to_string(), n.parse::<u32>().ok()?))) else { continue };
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let Some(to_abs) = drivers::abs_of(&file, rootdir) else { continue };
        if src.lines(&to_abs).is_none() {
            continue;
        }
        let line = c.line;
        relocate(c, &mut src, rootdir, &abs, &to_abs, n);
        c.evidence.push_str(&format!(". Each thread takes the locks in the order it is handed them here (the loop at line {line} of {} keeps that order)", abs.rsplit('/').next().unwrap_or(&abs)));
        c.fix = "pass (or sort) the locks in one global order before taking them, e.g. `sorted(locks, key=lambda l: l.code)` in the loop, or take them under one outer lock".to_string();
    }
}

/// A wait (or a clock read opening a window) proven to decide the outcome
/// is fixed where its length is set:
/// each proven timing cause moves to the line that writes its number, in
/// whichever project file (see [`crate::classify::provenance`]), else to
/// the line of its own file that sets it (see [`crate::classify::timeouts`]).
pub(super) fn to_timeout_source(causes: &mut [Cause], rootdir: Option<&Path>) {
    let mut src = crate::classify::source::Sources::default();
    let files = rootdir.map(|r| src.project_files(r)).unwrap_or_default();
    // A wait of another kind (for a pipe, a socket, another thread) proven
    // to be a deadline — longer, fewer failures — whose length the source
    // writes as a number is a timeout too tight for what it waits for.
    let deadline = |c: &Cause| {
        c.proven && c.evidence.contains(line::DEADLINE_SAID) && matches!(c.category, Category::IoExternal | Category::ThreadRace | Category::AsyncRace | Category::Resource)
    };
    for c in causes.iter_mut().filter(|c| c.proven && (c.category == Category::Timing || deadline(c))) {
        let Some(abs) = drivers::abs_path(c, rootdir) else { continue };
        let origin = match c.category {
            // a clock read proven to open too short a window: the length added to it
            Category::Timing if c.evidence.contains(line::WINDOW_SAID) => src.deadline_origin(&abs, c.line, &files),
            Category::Timing => src
                .wait_origin(&abs, c.line, &files)
                .or_else(|| src.timeout_source_at(&abs, c.line).map(|n| (abs.clone(), n)))
                .or_else(|| src.function_wait_origin(&abs, c.line, &files)),
            _ => src.wait_origin(&abs, c.line, &files),
        };
        let Some((file, n)) = origin else { continue };
        // a timed wait for a held resource stays one: its timeout is set there
        if !matches!(c.category, Category::Timing | Category::Resource) {
            c.category = Category::Timing;
            c.evidence.push_str(". That wait's length is a number the code sets: a timeout too tight for what it waits for");
            c.fix = "size that timeout for the slowest case it must cover (start-up, a cold cache, a loaded machine), or wait for the event itself with a generous deadline".to_string();
        }
        if (file.as_str(), n) == (abs.as_str(), c.line) {
            continue;
        }
        let place = relocate(c, &mut src, rootdir, &abs, &file, n);
        c.evidence.push_str(&format!(". {SET_AT} {place}"));
    }
}
