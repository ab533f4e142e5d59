//! Builders of small traces and renderers of them, for the tests of the
//! `events` modules.

pub(super) use serde_json::{json, Value};

pub(super) use super::render;
pub(super) use crate::trace::format::tests::{end, meta};
pub(super) use crate::trace::format::{TraceReader, TraceWriter};
pub(super) use crate::trace::model::{CodeInfo, Event, EventKind, RawFrame, Record, StackStatus};
pub(super) use crate::trace::symbols::{LineDecoder, NoLines};

pub(super) const START: u64 = 5_000_000_000;

pub(super) fn ev(ms: u64, tid: u32, kind: EventKind) -> Record {
    Record::Event(Event {
        ts: START + ms * 1_000_000,
        pid: 100,
        tid,
        cpu: 1,
        kind,
        stack: vec![],
        stack_status: StackStatus::default(),
    })
}

pub(super) fn with_stack(mut r: Record) -> Record {
    if let Record::Event(e) = &mut r {
        e.stack = vec![
            RawFrame {
                code: 0x1000,
                instr: 2,
            },
            RawFrame {
                code: 0x2000,
                instr: 5,
            },
        ];
    }
    r
}

pub(super) fn enter(
    ms: u64,
    tid: u32,
    nr: u32,
    args: [u64; 6],
    path: Option<&str>,
    buf: Vec<u8>,
) -> Record {
    ev(
        ms,
        tid,
        EventKind::SyscallEnter {
            nr,
            args,
            path: path.map(Into::into),
            path2: None,
            buf,
        },
    )
}

pub(super) fn exit(ms: u64, tid: u32, nr: u32, ret: i64, latency_ns: u64) -> Record {
    ev(
        ms,
        tid,
        EventKind::SyscallExit {
            nr,
            ret,
            latency_ns,
        },
    )
}

pub(super) fn code(addr: u64, file: &str, name: &str, first: i32) -> Record {
    Record::Code(CodeInfo {
        pid: 100,
        code: addr,
        ts: START,
        filename: file.into(),
        filename_truncated: false,
        qualname: name.into(),
        firstlineno: first,
        linetable: vec![],
        linetable_truncated: false,
    })
}

pub(super) fn decoder() -> Box<dyn LineDecoder> {
    Box::new(|c: &CodeInfo, instr: u64| Some(c.firstlineno as u32 + instr as u32))
}

pub(super) fn render_recs(recs: &[Record], finish: bool, json: bool) -> String {
    let bytes = crate::trace::format::tests::encode(recs, finish);
    let reader = TraceReader::from_reader(&bytes[..], "run.trace").unwrap();
    let mut out = Vec::new();
    render(reader, json, &mut out, decoder()).unwrap();
    String::from_utf8(out).unwrap()
}

/// Event lines only (no header/footer).
pub(super) fn body(s: &str) -> Vec<String> {
    let mut lines: Vec<String> = s.lines().map(str::to_string).collect();
    let start = lines.iter().position(String::is_empty).unwrap() + 1;
    lines.drain(..start);
    let endpos = lines.iter().rposition(String::is_empty).unwrap();
    lines.truncate(endpos);
    lines
}

pub(super) fn one(recs: Vec<Record>) -> String {
    let b = body(&render_recs(&recs, true, false));
    b.join("\n")
}

pub(super) fn one_json(recs: Vec<Record>) -> Vec<Value> {
    let s = render_recs(&recs, true, true);
    let lines: Vec<Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines[0].get("meta").is_some());
    assert!(lines.last().unwrap().get("end").is_some());
    lines[1..lines.len() - 1].to_vec()
}

pub(super) fn ts_buf(sec: i64, nsec: i64) -> Vec<u8> {
    let mut b = sec.to_le_bytes().to_vec();
    b.extend_from_slice(&nsec.to_le_bytes());
    b
}
