//! The experiments for a line that takes results in completion order as if
//! they came in input order (see [`crate::classify::completion`]): the
//! results at that line are handed out in the order the work was handed in,
//! then in the reverse order; and for a line where tasks store their results
//! in whatever order they finish: the tasks are made to finish in the order
//! they were started, then in the reverse. More failures in the reverse
//! order than in order proves the order decides the outcome (each arm also
//! changes how long the work takes, so only the two against each other
//! single out the order); an arm whose first run never acted (the line made
//! no such call) is dropped.

use crate::run::trials::{Condition, Intervention, Note};

use super::{fisher_two_sided, plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

/// Runs per arm.
const ARM_RUNS: u32 = 4;

/// What is put in order, and where.
#[derive(Clone, Copy)]
pub enum Ordered {
    /// The results a call at the line hands out.
    Results,
    /// The tasks the call at line `at` starts.
    Tasks { at: u32 },
    /// The directory listing made at the line (see
    /// [`crate::classify::listings`]): sorted by name, and in reverse.
    Listing,
}

fn arms(file: &str, line: u32, what: Ordered) -> [Condition; 2] {
    let file = plugin_path(file);
    [false, true].map(|reverse| Condition::Intervene {
        tests: vec![],
        what: match what {
            Ordered::Results => Intervention::InOrder { file: file.clone(), line, reverse },
            Ordered::Tasks { at } => Intervention::TaskOrder { file: file.clone(), line: at, reverse },
            Ordered::Listing => Intervention::ListingOrder { file: file.clone(), line, reverse },
        },
    })
}

fn acted(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

/// Runs per arm while the effect is a trend but not yet significant.
const MAX_ARM_RUNS: u32 = 8;
const TREND: f64 = 0.5;

/// p of the effect: the reverse order fails more often than the order the
/// work was handed in. Each arm also changes how long the work takes (the
/// task arms replace its sleeps), so only the two arms against each other
/// single out the order; before the reverse arm ran, in order against plain.
fn effect(ff: u32, fnr: u32, rf: u32, rn: u32, pf: u32, pn: u32) -> f64 {
    if rn == 0 {
        return fisher_greater(pf, pn, ff, fnr);
    }
    fisher_greater(rf, rn, ff, fnr)
}

/// p of the effect for a listing: name order and its reverse differ,
/// either way (which order is right depends on the names), each against
/// the other only.
fn listing_effect(ff: u32, fnr: u32, rf: u32, rn: u32) -> f64 {
    if rn == 0 || fnr == 0 {
        return 1.0;
    }
    fisher_two_sided(ff, fnr, rf, rn)
}

fn p_of(what: Ordered, (ff, fnr): (u32, u32), (rf, rn): (u32, u32), (pf, pn): (u32, u32)) -> f64 {
    match what {
        Ordered::Listing => listing_effect(ff, fnr, rf, rn),
        _ => effect(ff, fnr, rf, rn, pf, pn),
    }
}

pub fn next(cx: &Ctx, file: &str, line: u32, what: Ordered) -> Option<Condition> {
    let [fwd, rev] = arms(file, line, what);
    for c in [&fwd, &rev] {
        let ran = cx.of(c).count() as u32;
        if ran == 0 {
            return Some(c.clone());
        }
        if !acted(cx, c) {
            return None; // the line handed out nothing in completion order
        }
        if ran < ARM_RUNS {
            return Some(c.clone());
        }
    }
    // both measured: more runs of each while the effect is a trend
    let p = p_of(what, cx.counts(&fwd), cx.counts(&rev), cx.plain());
    if (ALPHA..TREND).contains(&p) {
        return [fwd, rev].into_iter().filter(|c| (cx.of(c).count() as u32) < MAX_ARM_RUNS).min_by_key(|c| cx.of(c).count());
    }
    None
}

pub fn conclude(cx: &Ctx, file: &str, line: u32, what: Ordered) -> Option<Finding> {
    let [fwd, rev] = arms(file, line, what);
    let (ff, fnr) = cx.counts(&fwd);
    if fnr == 0 {
        return None;
    }
    let target = Target::Line { file: file.to_string(), line };
    if !acted(cx, &fwd) {
        return Some(Finding {
            target,
            said: match what {
                Ordered::Listing => "Experiment: this line listed no directory in the experiment runs, so the listing's order could not be changed".into(),
                _ => "Experiment: this line handed out no results in completion order in the experiment runs, so their order could not be changed".into(),
            },
            p: None,
            verdict: Verdict::Open,
            tier: 0,
        });
    }
    let (rf, rn) = cx.counts(&rev);
    let (pf, pn) = cx.plain();
    // input order: fewer failures; the reverse: more (a listing: either way)
    let p = p_of(what, (ff, fnr), (rf, rn), (pf, pn));
    let (fw, how) = match what {
        Ordered::Results => ("results in input order".to_string(), "the order in which the work finishes, which this line takes for the order it was handed in".to_string()),
        Ordered::Tasks { at } => (
            format!("the tasks started at line {at} finishing in the order they were started"),
            format!("the order in which the tasks started at line {at} finish: the last to finish, not the last started, leaves its result here"),
        ),
        Ordered::Listing => (
            "the listing sorted by name".to_string(),
            "the order in which the file system lists the directory, which this line uses as it comes".to_string(),
        ),
    };
    let mut parts = vec![format!("{fw}: failed {ff} of {}", runs_of(fnr))];
    if rn > 0 {
        parts.push(format!("in the reverse order: failed {rf} of {}", runs_of(rn)));
    }
    let head = format!("Experiment: {}; plain runs: failed {pf} of {}", parts.join(", "), runs_of(pn));
    let (said, verdict) = if p < ALPHA {
        (format!("{head} (Fisher p = {}): the outcome depends on {how}", super::line::fmt_p(p)), Verdict::Proven)
    } else {
        let two = fisher_two_sided(ff, fnr, pf, pn);
        (format!("{head}: the order does not change the outcome (p = {})", super::line::fmt_p(two.min(p))), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_two_arms_apart_prove_the_order_even_when_neither_differs_enough_from_plain() {
        // plain 14 of 30; in order 0 of 4; reversed 4 of 4
        assert!(super::effect(0, 4, 4, 4, 14, 30) < super::ALPHA);
        // reversed like in order: nothing, however far both are from plain
        assert!(super::effect(2, 4, 2, 4, 14, 30) > 0.3);
        assert!(super::effect(4, 4, 4, 4, 3, 30) > 0.3);
        // a listing: name order and its reverse apart, either way
        assert!(super::listing_effect(5, 5, 0, 5) < super::ALPHA && super::listing_effect(0, 5, 5, 5) < super::ALPHA);
        assert!(super::listing_effect(2, 5, 3, 5) > 0.3);
    }
}
