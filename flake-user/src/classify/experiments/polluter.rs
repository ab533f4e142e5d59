//! Which earlier test leaves the harmful state, and which of its lines,
//! found without knowing what the state is.
//!
//! Once the failing order is known to matter (see [`super::order`]):
//! 1. the earlier tests are cut down by bisection to the shortest prefix of
//!    the failing order after which the victim still fails: its last test is
//!    the polluter, and the victim right after it alone confirms it;
//! 2. the lines the polluter's own function runs are written down, and the
//!    polluter is stopped (an exception raised in its function) before one
//!    of them, by bisection again: the victim passes when the polluter
//!    stops before the line and fails when it stops right after it. That
//!    line leaves the state, whatever the state is (a module imported, a
//!    module reloaded, a handler left on a shared logger...).

use crate::run::trials::{Condition, Intervention, Note};

use super::Ctx;

/// Runs per bisection probe when the replays failed every time (more when
/// they did not: a pass then says less).
const PROBE_RUNS: u32 = 1;
const PROBE_RUNS_NOISY: u32 = 2;

/// One probe's answer.
pub(super) enum Probe {
    Fails,
    Passes,
    /// Still needs this run.
    Pending(Condition),
    /// The test never ran under it: the search is given up.
    Unknown,
}

/// A step of a search: the next run, or what it found.
pub enum Step<T> {
    Next(Condition),
    Found(T),
    None,
}

/// The test that leaves the state, and the tests to run to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Polluter {
    pub test: String,
    /// The polluter (and any earlier tests it needs), then the victim.
    pub run: Vec<String>,
    /// Right after the polluter alone the victim failed too.
    pub alone: bool,
}

/// The polluter's line after which the victim fails.
#[derive(Debug, Clone, PartialEq)]
pub struct Culprit {
    pub file: String,
    pub line: u32,
    /// The polluter's function starts here (its set-up, when `line` is 0).
    pub first: u32,
    /// (failed, ran) of the victim in runs where the line ran before it,
    /// and where it did not.
    pub ran: (u32, u32),
    pub not_ran: (u32, u32),
}

fn runs_per_probe(cx: &Ctx, replay: &Condition) -> u32 {
    let (f, n) = cx.counts(replay);
    if n > 0 && f == n { PROBE_RUNS } else { PROBE_RUNS_NOISY }
}

fn probe(cx: &Ctx, c: Condition, runs: u32) -> Probe {
    probe_for(cx, c, runs, false)
}

/// A probe's answer; with `seek_pass` one passing run makes it `Passes`
/// (the search is for the state a test needs, and it never passes without),
/// else one failing run makes it `Fails`.
pub(super) fn probe_for(cx: &Ctx, c: Condition, runs: u32, seek_pass: bool) -> Probe {
    let (f, n) = cx.counts(&c);
    let hit = if seek_pass { n > f } else { f > 0 };
    if hit {
        return if seek_pass { Probe::Passes } else { Probe::Fails };
    }
    if n >= runs {
        return if seek_pass { Probe::Fails } else { Probe::Passes };
    }
    if cx.of(&c).count() as u32 >= 2 * runs {
        return Probe::Unknown;
    }
    Probe::Pending(c)
}

/// The first probe that fails, by bisection: probe `lo` is known (or taken)
/// to pass and probe `hi` to fail; `cond(i)` is the condition of probe `i`.
fn first_failing(cx: &Ctx, lo: isize, hi: isize, runs: u32, cond: impl Fn(isize) -> Condition) -> Step<isize> {
    first_hit(cx, lo, hi, runs, false, cond)
}

/// The first probe that passes (`seek_pass`) or fails, by bisection: probe
/// `lo` is known (or taken) not to, probe `hi` to.
pub(super) fn first_hit(cx: &Ctx, mut lo: isize, mut hi: isize, runs: u32, seek_pass: bool, cond: impl Fn(isize) -> Condition) -> Step<isize> {
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        match (probe_for(cx, cond(mid), runs, seek_pass), seek_pass) {
            (Probe::Passes, true) | (Probe::Fails, false) => hi = mid,
            (Probe::Passes | Probe::Fails, _) => lo = mid,
            (Probe::Pending(c), _) => return Step::Next(c),
            (Probe::Unknown, _) => return Step::None,
        }
    }
    Step::Found(hi)
}

/// (failed, ran) added up over `conds`.
fn tally<'a>(cx: &Ctx, conds: impl IntoIterator<Item = &'a Condition>) -> (u32, u32) {
    conds.into_iter().map(|c| cx.counts(c)).fold((0, 0), |a, (f, n)| (a.0 + f, a.1 + n))
}

/// `base` plus the stop probes: those before `hi` (the line did not run
/// before the victim) to `not_ran`, the others to `ran`.
fn split(cx: &Ctx, stops: &[Condition], hi: usize, ran: (u32, u32), not_ran: (u32, u32)) -> ((u32, u32), (u32, u32)) {
    let add = |a: (u32, u32), b: (u32, u32)| (a.0 + b.0, a.1 + b.1);
    (add(ran, tally(cx, &stops[hi..])), add(not_ran, tally(cx, &stops[..hi])))
}

pub(super) fn prefix(seq: &[String], k: usize) -> Condition {
    let victim = seq.last().cloned().unwrap_or_default();
    let mut tests: Vec<String> = seq[..k].to_vec();
    tests.push(victim);
    Condition::Only { tests }
}

/// Bisection over the failing order `seq` (victim last; `replay` its
/// replay, known to fail, and the victim alone known to pass).
pub fn polluter(cx: &Ctx, seq: &[String], replay: &Condition) -> Step<Polluter> {
    let earlier = seq.len().saturating_sub(1);
    if earlier == 0 {
        return Step::None;
    }
    let r = runs_per_probe(cx, replay);
    // passes after the first 0 earlier tests (alone), fails after all of them
    let hi = match first_failing(cx, 0, earlier as isize, r, |k| prefix(seq, k as usize)) {
        Step::Found(hi) => hi as usize,
        Step::Next(c) => return Step::Next(c),
        Step::None => return Step::None,
    };
    let test = seq[hi - 1].clone();
    let victim = seq[earlier].clone();
    let pair = vec![test.clone(), victim];
    if hi == 1 {
        return Step::Found(Polluter { test, run: pair, alone: true });
    }
    match probe(cx, Condition::Only { tests: pair.clone() }, r) {
        Probe::Fails => Step::Found(Polluter { test, run: pair, alone: true }),
        Probe::Passes | Probe::Unknown => {
            let Condition::Only { tests } = prefix(seq, hi) else { unreachable!() };
            Step::Found(Polluter { test, run: tests, alone: false })
        }
        Probe::Pending(c) => Step::Next(c),
    }
}

fn lines_of(p: &Polluter) -> Condition {
    Condition::Intervene { tests: p.run.clone(), what: Intervention::Lines { test: p.test.clone() } }
}

fn stop_at(p: &Polluter, line: u32) -> Condition {
    Condition::Intervene { tests: p.run.clone(), what: Intervention::StopAt { test: p.test.clone(), line } }
}

/// (file, first line, lines run) of the polluter's function, as written down.
fn recorded(cx: &Ctx, p: &Polluter) -> Option<(String, u32, Vec<u32>)> {
    cx.of(&lines_of(p)).flat_map(|t| t.notes.iter()).find_map(|n| match n {
        Note::Lines { test, file, first, lines } if *test == p.test => Some((file.clone(), *first, lines.clone())),
        _ => None,
    })
}

/// Bisection over the polluter's lines. `replay` fails, `alone` (the
/// victim by itself) passes: both count in the evidence.
pub fn culprit(cx: &Ctx, p: &Polluter, replay: &Condition, alone: &Condition) -> Step<Culprit> {
    let rec = lines_of(p);
    if cx.of(&rec).count() == 0 {
        return Step::Next(rec);
    }
    let Some((file, first, lines)) = recorded(cx, p) else { return Step::None };
    if lines.is_empty() {
        return Step::None;
    }
    let r = runs_per_probe(cx, replay);
    // stopping before lines[-1] (nothing known) passes, before lines[len] (not stopped) fails
    let stops: Vec<Condition> = lines.iter().map(|&l| stop_at(p, l)).collect();
    let hi = match first_failing(cx, -1, lines.len() as isize, r, |i| stops[i as usize].clone()) {
        Step::Found(hi) => hi as usize,
        Step::Next(c) => return Step::Next(c),
        Step::None => return Step::None,
    };
    // The line ran before the victim: the runs not stopped, or stopped after it.
    let base = tally(cx, [replay, &Condition::Only { tests: p.run.clone() }, &rec]);
    let (ran, not_ran) = split(cx, &stops, hi, base, cx.counts(alone));
    let line = if hi == 0 { 0 } else { lines[hi - 1] };
    Step::Found(Culprit { file, line, first, ran, not_ran })
}

fn lines_under(p: &Polluter, at: u32) -> Condition {
    Condition::Intervene { tests: p.run.clone(), what: Intervention::LinesUnder { test: p.test.clone(), at } }
}

fn stop_in(p: &Polluter, file: &str, line: u32) -> Condition {
    Condition::Intervene { tests: p.run.clone(), what: Intervention::StopIn { test: p.test.clone(), file: file.to_string(), line } }
}

/// A line of the code under test, in the calls the polluter's culprit line
/// makes, after which the victim fails (file relative to the rootdir).
#[derive(Debug, Clone, PartialEq)]
pub struct Deeper {
    pub file: String,
    pub line: u32,
    pub ran: (u32, u32),
    pub not_ran: (u32, u32),
}

/// The lines of code under test (not tests) run under line `at` of the
/// polluter, relative to the rootdir, in the order each first ran.
fn recorded_under(cx: &Ctx, p: &Polluter, at: u32) -> Option<Vec<(String, u32)>> {
    let root = crate::align::rootdir_of(cx.runs);
    let lines = cx.of(&lines_under(p, at)).flat_map(|t| t.notes.iter()).find_map(|n| match n {
        Note::LinesUnder { test, at: a, lines } if *test == p.test && *a == at => Some(lines.clone()),
        _ => None,
    })?;
    Some(
        lines
            .into_iter()
            .filter_map(|(f, l)| {
                let rel = root.as_ref().and_then(|r| std::path::Path::new(&f).strip_prefix(r).ok().map(|x| x.to_string_lossy().into_owned()))?;
                (!crate::classify::is_test_code(&rel)).then_some((rel, l))
            })
            .collect(),
    )
}

/// Bisection over the lines of code under test that the culprit line's
/// calls run (when the polluter's set-up leaves the state, `line` 0: the
/// lines its fixtures run, with its own): stopped before the line the
/// victim passes, right after it it fails.
pub fn deeper(cx: &Ctx, p: &Polluter, c: &Culprit, replay: &Condition) -> Step<Deeper> {
    let rec = lines_under(p, c.line);
    if cx.of(&rec).count() == 0 {
        return Step::Next(rec);
    }
    let Some(lines) = recorded_under(cx, p, c.line).filter(|l| !l.is_empty()) else { return Step::None };
    let r = runs_per_probe(cx, replay);
    let stops: Vec<Condition> = lines.iter().map(|(f, l)| stop_in(p, f, *l)).collect();
    let hi = match first_failing(cx, -1, lines.len() as isize, r, |i| stops[i as usize].clone()) {
        Step::Found(hi) if hi > 0 => hi as usize,
        Step::Next(c) => return Step::Next(c),
        _ => return Step::None,
    };
    let recorded = tally(cx, [&rec]);
    let (ran, not_ran) = split(cx, &stops, hi, (c.ran.0 + recorded.0, c.ran.1 + recorded.1), c.not_ran);
    let root = crate::align::rootdir_of(cx.runs);
    let (file, line) = root.and_then(|r| assigning_caller(&r, &lines[..hi])).unwrap_or_else(|| lines[hi - 1].clone());
    Step::Found(Deeper { file, line, ran, not_ran })
}

/// When the last of `run` (lines in the order they first ran, relative to
/// `root`) runs in a call made on the right of an assignment to shared
/// state that has not returned yet (`product.price =
/// promotion.discounted(product.price)`, `_registry =
/// Registry.from_env(os.environ)` in a function declaring `global
/// _registry`, through any depth of calls), that line: the state changes
/// when the call returns to it, after the callee's last line ran. The
/// nearest such line; one whose function ran again later has returned.
fn assigning_caller(root: &std::path::Path, run: &[(String, u32)]) -> Option<(String, u32)> {
    let mut src = crate::classify::source::Sources::default();
    let abs = |f: &str| root.join(f).to_string_lossy().into_owned();
    let funcs: Vec<String> = run.iter().map(|(f, l)| src.enclosing_name(&abs(f), *l)).collect();
    let last = funcs.last()?.rsplit('.').next().unwrap_or("").to_string();
    if last.is_empty() || last == "<module>" {
        return None;
    }
    for i in (0..run.len().saturating_sub(1)).rev() {
        let (f, l) = &run[i];
        if run[i + 1..].iter().zip(&funcs[i + 1..]).any(|((g, _), fun)| g == f && *fun == funcs[i]) {
            continue;
        }
        let Some(t) = src.line_text(&abs(f), *l) else { continue };
        let code = crate::classify::source::code(&t).to_string();
        let Some((lhs, rhs)) = code.split_once('=') else { continue };
        if lhs.contains('(') || rhs.starts_with('=') {
            continue;
        }
        let shared = writes_shared_state(&code) || declares_global(&mut src, &abs(f), *l, lhs.trim());
        let calls = |name: &str| !name.is_empty() && rhs.match_indices(&format!("{name}(")).any(|(k, _)| !rhs[..k].ends_with(|ch: char| ch.is_alphanumeric() || ch == '_'));
        if shared && funcs[i + 1..].iter().any(|g| calls(g.rsplit('.').next().unwrap_or(""))) {
            return Some((f.clone(), *l));
        }
    }
    None
}

/// Whether the function holding line `n` of `abs` declares `name` global
/// (an assignment to it there rebinds a module-level name).
fn declares_global(src: &mut crate::classify::source::Sources, abs: &str, n: u32, name: &str) -> bool {
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let Some(lines) = src.lines(abs) else { return false };
    let Some(here) = lines.get(n as usize - 1) else { return false };
    let mut inner = crate::classify::source::indent(here);
    for l in lines[..n as usize - 1].iter().rev() {
        let t = l.trim_start();
        if t.is_empty() {
            continue;
        }
        if let Some(g) = t.strip_prefix("global ") {
            if g.split(',').any(|x| crate::classify::source::code(x).trim() == name) {
                return true;
            }
        }
        let ind = crate::classify::source::indent(l);
        if ind < inner {
            if t.starts_with("def ") || t.starts_with("async def ") {
                return false;
            }
            inner = ind;
        }
    }
    false
}

/// Whether a statement changes state that outlives the call: an attribute
/// or item assigned on something other than `self` or a plain local, or a
/// call known to change process-wide settings.
pub fn writes_shared_state(code: &str) -> bool {
    let t = code.trim();
    const SETTINGS: &[&str] = &[
        ".setLevel(", ".addHandler(", "setlocale(", "chdir(", "setdefaulttimeout(", "simplefilter(", "filterwarnings(", "putenv(", ".basicConfig(", "sys.path.insert(", "sys.path.append(",
        // the process's own attributes and the interpreter's settings
        "umask(", "tzset(", "signal.signal(", "setrlimit(", "nice(", "setrecursionlimit(", "setswitchinterval(", "setcontext(", "logging.disable(", "gc.disable(", "set_event_loop_policy(",
        "set_event_loop(", "random.seed(", "register_adapter(", "register_converter(", "mimetypes.add_type(", "codecs.register(",
    ];
    if SETTINGS.iter().any(|s| t.contains(s)) {
        return true;
    }
    let Some((lhs, rhs)) = t.split_once('=') else { return false };
    if rhs.starts_with('=') || lhs.ends_with(['!', '<', '>', '=']) {
        return false;
    }
    let lhs = lhs.trim().trim_end_matches(['+', '-', '*', '/', '|', '&']);
    (lhs.contains('.') || lhs.contains('[')) && !lhs.starts_with("self.") && !lhs.starts_with("cls.")
}

/// Whether a test's line calls the function `name` for what it does rather
/// than for what it returns: a bare call statement (`quiet()`,
/// `registry.add(x)`), not one whose result is assigned, returned or
/// asserted (`page = catalog.apply_promotion(p)`).
pub fn calls_for_effect(code: &str, name: &str) -> bool {
    let t = crate::classify::source::code(code).trim();
    let Some(at) = t.match_indices(&format!("{name}(")).map(|(i, _)| i).find(|&i| !t[..i].ends_with(|ch: char| ch.is_alphanumeric() || ch == '_')) else { return false };
    let before = &t[..at];
    let assigned = before.match_indices('=').any(|(i, _)| {
        let prev = before[..i].chars().last();
        let next = before[i + 1..].chars().next();
        !matches!(prev, Some('=' | '!' | '<' | '>')) && next != Some('=')
    });
    let used = assigned || ["assert ", "return ", "yield ", "if ", "while "].iter().any(|k| before.starts_with(k)) || before.contains('(');
    !used
}

/// Whether a statement of a test sets the fingerprinted state `key` by hand
/// (`mod.sub._cache = None`, `Client.retries = 5`, `os.environ["TOKEN"] =
/// ...`, `setattr(mod, "_cache", x)`): a change no fixture undoes.
pub fn sets_by_hand(code: &str, key: &str) -> bool {
    let t = code.trim();
    let parts: Vec<&str> = key.split(':').collect();
    let quoted = |name: &str| t.contains(&format!("\"{name}\"")) || t.contains(&format!("'{name}'"));
    let (owner, name) = match parts.as_slice() {
        ["global", m, a] => (m.rsplit('.').next().unwrap_or(m), *a),
        ["attr", _, c, a] => (*c, *a),
        ["env", n] => {
            let assigns = t.contains("environ[") && t.split_once('=').is_some_and(|(l, r)| l.contains("environ[") && !r.starts_with('='));
            return quoted(n) && (assigns || ["environ.setdefault(", "environ.update(", "putenv("].iter().any(|c| t.contains(c)));
        }
        _ => return false,
    };
    if t.starts_with("setattr(") && quoted(name) && t.contains(owner) {
        return true;
    }
    let Some((lhs, rhs)) = t.split_once('=') else { return false };
    if rhs.starts_with('=') || lhs.ends_with(['!', '<', '>']) {
        return false;
    }
    lhs.trim().ends_with(&format!("{owner}.{name}"))
}

/// Whether line `n` (1-based) of `lines` runs when its module is imported:
/// at module level or in a class body, not inside a function.
pub fn runs_at_import(lines: &[String], n: u32) -> bool {
    let Some(here) = lines.get((n as usize).wrapping_sub(1)) else { return false };
    let mut limit = crate::classify::source::indent(here);
    for l in lines.iter().take(n as usize - 1).rev() {
        let t = crate::classify::source::code(l).trim();
        if limit == 0 {
            break;
        }
        if t.is_empty() || crate::classify::source::indent(l) >= limit {
            continue;
        }
        limit = crate::classify::source::indent(l);
        if t.starts_with("def ") || t.starts_with("async def ") {
            return false;
        }
    }
    true
}

/// The first module-level line of `lines` that captures process state when
/// the module is imported (`OUTPUT_DIR = Path(os.environ.get(...)).resolve()`,
/// `BASE = os.getcwd()`): whichever test imports the module first fixes it
/// for every later test of the process.
pub fn captured_at_import(lines: &[String]) -> Option<u32> {
    const CAPTURES: &[&str] = &["os.environ", "getenv(", "getcwd(", ".cwd()", "time.time(", "datetime.now(", "datetime.utcnow(", "date.today(", "sys.argv", "getlocale(", "gettempdir("];
    lines.iter().position(|l| {
        let t = crate::classify::source::code(l);
        crate::classify::source::indent(l) == 0 && !t.starts_with("def ") && !t.starts_with("class ") && !t.starts_with("import ") && !t.starts_with("from ") && CAPTURES.iter().any(|c| t.contains(c))
    }).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::{calls_for_effect, sets_by_hand};

    #[test]
    fn the_line_assigning_what_a_callee_returns_to_shared_state_is_where_the_state_changes() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("catalog.py"), "class Catalog:\n    def apply(self, promo):\n        for product in self.items:\n            product.price = promo.discounted(product.price)\n        return self\n").unwrap();
        std::fs::write(d.path().join("promo.py"), "class Promo:\n    def discounted(self, price):\n        factor = 0.8\n        return price * factor\n").unwrap();
        let run = |v: &[(&str, u32)]| v.iter().map(|(f, l)| (f.to_string(), *l)).collect::<Vec<_>>();
        let got = super::assigning_caller(d.path(), &run(&[("catalog.py", 3), ("catalog.py", 4), ("promo.py", 3), ("promo.py", 4)]));
        assert_eq!(got, Some(("catalog.py".to_string(), 4)));
        // the line before is no assignment of the callee's result: nothing
        assert_eq!(super::assigning_caller(d.path(), &run(&[("catalog.py", 3), ("promo.py", 3)])), None);
        // a global cached from a call two levels up
        std::fs::write(d.path().join("backends.py"), "class Registry:\n    def __init__(self, default):\n        self.default = default\n\n    @classmethod\n    def from_env(cls, env):\n        return cls(env.get('X'))\n\n_registry = None\n\ndef registry():\n    global _registry\n    if _registry is None:\n        _registry = Registry.from_env(os.environ)\n    return _registry\n\ndef local():\n    reg = Registry.from_env(os.environ)\n    return reg\n").unwrap();
        let got = super::assigning_caller(d.path(), &run(&[("backends.py", 13), ("backends.py", 14), ("backends.py", 7), ("backends.py", 3)]));
        assert_eq!(got, Some(("backends.py".to_string(), 14)));
        // a local is no shared state
        assert_eq!(super::assigning_caller(d.path(), &run(&[("backends.py", 18), ("backends.py", 7), ("backends.py", 3)])), None);
        // its function went on after the call returned: not waiting for it
        assert_eq!(super::assigning_caller(d.path(), &run(&[("backends.py", 13), ("backends.py", 14), ("backends.py", 7), ("backends.py", 15), ("backends.py", 3)])), None);
    }

    #[test]
    fn a_module_level_capture_of_the_environment_is_found_and_import_time_lines_are_told_apart() {
        let lines: Vec<String> = "import os\nfrom pathlib import Path\n\nOUTPUT_DIR = Path(os.environ.get(\"OUT\", \"exports\")).resolve()\n\nclass Exporter:\n    suffix = \".csv\"\n\n    def target(self):\n        return os.environ.get(\"X\")\n".lines().map(str::to_string).collect();
        assert_eq!(super::captured_at_import(&lines), Some(4));
        assert!(super::runs_at_import(&lines, 7), "a class body runs at import");
        assert!(super::runs_at_import(&lines, 4));
        assert!(!super::runs_at_import(&lines, 10), "a method's body does not");
        assert_eq!(super::captured_at_import(&lines[4..]), None, "the method's read is not at import");
    }

    #[test]
    fn a_tests_own_assignment_of_the_leaked_state_is_recognised() {
        assert!(sets_by_hand("tzlocal.unix._cache_tz = None", "global:tzlocal.unix:_cache_tz"));
        assert!(!sets_by_hand("assert tzlocal.unix._cache_tz == None", "global:tzlocal.unix:_cache_tz"));
        assert!(!sets_by_hand("tz = tzlocal.unix.reload_localzone()", "global:tzlocal.unix:_cache_tz"));
        assert!(sets_by_hand("Parser.error = VerifyError(self)", "attr:knack.parser:Parser:error"));
        assert!(sets_by_hand("setattr(Parser, 'error', stub)", "attr:knack.parser:Parser:error"));
        assert!(sets_by_hand("os.environ['APP_TOKEN'] = 'x'", "env:APP_TOKEN"));
        assert!(sets_by_hand("os.environ.setdefault(\"APP_TOKEN\", 'x')", "env:APP_TOKEN"));
        assert!(!sets_by_hand("token = os.environ['APP_TOKEN']", "env:APP_TOKEN"));
        assert!(!sets_by_hand("os.environ['OTHER'] = 'x'", "env:APP_TOKEN"));
    }

    #[test]
    fn a_call_for_its_result_is_told_from_a_call_for_its_effect() {
        assert!(calls_for_effect("quiet()", "quiet"));
        assert!(calls_for_effect("registry.add(item)  # keep", "add"));
        assert!(calls_for_effect("await client.reset()", "reset"));
        assert!(!calls_for_effect("page = catalog.apply_promotion(Promotion('X', 'tea', 20))", "apply_promotion"));
        assert!(!calls_for_effect("assert load() == 3", "load"));
        assert!(!calls_for_effect("return build(x)", "build"));
        assert!(!calls_for_effect("print(render(x))", "render"));
        assert!(!calls_for_effect("unrelated()", "apply"), "no call of the name");
        assert!(!calls_for_effect("reapply()", "apply"), "a name inside another is not a call of it");
    }

}
