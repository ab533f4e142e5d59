//! Experiments that fix a source of randomness and see whether the outcome
//! follows it: `PYTHONHASHSEED` for causes resting on hash order (a set of
//! strings iterated), and the draws from one line on for random draws.
//!
//! Seeds are tried one run each until a failing and a passing seed are
//! known, then each of those two again. Every seed repeating its outcome
//! while the seeds disagree proves that this randomness decides the outcome;
//! one seed giving both outcomes refutes it.

use crate::run::trials::{Condition, Intervention, Note};

use super::{plugin_path, runs_of, Ctx, Finding, Target, Verdict};
use crate::classify::stats::fisher_greater;

/// Seeds tried one run each before giving up on seeing both outcomes: at
/// least this many, more when the rarer outcome is rare (see [`max_seeds`]).
const MIN_SEEDS: u32 = 6;
const MAX_SEEDS: u32 = 20;

/// Seeds to try: enough that a seed giving the rarer outcome of the plain
/// runs turns up with ~90 % probability (2.5 / its rate), within bounds.
fn max_seeds(cx: &Ctx) -> u32 {
    let (f, n) = cx.plain();
    if n == 0 {
        return MIN_SEEDS;
    }
    let rarer = f.min(n - f).max(1) as f64 / n as f64;
    ((2.5 / rarer).ceil() as u32).clamp(MIN_SEEDS, MAX_SEEDS)
}
/// Runs per seed, once a failing and a passing seed are known.
const SEED_RUNS: u32 = 3;

/// Per seed: (seed, failed, passed), in the order tried.
fn series(cx: &Ctx, seed_of: impl Fn(&Condition) -> Option<u32>) -> Vec<(u32, u32, u32)> {
    let mut out: Vec<(u32, u32, u32)> = vec![];
    for t in cx.done {
        let Some(seed) = seed_of(&t.condition) else { continue };
        let i = match out.iter().position(|s| s.0 == seed) {
            Some(i) => i,
            None => {
                out.push((seed, 0, 0));
                out.len() - 1
            }
        };
        out[i].1 += t.failed() as u32;
        out[i].2 += t.passed() as u32;
    }
    out
}

fn next_seed(s: &[(u32, u32, u32)], max: u32, make: impl Fn(u32) -> Condition) -> Option<Condition> {
    if s.iter().any(|&(_, f, p)| f > 0 && p > 0) {
        return None; // one seed gave both outcomes: settled
    }
    let failing = s.iter().find(|x| x.1 > 0);
    let passing = s.iter().find(|x| x.2 > 0);
    match (failing, passing) {
        (Some(f), Some(p)) => [f, p].into_iter().find(|x| x.1 + x.2 < SEED_RUNS).map(|x| make(x.0)),
        _ if (s.len() as u32) < max => Some(make(s.len() as u32 + 1)),
        _ => None,
    }
}

/// What a seed series says; `what` names the seed ("PYTHONHASHSEED fixed").
fn judge(s: &[(u32, u32, u32)], what: &str, decides: &str) -> Option<(String, Option<f64>, Verdict)> {
    if s.is_empty() {
        return None;
    }
    let list = s.iter().map(|&(seed, f, p)| format!("seed {seed}: failed {f} of {}", runs_of(f + p))).collect::<Vec<_>>().join(", ");
    if let Some(&(seed, _, _)) = s.iter().find(|&&(_, f, p)| f > 0 && p > 0) {
        return Some((format!("Experiment with {what} ({list}): seed {seed} gave both outcomes, so {decides} does not decide it"), None, Verdict::Refuted));
    }
    let (ff, fp): (u32, u32) = s.iter().filter(|x| x.1 > 0).fold((0, 0), |a, x| (a.0 + x.1, a.1 + x.2));
    let (pf, pp): (u32, u32) = s.iter().filter(|x| x.1 == 0).fold((0, 0), |a, x| (a.0 + x.1, a.1 + x.2));
    let both = ff > 0 && pp > 0;
    let repeated = s.iter().any(|x| x.1 + x.2 >= 2);
    if both && repeated {
        let p = fisher_greater(ff, ff + fp, pf, pf + pp);
        Some((format!("Experiment with {what} ({list}): every seed gave the same outcome each time and the seeds disagree, so {decides} decides the outcome"), Some(p), Verdict::Proven))
    } else {
        Some((format!("Experiment with {what} ({list}) did not settle it"), None, Verdict::Open))
    }
}

fn hash_seed(c: &Condition) -> Option<u32> {
    match c {
        Condition::HashSeed { seed } => Some(*seed),
        _ => None,
    }
}

pub fn next_hash(cx: &Ctx) -> Option<Condition> {
    let s = series(cx, hash_seed);
    next_seed(&s, max_seeds(cx), |seed| Condition::HashSeed { seed }).or_else(|| never_failing_more(cx, &s).then(|| Condition::HashSeed { seed: s.len() as u32 + 1 }))
}

/// Every seed passed so far: more seeds (up to the most) while that is a
/// trend against the plain runs but not yet significant.
fn never_failing_more(cx: &Ctx, s: &[(u32, u32, u32)]) -> bool {
    let (f, n) = s.iter().fold((0, 0), |a, x| (a.0 + x.1, a.1 + x.1 + x.2));
    let (pf, pn) = cx.plain();
    let p = fisher_greater(pf, pn, 0, n.max(1));
    f == 0 && n < MAX_SEEDS && (super::ALPHA..0.5).contains(&p)
}

/// (runs, p) when every seed of `s` passed, against the plain runs' failures.
fn never_failed(cx: &Ctx, s: &[(u32, u32, u32)]) -> Option<(u32, f64)> {
    let (f, n) = s.iter().fold((0, 0), |a, x| (a.0 + x.1, a.1 + x.1 + x.2));
    let (pf, pn) = cx.plain();
    (f == 0 && n >= 4).then(|| (n, fisher_greater(pf, pn, 0, n)))
}

pub fn conclude_hash(cx: &Ctx) -> Option<Finding> {
    let s = series(cx, hash_seed);
    let (said, p, verdict) = judge(&s, "PYTHONHASHSEED fixed", "the string hash seed")?;
    // Every process of a run shares a fixed seed: when every seed passes
    // where plain runs fail, processes (or runs) hashing differently was
    // what failed.
    let (pf, pn) = cx.plain();
    if let Some((n, pv)) = never_failed(cx, &s).filter(|_| verdict == Verdict::Open) {
        if pv < super::ALPHA {
            let said = format!("Experiment with PYTHONHASHSEED fixed: failed 0 of {} over {} seeds; plain runs: failed {pf} of {} (Fisher p = {}): with one hash seed for every process and run it never fails, so the per-process string hash decides the outcome", runs_of(n), s.len(), runs_of(pn), super::line::fmt_p(pv));
            return Some(Finding { target: Target::HashOrder, said, p: Some(pv), verdict: Verdict::Proven, tier: 1 });
        }
    }
    Some(Finding { target: Target::HashOrder, said, p, verdict, tier: 0 })
}

fn draws(file: &str, line: u32, seed: u32) -> Condition {
    Condition::Intervene { tests: vec![], what: Intervention::Draws { file: plugin_path(file), line, seed } }
}

fn draw_seed(file: &str, line: u32) -> impl Fn(&Condition) -> Option<u32> + '_ {
    let f = plugin_path(file);
    move |c| match c {
        Condition::Intervene { what: Intervention::Draws { file: cf, line: cl, seed }, .. } if *cf == f && *cl == line => Some(*seed),
        _ => None,
    }
}

pub fn next_draws(cx: &Ctx, file: &str, line: u32) -> Option<Condition> {
    let s = series(cx, draw_seed(file, line));
    // A line that never ran in the first two runs will not run later.
    let tried: Vec<_> = cx.done.iter().filter(|t| draw_seed(file, line)(&t.condition).is_some()).collect();
    if tried.len() >= 2 && !tried.iter().any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {}))) {
        return None;
    }
    next_seed(&s, max_seeds(cx), |seed| draws(file, line, seed)).or_else(|| never_failing_more(cx, &s).then(|| draws(file, line, s.len() as u32 + 1)))
}

pub fn conclude_draws(cx: &Ctx, file: &str, line: u32) -> Option<Finding> {
    let tried: Vec<_> = cx.done.iter().filter(|t| draw_seed(file, line)(&t.condition).is_some()).collect();
    if tried.is_empty() {
        return None;
    }
    let target = Target::Line { file: file.to_string(), line };
    if !tried.iter().any(|t| t.notes.iter().any(|n| matches!(n, Note::Hit {}))) {
        return Some(Finding { target, said: format!("Experiment: this line never ran in {}, so its draws could not be fixed", runs_of(tried.len() as u32)), p: None, verdict: Verdict::Open, tier: 0 });
    }
    let s = series(cx, draw_seed(file, line));
    let (said, p, verdict) = judge(&s, "the draws from this line on fixed by a seed", "what this line draws")?;
    // Fixed draws from this line on never failing where plain runs do:
    // what it draws decides (less specific than seeds that disagree: a
    // seed fixed there fixes every later draw from the generator too).
    if let Some((n, pv)) = never_failed(cx, &s).filter(|_| verdict == Verdict::Open) {
        if pv < super::ALPHA {
            let (pf, pn) = cx.plain();
            let said = format!("Experiment with the draws from this line on fixed by a seed: failed 0 of {} over {} seeds; plain runs: failed {pf} of {} (Fisher p = {}): with what it draws fixed it never fails, so what this line draws decides the outcome", runs_of(n), s.len(), runs_of(pn), super::line::fmt_p(pv));
            return Some(Finding { target, said, p: Some(pv), verdict: Verdict::Proven, tier: 1 });
        }
    }
    Some(Finding { target, said, p, verdict, tier: 0 })
}
