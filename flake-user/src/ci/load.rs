//! One trace file made by `flakebpf record` (a CI job, started or
//! attached) turned into a run the classifier can use, like one run of
//! `flakebpf run`. Test phase windows come from pytest's own
//! `PYTEST_CURRENT_TEST` writes in the trace, or from the shipped plugin's
//! lines kept in it. Outcomes come, in this order, from the plugin's lines;
//! from the job's JUnit XML (`--outcomes FILE` for this trace, else the
//! copy kept in the trace, else the file at the `--junitxml` path of its
//! command line); and for a test pytest-rerunfailures ran again in the
//! same process (`--reruns` on the command line), every attempt before the
//! last failed — a failure then a pass of one node id is a flaky verdict.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::junit::{self, junit_key, Case};
use super::occurrences::{occurrences, Occurrence};
use crate::run::outcomes::{assemble, parse_plugin_lines, PluginRecord};
use crate::run::{Collector, Outcome, RunResult, TestOutcome, WindowSource};
use crate::trace::format::TraceReader;
use crate::trace::model::{JobFileKind, JobInfo, Record, TraceEnd, TraceMeta};

/// Where a job's outcomes came from.
#[derive(Clone, Debug, PartialEq)]
pub enum OutcomeSource {
    /// flakebpf's pytest plugin ran in the job (`record -- CMD`).
    Plugin,
    /// The job's JUnit XML (where it was read from).
    JUnit(String),
    /// Nothing: only the tests that ran are known.
    Unknown,
}

/// A CI job's trace, ready for the classifier.
#[derive(Clone, Debug)]
pub struct JobRun {
    pub path: PathBuf,
    pub run: RunResult,
    pub meta: TraceMeta,
    pub job: Option<JobInfo>,
    pub source: OutcomeSource,
    /// Tests that ran but whose outcome no source gave (one entry per test).
    pub unknown: Vec<String>,
    /// Problems met reading it (a trace cut short, a JUnit file not found).
    pub warnings: Vec<String>,
}

impl JobRun {
    /// The command the job ran: its real command line when known.
    pub fn argv(&self) -> &[String] {
        self.job.as_ref().map(|j| j.argv.as_slice()).unwrap_or(&self.meta.command)
    }
    pub fn cwd(&self) -> &str {
        self.job.as_ref().map(|j| j.cwd.as_str()).unwrap_or(&self.meta.cwd)
    }
    pub fn revision(&self) -> Option<&str> {
        self.job.as_ref().and_then(|j| j.git_revision.as_deref())
    }
}

/// pytest-rerunfailures reruns failed tests in this job (`--reruns N`).
fn reruns_on(argv: &[String]) -> bool {
    argv.iter().any(|a| a == "--reruns" || a.starts_with("--reruns="))
}

/// The rootdir pytest used: the prefix of a traced code file that ends
/// with the file part of a node id (node ids are rootdir-relative).
fn rootdir_from_code(nodeids: &[&str], code_files: &BTreeSet<String>) -> Option<String> {
    for n in nodeids {
        let file = n.split("::").next().unwrap_or(n);
        let tail = format!("/{file}");
        if let Some(f) = code_files.iter().find(|f| f.ends_with(&tail)) {
            return Some(f[..f.len() - tail.len()].to_string()).filter(|r| !r.is_empty());
        }
    }
    None
}

/// Outcomes of the occurrences seen in the trace, from the JUnit cases.
/// `cut`: the recording stopped before the job ended (`--duration`,
/// Ctrl-C), so a test seen unfinished is unknown rather than crashed.
/// Returns the outcomes and the node ids left unknown.
fn outcomes_from_junit(occ: &[Occurrence], cases: &[Case], reruns: bool, cut: bool) -> (Vec<TestOutcome>, Vec<String>) {
    let mut by_key: HashMap<(String, String), Vec<&Case>> = HashMap::new();
    for c in cases {
        by_key.entry((c.classname.clone(), c.name.clone())).or_default().push(c);
    }
    let mut per_test: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, o) in occ.iter().enumerate() {
        per_test.entry(o.nodeid.as_str()).or_default().push(i);
    }
    let mut result: Vec<Option<(Outcome, f64)>> = vec![None; occ.len()];
    for (nodeid, idx) in &per_test {
        let found = by_key.get(&junit_key(nodeid)).cloned().unwrap_or_default();
        let Some(last_case) = found.last() else { continue };
        let k = idx.len();
        for (j, &i) in idx.iter().enumerate() {
            result[i] = if j + 1 == k {
                Some((last_case.outcome, last_case.time_s))
            } else if reruns {
                // an attempt pytest-rerunfailures ran again: it failed
                Some((Outcome::Failed, occ[i].duration_s()))
            } else if found.len() == k {
                Some((found[j].outcome, found[j].time_s))
            } else {
                None
            };
        }
    }
    let mut outcomes = vec![];
    let mut unknown = BTreeSet::new();
    for (o, r) in occ.iter().zip(result) {
        match r {
            Some((outcome, time_s)) => outcomes.push(o.outcome(outcome, time_s, false)),
            // it never finished: its process died (or the job was cut) in it
            None if o.unfinished && !cut => outcomes.push(o.outcome(Outcome::Failed, o.duration_s(), true)),
            None => {
                unknown.insert(o.nodeid.clone());
            }
        }
    }
    (outcomes, unknown.into_iter().collect())
}

/// Reads a trace file of `flakebpf record` as a run. `junit_file` is the
/// JUnit XML given for it on the command line, if any.
pub fn load(path: &Path, junit_file: Option<&Path>) -> anyhow::Result<JobRun> {
    let mut reader = TraceReader::open(path)?;
    let meta = reader.meta().clone();
    let mut collector = Collector::default();
    let mut job = None;
    let mut files = vec![];
    let mut code_files = BTreeSet::new();
    let mut py_of: HashMap<u32, String> = HashMap::new();
    let mut last_ts = meta.start_ns;
    let mut warnings = vec![];
    for rec in reader.by_ref() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                warnings.push(format!("{e}"));
                break;
            }
        };
        collector.observe(&rec);
        match rec {
            Record::Job(j) => job = Some(j),
            Record::File(f) => files.push(f),
            Record::Code(c) => {
                code_files.insert(c.filename);
            }
            Record::Python(p) => {
                py_of.entry(p.pid).or_insert(p.version);
            }
            Record::Event(e) => last_ts = last_ts.max(e.ts),
            Record::Note { .. } => {}
        }
    }
    let end = match reader.end() {
        Some(e) => e.clone(),
        None => {
            warnings.push(reader.warning().unwrap_or_else(|| format!("{}: the trace was cut short", path.display())));
            TraceEnd { end_ns: last_ts, ..Default::default() }
        }
    };
    let plugin: Vec<PluginRecord> =
        files.iter().filter(|f| f.kind == JobFileKind::PluginOutcomes).flat_map(|f| parse_plugin_lines(&f.text).collect::<Vec<_>>()).collect();
    let mut asm = assemble(&plugin, &collector.facts, &end);
    let argv = job.as_ref().map(|j| j.argv.clone()).unwrap_or_else(|| meta.command.clone());
    let cwd = job.as_ref().map(|j| j.cwd.clone()).unwrap_or_else(|| meta.cwd.clone());
    let mut unknown = vec![];
    let source = if asm.session.plugin_seen {
        OutcomeSource::Plugin
    } else {
        let occ = occurrences(&asm.windows);
        let cut = end.timed_out || end.interrupted;
        let xml: Option<(String, String)> = match junit_file {
            Some(f) => Some((f.display().to_string(), std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?)),
            None => match files.iter().find(|f| f.kind == JobFileKind::JUnitXml) {
                Some(f) => Some((format!("{} (kept in the trace)", f.path), f.text.clone())),
                None => junit::junit_path(&argv, &cwd).and_then(|p| std::fs::read_to_string(&p).ok().map(|t| (p.display().to_string(), t))),
            },
        };
        match xml {
            Some((from, text)) => {
                let cases = junit::parse(&text).with_context(|| from.clone())?;
                let (outcomes, unk) = outcomes_from_junit(&occ, &cases, reruns_on(&argv), cut);
                asm.outcomes = outcomes;
                unknown = unk;
                OutcomeSource::JUnit(from)
            }
            None => {
                let (outcomes, unk) = outcomes_from_junit(&occ, &[], false, cut);
                asm.outcomes = outcomes;
                unknown = unk;
                OutcomeSource::Unknown
            }
        }
    };
    let mut session = asm.session;
    if session.rootdir.is_none() {
        let nodeids: Vec<&str> = asm.windows.iter().map(|w| w.nodeid.as_str()).collect();
        session.rootdir = Some(rootdir_from_code(&nodeids, &code_files).unwrap_or_else(|| cwd.clone()));
    }
    if session.python.is_none() {
        let test_pid = asm.windows.iter().find(|w| w.source != WindowSource::Unfinished).map(|w| w.pid);
        session.python = test_pid.and_then(|p| py_of.get(&p).cloned()).or_else(|| (!meta.python.is_empty()).then(|| meta.python.clone()));
    }
    let run = RunResult {
        index: 1,
        outcomes: asm.outcomes,
        windows: asm.windows,
        processes: collector.processes,
        session,
        end,
        trace_path: Some(path.to_path_buf()),
        log_path: None,
        sample: None,
    };
    Ok(JobRun { path: path.to_path_buf(), run, meta, job, source, unknown, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Phase, TestWindow};

    fn w(nodeid: &str, phase: Phase, start: u64, end: u64) -> TestWindow {
        TestWindow { nodeid: nodeid.into(), phase, pid: 10, tid: Some(10), start_ns: start, end_ns: end, source: WindowSource::Env }
    }

    fn case(name: &str, outcome: Outcome) -> Case {
        Case { classname: "tests.test_t".into(), name: name.into(), outcome, time_s: 0.5 }
    }

    fn three(nodeid: &str, t: u64) -> Vec<TestWindow> {
        vec![w(nodeid, Phase::Setup, t, t + 1), w(nodeid, Phase::Call, t + 2, t + 3), w(nodeid, Phase::Teardown, t + 4, t + 5)]
    }

    #[test]
    fn junit_outcomes_go_to_the_tests_the_trace_saw() {
        let mut ws = three("tests/test_t.py::test_a", 100);
        ws.extend(three("tests/test_t.py::test_b", 200));
        ws.extend(three("tests/test_t.py::test_c", 300));
        let occ = occurrences(&ws);
        let (out, unknown) = outcomes_from_junit(&occ, &[case("test_a", Outcome::Passed), case("test_b", Outcome::Failed)], false, false);
        let got: Vec<_> = out.iter().map(|o| (o.nodeid.as_str(), o.outcome, o.order, o.pid)).collect();
        assert_eq!(got, vec![("tests/test_t.py::test_a", Outcome::Passed, Some(1), Some(10)), ("tests/test_t.py::test_b", Outcome::Failed, Some(2), Some(10))]);
        assert_eq!(unknown, vec!["tests/test_t.py::test_c".to_string()]);
    }

    #[test]
    fn a_rerun_attempt_failed_and_the_last_one_has_the_junit_outcome() {
        let mut ws = three("tests/test_t.py::test_a", 100);
        ws.extend(three("tests/test_t.py::test_a", 200));
        let occ = occurrences(&ws);
        // pytest-rerunfailures writes each attempt as a passing <testcase>
        let cases = [case("test_a", Outcome::Passed), case("test_a", Outcome::Passed)];
        let (out, unknown) = outcomes_from_junit(&occ, &cases, true, false);
        let got: Vec<_> = out.iter().map(|o| (o.outcome, o.order)).collect();
        assert_eq!(got, vec![(Outcome::Failed, Some(1)), (Outcome::Passed, Some(2))]);
        assert!(unknown.is_empty());
        // without reruns, as many cases as executions are taken as they are
        let (out, _) = outcomes_from_junit(&occ, &[case("test_a", Outcome::Failed), case("test_a", Outcome::Passed)], false, false);
        assert_eq!(out.iter().map(|o| o.outcome).collect::<Vec<_>>(), vec![Outcome::Failed, Outcome::Passed]);
    }

    #[test]
    fn an_unfinished_test_without_a_case_crashed() {
        let mut ws = vec![w("tests/test_t.py::test_a", Phase::Setup, 100, 101)];
        ws.push(TestWindow { source: WindowSource::Unfinished, ..w("tests/test_t.py::test_a", Phase::Call, 102, 500) });
        let (out, unknown) = outcomes_from_junit(&occurrences(&ws), &[], false, false);
        assert_eq!(out.len(), 1);
        assert!(out[0].crashed && out[0].outcome == Outcome::Failed);
        assert!(unknown.is_empty());
        // the recording stopped (--duration, Ctrl-C) while the job went on
        let (out, unknown) = outcomes_from_junit(&occurrences(&ws), &[], false, true);
        assert!(out.is_empty());
        assert_eq!(unknown, vec!["tests/test_t.py::test_a".to_string()]);
    }

    #[test]
    fn rootdir_is_where_the_test_file_was_traced() {
        let files: BTreeSet<String> = ["/usr/lib/python3.11/json/__init__.py", "/home/runner/work/app/app/tests/test_t.py"].iter().map(|s| s.to_string()).collect();
        assert_eq!(rootdir_from_code(&["tests/test_t.py::test_a"], &files).as_deref(), Some("/home/runner/work/app/app"));
        assert_eq!(rootdir_from_code(&["other.py::x"], &files), None);
    }
}
