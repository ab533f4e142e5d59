//! Per-run traces: the model ([`model`]), its on-disk format and symbolisation.
pub mod model;
