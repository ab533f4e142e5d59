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
/// working folder of the traced command.
pub struct LibraryMarks {
    map: BpfHashMap<MapData, [u8; 16], u64>,
    filtered: PerCpuArray<MapData, u64>,
    cwd: PathBuf,
    /// Verdict per file name (a file has many code objects).
    judged: HashMap<String, bool>,
    marked: Vec<[u8; 16]>,
}

/// The `LIBRARY` key of `code` in process `pid` (`SeenKey` of the BPF side).
fn key(pid: u32, code: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..4].copy_from_slice(&pid.to_ne_bytes());
    k[8..].copy_from_slice(&code.to_ne_bytes());
    k
}

impl LibraryMarks {
    pub fn new(map: BpfHashMap<MapData, [u8; 16], u64>, filtered: PerCpuArray<MapData, u64>) -> LibraryMarks {
        LibraryMarks { map, filtered, cwd: PathBuf::new(), judged: HashMap::new(), marked: Vec::new() }
    }

    /// Starts a run of a command working in `cwd` (empty: mark nothing).
    pub fn start(&mut self, cwd: &Path) {
        self.forget();
        self.cwd = cwd.to_path_buf();
    }

    /// Marks code object `code` of `pid`, with `tag`, if its file is library code.
    pub fn note_code(&mut self, pid: u32, code: u64, tag: u64, filename: &str, truncated: bool) {
        if truncated || self.cwd.as_os_str().is_empty() {
            return;
        }
        let cwd = &self.cwd;
        let library = *self.judged.entry(filename.to_string()).or_insert_with(|| is_library_file(filename, cwd));
        if library {
            let k = key(pid, code);
            if self.map.insert(k, tag, 0).is_ok() {
                self.marked.push(k);
            }
        }
    }

    /// Records left out by the kernel so far (all CPUs).
    pub fn filtered(&self) -> u64 {
        (0..flake_common::SCRATCH_SLOTS).filter_map(|slot| self.filtered.get(&slot, 0).ok()).map(|v| v.iter().sum::<u64>()).sum()
    }

    /// Removes this run's marks (the next run's processes reuse
    /// addresses) and stops marking until the next [`LibraryMarks::start`].
    pub fn forget(&mut self) {
        for k in self.marked.drain(..) {
            let _ = self.map.remove(&k);
        }
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
        let k = key(0x0102_0304, 0x1122_3344_5566_7788);
        assert_eq!(&k[..4], &0x0102_0304u32.to_ne_bytes());
        assert_eq!(&k[4..8], &[0; 4]);
        assert_eq!(&k[8..], &0x1122_3344_5566_7788u64.to_ne_bytes());
    }

    #[test]
    fn note_only_when_something_was_left_out() {
        assert_eq!(note(0), None);
        assert!(note(3).unwrap().starts_with("3 clock, syscall, sched-out"));
    }
}
