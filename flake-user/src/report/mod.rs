//! Reports of a `flakebpf run`: the `flakebpf.report/1` JSON document
//! ([`Report`], written with `--json`), the terminal summary ([`table`]) and
//! the outputs CI systems and people read ([`outputs`]: JUnit, GitHub
//! Actions, SARIF, HTML, Perfetto), all built from the report and the runs.
//!
//! This module owns the schema types and their wording; it computes nothing
//! about runs (that is [`crate::run`]) and finds no causes (the classifier
//! fills [`Cause`]s through [`crate::run::Diagnoser`]).

pub mod failures;
pub mod github;
pub mod html;
pub mod junit;
pub mod outputs;
pub mod perfetto;
pub mod sarif;
pub mod table;
pub mod timeline;
pub mod timing;

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::run::verdict::TestStats;

/// Value of the `schema` key.
pub const SCHEMA: &str = "flakebpf.report/1";

/// The whole `--json` document.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub schema: String,
    pub tool: Tool,
    /// The traced command, as the user gave it (argv).
    pub command: Vec<String>,
    /// Absolute path of the directory pytest ran in (its rootdir); every
    /// relative path of the report is relative to it.
    pub rootdir: String,
    /// Runs completed.
    pub runs: u32,
    /// Version of the traced interpreter, e.g. "3.11.7" ("" when none was seen).
    pub python: String,
    /// Events the kernel side dropped, summed over all runs.
    pub lost_events: u64,
    /// The most runs asked for (`--runs`), when the session stopped before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs_cap: Option<u32>,
    /// Why the session stopped before `runs_cap`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_early: Option<String>,
    /// One entry per test that ran in at least one run.
    pub tests: Vec<TestReport>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Tool { name: "flakebpf".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// Run counts of one test (execution counts for a test repeated inside
/// one session); all four keys are always written.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub passed: u32,
    pub failed: u32,
    pub error: u32,
    pub skipped: u32,
}

impl OutcomeCounts {
    pub fn total(&self) -> u32 {
        self.passed + self.failed + self.error + self.skipped
    }
    /// Runs in which the test failed or errored.
    pub fn bad(&self) -> u32 {
        self.failed + self.error
    }
}

/// The verdict on one test over all runs.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Passed in some runs, failed or errored in others.
    Flaky,
    /// Failed or errored in every run it ran (skips aside).
    Fail,
    /// Passed and never failed or errored.
    Pass,
    /// Skipped in every run.
    Skipped,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Flaky => "flaky",
            Verdict::Fail => "fail",
            Verdict::Pass => "pass",
            Verdict::Skipped => "skipped",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `tests[]` entry.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TestReport {
    pub nodeid: String,
    pub outcomes: OutcomeCounts,
    pub verdict: Verdict,
    /// Candidate root causes, best first.
    pub causes: Vec<Cause>,
    /// Extension: the most times the test ran in one pytest session, when
    /// more than once (pytest-repeat, pytest-flakefinder); `outcomes` then
    /// counts executions, not runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executions_per_run: Option<u32>,
    /// Controlled reruns made to settle a question about the causes (not
    /// counted in `outcomes`), one entry per condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trials: Vec<TrialSummary>,
}

/// Outcomes of a test in the controlled reruns under one condition.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TrialSummary {
    /// The condition, e.g. "PYTHONHASHSEED=2" or "alone (xdist off)".
    pub condition: String,
    pub runs: u32,
    pub passed: u32,
    /// Failed or errored.
    pub failed: u32,
}

/// The eight root-cause categories of the schema.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    TimeDependency,
    Timing,
    ThreadRace,
    AsyncRace,
    OrderDependency,
    Randomness,
    IoExternal,
    Resource,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::TimeDependency,
        Category::Timing,
        Category::ThreadRace,
        Category::AsyncRace,
        Category::OrderDependency,
        Category::Randomness,
        Category::IoExternal,
        Category::Resource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::TimeDependency => "time_dependency",
            Category::Timing => "timing",
            Category::ThreadRace => "thread_race",
            Category::AsyncRace => "async_race",
            Category::OrderDependency => "order_dependency",
            Category::Randomness => "randomness",
            Category::IoExternal => "io_external",
            Category::Resource => "resource",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A candidate root cause of a flaky test.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Cause {
    /// File of the root-cause line, relative to the rootdir when under it.
    pub file: String,
    /// 1-based line of the statement that introduces the nondeterminism.
    pub line: u32,
    /// Qualified name of the function holding the line (`Class.method`).
    pub function: String,
    pub category: Category,
    /// 0 to 1.
    pub confidence: f64,
    /// What was measured that separates failing from passing runs, with numbers.
    pub evidence: String,
    /// A concrete change that removes the flakiness.
    pub fix: String,
    /// For `order_dependency`: nodeid of the test whose leftover state causes the failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polluter: Option<String>,
    /// A controlled experiment at this line changed the fail rate
    /// significantly (its counts are in `evidence`); `false`: a hypothesis
    /// from the observed runs that no experiment confirmed.
    #[serde(default)]
    pub proven: bool,
    /// What the cause rests on (not written to the JSON).
    #[serde(skip)]
    pub basis: Basis,
}

/// What a cause rests on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Basis {
    /// Events measured in the runs.
    #[default]
    Measured,
    /// The source alone (e.g. a set iterated in hash order), because
    /// nothing measured separates the runs.
    SourceOnly,
    /// Only a place where the failing runs read the clock, drew random
    /// values or waited: a candidate for the experiments, reported only
    /// when one proves it. `held_across`: the line of the call (an await,
    /// or a slow call inside a `with` block) across which the state the
    /// candidate line uses, or the resource the block took, is held.
    Inventory { held_across: Option<u32> },
    /// Events measured in the runs that show a window opened at the
    /// cause's line and closed at line `at` of the same file (a file
    /// truncated and not yet written, a port announced before `listen()`):
    /// the experiment pauses before `at` to widen it.
    Window { at: u32 },
    /// The source only: a coroutine started as a task at line `at` stores
    /// its result at the cause's line whatever finished first; a candidate
    /// like [`Basis::Inventory`], tested by the order the tasks finish in.
    Started { at: u32 },
    /// The source only: an early way out at the cause's line keeps what
    /// the function took; line `release` gives it back on the other ways.
    /// A candidate like [`Basis::Inventory`], tested by giving it back there.
    Leak { release: u32 },
    /// The source only: a wake-up event cleared at the cause's line after
    /// the work its wait started. A candidate like [`Basis::Inventory`],
    /// tested by clearing it at line `after_wait` (right after the wait)
    /// instead, the code going on at line `then` after the skipped clear.
    Cleared { after_wait: u32, then: u32 },
    /// The source only: a one-line mistake with a known correction at the
    /// cause's line (see `classify::rewrites`), tested by running the
    /// correction there.
    Corrected,
    /// The source only: a done-callback registered at the cause's line,
    /// whose body (starting at line `at` of the same file) writes shared
    /// state after the future's waiters woke. A candidate like
    /// [`Basis::Inventory`], tested by pausing the callback at `at`.
    Callback { at: u32 },
    /// The source only: a write at the cause's line to a module-level
    /// instance that every thread shares, from a function several threads
    /// ran. A candidate like [`Basis::Inventory`], tested by pausing at
    /// line `at` of the same file, right after the write.
    Shared { at: u32 },
}

impl Basis {
    pub fn is_inventory(&self) -> bool {
        matches!(self, Basis::Inventory { .. } | Basis::Started { .. } | Basis::Leak { .. } | Basis::Cleared { .. } | Basis::Corrected | Basis::Callback { .. } | Basis::Shared { .. })
    }
}

/// Everything a report is made of, besides the per-test statistics.
#[derive(Clone, Debug, Default)]
pub struct ReportInput {
    pub command: Vec<String>,
    pub rootdir: PathBuf,
    pub runs: u32,
    pub python: String,
    pub lost_events: u64,
    /// `--runs`, and why the session stopped before it.
    pub stopped_early: Option<(u32, String)>,
    /// Controlled reruns per nodeid.
    pub trials: Vec<(String, Vec<TrialSummary>)>,
}

impl Report {
    /// Builds the report: every test of `stats` in its order, with the
    /// causes found for it (file paths made relative to the rootdir).
    pub fn build(input: &ReportInput, stats: &TestStats, causes: &[(String, Vec<Cause>)]) -> Report {
        let mut by_test: HashMap<&str, &Vec<Cause>> = HashMap::new();
        for (nodeid, list) in causes {
            by_test.entry(nodeid.as_str()).or_insert(list);
        }
        let tests = stats
            .tests
            .iter()
            .map(|t| TestReport {
                nodeid: t.nodeid.clone(),
                outcomes: t.counts,
                verdict: t.verdict,
                causes: by_test
                    .get(t.nodeid.as_str())
                    .map(|list| {
                        list.iter()
                            .map(|c| Cause { file: relative_to(&c.file, &input.rootdir), ..c.clone() })
                            .collect()
                    })
                    .unwrap_or_default(),
                trials: input.trials.iter().find(|(n, _)| *n == t.nodeid).map(|(_, v)| v.clone()).unwrap_or_default(),
                executions_per_run: (t.executions_per_run > 1).then_some(t.executions_per_run),
            })
            .collect();
        Report {
            schema: SCHEMA.into(),
            tool: Tool::default(),
            command: input.command.clone(),
            rootdir: input.rootdir.to_string_lossy().into_owned(),
            runs: input.runs,
            python: input.python.clone(),
            lost_events: input.lost_events,
            runs_cap: input.stopped_early.as_ref().map(|(cap, _)| *cap),
            stopped_early: input.stopped_early.as_ref().map(|(_, why)| why.clone()),
            tests,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("report serializes");
        s.push('\n');
        s
    }

    /// Writes the report to `path` (through a temporary file in the same
    /// folder, so a reader never sees half a report).
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        write_atomic(path, self.to_json().as_bytes())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// so a reader never sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// `file` relative to `root` when it lies under it (after normalising `.`
/// and `..`), otherwise unchanged.
pub fn relative_to(file: &str, root: &Path) -> String {
    let p = Path::new(file);
    if !p.is_absolute() {
        return normalize(p).to_string_lossy().into_owned();
    }
    let norm = normalize(p);
    match norm.strip_prefix(normalize(root)) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => file.to_string(),
    }
}

/// `p` without `.` and with `dir/..` folded (lexically; a leading `..` of
/// a relative path stays).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            Component::ParentDir if out.has_root() => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::verdict::TestSummary;
    use serde_json::json;

    fn summary(nodeid: &str, counts: OutcomeCounts, verdict: Verdict) -> TestSummary {
        TestSummary { nodeid: nodeid.into(), counts, verdict, bad_runs: vec![], timeouts: 0, crashes: 0, collect_error: false, executions_per_run: 1 }
    }

    #[test]
    fn report_json_is_exactly_the_schema() {
        let stats = TestStats {
            tests: vec![
                summary("tests/test_o.py::test_total", OutcomeCounts { passed: 12, failed: 8, error: 0, skipped: 0 }, Verdict::Flaky),
                summary("tests/test_o.py::test_ok", OutcomeCounts { passed: 20, ..Default::default() }, Verdict::Pass),
                summary("tests/test_o.py::test_skip", OutcomeCounts { skipped: 20, ..Default::default() }, Verdict::Skipped),
                summary("tests/test_o.py::test_bad", OutcomeCounts { error: 20, ..Default::default() }, Verdict::Fail),
                TestSummary {
                    executions_per_run: 10,
                    ..summary("tests/test_o.py::test_rep", OutcomeCounts { passed: 197, failed: 3, ..Default::default() }, Verdict::Flaky)
                },
            ],
            runs: 20,
            timed_out_runs: 0,
        };
        let causes = vec![(
            "tests/test_o.py::test_total".to_string(),
            vec![
                Cause {
                    file: "/abs/case/src/shop/./ledger.py".into(),
                    line: 41,
                    function: "Ledger.record".into(),
                    category: Category::ThreadRace,
                    confidence: 0.82,
                    evidence: "e".into(),
                    fix: "f".into(),
                    polluter: None,
                    basis: Basis::Measured,
                    proven: false,
                },
                Cause {
                    file: "tests/conftest.py".into(),
                    line: 12,
                    function: "ledger".into(),
                    category: Category::OrderDependency,
                    confidence: 0.1,
                    evidence: "e2".into(),
                    fix: "f2".into(),
                    polluter: Some("tests/test_r.py::test_refund".into()),
                    basis: Basis::Measured,
                    proven: false,
                },
            ],
        )];
        let input = ReportInput {
            command: vec!["python".into(), "-m".into(), "pytest".into(), "tests".into()],
            rootdir: PathBuf::from("/abs/case"),
            runs: 20,
            python: "3.11.7".into(),
            lost_events: 3,
            ..Default::default()
        };
        let r = Report::build(&input, &stats, &causes);
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        let zero = |k: &str, n: u32| {
            let mut m = json!({"passed": 0, "failed": 0, "error": 0, "skipped": 0});
            m[k] = json!(n);
            m
        };
        assert_eq!(
            v,
            json!({
                "schema": "flakebpf.report/1",
                "tool": {"name": "flakebpf", "version": env!("CARGO_PKG_VERSION")},
                "command": ["python", "-m", "pytest", "tests"],
                "rootdir": "/abs/case",
                "runs": 20,
                "python": "3.11.7",
                "lost_events": 3,
                "tests": [
                    {"nodeid": "tests/test_o.py::test_total",
                     "outcomes": {"passed": 12, "failed": 8, "error": 0, "skipped": 0},
                     "verdict": "flaky",
                     "causes": [
                        {"file": "src/shop/ledger.py", "line": 41, "function": "Ledger.record",
                         "category": "thread_race", "confidence": 0.82, "evidence": "e", "fix": "f", "proven": false},
                        {"file": "tests/conftest.py", "line": 12, "function": "ledger",
                         "category": "order_dependency", "confidence": 0.1, "evidence": "e2", "fix": "f2", "proven": false,
                         "polluter": "tests/test_r.py::test_refund"}
                     ]},
                    {"nodeid": "tests/test_o.py::test_ok", "outcomes": zero("passed", 20), "verdict": "pass", "causes": []},
                    {"nodeid": "tests/test_o.py::test_skip", "outcomes": zero("skipped", 20), "verdict": "skipped", "causes": []},
                    {"nodeid": "tests/test_o.py::test_bad", "outcomes": zero("error", 20), "verdict": "fail", "causes": []},
                    {"nodeid": "tests/test_o.py::test_rep", "outcomes": {"passed": 197, "failed": 3, "error": 0, "skipped": 0},
                     "verdict": "flaky", "causes": [], "executions_per_run": 10}
                ]
            })
        );
        // and it reads back
        let back: Report = serde_json::from_value(v).unwrap();
        assert_eq!(back.tests[0].causes[0].file, "src/shop/ledger.py");
    }

    #[test]
    fn categories_are_the_eight_strings() {
        let names: Vec<String> = Category::ALL.iter().map(|c| serde_json::to_value(c).unwrap().as_str().unwrap().to_string()).collect();
        assert_eq!(
            names,
            ["time_dependency", "timing", "thread_race", "async_race", "order_dependency", "randomness", "io_external", "resource"]
        );
        for c in Category::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }

    #[test]
    fn paths_relative_to_rootdir() {
        let root = Path::new("/r/case");
        assert_eq!(relative_to("/r/case/src/a.py", root), "src/a.py");
        assert_eq!(relative_to("/r/case/tests/../src/a.py", root), "src/a.py");
        assert_eq!(relative_to("/elsewhere/a.py", root), "/elsewhere/a.py");
        assert_eq!(relative_to("src/a.py", root), "src/a.py");
        assert_eq!(relative_to("tests/../src/quota/window.py", root), "src/quota/window.py");
        assert_eq!(relative_to("../up/a.py", root), "../up/a.py");
        assert_eq!(relative_to("/r/case", root), "/r/case");
    }

    #[test]
    fn write_is_atomic_and_readable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let r = Report::build(&ReportInput { rootdir: "/x".into(), ..Default::default() }, &TestStats::default(), &[]);
        r.write(&path).unwrap();
        let back: Report = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back, r);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }
}
