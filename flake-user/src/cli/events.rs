//! `flakebpf events FILE [--json]`: a trace, one event a line, in words
//! (or as JSON Lines, see `trace/FORMAT.md`).
//!
//! Streams: records are read one at a time and printed through a bounded
//! window, which serves two ends: a syscall entry waits there for its exit
//! (same tid) so that one line shows both, and a stack is resolved only when
//! its line leaves the window, so code records the kernel sent just after
//! the event that first saw them still apply.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, Read, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::trace::format::{TraceError, TraceReader, FORMAT_VERSION};
use crate::trace::model::{EnvOp, Event, EventKind, RandomOp, Record, TraceEnd, TraceMeta};
use crate::trace::symbols::{python_decoder, LineDecoder, PyFrame, Symbolizer};
use crate::trace::syscalls::{self as sc, nr, FutexTimeout};
use crate::trace::time::{iso8601_utc, rel_ms, wall_ns};

/// Records kept back so that late code records and syscall exits apply.
const LOOKAHEAD: usize = 512;
/// Most records held waiting for a syscall exit before printing anyway.
const MAX_QUEUE: usize = 8192;

/// `flakebpf events FILE [--json]`: [`run`] with CPython's line decoder
/// for the trace's interpreter version.
pub fn run_file(path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let reader = TraceReader::open(path)?;
    let decoder = python_decoder(reader.meta());
    render(reader, json, out, decoder)
}

/// Prints the trace at `path` to `out`: in words, or as JSON Lines.
pub fn run(
    path: &Path,
    json: bool,
    out: &mut dyn Write,
    decoder: Box<dyn LineDecoder>,
) -> anyhow::Result<()> {
    let reader = TraceReader::open(path)?;
    render(reader, json, out, decoder)
}

/// [`run`] on an open reader.
pub fn render<R: Read>(
    mut reader: TraceReader<R>,
    json: bool,
    out: &mut dyn Write,
    decoder: Box<dyn LineDecoder>,
) -> anyhow::Result<()> {
    let mut p = Printer::new(reader.meta().clone(), json, decoder);
    let mut buffered = io::BufWriter::with_capacity(64 << 10, out);
    let res = print_all(&mut p, &mut reader, &mut buffered);
    match res {
        // `flakebpf events x | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.into()),
        Ok(Some(e)) if e.is_truncation() => {
            log::warn!("{}", reader.warning().unwrap_or_else(|| e.to_string()));
            Ok(())
        }
        Ok(Some(e)) => Err(e.into()),
        Ok(None) => {
            if let Some(w) = reader.warning() {
                log::warn!("{w}");
            }
            Ok(())
        }
    }
}

fn print_all<R: Read>(
    p: &mut Printer,
    reader: &mut TraceReader<R>,
    out: &mut dyn Write,
) -> io::Result<Option<TraceError>> {
    p.header(out, reader.path())?;
    let mut err = None;
    for rec in &mut *reader {
        match rec {
            Ok(rec) => p.push(rec, out)?,
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    p.drain(out, true)?;
    p.footer(out, reader.end(), reader.warning(), err.as_ref())?;
    out.flush()?;
    Ok(err)
}

// ------------------------------------------------------------- the window

/// What became of a syscall entry.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    /// Waiting for its exit.
    Waiting,
    Returned {
        ret: i64,
        latency_ns: u64,
    },
    /// Its exit is not reported (or the thread went on without one).
    NoExit,
    /// Printed before its exit came (the window was full).
    StillRunning,
    /// The thread exited, or the trace ended, inside the syscall.
    Never(&'static str),
}

enum Item {
    Rec(Record),
    Sys {
        enter: Event,
        outcome: Outcome,
    },
    /// An exit whose entry is not in the window.
    LoneExit(Event),
}

struct Printer {
    meta: TraceMeta,
    json: bool,
    sym: Symbolizer,
    items: VecDeque<Item>,
    front_seq: u64,
    /// tid → seq of its syscall entry waiting for an exit.
    pending: HashMap<u32, u64>,
    /// Syscalls whose exits this trace reports.
    exit_seen: HashSet<u32>,
    /// Syscalls found not to have their exits reported.
    no_exit: HashSet<u32>,
}

impl Printer {
    fn new(meta: TraceMeta, json: bool, decoder: Box<dyn LineDecoder>) -> Self {
        Printer {
            sym: Symbolizer::new(&meta, decoder),
            meta,
            json,
            items: VecDeque::new(),
            front_seq: 0,
            pending: HashMap::new(),
            exit_seen: HashSet::new(),
            no_exit: HashSet::new(),
        }
    }

    fn slot(&mut self, seq: u64) -> Option<&mut Item> {
        let i = seq.checked_sub(self.front_seq)?;
        self.items.get_mut(i as usize)
    }

    /// Settles the waiting entry of `tid`, if any.
    fn settle(&mut self, tid: u32, outcome: Outcome) {
        if let Some(seq) = self.pending.remove(&tid) {
            let learn = outcome == Outcome::NoExit;
            let mut nr_seen = None;
            if let Some(Item::Sys { enter, outcome: o }) = self.slot(seq) {
                *o = outcome;
                if let EventKind::SyscallEnter { nr, .. } = enter.kind {
                    nr_seen = Some(nr);
                }
            }
            if let (true, Some(nr)) = (learn, nr_seen) {
                if !self.exit_seen.contains(&nr) {
                    self.no_exit.insert(nr);
                }
            }
        }
    }

    fn push(&mut self, rec: Record, out: &mut dyn Write) -> io::Result<()> {
        self.sym.feed(&rec);
        let seq = self.front_seq + self.items.len() as u64;
        let item = match rec {
            Record::Event(ev) => match ev.kind {
                EventKind::SyscallEnter { nr, .. } => {
                    self.settle(ev.tid, Outcome::NoExit);
                    if sc::never_returns(nr) || self.no_exit.contains(&nr) {
                        Item::Sys {
                            enter: ev,
                            outcome: Outcome::NoExit,
                        }
                    } else {
                        self.pending.insert(ev.tid, seq);
                        Item::Sys {
                            enter: ev,
                            outcome: Outcome::Waiting,
                        }
                    }
                }
                EventKind::SyscallExit {
                    nr,
                    ret,
                    latency_ns,
                } => {
                    self.exit_seen.insert(nr);
                    self.no_exit.remove(&nr);
                    let matched = match self.pending.get(&ev.tid) {
                        Some(&s) => matches!(
                            self.slot(s),
                            Some(Item::Sys { enter: Event { kind: EventKind::SyscallEnter { nr: n, .. }, .. }, .. })
                                if *n == nr
                        ),
                        None => false,
                    };
                    if matched {
                        self.settle(ev.tid, Outcome::Returned { ret, latency_ns });
                        return self.drain(out, false);
                    }
                    self.settle(ev.tid, Outcome::NoExit);
                    Item::LoneExit(ev)
                }
                EventKind::Clock { .. }
                | EventKind::Env { .. }
                | EventKind::Random { .. }
                | EventKind::PyCall { .. }
                | EventKind::Gil { .. } => {
                    // User-space events: the thread is out of its syscall.
                    self.settle(ev.tid, Outcome::NoExit);
                    Item::Rec(Record::Event(ev))
                }
                EventKind::Exit { .. } => {
                    self.settle(ev.tid, Outcome::Never("thread exited"));
                    Item::Rec(Record::Event(ev))
                }
                _ => Item::Rec(Record::Event(ev)),
            },
            rec => Item::Rec(rec),
        };
        self.items.push_back(item);
        self.drain(out, false)
    }

    /// Prints the lines that may leave the window (all of them at the end).
    fn drain(&mut self, out: &mut dyn Write, all: bool) -> io::Result<()> {
        loop {
            let len = self.items.len();
            let Some(front) = self.items.front_mut() else {
                break;
            };
            let waiting = matches!(
                front,
                Item::Sys {
                    outcome: Outcome::Waiting,
                    ..
                }
            );
            if waiting {
                if all {
                    if let Item::Sys { outcome, .. } = front {
                        *outcome = Outcome::Never("trace ended");
                    }
                } else if len > MAX_QUEUE {
                    if let Item::Sys { outcome, .. } = front {
                        *outcome = Outcome::StillRunning;
                    }
                } else {
                    break;
                }
                // Its exit, if one comes, prints on its own line.
                let seq = self.front_seq;
                self.pending.retain(|_, s| *s != seq);
            } else if !all && len <= LOOKAHEAD {
                break;
            }
            let item = self.items.pop_front().expect("front exists");
            self.front_seq += 1;
            self.print(&item, out)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ output

    fn header(&self, out: &mut dyn Write, path: &Path) -> io::Result<()> {
        let m = &self.meta;
        if self.json {
            let line = json!({ "meta": m, "format_version": FORMAT_VERSION });
            return writeln!(out, "{line}");
        }
        writeln!(out, "trace:   {}", path.display())?;
        writeln!(out, "command: {}", shell_join(&m.command))?;
        writeln!(out, "cwd:     {}", m.cwd)?;
        let py = if m.python.is_empty() {
            "(none found)"
        } else {
            &m.python
        };
        if m.python_exe.is_empty() {
            writeln!(out, "python:  {py}")?;
        } else {
            writeln!(out, "python:  {py} ({})", m.python_exe)?;
        }
        writeln!(out, "start:   {}", iso8601_utc(wall_ns(m, m.start_ns)))?;
        let sample = if m.sample_hz == 0 {
            "off".to_string()
        } else {
            format!("{} Hz", m.sample_hz)
        };
        writeln!(
            out,
            "root:    pid {}, sampling {}, deep mode {}, recorded by flakebpf {}",
            m.root_pid,
            sample,
            if m.deep { "on" } else { "off" },
            m.tool_version
        )?;
        writeln!(out)
    }

    fn footer(
        &self,
        out: &mut dyn Write,
        end: Option<&TraceEnd>,
        warning: Option<String>,
        err: Option<&TraceError>,
    ) -> io::Result<()> {
        let bad = err.filter(|e| !e.is_truncation());
        if self.json {
            let line = match (end, bad) {
                (Some(e), None) => json!({ "end": e, "truncated": false }),
                (_, Some(b)) => json!({ "end": null, "truncated": true, "error": b.to_string() }),
                (None, None) => json!({ "end": null, "truncated": true, "warning": warning }),
            };
            return writeln!(out, "{line}");
        }
        writeln!(out)?;
        if let Some(b) = bad {
            return writeln!(out, "error: {b}");
        }
        match end {
            Some(e) => {
                let mut s = format!(
                    "end:     after {:.3} ms, ",
                    (e.end_ns as i128 - self.meta.start_ns as i128) as f64 / 1e6
                );
                match (e.exit_code, e.signal) {
                    (_, Some(sig)) => {
                        s += &format!("killed by {}", sc::signal_display(i64::from(sig)))
                    }
                    (Some(c), None) => s += &format!("exit code {c}"),
                    (None, None) => s += "exit status unknown",
                }
                s += &format!(", {} events", e.events);
                if e.lost_events > 0 {
                    s += &format!(", {} LOST (ring buffer full)", e.lost_events);
                }
                if e.timed_out {
                    s += ", stopped: time limit exceeded";
                }
                if e.interrupted {
                    s += ", interrupted";
                }
                writeln!(out, "{s}")
            }
            None => writeln!(
                out,
                "warning: {}",
                warning.unwrap_or_else(|| "trace is truncated (no end record)".into())
            ),
        }
    }

    fn print(&self, item: &Item, out: &mut dyn Write) -> io::Result<()> {
        let Some(d) = self.describe(item) else {
            return Ok(());
        };
        if self.json {
            let mut o = Map::new();
            o.insert("ts_ns".into(), json!(d.ts));
            o.insert("t_ms".into(), json!(round3(rel_ms(&self.meta, d.ts))));
            if let Some(ev) = d.ev {
                o.insert("pid".into(), json!(ev.pid));
                o.insert("tid".into(), json!(ev.tid));
                o.insert("cpu".into(), json!(ev.cpu));
            }
            o.insert("kind".into(), json!(d.kind));
            for f in &d.fields {
                f.val.to_json(f.key, &mut o);
            }
            o.extend(d.extra);
            let mut line = serde_json::to_vec(&Value::Object(o))?;
            if let Some(ev) = d.ev {
                // Stacks are the bulk: serialise them straight from the
                // symboliser's borrowed frames.
                line.pop(); // the closing brace
                line.extend_from_slice(b",\"stack\":[");
                for (i, f) in self.sym.frames(ev).enumerate() {
                    if i > 0 {
                        line.push(b',');
                    }
                    let (file, function) = (f.filename(), f.qualname());
                    let jf = JsonFrame {
                        file: &file,
                        line: f.line,
                        function: &function,
                    };
                    serde_json::to_writer(&mut line, &jf)?;
                }
                line.extend_from_slice(b"],\"stack_status\":[");
                let s = &ev.stack_status;
                let mut first = true;
                for (on, name) in [
                    (s.no_python, "no_python"),
                    (s.no_tstate, "no_tstate"),
                    (s.truncated, "truncated"),
                    (s.read_error, "read_error"),
                    (s.runner_cut, "runner_cut"),
                ] {
                    if on {
                        if !first {
                            line.push(b',');
                        }
                        first = false;
                        line.extend_from_slice(format!("\"{name}\"").as_bytes());
                    }
                }
                line.extend_from_slice(b"]}");
            }
            line.push(b'\n');
            return out.write_all(&line);
        }
        let t = rel_ms(&self.meta, d.ts);
        let who = match d.ev {
            Some(ev) => format!("{}/{}", ev.pid, ev.tid),
            None => "-".to_string(),
        };
        writeln!(out, "{t:>10.3} ms  {who}  {}", d.text)?;
        if let Some(ev) = d.ev {
            for f in self.sym.frames(ev) {
                writeln!(out, "    {f}")?;
            }
            if ev.stack_status.truncated {
                writeln!(out, "    ... (deeper frames not walked)")?;
            }
            if ev.stack_status.read_error {
                writeln!(out, "    ... (a frame could not be read)")?;
            }
            if ev.stack_status.runner_cut {
                writeln!(out, "    ... (pytest's hook machinery)")?;
            }
        }
        Ok(())
    }

    /// An item in words and fields; `None` for records not shown.
    fn describe<'a>(&self, item: &'a Item) -> Option<Desc<'a>> {
        match item {
            Item::Sys { enter, outcome } => Some(self.describe_syscall(enter, *outcome)),
            Item::LoneExit(ev) => {
                let EventKind::SyscallExit {
                    nr,
                    ret,
                    latency_ns,
                } = ev.kind
                else {
                    return None;
                };
                let name = sc::name(nr);
                let enter_ts = ev.ts.saturating_sub(latency_ns);
                let text = format!(
                    "{}(...) = {} [{}] (entered at {:.3} ms)",
                    name,
                    ret_text(ret),
                    fmt_dur(latency_ns as i64),
                    rel_ms(&self.meta, enter_ts)
                );
                let mut extra = Map::new();
                extra.insert("syscall".into(), json!(name));
                extra.insert("nr".into(), json!(nr));
                extra.insert("class".into(), json!(sc::class(nr).as_str()));
                ret_json(Some((ret, latency_ns)), &mut extra);
                extra.insert("enter_ts_ns".into(), json!(enter_ts));
                Some(Desc {
                    ts: ev.ts,
                    ev: Some(ev),
                    kind: "syscall_exit",
                    text,
                    fields: vec![],
                    extra,
                })
            }
            Item::Rec(Record::Note { ts, text }) => {
                let mut extra = Map::new();
                extra.insert("text".into(), json!(text));
                Some(Desc {
                    ts: *ts,
                    ev: None,
                    kind: "note",
                    text: format!("note: {text}"),
                    fields: vec![],
                    extra,
                })
            }
            Item::Rec(Record::Job(j)) => Some(Desc {
                ts: j.ts,
                ev: None,
                kind: "job",
                text: format!("job: `{}` in {}{}", j.argv.join(" "), j.cwd, j.git_revision.as_deref().map(|r| format!(" at git revision {r}")).unwrap_or_default()),
                fields: vec![],
                extra: json!({"argv": j.argv, "cwd": j.cwd, "git_revision": j.git_revision}).as_object().cloned().unwrap_or_default(),
            }),
            Item::Rec(Record::File(f)) => Some(Desc {
                ts: f.ts,
                ev: None,
                kind: "file",
                text: format!("file kept: {} ({:?}, {} bytes)", f.path, f.kind, f.text.len()),
                fields: vec![],
                extra: json!({"path": f.path, "file_kind": format!("{:?}", f.kind), "bytes": f.text.len()}).as_object().cloned().unwrap_or_default(),
            }),
            Item::Rec(Record::Python(p)) => Some(Desc {
                ts: p.ts,
                ev: None,
                kind: "python",
                text: format!("pid {} runs CPython {} ({})", p.pid, p.version, p.exe),
                fields: vec![],
                extra: json!({"pid": p.pid, "version": p.version, "exe": p.exe, "code_adaptive": p.code_adaptive}).as_object().cloned().unwrap_or_default(),
            }),
            Item::Rec(Record::Code(c)) => {
                if !self.json {
                    return None;
                }
                let mut extra = Map::new();
                extra.insert("pid".into(), json!(c.pid));
                extra.insert("code".into(), json!(format!("0x{:x}", c.code)));
                extra.insert("filename".into(), json!(c.filename));
                extra.insert("filename_truncated".into(), json!(c.filename_truncated));
                extra.insert("qualname".into(), json!(c.qualname));
                extra.insert("firstlineno".into(), json!(c.firstlineno));
                extra.insert("linetable_len".into(), json!(c.linetable.len()));
                extra.insert("linetable_truncated".into(), json!(c.linetable_truncated));
                Some(Desc {
                    ts: c.ts,
                    ev: None,
                    kind: "code",
                    text: String::new(),
                    fields: vec![],
                    extra,
                })
            }
            Item::Rec(Record::Event(ev)) => Some(self.describe_event(ev)),
        }
    }

    fn describe_event<'a>(&self, ev: &'a Event) -> Desc<'a> {
        let mut extra = Map::new();
        let (kind, text) = match &ev.kind {
            EventKind::Clock { clock_id, func } => {
                let id = i64::from(*clock_id);
                let clock = sc::clock_display(id);
                let call = if func.starts_with("clock") {
                    format!("{func}({clock})")
                } else {
                    format!("{func}()")
                };
                let realtime =
                    sc::clock_is_realtime(id) || func == "time" || func == "gettimeofday";
                let monotonic = matches!(id, 1 | 4 | 6) && func.starts_with("clock");
                extra.insert("clock_id".into(), json!(clock_id));
                extra.insert("clock".into(), json!(clock));
                extra.insert("func".into(), json!(func));
                let text = if realtime {
                    let w = wall_ns(&self.meta, ev.ts);
                    extra.insert("wall".into(), json!(iso8601_utc(w)));
                    extra.insert("wall_ns".into(), json!(w));
                    format!("{call} = {} (wall clock)", iso8601_utc(w))
                } else {
                    extra.insert("wall".into(), Value::Null);
                    extra.insert("wall_ns".into(), Value::Null);
                    if monotonic {
                        format!(
                            "{call} = {}.{:09} s (monotonic)",
                            ev.ts / 1_000_000_000,
                            ev.ts % 1_000_000_000
                        )
                    } else {
                        call
                    }
                };
                ("clock", text)
            }
            // Syscalls are Item::Sys / Item::LoneExit; never here.
            EventKind::SyscallEnter { nr, .. } | EventKind::SyscallExit { nr, .. } => {
                ("syscall", sc::name(*nr).to_string())
            }
            EventKind::SchedOut { preempt, state } => {
                extra.insert("preempt".into(), json!(preempt));
                extra.insert("state".into(), json!(state));
                // Not preempted but still runnable: the thread yielded.
                let yielded = !*preempt && *state & 0xff == 0;
                extra.insert(
                    "reason".into(),
                    json!(if *preempt { "preempted" } else if yielded { "yielded" } else { "blocked" }),
                );
                extra.insert("state_name".into(), json!(task_state(*state)));
                if *preempt {
                    ("sched_out", "off cpu: preempted".to_string())
                } else if yielded {
                    ("sched_out", "off cpu: yielded (still runnable)".to_string())
                } else {
                    (
                        "sched_out",
                        format!("off cpu: blocked ({})", task_state(*state)),
                    )
                }
            }
            EventKind::SchedIn {
                off_cpu_ns,
                was_preempted,
            } => {
                extra.insert("off_cpu_ns".into(), json!(off_cpu_ns));
                extra.insert("was_preempted".into(), json!(was_preempted));
                let why = if *was_preempted {
                    "preempted"
                } else {
                    "blocked"
                };
                (
                    "sched_in",
                    format!(
                        "on cpu again after {} off ({why})",
                        fmt_dur(*off_cpu_ns as i64)
                    ),
                )
            }
            EventKind::Wakeup { wakee_tid } => {
                extra.insert("wakee_tid".into(), json!(wakee_tid));
                ("wakeup", format!("wakes tid {wakee_tid}"))
            }
            EventKind::Sample => ("sample", format!("sample (on cpu {})", ev.cpu)),
            EventKind::Gil { acquire } => {
                extra.insert("acquire".into(), json!(acquire));
                (
                    "gil",
                    if *acquire {
                        "GIL taken back"
                    } else {
                        "GIL released"
                    }
                    .to_string(),
                )
            }
            EventKind::Env { op, name, value } => {
                let (o, text) = match op {
                    EnvOp::Set => (
                        "set",
                        format!("setenv {name}={}", value.as_deref().unwrap_or("")),
                    ),
                    EnvOp::Unset => ("unset", format!("unsetenv {name}")),
                    EnvOp::Put => (
                        "put",
                        format!("putenv {name}={}", value.as_deref().unwrap_or("")),
                    ),
                };
                extra.insert("op".into(), json!(o));
                extra.insert("name".into(), json!(name));
                extra.insert("value".into(), json!(value));
                ("env", text)
            }
            EventKind::Random { op } => {
                let (o, text) = match op {
                    RandomOp::Random => ("random", "random.random()"),
                    RandomOp::GetRandBits => (
                        "getrandbits",
                        "random.getrandbits() (randint, choice, shuffle, ...)",
                    ),
                    RandomOp::Seed => ("seed", "random.seed()"),
                };
                extra.insert("op".into(), json!(o));
                ("random", text.to_string())
            }
            EventKind::Fork { child } => {
                extra.insert("child".into(), json!(child));
                ("fork", format!("fork: new task {child}"))
            }
            EventKind::Exec { filename } => {
                extra.insert("filename".into(), json!(filename));
                ("exec", format!("exec {filename}"))
            }
            EventKind::Exit { code } => {
                let sig = code & 0x7f;
                extra.insert("code".into(), json!(code));
                let text = if sig != 0 {
                    extra.insert("status".into(), Value::Null);
                    extra.insert("signal".into(), json!(sc::signal_display(sig)));
                    let core = if code & 0x80 != 0 {
                        " (core dumped)"
                    } else {
                        ""
                    };
                    format!("exit: killed by {}{core}", sc::signal_display(sig))
                } else {
                    let status = (code >> 8) & 0xff;
                    extra.insert("status".into(), json!(status));
                    extra.insert("signal".into(), Value::Null);
                    format!("exit: status {status}")
                };
                ("exit", text)
            }
            EventKind::PyCall { code, exit } => {
                extra.insert("code".into(), json!(format!("0x{code:x}")));
                extra.insert("exit".into(), json!(exit));
                let info = self.sym.lookup(ev.pid, *code, ev.ts);
                extra.insert("function".into(), json!(info.map(|c| c.qualname.clone())));
                extra.insert("file".into(), json!(info.map(|c| c.filename.clone())));
                extra.insert("firstlineno".into(), json!(info.map(|c| c.firstlineno)));
                let name = match info {
                    Some(c) => format!("{} ({}:{})", c.qualname, c.filename, c.firstlineno),
                    None => format!("0x{code:x}"),
                };
                (
                    "pycall",
                    if *exit {
                        format!("return from {name}")
                    } else {
                        format!("call {name}")
                    },
                )
            }
        };
        Desc {
            ts: ev.ts,
            ev: Some(ev),
            kind,
            text,
            fields: vec![],
            extra,
        }
    }

    fn describe_syscall<'a>(&self, ev: &'a Event, outcome: Outcome) -> Desc<'a> {
        let EventKind::SyscallEnter {
            nr,
            args,
            path,
            path2,
            buf,
        } = &ev.kind
        else {
            unreachable!("Item::Sys holds a SyscallEnter")
        };
        let nr = *nr;
        let fields = syscall_fields(
            &self.meta,
            ev.ts,
            nr,
            args,
            path.as_deref(),
            path2.as_deref(),
            buf,
        );
        let args_text: Vec<String> = fields
            .iter()
            .map(|f| format!("{}={}", f.label, f.val.human()))
            .collect();
        let name = sc::name_opt(nr).map_or_else(|| format!("syscall_{nr}"), str::to_string);
        let mut text = format!("{name}({})", args_text.join(", "));
        match outcome {
            Outcome::Returned { ret, latency_ns } => {
                text += &format!(" = {} [{}]", ret_text(ret), fmt_dur(latency_ns as i64));
            }
            Outcome::NoExit | Outcome::Waiting => {}
            Outcome::StillRunning => text += " = ? (not returned yet)",
            Outcome::Never(why) => text += &format!(" = ? (never returned: {why})"),
        }
        let mut extra = Map::new();
        extra.insert("syscall".into(), json!(name));
        extra.insert("nr".into(), json!(nr));
        extra.insert("class".into(), json!(sc::class(nr).as_str()));
        extra.insert("args".into(), json!(args));
        let ret = match outcome {
            Outcome::Returned { ret, latency_ns } => Some((ret, latency_ns)),
            _ => None,
        };
        ret_json(ret, &mut extra);
        extra.insert(
            "outcome".into(),
            json!(match outcome {
                Outcome::Returned { .. } => "returned",
                Outcome::NoExit | Outcome::Waiting => "no_exit_recorded",
                Outcome::StillRunning => "still_running",
                Outcome::Never(_) => "never_returned",
            }),
        );
        Desc {
            ts: ev.ts,
            ev: Some(ev),
            kind: "syscall",
            text,
            fields,
            extra,
        }
    }
}

/// One printable line.
struct Desc<'a> {
    ts: u64,
    ev: Option<&'a Event>,
    kind: &'static str,
    text: String,
    fields: Vec<Field>,
    extra: Map<String, Value>,
}

fn ret_json(ret: Option<(i64, u64)>, o: &mut Map<String, Value>) {
    match ret {
        Some((ret, lat)) => {
            o.insert("ret".into(), json!(ret));
            o.insert(
                "errno".into(),
                match sc::split_ret(ret) {
                    Err(e) => json!(sc::errno_display(e)),
                    Ok(_) => Value::Null,
                },
            );
            o.insert("latency_ns".into(), json!(lat));
            o.insert("returned".into(), json!(true));
        }
        None => {
            o.insert("ret".into(), Value::Null);
            o.insert("errno".into(), Value::Null);
            o.insert("latency_ns".into(), Value::Null);
            o.insert("returned".into(), json!(false));
        }
    }
}

fn ret_text(ret: i64) -> String {
    match sc::split_ret(ret) {
        Ok(v) => v.to_string(),
        Err(e) => format!("-1 {}", sc::errno_display(e)),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `/p/x.py:12 test_it` (`?` for an unknown line).
pub fn frame_line(f: &PyFrame) -> String {
    f.to_string()
}

/// One stack element of the JSON form.
#[derive(serde::Serialize)]
struct JsonFrame<'a> {
    file: &'a str,
    line: Option<u32>,
    function: &'a str,
}

/// A duration in the most readable unit.
pub fn fmt_dur(ns: i64) -> String {
    let a = ns.unsigned_abs();
    let sign = if ns < 0 { "-" } else { "" };
    if a < 1_000 {
        format!("{sign}{a} ns")
    } else if a < 1_000_000 {
        format!("{sign}{:.1} us", a as f64 / 1e3)
    } else if a < 1_000_000_000 {
        format!("{sign}{:.3} ms", a as f64 / 1e6)
    } else {
        format!("{sign}{:.3} s", a as f64 / 1e9)
    }
}

/// The kernel's `prev_state` in ps letters.
fn task_state(state: u64) -> &'static str {
    if state == 0 {
        "R running"
    } else if state & 0x402 == 0x402 {
        "I idle"
    } else if state & 1 != 0 {
        "S sleeping"
    } else if state & 2 != 0 {
        "D uninterruptible"
    } else if state & 4 != 0 {
        "T stopped"
    } else if state & 8 != 0 {
        "t traced"
    } else if state & 0x30 != 0 {
        "X exiting"
    } else {
        "other"
    }
}

fn shell_join(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            let plain = !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
            if plain {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// ------------------------------------------------------- syscall decoding

/// How long a wait may last.
#[derive(Clone, Debug, PartialEq)]
enum Timeout {
    Infinite,
    Relative(i64),
    /// Deadline on `clock`, `remaining` ns after the syscall entry.
    Absolute {
        clock: i64,
        deadline: i64,
        remaining: i64,
    },
    /// A pointer was passed but its bytes were not copied.
    Unknown,
    Invalid,
}

#[derive(Clone, Debug)]
enum Val {
    /// Quoted in words.
    Str(Option<String>),
    /// A name or symbolic value, unquoted.
    Sym(String),
    Int(i64),
    Hex(u64),
    Timeout(Timeout),
}

struct Field {
    /// JSON key.
    key: &'static str,
    /// Name in words.
    label: &'static str,
    val: Val,
}

impl Val {
    fn human(&self) -> String {
        match self {
            Val::Str(Some(s)) => format!("{s:?}"),
            Val::Str(None) => "?".into(),
            Val::Sym(s) => s.clone(),
            Val::Int(i) => i.to_string(),
            Val::Hex(h) => format!("0x{h:x}"),
            Val::Timeout(t) => match t {
                Timeout::Infinite => "infinite".into(),
                Timeout::Relative(ns) => fmt_dur(*ns),
                Timeout::Absolute {
                    clock,
                    deadline,
                    remaining,
                } => {
                    let rem = if *remaining >= 0 {
                        format!("+{}", fmt_dur(*remaining))
                    } else {
                        format!("{} (already past)", fmt_dur(*remaining))
                    };
                    if sc::clock_is_realtime(*clock) {
                        format!("{} ({rem})", iso8601_utc(*deadline))
                    } else {
                        rem
                    }
                }
                Timeout::Unknown => "?".into(),
                Timeout::Invalid => "invalid".into(),
            },
        }
    }

    fn to_json(&self, key: &str, o: &mut Map<String, Value>) {
        let v = match self {
            Val::Str(s) => json!(s),
            Val::Sym(s) => json!(s),
            Val::Int(i) => json!(i),
            Val::Hex(h) => json!(format!("0x{h:x}")),
            Val::Timeout(t) => {
                let (kind, ns) = match t {
                    Timeout::Infinite => ("infinite", None),
                    Timeout::Relative(ns) => ("relative", Some(*ns)),
                    Timeout::Absolute {
                        clock,
                        deadline,
                        remaining,
                    } => {
                        o.insert("timeout_clock".into(), json!(sc::clock_display(*clock)));
                        o.insert("deadline_ns".into(), json!(deadline));
                        ("absolute", Some(*remaining))
                    }
                    Timeout::Unknown => ("unknown", None),
                    Timeout::Invalid => ("invalid", None),
                };
                o.insert("timeout_ns".into(), json!(ns));
                json!(kind)
            }
        };
        o.insert(key.to_string(), v);
    }
}

fn f(key: &'static str, label: &'static str, val: Val) -> Field {
    Field { key, label, val }
}

fn fd(v: u64) -> Val {
    Val::Int(i64::from(v as i32))
}

fn uint(v: u64) -> Val {
    Val::Int(v as i64)
}

fn mode(v: u64) -> Val {
    Val::Sym(format!("0{:o}", v & 0o7777))
}

/// A timeout passed as a pointer to a timespec (or a timeval).
fn ptr_timeout(ptr: u64, buf: &[u8], timeval: bool) -> Timeout {
    if ptr == 0 {
        return Timeout::Infinite;
    }
    if buf.len() < 16 {
        return Timeout::Unknown;
    }
    let ns = if timeval {
        sc::timeval_ns(buf)
    } else {
        sc::timespec_ns(buf)
    };
    ns.map_or(Timeout::Invalid, Timeout::Relative)
}

/// An absolute deadline (timespec at `ptr`) on `clock`, from `ts`.
fn abs_timeout(meta: &TraceMeta, ts: u64, clock: i64, ptr: u64, buf: &[u8]) -> Timeout {
    match ptr_timeout(ptr, buf, false) {
        Timeout::Relative(deadline) => {
            let now = if sc::clock_is_realtime(clock) {
                wall_ns(meta, ts)
            } else {
                ts as i64
            };
            Timeout::Absolute {
                clock,
                deadline,
                remaining: deadline.saturating_sub(now),
            }
        }
        t => t,
    }
}

/// An `int` timeout in ms (poll, epoll_wait).
fn ms_timeout(v: u64) -> Timeout {
    let ms = v as i32;
    if ms < 0 {
        Timeout::Infinite
    } else {
        Timeout::Relative(i64::from(ms) * 1_000_000)
    }
}

fn sockaddr_fields(out: &mut Vec<Field>, buf: &[u8], addrlen: Option<u64>) {
    if let Some(a) = sc::decode_sockaddr(buf, addrlen) {
        out.push(f("family", "family", Val::Sym(a.family())));
        out.push(f("addr", "addr", Val::Sym(a.to_string())));
    }
}

/// The arguments of a syscall entry, decoded.
fn syscall_fields(
    meta: &TraceMeta,
    ts: u64,
    nr: u32,
    a: &[u64; 6],
    path: Option<&str>,
    path2: Option<&str>,
    buf: &[u8],
) -> Vec<Field> {
    let p1 = || Val::Str(path.map(str::to_string));
    let p2 = || Val::Str(path2.map(str::to_string));
    let mut v = Vec::new();
    match nr {
        nr::READ | nr::WRITE => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("count", "count", uint(a[2])));
        }
        nr::PREAD64 | nr::PWRITE64 => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("count", "count", uint(a[2])));
            v.push(f("offset", "offset", Val::Int(a[3] as i64)));
        }
        nr::READV | nr::WRITEV => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("iovcnt", "iovcnt", uint(a[2])));
        }
        nr::OPEN => {
            v.push(f("path", "path", p1()));
            v.push(f("flags", "flags", Val::Sym(sc::open_flags(a[1]))));
            if sc::open_creates(a[1]) {
                v.push(f("mode", "mode", mode(a[2])));
            }
        }
        nr::OPENAT => {
            v.push(f("dirfd", "dirfd", Val::Sym(sc::dirfd_display(a[0]))));
            v.push(f("path", "path", p1()));
            v.push(f("flags", "flags", Val::Sym(sc::open_flags(a[2]))));
            if sc::open_creates(a[2]) {
                v.push(f("mode", "mode", mode(a[3])));
            }
        }
        nr::CLOSE => v.push(f("fd", "fd", fd(a[0]))),
        nr::POLL => {
            v.push(f("nfds", "nfds", uint(a[1])));
            v.push(f("timeout", "timeout", Val::Timeout(ms_timeout(a[2]))));
        }
        nr::PPOLL => {
            v.push(f("nfds", "nfds", uint(a[1])));
            v.push(f(
                "timeout",
                "timeout",
                Val::Timeout(ptr_timeout(a[2], buf, false)),
            ));
        }
        nr::SELECT => {
            v.push(f("nfds", "nfds", Val::Int(i64::from(a[0] as i32))));
            v.push(f(
                "timeout",
                "timeout",
                Val::Timeout(ptr_timeout(a[4], buf, true)),
            ));
        }
        nr::PSELECT6 => {
            v.push(f("nfds", "nfds", Val::Int(i64::from(a[0] as i32))));
            v.push(f(
                "timeout",
                "timeout",
                Val::Timeout(ptr_timeout(a[4], buf, false)),
            ));
        }
        nr::EPOLL_WAIT | nr::EPOLL_PWAIT => {
            v.push(f("fd", "epfd", fd(a[0])));
            v.push(f(
                "maxevents",
                "maxevents",
                Val::Int(i64::from(a[2] as i32)),
            ));
            v.push(f("timeout", "timeout", Val::Timeout(ms_timeout(a[3]))));
        }
        nr::EPOLL_PWAIT2 => {
            v.push(f("fd", "epfd", fd(a[0])));
            v.push(f(
                "maxevents",
                "maxevents",
                Val::Int(i64::from(a[2] as i32)),
            ));
            v.push(f(
                "timeout",
                "timeout",
                Val::Timeout(ptr_timeout(a[3], buf, false)),
            ));
        }
        nr::NANOSLEEP => {
            v.push(f(
                "timeout",
                "duration",
                Val::Timeout(ptr_timeout(a[0], buf, false)),
            ));
        }
        nr::CLOCK_NANOSLEEP => {
            let clock = a[0] as i32 as i64;
            v.push(f("clock", "clock", Val::Sym(sc::clock_display(clock))));
            if a[1] & 1 != 0 {
                v.push(f("flags", "flags", Val::Sym("TIMER_ABSTIME".into())));
                v.push(f(
                    "timeout",
                    "until",
                    Val::Timeout(abs_timeout(meta, ts, clock, a[2], buf)),
                ));
            } else {
                v.push(f(
                    "timeout",
                    "duration",
                    Val::Timeout(ptr_timeout(a[2], buf, false)),
                ));
            }
        }
        nr::FUTEX => {
            v.push(f("uaddr", "uaddr", Val::Hex(a[0])));
            v.push(f("op", "op", Val::Sym(sc::futex_op_name(a[1]))));
            v.push(f("val", "val", Val::Int(i64::from(a[2] as u32))));
            match sc::futex_timeout(a[1]) {
                FutexTimeout::None => {}
                FutexTimeout::Relative => v.push(f(
                    "timeout",
                    "timeout",
                    Val::Timeout(ptr_timeout(a[3], buf, false)),
                )),
                FutexTimeout::Absolute { clock } => v.push(f(
                    "timeout",
                    "until",
                    Val::Timeout(abs_timeout(meta, ts, clock, a[3], buf)),
                )),
            }
        }
        nr::FUTEX_WAITV => {
            let clock = a[4] as i32 as i64;
            v.push(f("nr_futexes", "nr_futexes", uint(a[1])));
            v.push(f(
                "timeout",
                "until",
                Val::Timeout(abs_timeout(meta, ts, clock, a[3], buf)),
            ));
        }
        nr::SENDFILE => {
            v.push(f("fd", "out_fd", fd(a[0])));
            v.push(f("in_fd", "in_fd", fd(a[1])));
            v.push(f("count", "count", uint(a[3])));
        }
        nr::SOCKET => {
            let dom = sc::family_name(a[0]).map_or_else(|| format!("AF_{}", a[0]), str::to_string);
            v.push(f("domain", "domain", Val::Sym(dom)));
            v.push(f("type", "type", Val::Sym(sc::socket_type(a[1]))));
            v.push(f("protocol", "protocol", Val::Int(i64::from(a[2] as i32))));
        }
        nr::CONNECT | nr::BIND => {
            v.push(f("fd", "fd", fd(a[0])));
            sockaddr_fields(&mut v, buf, Some(a[2]));
        }
        nr::ACCEPT | nr::ACCEPT4 => {
            v.push(f("fd", "fd", fd(a[0])));
            sockaddr_fields(&mut v, buf, None);
            if nr == nr::ACCEPT4 {
                let fl = sc::socket_type(a[3]);
                let fl = fl
                    .split_once('|')
                    .map_or("0".to_string(), |x| x.1.to_string());
                v.push(f("flags", "flags", Val::Sym(fl)));
            }
        }
        nr::SENDTO => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("count", "count", uint(a[2])));
            if a[4] != 0 {
                sockaddr_fields(&mut v, buf, Some(a[5]));
            }
        }
        nr::RECVFROM => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("count", "count", uint(a[2])));
        }
        nr::SENDMSG | nr::RECVMSG => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("flags", "flags", Val::Hex(a[2])));
        }
        nr::SENDMMSG | nr::RECVMMSG => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("vlen", "vlen", uint(a[2] & 0xffff_ffff)));
        }
        nr::LISTEN => {
            v.push(f("fd", "fd", fd(a[0])));
            v.push(f("backlog", "backlog", Val::Int(i64::from(a[1] as i32))));
        }
        nr::CLONE => {
            v.push(f("flags", "flags", Val::Hex(a[0])));
            let what = if a[0] & 0x10000 != 0 {
                "thread"
            } else {
                "process"
            };
            v.push(f("creates", "creates", Val::Sym(what.into())));
        }
        nr::EXECVE => v.push(f("path", "path", p1())),
        nr::EXECVEAT => {
            v.push(f("dirfd", "dirfd", Val::Sym(sc::dirfd_display(a[0]))));
            v.push(f("path", "path", p1()));
        }
        nr::EXIT | nr::EXIT_GROUP => {
            v.push(f("status", "status", Val::Int(i64::from(a[0] as i32))))
        }
        nr::KILL => {
            v.push(f("target", "pid", Val::Int(i64::from(a[0] as i32))));
            v.push(f("sig", "sig", Val::Sym(sc::signal_display(a[1] as i64))));
        }
        nr::RENAME => {
            v.push(f("path", "old", p1()));
            v.push(f("path2", "new", p2()));
        }
        nr::RENAMEAT | nr::RENAMEAT2 => {
            v.push(f("dirfd", "olddirfd", Val::Sym(sc::dirfd_display(a[0]))));
            v.push(f("path", "old", p1()));
            v.push(f("dirfd2", "newdirfd", Val::Sym(sc::dirfd_display(a[2]))));
            v.push(f("path2", "new", p2()));
            if nr == nr::RENAMEAT2 {
                v.push(f("flags", "flags", Val::Sym(sc::renameat2_flags(a[4]))));
            }
        }
        nr::MKDIR => {
            v.push(f("path", "path", p1()));
            v.push(f("mode", "mode", mode(a[1])));
        }
        nr::MKDIRAT => {
            v.push(f("dirfd", "dirfd", Val::Sym(sc::dirfd_display(a[0]))));
            v.push(f("path", "path", p1()));
            v.push(f("mode", "mode", mode(a[2])));
        }
        nr::RMDIR | nr::UNLINK => v.push(f("path", "path", p1())),
        nr::UNLINKAT => {
            v.push(f("dirfd", "dirfd", Val::Sym(sc::dirfd_display(a[0]))));
            v.push(f("path", "path", p1()));
            v.push(f("flags", "flags", Val::Sym(sc::unlinkat_flags(a[2]))));
        }
        nr::GETRANDOM => {
            v.push(f("count", "count", uint(a[1])));
            v.push(f("flags", "flags", Val::Sym(sc::getrandom_flags(a[2]))));
        }
        nr::FORK | nr::VFORK | nr::CLONE3 => {}
        _ => {
            const KEYS: [&str; 6] = ["a0", "a1", "a2", "a3", "a4", "a5"];
            for (i, x) in a.iter().enumerate() {
                v.push(f(KEYS[i], KEYS[i], Val::Hex(*x)));
            }
            if path.is_some() {
                v.push(f("path", "path", p1()));
            }
            if path2.is_some() {
                v.push(f("path2", "path2", p2()));
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::format::tests::{end, meta};
    use crate::trace::format::TraceWriter;
    use crate::trace::model::{CodeInfo, RawFrame, StackStatus};
    use crate::trace::symbols::NoLines;

    const START: u64 = 5_000_000_000;

    fn ev(ms: u64, tid: u32, kind: EventKind) -> Record {
        Record::Event(Event {
            ts: START + ms * 1_000_000,
            pid: 100,
            tid,
            cpu: 1,
            kind,
            stack: vec![],
            stack_status: StackStatus::default(),
        })
    }

    fn with_stack(mut r: Record) -> Record {
        if let Record::Event(e) = &mut r {
            e.stack = vec![
                RawFrame {
                    code: 0x1000,
                    instr: 2,
                },
                RawFrame {
                    code: 0x2000,
                    instr: 5,
                },
            ];
        }
        r
    }

    fn enter(
        ms: u64,
        tid: u32,
        nr: u32,
        args: [u64; 6],
        path: Option<&str>,
        buf: Vec<u8>,
    ) -> Record {
        ev(
            ms,
            tid,
            EventKind::SyscallEnter {
                nr,
                args,
                path: path.map(Into::into),
                path2: None,
                buf,
            },
        )
    }

    fn exit(ms: u64, tid: u32, nr: u32, ret: i64, latency_ns: u64) -> Record {
        ev(
            ms,
            tid,
            EventKind::SyscallExit {
                nr,
                ret,
                latency_ns,
            },
        )
    }

    fn code(addr: u64, file: &str, name: &str, first: i32) -> Record {
        Record::Code(CodeInfo {
            pid: 100,
            code: addr,
            ts: START,
            filename: file.into(),
            filename_truncated: false,
            qualname: name.into(),
            firstlineno: first,
            linetable: vec![],
            linetable_truncated: false,
        })
    }

    fn decoder() -> Box<dyn LineDecoder> {
        Box::new(|c: &CodeInfo, instr: u64| Some(c.firstlineno as u32 + instr as u32))
    }

    fn render_recs(recs: &[Record], finish: bool, json: bool) -> String {
        let mut bytes = Vec::new();
        let mut w = TraceWriter::to_writer(&mut bytes, &meta()).unwrap();
        for r in recs {
            w.write(r).unwrap();
        }
        if finish {
            w.finish(end()).unwrap();
        } else {
            w.flush().unwrap();
            drop(w);
        }
        let reader = TraceReader::from_reader(&bytes[..], "run.trace").unwrap();
        let mut out = Vec::new();
        render(reader, json, &mut out, decoder()).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Event lines only (no header/footer).
    fn body(s: &str) -> Vec<String> {
        let mut lines: Vec<String> = s.lines().map(str::to_string).collect();
        let start = lines.iter().position(String::is_empty).unwrap() + 1;
        lines.drain(..start);
        let endpos = lines.iter().rposition(String::is_empty).unwrap();
        lines.truncate(endpos);
        lines
    }

    fn one(recs: Vec<Record>) -> String {
        let b = body(&render_recs(&recs, true, false));
        b.join("\n")
    }

    fn one_json(recs: Vec<Record>) -> Vec<Value> {
        let s = render_recs(&recs, true, true);
        let lines: Vec<Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(lines[0].get("meta").is_some());
        assert!(lines.last().unwrap().get("end").is_some());
        lines[1..lines.len() - 1].to_vec()
    }

    fn ts_buf(sec: i64, nsec: i64) -> Vec<u8> {
        let mut b = sec.to_le_bytes().to_vec();
        b.extend_from_slice(&nsec.to_le_bytes());
        b
    }

    #[test]
    fn header_and_footer() {
        let s = render_recs(&[], true, false);
        assert_eq!(
            s,
            "trace:   run.trace\n\
             command: python -m pytest tests/test_x.py\n\
             cwd:     /home/u/proj\n\
             python:  3.11.7 (/usr/bin/python3.11)\n\
             start:   2023-11-14T22:13:25.000000000Z\n\
             root:    pid 100, sampling 99 Hz, deep mode off, recorded by flakebpf 0.1.0\n\
             \n\
             \n\
             end:     after 1000.000 ms, exit code 1, 15 events, 3 LOST (ring buffer full)\n"
        );
        let s = render_recs(&[], false, false);
        assert!(s.contains(
            "\n\nwarning: run.trace: trace is truncated: it has no end record, so the run or its \
             recorder was cut short; 0 records read up to byte offset "
        ), "{s}");
        assert_eq!(
            shell_join(&["a b".into(), "it's".into(), "x=1".into()]),
            "'a b' 'it'\\''s' x=1"
        );
    }

    #[test]
    fn clock_lines() {
        let r = with_stack(ev(
            12,
            101,
            EventKind::Clock {
                clock_id: 0,
                func: "clock_gettime".into(),
            },
        ));
        let s = one(vec![
            code(0x1000, "/home/u/proj/tests/test_x.py", "test_it", 10),
            code(
                0x2000,
                "/usr/lib/python3.11/unittest/case.py",
                "TestCase.run",
                500,
            ),
            r,
        ]);
        assert_eq!(
            s,
            "    12.000 ms  100/101  clock_gettime(CLOCK_REALTIME) = 2023-11-14T22:13:25.012000000Z (wall clock)\n\
             \x20   /home/u/proj/tests/test_x.py:12 test_it\n\
             \x20   /usr/lib/python3.11/unittest/case.py:505 TestCase.run"
        );
        let s = one(vec![ev(
            1,
            101,
            EventKind::Clock {
                clock_id: 1,
                func: "clock_gettime".into(),
            },
        )]);
        assert_eq!(
            s,
            "     1.000 ms  100/101  clock_gettime(CLOCK_MONOTONIC) = 5.001000000 s (monotonic)"
        );
        let s = one(vec![ev(
            1,
            101,
            EventKind::Clock {
                clock_id: 0,
                func: "time".into(),
            },
        )]);
        assert_eq!(
            s,
            "     1.000 ms  100/101  time() = 2023-11-14T22:13:25.001000000Z (wall clock)"
        );
        let s = one(vec![ev(
            1,
            101,
            EventKind::Clock {
                clock_id: 2,
                func: "clock_gettime".into(),
            },
        )]);
        assert_eq!(
            s,
            "     1.000 ms  100/101  clock_gettime(CLOCK_PROCESS_CPUTIME_ID)"
        );

        let j = one_json(vec![
            code(0x1000, "/p/t.py", "test_it", 10),
            with_stack(ev(
                12,
                101,
                EventKind::Clock {
                    clock_id: 0,
                    func: "clock_gettime".into(),
                },
            )),
        ]);
        assert_eq!(j.len(), 2);
        assert_eq!(j[0]["kind"], "code");
        assert_eq!(
            j[1],
            json!({
                "ts_ns": START + 12_000_000, "t_ms": 12.0, "pid": 100, "tid": 101, "cpu": 1,
                "kind": "clock", "clock_id": 0, "clock": "CLOCK_REALTIME", "func": "clock_gettime",
                "wall": "2023-11-14T22:13:25.012000000Z", "wall_ns": 1_700_000_005_012_000_000i64,
                "stack": [
                    {"file": "/p/t.py", "line": 12, "function": "test_it"},
                    {"file": "<unknown>", "line": null, "function": "0x2000"}
                ],
                "stack_status": []
            })
        );
    }

    #[test]
    fn syscalls_are_paired_per_tid() {
        let recs = vec![
            with_stack(enter(
                1,
                101,
                257,
                [(-100i64) as u64, 0x7f00, 0o2000000, 0, 0, 0],
                Some("/etc/hosts"),
                vec![],
            )),
            ev(2, 102, EventKind::Wakeup { wakee_tid: 101 }),
            exit(3, 101, 257, -2, 2_000_000),
            code(0x1000, "/p/t.py", "test_it", 10),
        ];
        let s = one(recs.clone());
        assert_eq!(
            s,
            "     1.000 ms  100/101  openat(dirfd=AT_FDCWD, path=\"/etc/hosts\", flags=O_RDONLY|O_CLOEXEC) = -1 ENOENT [2.000 ms]\n\
             \x20   /p/t.py:12 test_it\n\
             \x20   <unknown>:? 0x2000\n\
             \x20    2.000 ms  100/102  wakes tid 101"
        );
        let j = one_json(recs);
        let o = &j[0];
        assert_eq!(o["kind"], "syscall");
        assert_eq!(o["syscall"], "openat");
        assert_eq!(o["class"], "file");
        assert_eq!(o["path"], "/etc/hosts");
        assert_eq!(o["flags"], "O_RDONLY|O_CLOEXEC");
        assert_eq!(o["dirfd"], "AT_FDCWD");
        assert_eq!(o["ret"], -2);
        assert_eq!(o["errno"], "ENOENT");
        assert_eq!(o["latency_ns"], 2_000_000);
        assert_eq!(o["returned"], true);
        assert_eq!(o["outcome"], "returned");
        assert_eq!(o["t_ms"], 1.0);
        assert_eq!(
            o["stack"][0],
            json!({"file": "/p/t.py", "line": 12, "function": "test_it"})
        );
        assert_eq!(j[1]["kind"], "wakeup");
        assert_eq!(j[1]["wakee_tid"], 101);
        assert_eq!(j[2]["kind"], "code");
    }

    #[test]
    fn syscall_decodings() {
        let line = |r: Vec<Record>| {
            one(r)
                .lines()
                .next()
                .unwrap()
                .split_once("  100/101  ")
                .unwrap()
                .1
                .to_string()
        };
        assert_eq!(
            line(vec![
                enter(0, 101, 0, [3, 0, 4096, 0, 0, 0], None, vec![]),
                exit(0, 101, 0, 120, 500)
            ]),
            "read(fd=3, count=4096) = 120 [500 ns]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 1, [1, 0, 10, 0, 0, 0], None, vec![]),
                exit(0, 101, 1, 10, 1500)
            ]),
            "write(fd=1, count=10) = 10 [1.5 us]"
        );
        assert_eq!(
            line(vec![
                enter(
                    0,
                    101,
                    2,
                    [0, 0o1101, 0o644, 0, 0, 0],
                    Some("/tmp/o"),
                    vec![]
                ),
                exit(0, 101, 2, 4, 1)
            ]),
            "open(path=\"/tmp/o\", flags=O_WRONLY|O_CREAT|O_TRUNC, mode=0644) = 4 [1 ns]"
        );
        let mut sa = vec![2, 0, 0x1f, 0x90, 127, 0, 0, 1];
        sa.resize(16, 0);
        assert_eq!(
            line(vec![
                enter(0, 101, 42, [3, 0, 16, 0, 0, 0], None, sa),
                exit(0, 101, 42, -111, 1000)
            ]),
            "connect(fd=3, family=AF_INET, addr=127.0.0.1:8080) = -1 ECONNREFUSED [1.0 us]"
        );
        let mut sa6 = vec![10, 0, 0, 80, 0, 0, 0, 0];
        sa6.extend_from_slice(&[0; 15]);
        sa6.push(1);
        sa6.extend_from_slice(&[0; 4]);
        assert_eq!(
            line(vec![
                enter(0, 101, 49, [3, 0, 28, 0, 0, 0], None, sa6),
                exit(0, 101, 49, 0, 1000)
            ]),
            "bind(fd=3, family=AF_INET6, addr=[::1]:80) = 0 [1.0 us]"
        );
        let mut un = vec![1, 0];
        un.extend_from_slice(b"/run/x.sock\0");
        assert_eq!(
            line(vec![enter(0, 101, 42, [3, 0, 110, 0, 0, 0], None, un)]),
            "connect(fd=3, family=AF_UNIX, addr=unix:/run/x.sock) = ? (never returned: trace ended)"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 41, [2, 1 | 0o2000000, 0, 0, 0, 0], None, vec![]),
                exit(0, 101, 41, 3, 1000)
            ]),
            "socket(domain=AF_INET, type=SOCK_STREAM|SOCK_CLOEXEC, protocol=0) = 3 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                ev(
                    0,
                    101,
                    EventKind::SyscallEnter {
                        nr: 82,
                        args: [0; 6],
                        path: Some("a.tmp".into()),
                        path2: Some("a".into()),
                        buf: vec![]
                    }
                ),
                exit(0, 101, 82, 0, 1000)
            ]),
            "rename(old=\"a.tmp\", new=\"a\") = 0 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(
                    0,
                    101,
                    263,
                    [(-100i64) as u64, 0, 0x200, 0, 0, 0],
                    Some("d"),
                    vec![]
                ),
                exit(0, 101, 263, -39, 1000)
            ]),
            "unlinkat(dirfd=AT_FDCWD, path=\"d\", flags=AT_REMOVEDIR) = -1 ENOTEMPTY [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 87, [0; 6], Some("/tmp/f"), vec![]),
                exit(0, 101, 87, 0, 1000)
            ]),
            "unlink(path=\"/tmp/f\") = 0 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(
                    0,
                    101,
                    35,
                    [0x10, 0, 0, 0, 0, 0],
                    None,
                    ts_buf(0, 100_000_000)
                ),
                exit(100, 101, 35, 0, 100_000_000)
            ]),
            "nanosleep(duration=100.000 ms) = 0 [100.000 ms]"
        );
        // Absolute monotonic deadline 50 ms after the entry (entry at START).
        let dl = START as i64 + 50_000_000;
        assert_eq!(
            line(vec![enter(0, 101, 230, [1, 1, 0x10, 0, 0, 0], None, ts_buf(dl / 1_000_000_000, dl % 1_000_000_000))]),
            "clock_nanosleep(clock=CLOCK_MONOTONIC, flags=TIMER_ABSTIME, until=+50.000 ms) = ? (never returned: trace ended)"
        );
        assert_eq!(
            line(vec![enter(0, 101, 202, [0x7f10, 128, 0, 0x20, 0, 0], None, ts_buf(1, 0)), exit(1000, 101, 202, -110, 1_000_000_000)]),
            "futex(uaddr=0x7f10, op=FUTEX_WAIT_PRIVATE, val=0, timeout=1.000 s) = -1 ETIMEDOUT [1.000 s]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 202, [0x7f10, 128, 0, 0, 0, 0], None, vec![]),
                exit(0, 101, 202, 0, 1000)
            ]),
            "futex(uaddr=0x7f10, op=FUTEX_WAIT_PRIVATE, val=0, timeout=infinite) = 0 [1.0 us]"
        );
        // Realtime absolute futex deadline, 2 s after the entry.
        let wall = meta().realtime_offset_ns + START as i64 + 2_000_000_000;
        assert_eq!(
            line(vec![enter(0, 101, 202, [0x7f10, 9 | 128 | 256, 0, 0x20, 0, 0], None, ts_buf(wall / 1_000_000_000, 0))]),
            "futex(uaddr=0x7f10, op=FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, val=0, until=2023-11-14T22:13:27.000000000Z (+2.000 s)) = ? (never returned: trace ended)"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 202, [0x7f10, 1 | 128, 1, 0, 0, 0], None, vec![]),
                exit(0, 101, 202, 1, 1000)
            ]),
            "futex(uaddr=0x7f10, op=FUTEX_WAKE_PRIVATE, val=1) = 1 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 7, [0, 1, (-1i64) as u64, 0, 0, 0], None, vec![]),
                exit(0, 101, 7, 1, 1000)
            ]),
            "poll(nfds=1, timeout=infinite) = 1 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 232, [5, 0, 64, 100, 0, 0], None, vec![]),
                exit(0, 101, 232, 0, 1000)
            ]),
            "epoll_wait(epfd=5, maxevents=64, timeout=100.000 ms) = 0 [1.0 us]"
        );
        let mut tv = 0i64.to_le_bytes().to_vec();
        tv.extend_from_slice(&5000i64.to_le_bytes());
        assert_eq!(
            line(vec![
                enter(0, 101, 23, [4, 0, 0, 0, 0x20, 0], None, tv),
                exit(0, 101, 23, 0, 1000)
            ]),
            "select(nfds=4, timeout=5.000 ms) = 0 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 318, [0x10, 16, 1, 0, 0, 0], None, vec![]),
                exit(0, 101, 318, 16, 1000)
            ]),
            "getrandom(count=16, flags=GRND_NONBLOCK) = 16 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 62, [200, 15, 0, 0, 0, 0], None, vec![]),
                exit(0, 101, 62, 0, 1000)
            ]),
            "kill(pid=200, sig=SIGTERM) = 0 [1.0 us]"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 231, [1, 0, 0, 0, 0, 0], None, vec![]),
                ev(1, 101, EventKind::Exit { code: 256 })
            ]),
            "exit_group(status=1)"
        );
        assert_eq!(
            line(vec![
                enter(0, 101, 999, [1, 2, 0, 0, 0, 0], None, vec![]),
                exit(0, 101, 999, 0, 1000)
            ]),
            "syscall_999(a0=0x1, a1=0x2, a2=0x0, a3=0x0, a4=0x0, a5=0x0) = 0 [1.0 us]"
        );
    }

    #[test]
    fn syscall_json_fields() {
        let mut sa = vec![2, 0, 0x1f, 0x90, 10, 0, 0, 7];
        sa.resize(16, 0);
        let j = one_json(vec![
            enter(0, 101, 42, [3, 0, 16, 0, 0, 0], None, sa),
            exit(1, 101, 42, 0, 1_000_000),
        ]);
        let o = &j[0];
        assert_eq!(o["syscall"], "connect");
        assert_eq!(o["class"], "socket");
        assert_eq!(o["addr"], "10.0.0.7:8080");
        assert_eq!(o["family"], "AF_INET");
        assert_eq!(o["fd"], 3);
        assert_eq!(o["args"], json!([3, 0, 16, 0, 0, 0]));
        assert_eq!(o["errno"], Value::Null);
        let j = one_json(vec![enter(
            0,
            101,
            202,
            [0x7f10, 128, 0, 0x20, 0, 0],
            None,
            ts_buf(0, 5_000_000),
        )]);
        let o = &j[0];
        assert_eq!(o["timeout"], "relative");
        assert_eq!(o["timeout_ns"], 5_000_000);
        assert_eq!(o["op"], "FUTEX_WAIT_PRIVATE");
        assert_eq!(o["uaddr"], "0x7f10");
        assert_eq!(o["returned"], false);
        assert_eq!(o["ret"], Value::Null);
        assert_eq!(o["outcome"], "never_returned");
        let dl = START as i64 + 50_000_000;
        let j = one_json(vec![enter(
            0,
            101,
            230,
            [1, 1, 0x10, 0, 0, 0],
            None,
            ts_buf(dl / 1_000_000_000, dl % 1_000_000_000),
        )]);
        assert_eq!(j[0]["timeout"], "absolute");
        assert_eq!(j[0]["timeout_ns"], 50_000_000);
        assert_eq!(j[0]["timeout_clock"], "CLOCK_MONOTONIC");
        assert_eq!(j[0]["deadline_ns"], dl);
    }

    #[test]
    fn unpaired_syscalls() {
        // Exit without entry; entry without reported exit (next entry on the
        // same tid settles it); user-space event settles it too.
        let recs = vec![
            exit(1, 101, 0, 5, 500_000),
            enter(2, 101, 3, [7, 0, 0, 0, 0, 0], None, vec![]),
            enter(3, 101, 3, [8, 0, 0, 0, 0, 0], None, vec![]),
            enter(4, 101, 3, [9, 0, 0, 0, 0, 0], None, vec![]),
            enter(5, 102, 1, [1, 0, 2, 0, 0, 0], None, vec![]),
            ev(6, 102, EventKind::Gil { acquire: false }),
            enter(7, 103, 0, [0, 0, 1, 0, 0, 0], None, vec![]),
            ev(8, 103, EventKind::Exit { code: 9 }),
        ];
        assert_eq!(
            one(recs.clone()),
            "     1.000 ms  100/101  read(...) = 5 [500.0 us] (entered at 0.500 ms)\n\
             \x20    2.000 ms  100/101  close(fd=7)\n\
             \x20    3.000 ms  100/101  close(fd=8)\n\
             \x20    4.000 ms  100/101  close(fd=9)\n\
             \x20    5.000 ms  100/102  write(fd=1, count=2)\n\
             \x20    6.000 ms  100/102  GIL released\n\
             \x20    7.000 ms  100/103  read(fd=0, count=1) = ? (never returned: thread exited)\n\
             \x20    8.000 ms  100/103  exit: killed by SIGKILL"
        );
        let j = one_json(recs);
        assert_eq!(j[0]["kind"], "syscall_exit");
        assert_eq!(j[0]["enter_ts_ns"], START + 500_000);
        assert_eq!(j[0]["ret"], 5);
        assert_eq!(j[1]["outcome"], "no_exit_recorded");
        assert_eq!(j[6]["outcome"], "never_returned");
    }

    #[test]
    fn window_overflow_keeps_order() {
        // A syscall that blocks while another thread logs more than the window.
        let mut recs = vec![enter(0, 101, 202, [0x10, 128, 0, 0, 0, 0], None, vec![])];
        for i in 0..(MAX_QUEUE as u64 + 10) {
            recs.push(ev(1 + i / 1000, 102, EventKind::Sample));
        }
        recs.push(exit(20, 101, 202, 0, 20_000_000));
        let s = render_recs(&recs, true, false);
        let b = body(&s);
        assert_eq!(b.len(), MAX_QUEUE + 12);
        assert!(b[0].ends_with("futex(uaddr=0x10, op=FUTEX_WAIT_PRIVATE, val=0, timeout=infinite) = ? (not returned yet)"), "{}", b[0]);
        assert!(
            b.last()
                .unwrap()
                .ends_with("futex(...) = 0 [20.000 ms] (entered at 0.000 ms)"),
            "{}",
            b.last().unwrap()
        );
    }

    #[test]
    fn other_event_kinds() {
        let recs = vec![
            ev(
                1,
                101,
                EventKind::SchedOut {
                    preempt: true,
                    state: 0,
                },
            ),
            ev(
                2,
                101,
                EventKind::SchedOut {
                    preempt: false,
                    state: 1,
                },
            ),
            ev(
                3,
                101,
                EventKind::SchedIn {
                    off_cpu_ns: 12_345_678,
                    was_preempted: false,
                },
            ),
            ev(4, 101, EventKind::Sample),
            ev(5, 101, EventKind::Gil { acquire: true }),
            ev(
                6,
                101,
                EventKind::Env {
                    op: EnvOp::Set,
                    name: "TZ".into(),
                    value: Some("UTC".into()),
                },
            ),
            ev(
                7,
                101,
                EventKind::Env {
                    op: EnvOp::Unset,
                    name: "TZ".into(),
                    value: None,
                },
            ),
            ev(
                8,
                101,
                EventKind::Env {
                    op: EnvOp::Put,
                    name: "A".into(),
                    value: Some("1".into()),
                },
            ),
            ev(
                9,
                101,
                EventKind::Random {
                    op: RandomOp::Random,
                },
            ),
            ev(
                10,
                101,
                EventKind::Random {
                    op: RandomOp::GetRandBits,
                },
            ),
            ev(11, 101, EventKind::Random { op: RandomOp::Seed }),
            ev(12, 101, EventKind::Fork { child: 200 }),
            ev(
                13,
                101,
                EventKind::Exec {
                    filename: "/bin/sh".into(),
                },
            ),
            ev(14, 101, EventKind::Exit { code: 256 }),
            // (copied after the exec: records of the program before it do not apply)
            match code(0x1000, "/p/t.py", "helper", 3) { Record::Code(c) => Record::Code(CodeInfo { ts: START + 14_500_000, ..c }), r => r },
            ev(
                15,
                101,
                EventKind::PyCall {
                    code: 0x1000,
                    exit: false,
                },
            ),
            ev(
                16,
                101,
                EventKind::PyCall {
                    code: 0x1000,
                    exit: true,
                },
            ),
            Record::Note {
                ts: START + 17_000_000,
                text: "python 3.11 found in pid 100".into(),
            },
        ];
        assert_eq!(
            one(recs.clone()),
            "     1.000 ms  100/101  off cpu: preempted\n\
             \x20    2.000 ms  100/101  off cpu: blocked (S sleeping)\n\
             \x20    3.000 ms  100/101  on cpu again after 12.346 ms off (blocked)\n\
             \x20    4.000 ms  100/101  sample (on cpu 1)\n\
             \x20    5.000 ms  100/101  GIL taken back\n\
             \x20    6.000 ms  100/101  setenv TZ=UTC\n\
             \x20    7.000 ms  100/101  unsetenv TZ\n\
             \x20    8.000 ms  100/101  putenv A=1\n\
             \x20    9.000 ms  100/101  random.random()\n\
             \x20   10.000 ms  100/101  random.getrandbits() (randint, choice, shuffle, ...)\n\
             \x20   11.000 ms  100/101  random.seed()\n\
             \x20   12.000 ms  100/101  fork: new task 200\n\
             \x20   13.000 ms  100/101  exec /bin/sh\n\
             \x20   14.000 ms  100/101  exit: status 1\n\
             \x20   15.000 ms  100/101  call helper (/p/t.py:3)\n\
             \x20   16.000 ms  100/101  return from helper (/p/t.py:3)\n\
             \x20   17.000 ms  -  note: python 3.11 found in pid 100"
        );
        let j = one_json(recs);
        let kinds: Vec<&str> = j.iter().map(|o| o["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "sched_out",
                "sched_out",
                "sched_in",
                "sample",
                "gil",
                "env",
                "env",
                "env",
                "random",
                "random",
                "random",
                "fork",
                "exec",
                "exit",
                "code",
                "pycall",
                "pycall",
                "note"
            ]
        );
        assert_eq!(j[0]["reason"], "preempted");
        assert_eq!(j[1]["reason"], "blocked");
        assert_eq!(j[1]["state_name"], "S sleeping");
        assert_eq!(j[2]["off_cpu_ns"], 12_345_678);
        assert_eq!(j[2]["was_preempted"], false);
        assert_eq!(j[4]["acquire"], true);
        assert_eq!(
            j[5],
            json!({
                "ts_ns": START + 6_000_000, "t_ms": 6.0, "pid": 100, "tid": 101, "cpu": 1, "kind": "env",
                "op": "set", "name": "TZ", "value": "UTC", "stack": [], "stack_status": []
            })
        );
        assert_eq!(j[6]["value"], Value::Null);
        assert_eq!(j[9]["op"], "getrandbits");
        assert_eq!(j[11]["child"], 200);
        assert_eq!(j[12]["filename"], "/bin/sh");
        assert_eq!(j[13]["status"], 1);
        assert_eq!(j[13]["signal"], Value::Null);
        assert_eq!(j[15]["function"], "helper");
        assert_eq!(j[15]["code"], "0x1000");
        assert_eq!(j[16]["exit"], true);
        assert_eq!(
            j[17],
            json!({"ts_ns": START + 17_000_000, "t_ms": 17.0, "kind": "note", "text": "python 3.11 found in pid 100"})
        );
    }

    #[test]
    fn json_meta_and_end_lines() {
        let s = render_recs(&[], true, true);
        let lines: Vec<Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["meta"], serde_json::to_value(meta()).unwrap());
        assert_eq!(lines[0]["format_version"], FORMAT_VERSION);
        assert_eq!(lines[1]["end"], serde_json::to_value(end()).unwrap());
        assert_eq!(lines[1]["truncated"], false);
        let s = render_recs(&[ev(1, 101, EventKind::Sample)], false, true);
        let last: Value = serde_json::from_str(s.lines().last().unwrap()).unwrap();
        assert_eq!(last["end"], Value::Null);
        assert_eq!(last["truncated"], true);
        assert!(last["warning"].as_str().unwrap().contains("1 records read"));
        assert_eq!(s.lines().count(), 3);
    }

    #[test]
    fn truncated_and_corrupt_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.trace");
        let mut w = TraceWriter::create(&path, &meta()).unwrap();
        w.write(&ev(1, 101, EventKind::Sample)).unwrap();
        w.write(&ev(2, 101, EventKind::Sample)).unwrap();
        w.finish(end()).unwrap();
        let full = std::fs::read(&path).unwrap();
        // Cut inside the end frame: readable, warning, Ok.
        std::fs::write(&path, &full[..full.len() - 3]).unwrap();
        let mut out = Vec::new();
        run(&path, false, &mut out, Box::new(NoLines)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(body(&s).len(), 2);
        assert!(
            s.contains("warning: ") && s.contains("partial frame at byte offset"),
            "{s}"
        );
        // Corrupt: error line and Err.
        let mut bad = full.clone();
        let n = bad.len();
        bad[n - 20] ^= 0xff;
        std::fs::write(&path, &bad).unwrap();
        let mut out = Vec::new();
        let e = run(&path, true, &mut out, Box::new(NoLines)).unwrap_err();
        assert!(
            e.to_string().contains("corrupt frame at byte offset"),
            "{e}"
        );
        let s = String::from_utf8(out).unwrap();
        let last: Value = serde_json::from_str(s.lines().last().unwrap()).unwrap();
        assert!(last["error"]
            .as_str()
            .unwrap()
            .contains("checksum mismatch"));
        // Not a trace.
        std::fs::write(&path, b"{}").unwrap();
        let e = run(&path, false, &mut Vec::new(), Box::new(NoLines)).unwrap_err();
        assert!(e.to_string().ends_with("not a flakebpf trace (bad magic)"));
    }

    #[test]
    fn broken_pipe_is_quiet() {
        struct Pipe;
        impl Write for Pipe {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut bytes = Vec::new();
        TraceWriter::to_writer(&mut bytes, &meta())
            .unwrap()
            .finish(end())
            .unwrap();
        let reader = TraceReader::from_reader(&bytes[..], "t").unwrap();
        render(reader, false, &mut Pipe, Box::new(NoLines)).unwrap();
    }

    #[test]
    fn durations() {
        assert_eq!(fmt_dur(999), "999 ns");
        assert_eq!(fmt_dur(1_500), "1.5 us");
        assert_eq!(fmt_dur(2_000_000), "2.000 ms");
        assert_eq!(fmt_dur(3_000_000_000), "3.000 s");
        assert_eq!(fmt_dur(-2_000_000), "-2.000 ms");
    }
}
