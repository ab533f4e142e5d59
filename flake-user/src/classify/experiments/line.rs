//! Experiments at one line: a pause before the line runs (timing, races,
//! held resources, outside-world waits) and the wall clock read from the
//! line's function moved to just before a boundary (time dependency).
//!
//! A pause that changes the fail rate either way shows the outcome depends
//! on when that line runs (a race window or a deadline widens, or a wait
//! now covers the work); a clock edge that makes the test fail more often
//! shows the outcome depends on what time that read sees.

use crate::run::trials::{Condition, Intervention, Note};

use super::{fisher_two_sided, plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

/// Pauses tried, shortest first; the next is tried only when the shorter
/// one showed no effect.
const DELAYS_MS: &[u32] = &[20, 200];
const DELAY_RUNS: u32 = 5;
/// Runs of one pause while its effect is a trend (p < [`TREND`]) but not yet significant.
const MAX_DELAY_RUNS: u32 = 10;
const TREND: f64 = 0.35;
const CLOCK_RUNS: u32 = 4;

fn delay(file: &str, line: u32, ms: u32) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::Delay { file: plugin_path(file), line, ms } }
}

fn clock(file: &str, line: u32) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::ClockEdge { file: plugin_path(file), line } }
}

/// Whether the intervention acted in any of the runs under `c`.
fn reached(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

/// (ms, failed, ran, p) of each pause tried.
fn delay_arms(cx: &Ctx, file: &str, line: u32) -> Vec<(u32, u32, u32, f64, bool)> {
    let (pf, pn) = cx.plain();
    DELAYS_MS
        .iter()
        .map(|&ms| {
            let c = delay(file, line, ms);
            let (f, n) = cx.counts(&c);
            (ms, f, n, if n > 0 && pn > 0 { fisher_two_sided(f, n, pf, pn) } else { 1.0 }, reached(cx, &c))
        })
        .take_while(|a| a.2 > 0)
        .collect()
}

pub fn next_delay(cx: &Ctx, file: &str, line: u32) -> Option<Condition> {
    let (pf, pn) = cx.plain();
    for &ms in DELAYS_MS {
        let c = delay(file, line, ms);
        let ran = cx.of(&c).count() as u32;
        if ran < DELAY_RUNS {
            return Some(c);
        }
        let (f, n) = cx.counts(&c);
        if n == 0 || !reached(cx, &c) {
            return None;
        }
        let p = fisher_two_sided(f, n, pf, pn);
        if p < ALPHA {
            return None;
        }
        // A trend: more runs of this pause before trying a longer one.
        if ran < MAX_DELAY_RUNS && p < TREND {
            return Some(c);
        }
    }
    None
}

pub fn conclude_delay(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let arms = delay_arms(cx, file, line);
    if arms.is_empty() {
        return None;
    }
    let (pf, pn) = cx.plain();
    let target = Target::Line { file: file.to_string(), line };
    if !arms.iter().any(|a| a.4) {
        return Some(Finding {
            target,
            said: format!("Experiment: a pause at this line never happened in {} (the line did not run in them), so nothing was measured there", runs_of(arms.iter().map(|a| a.2).sum())),
            p: None,
            verdict: Verdict::Open,
        });
    }
    let parts: Vec<String> = arms.iter().map(|(ms, f, n, _, _)| format!("pausing {ms} ms before it runs: failed {f} of {}", runs_of(*n))).collect();
    let best = arms.iter().min_by(|a, b| a.3.partial_cmp(&b.3).unwrap_or(std::cmp::Ordering::Equal)).expect("not empty");
    let plain = format!("plain runs: failed {pf} of {}", runs_of(pn));
    let (said, verdict) = if best.3 < ALPHA {
        let dir = if best.1 as f64 / best.2 as f64 > pf as f64 / pn.max(1) as f64 { "more" } else { "less" };
        (
            format!("Experiment: {}; {plain} (Fisher p = {}): the outcome depends on when this line runs — it fails {dir} often when the line is late", parts.join(", "), fmt_p(best.3)),
            Verdict::Proven,
        )
    } else {
        (format!("Experiment: {}; {plain}: no significant change (p = {})", parts.join(", "), fmt_p(best.3)), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(best.3), verdict })
}

pub fn next_clock(cx: &Ctx, file: &str, line: u32) -> Option<Condition> {
    let c = clock(file, line);
    (cx.of(&c).count() < CLOCK_RUNS as usize).then_some(c)
}

pub fn conclude_clock(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let c = clock(file, line);
    let (f, n) = cx.counts(&c);
    if n == 0 {
        return None;
    }
    let (pf, pn) = cx.plain();
    let target = Target::Line { file: file.to_string(), line };
    if !reached(cx, &c) {
        return Some(Finding {
            target,
            said: format!("Experiment: no wall-clock read came from this line's function in {}, so its clock could not be moved", runs_of(n)),
            p: None,
            verdict: Verdict::Open,
        });
    }
    let p = fisher_greater(f, n, pf, pn);
    let head = format!("Experiment: with the wall clock read here moved to just before a day boundary (and so a second, minute and hour boundary) it failed {f} of {}; plain runs: failed {pf} of {}", runs_of(n), runs_of(pn));
    let (said, verdict) = if p < ALPHA {
        (format!("{head} (Fisher p = {}): the outcome depends on what time this read sees", fmt_p(p)), Verdict::Proven)
    } else {
        (format!("{head}: crossing a boundary right after this read does not make it fail more often (p = {})", fmt_p(p)), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict })
}

/// A p-value for people.
pub fn fmt_p(p: f64) -> String {
    if p < 0.001 {
        format!("{p:.0e}")
    } else {
        format!("{p:.3}").trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
