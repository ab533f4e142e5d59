//! `--record DIR`: one trace and one log per run plus `manifest.json`,
//! rewritten after every run, so `analyze` can redo the work offline and a
//! crash or Ctrl-C loses nothing already recorded.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::trials::Trial;
use super::RunResult;

pub const MANIFEST_SCHEMA: &str = "flakebpf.manifest/1";
pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub schema: String,
    pub tool_version: String,
    /// The command as the user gave it.
    pub command: Vec<String>,
    /// The command as executed in each run (plugin injected).
    pub executed: Vec<String>,
    pub cwd: String,
    pub rootdir: String,
    pub python: String,
    pub python_exe: String,
    pub deep: bool,
    pub sample_hz: u64,
    pub timeout_s: Option<f64>,
    /// The session was stopped by Ctrl-C.
    pub interrupted: bool,
    /// Completed runs; `trace_path` and `log_path` are relative to the folder.
    pub runs: Vec<RunResult>,
    /// Controlled reruns made after the runs.
    #[serde(default)]
    pub trials: Vec<Trial>,
    /// `--runs`, and why the session stopped before it.
    #[serde(default)]
    pub stopped_early: Option<(u32, String)>,
}

fn relative(p: &Option<PathBuf>, dir: &Path) -> Option<PathBuf> {
    p.as_ref().map(|p| p.strip_prefix(dir).map(Path::to_path_buf).unwrap_or_else(|_| p.clone()))
}

impl Manifest {
    /// Writes `DIR/manifest.json` (atomically), with run paths relative to `dir`.
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let mut m = self.clone();
        for r in &mut m.runs {
            r.trace_path = relative(&r.trace_path, dir);
            r.log_path = relative(&r.log_path, dir);
        }
        let tmp = dir.join(".manifest.json.tmp");
        let path = dir.join(MANIFEST_FILE);
        std::fs::write(&tmp, serde_json::to_string_pretty(&m)? + "\n")
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    /// Reads `DIR/manifest.json`, run paths made absolute.
    pub fn load(dir: &Path) -> anyhow::Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut m: Manifest = serde_json::from_str(&text).with_context(|| format!("{} is not a flakebpf manifest", path.display()))?;
        anyhow::ensure!(m.schema == MANIFEST_SCHEMA, "{}: unknown schema {:?}", path.display(), m.schema);
        for r in &mut m.runs {
            r.trace_path = r.trace_path.as_ref().map(|p| dir.join(p));
            r.log_path = r.log_path.as_ref().map(|p| dir.join(p));
        }
        Ok(m)
    }
}
