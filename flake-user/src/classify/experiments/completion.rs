//! The experiment for a line that takes results in completion order as if
//! they came in input order (see [`crate::classify::completion`]): the
//! results at that line are handed out in the order the work was handed in,
//! then in the reverse order. Fewer failures in input order, or more in the
//! reverse, proves the order decides the outcome; an arm whose first run
//! never acted (the line made no such call) is dropped.

use crate::run::trials::{Condition, Intervention, Note};

use super::{fisher_two_sided, plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

/// Runs per arm.
const ARM_RUNS: u32 = 4;

fn arms(file: &str, line: u32) -> [Condition; 2] {
    let file = plugin_path(file);
    [false, true].map(|reverse| Condition::Intervene { tests: vec![], what: Intervention::InOrder { file: file.clone(), line, reverse } })
}

fn acted(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

pub fn next(cx: &Ctx, file: &str, line: u32) -> Option<Condition> {
    for c in arms(file, line) {
        let ran = cx.of(&c).count() as u32;
        if ran == 0 {
            return Some(c);
        }
        if !acted(cx, &c) {
            return None; // the line handed out nothing in completion order
        }
        if ran < ARM_RUNS {
            return Some(c);
        }
    }
    None
}

pub fn conclude(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let [fwd, rev] = arms(file, line);
    let (ff, fnr) = cx.counts(&fwd);
    if fnr == 0 {
        return None;
    }
    let target = Target::Line { file: file.to_string(), line };
    if !acted(cx, &fwd) {
        return Some(Finding {
            target,
            said: "Experiment: this line handed out no results in completion order in the experiment runs, so their order could not be changed".into(),
            p: None,
            verdict: Verdict::Open,
            tier: 0,
        });
    }
    let (rf, rn) = cx.counts(&rev);
    let (pf, pn) = cx.plain();
    // input order: fewer failures; the reverse: more
    let p_fwd = fisher_greater(pf, pn, ff, fnr);
    let p_rev = if rn > 0 { fisher_greater(rf, rn, pf, pn) } else { 1.0 };
    let p = p_fwd.min(p_rev);
    let mut parts = vec![format!("results in input order: failed {ff} of {}", runs_of(fnr))];
    if rn > 0 {
        parts.push(format!("in the reverse order: failed {rf} of {}", runs_of(rn)));
    }
    let head = format!("Experiment: {}; plain runs: failed {pf} of {}", parts.join(", "), runs_of(pn));
    let (said, verdict) = if p < ALPHA {
        (format!("{head} (Fisher p = {}): the outcome depends on the order in which the work finishes, which this line takes for the order it was handed in", super::line::fmt_p(p)), Verdict::Proven)
    } else {
        let two = fisher_two_sided(ff, fnr, pf, pn);
        (format!("{head}: the order does not change the outcome (p = {})", super::line::fmt_p(two.min(p))), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}
