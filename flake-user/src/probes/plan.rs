//! Where the uprobes go: for each probe, the function and the instruction
//! in it (`sites::choose`), as (binary, file offset, [`Site`], what) —
//! libc's clock and environment functions once per tracer, and per CPython
//! build its start-up, Python-level clock calls, `_random` and, in deep
//! mode, the eval loop and GIL take-back.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use flake_common::{kind, Site};
use iced_x86::Register;

use super::sites;
use crate::python::clock_chain::ClockChains;
use crate::python::elf::ElfSymbols;
use crate::python::Interpreter;

/// A uprobe to attach: binary, file offset, what the BPF side is told, and a label.
pub type Planned = (PathBuf, u64, Site, &'static str);

/// Adds a uprobe site at function `name` of `elf`.
#[allow(clippy::too_many_arguments)]
fn add_site(
    elf: &ElfSymbols,
    name: &str,
    keep: &[Register],
    mut site: Site,
    what: &'static str,
    sites: &mut Vec<Planned>,
    notes: &mut Vec<String>,
) -> Result<bool> {
    let Some(sym) = elf.lookup(name).cloned() else { return Ok(false) };
    let code = elf.read_vaddr(sym.vaddr, sym.size.clamp(1, 256) as usize).unwrap_or_default();
    let p = sites::choose(&code, sym.vaddr, keep);
    let vaddr = sym.vaddr + p.offset;
    let off = elf
        .vaddr_to_offset(vaddr)
        .ok_or_else(|| anyhow!("{name} in {} is not in a loadable segment", elf.path().display()))?;
    site.vaddr = vaddr;
    notes.push(format!(
        "{what}: {}+{} in {}{}",
        name,
        p.offset,
        elf.path().display(),
        if p.emulated { "" } else { " (single-stepped: slower)" }
    ));
    sites.push((elf.path().to_path_buf(), off, site, what));
    Ok(true)
}

/// The C library the traced interpreter uses.
fn libc_path() -> PathBuf {
    for p in ["/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib64/libc.so.6"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from("/lib/x86_64-linux-gnu/libc.so.6")
}

/// Where libc's clock probe finds its caller's return address (`rsp +
/// depth`; see [`crate::python::clock_chain`]), for the site
/// [`plan_libc_sites`] chooses; `None` when it cannot be known.
pub fn libc_clock_sp() -> Option<u32> {
    static SP: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *SP.get_or_init(|| {
        let libc = ElfSymbols::open_shared(&libc_path()).ok()?;
        let sym = libc.lookup("clock_gettime")?.clone();
        let code = libc.read_vaddr(sym.vaddr, sym.size.clamp(1, 256) as usize)?;
        let p = sites::choose(&code, sym.vaddr, &[Register::RDI, Register::RSI]);
        crate::python::clock_chain::straight_depth(&code, sym.vaddr, sym.vaddr + p.offset)
    })
}

pub fn plan_libc_sites(sites: &mut Vec<Planned>, notes: &mut Vec<String>) -> Result<()> {
    let libc = ElfSymbols::open(&libc_path())?;
    let mk = |kind: u32, arg: u64| Site { vaddr: 0, runtime_vaddr: 0, slot: 0, kind, arg };
    if !add_site(&libc, "clock_gettime", &[Register::RDI, Register::RSI], mk(kind::CLOCK, flake_common::clockfn::CLOCK_GETTIME), "clock read", sites, notes)? {
        anyhow::bail!("libc has no clock_gettime");
    }
    add_site(&libc, "setenv", &[Register::RDI, Register::RSI], mk(kind::ENV, flake_common::envop::SETENV), "setenv", sites, notes)?;
    add_site(&libc, "unsetenv", &[Register::RDI], mk(kind::ENV, flake_common::envop::UNSETENV), "unsetenv", sites, notes)?;
    add_site(&libc, "putenv", &[Register::RDI], mk(kind::ENV, flake_common::envop::PUTENV), "putenv", sites, notes)?;
    Ok(())
}

pub fn plan_python_sites(
    py: &Interpreter,
    slot: u32,
    _deep: bool,
    sites: &mut Vec<Planned>,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<ClockChains> {
    let lib = ElfSymbols::open_shared(&py.runtime_binary)?;
    let mk = |kind: u32, arg: u64| Site { vaddr: 0, runtime_vaddr: py.runtime_vaddr, slot, kind, arg };
    // Interpreter start-up: where _PyRuntime is in each new process. Forked
    // children inherit their parent's entry in the kernel.
    let mut learned = false;
    for f in ["Py_InitializeFromConfig", "Py_InitializeEx", "Py_RunMain"] {
        learned |= add_site(&lib, f, &[], mk(kind::LEARN, 0), "interpreter start", sites, notes)?;
    }
    if !learned {
        anyhow::bail!("{} has none of Py_InitializeFromConfig, Py_InitializeEx, Py_RunMain", py.runtime_binary.display());
    }
    // Python-level monotonic clock calls: recognised at libc's
    // clock_gettime by the return addresses above it where they can be
    // proven (one trap a read), else reported at a site of their own (so
    // the libc probe need not report monotonic reads): monotonic reads made
    // by C code for itself (lock deadlines, buffered I/O) are left out, and
    // a Python-level read costs one walk.
    let chains = match libc_clock_sp() {
        Some(_) => crate::python::clock_chain::analyze(&lib, crate::python::python_clock_functions()),
        None => ClockChains::default(),
    };
    let mut intents = chains.covered.len();
    for &(f, clock_id) in crate::python::python_clock_functions() {
        if chains.covered.iter().any(|c| c == f) {
            log::debug!("python clock call: {f} recognised at libc's clock_gettime by its return address");
            continue;
        }
        if add_site(&lib, f, &[], mk(kind::CLOCK_INTENT, clock_id), "python clock call", sites, notes)? {
            intents += 1;
        }
    }
    if intents == 0 {
        warnings.push(format!(
            "{} has no symbols for the time module: monotonic clock reads made by C code for its own use are reported too",
            lib.path().display()
        ));
    }
    // PyEval_RestoreThread runs after every call made without the GIL (about
    // 1 µs a hit), so it is a deep-mode probe: it reports the hand-offs that
    // followed a real block. In the default mode GIL hand-offs show as the
    // wakeups they cause (waker's stack and wakee) and the futex waits.
    if _deep {
        add_site(&lib, "PyEval_RestoreThread", &[Register::RDI], mk(kind::GIL, 1), "GIL take", sites, notes)?;
    }
    if _deep {
        let (frame_arg, _) = crate::python::eval_frame_args(&py.version);
        add_site(&lib, "_PyEval_EvalFrameDefault", &[Register::RDI, Register::RSI], mk(kind::PYCALL, frame_arg as u64), "python call", sites, notes)?;
    }
    // `_random` is an extension module, or built into the interpreter binary.
    let (elf, runtime_vaddr) = match crate::python::random_module_path(py) {
        Some(rnd) => (ElfSymbols::open_shared(&rnd)?, 0),
        None => (lib, py.runtime_vaddr),
    };
    let mkr = |arg: u64| Site { vaddr: 0, runtime_vaddr, slot, kind: kind::RANDOM, arg };
    let mut found = 0;
    for (op, names) in crate::python::random_entry_points() {
        for n in *names {
            if add_site(&elf, n, &[], mkr(*op), "random", sites, notes)? {
                found += 1;
                break;
            }
        }
    }
    if found == 0 {
        warnings.push(format!(
            "random draws are not traced: {} has no symbols for the _random module (stripped build); \
             os.urandom and the hash seed still are",
            elf.path().display()
        ));
    }
    Ok(chains)
}

pub fn eval_frame_site(py: &Interpreter) -> Result<(PathBuf, u64)> {
    let lib = ElfSymbols::open_shared(&py.runtime_binary)?;
    let sym = lib.lookup("_PyEval_EvalFrameDefault").ok_or_else(|| anyhow!("no _PyEval_EvalFrameDefault"))?;
    let off = lib.vaddr_to_offset(sym.vaddr).ok_or_else(|| anyhow!("eval loop not in a segment"))?;
    Ok((py.runtime_binary.clone(), off))
}

