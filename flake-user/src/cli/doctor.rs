//! `flakebpf doctor`: checks everything tracing needs on this machine and
//! says how to fix what is missing. Exit 0 when tracing will work, 3 when not.

use std::path::{Path, PathBuf};

use crate::cli::exit;
use crate::probes::{TraceOptions, Tracer};

/// Arguments of `flakebpf doctor`.
#[derive(clap::Args, Debug)]
pub struct DoctorArgs {
    /// Interpreter (or pytest / venv script / pyenv shim) to check; default `python3` on PATH.
    #[arg(long)]
    pub python: Option<String>,
}

struct Check {
    ok: bool,
    what: String,
    fix: Option<String>,
}

fn check(ok: bool, what: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { ok, what: what.into(), fix: if ok { None } else { Some(fix.into()) } }
}

pub fn execute(args: DoctorArgs) -> u8 {
    let mut checks = Vec::new();
    let root = nix::unistd::geteuid().is_root();
    checks.push(check(root, "running as root (BPF, perf events, uprobes)", "run `sudo flakebpf doctor`"));
    let btf = Path::new(crate::kernel::btf::VMLINUX_BTF).exists();
    checks.push(check(btf, "kernel BTF at /sys/kernel/btf/vmlinux", "use a kernel built with CONFIG_DEBUG_INFO_BTF=y"));
    if btf {
        match crate::kernel::btf::kernel_offsets() {
            Ok(k) => checks.push(check(true, format!("task_struct offsets from BTF (thread.fsbase at {})", k.task_fsbase), "")),
            Err(e) => checks.push(check(false, format!("reading task_struct from BTF: {e:#}"), "kernel BTF is unreadable")),
        }
    }
    let uprobe_pmu = Path::new("/sys/bus/event_source/devices/uprobe/type").exists();
    checks.push(check(uprobe_pmu, "uprobe perf PMU", "use a kernel with CONFIG_UPROBE_EVENTS=y"));
    let tracefs = Path::new("/sys/kernel/tracing/events").exists() || Path::new("/sys/kernel/debug/tracing/events").exists();
    checks.push(check(
        tracefs,
        "tracefs mounted (optional: flakebpf uses raw tracepoints; handy for bpftool and perf)",
        "mount -t tracefs nodev /sys/kernel/tracing",
    ));
    let python_arg = args.python.clone().unwrap_or_else(|| "python3".to_string());
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let python = match crate::cli::record::python_of_command(&python_arg, &cwd) {
        Ok(Some(py)) => {
            checks.push(check(
                true,
                format!("Python {} at {} (offsets: {})", py.version, py.exe.display(), py.offsets_source),
                "",
            ));
            Some(py)
        }
        Ok(None) => {
            checks.push(check(false, format!("{python_arg}: no CPython interpreter found"), "pass --python /path/to/python (CPython 3.8–3.13)"));
            None
        }
        Err(f) => {
            checks.push(check(false, format!("{python_arg}: {:#}", f.error), "use CPython 3.8–3.13 built with symbols"));
            None
        }
    };
    if root && btf && uprobe_pmu {
        let opts = TraceOptions { python, ..Default::default() };
        match Tracer::load(&opts) {
            Ok(t) => {
                checks.push(check(true, format!("BPF programs verified and attached ({} uprobe sites)", t.notes.len()), ""));
                checks.push(check(true, t.uprobe_attach(), ""));
                let verified = t.verified_insns();
                if !verified.is_empty() {
                    let total: u32 = verified.iter().map(|(_, n)| n).sum();
                    let each: Vec<String> = verified.iter().map(|(name, n)| format!("{} {n}", name.trim_start_matches("flake_"))).collect();
                    checks.push(check(true, format!("verifier: {total} instructions processed ({})", each.join(", ")), ""));
                }
                for n in &t.notes {
                    checks.push(check(true, format!("  {n}"), ""));
                }
                for w in &t.warnings {
                    checks.push(check(false, format!("  {w} (optional)"), "use an interpreter built with symbols, e.g. pyenv's"));
                }
            }
            Err(e) => checks.push(check(false, format!("loading the BPF programs: {e}"), "see the message above; `flakebpf doctor` as root on kernel ≥ 5.15")),
        }
    }
    let mut bad = 0;
    for c in &checks {
        println!("{} {}", if c.ok { "ok  " } else { "FAIL" }, c.what);
        if let Some(f) = &c.fix {
            println!("     fix: {f}");
            if !c.what.contains("optional") {
                bad += 1;
            }
        }
    }
    if bad == 0 {
        println!("flakebpf can trace on this machine.");
        exit::OK
    } else {
        println!("{bad} problem(s) found.");
        exit::ENVIRONMENT
    }
}
