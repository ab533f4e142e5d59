//! flakebpf's development chores (`cargo xtask ...`):
//!
//! - `setup`: installs what building and testing need on a fresh machine
//!   (nightly rust-src, bpf-linker 0.13.0 linked against rustc's own LLVM,
//!   the tracefs mount, a Python venv with pytest, pytest-asyncio,
//!   pytest-xdist, pytest-repeat, pytest-rerunfailures, xmlschema and
//!   jsonschema, Debian's chromium for the HTML report's test), builds the
//!   release binary, installs it (as `install`) and diagnoses the bundled
//!   flaky example;
//! - `install`: copies the release binary to `PREFIX/bin/flakebpf` (default
//!   `/usr/local`, on `sudo`'s `secure_path`), so `sudo flakebpf ...` works;
//! - `test`: runs every test: unit tests and the end-to-end tests on real
//!   Python under real eBPF (they fail loudly, never skip, without eBPF);
//! - `bench`: issue 10's six figures (start-up, steady-state overhead,
//!   `run` end to end, throughput, analysis scale, observer effect), traced
//!   beside plain; the drivers are Python (`bench/run_bench.py`), the
//!   results land in bench/RESULTS.md.
//!
//! bpf-linker and the cargo target directory are cached outside the work
//! tree ($FLAKEBPF_CACHE, default ~/.cache/flakebpf) so repeated runs on
//! one machine skip those builds.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "flakebpf development chores")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Install the toolchain pieces, mount tracefs, make the test venv, build, and diagnose the example.
    Setup {
        /// Skip running the bundled example at the end.
        #[arg(long)]
        no_example: bool,
        /// Where `install` puts the binary (PREFIX/bin/flakebpf).
        #[arg(long, default_value = DEFAULT_PREFIX)]
        prefix: PathBuf,
    },
    /// Build the release binary and copy it to PREFIX/bin/flakebpf, where `sudo` finds it.
    Install {
        #[arg(long, default_value = DEFAULT_PREFIX)]
        prefix: PathBuf,
    },
    /// Run all tests (unit and end-to-end).
    Test,
    /// Measure the six figures of the performance goals side by side and write bench/RESULTS.md.
    Bench {
        /// A short version: fewer rounds, shorter loads, 6 corpus cases (6 min on the loaded 2-core machine, 2.5 of them 5-7 s tracer start-ups; ~3.5 min with start-up at 0.3 s).
        #[arg(long)]
        quick: bool,
        /// Only these figures, comma-separated: startup,overhead,endtoend,throughput,analysis,observer.
        #[arg(long)]
        only: Option<String>,
        /// More options for bench/run_bench.py (e.g. `-- --observer-n 10 --note "..."`).
        #[arg(last = true)]
        args: Vec<String>,
    },
}

/// `/usr/local/bin` is on sudo's default `secure_path` (Debian, Ubuntu, Fedora).
const DEFAULT_PREFIX: &str = "/usr/local";
const BPF_LINKER_VERSION: &str = "0.13.0";
/// The interpreter the test venv is made from.
const VENV_PYTHON: &str = "/root/.pyenv/versions/3.11.7/bin/python3.11";

fn root() -> PathBuf {
    // At run time (`cargo xtask` sets it): the binary may have been built in
    // another clone sharing the cached target directory.
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR"))).parent().unwrap().to_path_buf()
}

fn cache() -> PathBuf {
    std::env::var_os("FLAKEBPF_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or("/root".into())).join(".cache/flakebpf"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| cache().join("target"))
}

fn linker_bin() -> PathBuf {
    cache().join(format!("bpf-linker-{BPF_LINKER_VERSION}/bin"))
}

fn venv() -> PathBuf {
    root().join(".venv-test")
}

fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask: {:?}", cmd);
    let st = cmd.status().with_context(|| format!("running {:?}", cmd.get_program()))?;
    if !st.success() {
        bail!("{:?} failed with {st}", cmd.get_program());
    }
    Ok(())
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().with_context(|| format!("running {:?}", cmd.get_program()))?;
    if !out.status.success() {
        bail!("{:?} failed: {}", cmd.get_program(), String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// PATH with bpf-linker in front.
fn path_env() -> String {
    format!("{}:{}", linker_bin().display(), std::env::var("PATH").unwrap_or_default())
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.env("PATH", path_env()).env("CARGO_TARGET_DIR", target_dir()).current_dir(root());
    c
}

fn install_toolchain() -> Result<()> {
    let installed = output(Command::new("rustup").args(["component", "list", "--toolchain", "nightly", "--installed"]))?;
    if !installed.lines().any(|l| l.starts_with("rust-src")) {
        run(Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", "nightly"]))?;
    }
    let linker = linker_bin().join("bpf-linker");
    if Command::new(&linker).arg("--version").output().map(|o| o.status.success()).unwrap_or(false) {
        return Ok(());
    }
    let sysroot = PathBuf::from(output(Command::new("rustc").args(["+nightly", "--print", "sysroot"]))?);
    let libdir = sysroot.join("lib");
    let llvm = std::fs::read_dir(&libdir)?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("libLLVM.so.")))
        .with_context(|| format!("no libLLVM.so.* in {} (nightly toolchain incomplete)", libdir.display()))?;
    let dir = cache().join(format!("bpf-linker-{BPF_LINKER_VERSION}"));
    let llvmlib = dir.join("llvmlib");
    std::fs::create_dir_all(&llvmlib)?;
    let link = llvmlib.join("libLLVM.so");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&llvm, &link)?;
    eprintln!("xtask: building bpf-linker {BPF_LINKER_VERSION} against {} (1-4 min)", llvm.display());
    run(Command::new("cargo")
        .args(["+nightly", "install", "bpf-linker", "--version", BPF_LINKER_VERSION, "--locked"])
        .args(["--no-default-features", "--features", "llvm-22", "--root"])
        .arg(&dir)
        .env("RUSTFLAGS", format!("-L {} -C link-arg=-Wl,-rpath,{}", llvmlib.display(), libdir.display())))
}

fn mount_tracefs() -> Result<()> {
    if Path::new("/sys/kernel/tracing/events").exists() {
        return Ok(());
    }
    let st = Command::new("mount").args(["-t", "tracefs", "nodev", "/sys/kernel/tracing"]).status();
    if !st.map(|s| s.success()).unwrap_or(false) {
        eprintln!("xtask: could not mount tracefs (flakebpf does not need it; bpftool/perf do)");
    }
    Ok(())
}

fn make_venv() -> Result<()> {
    let py = venv().join("bin/python");
    let ok = Command::new(&py)
        .args(["-c", "import pytest, pytest_asyncio, xdist, pytest_repeat, pytest_rerunfailures, xmlschema, jsonschema"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    if !Path::new(VENV_PYTHON).exists() {
        bail!("{VENV_PYTHON} is missing: the tests need pyenv's CPython 3.11");
    }
    if !py.exists() {
        run(Command::new(VENV_PYTHON).args(["-m", "venv"]).arg(venv()))?;
    }
    // xmlschema and jsonschema validate the JUnit and SARIF outputs in the tests
    run(Command::new(&py).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "pytest",
        "pytest-asyncio",
        "pytest-xdist",
        "pytest-repeat",
        "pytest-rerunfailures",
        "xmlschema",
        "jsonschema",
    ]))
}

/// Headless Chromium (Debian's package), which the tests open the HTML report in.
fn install_chromium() -> Result<()> {
    if Command::new("chromium").arg("--version").output().map(|o| o.status.success()).unwrap_or(false) {
        return Ok(());
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", "chromium"]).env("DEBIAN_FRONTEND", "noninteractive"))
}

fn build() -> Result<()> {
    run(cargo().args(["build", "--release"]))
}

fn flakebpf() -> PathBuf {
    target_dir().join("release/flakebpf")
}

/// Copies the built binary to `prefix/bin/flakebpf` (through a temporary
/// file and a rename, so a running copy is not overwritten in place).
fn install(prefix: &Path) -> Result<PathBuf> {
    let bin = prefix.join("bin");
    std::fs::create_dir_all(&bin).with_context(|| format!("creating {}", bin.display()))?;
    let dest = bin.join("flakebpf");
    let tmp = bin.join(".flakebpf.new");
    std::fs::copy(flakebpf(), &tmp).with_context(|| format!("copying {} to {}", flakebpf().display(), tmp.display()))?;
    std::fs::rename(&tmp, &dest).with_context(|| format!("installing {}", dest.display()))?;
    eprintln!("xtask: installed {}", dest.display());
    Ok(dest)
}

fn example() -> Result<()> {
    let dir = root().join("examples/clock_window");
    let py = venv().join("bin/python");
    let mut cmd = Command::new(flakebpf());
    cmd.args(["run", "--runs", "20", "--"]).arg(&py).args(["-m", "pytest", "-p", "no:cacheprovider", "-q", "tests"]).current_dir(&dir);
    eprintln!("xtask: diagnosing the bundled example in {}", dir.display());
    let st = cmd.status()?;
    // 1 = flaky test found, which is what the example is for.
    match st.code() {
        Some(0) | Some(1) => Ok(()),
        _ => bail!("flakebpf run on the example failed with {st}"),
    }
}

/// The bench's own statistics (Fisher exact test, median): a self-check
/// of bench/flakebench/stats.py, a second or less.
fn bench_self_check() -> Result<()> {
    run(Command::new(venv().join("bin/python")).arg(root().join("bench/run_bench.py")).arg("--self-check"))
}

fn bench(quick: bool, only: Option<String>, args: Vec<String>) -> Result<()> {
    build()?;
    make_venv()?;
    let mut cmd = Command::new(venv().join("bin/python"));
    cmd.arg(root().join("bench/run_bench.py")).arg("--flakebpf").arg(flakebpf()).arg("--python").arg(venv().join("bin/python"));
    if quick {
        cmd.arg("--quick");
    }
    if let Some(only) = only {
        cmd.arg("--only").arg(only);
    }
    run(cmd.args(args))
}

fn test() -> Result<()> {
    build()?;
    bench_self_check()?;
    let py = venv().join("bin/python");
    let mut cmd = cargo();
    cmd.args(["test", "--release", "--lib", "--bins", "--tests", "--", "--test-threads=1"])
        .env("FLAKEBPF_BIN", flakebpf())
        .env("FLAKEBPF_TEST_PYTHON", py)
        .stdout(std::process::Stdio::piped());
    eprintln!("xtask: {:?}", cmd);
    let mut child = cmd.spawn().context("running cargo test")?;
    let (mut passed, mut failed) = (0u64, 0u64);
    use std::io::BufRead;
    for line in std::io::BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line?;
        println!("{line}");
        if let Some(rest) = line.strip_prefix("test result: ") {
            let num = |word: &str| -> u64 {
                rest.split(';')
                    .find_map(|part| part.trim().strip_suffix(word).map(|n| n.trim().rsplit(' ').next().unwrap_or("0").parse().unwrap_or(0)))
                    .unwrap_or(0)
            };
            passed += num("passed");
            failed += num("failed");
        }
    }
    let st = child.wait()?;
    // One closing line over every test binary.
    println!("{passed} passed, {failed} failed");
    if !st.success() {
        bail!("cargo test failed with {st}");
    }
    if passed == 0 {
        bail!("no test ran");
    }
    Ok(())
}

fn main() -> Result<()> {
    match Cli::parse().cmd {
        Cmd::Setup { no_example, prefix } => {
            install_toolchain()?;
            mount_tracefs()?;
            make_venv()?;
            install_chromium()?;
            build()?;
            let installed = install(&prefix)?;
            if !no_example {
                example()?;
            }
            eprintln!("xtask: ready: {}", installed.display());
            Ok(())
        }
        Cmd::Install { prefix } => {
            build()?;
            install(&prefix).map(|_| ())
        }
        Cmd::Test => test(),
        Cmd::Bench { quick, only, args } => bench(quick, only, args),
    }
}
