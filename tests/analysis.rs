//! End-to-end test of the analysis path's memory bound: `flakebpf
//! analyze` keeps only the events the diagnosis of the flaky tests reads
//! (see flake-user's `align::keep`), and its report is the one it gives
//! with every event kept (`FLAKEBPF_KEEP_ALL_EVENTS`). Real CPython under
//! real eBPF: `run --record` over the order-dependency project (two xdist
//! workers, six tests, an earlier test that leaves an environment variable
//! set), whose diagnosis reads the windows of earlier tests of the flaky
//! test's process, the environment writes before it and its own events.

use std::process::{Command, Stdio};

use flakebpf_e2e::{flakebpf_bin, project, test_python};
use serde_json::Value;

/// `analyze` of the recording `rec`, with every event kept or not: (exit, stdout, JSON report).
fn analyze(rec: &std::path::Path, out: &std::path::Path, keep_all: bool) -> (Option<i32>, String, Value) {
    let mut c = Command::new(flakebpf_bin());
    c.arg("analyze").arg(rec).arg("--json").arg(out).env("NO_COLOR", "1").env_remove("FLAKEBPF_KEEP_ALL_EVENTS");
    if keep_all {
        c.env("FLAKEBPF_KEEP_ALL_EVENTS", "1");
    }
    let o = c.output().expect("running flakebpf analyze");
    let report = std::fs::read_to_string(out).unwrap_or_else(|_| panic!("no report; stderr:\n{}", String::from_utf8_lossy(&o.stderr)));
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned(), serde_json::from_str(&report).unwrap())
}

#[test]
fn analyze_reports_the_same_with_only_the_events_the_diagnosis_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let rec = tmp.path().join("rec");
    let run = Command::new(flakebpf_bin())
        .args(["run", "--runs", "10", "--all-runs", "--no-trials", "--record"])
        .arg(&rec)
        .arg("--")
        .arg(test_python())
        .args(["-m", "pytest", "-p", "no:cacheprovider", "tests"])
        .current_dir(project("classify_order_dependency"))
        .env("FLAKEBPF_TEST_COUNTER_DIR", tmp.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("running flakebpf run");
    assert_eq!(run.status.code(), Some(1), "run: the test is flaky in 10 runs; stderr:\n{}", String::from_utf8_lossy(&run.stderr));
    let (code, text, pruned) = analyze(&rec, &tmp.path().join("pruned.json"), false);
    let (code_all, text_all, all) = analyze(&rec, &tmp.path().join("all.json"), true);
    assert_eq!(code, Some(1), "{text}");
    assert_eq!((code, &text), (code_all, &text_all), "the printed report differs with every event kept");
    assert_eq!(pruned, all, "the JSON report differs with every event kept");
    // the diagnosis used what the pruning kept: the polluter's leaked variable, from an earlier test's window
    let t = pruned["tests"].as_array().unwrap().iter().find(|t| t["verdict"] == "flaky").unwrap();
    assert_eq!(t["nodeid"], "tests/test_mode.py::test_default_mode_is_production");
    let top = &t["causes"][0];
    assert_eq!((top["category"].as_str(), top["polluter"].as_str()), (Some("order_dependency"), Some("tests/test_debug.py::test_enable_debug")), "{t:#}");
    assert!(top["evidence"].as_str().unwrap().contains("it sets the environment variable CLASSIFY_APP_MODE and nothing restores it"), "{top:#}");
}
