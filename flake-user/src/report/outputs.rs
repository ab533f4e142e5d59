//! `--junit`, `--github`, `--sarif`, `--html` and `--perfetto` of `run` and
//! `analyze`: which outputs were asked for, and writing them all from one
//! [`Session`] (the `flakebpf.report/1` report and the runs it was made
//! of). Each format lives in its own module; this one only dispatches and
//! holds the wording they share.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{write_atomic, Report, TestReport, Verdict};
use crate::run::RunResult;

/// The outputs for CI systems and people, as `run` and `analyze` take them.
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct OutputArgs {
    /// Write JUnit XML to FILE (Surefire's shape: a flaky test carries one
    /// `flakyFailure` per failing run and the diagnosis in `system-out`).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Print GitHub Actions workflow commands (a warning at each proven
    /// root-cause line, a notice at an unproven one) and append a Markdown
    /// job summary to $GITHUB_STEP_SUMMARY when it is set.
    #[arg(long)]
    pub github: bool,
    /// Write SARIF 2.1.0 to FILE (a rule per category, a result per cause).
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
    /// Write a self-contained HTML page to FILE: verdicts, ranked causes
    /// with their source, a failing and a passing run's timeline, timings.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write a trace for the Perfetto UI to FILE (Chrome JSON trace format):
    /// threads, test slices, events with their Python stacks, wakeup flows.
    #[arg(long, value_name = "FILE")]
    pub perfetto: Option<PathBuf>,
}

impl OutputArgs {
    /// The files asked for, with the flag that names each.
    pub fn files(&self) -> Vec<(&'static str, &Path)> {
        [("--junit", &self.junit), ("--sarif", &self.sarif), ("--html", &self.html), ("--perfetto", &self.perfetto)]
            .into_iter()
            .filter_map(|(flag, p)| p.as_deref().map(|p| (flag, p)))
            .collect()
    }

    /// A file asked for that cannot be written (its folder is missing):
    /// said before any run, so a long session does not end in an error.
    pub fn check(&self) -> anyhow::Result<()> {
        for (flag, path) in self.files() {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            anyhow::ensure!(dir.is_dir(), "{flag} {}: the folder {} does not exist", path.display(), dir.display());
            anyhow::ensure!(!path.is_dir(), "{flag} {}: is a folder", path.display());
        }
        Ok(())
    }
}

/// What every output is built from.
pub struct Session<'a> {
    pub report: &'a Report,
    /// The observed runs (not the controlled reruns), with their traces
    /// and logs where they were kept.
    pub runs: &'a [RunResult],
}

impl Session<'_> {
    /// pytest's rootdir: every relative path of the report is under it.
    pub fn rootdir(&self) -> &Path {
        Path::new(&self.report.rootdir)
    }

    pub fn flaky(&self) -> impl Iterator<Item = &TestReport> {
        self.report.tests.iter().filter(|t| t.verdict == Verdict::Flaky)
    }
}

/// "failed 8 of 20 runs" (executions for a test repeated inside a session).
pub fn counts_text(t: &TestReport) -> String {
    let unit = if t.executions_per_run.is_some() { "executions" } else { "runs" };
    let ran = t.outcomes.total() - t.outcomes.skipped;
    format!("failed {} of {ran} {unit}", t.outcomes.bad())
}

/// The diagnosis of one test as plain text: verdict, counts and the
/// ranked causes with evidence and fix.
pub fn diagnosis_text(t: &TestReport) -> String {
    let mut s = format!("flakebpf: {} is {} ({})\n", t.nodeid, t.verdict, counts_text(t));
    if t.verdict == Verdict::Flaky && t.causes.is_empty() {
        s.push_str("No cause was found in the traces.\n");
    }
    for (i, c) in t.causes.iter().enumerate() {
        let proof = if c.proven { "proven by a controlled rerun" } else { "not proven" };
        s.push_str(&format!(
            "{}. {} at {}:{} in {} (confidence {:.2}, {proof})\n   evidence: {}\n   fix: {}\n",
            i + 1,
            c.category,
            c.file,
            c.line,
            c.function,
            c.confidence,
            c.evidence,
            c.fix
        ));
        if let Some(p) = &c.polluter {
            s.push_str(&format!("   polluter: {p}\n"));
        }
    }
    s
}

/// Writes every output `args` asks for; workflow commands go to `out`.
/// Returns the files written.
pub fn write_all(args: &OutputArgs, session: &Session, out: &mut dyn Write) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = vec![];
    if let Some(path) = &args.junit {
        write_atomic(path, super::junit::render(session)?.as_bytes())?;
        written.push(path.clone());
    }
    if let Some(path) = &args.sarif {
        write_atomic(path, super::sarif::render(session).as_bytes())?;
        written.push(path.clone());
    }
    if let Some(path) = &args.perfetto {
        write_atomic(path, super::perfetto::render(session)?.as_bytes())?;
        written.push(path.clone());
    }
    if let Some(path) = &args.html {
        write_atomic(path, super::html::render(session)?.as_bytes())?;
        written.push(path.clone());
    }
    if args.github {
        let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from);
        out.write_all(super::github::commands(session, workspace.as_deref()).as_bytes())?;
        out.flush()?;
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
            let summary = PathBuf::from(summary);
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)
                .with_context(|| format!("cannot append to GITHUB_STEP_SUMMARY {}", summary.display()))?;
            f.write_all(super::github::summary(session).as_bytes())?;
        }
    }
    Ok(written)
}
