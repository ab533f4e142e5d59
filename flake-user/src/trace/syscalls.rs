//! x86_64 Linux syscall numbers, errno and signal names, and decoders for
//! the argument bytes flakebpf copies (open flags, socket addresses,
//! timeouts). Numbers are those of the traced kernel (x86_64), whatever
//! the host this runs on.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// What a syscall is about, for classifiers and display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyscallClass {
    /// Files and file descriptors (open, read, write, rename, ...).
    File,
    /// Sockets (socket, connect, bind, send, recv, ...).
    Socket,
    /// Waiting for something else: futex, poll, select, epoll.
    Wait,
    /// Sleeping for a time: nanosleep, clock_nanosleep.
    Sleep,
    /// Entropy: getrandom.
    Entropy,
    /// Processes and threads: clone, fork, exec, exit, kill.
    Process,
    Other,
}

impl SyscallClass {
    /// Lower-case name, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            SyscallClass::File => "file",
            SyscallClass::Socket => "socket",
            SyscallClass::Wait => "wait",
            SyscallClass::Sleep => "sleep",
            SyscallClass::Entropy => "entropy",
            SyscallClass::Process => "process",
            SyscallClass::Other => "other",
        }
    }
}

/// Syscall numbers flakebpf reports (x86_64).
pub mod nr {
    pub const READ: u32 = 0;
    pub const WRITE: u32 = 1;
    pub const OPEN: u32 = 2;
    pub const CLOSE: u32 = 3;
    pub const POLL: u32 = 7;
    pub const PREAD64: u32 = 17;
    pub const PWRITE64: u32 = 18;
    pub const READV: u32 = 19;
    pub const WRITEV: u32 = 20;
    pub const SELECT: u32 = 23;
    pub const NANOSLEEP: u32 = 35;
    pub const SENDFILE: u32 = 40;
    pub const SOCKET: u32 = 41;
    pub const CONNECT: u32 = 42;
    pub const ACCEPT: u32 = 43;
    pub const SENDTO: u32 = 44;
    pub const RECVFROM: u32 = 45;
    pub const SENDMSG: u32 = 46;
    pub const RECVMSG: u32 = 47;
    pub const BIND: u32 = 49;
    pub const LISTEN: u32 = 50;
    pub const CLONE: u32 = 56;
    pub const FORK: u32 = 57;
    pub const VFORK: u32 = 58;
    pub const EXECVE: u32 = 59;
    pub const EXIT: u32 = 60;
    pub const KILL: u32 = 62;
    pub const RENAME: u32 = 82;
    pub const MKDIR: u32 = 83;
    pub const RMDIR: u32 = 84;
    pub const UNLINK: u32 = 87;
    pub const FUTEX: u32 = 202;
    pub const CLOCK_NANOSLEEP: u32 = 230;
    pub const EXIT_GROUP: u32 = 231;
    pub const EPOLL_WAIT: u32 = 232;
    pub const OPENAT: u32 = 257;
    pub const MKDIRAT: u32 = 258;
    pub const UNLINKAT: u32 = 263;
    pub const RENAMEAT: u32 = 264;
    pub const PSELECT6: u32 = 270;
    pub const PPOLL: u32 = 271;
    pub const EPOLL_PWAIT: u32 = 281;
    pub const ACCEPT4: u32 = 288;
    pub const RECVMMSG: u32 = 299;
    pub const SENDMMSG: u32 = 307;
    pub const RENAMEAT2: u32 = 316;
    pub const GETRANDOM: u32 = 318;
    pub const EXECVEAT: u32 = 322;
    pub const CLONE3: u32 = 435;
    pub const EPOLL_PWAIT2: u32 = 441;
    pub const FUTEX_WAITV: u32 = 449;
}

/// (number, name, class) of every syscall flakebpf reports.
pub const SYSCALLS: &[(u32, &str, SyscallClass)] = {
    use SyscallClass::*;
    &[
        (nr::READ, "read", File),
        (nr::WRITE, "write", File),
        (nr::OPEN, "open", File),
        (nr::CLOSE, "close", File),
        (nr::POLL, "poll", Wait),
        (nr::PREAD64, "pread64", File),
        (nr::PWRITE64, "pwrite64", File),
        (nr::READV, "readv", File),
        (nr::WRITEV, "writev", File),
        (nr::SELECT, "select", Wait),
        (nr::NANOSLEEP, "nanosleep", Sleep),
        (nr::SENDFILE, "sendfile", File),
        (nr::SOCKET, "socket", Socket),
        (nr::CONNECT, "connect", Socket),
        (nr::ACCEPT, "accept", Socket),
        (nr::SENDTO, "sendto", Socket),
        (nr::RECVFROM, "recvfrom", Socket),
        (nr::SENDMSG, "sendmsg", Socket),
        (nr::RECVMSG, "recvmsg", Socket),
        (nr::BIND, "bind", Socket),
        (nr::LISTEN, "listen", Socket),
        (nr::CLONE, "clone", Process),
        (nr::FORK, "fork", Process),
        (nr::VFORK, "vfork", Process),
        (nr::EXECVE, "execve", Process),
        (nr::EXIT, "exit", Process),
        (nr::KILL, "kill", Process),
        (nr::RENAME, "rename", File),
        (nr::MKDIR, "mkdir", File),
        (nr::RMDIR, "rmdir", File),
        (nr::UNLINK, "unlink", File),
        (nr::FUTEX, "futex", Wait),
        (nr::CLOCK_NANOSLEEP, "clock_nanosleep", Sleep),
        (nr::EXIT_GROUP, "exit_group", Process),
        (nr::EPOLL_WAIT, "epoll_wait", Wait),
        (nr::OPENAT, "openat", File),
        (nr::MKDIRAT, "mkdirat", File),
        (nr::UNLINKAT, "unlinkat", File),
        (nr::RENAMEAT, "renameat", File),
        (nr::PSELECT6, "pselect6", Wait),
        (nr::PPOLL, "ppoll", Wait),
        (nr::EPOLL_PWAIT, "epoll_pwait", Wait),
        (nr::ACCEPT4, "accept4", Socket),
        (nr::RECVMMSG, "recvmmsg", Socket),
        (nr::SENDMMSG, "sendmmsg", Socket),
        (nr::RENAMEAT2, "renameat2", File),
        (nr::GETRANDOM, "getrandom", Entropy),
        (nr::EXECVEAT, "execveat", Process),
        (nr::CLONE3, "clone3", Process),
        (nr::EPOLL_PWAIT2, "epoll_pwait2", Wait),
        (nr::FUTEX_WAITV, "futex_waitv", Wait),
    ]
};

fn entry(n: u32) -> Option<&'static (u32, &'static str, SyscallClass)> {
    SYSCALLS.iter().find(|e| e.0 == n)
}

/// Name of syscall `nr`, or "unknown" for one flakebpf does not report.
pub fn name(nr: u32) -> &'static str {
    entry(nr).map_or("unknown", |e| e.1)
}

/// Name of syscall `nr` if flakebpf knows it.
pub fn name_opt(nr: u32) -> Option<&'static str> {
    entry(nr).map(|e| e.1)
}

/// Number of the syscall named `name`.
pub fn by_name(name: &str) -> Option<u32> {
    SYSCALLS.iter().find(|e| e.1 == name).map(|e| e.0)
}

/// What syscall `nr` is about.
pub fn class(nr: u32) -> SyscallClass {
    entry(nr).map_or(SyscallClass::Other, |e| e.2)
}

/// Syscalls that never return to the caller on success.
pub fn never_returns(nr: u32) -> bool {
    matches!(nr, nr::EXIT | nr::EXIT_GROUP)
}

/// Linux errno names (asm-generic, as on x86_64), including the
/// kernel-internal restart codes a syscall-exit probe can see.
pub fn errno_name(errno: i64) -> Option<&'static str> {
    Some(match errno {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        8 => "ENOEXEC",
        9 => "EBADF",
        10 => "ECHILD",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        14 => "EFAULT",
        15 => "ENOTBLK",
        16 => "EBUSY",
        17 => "EEXIST",
        18 => "EXDEV",
        19 => "ENODEV",
        20 => "ENOTDIR",
        21 => "EISDIR",
        22 => "EINVAL",
        23 => "ENFILE",
        24 => "EMFILE",
        25 => "ENOTTY",
        26 => "ETXTBSY",
        27 => "EFBIG",
        28 => "ENOSPC",
        29 => "ESPIPE",
        30 => "EROFS",
        31 => "EMLINK",
        32 => "EPIPE",
        33 => "EDOM",
        34 => "ERANGE",
        35 => "EDEADLK",
        36 => "ENAMETOOLONG",
        37 => "ENOLCK",
        38 => "ENOSYS",
        39 => "ENOTEMPTY",
        40 => "ELOOP",
        42 => "ENOMSG",
        43 => "EIDRM",
        44 => "ECHRNG",
        45 => "EL2NSYNC",
        46 => "EL3HLT",
        47 => "EL3RST",
        48 => "ELNRNG",
        49 => "EUNATCH",
        50 => "ENOCSI",
        51 => "EL2HLT",
        52 => "EBADE",
        53 => "EBADR",
        54 => "EXFULL",
        55 => "ENOANO",
        56 => "EBADRQC",
        57 => "EBADSLT",
        59 => "EBFONT",
        60 => "ENOSTR",
        61 => "ENODATA",
        62 => "ETIME",
        63 => "ENOSR",
        64 => "ENONET",
        65 => "ENOPKG",
        66 => "EREMOTE",
        67 => "ENOLINK",
        68 => "EADV",
        69 => "ESRMNT",
        70 => "ECOMM",
        71 => "EPROTO",
        72 => "EMULTIHOP",
        73 => "EDOTDOT",
        74 => "EBADMSG",
        75 => "EOVERFLOW",
        76 => "ENOTUNIQ",
        77 => "EBADFD",
        78 => "EREMCHG",
        79 => "ELIBACC",
        80 => "ELIBBAD",
        81 => "ELIBSCN",
        82 => "ELIBMAX",
        83 => "ELIBEXEC",
        84 => "EILSEQ",
        85 => "ERESTART",
        86 => "ESTRPIPE",
        87 => "EUSERS",
        88 => "ENOTSOCK",
        89 => "EDESTADDRREQ",
        90 => "EMSGSIZE",
        91 => "EPROTOTYPE",
        92 => "ENOPROTOOPT",
        93 => "EPROTONOSUPPORT",
        94 => "ESOCKTNOSUPPORT",
        95 => "EOPNOTSUPP",
        96 => "EPFNOSUPPORT",
        97 => "EAFNOSUPPORT",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        100 => "ENETDOWN",
        101 => "ENETUNREACH",
        102 => "ENETRESET",
        103 => "ECONNABORTED",
        104 => "ECONNRESET",
        105 => "ENOBUFS",
        106 => "EISCONN",
        107 => "ENOTCONN",
        108 => "ESHUTDOWN",
        109 => "ETOOMANYREFS",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        112 => "EHOSTDOWN",
        113 => "EHOSTUNREACH",
        114 => "EALREADY",
        115 => "EINPROGRESS",
        116 => "ESTALE",
        117 => "EUCLEAN",
        118 => "ENOTNAM",
        119 => "ENAVAIL",
        120 => "EISNAM",
        121 => "EREMOTEIO",
        122 => "EDQUOT",
        123 => "ENOMEDIUM",
        124 => "EMEDIUMTYPE",
        125 => "ECANCELED",
        126 => "ENOKEY",
        127 => "EKEYEXPIRED",
        128 => "EKEYREVOKED",
        129 => "EKEYREJECTED",
        130 => "EOWNERDEAD",
        131 => "ENOTRECOVERABLE",
        132 => "ERFKILL",
        133 => "EHWPOISON",
        512 => "ERESTARTSYS",
        513 => "ERESTARTNOINTR",
        514 => "ERESTARTNOHAND",
        515 => "ENOIOCTLCMD",
        516 => "ERESTART_RESTARTBLOCK",
        _ => return None,
    })
}

/// Splits a raw syscall return value: `Err(errno)` for -4095..=-1.
pub fn split_ret(ret: i64) -> Result<i64, i64> {
    if (-4095..0).contains(&ret) {
        Err(-ret)
    } else {
        Ok(ret)
    }
}

/// "ENOENT", or "E123" for an errno without a name.
pub fn errno_display(errno: i64) -> String {
    errno_name(errno).map_or_else(|| format!("E{errno}"), str::to_string)
}

/// Signal names (x86_64).
pub fn signal_name(sig: i64) -> Option<&'static str> {
    Some(match sig {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        16 => "SIGSTKFLT",
        17 => "SIGCHLD",
        18 => "SIGCONT",
        19 => "SIGSTOP",
        20 => "SIGTSTP",
        21 => "SIGTTIN",
        22 => "SIGTTOU",
        23 => "SIGURG",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        26 => "SIGVTALRM",
        27 => "SIGPROF",
        28 => "SIGWINCH",
        29 => "SIGIO",
        30 => "SIGPWR",
        31 => "SIGSYS",
        _ => return None,
    })
}

/// "SIGTERM", "SIGRTMIN+3", or "signal N".
pub fn signal_display(sig: i64) -> String {
    match signal_name(sig) {
        Some(n) => n.to_string(),
        None if (34..=64).contains(&sig) => format!("SIGRTMIN+{}", sig - 34),
        None => format!("signal {sig}"),
    }
}

/// Clock ids of clock_gettime & co.
pub fn clock_name(id: i64) -> Option<&'static str> {
    Some(match id {
        0 => "CLOCK_REALTIME",
        1 => "CLOCK_MONOTONIC",
        2 => "CLOCK_PROCESS_CPUTIME_ID",
        3 => "CLOCK_THREAD_CPUTIME_ID",
        4 => "CLOCK_MONOTONIC_RAW",
        5 => "CLOCK_REALTIME_COARSE",
        6 => "CLOCK_MONOTONIC_COARSE",
        7 => "CLOCK_BOOTTIME",
        8 => "CLOCK_REALTIME_ALARM",
        9 => "CLOCK_BOOTTIME_ALARM",
        11 => "CLOCK_TAI",
        _ => return None,
    })
}

/// "CLOCK_MONOTONIC", or "clock N".
pub fn clock_display(id: i64) -> String {
    clock_name(id).map_or_else(|| format!("clock {id}"), str::to_string)
}

/// Clocks that read wall-clock time.
pub fn clock_is_realtime(id: i64) -> bool {
    matches!(id, 0 | 5 | 8 | 11)
}

fn flag_names(mut v: u64, table: &[(u64, &str)], out: &mut String) {
    for &(bit, n) in table {
        if bit != 0 && v & bit == bit {
            if !out.is_empty() {
                out.push('|');
            }
            out.push_str(n);
            v &= !bit;
        }
    }
    if v != 0 {
        if !out.is_empty() {
            out.push('|');
        }
        let _ = write!(out, "0x{v:x}");
    }
}

/// open(2) flags as `O_WRONLY|O_CREAT|O_TRUNC` (x86_64 values).
pub fn open_flags(flags: u64) -> String {
    const TABLE: &[(u64, &str)] = &[
        (0o20200000, "O_TMPFILE"),
        (0o4010000, "O_SYNC"),
        (0o100, "O_CREAT"),
        (0o200, "O_EXCL"),
        (0o400, "O_NOCTTY"),
        (0o1000, "O_TRUNC"),
        (0o2000, "O_APPEND"),
        (0o4000, "O_NONBLOCK"),
        (0o10000, "O_DSYNC"),
        (0o20000, "O_ASYNC"),
        (0o40000, "O_DIRECT"),
        (0o100000, "O_LARGEFILE"),
        (0o200000, "O_DIRECTORY"),
        (0o400000, "O_NOFOLLOW"),
        (0o1000000, "O_NOATIME"),
        (0o2000000, "O_CLOEXEC"),
        (0o10000000, "O_PATH"),
    ];
    let flags = flags & 0xffff_ffff;
    let mut s = String::from(match flags & 3 {
        0 => "O_RDONLY",
        1 => "O_WRONLY",
        2 => "O_RDWR",
        _ => "O_ACCMODE",
    });
    let mut rest = String::new();
    flag_names(flags & !3, TABLE, &mut rest);
    if !rest.is_empty() {
        s.push('|');
        s.push_str(&rest);
    }
    s
}

/// The access mode and flags create a file.
pub fn open_creates(flags: u64) -> bool {
    flags & 0o100 != 0 || flags & 0o20000000 != 0
}

/// A dirfd argument: "AT_FDCWD" or the number.
pub fn dirfd_display(fd: u64) -> String {
    let fd = fd as i32;
    if fd == -100 {
        "AT_FDCWD".into()
    } else {
        fd.to_string()
    }
}

/// unlinkat / renameat2 / socket flags and types.
pub fn unlinkat_flags(flags: u64) -> String {
    let mut s = String::new();
    flag_names(flags & 0xffff_ffff, &[(0x200, "AT_REMOVEDIR")], &mut s);
    if s.is_empty() {
        "0".into()
    } else {
        s
    }
}

pub fn renameat2_flags(flags: u64) -> String {
    let mut s = String::new();
    flag_names(
        flags & 0xffff_ffff,
        &[
            (1, "RENAME_NOREPLACE"),
            (2, "RENAME_EXCHANGE"),
            (4, "RENAME_WHITEOUT"),
        ],
        &mut s,
    );
    if s.is_empty() {
        "0".into()
    } else {
        s
    }
}

pub fn getrandom_flags(flags: u64) -> String {
    let mut s = String::new();
    flag_names(
        flags & 0xffff_ffff,
        &[
            (1, "GRND_NONBLOCK"),
            (2, "GRND_RANDOM"),
            (4, "GRND_INSECURE"),
        ],
        &mut s,
    );
    if s.is_empty() {
        "0".into()
    } else {
        s
    }
}

/// Address family names.
pub fn family_name(af: u64) -> Option<&'static str> {
    Some(match af {
        0 => "AF_UNSPEC",
        1 => "AF_UNIX",
        2 => "AF_INET",
        10 => "AF_INET6",
        16 => "AF_NETLINK",
        17 => "AF_PACKET",
        _ => return None,
    })
}

/// socket(2) type with its flags: `SOCK_STREAM|SOCK_CLOEXEC`.
pub fn socket_type(t: u64) -> String {
    let t = t & 0xffff_ffff;
    let mut s = match t & 0xf {
        1 => "SOCK_STREAM".to_string(),
        2 => "SOCK_DGRAM".into(),
        3 => "SOCK_RAW".into(),
        4 => "SOCK_RDM".into(),
        5 => "SOCK_SEQPACKET".into(),
        10 => "SOCK_PACKET".into(),
        n => format!("{n}"),
    };
    let mut rest = String::new();
    flag_names(
        t & !0xf,
        &[(0o4000, "SOCK_NONBLOCK"), (0o2000000, "SOCK_CLOEXEC")],
        &mut rest,
    );
    if !rest.is_empty() {
        s.push('|');
        s.push_str(&rest);
    }
    s
}

/// A decoded `struct sockaddr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SockAddr {
    Inet {
        addr: Ipv4Addr,
        port: u16,
    },
    Inet6 {
        addr: Ipv6Addr,
        port: u16,
        scope_id: u32,
    },
    /// A path (`abstract`: Linux abstract name, shown as `@name`; empty
    /// path: unnamed socket).
    Unix {
        path: String,
        abstract_: bool,
    },
    Unspec,
    /// Another family (number), undecoded.
    Other(u16),
}

impl SockAddr {
    /// Family name: "AF_INET", "AF_INET6", "AF_UNIX", ...
    pub fn family(&self) -> String {
        match self {
            SockAddr::Inet { .. } => "AF_INET".into(),
            SockAddr::Inet6 { .. } => "AF_INET6".into(),
            SockAddr::Unix { .. } => "AF_UNIX".into(),
            SockAddr::Unspec => "AF_UNSPEC".into(),
            SockAddr::Other(f) => {
                family_name(u64::from(*f)).map_or_else(|| format!("AF_{f}"), str::to_string)
            }
        }
    }
}

impl std::fmt::Display for SockAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SockAddr::Inet { addr, port } => write!(f, "{addr}:{port}"),
            SockAddr::Inet6 {
                addr,
                port,
                scope_id: 0,
            } => write!(f, "[{addr}]:{port}"),
            SockAddr::Inet6 {
                addr,
                port,
                scope_id,
            } => write!(f, "[{addr}%{scope_id}]:{port}"),
            SockAddr::Unix {
                path,
                abstract_: true,
            } => write!(f, "unix:@{path}"),
            SockAddr::Unix { path, .. } if path.is_empty() => write!(f, "unix:(unnamed)"),
            SockAddr::Unix { path, .. } => write!(f, "unix:{path}"),
            SockAddr::Unspec => write!(f, "AF_UNSPEC"),
            SockAddr::Other(_) => write!(f, "{}", self.family()),
        }
    }
}

/// Decodes socket address bytes (as copied from the pointer argument;
/// `addrlen` bounds them when known). `None` when too short.
pub fn decode_sockaddr(buf: &[u8], addrlen: Option<u64>) -> Option<SockAddr> {
    let buf = match addrlen {
        Some(n) if (n as usize) < buf.len() => &buf[..n as usize],
        _ => buf,
    };
    if buf.len() < 2 {
        return None;
    }
    let family = u16::from_le_bytes([buf[0], buf[1]]);
    match family {
        0 => Some(SockAddr::Unspec),
        1 => {
            let rest = &buf[2..];
            let (abstract_, name) = match rest.first() {
                Some(0) if rest.len() > 1 => (true, &rest[1..]),
                _ => (false, rest),
            };
            let name = if abstract_ && addrlen.is_some() {
                // Abstract names are length-delimited, not NUL-terminated.
                name
            } else {
                name.split(|&b| b == 0).next().unwrap_or(&[])
            };
            let name = if abstract_ {
                // Without addrlen, drop trailing padding NULs.
                let end = name.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
                &name[..end]
            } else {
                name
            };
            Some(SockAddr::Unix {
                path: String::from_utf8_lossy(name).into_owned(),
                abstract_,
            })
        }
        2 => {
            if buf.len() < 8 {
                return None;
            }
            Some(SockAddr::Inet {
                port: u16::from_be_bytes([buf[2], buf[3]]),
                addr: Ipv4Addr::new(buf[4], buf[5], buf[6], buf[7]),
            })
        }
        10 => {
            if buf.len() < 24 {
                return None;
            }
            let mut a = [0u8; 16];
            a.copy_from_slice(&buf[8..24]);
            let scope_id = if buf.len() >= 28 {
                u32::from_le_bytes([buf[24], buf[25], buf[26], buf[27]])
            } else {
                0
            };
            Some(SockAddr::Inet6 {
                port: u16::from_be_bytes([buf[2], buf[3]]),
                addr: Ipv6Addr::from(a),
                scope_id,
            })
        }
        f => Some(SockAddr::Other(f)),
    }
}

/// Reads a `struct timespec` (or `timeval`): two LE i64.
pub fn decode_pair(buf: &[u8]) -> Option<(i64, i64)> {
    if buf.len() < 16 {
        return None;
    }
    let a = i64::from_le_bytes(buf[0..8].try_into().ok()?);
    let b = i64::from_le_bytes(buf[8..16].try_into().ok()?);
    Some((a, b))
}

/// A timespec as ns, `None` if invalid.
pub fn timespec_ns(buf: &[u8]) -> Option<i64> {
    let (s, ns) = decode_pair(buf)?;
    if s < 0 || !(0..1_000_000_000).contains(&ns) {
        return None;
    }
    s.checked_mul(1_000_000_000)?.checked_add(ns)
}

/// A timeval as ns, `None` if invalid.
pub fn timeval_ns(buf: &[u8]) -> Option<i64> {
    let (s, us) = decode_pair(buf)?;
    if s < 0 || !(0..1_000_000).contains(&us) {
        return None;
    }
    s.checked_mul(1_000_000_000)?.checked_add(us * 1000)
}

/// futex(2) operations.
pub mod futex {
    pub const WAIT: u64 = 0;
    pub const WAKE: u64 = 1;
    pub const FD: u64 = 2;
    pub const REQUEUE: u64 = 3;
    pub const CMP_REQUEUE: u64 = 4;
    pub const WAKE_OP: u64 = 5;
    pub const LOCK_PI: u64 = 6;
    pub const UNLOCK_PI: u64 = 7;
    pub const TRYLOCK_PI: u64 = 8;
    pub const WAIT_BITSET: u64 = 9;
    pub const WAKE_BITSET: u64 = 10;
    pub const WAIT_REQUEUE_PI: u64 = 11;
    pub const CMP_REQUEUE_PI: u64 = 12;
    pub const LOCK_PI2: u64 = 13;
    pub const PRIVATE_FLAG: u64 = 128;
    pub const CLOCK_REALTIME: u64 = 256;
    pub const CMD_MASK: u64 = !(PRIVATE_FLAG | CLOCK_REALTIME);
}

/// How a futex operation takes its timeout (args[3]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutexTimeout {
    /// args[3] is not a timeout.
    None,
    Relative,
    /// An absolute deadline on the given clock.
    Absolute {
        clock: i64,
    },
}

/// Whether futex op `op` has a timeout and how it is meant.
pub fn futex_timeout(op: u64) -> FutexTimeout {
    let realtime = op & futex::CLOCK_REALTIME != 0;
    let mono_or_rt = FutexTimeout::Absolute {
        clock: if realtime { 0 } else { 1 },
    };
    match op & 0xffff_ffff & futex::CMD_MASK {
        futex::WAIT => {
            if realtime {
                // FUTEX_WAIT with FUTEX_CLOCK_REALTIME is absolute too (since 4.5).
                FutexTimeout::Absolute { clock: 0 }
            } else {
                FutexTimeout::Relative
            }
        }
        futex::WAIT_BITSET | futex::WAIT_REQUEUE_PI | futex::LOCK_PI2 => mono_or_rt,
        futex::LOCK_PI => FutexTimeout::Absolute { clock: 0 },
        _ => FutexTimeout::None,
    }
}

/// strace-style name: `FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME`.
pub fn futex_op_name(op: u64) -> String {
    let op = op & 0xffff_ffff;
    let base = match op & futex::CMD_MASK {
        futex::WAIT => "FUTEX_WAIT".to_string(),
        futex::WAKE => "FUTEX_WAKE".into(),
        futex::FD => "FUTEX_FD".into(),
        futex::REQUEUE => "FUTEX_REQUEUE".into(),
        futex::CMP_REQUEUE => "FUTEX_CMP_REQUEUE".into(),
        futex::WAKE_OP => "FUTEX_WAKE_OP".into(),
        futex::LOCK_PI => "FUTEX_LOCK_PI".into(),
        futex::UNLOCK_PI => "FUTEX_UNLOCK_PI".into(),
        futex::TRYLOCK_PI => "FUTEX_TRYLOCK_PI".into(),
        futex::WAIT_BITSET => "FUTEX_WAIT_BITSET".into(),
        futex::WAKE_BITSET => "FUTEX_WAKE_BITSET".into(),
        futex::WAIT_REQUEUE_PI => "FUTEX_WAIT_REQUEUE_PI".into(),
        futex::CMP_REQUEUE_PI => "FUTEX_CMP_REQUEUE_PI".into(),
        futex::LOCK_PI2 => "FUTEX_LOCK_PI2".into(),
        n => format!("FUTEX_{n}"),
    };
    let mut s = base;
    if op & futex::PRIVATE_FLAG != 0 {
        s.push_str("_PRIVATE");
    }
    if op & futex::CLOCK_REALTIME != 0 {
        s.push_str("|FUTEX_CLOCK_REALTIME");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_classes() {
        assert_eq!(name(257), "openat");
        assert_eq!(name(0), "read");
        assert_eq!(name(449), "futex_waitv");
        assert_eq!(name(9999), "unknown");
        assert_eq!(by_name("getrandom"), Some(318));
        assert_eq!(class(202), SyscallClass::Wait);
        assert_eq!(class(42), SyscallClass::Socket);
        assert_eq!(class(35), SyscallClass::Sleep);
        assert_eq!(class(318), SyscallClass::Entropy);
        assert_eq!(class(59), SyscallClass::Process);
        assert_eq!(class(82), SyscallClass::File);
        assert_eq!(class(1000), SyscallClass::Other);
        // Unique numbers and names.
        for (i, a) in SYSCALLS.iter().enumerate() {
            for b in &SYSCALLS[i + 1..] {
                assert_ne!(a.0, b.0);
                assert_ne!(a.1, b.1);
            }
        }
    }

    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn numbers_match_libc() {
        for &(n, nm, _) in SYSCALLS {
            let want = match nm {
                "read" => libc::SYS_read,
                "write" => libc::SYS_write,
                "open" => libc::SYS_open,
                "close" => libc::SYS_close,
                "poll" => libc::SYS_poll,
                "pread64" => libc::SYS_pread64,
                "pwrite64" => libc::SYS_pwrite64,
                "readv" => libc::SYS_readv,
                "writev" => libc::SYS_writev,
                "select" => libc::SYS_select,
                "nanosleep" => libc::SYS_nanosleep,
                "sendfile" => libc::SYS_sendfile,
                "socket" => libc::SYS_socket,
                "connect" => libc::SYS_connect,
                "accept" => libc::SYS_accept,
                "sendto" => libc::SYS_sendto,
                "recvfrom" => libc::SYS_recvfrom,
                "sendmsg" => libc::SYS_sendmsg,
                "recvmsg" => libc::SYS_recvmsg,
                "bind" => libc::SYS_bind,
                "listen" => libc::SYS_listen,
                "clone" => libc::SYS_clone,
                "fork" => libc::SYS_fork,
                "vfork" => libc::SYS_vfork,
                "execve" => libc::SYS_execve,
                "exit" => libc::SYS_exit,
                "kill" => libc::SYS_kill,
                "rename" => libc::SYS_rename,
                "mkdir" => libc::SYS_mkdir,
                "rmdir" => libc::SYS_rmdir,
                "unlink" => libc::SYS_unlink,
                "futex" => libc::SYS_futex,
                "clock_nanosleep" => libc::SYS_clock_nanosleep,
                "exit_group" => libc::SYS_exit_group,
                "epoll_wait" => libc::SYS_epoll_wait,
                "openat" => libc::SYS_openat,
                "mkdirat" => libc::SYS_mkdirat,
                "unlinkat" => libc::SYS_unlinkat,
                "renameat" => libc::SYS_renameat,
                "pselect6" => libc::SYS_pselect6,
                "ppoll" => libc::SYS_ppoll,
                "epoll_pwait" => libc::SYS_epoll_pwait,
                "accept4" => libc::SYS_accept4,
                "recvmmsg" => libc::SYS_recvmmsg,
                "sendmmsg" => libc::SYS_sendmmsg,
                "renameat2" => libc::SYS_renameat2,
                "getrandom" => libc::SYS_getrandom,
                "execveat" => libc::SYS_execveat,
                "clone3" => libc::SYS_clone3,
                "epoll_pwait2" => libc::SYS_epoll_pwait2,
                "futex_waitv" => libc::SYS_futex_waitv,
                other => panic!("no libc number for {other}"),
            };
            assert_eq!(i64::from(n), want, "{nm}");
        }
    }

    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn errno_and_flags_match_libc() {
        let errnos = [
            (libc::EPERM, "EPERM"),
            (libc::ENOENT, "ENOENT"),
            (libc::EINTR, "EINTR"),
            (libc::EAGAIN, "EAGAIN"),
            (libc::EACCES, "EACCES"),
            (libc::EEXIST, "EEXIST"),
            (libc::ENOTEMPTY, "ENOTEMPTY"),
            (libc::ELOOP, "ELOOP"),
            (libc::ETIMEDOUT, "ETIMEDOUT"),
            (libc::ECONNREFUSED, "ECONNREFUSED"),
            (libc::EADDRINUSE, "EADDRINUSE"),
            (libc::EINPROGRESS, "EINPROGRESS"),
            (libc::EHWPOISON, "EHWPOISON"),
            (libc::EOWNERDEAD, "EOWNERDEAD"),
            (libc::ENOTSOCK, "ENOTSOCK"),
            (libc::EBADMSG, "EBADMSG"),
        ];
        for (n, s) in errnos {
            assert_eq!(errno_name(i64::from(n)), Some(s));
        }
        for e in 1..=133 {
            if let Some(n) = errno_name(e) {
                assert!(n.starts_with('E'));
            }
        }
        let flags = [
            (libc::O_CREAT, "O_CREAT"),
            (libc::O_EXCL, "O_EXCL"),
            (libc::O_TRUNC, "O_TRUNC"),
            (libc::O_APPEND, "O_APPEND"),
            (libc::O_NONBLOCK, "O_NONBLOCK"),
            (libc::O_DIRECTORY, "O_DIRECTORY"),
            (libc::O_NOFOLLOW, "O_NOFOLLOW"),
            (libc::O_CLOEXEC, "O_CLOEXEC"),
            (libc::O_SYNC, "O_SYNC"),
            (libc::O_DSYNC, "O_DSYNC"),
            (libc::O_TMPFILE | libc::O_RDWR, "O_TMPFILE"),
            (libc::O_PATH, "O_PATH"),
            (libc::O_NOCTTY, "O_NOCTTY"),
            (libc::O_DIRECT, "O_DIRECT"),
            (libc::O_NOATIME, "O_NOATIME"),
        ];
        for (f, s) in flags {
            let got = open_flags(f as u64);
            assert!(got.split('|').any(|x| x == s), "{s}: {got}");
            assert!(!got.contains("0x"), "{s}: {got}");
        }
        assert_eq!(libc::SOCK_CLOEXEC as u64, 0o2000000);
        assert_eq!(libc::SOCK_NONBLOCK as u64, 0o4000);
        assert_eq!(libc::AF_INET6, 10);
    }

    #[test]
    fn errnos() {
        assert_eq!(errno_name(2), Some("ENOENT"));
        assert_eq!(errno_name(111), Some("ECONNREFUSED"));
        assert_eq!(errno_name(512), Some("ERESTARTSYS"));
        assert_eq!(errno_name(41), None);
        assert_eq!(errno_display(600), "E600");
        assert_eq!(split_ret(-2), Err(2));
        assert_eq!(split_ret(3), Ok(3));
        assert_eq!(split_ret(-5000), Ok(-5000));
        assert_eq!(signal_display(9), "SIGKILL");
        assert_eq!(signal_display(36), "SIGRTMIN+2");
        assert_eq!(signal_display(99), "signal 99");
    }

    #[test]
    fn open_flag_strings() {
        assert_eq!(open_flags(0), "O_RDONLY");
        assert_eq!(open_flags(0o2000000), "O_RDONLY|O_CLOEXEC");
        assert_eq!(open_flags(0o1101), "O_WRONLY|O_CREAT|O_TRUNC");
        assert_eq!(open_flags(0o302), "O_RDWR|O_CREAT|O_EXCL");
        assert_eq!(open_flags(0o4010001), "O_WRONLY|O_SYNC");
        assert_eq!(open_flags(0o10000), "O_RDONLY|O_DSYNC");
        assert_eq!(open_flags(0o20200002), "O_RDWR|O_TMPFILE");
        assert_eq!(
            open_flags(0o200000 | 0o4000),
            "O_RDONLY|O_NONBLOCK|O_DIRECTORY"
        );
        assert_eq!(open_flags(0o40000000), "O_RDONLY|0x800000");
        assert!(open_creates(0o100));
        assert!(!open_creates(0o1));
        assert_eq!(dirfd_display((-100i64) as u64), "AT_FDCWD");
        assert_eq!(dirfd_display(5), "5");
        assert_eq!(unlinkat_flags(0x200), "AT_REMOVEDIR");
        assert_eq!(unlinkat_flags(0), "0");
        assert_eq!(renameat2_flags(1), "RENAME_NOREPLACE");
        assert_eq!(getrandom_flags(1), "GRND_NONBLOCK");
        assert_eq!(socket_type(1 | 0o2000000), "SOCK_STREAM|SOCK_CLOEXEC");
        assert_eq!(socket_type(2 | 0o4000), "SOCK_DGRAM|SOCK_NONBLOCK");
    }

    fn sa_in(port: u16, ip: [u8; 4]) -> Vec<u8> {
        let mut v = vec![2, 0];
        v.extend_from_slice(&port.to_be_bytes());
        v.extend_from_slice(&ip);
        v.extend_from_slice(&[0; 8]);
        v
    }

    #[test]
    fn sockaddrs() {
        let a = decode_sockaddr(&sa_in(8080, [127, 0, 0, 1]), Some(16)).unwrap();
        assert_eq!(a.to_string(), "127.0.0.1:8080");
        assert_eq!(a.family(), "AF_INET");

        let mut v6 = vec![10, 0];
        v6.extend_from_slice(&443u16.to_be_bytes());
        v6.extend_from_slice(&[0; 4]);
        let mut ip = [0u8; 16];
        ip[15] = 1;
        v6.extend_from_slice(&ip);
        v6.extend_from_slice(&0u32.to_le_bytes());
        let a = decode_sockaddr(&v6, Some(28)).unwrap();
        assert_eq!(a.to_string(), "[::1]:443");
        assert_eq!(a.family(), "AF_INET6");
        let mut v6s = v6.clone();
        v6s[24] = 2;
        assert_eq!(
            decode_sockaddr(&v6s, None).unwrap().to_string(),
            "[::1%2]:443"
        );
        let mut ip = [0u8; 16];
        ip[..2].copy_from_slice(&[0xfe, 0x80]);
        ip[15] = 0x2a;
        v6[8..24].copy_from_slice(&ip);
        assert_eq!(
            decode_sockaddr(&v6, None).unwrap().to_string(),
            "[fe80::2a]:443"
        );

        let mut un = vec![1, 0];
        un.extend_from_slice(b"/tmp/sock\0");
        un.resize(110, 0);
        let a = decode_sockaddr(&un, None).unwrap();
        assert_eq!(a.to_string(), "unix:/tmp/sock");
        assert_eq!(a.family(), "AF_UNIX");
        let mut ab = vec![1, 0, 0];
        ab.extend_from_slice(b"x11\0pad");
        assert_eq!(
            decode_sockaddr(&ab, Some(6)).unwrap().to_string(),
            "unix:@x11"
        );
        let mut ab = vec![1, 0, 0];
        ab.extend_from_slice(b"name");
        ab.resize(110, 0);
        assert_eq!(
            decode_sockaddr(&ab, None).unwrap().to_string(),
            "unix:@name"
        );
        assert_eq!(
            decode_sockaddr(&[1, 0], Some(2)).unwrap().to_string(),
            "unix:(unnamed)"
        );

        assert_eq!(
            decode_sockaddr(&[16, 0, 0, 0], None).unwrap().to_string(),
            "AF_NETLINK"
        );
        assert_eq!(decode_sockaddr(&[2, 0, 1], None), None);
        assert_eq!(decode_sockaddr(&[], None), None);
        assert_eq!(decode_sockaddr(&sa_in(1, [1, 2, 3, 4]), Some(4)), None);
    }

    #[test]
    fn timespecs_and_futex() {
        let mut b = 1i64.to_le_bytes().to_vec();
        b.extend_from_slice(&500_000_000i64.to_le_bytes());
        assert_eq!(timespec_ns(&b), Some(1_500_000_000));
        assert_eq!(timeval_ns(&b), None);
        let mut tv = 2i64.to_le_bytes().to_vec();
        tv.extend_from_slice(&250_000i64.to_le_bytes());
        assert_eq!(timeval_ns(&tv), Some(2_250_000_000));
        assert_eq!(timespec_ns(&b[..8]), None);
        assert_eq!(futex_op_name(128), "FUTEX_WAIT_PRIVATE");
        assert_eq!(
            futex_op_name(9 | 128 | 256),
            "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"
        );
        assert_eq!(futex_op_name(1 | 128), "FUTEX_WAKE_PRIVATE");
        assert_eq!(futex_timeout(128), FutexTimeout::Relative);
        assert_eq!(futex_timeout(9 | 128), FutexTimeout::Absolute { clock: 1 });
        assert_eq!(futex_timeout(9 | 256), FutexTimeout::Absolute { clock: 0 });
        assert_eq!(futex_timeout(1), FutexTimeout::None);
        assert_eq!(futex_timeout(6), FutexTimeout::Absolute { clock: 0 });
    }
}
