//! The on-disk trace format: a versioned, checksummed stream of frames.
//!
//! ```text
//! file   := magic version frame(meta) frame(record)* frame(end)?
//! magic  := "FLAKEBPF"                       (8 bytes)
//! version:= u32 LE                           (FORMAT_VERSION)
//! frame  := len:u32 LE  tag:u8  body[len]  crc:u32 LE
//!           crc = CRC-32 (IEEE) of the len bytes, the tag byte and the body
//! ```
//!
//! Bodies are bincode 1.x (fixed-width little-endian integers) encodings of
//! [`TraceMeta`], [`Record`] and [`TraceEnd`]. A file without the end frame
//! was cut short (the recorder crashed or was killed); it stays readable up
//! to the last complete frame. See `FORMAT.md` beside this file.
//!
//! Both sides stream: the writer keeps only its I/O buffer, the reader one
//! frame at a time.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use bincode::Options;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::event_ref::{self, RecordRef};
use super::model::{RawFrame, Record, TraceEnd, TraceMeta};

/// First bytes of every trace file.
pub const MAGIC: &[u8; 8] = b"FLAKEBPF";
/// Format version this build writes.
pub const FORMAT_VERSION: u32 = 3;
/// Oldest format version this build reads. Version 3 only appended
/// `Record` variants, so a version-2 body decodes unchanged.
pub const MIN_FORMAT_VERSION: u32 = 2;
/// Largest frame body accepted (a larger length is taken as corruption).
pub const MAX_FRAME_LEN: u32 = 16 << 20;
/// Bytes before the first frame.
pub const HEADER_LEN: u64 = 12;

const TAG_META: u8 = 1;
const TAG_RECORD: u8 = 2;
const TAG_END: u8 = 3;

/// Why a trace could not be read (further).
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    /// (The I/O error is in the message, not a `source()`, so that
    /// `{:#}` chains do not print it twice.)
    #[error("{path}: cannot read trace: {error}")]
    Io { path: PathBuf, error: io::Error },
    #[error("{path}: not a flakebpf trace (bad magic)")]
    BadMagic { path: PathBuf },
    #[error(
        "{path}: unsupported trace format version {found} (this build reads {MIN_FORMAT_VERSION} to {FORMAT_VERSION})"
    )]
    UnsupportedVersion { path: PathBuf, found: u32 },
    #[error("{path}: trace truncated at byte offset {offset} (partial frame)")]
    Truncated { path: PathBuf, offset: u64 },
    #[error("{path}: corrupt frame at byte offset {offset}: {reason}")]
    Corrupt {
        path: PathBuf,
        offset: u64,
        reason: String,
    },
}

impl TraceError {
    /// The trace ends inside a frame: everything before `offset` is good.
    pub fn is_truncation(&self) -> bool {
        matches!(self, TraceError::Truncated { .. })
    }
}

fn bincode_opts() -> impl Options {
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
        .with_limit(u64::from(MAX_FRAME_LEN))
}

fn frame_crc(len: [u8; 4], tag: u8, body: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&len);
    h.update(&[tag]);
    h.update(body);
    h.finalize()
}

// ------------------------------------------------------------------ writer

/// Streams a trace to a file (or any [`Write`]): meta first, then records,
/// then [`TraceWriter::finish`] with the end record. Dropping the writer
/// without `finish` leaves a truncated (but readable) trace.
pub struct TraceWriter<W: Write = BufWriter<File>> {
    out: W,
    body: Vec<u8>,
    records: u64,
    events: u64,
    bytes: u64,
}

impl TraceWriter<BufWriter<File>> {
    /// Creates (truncates) `path` and writes the header and `meta`.
    pub fn create(path: &Path, meta: &TraceMeta) -> anyhow::Result<Self> {
        let f = File::create(path)
            .with_context(|| format!("cannot create trace file {}", path.display()))?;
        TraceWriter::to_writer(BufWriter::with_capacity(256 << 10, f), meta)
            .with_context(|| format!("cannot write trace file {}", path.display()))
    }
}

impl<W: Write> TraceWriter<W> {
    /// Writes the header and `meta` to `out`. `out` should be buffered.
    pub fn to_writer(mut out: W, meta: &TraceMeta) -> anyhow::Result<Self> {
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())?;
        let mut w = TraceWriter {
            out,
            body: Vec::with_capacity(4096),
            records: 0,
            events: 0,
            bytes: HEADER_LEN,
        };
        w.frame(TAG_META, meta)?;
        Ok(w)
    }

    fn frame<T: Serialize>(&mut self, tag: u8, value: &T) -> anyhow::Result<()> {
        self.body.clear();
        bincode_opts()
            .serialize_into(&mut self.body, value)
            .context("cannot encode trace frame")?;
        if self.body.len() > MAX_FRAME_LEN as usize {
            bail!(
                "trace frame of {} bytes exceeds the {} byte limit",
                self.body.len(),
                MAX_FRAME_LEN
            );
        }
        let len = (self.body.len() as u32).to_le_bytes();
        let crc = frame_crc(len, tag, &self.body);
        self.out.write_all(&len)?;
        self.out.write_all(&[tag])?;
        self.out.write_all(&self.body)?;
        self.out.write_all(&crc.to_le_bytes())?;
        self.bytes += 9 + self.body.len() as u64;
        Ok(())
    }

    /// Appends one record.
    pub fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        self.frame(TAG_RECORD, record)?;
        self.records += 1;
        if matches!(record, Record::Event(_)) {
            self.events += 1;
        }
        Ok(())
    }

    /// Pushes buffered frames to the underlying writer (a crash after this
    /// loses nothing written before it).
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }

    /// Records written so far (all kinds).
    pub fn records_written(&self) -> u64 {
        self.records
    }

    /// Event records written so far (what [`TraceEnd::events`] should say).
    pub fn events_written(&self) -> u64 {
        self.events
    }

    /// Bytes written so far, header included.
    pub fn bytes_written(&self) -> u64 {
        self.bytes
    }

    /// Writes the end record and flushes.
    pub fn finish(self, end: TraceEnd) -> anyhow::Result<()> {
        self.finish_into_inner(end).map(|_| ())
    }

    /// Like [`TraceWriter::finish`], and gives the underlying writer back.
    pub fn finish_into_inner(mut self, end: TraceEnd) -> anyhow::Result<W> {
        self.frame(TAG_END, &end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

// ------------------------------------------------------------------ reader

/// Reads a trace: [`TraceReader::meta`], then iterate for the records; once
/// the iteration is over, [`TraceReader::end`] is `None` for a trace that
/// was cut short ([`TraceReader::warning`] then says so in words).
///
/// The iterator yields at most one error, after which it stops: a
/// [`TraceError::Truncated`] (partial last frame: everything before it was
/// good) or a [`TraceError::Corrupt`].
pub struct TraceReader<R: Read = BufReader<File>> {
    input: R,
    path: PathBuf,
    meta: TraceMeta,
    end: Option<TraceEnd>,
    offset: u64,
    records: u64,
    body: Vec<u8>,
    done: bool,
    /// Offset of a partial last frame, if one was met.
    cut_at: Option<u64>,
}

/// Reads until `buf` is full or end of input; returns the bytes read.
fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

enum Frame {
    Eof,
    Frame { tag: u8, start: u64 },
}

impl TraceReader<BufReader<File>> {
    /// Opens `path` and reads its header and meta record.
    pub fn open(path: &Path) -> Result<Self, TraceError> {
        let f = File::open(path).map_err(|error| TraceError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        TraceReader::from_reader(BufReader::with_capacity(256 << 10, f), path)
    }
}

impl<R: Read> TraceReader<R> {
    /// Reads a trace from `input`; `path` names it in errors.
    pub fn from_reader(mut input: R, path: impl Into<PathBuf>) -> Result<Self, TraceError> {
        let path = path.into();
        let mut head = [0u8; HEADER_LEN as usize];
        let n = read_full(&mut input, &mut head).map_err(|error| TraceError::Io {
            path: path.clone(),
            error,
        })?;
        let magic_n = n.min(MAGIC.len());
        if head[..magic_n] != MAGIC[..magic_n] || n == 0 {
            return Err(TraceError::BadMagic { path });
        }
        if n < HEADER_LEN as usize {
            return Err(TraceError::Truncated { path, offset: 0 });
        }
        let found = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        if !(MIN_FORMAT_VERSION..=FORMAT_VERSION).contains(&found) {
            return Err(TraceError::UnsupportedVersion { path, found });
        }
        let mut r = TraceReader {
            input,
            path,
            meta: placeholder_meta(),
            end: None,
            offset: HEADER_LEN,
            records: 0,
            body: Vec::new(),
            done: false,
            cut_at: None,
        };
        match r.read_frame()? {
            Frame::Eof => {
                return Err(TraceError::Truncated {
                    path: r.path,
                    offset: HEADER_LEN,
                })
            }
            Frame::Frame {
                tag: TAG_META,
                start,
            } => r.meta = r.decode(start)?,
            Frame::Frame { tag, start } => {
                return Err(r.corrupt(start, format!("expected the meta frame, found tag {tag}")))
            }
        }
        Ok(r)
    }

    fn corrupt(&self, offset: u64, reason: impl Into<String>) -> TraceError {
        TraceError::Corrupt {
            path: self.path.clone(),
            offset,
            reason: reason.into(),
        }
    }

    fn io(&self, error: io::Error) -> TraceError {
        TraceError::Io {
            path: self.path.clone(),
            error,
        }
    }

    /// Reads one frame into `self.body` and checks it.
    fn read_frame(&mut self) -> Result<Frame, TraceError> {
        let start = self.offset;
        let mut head = [0u8; 5];
        let n = read_full(&mut self.input, &mut head).map_err(|e| self.io(e))?;
        if n == 0 {
            return Ok(Frame::Eof);
        }
        let truncated = |s: &Self| TraceError::Truncated {
            path: s.path.clone(),
            offset: start,
        };
        if n < head.len() {
            self.cut_at = Some(start);
            return Err(truncated(self));
        }
        let len_bytes = [head[0], head[1], head[2], head[3]];
        let len = u32::from_le_bytes(len_bytes);
        let tag = head[4];
        if len > MAX_FRAME_LEN {
            return Err(self.corrupt(start, format!("frame length {len} exceeds the limit")));
        }
        self.body.resize(len as usize, 0);
        let n = read_full(&mut self.input, &mut self.body).map_err(|e| self.io(e))?;
        if n < len as usize {
            self.cut_at = Some(start);
            return Err(truncated(self));
        }
        let mut crc = [0u8; 4];
        let n = read_full(&mut self.input, &mut crc).map_err(|e| self.io(e))?;
        if n < crc.len() {
            self.cut_at = Some(start);
            return Err(truncated(self));
        }
        if u32::from_le_bytes(crc) != frame_crc(len_bytes, tag, &self.body) {
            return Err(self.corrupt(start, "checksum mismatch"));
        }
        self.offset += 9 + u64::from(len);
        Ok(Frame::Frame { tag, start })
    }

    fn decode<T: DeserializeOwned>(&self, start: u64) -> Result<T, TraceError> {
        bincode_opts()
            .deserialize(&self.body)
            .map_err(|e| self.corrupt(start, format!("cannot decode frame: {e}")))
    }

    fn next_record(&mut self) -> Result<Option<Record>, TraceError> {
        let Some(start) = self.next_record_frame()? else { return Ok(None) };
        let rec = self.decode(start)?;
        self.records += 1;
        Ok(Some(rec))
    }

    /// Reads frames up to the next record's (in `self.body`; its offset),
    /// taking the end record on the way.
    fn next_record_frame(&mut self) -> Result<Option<u64>, TraceError> {
        loop {
            match self.read_frame()? {
                Frame::Eof => return Ok(None),
                Frame::Frame {
                    tag: TAG_RECORD,
                    start,
                } => {
                    if self.end.is_some() {
                        return Err(self.corrupt(start, "record after the end record"));
                    }
                    return Ok(Some(start));
                }
                Frame::Frame {
                    tag: TAG_END,
                    start,
                } => {
                    if self.end.is_some() {
                        return Err(self.corrupt(start, "second end record"));
                    }
                    self.end = Some(self.decode(start)?);
                }
                Frame::Frame {
                    tag: TAG_META,
                    start,
                } => {
                    return Err(self.corrupt(start, "second meta record"));
                }
                Frame::Frame { tag, start } => {
                    return Err(self.corrupt(start, format!("unknown frame tag {tag}")));
                }
            }
        }
    }

    /// The run's meta record.
    pub fn meta(&self) -> &TraceMeta {
        &self.meta
    }

    /// The end record, once the iteration reached it; `None` after a full
    /// iteration means the trace was cut short.
    pub fn end(&self) -> Option<&TraceEnd> {
        self.end.as_ref()
    }

    /// Path (or name) of the trace, as used in errors.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records read so far.
    pub fn records_read(&self) -> u64 {
        self.records
    }

    /// Bytes of complete frames read so far, header included.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Iteration is over (end of input or an error).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// After the iteration: a warning in words if the trace has no end
    /// record (the run or its recorder was cut short). `None` for a
    /// complete trace, or while the iteration is not over.
    pub fn warning(&self) -> Option<String> {
        if !self.done || self.end.is_some() {
            return None;
        }
        let cut = match self.cut_at {
            Some(off) => format!(" (a partial frame at byte offset {off} was dropped)"),
            None => String::new(),
        };
        Some(format!(
            "{}: trace is truncated: it has no end record, so the run or its recorder was cut short; \
             {} records read up to byte offset {}{}",
            self.path.display(),
            self.records,
            self.offset,
            cut
        ))
    }
}

impl<R: Read> TraceReader<R> {
    /// The next record, as the iterator gives it, except that an event is
    /// borrowed from the frame just read, its stack in `stack` (see
    /// [`super::event_ref`]): reading it allocates nothing.
    pub fn next_ref(&mut self, stack: &mut Vec<RawFrame>) -> Option<Result<RecordRef<'_>, TraceError>> {
        if self.done {
            return None;
        }
        let start = match self.next_record_frame() {
            Ok(Some(start)) => start,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        self.records += 1;
        if !event_ref::is_event(&self.body) {
            return Some(match self.decode(start) {
                Ok(rec) => Ok(RecordRef::Other(rec)),
                Err(e) => {
                    self.records -= 1;
                    self.done = true;
                    Err(e)
                }
            });
        }
        match event_ref::decode(bincode_opts(), &self.body, stack) {
            Ok(ev) => Some(Ok(RecordRef::Event(ev))),
            Err(e) => {
                self.records -= 1;
                self.done = true;
                Some(Err(TraceError::Corrupt { path: self.path.clone(), offset: start, reason: format!("cannot decode frame: {e}") }))
            }
        }
    }
}

impl<R: Read> Iterator for TraceReader<R> {
    type Item = Result<Record, TraceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn placeholder_meta() -> TraceMeta {
    TraceMeta {
        command: Vec::new(),
        cwd: String::new(),
        python: String::new(),
        python_exe: String::new(),
        py_code_adaptive: 0,
        root_pid: 0,
        realtime_offset_ns: 0,
        start_ns: 0,
        sample_hz: 0,
        deep: false,
        tool_version: String::new(),
        created_unix: 0,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::trace::model::*;

    pub(crate) fn meta() -> TraceMeta {
        TraceMeta {
            command: vec![
                "python".into(),
                "-m".into(),
                "pytest".into(),
                "tests/test_x.py".into(),
            ],
            cwd: "/home/u/proj".into(),
            python: "3.11.7".into(),
            python_exe: "/usr/bin/python3.11".into(),
            py_code_adaptive: 0xc0,
            root_pid: 100,
            realtime_offset_ns: 1_700_000_000_000_000_000,
            start_ns: 5_000_000_000,
            sample_hz: 99,
            deep: false,
            tool_version: "0.1.0".into(),
            created_unix: 1_700_000_005,
        }
    }

    fn ev(ts: u64, kind: EventKind) -> Record {
        Record::Event(Event {
            ts,
            pid: 100,
            tid: 101,
            cpu: 1,
            kind,
            stack: vec![RawFrame {
                code: 0x7f00_0000_1000,
                instr: 0x7f00_0000_1040,
            }],
            stack_status: StackStatus {
                truncated: true,
                ..Default::default()
            },
        })
    }

    /// One record of every kind.
    pub(crate) fn all_records() -> Vec<Record> {
        let mut v = vec![
            ev(
                1,
                EventKind::Clock {
                    clock_id: 0,
                    func: "clock_gettime".into(),
                },
            ),
            ev(
                2,
                EventKind::SyscallEnter {
                    nr: 257,
                    args: [u64::MAX - 99, 0x1000, 0o2000000, 0, 0, 0],
                    path: Some("/tmp/x".into()),
                    path2: None,
                    buf: vec![1, 2, 3],
                },
            ),
            ev(
                3,
                EventKind::SyscallExit {
                    nr: 257,
                    ret: -2,
                    latency_ns: 1000,
                },
            ),
            ev(
                4,
                EventKind::SchedOut {
                    preempt: false,
                    state: 1,
                },
            ),
            ev(
                5,
                EventKind::SchedIn {
                    off_cpu_ns: 1_000_000,
                    was_preempted: false,
                },
            ),
            ev(6, EventKind::Wakeup { wakee_tid: 102 }),
            ev(7, EventKind::Sample),
            ev(8, EventKind::Gil { acquire: true }),
            ev(
                9,
                EventKind::Env {
                    op: EnvOp::Set,
                    name: "TZ".into(),
                    value: Some("UTC".into()),
                },
            ),
            ev(
                10,
                EventKind::Env {
                    op: EnvOp::Unset,
                    name: "TZ".into(),
                    value: None,
                },
            ),
            ev(
                11,
                EventKind::Random {
                    op: RandomOp::GetRandBits,
                },
            ),
            ev(12, EventKind::Fork { child: 200 }),
            ev(
                13,
                EventKind::Exec {
                    filename: "/bin/sh".into(),
                },
            ),
            ev(14, EventKind::Exit { code: 256 }),
            ev(
                15,
                EventKind::PyCall {
                    code: 0x7f00_0000_1000,
                    exit: false,
                },
            ),
        ];
        v.push(Record::Code(CodeInfo {
            pid: 100,
            code: 0x7f00_0000_1000,
            ts: 1,
            filename: "/home/u/proj/tests/test_x.py".into(),
            filename_truncated: false,
            qualname: "test_it".into(),
            firstlineno: 10,
            linetable: vec![0x80, 0x01, 0xff],
            linetable_truncated: false,
        }));
        v.push(Record::Note {
            ts: 16,
            text: "python 3.11 found in pid 100".into(),
        });
        v.push(Record::Python(crate::trace::model::PyProcess {
            ts: 17,
            pid: 101,
            version: "3.9.18".into(),
            exe: "/usr/bin/python3.9".into(),
            code_adaptive: 0,
        }));
        v
    }

    pub(crate) fn end() -> TraceEnd {
        TraceEnd {
            root_pid: 100,
            end_ns: 6_000_000_000,
            exit_code: Some(1),
            signal: None,
            lost_events: 3,
            events: 15,
            timed_out: false,
            interrupted: false,
        }
    }

    pub(crate) fn encode(recs: &[Record], finish: bool) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut w = TraceWriter::to_writer(&mut buf, &meta()).unwrap();
        for r in recs {
            w.write(r).unwrap();
        }
        if finish {
            w.finish(end()).unwrap();
        } else {
            w.flush().unwrap();
            drop(w);
        }
        buf
    }

    /// Reads everything; returns records, end, and the error if any.
    type ReadAll = (Vec<Record>, Option<TraceEnd>, Option<TraceError>);

    fn read_all(bytes: &[u8]) -> Result<ReadAll, TraceError> {
        let mut r = TraceReader::from_reader(bytes, "t.trace")?;
        let mut recs = Vec::new();
        let mut err = None;
        for x in &mut r {
            match x {
                Ok(x) => recs.push(x),
                Err(e) => err = Some(e),
            }
        }
        Ok((recs, r.end().cloned(), err))
    }

    #[test]
    fn round_trip_every_kind() {
        let recs = all_records();
        let bytes = encode(&recs, true);
        assert_eq!(&bytes[..8], MAGIC);
        let mut r = TraceReader::from_reader(&bytes[..], "t.trace").unwrap();
        assert_eq!(r.meta(), &meta());
        let got: Vec<Record> = (&mut r).map(|x| x.unwrap()).collect();
        assert_eq!(got, recs);
        assert_eq!(r.end(), Some(&end()));
        assert!(r.warning().is_none());
        assert_eq!(r.records_read(), recs.len() as u64);
        assert_eq!(r.offset(), bytes.len() as u64);
    }

    #[test]
    fn writer_counts() {
        let recs = all_records();
        let mut buf = Vec::new();
        let mut w = TraceWriter::to_writer(&mut buf, &meta()).unwrap();
        for r in &recs {
            w.write(r).unwrap();
        }
        assert_eq!(w.records_written(), recs.len() as u64);
        assert_eq!(w.events_written(), recs.len() as u64 - 3);
        let n = w.bytes_written();
        w.finish(end()).unwrap();
        assert!(n < buf.len() as u64);
    }

    #[test]
    fn file_round_trip_and_streaming() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.trace");
        let mut w = TraceWriter::create(&path, &meta()).unwrap();
        let rec = &all_records()[1];
        for _ in 0..10_000 {
            w.write(rec).unwrap();
        }
        w.finish(end()).unwrap();
        let mut r = TraceReader::open(&path).unwrap();
        let mut n = 0;
        for x in &mut r {
            x.unwrap();
            n += 1;
        }
        assert_eq!(n, 10_000);
        assert!(r.end().is_some());
    }

    #[test]
    fn missing_end_is_truncated_but_readable() {
        let recs = all_records();
        let bytes = encode(&recs, false);
        let mut r = TraceReader::from_reader(&bytes[..], "t.trace").unwrap();
        assert!(
            r.warning().is_none(),
            "no warning before the iteration ends"
        );
        let got: Vec<Record> = (&mut r).map(|x| x.unwrap()).collect();
        assert_eq!(got, recs);
        assert!(r.end().is_none());
        let w = r.warning().unwrap();
        assert!(w.contains("t.trace: trace is truncated"), "{w}");
        assert!(w.contains(&format!("{} records", recs.len())), "{w}");
    }

    #[test]
    fn cut_at_every_byte() {
        let recs = all_records();
        let full = encode(&recs, true);
        for cut in 0..full.len() {
            let bytes = &full[..cut];
            match read_all(bytes) {
                Err(e) => {
                    // Only the header or the meta frame can be cut this way.
                    assert!(
                        cut <= HEADER_LEN as usize || e.is_truncation(),
                        "cut {cut}: {e}"
                    );
                    if cut == 0 {
                        assert!(matches!(e, TraceError::BadMagic { .. }));
                    } else {
                        assert!(e.is_truncation(), "cut {cut}: {e}");
                    }
                }
                Ok((got, end, err)) => {
                    assert!(end.is_none(), "cut {cut}");
                    assert_eq!(&got[..], &recs[..got.len()], "cut {cut}");
                    if let Some(e) = err {
                        assert!(e.is_truncation(), "cut {cut}: {e}");
                        let msg = e.to_string();
                        assert!(
                            msg.starts_with("t.trace: trace truncated at byte offset "),
                            "{msg}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_bit_flip_is_detected() {
        let recs = all_records()[..3].to_vec();
        let full = encode(&recs, true);
        for i in 0..full.len() {
            for bit in 0..8 {
                let mut bytes = full.clone();
                bytes[i] ^= 1 << bit;
                let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
                if (8..12).contains(&i) && (MIN_FORMAT_VERSION..=FORMAT_VERSION).contains(&version) {
                    // another version this build reads: the same bodies decode the same
                    assert_eq!(read_all(&bytes).unwrap().0, recs);
                    continue;
                }
                match read_all(&bytes) {
                    Err(_) => {}
                    Ok((got, end, err)) => {
                        assert!(
                            err.is_some(),
                            "flip of bit {bit} at byte {i} went unnoticed: {} records, end {:?}",
                            got.len(),
                            end
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn flipped_body_reports_corrupt_offset() {
        let recs = all_records()[..2].to_vec();
        let full = encode(&recs, true);
        let mut r = TraceReader::from_reader(&full[..], "t").unwrap();
        let first_record_at = r.offset();
        let mut bytes = full.clone();
        bytes[first_record_at as usize + 7] ^= 0x10;
        r = TraceReader::from_reader(&bytes[..], "t").unwrap();
        let e = r.next().unwrap().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("t: corrupt frame at byte offset {first_record_at}: checksum mismatch")
        );
        assert!(r.next().is_none(), "stops after an error");
    }

    #[test]
    fn version_2_files_are_still_read() {
        // a version-2 file holds no `Job`/`File` records; its bodies decode unchanged
        let recs = vec![Record::Note { ts: 5, text: "old".into() }];
        let mut bytes = encode(&recs, true);
        bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
        let (got, end, err) = read_all(&bytes).unwrap();
        assert!(err.is_none() && end.is_some());
        assert_eq!(got, recs);
    }

    #[test]
    fn job_records_round_trip() {
        use super::super::model::{JobFile, JobFileKind, JobInfo};
        let recs = vec![
            Record::Job(JobInfo { ts: 1, argv: vec!["pytest".into(), "--junitxml=j.xml".into()], cwd: "/p".into(), git_revision: Some("abc".into()) }),
            Record::File(JobFile { ts: 2, kind: JobFileKind::JUnitXml, path: "/p/j.xml".into(), text: "<testsuites/>".into() }),
        ];
        let (got, _, err) = read_all(&encode(&recs, true)).unwrap();
        assert!(err.is_none());
        assert_eq!(got, recs);
    }

    #[test]
    fn bad_magic_and_version() {
        let e = TraceReader::from_reader(&b"hello world, not a trace"[..], "x.json")
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "x.json: not a flakebpf trace (bad magic)");
        let mut bytes = encode(&[], true);
        bytes[8..12].copy_from_slice(&7u32.to_le_bytes());
        let e = TraceReader::from_reader(&bytes[..], "x.trace")
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "x.trace: unsupported trace format version 7 (this build reads 2 to 3)"
        );
        let e = TraceReader::open(Path::new("/nonexistent/dir/x.trace"))
            .err()
            .unwrap();
        assert!(e
            .to_string()
            .starts_with("/nonexistent/dir/x.trace: cannot read trace: "));
    }

    #[test]
    fn data_after_end_is_corrupt() {
        let mut bytes = encode(&all_records()[..1], true);
        let extra = encode(&all_records()[..1], false);
        // Append a record frame (skip the second header and meta frame).
        let mut r = TraceReader::from_reader(&extra[..], "t").unwrap();
        let at = r.offset() as usize;
        assert!(r.next().is_some());
        bytes.extend_from_slice(&extra[at..r.offset() as usize]);
        let (_, _, err) = read_all(&bytes).unwrap();
        assert!(err
            .unwrap()
            .to_string()
            .contains("record after the end record"));
    }

    /// Tiny deterministic PRNG (xorshift64*), no dependency needed.
    pub(crate) struct Rng(pub u64);
    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let good = encode(&all_records(), true);
        for round in 0..3000 {
            let mut bytes: Vec<u8> = if round % 3 == 0 {
                let n = (rng.next() % 300) as usize;
                (0..n).map(|_| rng.next() as u8).collect()
            } else {
                good.clone()
            };
            if round % 3 != 0 {
                // Random damage after a valid header.
                let k = 1 + rng.next() % 8;
                for _ in 0..k {
                    let i = (rng.next() as usize) % bytes.len();
                    bytes[i] = rng.next() as u8;
                }
                if round % 3 == 2 {
                    let cut = (rng.next() as usize) % bytes.len();
                    bytes.truncate(cut);
                }
            } else if round % 2 == 0 {
                let mut b = MAGIC.to_vec();
                b.extend_from_slice(&1u32.to_le_bytes());
                b.extend_from_slice(&bytes);
                bytes = b;
            }
            let _ = read_all(&bytes);
        }
    }

    #[test]
    fn valid_frames_with_garbage_bodies_never_panic() {
        // Bodies that pass the checksum but are not valid bincode.
        let mut rng = Rng(42);
        for _ in 0..2000 {
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&1u32.to_le_bytes());
            for tag in [TAG_META, TAG_RECORD, TAG_END] {
                let n = (rng.next() % 64) as usize;
                let body: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                let len = (n as u32).to_le_bytes();
                bytes.extend_from_slice(&len);
                bytes.push(tag);
                bytes.extend_from_slice(&body);
                bytes.extend_from_slice(&frame_crc(len, tag, &body).to_le_bytes());
            }
            let _ = read_all(&bytes);
        }
    }
}
