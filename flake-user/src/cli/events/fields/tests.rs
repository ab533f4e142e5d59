//! Tests of the syscall argument decoding, through whole rendered lines.

use super::super::test_util::*;
use super::*;

/// The text of the first event line of `r`, after the pid/tid.
fn line(r: Vec<Record>) -> String {
    one(r)
        .lines()
        .next()
        .unwrap()
        .split_once("  100/101  ")
        .unwrap()
        .1
        .to_string()
}

#[test]
fn syscall_decodings() {
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
}

#[test]
fn syscall_wait_decodings() {
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
}

#[test]
fn other_syscall_decodings() {
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
