//! Line numbers from CPython line tables, per format:
//! - `co_lnotab` (3.8, 3.9): `(byte delta, signed line delta)` pairs;
//! - 3.10 `co_linetable`: `(byte delta, signed line delta)` pairs where a
//!   line delta of -128 means "no line";
//! - 3.11+ location table (`Objects/locations.md`): one entry per run of
//!   code units, first byte `1 code:4 len-1:3`, line deltas as signed varints.
//!
//! Also the per-version meaning of the raw frame position the BPF walker
//! stores (`f_lasti` or an instruction pointer), turned into a byte offset
//! into the bytecode. The semantics follow CPython's own
//! `PyCode_Addr2Line` / `_PyCode_CheckLineNumber` of each version.

use super::PyVersion;

/// Which line-table encoding a version uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// `co_lnotab`, <= 3.9.
    Lnotab,
    /// `co_linetable` of 3.10.
    Linetable310,
    /// Location table, >= 3.11.
    Locations,
}

impl TableFormat {
    pub fn for_version(v: &PyVersion) -> TableFormat {
        match (v.major, v.minor) {
            (3, m) if m <= 9 => TableFormat::Lnotab,
            (3, 10) => TableFormat::Linetable310,
            _ => TableFormat::Locations,
        }
    }
}

/// A run of bytecode `[start, end)` (byte offsets) and its line
/// (`None`: the instructions have no line, e.g. artificial cleanup code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub start: u64,
    pub end: u64,
    pub line: Option<u32>,
}

/// A decoded line table: address ranges in bytecode order, like
/// `code.co_lines()`. For `co_lnotab` the last range extends to the end of
/// the address space (CPython's lnotab lookup never fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLines {
    firstlineno: i32,
    ranges: Vec<LineRange>,
}

fn to_line(l: i64) -> Option<u32> {
    u32::try_from(l).ok()
}

impl CodeLines {
    /// Decodes `linetable` (possibly cut short: trailing partial entries are ignored).
    pub fn new(version: &PyVersion, linetable: &[u8], firstlineno: i32) -> CodeLines {
        let ranges = match TableFormat::for_version(version) {
            TableFormat::Lnotab => lnotab_ranges(linetable, firstlineno),
            TableFormat::Linetable310 => linetable310_ranges(linetable, firstlineno),
            TableFormat::Locations => location_ranges(linetable, firstlineno),
        };
        CodeLines {
            firstlineno,
            ranges,
        }
    }

    pub fn ranges(&self) -> &[LineRange] {
        &self.ranges
    }

    /// Line of the instruction at `byte_offset` into the bytecode. A
    /// negative offset (frame not started: `f_lasti == -1`, 3.11/3.12
    /// `prev_instr` one unit before the code) gives `co_firstlineno`, as in CPython.
    pub fn line_at(&self, byte_offset: i64) -> Option<u32> {
        if byte_offset < 0 {
            return to_line(self.firstlineno as i64);
        }
        let a = byte_offset as u64;
        // Ranges are sorted and contiguous; empty ranges are skipped by the predicate.
        let i = self.ranges.partition_point(|r| r.end <= a);
        self.ranges
            .get(i)
            .filter(|r| r.start <= a)
            .and_then(|r| r.line)
    }
}

fn lnotab_ranges(t: &[u8], first: i32) -> Vec<LineRange> {
    // PyCode_Addr2Line (3.8): line = first + sum of line deltas of the pairs
    // whose cumulative address is <= the queried address.
    let mut out = Vec::new();
    let mut addr: u64 = 0;
    let mut line = first as i64;
    for pair in t.chunks_exact(2) {
        let (b, l) = (pair[0] as u64, pair[1] as i8 as i64);
        if b != 0 {
            out.push(LineRange {
                start: addr,
                end: addr + b,
                line: to_line(line),
            });
            addr += b;
        }
        line += l;
    }
    out.push(LineRange {
        start: addr,
        end: u64::MAX,
        line: to_line(line),
    });
    merge(out)
}

fn linetable310_ranges(t: &[u8], first: i32) -> Vec<LineRange> {
    let mut out = Vec::new();
    let mut end: u64 = 0;
    let mut line = first as i64;
    for pair in t.chunks_exact(2) {
        let start = end;
        end += pair[0] as u64;
        let ld = pair[1] as i8;
        let this = if ld == -128 {
            None
        } else {
            line += ld as i64;
            to_line(line)
        };
        if end > start {
            out.push(LineRange {
                start,
                end,
                line: this,
            });
        }
    }
    merge(out)
}

/// Reads an unsigned varint (6-bit chunks, 0x40 = more) at `*p`.
fn varint(t: &[u8], p: &mut usize) -> Option<u64> {
    let mut b = *t.get(*p)?;
    *p += 1;
    let mut val = (b & 63) as u64;
    let mut shift = 0;
    while b & 64 != 0 {
        b = *t.get(*p)?;
        *p += 1;
        shift += 6;
        if shift > 60 {
            return None;
        }
        val |= ((b & 63) as u64) << shift;
    }
    Some(val)
}

fn svarint(t: &[u8], p: &mut usize) -> Option<i64> {
    let u = varint(t, p)?;
    Some(if u & 1 != 0 {
        -((u >> 1) as i64)
    } else {
        (u >> 1) as i64
    })
}

fn location_ranges(t: &[u8], first: i32) -> Vec<LineRange> {
    let mut out = Vec::new();
    let mut p = 0usize;
    let mut addr: u64 = 0;
    let mut line = first as i64;
    while p < t.len() {
        let b = t[p];
        if b & 0x80 == 0 {
            break; // not at an entry start: corrupt or cut table
        }
        let code = (b >> 3) & 15;
        let len = ((b & 7) as u64 + 1) * 2;
        let mut q = p + 1;
        let delta = match code {
            13 | 14 => match svarint(t, &mut q) {
                Some(d) => d,
                None => break, // cut inside the entry
            },
            10..=12 => (code - 10) as i64,
            _ => 0,
        };
        line += delta;
        let this = if code == 15 { None } else { to_line(line) };
        out.push(LineRange {
            start: addr,
            end: addr + len,
            line: this,
        });
        addr += len;
        // Skip the rest of the entry: up to the next byte with bit 7 set.
        p += 1;
        while p < t.len() && t[p] & 0x80 == 0 {
            p += 1;
        }
    }
    merge(out)
}

/// Joins adjacent ranges with the same line.
fn merge(v: Vec<LineRange>) -> Vec<LineRange> {
    let mut out: Vec<LineRange> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if last.line == r.line && last.end == r.start => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

/// The bytecode byte offset of a frame's raw position `instr` (as the BPF
/// walker stores it, see [`flake_common::Frame`]):
/// - 3.8, 3.9: `f_lasti`, an int byte offset (low 32 bits, signed);
/// - 3.10: `f_lasti`, an int counting code units (×2);
/// - 3.11, 3.12: `prev_instr`, 3.13: `instr_ptr` — pointers to the current
///   instruction (or one of its inline cache units), so the offset is
///   `instr − (code_addr + code_adaptive)`. CPython itself uses exactly this
///   (`_PyInterpreterFrame_LASTI`) for every frame, innermost or not: on
///   3.13 `instr_ptr` is set to the executing instruction at its start, so
///   no adjustment is needed.
///
/// `None` for a value that cannot be a position (garbage or unread).
pub fn instr_to_offset(
    version: &PyVersion,
    code_adaptive: u64,
    code_addr: u64,
    instr: u64,
) -> Option<i64> {
    match (version.major, version.minor) {
        (3, m) if m <= 10 => {
            let lasti = instr as u32 as i32;
            if lasti < -1 {
                return None;
            }
            let units = if m == 10 { 2 } else { 1 };
            Some(if lasti < 0 { -1 } else { lasti as i64 * units })
        }
        _ => {
            let base = code_addr.wrapping_add(code_adaptive);
            let off = instr.wrapping_sub(base) as i64;
            // 3.11/3.12 frames that have not started point one unit before the code.
            if !(-2..=(1 << 30)).contains(&off) {
                return None;
            }
            Some(off)
        }
    }
}

/// Line of a frame: decodes `linetable` (the code object's
/// `co_lnotab`/`co_linetable` bytes) at the position given by `instr`
/// (see [`instr_to_offset`]). `code_adaptive` is
/// [`super::Interpreter::code_adaptive`] (ignored up to 3.10).
pub fn line_for(
    version: &PyVersion,
    code_adaptive: u64,
    code_addr: u64,
    linetable: &[u8],
    firstlineno: i32,
    instr: u64,
) -> Option<u32> {
    let off = instr_to_offset(version, code_adaptive, code_addr, instr)?;
    CodeLines::new(version, linetable, firstlineno).line_at(off)
}

/// [`line_for`] with the version as text ("3.11.7", as in a trace's
/// metadata); `None` when it does not parse.
pub fn line_for_raw(
    version: &str,
    code_adaptive: u64,
    code_addr: u64,
    linetable: &[u8],
    firstlineno: i32,
    instr: u64,
) -> Option<u32> {
    let v: PyVersion = version.parse().ok()?;
    line_for(&v, code_adaptive, code_addr, linetable, firstlineno, instr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u8) -> PyVersion {
        PyVersion {
            major: 3,
            minor,
            patch: 0,
        }
    }

    #[test]
    fn varints() {
        let t = [0x3f, 0x41, 0x01, 0x03];
        let mut p = 0;
        assert_eq!(varint(&t, &mut p), Some(63));
        assert_eq!(varint(&t, &mut p), Some(1 | (1 << 6)));
        assert_eq!(svarint(&t, &mut p), Some(-1));
        assert_eq!(p, 4);
    }

    #[test]
    fn lnotab_basic() {
        // lines: 0..6 -> 10, 6..8 -> 11, 8.. -> 9 (negative delta)
        let cl = CodeLines::new(&v(8), &[6, 1, 2, 0xfe], 10);
        assert_eq!(cl.line_at(0), Some(10));
        assert_eq!(cl.line_at(5), Some(10));
        assert_eq!(cl.line_at(6), Some(11));
        assert_eq!(cl.line_at(8), Some(9));
        assert_eq!(cl.line_at(1000), Some(9));
        assert_eq!(cl.line_at(-1), Some(10));
    }

    #[test]
    fn linetable310_no_line() {
        let cl = CodeLines::new(&v(10), &[4, 1, 2, 0x80, 2, 2], 1);
        assert_eq!(cl.line_at(0), Some(2));
        assert_eq!(cl.line_at(4), None);
        assert_eq!(cl.line_at(6), Some(4));
        assert_eq!(cl.line_at(8), None);
    }

    #[test]
    fn instr_encodings() {
        assert_eq!(instr_to_offset(&v(9), 0, 0, 0xffff_ffff), Some(-1));
        assert_eq!(instr_to_offset(&v(9), 0, 0, 12), Some(12));
        assert_eq!(instr_to_offset(&v(10), 0, 0, 12), Some(24));
        assert_eq!(
            instr_to_offset(&v(11), 184, 0x1000, 0x1000 + 184 + 6),
            Some(6)
        );
        assert_eq!(
            instr_to_offset(&v(11), 184, 0x1000, 0x1000 + 184 - 2),
            Some(-2)
        );
        assert_eq!(instr_to_offset(&v(13), 200, 0x1000, 0), None);
        assert_eq!(line_for_raw("3.10.13", 0, 0, &[4, 1], 7, 1), Some(8));
        assert_eq!(line_for_raw("garbage", 0, 0, &[4, 1], 7, 1), None);
    }
}
