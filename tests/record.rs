//! `flakebpf record` beyond single-run tracing: attaching to a running
//! process (`--pid`), running the command as the sudo user, deep mode,
//! clear errors on bad trace files, and how its uprobes are attached.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use flakebpf_e2e::{flakebpf, flakebpf_bin, frame_in, markers, project};
use serde_json::Value;

const PY311: &str = "/root/.pyenv/versions/3.11.7/bin/python3.11";

fn events_json(trace: &Path) -> Vec<Value> {
    let out = flakebpf(&["events", "--json", trace.to_str().unwrap()], Path::new("/"));
    assert_eq!(out.status, 0, "{}", out.stderr);
    out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn wait_for(p: &Path) {
    let t = Instant::now();
    while !p.exists() {
        assert!(t.elapsed() < Duration::from_secs(20), "{} never appeared", p.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn attach_to_a_running_process_with_pid() {
    let dir = project("attach");
    let tmp = tempfile::tempdir().unwrap();
    let (flag, ready, trace) = (tmp.path().join("stop"), tmp.path().join("ready"), tmp.path().join("t.flaketrace"));
    let mut child = Command::new(PY311)
        .arg(dir.join("waiter.py"))
        .arg(&flag)
        .arg(&ready)
        .spawn()
        .unwrap();
    wait_for(&ready);
    let pid = child.id().to_string();
    let rec = Command::new(flakebpf_bin())
        .args(["record", "--pid", &pid, "--duration", "30", "-o", trace.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Let it see some polling, then let the process finish: record stops with it.
    std::thread::sleep(Duration::from_secs(6));
    std::fs::write(&flag, "").unwrap();
    child.wait().unwrap();
    let out = rec.wait_with_output().unwrap();
    assert!(out.status.success(), "record --pid failed");
    let events = events_json(&trace);
    let line = markers(&dir.join("waiter.py"))["poll"][0];
    let polls = events
        .iter()
        .filter(|e| e["kind"] == "clock" && e["clock"] == "CLOCK_REALTIME" && frame_in(e, "waiter.py") == Some((line, "<module>".into())))
        .count();
    assert!(polls >= 10, "only {polls} wall-clock reads at waiter.py:{line} seen after attaching");
    assert!(events.iter().all(|e| e.get("pid").is_none_or(|p| p.as_u64() == Some(child.id() as u64))));
    assert_eq!(events.last().unwrap()["end"]["root_pid"], child.id());
}

#[test]
fn command_runs_as_the_sudo_user_and_files_are_theirs() {
    let dir = project("attach");
    let tmp = tempfile::tempdir().unwrap();
    // nobody must be able to write the result and the trace.
    std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let (who, trace) = (tmp.path().join("who"), tmp.path().join("t.flaketrace"));
    // pyenv's interpreters live under /root (mode 0700), which nobody cannot enter.
    let out = Command::new(flakebpf_bin())
        .args(["record", "-o", trace.to_str().unwrap(), "--", "/usr/bin/python3.11"])
        .arg(dir.join("whoami.py"))
        .arg(&who)
        .env("SUDO_UID", "65534")
        .env("SUDO_GID", "65534")
        .env("SUDO_USER", "nobody")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&who).unwrap();
    let parts: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(&parts[..2], &["65534", "65534"], "the command ran as {text}");
    assert_eq!(parts[2], "/nonexistent", "HOME is the sudo user's");
    let meta = std::fs::metadata(&trace).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "the trace belongs to the sudo user");
}

#[test]
fn deep_mode_reports_every_call_on_3_8_to_3_10() {
    // On 3.8-3.10 every Python call enters the eval loop. (3.11+ runs
    // Python-to-Python calls inside one eval loop activation.)
    let dir = project("attach");
    for v in ["3.8.18", "3.9.18", "3.10.13"] {
        let minor = &v[..v.rfind('.').unwrap()];
        let exe = format!("/root/.pyenv/versions/{v}/bin/python{minor}");
        let tmp = tempfile::tempdir().unwrap();
        let trace = tmp.path().join("t.flaketrace");
        let out = flakebpf(&["record", "--deep", "-o", trace.to_str().unwrap(), "--", &exe, "deep.py"], &dir);
        assert_eq!(out.status, 0, "{v}: {}", out.stderr);
        let events = events_json(&trace);
        let calls = |f: &str| {
            events
                .iter()
                .filter(|e| e["kind"] == "pycall" && e["exit"] == false && e["function"] == f && e["file"].as_str().unwrap_or("").ends_with("deep.py"))
                .count()
        };
        assert_eq!((calls("outer"), calls("inner")), (1, 3), "{v}: calls of outer and inner");
    }
}

/// True on a kernel with multi-uprobe links (6.6 and later).
fn kernel_has_uprobe_multi() -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    let mut v = release.trim().split(|c: char| !c.is_ascii_digit()).map(|p| p.parse::<u32>().unwrap_or(0));
    (v.next().unwrap_or(0), v.next().unwrap_or(0)) >= (6, 6)
}

#[test]
fn doctor_says_how_uprobes_are_attached() {
    let out = flakebpf(&["doctor", "--python", PY311], Path::new("/"));
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let line = out.stdout.lines().find(|l| l.contains("uprobes: ")).unwrap_or_else(|| panic!("no uprobes line in:\n{}", out.stdout));
    if kernel_has_uprobe_multi() {
        assert_eq!(line, "ok   uprobes: one uprobe_multi link per binary (removed in one kernel grace period)");
    } else {
        assert!(line.starts_with("ok   uprobes: one perf event per site"), "{line}");
    }
}

#[test]
fn bad_trace_files_give_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let junk = tmp.path().join("junk");
    std::fs::write(&junk, b"not a trace at all").unwrap();
    let out = flakebpf(&["events", junk.to_str().unwrap()], tmp.path());
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("not a flakebpf trace"), "{}", out.stderr);
    let missing = flakebpf(&["events", "/nonexistent/t.flaketrace"], tmp.path());
    assert_eq!(missing.status, 2);

    // A real trace cut in the middle: readable up to the cut, says so, no panic.
    let trace = tmp.path().join("t.flaketrace");
    let dir = project("attach");
    let rec = flakebpf(&["record", "-o", trace.to_str().unwrap(), "--", PY311, "deep.py"], &dir);
    assert_eq!(rec.status, 0, "{}", rec.stderr);
    let bytes = std::fs::read(&trace).unwrap();
    let cut = tmp.path().join("cut.flaketrace");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = flakebpf(&["events", "--json", cut.to_str().unwrap()], tmp.path());
    assert_eq!(out.status, 0, "{}", out.stderr);
    let last: Value = serde_json::from_str(out.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["truncated"], true);
    assert!(out.stdout.lines().count() > 10, "events before the cut are kept");
    // Usage errors.
    let none = flakebpf(&["record"], tmp.path());
    assert_eq!(none.status, 2, "{}", none.stderr);
    assert!(none.stderr.contains("nothing to trace"));
    let nostart = flakebpf(&["record", "-o", trace.to_str().unwrap(), "--", "/nonexistent/cmd"], tmp.path());
    assert_eq!(nostart.status, 4, "{}", nostart.stderr);
}
