//! Per-run test outcomes and windows, assembled from what flakebpf's pytest
//! plugin wrote (`<pid>.jsonl` files, see `pytest_plugin/`) and from what
//! the trace showed (`PYTEST_CURRENT_TEST` writes, process exits).
//!
//! Outcomes are taken from the pytest main process (under xdist it receives
//! every worker's reports, crash reports included); windows, order and pid
//! from the process that ran the test. A test that began but never finished
//! is failed, marked `timed_out` when the run hit its time limit and
//! `crashed` otherwise; a test that never began in a run is absent from it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::attribution::{windows_from_env, EnvChange, Phase, TestWindow, WindowSource};
use crate::trace::model::TraceEnd;

/// A test's result in one run.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Passed,
    Failed,
    Error,
    Skipped,
}

impl Outcome {
    /// Failed or errored.
    pub fn is_bad(self) -> bool {
        matches!(self, Outcome::Failed | Outcome::Error)
    }
}

/// Outcome of one phase as pytest reported it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PhaseOutcome {
    /// "setup", "call", "teardown" (or "???" for xdist's crash reports).
    pub when: String,
    /// "passed", "failed" or "skipped".
    pub outcome: String,
    pub duration_s: f64,
}

/// One test in one run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TestOutcome {
    pub nodeid: String,
    pub outcome: Outcome,
    /// Seconds, summed over the phases as pytest measured them.
    pub duration_s: f64,
    /// Process that ran the test (the xdist worker, or pytest itself).
    pub pid: Option<u32>,
    /// xdist worker id ("gw0"), if any.
    pub worker: Option<String>,
    /// 1-based position of the test among those its process ran.
    pub order: Option<u32>,
    pub phases: Vec<PhaseOutcome>,
    /// It began but its process died before it finished.
    pub crashed: bool,
    /// It was running when the run's time limit killed the command.
    pub timed_out: bool,
    /// An expected failure (xfail / xpass).
    pub xfail: bool,
    /// Not a test: a module or package that failed to collect.
    pub collect_error: bool,
}

#[cfg(test)]
impl TestOutcome {
    /// A finished test of process `pid`, `order`-th in it, for unit tests.
    pub fn finished(nodeid: &str, outcome: Outcome, pid: u32, order: u32) -> TestOutcome {
        TestOutcome {
            nodeid: nodeid.into(),
            outcome,
            duration_s: 0.0,
            pid: Some(pid),
            worker: None,
            order: Some(order),
            phases: vec![],
            crashed: false,
            timed_out: false,
            xfail: false,
            collect_error: false,
        }
    }
}

/// What a run says about the pytest session itself.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct SessionInfo {
    /// flakebpf's plugin ran in pytest's main process (or some process).
    pub plugin_seen: bool,
    /// A pytest session was seen (plugin or `PYTEST_CURRENT_TEST`).
    pub pytest_seen: bool,
    pub main_pid: Option<u32>,
    pub python: Option<String>,
    pub pytest: Option<String>,
    pub rootdir: Option<String>,
    /// pytest's exit status (5: no tests collected).
    pub exitstatus: Option<i32>,
    pub collected: Option<u64>,
    pub collect_errors: Vec<String>,
    /// xdist workers: (pid, worker id).
    pub workers: Vec<(u32, String)>,
}

/// One JSON line of the plugin.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum PluginRecord {
    Session {
        pid: u32,
        #[serde(default)]
        ppid: u32,
        role: String,
        worker: Option<String>,
        python: Option<String>,
        pytest: Option<String>,
        rootdir: Option<String>,
        #[serde(default)]
        t: u64,
    },
    Begin {
        nodeid: String,
        order: u32,
        pid: u32,
        tid: Option<u32>,
        worker: Option<String>,
        t: u64,
    },
    Phase {
        nodeid: String,
        when: String,
        outcome: String,
        dur: Option<f64>,
        #[serde(default)]
        xfail: bool,
        pid: u32,
        #[serde(default)]
        remote: bool,
        worker: Option<String>,
        start: Option<u64>,
        end: Option<u64>,
        tid: Option<u32>,
    },
    CollectError {
        nodeid: String,
        pid: u32,
        #[serde(default)]
        remote: bool,
    },
    End {
        pid: u32,
        exitstatus: i32,
        collected: Option<u64>,
    },
}

/// Reads every `*.jsonl` file of the plugin's folder. Lines that do not
/// parse (a process killed mid-write) are skipped.
pub fn read_plugin_dir(dir: &Path) -> std::io::Result<Vec<PluginRecord>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read(&f)?;
        out.extend(parse_plugin_lines(&String::from_utf8_lossy(&text)));
    }
    Ok(out)
}

pub fn parse_plugin_lines(text: &str) -> impl Iterator<Item = PluginRecord> + '_ {
    text.lines().filter(|l| !l.trim().is_empty()).filter_map(|l| serde_json::from_str(l).ok())
}

/// What the trace of a run showed, beyond the plugin's files.
#[derive(Clone, Debug, Default)]
pub struct TraceFacts {
    pub env: Vec<EnvChange>,
    /// Exit time of each process (its main thread) that exited.
    pub exits: HashMap<u32, u64>,
}

/// Outcomes, windows and session facts of one run.
#[derive(Clone, Debug, Default)]
pub struct Assembled {
    pub outcomes: Vec<TestOutcome>,
    pub windows: Vec<TestWindow>,
    pub session: SessionInfo,
}

/// Where and when a test began (its `begin` line).
struct BeginAt {
    pid: u32,
    tid: Option<u32>,
    order: u32,
    worker: Option<String>,
    t: u64,
}

/// Whether phase report `po` begins a new occurrence of its test after the
/// phases `last` of the current one: a setup, or a phase seen already.
fn starts_occurrence(last: Option<&Vec<PhaseOutcome>>, po: &PhaseOutcome) -> bool {
    match last {
        None => true,
        Some(l) => l.iter().any(|p| p.when == po.when) || (po.when == "setup" && !l.is_empty()),
    }
}

/// Combines the phase reports of one test, the way pytest counts them: a
/// failed call is a failure, a failed setup or teardown an error, a skip
/// (or xfail) a skip; `None` while the test has not finished.
pub fn combine_phases(phases: &[PhaseOutcome]) -> Option<Outcome> {
    // pytest-rerunfailures reports an attempt it runs again as "rerun": it failed
    let failed: Vec<&PhaseOutcome> = phases.iter().filter(|p| p.outcome == "failed" || p.outcome == "rerun").collect();
    if !failed.is_empty() {
        let only_fixtures = failed.iter().all(|p| p.when == "setup" || p.when == "teardown");
        return Some(if only_fixtures { Outcome::Error } else { Outcome::Failed });
    }
    let has = |when: &str| phases.iter().any(|p| p.when == when);
    if phases.iter().any(|p| p.outcome == "skipped") {
        // a skip in setup ends the test; a skip in call (xfail, pytest.skip) still runs teardown
        let setup_skip = phases.iter().any(|p| p.when == "setup" && p.outcome == "skipped");
        return (setup_skip || has("teardown")).then_some(Outcome::Skipped);
    }
    (has("teardown") && has("call")).then_some(Outcome::Passed)
}

/// Builds the outcomes and windows of a run.
pub fn assemble(records: &[PluginRecord], facts: &TraceFacts, end: &TraceEnd) -> Assembled {
    let mut session = SessionInfo::default();
    // Main process: the earliest "main" session; its descendants' nested sessions are ignored.
    let mut mains: Vec<(u64, u32)> = Vec::new();
    let mut worker_pids: HashSet<u32> = HashSet::new();
    for r in records {
        if let PluginRecord::Session { pid, role, worker, python, pytest, rootdir, t, .. } = r {
            if role == "main" {
                mains.push((*t, *pid));
            }
            if role == "worker" {
                worker_pids.insert(*pid);
                if let Some(w) = worker {
                    session.workers.push((*pid, w.clone()));
                }
            }
            if role == "main" || session.python.is_none() {
                session.python = python.clone().or(session.python.take());
                session.pytest = pytest.clone().or(session.pytest.take());
                session.rootdir = rootdir.clone().or(session.rootdir.take());
            }
        }
    }
    mains.sort();
    let main_pid = mains.first().map(|m| m.1);
    session.main_pid = main_pid;
    session.plugin_seen = !records.is_empty();
    session.workers.sort();
    session.workers.dedup();
    // Processes whose local records count: the main one and the workers (all when no main).
    let local_ok = |pid: u32| main_pid.is_none() || Some(pid) == main_pid || worker_pids.contains(&pid);

    // Outcome sources. A nodeid may run more than once in a session
    // (pytest-flakefinder copies unittest tests): each run of it is an
    // *occurrence*, counted per process from its `begin` lines, and per
    // worker from the phases the main process received.
    let mut from_main: HashMap<(Option<&str>, &str), Vec<Vec<PhaseOutcome>>> = HashMap::new();
    let mut main_order: Vec<(Option<&str>, &str, usize)> = Vec::new(); // occurrences in report order
    let mut from_local: HashMap<(u32, &str), Vec<Vec<PhaseOutcome>>> = HashMap::new();
    let mut local_order: Vec<(u32, &str, usize)> = Vec::new();
    let mut xfail: HashSet<&str> = HashSet::new();
    let mut begins: HashMap<(u32, &str), Vec<BeginAt>> = HashMap::new();
    let mut begin_order: Vec<(u32, &str, usize)> = Vec::new();
    let mut plugin_pids: HashSet<u32> = HashSet::new();
    let mut windows: Vec<TestWindow> = Vec::new();
    // last closed window end per occurrence, for unfinished phases
    let mut last_phase: HashMap<(u32, &str, usize), (Phase, u64)> = HashMap::new();
    let mut collect_errors: BTreeSet<String> = BTreeSet::new();

    for r in records {
        match r {
            PluginRecord::Session { pid, .. } => {
                plugin_pids.insert(*pid);
            }
            PluginRecord::Begin { nodeid, order, pid, tid, worker, t } => {
                plugin_pids.insert(*pid);
                if local_ok(*pid) {
                    let list = begins.entry((*pid, nodeid)).or_default();
                    list.push(BeginAt { pid: *pid, tid: *tid, order: *order, worker: worker.clone(), t: *t });
                    begin_order.push((*pid, nodeid, list.len() - 1));
                }
            }
            PluginRecord::Phase { nodeid, when, outcome, dur, xfail: xf, pid, remote, worker, start, end, tid } => {
                plugin_pids.insert(*pid);
                let po = PhaseOutcome { when: when.clone(), outcome: outcome.clone(), duration_s: dur.unwrap_or(0.0) };
                if *xf {
                    xfail.insert(nodeid);
                }
                if Some(*pid) == main_pid {
                    let key = (if *remote { worker.as_deref() } else { None }, nodeid.as_str());
                    let list = from_main.entry(key).or_default();
                    if starts_occurrence(list.last(), &po) {
                        list.push(vec![]);
                        main_order.push((key.0, key.1, list.len() - 1));
                    }
                    list.last_mut().expect("pushed above").push(po.clone());
                }
                if !*remote && local_ok(*pid) {
                    let begun = begins.get(&(*pid, nodeid.as_str())).map_or(0, Vec::len);
                    let list = from_local.entry((*pid, nodeid)).or_default();
                    // the phases of the latest `begin` (or of one without any)
                    let occ = begun.max(1) - 1;
                    while list.len() <= occ {
                        list.push(vec![]);
                        if begun == 0 {
                            local_order.push((*pid, nodeid, list.len() - 1));
                        }
                    }
                    list[occ].push(po);
                    if let (Some(s), Some(e), Some(ph)) = (start, end, Phase::parse(when)) {
                        windows.push(TestWindow {
                            nodeid: nodeid.clone(),
                            phase: ph,
                            pid: *pid,
                            tid: *tid,
                            start_ns: *s,
                            end_ns: (*e).max(*s),
                            source: WindowSource::Plugin,
                        });
                        last_phase.insert((*pid, nodeid, occ), (ph, *e));
                    }
                }
            }
            PluginRecord::CollectError { nodeid, pid, remote } => {
                if Some(*pid) == main_pid || (main_pid.is_none() && !remote) {
                    collect_errors.insert(nodeid.clone());
                }
            }
            PluginRecord::End { pid, exitstatus, collected } => {
                if Some(*pid) == main_pid || main_pid.is_none() {
                    session.exitstatus = Some(*exitstatus);
                    session.collected = *collected;
                }
            }
        }
    }

    let end_of = |pid: u32| facts.exits.get(&pid).copied().unwrap_or(end.end_ns);

    // Occurrences in order: begun (pytest order within processes), then
    // reported only (by the main process, or by a process without `begin`).
    let mut used_main: HashSet<(Option<&str>, &str, usize)> = HashSet::new();
    let mut outcomes = Vec::new();
    let mut push = |nodeid: &str, phases: Vec<PhaseOutcome>, begin: Option<&BeginAt>, occ: usize, remote_worker: Option<&str>, windows: &mut Vec<TestWindow>| {
        let (outcome, crashed, timed_out) = match combine_phases(&phases) {
            Some(o) => (o, false, false),
            None if begin.is_some() || !phases.is_empty() => (Outcome::Failed, !end.timed_out, end.timed_out),
            None => return,
        };
        if let Some(b) = begin {
            if crashed || timed_out {
                // the phase that never ended
                let (phase, start) = match last_phase.get(&(b.pid, nodeid, occ)) {
                    Some((ph, e)) => (ph.next(), *e),
                    None => (Some(Phase::Setup), b.t),
                };
                if let Some(phase) = phase {
                    windows.push(TestWindow {
                        nodeid: nodeid.to_string(),
                        phase,
                        pid: b.pid,
                        tid: b.tid,
                        start_ns: start,
                        end_ns: end_of(b.pid).max(start),
                        source: WindowSource::Unfinished,
                    });
                }
            }
        }
        outcomes.push(TestOutcome {
            nodeid: nodeid.to_string(),
            outcome,
            duration_s: phases.iter().map(|p| p.duration_s).sum(),
            pid: begin.map(|b| b.pid),
            worker: begin.and_then(|b| b.worker.clone()).or_else(|| remote_worker.map(str::to_string)),
            order: begin.map(|b| b.order),
            phases,
            crashed,
            timed_out,
            xfail: xfail.contains(nodeid),
            collect_error: false,
        });
    };
    for &(pid, nodeid, occ) in &begin_order {
        let b = &begins[&(pid, nodeid)][occ];
        // phases as the main process received them (from this worker), else as this process wrote them
        let key = (b.worker.as_deref().filter(|_| Some(pid) != main_pid), nodeid, occ);
        let main = from_main.get(&(key.0, nodeid)).and_then(|l| l.get(occ)).filter(|p| !p.is_empty());
        if main.is_some() {
            used_main.insert(key);
        }
        let phases = main.or_else(|| from_local.get(&(pid, nodeid)).and_then(|l| l.get(occ))).cloned().unwrap_or_default();
        push(nodeid, phases, Some(b), occ, None, &mut windows);
    }
    for &key in &main_order {
        if !used_main.contains(&key) {
            push(key.1, from_main[&(key.0, key.1)][key.2].clone(), None, key.2, key.0, &mut windows);
        }
    }
    for &(pid, nodeid, occ) in &local_order {
        let reported = |w: Option<&str>| from_main.get(&(w, nodeid)).is_some_and(|l| l.len() > occ);
        if !reported(None) && !session.workers.iter().any(|(p, w)| *p == pid && reported(Some(w))) {
            push(nodeid, from_local[&(pid, nodeid)][occ].clone(), None, occ, None, &mut windows);
        }
    }
    for nodeid in &collect_errors {
        if outcomes.iter().any(|o| &o.nodeid == nodeid) {
            continue;
        }
        outcomes.push(TestOutcome {
            nodeid: nodeid.clone(),
            outcome: Outcome::Error,
            duration_s: 0.0,
            pid: None,
            worker: None,
            order: None,
            phases: vec![],
            crashed: false,
            timed_out: false,
            xfail: false,
            collect_error: true,
        });
    }
    session.collect_errors = collect_errors.into_iter().collect();

    // Processes the plugin did not run in: pytest's own PYTEST_CURRENT_TEST writes.
    let env: Vec<EnvChange> = facts.env.iter().filter(|c| !plugin_pids.contains(&c.pid)).cloned().collect();
    windows.extend(windows_from_env(&env, end_of));
    windows.sort_by_key(|w| (w.pid, w.start_ns, w.end_ns));
    session.pytest_seen = session.plugin_seen || !facts.env.is_empty();

    Assembled { outcomes, windows, session }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recs(text: &str) -> Vec<PluginRecord> {
        parse_plugin_lines(text).collect()
    }

    const PLAIN: &str = r#"
{"ev":"session","pid":10,"ppid":1,"role":"main","worker":null,"python":"3.11.7","pytest":"9.2.0","rootdir":"/p","cwd":"/p","t":1}
{"ev":"begin","nodeid":"t.py::a","order":1,"pid":10,"tid":10,"worker":null,"t":100}
{"ev":"phase","nodeid":"t.py::a","when":"setup","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":101,"end":110,"tid":10}
{"ev":"phase","nodeid":"t.py::a","when":"call","outcome":"failed","dur":0.5,"xfail":false,"pid":10,"remote":false,"worker":null,"start":111,"end":200,"tid":10}
{"ev":"phase","nodeid":"t.py::a","when":"teardown","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":201,"end":210,"tid":10}
{"ev":"begin","nodeid":"t.py::b","order":2,"pid":10,"tid":10,"worker":null,"t":300}
{"ev":"phase","nodeid":"t.py::b","when":"setup","outcome":"failed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":301,"end":310,"tid":10}
{"ev":"phase","nodeid":"t.py::b","when":"teardown","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":311,"end":320,"tid":10}
{"ev":"begin","nodeid":"t.py::c","order":3,"pid":10,"tid":10,"worker":null,"t":400}
{"ev":"phase","nodeid":"t.py::c","when":"setup","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":401,"end":410,"tid":10}
{"ev":"phase","nodeid":"t.py::c","when":"call","outcome":"skipped","dur":0.001,"xfail":true,"pid":10,"remote":false,"worker":null,"start":411,"end":420,"tid":10}
{"ev":"phase","nodeid":"t.py::c","when":"teardown","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":421,"end":430,"tid":10}
{"ev":"begin","nodeid":"t.py::d","order":4,"pid":10,"tid":10,"worker":null,"t":500}
{"ev":"phase","nodeid":"t.py::d","when":"setup","outcome":"passed","dur":0.001,"xfail":false,"pid":10,"remote":false,"worker":null,"start":501,"end":510,"tid":10}
{"ev":"phase","nodeid":"t.py::d","when":"call","outc"#;

    #[test]
    fn plain_run_outcomes_windows_and_a_crash() {
        let end = TraceEnd { end_ns: 1000, exit_code: Some(3), ..Default::default() };
        let facts = TraceFacts { env: vec![], exits: HashMap::from([(10, 900)]) };
        let a = assemble(&recs(PLAIN), &facts, &end);
        let got: Vec<_> = a.outcomes.iter().map(|o| (o.nodeid.as_str(), o.outcome, o.order, o.crashed, o.xfail)).collect();
        assert_eq!(
            got,
            vec![
                ("t.py::a", Outcome::Failed, Some(1), false, false),
                ("t.py::b", Outcome::Error, Some(2), false, false),
                ("t.py::c", Outcome::Skipped, Some(3), false, true),
                ("t.py::d", Outcome::Failed, Some(4), true, false),
            ]
        );
        assert_eq!(a.session.main_pid, Some(10));
        assert_eq!(a.session.rootdir.as_deref(), Some("/p"));
        assert!((a.outcomes[0].duration_s - 0.502).abs() < 1e-9);
        let last = a.windows.last().unwrap();
        assert_eq!((last.nodeid.as_str(), last.phase, last.start_ns, last.end_ns, last.source), ("t.py::d", Phase::Call, 510, 900, WindowSource::Unfinished));
        assert_eq!(a.windows.len(), 3 + 2 + 3 + 1 + 1);
    }

    #[test]
    fn timed_out_run_marks_the_running_test_and_omits_the_rest() {
        let end = TraceEnd { end_ns: 1000, timed_out: true, signal: Some(9), ..Default::default() };
        let a = assemble(&recs(PLAIN), &TraceFacts::default(), &end);
        let d = a.outcomes.iter().find(|o| o.nodeid == "t.py::d").unwrap();
        assert!(d.timed_out && !d.crashed && d.outcome == Outcome::Failed);
        assert_eq!(a.outcomes.len(), 4);
        assert_eq!(a.windows.last().unwrap().end_ns, 1000);
    }

    #[test]
    fn xdist_outcomes_come_from_the_controller_windows_from_workers() {
        let text = r#"
{"ev":"session","pid":10,"ppid":1,"role":"main","worker":null,"python":"3.11.7","pytest":"9.2.0","rootdir":"/p","t":1}
{"ev":"phase","nodeid":"t.py::a","when":"setup","outcome":"passed","dur":0.1,"xfail":false,"pid":10,"remote":true,"worker":"gw0"}
{"ev":"phase","nodeid":"t.py::a","when":"call","outcome":"passed","dur":0.1,"xfail":false,"pid":10,"remote":true,"worker":"gw0"}
{"ev":"phase","nodeid":"t.py::a","when":"teardown","outcome":"passed","dur":0.1,"xfail":false,"pid":10,"remote":true,"worker":"gw0"}
{"ev":"phase","nodeid":"t.py::crash","when":"???","outcome":"failed","dur":0,"xfail":false,"pid":10,"remote":true,"worker":"gw1"}
{"ev":"end","pid":10,"exitstatus":1,"collected":2}
{"ev":"session","pid":20,"ppid":10,"role":"worker","worker":"gw0","python":"3.11.7","pytest":"9.2.0","rootdir":"/p","t":5}
{"ev":"begin","nodeid":"t.py::a","order":1,"pid":20,"tid":20,"worker":"gw0","t":100}
{"ev":"phase","nodeid":"t.py::a","when":"setup","outcome":"passed","dur":0.1,"xfail":false,"pid":20,"remote":false,"worker":"gw0","start":101,"end":110,"tid":20}
{"ev":"phase","nodeid":"t.py::a","when":"call","outcome":"passed","dur":0.1,"xfail":false,"pid":20,"remote":false,"worker":"gw0","start":111,"end":200,"tid":20}
{"ev":"phase","nodeid":"t.py::a","when":"teardown","outcome":"passed","dur":0.1,"xfail":false,"pid":20,"remote":false,"worker":"gw0","start":201,"end":210,"tid":20}
{"ev":"session","pid":30,"ppid":10,"role":"worker","worker":"gw1","t":6}
{"ev":"begin","nodeid":"t.py::crash","order":1,"pid":30,"tid":30,"worker":"gw1","t":120}
{"ev":"phase","nodeid":"t.py::crash","when":"setup","outcome":"passed","dur":0.1,"xfail":false,"pid":30,"remote":false,"worker":"gw1","start":121,"end":130,"tid":30}
"#;
        let facts = TraceFacts { env: vec![], exits: HashMap::from([(30, 150)]) };
        let a = assemble(&recs(text), &facts, &TraceEnd { end_ns: 1000, exit_code: Some(1), ..Default::default() });
        let got: Vec<_> = a.outcomes.iter().map(|o| (o.nodeid.as_str(), o.outcome, o.pid, o.worker.as_deref(), o.crashed)).collect();
        assert_eq!(
            got,
            vec![("t.py::a", Outcome::Passed, Some(20), Some("gw0"), false), ("t.py::crash", Outcome::Failed, Some(30), Some("gw1"), false)]
        );
        assert_eq!(a.session.workers, vec![(20, "gw0".into()), (30, "gw1".into())]);
        assert_eq!(a.session.exitstatus, Some(1));
        assert!(a.windows.iter().all(|w| w.pid != 10));
    }

    #[test]
    fn without_plugin_env_gives_windows_but_no_outcomes() {
        let facts = TraceFacts {
            env: vec![
                EnvChange { ts: 10, pid: 5, tid: 5, value: Some("t.py::a (setup)".into()) },
                EnvChange { ts: 20, pid: 5, tid: 5, value: Some("t.py::a (call)".into()) },
                EnvChange { ts: 30, pid: 5, tid: 5, value: Some("t.py::a (teardown)".into()) },
                EnvChange { ts: 40, pid: 5, tid: 5, value: None },
            ],
            exits: HashMap::new(),
        };
        let a = assemble(&[], &facts, &TraceEnd::default());
        assert!(a.outcomes.is_empty());
        assert!(a.session.pytest_seen && !a.session.plugin_seen);
        assert_eq!(a.windows.len(), 3);
    }

    #[test]
    fn collection_errors_are_error_entries() {
        let text = r#"
{"ev":"session","pid":10,"role":"main","t":1}
{"ev":"collect_error","nodeid":"tests/test_bad.py","pid":10,"remote":false}
{"ev":"end","pid":10,"exitstatus":2,"collected":0}
"#;
        let a = assemble(&recs(text), &TraceFacts::default(), &TraceEnd::default());
        assert_eq!(a.outcomes.len(), 1);
        assert!(a.outcomes[0].collect_error && a.outcomes[0].outcome == Outcome::Error);
        assert_eq!(a.session.collect_errors, vec!["tests/test_bad.py".to_string()]);
    }

    #[test]
    fn a_nodeid_run_twice_in_one_session_is_two_outcomes() {
        // pytest-flakefinder copies a unittest test: the same nodeid twice
        let mut text = String::from(r#"{"ev":"session","pid":10,"role":"main","t":1}"#);
        for (k, call) in [(0u64, "failed"), (1, "passed")] {
            let t = 100 * (k + 1);
            text.push_str(&format!(
                r#"
{{"ev":"begin","nodeid":"t.py::T::test_u","order":{o},"pid":10,"tid":10,"t":{t}}}
{{"ev":"phase","nodeid":"t.py::T::test_u","when":"setup","outcome":"passed","dur":0.1,"pid":10,"remote":false,"start":{a},"end":{b},"tid":10}}
{{"ev":"phase","nodeid":"t.py::T::test_u","when":"call","outcome":"{call}","dur":0.2,"pid":10,"remote":false,"start":{c},"end":{d},"tid":10}}
{{"ev":"phase","nodeid":"t.py::T::test_u","when":"teardown","outcome":"passed","dur":0.1,"pid":10,"remote":false,"start":{e},"end":{f},"tid":10}}"#,
                o = k + 1,
                a = t + 1,
                b = t + 10,
                c = t + 11,
                d = t + 20,
                e = t + 21,
                f = t + 30
            ));
        }
        let a = assemble(&recs(&text), &TraceFacts::default(), &TraceEnd { end_ns: 1000, ..Default::default() });
        let got: Vec<_> = a.outcomes.iter().map(|o| (o.nodeid.as_str(), o.outcome, o.order, o.phases.len())).collect();
        assert_eq!(got, vec![("t.py::T::test_u", Outcome::Failed, Some(1), 3), ("t.py::T::test_u", Outcome::Passed, Some(2), 3)]);
        assert_eq!(a.windows.len(), 6);
    }

    #[test]
    fn combining_phases() {
        let p = |when: &str, outcome: &str| PhaseOutcome { when: when.into(), outcome: outcome.into(), duration_s: 0.0 };
        assert_eq!(combine_phases(&[p("setup", "passed"), p("call", "passed"), p("teardown", "passed")]), Some(Outcome::Passed));
        assert_eq!(combine_phases(&[p("setup", "passed"), p("call", "passed"), p("teardown", "failed")]), Some(Outcome::Error));
        assert_eq!(combine_phases(&[p("setup", "passed"), p("call", "failed"), p("teardown", "failed")]), Some(Outcome::Failed));
        assert_eq!(combine_phases(&[p("setup", "skipped"), p("teardown", "passed")]), Some(Outcome::Skipped));
        assert_eq!(combine_phases(&[p("setup", "passed"), p("call", "passed")]), None);
        assert_eq!(combine_phases(&[p("setup", "passed")]), None);
        assert_eq!(combine_phases(&[p("???", "failed")]), Some(Outcome::Failed));
        // an attempt pytest-rerunfailures runs again
        assert_eq!(combine_phases(&[p("setup", "passed"), p("call", "rerun"), p("teardown", "passed")]), Some(Outcome::Failed));
    }
}
