//! The run loop over real pytest, without tracing ([`Untraced`]): the
//! plugin, outcomes, verdicts, report, record folder and the bad-input
//! paths. Needs a venv with pytest, pytest-asyncio, pytest-xdist and
//! pytest-repeat (`FLAKEBPF_TEST_PYTHON`, default `.venv-test` at the
//! workspace root, as `cargo xtask setup` makes it); they fail when it is
//! missing.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::*;
use crate::report::Verdict;

/// flake-user's folder, from the environment cargo sets when it runs the
/// test (a cached target directory may hold a binary built in another clone).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn python() -> Option<PathBuf> {
    let p = std::env::var_os("FLAKEBPF_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("../.venv-test/bin/python"));
    assert!(p.exists(), "no test venv at {} (run `cargo xtask setup` or set FLAKEBPF_TEST_PYTHON)", p.display());
    Some(p)
}

fn project(name: &str) -> PathBuf {
    manifest_dir().join("../tests/projects").join(name).canonicalize().unwrap()
}

fn never() -> bool {
    false
}

struct Case {
    plan: Plan,
    _tmp: tempfile::TempDir,
    json: PathBuf,
}

fn case(py: &std::path::Path, name: &str, runs: u32) -> Case {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("report.json");
    let plan = Plan {
        command: vec![py.to_string_lossy().into_owned(), "-m".into(), "pytest".into()],
        cwd: project(name),
        runs,
        adaptive: true,
        trials: true,
        trial_budget: super::DEFAULT_TRIAL_BUDGET,
        timeout: None,
        json: Some(json.clone()),
        outputs: Default::default(),
        record: None,
        deep: false,
        sample_hz: 0,
        python: Some(PythonInfo { exe: py.to_path_buf(), version: String::new() }),
        extra_env: vec![
            ("FLAKEBPF_TEST_COUNTER_DIR".into(), tmp.path().to_string_lossy().into_owned()),
            ("PYTHONDONTWRITEBYTECODE".into(), "1".into()),
        ],
        owner: None,
        stop: never,
    };
    Case { plan, _tmp: tmp, json }
}

fn go(plan: &Plan) -> (Finished, Ui) {
    let mut ui = Ui::quiet();
    let f = run_plan(plan, &mut Untraced { stop: plan.stop }, &NoDiagnosis, &mut ui).unwrap();
    (f, ui)
}

fn counts(f: &Finished, nodeid: &str) -> (u32, u32, u32, u32, Verdict) {
    let t = f.stats.get(nodeid).unwrap_or_else(|| panic!("{nodeid} missing: {:?}", f.stats.tests.iter().map(|t| &t.nodeid).collect::<Vec<_>>()));
    (t.counts.passed, t.counts.failed, t.counts.error, t.counts.skipped, t.verdict)
}

fn report_json(c: &Case) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(&c.json).unwrap()).unwrap()
}

#[test]
fn deterministic_suite_has_no_flaky_verdict() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_deterministic", 3);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::NoFlaky, "{:?}", ui.messages);
    let m = "tests/test_stable.py::";
    assert_eq!(counts(&f, &format!("{m}test_adds")), (3, 0, 0, 0, Verdict::Pass));
    assert_eq!(counts(&f, &format!("{m}test_always_fails")), (0, 3, 0, 0, Verdict::Fail));
    assert_eq!(counts(&f, &format!("{m}test_setup_error")), (0, 0, 3, 0, Verdict::Fail));
    assert_eq!(counts(&f, &format!("{m}test_skipped")), (0, 0, 0, 3, Verdict::Skipped));
    assert_eq!(counts(&f, &format!("{m}test_xfail")), (0, 0, 0, 3, Verdict::Skipped));
    assert_eq!(f.stats.tests.len(), 6);
    // the plugin changes nothing: pytest still exits 1 (failures)
    assert!(f.runs.iter().all(|r| r.end.exit_code == Some(1) && r.session.exitstatus == Some(1)));
    // windows: 3 phases per test (no call after a skip or a setup error), in one process, ordered
    let r = &f.runs[0];
    assert_eq!(r.windows.len(), 4 * 3 + 2 * 2);
    assert!(r.windows.windows(2).all(|w| w[0].end_ns <= w[1].start_ns));
    assert_eq!(r.outcomes.iter().map(|o| o.order.unwrap()).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5, 6]);
    let v = report_json(&c);
    assert_eq!(v["schema"], "flakebpf.report/1");
    assert_eq!(v["runs"], 3);
    assert_eq!(v["rootdir"], project("run_deterministic").to_string_lossy().as_ref());
    assert_eq!(v["python"].as_str().unwrap().split('.').count(), 3);
    assert_eq!(v["tests"].as_array().unwrap().len(), 6);
    assert!(ui.output.contains("0 flaky, 2 failing every time"), "{}", ui.output);
}

#[test]
fn counter_driven_flaky_test_has_exact_counts() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_counter_flaky", 6);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Flaky, "{:?}", ui.messages);
    let m = "tests/test_flaky.py::";
    // runs 1 and 4 fail
    assert_eq!(counts(&f, &format!("{m}test_every_third_run_fails")), (4, 2, 0, 0, Verdict::Flaky));
    assert_eq!(f.stats.get(&format!("{m}test_every_third_run_fails")).unwrap().bad_runs, vec![1, 4]);
    assert_eq!(counts(&f, &format!("{m}test_before")), (6, 0, 0, 0, Verdict::Pass));
    assert_eq!(counts(&f, &format!("{m}test_after")), (6, 0, 0, 0, Verdict::Pass));
    let v = report_json(&c);
    let t = v["tests"].as_array().unwrap().iter().find(|t| t["nodeid"] == format!("{m}test_every_third_run_fails")).unwrap();
    assert_eq!(t["verdict"], "flaky");
    assert_eq!(t["outcomes"], serde_json::json!({"passed": 4, "failed": 2, "error": 0, "skipped": 0}));
    assert_eq!(t["causes"], serde_json::json!([]));
    assert!(ui.output.contains("Diagnosis"), "{}", ui.output);
    // attribution of a time inside the flaky test's call window
    let r = &f.runs[0];
    let w = r.windows.iter().find(|w| w.nodeid.ends_with("test_every_third_run_fails") && w.phase == Phase::Call).unwrap();
    let a = r.attributor();
    assert_eq!(a.window(a.slot(w.pid, (w.start_ns + w.end_ns) / 2)).map(|x| x.nodeid.as_str()), Some(w.nodeid.as_str()));
    assert_eq!(a.slot(w.pid, 0), Slot::Collection);
}

#[test]
fn xdist_workers_outcomes_and_windows() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_xdist", 4);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Flaky, "{:?}", ui.messages);
    assert_eq!(counts(&f, "tests/test_workers.py::test_even_runs_fail"), (2, 2, 0, 0, Verdict::Flaky));
    for i in 0..6 {
        assert_eq!(counts(&f, &format!("tests/test_workers.py::test_spread[{i}]")), (4, 0, 0, 0, Verdict::Pass));
    }
    assert_eq!(f.stats.tests.len(), 7);
    for r in &f.runs {
        let main = r.session.main_pid.unwrap();
        assert_eq!(r.session.workers.len(), 2, "{:?}", r.session);
        for o in &r.outcomes {
            assert_ne!(o.pid, Some(main), "{o:?} ran in a worker");
            assert!(o.worker.as_deref().is_some_and(|w| w.starts_with("gw")));
        }
        assert!(r.windows.iter().all(|w| w.pid != main));
        assert_eq!(r.windows.len(), 7 * 3);
    }
}

#[test]
fn async_and_parametrized_tests() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_async", 2);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::NoFlaky, "{:?}", ui.messages);
    assert_eq!(counts(&f, "tests/test_async.py::test_gather"), (2, 0, 0, 0, Verdict::Pass));
    assert_eq!(counts(&f, "tests/test_async.py::test_sleep"), (2, 0, 0, 0, Verdict::Pass));

    let c = case(&py, "run_params", 2);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::NoFlaky, "{:?}", ui.messages);
    let m = "tests/test_params.py::";
    for id in ["test_pairs[1-2]", "test_pairs[3-4]", "test_ids[space here]", "test_ids[colons]", "test_ids[brackets]", "test_one_fails[0]", "TestGroup::test_method[True]"] {
        assert_eq!(counts(&f, &format!("{m}{id}")), (2, 0, 0, 0, Verdict::Pass), "{id}");
    }
    assert_eq!(counts(&f, &format!("{m}test_one_fails[1]")), (0, 2, 0, 0, Verdict::Fail));
}

#[test]
fn a_crash_fails_the_running_test_and_later_tests_are_missing() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_crash", 4);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Flaky, "{:?}", ui.messages);
    let m = "tests/test_crash.py::";
    assert_eq!(counts(&f, &format!("{m}test_a_first")), (4, 0, 0, 0, Verdict::Pass));
    assert_eq!(counts(&f, &format!("{m}test_b_crashes_on_even_runs")), (2, 2, 0, 0, Verdict::Flaky));
    assert_eq!(f.stats.get(&format!("{m}test_b_crashes_on_even_runs")).unwrap().crashes, 2);
    assert_eq!(counts(&f, &format!("{m}test_c_after_crash")), (2, 0, 0, 0, Verdict::Pass));
    assert_eq!(f.runs[1].end.exit_code, Some(3));
    let w = f.runs[1].windows.last().unwrap();
    assert_eq!((w.phase, w.source), (Phase::Call, WindowSource::Unfinished));
}

#[test]
fn a_hanging_run_is_killed_at_the_time_limit_and_kept() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_hang", 2);
    c.plan.timeout = Some(Duration::from_secs(4));
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Flaky, "{:?}", ui.messages);
    assert_eq!(f.stats.runs, 2);
    assert_eq!(f.stats.timed_out_runs, 1);
    assert!(f.runs[1].end.timed_out && f.runs[1].end.signal == Some(9));
    let m = "tests/test_hang.py::";
    assert_eq!(counts(&f, &format!("{m}test_b_hangs_on_even_runs")), (1, 1, 0, 0, Verdict::Flaky));
    assert_eq!(f.stats.get(&format!("{m}test_b_hangs_on_even_runs")).unwrap().timeouts, 1);
    assert_eq!(counts(&f, &format!("{m}test_c_after_hang")), (1, 0, 0, 0, Verdict::Pass));
    assert!(ui.messages.iter().any(|m| m.contains("run 2 hit the time limit")), "{:?}", ui.messages);
    assert!(ui.output.contains("1 run hit the time limit"), "{}", ui.output);
}

static STOP_NOW: AtomicBool = AtomicBool::new(false);
fn stop_now() -> bool {
    STOP_NOW.load(Ordering::SeqCst)
}

#[test]
fn ctrl_c_reports_the_finished_runs() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_hang", 5);
    c.plan.stop = stop_now;
    let record = c._tmp.path().join("rec");
    c.plan.record = Some(record.clone());
    let t = std::thread::spawn(|| {
        // run 1 is quick, run 2 hangs
        std::thread::sleep(Duration::from_secs(5));
        STOP_NOW.store(true, Ordering::SeqCst);
    });
    let (f, ui) = go(&c.plan);
    t.join().unwrap();
    assert_eq!(f.exit, Exit::Interrupted, "{:?}", ui.messages);
    assert_eq!(f.runs.len(), 1);
    let v = report_json(&c);
    assert_eq!(v["runs"], 1);
    assert_eq!(v["tests"].as_array().unwrap().len(), 3);
    let m = Manifest::load(&record).unwrap();
    assert!(m.interrupted);
    assert_eq!(m.runs.len(), 1);
    assert!(m.runs[0].log_path.as_ref().unwrap().exists());
    assert!(record.join("run-002.log").exists(), "the interrupted run's log is kept");
}

#[test]
fn record_folder_holds_logs_and_a_loadable_manifest() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_counter_flaky", 2);
    let record = c._tmp.path().join("rec");
    c.plan.record = Some(record.clone());
    let (f, _) = go(&c.plan);
    let m = Manifest::load(&record).unwrap();
    assert_eq!(m.schema, MANIFEST_SCHEMA);
    assert_eq!(m.runs.len(), 2);
    assert_eq!(m.runs[0].outcomes, f.runs[0].outcomes);
    assert_eq!(m.runs[1].windows, f.runs[1].windows);
    assert!(m.executed.contains(&"flakebpf_plugin".to_string()));
    assert_eq!(m.rootdir, project("run_counter_flaky").to_string_lossy());
    let log = std::fs::read_to_string(m.runs[0].log_path.as_ref().unwrap()).unwrap();
    assert!(log.contains("1 failed, 2 passed"), "{log}");
}

#[test]
fn no_tests_collected_is_one_clear_error() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_empty", 5);
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Usage);
    assert_eq!(f.runs.len(), 1);
    assert_eq!(ui.messages.len(), 1, "{:?}", ui.messages);
    assert!(ui.messages[0].contains("pytest collected no tests"), "{:?}", ui.messages);
    let v = report_json(&c);
    assert_eq!((v["runs"].as_u64(), v["tests"].as_array().map(Vec::len)), (Some(1), Some(0)));
}

#[test]
fn a_command_that_is_not_pytest_says_outcomes_are_unknown() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_empty", 5);
    c.plan.command = vec![py.to_string_lossy().into_owned(), "-c".into(), "print('hi')".into()];
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Usage);
    assert_eq!(f.runs.len(), 1);
    assert!(ui.messages[0].contains("ran no pytest session, so test outcomes are unknown"), "{:?}", ui.messages);

    c.plan.command = vec!["true".into()];
    c.plan.python = None;
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Usage);
    assert!(ui.messages[0].contains("no Python was seen"), "{:?}", ui.messages);

    c.plan.command = vec!["/nonexistent/prog".into()];
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::CannotStart, "{:?}", ui.messages);
    assert!(!program_exists("/nonexistent/prog", &c.plan.cwd));
    assert!(program_exists("sh", &c.plan.cwd));
}

#[test]
fn pytest_usage_errors_stop_after_one_run() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_deterministic", 5);
    c.plan.command.push("tests/does_not_exist.py".into());
    let (f, ui) = go(&c.plan);
    assert_eq!(f.exit, Exit::Usage);
    assert_eq!(f.runs.len(), 1);
    assert!(ui.messages[0].contains("exit status 4"), "{:?}", ui.messages);
}

#[test]
fn run_args_parse() {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        run: RunArgs,
    }
    let a = Cli::try_parse_from(["x", "--runs", "5", "--timeout", "2.5", "--json", "r.json", "--", "pytest", "-x", "tests"]).unwrap().run;
    assert_eq!(a.runs, 5);
    assert_eq!(a.timeout, Some(Duration::from_millis(2500)));
    assert_eq!(a.command, vec!["pytest", "-x", "tests"]);
    assert_eq!(Cli::try_parse_from(["x", "--", "pytest"]).unwrap().run.runs, 20);
    assert!(Cli::try_parse_from(["x", "--runs", "3"]).is_err(), "a command is required");
    assert!(Cli::try_parse_from(["x", "--runs", "0", "--", "pytest"]).is_err());
    assert!(Cli::try_parse_from(["x", "--timeout", "0", "--", "pytest"]).is_err());
}

#[test]
fn collector_reads_env_fork_and_exit_events() {
    use crate::trace::model::{Event, StackStatus};
    let ev = |ts, pid, tid, kind| Record::Event(Event { ts, pid, tid, cpu: 0, kind, stack: vec![], stack_status: StackStatus::default() });
    let mut c = Collector::default();
    c.observe(&ev(1, 10, 10, EventKind::Fork { child: 11 }));
    c.observe(&ev(2, 10, 10, EventKind::Env { op: EnvOp::Set, name: CURRENT_TEST_VAR.into(), value: Some("a.py::t (setup)".into()) }));
    c.observe(&ev(3, 10, 10, EventKind::Env { op: EnvOp::Put, name: format!("{CURRENT_TEST_VAR}=a.py::t (call)"), value: None }));
    c.observe(&ev(4, 10, 10, EventKind::Env { op: EnvOp::Set, name: "OTHER".into(), value: Some("x".into()) }));
    c.observe(&ev(5, 10, 10, EventKind::Env { op: EnvOp::Unset, name: CURRENT_TEST_VAR.into(), value: None }));
    c.observe(&ev(6, 11, 12, EventKind::Exit { code: 0 }));
    c.observe(&ev(7, 11, 11, EventKind::Exit { code: 0 }));
    assert_eq!(c.processes.parent.get(&11), Some(&10));
    let vals: Vec<_> = c.facts.env.iter().map(|e| e.value.clone()).collect();
    assert_eq!(vals, vec![Some("a.py::t (setup)".into()), Some("a.py::t (call)".into()), None]);
    assert_eq!(c.facts.exits.get(&11), Some(&7));
    assert!(!c.python_seen);
}

/// Asks for fixed controlled reruns and keeps what came back.
struct Asker {
    ask: Vec<(String, trials::Condition)>,
    got: std::cell::RefCell<Vec<trials::Trial>>,
}

impl Diagnoser for Asker {
    fn diagnose(&self, _: &[RunResult], _: &TestStats) -> Vec<(String, Vec<Cause>)> {
        let mut ids: Vec<String> = self.ask.iter().map(|(n, _)| n.clone()).collect();
        ids.dedup();
        ids.into_iter().map(|n| (n, vec![])).collect()
    }
    fn next_trial(&self, nodeid: &str, _: &[RunResult], _: &[Cause], done: &[trials::Trial]) -> Option<trials::Condition> {
        self.ask.iter().filter(|(n, _)| n == nodeid).nth(done.len()).map(|(_, c)| c.clone())
    }
    fn conclude(&self, _: &str, _: &[RunResult], causes: Vec<Cause>, done: &[trials::Trial]) -> Vec<Cause> {
        self.got.borrow_mut().extend(done.iter().cloned());
        causes
    }
}

#[test]
fn controlled_reruns_select_tests_turn_xdist_off_and_are_not_counted() {
    let Some(py) = python() else { return };
    let c = case(&py, "run_xdist", 2);
    let spread0 = "tests/test_workers.py::test_spread[0]".to_string();
    let even = "tests/test_workers.py::test_even_runs_fail".to_string();
    let asker = Asker {
        ask: vec![
            // alone, xdist off: no worker, so its assertion fails
            (spread0.clone(), trials::Condition::Only { tests: vec![spread0.clone()] }),
            // xdist as configured
            (spread0.clone(), trials::Condition::HashSeed { seed: 1 }),
            // a selection without the test: it does not run
            (even.clone(), trials::Condition::Only { tests: vec!["tests/test_workers.py::test_spread[1]".into()] }),
        ],
        got: Default::default(),
    };
    let mut ui = Ui::quiet();
    let f = run_plan(&c.plan, &mut Untraced { stop: c.plan.stop }, &asker, &mut ui).unwrap();
    let got: Vec<(String, Option<Outcome>)> = asker.got.borrow().iter().map(|t| (t.nodeid.clone(), t.outcome)).collect();
    assert_eq!(got, vec![(spread0.clone(), Some(Outcome::Failed)), (spread0.clone(), Some(Outcome::Passed)), (even.clone(), None)], "{:?}", ui.messages);
    assert_eq!(counts(&f, &spread0), (2, 0, 0, 0, Verdict::Pass), "reruns are not counted");
    let r = report_json(&c);
    assert_eq!(r["runs"], 2);
    let t = r["tests"].as_array().unwrap().iter().find(|t| t["nodeid"] == spread0.as_str()).unwrap();
    assert_eq!(
        t["trials"],
        serde_json::json!([
            {"condition": "alone (xdist off)", "runs": 1, "passed": 0, "failed": 1},
            {"condition": "PYTHONHASHSEED=1", "runs": 1, "passed": 1, "failed": 0}
        ])
    );
    assert!(ui.messages.iter().any(|m| m.contains("3 controlled reruns")), "{:?}", ui.messages);
}

#[test]
fn a_test_repeated_in_the_session_counts_executions_and_its_reruns_select_every_copy() {
    let Some(py) = python() else { return };
    let mut c = case(&py, "run_repeat", 1);
    c.plan.command.extend(["--count".into(), "4".into()]);
    let base = "tests/test_wire.py::test_whole_body_arrives".to_string();
    let asker = Asker { ask: vec![(base.clone(), trials::Condition::Only { tests: vec![base.clone()] })], got: Default::default() };
    let mut ui = Ui::quiet();
    let f = run_plan(&c.plan, &mut Untraced { stop: c.plan.stop }, &asker, &mut ui).unwrap();
    // the third of every three executions fails: 1 of the 4 in the run
    assert_eq!(f.stats.tests.len(), 1, "{:?}", f.stats.tests);
    assert_eq!(counts(&f, &base), (3, 1, 0, 0, Verdict::Flaky));
    assert_eq!(f.stats.get(&base).unwrap().executions_per_run, 4);
    assert_eq!(f.runs[0].outcomes.len(), 4, "the run keeps pytest's own nodeids");
    // the rerun selected all four copies (executions 5 to 8: the sixth fails), one trial each
    let got: Vec<Option<Outcome>> = asker.got.borrow().iter().map(|t| t.outcome).collect();
    use Outcome::*;
    assert_eq!(got, vec![Some(Passed), Some(Failed), Some(Passed), Some(Passed)], "{:?}", ui.messages);
    let v = report_json(&c);
    let t = &v["tests"][0];
    assert_eq!((t["nodeid"].as_str(), &t["executions_per_run"]), (Some(base.as_str()), &serde_json::json!(4)));
    assert_eq!(t["trials"], serde_json::json!([{"condition": "alone (xdist off)", "runs": 4, "passed": 3, "failed": 1}]));
    assert!(ui.messages.iter().any(|m| m.contains("1 controlled rerun to settle")), "{:?}", ui.messages);
}
