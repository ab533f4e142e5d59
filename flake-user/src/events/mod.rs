//! Kernel records → trace model. This is the only user-space module that
//! knows the byte layouts of `flake-common`; it knows nothing about what the
//! events mean for a diagnosis.

pub mod decode;
pub mod shared_stacks;
