//! Resolving raw frames (code object address + instruction position) to
//! file, function and line, through the [`CodeInfo`] records of a trace.
//!
//! Feed the symboliser every `Code` record and every `Fork` event as the
//! stream goes ([`Symbolizer::feed`] does both), then [`Symbolizer::resolve`]
//! events. Line numbers come from a [`LineDecoder`] (the per-version line
//! table decoding lives in `crate::python`).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use super::model::{CodeInfo, Event, EventKind, PyProcess, RawFrame, Record, TraceMeta};

/// One resolved Python frame.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PyFrame {
    /// File name of the code object; a name the kernel kept only the tail
    /// of starts with `...`. `<unknown>` when no code record was found.
    pub filename: String,
    /// Qualified name (3.11+) or name of the function; `0x<address>` when unknown.
    pub qualname: String,
    pub line: Option<u32>,
    /// First line of the function (0 when unknown).
    pub firstlineno: i32,
}

impl PyFrame {
    /// No code record matched this frame.
    pub fn is_unknown(&self) -> bool {
        self.filename == UNKNOWN_FILE
    }
}

/// File name of frames without a code record.
pub const UNKNOWN_FILE: &str = "<unknown>";

/// Turns an instruction position into a line number.
pub trait LineDecoder {
    fn line(&self, info: &CodeInfo, instr: u64) -> Option<u32>;

    /// The line for a code record of a process known to run `py` (`None`:
    /// not known). Decoders that know per-version line tables use its
    /// version; the default ignores it.
    fn line_in(&self, py: Option<&PyProcess>, info: &CodeInfo, instr: u64) -> Option<u32> {
        let _ = py;
        self.line(info, instr)
    }
}

/// A decoder that knows no lines (every frame gets `line: None`).
pub struct NoLines;

impl LineDecoder for NoLines {
    fn line(&self, _info: &CodeInfo, _instr: u64) -> Option<u32> {
        None
    }
}

/// Any closure is a decoder.
impl<F: Fn(&CodeInfo, u64) -> Option<u32>> LineDecoder for F {
    fn line(&self, info: &CodeInfo, instr: u64) -> Option<u32> {
        self(info, instr)
    }
}

/// True for the test runner's hook caller (pluggy's `_multicall`): every
/// pytest hook — collection, fixtures, the test call — runs through it, so
/// the frames beyond its innermost occurrence are the runner's machinery.
/// The kernel side stops its stack walks there once told about it.
pub fn is_runner_boundary(filename: &str, qualname: &str) -> bool {
    qualname == "_multicall" && filename.contains("/pluggy/")
}

/// The signature of `crate::python::line_for_raw`.
pub type RawLineFn = fn(&str, u64, u64, &[u8], i32, u64) -> Option<u32>;

/// Adapts a function with the signature of `crate::python::line_for_raw`
/// (version, code_adaptive, code_addr, linetable, firstlineno, instr):
/// `raw_fn_decoder(meta.python.clone(), code_adaptive, python::line_for_raw)`.
pub fn raw_fn_decoder(version: String, code_adaptive: u64, f: RawLineFn) -> Box<dyn LineDecoder> {
    Box::new(move |info: &CodeInfo, instr: u64| {
        f(
            &version,
            code_adaptive,
            info.code,
            &info.linetable,
            info.firstlineno,
            instr,
        )
    })
}

/// The real decoder for a trace: CPython's line tables (through
/// [`crate::python::line_for`]) of each process's own interpreter (its
/// [`Record::Python`]), else of `meta.python`; no line when neither is known.
pub fn python_decoder(meta: &TraceMeta) -> Box<dyn LineDecoder> {
    let default = meta
        .python
        .parse::<crate::python::PyVersion>()
        .ok()
        .map(|v| (v, meta.py_code_adaptive));
    Box::new(PythonLines { default })
}

/// See [`python_decoder`].
struct PythonLines {
    default: Option<(crate::python::PyVersion, u64)>,
}

impl LineDecoder for PythonLines {
    fn line(&self, info: &CodeInfo, instr: u64) -> Option<u32> {
        self.line_in(None, info, instr)
    }

    fn line_in(&self, py: Option<&PyProcess>, info: &CodeInfo, instr: u64) -> Option<u32> {
        let own = py.and_then(|p| Some((p.version.parse().ok()?, p.code_adaptive)));
        let (v, adaptive) = own.or(self.default)?;
        crate::python::line_for(&v, adaptive, info.code, &info.linetable, info.firstlineno, instr)
    }
}

/// Frames with these qualnames are interpreter machinery, not Python code.
pub fn is_machinery(qualname: &str) -> bool {
    qualname == "<shim>" || qualname == "<interpreter trampoline>"
}

/// Fork chains followed at most this deep (guards against pid-reuse loops).
const MAX_FORK_DEPTH: usize = 32;

/// Line cache entries kept before the cache is emptied.
const LINE_CACHE_MAX: usize = 1 << 20;

/// A resolved frame borrowing from the symboliser (no allocation); see
/// [`Symbolizer::frames`]. [`FrameRef::to_frame`] makes a [`PyFrame`].
#[derive(Clone, Copy, Debug)]
pub struct FrameRef<'a> {
    /// The code record, `None` when unknown.
    pub info: Option<&'a CodeInfo>,
    /// The raw code address.
    pub code: u64,
    pub line: Option<u32>,
}

impl<'a> FrameRef<'a> {
    /// As in [`PyFrame::filename`].
    pub fn filename(&self) -> Cow<'a, str> {
        match self.info {
            Some(i) if i.filename_truncated => Cow::Owned(format!("...{}", i.filename)),
            Some(i) => Cow::Borrowed(&i.filename),
            None => Cow::Borrowed(UNKNOWN_FILE),
        }
    }

    /// As in [`PyFrame::qualname`].
    pub fn qualname(&self) -> Cow<'a, str> {
        match self.info {
            Some(i) => Cow::Borrowed(&i.qualname),
            None => Cow::Owned(format!("0x{:x}", self.code)),
        }
    }

    pub fn firstlineno(&self) -> i32 {
        self.info.map_or(0, |i| i.firstlineno)
    }

    pub fn to_frame(&self) -> PyFrame {
        PyFrame {
            filename: self.filename().into_owned(),
            qualname: self.qualname().into_owned(),
            line: self.line,
            firstlineno: self.firstlineno(),
        }
    }
}

/// `file:line function` (`file:? function` when the line is unknown).
impl fmt::Display for FrameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let trunc = if self.info.is_some_and(|i| i.filename_truncated) {
            "..."
        } else {
            ""
        };
        match self.info {
            Some(i) => write!(f, "{trunc}{}:", i.filename)?,
            None => write!(f, "{UNKNOWN_FILE}:")?,
        }
        match self.line {
            Some(l) => write!(f, "{l} ")?,
            None => write!(f, "? ")?,
        }
        match self.info {
            Some(i) => write!(f, "{}", i.qualname),
            None => write!(f, "0x{:x}", self.code),
        }
    }
}

/// `file:line function` (`file:? function` when the line is unknown).
impl fmt::Display for PyFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{} {}", self.filename, l, self.qualname),
            None => write!(f, "{}:? {}", self.filename, self.qualname),
        }
    }
}

/// (record pid, code address, record ts, instr).
type LineKey = (u32, u64, u64, u64);

/// Resolves raw frames of one trace.
pub struct Symbolizer {
    decoder: Box<dyn LineDecoder>,
    /// Code records of (pid, address), sorted by ts.
    codes: HashMap<(u32, u64), Vec<CodeInfo>>,
    /// child pid → (parent pid, fork ts; u64::MAX when unknown).
    parents: HashMap<u32, (u32, u64)>,
    /// (record pid, code, record ts, instr) → line: decoding a line table
    /// is far dearer than a lookup, and the same frames recur.
    lines: RefCell<HashMap<LineKey, Option<u32>>>,
    /// Per pid, in stream order: its execs and the interpreters it was
    /// found to run ([`Record::Python`]).
    images: HashMap<u32, Vec<Image>>,
    /// Bumped whenever a line or code record already handed out may no
    /// longer be what a frame resolves to (see [`Symbolizer::generation`]).
    generation: Cell<u64>,
    /// Bumped on every change of what frames resolve to (see
    /// [`Symbolizer::version`]).
    version: Cell<u64>,
    /// Every ts the resolution of a frame depends on: those of code
    /// records, images and forks (see [`Symbolizer::span`]).
    breakpoints: BTreeSet<u64>,
}

/// A change of what a process runs.
#[derive(Clone, Debug)]
enum Image {
    /// `exec` at this ts: a new program (unknown until a `Python` record).
    Exec(u64),
    Python(PyProcess),
}

impl Image {
    fn ts(&self) -> u64 {
        match self {
            Image::Exec(ts) => *ts,
            Image::Python(p) => p.ts,
        }
    }
}

impl Symbolizer {
    /// `meta` is the trace's; the decoder is usually [`python_decoder`]`(meta)`.
    pub fn new(_meta: &TraceMeta, decoder: Box<dyn LineDecoder>) -> Self {
        Symbolizer {
            decoder,
            codes: HashMap::new(),
            parents: HashMap::new(),
            lines: RefCell::new(HashMap::new()),
            images: HashMap::new(),
            generation: Cell::new(0),
            version: Cell::new(0),
            breakpoints: BTreeSet::new(),
        }
    }

    /// Takes what the symboliser needs from a record: `Code` records,
    /// `Fork` events (their `ts` bounds the parent's records used), `Exec`
    /// events and `Python` records (which interpreter decodes a process's
    /// frames).
    pub fn feed(&mut self, record: &Record) {
        match record {
            Record::Code(c) => self.add_code(c),
            Record::Event(Event {
                kind: EventKind::Fork { child },
                pid,
                ts,
                ..
            }) => self.add_fork_at(*pid, *child, *ts),
            Record::Event(Event {
                kind: EventKind::Exec { .. },
                pid,
                ts,
                ..
            }) => self.add_image(*pid, Image::Exec(*ts)),
            Record::Python(p) => self.add_image(p.pid, Image::Python(p.clone())),
            _ => {}
        }
    }

    fn add_image(&mut self, pid: u32, image: Image) {
        let v = self.images.entry(pid).or_default();
        // Stream order, except that a late record goes where its ts says.
        let at = v.partition_point(|i| i.ts() <= image.ts());
        self.changed(image.ts());
        let v = self.images.entry(pid).or_default();
        v.insert(at, image);
        self.forget_lines();
    }

    /// ts of the last exec of `pid` at or before `ts` (`None`: none seen).
    fn exec_before(&self, pid: u32, ts: u64) -> Option<u64> {
        let v = self.images.get(&pid)?;
        let at = v.partition_point(|i| i.ts() <= ts);
        v[..at].iter().rev().find_map(|i| match i {
            Image::Exec(t) => Some(*t),
            Image::Python(_) => None,
        })
    }

    /// The interpreter `pid` ran at `ts`: its own `Python` record since its
    /// last exec, else (no exec seen) its parent's as of the fork.
    pub fn python_at(&self, pid: u32, ts: u64) -> Option<&PyProcess> {
        let (mut pid, mut ts) = (pid, ts);
        for _ in 0..=MAX_FORK_DEPTH {
            if let Some(v) = self.images.get(&pid) {
                let at = v.partition_point(|i| i.ts() <= ts);
                match v[..at].last() {
                    Some(Image::Python(p)) => return Some(p),
                    Some(Image::Exec(_)) => return None,
                    None => {}
                }
            }
            let &(parent, fork_ts) = self.parents.get(&pid)?;
            pid = parent;
            ts = ts.min(fork_ts);
        }
        None
    }

    /// Adds a code record.
    pub fn add_code(&mut self, info: &CodeInfo) {
        let v = self.codes.entry((info.pid, info.code)).or_default();
        let at = v.partition_point(|c| c.ts <= info.ts);
        let same = |c: &CodeInfo| {
            c.filename == info.filename
                && c.qualname == info.qualname
                && c.firstlineno == info.firstlineno
                && c.linetable == info.linetable
                && c.filename_truncated == info.filename_truncated
        };
        if at > 0 && same(&v[at - 1]) {
            // Same code object seen again: the earlier record already covers it.
            return;
        }
        if at < v.len() && same(&v[at]) {
            // Same object as the next record: it applies from this earlier ts on.
            v[at].ts = info.ts;
            self.changed(info.ts);
            return;
        }
        let stale = !v.is_empty();
        v.insert(at, info.clone());
        self.changed(info.ts);
        if stale {
            // Another object at a known address: cached lines may be stale.
            self.forget_lines();
        }
    }

    /// Empties the line cache: what it held may be stale.
    fn forget_lines(&self) {
        self.lines.borrow_mut().clear();
        self.generation.set(self.generation.get() + 1);
        self.version.set(self.version.get() + 1);
    }

    /// Something a frame resolves through changed, at `ts`.
    fn changed(&mut self, ts: u64) {
        self.version.set(self.version.get() + 1);
        self.breakpoints.insert(ts);
    }

    /// A number that changes whenever the symboliser learns something
    /// (a code record, an exec or interpreter, a fork) or empties its line
    /// cache. While it stays the same, the frames of an event of `pid` at
    /// `ts` resolve exactly as those of the same `pid` and raw stack at any
    /// ts of the same [`Symbolizer::span`]: a cache of whole stacks keyed by
    /// pid and raw frames is valid for that version and span.
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// The range `[from, until)` of timestamps around `ts` that no ts the
    /// resolution of frames depends on falls inside: which code record
    /// applies to an address, which exec epoch and interpreter a process is
    /// in, and where the fork fallback stops are the same for every ts in
    /// it.
    pub fn span(&self, ts: u64) -> (u64, u64) {
        let from = self.breakpoints.range(..=ts).next_back().copied().unwrap_or(0);
        let until = self.breakpoints.range(ts.saturating_add(1)..).next().copied().unwrap_or(u64::MAX);
        (from, until)
    }

    /// A number that changes whenever the line cache is emptied (another
    /// code object at a known address, another interpreter or program in a
    /// process, the cache full): while it stays the same, the line of a
    /// code record ([`Symbolizer::frame_info`]) and instruction is what it
    /// was, so a cache of what such pairs resolved to stays valid.
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }

    /// Records that `parent_pid` created `child_pid` (time unknown).
    pub fn add_fork(&mut self, parent_pid: u32, child_pid: u32) {
        self.add_fork_at(parent_pid, child_pid, u64::MAX);
    }

    /// Records that `parent_pid` created `child_pid` at `ts`: the child
    /// falls back on the parent's code records as of that time.
    pub fn add_fork_at(&mut self, parent_pid: u32, child_pid: u32, ts: u64) {
        if parent_pid == child_pid {
            return;
        }
        // Refuse links that would make a cycle.
        let mut p = parent_pid;
        for _ in 0..MAX_FORK_DEPTH {
            match self.parents.get(&p) {
                Some(&(pp, _)) if pp == child_pid => return,
                Some(&(pp, _)) => p = pp,
                None => break,
            }
        }
        self.parents.insert(child_pid, (parent_pid, ts));
        self.changed(ts);
    }

    /// The code record that applies to `code` in `pid` at `ts`, following
    /// the fork chain when the pid has none. Records of another program of
    /// the same pid (across an exec) never apply, and a pid that exec'd
    /// does not fall back on its parent's records.
    pub fn lookup(&self, pid: u32, code: u64, ts: u64) -> Option<&CodeInfo> {
        let (mut pid, mut ts) = (pid, ts);
        for _ in 0..=MAX_FORK_DEPTH {
            let epoch = self.exec_before(pid, ts);
            if let Some(v) = self.codes.get(&(pid, code)) {
                let at = v.partition_point(|c| c.ts <= ts);
                let pick = if at == 0 { &v[0] } else { &v[at - 1] };
                if self.images.is_empty() || self.exec_before(pid, pick.ts) == epoch {
                    return Some(pick);
                }
                if at < v.len() && self.exec_before(pid, v[at].ts) == epoch {
                    return Some(&v[at]);
                }
            }
            if epoch.is_some() {
                return None;
            }
            let &(parent, fork_ts) = self.parents.get(&pid)?;
            pid = parent;
            ts = ts.min(fork_ts);
        }
        None
    }

    /// The line of instruction `instr` of the code record `info` (cached).
    pub fn line(&self, info: &CodeInfo, instr: u64) -> Option<u32> {
        let key = (info.pid, info.code, info.ts, instr);
        if let Some(l) = self.lines.borrow().get(&key) {
            return *l;
        }
        let l = self.decoder.line_in(self.python_at(info.pid, info.ts), info, instr);
        let mut cache = self.lines.borrow_mut();
        if cache.len() >= LINE_CACHE_MAX {
            cache.clear();
            self.generation.set(self.generation.get() + 1);
            self.version.set(self.version.get() + 1);
        }
        cache.insert(key, l);
        l
    }

    /// The code record of one raw frame of `pid` at `ts`, before its line
    /// is decoded: `Some(None)` when unknown, `None` for interpreter
    /// machinery (dropped). [`Symbolizer::frame_ref`] is this plus the line.
    pub fn frame_info(&self, pid: u32, ts: u64, f: &RawFrame) -> Option<Option<&CodeInfo>> {
        if f.code & flake_common::FRAME_SHIM_BIT != 0 {
            return None;
        }
        match self.lookup(pid, f.code, ts) {
            Some(info) if is_machinery(&info.qualname) => None,
            info => Some(info),
        }
    }

    /// One raw frame, borrowed; `None` for interpreter machinery (dropped).
    pub fn frame_ref(&self, pid: u32, ts: u64, f: &RawFrame) -> Option<FrameRef<'_>> {
        let info = self.frame_info(pid, ts, f)?;
        Some(FrameRef {
            info,
            code: f.code,
            line: info.and_then(|i| self.line(i, f.instr)),
        })
    }

    /// One raw frame; `None` for interpreter machinery (dropped).
    pub fn resolve_frame(&self, pid: u32, ts: u64, f: &RawFrame) -> Option<PyFrame> {
        self.frame_ref(pid, ts, f).map(|r| r.to_frame())
    }

    /// The Python stack of `ev`, innermost first, borrowed.
    pub fn frames<'a>(&'a self, ev: &'a Event) -> impl Iterator<Item = FrameRef<'a>> + 'a {
        ev.stack
            .iter()
            .filter_map(move |f| self.frame_ref(ev.pid, ev.ts, f))
    }

    /// The Python stack of `ev`, innermost first.
    pub fn resolve(&self, ev: &Event) -> Vec<PyFrame> {
        self.frames(ev).map(|r| r.to_frame()).collect()
    }

    /// Number of distinct (pid, code) keys known.
    pub fn known_codes(&self) -> usize {
        self.codes.len()
    }
}

/// Lexically normalised absolute form of `file` (relative names are taken
/// relative to `root`).
fn normalise(file: &Path, root: &Path) -> PathBuf {
    let joined = if file.is_absolute() {
        file.to_path_buf()
    } else {
        root.join(file)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// Path components that mark third-party, stdlib or test-runner code.
fn is_foreign_component(c: &str) -> bool {
    matches!(
        c,
        "site-packages"
            | "dist-packages"
            | ".venv"
            | "venv"
            | ".tox"
            | ".nox"
            | "__pypackages__"
            | "_pytest"
            | "pytest"
            | "pluggy"
            | ".eggs"
    ) || is_stdlib_dir(c)
}

/// `python3.11`, `python3.13t`, `python2.7`: a stdlib directory name.
fn is_stdlib_dir(c: &str) -> bool {
    let Some(rest) = c.strip_prefix("python") else {
        return false;
    };
    let rest = rest.trim_end_matches(['t', 'd', 'm']);
    let mut parts = rest.splitn(2, '.');
    let major = parts.next().unwrap_or("");
    let minor = parts.next().unwrap_or("");
    !major.is_empty()
        && !minor.is_empty()
        && major.bytes().all(|b| b.is_ascii_digit())
        && minor.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `filename` is the project's own code under `rootdir`: not a
/// pseudo file (`<frozen ...>`, `<string>`, `<unknown>`), not a truncated
/// name, and not in site-packages, a virtualenv, the stdlib or pytest/pluggy
/// (judged on the part of the path below `rootdir`).
pub fn is_project_file(filename: &str, rootdir: &Path) -> bool {
    if filename.is_empty() || filename.starts_with('<') || filename.starts_with("...") {
        return false;
    }
    let root = normalise(rootdir, Path::new("/"));
    let file = normalise(Path::new(filename), &root);
    let Ok(below) = file.strip_prefix(&root) else {
        return false;
    };
    if below.as_os_str().is_empty() {
        return false;
    }
    !below
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(is_foreign_component))
}

/// Whether `filename` is library code whatever the root directory of a
/// run of a command started in `cwd` (see [`is_project_file`]): a frozen
/// module, or a path through site-packages, a virtualenv, the stdlib or
/// pytest/pluggy, unless `cwd` lies inside that folder (a root directory
/// there could make the file the project's). `<string>`-like names (code
/// given to `exec` or `python -c`) are not library code.
pub fn is_library_file(filename: &str, cwd: &Path) -> bool {
    if filename.starts_with("<frozen ") {
        return true;
    }
    if filename.is_empty() || filename.starts_with('<') || filename.starts_with("...") || cwd.as_os_str().is_empty() {
        return false;
    }
    let file = normalise(Path::new(filename), cwd);
    let mut prefix = PathBuf::new();
    for c in file.components() {
        prefix.push(c.as_os_str());
        if c.as_os_str().to_str().is_some_and(is_foreign_component) && !cwd.starts_with(&prefix) {
            return true;
        }
    }
    false
}

/// Index of the innermost frame (frames are innermost first) that is the
/// project's own code (see [`is_project_file`]).
pub fn innermost_project_frame(frames: &[PyFrame], rootdir: &Path) -> Option<usize> {
    frames
        .iter()
        .position(|f| is_project_file(&f.filename, rootdir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::format::tests::meta;
    use crate::trace::model::StackStatus;

    fn code(pid: u32, addr: u64, ts: u64, name: &str) -> CodeInfo {
        CodeInfo {
            pid,
            code: addr,
            ts,
            filename: format!("/p/{name}.py"),
            filename_truncated: false,
            qualname: name.to_string(),
            firstlineno: 10,
            linetable: vec![ts as u8],
            linetable_truncated: false,
        }
    }

    fn ev(pid: u32, ts: u64, frames: &[(u64, u64)]) -> Event {
        Event {
            ts,
            pid,
            tid: pid,
            cpu: 0,
            kind: EventKind::Sample,
            stack: frames
                .iter()
                .map(|&(code, instr)| RawFrame { code, instr })
                .collect(),
            stack_status: StackStatus::default(),
        }
    }

    /// Fake decoder: line = firstlineno + instr.
    fn sym() -> Symbolizer {
        Symbolizer::new(
            &meta(),
            Box::new(|c: &CodeInfo, instr: u64| Some(c.firstlineno as u32 + instr as u32)),
        )
    }

    fn names(s: &Symbolizer, e: &Event) -> Vec<String> {
        s.resolve(e).into_iter().map(|f| f.qualname).collect()
    }

    #[test]
    fn version_and_span_follow_what_frames_resolve_through() {
        let mut s = sym();
        let v0 = s.version();
        s.add_code(&code(1, 0x10, 10, "f"));
        s.add_code(&code(1, 0x10, 20, "g"));
        let v1 = s.version();
        assert_ne!(v0, v1);
        // the same object seen again changes nothing
        s.add_code(&CodeInfo { ts: 25, ..code(1, 0x10, 20, "g") });
        assert_eq!(s.version(), v1);
        assert_eq!(s.span(5), (0, 10));
        assert_eq!(s.span(10), (10, 20));
        assert_eq!(s.span(19), (10, 20));
        assert_eq!(s.span(30), (20, u64::MAX));
        s.add_fork_at(1, 2, 15);
        assert_ne!(s.version(), v1);
        assert_eq!(s.span(12), (10, 15));
    }

    #[test]
    fn ts_rule() {
        let mut s = sym();
        s.add_code(&code(1, 0x1000, 100, "a"));
        s.add_code(&code(1, 0x1000, 200, "b"));
        // Greatest ts <= event ts.
        assert_eq!(names(&s, &ev(1, 150, &[(0x1000, 0)])), ["a"]);
        assert_eq!(names(&s, &ev(1, 200, &[(0x1000, 0)])), ["b"]);
        assert_eq!(names(&s, &ev(1, 999, &[(0x1000, 0)])), ["b"]);
        // Before every record: the earliest one.
        assert_eq!(names(&s, &ev(1, 5, &[(0x1000, 0)])), ["a"]);
        // Out of order addition.
        s.add_code(&code(1, 0x1000, 150, "c"));
        assert_eq!(names(&s, &ev(1, 160, &[(0x1000, 0)])), ["c"]);
        assert_eq!(names(&s, &ev(1, 149, &[(0x1000, 0)])), ["a"]);
    }

    #[test]
    fn duplicate_records_are_merged() {
        let mut s = sym();
        let mut b = code(1, 0x1000, 50, "b");
        s.add_code(&code(1, 0x1000, 10, "a"));
        s.add_code(&b);
        b.ts = 60;
        s.add_code(&b); // same as the previous: skipped
        b.ts = 40;
        s.add_code(&b); // same as the next: moves it earlier
        assert_eq!(s.codes[&(1, 0x1000)].len(), 2);
        assert_eq!(names(&s, &ev(1, 45, &[(0x1000, 0)])), ["b"]);
        assert_eq!(names(&s, &ev(1, 39, &[(0x1000, 0)])), ["a"]);
    }

    #[test]
    fn lines_unknown_and_machinery() {
        let mut s = sym();
        s.add_code(&code(1, 0x1000, 0, "f"));
        s.add_code(&code(1, 0x2000, 0, "<shim>"));
        s.add_code(&code(1, 0x3000, 0, "<interpreter trampoline>"));
        let e = ev(
            1,
            5,
            &[
                (0x1000, 3),
                (0x2000, 0),
                (0x3000, 0),
                (0x4000 | 1, 0),
                (0xdead0, 7),
            ],
        );
        let fr = s.resolve(&e);
        assert_eq!(
            fr,
            vec![
                PyFrame {
                    filename: "/p/f.py".into(),
                    qualname: "f".into(),
                    line: Some(13),
                    firstlineno: 10
                },
                PyFrame {
                    filename: "<unknown>".into(),
                    qualname: "0xdead0".into(),
                    line: None,
                    firstlineno: 0
                },
            ]
        );
        assert!(fr[1].is_unknown());
        let mut t = code(1, 0x5000, 0, "g");
        t.filename = "deep/dir/x.py".into();
        t.filename_truncated = true;
        s.add_code(&t);
        assert_eq!(
            s.resolve(&ev(1, 5, &[(0x5000, 0)]))[0].filename,
            "...deep/dir/x.py"
        );
        let n = Symbolizer::new(&meta(), Box::new(NoLines));
        let mut n = n;
        n.add_code(&code(1, 0x1000, 0, "f"));
        assert_eq!(n.resolve(&ev(1, 5, &[(0x1000, 3)]))[0].line, None);
    }

    #[test]
    fn parent_fallback() {
        let mut s = sym();
        s.add_code(&code(1, 0x1000, 10, "old"));
        s.add_code(&code(1, 0x1000, 500, "parent_later"));
        s.add_code(&code(3, 0x1000, 10, "own"));
        s.feed(&Record::Event(Event {
            kind: EventKind::Fork { child: 2 },
            ..ev(1, 100, &[])
        }));
        s.add_fork(2, 3);
        // Child 2 has no records: the parent's as of the fork.
        assert_eq!(names(&s, &ev(2, 600, &[(0x1000, 0)])), ["old"]);
        // Grandchild 4 of 1 via 2 (fork time unknown for 2→4).
        s.add_fork(2, 4);
        assert_eq!(names(&s, &ev(4, 600, &[(0x1000, 0)])), ["old"]);
        // Own records win.
        assert_eq!(names(&s, &ev(3, 600, &[(0x1000, 0)])), ["own"]);
        // Parent itself sees its later record.
        assert_eq!(names(&s, &ev(1, 600, &[(0x1000, 0)])), ["parent_later"]);
        // Unknown pid: unknown frame.
        assert_eq!(names(&s, &ev(9, 600, &[(0x1000, 0)])), ["0x1000"]);
        // Cycles are refused and never loop.
        s.add_fork(4, 1);
        s.add_fork(5, 5);
        assert_eq!(names(&s, &ev(77, 1, &[(0x1000, 0)])), ["0x1000"]);
        // Code records fed through feed().
        s.feed(&Record::Code(code(9, 0x1000, 0, "nine")));
        assert_eq!(names(&s, &ev(9, 600, &[(0x1000, 0)])), ["nine"]);
    }

    #[test]
    fn each_process_decodes_with_its_own_interpreter() {
        // "Line" = the minor version the frame is decoded with.
        struct Minor;
        impl LineDecoder for Minor {
            fn line(&self, _: &CodeInfo, _: u64) -> Option<u32> {
                None
            }
            fn line_in(&self, py: Option<&PyProcess>, _: &CodeInfo, _: u64) -> Option<u32> {
                py?.version.split('.').nth(1)?.parse().ok()
            }
        }
        let py = |ts: u64, pid: u32, version: &str| {
            Record::Python(PyProcess { ts, pid, version: version.into(), exe: String::new(), code_adaptive: 0 })
        };
        let event = |pid: u32, ts: u64, kind: EventKind| Record::Event(Event { kind, ..ev(pid, ts, &[]) });
        let mut s = Symbolizer::new(&meta(), Box::new(Minor));
        s.feed(&py(10, 1, "3.11.7"));
        s.add_code(&code(1, 0x1000, 20, "f"));
        let line = |s: &Symbolizer, pid: u32, ts: u64| s.resolve(&ev(pid, ts, &[(0x1000, 0)])).pop().map(|f| (f.qualname, f.line));
        assert_eq!(line(&s, 1, 30), Some(("f".into(), Some(11))));
        // A forked child runs the parent's program until it execs...
        s.feed(&event(1, 40, EventKind::Fork { child: 2 }));
        assert_eq!(line(&s, 2, 45), Some(("f".into(), Some(11))));
        assert_eq!(s.python_at(2, 45).map(|p| p.version.as_str()), Some("3.11.7"));
        // ...and after the exec, the parent's code records no longer apply.
        s.feed(&event(2, 50, EventKind::Exec { filename: "/usr/bin/python3.9".into() }));
        assert_eq!(line(&s, 2, 60), Some(("0x1000".into(), None)));
        assert!(s.python_at(2, 60).is_none());
        s.feed(&py(50, 2, "3.9.18"));
        s.add_code(&code(2, 0x1000, 55, "g"));
        assert_eq!(line(&s, 2, 60), Some(("g".into(), Some(9))));
        // Before the exec it is still the parent's frame, in the parent's version.
        assert_eq!(line(&s, 2, 45), Some(("f".into(), Some(11))));
        assert_eq!(line(&s, 1, 60), Some(("f".into(), Some(11))));
    }

    #[test]
    fn raw_fn_adapter() {
        fn fake(v: &str, ad: u64, addr: u64, lt: &[u8], first: i32, instr: u64) -> Option<u32> {
            assert_eq!(v, "3.11.7");
            Some((ad + addr + lt.len() as u64 + first as u64 + instr) as u32)
        }
        let mut s = Symbolizer::new(&meta(), raw_fn_decoder("3.11.7".into(), 1, fake));
        s.add_code(&code(1, 0x10, 0, "f"));
        // 1 + 0x10 + 1 + 10 + 2
        assert_eq!(s.resolve(&ev(1, 0, &[(0x10, 2)]))[0].line, Some(30));
    }

    #[test]
    fn line_cache() {
        use std::rc::Rc;
        let calls = Rc::new(std::cell::Cell::new(0));
        let c2 = calls.clone();
        let mut s = Symbolizer::new(
            &meta(),
            Box::new(move |c: &CodeInfo, i: u64| {
                c2.set(c2.get() + 1);
                Some(c.firstlineno as u32 + i as u32)
            }),
        );
        s.add_code(&code(1, 0x10, 0, "f"));
        let e = ev(1, 5, &[(0x10, 1), (0x10, 1), (0x10, 2)]);
        let lines: Vec<_> = s.resolve(&e).iter().map(|f| f.line).collect();
        assert_eq!(lines, [Some(11), Some(11), Some(12)]);
        assert_eq!(calls.get(), 2);
        s.resolve(&e);
        assert_eq!(calls.get(), 2);
        // A new object at the same address empties the cache.
        let mut g = code(1, 0x10, 3, "g");
        g.firstlineno = 20;
        s.add_code(&g);
        let lines: Vec<_> = s.resolve(&e).iter().map(|f| f.line).collect();
        assert_eq!(lines, [Some(21), Some(21), Some(22)]);
        assert_eq!(calls.get(), 4);
        // Display forms.
        let fr = s.frames(&e).next().unwrap();
        assert_eq!(fr.to_string(), "/p/g.py:21 g");
        assert_eq!(fr.to_frame().to_string(), "/p/g.py:21 g");
        let u = ev(1, 5, &[(0x98, 0)]);
        assert_eq!(s.frames(&u).next().unwrap().to_string(), "<unknown>:? 0x98");
    }

    #[test]
    fn python_decoder_smoke() {
        let mut m = meta();
        m.python = "not a version".into();
        let d = python_decoder(&m);
        assert_eq!(d.line(&code(1, 0x10, 0, "f"), 0), None);
        m.python = "3.11.7".into();
        let d = python_decoder(&m);
        // Garbage line tables and positions never panic.
        let mut c = code(1, 0x10, 0, "f");
        c.linetable = vec![0xff; 64];
        for instr in [0, 1, 0x10, 0xd0, u64::MAX] {
            let _ = d.line(&c, instr);
        }
    }

    fn pf(file: &str) -> PyFrame {
        PyFrame {
            filename: file.into(),
            qualname: "f".into(),
            line: None,
            firstlineno: 1,
        }
    }

    #[test]
    fn library_files() {
        let cwd = Path::new("/home/u/proj");
        for f in [
            "/usr/lib/python3.11/asyncio/base_events.py",
            "/home/u/proj/.venv/lib/python3.11/site-packages/requests/api.py",
            "/home/u/proj/.venv/lib/python3.11/site-packages/_pytest/runner.py",
            "<frozen importlib._bootstrap>",
            ".venv/lib/python3.12/site-packages/x.py",
        ] {
            assert!(is_library_file(f, cwd), "{f}");
        }
        for f in [
            "/home/u/proj/tests/test_a.py",
            "tests/test_a.py",
            "/tmp/flakebpf-record-x/plugin/flakebpf_plugin.py",
            "<string>",
            "<stdin>",
            "",
            ".../truncated/site-packages/x.py",
        ] {
            assert!(!is_library_file(f, cwd), "{f}");
        }
        // Run from inside the stdlib (its own tests): the stdlib may be the project.
        let inside = Path::new("/usr/lib/python3.11/test");
        assert!(!is_library_file("/usr/lib/python3.11/asyncio/base_events.py", inside));
        assert!(is_library_file("/usr/lib/python3.11/site-packages/x.py", inside));
        // No working folder known: nothing is judged.
        assert!(!is_library_file("/usr/lib/python3.11/asyncio/base_events.py", Path::new("")));
    }

    #[test]
    fn project_frames() {
        let root = Path::new("/home/u/proj");
        let frames = [
            pf("<frozen importlib._bootstrap>"),
            pf("/usr/lib/python3.11/socket.py"),
            pf("/home/u/proj/.venv/lib/python3.11/site-packages/requests/api.py"),
            pf("/home/u/proj/venv/lib/python3.11/x.py"),
            pf("/home/u/proj/src/_pytest/python.py"),
            pf("/home/u/proj/lib/pluggy/_callers.py"),
            pf("...proj/src/app/db.py"),
            pf("<unknown>"),
            pf("/home/u/project2/src/app.py"),
            pf("/home/u/proj/src/app/db.py"),
            pf("/home/u/proj/tests/test_db.py"),
        ];
        assert_eq!(innermost_project_frame(&frames, root), Some(9));
        assert_eq!(innermost_project_frame(&frames[..9], root), None);
        assert!(is_project_file("tests/test_x.py", root));
        assert!(is_project_file(
            "/home/u/proj/./src/../tests/t.py",
            Path::new("/home/u/proj/")
        ));
        assert!(!is_project_file("/home/u/proj/../other/t.py", root));
        assert!(!is_project_file("/home/u/proj", root));
        // A project that itself lives under a directory called venv is fine.
        assert!(is_project_file(
            "/srv/venv/proj/app.py",
            Path::new("/srv/venv/proj")
        ));
        assert!(is_stdlib_dir("python3.13t"));
        assert!(!is_stdlib_dir("python_utils"));
        assert!(!is_stdlib_dir("python3"));
        assert_eq!(innermost_project_frame(&[], root), None);
    }
}
