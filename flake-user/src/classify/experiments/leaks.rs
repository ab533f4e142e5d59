//! The experiment for an early way out that keeps a taken slot (see
//! [`crate::classify::leaks`]): just before that line, the function's own
//! statement that gives the slot back is run in its frame. Fewer failures
//! than in plain runs proves the slot lost there is what fails the test.

use crate::run::trials::{Condition, Intervention, Note};

use super::{plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

const RUNS: u32 = 5;
const MAX_RUNS: u32 = 15;
const TREND: f64 = 0.5;

fn arm(file: &str, line: u32, release: u32) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::GiveBack { file: plugin_path(file), line, release } }
}

fn acted(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

/// p that giving the slot back makes it fail less often than plain runs.
fn p_fewer(cx: &Ctx, c: &Condition) -> f64 {
    let (f, n) = cx.counts(c);
    let (pf, pn) = cx.plain();
    if n == 0 {
        return 1.0;
    }
    fisher_greater(pf, pn, f, n)
}

pub fn next(cx: &Ctx, file: &str, line: u32, release: u32) -> Option<Condition> {
    let c = arm(file, line, release);
    let ran = cx.of(&c).count() as u32;
    if ran == 0 {
        return Some(c);
    }
    // that way out may be taken only in the runs that would fail: it is
    // given up for untaken only after a full arm
    if !acted(cx, &c) && ran >= RUNS {
        return None;
    }
    let p = p_fewer(cx, &c);
    (ran < RUNS || ((ALPHA..TREND).contains(&p) && ran < MAX_RUNS)).then_some(c)
}

pub fn conclude(cx: &Ctx, file: &str, line: u32, release: u32) -> Option<Finding> {
    let c = arm(file, line, release);
    let (f, n) = cx.counts(&c);
    if n == 0 {
        return None;
    }
    let target = Target::Line { file: file.to_string(), line };
    if !acted(cx, &c) {
        return Some(Finding {
            target,
            said: format!("Experiment: this way out was not taken in {}, so nothing could be given back there", runs_of(n)),
            p: None,
            verdict: Verdict::Open,
            tier: 0,
        });
    }
    let (pf, pn) = cx.plain();
    let p = p_fewer(cx, &c);
    let head = format!("Experiment: with line {release}'s statement (what gives the slot back) run just before this line, it failed {f} of {}; plain runs: failed {pf} of {}", runs_of(n), runs_of(pn));
    let (said, verdict) = if p < ALPHA {
        (format!("{head} (Fisher p = {}): the slot this way out keeps is what the test runs short of", super::line::fmt_p(p)), Verdict::Proven)
    } else {
        (format!("{head}: giving it back there does not make it fail less often (p = {})", super::line::fmt_p(p)), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}
