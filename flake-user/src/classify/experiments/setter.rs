//! A brittle test: it fails by itself, and passes only when some other test
//! ran before it and left what it needs (a file written, a registry filled,
//! a setting made) — an order dependency the other way round. Once the
//! order experiment ([`super::order`]) has seen it fail alone every time:
//! 1. the tests a passing run ran before it in its process are cut down by
//!    bisection to the shortest prefix after which it passes: the last of
//!    them is the state-setter, and that test then this one, run again,
//!    confirms it;
//! 2. the lines its own function runs when it fails alone are written down:
//!    the last is where it needs what it never makes itself, the line to fix
//!    (make the state there, or in a fixture, instead of relying on the
//!    setter running first).

use crate::report::{Category, Cause};
use crate::run::trials::{Condition, Intervention, Note};

use super::polluter::{self, Probe, Step};
use super::{runs_of, Ctx, Finding, Target, Verdict};
use crate::classify::stats::fisher_greater;

/// Runs per bisection probe: it never passes without the setter, so one
/// pass is an answer.
const PROBE_RUNS: u32 = 1;
/// Runs of the setter then the test that confirm it.
const CONFIRM_RUNS: u32 = 3;

/// Whether the test is brittle: it failed in each of at least `min` runs
/// alone (`alone`) and passed in some of the observed runs.
pub fn brittle(cx: &Ctx, alone: &Condition, min: u32) -> bool {
    let (af, an) = cx.counts(alone);
    let (pf, pn) = cx.plain();
    an >= min && af == an && pf < pn
}

fn lines(victim: &str) -> Condition {
    Condition::Intervene { tests: vec![victim.to_string()], what: Intervention::Lines { test: victim.to_string() } }
}

/// What the bisection found: the tests to run before this one (the setter
/// last), once confirmed.
fn setter(cx: &Ctx) -> Step<Vec<String>> {
    let Some(seq) = super::order::sequence_of(cx, false) else { return Step::None };
    let earlier = seq.len() - 1;
    // fails after none of the earlier tests (alone), passes after all of them (as observed)
    let hi = match polluter::first_hit(cx, 0, earlier as isize, PROBE_RUNS, true, |k| polluter::prefix(&seq, k as usize)) {
        Step::Found(hi) => hi as usize,
        Step::Next(c) => return Step::Next(c),
        Step::None => return Step::None,
    };
    let pair = vec![seq[hi - 1].clone(), cx.nodeid.to_string()];
    let Condition::Only { tests: needed } = polluter::prefix(&seq, hi) else { return Step::None };
    // the setter alone before it, else with the tests it needs before it:
    // it passes every time after them (a failure says it is not what decides)
    for run in [pair, needed] {
        let c = Condition::Only { tests: run.clone() };
        let (f, n) = cx.counts(&c);
        match polluter::probe_for(cx, c.clone(), CONFIRM_RUNS, true) {
            Probe::Passes if f > 0 => return Step::None,
            Probe::Passes if n >= CONFIRM_RUNS => return Step::Found(run),
            Probe::Passes | Probe::Pending(_) => return Step::Next(c),
            Probe::Fails | Probe::Unknown => {}
        }
    }
    Step::None
}

/// The next run the search needs, once the order experiment's runs alone
/// are done (`alone`, at least `min`): none unless the test is brittle.
pub fn next(cx: &Ctx, alone: &Condition, min: u32) -> Option<Condition> {
    if (cx.of(alone).count() as u32) < min {
        return Some(alone.clone());
    }
    if !brittle(cx, alone, min) {
        return None;
    }
    match setter(cx) {
        Step::Next(c) => Some(c),
        Step::Found(_) => {
            let l = lines(cx.nodeid);
            (cx.of(&l).count() == 0).then_some(l)
        }
        Step::None => None,
    }
}

/// (file, first line, lines run) of the test's own function when it ran alone.
fn recorded(cx: &Ctx) -> Option<(String, u32, Vec<u32>)> {
    cx.of(&lines(cx.nodeid)).flat_map(|t| t.notes.iter()).find_map(|n| match n {
        Note::Lines { test, file, first, lines } if test == cx.nodeid => Some((file.clone(), *first, lines.clone())),
        _ => None,
    })
}

/// In the observed runs: (failed, ran) when `setter` ran before the test
/// in its process, and when it did not.
fn observed_split(cx: &Ctx, setter: &str) -> ((u32, u32), (u32, u32)) {
    let (mut with, mut without) = ((0, 0), (0, 0));
    for r in cx.runs {
        let Some(v) = r.outcome(cx.nodeid) else { continue };
        let before = r.outcomes.iter().any(|o| o.nodeid == setter && o.pid == v.pid && o.order.zip(v.order).is_some_and(|(a, b)| a < b));
        let side = if before { &mut with } else { &mut without };
        side.0 += v.outcome.is_bad() as u32;
        side.1 += 1;
    }
    (with, without)
}

/// What the search showed, after `head` (the order experiment's sentence);
/// empty when the test is not brittle or no setter was found.
pub fn conclude(cx: &Ctx, alone: &Condition, min: u32, head: &str) -> Vec<Finding> {
    if !brittle(cx, alone, min) {
        return vec![];
    }
    let Step::Found(run) = setter(cx) else { return vec![] };
    let Some((file, first, seen)) = recorded(cx) else { return vec![] };
    let setter = run[run.len() - 2].clone();
    let (af, an) = cx.counts(alone);
    let (lf, ln) = cx.counts(&lines(cx.nodeid));
    let (sf, sn) = cx.counts(&Condition::Only { tests: run.clone() });
    let (with, without) = observed_split(cx, &setter);
    let p = fisher_greater(af + lf, an + ln, sf, sn);
    // the observed runs must agree: without the setter before it, it failed
    // every time, and it passed after it
    if without.1 == 0 || without.0 < without.1 || with.0 == with.1 || p >= super::ALPHA {
        return vec![];
    }
    let line = seen.last().copied().unwrap_or(first);
    let before = if run.len() > 2 { format!(" (with the {} test{} it needs before it)", run.len() - 2, if run.len() == 3 { "" } else { "s" }) } else { String::new() };
    let said = format!(
        "{head}: it fails without any earlier test, every time. Bisecting the tests a passing run ran before it, {setter} is the one it needs: run right before it{before} it failed {sf} of {} (Fisher p = {} against alone); in the observed runs it failed {} of {} when {setter} ran before it in its process and {} of {} when not (no failing run had it before). It needs state that test leaves (a file, a registered object, a setting) and never makes it itself: run alone, this is the last line of its own it reaches",
        runs_of(sn),
        super::line::fmt_p(p),
        with.0,
        runs_of(with.1),
        without.0,
        runs_of(without.1),
    );
    let root = crate::align::rootdir_of(cx.runs);
    let rel = root.and_then(|r| std::path::Path::new(&file).strip_prefix(r).ok().map(|p| p.to_string_lossy().into_owned())).unwrap_or(file);
    let cause = Cause {
        file: rel,
        line,
        function: super::order::function_of(cx.nodeid),
        category: Category::OrderDependency,
        confidence: 0.0,
        evidence: String::new(),
        fix: format!("make this test create what it uses here itself (in its own body or a fixture), instead of relying on {setter} having run before it"),
        polluter: Some(setter),
        basis: Default::default(),
        proven: false,
    };
    vec![Finding { target: Target::New(cause), said, p: Some(p), verdict: Verdict::Proven, tier: 0 }]
}
