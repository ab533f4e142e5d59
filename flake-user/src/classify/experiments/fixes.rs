//! Experiments that apply a candidate fix at one line and see the failures
//! go: an early way out that keeps a taken slot (see
//! [`crate::classify::leaks`]) gets the function's own give-back statement
//! run just before it; a line with a known mistake (see
//! [`crate::classify::rewrites`]) runs corrected. Fewer failures than in
//! plain runs proves the line is where the test's failures come from.

use std::path::Path;

use crate::report::{Basis, Cause};
use crate::run::trials::{Condition, Edit, Intervention, Note};

use super::{drivers, plugin_path, runs_of, Ctx, Finding, Target, Verdict, ALPHA};
use crate::classify::stats::fisher_greater;

const RUNS: u32 = 5;
/// A fix proves itself by failures that do not come: at a plain fail rate
/// of 1 in 5, 0 failures are significant only after about 20 runs (0 of 15
/// against 6 of 30 plain: p = 0.07), and a fix with no effect shows a
/// failure within a few runs, so a trend is followed further than a pause's.
const MAX_RUNS: u32 = 25;
const TREND: f64 = 0.5;

/// The fix tried at a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    /// Line `release`'s statement (what gives a taken slot back) run just
    /// before the line.
    GiveBack { release: u32 },
    /// The lines changed as `edits` say; `what` says what the change is.
    Rewrite { edits: Vec<Edit>, what: String },
}

/// The fix to try for a cause the source found with one: the slot given
/// back at its early way out, the wake-up cleared right after its wait
/// (the late clear skipped), or the line's known correction.
pub fn of(c: &Cause, rootdir: Option<&Path>) -> Option<Fix> {
    match c.basis {
        Basis::Leak { release } => Some(Fix::GiveBack { release }),
        Basis::Cleared { after_wait, then } => {
            let clear = crate::classify::source::code(&drivers::text(c, rootdir)?).trim().to_string();
            Some(Fix::Rewrite {
                edits: vec![Edit { line: after_wait, text: clear, replace: false, to: None }, Edit { line: c.line, text: "pass".into(), replace: true, to: Some(then) }],
                what: "the event cleared as soon as its wait returns".into(),
            })
        }
        Basis::Corrected => {
            let k = crate::classify::rewrites::correction(&drivers::text(c, rootdir)?)?;
            Some(Fix::Rewrite { edits: vec![Edit { line: c.line, text: k.text, replace: false, to: None }], what: k.what })
        }
        _ => None,
    }
}

fn arm(file: &str, line: u32, fix: &Fix) -> Condition {
    let file = plugin_path(file);
    let what = match fix {
        Fix::GiveBack { release } => Intervention::GiveBack { file, line, release: *release },
        Fix::Rewrite { edits, .. } => Intervention::Rewrite { file, line, edits: edits.clone() },
    };
    Condition::Intervene { tests: vec![], what }
}

fn acted(cx: &Ctx, c: &Condition) -> bool {
    cx.of(c).any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {})))
}

/// p that the fix makes it fail less often than plain runs.
fn p_fewer(cx: &Ctx, c: &Condition) -> f64 {
    let (f, n) = cx.counts(c);
    let (pf, pn) = cx.plain();
    if n == 0 {
        return 1.0;
    }
    fisher_greater(pf, pn, f, n)
}

/// An edit as the evidence says it.
fn said(e: &Edit) -> String {
    if e.replace {
        format!("line {} run as `{}`", e.line, e.text)
    } else {
        format!("`{}` run just before line {}", e.text, e.line)
    }
}

pub fn next(cx: &Ctx, file: &str, line: u32, fix: &Fix) -> Option<Condition> {
    let c = arm(file, line, fix);
    let ran = cx.of(&c).count() as u32;
    if ran == 0 {
        return Some(c);
    }
    // that line may run only in the runs that would fail: it is given up
    // for unreached only after a full arm
    if !acted(cx, &c) && ran >= RUNS {
        return None;
    }
    let p = p_fewer(cx, &c);
    (ran < RUNS || ((ALPHA..TREND).contains(&p) && ran < MAX_RUNS)).then_some(c)
}

pub fn conclude(cx: &Ctx, file: &str, line: u32, fix: &Fix) -> Option<Finding> {
    let c = arm(file, line, fix);
    let (f, n) = cx.counts(&c);
    if n == 0 {
        return None;
    }
    let target = Target::Line { file: file.to_string(), line };
    if !acted(cx, &c) {
        let said = match fix {
            Fix::GiveBack { .. } => format!("Experiment: this way out was not taken in {}, so nothing could be given back there", runs_of(n)),
            Fix::Rewrite { .. } => format!("Experiment: this line was not reached (or could not be changed) in {}", runs_of(n)),
        };
        return Some(Finding { target, said, p: None, verdict: Verdict::Open, tier: 0 });
    }
    let (pf, pn) = cx.plain();
    let p = p_fewer(cx, &c);
    let change = match fix {
        Fix::GiveBack { release } => format!("with line {release}'s statement (what gives the slot back) run just before this line"),
        Fix::Rewrite { edits, what } => format!("with {} ({what})", edits.iter().map(said).collect::<Vec<_>>().join(" and ")),
    };
    let head = format!("Experiment: {change}, it failed {f} of {}; plain runs: failed {pf} of {}", runs_of(n), runs_of(pn));
    let (said, verdict) = if p < ALPHA {
        let why = match fix {
            Fix::GiveBack { .. } => "the slot this way out keeps is what the test runs short of",
            Fix::Rewrite { .. } => "this line as written is what fails the test",
        };
        (format!("{head} (Fisher p = {}): {why}", super::line::fmt_p(p)), Verdict::Proven)
    } else {
        (format!("{head}: that change does not make it fail less often (p = {})", super::line::fmt_p(p)), Verdict::Refuted)
    };
    Some(Finding { target, said, p: Some(p), verdict, tier: 0 })
}
