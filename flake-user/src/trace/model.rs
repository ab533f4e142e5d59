//! The per-run trace model: what happened in the traced process tree, in
//! terms a classifier can use (no kernel byte layouts, no report wording).
//!
//! A trace is a [`TraceMeta`] followed by a stream of [`Record`]s in the
//! order the kernel produced them. Stacks hold raw frames (code object
//! address + instruction position); [`crate::trace::symbols`] resolves them
//! to file:line through the [`CodeInfo`] records of the same trace.

use serde::{Deserialize, Serialize};

/// Facts about one traced run, written at the start of the trace file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TraceMeta {
    /// argv of the traced command, as executed.
    pub command: Vec<String>,
    /// Working directory of the traced command.
    pub cwd: String,
    /// Version of the interpreter found from the command line before it
    /// started, e.g. "3.11.7" (empty if none was): the default for
    /// processes without a [`Record::Python`] of their own.
    pub python: String,
    /// Path of that interpreter executable.
    pub python_exe: String,
    /// Byte offset of `co_code_adaptive` in the interpreter's code objects
    /// (3.11+; 0 before), needed to turn instruction pointers into lines.
    pub py_code_adaptive: u64,
    /// pid of the root process of the traced tree.
    pub root_pid: u32,
    /// CLOCK_REALTIME minus CLOCK_MONOTONIC in ns when tracing started, to
    /// turn event timestamps into wall-clock values.
    pub realtime_offset_ns: i64,
    /// Monotonic ns when tracing started.
    pub start_ns: u64,
    /// Sampling frequency (Hz) of the on-CPU timer, 0 when off.
    pub sample_hz: u64,
    /// Deep mode (per-call uprobes) was on.
    pub deep: bool,
    /// flakebpf version that wrote the trace.
    pub tool_version: String,
    /// Unix time (s) when the trace was written.
    pub created_unix: u64,
}

/// Facts known once the run ended, written last. A trace without it was cut short.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct TraceEnd {
    /// pid of the root process of the traced tree (the started command, or
    /// the process attached to).
    pub root_pid: u32,
    /// Monotonic ns when tracing stopped.
    pub end_ns: u64,
    /// Exit status of the root process (`None` if killed by a signal).
    pub exit_code: Option<i32>,
    /// Signal that ended the root process, if any.
    pub signal: Option<i32>,
    /// Events the kernel could not queue because the ring buffer was full.
    pub lost_events: u64,
    /// Events written to this trace.
    pub events: u64,
    /// The run was stopped because it exceeded its time limit.
    pub timed_out: bool,
    /// The run was interrupted (Ctrl-C).
    pub interrupted: bool,
}

/// One raw Python frame, innermost first in a stack.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct RawFrame {
    /// Address of the code object in the traced process.
    pub code: u64,
    /// `f_lasti` (<= 3.10) or the instruction pointer (>= 3.11).
    pub instr: u64,
}

/// Why a stack is empty or incomplete.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct StackStatus {
    /// The process was not known to run Python (yet).
    pub no_python: bool,
    /// No Python thread state for this thread.
    pub no_tstate: bool,
    /// More frames than the kernel side walks.
    pub truncated: bool,
    /// A frame could not be read.
    pub read_error: bool,
    /// The walk stopped at the test runner's hook caller: the frames
    /// beyond are pytest's own machinery.
    pub runner_cut: bool,
}

/// How the environment was written.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum EnvOp {
    Set,
    Unset,
    Put,
}

/// Which CPython `_random` entry point ran.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum RandomOp {
    /// `Random.random()`
    Random,
    /// `Random.getrandbits()` (randint, choice, shuffle, ...)
    GetRandBits,
    /// `Random.seed()`
    Seed,
}

/// What happened.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum EventKind {
    /// A libc clock read. `clock_id` as passed to clock_gettime (0 realtime,
    /// 1 monotonic, ...); `func` names the libc function.
    Clock { clock_id: i32, func: String },
    /// A syscall started. `args` are the raw arguments; `path`/`path2` the
    /// C strings copied for path syscalls; `buf` bytes copied from a pointer
    /// argument (socket address, timeout struct).
    SyscallEnter {
        nr: u32,
        args: [u64; 6],
        path: Option<String>,
        path2: Option<String>,
        buf: Vec<u8>,
    },
    /// A syscall returned `ret` (negative errno on failure) after `latency_ns`.
    SyscallExit { nr: u32, ret: i64, latency_ns: u64 },
    /// The thread left the CPU: preempted, or blocked (`state` is the kernel's prev_state).
    SchedOut { preempt: bool, state: u64 },
    /// The thread ran again after `off_cpu_ns` off the CPU.
    SchedIn { off_cpu_ns: u64, was_preempted: bool },
    /// This thread woke thread `wakee_tid` (its stack is the waker's).
    Wakeup { wakee_tid: u32 },
    /// A timer sample of the running thread.
    Sample,
    /// GIL released (`acquire == false`) or taken back.
    Gil { acquire: bool },
    /// An environment variable was set, unset or put.
    Env { op: EnvOp, name: String, value: Option<String> },
    /// A CPython `_random` call.
    Random { op: RandomOp },
    /// A task of the traced tree created task `child` (a thread or a process).
    Fork { child: u32 },
    /// The process executed `filename`.
    Exec { filename: String },
    /// The task exited with the kernel's exit code word.
    Exit { code: i64 },
    /// Deep mode: entry into (or exit from) a Python function.
    PyCall { code: u64, exit: bool },
}

/// One event of the traced tree.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// Monotonic ns (CLOCK_MONOTONIC, the kernel's ktime).
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    pub cpu: u32,
    pub kind: EventKind,
    /// Python stack, innermost first; empty when none was read.
    pub stack: Vec<RawFrame>,
    pub stack_status: StackStatus,
}

/// Names and line table of a code object, keyed by (pid, address). The same
/// address can later hold another code object: the record with the greatest
/// `ts` not after an event applies to it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CodeInfo {
    pub pid: u32,
    pub code: u64,
    pub ts: u64,
    pub filename: String,
    /// The kernel side kept only the tail of a longer file name.
    pub filename_truncated: bool,
    pub qualname: String,
    pub firstlineno: i32,
    /// `co_linetable` / `co_lnotab` bytes (possibly cut at the copy limit).
    pub linetable: Vec<u8>,
    pub linetable_truncated: bool,
}

/// A traced process found running a CPython interpreter. It applies to
/// the records of `pid` from `ts` on, until the process's next `Exec`
/// (forked children without an exec of their own inherit it): their frames
/// are decoded with this version's line tables and strings.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PyProcess {
    pub ts: u64,
    pub pid: u32,
    /// e.g. "3.9.18".
    pub version: String,
    /// The interpreter executable.
    pub exe: String,
    /// As [`TraceMeta::py_code_adaptive`], for this interpreter.
    pub code_adaptive: u64,
}

/// What `flakebpf record` learnt about the traced job besides its events
/// (format 3): what it ran, where, and at which code revision, so that
/// traces of many CI jobs can be grouped.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct JobInfo {
    pub ts: u64,
    /// The real command line of the traced process (`/proc/PID/cmdline`
    /// of an attached one), as the user's job ran it.
    pub argv: Vec<String>,
    /// Its working directory.
    pub cwd: String,
    /// The git commit checked out where it ran (`git rev-parse HEAD` in
    /// `cwd`), when that is a git work tree.
    pub git_revision: Option<String>,
}

/// What a file kept in a trace is.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum JobFileKind {
    /// JSON lines written by flakebpf's pytest plugin (one process's file).
    PluginOutcomes,
    /// The JUnit XML the job wrote (`--junitxml`).
    JUnitXml,
}

/// A file the traced job wrote that says how its tests ended, copied into
/// the trace once the job ended (format 3).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct JobFile {
    pub ts: u64,
    pub kind: JobFileKind,
    /// Where the job wrote it.
    pub path: String,
    pub text: String,
}

/// One element of a trace stream.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Record {
    Event(Event),
    Code(CodeInfo),
    /// A user-space note attached to the run (e.g. a warning about an interpreter).
    Note { ts: u64, text: String },
    /// Which interpreter a process runs (see [`PyProcess`]).
    Python(PyProcess),
    /// The traced job's command line, directory and revision (format 3).
    Job(JobInfo),
    /// A file of test outcomes the job wrote (format 3).
    File(JobFile),
}
