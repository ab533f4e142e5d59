//! Decoding of syscall arguments into named fields, in words and JSON.

use serde_json::{json, Map, Value};

use super::format::fmt_dur;
use crate::trace::model::TraceMeta;
use crate::trace::syscalls::{self as sc, nr, FutexTimeout};
use crate::trace::time::{iso8601_utc, wall_ns};

/// How long a wait may last.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Timeout {
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
pub(super) enum Val {
    /// Quoted in words.
    Str(Option<String>),
    /// A name or symbolic value, unquoted.
    Sym(String),
    Int(i64),
    Hex(u64),
    Timeout(Timeout),
}

pub(super) struct Field {
    /// JSON key.
    pub(super) key: &'static str,
    /// Name in words.
    pub(super) label: &'static str,
    pub(super) val: Val,
}

impl Val {
    pub(super) fn human(&self) -> String {
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

    pub(super) fn to_json(&self, key: &str, o: &mut Map<String, Value>) {
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
pub(super) fn syscall_fields(
    meta: &TraceMeta,
    ts: u64,
    nr: u32,
    a: &[u64; 6],
    path: Option<&str>,
    path2: Option<&str>,
    buf: &[u8],
) -> Vec<Field> {
    let e = Entry {
        meta,
        ts,
        nr,
        a,
        path,
        path2,
        buf,
    };
    let mut v = Vec::new();
    if file_fields(&e, &mut v)
        || wait_fields(&e, &mut v)
        || socket_fields(&e, &mut v)
        || process_fields(&e, &mut v)
        || dir_fields(&e, &mut v)
    {
        return v;
    }
    let p1 = || Val::Str(path.map(str::to_string));
    let p2 = || Val::Str(path2.map(str::to_string));
    match nr {
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

/// A syscall entry's arguments, as the decoders below read them.
struct Entry<'a> {
    meta: &'a TraceMeta,
    ts: u64,
    nr: u32,
    a: &'a [u64; 6],
    path: Option<&'a str>,
    path2: Option<&'a str>,
    buf: &'a [u8],
}

/// Reads, writes, opens and closes. `false` when `e` is none of them.
fn file_fields(e: &Entry, v: &mut Vec<Field>) -> bool {
    let a = e.a;
    let p1 = || Val::Str(e.path.map(str::to_string));
    match e.nr {
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
        _ => return false,
    }
    true
}

/// Waits and sleeps, with their timeouts. `false` when `e` is none of them.
fn wait_fields(e: &Entry, v: &mut Vec<Field>) -> bool {
    let meta = e.meta;
    let ts = e.ts;
    let a = e.a;
    let buf = e.buf;
    match e.nr {
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
        _ => return false,
    }
    true
}

/// Sockets. `false` when `e` is none of them.
fn socket_fields(e: &Entry, v: &mut Vec<Field>) -> bool {
    let a = e.a;
    let buf = e.buf;
    let nr = e.nr;
    match nr {
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
            sockaddr_fields(v, buf, Some(a[2]));
        }
        nr::ACCEPT | nr::ACCEPT4 => {
            v.push(f("fd", "fd", fd(a[0])));
            sockaddr_fields(v, buf, None);
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
                sockaddr_fields(v, buf, Some(a[5]));
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
        _ => return false,
    }
    true
}

/// Processes: clone, exec, exit, kill. `false` when `e` is none of them.
fn process_fields(e: &Entry, v: &mut Vec<Field>) -> bool {
    let a = e.a;
    let p1 = || Val::Str(e.path.map(str::to_string));
    match e.nr {
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
        _ => return false,
    }
    true
}

/// Renames, directories and unlinks. `false` when `e` is none of them.
fn dir_fields(e: &Entry, v: &mut Vec<Field>) -> bool {
    let a = e.a;
    let p1 = || Val::Str(e.path.map(str::to_string));
    let p2 = || Val::Str(e.path2.map(str::to_string));
    let nr = e.nr;
    match nr {
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
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests;
