use super::*;
use crate::report::{Basis, Category, Cause};
use crate::run::outcomes::TestOutcome;
use crate::run::trials::{Condition, Intervention, Note, Trial};
use crate::run::{Outcome, RunResult};

const V: &str = "t::v";

fn cause(file: &str, line: u32, category: Category, basis: Basis) -> Cause {
    Cause {
        file: file.into(),
        line,
        function: "f".into(),
        category,
        confidence: 0.7,
        evidence: "e".into(),
        fix: "x".into(),
        polluter: None,
        basis,
        proven: false,
    }
}

fn outcome(nodeid: &str, order: u32, bad: bool) -> TestOutcome {
    TestOutcome::finished(nodeid, if bad { Outcome::Failed } else { Outcome::Passed }, 7, order)
}

/// `fails` of `n` runs fail; the victim runs after t::p in each.
fn runs(n: u32, fails: u32) -> Vec<RunResult> {
    (0..n)
        .map(|i| RunResult { index: i + 1, outcomes: vec![outcome("t::p", 1, false), outcome(V, 2, i < fails)], ..Default::default() })
        .collect()
}

/// The same, for a project at `root`.
fn runs_at(root: &std::path::Path, n: u32, fails: u32) -> Vec<RunResult> {
    let mut rs = runs(n, fails);
    for r in rs.iter_mut() {
        r.session.rootdir = Some(root.to_string_lossy().into_owned());
    }
    rs
}

/// Plays the experiments, `decide` giving each rerun's outcome and notes.
fn play(runs: &[RunResult], causes: &[Cause], decide: impl Fn(&Condition, usize) -> (bool, Vec<Note>)) -> Vec<Trial> {
    let mut done = vec![];
    while let Some(c) = next_trial(V, runs, causes, &done) {
        let (failed, notes) = decide(&c, done.len());
        done.push(Trial { nodeid: V.into(), condition: c, outcome: Some(if failed { Outcome::Failed } else { Outcome::Passed }), notes });
        assert!(done.len() <= 60, "too many reruns: {done:?}");
    }
    done
}

fn hit() -> Vec<Note> {
    vec![Note::Hit {}]
}

fn arm_runs(done: &[Trial], pick: impl Fn(&Intervention) -> bool) -> usize {
    done.iter().filter(|t| matches!(&t.condition, Condition::Intervene { what, .. } if pick(what))).count()
}

#[test]
fn a_pause_that_changes_the_fail_rate_proves_the_line() {
    let rs = runs(20, 6);
    let causes = vec![cause("src/a.py", 3, Category::ThreadRace, Basis::Measured), cause("src/a.py", 9, Category::ThreadRace, Basis::Measured)];
    // No waits in either function; pausing at line 9 makes it fail every
    // time, pausing at line 3 changes nothing.
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::Waits { .. }, .. } => (i % 3 == 0, vec![]),
        Condition::Intervene { what: Intervention::Delay { line: 9, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::Delay { .. }, .. } => (i % 3 == 0, hit()),
        _ => (false, vec![]),
    });
    assert_eq!(arm_runs(&done, |w| matches!(w, Intervention::Waits { .. })), 4, "a waits arm that never acts runs once");
    let first = arm_runs(&done, |w| matches!(w, Intervention::Delay { line: 9, ms: 20, .. }));
    assert!((3..=5).contains(&first), "line 9: the first pause was enough, stopped once significant: {first}");
    assert_eq!(arm_runs(&done, |w| matches!(w, Intervention::Delay { line: 9, ms: 200, .. })), 0);
    assert!(arm_runs(&done, |w| matches!(w, Intervention::Delay { line: 3, ms: 200, .. })) >= 5, "line 3: both pauses");
    let out = conclude(V, &rs, causes, &done);
    assert_eq!((out[0].line, out[0].proven), (9, true));
    assert_eq!(out[0].confidence, round2(calibrate::calibrated(0.65, true)), "a pause that raises failures singles the line out less than a clock or a wait");
    assert!(out[0].evidence.contains(&format!("a 20 ms pause before it runs: failed {first} of {first} runs; plain runs: failed 6 of 20 runs")), "{}", out[0].evidence);
    assert_eq!((out[1].line, out[1].proven), (3, false));
    assert!(out[1].confidence <= UNPROVEN_CAP);
}

#[test]
fn shorter_waits_that_make_it_fail_prove_a_timing_line() {
    let rs = runs(20, 5);
    let causes = vec![cause("src/jobs.py", 8, Category::Timing, Basis::Measured)];
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::Waits { percent: 12, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::Waits { .. }, .. } => (false, hit()),
        _ => (i % 4 == 0, hit()),
    });
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven, "{}", out[0].evidence);
    assert!(out[0].evidence.contains("its waits at 12 %: failed 4 of 4 runs"), "{}", out[0].evidence);
    assert!(out[0].evidence.contains(line::DEADLINE_SAID), "{}", out[0].evidence);
    assert_eq!(out[0].confidence, round2(calibrate::calibrated(0.65, true)), "a sleep or poll interval: on the critical path, not the decision itself");
    // the same for a timed wait on a held resource: the timeout is the decision
    let causes = vec![cause("src/jobs.py", 8, Category::Resource, Basis::Measured)];
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::Waits { percent: 12, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::Waits { .. }, .. } => (false, hit()),
        _ => (i % 4 == 0, hit()),
    });
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven && out[0].confidence >= round2(calibrate::calibrated(0.8, true)), "{out:?}");
}

#[test]
fn nothing_proven_caps_every_confidence_and_keeps_the_order() {
    let rs = runs(20, 6);
    let causes = vec![cause("src/a.py", 3, Category::Timing, Basis::Measured), cause("src/b.py", 4, Category::TimeDependency, Basis::Measured)];
    let done = play(&rs, &causes, |_, i| (i % 3 == 0, hit()));
    let out = conclude(V, &rs, causes, &done);
    assert!(out.iter().all(|c| !c.proven && c.confidence <= UNPROVEN_CAP), "{out:?}");
    assert_eq!(out[0].line, 3);
}

#[test]
fn a_line_that_never_runs_proves_nothing() {
    let rs = runs(20, 6);
    let causes = vec![cause("src/a.py", 3, Category::Resource, Basis::Measured)];
    let done = play(&rs, &causes, |_, _| (true, vec![]));
    let arms = arm_runs(&done, |w| matches!(w, Intervention::Waits { .. } | Intervention::Delay { .. }));
    assert_eq!(arms, 4, "one run per arm when it never acts: {done:?}");
    let out = conclude(V, &rs, causes, &done);
    assert!(!out[0].proven && out[0].evidence.contains("never ran"), "{}", out[0].evidence);
}

#[test]
fn a_clock_edge_that_makes_it_fail_proves_time_dependency() {
    let rs = runs(20, 3);
    let causes = vec![cause("src/w.py", 12, Category::TimeDependency, Basis::Measured)];
    let done = play(&rs, &causes, |c, _| (matches!(c, Condition::Intervene { what: Intervention::ClockEdge { .. }, .. }), hit()));
    assert_eq!(done.len(), 4);
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven && out[0].evidence.contains("failed 4 of 4 runs; plain runs: failed 3 of 20 runs"), "{}", out[0].evidence);
}

#[test]
fn reads_made_to_share_a_second_prove_a_collision_of_whole_seconds() {
    // names made from whole seconds collide when two reads share a second:
    // a boundary right after the read never fails; one just before it always
    let rs = runs(20, 3);
    let causes = vec![cause("src/w.py", 12, Category::TimeDependency, Basis::Measured)];
    let after = |c: &Condition| matches!(c, Condition::Intervene { what: Intervention::ClockEdge { after: true, .. }, .. });
    let done = play(&rs, &causes, |c, _| (after(c), hit()));
    assert_eq!(done.len(), 8, "four runs before the boundary, then four after it: {done:?}");
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven && out[0].evidence.contains("moved to just after one") && out[0].evidence.contains("failed 4 of 4 runs; plain runs"), "{}", out[0].evidence);
}

#[test]
fn fixed_draws_prove_randomness_when_each_seed_repeats_its_outcome() {
    let rs = runs(20, 6);
    let causes = vec![cause("src/r.py", 5, Category::Randomness, Basis::Measured)];
    let odd = |c: &Condition| matches!(c, Condition::Intervene { what: Intervention::Draws { seed, .. }, .. } if seed % 2 == 1);
    let done = play(&rs, &causes, |c, _| (odd(c), hit()));
    let out = conclude(V, &rs, causes.clone(), &done);
    assert!(out[0].proven, "{}", out[0].evidence);
    assert!(out[0].evidence.contains("seed 1: failed 3 of 3 runs, seed 2: failed 0 of 3 runs"), "{}", out[0].evidence);
    // one seed giving both outcomes refutes it
    let done = play(&rs, &causes, |_, i| (i == 0, hit()));
    let out = conclude(V, &rs, causes, &done);
    assert!(!out[0].proven && out[0].evidence.contains("gave both outcomes"), "{}", out[0].evidence);
}

#[test]
fn hash_seeds_prove_hash_order() {
    let rs = runs(20, 6);
    let causes = vec![cause("src/a.py", 3, Category::Timing, Basis::Measured), cause("src/h.py", 7, Category::Randomness, Basis::SourceOnly)];
    let done = play(&rs, &causes, |c, i| match c {
        Condition::HashSeed { seed } => (seed % 2 == 1, vec![]),
        _ => (i % 2 == 0, hit()),
    });
    let out = conclude(V, &rs, causes, &done);
    assert_eq!((out[0].line, out[0].proven), (7, true), "{out:?}");
}

#[test]
fn leaked_state_is_found_put_back_and_traced_to_its_line() {
    let rs = runs(20, 6);
    let key = "attr:pk.lib:Cfg:mode";
    let changed = || vec![Note::Changed { test: "t::p".into(), key: key.into(), before: Some("'safe'".into()), after: Some("'fast'".into()) }];
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, changed()),
        Condition::Only { .. } => (false, vec![]),
        Condition::Intervene { what: Intervention::Restore { .. }, .. } => (false, hit()),
        Condition::Intervene { what: Intervention::Watch { .. }, .. } => (
            true,
            vec![Note::Culprit { key: key.into(), file: "tests/test_a.py".into(), line: 6, function: "test_pollute".into(), test_line: None }],
        ),
        other => panic!("unexpected {other:?}"),
    });
    // replay 3, alone 6 (at 6 of 20 plain failures, 3 passes alone would
    // come one time in three were the order irrelevant), put back 3, watch 1
    assert_eq!(done.len(), 3 + 6 + 3 + 1);
    let out = conclude(V, &rs, vec![], &done);
    assert_eq!(out.len(), 1);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.category, c.proven), ("tests/test_a.py", 6, Category::OrderDependency, true));
    assert_eq!(c.polluter.as_deref(), Some("t::p"));
    assert!(c.evidence.contains("class attribute Cfg.mode (module pk.lib) put back after t::p: failed 0 of 3 runs"), "{}", c.evidence);
    assert!(c.confidence >= round2(calibrate::calibrated(0.8, true)));
}

#[test]
fn failing_alone_too_refutes_the_order() {
    let rs = runs(20, 6);
    let causes = vec![Cause { polluter: Some("t::p".into()), ..cause("tests/t.py", 2, Category::OrderDependency, Basis::Measured) }];
    let done = play(&rs, &causes, |_, i| (i % 2 == 0, vec![]));
    assert_eq!(done.len(), 6);
    let out = conclude(V, &rs, causes, &done);
    assert!(!out[0].proven && out[0].evidence.contains("fails without any earlier test too"), "{}", out[0].evidence);
}

#[test]
fn fisher_two_sided_is_symmetric() {
    let a = fisher_two_sided(5, 5, 6, 20);
    let b = fisher_two_sided(0, 5, 14, 20);
    assert!(a < 0.05 && b < 0.05, "{a} {b}");
    assert!(fisher_two_sided(2, 5, 6, 20) > 0.3);
    assert!((proven_confidence(0, ALPHA) - 0.8).abs() < 1e-9);
    assert!(proven_confidence(1, 1e-6) < 0.8 && proven_confidence(2, 1e-6) < proven_confidence(1, 1e-6));
    assert_eq!(plugin_path("tests/../src/q/w.py"), "src/q/w.py");
}

#[test]
fn a_trend_gets_more_runs_before_a_longer_pause() {
    // 13 of 18 plain failures: 5 of 5 under the pause is a trend (p ~ 0.25), 10 of 10 is proof.
    let rs = runs(18, 13);
    let causes = vec![cause("src/a.py", 3, Category::ThreadRace, Basis::Measured)];
    let done = play(&rs, &causes, |c, _| match c {
        Condition::Intervene { what: Intervention::Delay { .. }, .. } => (true, hit()),
        _ => (false, vec![]),
    });
    let pauses: Vec<u32> = done
        .iter()
        .filter_map(|t| match &t.condition {
            Condition::Intervene { what: Intervention::Delay { ms, .. }, .. } => Some(*ms),
            _ => None,
        })
        .collect();
    assert!(pauses.len() > 5 && pauses.len() <= 15 && pauses.iter().all(|&ms| ms == 20), "{pauses:?}");
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven, "{}", out[0].evidence);
}

#[test]
fn a_pause_that_only_lowers_the_fail_rate_proves_nothing_unless_it_ends_the_failures() {
    let rs = runs(18, 12);
    let causes = vec![cause("src/pool.py", 16, Category::ThreadRace, Basis::Measured)];
    // pausing here halves the failures: not the line's own doing
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::Delay { .. }, .. } => (i % 4 == 0, hit()),
        _ => (false, vec![]),
    });
    let out = conclude(V, &rs, causes.clone(), &done);
    assert!(!out[0].proven, "{}", out[0].evidence);
    // a pause that ends the failures does prove it
    let done = play(&rs, &causes, |c, _| match c {
        Condition::Intervene { what: Intervention::Delay { .. }, .. } => (false, hit()),
        _ => (false, vec![]),
    });
    let out = conclude(V, &rs, causes, &done);
    assert!(out[0].proven, "{}", out[0].evidence);
    assert!(out[0].evidence.contains("fails less often"), "{}", out[0].evidence);
}

#[test]
fn a_test_double_that_only_varies_timing_is_a_driver_not_a_cause() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::write(dir.path().join("tests/conftest.py"), "import random, time\n\ndef charge():\n    time.sleep(random.uniform(0, 0.05))\n").unwrap();
    let fake = Cause { proven: true, confidence: 0.9, function: "Gateway.charge".into(), ..cause("tests/conftest.py", 4, Category::Randomness, Basis::Measured) };
    let real = cause("src/board.py", 72, Category::ThreadRace, Basis::Measured);
    let test_own = Cause { function: "test_deadline".into(), ..cause("tests/test_x.py", 9, Category::Timing, Basis::Measured) };
    let jitter = Cause { proven: true, function: "Backoff.delay".into(), ..cause("src/backoff.py", 2, Category::Randomness, Basis::Measured) };
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/backoff.py"), "def delay(n):\n    return random.uniform(0, 0.4 * 2 ** n)\n").unwrap();
    assert!(drivers::only_drives(&jitter, Some(dir.path())), "a draw in a function that picks a delay is a driver");
    let out = drivers::demote(vec![fake, real.clone(), test_own], Some(dir.path()));
    assert_eq!(out[0].line, 72);
    assert_eq!(out[1].line, 9, "a test function's own timeout is code under test");
    assert_eq!(out[2].line, 4);
    assert!(!out[2].proven && out[2].confidence <= UNPROVEN_CAP && out[2].evidence.contains("only varies how long the run takes"));
    // a fake's latency drawn on one line and slept on the next is a driver;
    // a test factory's drawn data (an amount, a name) is what the test runs on
    std::fs::write(
        dir.path().join("tests/factories.py"),
        "import random, time\n\ndef serve(req):\n    lag = random.random() / 50\n    time.sleep(lag)\n    return req\n\ndef amount(low=5):\n    return random.randint(low * 100, 25000) / 100\n",
    )
    .unwrap();
    let lag = Cause { function: "serve".into(), ..cause("tests/factories.py", 4, Category::Randomness, Basis::Measured) };
    let data = Cause { function: "amount".into(), ..cause("tests/factories.py", 9, Category::Randomness, Basis::Measured) };
    assert!(drivers::only_drives(&lag, Some(dir.path())), "a drawn latency is a driver");
    assert!(!drivers::only_drives(&data, Some(dir.path())), "drawn test data is a cause");
    // a draw added to a clock reading is a moment to wait for
    std::fs::write(dir.path().join("tests/store.py"), "import random, time\n\nclass Store:\n    def restart(self):\n        self.ready_at = time.monotonic() + random.uniform(0.04, 0.22)\n").unwrap();
    let ready = Cause { function: "Store.restart".into(), ..cause("tests/store.py", 5, Category::Randomness, Basis::Measured) };
    assert!(drivers::only_drives(&ready, Some(dir.path())), "a drawn moment is a driver");
    // a sleep of a drawn length in the code under test is simulated latency
    // whatever its proof's category; a fixed sleep there is not
    std::fs::write(dir.path().join("src/render.py"), "import random, time\n\ndef render(body):\n    time.sleep(random.uniform(0.005, 0.025))\n    time.sleep(0.02)\n").unwrap();
    let slept = Cause { function: "render".into(), ..cause("src/render.py", 4, Category::ThreadRace, Basis::Measured) };
    let fixed = Cause { function: "render".into(), ..cause("src/render.py", 5, Category::Timing, Basis::Measured) };
    assert!(drivers::only_drives(&slept, Some(dir.path())), "a drawn sleep is a driver");
    assert!(!drivers::only_drives(&fixed, Some(dir.path())), "a fixed sleep in the code under test is a cause");
}

#[test]
fn a_wake_up_cleared_late_is_tried_even_after_another_line_is_proven_by_clearing_it_right_after_its_wait() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    let text = "class Courier:\n    async def flusher(self):\n        while True:\n            await self._wakeup.wait()\n            batch = self._drain()\n            await self._transport.write(batch)\n            self._wakeup.clear()\n";
    std::fs::write(dir.path().join("src/courier.py"), text).unwrap();
    let rs = runs_at(dir.path(), 20, 6);
    let measured = cause("src/transport.py", 17, Category::AsyncRace, Basis::Measured);
    let cleared = cause("src/courier.py", 7, Category::AsyncRace, Basis::Cleared { after_wait: 5, then: 3 });
    // a pause at the transport makes it fail more often (p ~ 0.03); the
    // clear moved right after the wait: no run fails
    let done = play(&rs, &[measured.clone(), cleared.clone()], |c, i| match c {
        Condition::Intervene { what: Intervention::Delay { line: 17, .. }, .. } => (i % 5 != 0, hit()),
        Condition::Intervene { what: Intervention::Rewrite { edits, .. }, .. } => {
            assert_eq!(edits[0], crate::run::trials::Edit { line: 5, text: "self._wakeup.clear()".into(), replace: false, to: None });
            assert_eq!(edits[1], crate::run::trials::Edit { line: 7, text: "pass".into(), replace: true, to: Some(3) });
            (false, hit())
        }
        _ => (i % 3 == 0, hit()),
    });
    let out = conclude(V, &rs, vec![measured, cleared], &done);
    assert_eq!((out[0].line, out[0].proven), (7, true), "{out:?}");
    assert!(out[0].evidence.contains("with `self._wakeup.clear()` run just before line 5 and line 7 run as `pass`"), "{}", out[0].evidence);
}

#[test]
fn a_one_line_mistake_is_proven_by_running_its_correction_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/locks.py"), "import asyncio\n\nclass Keyed:\n    def lock_for(self, key):\n        return self._locks.get(key, asyncio.Lock())\n").unwrap();
    let rs = runs_at(dir.path(), 20, 8);
    let measured = cause("src/stock.py", 12, Category::Randomness, Basis::Measured);
    let mistake = cause("src/locks.py", 5, Category::AsyncRace, Basis::Corrected);
    let done = play(&rs, &[measured.clone(), mistake.clone()], |c, i| match c {
        Condition::Intervene { what: Intervention::Rewrite { edits, .. }, .. } => {
            assert_eq!(edits, &vec![crate::run::trials::Edit { line: 5, text: "self._locks.setdefault(key, asyncio.Lock())".into(), replace: false, to: None }]);
            (false, hit())
        }
        _ => (i % 2 == 0, hit()),
    });
    assert!(matches!(&done[0].condition, Condition::Intervene { what: Intervention::Rewrite { .. }, .. }), "the correction is tried first: {done:?}");
    let out = conclude(V, &rs, vec![measured, mistake], &done);
    assert_eq!((out[0].line, out[0].proven), (5, true), "{out:?}");
    assert!(out[0].evidence.contains("with `self._locks.setdefault(key, asyncio.Lock())` run just before line 5 ("), "{}", out[0].evidence);
}

#[test]
fn after_a_driver_is_proven_the_await_window_in_the_code_under_test_is_tried_and_proven() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::write(dir.path().join("tests/conftest.py"), "import asyncio, random\n\nasync def lookup():\n    await asyncio.sleep(random.uniform(0, 0.05))\n").unwrap();
    let rs = runs_at(dir.path(), 20, 6);
    let fake = Cause { function: "Sessions.lookup".into(), ..cause("tests/conftest.py", 4, Category::Randomness, Basis::Measured) };
    let window = cause("src/shop.py", 40, Category::AsyncRace, Basis::Inventory { held_across: Some(37) });
    // Every seed repeats its outcome at the double's draws; the await at line
    // 37 stretched makes it fail every time.
    let done = play(&rs, &[fake.clone(), window.clone()], |c, i| match c {
        Condition::Intervene { what: Intervention::Draws { seed, .. }, .. } => (seed % 2 == 0, hit()),
        Condition::Intervene { what: Intervention::AwaitWaits { line: 37, percent: 800, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::AwaitWaits { .. }, .. } => (i % 3 == 0, hit()),
        _ => (i % 3 == 0, vec![]),
    });
    assert!(arm_runs(&done, |w| matches!(w, Intervention::Draws { .. })) > 0);
    assert!(arm_runs(&done, |w| matches!(w, Intervention::AwaitWaits { line: 37, percent: 800, .. })) >= 3, "the window is tried after the driver's proof");
    assert_eq!(arm_runs(&done, |w| matches!(w, Intervention::Waits { .. } | Intervention::Delay { .. })), 0, "an await window is stretched, never paused");
    let out = conclude(V, &rs, vec![fake, window], &done);
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].proven), ("src/shop.py", 40, true));
    assert!(out[0].evidence.contains("the waits under the call at line 37 8× as long: failed"), "{}", out[0].evidence);
    assert_eq!((out[1].line, out[1].proven), (4, false), "the driver comes after, not proven");
}

#[test]
fn a_holder_proven_to_keep_a_resource_across_slow_work_ranks_before_the_timed_wait_that_gave_up() {
    let rs = runs(20, 6);
    let victim = cause("src/pool.py", 43, Category::Resource, Basis::Measured);
    let holder = cause("src/orders.py", 15, Category::Resource, Basis::Inventory { held_across: Some(15) });
    // The pool's timeout shorter, or the holder's slow call longer: it fails every time.
    let done = play(&rs, &[victim.clone(), holder.clone()], |c, i| match c {
        Condition::Intervene { what: Intervention::Waits { line: 43, percent: 12, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::AwaitWaits { line: 15, percent: 800, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::AwaitWaits { line: 15, percent: 12, .. }, .. } => (false, hit()),
        _ => (i % 3 == 0, hit()),
    });
    let out = conclude(V, &rs, vec![victim, holder], &done);
    assert_eq!((out[0].line, out[0].proven), (15, true), "{out:?}");
    assert!(out[0].confidence >= round2(calibrate::calibrated(0.8, true)), "a holder proven both ways singles out its line: {}", out[0].confidence);
    assert!(out[0].evidence.contains("held across the call at line 15"), "{}", out[0].evidence);
    assert_eq!((out[1].line, out[1].proven), (43, true));
    assert!(out[1].confidence < out[0].confidence);
}

#[test]
fn work_that_outlasts_a_deadline_is_proven_but_the_deadline_is_still_looked_for_and_ranks_first() {
    let rs = runs(20, 6);
    let work = cause("src/reindex.py", 21, Category::Timing, Basis::Measured);
    let deadline = cause("tests/helpers.py", 10, Category::Timing, Basis::Inventory { held_across: None });
    // The slow work's waits longer: it fails every time; the poll's waits longer: never.
    let done = play(&rs, &[work.clone(), deadline.clone()], |c, i| match c {
        Condition::Intervene { what: Intervention::Waits { line: 21, percent: 800, .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::Waits { line: 10, percent: 800, .. }, .. } => (false, hit()),
        _ => (i % 3 == 0, hit()),
    });
    assert!(arm_runs(&done, |w| matches!(w, Intervention::Waits { line: 10, .. })) >= 5, "the deadline is tried after the work was proven");
    let out = conclude(V, &rs, vec![work, deadline], &done);
    assert_eq!((out[0].line, out[0].proven), (10, true), "{out:?}");
    assert_eq!((out[1].line, out[1].proven), (21, true));
    assert!(out[1].confidence < out[0].confidence);
}

#[test]
fn a_clock_read_cut_to_whole_seconds_is_tried_after_a_proven_crossing_and_ranks_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    let text = "def expiry(ttl):\n    issued = int(time.time())\n    return issued + ttl\n\ndef verify(exp):\n    return time.time() < exp\n";
    std::fs::write(dir.path().join("src/sign.py"), text).unwrap();
    let rs = runs_at(dir.path(), 20, 6);
    let crossing = cause("src/sign.py", 6, Category::TimeDependency, Basis::Measured);
    let cut = cause("src/sign.py", 2, Category::TimeDependency, Basis::Inventory { held_across: None });
    let done = play(&rs, &[crossing.clone(), cut.clone()], |c, _| match c {
        Condition::Intervene { what: Intervention::ClockEdge { .. }, .. } => (true, hit()),
        _ => (false, vec![]),
    });
    assert!(arm_runs(&done, |w| matches!(w, Intervention::ClockEdge { line: 2, .. })) > 0, "the cut read is tried after the crossing was proven");
    let out = conclude(V, &rs, vec![crossing, cut], &done);
    assert_eq!((out[0].line, out[0].proven), (2, true), "{out:?}");
    assert_eq!((out[1].line, out[1].proven), (6, true));
    assert!(out[0].confidence >= out[1].confidence);
}

/// The victim runs after t::a, t::b, t::p, t::c in each run, `fails` of `n` failing.
fn runs_after_four(n: u32, fails: u32) -> Vec<RunResult> {
    (0..n)
        .map(|i| {
            let mut outcomes: Vec<TestOutcome> = ["t::a", "t::b", "t::p", "t::c"].iter().enumerate().map(|(k, t)| outcome(t, k as u32 + 1, false)).collect();
            outcomes.push(outcome(V, 5, i < fails));
            RunResult { index: i + 1, outcomes, ..Default::default() }
        })
        .collect()
}

#[test]
fn a_polluter_nothing_fingerprints_is_found_by_bisection_and_stopped_at_its_line() {
    let rs = runs_after_four(20, 8);
    // t::p leaves state nothing fingerprints; its line 13 is what does it.
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        Condition::Only { tests } => (tests.iter().any(|t| t == "t::p"), vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, tests } => {
            assert_eq!((test.as_str(), tests.len()), ("t::p", 2));
            (true, vec![Note::Lines { test: test.clone(), file: "tests/test_p.py".into(), first: 10, lines: vec![11, 12, 13, 14, 15] }])
        }
        Condition::Intervene { what: Intervention::StopAt { line, .. }, .. } => (*line > 13, hit()),
        // the calls at line 13 run only test code: nothing deeper to name
        Condition::Intervene { what: Intervention::LinesUnder { test, at }, .. } => {
            (true, vec![Note::LinesUnder { test: test.clone(), at: *at, lines: vec![("tests/helpers.py".into(), 3)] }])
        }
        other => panic!("unexpected {other:?}"),
    });
    // replay 3, alone 3, bisection 2 + confirm 1, lines 1, stop bisection 3, lines under 1
    assert!(done.len() <= 15, "{} runs: {done:?}", done.len());
    let out = conclude(V, &rs, vec![], &done);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.function.as_str(), c.proven), ("tests/test_p.py", 13, "p", true), "{}", c.evidence);
    assert_eq!(c.polluter.as_deref(), Some("t::p"));
    assert!(c.evidence.contains("it fails right after t::p alone"), "{}", c.evidence);
    assert!(c.evidence.contains("stopping t::p just before this line makes it pass"), "{}", c.evidence);
}

#[test]
fn a_line_of_code_under_test_the_polluter_calls_is_named_when_it_changes_shared_state() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("src")).unwrap();
    std::fs::write(root.path().join("src/money.py"), "import decimal\n\ndef use_precision(d):\n    ctx = decimal.getcontext()\n    ctx.prec = d\n    return ctx\n").unwrap();
    std::fs::create_dir_all(root.path().join("tests")).unwrap();
    let test_src = |call: &str| std::fs::write(root.path().join("tests/test_p.py"), format!("{}def test_p():\n    {call}\n    assert True\n", "\n".repeat(9))).unwrap();
    test_src("table = FxTable().load(6)");
    let mut rs = runs_after_four(20, 8);
    rs[0].session.rootdir = Some(root.path().to_string_lossy().into_owned());
    let abs = |f: &str| root.path().join(f).to_string_lossy().into_owned();
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        Condition::Only { tests } => (tests.iter().any(|t| t == "t::p"), vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, .. } => {
            (true, vec![Note::Lines { test: test.clone(), file: abs("tests/test_p.py"), first: 10, lines: vec![11, 12] }])
        }
        Condition::Intervene { what: Intervention::StopAt { line, .. }, .. } => (*line > 11, hit()),
        Condition::Intervene { what: Intervention::LinesUnder { test, at }, .. } => {
            assert_eq!(*at, 11);
            let lines = [("src/money.py", 4), ("src/money.py", 5), ("src/money.py", 6)].iter().map(|(f, l)| (abs(f), *l)).collect();
            (true, vec![Note::LinesUnder { test: test.clone(), at: 11, lines }])
        }
        // stopped before line 5 the precision is untouched
        Condition::Intervene { what: Intervention::StopIn { line, .. }, .. } => (*line > 5, hit()),
        other => panic!("unexpected {other:?}"),
    });
    let out = conclude(V, &rs, vec![], &done);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.function.as_str(), c.proven), ("src/money.py", 5, "use_precision", true), "{}", c.evidence);
    assert!(c.evidence.contains("within the calls that line makes"), "{}", c.evidence);
    // a test that calls the changing function by name asked for the change: its line is named
    test_src("use_precision(6)");
    let out = conclude(V, &rs, vec![], &done);
    assert_eq!((out[0].file.as_str(), out[0].line), ("tests/test_p.py", 11), "{}", out[0].evidence);
    assert!(polluter::writes_shared_state("decimal.getcontext().prec = 6") && polluter::writes_shared_state("os.environ['X'] = '1'"));
    assert!(polluter::writes_shared_state("    os.umask(0o077)") && polluter::writes_shared_state("signal.signal(signal.SIGTERM, handler)"));
    assert!(!polluter::writes_shared_state("self.prec = 6") && !polluter::writes_shared_state("x = a.b") && !polluter::writes_shared_state("if a.b == 1:"));
}

#[test]
fn a_polluter_whose_set_up_leaves_the_state_is_named_at_its_definition() {
    let rs = runs_after_four(20, 8);
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        Condition::Only { tests } => (tests.iter().any(|t| t == "t::b"), vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, .. } => {
            (true, vec![Note::Lines { test: test.clone(), file: "tests/test_b.py".into(), first: 4, lines: vec![5, 6] }])
        }
        Condition::Intervene { what: Intervention::StopAt { .. }, .. } => (true, hit()),
        // its set-up runs only test code: nothing deeper to name
        Condition::Intervene { what: Intervention::LinesUnder { test, at }, .. } => {
            assert_eq!(*at, 0, "the whole test, set-up included");
            (true, vec![Note::LinesUnder { test: test.clone(), at: 0, lines: vec![("tests/conftest.py".into(), 3)] }])
        }
        other => panic!("unexpected {other:?}"),
    });
    let out = conclude(V, &rs, vec![], &done);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.polluter.as_deref()), ("tests/test_b.py", 4, Some("t::b")), "{}", c.evidence);
    assert!(c.evidence.contains("its set-up (fixtures) leaves the state"), "{}", c.evidence);
}

#[test]
fn a_polluter_whose_set_up_calls_code_that_changes_process_settings_is_named_at_that_line() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("src")).unwrap();
    std::fs::write(root.path().join("src/types.py"), "import mimetypes\n\ndef enable_text(exts):\n    for ext in exts:\n        mimetypes.add_type(\"text/plain\", ext)\n").unwrap();
    let mut rs = runs_after_four(20, 8);
    rs[0].session.rootdir = Some(root.path().to_string_lossy().into_owned());
    let abs = |f: &str| root.path().join(f).to_string_lossy().into_owned();
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        Condition::Only { tests } => (tests.iter().any(|t| t == "t::b"), vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, .. } => {
            (true, vec![Note::Lines { test: test.clone(), file: abs("tests/test_b.py"), first: 4, lines: vec![5, 6] }])
        }
        Condition::Intervene { what: Intervention::StopAt { .. }, .. } => (true, hit()),
        Condition::Intervene { what: Intervention::LinesUnder { test, .. }, .. } => {
            let lines = [("tests/conftest.py", 8), ("src/types.py", 4), ("src/types.py", 5)].iter().map(|(f, l)| (abs(f), *l)).collect();
            (true, vec![Note::LinesUnder { test: test.clone(), at: 0, lines }])
        }
        // stopped before line 5 the registry is untouched
        Condition::Intervene { what: Intervention::StopIn { line, .. }, .. } => (*line > 5, hit()),
        other => panic!("unexpected {other:?}"),
    });
    let out = conclude(V, &rs, vec![], &done);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.function.as_str(), c.proven), ("src/types.py", 5, "enable_text", true), "{}", c.evidence);
    assert!(c.evidence.contains("within the code its set-up runs"), "{}", c.evidence);
}

#[test]
fn a_rare_failure_gets_more_seeds_before_giving_up() {
    // 3 of 30 plain runs fail: six seeds would miss the failing ones most of the time
    let rs = runs(30, 3);
    let causes = vec![cause("src/a.py", 3, Category::Randomness, Basis::Measured)];
    let seed_of = |c: &Condition| match c {
        Condition::Intervene { what: Intervention::Draws { seed, .. }, .. } => Some(*seed),
        _ => None,
    };
    // only seed 11 fails
    let done = play(&rs, &causes, |c, _| (seed_of(c) == Some(11), hit()));
    let out = conclude(V, &rs, causes.clone(), &done);
    assert!(out[0].proven, "{}", out[0].evidence);
    assert!(out[0].evidence.contains("seed 11: failed 3 of 3 runs"), "{}", out[0].evidence);
    // never failing: at most 20 seeds (enough at 1 in 10 to see a failing
    // seed ~9 times in 10), one run each
    let done = play(&rs, &causes, |_, _| (false, hit()));
    assert_eq!(done.iter().filter(|t| seed_of(&t.condition).is_some()).count(), 20);
}

#[test]
fn a_deadline_traced_to_the_number_that_sets_it_goes_before_its_caller() {
    let proven = |file: &str, line: u32, evidence: String| {
        let mut c = cause(file, line, Category::Timing, Basis::Measured);
        c.proven = true;
        c.confidence = 0.65;
        c.evidence = evidence;
        c
    };
    let caller = proven("src/a.py", 51, format!("x. Experiment: ...: {}", line::DEADLINE_SAID));
    let setting = proven("src/config.py", 3, format!("y. Experiment: ...: {}. {} src/config.py:3", line::DEADLINE_SAID, moves::SET_AT));
    let mut out = vec![caller.clone(), setting.clone()];
    moves::set_length_first(&mut out);
    assert_eq!((out[0].file.as_str(), out[1].file.as_str()), ("src/config.py", "src/a.py"));
    // a less specific proof does not move ahead
    let mut weaker = setting;
    weaker.confidence = 0.5;
    let mut out = vec![caller, weaker];
    moves::set_length_first(&mut out);
    assert_eq!(out[0].file, "src/a.py");
}

#[test]
fn a_deadline_set_in_the_code_goes_before_work_proven_to_outlast_it() {
    let proven = |file: &str, line: u32, category: Category, confidence: f64, evidence: String| {
        let mut c = cause(file, line, category, Basis::Measured);
        c.proven = true;
        c.confidence = confidence;
        c.evidence = evidence;
        c
    };
    let work = proven("src/worker.py", 58, Category::ThreadRace, 0.8, format!("x. Experiment: ...: {}", line::WORK_SAID));
    let deadline = proven("src/settings.py", 6, Category::Timing, 0.65, format!("y. Experiment: ...: {}. {} src/settings.py:6", line::DEADLINE_SAID, moves::SET_AT));
    let mut out = vec![work.clone(), deadline.clone()];
    moves::deadline_before_work(&mut out);
    assert_eq!((out[0].line, out[1].line), (6, 58));
    assert!(out[0].confidence >= out[1].confidence);
    // a deadline whose length no code sets (a wait for a pipe) stays behind
    let mut unset = deadline;
    unset.evidence = format!("y. Experiment: ...: {}", line::DEADLINE_SAID);
    let mut out = vec![work.clone(), unset];
    moves::deadline_before_work(&mut out);
    assert_eq!(out[0].line, 58);
    // a wait on the waiter's own pool goes first too
    let starved = proven("src/page.py", 18, Category::Resource, 0.6, format!("y. Experiment: ...: {}. render itself runs on `app.executor` and {} at line 18", line::DEADLINE_SAID, moves::OWN_POOL_SAID));
    let mut out = vec![work, starved];
    moves::deadline_before_work(&mut out);
    assert_eq!(out[0].line, 18);
}

#[test]
fn a_reading_handed_to_a_function_that_cuts_it_moves_to_the_cut() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("clock.py");
    std::fs::write(&p, "from datetime import datetime, timezone\n\ndef to_db(dt):\n    return dt.replace(tzinfo=None).isoformat(timespec=\"seconds\")\n\ndef db_after(delta):\n    return to_db(datetime.now(timezone.utc) + delta)\n").unwrap();
    let mut c = cause(&p.to_string_lossy(), 7, Category::TimeDependency, Basis::Measured);
    c.proven = true;
    let mut out = vec![c];
    moves::to_cut_in_callee(&mut out, None);
    assert_eq!((out[0].line, out[0].function.as_str()), (4, "to_db"), "{}", out[0].evidence);
    // through a module of the project: the cut is in that module's file
    std::fs::create_dir_all(d.path().join("src/app")).unwrap();
    std::fs::write(d.path().join("src/app/timeutil.py"), "from datetime import datetime\n\ndef stamp():\n    return datetime.now()\n\ndef millis_between(a, b):\n    return (b.microsecond - a.microsecond) / 1000.0\n").unwrap();
    std::fs::write(d.path().join("src/app/mw.py"), "from . import timeutil\n\ndef after(req):\n    started = req.started\n    return timeutil.millis_between(started, timeutil.stamp())\n").unwrap();
    let mut c = cause("src/app/mw.py", 5, Category::TimeDependency, Basis::Measured);
    c.proven = true;
    let mut out = vec![c];
    moves::to_cut_in_callee(&mut out, Some(d.path()));
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].function.as_str()), ("src/app/timeutil.py", 7, "millis_between"), "{}", out[0].evidence);
}

#[test]
fn a_race_proven_at_a_line_touching_no_shared_state_gives_way_to_one_that_does() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    std::fs::write(d.path().join("src/ranking.py"), "def rank_key(e):\n    return (-e.score, e.name)\n").unwrap();
    std::fs::write(d.path().join("src/board.py"), "class Board:\n    def top(self):\n        self._entries.sort(key=rank_key)\n").unwrap();
    let proven = |file: &str, line: u32| Cause { proven: true, confidence: 0.65, ..cause(file, line, Category::ThreadRace, Basis::Measured) };
    let mut out = vec![proven("src/ranking.py", 2), proven("src/board.py", 3)];
    moves::shared_state_first(&mut out, Some(d.path()));
    assert_eq!((out[0].file.as_str(), out[1].file.as_str()), ("src/board.py", "src/ranking.py"));
    // the other way round nothing moves
    moves::shared_state_first(&mut out, Some(d.path()));
    assert_eq!(out[0].file, "src/board.py");
}

#[test]
fn a_window_whose_widening_makes_failures_rarer_is_not_proven() {
    let rs = runs(20, 8);
    let window = cause("src/album.py", 16, Category::ThreadRace, Basis::Inventory { held_across: Some(15) });
    // the waits under line 15 stretched: it never fails (a deadline under
    // that call, not a window held across it); shortened: as plain
    let done = play(&rs, std::slice::from_ref(&window), |c, i| match c {
        Condition::Intervene { what: Intervention::AwaitWaits { percent: 800, .. }, .. } => (false, hit()),
        _ => (i % 5 < 2, hit()),
    });
    assert!(arm_runs(&done, |w| matches!(w, Intervention::AwaitWaits { percent: 800, .. })) >= 5);
    let out = conclude(V, &rs, vec![window], &done);
    assert!(out.iter().all(|c| !c.proven), "{out:?}");
}

#[test]
fn a_race_that_only_overwrites_gives_way_to_one_that_writes_back_what_it_read() {
    let proven = |file: &str, evidence: &str| Cause { proven: true, confidence: 0.1, evidence: evidence.into(), ..cause(file, 3, Category::AsyncRace, Basis::Measured) };
    let mut out = vec![proven("src/pool.py", "start overwrites `_all` across that point (line 14)"), proven("src/service.py", "_get_pool writes back `_pool` across that point (line 15)")];
    moves::write_back_first(&mut out);
    assert_eq!(out[0].file, "src/service.py");
    moves::write_back_first(&mut out);
    assert_eq!(out[0].file, "src/service.py", "nothing moves once a write-back is first");
}

#[test]
fn a_race_proven_at_a_call_gives_way_to_the_window_around_it_when_that_is_proven_too() {
    let proven = |line: u32, basis: Basis, confidence: f64| Cause { proven: true, confidence, ..cause("src/publish.py", line, Category::ThreadRace, basis) };
    let other = proven(12, Basis::Inventory { held_across: Some(9) }, 0.3);
    let mut out = vec![proven(30, Basis::Measured, 0.45), other.clone(), proven(32, Basis::Inventory { held_across: Some(30) }, 0.3)];
    moves::window_over_its_call(&mut out);
    assert_eq!(out.iter().map(|c| c.line).collect::<Vec<_>>(), vec![32, 30, 12], "the write-back across line 30 goes first");
    assert_eq!(out[0].confidence, 0.45);
    // a window around another call does not
    let mut out = vec![proven(30, Basis::Measured, 0.45), other];
    moves::window_over_its_call(&mut out);
    assert_eq!(out[0].line, 30);
}

#[test]
fn a_candidate_fix_at_a_low_fail_rate_is_followed_until_its_missing_failures_are_significant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/locks.py"), "import asyncio\n\nclass Keyed:\n    def lock_for(self, key):\n        return self._locks.get(key, asyncio.Lock())\n").unwrap();
    // 6 of 30 plain runs fail: 0 of 15 under the fix is not yet significant
    let rs = runs_at(dir.path(), 30, 6);
    let mistake = cause("src/locks.py", 5, Category::AsyncRace, Basis::Corrected);
    let done = play(&rs, std::slice::from_ref(&mistake), |c, _| match c {
        Condition::Intervene { what: Intervention::Rewrite { .. }, .. } => (false, hit()),
        _ => (true, hit()),
    });
    let fixed = arm_runs(&done, |w| matches!(w, Intervention::Rewrite { .. }));
    assert!((16..=25).contains(&fixed), "{fixed} runs");
    let out = conclude(V, &rs, vec![mistake], &done);
    assert!(out[0].proven, "{}", out[0].evidence);
}

#[test]
fn a_library_draw_gives_way_to_the_tests_own_draw_when_both_are_proven() {
    let draw = |file: &str, proven: bool, confidence: f64| Cause { proven, confidence, ..cause(file, 34, Category::Randomness, Basis::Measured) };
    let mut out = vec![draw("src/emu/sampler.py", true, 0.46), draw("src/emu/tests/test_fit.py", true, 0.3)];
    moves::test_seed_first(&mut out);
    assert_eq!(out[0].file, "src/emu/tests/test_fit.py", "the seed goes in the test");
    assert_eq!(out[0].confidence, 0.46);
    // an unproven draw in the test does not overtake
    let mut out = vec![draw("src/emu/sampler.py", true, 0.46), draw("tests/test_fit.py", false, 0.3)];
    moves::test_seed_first(&mut out);
    assert_eq!(out[0].file, "src/emu/sampler.py");
}

#[test]
fn draws_fixed_at_a_line_that_never_fail_where_plain_runs_do_prove_it_less_specifically() {
    let rs = runs(30, 8);
    let causes = vec![cause("tests/test_fit.py", 11, Category::Randomness, Basis::Measured)];
    let seed_of = |c: &Condition| match c {
        Condition::Intervene { what: Intervention::Draws { seed, .. }, .. } => Some(*seed),
        _ => None,
    };
    let done = play(&rs, &causes, |_, _| (false, hit()));
    let seeds = done.iter().filter(|t| seed_of(&t.condition).is_some()).count();
    assert_eq!(seeds, 12, "seeds go on while never failing is a trend, until it is significant");
    let out = conclude(V, &rs, causes.clone(), &done);
    assert!(out[0].proven && out[0].evidence.contains("failed 0 of 12 runs over 12 seeds"), "{}", out[0].evidence);
    // at 2 of 30 plain failures twenty passing seeds are no proof
    let rs = runs(30, 2);
    let done = play(&rs, &causes, |_, _| (false, hit()));
    assert!(!conclude(V, &rs, causes.clone(), &done)[0].proven);
}

#[test]
fn a_clock_helper_called_again_for_the_same_value_moves_the_cause_to_the_call_that_recomputes_it() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src/desk")).unwrap();
    std::fs::create_dir_all(d.path().join("tests")).unwrap();
    std::fs::write(d.path().join("src/desk/naming.py"), "from datetime import datetime\n\ndef export_name(kind):\n    stamp = datetime.now().strftime(\"%H%M%S\")\n    return f\"{kind}-{stamp}.csv\"\n").unwrap();
    std::fs::write(d.path().join("src/desk/exporter.py"), "from .naming import export_name\n\nclass Exporter:\n    def run(self):\n        self.store.save(export_name(\"orders\"), b\"\")\n        return self.link()\n\n    def link(self):\n        return self.base + export_name(\"orders\")\n").unwrap();
    std::fs::write(d.path().join("tests/test_export.py"), "from desk.naming import export_name\n\ndef test_name():\n    assert export_name('a') != export_name('b')\n").unwrap();
    let two_calls = format!("crossed; {} src/desk/exporter.py:5 and the one after it through line 9", crate::classify::causes::CALLS_SAID);
    let proven = || Cause { proven: true, evidence: two_calls.clone(), ..cause("src/desk/naming.py", 4, Category::TimeDependency, Basis::Measured) };
    // the reads that crossed came through one call: a window, nothing moves
    let mut out = vec![Cause { evidence: "crossed".into(), ..proven() }];
    moves::to_recomputing_call(&mut out, Some(d.path()));
    assert_eq!(out[0].line, 4);
    let mut out = vec![proven()];
    moves::to_recomputing_call(&mut out, Some(d.path()));
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].function.as_str()), ("src/desk/exporter.py", 9, "Exporter.link"), "{}", out[0].evidence);
    // called once in the code under test (the test's own calls do not count): nothing moves
    std::fs::write(d.path().join("src/desk/exporter.py"), "from .naming import export_name\n\ndef run(store):\n    name = export_name(\"orders\")\n    store.save(name, b\"\")\n    return name\n").unwrap();
    let mut out = vec![proven()];
    moves::to_recomputing_call(&mut out, Some(d.path()));
    assert_eq!((out[0].file.as_str(), out[0].line), ("src/desk/naming.py", 4));
}

#[test]
fn a_clock_method_called_again_through_self_moves_the_cause_to_the_later_call() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    std::fs::write(
        d.path().join("src/otp.py"),
        "class Otp:\n    def counter(self):\n        return int(self.clock.now() // self.step)\n\n    def current(self):\n        return self.code_for(self.counter())\n\n    def verify(self, code):\n        return self.code_for(self.counter()) == code\n",
    )
    .unwrap();
    let evidence = format!("crossed; {} src/otp.py:6 and the one after it through line 9", crate::classify::causes::CALLS_SAID);
    let mut out = vec![Cause { proven: true, evidence, ..cause("src/otp.py", 3, Category::TimeDependency, Basis::Measured) }];
    moves::to_recomputing_call(&mut out, Some(d.path()));
    assert_eq!((out[0].line, out[0].function.as_str()), (9, "Otp.verify"), "{}", out[0].evidence);
}

#[test]
fn a_deadlock_in_a_loop_over_passed_locks_moves_to_the_caller_that_chose_the_order() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src/stock")).unwrap();
    std::fs::write(d.path().join("src/stock/claims.py"), "def claimed(*bins):\n    for b in bins:\n        b.claim()\n").unwrap();
    std::fs::write(d.path().join("src/stock/moves.py"), "from .claims import claimed\n\ndef move(a, b):\n    with claimed(a, b):\n        a.give(b)\n").unwrap();
    let evidence = format!("two threads waited; {} src/stock/moves.py:4 (move)", crate::classify::deadlocks::PASSED_AT);
    let mut out = vec![Cause { proven: true, evidence, ..cause("src/stock/claims.py", 3, Category::Resource, Basis::Window { at: 3 }) }];
    moves::to_lock_order_caller(&mut out, Some(d.path()));
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].function.as_str()), ("src/stock/moves.py", 4, "move"), "{}", out[0].evidence);
    // without the caller named, nothing moves
    let mut out = vec![Cause { proven: true, evidence: "two threads waited".into(), ..cause("src/stock/claims.py", 3, Category::Resource, Basis::Window { at: 3 }) }];
    moves::to_lock_order_caller(&mut out, Some(d.path()));
    assert_eq!(out[0].line, 3);
}

#[test]
fn a_test_that_passes_only_after_a_state_setter_is_named_at_its_own_line_that_needs_it() {
    // Passing runs ran t::a, t::s, t::b before it; failing runs ran t::b first and t::s after it.
    let rs: Vec<RunResult> = (0..20u32)
        .map(|i| {
            let fails = i < 8;
            let order: &[&str] = if fails { &["t::b", V, "t::a", "t::s"] } else { &["t::a", "t::s", "t::b", V] };
            let outcomes = order.iter().enumerate().map(|(k, t)| outcome(t, k as u32 + 1, fails && *t == V)).collect();
            RunResult { index: i + 1, outcomes, ..Default::default() }
        })
        .collect();
    // t::s writes the file it loads; without it, it fails at its line 22.
    let done = play(&rs, &[], |c, _| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        Condition::Only { tests } => (!tests.iter().any(|t| t == "t::s"), vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, tests } => {
            assert_eq!((test.as_str(), tests.len()), (V, 1), "its own lines, run alone");
            (true, vec![Note::Lines { test: test.clone(), file: "tests/test_v.py".into(), first: 20, lines: vec![21, 22] }])
        }
        other => panic!("unexpected {other:?}"),
    });
    // replay 3, alone 3, bisection 2, confirm 3, lines 1
    assert!(done.len() <= 14, "{} runs: {done:?}", done.len());
    let out = conclude(V, &rs, vec![], &done);
    let c = &out[0];
    assert_eq!((c.file.as_str(), c.line, c.category, c.proven), ("tests/test_v.py", 22, Category::OrderDependency, true), "{}", c.evidence);
    assert_eq!(c.polluter.as_deref(), Some("t::s"));
    assert!(c.evidence.contains("t::s is the one it needs"), "{}", c.evidence);
    assert!(c.evidence.contains("it failed 0 of 12 runs when t::s ran before it in its process and 8 of 8 runs when not"), "{}", c.evidence);
    // a test that fails alone only some of the time is not brittle: no setter is looked for
    let done = play(&rs, &[], |c, i| match c {
        Condition::Only { tests } if tests.len() == 1 => (i % 2 == 0, vec![]),
        Condition::Intervene { what: Intervention::Snapshot, .. } => (true, vec![]),
        other => panic!("unexpected {other:?}"),
    });
    assert!(!done.iter().any(|t| matches!(&t.condition, Condition::Only { tests } if tests.len() > 1)), "{done:?}");
}

#[test]
fn a_test_that_fails_alone_by_chance_and_after_its_supposed_setter_too_gets_no_setter() {
    // fails 8 of 20 whatever ran before it; alone it happened to fail every time
    let rs: Vec<RunResult> = (0..20u32)
        .map(|i| {
            let outcomes = ["t::a", "t::s", V].iter().enumerate().map(|(k, t)| outcome(t, k as u32 + 1, i < 8 && *t == V)).collect();
            RunResult { index: i + 1, outcomes, ..Default::default() }
        })
        .collect();
    let done = play(&rs, &[], |c, i| match c {
        Condition::Intervene { what: Intervention::Snapshot, .. } => (i % 3 == 0, vec![]),
        Condition::Only { tests } if tests.len() == 1 => (true, vec![]),
        Condition::Only { .. } => (i % 3 == 0, vec![]),
        Condition::Intervene { what: Intervention::Lines { test }, .. } => (true, vec![Note::Lines { test: test.clone(), file: "tests/test_v.py".into(), first: 20, lines: vec![21] }]),
        other => panic!("unexpected {other:?}"),
    });
    let out = conclude(V, &rs, vec![], &done);
    assert!(out.iter().all(|c| c.polluter.is_none()), "{out:?}");
}

#[test]
fn a_clock_read_opening_a_window_is_proven_by_moving_it_later_and_named_where_the_length_is_set() {
    let d = tempfile::tempdir().unwrap();
    let pkg = d.path().join("src/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        pkg.join("retry.py"),
        "import time\n\n\ndef within(seconds, errors=(LookupError,)):\n    def wrap(call):\n        def attempt(*a):\n            give_up_at = time.monotonic() + seconds\n            while True:\n                try:\n                    return call(*a)\n                except errors:\n                    if time.monotonic() >= give_up_at:\n                        raise\n        return attempt\n    return wrap\n",
    )
    .unwrap();
    std::fs::write(pkg.join("client.py"), "from .retry import within\n\n\nclass Client:\n    @within(0.19)\n    def read(self, key):\n        return self.node[key]\n").unwrap();
    let rs = runs_at(d.path(), 30, 8);
    let causes = vec![cause("src/pkg/retry.py", 7, Category::Timing, Basis::Inventory { held_across: None })];
    // the window moved 2 s later never runs out; nothing else changes the rate
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::ClockShift { line: 7, ms, .. }, .. } => {
            assert!(*ms > 0, "later: a longer window");
            (false, hit())
        }
        _ => (i % 4 == 0, hit()),
    });
    let shifted = arm_runs(&done, |w| matches!(w, Intervention::ClockShift { .. }));
    assert!((5..=15).contains(&shifted), "runs while the drop is a trend, stops once significant: {shifted}");
    let out = conclude(V, &rs, causes, &done);
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].proven), ("src/pkg/client.py", 5, true), "{out:?}");
    assert!(out[0].evidence.contains(line::WINDOW_SAID), "{}", out[0].evidence);
    assert!(out[0].evidence.contains(&format!("failed 0 of {shifted} runs; plain runs: failed 8 of 30 runs")), "{}", out[0].evidence);
}

#[test]
fn a_timed_acquire_is_proven_by_its_own_timeout_when_its_function_also_runs_the_guarded_work() {
    let d = tempfile::tempdir().unwrap();
    let pkg = d.path().join("src/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        pkg.join("limits.py"),
        "import threading\n\n\ndef limit(slots, wait):\n    def decorate(fn):\n        sem = threading.BoundedSemaphore(slots)\n        def wrapper(*a):\n            if not sem.acquire(timeout=wait):\n                raise RuntimeError('busy')\n            try:\n                return fn(*a)\n            finally:\n                sem.release()\n        return wrapper\n    return decorate\n",
    )
    .unwrap();
    std::fs::write(pkg.join("render.py"), "from .limits import limit\n\n\n@limit(2, wait=0.05)\ndef render(chart):\n    return chart\n").unwrap();
    let rs = runs_at(d.path(), 20, 6);
    let causes = vec![cause("src/pkg/limits.py", 8, Category::Resource, Basis::Measured)];
    // stretching every wait of the wrapper stretches the guarded work too: no
    // effect; the acquire's own timeout longer: never fails
    let done = play(&rs, &causes, |c, i| match c {
        Condition::Intervene { what: Intervention::LineWaits { percent: 800, .. }, .. } => (false, hit()),
        _ => (i % 3 == 0, hit()),
    });
    assert_eq!(arm_runs(&done, |w| matches!(w, Intervention::Waits { .. })), 0, "the line's own timeout settled it: {done:?}");
    let out = conclude(V, &rs, causes, &done);
    assert_eq!((out[0].file.as_str(), out[0].line, out[0].proven), ("src/pkg/render.py", 4, true), "{out:?}");
    assert!(out[0].evidence.contains("its own timeout 8× as long: failed 0 of"), "{}", out[0].evidence);
    assert!(out[0].confidence >= round2(calibrate::calibrated(0.8, true)), "the timeout is the decision itself: {}", out[0].confidence);
}

#[test]
fn a_replacement_published_after_the_old_object_was_retired_moves_to_where_it_is_retired() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    let seg = "\
class Writer:
    def append(self, line):
        self._fh.write(line)

    def _roll(self):
        finished = self._fh
        finished.close()
        self.on_close(finished.name)
        self._fh = self._open_next()
";
    std::fs::write(d.path().join("src/seg.py"), seg).unwrap();
    let mut c = cause("src/seg.py", 9, Category::ThreadRace, Basis::Measured);
    c.proven = true;
    c.evidence = "another thread ran Writer.append while one was suspended in Writer._roll at src/seg.py:8; Writer._roll writes back `_fh` across that point (line 9). Experiment: ...".into();
    let mut causes = vec![c.clone()];
    moves::to_retired_before_replaced(&mut causes, Some(d.path()));
    assert_eq!(causes[0].line, 7, "{:?}", causes[0]);
    assert!(causes[0].evidence.contains("its replacement is put there only at line 9"), "{}", causes[0].evidence);
    // nothing retired before the write-back: it stays
    std::fs::write(d.path().join("src/seg.py"), seg.replace("        finished.close()\n", "        finished.flush()\n")).unwrap();
    let mut causes = vec![c];
    moves::to_retired_before_replaced(&mut causes, Some(d.path()));
    assert_eq!(causes[0].line, 9);
}

#[test]
fn a_state_created_on_first_use_is_traced_to_the_polluters_change_after_it() {
    let rs = runs(20, 6);
    let key = "attr:pk.ctx:Ctx:_instance";
    let changed = || vec![Note::Changed { test: "t::p".into(), key: key.into(), before: None, after: Some("<Ctx>".into()) }];
    let culprits = |then: &str| {
        vec![
            Note::Culprit { key: key.into(), file: "src/pk/ctx.py".into(), line: 30, function: "Ctx.get_instance".into(), test_line: Some(9) },
            Note::Culprit { key: key.into(), file: "tests/test_a.py".into(), line: 9, function: then.into(), test_line: Some(9) },
        ]
    };
    for (then, line) in [("p", 9), ("helper", 30)] {
        let done = play(&rs, &[], |c, _| match c {
            Condition::Intervene { what: Intervention::Snapshot, .. } => (true, changed()),
            Condition::Only { .. } => (false, vec![]),
            Condition::Intervene { what: Intervention::Restore { .. }, .. } => (false, hit()),
            Condition::Intervene { what: Intervention::Watch { .. }, .. } => (true, culprits(then)),
            other => panic!("unexpected {other:?}"),
        });
        let out = conclude(V, &rs, vec![], &done);
        assert_eq!(out[0].line, line, "the polluter's own change after the creation is named; another function's is not: {:?}", out[0]);
    }
}

#[test]
fn a_race_proven_where_a_task_starts_moves_to_the_write_back_in_its_coroutine() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    let loader = "\
import asyncio


class Loader:
    def _schedule(self, loop):
        loop.create_task(self._dispatch())

    async def _dispatch(self):
        pending = self._queue
        keys = [k for k, _ in pending]
        rows = await self._fetch(keys)
        for k, fut in pending:
            fut.set_result(rows.get(k))
        self._queue = []
";
    std::fs::write(d.path().join("src/loader.py"), loader).unwrap();
    let mut c = cause("src/loader.py", 6, Category::AsyncRace, Basis::Measured);
    c.proven = true;
    let mut causes = vec![c];
    moves::to_started_coroutine(&mut causes, Some(d.path()));
    assert_eq!(causes[0].line, 14, "{:?}", causes[0]);
    assert!(causes[0].evidence.contains("runs _dispatch(), which writes back `_queue`"), "{}", causes[0].evidence);
}

#[test]
fn a_registry_change_made_by_a_polluters_decorator_is_named_at_the_decorator() {
    let d = tempfile::tempdir().unwrap();
    // the polluter "t::p" lives in the file `t`
    std::fs::write(d.path().join("t"), "def p():\n    @registry.provider\n    def bad():\n        pass\n    value = registry.size()\n    registry.add(bad)\n").unwrap();
    let rs = runs_at(d.path(), 20, 6);
    let key = "global:pk.reg:_module";
    let changed = || vec![Note::Changed { test: "t::p".into(), key: key.into(), before: Some("[]".into()), after: Some("[bad]".into()) }];
    // a plain call of the function that made the change keeps that function's line
    for (test_line, want) in [(Some(2), ("t", 2)), (Some(5), ("src/pk/reg.py", 17)), (Some(6), ("src/pk/reg.py", 17)), (None, ("src/pk/reg.py", 17))] {
        let done = play(&rs, &[], |c, _| match c {
            Condition::Intervene { what: Intervention::Snapshot, .. } => (true, changed()),
            Condition::Only { .. } => (false, vec![]),
            Condition::Intervene { what: Intervention::Restore { .. }, .. } => (false, hit()),
            Condition::Intervene { what: Intervention::Watch { .. }, .. } => {
                (true, vec![Note::Culprit { key: key.into(), file: "src/pk/reg.py".into(), line: 17, function: "Module.add".into(), test_line }])
            }
            other => panic!("unexpected {other:?}"),
        });
        let out = conclude(V, &rs, vec![], &done);
        assert_eq!((out[0].file.as_str(), out[0].line), want, "test at line {test_line:?}: {:?}", out[0]);
    }
}

#[test]
fn a_started_coroutine_that_only_counts_its_rounds_keeps_the_cause_where_the_task_starts() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src")).unwrap();
    let saver = "\
class Saver:
    def start(self, loop):
        self._task = loop.create_task(self._run())

    async def _run(self):
        while True:
            await self.cache.flush()
            self.rounds += 1
";
    std::fs::write(d.path().join("src/saver.py"), saver).unwrap();
    let mut c = cause("src/saver.py", 3, Category::AsyncRace, Basis::Measured);
    c.proven = true;
    let mut causes = vec![c];
    moves::to_started_coroutine(&mut causes, Some(d.path()));
    assert_eq!(causes[0].line, 3, "{:?}", causes[0]);
}
