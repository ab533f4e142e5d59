//! Builds the BPF object from `flake-ebpf` (through aya-build) so the
//! `flakebpf` binary embeds it. With `AYA_BUILD_SKIP=1` an empty object is
//! embedded instead (for quick user-space-only builds); such a binary says
//! so when asked to trace. Building the BPF object needs the nightly
//! toolchain's `rust-src` and `bpf-linker` on PATH (`cargo xtask setup`
//! installs both); without them the build stops saying so, also under
//! `cargo install --path flake-user`.
use std::{env, fs, path::PathBuf};

/// The folder `cargo xtask setup` puts bpf-linker in.
const LINKER_HINT: &str = "~/.cache/flakebpf/bpf-linker-0.13.0/bin";

fn on_path(program: &str) -> bool {
    env::var_os("PATH").is_some_and(|paths| env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(env::var("OUT_DIR")?);
    println!("cargo:rerun-if-env-changed=AYA_BUILD_SKIP");
    if env::var_os("AYA_BUILD_SKIP").is_some_and(|v| v != "0" && !v.is_empty()) {
        fs::write(out.join("flake-ebpf"), b"")?;
        return Ok(());
    }
    if !on_path("bpf-linker") {
        anyhow::bail!(
            "flakebpf embeds its BPF programs, built from flake-ebpf with bpf-linker, which is not on PATH. \
             Run `cargo xtask setup` once (it builds bpf-linker 0.13.0 into {LINKER_HINT} and adds nightly rust-src), then build with that folder on PATH, \
             e.g. `PATH={LINKER_HINT}:$PATH cargo install --path flake-user`"
        );
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
