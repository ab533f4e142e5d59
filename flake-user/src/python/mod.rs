//! Everything flakebpf knows about CPython versions — the only module with
//! per-version knowledge.
//!
//! [`inspect`] looks at an interpreter executable (without running it,
//! except to learn the patch version of ≤ 3.10 builds) and returns an
//! [`Interpreter`]: its version, the ELF that defines `_PyRuntime`, and the
//! [`PyOffsets`] the BPF stack walker consumes. Offsets come from, in order
//! of preference: `_Py_DebugOffsets` (3.13), the binary's DWARF (gimli),
//! and a built-in per-minor table; every source present is cross-checked
//! against the others and [`Interpreter::offsets_source`] says what was used.
//!
//! The rest turns what the BPF side copied back into meaning: line numbers
//! from line tables ([`line_for`], [`CodeLines`]), `str` data
//! ([`decode_str`]), shim frames ([`code_is_shim`]). [`resolve_python`]
//! finds the real executable behind `python`, `pytest`, venvs and pyenv
//! shims; [`ElfSymbols`] is a generic ELF symbol helper.
//!
//! Supported: CPython 3.8–3.13 on x86_64, default (GIL) builds.

pub mod clock_chain;
pub mod debug_offsets;
pub mod dwarf;
pub mod elf;
pub mod lines;
pub mod probe_points;
pub mod resolve;
pub mod strings;
pub mod table;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

use flake_common::{PyOffsets, NO_OFFSET};
use serde::{Deserialize, Serialize};

pub use elf::{ElfError, ElfSymbol, ElfSymbols};

/// The eval loop's default switch interval (`sys.getswitchinterval()`,
/// 5 ms in every supported version): a thread waiting for the GIL waits on
/// the GIL's condition variable in timed slices of it, so such a futex wait
/// "times out" whenever another thread holds the GIL for a while.
pub const GIL_SWITCH_INTERVAL_NS: i64 = 5_000_000;

/// Whether a timed futex wait of `timeout_ns` looks like one slice of a
/// GIL wait (the remaining time of a slice that began just before the
/// syscall) rather than a timeout the program asked for.
pub fn is_gil_wait_slice(timeout_ns: i64) -> bool {
    (GIL_SWITCH_INTERVAL_NS * 4 / 5..=GIL_SWITCH_INTERVAL_NS).contains(&timeout_ns)
}
pub use lines::{instr_to_offset, line_for, line_for_raw, CodeLines, LineRange, TableFormat};
pub use probe_points::{eval_frame_args, python_clock_functions, random_entry_points};
pub use resolve::{random_module_path, resolve_python};
pub use strings::{code_is_shim, decode_str, unicode_is_ascii, unicode_kind};

/// A CPython version, e.g. 3.11.7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PyVersion {
    pub major: u8,
    pub minor: u8,
    pub patch: u8,
}

impl PyVersion {
    /// `major << 8 | minor`, as in [`PyOffsets::version`].
    pub fn minor_hex(&self) -> u32 {
        (self.major as u32) << 8 | self.minor as u32
    }

    /// From a `PY_VERSION_HEX` value (`Py_Version`, `_Py_DebugOffsets.version`).
    pub fn from_hex(hex: u64) -> PyVersion {
        PyVersion {
            major: (hex >> 24) as u8,
            minor: (hex >> 16) as u8,
            patch: (hex >> 8) as u8,
        }
    }

    /// Within the supported range (3.8–3.13).
    pub fn is_supported(&self) -> bool {
        self.major == 3 && (table::MIN_MINOR..=table::MAX_MINOR).contains(&self.minor)
    }
}

impl fmt::Display for PyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for PyVersion {
    type Err = String;
    /// Parses "3.11.7", "3.11" (patch 0) or "3.13.0rc1" (suffix ignored).
    fn from_str(s: &str) -> Result<Self, String> {
        let mut it = s.trim().splitn(3, '.');
        let num = |p: Option<&str>| -> Option<u8> {
            let p = p?;
            let digits: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.parse().ok()
        };
        let major = num(it.next()).ok_or_else(|| format!("bad Python version {s:?}"))?;
        let minor = num(it.next()).ok_or_else(|| format!("bad Python version {s:?}"))?;
        let patch = num(it.next()).unwrap_or(0);
        Ok(PyVersion {
            major,
            minor,
            patch,
        })
    }
}

/// What [`inspect`] learned about one interpreter build.
#[derive(Clone, Debug)]
pub struct Interpreter {
    /// The resolved real executable.
    pub exe: PathBuf,
    pub version: PyVersion,
    /// The ELF that defines `_PyRuntime` (libpython, or the executable when
    /// libpython is linked statically).
    pub runtime_binary: PathBuf,
    /// Link-time virtual address of `_PyRuntime` in `runtime_binary`.
    pub runtime_vaddr: u64,
    /// Everything the BPF walker needs; `NO_OFFSET` where a field does not
    /// exist in this version.
    pub offsets: PyOffsets,
    /// Offset of `co_code_adaptive` in `PyCodeObject` (3.11+: the base of
    /// instruction pointers, see [`line_for`]); 0 up to 3.10.
    pub code_adaptive: u64,
    /// Where the offsets came from and what they were checked against.
    pub offsets_source: String,
}

/// Why an interpreter cannot be traced.
#[derive(Debug, thiserror::Error)]
pub enum PyError {
    #[error(transparent)]
    Elf(#[from] ElfError),
    #[error("{} is not a CPython interpreter: {why}", path.display())]
    NotPython { path: PathBuf, why: String },
    #[error(
        "CPython {version} is not supported ({}.{}–3.{} are)",
        3,
        table::MIN_MINOR,
        table::MAX_MINOR
    )]
    Unsupported { version: String },
    #[error("cannot tell which CPython version {} is: {why}", path.display())]
    Version { path: PathBuf, why: String },
    #[error("{}: {msg}", binary.display())]
    Layout { binary: PathBuf, msg: String },
}

/// Inspects the interpreter executable `exe` (symlinks are followed; use
/// [`resolve_python`] first for shims and scripts).
pub fn inspect(exe: &Path) -> Result<Interpreter, PyError> {
    let exe = std::fs::canonicalize(exe).map_err(|source| ElfError::Io {
        path: exe.to_path_buf(),
        source,
    })?;
    let exe_elf = ElfSymbols::open_shared(&exe)?;
    let rt_owned;
    let rt_elf = if exe_elf.lookup("_PyRuntime").is_some() {
        &exe_elf
    } else {
        let lib = exe_elf
            .needed()
            .iter()
            .find(|n| n.starts_with("libpython"))
            .ok_or_else(|| PyError::NotPython {
                path: exe.clone(),
                why: "it neither defines _PyRuntime nor links a libpython".into(),
            })?;
        let path = resolve::find_library(&exe_elf, lib).ok_or_else(|| PyError::NotPython {
            path: exe.clone(),
            why: format!("its {lib} was not found (RUNPATH, LD_LIBRARY_PATH, system dirs)"),
        })?;
        rt_owned = ElfSymbols::open_shared(&path)?;
        &rt_owned
    };

    let version = detect_version(&exe, &exe_elf, rt_elf)?;
    if !version.is_supported() {
        return Err(PyError::Unsupported {
            version: format!("{}.{}", version.major, version.minor),
        });
    }
    let runtime = rt_elf
        .lookup("_PyRuntime")
        .ok_or_else(|| PyError::NotPython {
            path: rt_elf.path().to_path_buf(),
            why: "no _PyRuntime symbol".into(),
        })?;
    let runtime_vaddr = runtime.vaddr;
    let (offsets, code_adaptive, offsets_source) =
        compute_offsets(&version, rt_elf, runtime_vaddr)?;
    Ok(Interpreter {
        exe,
        version,
        runtime_binary: rt_elf.path().to_path_buf(),
        runtime_vaddr,
        offsets,
        code_adaptive,
        offsets_source,
    })
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// "libpython3.9.so.1.0", "libpython3.7m.so", "python3.9" → (3, 9).
fn version_from_name(name: &str) -> Option<(u8, u8)> {
    let rest = name
        .strip_prefix("libpython")
        .or_else(|| name.strip_prefix("python"))?;
    let mut it = rest.splitn(2, '.');
    let major: u8 = it.next()?.parse().ok()?;
    let minor_part = it.next()?;
    let digits: String = minor_part
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    Some((major, digits.parse().ok()?))
}

fn detect_version(
    exe: &Path,
    exe_elf: &ElfSymbols,
    rt_elf: &ElfSymbols,
) -> Result<PyVersion, PyError> {
    // 3.11+: `const unsigned long Py_Version = PY_VERSION_HEX;`
    for e in [rt_elf, exe_elf] {
        if let Some(d) = e.symbol_data("Py_Version") {
            if d.len() >= 4 {
                let hex = u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as u64;
                let v = PyVersion::from_hex(hex);
                if v.major == 3 {
                    return Ok(v);
                }
            }
        }
    }
    let named =
        version_from_name(&file_name(rt_elf.path())).or_else(|| version_from_name(&file_name(exe)));
    if let Some((3, minor)) = named {
        // Out of range: report it without running anything.
        if !(table::MIN_MINOR..=table::MAX_MINOR).contains(&minor) {
            return Err(PyError::Unsupported {
                version: format!("3.{minor}"),
            });
        }
    }
    // ≤ 3.10 (or unknown): the patch level is not in a symbol; ask the interpreter.
    if let Some(v) = run_for_version(exe) {
        if named.is_none_or(|(ma, mi)| ma == v.major && mi == v.minor) {
            return Ok(v);
        }
    }
    if let Some((major, minor)) = named {
        if let Some(patch) = scan_patch(rt_elf, major, minor) {
            return Ok(PyVersion {
                major,
                minor,
                patch,
            });
        }
        return Ok(PyVersion {
            major,
            minor,
            patch: 0,
        });
    }
    Err(PyError::Version {
        path: exe.to_path_buf(),
        why: "no Py_Version symbol, no version in the file names, and running it failed".into(),
    })
}

fn run_for_version(exe: &Path) -> Option<PyVersion> {
    let out = Command::new(exe)
        .args([
            "-I",
            "-S",
            "-c",
            "import sys; print('%d.%d.%d' % sys.version_info[:3])",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The most frequent `3.M.P` followed by NUL in the file (PY_VERSION is
/// usually tail-merged into some longer string).
fn scan_patch(e: &ElfSymbols, major: u8, minor: u8) -> Option<u8> {
    let needle = format!("{major}.{minor}.");
    let data = e.data();
    let mut counts = std::collections::HashMap::<u8, usize>::new();
    let nb = needle.as_bytes();
    let mut i = 0;
    while let Some(pos) = data[i..].windows(nb.len()).position(|w| w == nb) {
        let start = i + pos;
        let before_ok =
            start == 0 || !(data[start - 1].is_ascii_digit() || data[start - 1] == b'.');
        let mut j = start + nb.len();
        while j < data.len() && data[j].is_ascii_digit() && j - start - nb.len() < 3 {
            j += 1;
        }
        if before_ok && j > start + nb.len() && data.get(j) == Some(&0) {
            if let Ok(p) = std::str::from_utf8(&data[start + nb.len()..j])
                .unwrap_or("")
                .parse::<u8>()
            {
                *counts.entry(p).or_default() += 1;
            }
        }
        i = start + 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(p, c)| (c, p))
        .map(|(p, _)| p)
}

/// What a DWARF field must look like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ptr,
    Size(u64),
    Any,
}

/// Which `PyOffsets` field (or `code_adaptive`) a source value fills.
#[derive(Clone, Copy)]
enum Slot {
    O(fn(&mut PyOffsets) -> &mut u32, &'static str),
    Adaptive,
}

macro_rules! slot {
    ($f:ident) => {
        Slot::O(|o: &mut PyOffsets| &mut o.$f, stringify!($f))
    };
}

/// (slot, DWARF type, member path or "sizeof", expectation) for `3.minor`.
fn dwarf_fields(minor: u8) -> Vec<(Slot, &'static str, &'static str, Expect)> {
    use Expect::*;
    let old = minor <= 10;
    let fr = if old { "_frame" } else { "_PyInterpreterFrame" };
    let mut v = vec![
        (
            slot!(runtime_interp_head),
            "_PyRuntimeState",
            "interpreters.head",
            Ptr,
        ),
        (
            slot!(interp_tstate_head),
            "_is",
            if old { "tstate_head" } else { "threads.head" },
            Ptr,
        ),
        (slot!(tstate_next), "_ts", "next", Ptr),
        (slot!(tstate_thread_id), "_ts", "thread_id", Size(8)),
        (
            slot!(tstate_frame),
            "_ts",
            match minor {
                ..=10 => "frame",
                11 | 12 => "cframe",
                _ => "current_frame",
            },
            Ptr,
        ),
        (
            slot!(frame_code),
            fr,
            match minor {
                ..=12 => "f_code",
                _ => "f_executable",
            },
            Ptr,
        ),
        (
            slot!(frame_back),
            fr,
            if old { "f_back" } else { "previous" },
            Ptr,
        ),
        (slot!(frame_globals), fr, "f_globals", Ptr),
        (
            slot!(frame_instr),
            fr,
            match minor {
                ..=10 => "f_lasti",
                11 | 12 => "prev_instr",
                _ => "instr_ptr",
            },
            if old { Size(4) } else { Ptr },
        ),
        (slot!(code_filename), "PyCodeObject", "co_filename", Ptr),
        (
            slot!(code_qualname),
            "PyCodeObject",
            if old { "co_name" } else { "co_qualname" },
            Ptr,
        ),
        (
            slot!(code_firstlineno),
            "PyCodeObject",
            "co_firstlineno",
            Size(4),
        ),
        (
            slot!(code_linetable),
            "PyCodeObject",
            if minor <= 9 {
                "co_lnotab"
            } else {
                "co_linetable"
            },
            Ptr,
        ),
        (slot!(unicode_length), "PyASCIIObject", "length", Size(8)),
        (slot!(unicode_state), "PyASCIIObject", "state", Size(4)),
        (slot!(unicode_ascii_data), "PyASCIIObject", "sizeof", Any),
        (
            slot!(unicode_compact_data),
            "PyCompactUnicodeObject",
            "sizeof",
            Any,
        ),
        (
            slot!(bytes_size),
            "PyBytesObject",
            "ob_base.ob_size",
            Size(8),
        ),
        (slot!(bytes_data), "PyBytesObject", "ob_sval", Any),
    ];
    if minor == 11 || minor == 12 {
        v.push((
            slot!(cframe_current_frame),
            "_PyCFrame",
            "current_frame",
            Ptr,
        ));
    }
    if minor == 11 {
        v.push((slot!(frame_is_entry), fr, "is_entry", Size(1)));
    }
    if minor >= 12 {
        v.push((slot!(frame_owner), fr, "owner", Size(1)));
    }
    if minor >= 11 {
        v.push((Slot::Adaptive, "PyCodeObject", "co_code_adaptive", Any));
    }
    v
}

fn slot_name(s: Slot) -> &'static str {
    match s {
        Slot::O(_, n) => n,
        Slot::Adaptive => "code_adaptive",
    }
}

fn slot_get(o: &mut PyOffsets, adaptive: &mut u64, s: Slot) -> u64 {
    match s {
        Slot::O(f, _) => *f(o) as u64,
        Slot::Adaptive => *adaptive,
    }
}

fn slot_set(o: &mut PyOffsets, adaptive: &mut u64, s: Slot, v: u64) {
    match s {
        Slot::O(f, _) => *f(o) = v as u32,
        Slot::Adaptive => *adaptive = v,
    }
}

/// Offsets for `version` in `rt` (which defines `_PyRuntime` at `runtime_vaddr`).
fn compute_offsets(
    version: &PyVersion,
    rt: &ElfSymbols,
    runtime_vaddr: u64,
) -> Result<(PyOffsets, u64, String), PyError> {
    let minor = version.minor;
    let layout_err = |msg: String| PyError::Layout {
        binary: rt.path().to_path_buf(),
        msg,
    };
    let (mut o, mut adaptive) = table::builtin(minor).ok_or_else(|| PyError::Unsupported {
        version: format!("3.{minor}"),
    })?;
    let table_o = o;
    let table_adaptive = adaptive;
    let rt_name = file_name(rt.path());
    let mut notes: Vec<String> = Vec::new();

    // DWARF: in the file itself, or in a separate debug file.
    let fields = dwarf_fields(minor);
    let mut wanted: Vec<&str> = fields.iter().map(|f| f.1).collect();
    if minor >= 13 {
        wanted.push("_Py_DebugOffsets");
    }
    wanted.sort();
    wanted.dedup();
    let mut dwarf_name = None;
    let mut layouts = std::collections::HashMap::new();
    let debug_file;
    let dwarf_data: Option<(&[u8], String)> = if rt.has_dwarf() {
        Some((rt.data(), rt_name.clone()))
    } else {
        match rt
            .separate_debug_files()
            .into_iter()
            .find_map(|p| ElfSymbols::open(&p).ok().filter(|e| e.has_dwarf()))
        {
            Some(e) => {
                debug_file = e;
                Some((debug_file.data(), file_name(debug_file.path())))
            }
            None => None,
        }
    };
    if let Some((data, name)) = dwarf_data {
        layouts = dwarf::layouts(data, &wanted)
            .map_err(|e| layout_err(format!("bad DWARF in {name}: {e}")))?;
        if !layouts.is_empty() {
            dwarf_name = Some(name);
        }
    }
    if let Some(dname) = &dwarf_name {
        let mut missing_types = Vec::new();
        let mut differs = Vec::new();
        for &(slot, ty, path, expect) in &fields {
            let Some(layout) = layouts.get(ty) else {
                if !missing_types.contains(&ty) {
                    missing_types.push(ty);
                }
                continue;
            };
            let value = if path == "sizeof" {
                layout
                    .size
                    .ok_or_else(|| layout_err(format!("DWARF of {dname} gives no size for {ty}")))?
            } else {
                let m = layout.get(path).ok_or_else(|| {
                    layout_err(format!(
                        "DWARF of {dname}: {ty} has no member {path}; this CPython {version} build has a layout flakebpf does not know"
                    ))
                })?;
                match expect {
                    Expect::Ptr if !m.is_pointer => {
                        return Err(layout_err(format!(
                            "DWARF of {dname}: {ty}.{path} is not a pointer (unexpected layout for CPython {version})"
                        )))
                    }
                    Expect::Size(n) if m.size != Some(n) => {
                        return Err(layout_err(format!(
                            "DWARF of {dname}: {ty}.{path} is {:?} bytes, expected {n} (unexpected layout for CPython {version})",
                            m.size
                        )))
                    }
                    _ => {}
                }
                m.offset
            };
            let old = slot_get(&mut o, &mut adaptive, slot);
            if old != value {
                differs.push(format!("{} {} (table {})", slot_name(slot), value, old));
                slot_set(&mut o, &mut adaptive, slot, value);
            }
        }
        let mut s = format!("DWARF of {dname}, cross-checked with the built-in 3.{minor} table");
        if !missing_types.is_empty() {
            s.push_str(&format!(
                " (types not in DWARF, table used: {})",
                missing_types.join(", ")
            ));
        }
        if !differs.is_empty() {
            s.push_str(&format!(
                "; DWARF wins where they differ: {}",
                differs.join(", ")
            ));
        }
        notes.push(s);
    } else {
        notes.push(format!("built-in 3.{minor} table ({rt_name} has no DWARF)"));
    }

    if minor >= 13 {
        let data = rt
            .read_vaddr(runtime_vaddr, debug_offsets::READ_LEN)
            .ok_or_else(|| layout_err("cannot read _PyRuntime from the file".into()))?;
        let d = debug_offsets::parse(&data, layouts.get("_Py_DebugOffsets")).map_err(layout_err)?;
        let dv = d.get("version").unwrap_or(0);
        let dver = PyVersion::from_hex(dv);
        if (dver.major, dver.minor) != (version.major, version.minor) {
            return Err(layout_err(format!(
                "_Py_DebugOffsets.version is {dver} ({dv:#x}) but the binary is CPython {version}"
            )));
        }
        if d.get("free_threaded").unwrap_or(0) != 0 {
            return Err(layout_err(format!(
                "this is a free-threaded CPython {version} build, which flakebpf does not support"
            )));
        }
        let map: [(Slot, &str); 19] = [
            (
                slot!(runtime_interp_head),
                "runtime_state.interpreters_head",
            ),
            (slot!(interp_tstate_head), "interpreter_state.threads_head"),
            (slot!(tstate_next), "thread_state.next"),
            (slot!(tstate_thread_id), "thread_state.thread_id"),
            (slot!(tstate_frame), "thread_state.current_frame"),
            (slot!(frame_back), "interpreter_frame.previous"),
            (slot!(frame_code), "interpreter_frame.executable"),
            (slot!(frame_instr), "interpreter_frame.instr_ptr"),
            (slot!(frame_owner), "interpreter_frame.owner"),
            (slot!(code_filename), "code_object.filename"),
            (slot!(code_qualname), "code_object.qualname"),
            (slot!(code_linetable), "code_object.linetable"),
            (slot!(code_firstlineno), "code_object.firstlineno"),
            (Slot::Adaptive, "code_object.co_code_adaptive"),
            (slot!(bytes_size), "bytes_object.ob_size"),
            (slot!(bytes_data), "bytes_object.ob_sval"),
            (slot!(unicode_state), "unicode_object.state"),
            (slot!(unicode_length), "unicode_object.length"),
            (slot!(unicode_ascii_data), "unicode_object.asciiobject_size"),
        ];
        let mut differs = Vec::new();
        for (slot, name) in map {
            let v = d
                .get(name)
                .ok_or_else(|| layout_err(format!("_Py_DebugOffsets has no {name}")))?;
            if v >= NO_OFFSET as u64 {
                return Err(layout_err(format!(
                    "_Py_DebugOffsets.{name} = {v} is implausible"
                )));
            }
            let old = slot_get(&mut o, &mut adaptive, slot);
            if old != v {
                differs.push(format!("{} {} (was {})", slot_name(slot), v, old));
                slot_set(&mut o, &mut adaptive, slot, v);
            }
        }
        // PyCompactUnicodeObject = PyASCIIObject + utf8_length + utf8.
        let compact = o.unicode_ascii_data + 16;
        if o.unicode_compact_data != compact {
            differs.push(format!(
                "unicode_compact_data {} (was {})",
                compact, o.unicode_compact_data
            ));
            o.unicode_compact_data = compact;
        }
        let checked = match &dwarf_name {
            Some(n) => format!("its DWARF ({n}) and the built-in 3.{minor} table"),
            None => format!("the built-in 3.{minor} table"),
        };
        let mut s = format!("_Py_DebugOffsets of {rt_name}, cross-checked with {checked}");
        if !differs.is_empty() {
            s.push_str(&format!(
                "; _Py_DebugOffsets wins where they differ: {}",
                differs.join(", ")
            ));
        }
        notes.clear();
        if let Some(n) = &dwarf_name {
            // Keep DWARF-vs-table disagreements visible.
            let (mut t, mut ta) = (table_o, table_adaptive);
            let mut dt = Vec::new();
            for &(slot, _, _, _) in &fields {
                let a = slot_get(&mut o, &mut adaptive, slot);
                let b = slot_get(&mut t, &mut ta, slot);
                if a != b {
                    dt.push(format!("{} {} (table {})", slot_name(slot), a, b));
                }
            }
            if !dt.is_empty() {
                s.push_str(&format!(
                    "; {n} DWARF/debug offsets differ from the table: {}",
                    dt.join(", ")
                ));
            }
        }
        notes.push(s);
        let none = rt
            .lookup("_Py_NoneStruct")
            .ok_or_else(|| layout_err("no _Py_NoneStruct symbol".into()))?;
        o.none_minus_runtime = none.vaddr as i64 - runtime_vaddr as i64;
    }

    o.version = version.minor_hex();
    Ok((o, adaptive, notes.join("; ")))
}
