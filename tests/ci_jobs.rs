//! CI jobs diagnosed later (issue 11): one flaky project
//! (`tests/projects/ci_jobs`) run as five separate "CI jobs" — each one
//! pytest process writing JUnit XML, some under `flakebpf record -- CMD`,
//! some attached with `record --pid` after they started — then `analyze`
//! over the five traces, compared with what `flakebpf run` says on the same
//! project. The flaky test depends on the string hash seed, so each job is
//! given its own `PYTHONHASHSEED` (as every CI job has one of its own),
//! which makes each job's outcome known in advance and the counts exact.
//! A second test in the project fails on its first execution in a process
//! and passes on the next: with pytest-rerunfailures, one job alone shows
//! it flaky. Needs root, the release binary and the test venv (with
//! pytest-rerunfailures).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use flakebpf_e2e::{flakebpf_bin, markers, project, test_python};
use serde_json::Value;

const ROUTE: &str = "tests/test_route.py::test_route_starts_at_the_first_depot";
const CATALOG: &str = "tests/test_catalog.py::test_north_depot_code";
/// Hash seeds on which CPython 3.11's set order puts NORTH first (the
/// route test passes) or not (it fails).
const SEED_PASS: [&str; 3] = ["2", "5", "11"];
const SEED_FAIL: [&str; 2] = ["1", "3"];
/// How long the runner of the attached zombie job leaves pytest unreaped.
const REAP_AFTER_S: u64 = 40;

fn dir() -> PathBuf {
    project("ci_jobs")
}

fn pytest(junit: Option<&Path>, extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = vec![test_python().display().to_string(), "-m".into(), "pytest".into(), "-p".into(), "no:cacheprovider".into(), "-q".into()];
    if let Some(j) = junit {
        v.push(format!("--junitxml={}", j.display()));
    }
    v.extend(extra.iter().map(|s| s.to_string()));
    v.push("tests".into());
    v
}

/// A job run under `flakebpf record --command-status -- CMD` in `checkout`;
/// `status` is what pytest (and so record) exits with.
fn record_job(tmp: &Path, checkout: &Path, name: &str, seed: &str, record_args: &[&str], extra: &[&str], status: i32) -> PathBuf {
    let trace = tmp.join(format!("{name}.trace"));
    let junit = tmp.join(format!("{name}.xml"));
    let out = Command::new(flakebpf_bin())
        .args(["record", "--command-status", "-o"])
        .arg(&trace)
        .args(record_args)
        .arg("--")
        .args(pytest(Some(&junit), extra))
        .current_dir(checkout)
        .env("PYTHONHASHSEED", seed)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(status), "{name}: record: {}", String::from_utf8_lossy(&out.stderr));
    trace
}

/// A copy of the project elsewhere, as another CI machine checks it out.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A job attached to: a runner step starts pytest (which waits at start-up
/// until the gate file exists), `record --pid` attaches to pytest, and the
/// gate opens once it says it is attached.
struct Attached {
    trace: PathBuf,
    /// The runner had not reaped pytest yet when `record` ended.
    ended_before_reaped: bool,
    record_s: f64,
    record_stderr: String,
}

fn attach_job(tmp: &Path, name: &str, seed: &str, junit: Option<&Path>, extra: &[&str], env: &[(&str, String)], reap_after: u64) -> Attached {
    let trace = tmp.join(format!("{name}.trace"));
    let (gate, pidfile) = (tmp.join(format!("{name}.gate")), tmp.join(format!("{name}.pid")));
    let mut runner: Child = Command::new(test_python())
        .arg(dir().join("runner.py"))
        .arg(&pidfile)
        .arg(reap_after.to_string())
        .args(pytest(junit, extra))
        .current_dir(dir())
        .env("PYTHONHASHSEED", seed)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("CI_JOBS_GATE", &gate)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while !pidfile.exists() {
        assert!(t.elapsed() < Duration::from_secs(20), "{name}: the runner never started pytest");
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let started = Instant::now();
    let mut rec = Command::new(flakebpf_bin())
        .args(["record", "--pid", pid.trim(), "-o"])
        .arg(&trace)
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(rec.stderr.take().unwrap()).lines();
    let mut stderr = String::new();
    for l in lines.by_ref() {
        let l = l.unwrap();
        stderr.push_str(&l);
        stderr.push('\n');
        if l.contains("attached to pid") {
            break;
        }
    }
    assert!(stderr.contains("attached to pid"), "{name}: record --pid did not attach: {stderr}");
    std::fs::write(&gate, "").unwrap();
    for l in lines {
        stderr.push_str(&l.unwrap());
        stderr.push('\n');
    }
    let st = rec.wait().unwrap();
    let record_s = started.elapsed().as_secs_f64();
    let ended_before_reaped = runner.try_wait().unwrap().is_none();
    let _ = runner.kill();
    runner.wait().unwrap();
    assert!(st.success(), "{name}: record --pid failed: {stderr}");
    Attached { trace, ended_before_reaped, record_s, record_stderr: stderr }
}

struct Jobs {
    tmp: tempfile::TempDir,
    traces: Vec<PathBuf>,
    /// The JUnit XML job 4 wrote where its command line does not say.
    elsewhere: PathBuf,
    zombie: Attached,
}

/// The five jobs, made once for every test of this file.
fn jobs() -> &'static Jobs {
    static JOBS: OnceLock<Jobs> = OnceLock::new();
    JOBS.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let t = tmp.path();
        // 1: recorded, plugin loaded; the route test fails (and the catalog test, so pytest exits 1)
        let j1 = record_job(t, &dir(), "job1", SEED_FAIL[0], &[], &[], 1);
        // 2: recorded without the plugin, on "another machine" (another checkout):
        // outcomes from its JUnit XML, kept in the trace; the route test passes
        let machine2 = t.join("machine2").join("ci_jobs");
        copy_dir(&dir(), &machine2);
        let j2 = record_job(t, &machine2, "job2", SEED_PASS[0], &["--no-plugin"], &[], 1);
        // 3: attached; pytest-rerunfailures reruns its failures; the runner reaps pytest late
        let zombie = attach_job(t, "job3", SEED_FAIL[1], Some(&t.join("job3.xml")), &["--reruns", "2"], &[], REAP_AFTER_S);
        // 4: attached; the JUnit XML goes where the command line does not say (PYTEST_ADDOPTS)
        let elsewhere = t.join("elsewhere").join("job4.xml");
        let j4 = attach_job(t, "job4", SEED_PASS[1], None, &[], &[("PYTEST_ADDOPTS", format!("--junitxml={}", elsewhere.display()))], 0);
        // 5: recorded, plugin loaded, with reruns; passes
        let j5 = record_job(t, &dir(), "job5", SEED_PASS[2], &[], &["--reruns", "2"], 0);
        let traces = vec![j1, j2, zombie.trace.clone(), j4.trace, j5];
        Jobs { tmp, traces, elsewhere, zombie }
    })
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn flakebpf(args: &[String]) -> Out {
    let out = Command::new(flakebpf_bin()).args(args).current_dir(dir()).env("NO_COLOR", "1").stdin(Stdio::null()).output().unwrap();
    Out { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// `analyze --json` over `traces` (and `extra` arguments): the report.
fn analyze(traces: &[PathBuf], extra: &[String]) -> (Value, Out) {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("a.json");
    let mut args = vec!["analyze".to_string(), "--json".into(), s(&json)];
    args.extend(traces.iter().map(|p| s(p)));
    args.extend(extra.iter().cloned());
    let out = flakebpf(&args);
    let text = std::fs::read_to_string(&json).unwrap_or_else(|_| panic!("no report (exit {}): {}", out.code, out.stderr));
    (serde_json::from_str(&text).unwrap(), out)
}

fn test<'a>(report: &'a Value, nodeid: &str) -> &'a Value {
    report["tests"].as_array().unwrap().iter().find(|t| t["nodeid"] == nodeid).unwrap_or_else(|| panic!("no {nodeid} in {report:#}"))
}

fn counts(t: &Value) -> (u64, u64) {
    (t["outcomes"]["failed"].as_u64().unwrap(), t["outcomes"]["passed"].as_u64().unwrap())
}

fn top_cause(t: &Value) -> (String, u64, String) {
    let c = &t["causes"][0];
    (c["file"].as_str().unwrap_or_default().into(), c["line"].as_u64().unwrap_or(0), c["category"].as_str().unwrap_or_default().into())
}

/// The five traces with job 4's JUnit XML named for it.
fn five_with_outcomes(j: &Jobs) -> Vec<String> {
    ["-", "-", "-", &s(&j.elsewhere), "-"].iter().flat_map(|o| ["--outcomes".to_string(), o.to_string()]).collect()
}

#[test]
fn five_ci_jobs_name_the_flaky_test_and_cause_that_run_names() {
    let j = jobs();
    // the folder of the five jobs' artifacts (traces, JUnit files, ...)
    let (report, out) = analyze(&[j.tmp.path().to_path_buf()], &five_with_outcomes(j));
    assert_eq!(out.code, 1, "flaky tests found: {}", out.stderr);
    assert_eq!(report["runs"], 5, "{report:#}");
    let flaky: Vec<&str> = report["tests"].as_array().unwrap().iter().filter(|t| t["verdict"] == "flaky").map(|t| t["nodeid"].as_str().unwrap()).collect();
    assert_eq!(flaky, vec![CATALOG, ROUTE], "{report:#}");
    // route: jobs 1 and 3 fail (job 3 twice more on its reruns), 2, 4, 5 pass
    assert_eq!(counts(test(&report, ROUTE)), (4, 3));
    // catalog: fails first in every process; passes on the rerun in jobs 3 and 5
    assert_eq!(counts(test(&report, CATALOG)), (5, 2));
    for t in ["tests/test_route.py::test_duplicates_count_once", "tests/test_route.py::test_empty_route_has_no_first_stop"] {
        assert_eq!((test(&report, t)["verdict"].as_str(), counts(test(&report, t))), (Some("pass"), (0, 5)));
    }
    let line = markers(&dir().join("src/depot/route.py"))["cause"][0] as u64;
    let from_traces = top_cause(test(&report, ROUTE));
    assert_eq!(from_traces, ("src/depot/route.py".to_string(), line, "randomness".to_string()), "{:#}", test(&report, ROUTE)["causes"]);
    // where each job's outcomes came from
    let e = &out.stderr;
    assert!(e.contains(&format!("{}: 4 test executions, outcomes from flakebpf's pytest plugin", s(&j.traces[0]))), "{e}");
    assert!(e.contains(&format!("{}: 4 test executions, outcomes from JUnit XML {} (kept in the trace)", s(&j.traces[1]), s(&j.traces[1].with_extension("xml")))), "{e}");
    assert!(e.contains(&format!("{}: 7 test executions, outcomes from JUnit XML", s(&j.traces[2]))), "{e}");
    assert!(e.contains(&format!("{}: 4 test executions, outcomes from JUnit XML {}", s(&j.traces[3]), s(&j.elsewhere))), "{e}");
    assert!(e.contains(&format!("{}: 5 test executions, outcomes from flakebpf's pytest plugin", s(&j.traces[4]))), "{e}");
    // the text report names it too, with the path relative to the rootdir
    assert!(out.stdout.contains(&format!("src/depot/route.py:{line}")), "{}", out.stdout);

    // `run` on the same project names the same test and cause
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("run.json");
    let mut args = vec!["run".to_string(), "--runs".into(), "15".into(), "--json".into(), s(&json), "--".into()];
    args.extend(pytest(None, &[]));
    let live = flakebpf(&args);
    let live: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap_or_else(|_| panic!("run wrote no report: {}", live.stderr))).unwrap();
    let live_flaky: Vec<&str> = live["tests"].as_array().unwrap().iter().filter(|t| t["verdict"] == "flaky").map(|t| t["nodeid"].as_str().unwrap()).collect();
    assert_eq!(live_flaky, vec![ROUTE], "{live:#}");
    assert_eq!(top_cause(test(&live, ROUTE)), from_traces, "{:#}", test(&live, ROUTE)["causes"]);
}

#[test]
fn a_rerun_that_passes_makes_one_job_flaky_by_itself() {
    let j = jobs();
    // job 3: attached, outcomes from JUnit XML (each attempt is a <testcase>)
    // and the attempts the trace shows; job 5: the plugin's "rerun" reports
    for (k, trace) in [(3, &j.traces[2]), (5, &j.traces[4])] {
        let (report, out) = analyze(std::slice::from_ref(trace), &[]);
        assert_eq!(out.code, 1, "job {k}: {}", out.stderr);
        let t = test(&report, CATALOG);
        assert_eq!((t["verdict"].as_str(), counts(t)), (Some("flaky"), (1, 1)), "job {k}: {t:#}");
        let route = test(&report, ROUTE);
        let want = if k == 3 { ("fail", (3, 0)) } else { ("pass", (0, 1)) };
        assert_eq!((route["verdict"].as_str().unwrap(), counts(route)), want, "job {k}: {route:#}");
    }
}

#[test]
fn attach_ends_with_the_traced_tree_even_before_its_parent_reaps_it() {
    let j = jobs();
    let z = &j.zombie;
    assert!(z.ended_before_reaped && z.record_s < (REAP_AFTER_S - 10) as f64, "record --pid took {:.1} s: {}", z.record_s, z.record_stderr);
    assert!(z.record_stderr.contains("command exited with status 1"), "{}", z.record_stderr);
    let out = flakebpf(&["events".into(), "--json".into(), s(&z.trace)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let last = lines.last().unwrap();
    assert_eq!(last["truncated"], false, "{last}");
    // the trace names the job as it ran, not `--pid N`
    let meta = &lines[0]["meta"];
    let argv: Vec<&str> = meta["command"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(argv, pytest(Some(&j.traces[2].with_extension("xml")), &["--reruns", "2"]).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(meta["cwd"], s(&dir()));
    let job = lines.iter().find(|l| l["kind"] == "job").expect("a job line");
    assert_eq!(job["cwd"], s(&dir()));
}

#[test]
fn outcomes_unknown_are_listed_and_other_commands_are_refused() {
    let j = jobs();
    // job 4 without its JUnit XML: its tests ran, their outcomes are unknown
    let out = flakebpf(&["analyze".into(), s(&j.traces[3])]);
    assert!(
        out.stderr.contains(&format!("{}: outcome unknown for 4 tests (", s(&j.traces[3]))) && out.stderr.contains("give that file with `--outcomes FILE` for this trace"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 0, "no test has a known failure: {}", out.stderr);
    // --outcomes must be given once per trace
    let out = flakebpf(&["analyze".into(), s(&j.traces[0]), s(&j.traces[1]), "--outcomes".into(), s(&j.elsewhere)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--outcomes was given 1 time for 2 trace files of `flakebpf record`"), "{}", out.stderr);
    // a job of other tests is not mixed in
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("other.trace");
    let rec = Command::new(flakebpf_bin())
        .args(["record", "--no-plugin", "-o"])
        .arg(&other)
        .arg("--")
        .args(pytest(None, &[]).iter().map(|a| if a == "tests" { "tests/test_catalog.py" } else { a.as_str() }))
        .current_dir(dir())
        .output()
        .unwrap();
    assert!(rec.status.success());
    let out = flakebpf(&["analyze".into(), s(&j.traces[0]), s(&other)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("the inputs ran different pytest commands") && out.stderr.contains(&format!("group 2: `{}", test_python().display())), "{}", out.stderr);
    // `report` reads the same traces
    let mut args = vec!["report".to_string()];
    args.extend(j.traces.iter().map(|p| s(p)));
    args.extend(five_with_outcomes(j));
    let out = flakebpf(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(ROUTE) && out.stdout.contains(CATALOG), "{}", out.stdout);
}
