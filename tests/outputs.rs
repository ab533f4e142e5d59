//! End-to-end tests of the outputs CI systems and people read: `flakebpf
//! run` (real CPython under real eBPF) on tests/projects/outputs_stock,
//! whose one flaky test loses an update between two threads in every third
//! run (a counter under `$FLAKEBPF_TEST_COUNTER_DIR`; the lost update is
//! real), with `--junit --sarif --html --perfetto --github` and `--record`;
//! then `flakebpf analyze` on that recording with the same flags. The
//! session runs once per test binary (about half a minute); each test
//! checks one output against its reader:
//!
//! - JUnit against tests/schemas/junit-surefire.xsd (Surefire's report
//!   structure, which pytest-rerunfailures and CI reporters read) with
//!   Python's `xmlschema`;
//! - SARIF against the SARIF 2.1.0 JSON schema (tests/schemas, from the npm
//!   package @microsoft/jest-sarif) with Python's `jsonschema`;
//! - the Perfetto trace by tests/tools/check_chrome_trace.py, which reads
//!   it as trace_processor imports Chrome JSON (the PyPI `perfetto`
//!   package fetches its trace_processor binary at run time from outside
//!   the package registries, which CI cannot reach);
//! - the HTML page in headless Chromium: its DOM shows the top cause and
//!   both timelines, and its screenshot is kept in
//!   `$CARGO_TARGET_DIR/flakebpf-e2e-outputs/report.png` as a CI artifact;
//! - the GitHub workflow commands and job summary, line by line.
//!
//! Every validator is also shown to reject a broken copy, so a pass means
//! something. Needs root, the release binary, the test venv (`cargo xtask
//! setup`) and `chromium`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use flakebpf_e2e::{flakebpf_bin, manifest_dir, markers, project, test_python};
use serde_json::Value;

const PROJECT: &str = "outputs_stock";
const FLAKY: &str = "tests/test_ledger.py::test_concurrent_deliveries";
const RUNS: u32 = 9;

/// What one `run` and one `analyze` left.
struct Session {
    dir: PathBuf,
    /// The `# @cause` line: (file relative to the project, line).
    cause: (String, u32),
    report: Value,
    run_stdout: String,
    analyze_stdout: String,
}

/// The folder the outputs (and the screenshot artifact) go to.
fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| manifest_dir().parent().unwrap().join("target"));
    target.join("flakebpf-e2e-outputs")
}

fn outputs_args(dir: &Path) -> Vec<String> {
    let p = |f: &str| dir.join(f).to_string_lossy().into_owned();
    vec!["--junit".into(), p("junit.xml"), "--sarif".into(), p("report.sarif"), "--html".into(), p("report.html"), "--perfetto".into(), p("trace.json"), "--github".into()]
}

fn cause_marker() -> (String, u32) {
    let file = "src/stock/ledger.py";
    let lines = markers(&project(PROJECT).join(file)).remove("cause").expect("a # @cause marker");
    assert_eq!(lines.len(), 1);
    (file.to_string(), lines[0])
}

fn session() -> &'static Session {
    static S: OnceLock<Session> = OnceLock::new();
    S.get_or_init(|| {
        let dir = artifacts();
        let _ = std::fs::remove_dir_all(&dir);
        for d in ["run", "analyze", "counter"] {
            std::fs::create_dir_all(dir.join(d)).unwrap();
        }
        let workspace = manifest_dir().parent().unwrap().to_path_buf();
        let run = Command::new(flakebpf_bin())
            .args(["run", "--runs", &RUNS.to_string(), "--trial-budget", "12", "--json"])
            .arg(dir.join("run/report.json"))
            .arg("--record")
            .arg(dir.join("rec"))
            .args(outputs_args(&dir.join("run")))
            .arg("--")
            .arg(test_python())
            .args(["-m", "pytest", "-p", "no:cacheprovider", "tests"])
            .current_dir(project(PROJECT))
            .env("FLAKEBPF_TEST_COUNTER_DIR", dir.join("counter"))
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("NO_COLOR", "1")
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_STEP_SUMMARY", dir.join("run/summary.md"))
            .stdin(Stdio::null())
            .output()
            .expect("running flakebpf run");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "flakebpf run: a flaky test is found; stderr:\n{stderr}");
        let report: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("run/report.json")).unwrap()).unwrap();
        let analyze = Command::new(flakebpf_bin())
            .arg("analyze")
            .arg(dir.join("rec"))
            .args(outputs_args(&dir.join("analyze")))
            .current_dir(project(PROJECT))
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_STEP_SUMMARY", dir.join("analyze/summary.md"))
            .env("NO_COLOR", "1")
            .output()
            .expect("running flakebpf analyze");
        assert_eq!(analyze.status.code(), Some(1), "flakebpf analyze; stderr:\n{}", String::from_utf8_lossy(&analyze.stderr));
        Session {
            dir,
            cause: cause_marker(),
            report,
            run_stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
            analyze_stdout: String::from_utf8_lossy(&analyze.stdout).into_owned(),
        }
    })
}

fn flaky(s: &Session) -> &Value {
    let tests = s.report["tests"].as_array().unwrap();
    let flaky: Vec<&Value> = tests.iter().filter(|t| t["verdict"] == "flaky").collect();
    assert_eq!(flaky.len(), 1, "one flaky test: {:#}", s.report);
    assert_eq!(flaky[0]["nodeid"], FLAKY);
    flaky[0]
}

/// The top cause is the marked line, a thread race.
fn top_cause(s: &Session) -> &Value {
    let top = &flaky(s)["causes"][0];
    assert_eq!((top["file"].as_str().unwrap(), top["line"].as_u64().unwrap() as u32), (s.cause.0.as_str(), s.cause.1), "top cause: {top:#}");
    assert_eq!(top["category"], "thread_race");
    top
}

/// Runs a Python snippet with the test venv; (exit code, stdout, stderr).
fn python(code: &str, args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(test_python()).arg("-c").arg(code).args(args).output().expect("running the test python");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const JUNIT_CHECK: &str = "import json, sys, xmlschema
xs = xmlschema.XMLSchema(sys.argv[1])
xs.validate(sys.argv[2])
print(json.dumps(xs.to_dict(sys.argv[2])))";

fn junit(s: &Session, which: &str) -> Value {
    let xsd = manifest_dir().join("schemas/junit-surefire.xsd");
    let (code, out, err) = python(JUNIT_CHECK, &[&xsd, &s.dir.join(which).join("junit.xml")]);
    assert_eq!(code, 0, "{which}/junit.xml is not valid against the Surefire XSD:\n{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn junit_is_valid_and_lists_every_failing_run_as_flaky() {
    let s = session();
    let doc = junit(s, "run");
    let failed = flaky(s)["outcomes"]["failed"].as_u64().unwrap();
    assert_eq!(failed, (RUNS / 3) as u64, "every third run fails");
    assert_eq!(doc["@tests"], "2");
    assert_eq!((doc["@failures"].as_str(), doc["@errors"].as_str()), (Some("0"), Some("0")), "a flaky test passes in the end");
    let cases = doc["testcase"].as_array().unwrap();
    let case = cases.iter().find(|c| c["@name"] == "test_concurrent_deliveries").expect("the flaky testcase");
    assert_eq!(case["@classname"], "tests.test_ledger");
    let attempts = case["flakyFailure"].as_array().expect("flakyFailure elements");
    assert_eq!(attempts.len() as u64, failed, "one flakyFailure per failing run");
    for a in attempts {
        assert_eq!(a["@type"], "AssertionError");
        assert!(a["@message"].as_str().unwrap().starts_with("assert "), "the failure's message: {a}");
        assert!(a["stackTrace"].as_str().unwrap().contains("assert ledger.units == 15"), "the failure's excerpt: {a}");
    }
    let (file, line) = &s.cause;
    let out = case["system-out"].as_str().unwrap();
    assert!(out.contains(&format!("1. thread_race at {file}:{line} in Ledger.receive")), "the diagnosis in system-out: {out}");
    let passing = cases.iter().find(|c| c["@name"] == "test_single_delivery").unwrap();
    assert!(passing.get("flakyFailure").is_none() && passing.get("failure").is_none());
    // the schema rejects what CI readers would: a testcase without its time
    let broken = s.dir.join("broken-junit.xml");
    let text = std::fs::read_to_string(s.dir.join("run/junit.xml")).unwrap();
    std::fs::write(&broken, text.replacen("<testcase name=", "<testcase nome=", 1)).unwrap();
    let (code, _, _) = python(JUNIT_CHECK, &[&manifest_dir().join("schemas/junit-surefire.xsd"), &broken]);
    assert_ne!(code, 0, "a testcase without a name must not validate");
}

const SARIF_CHECK: &str = "import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(doc))
for e in errors[:5]:
    print(e.message, list(e.path), file=sys.stderr)
sys.exit(1 if errors else 0)";

fn sarif(s: &Session, which: &str) -> Value {
    let path = s.dir.join(which).join("report.sarif");
    let (code, _, err) = python(SARIF_CHECK, &[&manifest_dir().join("schemas/sarif-2.1.0-rtm.5.json"), &path]);
    assert_eq!(code, 0, "{which}/report.sarif is not valid SARIF 2.1.0:\n{err}");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn sarif_is_valid_2_1_0_with_a_result_per_cause_at_its_line() {
    let s = session();
    let top = top_cause(s);
    let doc = sarif(s, "run");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rules, ["time_dependency", "timing", "thread_race", "async_race", "order_dependency", "randomness", "io_external", "resource"]);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), flaky(s)["causes"].as_array().unwrap().len(), "a result per cause");
    let r = &results[0];
    assert_eq!((r["ruleId"].as_str(), r["ruleIndex"].as_u64()), (Some("thread_race"), Some(2)));
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], s.cause.0.as_str());
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "ROOTDIR");
    assert_eq!(loc["region"]["startLine"], s.cause.1);
    let root = run["originalUriBaseIds"]["ROOTDIR"]["uri"].as_str().unwrap();
    assert_eq!(root, format!("file://{}/", project(PROJECT).display()));
    assert_eq!(r["level"], if top["proven"] == true { "warning" } else { "note" });
    assert_eq!(r["properties"]["confidence"], top["confidence"]);
    assert!(r["message"]["text"].as_str().unwrap().contains(top["evidence"].as_str().unwrap()), "evidence as the message");
    // the schema rejects a log without its version
    let broken = s.dir.join("broken.sarif");
    let mut bad = doc.clone();
    bad.as_object_mut().unwrap().remove("version");
    std::fs::write(&broken, bad.to_string()).unwrap();
    let (code, _, _) = python(SARIF_CHECK, &[&manifest_dir().join("schemas/sarif-2.1.0-rtm.5.json"), &broken]);
    assert_ne!(code, 0, "a SARIF log without a version must not validate");
}

#[test]
fn github_annotates_the_root_cause_line_and_writes_a_job_summary() {
    let s = session();
    let top = top_cause(s);
    let (file, line) = &s.cause;
    // paths relative to $GITHUB_WORKSPACE (the repository), as GitHub places them
    let level = if top["proven"] == true { "warning" } else { "notice" };
    let prefix = format!("::{level} file=tests/projects/{PROJECT}/{file},line={line},title=");
    let cmd = s.run_stdout.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no `{prefix}` line in:\n{}", s.run_stdout));
    assert!(cmd.contains("tests/test_ledger.py%3A%3Atest_concurrent_deliveries"), "the title names the test, escaped: {cmd}");
    assert!(!cmd.contains('\n') && cmd.contains("%0AFix: "), "the message is one escaped line: {cmd}");
    let proven = flaky(s)["causes"].as_array().unwrap().iter().filter(|c| c["proven"] == true).count();
    assert_eq!(s.run_stdout.lines().filter(|l| l.starts_with("::warning ")).count(), proven, "a warning per proven cause");
    assert_eq!(s.run_stdout.lines().filter(|l| l.starts_with("::notice ")).count(), usize::from(proven == 0), "a notice only when nothing is proven");
    let summary = std::fs::read_to_string(s.dir.join("run/summary.md")).expect("the job summary");
    assert!(summary.contains(&format!("### `{FLAKY}`")), "{summary}");
    assert!(summary.contains(&format!("| 1 | thread_race | `{file}:{line}` Ledger.receive |")), "{summary}");
    assert_eq!(
        s.analyze_stdout.lines().filter(|l| l.starts_with("::")).collect::<Vec<_>>(),
        s.run_stdout.lines().filter(|l| l.starts_with("::")).collect::<Vec<_>>(),
        "analyze annotates as run does"
    );
}

const TRACE_CHECK: &str = "tools/check_chrome_trace.py";

#[test]
fn perfetto_trace_reads_with_tests_threads_and_wakeup_flows() {
    let s = session();
    let checker = manifest_dir().join(TRACE_CHECK);
    let out = Command::new(test_python()).arg(&checker).arg(s.dir.join("run/trace.json")).output().unwrap();
    assert!(out.status.success(), "the Perfetto trace does not read:\n{}", String::from_utf8_lossy(&out.stderr));
    let counts: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(counts["processes"], RUNS, "one process track group per run: {counts}");
    assert_eq!(counts["slices"]["test"], RUNS, "the flaky test's slice in every run: {counts}");
    assert_eq!(counts["slices"]["phase"], RUNS * 3, "setup, call and teardown: {counts}");
    // two threads per run (the test's and the truck's), each with its own and three sub-tracks
    assert_eq!(counts["threads"], RUNS * 2 * 4, "{counts}");
    assert!(counts["flows"].as_u64().unwrap() >= RUNS as u64, "a wakeup flow per run at least (the join): {counts}");
    assert!(counts["slices"]["lock"].as_u64().unwrap() >= RUNS as u64, "the lock waits: {counts}");
    let text = std::fs::read_to_string(s.dir.join("run/trace.json")).unwrap();
    let wait = markers(&project(PROJECT).join(&s.cause.0)).remove("wait").expect("a # @wait marker")[0];
    assert!(text.contains(&format!("\"{}:{wait} Ledger.receive\"", s.cause.0)), "Python stacks in the args (the sleep's line)");
    // the reader rejects a slice that ends after its parent
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let ev = doc["traceEvents"].as_array_mut().unwrap().iter_mut().find(|e| e["cat"] == "phase" && e["name"] == "call").unwrap();
    ev["dur"] = serde_json::json!(1e12);
    let broken = s.dir.join("broken-trace.json");
    std::fs::write(&broken, doc.to_string()).unwrap();
    let out = Command::new(test_python()).arg(&checker).arg(&broken).output().unwrap();
    assert!(!out.status.success(), "a phase longer than its test must not read");
}

fn chromium(args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("running chromium (installed by `cargo xtask setup`)")
}

#[test]
fn html_page_shows_the_top_cause_and_both_timelines_in_chromium() {
    let s = session();
    let page = s.dir.join("run/report.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing loaded from the network");
    let out = chromium(&["--dump-dom"], &page);
    assert!(out.status.success(), "chromium --dump-dom: {}", String::from_utf8_lossy(&out.stderr));
    let dom = String::from_utf8_lossy(&out.stdout);
    let (file, line) = &s.cause;
    assert!(dom.contains(&format!("data-top-cause=\"{file}:{line}\"")), "the top cause is shown");
    assert!(dom.contains("<pre class=\"src\">") && dom.contains("self.units = current + n"), "with its source line");
    assert_eq!(dom.matches("class=\"tl timeline\"").count(), 2, "a failing and a passing timeline");
    assert!(dom.contains("data-run-failed=\"true\"") && dom.contains("data-run-failed=\"false\""));
    assert!(dom.contains("class=\"div-line divergence\""), "the divergence is marked");
    assert!(dom.contains("class=\"mk k-lock\"") && dom.contains("class=\"mk k-sleep\""), "lock waits and sleeps on the lanes");
    assert!(dom.contains("id=\"flaky-count\">1<"), "one flaky test");
    let shot = s.dir.join("report.png");
    let out = chromium(&["--hide-scrollbars", "--window-size=1280,2400", &format!("--screenshot={}", shot.display())], &page);
    assert!(out.status.success(), "chromium --screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "a real screenshot ({} bytes)", png.len());
}

#[test]
fn analyze_writes_the_outputs_run_wrote() {
    let s = session();
    assert_eq!(sarif(s, "analyze")["runs"][0]["results"], sarif(s, "run")["runs"][0]["results"]);
    assert_eq!(junit(s, "analyze"), junit(s, "run"));
    let out = chromium(&["--dump-dom"], &s.dir.join("analyze/report.html"));
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains(&format!("data-top-cause=\"{}:{}\"", s.cause.0, s.cause.1)), "analyze's page shows the top cause");
    let out = Command::new(flakebpf_bin()).arg("analyze").arg(s.dir.join("rec")).arg("--html").arg("/nonexistent-dir/r.html").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an output in a missing folder is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--html /nonexistent-dir/r.html: the folder /nonexistent-dir does not exist"));
}
