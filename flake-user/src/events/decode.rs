//! Decodes one ring-buffer record (an `Event` or a `CodeRecord` from
//! `flake-common`) into a [`Record`] of the trace model.

use std::mem::offset_of;

use flake_common::{kind, stackflag, CodeRecord, Event, Header, EVENT_FIXED_LEN, EVENT_SMALL_LEN, PAYLOAD_LEN};

use crate::python::PyVersion;
use crate::trace::model::{
    CodeInfo, EnvOp, Event as TEvent, EventKind, RandomOp, RawFrame, Record, StackStatus,
};

/// Why a record could not be decoded.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("record of {0} bytes is shorter than its header")]
    Short(usize),
    #[error("record kind {0} is unknown")]
    UnknownKind(u32),
    #[error("record of kind {kind} has {got} bytes, expected at least {want}")]
    Size { kind: u32, got: usize, want: usize },
}

fn read<T: Copy>(bytes: &[u8]) -> T {
    debug_assert!(bytes.len() >= std::mem::size_of::<T>());
    // SAFETY: callers check the length; the layouts are plain `repr(C)` data.
    unsafe { std::ptr::read_unaligned(bytes.as_ptr() as *const T) }
}

/// A zero-padded C string.
fn cstr(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// The `PYOFFSETS` slot of the interpreter build that walked a record's
/// stack or copied its code object, read from its header.
pub fn record_slot(bytes: &[u8]) -> Option<u32> {
    if bytes.len() < std::mem::size_of::<Header>() {
        return None;
    }
    let hdr: Header = read(bytes);
    stackflag::slot(hdr.flags)
}

/// The [`flake_common::code_tag`] of a code record (None for other records).
pub fn code_record_tag(bytes: &[u8]) -> Option<u64> {
    if bytes.len() < std::mem::size_of::<CodeRecord>() {
        return None;
    }
    let hdr: Header = read(bytes);
    (hdr.kind == kind::CODE).then(|| {
        let rec: CodeRecord = read(bytes);
        flake_common::code_tag(rec.filename_ptr, rec.firstlineno)
    })
}

/// Decodes one record; `version` is the interpreter's that the record
/// comes from ([`record_slot`]), for strings.
pub fn decode(bytes: &[u8], version: Option<&PyVersion>) -> Result<Record, DecodeError> {
    if bytes.len() < std::mem::size_of::<Header>() {
        return Err(DecodeError::Short(bytes.len()));
    }
    let hdr: Header = read(bytes);
    if hdr.kind == kind::CODE {
        return decode_code(bytes, hdr, version);
    }
    let need = EVENT_SMALL_LEN;
    if bytes.len() < need {
        return Err(DecodeError::Size { kind: hdr.kind, got: bytes.len(), want: need });
    }
    // Fields are read in place (no copy of the 2.7 KB event per record).
    let a: [u64; 8] = read(&bytes[offset_of!(Event, a)..]);
    let has_full = bytes.len() >= EVENT_FIXED_LEN;
    let (nframes, payload_len, payload) = if has_full {
        let p = offset_of!(Event, payload);
        (read::<u32>(&bytes[offset_of!(Event, nframes)..]), read::<u32>(&bytes[offset_of!(Event, payload_len)..]), &bytes[p..p + PAYLOAD_LEN])
    } else {
        (0, 0, &[][..])
    };
    let kind = match hdr.kind {
        kind::CLOCK => EventKind::Clock {
            clock_id: a[0] as i32,
            func: match a[1] {
                flake_common::clockfn::GETTIMEOFDAY => "gettimeofday",
                flake_common::clockfn::TIME => "time",
                _ => "clock_gettime",
            }
            .to_string(),
        },
        kind::SYS_ENTER => {
            let plen = (payload_len as usize).min(payload.len());
            let s1 = payload.get(..256.min(plen)).map(cstr).filter(|s| !s.is_empty());
            let s2 = payload.get(256..plen).map(cstr).filter(|s| !s.is_empty());
            EventKind::SyscallEnter {
                nr: a[0] as u32,
                args: [a[1], a[2], a[3], a[4], a[5], a[6]],
                path: s1,
                path2: s2,
                buf: payload[..plen.min(128)].to_vec(),
            }
        }
        kind::SYS_EXIT => EventKind::SyscallExit { nr: a[0] as u32, ret: a[1] as i64, latency_ns: a[2] },
        kind::SCHED_OUT => EventKind::SchedOut { preempt: a[0] != 0, state: a[1] },
        kind::SCHED_IN => EventKind::SchedIn { off_cpu_ns: a[0], was_preempted: a[1] != 0 },
        kind::WAKEUP => EventKind::Wakeup { wakee_tid: a[0] as u32 },
        kind::SAMPLE => EventKind::Sample,
        kind::GIL => EventKind::Gil { acquire: a[0] != 0 },
        kind::ENV => {
            let op = match a[0] {
                flake_common::envop::UNSETENV => EnvOp::Unset,
                flake_common::envop::PUTENV => EnvOp::Put,
                _ => EnvOp::Set,
            };
            let name = payload.get(..128).map(cstr).unwrap_or_default();
            let (name, value) = match op {
                EnvOp::Set => (name, Some(payload.get(128..).map(cstr).unwrap_or_default())),
                EnvOp::Unset => (name, None),
                // putenv("NAME=VALUE")
                EnvOp::Put => match name.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (name, None),
                },
            };
            EventKind::Env { op, name, value }
        }
        kind::RANDOM => EventKind::Random {
            op: match a[0] {
                flake_common::randop::GETRANDBITS => RandomOp::GetRandBits,
                flake_common::randop::SEED => RandomOp::Seed,
                _ => RandomOp::Random,
            },
        },
        kind::FORK => EventKind::Fork { child: a[0] as u32 },
        kind::EXEC => EventKind::Exec { filename: payload.get(..256).map(cstr).unwrap_or_default() },
        kind::EXIT => EventKind::Exit { code: a[0] as i64 },
        kind::PYCALL => EventKind::PyCall { code: a[0], exit: a[1] != 0 },
        other => return Err(DecodeError::UnknownKind(other)),
    };
    const FRAME_LEN: usize = std::mem::size_of::<flake_common::Frame>();
    let frames = if has_full { &bytes[EVENT_FIXED_LEN..] } else { &[][..] };
    let stack = frames
        .chunks_exact(FRAME_LEN)
        .take((nframes as usize).min(flake_common::MAX_FRAMES))
        .map(read::<flake_common::Frame>)
        .filter(|f| f.code & flake_common::FRAME_SHIM_BIT == 0 && f.code != 0)
        .map(|f| RawFrame { code: f.code, instr: f.instr })
        .collect();
    Ok(Record::Event(TEvent {
        ts: hdr.ts,
        pid: hdr.pid,
        tid: hdr.tid,
        cpu: hdr.cpu,
        kind,
        stack,
        stack_status: StackStatus {
            no_python: hdr.flags & stackflag::NO_PYTHON != 0,
            no_tstate: hdr.flags & stackflag::NO_TSTATE != 0,
            truncated: hdr.flags & stackflag::TRUNCATED != 0,
            read_error: hdr.flags & stackflag::READ_ERROR != 0,
            runner_cut: hdr.flags & stackflag::RUNNER_CUT != 0,
        },
    }))
}

fn decode_code(bytes: &[u8], hdr: Header, version: Option<&PyVersion>) -> Result<Record, DecodeError> {
    let want = std::mem::size_of::<CodeRecord>();
    if bytes.len() < want {
        return Err(DecodeError::Size { kind: hdr.kind, got: bytes.len(), want });
    }
    let rec: CodeRecord = read(bytes);
    let fcopied = (rec.filename_copied as usize).min(rec.filename.len());
    let qcopied = (rec.qualname_copied as usize).min(rec.qualname.len());
    let lcopied = (rec.linetable_copied as usize).min(rec.linetable.len());
    let text = |state: u32, b: &[u8]| match version {
        Some(v) => crate::python::decode_str(v, state, b),
        None => String::from_utf8_lossy(b).into_owned(),
    };
    let filename = text(rec.filename_state, &rec.filename[..fcopied]);
    let qualname = text(rec.qualname_state, &rec.qualname[..qcopied]);
    Ok(Record::Code(CodeInfo {
        pid: hdr.pid,
        code: rec.code,
        ts: hdr.ts,
        filename_truncated: (filename.chars().count() as u32) < rec.filename_len,
        filename,
        qualname,
        firstlineno: rec.firstlineno,
        linetable: rec.linetable[..lcopied].to_vec(),
        linetable_truncated: rec.linetable_copied < rec.linetable_len,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_event(kind: u32, a: [u64; 8], frames: &[(u64, u64)]) -> Vec<u8> {
        let mut ev: Event = unsafe { std::mem::zeroed() };
        ev.hdr = Header { kind, size: 0, ts: 42, pid: 7, tid: 8, cpu: 1, flags: 0 };
        ev.a = a;
        ev.nframes = frames.len() as u32;
        for (i, (c, ip)) in frames.iter().enumerate() {
            ev.frames[i].code = *c;
            ev.frames[i].instr = *ip;
        }
        let len = EVENT_FIXED_LEN + frames.len() * 16;
        let p = &ev as *const Event as *const u8;
        unsafe { std::slice::from_raw_parts(p, len) }.to_vec()
    }

    #[test]
    fn decodes_clock_event_and_drops_shim_frames() {
        let b = raw_event(kind::CLOCK, [1, 0, 0, 0, 0, 0, 0, 0], &[(0x1000, 5), (0x2001, 0), (0x3000, 9)]);
        let Record::Event(e) = decode(&b, None).unwrap() else { panic!() };
        assert_eq!(e.kind, EventKind::Clock { clock_id: 1, func: "clock_gettime".into() });
        assert_eq!(e.stack, vec![RawFrame { code: 0x1000, instr: 5 }, RawFrame { code: 0x3000, instr: 9 }]);
        assert_eq!((e.ts, e.pid, e.tid, e.cpu), (42, 7, 8, 1));
    }

    #[test]
    fn decodes_small_syscall_exit() {
        let b = raw_event(kind::SYS_EXIT, [257, (-2i64) as u64, 1500, 0, 0, 0, 0, 0], &[]);
        let Record::Event(e) = decode(&b[..EVENT_SMALL_LEN], None).unwrap() else { panic!() };
        assert_eq!(e.kind, EventKind::SyscallExit { nr: 257, ret: -2, latency_ns: 1500 });
        assert!(e.stack.is_empty());
    }

    #[test]
    fn slot_of_the_walking_interpreter() {
        let mut b = raw_event(kind::SAMPLE, [0; 8], &[(0x1000, 5)]);
        assert_eq!(record_slot(&b), None);
        // flags live at byte 28 of the header
        b[28..32].copy_from_slice(&(stackflag::RUNNER_CUT | (3 << stackflag::SLOT_SHIFT)).to_ne_bytes());
        assert_eq!(record_slot(&b), Some(2));
        let Record::Event(e) = decode(&b, None).unwrap() else { panic!() };
        assert!(e.stack_status.runner_cut && !e.stack_status.no_python);
        assert_eq!(record_slot(&b[..4]), None);
    }

    #[test]
    fn code_record_tag_mixes_file_name_pointer_and_first_line() {
        let mut rec: CodeRecord = unsafe { std::mem::zeroed() };
        rec.hdr = Header { kind: kind::CODE, size: 0, ts: 1, pid: 7, tid: 7, cpu: 0, flags: 0 };
        rec.code = 0x7f00_0000_1000;
        rec.filename_ptr = 0x7f00_0000_2000;
        rec.firstlineno = 12;
        let b = unsafe { std::slice::from_raw_parts(&rec as *const CodeRecord as *const u8, std::mem::size_of::<CodeRecord>()) }.to_vec();
        assert_eq!(code_record_tag(&b), Some(0x7f00_0000_2000 ^ (12u64 << 48)));
        assert_eq!(code_record_tag(&b[..100]), None);
        let ev = raw_event(kind::CLOCK, [0; 8], &[(0x1000, 5)]);
        assert_eq!(code_record_tag(&ev), None);
    }

    #[test]
    fn rejects_short_and_unknown_records() {
        assert_eq!(decode(&[0u8; 4], None), Err(DecodeError::Short(4)));
        let b = raw_event(99, [0; 8], &[]);
        assert_eq!(decode(&b, None), Err(DecodeError::UnknownKind(99)));
    }
}
