//! `flakebpf analyze DIR_OR_FILES... [--json FILE]`: runs the classifier on
//! traces saved by `flakebpf run --record DIR`, with the same result as the
//! live run. A DIR is a recording (its `manifest.json` lists the runs); a
//! FILE is one run's trace inside a recording (the runs given are analysed).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::classify::Classifier;
use crate::report::table::{self, Summary};
use crate::report::{Report, ReportInput};
use crate::run::manifest::{Manifest, MANIFEST_FILE};
use crate::run::{Diagnoser, RunResult, TestStats};

use super::exit;

#[derive(clap::Args, Clone, Debug)]
pub struct AnalyzeArgs {
    /// Recording folders (`run --record DIR`) or trace files inside them.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
    /// Write the `flakebpf.report/1` JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
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
    let (manifest, runs) = match load_inputs(&args.inputs) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("flakebpf: error: {e:#}");
            return exit::USAGE;
        }
    };
    let started = Instant::now();
    let stats = TestStats::compute(&runs);
    let classifier = Classifier::default();
    let causes = classifier.diagnose(&runs, &stats);
    let rootdir = runs
        .iter()
        .find_map(|r| r.session.rootdir.clone())
        .or_else(|| (!manifest.rootdir.is_empty()).then(|| manifest.rootdir.clone()))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(&manifest.cwd));
    let python = runs.iter().find_map(|r| r.session.python.clone()).unwrap_or_else(|| manifest.python.clone());
    let lost_events = runs.iter().map(|r| r.end.lost_events).sum();
    let input = ReportInput { command: manifest.command.clone(), rootdir, runs: runs.len() as u32, python, lost_events };
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
        color: table::color_wanted(std::io::stdout().is_terminal()),
    });
    print!("{text}");
    eprintln!("flakebpf: analysed {} runs in {:.1} s", runs.len(), started.elapsed().as_secs_f64());
    if stats.flaky().next().is_some() {
        exit::FLAKY
    } else {
        exit::OK
    }
}
