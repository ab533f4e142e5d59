//! Experiments at one line: for timing, races, held resources and
//! outside-world waits, the waits of the line's function stretched or
//! shrunk, then a pause before the line runs; for time dependency, the wall
//! clock read from the line's function moved to just before a boundary;
//! for a clock read that opens a window (a deadline, an expiry), that read
//! moved later.
//!
//! The arms are tried in order. An arm whose first run never acted (the
//! function asked for no wait, the line did not run) is dropped after that
//! run; otherwise it gets [`ARM_RUNS`] runs, more while its effect is a
//! trend, and the first arm with a significant effect (two-sided Fisher test
//! against the plain runs) proves the line: the outcome depends on how long
//! that function waits, or on when that line runs. A clock edge that makes
//! the test fail more often shows the outcome depends on what time the read
//! sees.

use crate::run::trials::{Condition, Intervention, Note};

use super::{fisher_two_sided, plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

/// Runs of an arm that acted.
const ARM_RUNS: u32 = 5;
/// Runs of one arm while its effect is a trend (p < [`TREND`]) but not yet significant.
const MAX_ARM_RUNS: u32 = 15;
const TREND: f64 = 0.5;
const CLOCK_RUNS: u32 = 4;
const MAX_CLOCK_RUNS: u32 = 10;

/// The arms for a line, in the order tried: waits ×8, waits ×1/8, pauses of 20 and 200 ms.
pub fn arms(file: &str, line: u32) -> Vec<Condition> {
    let file = plugin_path(file);
    let mut out: Vec<Intervention> = [800, 12].iter().map(|&percent| Intervention::Waits { file: file.clone(), line, percent }).collect();
    out.extend([20, 200].iter().map(|&ms| Intervention::Delay { file: file.clone(), line, ms }));
    out.into_iter().map(|what| Condition::Intervene { tests: vec![], what }).collect()
}

/// The arms for a line whose cause is `decides`: for a timed wait for a
/// held resource, that wait's own timeout ×8 and ×1/8 first (the other
/// waits of its function may be the holder's work: a decorator's
/// semaphore guards the call it wraps), then [`arms`].
pub fn timing_arms(file: &str, line: u32, decides: Decides) -> Vec<Condition> {
    let mut out: Vec<Condition> = vec![];
    if decides == Decides::Timeout {
        let f = plugin_path(file);
        out.extend([800, 12].iter().map(|&percent| Condition::Intervene { tests: vec![], what: Intervention::LineWaits { file: f.clone(), line, percent } }));
    }
    out.extend(arms(file, line));
    out
}

/// The arms for the await at `at`: the waits under it ×8 and ×1/8 (a
/// coroutine is only interleaved while it awaits, so how long that await
/// lasts is the width of the window; a pause would stop the whole loop).
///
/// What a generator holds across its `yield` has no wait under that line
/// (its consumer's waits run while it is suspended): it is held longer by a
/// pause at the `yield`, which is its one arm; other holders get that pause
/// after the stretched waits.
pub fn window_arms(file: &str, at: u32, holder: Hold) -> Vec<Condition> {
    let file = plugin_path(file);
    let mut out: Vec<Intervention> = vec![];
    if holder != Hold::Yield {
        out.extend([800, 12].iter().map(|&percent| Intervention::AwaitWaits { file: file.clone(), line: at, percent }));
    }
    if holder != Hold::No {
        out.push(Intervention::Delay { file: file.clone(), line: at, ms: 20 });
    }
    out.into_iter().map(|what| Condition::Intervene { tests: vec![], what }).collect()
}

/// Whether a window holds a resource across the line it is widened at, and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hold {
    /// State read before the line and used after it: nothing held.
    No,
    /// A resource a `with` block took, across a slow call.
    Across,
    /// A resource a generator's `with` block took, across its `yield`.
    Yield,
}

fn clock(cx: &Ctx, file: &str, line: u32, after: bool) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::ClockEdge { file: plugin_path(file), line, test: cx.nodeid.to_string(), after } }
}

/// Whether the intervention acted in any of the runs under `c`.
fn reached(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

/// An arm as measured: (condition, failed, ran, p against the plain runs,
/// whether that effect proves the line, acted).
struct Arm {
    c: Condition,
    f: u32,
    n: u32,
    p: f64,
    proves: bool,
    acted: bool,
}

/// (p, proves) of `f` failures in `n` runs under `c` against `pf` of `pn`
/// plain. Changing the waits of the line's function proves it either way;
/// stretching the waits under a call a window is held across, only the way
/// the window predicts.
/// A pause proves the line when it makes the test fail more often (it
/// widened the window at that line), or when it removes the failures
/// altogether: pausing anywhere in racing code tends to lower a fail rate
/// somewhat, so a mere drop says little about that line.
fn effect(c: &Condition, f: u32, n: u32, pf: u32, pn: u32) -> (f64, bool) {
    let two = fisher_two_sided(f, n, pf, pn);
    match c {
        // state or a resource held across a call: held longer, more
        // failures; shorter, fewer. The other way round is a deadline under
        // that call, not the window.
        Condition::Intervene { what: Intervention::AwaitWaits { percent, .. }, .. } => {
            let p = if *percent > 100 { fisher_greater(f, n, pf, pn) } else { fisher_greater(n - f, n, pn - pf, pn) };
            (p, p < ALPHA)
        }
        // a window opened later lasts longer: fewer failures
        Condition::Intervene { what: Intervention::ClockShift { .. }, .. } => {
            let p = fisher_greater(n - f, n, pn - pf, pn);
            (p, p < ALPHA)
        }
        Condition::Intervene { what: Intervention::Delay { .. }, .. } => {
            let up = fisher_greater(f, n, pf, pn);
            if up < ALPHA {
                (up, true)
            } else {
                (two, f == 0 && two < ALPHA)
            }
        }
        _ => (two, two < ALPHA),
    }
}

fn measured(cx: &Ctx, arms: Vec<Condition>) -> Vec<Arm> {
    let (pf, pn) = cx.plain();
    arms.into_iter()
        .map(|c| {
            let (f, n) = cx.counts(&c);
            let (p, proves) = if n > 0 && pn > 0 { effect(&c, f, n, pf, pn) } else { (1.0, false) };
            let acted = reached(cx, &c);
            Arm { c, f, n, p, proves, acted }
        })
        .filter(|a| a.n > 0)
        .collect()
}

/// The next run of the first arm of `arms` still to measure.
pub fn next_arm(cx: &Ctx, arms: Vec<Condition>) -> Option<Condition> {
    let (pf, pn) = cx.plain();
    for c in arms {
        let ran = cx.of(&c).count() as u32;
        if ran == 0 {
            return Some(c);
        }
        if !reached(cx, &c) {
            continue; // this arm never acts here
        }
        let (f, n) = cx.counts(&c);
        if n > 0 && effect(&c, f, n, pf, pn).1 {
            return None;
        }
        let p = match &c {
            // one way only: a trend the other way is no trend
            Condition::Intervene { what: Intervention::ClockShift { .. }, .. } if n > 0 => effect(&c, f, n, pf, pn).0,
            _ if n > 0 => fisher_two_sided(f, n, pf, pn).min(fisher_greater(f, n, pf, pn)),
            _ => 1.0,
        };
        if ran < ARM_RUNS || (ran < MAX_ARM_RUNS && p < TREND) {
            return Some(c);
        }
    }
    None
}

/// How a proof says a function's waits are a deadline (or a timeout) the
/// run must meet: longer waits, fewer failures; shorter, more.
pub const DEADLINE_SAID: &str = "the longer it waits, the less often it fails";
/// How a proof says a function's waits are work on the critical path.
pub const WORK_SAID: &str = "the longer it waits, the more often it fails";

/// What a cause at a line says decides the outcome, for how specifically
/// a changed wait proves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decides {
    /// A timed wait for a held resource: too short a timeout.
    Timeout,
    /// A holder keeping a resource across the slow call it makes.
    Holder,
    /// A line on the critical path or in a race window.
    Path,
    /// The far end of a window the runs showed (a file truncated and not
    /// yet written, a socket bound and not yet listening, a lock held while
    /// waiting for another): widening it and seeing more failures is the
    /// mechanism itself.
    Window,
    /// A wait in timing-dependent code: a deadline when longer waits make
    /// failures rarer (or shorter ones commoner); the work that outlasts a
    /// deadline elsewhere when longer waits make them commoner.
    Deadline,
}

/// What `arms` showed about the cause at `file:line`.
pub fn conclude_arms(cx: &Ctx, arms: Vec<Condition>, file: &str, line: u32, decides: Decides) -> Option<Finding> {
    let arms = measured(cx, arms);
    if arms.is_empty() {
        return None;
    }
    let (pf, pn) = cx.plain();
    let target = Target::Line { file: file.to_string(), line };
    let acted: Vec<&Arm> = arms.iter().filter(|a| a.acted).collect();
    if acted.is_empty() {
        return Some(Finding {
            target,
            said: "Experiment: this line never ran and its function asked for no wait in the experiment runs, so nothing could be changed there".into(),
            p: None,
            verdict: Verdict::Open,
            tier: 0,
        });
    }
    let parts: Vec<String> = acted.iter().map(|a| format!("{}: failed {} of {}", arm_name(&a.c, line), a.f, runs_of(a.n))).collect();
    let by_p = |a: &&&Arm, b: &&&Arm| a.p.partial_cmp(&b.p).unwrap_or(std::cmp::Ordering::Equal);
    let best = acted.iter().filter(|a| a.proves).min_by(by_p).or_else(|| acted.iter().min_by(by_p)).expect("not empty");
    let plain = format!("plain runs: failed {pf} of {}", runs_of(pn));
    let (said, verdict) = if best.proves {
        let more = best.f as f64 / best.n as f64 > pf as f64 / pn.max(1) as f64;
        let what = match &best.c {
            Condition::Intervene { what: Intervention::LineWaits { percent, .. }, .. } => format!(
                "the outcome depends on how long this line waits: {}",
                if (*percent > 100) == more { WORK_SAID } else { DEADLINE_SAID }
            ),
            Condition::Intervene { what: Intervention::Waits { percent, .. }, .. } => format!(
                "the outcome depends on how long this function waits: {}",
                if (*percent > 100) == more { WORK_SAID } else { DEADLINE_SAID }
            ),
            Condition::Intervene { what: Intervention::AwaitWaits { percent, line: at, .. }, .. } if decides == Decides::Holder => format!(
                "the outcome depends on how long the resource is held across the call at line {at}: with that call {} the test fails {} often",
                if *percent > 100 { "longer" } else { "shorter" },
                if more { "more" } else { "less" }
            ),
            Condition::Intervene { what: Intervention::AwaitWaits { percent, line: at, .. }, .. } => format!(
                "the outcome depends on how long the call at line {at} lasts, while other tasks or threads run: with it {} the test fails {} often",
                if *percent > 100 { "longer" } else { "shorter" },
                if more { "more" } else { "less" }
            ),
            Condition::Intervene { what: Intervention::Delay { line: at, .. }, .. } if decides == Decides::Holder => format!(
                "the outcome depends on how long the resource is held at line {at}: paused there, the test fails {} often",
                if more { "more" } else { "less" }
            ),
            Condition::Intervene { what: Intervention::Delay { line: at, .. }, .. } if decides == Decides::Window => format!(
                "the outcome depends on how long the window from this line to line {at} stays open: held open longer, the test fails {} often",
                if more { "more" } else { "less" }
            ),
            _ => format!("the outcome depends on when this line runs: when it runs late the test fails {} often", if more { "more" } else { "less" }),
        };
        (format!("Experiment: {}; {plain} (Fisher p = {}): {what}", parts.join(", "), fmt_p(best.p)), Verdict::Proven)
    } else if best.p < ALPHA {
        (format!("Experiment: {}; {plain} (p = {}): a pause here makes it fail less often but not never, as pausing anywhere in racing code can, so this does not single out the line", parts.join(", "), fmt_p(best.p)), Verdict::Open)
    } else {
        (format!("Experiment: {}; {plain}: no significant change (p = {})", parts.join(", "), fmt_p(best.p)), Verdict::Refuted)
    };
    // How specifically the proof points at this line: for a timed wait on
    // a held resource, a timeout too short (shorter: more failures; longer:
    // fewer) is the decision itself, and so is, for a holder, holding
    // longer (more failures) or shorter (fewer); otherwise changed waits (a poll
    // interval, a sleep) or a pause that raises failures show the line is on
    // the critical path or in the race window; a pause that ends them, or
    // shorter waits that lower them, say least.
    let more = best.f as f64 / best.n.max(1) as f64 > pf as f64 / pn.max(1) as f64;
    let tier = match &best.c {
        Condition::Intervene { what: Intervention::Waits { percent, .. } | Intervention::LineWaits { percent, .. }, .. } if decides == Decides::Timeout && (*percent < 100) == more => 0,
        Condition::Intervene { what: Intervention::LineWaits { percent, .. }, .. } if (*percent < 100) == more => 1,
        Condition::Intervene { what: Intervention::LineWaits { .. }, .. } => 2,
        Condition::Intervene { what: Intervention::AwaitWaits { percent, .. }, .. } if decides == Decides::Holder && (*percent < 100) != more => 0,
        Condition::Intervene { what: Intervention::Delay { .. }, .. } if matches!(decides, Decides::Window | Decides::Holder) && more => 0,
        Condition::Intervene { what: Intervention::Waits { percent, .. }, .. } if decides == Decides::Window && *percent > 100 && more => 0,
        Condition::Intervene { what: Intervention::Waits { percent, .. }, .. } if (*percent < 100) == more => 1,
        Condition::Intervene { what: Intervention::Waits { .. }, .. } if decides == Decides::Deadline => 2,
        Condition::Intervene { what: Intervention::Waits { .. } | Intervention::AwaitWaits { .. }, .. } => 1,
        Condition::Intervene { what: Intervention::Delay { .. }, .. } if more => 1,
        _ => 2,
    };
    Some(Finding { target, said, p: Some(best.p), verdict, tier })
}

fn arm_name(c: &Condition, target: u32) -> String {
    match c {
        Condition::Intervene { what: Intervention::Waits { percent, .. }, .. } => {
            if *percent >= 100 { format!("its waits {}× as long", percent / 100) } else { format!("its waits at {percent} %") }
        }
        Condition::Intervene { what: Intervention::LineWaits { percent, .. }, .. } => {
            if *percent >= 100 { format!("its own timeout {}× as long", percent / 100) } else { format!("its own timeout at {percent} %") }
        }
        Condition::Intervene { what: Intervention::AwaitWaits { percent, line, .. }, .. } => {
            if *percent >= 100 { format!("the waits under the call at line {line} {}× as long", percent / 100) } else { format!("the waits under the call at line {line} at {percent} %") }
        }
        Condition::Intervene { what: Intervention::Delay { ms, line, .. }, .. } if *line != target => format!("a {ms} ms pause before line {line} runs"),
        Condition::Intervene { what: Intervention::Delay { ms, .. }, .. } => format!("a {ms} ms pause before it runs"),
        other => other.describe(""),
    }
}

/// The next run of the clock arms at a line: just before a second
/// boundary (the reads that follow cross it), then, unless that proved the
/// line, just after one (the reads of the next second share it: names,
/// buckets or keys made from whole seconds collide).
pub fn next_clock(cx: &Ctx, file: &str, line: u32) -> Option<Condition> {
    let (pf, pn) = cx.plain();
    for after in [false, true] {
        let c = clock(cx, file, line, after);
        let ran = cx.of(&c).count() as u32;
        if ran < CLOCK_RUNS {
            return Some(c);
        }
        if !reached(cx, &c) {
            return None;
        }
        // A trend gets more runs; a high plain fail rate needs them.
        let (f, n) = cx.counts(&c);
        let p = fisher_greater(f, n, pf, pn);
        if p < ALPHA {
            return None;
        }
        if p < TREND && ran < MAX_CLOCK_RUNS {
            return Some(c);
        }
    }
    None
}

/// A clock experiment whose runs never read the clock where it acts.
fn unmoved(target: Target, why: String) -> Finding {
    Finding { target, said: format!("Experiment: {why}"), p: None, verdict: Verdict::Open, tier: 0 }
}

pub fn conclude_clock(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let before = clock(cx, file, line, false);
    let (f, n) = cx.counts(&before);
    if n == 0 {
        return None;
    }
    let (pf, pn) = cx.plain();
    let target = Target::Line { file: file.to_string(), line };
    if !reached(cx, &before) {
        return Some(unmoved(target, format!("no wall-clock read came from this line's function in {}, so its clock could not be moved", runs_of(n))));
    }
    let p = fisher_greater(f, n, pf, pn);
    let mut head = format!("Experiment: with the wall clock read here moved to just before the next second boundary (by less than a second; later reads keep pace) it failed {f} of {}", runs_of(n));
    let after = clock(cx, file, line, true);
    let (af, an) = cx.counts(&after);
    let ap = if an > 0 { fisher_greater(af, an, pf, pn) } else { 1.0 };
    if an > 0 {
        head.push_str(&format!("; moved to just after one (the reads of the next second then share its second) it failed {af} of {}", runs_of(an)));
    }
    head.push_str(&format!("; plain runs: failed {pf} of {}", runs_of(pn)));
    let (said, p, verdict) = if p < ALPHA {
        (format!("{head} (Fisher p = {}): the outcome depends on what time this read sees", fmt_p(p)), p, Verdict::Proven)
    } else if ap < ALPHA {
        (format!("{head} (Fisher p = {}): the outcome depends on what time this read sees: later reads in the same second as this one make it fail", fmt_p(ap)), ap, Verdict::Proven)
    } else {
        let none = if an > 0 { "neither a boundary right after this read nor one just before it makes it fail more often" } else { "crossing a boundary right after this read does not make it fail more often" };
        (format!("{head}: {none} (p = {})", fmt_p(p.min(ap))), p.min(ap), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}

/// How far a clock read that opens a window is moved later.
pub const SHIFT_MS: i32 = 2000;
/// How a proof says a clock read opens a window (a deadline, an expiry)
/// too short for what happens in it.
pub const WINDOW_SAID: &str = "the window this read opens (a deadline, an expiry) is too short for what happens in it";

fn shifted(file: &str, line: u32) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::ClockShift { file: plugin_path(file), line, ms: SHIFT_MS } }
}

/// The arm for a clock read that opens a window (`deadline =
/// time.monotonic() + budget`): that read, and no other, moved
/// [`SHIFT_MS`] later, so the window lasts that much longer.
pub fn shift_arms(file: &str, line: u32) -> Vec<Condition> {
    vec![shifted(file, line)]
}

/// What moving the clock read at `file:line` later showed: fewer failures
/// prove the window it opens decides the outcome (as specifically as a
/// changed timeout: what the line reads is what changed).
pub fn conclude_shift(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let c = shifted(file, line);
    let (f, n) = cx.counts(&c);
    if n == 0 {
        return None;
    }
    let (pf, pn) = cx.plain();
    let target = Target::Line { file: file.to_string(), line };
    if !reached(cx, &c) {
        return Some(unmoved(target, format!("no clock read came from this line in {}, so the window it opens could not be moved", runs_of(n))));
    }
    let fewer = fisher_greater(n - f, n, pn - pf, pn);
    let head = format!(
        "Experiment: with the clock read at this line moved {} s later (every other read left alone, so the window it opens lasts that much longer) it failed {f} of {}; plain runs: failed {pf} of {}",
        SHIFT_MS as f64 / 1000.0,
        runs_of(n),
        runs_of(pn)
    );
    let (said, p, verdict) = if fewer < ALPHA {
        (format!("{head} (Fisher p = {}): {WINDOW_SAID}: {DEADLINE_SAID}", fmt_p(fewer)), fewer, Verdict::Proven)
    } else {
        (format!("{head}: a longer window does not make it fail less often (p = {})", fmt_p(fewer)), fewer, Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}

/// A p-value for people.
pub fn fmt_p(p: f64) -> String {
    if p < 0.001 {
        format!("{p:.0e}")
    } else {
        format!("{p:.3}").trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
