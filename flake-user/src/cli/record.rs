//! `flakebpf record`: trace one command (or an already running process
//! tree with `--pid`) into a trace file. The trace also keeps what the job
//! was — its real command line, directory and git revision — and, once it
//! ended, the files saying how its tests ended (the plugin's lines, which a
//! started command loads as under `run`, and its `--junitxml` report), so
//! `analyze` can diagnose CI jobs later ([`crate::ci::capture`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::ci::capture;
use crate::cli::exit;
use crate::probes::{CommandSpec, SetupError, TraceOptions, Tracer};
use crate::python;
use crate::trace::format::TraceWriter;
use crate::run::plugin;
use crate::trace::model::Record;

/// Arguments of `flakebpf record`.
#[derive(clap::Args, Debug)]
pub struct RecordArgs {
    /// Trace file to write (default: flakebpf-<unix time>.flaketrace).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Also probe every Python call (function entry/exit timings; ~1-2 µs per call).
    #[arg(long)]
    pub deep: bool,
    /// On-CPU sampling frequency in Hz (0 turns the sampler off).
    #[arg(long, default_value_t = crate::probes::DEFAULT_SAMPLE_HZ)]
    pub sample_hz: u64,
    /// Attach to this running process (and its children) instead of starting CMD.
    #[arg(long, conflicts_with = "cmd")]
    pub pid: Option<u32>,
    /// With --pid: stop after this many seconds (default: until the process exits or Ctrl-C).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Kill the command after this many seconds.
    #[arg(long)]
    pub timeout: Option<f64>,
    /// Do not load flakebpf's pytest plugin into the command (its test
    /// outcomes then come from the job's JUnit XML).
    #[arg(long, conflicts_with = "pid")]
    pub no_plugin: bool,
    /// Once the trace is written, exit with the traced command's own exit
    /// status (128 + N when a signal ended it) instead of 0, so a CI step
    /// still fails when its tests fail.
    #[arg(long)]
    pub command_status: bool,
    /// The command to trace.
    #[arg(last = true)]
    pub cmd: Vec<String>,
}

/// Error with the exit code it maps to.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure { code: exit::USAGE, error: e.into() }
    }
}

fn fail(code: u8, error: anyhow::Error) -> Failure {
    Failure { code, error }
}

/// Finds and inspects the interpreter a command would run. `Ok(None)` for
/// a command that is not Python.
pub fn python_of_command(argv0: &str, cwd: &Path) -> Result<Option<python::Interpreter>, Failure> {
    let path_env = std::env::var_os("PATH");
    let prog = if argv0.contains('/') { cwd.join(argv0).display().to_string() } else { argv0.to_string() };
    let Some(exe) = python::resolve_python(&prog, path_env.as_deref()) else {
        return Ok(None);
    };
    match python::inspect(&exe) {
        Ok(i) => Ok(Some(i)),
        Err(e) => Err(fail(exit::ENVIRONMENT, anyhow::anyhow!("{e}"))),
    }
}

/// Maps a tracer set-up error to its exit code.
pub fn setup_failure(e: SetupError) -> Failure {
    fail(exit::ENVIRONMENT, anyhow::anyhow!("{e}"))
}

/// Gives `path` to the sudo user, so files flakebpf writes are theirs.
pub fn chown_to_invoker(path: &Path, tracer: Option<&Tracer>) {
    if let Some(u) = tracer.and_then(|t| t.run_as()) {
        let _ = std::os::unix::fs::chown(path, Some(u.uid), Some(u.gid));
    }
}

pub fn execute(args: RecordArgs) -> Result<u8, Failure> {
    let cwd = std::env::current_dir().context("current directory")?;
    if args.pid.is_none() && args.cmd.is_empty() {
        return Err(fail(exit::USAGE, anyhow::anyhow!("nothing to trace: give `-- CMD...` or `--pid PID`")));
    }
    // The BPF side loads, and git names the checkout, while the interpreter
    // is found and inspected.
    Tracer::preload(&TraceOptions { deep: args.deep, sample_hz: args.sample_hz, ..Default::default() });
    let job_of_command = args.pid.is_none().then(|| {
        let (cmd, cwd) = (args.cmd.clone(), cwd.clone());
        std::thread::spawn(move || capture::job_of_command(0, &cmd, &cwd))
    });
    let python = match args.pid {
        Some(pid) => {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
                .map_err(|e| fail(exit::USAGE, anyhow::anyhow!("no process {pid}: {e}")))?;
            match python::inspect(&exe) {
                Ok(i) => Some(i),
                Err(e) => return Err(fail(exit::ENVIRONMENT, anyhow::anyhow!("process {pid}: {e}"))),
            }
        }
        None => python_of_command(&args.cmd[0], &cwd)?,
    };
    let opts = TraceOptions { deep: args.deep, sample_hz: args.sample_hz, python, ..Default::default() };
    let mut tracer = Tracer::load(&opts).map_err(setup_failure)?;
    for w in &tracer.warnings {
        eprintln!("flakebpf: warning: {w}");
    }
    let output = args.output.clone().unwrap_or_else(|| {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        PathBuf::from(format!("flakebpf-{t}.flaketrace"))
    });
    // The job as it really runs: an attached process's own command line and directory.
    let since = std::time::SystemTime::now();
    let mut job = match args.pid {
        Some(pid) => capture::job_of_pid(0, pid).map_err(|e| fail(exit::USAGE, e))?,
        None => match job_of_command.map(|h| h.join()) {
            Some(Ok(job)) => job,
            _ => capture::job_of_command(0, &args.cmd, &cwd),
        },
    };
    // A started command gets flakebpf's pytest plugin, as under `run`.
    let work = tempfile::Builder::new().prefix("flakebpf-record-").tempdir().context("cannot create a temporary folder")?;
    let plugin_out = (args.pid.is_none() && !args.no_plugin).then(|| work.path().join("outcomes"));
    let (argv, extra_env) = match &plugin_out {
        Some(out) => {
            let dir = plugin::install(&work.path().join("plugin"))?;
            std::fs::create_dir_all(out)?;
            for p in [work.path(), &dir, out] {
                chown_to_invoker(p, Some(&tracer));
            }
            let inj = plugin::inject(&args.cmd, &dir, out, |k| std::env::var_os(k));
            (inj.argv, inj.env)
        }
        None => (job.argv.clone(), vec![]),
    };
    let spec = CommandSpec {
        argv,
        cwd: PathBuf::from(&job.cwd),
        extra_env,
        timeout: args.timeout.map(Duration::from_secs_f64),
    };
    let mut meta = tracer.meta_for(&spec);
    if let Some(pid) = args.pid {
        meta.root_pid = pid;
    }
    job.ts = meta.start_ns;
    let mut writer = TraceWriter::create(&output, &meta).with_context(|| format!("creating {}", output.display()))?;
    chown_to_invoker(&output, Some(&tracer));
    writer.write(&Record::Job(job.clone()))?;
    // The header is on disk at once, and records at least every 200 ms, so
    // a killed flakebpf leaves a readable (truncated) trace.
    writer.flush()?;
    let warned = tracer.warnings.len();
    let mut saw_python = false;
    // Flushes go by the records' own (kernel) timestamps: reading the
    // clock per record would cost a uprobe hit each (flakebpf's own libc
    // clock_gettime is probed too).
    let mut last_flush_ns = 0u64;
    let mut sink = |r: &Record| -> Result<()> {
        if let Record::Code(_) | Record::Python(_) = r {
            saw_python = true;
        }
        writer.write(r)?;
        let ts = match r {
            Record::Event(e) => e.ts,
            Record::Code(c) => c.ts,
            Record::Note { ts, .. } => *ts,
            _ => 0,
        };
        if ts > last_flush_ns + 200_000_000 {
            writer.flush()?;
            last_flush_ns = ts;
        }
        Ok(())
    };
    let result = match args.pid {
        Some(pid) => {
            tracer.attach_pid(pid).map_err(|e| fail(exit::ENVIRONMENT, e))?;
            eprintln!("flakebpf: attached to pid {pid}; Ctrl-C to stop");
            tracer.follow(pid, args.duration.map(Duration::from_secs_f64), &mut sink).map(|e| (e, pid))
        }
        None => tracer.record(&spec, &mut sink),
    };
    let (end, _root) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = writer.flush();
            let code = if e.to_string().starts_with("cannot start") { exit::NO_START } else { exit::ENVIRONMENT };
            return Err(fail(code, e));
        }
    };
    let summary = format!(
        "flakebpf: {} events{} written to {}; command {}",
        end.events,
        if end.lost_events > 0 { format!(" ({} lost: ring buffer full)", end.lost_events) } else { String::new() },
        output.display(),
        match (end.exit_code, end.signal, end.timed_out) {
            (_, _, true) => "timed out (killed)".to_string(),
            (Some(c), _, _) => format!("exited with status {c}"),
            (None, Some(s), _) => format!("killed by signal {s}"),
            _ => "ended".to_string(),
        }
    );
    let end_status = (end.exit_code, end.signal);
    // The files that say how the job's tests ended, kept in the trace.
    let mut kept_warnings = vec![];
    for f in capture::outcome_files(end.end_ns, plugin_out.as_deref(), &job, since, &mut kept_warnings) {
        writer.write(&Record::File(f))?;
    }
    writer.finish(end).context("finishing the trace file")?;
    for w in kept_warnings {
        eprintln!("flakebpf: warning: {w}");
    }
    // About interpreters found while the command ran.
    for w in &tracer.warnings[warned..] {
        eprintln!("flakebpf: warning: {w}");
    }
    if !saw_python {
        eprintln!("flakebpf: no Python ran in the traced command that flakebpf could read: syscalls and scheduling only");
    }
    eprintln!("{summary}");
    if args.command_status {
        return Ok(match (end_status.0, end_status.1) {
            (Some(c), _) => c.clamp(0, 255) as u8,
            (None, Some(sig)) => (128 + sig).clamp(0, 255) as u8,
            _ => exit::OK,
        });
    }
    Ok(exit::OK)
}
