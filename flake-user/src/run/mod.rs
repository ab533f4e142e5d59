//! `flakebpf run`: runs a pytest command many times under the tracer,
//! learns every test's outcome in every run, charges each kernel event to
//! the (run, test, phase) it happened in, and gives verdicts.
//!
//! Pipeline of one invocation: [`Plan`] (validated arguments, resolved
//! interpreter) → per run a [`Backend`] run with flakebpf's pytest plugin
//! injected ([`plugin`]), the records streamed to a trace file while a
//! [`Collector`] keeps the few facts needed here → [`outcomes::assemble`]
//! (outcomes and [`attribution::TestWindow`]s) → [`RunResult`] →
//! [`verdict::TestStats`] → a [`Diagnoser`] (the classifier) → the report
//! ([`crate::report`]).
//!
//! Exit status: see [`Exit`] and [`EXIT_CODES`].

pub mod adaptive;
pub mod attribution;
pub mod backend;
pub mod manifest;
pub mod outcomes;
pub mod plugin;
pub mod repeat;
pub mod traced;
pub mod trials;
pub mod verdict;

#[cfg(test)]
mod tests;

use std::io::IsTerminal;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::{Deserialize, Serialize};

pub use attribution::{Attributor, Phase, ProcessTree, Slot, TestWindow, WindowSource};
pub use backend::{Backend, RunError, RunSpec, Untraced};
pub use outcomes::{Outcome, SessionInfo, TestOutcome};
pub use verdict::{TestStats, TestSummary};

use crate::report::table::{self, shell_words, Summary};
use crate::report::outputs::{self, OutputArgs};
use crate::report::{Cause, Report, ReportInput};
use crate::trace::format::TraceWriter;
use crate::trace::model::{EnvOp, EventKind, Record, TraceEnd, TraceMeta};
use attribution::EnvChange;
use manifest::{Manifest, MANIFEST_FILE, MANIFEST_SCHEMA};
use outcomes::TraceFacts;

/// How `flakebpf run` ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No flaky test.
    NoFlaky,
    /// At least one flaky test.
    Flaky,
    /// Bad arguments, or a command flakebpf cannot judge (not pytest, no tests).
    Usage,
    /// No privilege, BTF or uprobes: tracing cannot work here.
    Environment,
    /// The command could not be started.
    CannotStart,
    /// Stopped by Ctrl-C (the finished runs are still reported).
    Interrupted,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::NoFlaky => 0,
            Exit::Flaky => 1,
            Exit::Usage => 2,
            Exit::Environment => 3,
            Exit::CannotStart => 4,
            Exit::Interrupted => 130,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

/// The exit status table, for `--help` and the README.
pub const EXIT_CODES: &str = "\
Exit status:
  0    no flaky test
  1    flaky test(s) found
  2    usage error, or a command flakebpf cannot judge (not pytest, no tests collected)
  3    environment problem (no privilege, BTF or uprobes)
  4    the command could not start
  130  interrupted (Ctrl-C); the finished runs are still reported";

/// `flakebpf run [OPTIONS] -- CMD...`
#[derive(clap::Args, Clone, Debug, PartialEq)]
#[command(after_help = EXIT_CODES)]
pub struct RunArgs {
    /// How many times to run the command.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Write the `flakebpf.report/1` JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Keep one trace and one log per run plus manifest.json in DIR, for `analyze`.
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
    /// Run all N runs, even when the verdicts and top causes settle earlier.
    #[arg(long)]
    pub all_runs: bool,
    /// No controlled reruns (experiments: a pause, a clock or entropy change
    /// at one line, leaked state put back, the test alone, fixed hash seeds).
    #[arg(long)]
    pub no_trials: bool,
    /// At most N controlled reruns (experiment runs) per flaky test.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TRIAL_BUDGET)]
    pub trial_budget: u32,
    /// Deep mode: also trace every Python function call (slower).
    #[arg(long)]
    pub deep: bool,
    /// Time limit of one run in seconds; a run past it is killed (its whole
    /// process group) and counted as a timeout.
    #[arg(long, value_name = "S", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
    /// On-CPU sampling frequency in Hz (0: off).
    #[arg(long, value_name = "HZ", default_value_t = 99, hide = true)]
    pub sample_hz: u64,
    #[command(flatten)]
    pub outputs: OutputArgs,
    /// The pytest command, e.g. `pytest tests/x.py` or `python -m pytest`.
    #[arg(last = true, required = true, num_args = 1.., value_name = "CMD")]
    pub command: Vec<String>,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    let v: f64 = s.parse().map_err(|_| format!("not a number of seconds: {s:?}"))?;
    if !(v > 0.0 && v.is_finite()) {
        return Err("the time limit must be more than 0 seconds".into());
    }
    Ok(Duration::from_secs_f64(v))
}

/// One finished run.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct RunResult {
    /// 1-based.
    pub index: u32,
    /// Tests that ran, in order (tests that never began are absent).
    pub outcomes: Vec<TestOutcome>,
    /// Test phase windows, by pid then start.
    pub windows: Vec<TestWindow>,
    /// Parent of each task of the traced tree.
    pub processes: ProcessTree,
    pub session: SessionInfo,
    pub end: TraceEnd,
    pub trace_path: Option<PathBuf>,
    pub log_path: Option<PathBuf>,
    /// Set when this is not a run but one execution of the repeated tests
    /// cut out of run `index` for the classifier ([`repeat::samples`]).
    #[serde(skip)]
    pub sample: Option<repeat::SampleOf>,
}

impl RunResult {
    pub fn outcome(&self, nodeid: &str) -> Option<&TestOutcome> {
        self.outcomes.iter().find(|o| o.nodeid == nodeid)
    }
    /// Maps this run's events to tests.
    pub fn attributor(&self) -> Attributor<'_> {
        Attributor::new(&self.windows, &self.processes)
    }
}

/// Finds root causes (the classifier). Frames of [`plugin::PLUGIN_FILE`]
/// are flakebpf's own and should be ignored.
pub trait Diagnoser {
    /// Causes per nodeid, best first, for the tests it can explain.
    fn diagnose(&self, runs: &[RunResult], tests: &TestStats) -> Vec<(String, Vec<Cause>)>;

    /// The next controlled rerun that would settle a question about the
    /// causes of `nodeid`, given the reruns `done` so far; `None` when
    /// there is nothing (more) to ask.
    fn next_trial(&self, nodeid: &str, runs: &[RunResult], causes: &[Cause], done: &[trials::Trial]) -> Option<trials::Condition> {
        let _ = (nodeid, runs, causes, done);
        None
    }

    /// `causes` of `nodeid` amended by what its controlled reruns showed.
    fn conclude(&self, nodeid: &str, runs: &[RunResult], causes: Vec<Cause>, done: &[trials::Trial]) -> Vec<Cause> {
        let _ = (nodeid, runs, done);
        causes
    }
}

/// Finds nothing.
pub struct NoDiagnosis;

impl Diagnoser for NoDiagnosis {
    fn diagnose(&self, _: &[RunResult], _: &TestStats) -> Vec<(String, Vec<Cause>)> {
        Vec::new()
    }
}

pub use crate::signals::{catch_interrupts, interrupted};

/// The interpreter behind the command.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PythonInfo {
    pub exe: PathBuf,
    /// e.g. "3.11.7".
    pub version: String,
}

/// A validated `flakebpf run`.
#[derive(Clone, Debug)]
pub struct Plan {
    pub command: Vec<String>,
    pub cwd: PathBuf,
    /// The most runs (all of them unless `adaptive`).
    pub runs: u32,
    /// Stop once the verdicts and top causes are settled ([`adaptive`]).
    pub adaptive: bool,
    /// Controlled reruns after the runs ([`trials`]).
    pub trials: bool,
    /// Controlled reruns per flaky test, at most.
    pub trial_budget: u32,
    pub timeout: Option<Duration>,
    pub json: Option<PathBuf>,
    /// `--junit`, `--github`, `--sarif`, `--html`, `--perfetto`.
    pub outputs: OutputArgs,
    pub record: Option<PathBuf>,
    pub deep: bool,
    pub sample_hz: u64,
    pub python: Option<PythonInfo>,
    /// Environment added to every run (besides the plugin's).
    pub extra_env: Vec<(String, String)>,
    /// Owner (uid, gid) to give the files the command must write and the
    /// files left for the user (the sudo user), when running as root.
    pub owner: Option<(u32, u32)>,
    /// True once the user asked to stop (Ctrl-C): the current run is
    /// dropped and the finished ones are reported.
    pub stop: fn() -> bool,
}

impl Plan {
    pub fn new(args: &RunArgs) -> anyhow::Result<Plan> {
        Ok(Plan {
            command: args.command.clone(),
            cwd: std::env::current_dir().context("no current directory")?,
            runs: args.runs,
            adaptive: !args.all_runs,
            trials: !args.no_trials && args.trial_budget > 0,
            trial_budget: args.trial_budget,
            timeout: args.timeout,
            json: args.json.clone(),
            outputs: args.outputs.clone(),
            record: args.record.clone(),
            deep: args.deep,
            sample_hz: args.sample_hz,
            python: None,
            extra_env: vec![],
            owner: sudo_owner(),
            stop: interrupted,
        })
    }
}

/// (SUDO_UID, SUDO_GID) when running as root through sudo.
pub fn sudo_owner() -> Option<(u32, u32)> {
    // SAFETY: plain getter.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let uid: u32 = std::env::var("SUDO_UID").ok()?.parse().ok()?;
    let gid: u32 = std::env::var("SUDO_GID").ok()?.parse().ok()?;
    (uid != 0).then_some((uid, gid))
}

fn give(path: &Path, owner: Option<(u32, u32)>) {
    if let Some((uid, gid)) = owner {
        let _ = std::os::unix::fs::chown(path, Some(uid), Some(gid));
    }
}

/// Progress and messages. Everything said is also kept in `messages`
/// (and the summary in `output`), so tests can read it.
pub struct Ui {
    bar: ProgressBar,
    echo: bool,
    pub color: bool,
    pub messages: Vec<String>,
    pub output: String,
}

impl Ui {
    /// A progress bar on stderr when it is a terminal; messages to stderr,
    /// the summary to stdout; colour unless NO_COLOR.
    pub fn terminal() -> Ui {
        let bar = if std::io::stderr().is_terminal() {
            let style = ProgressStyle::with_template("{spinner} run {pos}/{len} [{bar:30}] {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr()).with_style(style);
            b.enable_steady_tick(Duration::from_millis(200));
            b
        } else {
            ProgressBar::hidden()
        };
        Ui { bar, echo: true, color: table::color_wanted(std::io::stdout().is_terminal()), messages: vec![], output: String::new() }
    }

    /// Says nothing (keeps everything in `messages` / `output`).
    pub fn quiet() -> Ui {
        Ui { bar: ProgressBar::hidden(), echo: false, color: false, messages: vec![], output: String::new() }
    }

    pub fn say(&mut self, level: &str, msg: impl Into<String>) {
        let line = format!("flakebpf: {level}{}", msg.into());
        if self.echo {
            self.bar.suspend(|| eprintln!("{line}"));
        }
        self.messages.push(line);
    }
    pub fn warn(&mut self, msg: impl Into<String>) {
        self.say("warning: ", msg)
    }
    pub fn error(&mut self, msg: impl Into<String>) {
        self.say("error: ", msg)
    }
    pub fn info(&mut self, msg: impl Into<String>) {
        self.say("", msg)
    }
    fn print(&mut self, text: &str) {
        if self.echo {
            self.bar.suspend(|| print!("{text}"));
        }
        self.output.push_str(text);
    }
}

/// The facts of a run's records needed here, gathered while they stream.
#[derive(Default)]
pub struct Collector {
    pub facts: TraceFacts,
    pub processes: ProcessTree,
    pub python_seen: bool,
    pub records: u64,
}

pub const CURRENT_TEST_VAR: &str = "PYTEST_CURRENT_TEST";

impl Collector {
    pub fn observe(&mut self, rec: &Record) {
        self.records += 1;
        match rec {
            Record::Event(ev) => {
                if !ev.stack.is_empty() {
                    self.python_seen = true;
                }
                match &ev.kind {
                    EventKind::Fork { child } => self.processes.add_fork(ev.pid, *child),
                    EventKind::Exit { .. } if ev.tid == ev.pid => {
                        self.facts.exits.insert(ev.pid, ev.ts);
                    }
                    EventKind::Env { op, name, value } => {
                        let change = match op {
                            EnvOp::Unset if name == CURRENT_TEST_VAR => Some(None),
                            EnvOp::Set | EnvOp::Put if name == CURRENT_TEST_VAR => Some(value.clone()),
                            // putenv("NAME=VALUE") decoded without a split
                            EnvOp::Put => name
                                .strip_prefix(CURRENT_TEST_VAR)
                                .and_then(|r| r.strip_prefix('='))
                                .map(|v| Some(v.to_string())),
                            _ => None,
                        };
                        if let Some(value) = change {
                            self.facts.env.push(EnvChange { ts: ev.ts, pid: ev.pid, tid: ev.tid, value });
                        }
                    }
                    _ => {}
                }
            }
            Record::Code(_) | Record::Python(_) => self.python_seen = true,
            Record::Note { .. } | Record::Job(_) | Record::File(_) => {}
        }
    }
}

/// Everything a finished `run` produced.
pub struct Finished {
    pub exit: Exit,
    pub runs: Vec<RunResult>,
    pub stats: TestStats,
    pub causes: Vec<(String, Vec<Cause>)>,
    pub report: Report,
}

/// A reason to stop after the first run.
fn first_run_problem(plan: &Plan, run: &RunResult, python_seen: bool) -> Option<(Exit, String)> {
    let cmd = shell_words(&plan.command);
    let s = &run.session;
    let tail = run.log_path.as_deref().and_then(log_tail).map(|t| format!(": {t}")).unwrap_or_default();
    if !s.pytest_seen {
        if matches!(run.end.exit_code, Some(126 | 127)) {
            return Some((Exit::CannotStart, format!("`{cmd}` could not start (exit status {}){tail}", run.end.exit_code.unwrap_or(0))));
        }
        if plan.python.is_none() && !python_seen {
            return Some((Exit::Usage, format!("no Python was seen in `{cmd}`, and no pytest session: there are no test outcomes to judge (stopped after 1 run)")));
        }
        return Some((Exit::Usage, format!("`{cmd}` ran no pytest session, so test outcomes are unknown (stopped after 1 run)")));
    }
    if !s.plugin_seen {
        return Some((Exit::Usage, format!("pytest ran but flakebpf's pytest plugin did not load in `{cmd}`, so test outcomes are unknown (stopped after 1 run)")));
    }
    match s.exitstatus {
        Some(5) => Some((Exit::Usage, format!("pytest collected no tests in `{cmd}` (stopped after 1 run)"))),
        Some(4) => Some((Exit::Usage, format!("pytest rejected the command line (exit status 4){tail}"))),
        Some(3) => Some((Exit::Usage, format!("pytest stopped with an internal error (exit status 3){tail}"))),
        _ => None,
    }
}

/// Last non-empty line of a log, shortened.
fn log_tail(path: &Path) -> Option<String> {
    let text = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().rev().map(str::trim).find(|l| !l.is_empty() && !l.chars().all(|c| c == '=' || c == '-'))?;
    let mut s: String = line.chars().take(200).collect();
    if s.len() < line.len() {
        s.push('…');
    }
    Some(s)
}

/// Trace metadata of a run, from what the plan knows.
pub fn trace_meta(plan: &Plan, argv: &[String]) -> TraceMeta {
    let mono = backend::monotonic_ns();
    TraceMeta {
        command: argv.to_vec(),
        cwd: plan.cwd.to_string_lossy().into_owned(),
        python: plan.python.as_ref().map(|p| p.version.clone()).unwrap_or_default(),
        python_exe: plan.python.as_ref().map(|p| p.exe.to_string_lossy().into_owned()).unwrap_or_default(),
        py_code_adaptive: 0,
        root_pid: 0,
        realtime_offset_ns: backend::clock_ns(libc::CLOCK_REALTIME) - mono as i64,
        start_ns: mono,
        sample_hz: plan.sample_hz,
        deep: plan.deep,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        created_unix: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    }
}

/// Writes the recording's manifest and gives it to the user.
fn save_manifest(manifest: &Manifest, base: &Path, owner: Option<(u32, u32)>) -> anyhow::Result<()> {
    manifest.write(base)?;
    give(&base.join(MANIFEST_FILE), owner);
    Ok(())
}

fn make_dir(path: &Path, owner: Option<(u32, u32)>) -> anyhow::Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))?;
    if owner.is_some() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
        give(path, owner);
    }
    Ok(())
}

/// Most flaky tests that get controlled reruns, and most reruns each.
pub const MAX_TRIAL_TESTS: usize = 3;
/// Controlled reruns per flaky test unless `--trial-budget` says otherwise.
pub const DEFAULT_TRIAL_BUDGET: u32 = 40;

/// What every run of one `flakebpf run` shares.
struct Session<'a> {
    plan: &'a Plan,
    work: &'a Path,
    plugin_dir: &'a Path,
    /// Where traces and logs go (the record folder, else `work`).
    base: &'a Path,
}

/// How one run ended.
enum RunEnd {
    /// `notes`: what the plugin saw of an intervention (controlled reruns only).
    Done { run: RunResult, python_seen: bool, notes: Vec<trials::Note> },
    /// The backend could not run it (what to exit with, why).
    Broke(Exit, RunError),
    /// Ctrl-C during the run: it is not counted.
    Interrupted,
}

/// Runs the command once (files named `stem.*`), under `condition` for a
/// controlled rerun. A controlled rerun keeps its log but no trace.
fn one_run(
    s: &Session,
    backend: &mut dyn Backend,
    index: u32,
    stem: &str,
    condition: Option<&trials::Condition>,
    manifest: &mut Manifest,
) -> anyhow::Result<RunEnd> {
    let plan = s.plan;
    let outcomes_dir = s.work.join(format!("{stem}.outcomes"));
    make_dir(&outcomes_dir, plan.owner)?;
    let log = s.base.join(format!("{stem}.log"));
    let mut inj = plugin::inject(&plan.command, s.plugin_dir, &outcomes_dir, |k| std::env::var_os(k));
    if matches!(condition, Some(trials::Condition::Intervene { .. })) {
        plugin::reach_children(&mut inj.env, s.plugin_dir);
    }
    let mut env = plan.extra_env.clone();
    env.extend(inj.env);
    if let Some(c) = condition {
        env.extend(c.env());
    } else {
        manifest.executed = inj.argv.clone();
    }
    let trace_path = s.base.join(format!("{stem}.trace"));
    let spec = RunSpec { argv: inj.argv, cwd: plan.cwd.clone(), env, timeout: plan.timeout, log: log.clone() };
    let keep_trace = backend.traces() && condition.is_none();
    let mut writer = if keep_trace { Some(TraceWriter::create(&trace_path, &backend.meta(plan, &spec))?) } else { None };
    let mut collector = Collector::default();
    let result = backend.run(&spec, &mut |rec: &Record| {
        if let Some(w) = writer.as_mut() {
            w.write(rec)?;
        }
        collector.observe(rec);
        Ok(())
    });
    let end = match result {
        Ok(end) => end,
        Err(e) => {
            let what = if matches!(e, RunError::CannotStart(_)) { Exit::CannotStart } else { Exit::Environment };
            if let Some(w) = writer {
                let _ = w.finish(TraceEnd { end_ns: backend::monotonic_ns(), ..Default::default() });
            }
            return Ok(RunEnd::Broke(what, e));
        }
    };
    if let Some(w) = writer {
        w.finish(end.clone())?;
        give(&trace_path, plan.owner);
    }
    give(&log, plan.owner);
    if end.interrupted || (plan.stop)() {
        return Ok(RunEnd::Interrupted);
    }
    let records = outcomes::read_plugin_dir(&outcomes_dir).unwrap_or_default();
    let asm = outcomes::assemble(&records, &collector.facts, &end);
    let run = RunResult {
        index,
        outcomes: asm.outcomes,
        windows: asm.windows,
        processes: collector.processes,
        session: asm.session,
        end,
        trace_path: keep_trace.then_some(trace_path),
        log_path: Some(log),
        sample: None,
    };
    let notes = if condition.is_some() { trials::read_notes(&outcomes_dir) } else { vec![] };
    Ok(RunEnd::Done { run, python_seen: collector.python_seen, notes })
}

/// Runs the plan on `backend`: the run loop, then verdicts, causes, report
/// and summary. Problems are said through `ui` and end up in the exit status.
pub fn run_plan(plan: &Plan, backend: &mut dyn Backend, diagnoser: &dyn Diagnoser, ui: &mut Ui) -> anyhow::Result<Finished> {
    // a test repeated inside a session is diagnosed over its executions
    let diagnoser = &repeat::PerExecution(diagnoser);
    let work = tempfile::Builder::new().prefix("flakebpf-").tempdir().context("cannot create a temporary folder")?;
    make_dir(work.path(), plan.owner)?;
    let plugin_dir = plugin::install(&work.path().join("plugin"))?;
    give(&plugin_dir, plan.owner);
    let base = match &plan.record {
        Some(dir) => {
            make_dir(dir, plan.owner)?;
            dir.clone()
        }
        None => work.path().to_path_buf(),
    };

    let mut manifest = Manifest {
        schema: MANIFEST_SCHEMA.into(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        command: plan.command.clone(),
        executed: vec![],
        cwd: plan.cwd.to_string_lossy().into_owned(),
        rootdir: String::new(),
        python: plan.python.as_ref().map(|p| p.version.clone()).unwrap_or_default(),
        python_exe: plan.python.as_ref().map(|p| p.exe.to_string_lossy().into_owned()).unwrap_or_default(),
        deep: plan.deep,
        sample_hz: plan.sample_hz,
        timeout_s: plan.timeout.map(|t| t.as_secs_f64()),
        interrupted: false,
        runs: vec![],
        trials: vec![],
        stopped_early: None,
    };

    ui.bar.set_length(plan.runs as u64);
    let session = Session { plan, work: work.path(), plugin_dir: &plugin_dir, base: &base };
    let mut runs: Vec<RunResult> = Vec::new();
    let mut stop: Option<(Exit, String)> = None;
    let mut was_interrupted = false;
    let mut settler = adaptive::Settler::default();
    let mut settled: Option<adaptive::Settled> = None;
    let mut any_python = false;
    for index in 1..=plan.runs {
        if (plan.stop)() {
            was_interrupted = true;
            break;
        }
        let (run, python_seen) = match one_run(&session, backend, index, &format!("run-{index:03}"), None, &mut manifest)? {
            RunEnd::Done { run, python_seen, .. } => {
                any_python |= python_seen;
                (run, python_seen)
            }
            RunEnd::Broke(what, e) => {
                stop = Some((if runs.is_empty() { what } else { Exit::Environment }, format!("run {index}: {e}")));
                break;
            }
            RunEnd::Interrupted => {
                was_interrupted = true;
                ui.warn(format!("interrupted during run {index}: it is not counted"));
                break;
            }
        };
        if run.end.timed_out {
            ui.warn(format!("run {index} hit the time limit and was killed"));
        }
        let problem = if index == 1 { first_run_problem(plan, &run, python_seen) } else { None };
        if manifest.rootdir.is_empty() {
            manifest.rootdir = run.session.rootdir.clone().unwrap_or_default();
        }
        if let Some(v) = &run.session.python {
            manifest.python = v.clone();
        }
        runs.push(run);
        ui.bar.inc(1);
        if plan.record.is_some() {
            manifest.runs = runs.clone();
            save_manifest(&manifest, &base, plan.owner)?;
        }
        if problem.is_some() {
            stop = problem;
            break;
        }
        let stats = TestStats::compute(&runs);
        let flaky = stats.flaky().count();
        if flaky > 0 {
            ui.bar.set_message(format!("{flaky} flaky"));
        }
        if plan.adaptive && index < plan.runs {
            settled = settler.after_run(&runs, diagnoser);
            if settled.is_some() {
                break;
            }
        }
    }

    let stats = TestStats::compute(&runs);
    let mut causes = diagnoser.diagnose(&runs, &stats);
    // Controlled reruns, where they settle a question about the causes.
    let mut trials: Vec<trials::Trial> = vec![];
    if plan.trials && stop.is_none() && !was_interrupted {
        let grouping = repeat::Grouping::of(&runs);
        let mut reruns = 0usize;
        'tests: for (nodeid, list) in causes.iter_mut().take(MAX_TRIAL_TESTS) {
            let mut done: Vec<trials::Trial> = vec![];
            for _ in 0..plan.trial_budget {
                let Some(condition) = diagnoser.next_trial(nodeid, &runs, list, &done) else { break };
                if (plan.stop)() {
                    was_interrupted = true;
                    break 'tests;
                }
                reruns += 1;
                let k = reruns;
                ui.bar.set_message(format!("controlled rerun {k}: {}", condition.describe(nodeid)));
                // a repeated test: all its executions run, and each is a trial
                let run_as = grouping.expand_condition(&condition);
                let (outcomes, notes): (Vec<Option<Outcome>>, _) = match one_run(&session, backend, k as u32, &format!("trial-{k:03}"), Some(&run_as), &mut manifest)? {
                    RunEnd::Done { run, notes, .. } => {
                        let found: Vec<Option<Outcome>> =
                            run.outcomes.iter().filter(|o| grouping.base(&o.nodeid) == nodeid.as_str()).map(|o| Some(o.outcome)).collect();
                        (if found.is_empty() { vec![None] } else { found }, notes)
                    }
                    RunEnd::Broke(_, e) => {
                        ui.warn(format!("controlled rerun {k} ({}) did not run: {e}", condition.describe(nodeid)));
                        break 'tests;
                    }
                    RunEnd::Interrupted => {
                        was_interrupted = true;
                        break 'tests;
                    }
                };
                done.extend(outcomes.into_iter().map(|outcome| trials::Trial { nodeid: nodeid.clone(), condition: condition.clone(), outcome, notes: notes.clone() }));
                if plan.record.is_some() {
                    manifest.trials = trials.iter().chain(&done).cloned().collect();
                    save_manifest(&manifest, &base, plan.owner)?;
                }
            }
            *list = diagnoser.conclude(nodeid, &runs, std::mem::take(list), &done);
            trials.extend(done);
        }
        if reruns > 0 {
            ui.info(format!("{reruns} controlled rerun{} to settle the causes", if reruns == 1 { "" } else { "s" }));
        }
    }
    ui.bar.finish_and_clear();
    if let Some((_, msg)) = &stop {
        ui.error(msg.clone());
    }
    if backend.traces() && !any_python && !runs.is_empty() {
        ui.warn(format!("no Python ran in `{}` that flakebpf could read: traced without Python stacks", shell_words(&plan.command)));
    }
    if plan.record.is_some() {
        manifest.interrupted = was_interrupted;
        manifest.runs = runs.clone();
        manifest.trials = trials.clone();
        manifest.stopped_early = settled.as_ref().map(|s| (plan.runs, s.reason.clone()));
        save_manifest(&manifest, &base, plan.owner)?;
    }

    let errors: Vec<&str> = stats.tests.iter().filter(|t| t.collect_error).map(|t| t.nodeid.as_str()).collect();
    if !errors.is_empty() {
        ui.warn(format!("collection errors in {}", errors.join(", ")));
    }
    let input = report_input(
        &plan.command,
        &runs,
        &plan.cwd,
        plan.python.as_ref().map(|p| p.version.as_str()).unwrap_or_default(),
        settled.as_ref().map(|s| (plan.runs, s.reason.clone())),
        &causes,
        &trials,
    );
    let lost_events = input.lost_events;
    let report = Report::build(&input, &stats, &causes);
    if let Some(path) = &plan.json {
        report.write(path)?;
        give(path, plan.owner);
    }
    // after a stopping problem with nothing to show, the error line says it all
    if stop.is_none() || !stats.tests.is_empty() {
        let text = table::render(&Summary {
            command: &plan.command,
            stats: &stats,
            causes: &causes,
            lost_events,
            interrupted: was_interrupted,
            stopped_early: input.stopped_early.as_ref(),
            trials: &input.trials,
            rootdir: Some(&input.rootdir),
            color: ui.color,
        });
        ui.print(&text);
    }
    // before the temporary folder (with the traces) goes away
    let mut commands: Vec<u8> = vec![];
    for path in outputs::write_all(&plan.outputs, &outputs::Session { report: &report, runs: &runs }, &mut commands)? {
        give(&path, plan.owner);
    }
    ui.print(&String::from_utf8_lossy(&commands));
    if let Some(dir) = &plan.record {
        let n = runs.len();
        ui.info(format!("recorded {n} run{} in {}", if n == 1 { "" } else { "s" }, dir.display()));
    }
    if lost_events > 0 {
        ui.warn(format!("the kernel dropped {lost_events} events (ring buffer full); verdicts are unaffected"));
    }

    let exit = match stop {
        Some((exit, _)) => exit,
        None if was_interrupted => Exit::Interrupted,
        None if stats.flaky().next().is_some() => Exit::Flaky,
        None => Exit::NoFlaky,
    };
    Ok(Finished { exit, runs, stats, causes, report })
}

/// What a report of `runs` is made of besides statistics and causes:
/// pytest's rootdir and Python version as the runs saw them (else the
/// fallbacks), lost events, the early stop and the reruns of each test.
pub fn report_input(
    command: &[String],
    runs: &[RunResult],
    fallback_rootdir: &Path,
    fallback_python: &str,
    stopped_early: Option<(u32, String)>,
    causes: &[(String, Vec<Cause>)],
    done: &[trials::Trial],
) -> ReportInput {
    ReportInput {
        command: command.to_vec(),
        rootdir: runs.iter().find_map(|r| r.session.rootdir.clone()).map(PathBuf::from).unwrap_or_else(|| fallback_rootdir.to_path_buf()),
        runs: runs.len() as u32,
        python: runs.iter().find_map(|r| r.session.python.clone()).unwrap_or_else(|| fallback_python.to_string()),
        lost_events: runs.iter().map(|r| r.end.lost_events).sum(),
        stopped_early,
        trials: causes.iter().map(|(n, _)| (n.clone(), trials::summarize(n, done))).filter(|(_, v)| !v.is_empty()).collect(),
    }
}

/// Which interpreter the command line visibly runs: the first word, else
/// a later word before pytest's own arguments (`uv run python -m pytest`).
/// Only a head start: it is probed before the command starts, and the
/// interpreters the traced tree actually runs are found as they start.
pub fn find_python(argv: &[String]) -> Option<PathBuf> {
    let upto = plugin::pytest_args_start(argv).unwrap_or(1).min(argv.len());
    argv[..upto]
        .iter()
        .filter(|a| !a.starts_with('-') && !a.contains('='))
        .find_map(|a| crate::python::resolve_python(a, None))
}

/// Whether `prog` names an executable file (directly or on PATH).
pub fn program_exists(prog: &str, cwd: &Path) -> bool {
    let is_exec = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    if prog.contains('/') {
        return is_exec(&cwd.join(prog));
    }
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| is_exec(&d.join(prog))))
        .unwrap_or(false)
}

/// `flakebpf run` with no classifier.
pub fn execute(args: RunArgs) -> anyhow::Result<Exit> {
    execute_with(args, &NoDiagnosis)
}

/// `flakebpf run`: checks, loads the tracer once, runs, reports.
pub fn execute_with(args: RunArgs, diagnoser: &dyn Diagnoser) -> anyhow::Result<Exit> {
    let mut ui = Ui::terminal();
    let mut plan = Plan::new(&args)?;
    if let Some(dir) = &plan.record {
        if dir.join(MANIFEST_FILE).exists() {
            ui.error(format!("{} already holds a recording ({MANIFEST_FILE}); choose another folder", dir.display()));
            return Ok(Exit::Usage);
        }
    }
    if let Err(e) = plan.outputs.check() {
        ui.error(format!("{e:#}"));
        return Ok(Exit::Usage);
    }
    let prog = &plan.command[0];
    if !program_exists(prog, &plan.cwd) {
        ui.error(format!("cannot start `{prog}`: command not found"));
        return Ok(Exit::CannotStart);
    }
    // The BPF side loads while the interpreter is inspected.
    crate::probes::Tracer::preload(&crate::probes::TraceOptions { deep: plan.deep, sample_hz: plan.sample_hz, ..Default::default() });
    // The interpreter the command line names, if any, is probed before the
    // command starts; any CPython the traced tree runs later (behind a
    // script, `tox`, `uv run`, `bash -c`...) gets its probes when it starts.
    let mut interpreter = None;
    match find_python(&plan.command) {
        None => {}
        Some(exe) => match crate::python::inspect(&exe) {
            Ok(interp) => {
                plan.python = Some(PythonInfo { exe: interp.exe.clone(), version: interp.version.to_string() });
                interpreter = Some(interp);
            }
            Err(e @ crate::python::PyError::Unsupported { .. }) => {
                ui.error(format!("{e}"));
                return Ok(Exit::Environment);
            }
            Err(e) => ui.warn(format!("{e}: no Python stacks for it (outcomes and verdicts still work)")),
        },
    }
    let opts = crate::probes::TraceOptions {
        deep: plan.deep,
        sample_hz: plan.sample_hz,
        python: interpreter,
        ..Default::default()
    };
    let mut backend = match traced::Traced::load(&opts) {
        Ok(b) => b,
        Err(e) => {
            ui.error(format!("{e}"));
            return Ok(Exit::Environment);
        }
    };
    // The tracer catches Ctrl-C (and stops the traced tree) itself.
    plan.stop = crate::probes::Tracer::interrupted;
    Ok(run_plan(&plan, &mut backend, diagnoser, &mut ui)?.exit)
}
