//! Helpers for flakebpf's end-to-end tests: locating the `flakebpf`
//! binary and the CPython interpreters, running `record` and reading
//! `events --json`, and finding marked lines in test projects.
//!
//! These tests need root, BPF and uprobes. They never skip: on a machine
//! without them they fail with the reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// This crate's folder. Taken from the environment cargo sets when it
/// runs a test (the build-time value is only a fallback): a cached target
/// directory shared by clones at different paths may hold a test binary
/// built in another clone.
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The flakebpf binary under test: `$FLAKEBPF_BIN`, else the workspace's
/// release build.
pub fn flakebpf_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("FLAKEBPF_BIN") {
        return PathBuf::from(p);
    }
    let root = manifest_dir().parent().unwrap().to_path_buf();
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or(root.join("target"));
    let p = target.join("release/flakebpf");
    assert!(p.exists(), "{} does not exist: run `cargo build --release` first (or set FLAKEBPF_BIN)", p.display());
    p
}

/// The venv interpreter with pytest, pytest-asyncio, pytest-xdist and
/// pytest-repeat that `cargo xtask setup` makes: `$FLAKEBPF_TEST_PYTHON`,
/// else `.venv-test/` at the workspace root.
pub fn test_python() -> PathBuf {
    let p = std::env::var_os("FLAKEBPF_TEST_PYTHON").map(PathBuf::from).unwrap_or_else(|| {
        manifest_dir().parent().unwrap().join(".venv-test/bin/python")
    });
    assert!(
        p.exists(),
        "no venv python at {} (run `cargo xtask setup`, or set FLAKEBPF_TEST_PYTHON to a venv with pytest, pytest-asyncio, pytest-xdist, pytest-repeat)",
        p.display()
    );
    p
}

/// A test project under tests/projects.
pub fn project(name: &str) -> PathBuf {
    manifest_dir().join("projects").join(name)
}

/// The interpreters every tracing test covers: (label, executable).
pub fn interpreters() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for v in ["3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"] {
        let minor = &v[..v.rfind('.').unwrap()];
        let exe = PathBuf::from(format!("/root/.pyenv/versions/{v}/bin/python{minor}"));
        assert!(exe.exists(), "CPython {v} is missing at {}", exe.display());
        out.push((v.to_string(), exe));
    }
    let debian = PathBuf::from("/usr/bin/python3.11");
    if debian.exists() {
        out.push(("debian-3.11".to_string(), debian));
    }
    out
}

/// (major.minor, executable) of the pyenv CPython to run beside
/// `python`: another supported minor version than its own, 3.9 when it can.
pub fn other_cpython(python: &Path) -> (String, PathBuf) {
    let out = Command::new(python).args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).output().expect("running the test python");
    let own = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for e in std::fs::read_dir("/root/.pyenv/versions").expect("pyenv versions in /root/.pyenv/versions").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let mm: Vec<&str> = name.split('.').collect();
        if mm.len() != 3 || mm[0] != "3" || !(8..=13).contains(&mm[1].parse::<u32>().unwrap_or(0)) {
            continue;
        }
        let minor = format!("3.{}", mm[1]);
        let exe = e.path().join(format!("bin/python{minor}"));
        if minor != own && exe.exists() {
            found.push((minor, exe));
        }
    }
    found.sort_by_key(|(m, _)| (m != "3.9", m.clone()));
    found.into_iter().next().unwrap_or_else(|| panic!("no pyenv CPython 3.8–3.13 other than {own} in /root/.pyenv/versions"))
}

/// Line numbers of `# @marker` comments in `file`, by marker.
pub fn markers(file: &Path) -> BTreeMap<String, Vec<u32>> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = line.find("# @") {
            let name = line[pos + 3..].split_whitespace().next().unwrap_or("").to_string();
            out.entry(name).or_default().push(i as u32 + 1);
        }
    }
    out
}

/// Output of one command: status, stdout, stderr.
pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the flakebpf binary with `args` in `cwd`.
pub fn flakebpf(args: &[&str], cwd: &Path) -> Output {
    let out = Command::new(flakebpf_bin()).args(args).current_dir(cwd).output().expect("running flakebpf");
    Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Records `cmd` in `cwd` into a fresh trace and returns the parsed
/// `events --json` lines (meta first, end last) and record's stderr.
pub fn record_events(cmd: &[&str], cwd: &Path, extra: &[&str]) -> (Vec<Value>, String) {
    record_events_env(cmd, cwd, extra, &[])
}

/// [`record_events`] with variables added to flakebpf's (and so the
/// command's) environment.
pub fn record_events_env(cmd: &[&str], cwd: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("t.flaketrace");
    let mut args = vec!["record", "-o", trace.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push("--");
    args.extend_from_slice(cmd);
    let out = Command::new(flakebpf_bin()).args(&args).current_dir(cwd).envs(env.iter().copied()).output().expect("running flakebpf");
    let rec = Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(rec.status, 0, "flakebpf record failed:\n{}", rec.stderr);
    let ev = flakebpf(&["events", "--json", trace.to_str().unwrap()], cwd);
    assert_eq!(ev.status, 0, "flakebpf events failed:\n{}", ev.stderr);
    let events = ev.stdout.lines().map(|l| serde_json::from_str(l).expect("events --json line is JSON")).collect();
    (events, rec.stderr)
}

/// The innermost frame of `ev`'s stack in a file ending with `suffix`:
/// (line, function).
pub fn frame_in(ev: &Value, suffix: &str) -> Option<(u32, String)> {
    ev["stack"].as_array()?.iter().find_map(|f| {
        let file = f["file"].as_str()?;
        if file.ends_with(suffix) {
            Some((f["line"].as_u64()? as u32, f["function"].as_str()?.to_string()))
        } else {
            None
        }
    })
}
