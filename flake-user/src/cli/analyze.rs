//! `flakebpf analyze DIR_OR_FILES... [--json FILE]`: runs the classifier on
//! traces saved by `flakebpf run --record DIR`, with the same result as the
//! live run. A DIR is a recording (its `manifest.json` lists the runs); a
//! FILE is one run's trace inside a recording (the runs given are analysed).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::classify::Classifier;
use crate::report::table::{self, Summary};
use crate::report::{Cause, Report};
use crate::run::adaptive::Settler;
use crate::run::manifest::{Manifest, MANIFEST_FILE};
use crate::run::repeat::PerExecution;
use crate::run::{report_input, Diagnoser, RunResult, TestStats};

use super::exit;

#[derive(clap::Args, Clone, Debug)]
pub struct AnalyzeArgs {
    /// Recording folders (`run --record DIR`) or trace files inside them.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
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

/// The runs named by `inputs`, with the manifest of the first recording.
pub fn load_inputs(inputs: &[PathBuf]) -> anyhow::Result<(Manifest, Vec<RunResult>)> {
    let mut first: Option<Manifest> = None;
    let mut runs: Vec<RunResult> = vec![];
    for input in inputs {
        let (dir, only): (&Path, Option<PathBuf>) = if input.is_dir() {
            (input.as_path(), None)
        } else {
            let dir = input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            (dir, Some(std::fs::canonicalize(input).unwrap_or_else(|_| input.clone())))
        };
        anyhow::ensure!(dir.join(MANIFEST_FILE).exists(), "{}: no {MANIFEST_FILE} (not a `flakebpf run --record` folder)", dir.display());
        let m = Manifest::load(dir)?;
        for r in &m.runs {
            let keep = match &only {
                None => true,
                Some(f) => r.trace_path.as_ref().is_some_and(|p| std::fs::canonicalize(p).map(|p| &p == f).unwrap_or(false)),
            };
            if keep {
                let mut r = r.clone();
                r.index = runs.len() as u32 + 1;
                runs.push(r);
            }
        }
        if first.is_none() {
            first = Some(m);
        }
    }
    let m = first.ok_or_else(|| anyhow::anyhow!("nothing to analyse"))?;
    anyhow::ensure!(!runs.is_empty(), "the inputs hold no completed runs");
    Ok((m, runs))
}

pub fn execute(args: AnalyzeArgs) -> u8 {
    if let Err(e) = args.outputs.check() {
        eprintln!("flakebpf: error: {e:#}");
        return exit::USAGE;
    }
    let (manifest, runs) = match load_inputs(&args.inputs) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("flakebpf: error: {e:#}");
            return exit::USAGE;
        }
    };
    let started = Instant::now();
    let whole = Classifier::default();
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
    let input = report_input(&manifest.command, &runs, Path::new(fallback_root), &manifest.python, stopped_early, &causes, &manifest.trials);
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
    let session = crate::report::outputs::Session { report: &report, runs: &runs };
    if let Err(e) = crate::report::outputs::write_all(&args.outputs, &session, &mut std::io::stdout()) {
        eprintln!("flakebpf: error: {e:#}");
        return exit::USAGE;
    }
    eprintln!("flakebpf: analysed {} runs in {:.1} s", runs.len(), started.elapsed().as_secs_f64());
    if stats.flaky().next().is_some() {
        exit::FLAKY
    } else {
        exit::OK
    }
}
