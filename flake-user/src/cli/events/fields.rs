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
    use super::super::test_util::*;
    use super::*;

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
}
