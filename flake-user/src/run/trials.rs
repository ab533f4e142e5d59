//! Controlled reruns ("trials"): the same command run again with one
//! condition changed — the string hash seed fixed, only chosen tests in a
//! chosen order with xdist off, or one intervention at one line ([`Intervention`], carried out by the shipped
//! plugin) — to settle a question the classifier has about a flaky test's
//! causes. The test and its code are never changed. The classifier decides which conditions to
//! try ([`super::Diagnoser::next_trial`]); this module says how each is
//! put into a run and what it is called.


use serde::{Deserialize, Serialize};

use super::outcomes::Outcome;
use super::plugin::INTERVENE_ENV;
use crate::report::TrialSummary;

/// Environment variable: JSON list of the nodeids the plugin keeps, in
/// the order to run them.
pub const SELECT_ENV: &str = "FLAKEBPF_SELECT";
/// Environment variable: the plugin turns pytest-xdist's distribution off.
pub const NO_XDIST_ENV: &str = "FLAKEBPF_NO_XDIST";

/// The one thing a trial changes.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// `PYTHONHASHSEED` fixed to `seed` (str/bytes hashes, so set order).
    HashSeed { seed: u32 },
    /// Only `tests` run, in this order, in one process (xdist off).
    Only { tests: Vec<String> },
    /// The whole suite with xdist off (one process, collection order).
    NoXdist,
    /// One intervention, in the whole command (`tests` empty) or in only
    /// `tests`, in that order, xdist off.
    Intervene {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tests: Vec<String>,
        what: Intervention,
    },
}

/// One thing changed at one place, by the plugin (`flakebpf_intervene.py`).
/// Files are relative to pytest's rootdir (or absolute).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intervention {
    /// The thread that reaches `file:line` pauses `ms` before running it.
    Delay { file: String, line: u32, ms: u32 },
    /// Every sleep, timeout or wait the function holding the line asks for
    /// lasts `percent` % as long.
    Waits { file: String, line: u32, percent: u32 },
    /// The timeout or wait the line itself asks for (a timed acquire, get
    /// or wait made on the line, or in a call it makes, a few frames deep)
    /// lasts `percent` % as long; the rest of its function's waits do not.
    LineWaits { file: String, line: u32, percent: u32 },
    /// Every sleep, timeout or wait made under the call at the line (an
    /// awaited call and what it calls) lasts `percent` % as long.
    AwaitWaits { file: String, line: u32, percent: u32 },
    /// In each execution of `test`, the first wall-clock read from the
    /// function holding the line is moved to just before a day (so
    /// second/minute/hour) boundary.
    ClockEdge {
        file: String,
        line: u32,
        test: String,
        /// Just after the boundary instead (the reads of the next second
        /// then share one second with it).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        after: bool,
    },
    /// The clock reads made at the line (`time.monotonic()`, `perf_counter()`,
    /// `time.time()`, or a call on the line that makes them) return `ms`
    /// later than they are; every other read is left alone. A deadline or
    /// an expiry set there (`monotonic() + budget`) then leaves that much
    /// more time, a start time measured there that much less elapsed.
    ClockShift { file: String, line: u32, ms: i32 },
    /// The draws made at the line come from a generator seeded with `seed`.
    Draws { file: String, line: u32, seed: u32 },
    /// Results taken in completion order at the line (`as_completed`,
    /// `imap_unordered`) come in the order the work was handed in
    /// (`reverse`: the opposite order), each once it is done.
    InOrder { file: String, line: u32, reverse: bool },
    /// The asyncio tasks started by the call at the line finish in the
    /// order they were started (`reverse`: the opposite order).
    TaskOrder { file: String, line: u32, reverse: bool },
    /// The directory listing made at the line (`os.listdir`, `scandir`,
    /// `glob`, `Path.iterdir`) comes sorted by name (`reverse`: in the
    /// reverse order).
    ListingOrder { file: String, line: u32, reverse: bool },
    /// Just before `line` runs, the statement at line `release` of the same
    /// function (what gives a taken slot back) is run in its frame.
    GiveBack { file: String, line: u32, release: u32 },
    /// Candidate fixes of lines of `file` (see [`Edit`]), for the cause at
    /// `line`.
    Rewrite { file: String, line: u32, edits: Vec<Edit> },
    /// State an earlier test can leave is fingerprinted around every test.
    Snapshot,
    /// The state named `key` is put back after the test `after`.
    Restore { after: String, key: String },
    /// The line of `test` after which the state `key` changed is looked for.
    Watch { test: String, key: String },
    /// The lines `test`'s own function runs are written out, in the order
    /// each first ran.
    Lines { test: String },
    /// `test` is stopped (an exception raised in its own function) just
    /// before `line` of that function first runs; the rest of the run goes on.
    StopAt { test: String, line: u32 },
    /// The lines of code under the rootdir that run while `test`'s own
    /// function is at its line `at` (in the calls that line makes) are
    /// written down, in the order each first ran.
    LinesUnder { test: String, at: u32 },
    /// `test` is stopped just before `file:line` first runs in it (in any
    /// function it calls).
    StopIn { test: String, file: String, line: u32 },
}

/// One line changed in experiment runs: `text` runs just before `line`, in
/// its frame; with `replace`, the line is then skipped (it runs as `text`)
/// and the code goes on at line `to` (by default the next line below it).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Edit {
    pub line: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
}

impl Edit {
    pub fn describe(&self, file: &str) -> String {
        if self.replace {
            format!("{file}:{} run as `{}`", self.line, self.text)
        } else {
            format!("`{}` run just before {file}:{}", self.text, self.line)
        }
    }
}

impl Intervention {
    fn describe(&self) -> String {
        match self {
            Intervention::Delay { file, line, ms } => format!("pausing at {file}:{line} for {ms} ms"),
            Intervention::Waits { file, line, percent } => format!("waits of the function at {file}:{line} at {percent} % of their length"),
            Intervention::LineWaits { file, line, percent } => format!("the wait at {file}:{line} at {percent} % of its length"),
            Intervention::AwaitWaits { file, line, percent } => format!("waits under the call at {file}:{line} at {percent} % of their length"),
            Intervention::ClockEdge { file, line, after: false, .. } => format!("the wall clock read from {file}:{line} moved to just before the next second boundary"),
            Intervention::ClockEdge { file, line, after: true, .. } => format!("the wall clock read from {file}:{line} moved to just after the next second boundary"),
            Intervention::ClockShift { file, line, ms } => format!("the clock read at {file}:{line} moved {} ms {}", ms.abs(), if *ms >= 0 { "later" } else { "earlier" }),
            Intervention::Draws { file, line, seed } => format!("draws at {file}:{line} fixed by seed {seed}"),
            Intervention::InOrder { file, line, reverse: false } => format!("results at {file}:{line} taken in the order the work was handed in"),
            Intervention::InOrder { file, line, reverse: true } => format!("results at {file}:{line} taken in the reverse of the order the work was handed in"),
            Intervention::TaskOrder { file, line, reverse: false } => format!("the tasks started at {file}:{line} finishing in the order they were started"),
            Intervention::TaskOrder { file, line, reverse: true } => format!("the tasks started at {file}:{line} finishing in the reverse of the order they were started"),
            Intervention::ListingOrder { file, line, reverse: false } => format!("the directory listing at {file}:{line} sorted by name"),
            Intervention::ListingOrder { file, line, reverse: true } => format!("the directory listing at {file}:{line} in the reverse of name order"),
            Intervention::GiveBack { file, line, release } => format!("the statement at {file}:{release} run just before line {line}"),
            Intervention::Rewrite { file, edits, .. } => edits.iter().map(|e| e.describe(file)).collect::<Vec<_>>().join(", "),
            Intervention::Snapshot => "state fingerprinted around every test".into(),
            Intervention::Restore { after, key } => format!("{} put back after {after}", state_name(key)),
            Intervention::Watch { test, key } => format!("{} watched line by line in {test}", state_name(key)),
            Intervention::Lines { test } => format!("the lines {test} runs written down"),
            Intervention::StopAt { test, line } => format!("{test} stopped before its line {line}"),
            Intervention::LinesUnder { test, at: 0 } => format!("the lines {test} runs, set-up included, written down"),
            Intervention::LinesUnder { test, at } => format!("the lines the calls at line {at} of {test} run written down"),
            Intervention::StopIn { test, file, line } => format!("{test} stopped before {file}:{line}"),
        }
    }
}

/// What a state key (`attr:mod:Class:name`, `global:mod:name`, `env:NAME`,
/// `cwd`, `file:path`) names, as people say it.
pub fn state_name(key: &str) -> String {
    let parts: Vec<&str> = key.split(':').collect();
    match parts.as_slice() {
        ["attr", m, c, a] => format!("class attribute {c}.{a} (module {m})"),
        ["global", m, a] => format!("module global {m}.{a}"),
        ["env", n] => format!("environment variable {n}"),
        ["cache", m, f] => format!("what the memoised function {m}.{f} remembers"),
        ["cwd"] => "the working directory".into(),
        ["file", rest @ ..] => format!("file {}", rest.join(":")),
        _ => key.to_string(),
    }
}

/// What the plugin saw of an intervention (`intervene-<pid>.jsonl`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum Note {
    /// The intervention acted (first time, per process).
    Hit {},
    /// `test` changed the state `key`.
    Changed { test: String, key: String, before: Option<String>, after: Option<String> },
    /// `key` changed after this line ran (`test_line`: the line the test
    /// function was at then, in a call it made).
    Culprit {
        key: String,
        file: String,
        line: u32,
        function: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        test_line: Option<u32>,
    },
    /// Putting `key` back failed.
    RestoreFailed { key: String, error: String },
    /// The lines of `file` that `test`'s function (defined at `first`) ran,
    /// in the order each first ran.
    Lines { test: String, file: String, first: u32, lines: Vec<u32> },
    /// The (file, line)s of code under the rootdir run under line `at` of
    /// `test`'s function, in the order each first ran.
    LinesUnder { test: String, at: u32, lines: Vec<(String, u32)> },
}

/// The notes the plugin wrote into `dir` (unreadable lines are skipped).
pub fn read_notes(dir: &std::path::Path) -> Vec<Note> {
    let Ok(rd) = std::fs::read_dir(dir) else { return vec![] };
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("intervene-") && n.ends_with(".jsonl")))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|text| text.lines().filter_map(|l| serde_json::from_str::<Note>(l).ok()).collect::<Vec<_>>())
        .collect()
}

impl Condition {
    /// Environment the condition adds to the run.
    pub fn env(&self) -> Vec<(String, String)> {
        match self {
            Condition::HashSeed { seed } => vec![("PYTHONHASHSEED".into(), seed.to_string())],
            Condition::Only { tests } => vec![
                (SELECT_ENV.into(), serde_json::to_string(tests).expect("strings serialize")),
                (NO_XDIST_ENV.into(), "1".into()),
            ],
            Condition::NoXdist => vec![(NO_XDIST_ENV.into(), "1".into())],
            Condition::Intervene { tests, what } => {
                let mut env = vec![(INTERVENE_ENV.into(), serde_json::to_string(what).expect("serializes"))];
                if !tests.is_empty() {
                    env.extend(Condition::Only { tests: tests.clone() }.env());
                }
                env
            }
        }
    }


    /// What it is called in reports, for the test `nodeid` it asks about.
    pub fn describe(&self, nodeid: &str) -> String {
        match self {
            Condition::HashSeed { seed } => format!("PYTHONHASHSEED={seed}"),
            Condition::Only { tests } if tests.len() == 1 && tests[0] == nodeid => "alone (xdist off)".into(),
            Condition::Only { tests } => {
                let before: Vec<&str> = tests.iter().map(String::as_str).filter(|t| *t != nodeid).collect();
                match before.as_slice() {
                    [first, .., last] if before.len() > 3 => format!("right after {} earlier tests, {first} to {last} (xdist off)", before.len()),
                    _ => format!("right after {} (xdist off)", before.join(", ")),
                }
            }
            Condition::NoXdist => "whole suite, xdist off".into(),
            Condition::Intervene { tests, what } => {
                let d = what.describe();
                if tests.is_empty() {
                    d
                } else {
                    format!("{d}; only {} test{} in the failing order (xdist off)", tests.len(), if tests.len() == 1 { "" } else { "s" })
                }
            }
        }
    }
}

/// One controlled rerun and the outcome of the test it asked about.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Trial {
    pub nodeid: String,
    pub condition: Condition,
    /// `None`: the test did not run (not selected, or the run broke off).
    pub outcome: Option<Outcome>,
    /// What the plugin saw of an intervention.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Trial {
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Failed | Outcome::Error))
    }
    pub fn passed(&self) -> bool {
        self.outcome == Some(Outcome::Passed)
    }
}

/// Trials of one test summed per condition, in the order first tried.
pub fn summarize(nodeid: &str, trials: &[Trial]) -> Vec<TrialSummary> {
    let mut out: Vec<(Condition, TrialSummary)> = vec![];
    for t in trials.iter().filter(|t| t.nodeid == nodeid) {
        let i = match out.iter().position(|(c, _)| *c == t.condition) {
            Some(i) => i,
            None => {
                let s = TrialSummary { condition: t.condition.describe(nodeid), runs: 0, passed: 0, failed: 0 };
                out.push((t.condition.clone(), s));
                out.len() - 1
            }
        };
        let s = &mut out[i].1;
        s.runs += 1;
        s.passed += t.passed() as u32;
        s.failed += t.failed() as u32;
    }
    out.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_become_environment_and_names() {
        let only = Condition::Only { tests: vec!["t::p".into(), "t::v".into()] };
        assert_eq!(only.env(), vec![(SELECT_ENV.into(), r#"["t::p","t::v"]"#.into()), (NO_XDIST_ENV.into(), "1".into())]);
        assert_eq!(only.describe("t::v"), "right after t::p (xdist off)");
        assert_eq!(Condition::Only { tests: vec!["t::v".into()] }.describe("t::v"), "alone (xdist off)");
        assert_eq!(Condition::HashSeed { seed: 3 }.env(), vec![("PYTHONHASHSEED".into(), "3".into())]);
    }

    #[test]
    fn summaries_count_per_condition() {
        let t = |c: Condition, o: Option<Outcome>| Trial { nodeid: "t::v".into(), condition: c, outcome: o, notes: vec![] };
        let a = Condition::HashSeed { seed: 1 };
        let b = Condition::HashSeed { seed: 2 };
        let trials = vec![
            t(a.clone(), Some(Outcome::Failed)),
            t(b.clone(), Some(Outcome::Passed)),
            t(a.clone(), Some(Outcome::Error)),
            t(b, None),
            Trial { nodeid: "t::other".into(), condition: a, outcome: Some(Outcome::Passed), notes: vec![] },
        ];
        let s = summarize("t::v", &trials);
        assert_eq!(
            s,
            vec![
                TrialSummary { condition: "PYTHONHASHSEED=1".into(), runs: 2, passed: 0, failed: 2 },
                TrialSummary { condition: "PYTHONHASHSEED=2".into(), runs: 2, passed: 1, failed: 0 },
            ]
        );
    }

}
