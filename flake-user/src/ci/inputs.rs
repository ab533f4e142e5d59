//! The inputs of `analyze` and `report`: any mix of `run --record` folders,
//! trace files inside them, and trace files of `flakebpf record` (CI jobs,
//! started or attached, from any number of machines). They are checked to
//! be runs of the same tests at the same revision ([`super::groups`]) and
//! become one list of runs with the context of the first input.

use std::path::{Path, PathBuf};

use super::groups::{self, Member};
use super::load::{self, JobRun, OutcomeSource};
use crate::run::manifest::{Manifest, MANIFEST_FILE, MANIFEST_SCHEMA};
use crate::run::RunResult;
use crate::trace::format::MAGIC;

/// What the inputs hold.
pub struct Loaded {
    /// The first recording's manifest, or one made from the first job.
    pub manifest: Manifest,
    pub runs: Vec<RunResult>,
    /// The trace files of CI jobs among the inputs, in input order.
    pub jobs: Vec<JobRun>,
}

impl Loaded {
    /// Where to read the tested code on this machine when the runs' rootdir
    /// is not here (CI jobs analysed on a laptop): the current folder, when
    /// it holds the test files the runs ran.
    pub fn source_root(&self) -> Option<PathBuf> {
        let root = self.runs.iter().find_map(|r| r.session.rootdir.clone())?;
        if Path::new(&root).is_dir() {
            return None;
        }
        let cwd = std::env::current_dir().ok()?;
        let file = self.runs.iter().flat_map(|r| &r.outcomes).map(|o| o.nodeid.split("::").next().unwrap_or_default()).find(|f| !f.is_empty())?;
        cwd.join(file).is_file().then_some(cwd)
    }

    /// What to tell the user about the jobs: where their outcomes came
    /// from, and the tests whose outcome could not be known and what would
    /// have given it.
    pub fn job_notes(&self) -> Vec<String> {
        let mut out = vec![];
        for j in &self.jobs {
            for w in &j.warnings {
                out.push(format!("warning: {w}"));
            }
            let from = match &j.source {
                OutcomeSource::Plugin => "flakebpf's pytest plugin".to_string(),
                OutcomeSource::JUnit(f) => format!("JUnit XML {f}"),
                OutcomeSource::Unknown => "nothing".to_string(),
            };
            out.push(format!("{}: {} test executions, outcomes from {from}", j.path.display(), j.run.outcomes.len()));
            if !j.unknown.is_empty() {
                let shown: Vec<&str> = j.unknown.iter().take(5).map(String::as_str).collect();
                let more = if j.unknown.len() > shown.len() { format!(" and {} more", j.unknown.len() - shown.len()) } else { String::new() };
                out.push(format!(
                    "{}: outcome unknown for {} test{} ({}{more}): the job had no flakebpf plugin and {}; record the job with `flakebpf record -- CMD` (loads the plugin), run pytest with `--junitxml FILE`, or give that file with `--outcomes FILE` for this trace",
                    j.path.display(),
                    j.unknown.len(),
                    if j.unknown.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if matches!(j.source, OutcomeSource::JUnit(_)) { "its JUnit XML does not list them" } else { "no JUnit XML was found" }
                ));
            }
        }
        out
    }
}

/// A `run --record` folder (with the one trace wanted of it, if only one).
type Recorded = (Option<PathBuf>, Manifest);

/// Whether `file` is one run's trace of the `run --record` folder it is in.
fn in_recording(file: &Path) -> Option<(PathBuf, Manifest)> {
    let dir = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.join(MANIFEST_FILE).exists() {
        return None;
    }
    let m = Manifest::load(dir).ok()?;
    let canon = std::fs::canonicalize(file).ok()?;
    m.runs.iter().any(|r| r.trace_path.as_ref().and_then(|p| std::fs::canonicalize(p).ok()).as_ref() == Some(&canon)).then_some((canon, m))
}

/// The flakebpf trace files directly in `dir` (by their magic bytes), sorted.
fn trace_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))? {
        let p = e?.path();
        let mut magic = [0u8; 8];
        let is_trace = std::fs::File::open(&p).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic)).is_ok() && &magic == MAGIC;
        if p.is_file() && is_trace {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// A manifest describing a CI job's trace, for the report's context.
fn manifest_of_job(j: &JobRun) -> Manifest {
    Manifest {
        schema: MANIFEST_SCHEMA.into(),
        tool_version: j.meta.tool_version.clone(),
        command: j.argv().to_vec(),
        executed: j.meta.command.clone(),
        cwd: j.cwd().to_string(),
        rootdir: j.run.session.rootdir.clone().unwrap_or_default(),
        python: j.run.session.python.clone().unwrap_or_else(|| j.meta.python.clone()),
        python_exe: j.meta.python_exe.clone(),
        deep: j.meta.deep,
        sample_hz: j.meta.sample_hz,
        timeout_s: None,
        interrupted: false,
        runs: vec![],
        trials: vec![],
        stopped_early: None,
    }
}

/// Loads `inputs`; `outcomes` are JUnit XML files, one per CI-job trace
/// in the order given (`-`: what the trace holds), or none.
pub fn load_inputs(inputs: &[PathBuf], outcomes: &[PathBuf]) -> anyhow::Result<Loaded> {
    let mut first: Option<Manifest> = None;
    let mut runs: Vec<RunResult> = vec![];
    let mut jobs: Vec<JobRun> = vec![];
    let mut members: Vec<Member> = vec![];
    let mut job_files: Vec<PathBuf> = vec![];
    let mut plan: Vec<(PathBuf, Option<Recorded>)> = vec![];
    for input in inputs {
        if input.is_dir() && input.join(MANIFEST_FILE).exists() {
            plan.push((input.clone(), Some((None, Manifest::load(input)?))));
        } else if input.is_dir() {
            // a folder of CI artifacts: the trace files in it
            let traces = trace_files(input)?;
            anyhow::ensure!(
                !traces.is_empty(),
                "{}: neither a `flakebpf run --record` folder ({MANIFEST_FILE}) nor a folder holding trace files of `flakebpf record`",
                input.display()
            );
            for t in traces {
                job_files.push(t.clone());
                plan.push((t, None));
            }
        } else if let Some((canon, m)) = in_recording(input) {
            plan.push((input.clone(), Some((Some(canon), m))));
        } else {
            anyhow::ensure!(input.exists(), "{}: no such file or folder", input.display());
            job_files.push(input.clone());
            plan.push((input.clone(), None));
        }
    }
    anyhow::ensure!(
        outcomes.is_empty() || outcomes.len() == job_files.len(),
        "--outcomes was given {} time{} for {} trace file{} of `flakebpf record`: give it once per trace file, in the same order",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" },
        job_files.len(),
        if job_files.len() == 1 { "" } else { "s" }
    );
    let mut next_junit = outcomes.iter();
    for (input, rec) in plan {
        match rec {
            Some((only, m)) => {
                for r in &m.runs {
                    let keep = match &only {
                        None => true,
                        Some(f) => r.trace_path.as_ref().and_then(|p| std::fs::canonicalize(p).ok()).as_ref() == Some(f),
                    };
                    if keep {
                        let mut r = r.clone();
                        r.index = runs.len() as u32 + 1;
                        runs.push(r);
                    }
                }
                members.push(Member { label: input.display().to_string(), argv: m.command.clone(), revision: None });
                first.get_or_insert(m);
            }
            None => {
                // `-` stands for "from the trace itself"
                let junit = next_junit.next().filter(|p| p.as_os_str() != "-");
                let j = load::load(&input, junit.map(PathBuf::as_path))?;
                members.push(Member { label: input.display().to_string(), argv: j.argv().to_vec(), revision: j.revision().map(String::from) });
                let mut r = j.run.clone();
                r.index = runs.len() as u32 + 1;
                runs.push(r);
                first.get_or_insert_with(|| manifest_of_job(&j));
                jobs.push(j);
            }
        }
    }
    groups::check(&members)?;
    let manifest = first.ok_or_else(|| anyhow::anyhow!("nothing to analyse"))?;
    anyhow::ensure!(!runs.is_empty(), "the inputs hold no completed runs");
    Ok(Loaded { manifest, runs, jobs })
}
