//! `flakebpf analyze DIR_OR_FILES... [--json FILE]`: runs the classifier on
//! traces saved by `flakebpf run --record DIR`, with the same result as the
//! live run, or on traces of CI jobs made by `flakebpf record`. A DIR is a
//! recording (its `manifest.json` lists the runs); a FILE is one run's
//! trace inside a recording, or one job's trace (see [`crate::ci`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::classify::Classifier;
use crate::report::table::{self, Summary};
use crate::report::{Cause, Report};
use crate::run::adaptive::Settler;
use crate::ci::inputs::Loaded;
use crate::run::repeat::PerExecution;
use crate::run::{report_input, Diagnoser, RunResult, TestStats};

use super::exit;

#[derive(clap::Args, Clone, Debug)]
pub struct AnalyzeArgs {
    /// Recording folders (`run --record DIR`), trace files inside them, or
    /// trace files of `flakebpf record` (CI jobs), in any mix.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
    /// JUnit XML of a `flakebpf record` trace whose job wrote it where its
    /// command line does not say: once per such trace, in the same order
    /// (`-` for a trace whose outcomes are found as usual).
    #[arg(long, value_name = "JUNIT_XML")]
    pub outcomes: Vec<PathBuf>,
    /// This machine's checkout of the code the runs tested, when it is not
    /// where they ran (traces of CI jobs: default, the current folder when
    /// it holds the tests).
    #[arg(long, value_name = "DIR")]
    pub source: Option<PathBuf>,
    /// Write the `flakebpf.report/1` JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Replay `run`'s early stop on the recording: analyse its runs one by
    /// one and stop where `run` would have stopped (for recordings made
    /// with `--all-runs`).
    #[arg(long)]
    pub stop_early: bool,
    #[command(flatten)]
    pub outputs: crate::report::outputs::OutputArgs,
}

/// The runs `run` would have kept with its early stop, and why it stopped.
fn replay_early_stop(classifier: &dyn Diagnoser, mut runs: Vec<RunResult>) -> (Vec<RunResult>, Option<(u32, String)>) {
    let cap = runs.len() as u32;
    let mut settler = Settler::default();
    for k in 1..cap as usize {
        if let Some(s) = settler.after_run(&runs[..k], classifier) {
            runs.truncate(k);
            return (runs, Some((cap, s.reason)));
        }
    }
    (runs, None)
}

/// The runs named by `inputs` (recordings and CI-job traces, see
/// [`crate::ci::inputs`]), with the manifest of the first input.
pub fn load_inputs(inputs: &[PathBuf], outcomes: &[PathBuf]) -> anyhow::Result<Loaded> {
    crate::ci::inputs::load_inputs(inputs, outcomes)
}

pub fn execute(args: AnalyzeArgs) -> u8 {
    if let Err(e) = args.outputs.check() {
        eprintln!("flakebpf: error: {e:#}");
        return exit::USAGE;
    }
    let (manifest, runs, notes, source) = match load_inputs(&args.inputs, &args.outcomes) {
        Ok(l) => (l.manifest.clone(), l.runs.clone(), l.job_notes(), args.source.clone().or_else(|| l.source_root())),
        Err(e) => {
            eprintln!("flakebpf: error: {e:#}");
            return exit::USAGE;
        }
    };
    let started = Instant::now();
    // sources are read from `source` (this machine's checkout) when the runs' rootdir is elsewhere
    let whole = Classifier::new(source.clone());
    // a test repeated inside a session is diagnosed over its executions
    let classifier = PerExecution(&whole);
    let (runs, stopped_early) = if args.stop_early { replay_early_stop(&classifier, runs) } else { (runs, manifest.stopped_early.clone()) };
    let stats = TestStats::compute(&runs);
    let causes: Vec<(String, Vec<Cause>)> = classifier
        .diagnose(&runs, &stats)
        .into_iter()
        .map(|(nodeid, list)| {
            let list = classifier.conclude(&nodeid, &runs, list, &manifest.trials);
            (nodeid, list)
        })
        .collect();
    let fallback_root = if manifest.rootdir.is_empty() { &manifest.cwd } else { &manifest.rootdir };
    let mut input = report_input(&manifest.command, &runs, Path::new(fallback_root), &manifest.python, stopped_early, &causes, &manifest.trials);
    if let Some(src) = source {
        input.rootdir = src;
    }
    let lost_events = input.lost_events;
    let report = Report::build(&input, &stats, &causes);
    if let Some(path) = &args.json {
        if let Err(e) = report.write(path) {
            eprintln!("flakebpf: error: {e:#}");
            return exit::USAGE;
        }
    }
    let text = table::render(&Summary {
        command: &manifest.command,
        stats: &stats,
        causes: &causes,
        lost_events,
        interrupted: manifest.interrupted,
        stopped_early: input.stopped_early.as_ref(),
        trials: &input.trials,
        rootdir: Some(&input.rootdir),
        color: table::color_wanted(std::io::stdout().is_terminal()),
    });
    print!("{text}");
    for n in &notes {
        eprintln!("flakebpf: {n}");
    }
    let session = crate::report::outputs::Session { report: &report, runs: &runs };
    if let Err(e) = crate::report::outputs::write_all(&args.outputs, &session, &mut std::io::stdout()) {
        eprintln!("flakebpf: error: {e:#}");
        return exit::USAGE;
    }
    eprintln!("flakebpf: analysed {} runs in {:.1} s", runs.len(), started.elapsed().as_secs_f64());
    // the process ends next: freeing every aligned event one by one would only cost time
    std::mem::forget(whole);
    if stats.flaky().next().is_some() {
        exit::FLAKY
    } else {
        exit::OK
    }
}
