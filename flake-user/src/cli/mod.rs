//! The `flakebpf` subcommands. Each file turns parsed arguments into calls
//! on the pipeline modules and owns the wording of its own output.
pub mod analyze;
pub mod doctor;
pub mod events;
pub mod record;
pub mod report;

/// Exit codes shared by every subcommand (documented in `--help` and README).
pub mod exit {
    /// Success; for `run`: no flaky test.
    pub const OK: u8 = 0;
    /// `run`/`analyze`: at least one flaky test.
    pub const FLAKY: u8 = 1;
    /// Usage error or unreadable input file.
    pub const USAGE: u8 = 2;
    /// Environment problem: no privilege, BTF, uprobes, unsupported Python.
    pub const ENVIRONMENT: u8 = 3;
    /// The traced command could not be started.
    pub const NO_START: u8 = 4;
}
