//! What `flakebpf record` keeps of a CI job besides its events, so that
//! `analyze` can use the trace on another machine later: the job's real
//! command line, directory and git revision ([`JobInfo`], right after the
//! meta frame), and once it ended the files that say how its tests ended
//! ([`JobFile`]): the shipped pytest plugin's lines (`record -- CMD` loads
//! the plugin the way `run` does) and the `--junitxml` report it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use super::junit::junit_path;
use crate::trace::model::{JobFile, JobFileKind, JobInfo};

/// Largest file kept in a trace (a frame holds at most 16 MiB).
const MAX_KEPT: u64 = 15 << 20;

/// The commit checked out in the git work tree holding `dir`, if any.
/// `safe.directory` is widened because flakebpf runs as root in the
/// user's checkout; a missing `git` just means no revision.
pub fn git_revision(dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["-c", "safe.directory=*", "-C"])
        .arg(dir)
        .args(["rev-parse", "--verify", "-q", "HEAD"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let rev = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !rev.is_empty()).then_some(rev)
}

/// The job of a command flakebpf starts.
pub fn job_of_command(ts: u64, argv: &[String], cwd: &Path) -> JobInfo {
    JobInfo { ts, argv: argv.to_vec(), cwd: cwd.display().to_string(), git_revision: git_revision(cwd) }
}

/// The job of a running process: its `/proc/PID/cmdline` and `cwd`.
pub fn job_of_pid(ts: u64, pid: u32) -> anyhow::Result<JobInfo> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).map_err(|e| anyhow::anyhow!("no process {pid}: {e}"))?;
    let argv: Vec<String> = raw.split(|b| *b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    anyhow::ensure!(!argv.is_empty(), "process {pid} has no command line (a kernel thread, or it already exited)");
    let cwd = std::fs::read_link(format!("/proc/{pid}/cwd")).map_err(|e| anyhow::anyhow!("process {pid}: cannot read its working directory: {e}"))?;
    Ok(JobInfo { ts, argv, cwd: cwd.display().to_string(), git_revision: git_revision(&cwd) })
}

fn read_kept(path: &Path, since: SystemTime, warnings: &mut Vec<String>) -> Option<String> {
    let md = std::fs::metadata(path).ok()?;
    if md.modified().is_ok_and(|m| m < since) {
        warnings.push(format!("{} was not written by the traced job (older than the trace): not kept", path.display()));
        return None;
    }
    if md.len() > MAX_KEPT {
        warnings.push(format!("{} is larger than {} MiB: not kept in the trace (give it to `analyze --outcomes`)", path.display(), MAX_KEPT >> 20));
        return None;
    }
    match std::fs::read(path) {
        Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        Err(e) => {
            warnings.push(format!("cannot read {}: {e}", path.display()));
            None
        }
    }
}

/// The outcome files of a finished job: every `*.jsonl` file of the
/// plugin's folder, then the JUnit XML its command line names (when the
/// job wrote it after `since`). Problems become warnings.
pub fn outcome_files(ts: u64, plugin_out: Option<&Path>, job: &JobInfo, since: SystemTime, warnings: &mut Vec<String>) -> Vec<JobFile> {
    let mut out = vec![];
    if let Some(dir) = plugin_out {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if let Some(text) = read_kept(&f, since, warnings) {
                out.push(JobFile { ts, kind: JobFileKind::PluginOutcomes, path: f.display().to_string(), text });
            }
        }
    }
    if let Some(p) = junit_path(&job.argv, &job.cwd) {
        if p.exists() {
            if let Some(text) = read_kept(&p, since, warnings) {
                out.push(JobFile { ts, kind: JobFileKind::JUnitXml, path: p.display().to_string(), text });
            }
        } else {
            warnings.push(format!("the job's JUnit XML {} was not written", p.display()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_plugin_lines_and_the_junit_report_the_job_wrote() {
        let tmp = tempfile::tempdir().unwrap();
        let plug = tmp.path().join("plugin");
        std::fs::create_dir(&plug).unwrap();
        let since = SystemTime::now() - std::time::Duration::from_secs(5);
        std::fs::write(plug.join("12.jsonl"), "{\"ev\":\"end\"}\n").unwrap();
        std::fs::write(plug.join("notes.txt"), "x").unwrap();
        std::fs::write(tmp.path().join("j.xml"), "<testsuites/>").unwrap();
        let job = JobInfo { ts: 0, argv: vec!["pytest".into(), "--junitxml=j.xml".into()], cwd: tmp.path().display().to_string(), git_revision: None };
        let mut warnings = vec![];
        let files = outcome_files(7, Some(&plug), &job, since, &mut warnings);
        let got: Vec<_> = files.iter().map(|f| (f.kind, f.text.as_str())).collect();
        assert_eq!(got, vec![(JobFileKind::PluginOutcomes, "{\"ev\":\"end\"}\n"), (JobFileKind::JUnitXml, "<testsuites/>")]);
        assert!(warnings.is_empty(), "{warnings:?}");
        // a report left by an earlier job is not this job's
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        let files = outcome_files(7, None, &job, later, &mut warnings);
        assert!(files.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn an_attached_job_is_the_real_process() {
        let me = std::process::id();
        let job = job_of_pid(1, me).unwrap();
        assert_eq!(job.cwd, std::env::current_dir().unwrap().display().to_string());
        assert!(Path::new(&job.argv[0]).file_name().is_some(), "{:?}", job.argv);
        assert_ne!(job.argv[0], format!("--pid {me}"));
        assert!(job_of_pid(1, u32::MAX - 1).is_err());
    }
}
