//! End-to-end tests of `flakebpf run`: the real binary under real eBPF over
//! the small pytest projects in tests/projects/run_*. Needs root, the
//! release binary (`$FLAKEBPF_BIN`, see `flakebpf_e2e::flakebpf_bin`) and a
//! venv with pytest, pytest-asyncio, pytest-xdist and pytest-repeat
//! (`flakebpf_e2e::test_python`).
//!
//! The flaky tests of these projects count their runs in a file under
//! `$FLAKEBPF_TEST_COUNTER_DIR` (a fresh folder per test here), so which runs
//! fail — and so every count below — is known exactly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use flakebpf_e2e::{flakebpf_bin, project};
use serde_json::Value;

fn python() -> PathBuf {
    flakebpf_e2e::test_python()
}

struct Run {
    out: Output,
    report: Option<Value>,
    _tmp: tempfile::TempDir,
}

impl Run {
    fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    fn report(&self) -> &Value {
        self.report.as_ref().unwrap_or_else(|| panic!("no report; stderr:\n{}", self.stderr()))
    }
    fn test(&self, nodeid: &str) -> &Value {
        self.report()["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["nodeid"] == nodeid)
            .unwrap_or_else(|| panic!("{nodeid} not in the report: {}", self.report()))
    }
    /// (passed, failed, error, skipped, verdict)
    fn counts(&self, nodeid: &str) -> (u64, u64, u64, u64, String) {
        let t = self.test(nodeid);
        let o = &t["outcomes"];
        let n = |k: &str| o[k].as_u64().unwrap();
        (n("passed"), n("failed"), n("error"), n("skipped"), t["verdict"].as_str().unwrap().to_string())
    }
    fn flaky(&self) -> Vec<String> {
        self.report()["tests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["verdict"] == "flaky")
            .map(|t| t["nodeid"].as_str().unwrap().to_string())
            .collect()
    }
}

fn command(cwd: &Path, flags: &[&str], cmd: &[&str], tmp: &Path) -> Command {
    let mut c = Command::new(flakebpf_bin());
    c.arg("run").args(flags).arg("--json").arg(tmp.join("report.json")).arg("--").args(cmd);
    c.current_dir(cwd)
        .env("FLAKEBPF_TEST_COUNTER_DIR", tmp)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

fn run_in(name: &str, flags: &[&str], cmd: &[&str]) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    // the traced command runs as the sudo user, if any: let it write the counters
    let _ = std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777));
    let out = command(&project(name), flags, cmd, tmp.path()).output().unwrap();
    let report = std::fs::read_to_string(tmp.path().join("report.json")).ok().map(|t| serde_json::from_str(&t).unwrap());
    Run { out, report, _tmp: tmp }
}

fn pytest(name: &str, flags: &[&str]) -> Run {
    let py = python();
    run_in(name, flags, &[py.to_str().unwrap(), "-m", "pytest"])
}

#[test]
fn deterministic_suite_is_never_flaky() {
    let r = pytest("run_deterministic", &["--runs", "10"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert_eq!(r.report()["schema"], "flakebpf.report/1");
    assert_eq!(r.report()["runs"], 10);
    assert!(r.flaky().is_empty());
    let m = "tests/test_stable.py::";
    assert_eq!(r.counts(&format!("{m}test_adds")), (10, 0, 0, 0, "pass".into()));
    assert_eq!(r.counts(&format!("{m}test_always_fails")), (0, 10, 0, 0, "fail".into()));
    assert_eq!(r.counts(&format!("{m}test_setup_error")), (0, 0, 10, 0, "fail".into()));
    assert_eq!(r.counts(&format!("{m}test_skipped")), (0, 0, 0, 10, "skipped".into()));
    assert_eq!(r.report()["rootdir"], project("run_deterministic").canonicalize().unwrap().to_str().unwrap());
    assert!(r.report()["python"].as_str().unwrap().starts_with("3."));
    assert!(r.stdout().contains("test_always_fails"), "{}", r.stdout());
}

#[test]
fn seeded_flaky_test_exact_counts() {
    let r = pytest("run_counter_flaky", &["--runs", "9"]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    let m = "tests/test_flaky.py::";
    // runs 1, 4 and 7 fail
    assert_eq!(r.counts(&format!("{m}test_every_third_run_fails")), (6, 3, 0, 0, "flaky".into()));
    assert_eq!(r.counts(&format!("{m}test_before")), (9, 0, 0, 0, "pass".into()));
    assert_eq!(r.flaky(), vec![format!("{m}test_every_third_run_fails")]);
    assert!(r.stdout().contains("Diagnosis"), "{}", r.stdout());
}

#[test]
fn xdist_two_workers() {
    let r = pytest("run_xdist", &["--runs", "4"]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert_eq!(r.counts("tests/test_workers.py::test_even_runs_fail"), (2, 2, 0, 0, "flaky".into()));
    for i in 0..6 {
        assert_eq!(r.counts(&format!("tests/test_workers.py::test_spread[{i}]")), (4, 0, 0, 0, "pass".into()));
    }
}

#[test]
fn async_and_parametrized() {
    let r = pytest("run_async", &["--runs", "3"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert_eq!(r.counts("tests/test_async.py::test_gather"), (3, 0, 0, 0, "pass".into()));
    let r = pytest("run_params", &["--runs", "3"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert_eq!(r.counts("tests/test_params.py::test_ids[space here]"), (3, 0, 0, 0, "pass".into()));
    assert_eq!(r.counts("tests/test_params.py::TestGroup::test_method[True]"), (3, 0, 0, 0, "pass".into()));
    assert_eq!(r.counts("tests/test_params.py::test_one_fails[1]"), (0, 3, 0, 0, "fail".into()));
}

#[test]
fn crash_with_os_exit() {
    let r = pytest("run_crash", &["--runs", "4"]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    let m = "tests/test_crash.py::";
    assert_eq!(r.counts(&format!("{m}test_b_crashes_on_even_runs")), (2, 2, 0, 0, "flaky".into()));
    // missing from the crashed runs, not failed there
    assert_eq!(r.counts(&format!("{m}test_c_after_crash")), (2, 0, 0, 0, "pass".into()));
}

#[test]
fn timeout_kills_the_run_and_keeps_it() {
    let r = pytest("run_hang", &["--runs", "2", "--timeout", "8"]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert_eq!(r.report()["runs"], 2);
    let m = "tests/test_hang.py::";
    assert_eq!(r.counts(&format!("{m}test_b_hangs_on_even_runs")), (1, 1, 0, 0, "flaky".into()));
    assert_eq!(r.counts(&format!("{m}test_c_after_hang")), (1, 0, 0, 0, "pass".into()));
    assert!(r.stderr().contains("time limit"), "{}", r.stderr());
}

#[test]
fn ctrl_c_mid_run_writes_the_report_of_finished_runs() {
    let py = python();
    let tmp = tempfile::tempdir().unwrap();
    let _ = std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777));
    let record = tmp.path().join("rec");
    let child = command(
        &project("run_hang"),
        &["--runs", "5", "--record", record.to_str().unwrap()],
        &[py.to_str().unwrap(), "-m", "pytest"],
        tmp.path(),
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // run 2 hangs once its counter reads 2
    let counter = tmp.path().join("run_hang.count");
    let t0 = Instant::now();
    while std::fs::read_to_string(&counter).map(|s| s.trim() != "2").unwrap_or(true) {
        assert!(t0.elapsed() < Duration::from_secs(120), "run 2 never started");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    unsafe { libc_kill(child.id() as i32, 2) };
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(tmp.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["runs"], 1);
    assert_eq!(report["tests"].as_array().unwrap().len(), 3);
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(record.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["interrupted"], true);
    assert_eq!(manifest["runs"].as_array().unwrap().len(), 1);
    assert!(record.join("run-001.trace").exists());
}

extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
}

#[test]
fn record_keeps_traces_and_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = tmp.path().join("rec");
    let r = pytest("run_counter_flaky", &["--runs", "2", "--record", rec.to_str().unwrap()]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    let m: Value = serde_json::from_str(&std::fs::read_to_string(rec.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["schema"], "flakebpf.manifest/1");
    let runs = m["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for run in runs {
        let trace = rec.join(run["trace_path"].as_str().unwrap());
        assert!(std::fs::metadata(&trace).unwrap().len() > 0, "{}", trace.display());
        assert!(!run["windows"].as_array().unwrap().is_empty());
        // the trace holds events, and `flakebpf events` reads it
        let ev = Command::new(flakebpf_bin()).arg("events").arg(&trace).output().unwrap();
        assert!(ev.status.success(), "{}", String::from_utf8_lossy(&ev.stderr));
    }
    // the timing report of the recording: run 1 failed, run 2 passed
    let rep = Command::new(flakebpf_bin())
        .args(["report", "--json", "--test", "tests/test_flaky.py::test_every_third_run_fails"])
        .arg(&rec)
        .output()
        .unwrap();
    assert!(rep.status.success(), "{}", String::from_utf8_lossy(&rep.stderr));
    let t: Value = serde_json::from_slice(&rep.stdout).unwrap();
    assert_eq!(t["schema"], "flakebpf.timing/1");
    let t = &t["tests"][0];
    assert_eq!((t["failing_runs"].as_u64(), t["passing_runs"].as_u64()), (Some(1), Some(1)));
    assert_eq!(t["duration"]["fail"]["runs"], 1);
    assert_eq!(t["duration"]["pass"]["runs"], 1);
    // recording twice into the same folder is refused
    let again = pytest("run_counter_flaky", &["--runs", "1", "--record", rec.to_str().unwrap()]);
    assert_eq!(again.code(), 2, "{}", again.stderr());
}

#[test]
fn bad_input_gives_one_clear_line() {
    let py = python();
    let py = py.to_str().unwrap();
    // missing command
    let out = Command::new(flakebpf_bin()).arg("run").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // cannot start
    let r = run_in("run_empty", &[], &["/nonexistent/prog"]);
    assert_eq!(r.code(), 4, "{}", r.stderr());
    assert!(r.stderr().contains("command not found"), "{}", r.stderr());
    // no tests collected
    let r = pytest("run_empty", &["--runs", "3"]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().contains("collected no tests"), "{}", r.stderr());
    assert_eq!(r.report()["runs"], 1);
    // Python, not pytest
    let r = run_in("run_empty", &["--runs", "3"], &[py, "-c", "pass"]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().contains("test outcomes are unknown"), "{}", r.stderr());
    // not Python at all
    let r = run_in("run_empty", &["--runs", "3"], &["/bin/true"]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().contains("no Python was seen"), "{}", r.stderr());
    // an interpreter the tracer does not support
    let old = "/root/.pyenv/versions/3.6.15/bin/python";
    if Path::new(old).exists() {
        let r = run_in("run_empty", &["--runs", "2"], &[old, "-m", "pytest"]);
        assert_eq!(r.code(), 3, "{}", r.stderr());
        assert!(r.stderr().contains("is not supported"), "{}", r.stderr());
    }
}

/// pytest-repeat's `--count 10`: the ten copies of the one test are one
/// test in the report, counted and diagnosed over all its executions — also
/// from a single pytest run.
#[test]
fn a_test_repeated_in_the_session_is_one_test() {
    let py = python();
    let nodeid = "tests/test_wire.py::test_whole_body_arrives";
    let cause = flakebpf_e2e::markers(&project("run_repeat").join("src/wire/client.py"))["cause"][0];
    // executions 3, 6, 9... fail, counted over the runs: 6 of 20, and 3 of 10
    for (runs, passed, failed) in [("2", 14, 6), ("1", 7, 3)] {
        let r = run_in("run_repeat", &["--runs", runs, "--all-runs"], &[py.to_str().unwrap(), "-m", "pytest", "--count", "10", "-q"]);
        assert_eq!(r.code(), 1, "{}", r.stderr());
        let tests = r.report()["tests"].as_array().unwrap();
        assert_eq!(tests.len(), 1, "{:#}", r.report());
        assert_eq!(r.counts(nodeid), (passed, failed, 0, 0, "flaky".into()));
        let t = r.test(nodeid);
        assert_eq!(t["executions_per_run"], 10);
        let top = &t["causes"][0];
        assert_eq!(
            (top["file"].as_str(), top["line"].as_u64(), top["category"].as_str()),
            (Some("src/wire/client.py"), Some(cause as u64), Some("io_external")),
            "causes: {:#}",
            t["causes"]
        );
        assert!(r.stdout().contains(&format!("failed in {failed} of {} executions", passed + failed)), "{}", r.stdout());
    }
}

/// Every run of a session is traced alike: the kernel's per-run entries
/// (code objects copied, library marks, library-only stacks) are keyed by
/// the run, so in each of 3 runs the project's 50 clock reads are kept at
/// their line and the library-only reads of 100 threads are left out once
/// their code is marked.
#[test]
fn every_run_of_a_session_is_traced_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = tmp.path().join("rec");
    let r = pytest("run_clock_reads", &["--runs", "3", "--all-runs", "--no-trials", "--record", rec.to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let dir = project("run_clock_reads");
    let line = flakebpf_e2e::markers(&dir.join("tests/test_reads.py"))["read"][0];
    for i in 1..=3 {
        let trace = rec.join(format!("run-{i:03}.trace"));
        let ev = Command::new(flakebpf_bin()).args(["events", "--json"]).arg(&trace).output().unwrap();
        assert!(ev.status.success(), "{}", String::from_utf8_lossy(&ev.stderr));
        let events: Vec<Value> = String::from_utf8_lossy(&ev.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let clock = |e: &Value| e["kind"] == "clock" && e["clock"] == "CLOCK_MONOTONIC";
        let reads = events
            .iter()
            .filter(|e| clock(e) && flakebpf_e2e::frame_in(e, "test_reads.py") == Some((line, "read_clock".to_string())))
            .count();
        assert_eq!(reads, 50, "run {i}: clock reads at test_reads.py:{line}");
        let library_only = events
            .iter()
            .filter(|e| {
                clock(e)
                    && e["tid"] != e["pid"]
                    && e["stack"].as_array().is_some_and(|s| !s.is_empty() && s.iter().all(|f| f["file"].as_str().unwrap_or("").ends_with("threading.py")))
            })
            .count();
        assert!(library_only <= 10, "run {i}: {library_only} of 100 library-only clock reads kept");
    }
}
