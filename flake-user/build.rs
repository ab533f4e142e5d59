//! Builds the BPF object from `flake-ebpf` (through aya-build) so the
//! `flakebpf` binary embeds it. With `AYA_BUILD_SKIP=1` an empty object is
//! embedded instead (for quick user-space-only builds); such a binary says
//! so when asked to trace.
use std::{env, fs, path::PathBuf};

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(env::var("OUT_DIR")?);
    println!("cargo:rerun-if-env-changed=AYA_BUILD_SKIP");
    if env::var_os("AYA_BUILD_SKIP").is_some_and(|v| v != "0" && !v.is_empty()) {
        fs::write(out.join("flake-ebpf"), b"")?;
        return Ok(());
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?)
        .parent()
        .expect("workspace root")
        .join("flake-ebpf");
    let root = root.to_str().expect("utf-8 path").to_owned();
    aya_build::build_ebpf(
        [aya_build::Package {
            name: "flake-ebpf",
            root_dir: &root,
            ..Default::default()
        }],
        aya_build::Toolchain::default(),
    )
}
