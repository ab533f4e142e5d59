//! Which syscalls the BPF side reports and what it copies from each (x86_64
//! numbers). Names and the meaning of results live in `trace::syscalls`.

use flake_common::{sysflag, SysSpec};

const R: u32 = sysflag::REPORT;
const S: u32 = sysflag::STACK;
const X: u32 = sysflag::EXIT;

const fn spec(flags: u32, str1: u8, str2: u8, buf: u8, buf_len: u8) -> SysSpec {
    SysSpec { flags, str1, str2, buf, buf_len }
}

/// (syscall number, capture spec) for every syscall flakebpf reports.
/// `str1`/`str2`/`buf` are 1-based argument indexes.
pub fn capture_table() -> Vec<(u32, SysSpec)> {
    let rsx = R | S | X;
    vec![
        (0, spec(rsx, 0, 0, 0, 0)),      // read
        (1, spec(rsx, 0, 0, 0, 0)),      // write
        (2, spec(rsx, 1, 0, 0, 0)),      // open(path)
        (3, spec(R | X, 0, 0, 0, 0)),    // close
        (7, spec(rsx, 0, 0, 0, 0)),      // poll(fds, n, timeout_ms)
        (17, spec(rsx, 0, 0, 0, 0)),     // pread64
        (18, spec(rsx, 0, 0, 0, 0)),     // pwrite64
        (19, spec(rsx, 0, 0, 0, 0)),     // readv
        (20, spec(rsx, 0, 0, 0, 0)),     // writev
        (23, spec(rsx, 0, 0, 5, 16)),    // select(.., timeval*)
        (35, spec(rsx, 0, 0, 1, 16)),    // nanosleep(req)
        (40, spec(rsx, 0, 0, 0, 0)),     // sendfile
        (41, spec(rsx, 0, 0, 0, 0)),     // socket
        (42, spec(rsx, 0, 0, 2, 112)),   // connect(fd, addr)
        (43, spec(rsx, 0, 0, 0, 0)),     // accept
        (44, spec(rsx, 0, 0, 0, 0)),     // sendto
        (45, spec(rsx, 0, 0, 0, 0)),     // recvfrom
        (46, spec(rsx, 0, 0, 0, 0)),     // sendmsg
        (47, spec(rsx, 0, 0, 0, 0)),     // recvmsg
        (49, spec(rsx, 0, 0, 2, 112)),   // bind(fd, addr)
        (50, spec(rsx, 0, 0, 0, 0)),     // listen
        (56, spec(rsx, 0, 0, 0, 0)),     // clone
        (57, spec(rsx, 0, 0, 0, 0)),     // fork
        (58, spec(rsx, 0, 0, 0, 0)),     // vfork
        (59, spec(rsx, 1, 0, 0, 0)),     // execve(path)
        (62, spec(rsx, 0, 0, 0, 0)),     // kill
        (82, spec(rsx, 1, 2, 0, 0)),     // rename(old, new)
        (83, spec(rsx, 1, 0, 0, 0)),     // mkdir
        (84, spec(rsx, 1, 0, 0, 0)),     // rmdir
        (87, spec(rsx, 1, 0, 0, 0)),     // unlink
        (202, spec(rsx, 0, 0, 4, 16)),   // futex(uaddr, op, val, timeout)
        (230, spec(rsx, 0, 0, 3, 16)),   // clock_nanosleep(clk, flags, req)
        (231, spec(R | S, 0, 0, 0, 0)),  // exit_group
        (232, spec(rsx, 0, 0, 0, 0)),    // epoll_wait(.., timeout_ms)
        (257, spec(rsx, 2, 0, 0, 0)),    // openat(dirfd, path)
        (258, spec(rsx, 2, 0, 0, 0)),    // mkdirat
        (263, spec(rsx, 2, 0, 0, 0)),    // unlinkat
        (264, spec(rsx, 2, 4, 0, 0)),    // renameat
        (270, spec(rsx, 0, 0, 5, 16)),   // pselect6(.., timespec*)
        (271, spec(rsx, 0, 0, 3, 16)),   // ppoll(.., timespec*)
        (281, spec(rsx, 0, 0, 0, 0)),    // epoll_pwait
        (288, spec(rsx, 0, 0, 0, 0)),    // accept4
        (299, spec(rsx, 0, 0, 0, 0)),    // recvmmsg
        (307, spec(rsx, 0, 0, 0, 0)),    // sendmmsg
        (316, spec(rsx, 2, 4, 0, 0)),    // renameat2
        (318, spec(rsx, 0, 0, 0, 0)),    // getrandom(buf, len, flags)
        (322, spec(rsx, 2, 0, 0, 0)),    // execveat
        (435, spec(rsx, 0, 0, 0, 0)),    // clone3
        (441, spec(rsx, 0, 0, 4, 16)),   // epoll_pwait2(.., timespec*)
        (449, spec(rsx, 0, 0, 0, 0)),    // futex_waitv
    ]
}
