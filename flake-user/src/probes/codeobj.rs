//! Fallback for code objects the kernel side did not copy (it copies only
//! the innermost frames' code objects, for cost): read them from the live
//! process's memory while it runs, checking that the address still holds a
//! code object (`ob_type == &PyCode_Type`) so a freed and reused address is
//! not misread.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::os::unix::fs::FileExt;

use crate::python::{decode_str, Interpreter};
use crate::trace::model::{CodeInfo, Record};

/// Most bytes read for a string or a line table.
const MAX_READ: u64 = 64 * 1024;

/// Remembers which code objects a run's trace already describes and reads
/// the others from `/proc/PID/mem`.
pub struct CodeReader {
    known: HashSet<(u32, u64)>,
    failed: HashSet<(u32, u64)>,
    mems: HashMap<u32, Option<File>>,
    /// Run-time address of `_PyRuntime` per pid (to locate PyCode_Type).
    runtimes: HashMap<u32, u64>,
}

impl Default for CodeReader {
    fn default() -> Self {
        Self::new()
    }
}

impl CodeReader {
    pub fn new() -> CodeReader {
        CodeReader {
            known: HashSet::new(),
            failed: HashSet::new(),
            mems: HashMap::new(),
            runtimes: HashMap::new(),
        }
    }

    /// Forgets everything (between runs).
    pub fn reset(&mut self) {
        self.known.clear();
        self.failed.clear();
        self.mems.clear();
        self.runtimes.clear();
    }

    /// Forgets what was known of `pid` (it exec'd: a new address space).
    pub fn forget(&mut self, pid: u32) {
        self.known.retain(|&(p, _)| p != pid);
        self.failed.retain(|&(p, _)| p != pid);
        self.mems.remove(&pid);
        self.runtimes.remove(&pid);
    }

    /// True once `_PyRuntime`'s address in `pid` is known.
    pub fn has_runtime(&self, pid: u32) -> bool {
        self.runtimes.contains_key(&pid)
    }

    /// Notes where `_PyRuntime` is in `pid`.
    pub fn set_runtime(&mut self, pid: u32, runtime: u64) {
        self.runtimes.insert(pid, runtime);
    }

    /// Looks at one record of the stream: remembers copied code objects, and
    /// for an event returns Code records for the frames nobody described yet,
    /// each with its [`flake_common::code_tag`].
    /// `py` is the build the record's process runs, `code_type_minus_runtime`
    /// where its `PyCode_Type` is relative to `_PyRuntime`.
    pub fn observe(&mut self, rec: &Record, py: &Interpreter, code_type_minus_runtime: Option<i64>) -> Vec<(Record, u64)> {
        match rec {
            Record::Code(c) => {
                self.known.insert((c.pid, c.code));
                Vec::new()
            }
            Record::Event(ev) => {
                let mut out = Vec::new();
                for f in &ev.stack {
                    let key = (ev.pid, f.code);
                    if self.known.contains(&key) || self.failed.contains(&key) {
                        continue;
                    }
                    match self.read(ev.pid, f.code, ev.ts, py, code_type_minus_runtime) {
                        Some((info, tag)) => {
                            self.known.insert(key);
                            out.push((Record::Code(info), tag));
                        }
                        None => {
                            self.failed.insert(key);
                        }
                    }
                }
                out
            }
            Record::Note { .. } | Record::Python(_) | Record::Job(_) | Record::File(_) => Vec::new(),
        }
    }

    fn mem(&mut self, pid: u32) -> Option<&File> {
        self.mems
            .entry(pid)
            .or_insert_with(|| File::open(format!("/proc/{pid}/mem")).ok())
            .as_ref()
    }

    fn read_bytes(&mut self, pid: u32, addr: u64, len: u64) -> Option<Vec<u8>> {
        if addr == 0 || len > MAX_READ {
            return None;
        }
        let f = self.mem(pid)?;
        let mut buf = vec![0u8; len as usize];
        f.read_exact_at(&mut buf, addr).ok()?;
        Some(buf)
    }

    fn u64_at(&mut self, pid: u32, addr: u64) -> Option<u64> {
        let b = self.read_bytes(pid, addr, 8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    fn u32_at(&mut self, pid: u32, addr: u64) -> Option<u32> {
        let b = self.read_bytes(pid, addr, 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }

    fn string(&mut self, pid: u32, obj: u64, py: &Interpreter) -> Option<String> {
        let o = &py.offsets;
        let len = self.u64_at(pid, obj + o.unicode_length as u64)?;
        let state = self.u32_at(pid, obj + o.unicode_state as u64)?;
        let ascii = crate::python::unicode_is_ascii(state);
        let kind = crate::python::unicode_kind(state).max(1) as u64;
        let data = obj + if ascii { o.unicode_ascii_data } else { o.unicode_compact_data } as u64;
        let bytes = self.read_bytes(pid, data, len.checked_mul(kind)?)?;
        Some(decode_str(&py.version, state, &bytes))
    }

    fn read(&mut self, pid: u32, code: u64, ts: u64, py: &Interpreter, code_type_minus_runtime: Option<i64>) -> Option<(CodeInfo, u64)> {
        let o = py.offsets;
        // The address must still hold a code object: without a way to
        // check that, nothing is read.
        let rt = self.runtimes.get(&pid).copied()?;
        let delta = code_type_minus_runtime?;
        if self.u64_at(pid, code + 8)? != (rt as i64 + delta) as u64 {
            return None;
        }
        let firstlineno = self.u32_at(pid, code + o.code_firstlineno as u64)? as i32;
        let fname = self.u64_at(pid, code + o.code_filename as u64)?;
        let qname = self.u64_at(pid, code + o.code_qualname as u64)?;
        let table = self.u64_at(pid, code + o.code_linetable as u64)?;
        let filename = self.string(pid, fname, py)?;
        let qualname = self.string(pid, qname, py)?;
        let tlen = self.u64_at(pid, table + o.bytes_size as u64)?;
        let linetable = self.read_bytes(pid, table + o.bytes_data as u64, tlen)?;
        let info = CodeInfo {
            pid,
            code,
            ts,
            filename,
            filename_truncated: false,
            qualname,
            firstlineno,
            linetable,
            linetable_truncated: false,
        };
        Some((info, flake_common::code_tag(fname, firstlineno)))
    }
}
