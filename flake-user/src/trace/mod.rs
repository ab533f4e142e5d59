//! Per-run traces: the model ([`model`]), its on-disk format ([`format`],
//! see `FORMAT.md`; [`event_ref`] reads events without building them), symbolisation ([`symbols`]), and the syscall tables
//! and decoders used to display them ([`syscalls`], [`time`]).
pub mod event_ref;
pub mod format;
pub mod model;
pub mod symbols;
pub mod syscalls;
pub mod time;

pub use format::{TraceError, TraceReader, TraceWriter};
pub use symbols::{LineDecoder, PyFrame, Symbolizer};
