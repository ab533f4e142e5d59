//! When an attached process tree has ended: every process of it (the one
//! attached to, those it had then, those forked since) has exited. A
//! zombie — exited, not yet reaped by a parent that waits later, or never —
//! has ended too: `/proc/PID` stays until it is reaped, so its state
//! (`/proc/PID/stat`, `Z`) is what counts.

use std::collections::BTreeSet;

use crate::trace::model::{EventKind, Record};

/// Whether `pid` is a process that has not exited (not a zombie).
pub fn running(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
    // "pid (comm) S ...": comm may hold spaces and parentheses
    let state = stat.rfind(')').and_then(|i| stat[i + 1..].split_whitespace().next());
    !matches!(state, None | Some("Z") | Some("X") | Some("x"))
}

/// The processes of an attached tree that may still run.
#[derive(Debug, Default)]
pub struct Liveness {
    pids: BTreeSet<u32>,
}

impl Liveness {
    /// Starts with the processes attached to.
    pub fn new(pids: impl IntoIterator<Item = u32>) -> Liveness {
        Liveness { pids: pids.into_iter().collect() }
    }

    /// Adds the tasks a traced record shows being created.
    pub fn observe(&mut self, rec: &Record) {
        if let Record::Event(ev) = rec {
            if let EventKind::Fork { child } = ev.kind {
                self.pids.insert(child);
            }
        }
    }

    /// Forgets those that ended; true while any runs.
    pub fn any_running(&mut self) -> bool {
        self.pids.retain(|&p| running(p));
        !self.pids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::model::{Event, StackStatus};

    #[test]
    fn a_zombie_has_ended() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // not reaped yet: a zombie, /proc/PID still there
        let t = std::time::Instant::now();
        while running(pid) && t.elapsed().as_secs() < 5 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(std::path::Path::new(&format!("/proc/{pid}")).exists());
        assert!(!running(pid));
        assert!(running(std::process::id()));
        let mut l = Liveness::new([pid]);
        l.observe(&Record::Event(Event { ts: 0, pid, tid: pid, cpu: 0, kind: EventKind::Fork { child: std::process::id() }, stack: vec![], stack_status: StackStatus::default() }));
        assert!(l.any_running());
        let mut l = Liveness::new([pid]);
        assert!(!l.any_running());
        child.wait().unwrap();
    }
}
