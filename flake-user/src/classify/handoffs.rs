//! Hand-offs through the file system and sockets that one thread or
//! process makes to another before they are ready, or that two make at
//! once: a file two of them create (a claim, a lock file) without letting
//! the file system refuse the second; a file rewritten in
//! place (opened with `O_TRUNC`) that another thread or process opens for
//! reading before the writer has closed it (it sees an empty or partial
//! file), and a socket another one connects to while it is bound but not
//! yet listening (refused) — when the owner announced it (wrote a port
//! file, printed the port) before `listen()`, the announcement is the line
//! to change. Each is a feature of one run; the far end of the window (the
//! line after the truncating open, the `listen()`) is where an experiment
//! pauses to widen it.

use std::collections::HashMap;

use super::features::{add, is_noise_path, open_flags, FKey, Obs};
use crate::align::{AEvent, AKind, SiteTable};
use crate::trace::syscalls::nr;

/// A file opened with `O_TRUNC` and not yet closed.
struct Rewrite<'a> {
    path: &'a str,
    pid: u32,
    tid: u32,
    site: u32,
    start: u64,
    end: u64,
}

/// A file that two actors each opened to create it (`O_CREAT` without
/// `O_EXCL`, not appending): both went ahead where the second should have
/// found it taken. The second creator's site.
fn double_creates(evs: &[&AEvent], f: &mut HashMap<FKey, Obs>) {
    let mut first: HashMap<&str, (u32, u32)> = HashMap::new();
    for e in evs {
        let AKind::Sys { nr: n, ret: Some(r), path: Some(p), args, .. } = &e.kind else { continue };
        let Some(fl) = open_flags(*n, args).filter(|_| *r >= 0) else { continue };
        let creates = fl & libc::O_CREAT as u64 != 0 && fl & (libc::O_EXCL | libc::O_APPEND) as u64 == 0 && is_write_open(fl);
        if !creates || is_noise_path(p) || !p.starts_with('/') {
            continue;
        }
        match first.get(&**p) {
            None => {
                first.insert(p, (e.pid, e.tid));
            }
            Some(&who) if who != (e.pid, e.tid) => {
                if let Some(site) = e.site() {
                    add(f, FKey::DoubleCreate { site }, Some(site), None, &e.frames, e.ts);
                }
            }
            Some(_) => {}
        }
    }
}

/// A socket bound by `pid` on descriptor `fd` to `port`, and when it
/// started listening (when the test's events show it).
struct Bound {
    pid: u32,
    fd: i64,
    port: String,
    stream: bool,
    bound: u64,
    /// Function of the frame that bound it.
    func: Option<u32>,
    listened: Option<(u64, Option<u32>)>,
}

/// The port of an address as the aligned events hold it (`127.0.0.1:8080`;
/// "0" for a port the kernel picks, which the trace does not see).
fn port_of(addr: &str) -> Option<&str> {
    addr.rsplit_once(':').map(|(_, p)| p).filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_write_open(flags: u64) -> bool {
    flags & libc::O_ACCMODE as u64 != libc::O_RDONLY as u64
}

/// Adds the run's torn reads and early connects to `f`.
pub(super) fn handoffs(evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
    torn_reads(evs, f);
    double_creates(evs, f);
    early_connects(evs, sites, f);
}

/// A reader that opened a file while another actor had it truncated and
/// not yet written. The aligned events hold no `close` (it carries no
/// stack), so a rewrite ends at its last write (Python writes a buffered
/// file out when it closes it) before its descriptor is reused.
fn torn_reads(evs: &[&AEvent], f: &mut HashMap<FKey, Obs>) {
    let mut open: HashMap<(u32, i64), usize> = HashMap::new();
    let mut rewrites: Vec<Rewrite> = vec![];
    let mut wrote: Vec<Option<u64>> = vec![];
    for e in evs {
        let AKind::Sys { nr: n, ret: Some(r), path, args, .. } = &e.kind else { continue };
        match *n {
            nr::WRITE | nr::WRITEV | nr::PWRITE64 => {
                if let Some(&i) = open.get(&(e.pid, args[0] as i32 as i64)) {
                    wrote[i] = Some(e.ts);
                }
            }
            nr::CLOSE => {
                if let Some(i) = open.remove(&(e.pid, args[0] as i32 as i64)) {
                    rewrites[i].end = e.ts;
                }
            }
            nr::OPEN | nr::OPENAT if *r >= 0 => {
                if let Some(i) = open.remove(&(e.pid, *r)) {
                    rewrites[i].end = wrote[i].unwrap_or(e.ts);
                }
                let (Some(p), Some(fl)) = (path, open_flags(*n, args)) else { continue };
                if fl & libc::O_TRUNC as u64 == 0 || !is_write_open(fl) || is_noise_path(p) || !p.starts_with('/') {
                    continue;
                }
                let Some(site) = e.site() else { continue };
                open.insert((e.pid, *r), rewrites.len());
                rewrites.push(Rewrite { path: p, pid: e.pid, tid: e.tid, site, start: e.ts, end: u64::MAX });
                wrote.push(None);
            }
            _ => {}
        }
    }
    for (_, i) in open {
        rewrites[i].end = wrote[i].unwrap_or(u64::MAX);
    }
    if rewrites.is_empty() {
        return;
    }
    for e in evs {
        let AKind::Sys { nr: n, ret: Some(r), path: Some(p), args, .. } = &e.kind else { continue };
        if !matches!(*n, nr::OPEN | nr::OPENAT) || *r < 0 || open_flags(*n, args).is_some_and(is_write_open) {
            continue;
        }
        let torn = rewrites.iter().find(|w| w.path == &**p && (w.pid, w.tid) != (e.pid, e.tid) && w.start < e.ts && e.ts < w.end);
        if let Some(w) = torn {
            add(f, FKey::TornRead { site: w.site }, Some(w.site), None, &e.frames, e.ts);
        }
    }
}

/// A connect (refused, or still in progress on a non-blocking socket) to
/// a port another process had bound and was not yet listening on: the
/// owner's first announcing operation between its bind and the connect (a
/// write, a created or renamed file; the frame of it in the function that
/// bound, which decides the order), else its listen. A port the kernel
/// picked (bind to port 0) is whatever the owner announced; it counts for
/// a stream socket.
fn early_connects(evs: &[&AEvent], sites: &SiteTable, f: &mut HashMap<FKey, Obs>) {
    let mut bound: Vec<Bound> = vec![];
    let mut streams: HashMap<(u32, i64), bool> = HashMap::new();
    for e in evs {
        let AKind::Sys { nr: n, ret: Some(r), args, path, .. } = &e.kind else { continue };
        let fd = args[0] as i32 as i64;
        match *n {
            nr::SOCKET if *r >= 0 => {
                streams.insert((e.pid, *r), args[1] & 0xf == libc::SOCK_STREAM as u64);
            }
            nr::BIND if *r == 0 => {
                if let Some(port) = path.as_deref().and_then(port_of) {
                    let stream = streams.get(&(e.pid, fd)).copied().unwrap_or(false);
                    let func = e.site().map(|s| sites.func_of[s as usize]);
                    bound.push(Bound { pid: e.pid, fd, port: port.to_string(), stream, bound: e.ts, func, listened: None });
                }
            }
            nr::LISTEN if *r == 0 => {
                if let Some(b) = bound.iter_mut().rev().find(|b| b.pid == e.pid && b.fd == fd && b.listened.is_none()) {
                    b.listened = Some((e.ts, e.site()));
                }
            }
            _ => {}
        }
    }
    for e in evs {
        let AKind::Sys { nr: nr::CONNECT, ret: Some(r), path: Some(to), .. } = &e.kind else { continue };
        if *r != -(libc::ECONNREFUSED as i64) && *r != -(libc::EINPROGRESS as i64) {
            continue;
        }
        let Some(port) = port_of(to).filter(|p| *p != "0") else { continue };
        let same_port = |b: &Bound| b.port == port || (b.port == "0" && (b.stream || b.listened.is_some()));
        let not_yet = |b: &&Bound| b.pid != e.pid && same_port(b) && b.bound < e.ts && b.listened.is_none_or(|(t, _)| t > e.ts);
        let Some(b) = bound.iter().find(not_yet) else { continue };
        let in_binder = |x: &AEvent| x.frames.iter().copied().find(|&s| Some(sites.func_of[s as usize]) == b.func).or(x.site());
        let announce = evs.iter().filter(|x| x.pid == b.pid && x.ts > b.bound && x.ts < e.ts).find_map(|x| announces(x).then(|| in_binder(x)).flatten());
        let key = match (announce, b.listened.and_then(|(_, s)| s)) {
            (Some(site), _) => FKey::EarlyConnect { site, listens: false },
            (None, Some(site)) => FKey::EarlyConnect { site, listens: true },
            (None, None) => continue,
        };
        add(f, key, None, None, &e.frames, e.ts);
    }
}

/// Whether `e` tells the world something: a write (to a file or a pipe),
/// a file created or renamed into place.
fn announces(e: &AEvent) -> bool {
    let AKind::Sys { nr: n, ret: Some(r), args, path, .. } = &e.kind else { return false };
    if *r < 0 {
        return false;
    }
    match *n {
        nr::WRITE | nr::WRITEV | nr::PWRITE64 => true,
        nr::RENAME | nr::RENAMEAT | nr::RENAMEAT2 => true,
        nr::OPEN | nr::OPENAT => path.as_deref().is_some_and(|p| !is_noise_path(p)) && open_flags(*n, args).is_some_and(is_write_open),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sys(ts: u64, pid: u32, n: u32, path: Option<&str>, args: [u64; 6], ret: i64, site: u32) -> AEvent {
        AEvent {
            ts,
            pid,
            tid: pid,
            actor: pid,
            window: Some(0),
            frames: vec![site].into(),
            kind: AKind::Sys { nr: n, ret: Some(ret), end_ts: ts + 1, requested_ns: None, path: path.map(Into::into), args: [args[0], args[1], args[2]] },
        }
    }

    const AT: u64 = -100i64 as u64;

    /// A site table with sites 0..30, each its own function.
    fn table() -> SiteTable {
        let mut t = SiteTable::default();
        for i in 0..30 {
            t.intern(crate::align::Site { file: "s.py".into(), abs: "/s.py".into(), func: format!("f{i}"), line: i, firstlineno: 1 });
        }
        t
    }

    #[test]
    fn a_reader_inside_a_rewrite_of_another_process_is_a_torn_read() {
        let trunc = (libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC) as u64;
        let evs = vec![
            sys(1, 7, nr::OPENAT, Some("/w/status.json"), [AT, 0, trunc, 0, 0, 0], 4, 1),
            sys(2, 9, nr::OPENAT, Some("/w/status.json"), [AT, 0, libc::O_RDONLY as u64, 0, 0, 0], 3, 2),
            sys(3, 7, nr::WRITE, None, [4, 0, 10, 0, 0, 0], 10, 1),
            // the descriptor reused: the rewrite ended with its last write
            sys(4, 7, nr::OPENAT, Some("/w/other"), [AT, 0, 0, 0, 0, 0], 4, 1),
            // after it: a whole file
            sys(5, 9, nr::OPENAT, Some("/w/status.json"), [AT, 0, libc::O_RDONLY as u64, 0, 0, 0], 3, 2),
        ];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert_eq!(f.get(&FKey::TornRead { site: 1 }).map(|o| o.n), Some(1), "{f:?}");
        // the writer reading its own file is no hand-off
        let own = vec![evs[0].clone(), sys(2, 7, nr::OPENAT, Some("/w/status.json"), [AT, 0, 0, 0, 0, 0], 5, 2)];
        let refs: Vec<&AEvent> = own.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_file_two_processes_create_without_exclusion_is_a_double_create() {
        let create = (libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC) as u64;
        let evs = vec![
            sys(1, 7, nr::OPENAT, Some("/spool/job1.claim"), [AT, 0, create, 0, 0, 0], 4, 1),
            sys(2, 9, nr::OPENAT, Some("/spool/job1.claim"), [AT, 0, create, 0, 0, 0], 3, 2),
            // one process creating its own file twice, and an exclusive create: no
            sys(3, 9, nr::OPENAT, Some("/spool/job2.claim"), [AT, 0, create, 0, 0, 0], 3, 2),
            sys(4, 9, nr::OPENAT, Some("/spool/job2.claim"), [AT, 0, create, 0, 0, 0], 3, 2),
            sys(5, 7, nr::OPENAT, Some("/spool/job3.claim"), [AT, 0, create | libc::O_EXCL as u64, 0, 0, 0], 3, 3),
            sys(6, 9, nr::OPENAT, Some("/spool/job3.claim"), [AT, 0, create | libc::O_EXCL as u64, 0, 0, 0], -(libc::EEXIST as i64), 4),
        ];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert_eq!(f.keys().collect::<Vec<_>>(), vec![&FKey::DoubleCreate { site: 2 }], "{f:?}");
    }

    #[test]
    fn a_connect_refused_between_bind_and_listen_names_the_announcement() {
        let create = (libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC) as u64;
        let evs = vec![
            sys(1, 7, nr::BIND, Some("0.0.0.0:41000"), [3, 0, 16, 0, 0, 0], 0, 10),
            sys(2, 7, nr::OPENAT, Some("/run/w.port"), [AT, 0, create, 0, 0, 0], 4, 11),
            sys(3, 9, nr::CONNECT, Some("127.0.0.1:41000"), [5, 0, 16, 0, 0, 0], -(libc::EINPROGRESS as i64), 20),
            sys(4, 7, nr::LISTEN, None, [3, 5, 0, 0, 0, 0], 0, 12),
        ];
        let refs: Vec<&AEvent> = evs.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.contains_key(&FKey::EarlyConnect { site: 11, listens: false }), "{f:?}");
        // nothing announced: the late listen
        let quiet = vec![evs[0].clone(), evs[2].clone(), evs[3].clone()];
        let refs: Vec<&AEvent> = quiet.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.contains_key(&FKey::EarlyConnect { site: 12, listens: true }), "{f:?}");
        // a port the kernel picked, listened on later
        let picked = vec![sys(1, 7, nr::BIND, Some("127.0.0.1:0"), [3, 0, 16, 0, 0, 0], 0, 10), evs[1].clone(), evs[2].clone(), evs[3].clone()];
        let refs: Vec<&AEvent> = picked.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.contains_key(&FKey::EarlyConnect { site: 11, listens: false }), "{f:?}");
        // another port, or refused after the listen: not this
        let other = vec![evs[0].clone(), evs[1].clone(), sys(3, 9, nr::CONNECT, Some("127.0.0.1:41001"), [5, 0, 16, 0, 0, 0], -(libc::ECONNREFUSED as i64), 20)];
        let refs: Vec<&AEvent> = other.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.is_empty(), "{f:?}");
        let late = vec![evs[0].clone(), evs[1].clone(), evs[3].clone(), sys(5, 9, nr::CONNECT, Some("127.0.0.1:41000"), [5, 0, 16, 0, 0, 0], -(libc::ECONNREFUSED as i64), 20)];
        let refs: Vec<&AEvent> = late.iter().collect();
        let mut f = HashMap::new();
        handoffs(&refs, &table(), &mut f);
        assert!(f.is_empty(), "{f:?}");
    }
}
