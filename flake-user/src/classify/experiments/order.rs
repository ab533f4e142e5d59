//! The order experiment: is the test failing because of state an earlier
//! test left behind, which state, and which line left it?
//!
//! 1. The tests its process ran before it in a failing run are replayed in
//!    that order with the victim last (xdist off), with every piece of state
//!    a test can leave fingerprinted around each test (the plugin's
//!    `snapshot`); and the victim runs alone.
//! 2. When the replay fails and the victim alone passes, each change an
//!    earlier test made to a piece of state is undone right after that test
//!    (the piece put back as it was before the test), one per experiment
//!    (`restore`). The victim passing again proves that change is the cause
//!    and that test the polluter.
//! 3. The line of the polluting test after which that state changed is
//!    found by watching it line by line (`watch`): the cause is reported at
//!    that line, with the polluter.
//!
//! Before 2, the polluter is found by bisecting the earlier tests, and only
//! the state it changed is put back; when no fingerprinted state explains
//! the failure, the polluter's line is found by stopping it early
//! ([`super::polluter`]). When the victim fails alone every time instead,
//! it may need what another test leaves: that test is looked for in a
//! passing order ([`super::setter`]).

use crate::report::{Category, Cause};
use crate::run::trials::{state_name, Condition, Intervention, Note};

use super::polluter::{self, Polluter, Step};
use super::{runs_of, Ctx, Finding, Target, Verdict};
use crate::classify::stats::fisher_greater;

const REPLAY_RUNS: u32 = 3;
const ALONE_RUNS: u32 = 3;
const MAX_ALONE_RUNS: u32 = 6;

/// Runs of the victim alone: enough that, were the order irrelevant, it
/// would have failed in one of them with 90 % probability at its plain fail
/// rate (3 at a rate of one in two or more, up to 6 for rarer failures): a
/// test failing 13 of 30 runs for another reason passes 3 runs alone one
/// time in five.
fn alone_runs(cx: &Ctx) -> u32 {
    let (f, n) = cx.plain();
    let r = f as f64 / n.max(1) as f64;
    if r <= 0.0 || r >= 1.0 {
        return ALONE_RUNS;
    }
    ((0.1f64.ln() / (1.0 - r).ln()).ceil() as u32).clamp(ALONE_RUNS, MAX_ALONE_RUNS)
}
const RESTORE_RUNS: u32 = 3;
/// (piece of leaked state, test that changed it) put back, one experiment each, at most.
const MAX_KEYS: usize = 6;

/// The victim's process ran other tests before it in some failing run.
/// Or, in a passing run, when it failed in others: it may need what an
/// earlier test leaves ([`super::setter`]).
pub fn has_predecessors(cx: &Ctx) -> bool {
    sequence(cx).is_some_and(|s| s.len() > 1) || (cx.plain().0 > 0 && sequence_of(cx, false).is_some())
}

/// The tests of the first failing run's process up to the victim, in order.
fn sequence(cx: &Ctx) -> Option<Vec<String>> {
    sequence_of(cx, true)
}

/// The tests of the first failing (`bad`) or passing run's process up to
/// the victim, in order, when there were any before it.
pub(super) fn sequence_of(cx: &Ctx, bad: bool) -> Option<Vec<String>> {
    for r in cx.runs {
        let Some(v) = r.outcome(cx.nodeid) else { continue };
        if v.outcome.is_bad() != bad {
            continue;
        }
        let (Some(pid), Some(order)) = (v.pid, v.order) else { continue };
        let mut before: Vec<(u32, &str)> = r
            .outcomes
            .iter()
            .filter(|o| o.pid == Some(pid) && o.order.is_some_and(|k| k < order) && !o.collect_error)
            .map(|o| (o.order.unwrap_or(0), o.nodeid.as_str()))
            .collect();
        if before.is_empty() {
            continue;
        }
        before.sort();
        let mut seq: Vec<String> = before.into_iter().map(|(_, n)| n.to_string()).collect();
        seq.push(cx.nodeid.to_string());
        return Some(seq);
    }
    None
}

fn replay(seq: &[String]) -> Condition {
    Condition::Intervene { tests: seq.to_vec(), what: Intervention::Snapshot }
}

fn alone(nodeid: &str) -> Condition {
    Condition::Only { tests: vec![nodeid.to_string()] }
}

fn restore(seq: &[String], after: &str, key: &str) -> Condition {
    Condition::Intervene { tests: seq.to_vec(), what: Intervention::Restore { after: after.into(), key: key.into() } }
}

fn watch(seq: &[String], test: &str, key: &str) -> Condition {
    Condition::Intervene { tests: seq.to_vec(), what: Intervention::Watch { test: test.into(), key: key.into() } }
}

fn key_rank(key: &str) -> u8 {
    match key.split(':').next() {
        Some("attr") => 0,
        Some("global") => 1,
        Some("env") => 2,
        Some("cwd") => 3,
        _ => 4,
    }
}

/// (key, an earlier test that changed it, before, after) from the replays:
/// every change an earlier test made, each piece of state in the order of
/// the tests that changed it (the environment and code state first).
fn leaked(cx: &Ctx, seq: &[String], pol: Option<&Polluter>) -> Vec<(String, String, String, String)> {
    let mut out: Vec<(String, String, String, String)> = vec![];
    // Only the polluter's changes, when it alone is enough to make the victim fail.
    let by = pol.filter(|p| p.alone).map(|p| p.test.as_str());
    for t in cx.of(&replay(seq)) {
        for n in &t.notes {
            let Note::Changed { test, key, before, after } = n else { continue };
            if test == cx.nodeid || !seq.contains(test) || out.iter().any(|x| x.0 == *key && x.1 == *test) || by.is_some_and(|b| b != test) {
                continue;
            }
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "absent".into());
            out.push((key.clone(), test.clone(), show(before), show(after)));
        }
    }
    let pos = |t: &str| seq.iter().position(|x| x == t).unwrap_or(usize::MAX);
    out.sort_by_key(|x| (key_rank(&x.0), x.0.clone(), pos(&x.1)));
    out.truncate(MAX_KEYS);
    out
}

/// The replay failed and the victim alone did not: the order matters.
fn order_matters(cx: &Ctx, seq: &[String]) -> Option<bool> {
    let (rf, rn) = cx.counts(&replay(seq));
    let (af, an) = cx.counts(&alone(cx.nodeid));
    if rn < REPLAY_RUNS || an < ALONE_RUNS || (af == 0 && an < alone_runs(cx)) {
        return None;
    }
    Some(rf >= 2 && af == 0)
}

/// The first piece of state whose putting back made the victim pass.
fn proven_key<'a>(cx: &Ctx, seq: &[String], keys: &'a [(String, String, String, String)]) -> Option<&'a (String, String, String, String)> {
    keys.iter().find(|k| {
        let (f, n) = cx.counts(&restore(seq, &k.1, &k.0));
        n >= RESTORE_RUNS && f == 0
    })
}

pub fn next(cx: &Ctx) -> Option<Condition> {
    let a = alone(cx.nodeid);
    let Some(seq) = sequence(cx) else { return super::setter::next(cx, &a, ALONE_RUNS) };
    let r = replay(&seq);
    if (cx.of(&r).count() as u32) < REPLAY_RUNS {
        return Some(r);
    }
    // more runs alone while it never failed there (one failure says the
    // order is not the whole story)
    let ran_alone = cx.of(&a).count() as u32;
    if ran_alone < ALONE_RUNS || (ran_alone < alone_runs(cx) && cx.counts(&a).0 == 0) {
        return Some(a);
    }
    if order_matters(cx, &seq) != Some(true) {
        return super::setter::next(cx, &a, ALONE_RUNS);
    }
    let pol = match polluter::polluter(cx, &seq, &r) {
        Step::Next(c) => return Some(c),
        Step::Found(p) => Some(p),
        Step::None => None,
    };
    let keys = leaked(cx, &seq, pol.as_ref());
    for k in &keys {
        let c = restore(&seq, &k.1, &k.0);
        if (cx.of(&c).count() as u32) < RESTORE_RUNS {
            return Some(c);
        }
        if cx.counts(&c).0 == 0 {
            let w = watch(&seq, &k.1, &k.0);
            if cx.of(&w).count() == 0 {
                return Some(w);
            }
            if watched(cx, &seq, k).is_some() {
                return None;
            }
            break;
        }
    }
    let p = pol?;
    match polluter::culprit(cx, &p, &r, &a) {
        Step::Next(c) => Some(c),
        Step::Found(c) => match polluter::deeper(cx, &p, &c, &r) {
            Step::Next(c) => Some(c),
            _ => None,
        },
        Step::None => None,
    }
}

/// The line after which the watched state changed. When its first change
/// only added to it (a singleton created on first use: the watch then
/// reports the next change too, see `Watch` in the plugin) in code the
/// polluter called, and the polluter's own function changed it next
/// (`ctx.fields_to_clear = [...]` on the instance it got), that next line:
/// a fresh process creates the state as well, what it does not do is that
/// change.
fn watched(cx: &Ctx, seq: &[String], key: &(String, String, String, String)) -> Option<(String, u32, String, Option<u32>)> {
    let seen: Vec<(String, u32, String, Option<u32>)> = cx.of(&watch(seq, &key.1, &key.0)).flat_map(|t| t.notes.iter()).filter_map(|n| match n {
        Note::Culprit { key: k, file, line, function, test_line } if *k == key.0 => Some((file.clone(), *line, function.clone(), *test_line)),
        _ => None,
    }).collect();
    // qualified names before 3.11 are bare
    let own = function_of(&key.1).rsplit('.').next().unwrap_or("").to_string();
    let is_own = |f: &str| f.rsplit('.').next() == Some(own.as_str());
    match seen.as_slice() {
        [first, next, ..] if !is_own(&first.2) && is_own(&next.2) => Some(next.clone()),
        [first, ..] => Some(first.clone()),
        [] => None,
    }
}

/// The line of the polluter's own function (`test`) that sets the state
/// `key` by hand ([`polluter::sets_by_hand`]): (file relative to the
/// rootdir, line, function).
fn by_hand(cx: &Ctx, test: &str, key: &str) -> Option<(String, u32, String)> {
    let root = crate::align::rootdir_of(cx.runs)?;
    let file = test.split("::").next()?.to_string();
    let abs = root.join(&file).to_string_lossy().into_owned();
    let name = function_of(test).rsplit('.').next()?.to_string();
    let mut src = crate::classify::source::Sources::default();
    let (a, b) = src.named_function_extent(&abs, &name)?;
    let lines = src.lines(&abs)?.clone();
    let n = (a + 1..=b).find(|&n| polluter::sets_by_hand(crate::classify::source::code(&lines[n as usize - 1]), key))?;
    Some((file, n, src.enclosing_name(&abs, n)))
}

/// Line `n` of the polluter `test`'s file when it is a decorator: it runs
/// for what it registers, and the test left the registration behind. (A
/// plain call of a setter, `enable_debug()`, keeps the setter's own line:
/// that is where the process-wide change is made.) (file relative to the
/// rootdir, line, function).
fn for_effect(cx: &Ctx, test: &str, n: u32) -> Option<(String, u32, String)> {
    let root = crate::align::rootdir_of(cx.runs)?;
    let file = test.split("::").next()?.to_string();
    let abs = root.join(&file).to_string_lossy().into_owned();
    let mut src = crate::classify::source::Sources::default();
    let text = src.line_text(&abs, n)?;
    crate::classify::source::code(&text).trim().starts_with('@').then(|| (file, n, src.enclosing_name(&abs, n)))
}

/// `file` relative to pytest's rootdir, as causes name files.
fn relative(cx: &Ctx, file: String) -> String {
    let root = crate::align::rootdir_of(cx.runs);
    root.and_then(|r| std::path::Path::new(&file).strip_prefix(r).ok().map(|p| p.to_string_lossy().into_owned())).unwrap_or(file)
}

/// The function a nodeid names (`Class.test`, parameters dropped).
pub(super) fn function_of(nodeid: &str) -> String {
    let mut parts: Vec<&str> = nodeid.split("::").skip(1).collect();
    if let Some(last) = parts.last_mut() {
        *last = last.split('[').next().unwrap_or(last);
    }
    parts.join(".")
}

fn order_cause(file: String, line: u32, function: String, fix: String, polluter: &str) -> Cause {
    Cause {
        file,
        line,
        function,
        category: Category::OrderDependency,
        confidence: 0.0,
        evidence: String::new(),
        fix,
        polluter: Some(polluter.to_string()),
        basis: Default::default(),
        proven: false,
    }
}

pub fn conclude(cx: &Ctx) -> Vec<Finding> {
    let Some(seq) = sequence(cx) else {
        let (af, an) = cx.counts(&alone(cx.nodeid));
        let head = format!("Experiment: this test alone failed {af} of {}", runs_of(an));
        return super::setter::conclude(cx, &alone(cx.nodeid), ALONE_RUNS, &head);
    };
    let (rf, rn) = cx.counts(&replay(&seq));
    let (af, an) = cx.counts(&alone(cx.nodeid));
    if rn == 0 && an == 0 {
        return vec![];
    }
    let earlier = seq.len() - 1;
    let head = format!(
        "Experiment: the failing order replayed ({earlier} earlier test{} then this one, xdist off) failed {rf} of {}; this test alone failed {af} of {}",
        if earlier == 1 { "" } else { "s" },
        runs_of(rn),
        runs_of(an)
    );
    let Some(matters) = order_matters(cx, &seq) else {
        return vec![Finding { target: Target::OrderCauses, said: head, p: None, verdict: Verdict::Open, tier: 0 }];
    };
    if !matters {
        let needs = super::setter::conclude(cx, &alone(cx.nodeid), ALONE_RUNS, &head);
        if !needs.is_empty() {
            return needs;
        }
        let tail = if af > 0 { "it fails without any earlier test too, so the order is not what decides it" } else { "the failing order does not reproduce it" };
        return vec![Finding { target: Target::OrderCauses, said: format!("{head}: {tail}"), p: None, verdict: if af > 0 { Verdict::Refuted } else { Verdict::Open }, tier: 0 }];
    }
    let pol = match polluter::polluter(cx, &seq, &replay(&seq)) {
        Step::Found(p) => Some(p),
        _ => None,
    };
    let head = match &pol {
        Some(p) => format!("{head}; {}", polluter_said(cx, p)),
        None => head,
    };
    let keys = leaked(cx, &seq, pol.as_ref());
    let tried: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            let (f, n) = cx.counts(&restore(&seq, &k.1, &k.0));
            (n > 0).then(|| format!("{} put back after {}: failed {f} of {}", state_name(&k.0), k.1, runs_of(n)))
        })
        .collect();
    let stopped = |said: String| -> Vec<Finding> {
        match pol.as_ref().map(|p| (p, polluter::culprit(cx, p, &replay(&seq), &alone(cx.nodeid)))) {
            Some((p, Step::Found(c))) => {
                let deep = match polluter::deeper(cx, p, &c, &replay(&seq)) {
                    Step::Found(d) => Some(d),
                    _ => None,
                };
                vec![stopped_finding(cx, p, c, deep, said)]
            }
            _ => vec![Finding { target: Target::OrderCauses, said, p: None, verdict: Verdict::Open, tier: 0 }],
        }
    };
    let Some(key) = proven_key(cx, &seq, &keys) else {
        let said = if keys.is_empty() {
            format!("{head}; no earlier test changed any state flakebpf fingerprints (environment, working directory, module globals, class attributes and memoised functions under the rootdir, files)")
        } else {
            format!("{head}; {}: none of these is the leaked state", tried.join("; "))
        };
        return stopped(said);
    };
    let (kf, kn) = cx.counts(&restore(&seq, &key.1, &key.0));
    // Without the leaked state (alone, or with it put back) against the replays.
    let p = fisher_greater(rf, rn, af + kf, an + kn);
    let said = format!(
        "{head}; {}. {} changed {} from {} to {} (fingerprinted around every test), and with it put back the test passes: that leftover state is the cause (Fisher p = {})",
        tried.join("; "),
        key.1,
        state_name(&key.0),
        key.2,
        key.3,
        super::line::fmt_p(p)
    );
    let Some((file, line, function, test_line)) = watched(cx, &seq, key) else { return stopped(said) };
    let deep = !crate::classify::is_test_code(&relative(cx, file.clone()));
    let (file, line, function, said) = match (by_hand(cx, &key.1, &key.0).filter(|_| deep), test_line.filter(|_| deep).and_then(|n| for_effect(cx, &key.1, n))) {
        (Some((hf, hl, hfun)), _) => {
            let said = format!("{said}; {} sets it by hand at {hf}:{hl}, and nothing puts it back (the code under test changed it last at {}:{line})", key.1, relative(cx, file));
            (hf, hl, hfun, said)
        }
        // the polluter's own decorator line registered it: the test asked
        // for the change and left it
        (None, Some((tf, tl, tfun))) => {
            let said = format!("{said}; the code under test changed it at {}:{line}, called for that effect by {tf}:{tl}, and nothing puts it back", relative(cx, file));
            (tf, tl, tfun, said)
        }
        (None, None) => (file, line, function, said),
    };
    let fix = format!(
        "do not leave {} changed after the test: undo it in a fixture's teardown (or monkeypatch), or give each test its own instance instead of shared state",
        state_name(&key.0)
    );
    let cause = order_cause(relative(cx, file), line, function, fix, &key.1);
    vec![Finding {
        target: Target::New(cause),
        said: format!("{said}; it changed right after this line ran in {}", key.1),
        p: Some(p),
        verdict: Verdict::Proven,
        tier: 0,
    }]
}

/// What the bisection of the earlier tests showed.
fn polluter_said(cx: &Ctx, p: &Polluter) -> String {
    let (f, n) = cx.counts(&Condition::Only { tests: p.run.clone() });
    if p.alone {
        format!("bisecting the earlier tests, it fails right after {} alone (failed {f} of {})", p.test, runs_of(n))
    } else {
        format!("bisecting the earlier tests, {} is the last one it needs before it (with the {} before it)", p.test, p.run.len() - 2)
    }
}

/// The polluter stopped early: the line after which the victim fails, or
/// (`deep`) the line of code under test its calls run after which the
/// victim fails, when that line changes shared state.
fn stopped_finding(cx: &Ctx, p: &Polluter, c: polluter::Culprit, deep: Option<polluter::Deeper>, said: String) -> Finding {
    let fix = "do not leave state changed after the test: undo what this line changes in a fixture's teardown (or monkeypatch), or give each test its own instance instead of shared state".to_string();
    let test_line = c.line;
    let root = crate::align::rootdir_of(cx.runs);
    let mut src = crate::classify::source::Sources::default();
    let abs = |f: &str| root.as_ref().map(|r| r.join(f).to_string_lossy().into_owned()).unwrap_or_else(|| f.to_string());
    // The deeper line is named when it changes shared state as a side effect
    // the test did not ask for by name (a test calling `quiet()` means to
    // change the level; one calling `load()` does not mean to change the
    // decimal context), or asked for only for what the call returns (`page
    // = catalog.apply_promotion(p)` wants the page, not the shared products
    // repriced).
    let test_text = src.line_text(&abs(&relative(cx, c.file.clone())), test_line).unwrap_or_default();
    // A deeper line that runs when its module is imported: the polluter is
    // the first of the process to import it, and a module-level line that
    // captures process state at import (the environment, the working
    // directory, the clock) is what it fixed for every later test.
    let mut import = None;
    let deep = deep.map(|mut d| {
        let a = abs(&d.file);
        let Some(lines) = src.lines(&a).cloned() else { return d };
        if polluter::runs_at_import(&lines, d.line) {
            if let Some(n) = polluter::captured_at_import(&lines) {
                import = Some(n);
                d.line = n;
            }
        }
        d
    });
    let deep = deep.filter(|d| {
        let f = src.enclosing_name(&abs(&d.file), d.line);
        let name = f.rsplit('.').next().unwrap_or("");
        import.is_some() || src.line_text(&abs(&d.file), d.line).is_some_and(|t| polluter::writes_shared_state(&t)) && !(name.len() > 1 && polluter::calls_for_effect(&test_text, name))
    });
    let (ran, not_ran) = deep.as_ref().map_or((c.ran, c.not_ran), |d| (d.ran, d.not_ran));
    let pv = fisher_greater(ran.0, ran.1, not_ran.0, not_ran.1);
    let counts = format!(
        "when it ran before this test, this test failed {} of {}; when it did not (this test alone, or {} stopped before it), {} of {} (Fisher p = {})",
        ran.0,
        runs_of(ran.1),
        p.test,
        not_ran.0,
        runs_of(not_ran.1),
        super::line::fmt_p(pv)
    );
    let (file, line, function, tier, what) = match &deep {
        Some(d) => (
            d.file.clone(),
            d.line,
            src.enclosing_name(&abs(&d.file), d.line),
            0,
            if import.is_some() {
                format!("stopping {} just before its line {test_line} makes it pass, right after it makes it fail; within the calls that line makes, stopping anywhere in the import of {} makes it pass: it is the first test of the process to import that module, and this module-level line captures process state when the module is imported, so whichever test imports it first fixes that value for every later test", p.test, d.file)
            } else if test_line == 0 {
                format!("it fails even when {} is stopped before its first line, so its set-up (fixtures) leaves the state; within the code its set-up runs, stopping just before this line (which changes shared state) makes it pass, right after it makes it fail: this line leaves the state", p.test)
            } else {
                format!("stopping {} just before its line {test_line} makes it pass, right after it makes it fail; within the calls that line makes, stopping just before this line (which changes shared state) makes it pass, right after it makes it fail: this line leaves the state", p.test)
            },
        ),
        None if test_line == 0 => (relative(cx, c.file), c.first, function_of(&p.test), 1, format!("it fails even when {} is stopped before its first line: its set-up (fixtures) leaves the state", p.test)),
        None => (relative(cx, c.file), test_line, function_of(&p.test), 0, format!("stopping {} just before this line makes it pass, right after it makes it fail: this line leaves the state", p.test)),
    };
    // a write into a parameter's mutable default: the default is the state
    let (line, what, fix) = match crate::classify::defaults::writes_mutable_default(&mut src, &abs(&file), line) {
        Some((def, param)) => (
            def,
            format!("{what}; the line writes into the default value of parameter `{param}` of the function defined here, one object shared by every call that does not pass it"),
            format!("do not use a mutable default: default `{param}` to None and make a new object in the function (or copy it before writing)"),
        ),
        None => (line, what, fix),
    };
    let fix = if import.is_some() && deep.is_some() {
        "read that setting when it is used (inside the function), not into a module-level constant at import time, or give the code under test the value explicitly".to_string()
    } else {
        fix
    };
    let cause = order_cause(file, line, function, fix, &p.test);
    Finding {
        target: Target::New(cause),
        said: format!("{said}; {what}: {counts}"),
        p: Some(pv),
        verdict: if pv < super::ALPHA { Verdict::Proven } else { Verdict::Open },
        tier,
    }
}
