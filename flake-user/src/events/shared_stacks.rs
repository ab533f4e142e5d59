//! Stacks the kernel side sends once for two records. A thread that leaves
//! the CPU inside a syscall has the Python stack its syscall entry record
//! already carries (no Python code runs during a syscall), so the kernel
//! does not walk it again: the sched-out record comes flagged
//! `stackflag::SYSCALL_STACK` with the entry's timestamp, and
//! [`SharedStacks::fill`] gives it the entry's stack.

use std::collections::HashMap;

use flake_common::{kind, stackflag, Event, Header, EVENT_SMALL_LEN};

use crate::trace::model::{Event as TEvent, RawFrame, Record, StackStatus};

/// The stack of every thread's syscall in progress, as its entry record
/// had it.
#[derive(Default)]
pub struct SharedStacks {
    /// tid → (entry timestamp, stack, stack status).
    by_tid: HashMap<u32, (u64, Vec<RawFrame>, StackStatus)>,
}

impl SharedStacks {
    /// Forgets every thread (a new run).
    pub fn reset(&mut self) {
        self.by_tid.clear();
    }

    /// Looks at one decoded record (`raw`: its kernel bytes): remembers a
    /// syscall entry's stack until the syscall returns, and fills the stack
    /// of a sched-out record that shares it. A flagged record whose entry
    /// record is missing (lost in a full ring) gets no frames and says so
    /// (`read_error`).
    pub fn fill(&mut self, raw: &[u8], rec: &mut Record) {
        let Record::Event(ev) = rec else { return };
        if raw.len() < std::mem::size_of::<Header>() {
            return;
        }
        // SAFETY: length checked; plain repr(C) data.
        let hdr: Header = unsafe { std::ptr::read_unaligned(raw.as_ptr() as *const Header) };
        match hdr.kind {
            kind::SYS_ENTER => {
                self.by_tid.insert(ev.tid, (ev.ts, ev.stack.clone(), ev.stack_status.clone()));
            }
            kind::SYS_EXIT => {
                self.by_tid.remove(&ev.tid);
            }
            kind::SCHED_OUT if hdr.flags & stackflag::SYSCALL_STACK != 0 => share(&self.by_tid, raw, ev),
            _ => {}
        }
    }
}

fn share(by_tid: &HashMap<u32, (u64, Vec<RawFrame>, StackStatus)>, raw: &[u8], ev: &mut TEvent) {
    let entry_ts = entry_ts(raw);
    match by_tid.get(&ev.tid) {
        Some((ts, stack, status)) if Some(*ts) == entry_ts => {
            ev.stack = stack.clone();
            ev.stack_status = status.clone();
        }
        _ => ev.stack_status.read_error = true,
    }
}

/// `a[2]` of a flagged sched-out record: its syscall entry's timestamp.
fn entry_ts(raw: &[u8]) -> Option<u64> {
    let at = std::mem::offset_of!(Event, a) + 2 * 8;
    (raw.len() >= EVENT_SMALL_LEN && raw.len() >= at + 8).then(|| {
        u64::from_ne_bytes(raw[at..at + 8].try_into().expect("8 bytes"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::model::EventKind;

    fn raw(kind: u32, tid: u32, flags: u32, a2: u64) -> Vec<u8> {
        let mut ev: Event = unsafe { std::mem::zeroed() };
        ev.hdr = Header { kind, size: 0, ts: 0, pid: 1, tid, cpu: 0, flags };
        ev.a[2] = a2;
        let p = &ev as *const Event as *const u8;
        unsafe { std::slice::from_raw_parts(p, EVENT_SMALL_LEN) }.to_vec()
    }

    fn event(kind: EventKind, ts: u64, tid: u32, stack: Vec<RawFrame>) -> Record {
        Record::Event(TEvent { ts, pid: 1, tid, cpu: 0, kind, stack, stack_status: StackStatus::default() })
    }

    fn stack_of(r: &Record) -> (Vec<RawFrame>, bool) {
        match r {
            Record::Event(e) => (e.stack.clone(), e.stack_status.read_error),
            _ => panic!("not an event"),
        }
    }

    #[test]
    fn sched_out_inside_a_syscall_gets_the_entry_stack() {
        let mut s = SharedStacks::default();
        let frames = vec![RawFrame { code: 0x1000, instr: 7 }, RawFrame { code: 0x2000, instr: 9 }];
        let mut enter = event(
            EventKind::SyscallEnter { nr: 202, args: [0; 6], path: None, path2: None, buf: vec![] },
            100,
            5,
            frames.clone(),
        );
        s.fill(&raw(kind::SYS_ENTER, 5, 0, 0), &mut enter);
        let mut out = event(EventKind::SchedOut { preempt: false, state: 1 }, 150, 5, vec![]);
        s.fill(&raw(kind::SCHED_OUT, 5, stackflag::SYSCALL_STACK, 100), &mut out);
        assert_eq!(stack_of(&out), (frames, false));

        // Another thread, or an entry that is not this one's: no frames, said so.
        let mut other = event(EventKind::SchedOut { preempt: false, state: 1 }, 160, 6, vec![]);
        s.fill(&raw(kind::SCHED_OUT, 6, stackflag::SYSCALL_STACK, 100), &mut other);
        assert_eq!(stack_of(&other), (vec![], true));
        let mut stale = event(EventKind::SchedOut { preempt: false, state: 1 }, 170, 5, vec![]);
        s.fill(&raw(kind::SCHED_OUT, 5, stackflag::SYSCALL_STACK, 99), &mut stale);
        assert_eq!(stack_of(&stale), (vec![], true));

        // After the syscall returns, its stack is forgotten.
        let mut exit = event(EventKind::SyscallExit { nr: 202, ret: 0, latency_ns: 80 }, 180, 5, vec![]);
        s.fill(&raw(kind::SYS_EXIT, 5, 0, 0), &mut exit);
        let mut late = event(EventKind::SchedOut { preempt: false, state: 1 }, 190, 5, vec![]);
        s.fill(&raw(kind::SCHED_OUT, 5, stackflag::SYSCALL_STACK, 100), &mut late);
        assert_eq!(stack_of(&late), (vec![], true));

        // An unflagged sched-out keeps its own (here: empty) stack.
        let mut own = event(EventKind::SchedOut { preempt: true, state: 0 }, 200, 5, vec![]);
        s.fill(&raw(kind::SCHED_OUT, 5, 0, 0), &mut own);
        assert_eq!(stack_of(&own), (vec![], false));
    }
}
