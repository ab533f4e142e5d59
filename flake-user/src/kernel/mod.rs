//! Facts about the running kernel that the BPF programs need.
pub mod btf;
