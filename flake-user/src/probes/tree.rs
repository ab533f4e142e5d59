//! Per run: which interpreter build each traced process was announced
//! with in the trace (`Record::Python`), which processes were already
//! looked at, and which wait for their runtime binary to be mapped.

use std::collections::{HashMap, HashSet};

/// What the tracer knows about the processes of the current run.
#[derive(Default)]
pub struct Tree {
    /// pid → `PYOFFSETS` slot the trace says it runs.
    announced: HashMap<u32, u32>,
    /// pids already looked at.
    seen: HashSet<u32>,
    /// child → parent, from fork events: a child runs its parent's
    /// program until it execs.
    parents: HashMap<u32, u32>,
    /// pid → slot of processes identified as Python whose `_PyRuntime` is
    /// not known yet (libpython not mapped).
    pub pending: HashMap<u32, u32>,
}

impl Tree {
    /// Forgets everything (between runs).
    pub fn reset(&mut self) {
        self.announced.clear();
        self.seen.clear();
        self.parents.clear();
        self.pending.clear();
    }

    /// `parent` forked `child` (or made a thread: then `child` is a tid).
    pub fn fork(&mut self, parent: u32, child: u32) {
        if parent != child {
            self.parents.insert(child, parent);
        }
    }

    /// The parent `pid` was forked from, if the fork was seen.
    pub fn parent(&self, pid: u32) -> Option<u32> {
        self.parents.get(&pid).copied()
    }

    /// True the first time `pid` is seen.
    pub fn first_sight(&mut self, pid: u32) -> bool {
        self.seen.insert(pid)
    }

    /// `pid` runs a new program: nothing said about it holds any more.
    pub fn exec(&mut self, pid: u32) {
        self.seen.insert(pid);
        self.announced.remove(&pid);
        self.pending.remove(&pid);
    }

    /// `pid` exited.
    pub fn exited(&mut self, pid: u32) {
        self.pending.remove(&pid);
    }

    /// The slot `pid` was announced with.
    pub fn announced(&self, pid: u32) -> Option<u32> {
        self.announced.get(&pid).copied()
    }

    /// Notes that `pid` runs `slot`; true if that is news.
    pub fn announce(&mut self, pid: u32, slot: u32) -> bool {
        self.announced.insert(pid, slot) != Some(slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_last_until_exec() {
        let mut t = Tree::default();
        assert!(t.first_sight(7));
        assert!(!t.first_sight(7));
        assert!(t.announce(7, 0));
        assert!(!t.announce(7, 0));
        assert_eq!(t.announced(7), Some(0));
        t.pending.insert(7, 0);
        t.exec(7);
        assert_eq!(t.announced(7), None);
        assert!(t.pending.is_empty());
        assert!(t.announce(7, 1));
        t.fork(7, 8);
        assert_eq!(t.parent(8), Some(7));
        t.reset();
        assert!(t.first_sight(7));
        assert_eq!(t.parent(8), None);
    }
}
