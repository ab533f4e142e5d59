//! Loading, configuring and attaching flakebpf's BPF programs, and recording
//! a traced command. A [`Tracer`] is loaded and attached once and reused for
//! every run (load + attach costs hundreds of ms here); each
//! [`Tracer::record`] starts the command, drains the ring buffer
//! periodically (the BPF side never wakes user space), decodes records and
//! hands them to a sink. Dropping the tracer detaches every probe.

pub mod codeobj;
pub mod sites;
pub mod spawn;
pub mod syscalls;

use std::os::fd::{AsFd, AsRawFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use aya::maps::{Array, HashMap as BpfHashMap, MapData, PerCpuArray, RingBuf};
use aya::programs::perf_event::{PerfEventConfig, PerfEventScope, SamplePolicy, SoftwareEvent};
use aya::programs::uprobe::{UProbeAttachLocation, UProbeAttachPoint, UProbeScope};
use aya::programs::{PerfEvent, RawTracePoint, UProbe};
use aya::{Ebpf, EbpfLoader};
use flake_common::{kind, Global, ProcPy, PyOffsets, Site, SysSpec};
use iced_x86::Register;

use crate::events::decode::decode;
use crate::python::elf::ElfSymbols;
use crate::python::{Interpreter, PyVersion};
use crate::trace::model::{Record, TraceEnd, TraceMeta};

static BPF_OBJECT: &[u8] = aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/flake-ebpf"));

/// Why tracing could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("flakebpf needs root (or CAP_BPF and CAP_PERFMON) to load its probes; run it with sudo")]
    NotPrivileged,
    #[error("this flakebpf binary was built without its BPF object (AYA_BUILD_SKIP); rebuild it normally")]
    NoBpfObject,
    #[error("{0}")]
    Kernel(String),
}

/// What to trace.
#[derive(Clone, Debug)]
pub struct TraceOptions {
    /// Per-call uprobes on the eval loop (function entry/exit timings).
    pub deep: bool,
    /// On-CPU sampling frequency in Hz (0 = off).
    pub sample_hz: u64,
    /// The interpreter whose binaries get uprobes.
    pub python: Option<Interpreter>,
    /// Walk the Python stack when a traced thread leaves the CPU.
    pub stack_at_switch: bool,
}

impl Default for TraceOptions {
    fn default() -> Self {
        TraceOptions { deep: false, sample_hz: DEFAULT_SAMPLE_HZ, python: None, stack_at_switch: true }
    }
}

/// Default on-CPU sampling rate: ~0.1 % CPU at ~5 µs per sampled stack.
pub const DEFAULT_SAMPLE_HZ: u64 = 199;

/// The command one run traces.
#[derive(Clone, Debug)]
pub struct CommandSpec {
    pub argv: Vec<String>,
    pub cwd: PathBuf,
    pub extra_env: Vec<(String, String)>,
    pub timeout: Option<Duration>,
}

/// Loaded and attached BPF programs.
pub struct Tracer {
    ebpf: Ebpf,
    ring: RingBuf<MapData>,
    traced: BpfHashMap<MapData, u32, u32>,
    /// Raw fd of `traced`, for the child to register itself before exec.
    traced_fd: std::os::fd::RawFd,
    procs: BpfHashMap<MapData, u32, ProcPy>,
    lost: PerCpuArray<MapData, u64>,
    stopcodes: BpfHashMap<MapData, [u8; 16], u8>,
    python: Option<Interpreter>,
    opts: TraceOptions,
    /// Human-readable notes about how probes were placed (for `doctor`/logs).
    pub notes: Vec<String>,
    /// What this tracer cannot see on this machine (printed by every command).
    pub warnings: Vec<String>,
    run_as: Option<spawn::RunAs>,
    codes: codeobj::CodeReader,
}

/// Checks for root-equivalent privilege (BPF and perf events).
pub fn check_privilege() -> Result<(), SetupError> {
    if nix::unistd::geteuid().is_root() {
        Ok(())
    } else {
        Err(SetupError::NotPrivileged)
    }
}

fn kerr(what: &str, e: impl std::fmt::Display) -> SetupError {
    SetupError::Kernel(format!("{what}: {e}"))
}

impl Tracer {
    /// Loads the programs, fills the configuration maps and attaches every probe.
    pub fn load(opts: &TraceOptions) -> Result<Tracer, SetupError> {
        check_privilege()?;
        if BPF_OBJECT.is_empty() {
            return Err(SetupError::NoBpfObject);
        }
        let _ = rlimit_memlock();
        let mut ebpf = EbpfLoader::new().load(BPF_OBJECT).map_err(|e| kerr("loading BPF object", e))?;
        let k = crate::kernel::btf::kernel_offsets().map_err(|e| kerr("kernel BTF", format!("{e:#}")))?;
        let global = Global {
            task_fsbase: k.task_fsbase,
            task_pid: k.task_pid,
            task_tgid: k.task_tgid,
            task_exit_code: k.task_exit_code,
            bprm_filename: k.bprm_filename,
            stack_at_switch: opts.stack_at_switch as u32,
            clock_intents: 0,
            _pad: 0,
            min_offcpu_ns: 0,
        };
        {
            let mut g: Array<_, Global> =
                Array::try_from(ebpf.map_mut("GLOBAL").ok_or_else(|| kerr("map", "GLOBAL missing"))?)
                    .map_err(|e| kerr("GLOBAL", e))?;
            g.set(0, global, 0).map_err(|e| kerr("GLOBAL", e))?;
            let mut sys: Array<_, SysSpec> =
                Array::try_from(ebpf.map_mut("SYSCALLS").ok_or_else(|| kerr("map", "SYSCALLS missing"))?)
                    .map_err(|e| kerr("SYSCALLS", e))?;
            for (nr, spec) in syscalls::capture_table() {
                sys.set(nr, spec, 0).map_err(|e| kerr("SYSCALLS", e))?;
            }
        }
        let mut notes = Vec::new();
        let mut warnings = Vec::new();
        let mut sites: Vec<(PathBuf, u64, Site, &'static str)> = Vec::new();
        if let Some(py) = &opts.python {
            let mut offs: Array<_, PyOffsets> =
                Array::try_from(ebpf.map_mut("PYOFFSETS").ok_or_else(|| kerr("map", "PYOFFSETS missing"))?)
                    .map_err(|e| kerr("PYOFFSETS", e))?;
            offs.set(0, py.offsets, 0).map_err(|e| kerr("PYOFFSETS", e))?;
            plan_python_sites(py, 0, opts.deep, &mut sites, &mut notes, &mut warnings).map_err(|e| kerr("python probes", format!("{e:#}")))?;
        }
        plan_libc_sites(&mut sites, &mut notes).map_err(|e| kerr("libc probes", format!("{e:#}")))?;
        let intents = sites.iter().any(|(_, _, s, _)| s.kind == kind::CLOCK_INTENT);
        {
            let mut g: Array<_, Global> =
                Array::try_from(ebpf.map_mut("GLOBAL").ok_or_else(|| kerr("map", "GLOBAL missing"))?)
                    .map_err(|e| kerr("GLOBAL", e))?;
            g.set(0, Global { clock_intents: intents as u32, ..global }, 0).map_err(|e| kerr("GLOBAL", e))?;
        }
        {
            let mut sm: Array<_, Site> =
                Array::try_from(ebpf.map_mut("SITES").ok_or_else(|| kerr("map", "SITES missing"))?)
                    .map_err(|e| kerr("SITES", e))?;
            for (i, (_, _, site, _)) in sites.iter().enumerate() {
                sm.set(i as u32, *site, 0).map_err(|e| kerr("SITES", e))?;
            }
        }
        // Raw tracepoints.
        for (prog, tp) in [
            ("flake_sys_enter", "sys_enter"),
            ("flake_sys_exit", "sys_exit"),
            ("flake_sched_switch", "sched_switch"),
            ("flake_sched_wakeup", "sched_waking"),
            ("flake_fork", "sched_process_fork"),
            ("flake_exec", "sched_process_exec"),
            ("flake_exit", "sched_process_exit"),
        ] {
            let p: &mut RawTracePoint = ebpf
                .program_mut(prog)
                .ok_or_else(|| kerr("program", prog))?
                .try_into()
                .map_err(|e| kerr(prog, e))?;
            p.load().map_err(|e| kerr(&format!("verifying {prog}"), verifier(e)))?;
            p.attach(tp).map_err(|e| kerr(&format!("attaching {prog} to {tp}"), e))?;
        }
        // Uprobes: one program, one attachment per site (cookie = site index).
        {
            let up: &mut UProbe = ebpf
                .program_mut("flake_uprobe")
                .ok_or_else(|| kerr("program", "flake_uprobe"))?
                .try_into()
                .map_err(|e| kerr("flake_uprobe", e))?;
            up.load().map_err(|e| kerr("verifying flake_uprobe", verifier(e)))?;
            for (i, (path, file_off, _, what)) in sites.iter().enumerate() {
                let point = UProbeAttachPoint {
                    location: UProbeAttachLocation::AbsoluteOffset(*file_off),
                    cookie: Some(i as u64),
                };
                up.attach(point, path, UProbeScope::AllProcesses)
                    .map_err(|e| kerr(&format!("attaching uprobe {what} in {}", path.display()), e))?;
            }
        }
        if opts.deep {
            if let Some(py) = &opts.python {
                let (path, off) = eval_frame_site(py).map_err(|e| kerr("deep mode", format!("{e:#}")))?;
                let rp: &mut aya::programs::UProbe = ebpf
                    .program_mut("flake_uretprobe")
                    .ok_or_else(|| kerr("program", "flake_uretprobe"))?
                    .try_into()
                    .map_err(|e| kerr("flake_uretprobe", e))?;
                rp.load().map_err(|e| kerr("verifying flake_uretprobe", verifier(e)))?;
                rp.attach(UProbeAttachLocation::AbsoluteOffset(off), &path, UProbeScope::AllProcesses)
                    .map_err(|e| kerr("attaching uretprobe to the eval loop", e))?;
            }
        }
        if opts.sample_hz > 0 {
            let pe: &mut PerfEvent = ebpf
                .program_mut("flake_sample")
                .ok_or_else(|| kerr("program", "flake_sample"))?
                .try_into()
                .map_err(|e| kerr("flake_sample", e))?;
            pe.load().map_err(|e| kerr("verifying flake_sample", verifier(e)))?;
            let cpus = aya::util::online_cpus().map_err(|(_, e)| kerr("online cpus", e))?;
            for cpu in cpus {
                pe.attach(
                    PerfEventConfig::Software(SoftwareEvent::CpuClock),
                    PerfEventScope::AllProcessesOneCpu { cpu },
                    SamplePolicy::Frequency(opts.sample_hz),
                    false,
                )
                .map_err(|e| kerr("attaching the sampler", e))?;
            }
        }
        let ring = RingBuf::try_from(ebpf.take_map("EVENTS").ok_or_else(|| kerr("map", "EVENTS"))?)
            .map_err(|e| kerr("EVENTS", e))?;
        let traced_map = ebpf.take_map("TRACED").ok_or_else(|| kerr("map", "TRACED"))?;
        let traced_fd = match &traced_map {
            aya::maps::Map::HashMap(md) => md.fd().as_fd().as_raw_fd(),
            _ => return Err(kerr("TRACED", "not a hash map")),
        };
        let traced = BpfHashMap::try_from(traced_map).map_err(|e| kerr("TRACED", e))?;
        let procs = BpfHashMap::try_from(ebpf.take_map("PROCS").ok_or_else(|| kerr("map", "PROCS"))?)
            .map_err(|e| kerr("PROCS", e))?;
        let lost = PerCpuArray::try_from(ebpf.take_map("LOST").ok_or_else(|| kerr("map", "LOST"))?)
            .map_err(|e| kerr("LOST", e))?;
        let stopcodes = BpfHashMap::try_from(ebpf.take_map("STOPCODE").ok_or_else(|| kerr("map", "STOPCODE"))?)
            .map_err(|e| kerr("STOPCODE", e))?;
        // The drain loop yields the CPU to the traced command.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) };
        let run_as = spawn::RunAs::from_sudo_env().map_err(|e| kerr("sudo user", format!("{e:#}")))?;
        crate::signals::catch_interrupts();
        Ok(Tracer { ebpf, ring, traced, traced_fd, procs, lost, stopcodes, python: opts.python.clone(), opts: opts.clone(), notes, warnings, run_as, codes: codeobj::CodeReader::new(opts.python.as_ref()) })
    }

    /// The interpreter the probes were placed for.
    pub fn python(&self) -> Option<&Interpreter> {
        self.python.as_ref()
    }

    /// Who traced commands run as.
    pub fn run_as(&self) -> Option<&spawn::RunAs> {
        self.run_as.as_ref()
    }

    /// True once SIGINT or SIGTERM arrived.
    pub fn interrupted() -> bool {
        crate::signals::interrupted()
    }

    /// A `TraceMeta` for `cmd` filled with what the tracer knows.
    pub fn meta_for(&self, cmd: &CommandSpec) -> TraceMeta {
        let (real, mono) = clocks();
        TraceMeta {
            command: cmd.argv.clone(),
            cwd: cmd.cwd.display().to_string(),
            python: self.python.as_ref().map(|p| p.version.to_string()).unwrap_or_default(),
            python_exe: self.python.as_ref().map(|p| p.exe.display().to_string()).unwrap_or_default(),
            py_code_adaptive: self.python.as_ref().map(|p| p.code_adaptive).unwrap_or(0),
            root_pid: 0,
            realtime_offset_ns: real - mono as i64,
            start_ns: mono,
            sample_hz: self.opts.sample_hz,
            deep: self.opts.deep,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            created_unix: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        }
    }

    fn lost_total(&self) -> u64 {
        self.lost.get(&0, 0).map(|v| v.iter().sum()).unwrap_or(0)
    }

    fn version(&self) -> Option<PyVersion> {
        self.python.as_ref().map(|p| p.version.clone())
    }

    /// Drains every queued record into `sink`. Code objects of frames the
    /// kernel did not copy are read from the process while it is alive and
    /// sent before the event that needs them.
    fn drain(&mut self, sink: &mut dyn FnMut(&Record) -> Result<()>, count: &mut u64) -> Result<()> {
        let version = self.version();
        let mut batch = Vec::new();
        while let Some(item) = self.ring.next() {
            match decode(&item, version.as_ref()) {
                Ok(rec) => batch.push(rec),
                Err(e) => log::warn!("dropping an undecodable kernel record: {e}"),
            }
        }
        // Split borrows: the interpreter is read on every record, not cloned.
        let Tracer { python, codes, procs, stopcodes, .. } = self;
        for rec in batch {
            if let Some(py) = python.as_ref() {
                if let Record::Event(ev) = &rec {
                    if !ev.stack.is_empty() && !codes.has_runtime(ev.pid) {
                        if let Ok(p) = procs.get(&ev.pid, 0) {
                            codes.set_runtime(ev.pid, p.runtime);
                        }
                    }
                }
                for extra in codes.observe(&rec, py) {
                    note_runner_boundary(stopcodes, procs, &extra);
                    sink(&extra)?;
                }
                note_runner_boundary(stopcodes, procs, &rec);
            }
            *count += 1;
            sink(&rec)?;
        }
        Ok(())
    }

    /// Runs `cmd` once under tracing; every record goes to `sink`, starting
    /// with none (the caller writes `meta`, e.g. from [`Tracer::meta_for`]).
    pub fn record(&mut self, cmd: &CommandSpec, sink: &mut dyn FnMut(&Record) -> Result<()>) -> Result<(TraceEnd, u32)> {
        let lost0 = self.lost_total();
        let mut count = 0u64;
        // Anything left from an earlier run is not this run's.
        self.drain(&mut |_| Ok(()), &mut 0)?;
        let fd = self.traced_fd;
        let mut child = spawn::spawn_traced(&cmd.argv, &cmd.cwd, &cmd.extra_env, self.run_as.as_ref(), fd)?;
        let root = child.id();
        let started = Instant::now();
        let mut end = TraceEnd::default();
        let mut kill_sent: Option<Instant> = None;
        let status = loop {
            self.drain(sink, &mut count)?;
            if let Some(st) = child.try_wait()? {
                break st;
            }
            let timed_out = cmd.timeout.is_some_and(|t| started.elapsed() > t);
            if (timed_out || Self::interrupted()) && kill_sent.is_none() {
                end.timed_out = timed_out;
                end.interrupted = Self::interrupted();
                let sig = if timed_out { libc::SIGKILL } else { libc::SIGINT };
                unsafe { libc::kill(-(root as i32), sig) };
                kill_sent = Some(Instant::now());
            }
            if kill_sent.is_some_and(|t| t.elapsed() > Duration::from_secs(3)) {
                unsafe { libc::kill(-(root as i32), libc::SIGKILL) };
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        // Stop what is left of the tree, then take the last records.
        unsafe { libc::kill(-(root as i32), libc::SIGKILL) };
        std::thread::sleep(Duration::from_millis(5));
        self.drain(sink, &mut count)?;
        self.forget_processes();
        use std::os::unix::process::ExitStatusExt;
        end.root_pid = root;
        end.exit_code = status.code();
        end.signal = status.signal();
        end.lost_events = self.lost_total().saturating_sub(lost0);
        end.events = count;
        end.end_ns = clocks().1;
        Ok((end, root))
    }

    /// Removes every traced process from the kernel maps.
    fn forget_processes(&mut self) {
        self.codes.reset();
        let keys: Vec<u32> = self.traced.keys().filter_map(|k| k.ok()).collect();
        for k in keys {
            let _ = self.traced.remove(&k);
        }
        let keys: Vec<u32> = self.procs.keys().filter_map(|k| k.ok()).collect();
        for k in keys {
            let _ = self.procs.remove(&k);
        }
        let keys: Vec<[u8; 16]> = self.stopcodes.keys().filter_map(|k| k.ok()).collect();
        for k in keys {
            let _ = self.stopcodes.remove(&k);
        }
        if let Some(m) = self.ebpf.map_mut("SEEN") {
            if let Ok(mut seen) = BpfHashMap::<_, [u8; 16], u64>::try_from(m) {
                let keys: Vec<[u8; 16]> = seen.keys().filter_map(|k| k.ok()).collect();
                for k in keys {
                    let _ = seen.remove(&k);
                }
            }
        }
    }

    /// Starts tracing an already running process tree rooted at `pid`.
    pub fn attach_pid(&mut self, pid: u32) -> Result<()> {
        self.traced.insert(pid, 1, 0).context("adding the process to the traced set")?;
        if let Some(py) = &self.python {
            if let Some(runtime) = runtime_address_in(pid, py)? {
                self.procs.insert(pid, ProcPy { runtime, slot: 0, has_stops: 0 }, 0)?;
            }
        }
        // Existing children are traced too.
        for child in descendants(pid) {
            let _ = self.traced.insert(child, 1, 0);
            if let Some(py) = &self.python {
                if let Ok(Some(runtime)) = runtime_address_in(child, py) {
                    let _ = self.procs.insert(child, ProcPy { runtime, slot: 0, has_stops: 0 }, 0);
                }
            }
        }
        Ok(())
    }

    /// Follows an attached process (see [`Tracer::attach_pid`]) until it
    /// exits, `duration` passes, or Ctrl-C.
    pub fn follow(&mut self, pid: u32, duration: Option<Duration>, sink: &mut dyn FnMut(&Record) -> Result<()>) -> Result<TraceEnd> {
        let lost0 = self.lost_total();
        let mut count = 0;
        let started = Instant::now();
        let mut end = TraceEnd::default();
        loop {
            self.drain(sink, &mut count)?;
            if !Path::new(&format!("/proc/{pid}")).exists() {
                break;
            }
            if duration.is_some_and(|d| started.elapsed() > d) {
                end.timed_out = true;
                break;
            }
            if Self::interrupted() {
                end.interrupted = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        self.drain(sink, &mut count)?;
        self.forget_processes();
        end.root_pid = pid;
        end.lost_events = self.lost_total().saturating_sub(lost0);
        end.events = count;
        end.end_ns = clocks().1;
        Ok(end)
    }
}

/// Tells the kernel side to stop stack walks at the test runner's hook
/// caller in this process (see `trace::symbols::is_runner_boundary`).
fn note_runner_boundary(
    stopcodes: &mut BpfHashMap<MapData, [u8; 16], u8>,
    procs: &mut BpfHashMap<MapData, u32, ProcPy>,
    rec: &Record,
) {
    let Record::Code(c) = rec else { return };
    if !crate::trace::symbols::is_runner_boundary(&c.filename, &c.qualname) {
        return;
    }
    let mut key = [0u8; 16];
    key[..4].copy_from_slice(&c.pid.to_ne_bytes());
    key[8..].copy_from_slice(&c.code.to_ne_bytes());
    if stopcodes.insert(key, 1, 0).is_ok() {
        if let Ok(mut p) = procs.get(&c.pid, 0) {
            if p.has_stops == 0 {
                p.has_stops = 1;
                let _ = procs.insert(c.pid, p, 0);
            }
        }
    }
}

fn verifier(e: aya::programs::ProgramError) -> String {
    match &e {
        aya::programs::ProgramError::LoadError { io_error, verifier_log } => {
            let log = verifier_log.to_string();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            format!("{io_error}; verifier log tail:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"))
        }
        _ => e.to_string(),
    }
}

fn rlimit_memlock() -> std::io::Result<()> {
    let r = libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY };
    if unsafe { libc::setrlimit(libc::RLIMIT_MEMLOCK, &r) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// (CLOCK_REALTIME, CLOCK_MONOTONIC) in ns, read back to back.
pub fn clocks() -> (i64, u64) {
    let mut a = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    let mut b = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe {
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut b);
        libc::clock_gettime(libc::CLOCK_REALTIME, &mut a);
    }
    (a.tv_sec * 1_000_000_000 + a.tv_nsec, (b.tv_sec * 1_000_000_000 + b.tv_nsec) as u64)
}

/// Adds a uprobe site at function `name` of `elf`.
#[allow(clippy::too_many_arguments)]
fn add_site(
    elf: &ElfSymbols,
    name: &str,
    keep: &[Register],
    mut site: Site,
    what: &'static str,
    sites: &mut Vec<(PathBuf, u64, Site, &'static str)>,
    notes: &mut Vec<String>,
) -> Result<bool> {
    let Some(sym) = elf.lookup(name).cloned() else { return Ok(false) };
    let code = elf.read_vaddr(sym.vaddr, sym.size.clamp(1, 256) as usize).unwrap_or_default();
    let p = sites::choose(&code, sym.vaddr, keep);
    let vaddr = sym.vaddr + p.offset;
    let off = elf
        .vaddr_to_offset(vaddr)
        .ok_or_else(|| anyhow!("{name} in {} is not in a loadable segment", elf.path().display()))?;
    site.vaddr = vaddr;
    notes.push(format!(
        "{what}: {}+{} in {}{}",
        name,
        p.offset,
        elf.path().display(),
        if p.emulated { "" } else { " (single-stepped: slower)" }
    ));
    sites.push((elf.path().to_path_buf(), off, site, what));
    Ok(true)
}

/// The C library the traced interpreter uses.
fn libc_path() -> PathBuf {
    for p in ["/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib64/libc.so.6"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from("/lib/x86_64-linux-gnu/libc.so.6")
}

fn plan_libc_sites(sites: &mut Vec<(PathBuf, u64, Site, &'static str)>, notes: &mut Vec<String>) -> Result<()> {
    let libc = ElfSymbols::open(&libc_path())?;
    let mk = |kind: u32, arg: u64| Site { vaddr: 0, runtime_vaddr: 0, slot: 0, kind, arg };
    if !add_site(&libc, "clock_gettime", &[Register::RDI, Register::RSI], mk(kind::CLOCK, flake_common::clockfn::CLOCK_GETTIME), "clock read", sites, notes)? {
        anyhow::bail!("libc has no clock_gettime");
    }
    add_site(&libc, "setenv", &[Register::RDI, Register::RSI], mk(kind::ENV, flake_common::envop::SETENV), "setenv", sites, notes)?;
    add_site(&libc, "unsetenv", &[Register::RDI], mk(kind::ENV, flake_common::envop::UNSETENV), "unsetenv", sites, notes)?;
    add_site(&libc, "putenv", &[Register::RDI], mk(kind::ENV, flake_common::envop::PUTENV), "putenv", sites, notes)?;
    Ok(())
}

fn plan_python_sites(
    py: &Interpreter,
    slot: u32,
    _deep: bool,
    sites: &mut Vec<(PathBuf, u64, Site, &'static str)>,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let lib = ElfSymbols::open(&py.runtime_binary)?;
    let mk = |kind: u32, arg: u64| Site { vaddr: 0, runtime_vaddr: py.runtime_vaddr, slot, kind, arg };
    // Interpreter start-up: where _PyRuntime is in each new process. Forked
    // children inherit their parent's entry in the kernel.
    let mut learned = false;
    for f in ["Py_InitializeFromConfig", "Py_InitializeEx", "Py_RunMain"] {
        learned |= add_site(&lib, f, &[], mk(kind::LEARN, 0), "interpreter start", sites, notes)?;
    }
    if !learned {
        anyhow::bail!("{} has none of Py_InitializeFromConfig, Py_InitializeEx, Py_RunMain", py.runtime_binary.display());
    }
    // Python-level monotonic clock calls, so that monotonic reads made by
    // C code for itself (lock deadlines, buffered I/O) can be left out.
    let mut intents = 0;
    for f in crate::python::python_clock_functions() {
        if add_site(&lib, f, &[], mk(kind::CLOCK_INTENT, 0), "python clock call", sites, notes)? {
            intents += 1;
        }
    }
    if intents == 0 {
        warnings.push(format!(
            "{} has no symbols for the time module: monotonic clock reads made by C code for its own use are reported too",
            lib.path().display()
        ));
    }
    // PyEval_RestoreThread runs after every call made without the GIL (about
    // 1 µs a hit), so it is a deep-mode probe: it reports the hand-offs that
    // followed a real block. In the default mode GIL hand-offs show as the
    // wakeups they cause (waker's stack and wakee) and the futex waits.
    if _deep {
        add_site(&lib, "PyEval_RestoreThread", &[Register::RDI], mk(kind::GIL, 1), "GIL take", sites, notes)?;
    }
    if _deep {
        let (frame_arg, _) = crate::python::eval_frame_args(&py.version);
        add_site(&lib, "_PyEval_EvalFrameDefault", &[Register::RDI, Register::RSI], mk(kind::PYCALL, frame_arg as u64), "python call", sites, notes)?;
    }
    // `_random` is an extension module, or built into the interpreter binary.
    let (elf, runtime_vaddr) = match crate::python::random_module_path(py) {
        Some(rnd) => (ElfSymbols::open(&rnd)?, 0),
        None => (lib, py.runtime_vaddr),
    };
    let mkr = |arg: u64| Site { vaddr: 0, runtime_vaddr, slot, kind: kind::RANDOM, arg };
    let mut found = 0;
    for (op, names) in crate::python::random_entry_points() {
        for n in *names {
            if add_site(&elf, n, &[], mkr(*op), "random", sites, notes)? {
                found += 1;
                break;
            }
        }
    }
    if found == 0 {
        warnings.push(format!(
            "random draws are not traced: {} has no symbols for the _random module (stripped build); \
             os.urandom and the hash seed still are",
            elf.path().display()
        ));
    }
    Ok(())
}

fn eval_frame_site(py: &Interpreter) -> Result<(PathBuf, u64)> {
    let lib = ElfSymbols::open(&py.runtime_binary)?;
    let sym = lib.lookup("_PyEval_EvalFrameDefault").ok_or_else(|| anyhow!("no _PyEval_EvalFrameDefault"))?;
    let off = lib.vaddr_to_offset(sym.vaddr).ok_or_else(|| anyhow!("eval loop not in a segment"))?;
    Ok((py.runtime_binary.clone(), off))
}

/// Run-time address of `_PyRuntime` in process `pid`, from its memory map.
pub fn runtime_address_in(pid: u32, py: &Interpreter) -> Result<Option<u64>> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).with_context(|| format!("reading /proc/{pid}/maps"))?;
    let want = std::fs::canonicalize(&py.runtime_binary).unwrap_or(py.runtime_binary.clone());
    let elf = ElfSymbols::open(&py.runtime_binary)?;
    for line in maps.lines() {
        let mut it = line.split_whitespace();
        let (Some(range), Some(_perms), Some(off), _, _, Some(path)) = (it.next(), it.next(), it.next(), it.next(), it.next(), it.next()) else {
            continue;
        };
        if Path::new(path) != want {
            continue;
        }
        let start = u64::from_str_radix(range.split('-').next().unwrap_or("0"), 16)?;
        let off = u64::from_str_radix(off, 16)?;
        // The mapping holding file offset `off` at `start`: bias = start - vaddr_of(off).
        if let Some(vaddr) = elf.offset_to_vaddr(off) {
            let bias = start.wrapping_sub(vaddr);
            return Ok(Some(bias.wrapping_add(py.runtime_vaddr)));
        }
    }
    Ok(None)
}

/// pids of the living descendants of `pid`.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(rd) = std::fs::read_dir("/proc") {
        for e in rd.flatten() {
            let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
            if let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) {
                if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) {
                    if let Some(pp) = rest.split_whitespace().nth(1).and_then(|s| s.parse::<u32>().ok()) {
                        parent_of.push((p, pp));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for &(c, pp) in &parent_of {
            if pp == p && !out.contains(&c) {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}
