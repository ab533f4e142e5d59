//! How much CPU the drain loop asks for. It runs niced ([`CALM_NICE`]) so
//! that it yields the CPU to the traced command; but when the command
//! makes records faster than a niced loop takes them (a backlog builds up
//! in the ring buffer, or records are lost already) it takes its fair share
//! of the CPU beside the command ([`BUSY_NICE`]) until the backlog is gone:
//! slowing the command a little is better than losing records. Once the
//! command has ended, the tracer's own work (the last records, clearing
//! the kernel maps, the trace's end, the next run's start, the analysis)
//! runs at [`BUSY_NICE`] again: niced, it waited behind every other
//! process of a busy machine, ~50 ms a run with load 2-4 on 2 cores.

/// Niceness of the drain loop while it keeps up.
pub const CALM_NICE: i32 = 10;
/// Niceness while a backlog is drained (the traced command's own).
pub const BUSY_NICE: i32 = 0;
/// Records taken in one drain that mean a backlog (about a third of the
/// 64 MB ring at the usual record sizes; a drain runs every 2 ms).
const BACKLOG: u64 = 32_000;
/// Records taken in one drain that mean the backlog is gone.
const CAUGHT_UP: u64 = 2_000;

/// The drain loop's priority state.
#[derive(Debug, Default)]
pub struct Pace {
    /// Draining a backlog at [`BUSY_NICE`].
    busy: bool,
    /// Records lost so far, at the last drain.
    lost: u64,
    /// No traced command is running.
    ended: bool,
}

impl Pace {
    /// The niceness to run at after a drain that took `records` records,
    /// with `lost` records lost so far (a running total).
    pub fn after_drain(&mut self, records: u64, lost: u64) -> i32 {
        let losing = lost > self.lost;
        self.lost = lost;
        if records >= BACKLOG || losing {
            self.busy = true;
        } else if records < CAUGHT_UP {
            self.busy = false;
        }
        self.nice()
    }

    /// The niceness the loop should have now.
    pub fn nice(&self) -> i32 {
        if self.busy || self.ended {
            BUSY_NICE
        } else {
            CALM_NICE
        }
    }

    /// Applies [`Pace::nice`] to the calling thread.
    pub fn apply(&self) {
        // SAFETY: a plain syscall on this thread.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, self.nice()) };
    }

    /// A traced command starts: the loop yields to it again.
    pub fn command_started(&mut self) {
        self.ended = false;
        self.apply();
    }

    /// The traced command has ended: back to [`BUSY_NICE`] until the next one.
    pub fn command_ended(&mut self) {
        self.ended = true;
        self.apply();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlog_or_loss_raises_priority_until_caught_up() {
        let mut p = Pace::default();
        assert_eq!(p.after_drain(500, 0), CALM_NICE);
        assert_eq!(p.after_drain(40_000, 0), BUSY_NICE, "backlog");
        assert_eq!(p.after_drain(5_000, 0), BUSY_NICE, "still draining");
        assert_eq!(p.after_drain(100, 0), CALM_NICE, "caught up");
        assert_eq!(p.after_drain(100, 7), BUSY_NICE, "records lost");
        assert_eq!(p.after_drain(100, 7), CALM_NICE, "no new loss, caught up");
    }

    #[test]
    fn work_between_commands_is_not_niced() {
        let mut p = Pace::default();
        p.ended = true;
        assert_eq!(p.after_drain(100, 0), BUSY_NICE, "after the command");
        p.ended = false;
        assert_eq!(p.after_drain(100, 0), CALM_NICE, "while the next one runs");
    }
}
