//! flakebpf finds why a pytest test is flaky. The pipeline, one module each:
//! `probes` (load and attach the BPF programs) → `events` (drain and decode
//! kernel records) → `trace` (the per-run model and its file format) →
//! alignment and classification → reports. Per-CPython-version knowledge
//! lives only in `python`.

pub mod align;
pub mod cache;
pub mod ci;
pub mod classify;
pub mod cli;
pub mod events;
pub mod kernel;
pub mod probes;
pub mod python;
pub mod report;
pub mod run;
pub mod signals;
pub mod trace;
