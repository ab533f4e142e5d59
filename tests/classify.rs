//! End-to-end tests of the divergence classifier: `flakebpf run` (real
//! CPython under real eBPF) over the small projects in
//! tests/projects/classify_<category>, each with one flaky test whose root
//! cause is marked `# @cause` in its source. Each test checks the verdict,
//! the exact file:line of the top cause and its category, and that
//! `flakebpf analyze` on the recorded traces gives the same causes.
//!
//! Every top cause must be proven by an experiment at its line (a clock
//! edge, stretched or shrunk waits, a pause, fixed draws or hash seeds,
//! leaked state put back, a polluter stopped before its line), with the
//! counts in its evidence; a project whose
//! failures no experiment can change reports no proven cause.
//!
//! The flaky tests provoke their nondeterministic condition in every third
//! run (a counter under `$FLAKEBPF_TEST_COUNTER_DIR`, a fresh folder here),
//! so the fail rate is controlled; the failure itself is real (a clock
//! boundary, a lost update, a sleep shorter than the work, a partial read,
//! a lock held too long...). The order-dependency project relies on
//! pytest-xdist's scheduling instead, and the randomness one on unseeded
//! draws. Needs root, the release binary and a venv with pytest,
//! pytest-asyncio and pytest-xdist (`flakebpf_e2e::test_python`).

use std::path::PathBuf;
use std::process::{Command, Stdio};

use flakebpf_e2e::{flakebpf_bin, markers, project};
use serde_json::Value;

fn python() -> PathBuf {
    flakebpf_e2e::test_python()
}

/// The `# @cause` line of a project: (file relative to the project, line).
fn cause_marker(name: &str) -> (String, u32) {
    let root = project(name);
    let mut found = vec![];
    for dir in ["src", "tests"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "py") {
                    if let Some(lines) = markers(&p).get("cause") {
                        for &l in lines {
                            found.push((p.strip_prefix(&root).unwrap().to_string_lossy().into_owned(), l));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(found.len(), 1, "{name}: exactly one # @cause marker expected, found {found:?}");
    found.remove(0)
}

fn run_json(name: &str, runs: u32, tmp: &std::path::Path, record: Option<&std::path::Path>) -> Value {
    let out_json = tmp.join("report.json");
    let mut c = Command::new(flakebpf_bin());
    c.arg("run").arg("--runs").arg(runs.to_string()).arg("--json").arg(&out_json);
    if let Some(r) = record {
        c.arg("--record").arg(r);
    }
    c.arg("--").arg(python()).args(["-m", "pytest", "-p", "no:cacheprovider", "tests"]);
    let out = c
        .current_dir(project(name))
        .env("FLAKEBPF_TEST_COUNTER_DIR", tmp)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("running flakebpf run");
    let text = std::fs::read_to_string(&out_json).unwrap_or_else(|_| panic!("{name}: no report; stderr:\n{}", String::from_utf8_lossy(&out.stderr)));
    serde_json::from_str(&text).unwrap()
}

fn flaky_tests(report: &Value) -> Vec<&Value> {
    report["tests"].as_array().unwrap().iter().filter(|t| t["verdict"] == "flaky").collect()
}

/// Runs `name`, checks the one flaky test's top cause, returns the report.
fn check(name: &str, nodeid: &str, category: &str, runs: u32) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let report = run_json(name, runs, tmp.path(), None);
    let flaky = flaky_tests(&report);
    let ids: Vec<&str> = flaky.iter().map(|t| t["nodeid"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![nodeid], "{name}: exactly the flaky test expected; report: {report:#}");
    let (file, line) = cause_marker(name);
    let top = &flaky[0]["causes"][0];
    assert_eq!(
        (top["file"].as_str(), top["line"].as_u64(), top["category"].as_str()),
        (Some(file.as_str()), Some(line as u64), Some(category)),
        "{name}: top cause; causes: {:#}",
        flaky[0]["causes"]
    );
    let ev = top["evidence"].as_str().unwrap();
    assert!(ev.contains("failing run") || ev.contains("draws") || ev.contains("put back") || ev.contains("stopping"), "{name}: evidence cites failing runs: {ev}");
    assert_eq!(top["proven"], true, "{name}: the top cause is proven by an experiment: {ev}");
    assert!(ev.contains("Experiment"), "{name}: the experiment's counts are in the evidence: {ev}");
    let conf = |c: &Value| c["confidence"].as_f64().unwrap();
    assert!(flaky[0]["causes"].as_array().unwrap().iter().all(|c| conf(c) <= conf(top)), "{name}: the top cause is the most confident");
    let trials = flaky[0]["trials"].as_array().expect("experiment runs are listed");
    assert!(!trials.is_empty() && trials.iter().map(|t| t["runs"].as_u64().unwrap()).sum::<u64>() <= 40, "{name}: within the default budget: {trials:#?}");
    assert!(!top["fix"].as_str().unwrap().is_empty());
    // a test that never failed gets no cause
    for t in report["tests"].as_array().unwrap() {
        if t["verdict"] == "pass" {
            assert!(t["causes"].as_array().unwrap().is_empty(), "{name}: causes for a passing test: {t}");
        }
    }
    report
}

#[test]
fn time_dependency_names_the_wall_clock_read() {
    check("classify_time_dependency", "tests/test_bucket.py::test_two_reads_share_a_bucket", "time_dependency", 15);
}

#[test]
fn timing_names_the_fixed_sleep() {
    check("classify_timing", "tests/test_runner.py::test_job_finishes_in_time", "timing", 15);
}

#[test]
fn timing_names_where_the_window_a_clock_read_opens_is_set() {
    // the hold's expiry is `clock() + hold_for`, read at hold time; a slow
    // check before the booking outlasts it. Moving that one read 2 s later
    // ends the failures; the cause is the setting the length comes from.
    let report = check("classify_deadline", "tests/test_desk.py::test_booking_a_fresh_quote", "timing", 15);
    let t = flaky_tests(&report)[0];
    let ev = t["causes"][0]["evidence"].as_str().unwrap();
    assert!(ev.contains("with the clock read at this line moved 2 s later") && ev.contains("is set at src/quotes/settings.py:2"), "{ev}");
    let trials = t["trials"].as_array().unwrap();
    let shifted = trials.iter().find(|x| x["condition"].as_str().unwrap() == "the clock read at src/quotes/holds.py:18 moved 2000 ms later").expect("the shift was tried");
    assert_eq!(shifted["failed"].as_u64(), Some(0), "{shifted:#}");
}

#[test]
fn thread_race_names_the_stale_write_back() {
    check("classify_thread_race", "tests/test_account.py::test_parallel_deposits", "thread_race", 15);
}

#[test]
fn async_race_names_the_write_after_the_await() {
    check("classify_async_race", "tests/test_cart.py::test_both_items_kept", "async_race", 15);
}

#[test]
fn order_dependency_names_the_polluter_and_its_leak() {
    let report = check("classify_order_dependency", "tests/test_mode.py::test_default_mode_is_production", "order_dependency", 20);
    let t = flaky_tests(&report)[0];
    let top = &t["causes"][0];
    assert_eq!(top["polluter"], "tests/test_debug.py::test_enable_debug", "{t:#}");
    // the failing order replayed fails, alone it passes, and with the leaked
    // variable put back after the polluter it passes again
    let trials = t["trials"].as_array().unwrap();
    let by = |prefix: &str| trials.iter().find(|x| x["condition"].as_str().unwrap().starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix} trial: {t:#}"));
    assert_eq!(by("state fingerprinted")["failed"], 3, "{t:#}");
    assert_eq!(by("alone (xdist off)")["failed"], 0, "{t:#}");
    let put_back = by("environment variable CLASSIFY_APP_MODE put back after tests/test_debug.py::test_enable_debug");
    assert_eq!((put_back["runs"].as_u64(), put_back["failed"].as_u64()), (Some(3), Some(0)), "{t:#}");
    assert_eq!(by("environment variable CLASSIFY_APP_MODE watched")["runs"], 1, "{t:#}");
    let ev = top["evidence"].as_str().unwrap();
    assert!(ev.contains("changed environment variable CLASSIFY_APP_MODE from absent to 'debug'"), "{ev}");
}

#[test]
fn hash_order_is_confirmed_by_fixed_hash_seeds() {
    let report = check("classify_hash_order", "tests/test_labels.py::test_first_tag_names_the_folder", "randomness", 15);
    let t = flaky_tests(&report)[0];
    let trials = t["trials"].as_array().unwrap();
    assert!(!trials.is_empty() && trials.iter().all(|x| x["condition"].as_str().unwrap().starts_with("PYTHONHASHSEED=")), "{t:#}");
    // every seed tried gave one outcome, and both outcomes were seen
    assert!(trials.iter().all(|x| x["passed"] == 0 || x["failed"] == 0), "{t:#}");
    assert!(trials.iter().any(|x| x["failed"].as_u64().unwrap() >= 2) && trials.iter().any(|x| x["passed"].as_u64().unwrap() >= 2), "{t:#}");
    let top = &t["causes"][0];
    assert!(top["evidence"].as_str().unwrap().contains("the string hash seed decides the outcome"), "{top:#}");
    // nothing stopped early: the runs were decided by an unmeasured seed
    assert_eq!(report["runs"], 15);
}

#[test]
fn randomness_names_the_unseeded_draw() {
    check("classify_randomness", "tests/test_pick.py::test_two_slots_differ", "randomness", 15);
}

#[test]
fn io_external_names_the_single_recv() {
    check("classify_io_external", "tests/test_client.py::test_whole_body_arrives", "io_external", 15);
}

#[test]
fn lock_order_deadlock_names_the_nested_acquire() {
    // two threads each hold one account's lock and wait for the other's;
    // proven by a pause before the nested acquire (the window held open)
    let report = check("classify_lock_order", "tests/test_transfers.py::test_opposite_transfers", "resource", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("lock-order deadlock") && ev.contains("held open longer, the test fails more often"), "{ev}");
}

#[test]
fn resource_names_the_timed_out_acquire() {
    check("classify_resource", "tests/test_writer.py::test_commit_while_compacting", "resource", 15);
}

#[test]
fn analyze_gives_the_live_result() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = tmp.path().join("rec");
    // fails every third run: settled long before the cap
    let live = run_json("classify_timing", 30, tmp.path(), Some(&rec));
    let runs = live["runs"].as_u64().unwrap();
    assert!((10..30).contains(&runs), "stops early once settled: {live:#}");
    assert_eq!(live["runs_cap"], 30);
    assert!(live["stopped_early"].as_str().unwrap().contains("stayed the same over the last 4 runs"), "{live:#}");
    let t = flaky_tests(&live)[0];
    assert_eq!(t["outcomes"]["failed"].as_u64().unwrap(), runs / 3, "{t:#}");
    // a timing cause: experiments on the waits of its function, not counted in the outcomes
    assert!(t["trials"][0]["condition"].as_str().unwrap().starts_with("waits of the function at src/jobs/"), "{t:#}");
    assert!(t["causes"][0]["evidence"].as_str().unwrap().contains("Experiment: its waits"), "{t:#}");
    let offline = tmp.path().join("offline.json");
    let out = Command::new(flakebpf_bin()).arg("analyze").arg(&rec).arg("--json").arg(&offline).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "analyze exit status (flaky): {}", String::from_utf8_lossy(&out.stderr));
    let offline: Value = serde_json::from_str(&std::fs::read_to_string(&offline).unwrap()).unwrap();
    assert_eq!(live["tests"], offline["tests"], "analyze must reproduce the live verdicts, causes and reruns");
    for k in ["runs", "runs_cap", "stopped_early"] {
        assert_eq!(live[k], offline[k], "{k}");
    }
    // not a recording
    let bad = Command::new(flakebpf_bin()).arg("analyze").arg(tmp.path().join("nope")).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn nothing_an_experiment_can_change_proves_nothing() {
    // Fails on every third run by a counter file: no clock, wait, pause,
    // draw or leaked state decides it, so no cause may be called proven.
    let tmp = tempfile::tempdir().unwrap();
    let report = run_json("run_counter_flaky", 15, tmp.path(), None);
    let flaky = flaky_tests(&report);
    assert_eq!(flaky.len(), 1, "{report:#}");
    let t = flaky[0];
    assert_eq!(t["nodeid"], "tests/test_flaky.py::test_every_third_run_fails");
    let runs = report["runs"].as_u64().unwrap();
    assert_eq!(t["outcomes"]["failed"].as_u64().unwrap(), runs.div_ceil(3), "{t:#}");
    let causes = t["causes"].as_array().unwrap();
    assert!(causes.iter().all(|c| c["proven"] == false && c["confidence"].as_f64().unwrap() <= 0.6), "{t:#}");
    assert!(!t["trials"].as_array().map(|v| v.is_empty()).unwrap_or(true), "experiments were tried: {t:#}");
}

#[test]
fn order_dependency_on_state_nothing_fingerprints_stops_the_polluter_at_its_line() {
    // The polluter changes a logger's level in the logging module: no
    // fingerprint sees it, so the polluter is found by bisecting the earlier
    // tests and its line by stopping it before each of its lines.
    let report = check("classify_order_logging", "tests/test_trail.py::test_login_is_audited", "order_dependency", 20);
    let t = flaky_tests(&report)[0];
    let top = &t["causes"][0];
    assert_eq!(top["polluter"], "tests/test_batch.py::test_quiet_batch", "{t:#}");
    let ev = top["evidence"].as_str().unwrap();
    assert!(ev.contains("it fails right after tests/test_batch.py::test_quiet_batch alone"), "{ev}");
    assert!(ev.contains("stopping tests/test_batch.py::test_quiet_batch just before this line makes it pass, right after it makes it fail"), "{ev}");
    let trials = t["trials"].as_array().unwrap();
    let stops: Vec<&Value> = trials.iter().filter(|x| x["condition"].as_str().unwrap().contains("stopped before its line")).collect();
    assert!(!stops.is_empty(), "{t:#}");
    // stopped before the cause line it passed; stopped after it, failed
    let (_, line) = cause_marker("classify_order_logging");
    let at = |l: u32| stops.iter().find(|x| x["condition"].as_str().unwrap().contains(&format!("stopped before its line {l};")));
    if let Some(s) = at(line) {
        assert_eq!(s["failed"], 0, "{s:#}");
    }
    if let Some(s) = at(line + 1) {
        assert_eq!(s["passed"], 0, "{s:#}");
    }
}

#[test]
fn order_dependency_of_a_test_that_needs_another_first_names_its_own_line() {
    // The report test asks the registry for an exporter only another test
    // registers: alone it fails every time, after that test it passes. The
    // setter is found by bisecting the tests a passing run ran before it.
    let report = check("classify_order_setter", "tests/test_report.py::test_quarterly_report_as_csv", "order_dependency", 20);
    let t = flaky_tests(&report)[0];
    let top = &t["causes"][0];
    assert_eq!(top["polluter"], "tests/test_register.py::test_register_csv", "{t:#}");
    let ev = top["evidence"].as_str().unwrap();
    assert!(ev.contains("it fails without any earlier test, every time") && ev.contains("tests/test_register.py::test_register_csv is the one it needs"), "{ev}");
    let trials = t["trials"].as_array().unwrap();
    let after = trials.iter().find(|x| x["condition"].as_str().unwrap().starts_with("right after tests/test_register.py::test_register_csv (")).expect("the setter confirmed");
    assert_eq!((after["failed"].as_u64(), after["runs"].as_u64()), (Some(0), Some(3)), "{after:#}");
}

#[test]
fn order_dependency_names_the_library_line_a_polluters_fixture_runs() {
    // The polluter's fixture builds a till that narrows the thread's decimal
    // context in the library: nothing fingerprints it, the polluter fails
    // the victim even stopped before its first line, and the line is found
    // among the lines of code under test its set-up runs.
    let report = check("classify_order_fixture", "tests/test_share.py::test_share_thirds", "order_dependency", 20);
    let t = flaky_tests(&report)[0];
    let top = &t["causes"][0];
    assert_eq!(top["polluter"], "tests/test_pocket.py::test_pocket_total", "{t:#}");
    let ev = top["evidence"].as_str().unwrap();
    assert!(ev.contains("its set-up (fixtures) leaves the state; within the code its set-up runs, stopping just before this line"), "{ev}");
    let trials = t["trials"].as_array().unwrap();
    assert!(trials.iter().any(|x| x["condition"].as_str().unwrap().contains("runs, set-up included, written down")), "{t:#}");
}

#[test]
fn async_race_names_the_task_started_and_never_awaited() {
    // warm() starts a load with ensure_future and returns; stretching the
    // waits of the tasks that line starts makes the test fail every time,
    // shrinking them makes it pass (which arm is significant first depends
    // on the plain fail rate of the session: both prove the same window)
    let report = check("classify_async_spawn", "tests/test_cache.py::test_warmed_key_is_ready_after_other_work", "async_race", 20);
    let top = &flaky_tests(&report)[0]["causes"][0];
    let ev = top["evidence"].as_str().unwrap();
    let window = ev.contains("with it longer the test fails more often") || ev.contains("with it shorter the test fails less often");
    assert!(ev.contains("never waits for it") && window, "{ev}");
    assert!(top["fix"].as_str().unwrap().starts_with("await the task"), "{top:#}");
}

#[test]
fn timing_names_where_an_asyncio_timeout_is_set() {
    // the event loop keeps wait_for's deadline: no traced stack shows it, the
    // source does; longer waits end the failures, and the cause is reported
    // where the timeout's length is set
    let report = check("classify_async_timeout", "tests/test_quotes.py::test_cheapest_provider_wins", "timing", 20);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("bounds an await with a timeout") && ev.contains("the longer it waits, the less often it fails"), "{ev}");
    assert!(ev.contains("The length of that wait is set at line"), "{ev}");
}

#[test]
fn timing_follows_a_wait_to_the_setting_that_chooses_its_length() {
    // the wait times out at the client's `reply.wait(self.patience)`; the
    // attribute comes from a settings dataclass in another module: longer
    // waits end the failures, and the cause is reported at that field
    let report = check("classify_lease_interval", "tests/test_lease.py::test_lease_is_renewed", "timing", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("the longer it waits, the less often it fails"), "{ev}");
    assert!(ev.contains("The length of that wait is set at src/lease/settings.py:6"), "{ev}");
}

#[test]
fn io_external_names_the_listing_used_in_file_system_order() {
    // the spool is replayed in os.listdir() order: name order passes, its
    // reverse fails, so the listing's order is what decides
    let report = check("classify_listing_order", "tests/test_spool.py::test_replay_keeps_the_newest_state", "io_external", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("the listing sorted by name: failed 0 of") && ev.contains("the order in which the file system lists the directory"), "{ev}");
}

#[test]
fn async_race_names_the_wake_up_cleared_after_the_work() {
    // a message sent while the flusher writes sets the wake-up that the
    // flusher then clears: with the clear moved right after the wait (the
    // late one skipped), no run fails
    let report = check("classify_lost_wakeup", "tests/test_sender.py::test_reply_while_sending", "async_race", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("with `self._wakeup.clear()` run just before line 22 and line 26 run as `pass` (the event cleared as soon as its wait returns), it failed 0 of"), "{ev}");
}

#[test]
fn resource_names_the_generator_that_holds_a_connection_across_yield() {
    // the export's generator keeps the pool's one connection while its
    // consumer works between rows: paused at its yield, every run fails
    let report = check("classify_held_yield", "tests/test_ledger.py::test_balance_during_export", "resource", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("a generator that yields at line 11 from inside the `with` block that takes `connection`"), "{ev}");
    assert!(ev.contains("a 20 ms pause before line 11 runs: failed"), "{ev}");
}

#[test]
fn resource_names_the_early_return_that_keeps_a_slot() {
    // a cache hit returns before the slot is given back: with the
    // function's own release run just before that return, it never fails
    let report = check("classify_slot_leak", "tests/test_fetcher.py::test_page_fetch_then_drain", "resource", 15);
    let ev = flaky_tests(&report)[0]["causes"][0]["evidence"].as_str().unwrap().to_string();
    assert!(ev.contains("with line 16's statement (what gives the slot back) run just before this line, it failed 0 of"), "{ev}");
}
