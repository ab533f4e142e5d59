//! Which CPython builds a tracer knows, one per `PYOFFSETS` slot, and
//! which build a process runs: its executable (`/proc/PID/exe`) is looked
//! up in a cache, else inspected once (`crate::python::inspect`); two
//! executables sharing one libpython share its slot. Also finds where
//! `_PyRuntime` is in a process from its memory map, once the build's
//! runtime binary is mapped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::python::{ElfSymbols, Interpreter, PyError};

/// Slots of the BPF side's `PYOFFSETS` array.
pub const MAX_BUILDS: usize = 8;

/// One interpreter build with probes in place.
pub struct Build {
    pub py: Interpreter,
    /// `runtime_binary`, canonical (as `/proc/PID/maps` shows it).
    runtime_path: PathBuf,
    /// (file offset, link-time address, bytes in the file) of its segments.
    segments: Vec<(u64, u64, u64)>,
    /// `&PyCode_Type - &_PyRuntime`, to check code objects read from memory.
    pub code_type_minus_runtime: Option<i64>,
}

/// What an executable is.
pub enum Lookup {
    /// A build that already has a slot.
    Known(u32),
    /// A CPython build not seen before (to be given a slot).
    New(Box<Interpreter>),
    /// Not a CPython interpreter (a shell, `env`, `/bin/true`...).
    NotPython,
    /// A CPython flakebpf cannot trace, or one it failed to set up (why).
    Unusable(String),
}

/// The builds of one tracer, and what every executable seen turned out to be.
#[derive(Default)]
pub struct Interps {
    builds: Vec<Build>,
    /// Canonical executable → slot (`Ok`) or why it has none (`Err`; empty
    /// for a program that is not Python).
    by_exe: HashMap<PathBuf, Result<u32, String>>,
}

impl Interps {
    pub fn get(&self, slot: u32) -> Option<&Build> {
        self.builds.get(slot as usize)
    }

    pub fn len(&self) -> usize {
        self.builds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.builds.is_empty()
    }

    /// What `exe` (a path from `/proc/PID/exe`) is; inspects it the first time.
    pub fn lookup(&self, exe: &Path) -> Lookup {
        match self.by_exe.get(exe) {
            Some(Ok(slot)) => return Lookup::Known(*slot),
            Some(Err(why)) if why.is_empty() => return Lookup::NotPython,
            Some(Err(why)) => return Lookup::Unusable(why.clone()),
            None => {}
        }
        match crate::python::inspect(exe) {
            Ok(py) => match self.slot_of_runtime(&py.runtime_binary) {
                Some(slot) => Lookup::Known(slot),
                None => Lookup::New(Box::new(py)),
            },
            Err(PyError::NotPython { .. }) => Lookup::NotPython,
            Err(PyError::Elf(_)) if !looks_like_python(exe) => Lookup::NotPython,
            Err(e) => Lookup::Unusable(e.to_string()),
        }
    }

    /// True once `exe` was looked up and remembered.
    pub fn knows(&self, exe: &Path) -> bool {
        self.by_exe.contains_key(exe)
    }

    /// Remembers what `exe` turned out to be (`Err("")`: not Python).
    pub fn remember(&mut self, exe: &Path, what: Result<u32, String>) {
        self.by_exe.insert(exe.to_path_buf(), what);
    }

    /// The slot of the build whose runtime binary is `path`, if any.
    fn slot_of_runtime(&self, path: &Path) -> Option<u32> {
        let want = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.builds.iter().position(|b| b.runtime_path == want).map(|i| i as u32)
    }

    /// Adds a build (its probes are the caller's job) and returns its slot.
    pub fn add(&mut self, py: Interpreter) -> anyhow::Result<u32> {
        anyhow::ensure!(self.builds.len() < MAX_BUILDS, "more than {MAX_BUILDS} different CPython builds in one trace");
        let runtime_path = std::fs::canonicalize(&py.runtime_binary).unwrap_or_else(|_| py.runtime_binary.clone());
        let elf = ElfSymbols::open_shared(&py.runtime_binary)?;
        let code_type_minus_runtime = elf.lookup("PyCode_Type").map(|t| t.vaddr as i64 - py.runtime_vaddr as i64);
        let slot = self.builds.len() as u32;
        self.by_exe.insert(py.exe.clone(), Ok(slot));
        self.builds.push(Build { segments: elf.file_segments(), runtime_path, code_type_minus_runtime, py });
        Ok(slot)
    }

    /// Run-time address of `_PyRuntime` of build `slot` in process `pid`,
    /// from its memory map; `None` while the runtime binary is not mapped
    /// (or the process is gone).
    pub fn runtime_in(&self, slot: u32, pid: u32) -> Option<u64> {
        let b = self.get(slot)?;
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).ok()?;
        runtime_from_maps(&maps, &b.runtime_path, &b.segments, b.py.runtime_vaddr)
    }
}

/// A file named like an interpreter (`python3.11`): worth holding its
/// process while it is inspected, and worth a warning when it cannot be read.
pub fn looks_like_python(exe: &Path) -> bool {
    exe.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("python"))
}

/// `_PyRuntime`'s run-time address from the text of `/proc/PID/maps`: the
/// first mapping of `path` gives the load bias (its start minus the
/// link-time address of its file offset).
pub fn runtime_from_maps(maps: &str, path: &Path, segments: &[(u64, u64, u64)], runtime_vaddr: u64) -> Option<u64> {
    for line in maps.lines() {
        let mut it = line.split_whitespace();
        let (Some(range), Some(_perms), Some(off), Some(_dev), Some(_inode), Some(file)) =
            (it.next(), it.next(), it.next(), it.next(), it.next(), it.next())
        else {
            continue;
        };
        if Path::new(file) != path {
            continue;
        }
        let start = u64::from_str_radix(range.split('-').next()?, 16).ok()?;
        let off = u64::from_str_radix(off, 16).ok()?;
        let vaddr = segments.iter().find(|&&(o, _, n)| o <= off && off < o + n.max(1)).map(|&(o, v, _)| v + (off - o))?;
        return Some(start.wrapping_sub(vaddr).wrapping_add(runtime_vaddr));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_address_from_a_memory_map() {
        let maps = "\
55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 123 /usr/bin/python3.11
7f3a10000000-7f3a10100000 r--p 00000000 08:01 456 /opt/py/lib/libpython3.11.so.1.0
7f3a10100000-7f3a10400000 r-xp 00100000 08:01 456 /opt/py/lib/libpython3.11.so.1.0
";
        let segs = [(0, 0, 0x100000), (0x100000, 0x100000, 0x300000)];
        let lib = Path::new("/opt/py/lib/libpython3.11.so.1.0");
        assert_eq!(runtime_from_maps(maps, lib, &segs, 0x5a0000), Some(0x7f3a10000000 + 0x5a0000));
        // Not mapped (yet).
        assert_eq!(runtime_from_maps(maps, Path::new("/opt/py/lib/libpython3.9.so"), &segs, 0x5a0000), None);
        assert_eq!(runtime_from_maps("", lib, &segs, 1), None);
    }

    #[test]
    fn programs_that_are_not_python() {
        let mut i = Interps::default();
        assert!(matches!(i.lookup(Path::new("/bin/sh")), Lookup::NotPython));
        i.remember(Path::new("/bin/sh"), Err(String::new()));
        assert!(matches!(i.lookup(Path::new("/bin/sh")), Lookup::NotPython));
        i.remember(Path::new("/x/python3.7"), Err("CPython 3.7 is not supported".into()));
        assert!(matches!(i.lookup(Path::new("/x/python3.7")), Lookup::Unusable(w) if w.contains("3.7")));
        assert!(i.is_empty());
    }
}
