//! How one run is executed. [`Backend`] is implemented by the eBPF tracer
//! adapter ([`super::traced`]) and by [`Untraced`], which runs the command
//! plainly (no records): the same run loop, outcomes and verdicts, used by
//! the tests and wherever no tracing is wanted.

use std::fs::File;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::trace::model::{Record, TraceEnd, TraceMeta};

/// One run to execute.
#[derive(Clone, Debug)]
pub struct RunSpec {
    /// argv as executed (plugin injected).
    pub argv: Vec<String>,
    pub cwd: PathBuf,
    /// Environment added to the inherited one.
    pub env: Vec<(String, String)>,
    pub timeout: Option<Duration>,
    /// File receiving the command's stdout and stderr.
    pub log: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The command could not be started at all.
    #[error("{0:#}")]
    CannotStart(anyhow::Error),
    /// Tracing failed.
    #[error("{0:#}")]
    Failed(anyhow::Error),
}

pub type Sink<'a> = dyn FnMut(&Record) -> anyhow::Result<()> + 'a;

pub trait Backend {
    /// Runs produce trace records (else no trace files are written).
    fn traces(&self) -> bool;
    /// The metadata a run's trace file starts with.
    fn meta(&self, plan: &super::Plan, spec: &RunSpec) -> TraceMeta {
        super::trace_meta(plan, &spec.argv)
    }
    /// Runs `spec` to its end (exit, time limit, Ctrl-C), feeding every
    /// record to `sink`.
    fn run(&mut self, spec: &RunSpec, sink: &mut Sink<'_>) -> Result<TraceEnd, RunError>;
}

/// CLOCK_MONOTONIC in ns: the clock of trace timestamps.
pub fn monotonic_ns() -> u64 {
    clock_ns(libc::CLOCK_MONOTONIC) as u64
}

pub fn clock_ns(clock: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: valid out-pointer.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

/// Runs the command without tracing, in its own process group, output to
/// the log; kills the group at the time limit or on Ctrl-C
/// (`stop`, by default [`super::interrupted`]).
#[derive(Debug)]
pub struct Untraced {
    pub stop: fn() -> bool,
}

impl Default for Untraced {
    fn default() -> Self {
        Untraced { stop: super::interrupted }
    }
}

impl Backend for Untraced {
    fn traces(&self) -> bool {
        false
    }

    fn run(&mut self, spec: &RunSpec, _sink: &mut Sink<'_>) -> Result<TraceEnd, RunError> {
        let cannot = |e: std::io::Error, what: &str| RunError::CannotStart(anyhow::anyhow!("{what}: {e}"));
        let log = File::create(&spec.log).map_err(|e| cannot(e, &format!("cannot create {}", spec.log.display())))?;
        let log2 = log.try_clone().map_err(|e| cannot(e, "log"))?;
        let mut cmd = Command::new(&spec.argv[0]);
        cmd.args(&spec.argv[1..])
            .current_dir(&spec.cwd)
            .envs(spec.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .process_group(0);
        let started = Instant::now();
        let mut child = cmd.spawn().map_err(|e| cannot(e, &format!("cannot start {}", spec.argv[0])))?;
        let pgid = child.id() as i32;
        let mut end = TraceEnd::default();
        let mut kill_at: Option<Instant> = None;
        let status = loop {
            match child.try_wait() {
                Ok(Some(st)) => break st,
                Ok(None) => {}
                Err(e) => return Err(RunError::Failed(e.into())),
            }
            if !end.timed_out && !end.interrupted {
                if spec.timeout.is_some_and(|t| started.elapsed() >= t) {
                    end.timed_out = true;
                    kill_group(pgid, libc::SIGKILL);
                } else if (self.stop)() {
                    end.interrupted = true;
                    kill_group(pgid, libc::SIGINT);
                    kill_at = Some(Instant::now() + Duration::from_secs(2));
                }
            }
            if kill_at.is_some_and(|t| Instant::now() >= t) {
                kill_group(pgid, libc::SIGKILL);
                kill_at = None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        // leftovers of the group (daemonised helpers) go too
        kill_group(pgid, libc::SIGKILL);
        end.root_pid = pgid as u32;
        end.exit_code = status.code();
        end.signal = status.signal();
        end.end_ns = monotonic_ns();
        Ok(end)
    }
}

fn kill_group(pgid: i32, sig: i32) {
    // SAFETY: plain syscall; ESRCH when the group is gone is fine.
    unsafe { libc::kill(-pgid, sig) };
}
