//! The eBPF tracer as a run [`Backend`]: the BPF programs are loaded and
//! attached once ([`Traced::load`]) and reused by every run.

use super::backend::{Backend, RunError, RunSpec, Sink};
use super::Plan;
use crate::probes::{CommandSpec, SetupError, TraceOptions, Tracer};
use crate::trace::model::{TraceEnd, TraceMeta};

pub struct Traced {
    tracer: Tracer,
}

impl Traced {
    pub fn load(opts: &TraceOptions) -> Result<Traced, SetupError> {
        Ok(Traced { tracer: Tracer::load(opts)? })
    }

    fn command(spec: &RunSpec) -> CommandSpec {
        CommandSpec {
            argv: with_log(&spec.argv, &spec.log),
            cwd: spec.cwd.clone(),
            extra_env: spec.env.clone(),
            timeout: spec.timeout,
        }
    }
}

/// `argv` behind `/bin/sh`, which sends the output to `log` and execs it
/// (same pid, so the traced root stays the command).
pub fn with_log(argv: &[String], log: &std::path::Path) -> Vec<String> {
    let quoted = format!("'{}'", log.to_string_lossy().replace('\'', r"'\''"));
    let mut v = vec![
        "/bin/sh".to_string(),
        "-c".to_string(),
        format!("exec \"$@\" </dev/null >{quoted} 2>&1"),
        "flakebpf".to_string(),
    ];
    v.extend(argv.iter().cloned());
    v
}

impl Backend for Traced {
    fn traces(&self) -> bool {
        true
    }

    fn meta(&self, _plan: &Plan, spec: &RunSpec) -> TraceMeta {
        let mut meta = self.tracer.meta_for(&Self::command(spec));
        meta.command = spec.argv.clone();
        meta
    }

    fn run(&mut self, spec: &RunSpec, sink: &mut Sink<'_>) -> Result<TraceEnd, RunError> {
        self.tracer.record(&Self::command(spec), sink).map(|(end, _root)| end).map_err(RunError::Failed)
    }
}
