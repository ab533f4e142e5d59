//! Tests run many times inside one pytest session, as one test.
//!
//! pytest-repeat's `--count N` gives every copy its own nodeid ending in
//! `[K-N]` (`[param-K-N]` on a parametrized test); pytest-flakefinder puts
//! the same nodeid several times into one session (for unittest tests). A
//! [`Grouping`] maps such copies to one *base* nodeid, so verdicts and
//! counts ([`super::TestStats`]) are over executions. For the classifier,
//! [`samples`] cuts every run into one sample per execution, so failing
//! executions are compared with passing ones even within one run
//! ([`PerExecution`] does it for any [`Diagnoser`]).
//!
//! A `[K-N]` suffix counts as a repeat only when, in some run, the ids of
//! one base with that N are exactly K = 1..N: a parametrized test whose
//! ids merely end in two numbers (`test_pairs[1-2]`, `test_pairs[3-4]`)
//! stays as it is.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::attribution::TestWindow;
use super::trials::{Condition, Trial};
use super::{Diagnoser, Phase, RunResult, TestStats};
use crate::report::Cause;

/// Marks a sample (see [`samples`]): execution `execution` of the repeated
/// tests of run `index`, with the run's own windows the sample was cut from.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleOf {
    /// 1-based.
    pub execution: u32,
    /// The run's windows, as its trace is attributed to them.
    pub run_windows: Arc<Vec<TestWindow>>,
    /// For each of `run_windows`, its index among the sample's windows
    /// (`None`: another execution's, left out of this sample).
    pub to_sample: Vec<Option<usize>>,
}

/// `nodeid` split as a pytest-repeat id: (base nodeid, K, N).
/// `t.py::test_x[3-10]` → (`t.py::test_x`, 3, 10);
/// `t.py::test_x[a-3-10]` → (`t.py::test_x[a]`, 3, 10).
pub fn split_repeat_id(nodeid: &str) -> Option<(String, u32, u32)> {
    fn number(s: &str) -> Option<u32> {
        let ok = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !(s.len() > 1 && s.starts_with('0'));
        ok.then(|| s.parse().ok()).flatten()
    }
    let inner = nodeid.strip_suffix(']')?;
    let (rest, n) = inner.rsplit_once('-')?;
    let n = number(n)?;
    let cut = rest.rfind(['-', '['])?;
    let k = number(&rest[cut + 1..])?;
    // the parameters open after the test's name, at or before K
    let open = rest.find('[')?;
    if n < 2 || k == 0 || k > n || open == 0 || cut < open {
        return None;
    }
    let base = if cut == open { rest[..cut].to_string() } else { format!("{}]", &rest[..cut]) };
    Some((base, k, n))
}

/// Which nodeids of a session are executions of one repeated test.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grouping {
    /// pytest-repeat copies: nodeid → (base, K).
    repeat: HashMap<String, (String, u32)>,
    /// Nodeids run more than once in one session.
    same: HashSet<String>,
}

impl Grouping {
    /// The repeats seen in `runs`.
    pub fn of(runs: &[RunResult]) -> Grouping {
        let mut g = Grouping::default();
        // (base, N) → K values per run
        let mut ks: HashMap<(String, u32), Vec<BTreeSet<u32>>> = HashMap::new();
        for (i, run) in runs.iter().enumerate() {
            let mut seen: HashSet<&str> = HashSet::new();
            for o in run.outcomes.iter().filter(|o| !o.collect_error) {
                if !seen.insert(&o.nodeid) {
                    g.same.insert(o.nodeid.clone());
                    continue;
                }
                if let Some((base, k, n)) = split_repeat_id(&o.nodeid) {
                    let per_run = ks.entry((base, n)).or_default();
                    per_run.resize(runs.len(), BTreeSet::new());
                    per_run[i].insert(k);
                }
            }
        }
        let complete: HashSet<(String, u32)> =
            ks.into_iter().filter(|((_, n), per_run)| per_run.iter().any(|s| s.len() == *n as usize)).map(|(key, _)| key).collect();
        for run in runs {
            for o in &run.outcomes {
                if let Some((base, k, n)) = split_repeat_id(&o.nodeid) {
                    if complete.contains(&(base.clone(), n)) {
                        g.repeat.insert(o.nodeid.clone(), (base, k));
                    }
                }
            }
        }
        g
    }

    pub fn is_empty(&self) -> bool {
        self.repeat.is_empty() && self.same.is_empty()
    }

    /// The test `nodeid` is an execution of.
    pub fn base<'a>(&'a self, nodeid: &'a str) -> &'a str {
        self.repeat.get(nodeid).map(|(b, _)| b.as_str()).unwrap_or(nodeid)
    }

    /// Whether `nodeid` is one execution of a repeated test.
    pub fn is_grouped(&self, nodeid: &str) -> bool {
        self.repeat.contains_key(nodeid) || self.same.contains(nodeid)
    }

    /// The nodeids that run `test` (a base or a plain nodeid), by K.
    pub fn members(&self, test: &str) -> Vec<String> {
        let mut m: Vec<(&u32, &String)> = self.repeat.iter().filter(|(_, (b, _))| b == test).map(|(id, (_, k))| (k, id)).collect();
        if m.is_empty() {
            return vec![test.to_string()];
        }
        m.sort();
        m.into_iter().map(|(_, id)| id.clone()).collect()
    }

    /// `tests` with every repeated test replaced by all its executions'
    /// nodeids (for a selection: each pytest-repeat copy is its own item).
    pub fn expand(&self, tests: &[String]) -> Vec<String> {
        tests.iter().flat_map(|t| self.members(t)).collect()
    }

    /// A controlled rerun's condition as the run must be given it.
    pub fn expand_condition(&self, c: &Condition) -> Condition {
        match c {
            Condition::Only { tests } => Condition::Only { tests: self.expand(tests) },
            Condition::Intervene { tests, what } if !tests.is_empty() => Condition::Intervene { tests: self.expand(tests), what: what.clone() },
            other => other.clone(),
        }
    }
}

/// Execution numbers of the repeated tests of one run: per outcome and per
/// window, `Some((base, execution))` (execution 0: one of them, unknown
/// which) for a repeated test, `None` for the others.
pub struct Executions {
    pub outcomes: Vec<Option<(String, u32)>>,
    pub windows: Vec<Option<(String, u32)>>,
}

impl Executions {
    /// The most executions of one test in the run (0 without repeats).
    pub fn count(&self) -> u32 {
        self.outcomes.iter().flatten().map(|(_, e)| *e).max().unwrap_or(0)
    }
}

/// Numbers the executions of `run`: a pytest-repeat copy is execution K;
/// the copies of a nodeid run several times are numbered in the order they
/// ran, and their windows go to them by process, in time order.
pub fn executions(run: &RunResult, g: &Grouping) -> Executions {
    let mut outcomes = Vec::with_capacity(run.outcomes.len());
    let mut occurrence: HashMap<&str, u32> = HashMap::new();
    // same-nodeid copies: (nodeid, pid) → execution numbers by their order in the process
    let mut by_pid: HashMap<(&str, u32), Vec<(u32, u32)>> = HashMap::new();
    for o in &run.outcomes {
        if let Some((base, k)) = g.repeat.get(&o.nodeid) {
            outcomes.push(Some((base.clone(), *k)));
        } else if g.same.contains(&o.nodeid) {
            let n = occurrence.entry(&o.nodeid).or_default();
            *n += 1;
            if let Some(pid) = o.pid {
                by_pid.entry((&o.nodeid, pid)).or_default().push((o.order.unwrap_or(0), *n));
            }
            outcomes.push(Some((o.nodeid.clone(), *n)));
        } else {
            outcomes.push(None);
        }
    }
    for list in by_pid.values_mut() {
        list.sort();
    }
    // windows of same-nodeid copies, per (nodeid, pid) in time order: a
    // setup (or a phase not after the previous one) starts the next copy
    let mut order: Vec<usize> = (0..run.windows.len()).filter(|&i| g.same.contains(&run.windows[i].nodeid)).collect();
    order.sort_by_key(|&i| (run.windows[i].start_ns, run.windows[i].end_ns));
    let mut chunk: HashMap<(&str, u32), (usize, Option<Phase>)> = HashMap::new();
    let mut windows: Vec<Option<(String, u32)>> =
        run.windows.iter().map(|w| g.repeat.get(&w.nodeid).map(|(b, k)| (b.clone(), *k))).collect();
    for i in order {
        let w = &run.windows[i];
        let c = chunk.entry((&w.nodeid, w.pid)).or_insert((0, None));
        if c.1.is_none_or(|last| w.phase == Phase::Setup || w.phase <= last) {
            c.0 += 1;
        }
        c.1 = Some(w.phase);
        let exec = by_pid.get(&(w.nodeid.as_str(), w.pid)).and_then(|l| l.get(c.0 - 1)).map_or(0, |&(_, n)| n);
        windows[i] = Some((w.nodeid.clone(), exec));
    }
    Executions { outcomes, windows }
}

/// The runs cut for the classifier: a run without repeated tests as it is;
/// a run with them as one sample per execution K, holding execution K of
/// every repeated test (under its base nodeid, with its windows) beside
/// the run's other windows, and (in the first sample only) the other
/// tests' outcomes. Other executions' windows are left out, so their
/// events belong to no sample's test.
pub fn samples(runs: &[RunResult], g: &Grouping) -> Vec<RunResult> {
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        let ex = executions(run, g);
        let n = ex.count();
        if g.is_empty() || ex.outcomes.iter().all(Option::is_none) || n == 0 {
            out.push(run.clone());
            continue;
        }
        let run_windows = Arc::new(run.windows.clone());
        for k in 1..=n {
            let mut s = RunResult { outcomes: vec![], windows: vec![], sample: None, ..run.clone() };
            for (o, e) in run.outcomes.iter().zip(&ex.outcomes) {
                match e {
                    None if k == 1 => s.outcomes.push(o.clone()),
                    Some((base, e)) if *e == k => s.outcomes.push(super::TestOutcome { nodeid: base.clone(), ..o.clone() }),
                    _ => {}
                }
            }
            let mut to_sample = Vec::with_capacity(run.windows.len());
            for (w, e) in run.windows.iter().zip(&ex.windows) {
                let keep = match e {
                    None => Some(w.clone()),
                    Some((base, e)) if *e == k => Some(TestWindow { nodeid: base.clone(), ..w.clone() }),
                    _ => None,
                };
                to_sample.push(keep.map(|w| {
                    s.windows.push(w);
                    s.windows.len() - 1
                }));
            }
            s.sample = Some(SampleOf { execution: k, run_windows: run_windows.clone(), to_sample });
            out.push(s);
        }
    }
    out
}

/// A [`Diagnoser`] that sees every execution of a repeated test as a run
/// of its own (the [`samples`] of the runs); tests and trials are by base
/// nodeid.
pub struct PerExecution<'a>(pub &'a dyn Diagnoser);

impl PerExecution<'_> {
    fn cut<'r>(runs: &'r [RunResult]) -> std::borrow::Cow<'r, [RunResult]> {
        let g = Grouping::of(runs);
        if g.is_empty() {
            std::borrow::Cow::Borrowed(runs)
        } else {
            std::borrow::Cow::Owned(samples(runs, &g))
        }
    }
}

impl Diagnoser for PerExecution<'_> {
    fn diagnose(&self, runs: &[RunResult], tests: &TestStats) -> Vec<(String, Vec<Cause>)> {
        self.0.diagnose(&Self::cut(runs), tests)
    }
    fn next_trial(&self, nodeid: &str, runs: &[RunResult], causes: &[Cause], done: &[Trial]) -> Option<Condition> {
        self.0.next_trial(nodeid, &Self::cut(runs), causes, done)
    }
    fn conclude(&self, nodeid: &str, runs: &[RunResult], causes: Vec<Cause>, done: &[Trial]) -> Vec<Cause> {
        self.0.conclude(nodeid, &Self::cut(runs), causes, done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::outcomes::{Outcome, TestOutcome};
    use crate::run::WindowSource;

    fn out(nodeid: &str, outcome: Outcome, order: u32) -> TestOutcome {
        TestOutcome::finished(nodeid, outcome, 10, order)
    }

    fn win(nodeid: &str, phase: Phase, start: u64) -> TestWindow {
        TestWindow { nodeid: nodeid.into(), phase, pid: 10, tid: Some(10), start_ns: start, end_ns: start + 5, source: WindowSource::Plugin }
    }

    fn run(index: u32, ids: &[(&str, Outcome)]) -> RunResult {
        let mut r = RunResult { index, ..Default::default() };
        for (i, (id, o)) in ids.iter().enumerate() {
            r.outcomes.push(out(id, *o, i as u32 + 1));
            for (j, ph) in [Phase::Setup, Phase::Call, Phase::Teardown].into_iter().enumerate() {
                r.windows.push(win(id, ph, 100 * i as u64 + 10 * j as u64));
            }
        }
        r
    }

    #[test]
    fn repeat_ids_split() {
        assert_eq!(split_repeat_id("t.py::test_x[3-10]"), Some(("t.py::test_x".into(), 3, 10)));
        assert_eq!(split_repeat_id("t.py::test_x[a-b-1-2]"), Some(("t.py::test_x[a-b]".into(), 1, 2)));
        assert_eq!(split_repeat_id("t.py::C::test_x[10-10]"), Some(("t.py::C::test_x".into(), 10, 10)));
        assert_eq!(split_repeat_id("t.py::test_x[11-10]"), None);
        assert_eq!(split_repeat_id("t.py::test_x[0-10]"), None);
        assert_eq!(split_repeat_id("t.py::test_x[01-10]"), None);
        assert_eq!(split_repeat_id("t.py::test_x[1-1]"), None, "a count of one repeats nothing");
        assert_eq!(split_repeat_id("t.py::test_x[3]"), None);
        assert_eq!(split_repeat_id("t.py::test_x[a-3]"), None);
        assert_eq!(split_repeat_id("t.py::test_x"), None);
        assert_eq!(split_repeat_id("t.py::test_x[1.5-2]"), None);
    }

    #[test]
    fn pytest_repeat_copies_are_one_test() {
        use Outcome::*;
        let ids: Vec<String> = (1..=3).map(|k| format!("t.py::test_x[{k}-3]")).collect();
        let r = run(1, &[("t.py::test_a", Passed), (&ids[0], Passed), (&ids[1], Failed), (&ids[2], Passed)]);
        let g = Grouping::of(std::slice::from_ref(&r));
        assert_eq!(g.base(&ids[1]), "t.py::test_x");
        assert_eq!(g.base("t.py::test_a"), "t.py::test_a");
        assert_eq!(g.members("t.py::test_x"), ids);
        assert_eq!(g.expand(&["t.py::test_a".into(), "t.py::test_x".into()]).len(), 4);
        let ex = executions(&r, &g);
        assert_eq!(ex.count(), 3);
        assert_eq!(ex.windows[4], Some(("t.py::test_x".into(), 1)));
    }

    #[test]
    fn parametrized_ids_ending_in_numbers_are_not_repeats() {
        use Outcome::*;
        // @parametrize("a,b", [(1, 2), (3, 4)]): K is never 1..N
        let r = run(1, &[("t.py::test_pairs[1-2]", Passed), ("t.py::test_pairs[3-4]", Failed)]);
        assert!(Grouping::of(&[r]).is_empty());
        // [(1, 2)] alone: K = {1}, not 1..2
        let r = run(1, &[("t.py::test_pairs[1-2]", Passed)]);
        assert!(Grouping::of(&[r]).is_empty());
        // [(1, 3), (2, 3)]: K = {1, 2}, not 1..3
        let r = run(1, &[("t.py::test_pairs[1-3]", Passed), ("t.py::test_pairs[2-3]", Passed)]);
        assert!(Grouping::of(&[r]).is_empty());
        // one base with two Ns, neither complete
        let r = run(1, &[("t.py::t[1-2]", Passed), ("t.py::t[2-3]", Passed), ("t.py::t[3-3]", Passed)]);
        assert!(Grouping::of(&[r]).is_empty());
        // a different base per parameter: [x-1-2] and [y-2-2] are not one test
        let r = run(1, &[("t.py::t[x-1-2]", Passed), ("t.py::t[y-2-2]", Passed)]);
        assert!(Grouping::of(&[r]).is_empty());
    }

    #[test]
    fn a_cut_short_run_keeps_the_grouping_of_a_complete_one() {
        use Outcome::*;
        let full = run(1, &[("t.py::t[1-3]", Passed), ("t.py::t[2-3]", Passed), ("t.py::t[3-3]", Passed)]);
        let cut = run(2, &[("t.py::t[1-3]", Failed)]);
        let g = Grouping::of(&[full, cut.clone()]);
        assert_eq!(g.base("t.py::t[1-3]"), "t.py::t");
        assert!(Grouping::of(&[cut]).is_empty());
    }

    #[test]
    fn the_same_nodeid_run_twice_is_two_executions() {
        use Outcome::*;
        let r = run(1, &[("t.py::T::test_u", Passed), ("t.py::other", Passed), ("t.py::T::test_u", Failed)]);
        let g = Grouping::of(std::slice::from_ref(&r));
        assert!(g.is_grouped("t.py::T::test_u") && !g.is_grouped("t.py::other"));
        assert_eq!(g.members("t.py::T::test_u"), vec!["t.py::T::test_u".to_string()]);
        let ex = executions(&r, &g);
        let execs: Vec<u32> = ex.windows.iter().map(|e| e.as_ref().map_or(0, |e| e.1)).collect();
        assert_eq!(execs, vec![1, 1, 1, 0, 0, 0, 2, 2, 2]);
        assert_eq!(ex.count(), 2);
    }

    #[test]
    fn samples_hold_one_execution_each() {
        use Outcome::*;
        let r = run(
            4,
            &[("t.py::test_a", Passed), ("t.py::test_x[1-3]", Passed), ("t.py::test_x[2-3]", Failed), ("t.py::test_x[3-3]", Passed), ("t.py::test_z", Passed)],
        );
        let g = Grouping::of(std::slice::from_ref(&r));
        let s = samples(std::slice::from_ref(&r), &g);
        assert_eq!(s.len(), 3);
        let ids = |r: &RunResult| r.outcomes.iter().map(|o| (o.nodeid.clone(), o.outcome)).collect::<Vec<_>>();
        assert_eq!(
            ids(&s[0]),
            vec![("t.py::test_a".into(), Passed), ("t.py::test_x".into(), Passed), ("t.py::test_z".into(), Passed)]
        );
        assert_eq!(ids(&s[1]), vec![("t.py::test_x".into(), Failed)]);
        for (k, smp) in s.iter().enumerate() {
            assert_eq!(smp.index, 4);
            // test_a, one execution of test_x, test_z
            assert_eq!(smp.windows.len(), 9);
            let x: Vec<u64> = smp.windows.iter().filter(|w| w.nodeid == "t.py::test_x").map(|w| w.start_ns).collect();
            assert_eq!(x, vec![100 * (k as u64 + 1), 100 * (k as u64 + 1) + 10, 100 * (k as u64 + 1) + 20]);
            let sm = smp.sample.as_ref().unwrap();
            assert_eq!(sm.execution, k as u32 + 1);
            assert_eq!(sm.run_windows.len(), 15);
            for (i, t) in sm.to_sample.iter().enumerate() {
                if let Some(t) = t {
                    assert_eq!(smp.windows[*t].start_ns, r.windows[i].start_ns);
                }
            }
        }
        // no repeats: the runs themselves
        let plain = run(1, &[("t.py::test_a", Passed)]);
        assert_eq!(samples(std::slice::from_ref(&plain), &Grouping::of(std::slice::from_ref(&plain))), vec![plain]);
    }

    #[test]
    fn selections_and_conditions_expand() {
        use Outcome::*;
        let r = run(1, &[("t.py::p", Passed), ("t.py::x[1-2]", Passed), ("t.py::x[2-2]", Failed)]);
        let g = Grouping::of(&[r]);
        let c = g.expand_condition(&Condition::Only { tests: vec!["t.py::p".into(), "t.py::x".into()] });
        assert_eq!(c, Condition::Only { tests: vec!["t.py::p".into(), "t.py::x[1-2]".into(), "t.py::x[2-2]".into()] });
        assert_eq!(g.expand_condition(&Condition::NoXdist), Condition::NoXdist);
    }
}
