//! Which controlled reruns settle a question about a flaky test's causes,
//! and what their outcomes say:
//!
//! - an order-dependency cause with a polluter: the victim alone, then the
//!   polluter and the victim alone together in that order, both with xdist
//!   off. Failing only after the polluter confirms it; failing alone too
//!   refutes it;
//! - a cause resting on the source only (a set iterated in hash order):
//!   runs under fixed `PYTHONHASHSEED`s, first one per seed until both
//!   outcomes show, then the same seeds again. Each seed giving the same
//!   outcome every time confirms that the hash seed decides the outcome;
//!   one seed giving both refutes it;
//! - a timing, thread-race or resource cause: runs beside busy threads. A
//!   failure rate that rises under load shows the outcome depends on speed.
//!
//! The conclusions go into the evidence with their counts, move confirmed
//! causes up and refuted ones down, and change their confidence.

use crate::report::{Basis, Category, Cause};
use crate::run::trials::{Condition, Trial};
use crate::run::RunResult;

use super::round2;
use super::stats::fisher_greater;

/// Runs per condition of the order question.
const ORDER_RUNS: usize = 3;
/// Seeds tried one run each before giving up on seeing both outcomes.
const MAX_SEEDS: u32 = 6;
/// Runs per seed, once a failing and a passing seed are known.
const SEED_RUNS: usize = 3;
/// Runs under CPU load.
const LOAD_RUNS: usize = 4;

/// The question a test's causes raise, best first.
#[derive(Debug, PartialEq)]
enum Question {
    /// Does `polluter` make it fail, and does it pass without it?
    Order { polluter: String },
    /// Does the string hash seed decide the outcome?
    HashSeed,
    /// Does the outcome depend on speed?
    Speed,
}

fn question(causes: &[Cause]) -> Option<Question> {
    let top3 = &causes[..causes.len().min(3)];
    if let Some(p) = top3.iter().find(|c| c.category == Category::OrderDependency).and_then(|c| c.polluter.clone()) {
        return Some(Question::Order { polluter: p });
    }
    if top3.iter().any(|c| c.basis == Basis::SourceOnly) {
        return Some(Question::HashSeed);
    }
    match causes.first().map(|c| c.category) {
        Some(Category::Timing | Category::ThreadRace | Category::Resource) => Some(Question::Speed),
        _ => None,
    }
}

fn of<'a>(done: &'a [Trial], c: &'a Condition) -> impl Iterator<Item = &'a Trial> + 'a {
    done.iter().filter(move |t| t.condition == *c)
}

fn alone(nodeid: &str) -> Condition {
    Condition::Only { tests: vec![nodeid.to_string()] }
}

fn pair(polluter: &str, nodeid: &str) -> Condition {
    Condition::Only { tests: vec![polluter.to_string(), nodeid.to_string()] }
}

fn load_threads() -> u32 {
    std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2).max(1)
}

/// Per seed: (seed, failed, passed), in the order tried.
fn seeds(done: &[Trial]) -> Vec<(u32, u32, u32)> {
    let mut out: Vec<(u32, u32, u32)> = vec![];
    for t in done {
        if let Condition::HashSeed { seed } = t.condition {
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
    }
    out
}

/// The next rerun for `nodeid`.
pub fn next_trial(nodeid: &str, causes: &[Cause], done: &[Trial]) -> Option<Condition> {
    match question(causes)? {
        Question::Order { polluter } => {
            let a = alone(nodeid);
            if of(done, &a).count() < ORDER_RUNS {
                return Some(a);
            }
            let p = pair(&polluter, nodeid);
            (of(done, &p).count() < ORDER_RUNS).then_some(p)
        }
        Question::HashSeed => {
            let s = seeds(done);
            if s.iter().any(|&(_, f, p)| f > 0 && p > 0) {
                return None; // one seed gave both outcomes: settled
            }
            let failing = s.iter().find(|x| x.1 > 0);
            let passing = s.iter().find(|x| x.2 > 0);
            match (failing, passing) {
                (Some(f), Some(p)) => [f, p].into_iter().find(|x| ((x.1 + x.2) as usize) < SEED_RUNS).map(|x| Condition::HashSeed { seed: x.0 }),
                _ if (s.len() as u32) < MAX_SEEDS => Some(Condition::HashSeed { seed: s.len() as u32 + 1 }),
                _ => None,
            }
        }
        Question::Speed => {
            let c = Condition::CpuLoad { threads: load_threads() };
            (of(done, &c).count() < LOAD_RUNS).then_some(c)
        }
    }
}

fn counts<'a>(it: impl Iterator<Item = &'a Trial>) -> (u32, u32) {
    it.fold((0, 0), |(f, n), t| (f + t.failed() as u32, n + t.outcome.is_some() as u32))
}

fn runs_of(n: u32) -> String {
    if n == 1 { "1 run".into() } else { format!("{n} runs") }
}

/// `causes` amended by the reruns in `done`.
pub fn conclude(nodeid: &str, runs: &[RunResult], mut causes: Vec<Cause>, done: &[Trial]) -> Vec<Cause> {
    let mine: Vec<Trial> = done.iter().filter(|t| t.nodeid == nodeid).cloned().collect();
    if mine.is_empty() {
        return causes;
    }
    // Order: alone vs right after the polluter.
    for c in mine.iter().map(|t| &t.condition).filter(|c| matches!(c, Condition::Only { tests } if tests.len() == 2)).take(1) {
        let Condition::Only { tests } = c else { continue };
        let polluter = tests[0].clone();
        let (af, an) = counts(of(&mine, &alone(nodeid)));
        let (pf, pn) = counts(of(&mine, c));
        if an == 0 || pn == 0 {
            continue;
        }
        let said = format!("Controlled reruns: alone (xdist off) it failed {af} of {}; right after {polluter} in one process it failed {pf} of {}", runs_of(an), runs_of(pn));
        let verdict = if af == 0 && pf > 0 {
            Some(true)
        } else if af > 0 {
            Some(false)
        } else {
            None
        };
        for cause in causes.iter_mut().filter(|x| x.category == Category::OrderDependency) {
            let this = cause.polluter.as_deref() == Some(polluter.as_str());
            match verdict {
                Some(true) if this => {
                    cause.evidence.push_str(&format!(". {said}: the polluter's leftover state is confirmed"));
                    cause.confidence = round2(cause.confidence.max(0.9));
                }
                Some(false) => {
                    cause.evidence.push_str(&format!(". {said}: it fails without any earlier test too, so the order is not what decides it"));
                    cause.confidence = round2(cause.confidence * 0.3);
                }
                None if this => {
                    cause.evidence.push_str(&format!(". {said}: the polluter alone does not reproduce it"));
                    cause.confidence = round2(cause.confidence * 0.6);
                }
                _ => {}
            }
        }
        match verdict {
            Some(true) => promote(&mut causes, |x| x.category == Category::OrderDependency && x.polluter.as_deref() == Some(polluter.as_str())),
            Some(false) => demote(&mut causes, |x| x.category == Category::OrderDependency),
            None => {}
        }
    }
    // Hash seed.
    let s = seeds(&mine);
    if !s.is_empty() {
        let list = s
            .iter()
            .map(|&(seed, f, p)| format!("seed {seed}: failed {f} of {}", runs_of(f + p)))
            .collect::<Vec<_>>()
            .join(", ");
        let mixed = s.iter().find(|&&(_, f, p)| f > 0 && p > 0);
        let both = s.iter().any(|x| x.1 > 0) && s.iter().any(|x| x.2 > 0);
        let repeated = s.iter().any(|x| x.1 + x.2 >= 2);
        let hash = |x: &Cause| x.basis == Basis::SourceOnly;
        if let Some(&(seed, _, _)) = mixed {
            for c in causes.iter_mut().filter(|x| hash(x)) {
                c.evidence.push_str(&format!(". Controlled reruns with PYTHONHASHSEED fixed ({list}): seed {seed} gave both outcomes, so the hash seed does not decide it"));
                c.confidence = round2(c.confidence * 0.3);
            }
            demote(&mut causes, hash);
        } else if both && repeated {
            for c in causes.iter_mut().filter(|x| hash(x)) {
                c.evidence.push_str(&format!(". Controlled reruns with PYTHONHASHSEED fixed ({list}): every seed gave the same outcome each time and the seeds disagree, so the string hash seed decides the outcome"));
                c.confidence = round2(c.confidence.max(0.85));
            }
            promote(&mut causes, hash);
        } else {
            for c in causes.iter_mut().filter(|x| hash(x)) {
                c.evidence.push_str(&format!(". Controlled reruns with PYTHONHASHSEED fixed ({list}) did not settle it"));
            }
        }
    }
    // Speed.
    let loaded: Vec<&Trial> = mine.iter().filter(|t| matches!(t.condition, Condition::CpuLoad { .. })).collect();
    if let (Some(first), Some(top)) = (loaded.first(), causes.first_mut()) {
        let (lf, ln) = counts(loaded.iter().copied());
        let bad = runs.iter().filter(|r| r.outcome(nodeid).is_some_and(|o| o.outcome.is_bad())).count() as u32;
        let ran = runs.iter().filter(|r| r.outcome(nodeid).is_some()).count() as u32;
        if ln > 0 && ran > 0 {
            let p = fisher_greater(lf, ln, bad, ran);
            let rose = (lf as f64 / ln as f64) > (bad as f64 / ran as f64) && p <= 0.1;
            let what = first.condition.describe(nodeid);
            let tail = if rose {
                top.confidence = round2((top.confidence + 0.05).min(0.97));
                "; it fails more often when the machine is slower, as a cause that depends on speed predicts"
            } else {
                "; the load did not make it fail more often"
            };
            top.evidence.push_str(&format!(". Controlled reruns under {what}: failed {lf} of {}, against {bad} of {} in the runs above{tail}", runs_of(ln), runs_of(ran)));
        }
    }
    causes
}

/// Moves the causes matching `pick` before the others (keeping order).
fn promote(causes: &mut Vec<Cause>, pick: impl Fn(&Cause) -> bool) {
    let (mut a, b): (Vec<Cause>, Vec<Cause>) = causes.drain(..).partition(|c| pick(c));
    a.extend(b);
    *causes = a;
}

/// Moves the causes matching `pick` after the others (keeping order).
fn demote(causes: &mut Vec<Cause>, pick: impl Fn(&Cause) -> bool) {
    let (a, mut b): (Vec<Cause>, Vec<Cause>) = causes.drain(..).partition(|c| !pick(c));
    b.splice(0..0, a);
    *causes = b;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Outcome;

    fn cause(line: u32, category: Category, polluter: Option<&str>, basis: Basis) -> Cause {
        Cause {
            file: "src/a.py".into(),
            line,
            function: "f".into(),
            category,
            confidence: 0.5,
            evidence: "e".into(),
            fix: "x".into(),
            polluter: polluter.map(String::from),
            basis,
        }
    }

    fn trial(c: Condition, failed: bool) -> Trial {
        Trial { nodeid: "t::v".into(), condition: c, outcome: Some(if failed { Outcome::Failed } else { Outcome::Passed }) }
    }

    /// Plays the reruns, `outcome` deciding each, until nothing is asked.
    fn play(causes: &[Cause], outcome: impl Fn(&Condition, usize) -> bool) -> Vec<Trial> {
        let mut done = vec![];
        while let Some(c) = next_trial("t::v", causes, &done) {
            let f = outcome(&c, done.len());
            done.push(trial(c, f));
            assert!(done.len() <= 20, "too many reruns: {done:?}");
        }
        done
    }

    #[test]
    fn order_is_confirmed_by_alone_and_pair() {
        let causes = vec![cause(3, Category::Timing, None, Basis::Measured), cause(9, Category::OrderDependency, Some("t::p"), Basis::Measured)];
        let done = play(&causes, |c, _| matches!(c, Condition::Only { tests } if tests.len() == 2));
        assert_eq!(done.len(), 2 * ORDER_RUNS);
        let out = conclude("t::v", &[], causes.clone(), &done);
        assert_eq!(out[0].line, 9, "confirmed order cause leads");
        assert!(out[0].confidence >= 0.9);
        assert!(out[0].evidence.contains("alone (xdist off) it failed 0 of 3 runs; right after t::p in one process it failed 3 of 3 runs"), "{}", out[0].evidence);
        // failing alone too: refuted
        let done = play(&causes, |_, i| i % 2 == 0);
        let out = conclude("t::v", &[], causes, &done);
        assert_eq!(out[0].line, 3);
        assert!(out[1].confidence < 0.5 && out[1].evidence.contains("fails without any earlier test too"));
    }

    #[test]
    fn hash_seed_confirmed_when_each_seed_repeats_its_outcome() {
        let causes = vec![cause(3, Category::Timing, None, Basis::Measured), cause(7, Category::Randomness, None, Basis::SourceOnly)];
        // odd seeds fail, every time
        let done = play(&causes, |c, _| matches!(c, Condition::HashSeed { seed } if seed % 2 == 1));
        assert_eq!(seeds(&done), vec![(1, 3, 0), (2, 0, 3)]);
        let out = conclude("t::v", &[], causes.clone(), &done);
        assert_eq!(out[0].line, 7);
        assert!(out[0].evidence.contains("seed 1: failed 3 of 3 runs, seed 2: failed 0 of 3 runs"), "{}", out[0].evidence);
        // the same seed failing and passing: refuted, at once
        let done = play(&causes, |_, i| i == 0);
        assert_eq!(done.len(), 3, "{done:?}");
        let out = conclude("t::v", &[], causes.clone(), &done);
        assert_eq!(out[1].line, 7);
        assert!(out[1].evidence.contains("does not decide it"));
        // never failing under any seed: at most MAX_SEEDS runs, unsettled
        let done = play(&causes, |_, _| false);
        assert_eq!(done.len(), MAX_SEEDS as usize);
        assert!(conclude("t::v", &[], causes, &done)[1].evidence.contains("did not settle it"));
    }

    #[test]
    fn nothing_to_ask_without_a_question() {
        let causes = vec![cause(3, Category::TimeDependency, None, Basis::Measured)];
        assert_eq!(next_trial("t::v", &causes, &[]), None);
        assert_eq!(next_trial("t::v", &[], &[]), None);
        let speed = vec![cause(3, Category::Timing, None, Basis::Measured)];
        assert!(matches!(next_trial("t::v", &speed, &[]), Some(Condition::CpuLoad { .. })));
    }
}
