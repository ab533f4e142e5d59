//! Each record in words and JSON fields: what [`Printer::print`] shows.

use serde_json::{json, Map, Value};

use super::fields::{syscall_fields, Field};
use super::format::{fmt_dur, ret_json, ret_text, task_state};
use super::window::{Item, Outcome, Printer};
use crate::trace::model::{EnvOp, Event, EventKind, RandomOp, Record};
use crate::trace::syscalls as sc;
use crate::trace::time::{iso8601_utc, rel_ms, wall_ns};

impl Printer {
    /// An item in words and fields; `None` for records not shown.
    pub(super) fn describe<'a>(&self, item: &'a Item) -> Option<Desc<'a>> {
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
            EventKind::Clock { clock_id, func } => self.clock_desc(ev, clock_id, func, &mut extra),
            // Syscalls are Item::Sys / Item::LoneExit; never here.
            EventKind::SyscallEnter { nr, .. } | EventKind::SyscallExit { nr, .. } => {
                ("syscall", sc::name(*nr).to_string())
            }
            EventKind::SchedOut { preempt, state } => sched_out_desc(preempt, state, &mut extra),
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
            EventKind::Env { op, name, value } => env_desc(op, name, value, &mut extra),
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
            EventKind::Exit { code } => exit_desc(code, &mut extra),
            EventKind::PyCall { code, exit } => self.pycall_desc(ev, code, exit, &mut extra),
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

    /// A clock read: the call, and the time it returned when the trace knows it.
    fn clock_desc(
        &self,
        ev: &Event,
        clock_id: &i32,
        func: &str,
        extra: &mut Map<String, Value>,
    ) -> (&'static str, String) {
        let id = i64::from(*clock_id);
        let clock = sc::clock_display(id);
        let call = if func.starts_with("clock") {
            format!("{func}({clock})")
        } else {
            format!("{func}()")
        };
        let realtime = sc::clock_is_realtime(id) || func == "time" || func == "gettimeofday";
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

    /// A Python call or return, with the function's name when known.
    fn pycall_desc(
        &self,
        ev: &Event,
        code: &u64,
        exit: &bool,
        extra: &mut Map<String, Value>,
    ) -> (&'static str, String) {
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

/// A thread leaving the CPU: preempted, yielded or blocked.
fn sched_out_desc(
    preempt: &bool,
    state: &u64,
    extra: &mut Map<String, Value>,
) -> (&'static str, String) {
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

/// A change to the environment (setenv, unsetenv, putenv).
fn env_desc(
    op: &EnvOp,
    name: &str,
    value: &Option<String>,
    extra: &mut Map<String, Value>,
) -> (&'static str, String) {
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

/// A task's exit: its status, or the signal that killed it.
fn exit_desc(code: &i64, extra: &mut Map<String, Value>) -> (&'static str, String) {
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

/// One printable line.
pub(super) struct Desc<'a> {
    pub(super) ts: u64,
    pub(super) ev: Option<&'a Event>,
    pub(super) kind: &'static str,
    pub(super) text: String,
    pub(super) fields: Vec<Field>,
    pub(super) extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

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

    /// Events of every kind but syscalls and clock reads (on tid 101, from
    /// 1 ms on), the code record they need, and a note.
    fn other_event_records() -> Vec<Record> {
        vec![
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
        ]
    }

    #[test]
    fn other_event_kinds() {
        assert_eq!(
            one(other_event_records()),
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
    }

    #[test]
    fn other_event_kinds_json() {
        let j = one_json(other_event_records());
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
}
