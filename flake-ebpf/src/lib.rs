//! flakebpf's BPF programs are in `main.rs`; this library target exists so
//! that tools which build every target of the workspace find a `no_std` crate.
#![no_std]
