//! Alignment of trace files written by the trace writer: which frames
//! become project sites, the asyncio task an event runs in, a code address
//! reused by another code object, syscall pairing, and site ids shared by
//! the runs.

use std::path::PathBuf;

use super::*;
use crate::run::outcomes::SessionInfo;
use crate::trace::format::tests::meta;
use crate::trace::model::{CodeInfo, Event, EventKind, RawFrame, Record, StackStatus, TraceEnd, TraceMeta};
use crate::trace::TraceWriter;

const APP: u64 = 0x1000;
const STEP: u64 = 0x2000;
const TEST: u64 = 0x3000;
const LIB: u64 = 0x4000;

fn code(code: u64, ts: u64, filename: &str, qualname: &str) -> Record {
    Record::Code(CodeInfo {
        pid: 10,
        code,
        ts,
        filename: filename.into(),
        filename_truncated: false,
        qualname: qualname.into(),
        firstlineno: 1,
        linetable: vec![],
        linetable_truncated: false,
    })
}

fn ev(ts: u64, tid: u32, kind: EventKind, stack: &[u64]) -> Record {
    let stack = stack.iter().map(|&c| RawFrame { code: c, instr: c + 2 }).collect();
    Record::Event(Event { ts, pid: 10, tid, cpu: 0, kind, stack, stack_status: StackStatus::default() })
}

fn clock(ts: u64, tid: u32, stack: &[u64]) -> Record {
    ev(ts, tid, EventKind::Clock { clock_id: 1, func: "clock_gettime".into() }, stack)
}

/// A run of `records` written to `dir/name` as `flakebpf run` does.
fn run(dir: &Path, index: u32, records: &[Record]) -> RunResult {
    let path = dir.join(format!("run-{index}.trace"));
    // no interpreter version: lines are unknown (0), the frames' names are what is checked
    let mut w = TraceWriter::create(&path, &TraceMeta { python: String::new(), py_code_adaptive: 0, ..meta() }).unwrap();
    for r in records {
        w.write(r).unwrap();
    }
    w.finish(TraceEnd { events: records.len() as u64, ..TraceEnd::default() }).unwrap();
    let session = SessionInfo { rootdir: Some("/proj".into()), ..SessionInfo::default() };
    RunResult { index, trace_path: Some(path), session, ..RunResult::default() }
}

/// `file:function` of each project frame of `e`, innermost first.
fn names(al: &Alignment, e: &AEvent) -> Vec<String> {
    e.frames.iter().map(|&s| format!("{}:{}", al.sites.get(s).file, al.sites.get(s).func)).collect()
}

#[test]
fn traces_align_to_project_sites_tasks_and_paired_syscalls() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(
        dir.path(),
        1,
        &[
            code(APP, 1, "/proj/app.py", "work"),
            code(STEP, 1, "/usr/lib/python3.11/asyncio/events.py", "Handle._run"),
            code(TEST, 1, "/proj/tests/test_x.py", "test_it"),
            code(LIB, 1, "/usr/lib/python3.11/threading.py", "Thread.run"),
            code(0x5000, 1, "<frozen>", "<shim>"),
            // inside an asyncio task stepped by the loop, then in a plain thread
            clock(5, 11, &[APP, STEP, TEST]),
            clock(6, 12, &[APP, LIB, 0x5000, TEST]),
            clock(7, 11, &[APP, STEP, TEST]),
            // another code object at APP's address from ts 8 on
            code(APP, 8, "/proj/other.py", "other"),
            clock(9, 11, &[APP, TEST]),
            // no project frame: left out
            clock(10, 11, &[LIB]),
            ev(11, 12, EventKind::SyscallEnter { nr: 4, args: [7, 0, 0, 0, 0, 0], path: Some("/proj/data".into()), path2: None, buf: vec![] }, &[TEST]),
            ev(12, 12, EventKind::SyscallExit { nr: 4, ret: -2, latency_ns: 1 }, &[TEST]),
        ],
    );
    let second = run(dir.path(), 2, &[code(APP, 1, "/proj/other.py", "other"), code(TEST, 1, "/proj/tests/test_x.py", "test_it"), clock(5, 11, &[APP, TEST])]);
    let al = Alignment::load(&[first, second], Some(PathBuf::from("/proj")));
    assert!(al.warnings.is_empty(), "{:?}", al.warnings);
    let r1 = al.runs[0].as_ref().unwrap();
    let got: Vec<(u64, Vec<String>)> = r1.events.iter().map(|e| (e.ts, names(&al, e))).collect();
    let want = |ts: u64, fr: &[&str]| (ts, fr.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        got,
        vec![
            want(5, &["app.py:work", "tests/test_x.py:test_it"]),
            want(6, &["app.py:work", "tests/test_x.py:test_it"]),
            want(7, &["app.py:work", "tests/test_x.py:test_it"]),
            want(9, &["other.py:other", "tests/test_x.py:test_it"]),
            want(11, &["tests/test_x.py:test_it"]),
        ]
    );
    // the task is the function of the project frame the loop stepped into
    let app_work = al.sites.func(r1.events[0].frames[0]);
    let actors: Vec<(u32, Option<u32>)> = r1.events.iter().map(|e| (r1.actors[e.actor as usize].tid, r1.actors[e.actor as usize].task)).collect();
    assert_eq!(actors, vec![(11, Some(app_work)), (12, None), (11, Some(app_work)), (11, None), (12, None)]);
    assert_eq!(r1.events[4].kind, AKind::Sys { nr: 4, ret: Some(-2), end_ts: 12, requested_ns: None, path: Some("/proj/data".into()), args: [7, 0, 0] });
    assert!(matches!(r1.events[0].kind, AKind::Clock { realtime: false, .. }));
    // the same site has the same id in every run
    let r2 = al.runs[1].as_ref().unwrap();
    assert_eq!(r2.events.len(), 1);
    assert_eq!(r2.events[0].frames, r1.events[3].frames);
    assert_eq!(al.sites.sites.len(), 3);
}

#[test]
fn runs_aligned_in_parallel_number_sites_in_the_order_of_the_runs() {
    let dir = tempfile::tempdir().unwrap();
    // a long first run, so that the later ones are likely done before it
    let mut long = vec![code(APP, 1, "/proj/app.py", "work"), code(TEST, 1, "/proj/tests/test_x.py", "test_it")];
    long.extend((0..20_000).map(|i| clock(10 + i, 11, &[APP, TEST])));
    let runs = [
        run(dir.path(), 1, &long),
        run(dir.path(), 2, &[code(STEP, 1, "/proj/b.py", "b"), code(APP, 1, "/proj/app.py", "work"), clock(5, 11, &[STEP, APP])]),
        run(dir.path(), 3, &[
            code(LIB, 1, "/proj/c.py", "c"),
            code(STEP, 1, "/usr/lib/python3.11/asyncio/events.py", "Handle._run"),
            clock(5, 11, &[LIB, STEP]),
        ]),
    ];
    let al = Alignment::load(&runs, Some(PathBuf::from("/proj")));
    let files: Vec<&str> = al.sites.sites.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(files, vec!["app.py", "tests/test_x.py", "b.py", "c.py"]);
    assert_eq!((0..4).map(|s| al.sites.func(s)).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
    let r2 = al.runs[1].as_ref().unwrap();
    assert_eq!(&r2.events[0].frames[..], &[2, 0]);
    let r3 = al.runs[2].as_ref().unwrap();
    assert_eq!(&r3.events[0].frames[..], &[3]);
    assert_eq!(r3.actors[0].task, Some(3));
    // events with the same frames share them
    let r1 = al.runs[0].as_ref().unwrap();
    assert_eq!(r1.events.len(), 20_000);
    assert!(r1.events[0].frames.id() == r1.events[19_999].frames.id());
    // aligning the runs one by one gives the same
    let mut one_by_one = Alignment::load(&runs[..1], Some(PathBuf::from("/proj")));
    one_by_one.extend(&runs[..2], Some(PathBuf::from("/proj")));
    one_by_one.extend(&runs, Some(PathBuf::from("/proj")));
    assert_eq!(one_by_one.sites.sites, al.sites.sites);
    assert_eq!(one_by_one.runs[2].as_ref().unwrap().actors, r3.actors);
}

#[test]
fn a_raw_stack_seen_again_resolves_by_its_time() {
    let dir = tempfile::tempdir().unwrap();
    // two code objects at one address, both known before the events; events out of time order
    let r = run(
        dir.path(),
        1,
        &[
            code(APP, 1, "/proj/app.py", "work"),
            code(APP, 100, "/proj/other.py", "other"),
            clock(50, 11, &[APP]),
            clock(150, 11, &[APP]),
            clock(60, 11, &[APP]),
            clock(99, 11, &[APP]),
            clock(100, 11, &[APP]),
        ],
    );
    let al = Alignment::load(&[r], Some(PathBuf::from("/proj")));
    let got: Vec<(u64, Vec<String>)> = al.runs[0].as_ref().unwrap().events.iter().map(|e| (e.ts, names(&al, e))).collect();
    let at = |ts: u64, f: &str| (ts, vec![f.to_string()]);
    assert_eq!(got, vec![at(50, "app.py:work"), at(60, "app.py:work"), at(99, "app.py:work"), at(100, "other.py:other"), at(150, "other.py:other")]);
}

#[test]
fn an_alignment_for_some_tests_keeps_what_their_diagnosis_reads() {
    use crate::run::{Phase, TestWindow, WindowSource};
    use crate::trace::model::EnvOp;
    use crate::trace::syscalls::nr;
    let dir = tempfile::tempdir().unwrap();
    let sys = |ts: u64, n: u32, path: &str, ret: i64| {
        [
            ev(ts, 10, EventKind::SyscallEnter { nr: n, args: [0; 6], path: Some(path.into()), path2: None, buf: vec![] }, &[TEST]),
            ev(ts + 1, 10, EventKind::SyscallExit { nr: n, ret, latency_ns: 1 }, &[TEST]),
        ]
    };
    let env = |ts: u64, name: &str| ev(ts, 10, EventKind::Env { op: EnvOp::Set, name: name.into(), value: Some("1".into()) }, &[TEST]);
    let mut records = vec![code(APP, 1, "/proj/app.py", "work"), code(TEST, 1, "/proj/tests/test_x.py", "test_it")];
    // test a (0-99), before the flaky b: the first clock read of each stack, the file syscall that returned
    records.extend([clock(10, 10, &[APP, TEST]), clock(20, 10, &[APP, TEST]), clock(30, 10, &[TEST])]);
    records.extend(sys(40, nr::OPENAT, "/tmp/x", 3));
    // between the tests: the environment write and the removal before b began
    records.extend([env(150, "MODE"), clock(160, 10, &[TEST])]);
    records.extend(sys(170, nr::UNLINK, "/tmp/y", 0));
    // b (200-299): everything
    records.extend([clock(210, 10, &[APP, TEST]), clock(220, 10, &[APP, TEST])]);
    records.extend(sys(230, nr::OPENAT, "/tmp/x", -2));
    // after b began: nothing
    records.extend([env(350, "MODE"), clock(410, 10, &[APP, TEST])]);
    records.extend(sys(420, nr::OPENAT, "/tmp/z", 3));
    let mut r = run(dir.path(), 1, &records);
    let w = |nodeid: &str, start: u64| TestWindow { nodeid: nodeid.into(), phase: Phase::Call, pid: 10, tid: Some(10), start_ns: start, end_ns: start + 99, source: WindowSource::Plugin };
    r.windows = vec![w("a", 0), w("b", 200), w("c", 400)];
    let runs = [r];
    let all = Alignment::load(&runs, Some(PathBuf::from("/proj")));
    let mut some = Alignment::for_tests(["b".to_string()].into());
    some.extend(&runs, Some(PathBuf::from("/proj")));
    let ts = |al: &Alignment| al.runs[0].as_ref().unwrap().events.iter().map(|e| e.ts).collect::<Vec<_>>();
    assert_eq!(ts(&all), vec![10, 20, 30, 40, 150, 160, 170, 210, 220, 230, 350, 410, 420]);
    assert_eq!(ts(&some), vec![10, 30, 40, 150, 170, 210, 220, 230]);
    // the events kept are the same, with the same sites and actors
    let full = &all.runs[0].as_ref().unwrap().events;
    for e in &some.runs[0].as_ref().unwrap().events {
        let same = full.iter().find(|f| f.ts == e.ts).unwrap();
        assert_eq!((&same.kind, &same.frames, same.window, same.actor), (&e.kind, &e.frames, e.window, e.actor));
    }
    assert_eq!(all.sites.sites, some.sites.sites);
    assert_eq!(all.runs[0].as_ref().unwrap().actors, some.runs[0].as_ref().unwrap().actors);
    // it serves b, not a test it kept nothing for
    assert!(some.serves(&["b".to_string()].into()) && !some.serves(&["a".to_string()].into()));
    assert!(all.serves(&["a".to_string()].into()));
}
