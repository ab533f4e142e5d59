//! Library-code marks for the kernel side: code objects whose file is
//! library code for any root directory of the run (stdlib, site-packages,
//! pytest; see `trace::symbols::is_library_file`) go into the BPF `LIBRARY`
//! map with their tag, so that records whose walked stack holds only such
//! frames (an event loop reading the clock between callbacks, a selector's
//! `epoll_wait`) are not sent: analysis and reports keep only records with
//! a frame of the project's code. The kernel counts what it leaves out;
//! [`LibraryMarks::filtered`] reads the count for the trace's note.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use aya::maps::{HashMap as BpfHashMap, MapData, PerCpuArray};

use crate::trace::symbols::is_library_file;

/// The `LIBRARY` map, the kernel's count of records left out, and the
/// working folder and run number of the traced command.
pub struct LibraryMarks {
    map: BpfHashMap<MapData, [u8; 16], u64>,
    filtered: PerCpuArray<MapData, u64>,
    cwd: PathBuf,
    /// `Global::generation` of the run: marks of other runs never match
    /// (and age out of the LRU map, instead of being deleted).
    generation: u32,
    /// Verdict per file name (a file has many code objects).
    judged: HashMap<String, bool>,
}

/// The `LIBRARY` key of `code` in process `pid` during run `generation`
/// (`SeenKey` of the BPF side).
fn key(pid: u32, generation: u32, code: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..4].copy_from_slice(&pid.to_ne_bytes());
    k[4..8].copy_from_slice(&generation.to_ne_bytes());
    k[8..].copy_from_slice(&code.to_ne_bytes());
    k
}

impl LibraryMarks {
    pub fn new(map: BpfHashMap<MapData, [u8; 16], u64>, filtered: PerCpuArray<MapData, u64>) -> LibraryMarks {
        LibraryMarks { map, filtered, cwd: PathBuf::new(), generation: 0, judged: HashMap::new() }
    }

    /// Starts run `generation` of a command working in `cwd` (empty: mark nothing).
    pub fn start(&mut self, cwd: &Path, generation: u32) {
        self.forget();
        self.cwd = cwd.to_path_buf();
        self.generation = generation;
    }

    /// Marks code object `code` of `pid`, with `tag`, if its file is library code.
    pub fn note_code(&mut self, pid: u32, code: u64, tag: u64, filename: &str, truncated: bool) {
        if truncated || self.cwd.as_os_str().is_empty() {
            return;
        }
        let cwd = &self.cwd;
        let library = *self.judged.entry(filename.to_string()).or_insert_with(|| is_library_file(filename, cwd));
        if library {
            let _ = self.map.insert(key(pid, self.generation, code), tag, 0);
        }
    }

    /// Records left out by the kernel so far (all CPUs).
    pub fn filtered(&self) -> u64 {
        (0..flake_common::SCRATCH_SLOTS).filter_map(|slot| self.filtered.get(&slot, 0).ok()).map(|v| v.iter().sum::<u64>()).sum()
    }

    /// Stops marking until the next [`LibraryMarks::start`] (this run's
    /// marks stay in the kernel, keyed by its run number, until the LRU map
    /// drops them).
    pub fn forget(&mut self) {
        self.judged.clear();
        self.cwd = PathBuf::new();
    }
}

/// The note a trace gets about records left out.
pub fn note(filtered: u64) -> Option<String> {
    (filtered > 0).then(|| {
        format!(
            "{filtered} clock, syscall, sched-out and sample records whose Python stacks held only library code \
             (stdlib, site-packages, pytest) were not recorded"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_matches_the_kernel_layout() {
        let k = key(0x0102_0304, 7, 0x1122_3344_5566_7788);
        assert_eq!(&k[..4], &0x0102_0304u32.to_ne_bytes());
        assert_eq!(&k[4..8], &7u32.to_ne_bytes());
        assert_eq!(&k[8..], &0x1122_3344_5566_7788u64.to_ne_bytes());
    }

    #[test]
    fn note_only_when_something_was_left_out() {
        assert_eq!(note(0), None);
        assert!(note(3).unwrap().starts_with("3 clock, syscall, sched-out"));
    }
}
