//! Which syscalls the BPF side reports and what it copies from each. The
//! x86_64 numbers, names and the meaning of results live in `trace::syscalls`.

use flake_common::{sysflag, SysSpec};

use crate::trace::syscalls::nr;

const R: u32 = sysflag::REPORT;
const S: u32 = sysflag::STACK;
const X: u32 = sysflag::EXIT;

const fn spec(flags: u32, str1: u8, str2: u8, buf: u8, buf_len: u8) -> SysSpec {
    SysSpec {
        flags,
        str1,
        str2,
        buf,
        buf_len,
    }
}

/// (syscall number, capture spec) for every syscall flakebpf reports.
/// `str1`/`str2`/`buf` are 1-based argument indexes.
pub fn capture_table() -> Vec<(u32, SysSpec)> {
    let rsx = R | S | X;
    vec![
        (nr::READ, spec(rsx, 0, 0, 0, 0)),
        (nr::WRITE, spec(rsx, 0, 0, 0, 0)),
        (nr::OPEN, spec(rsx, 1, 0, 0, 0)), // open(path)
        (nr::CLOSE, spec(R | X, 0, 0, 0, 0)),
        (nr::POLL, spec(rsx, 0, 0, 0, 0)), // poll(fds, n, timeout_ms)
        (nr::PREAD64, spec(rsx, 0, 0, 0, 0)),
        (nr::PWRITE64, spec(rsx, 0, 0, 0, 0)),
        (nr::READV, spec(rsx, 0, 0, 0, 0)),
        (nr::WRITEV, spec(rsx, 0, 0, 0, 0)),
        (nr::SELECT, spec(rsx, 0, 0, 5, 16)), // select(.., timeval*)
        (nr::NANOSLEEP, spec(rsx, 0, 0, 1, 16)), // nanosleep(req)
        (nr::SENDFILE, spec(rsx, 0, 0, 0, 0)),
        (nr::SOCKET, spec(rsx, 0, 0, 0, 0)),
        (nr::CONNECT, spec(rsx, 0, 0, 2, 112)), // connect(fd, addr)
        (nr::ACCEPT, spec(rsx, 0, 0, 0, 0)),
        (nr::SENDTO, spec(rsx, 0, 0, 0, 0)),
        (nr::RECVFROM, spec(rsx, 0, 0, 0, 0)),
        (nr::SENDMSG, spec(rsx, 0, 0, 0, 0)),
        (nr::RECVMSG, spec(rsx, 0, 0, 0, 0)),
        (nr::BIND, spec(rsx, 0, 0, 2, 112)), // bind(fd, addr)
        (nr::LISTEN, spec(rsx, 0, 0, 0, 0)),
        (nr::CLONE, spec(rsx, 0, 0, 0, 0)),
        (nr::FORK, spec(rsx, 0, 0, 0, 0)),
        (nr::VFORK, spec(rsx, 0, 0, 0, 0)),
        (nr::EXECVE, spec(rsx, 1, 0, 0, 0)), // execve(path)
        (nr::KILL, spec(rsx, 0, 0, 0, 0)),
        (nr::RENAME, spec(rsx, 1, 2, 0, 0)), // rename(old, new)
        (nr::MKDIR, spec(rsx, 1, 0, 0, 0)),
        (nr::RMDIR, spec(rsx, 1, 0, 0, 0)),
        (nr::UNLINK, spec(rsx, 1, 0, 0, 0)),
        (nr::FUTEX, spec(rsx, 0, 0, 4, 16)), // futex(uaddr, op, val, timeout)
        (nr::CLOCK_NANOSLEEP, spec(rsx, 0, 0, 3, 16)), // clock_nanosleep(clk, flags, req)
        (nr::EXIT_GROUP, spec(R | S, 0, 0, 0, 0)),
        (nr::EPOLL_WAIT, spec(rsx, 0, 0, 0, 0)), // epoll_wait(.., timeout_ms)
        (nr::OPENAT, spec(rsx, 2, 0, 0, 0)),     // openat(dirfd, path)
        (nr::MKDIRAT, spec(rsx, 2, 0, 0, 0)),
        (nr::UNLINKAT, spec(rsx, 2, 0, 0, 0)),
        (nr::RENAMEAT, spec(rsx, 2, 4, 0, 0)),
        (nr::PSELECT6, spec(rsx, 0, 0, 5, 16)), // pselect6(.., timespec*)
        (nr::PPOLL, spec(rsx, 0, 0, 3, 16)),    // ppoll(.., timespec*)
        (nr::EPOLL_PWAIT, spec(rsx, 0, 0, 0, 0)),
        (nr::ACCEPT4, spec(rsx, 0, 0, 0, 0)),
        (nr::RECVMMSG, spec(rsx, 0, 0, 0, 0)),
        (nr::SENDMMSG, spec(rsx, 0, 0, 0, 0)),
        (nr::RENAMEAT2, spec(rsx, 2, 4, 0, 0)),
        (nr::GETRANDOM, spec(rsx, 0, 0, 0, 0)), // getrandom(buf, len, flags)
        (nr::EXECVEAT, spec(rsx, 2, 0, 0, 0)),
        (nr::CLONE3, spec(rsx, 0, 0, 0, 0)),
        (nr::EPOLL_PWAIT2, spec(rsx, 0, 0, 4, 16)), // epoll_pwait2(.., timespec*)
        (nr::FUTEX_WAITV, spec(rsx, 0, 0, 0, 0)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_captured_syscall_is_named_once() {
        let table = capture_table();
        let mut seen = std::collections::HashSet::new();
        for (n, s) in &table {
            assert!(seen.insert(*n), "syscall {n} listed twice");
            assert_ne!(
                crate::trace::syscalls::name(*n),
                "unknown",
                "syscall {n} has no name"
            );
            assert!(s.flags & sysflag::REPORT != 0);
            assert!(*n < flake_common::SYSCALL_TABLE_LEN);
        }
        assert_eq!(table.len(), 50);
    }
}
