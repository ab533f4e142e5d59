//! Loading, configuring and attaching flakebpf's BPF programs, and recording
//! a traced command. A [`Tracer`] is loaded and attached once and reused for
//! every run (load + attach costs hundreds of ms here); each
//! [`Tracer::record`] starts the command, drains the ring buffer
//! periodically (the BPF side never wakes user space), decodes records and
//! hands them to a sink. Interpreters are found as the traced tree runs
//! them: a process that execs a CPython build gets that build's probes
//! (attached the first time the build appears) and is registered with the
//! kernel side. Dropping the tracer detaches every probe.

pub mod codeobj;
pub mod interps;
pub mod library;
pub mod pace;
pub mod liveness;
mod load;
mod multi;
pub mod plan;
pub mod sites;
pub mod spawn;
pub mod syscalls;
pub mod tree;
pub mod uprobes;

use std::os::fd::{AsFd, AsRawFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use aya::maps::{Array, HashMap as BpfHashMap, MapData, PerCpuArray, RingBuf};
use aya::programs::perf_event::{PerfEventConfig, PerfEventScope, SamplePolicy, SoftwareEvent};
use aya::programs::{PerfEvent, RawTracePoint, UProbe};
use aya::{Ebpf, EbpfLoader};
use flake_common::{kind, ClockRetKey, Global, Header, ProcPy, PyOffsets, Site, SysSpec, CLOCKRET_PYTHON};

use crate::events::decode::{code_record_tag, decode, record_slot};
use crate::events::shared_stacks::SharedStacks;
use crate::python::clock_chain::ClockChains;
use crate::python::Interpreter;
use crate::trace::model::{Event, EventKind, PyProcess, Record, TraceEnd, TraceMeta};

/// The pid in a raw record's header.
fn header_pid(bytes: &[u8]) -> Option<u32> {
    (bytes.len() >= std::mem::size_of::<Header>()).then(|| {
        // SAFETY: length checked; plain repr(C) data.
        let h: Header = unsafe { std::ptr::read_unaligned(bytes.as_ptr() as *const Header) };
        h.pid
    })
}

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
    /// The interpreter guessed from the command line and probed at load.
    python: Option<Interpreter>,
    opts: TraceOptions,
    /// Human-readable notes about how probes were placed (for `doctor`/logs).
    pub notes: Vec<String>,
    /// What this tracer cannot see on this machine (printed by every
    /// command); interpreters found later add theirs.
    pub warnings: Vec<String>,
    run_as: Option<spawn::RunAs>,
    codes: codeobj::CodeReader,
    /// Library code objects the kernel side leaves records of out.
    library: library::LibraryMarks,
    /// The drain loop's priority.
    pace: pace::Pace,
    /// Interpreter builds with probes, by `PYOFFSETS` slot.
    interps: interps::Interps,
    /// Which interpreter each process of the current run runs.
    tree: tree::Tree,
    /// Stacks of syscalls in progress, for the sched-out records that share them.
    shared_stacks: SharedStacks,
    /// The BPF side's `SITES` array (what each uprobe cookie means).
    sites: Array<MapData, Site>,
    /// `SITES` entries in use (the next uprobe's cookie).
    sites_used: u32,
    /// The uprobe sites' links (multi-uprobe, or aya's per site).
    uprobes: uprobes::Uprobes,
    global: Global,
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

/// A tracer loaded ahead of time by [`Tracer::preload`]: the options it
/// was loaded for (no interpreter) and the thread loading it.
type Preloading = (TraceOptions, std::thread::JoinHandle<Result<Tracer, SetupError>>);
static PRELOADING: std::sync::Mutex<Option<Preloading>> = std::sync::Mutex::new(None);

impl Tracer {
    /// Starts loading the tracer for `opts` (its interpreter left out) on a
    /// thread of its own, while the command line is still being worked
    /// out (finding and inspecting the interpreter, the plugin's files):
    /// the next [`Tracer::load`] with the same options takes it over and
    /// adds the interpreter's probes. Does nothing without privilege (the
    /// load then says why).
    pub fn preload(opts: &TraceOptions) {
        if check_privilege().is_err() || BPF_OBJECT.is_empty() {
            return;
        }
        let base = TraceOptions { python: None, ..opts.clone() };
        let for_thread = base.clone();
        let handle = std::thread::spawn(move || Tracer::load_now(&for_thread));
        *PRELOADING.lock().unwrap_or_else(|e| e.into_inner()) = Some((base, handle));
    }

    /// Loads the programs, fills the configuration maps and attaches every
    /// probe: the kernel-wide ones, libc's, and those of `opts.python` (if
    /// any; builds found later in the traced tree get theirs when they
    /// appear). Takes over a tracer [`Tracer::preload`] started for the
    /// same options.
    pub fn load(opts: &TraceOptions) -> Result<Tracer, SetupError> {
        let preloading = PRELOADING.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some((base, handle)) = preloading {
            if base.deep == opts.deep && base.sample_hz == opts.sample_hz && base.stack_at_switch == opts.stack_at_switch {
                // The interpreter's sites are planned while the loading
                // thread finishes (the first build gets slot 0).
                let python = opts.python.as_ref().map(|py| PlannedBuild::new(py, opts.deep));
                let mut t = handle.join().unwrap_or_else(|_| Err(kerr("start-up", "the loading thread panicked")))?;
                let python = python.transpose().map_err(|e| kerr("python probes", format!("{e:#}")))?;
                t.take_over(opts, python).map_err(|e| kerr("python probes", format!("{e:#}")))?;
                return Ok(t);
            }
            drop(handle.join());
        }
        Self::load_now(opts)
    }

    /// Makes a tracer [`Tracer::preload`] loaded this thread's, for `opts`:
    /// the drain loop's priority, and the interpreter's probes (`python`,
    /// planned for `opts.python`).
    fn take_over(&mut self, opts: &TraceOptions, python: Option<PlannedBuild>) -> Result<()> {
        // A thread's own priority (Linux): the loading thread has ended.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, pace::CALM_NICE) };
        self.opts = opts.clone();
        self.python = opts.python.clone();
        if let (Some(py), Some(b)) = (&opts.python, python) {
            self.notes.extend(b.notes);
            self.warnings.extend(b.warnings);
            self.add_planned_build(py.clone(), b.sites, b.chains)?;
            log::debug!("start-up: python probes attached to the preloaded tracer");
        }
        Ok(())
    }

    /// [`Tracer::load`] from scratch.
    fn load_now(opts: &TraceOptions) -> Result<Tracer, SetupError> {
        check_privilege()?;
        if BPF_OBJECT.is_empty() {
            return Err(SetupError::NoBpfObject);
        }
        let _ = rlimit_memlock();
        let started = Instant::now();
        let step = |what: &str| log::debug!("start-up: {what} after {} ms", started.elapsed().as_millis());
        // While aya reads the object and creates the maps, another thread
        // reads the kernel's and the binaries' facts and plans the uprobe
        // sites; then the uprobe program is verified and libc's sites are
        // placed while a second thread verifies the other programs.
        let prep_opts = opts.clone();
        let prep = std::thread::spawn(move || Prepared::new(&prep_opts));
        let mut ebpf = EbpfLoader::new().load(BPF_OBJECT).map_err(|e| kerr("loading BPF object", e))?;
        step("BPF object parsed, maps created");
        // The uprobe programs as multi-uprobe programs, relocated against
        // the maps just created (before any is taken out of `ebpf`).
        let multi_names: Vec<&str> = std::iter::once("flake_uprobe").chain(opts.deep.then_some("flake_uretprobe")).collect();
        let relocated = multi::Relocated::new(BPF_OBJECT, &ebpf, &multi_names);
        let mut sites: Array<MapData, Site> =
            Array::try_from(ebpf.take_map("SITES").ok_or_else(|| kerr("map", "SITES missing"))?).map_err(|e| kerr("SITES", e))?;
        let mut names = vec![
            "flake_sys_enter",
            "flake_sys_exit",
            "flake_sched_switch",
            "flake_sched_wakeup",
            "flake_fork",
            "flake_exec",
            "flake_exit",
            "flake_uprobe",
        ];
        if opts.deep {
            names.push("flake_uretprobe");
        }
        if opts.sample_hz > 0 {
            names.push("flake_sample");
        }
        if let Some(n) = names.iter().find(|n| ebpf.program(n).is_none()) {
            return Err(kerr("program", n));
        }
        // This thread verifies the uprobe programs and `sys_enter`; the
        // other, the rest (about as many instructions in all).
        let (mut uprobe_progs, others): (Vec<_>, Vec<_>) = ebpf
            .programs_mut()
            .filter(|(n, _)| names.contains(n))
            .partition(|(n, _)| n.contains("uprobe") || n.contains("uretprobe") || *n == "flake_sys_enter");
        let (prep, up_links) = std::thread::scope(|s| {
            let others = s.spawn(move || load::verify(others));
            let progs = relocated.and_then(|r| uprobes::MultiProgs::load(&r, multi_names[0], multi_names.get(1).copied()));
            let mut up_links = uprobes::Uprobes::new(progs);
            let multi = up_links.is_multi();
            load::verify(
                uprobe_progs.iter_mut().filter(|(n, _)| !multi || *n == "flake_sys_enter").map(|(n, p)| (*n, &mut **p)).collect(),
            )?;
            let prep = prep.join().unwrap_or_else(|_| Err(kerr("start-up", "the planning thread panicked")))?;
            step("uprobe program verified, sites planned");
            let up: &mut UProbe = uprobe_progs
                .iter_mut()
                .find(|(n, _)| *n == "flake_uprobe")
                .map(|(_, p)| &mut **p)
                .ok_or_else(|| kerr("program", "flake_uprobe"))?
                .try_into()
                .map_err(|e| kerr("flake_uprobe", e))?;
            up_links
                .attach(up, &mut sites, 0, &prep.libc_sites, false, &mut Vec::new())
                .map_err(|e| kerr("libc probes", format!("{e:#}")))?;
            step("libc probes attached");
            others.join().unwrap_or_else(|_| Err(kerr("verifying programs", "a loader thread panicked")))?;
            step("programs verified");
            Ok::<_, SetupError>((prep, up_links))
        })?;
        let k = prep.kernel;
        let global = Global {
            task_fsbase: k.task_fsbase,
            task_pid: k.task_pid,
            task_tgid: k.task_tgid,
            task_exit_code: k.task_exit_code,
            bprm_filename: k.bprm_filename,
            stack_at_switch: opts.stack_at_switch as u32,
            clock_intents: 0,
            generation: 0,
            clock_ret_sp: plan::libc_clock_sp().unwrap_or(flake_common::NO_OFFSET),
            clock_rets: 0,
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
            p.attach(tp).map_err(|e| kerr(&format!("attaching {prog} to {tp}"), e))?;
        }
        if opts.sample_hz > 0 {
            let pe: &mut PerfEvent = ebpf
                .program_mut("flake_sample")
                .ok_or_else(|| kerr("program", "flake_sample"))?
                .try_into()
                .map_err(|e| kerr("flake_sample", e))?;
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
        step("tracepoints and sampler attached");
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
        let library = library::LibraryMarks::new(
            BpfHashMap::try_from(ebpf.take_map("LIBRARY").ok_or_else(|| kerr("map", "LIBRARY"))?).map_err(|e| kerr("LIBRARY", e))?,
            PerCpuArray::try_from(ebpf.take_map("FILTERED").ok_or_else(|| kerr("map", "FILTERED"))?).map_err(|e| kerr("FILTERED", e))?,
        );
        // The drain loop yields the CPU to the traced command.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, pace::CALM_NICE) };
        let run_as = spawn::RunAs::from_sudo_env().map_err(|e| kerr("sudo user", format!("{e:#}")))?;
        crate::signals::catch_interrupts();
        let mut t = Tracer {
            ebpf,
            ring,
            traced,
            traced_fd,
            procs,
            lost,
            stopcodes,
            python: opts.python.clone(),
            opts: opts.clone(),
            notes: Vec::new(),
            warnings: Vec::new(),
            run_as,
            codes: codeobj::CodeReader::new(),
            library,
            pace: pace::Pace::default(),
            interps: interps::Interps::default(),
            tree: tree::Tree::default(),
            shared_stacks: SharedStacks::default(),
            sites,
            sites_used: prep.libc_sites.len() as u32,
            uprobes: up_links,
            global,
        };
        log::debug!("{}", t.uprobes.describe());
        t.notes.extend(prep.notes);
        if let (Some(py), Some((planned, chains))) = (&opts.python, prep.python_sites) {
            t.warnings.extend(prep.python_warnings);
            t.add_planned_build(py.clone(), planned, chains).map_err(|e| kerr("python probes", format!("{e:#}")))?;
            step("python probes attached");
        }
        Ok(t)
    }
    /// Fills `SITES` for `planned` and attaches a uprobe to each (see
    /// [`load::attach_sites`]). Returns the kinds of the sites attached.
    fn attach_sites(&mut self, planned: &[plan::Planned], tolerate: bool, refused: &mut Vec<String>) -> Result<Vec<u32>> {
        let up: &mut UProbe = self.ebpf.program_mut("flake_uprobe").ok_or_else(|| anyhow!("flake_uprobe missing"))?.try_into()?;
        let first = self.sites_used;
        let attached = self.uprobes.attach(up, &mut self.sites, first, planned, tolerate, refused)?;
        self.sites_used += planned.len() as u32;
        Ok(attached)
    }

    /// Gives `py` a `PYOFFSETS` slot and attaches its probes; returns the slot.
    fn add_build(&mut self, py: Interpreter) -> Result<u32> {
        let slot = self.interps.len() as u32;
        let mut planned = Vec::new();
        let chains = plan::plan_python_sites(&py, slot, self.opts.deep, &mut planned, &mut self.notes, &mut self.warnings)?;
        self.add_planned_build(py, planned, chains)
    }

    /// [`Tracer::add_build`] with its sites planned already (for the next
    /// free slot).
    fn add_planned_build(&mut self, py: Interpreter, planned: Vec<plan::Planned>, chains: ClockChains) -> Result<u32> {
        let slot = self.interps.len() as u32;
        anyhow::ensure!((slot as usize) < interps::MAX_BUILDS, "more than {} different CPython builds in one trace", interps::MAX_BUILDS);
        {
            let mut offs: Array<_, PyOffsets> = Array::try_from(self.ebpf.map_mut("PYOFFSETS").ok_or_else(|| anyhow!("PYOFFSETS missing"))?)?;
            offs.set(slot, py.offsets, 0)?;
        }
        // The kernel refuses some sites in a binary that running processes
        // map (seen with CPython 3.13's start-up functions): the build still
        // works without them (its processes are registered from their
        // memory maps).
        let mut refused = Vec::new();
        let attached = self.attach_sites(&planned, true, &mut refused)?;
        if !refused.is_empty() {
            self.notes.push(format!("uprobes the kernel refused: {}", refused.join("; ")));
            log::info!("uprobes the kernel refused: {}", refused.join("; "));
        }
        // The return addresses that prove a Python-level read at libc,
        // before the bits that make the BPF side look at them.
        if !chains.covered.is_empty() {
            let mut rets: BpfHashMap<_, ClockRetKey, u32> =
                BpfHashMap::try_from(self.ebpf.map_mut("CLOCKRET").ok_or_else(|| anyhow!("CLOCKRET missing"))?)?;
            let rel = |vaddr: u64| vaddr.wrapping_sub(py.runtime_vaddr) as i64;
            for &(ret, _) in &chains.intent_rets {
                rets.insert(ClockRetKey { slot, pad: 0, rel: rel(ret) }, CLOCKRET_PYTHON, 0)?;
            }
            for &(ret, depth) in &chains.helper_rets {
                rets.insert(ClockRetKey { slot, pad: 0, rel: rel(ret) }, depth, 0)?;
            }
            self.global.clock_rets |= 1 << slot;
            self.notes.push(format!(
                "python clock calls recognised at libc's clock_gettime by their return addresses (no uprobe of their own): {}",
                chains.covered.join(", ")
            ));
        }
        // Monotonic reads are filtered by intent only when every Python
        // clock function has its site or is recognised at libc.
        let intents = |kinds: &mut dyn Iterator<Item = u32>| kinds.filter(|&k| k == kind::CLOCK_INTENT).count();
        let planned_intents = intents(&mut planned.iter().map(|(_, _, s, _)| s.kind));
        if planned_intents + chains.covered.len() > 0 && intents(&mut attached.iter().copied()) == planned_intents {
            self.global.clock_intents |= 1 << slot;
            let mut g: Array<_, Global> = Array::try_from(self.ebpf.map_mut("GLOBAL").ok_or_else(|| anyhow!("GLOBAL missing"))?)?;
            g.set(0, self.global, 0)?;
        }
        if self.opts.deep {
            let (path, off) = plan::eval_frame_site(&py)?;
            let rp: &mut UProbe = self.ebpf.program_mut("flake_uretprobe").ok_or_else(|| anyhow!("flake_uretprobe missing"))?.try_into()?;
            self.uprobes.attach_return(rp, &path, off)?;
        }
        let added = self.interps.add(py)?;
        debug_assert_eq!(added, slot);
        Ok(slot)
    }

    /// How the uprobe sites are attached (multi-uprobe links or one perf
    /// event per site), for `doctor`.
    pub fn uprobe_attach(&self) -> String {
        self.uprobes.describe()
    }

    /// Instructions the kernel's verifier processed for each loaded
    /// program (its load time at every start-up grows with them), for
    /// `doctor`.
    pub fn verified_insns(&self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = self
            .ebpf
            .programs()
            .filter_map(|(name, p)| Some((name.to_string(), p.info().ok()?.verified_instruction_count()?)))
            .collect();
        out.extend(self.uprobes.verified_insns());
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The interpreter guessed from the command line, probed at load.
    pub fn python(&self) -> Option<&Interpreter> {
        self.python.as_ref()
    }

    /// Versions of every interpreter build found so far (the loaded one first).
    pub fn builds(&self) -> Vec<String> {
        (0..self.interps.len() as u32).filter_map(|s| self.interps.get(s)).map(|b| b.py.version.to_string()).collect()
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
        // One counter per CPU and per scratch slot of the BPF side.
        (0..flake_common::SCRATCH_SLOTS).filter_map(|slot| self.lost.get(&slot, 0).ok()).map(|v| v.iter().sum::<u64>()).sum()
    }

    /// Drains every queued record into `sink`. A process that execs (or
    /// shows up) running a CPython gets that build's probes and a
    /// `Record::Python` before its later records; code objects of frames
    /// the kernel did not copy are read from the process while it is alive
    /// and sent before the event that needs them.
    fn drain(&mut self, sink: &mut dyn FnMut(&Record) -> Result<()>, count: &mut u64) -> Result<()> {
        self.poll_pending();
        let mut taken = 0u64;
        loop {
            let batch = self.take_batch();
            let more = batch.len() == DRAIN_CHUNK;
            taken += batch.len() as u64;
            // A backlog (or a loss) raises the loop's priority until it is gone.
            self.pace.after_drain(taken, self.lost_total());
            self.pace.apply();
            self.process_batch(batch, sink, count)?;
            if !more {
                return Ok(());
            }
        }
    }

    /// Decodes up to [`DRAIN_CHUNK`] queued records: (record, the
    /// `PYOFFSETS` slot that walked it, its code tag if a code record).
    fn take_batch(&mut self) -> Vec<(Record, Option<u32>, Option<u64>)> {
        let mut batch = Vec::new();
        while batch.len() < DRAIN_CHUNK {
            let Some(item) = self.ring.next() else { break };
            let slot = record_slot(&item);
            let version = slot
                .or_else(|| header_pid(&item).and_then(|p| self.tree.announced(p)))
                .and_then(|s| self.interps.get(s))
                .map(|b| b.py.version);
            match decode(&item, version.as_ref()) {
                Ok(mut rec) => {
                    self.shared_stacks.fill(&item, &mut rec);
                    batch.push((rec, slot, code_record_tag(&item)))
                }
                Err(e) => log::warn!("dropping an undecodable kernel record: {e}"),
            }
        }
        batch
    }

    /// Hands decoded records to `sink`, with what they need before and after them.
    fn process_batch(&mut self, batch: Vec<(Record, Option<u32>, Option<u64>)>, sink: &mut dyn FnMut(&Record) -> Result<()>, count: &mut u64) -> Result<()> {
        for (rec, slot, tag) in batch {
            let mut before = Vec::new();
            let mut after = Vec::new();
            let warned = self.warnings.len();
            let pid = match &rec {
                Record::Event(ev) => Some(ev.pid),
                Record::Code(c) => Some(c.pid),
                _ => None,
            };
            let ts = match &rec {
                Record::Event(ev) => ev.ts,
                Record::Code(c) => c.ts,
                _ => 0,
            };
            if let Record::Event(ev @ Event { kind: EventKind::Exec { .. }, .. }) = &rec {
                // A new program: what it is decides its probes and stacks.
                self.tree.exec(ev.pid);
                self.codes.forget(ev.pid);
                match self.identify(ev.pid, ts, &mut after) {
                    Some(s) => {
                        self.register(ev.pid, s, true);
                        after.extend(self.announce(ev.pid, s, ts));
                    }
                    None => {
                        let _ = self.procs.remove(&ev.pid);
                    }
                }
            } else if let Some(pid) = pid {
                let first = self.tree.first_sight(pid);
                if let Some(s) = slot {
                    before.extend(self.announce(pid, s, ts));
                } else if first && self.tree.announced(pid).is_none() {
                    // A forked child runs its parent's program until it
                    // execs (and may have exec'd by now: /proc would tell
                    // what it runs next, not what this record is from).
                    match self.tree.parent(pid) {
                        Some(parent) => {
                            if let Some(s) = self.tree.announced(parent) {
                                before.extend(self.announce(pid, s, ts));
                            }
                        }
                        None => {
                            if let Some(s) = self.identify(pid, ts, &mut before) {
                                self.register(pid, s, false);
                                before.extend(self.announce(pid, s, ts));
                            }
                        }
                    }
                }
                if let Record::Event(Event { kind: EventKind::Fork { child }, .. }) = &rec {
                    self.tree.fork(pid, *child);
                }
                if let Record::Event(ev @ Event { kind: EventKind::Exit { .. }, .. }) = &rec {
                    if ev.tid == ev.pid {
                        self.tree.exited(ev.pid);
                    }
                }
            }
            if let Some(b) = pid.and_then(|p| self.tree.announced(p)).and_then(|s| self.interps.get(s)) {
                let Tracer { codes, procs, stopcodes, library, .. } = self;
                if let Record::Event(ev) = &rec {
                    if !ev.stack.is_empty() && !codes.has_runtime(ev.pid) {
                        if let Ok(p) = procs.get(&ev.pid, 0) {
                            codes.set_runtime(ev.pid, p.runtime);
                        }
                    }
                }
                for (extra, tag) in codes.observe(&rec, &b.py, b.code_type_minus_runtime) {
                    note_runner_boundary(stopcodes, procs, &extra);
                    if let Record::Code(c) = &extra {
                        library.note_code(c.pid, c.code, tag, &c.filename, c.filename_truncated);
                    }
                    before.push(extra);
                }
                note_runner_boundary(stopcodes, procs, &rec);
                if let (Record::Code(c), Some(tag)) = (&rec, tag) {
                    library.note_code(c.pid, c.code, tag, &c.filename, c.filename_truncated);
                }
            }
            for w in self.warnings[warned..].iter() {
                after.push(Record::Note { ts, text: format!("warning: {w}") });
            }
            for r in &before {
                sink(r)?;
            }
            *count += 1;
            sink(&rec)?;
            for r in &after {
                sink(r)?;
            }
        }
        Ok(())
    }

    /// Which build process `pid` runs (from `/proc/PID/exe`), giving a
    /// build seen for the first time its slot and probes. Notes about it go
    /// to `notes`.
    fn identify(&mut self, pid: u32, ts: u64, notes: &mut Vec<Record>) -> Option<u32> {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
        let known = self.interps.knows(&exe);
        // A `python*` program seen for the first time may be a new CPython
        // build, whose inspection and probes take tens of ms: the process
        // waits stopped meanwhile (and flakebpf runs at normal priority),
        // so its first Python code already has stacks. (Other programs are
        // left running: their parents never see them stop.)
        let _hold = (!known && interps::looks_like_python(&exe)).then(|| Hold::new(pid));
        let started = Instant::now();
        match self.interps.lookup(&exe) {
            interps::Lookup::Known(s) => {
                self.interps.remember(&exe, Ok(s));
                Some(s)
            }
            interps::Lookup::NotPython => {
                self.interps.remember(&exe, Err(String::new()));
                None
            }
            interps::Lookup::Unusable(why) => {
                if !known {
                    self.warnings.push(format!("pid {pid} runs {}: {why}; its Python stacks are not traced", exe.display()));
                }
                self.interps.remember(&exe, Err(why));
                None
            }
            interps::Lookup::New(py) => {
                let what = format!("CPython {} ({})", py.version, py.exe.display());
                match self.add_build(*py) {
                    Ok(s) => {
                        self.interps.remember(&exe, Ok(s));
                        let text = format!("{what} found in pid {pid}: probes attached in {} ms", started.elapsed().as_millis());
                        log::info!("{text}");
                        notes.push(Record::Note { ts, text });
                        Some(s)
                    }
                    Err(e) => {
                        let why = format!("{e:#}");
                        self.warnings.push(format!("pid {pid} runs {what}, which could not be probed: {why}"));
                        self.interps.remember(&exe, Err(why));
                        None
                    }
                }
            }
        }
    }

    /// Tells the kernel where `_PyRuntime` is in `pid` (build `slot`), now
    /// or, while its runtime binary is not mapped yet, from the drain loop.
    /// An entry the kernel made itself is kept unless `replace`.
    fn register(&mut self, pid: u32, slot: u32, replace: bool) {
        if !replace && self.procs.get(&pid, 0).is_ok() {
            return;
        }
        match self.interps.runtime_in(slot, pid) {
            Some(runtime) => {
                let _ = self.procs.insert(pid, ProcPy { runtime, slot, has_stops: 0 }, 0);
                self.tree.pending.remove(&pid);
            }
            None => {
                self.tree.pending.insert(pid, slot);
            }
        }
    }

    /// Registers the processes whose runtime binary was not mapped yet.
    fn poll_pending(&mut self) {
        let waiting: Vec<(u32, u32)> = self.tree.pending.iter().map(|(&p, &s)| (p, s)).collect();
        for (pid, slot) in waiting {
            if self.procs.get(&pid, 0).is_ok() {
                self.tree.pending.remove(&pid);
            } else if let Some(runtime) = self.interps.runtime_in(slot, pid) {
                let _ = self.procs.insert(pid, ProcPy { runtime, slot, has_stops: 0 }, 0);
                self.tree.pending.remove(&pid);
            } else if !Path::new(&format!("/proc/{pid}")).exists() {
                self.tree.pending.remove(&pid);
            }
        }
    }

    /// The `Record::Python` saying that `pid` runs build `slot`, unless
    /// that is already said.
    fn announce(&mut self, pid: u32, slot: u32, ts: u64) -> Option<Record> {
        let b = self.interps.get(slot)?;
        self.tree.announce(pid, slot).then(|| {
            Record::Python(PyProcess {
                ts,
                pid,
                version: b.py.version.to_string(),
                exe: b.py.exe.display().to_string(),
                code_adaptive: b.py.code_adaptive,
            })
        })
    }

    /// Runs `cmd` once under tracing; every record goes to `sink`, starting
    /// with none (the caller writes `meta`, e.g. from [`Tracer::meta_for`]).
    pub fn record(&mut self, cmd: &CommandSpec, sink: &mut dyn FnMut(&Record) -> Result<()>) -> Result<(TraceEnd, u32)> {
        let lost0 = self.lost_total();
        let mut count = 0u64;
        // Anything left from an earlier run is not this run's.
        self.drain(&mut |_| Ok(()), &mut 0)?;
        self.tree.reset();
        self.codes.reset();
        self.next_generation()?;
        self.library.start(&cmd.cwd, self.global.generation);
        let filtered0 = self.library.filtered();
        let fd = self.traced_fd;
        let mut child = spawn::spawn_traced(&cmd.argv, &cmd.cwd, &cmd.extra_env, self.run_as.as_ref(), fd)?;
        let root = child.id();
        self.pace.command_started();
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
        self.pace.command_ended();
        // Stop what is left of the tree (giving it time to go, if there
        // was any), then take the last records.
        if unsafe { libc::kill(-(root as i32), libc::SIGKILL) } == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.drain(sink, &mut count)?;
        if let Some(text) = library::note(self.library.filtered().saturating_sub(filtered0)) {
            sink(&Record::Note { ts: clocks().1, text })?;
        }
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
        self.library.forget();
        self.tree.reset();
        self.shared_stacks.reset();
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
    }

    /// Starts a new run number (`Global::generation`): the kernel's
    /// first-sight, library and library-stack entries of earlier runs no
    /// longer match (the next run's processes may reuse pids and addresses).
    fn next_generation(&mut self) -> Result<()> {
        self.global.generation = self.global.generation.wrapping_add(1);
        let mut g: Array<_, Global> = Array::try_from(self.ebpf.map_mut("GLOBAL").ok_or_else(|| anyhow!("GLOBAL missing"))?)?;
        g.set(0, self.global, 0)?;
        Ok(())
    }

    /// Starts tracing an already running process tree rooted at `pid`.
    pub fn attach_pid(&mut self, pid: u32) -> Result<()> {
        self.tree.reset();
        self.codes.reset();
        self.traced.insert(pid, 1, 0).context("adding the process to the traced set")?;
        // Existing children are traced too; each is registered with its build.
        let mut notes = Vec::new();
        for p in std::iter::once(pid).chain(descendants(pid)) {
            let _ = self.traced.insert(p, 1, 0);
            if let Some(slot) = self.identify(p, 0, &mut notes) {
                self.register(p, slot, false);
            }
        }
        Ok(())
    }

    /// Follows an attached process (see [`Tracer::attach_pid`]) until its
    /// tree ends (every process of it exited — a zombie not yet reaped has
    /// exited — see [`liveness`]), `duration` passes, or Ctrl-C.
    pub fn follow(&mut self, pid: u32, duration: Option<Duration>, sink: &mut dyn FnMut(&Record) -> Result<()>) -> Result<TraceEnd> {
        let lost0 = self.lost_total();
        let mut count = 0;
        self.pace.command_started();
        let started = Instant::now();
        let mut end = TraceEnd::default();
        let live = std::cell::RefCell::new(liveness::Liveness::new(std::iter::once(pid).chain(descendants(pid))));
        let root_exit = std::cell::Cell::new(None::<i64>);
        let mut watch = |r: &Record| {
            live.borrow_mut().observe(r);
            if let Record::Event(Event { kind: EventKind::Exit { code }, pid: p, tid, .. }) = r {
                if *p == pid && *tid == pid {
                    root_exit.set(Some(*code));
                }
            }
            sink(r)
        };
        let mut last_check = Instant::now();
        loop {
            self.drain(&mut watch, &mut count)?;
            if last_check.elapsed() > Duration::from_millis(50) {
                last_check = Instant::now();
                if !live.borrow_mut().any_running() {
                    break;
                }
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
        self.pace.command_ended();
        self.drain(&mut watch, &mut count)?;
        self.forget_processes();
        // the kernel's exit code word: status << 8, or the signal
        if let Some(code) = root_exit.get() {
            if code & 0x7f == 0 {
                end.exit_code = Some(((code >> 8) & 0xff) as i32);
            } else {
                end.signal = Some((code & 0x7f) as i32);
            }
        }
        end.root_pid = pid;
        end.lost_events = self.lost_total().saturating_sub(lost0);
        end.events = count;
        end.end_ns = clocks().1;
        Ok(end)
    }
}

/// Records decoded and handed on at a time: the drain loop's priority is
/// reconsidered between chunks, and memory stays bounded however full the ring.
const DRAIN_CHUNK: usize = 4096;

/// A traced process held stopped (and this process at normal priority)
/// while flakebpf looks at a program it has not seen before; dropping it
/// lets both go on.
struct Hold {
    pid: u32,
}

impl Hold {
    fn new(pid: u32) -> Hold {
        // SAFETY: plain syscalls on a pid of the traced tree and on ourselves.
        unsafe {
            libc::kill(pid as i32, libc::SIGSTOP);
            libc::setpriority(libc::PRIO_PROCESS, 0, 0);
        }
        Hold { pid }
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        // SAFETY: as above.
        unsafe {
            libc::kill(self.pid as i32, libc::SIGCONT);
            libc::setpriority(libc::PRIO_PROCESS, 0, pace::CALM_NICE);
        }
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
            let bit = flake_common::stop_bit(c.code);
            if p.has_stops & bit == 0 {
                p.has_stops |= bit;
                let _ = procs.insert(c.pid, p, 0);
            }
        }
    }
}

/// The uprobe sites of an interpreter build planned for `PYOFFSETS` slot
/// 0, with what planning them noted.
struct PlannedBuild {
    sites: Vec<plan::Planned>,
    chains: ClockChains,
    notes: Vec<String>,
    warnings: Vec<String>,
}

impl PlannedBuild {
    fn new(py: &Interpreter, deep: bool) -> Result<PlannedBuild> {
        let mut b = PlannedBuild { sites: Vec::new(), chains: ClockChains::default(), notes: Vec::new(), warnings: Vec::new() };
        b.chains = plan::plan_python_sites(py, 0, deep, &mut b.sites, &mut b.notes, &mut b.warnings)?;
        Ok(b)
    }
}

/// What [`Tracer::load`] reads and plans while the kernel verifies its
/// programs: the kernel's struct offsets and the uprobe sites of libc and
/// of the command's interpreter (planned for `PYOFFSETS` slot 0).
struct Prepared {
    kernel: crate::kernel::btf::KernelOffsets,
    libc_sites: Vec<plan::Planned>,
    python_sites: Option<(Vec<plan::Planned>, ClockChains)>,
    notes: Vec<String>,
    python_warnings: Vec<String>,
}

impl Prepared {
    fn new(opts: &TraceOptions) -> Result<Prepared, SetupError> {
        let kernel = crate::kernel::btf::kernel_offsets().map_err(|e| kerr("kernel BTF", format!("{e:#}")))?;
        let mut notes = Vec::new();
        let mut libc_sites = Vec::new();
        plan::plan_libc_sites(&mut libc_sites, &mut notes).map_err(|e| kerr("libc probes", format!("{e:#}")))?;
        let mut python_warnings = Vec::new();
        let python_sites = match &opts.python {
            Some(py) => {
                let mut planned = Vec::new();
                let chains = plan::plan_python_sites(py, 0, opts.deep, &mut planned, &mut notes, &mut python_warnings)
                    .map_err(|e| kerr("python probes", format!("{e:#}")))?;
                Some((planned, chains))
            }
            None => None,
        };
        Ok(Prepared { kernel, libc_sites, python_sites, notes, python_warnings })
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
