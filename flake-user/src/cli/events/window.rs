//! The printing window: holds records back so that a syscall entry is
//! printed with its exit (same tid) and late code records still apply.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, Write};

use crate::trace::model::{Event, EventKind, Record, TraceMeta};
use crate::trace::symbols::{LineDecoder, Symbolizer};
use crate::trace::syscalls as sc;

/// Records kept back so that late code records and syscall exits apply.
const LOOKAHEAD: usize = 512;
/// Most records held waiting for a syscall exit before printing anyway.
const MAX_QUEUE: usize = 8192;

/// What became of a syscall entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Outcome {
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

pub(super) enum Item {
    Rec(Record),
    Sys {
        enter: Event,
        outcome: Outcome,
    },
    /// An exit whose entry is not in the window.
    LoneExit(Event),
}

pub(super) struct Printer {
    pub(super) meta: TraceMeta,
    pub(super) json: bool,
    pub(super) sym: Symbolizer,
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
    pub(super) fn new(meta: TraceMeta, json: bool, decoder: Box<dyn LineDecoder>) -> Self {
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

    pub(super) fn push(&mut self, rec: Record, out: &mut dyn Write) -> io::Result<()> {
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
    pub(super) fn drain(&mut self, out: &mut dyn Write, all: bool) -> io::Result<()> {
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
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

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
}
