//! Python anywhere in the traced tree: pytest started behind a wrapper (a
//! shell script that execs the venv's python, `bash -c` with pytest as a
//! child, `env VAR=1 python`, the venv's `bin/pytest` entry script) must be
//! traced with exact file:line stacks — and so must a subprocess of another
//! CPython version started by a test — and `flakebpf run` over a wrapper
//! must give outcomes, the flaky verdict and its cause line. Needs root, the
//! release binary, the test venv (`flakebpf_e2e::test_python`) and a second
//! pyenv CPython (`flakebpf_e2e::other_cpython`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use flakebpf_e2e::{flakebpf_bin, markers, other_cpython, project, record_events_env, test_python};
use serde_json::Value;

/// The venv folder of the test interpreter.
fn venv() -> PathBuf {
    test_python().parent().unwrap().parent().unwrap().to_path_buf()
}

fn version_of(python: &Path) -> String {
    let out = Command::new(python).args(["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The `Record::Python` lines of a trace for `pid`.
fn versions_of(events: &[Value], pid: &Value) -> Vec<String> {
    events.iter().filter(|e| e["kind"] == "python" && &e["pid"] == pid).map(|e| e["version"].as_str().unwrap().to_string()).collect()
}

/// The wall-clock read whose stack has `func` at `file`:`line`.
fn clock_read<'a>(events: &'a [Value], file: &str, line: u32, func: &str) -> Option<&'a Value> {
    events.iter().find(|e| {
        e["kind"] == "clock"
            && e["clock"] == "CLOCK_REALTIME"
            && flakebpf_e2e::frame_in(e, file) == Some((line, func.to_string()))
    })
}

/// Records `cmd` in the wrappers project and checks the clock reads of the
/// pytest process and of the other-version child, each at its exact line
/// and decoded as its own version.
fn check_wrapper(label: &str, cmd: &[&str]) {
    let dir = project("wrappers");
    let venv = venv();
    let (other_minor, other) = other_cpython(&test_python());
    let env = [
        ("FLAKEBPF_TEST_VENV", venv.to_str().unwrap()),
        ("FLAKEBPF_OTHER_PYTHON", other.to_str().unwrap()),
        ("PYTHONDONTWRITEBYTECODE", "1"),
    ];
    let (events, stderr) = record_events_env(cmd, &dir, &[], &env);
    let end = &events.last().unwrap()["end"];
    assert_eq!(end["exit_code"], 0, "{label}: the traced tests failed; stderr:\n{stderr}");
    assert!(!stderr.contains("not a Python"), "{label}: {stderr}");
    assert!(!stderr.contains("no Python ran"), "{label}: {stderr}");

    let wall = markers(&dir.join("tests/test_clock.py"))["wall"][0];
    let ev = clock_read(&events, "tests/test_clock.py", wall, "read_wall_clock")
        .unwrap_or_else(|| panic!("{label}: no wall-clock read at tests/test_clock.py:{wall} in the pytest process; stderr:\n{stderr}"));
    let own = version_of(&test_python());
    // (one record per exec of the process that found it running CPython:
    // `env` or a shell exec'd by the time flakebpf looked also count)
    let versions = versions_of(&events, &ev["pid"]);
    assert!(!versions.is_empty() && versions.iter().all(|v| *v == own), "{label}: the pytest process runs {own}, the trace says {versions:?}");

    let child_line = markers(&dir.join("tests/child.py"))["child_wall"][0];
    let cev = clock_read(&events, "tests/child.py", child_line, "stamp")
        .unwrap_or_else(|| panic!("{label}: no wall-clock read at tests/child.py:{child_line} in the CPython {other_minor} child; stderr:\n{stderr}"));
    assert_ne!(cev["pid"], ev["pid"], "{label}: the child is its own process");
    let child_versions = versions_of(&events, &cev["pid"]);
    assert!(
        child_versions.last().is_some_and(|v| v.starts_with(&format!("{other_minor}."))),
        "{label}: the child runs CPython {other_minor}, the trace says {child_versions:?}"
    );
}

#[test]
fn shell_script_that_execs_the_venv_python() {
    check_wrapper("./run.sh", &["./run.sh", "-q"]);
}

#[test]
fn bash_c_with_pytest_as_a_child() {
    check_wrapper("bash -c", &["bash", "-c", "cd . && \"$FLAKEBPF_TEST_VENV/bin/python\" -m pytest -q; exit $?"]);
}

#[test]
fn env_in_front_of_python() {
    let py = test_python();
    check_wrapper("env", &["env", "FLAKEBPF_WRAPPED=1", py.to_str().unwrap(), "-m", "pytest", "-q"]);
}

#[test]
fn venv_pytest_entry_script() {
    let pytest = venv().join("bin/pytest");
    check_wrapper("bin/pytest", &[pytest.to_str().unwrap(), "-q"]);
}

/// `flakebpf run` over `sh -c '"$0" -m pytest ...; exit $?' PYTHON` (pytest
/// is not visible in argv, and runs as a child of the shell): outcomes,
/// the flaky verdict and the cause line, as without the wrapper.
#[test]
fn run_over_a_wrapper_finds_the_flaky_test_and_its_cause() {
    let name = "classify_time_dependency";
    let tmp = tempfile::tempdir().unwrap();
    let _ = std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777));
    let report_path = tmp.path().join("report.json");
    let py = test_python();
    let out = Command::new(flakebpf_bin())
        .args(["run", "--runs", "15", "--no-trials", "--json"])
        .arg(&report_path)
        .args(["--", "sh", "-c", "\"$0\" -m pytest -p no:cacheprovider tests; exit $?"])
        .arg(&py)
        .current_dir(project(name))
        .env("FLAKEBPF_TEST_COUNTER_DIR", tmp.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "flaky test expected; stderr:\n{stderr}\nstdout:\n{stdout}");
    assert!(!stderr.contains("not a Python"), "{stderr}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    assert_eq!(report["python"], version_of(&py), "report's python is the pytest process's");
    let test = |id: &str| report["tests"].as_array().unwrap().iter().find(|t| t["nodeid"] == id).unwrap_or_else(|| panic!("{id} missing: {report:#}")).clone();
    let ok = test("tests/test_bucket.py::test_bucket_is_an_int");
    assert_eq!(ok["verdict"], "pass", "{ok:#}");
    let t = test("tests/test_bucket.py::test_two_reads_share_a_bucket");
    assert_eq!(t["verdict"], "flaky", "{t:#}");
    let runs = report["runs"].as_u64().unwrap();
    let (passed, failed) = (t["outcomes"]["passed"].as_u64().unwrap(), t["outcomes"]["failed"].as_u64().unwrap());
    assert_eq!(passed + failed, runs, "{t:#}");
    // every third run provokes the failure
    assert_eq!(failed, runs / 3, "{t:#}");
    let line = markers(&project(name).join("src/windows/bucket.py"))["cause"][0];
    let top = &t["causes"][0];
    assert_eq!(
        (top["file"].as_str(), top["line"].as_u64(), top["category"].as_str()),
        (Some("src/windows/bucket.py"), Some(line as u64), Some("time_dependency")),
        "top cause; causes: {:#}",
        t["causes"]
    );
    assert!(stdout.contains(&format!("src/windows/bucket.py:{line}")), "the cause line in the summary:\n{stdout}");
}
