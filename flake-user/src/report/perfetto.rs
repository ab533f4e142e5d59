//! `--perfetto FILE`: the traced runs as a Chrome JSON trace (the Trace
//! Event Format, which the Perfetto UI and `trace_processor` open): every
//! run that kept a trace is a process track group ("run 3: failed"), each
//! thread a track; test phases are nested slices (test → setup/call/
//! teardown) on the thread's track; clock reads, entropy and environment
//! writes are instants there, with their Python stack in the args; syscalls
//! and waits, off-CPU spans and wakeups are slices on three tracks of their
//! own beside each thread (so every track nests properly); a wakeup is a
//! flow from the waker's track to the woken thread's.
//!
//! Only the windows of the flaky tests are filled with events (all tests
//! when none is flaky), to keep the file small.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::outputs::Session;
use super::timeline::{self, Frame, MarkKind, Timeline};
use crate::run::repeat::Grouping;
use crate::run::RunResult;

/// Most marks per run.
const MAX_MARKS: usize = 50_000;
/// Track group ids: run index × this + pid, so pids of different runs stay apart.
const PID_STRIDE: u64 = 10_000_000;

fn us(ns: u64, base: u64) -> f64 {
    ns.saturating_sub(base) as f64 / 1000.0
}

fn stack_arg(stack: &[Frame]) -> Value {
    json!(stack.iter().map(|f| format!("{}:{} {}", f.file, f.line, f.function)).collect::<Vec<_>>())
}

/// The verdict word of a run for a process name.
fn run_label(run: &RunResult, session: &Session) -> String {
    let grouping = Grouping::of(std::slice::from_ref(run));
    let flaky: Vec<&str> = session.flaky().map(|t| t.nodeid.as_str()).collect();
    let bad = run.outcomes.iter().any(|o| o.outcome.is_bad() && (flaky.is_empty() || flaky.contains(&grouping.base(&o.nodeid))));
    format!("run {}: {}", run.index, if bad { "failed" } else { "passed" })
}

/// Tracks of a thread besides its own: spans that may overlap its test
/// slices get tracks of their own, so every track nests properly.
#[derive(Clone, Copy)]
enum Sub {
    /// Syscalls and waits (one at a time per thread).
    Sys = 1,
    /// Time off the CPU.
    OffCpu = 2,
    /// Wakeups this thread made or received (flow ends).
    Wakeups = 3,
}

/// Pseudo thread ids start above the kernel's largest pid (2^22).
const TID_STRIDE: u64 = 10_000_000;

fn sub_tid(tid: u32, sub: Sub) -> u64 {
    sub as u64 * TID_STRIDE + tid as u64
}

/// The trace events of one run's timeline.
fn run_events(run: &RunResult, tl: &Timeline, label: &str, base: u64, flow_id: &mut u64, out: &mut Vec<Value>) {
    let gpid = |pid: u32| run.index as u64 * PID_STRIDE + pid as u64;
    let mut named: Vec<u32> = vec![];
    for (i, lane) in tl.lanes.iter().enumerate() {
        if !named.contains(&lane.pid) {
            named.push(lane.pid);
            out.push(json!({"ph": "M", "name": "process_name", "pid": gpid(lane.pid), "tid": 0, "args": {"name": format!("{label} (pid {})", lane.pid)}}));
            out.push(json!({"ph": "M", "name": "process_sort_index", "pid": gpid(lane.pid), "tid": 0, "args": {"sort_index": run.index}}));
        }
        let name = if lane.tid == lane.pid { format!("main thread {}", lane.tid) } else { format!("thread {}", lane.tid) };
        let tracks = [(lane.tid as u64, name.clone()), (sub_tid(lane.tid, Sub::Sys), format!("{name}: syscalls and waits")), (sub_tid(lane.tid, Sub::OffCpu), format!("{name}: off CPU")), (sub_tid(lane.tid, Sub::Wakeups), format!("{name}: wakeups"))];
        for (k, (tid, n)) in tracks.into_iter().enumerate() {
            out.push(json!({"ph": "M", "name": "thread_name", "pid": gpid(lane.pid), "tid": tid, "args": {"name": n}}));
            out.push(json!({"ph": "M", "name": "thread_sort_index", "pid": gpid(lane.pid), "tid": tid, "args": {"sort_index": i * 4 + k}}));
        }
    }
    // a test slice around its phases (phases of one test and lane are contiguous)
    let mut tests: Vec<(usize, &str, u64, u64)> = vec![];
    for p in &tl.phases {
        match tests.last_mut() {
            Some(t) if t.0 == p.lane && t.1 == p.nodeid => t.3 = t.3.max(p.end_ns),
            _ => tests.push((p.lane, &p.nodeid, p.start_ns, p.end_ns)),
        }
    }
    for (lane, nodeid, start, end) in tests {
        let l = &tl.lanes[lane];
        let outcome = run.outcome(nodeid).map(|o| json!(o.outcome)).unwrap_or(Value::Null);
        out.push(json!({"ph": "X", "cat": "test", "name": nodeid, "pid": gpid(l.pid), "tid": l.tid,
            "ts": us(start, base), "dur": us(end, start), "args": {"outcome": outcome}}));
    }
    for p in &tl.phases {
        let l = &tl.lanes[p.lane];
        out.push(json!({"ph": "X", "cat": "phase", "name": p.phase, "pid": gpid(l.pid), "tid": l.tid,
            "ts": us(p.start_ns, base), "dur": us(p.end_ns, p.start_ns), "args": {"test": p.nodeid}}));
    }
    // spans on a sub-track end where the next one on that track starts
    let mut last_end: HashMap<(u32, u64), u64> = HashMap::new();
    let mut span = |pid: u32, tid: u64, start: u64, dur: u64| -> (u64, u64) {
        let end = last_end.entry((pid, tid)).or_insert(0);
        let start = start.max(*end);
        *end = start + dur;
        (start, dur)
    };
    for m in &tl.marks {
        let l = &tl.lanes[m.lane];
        let at = m.at().map(|f| format!(" @ {}:{}", f.file, f.line)).unwrap_or_default();
        let args = json!({"what": m.what, "stack": stack_arg(&m.stack)});
        let name = format!("{}{at}", m.kind.as_str());
        if let Some(w) = m.wakee_lane.map(|i| &tl.lanes[i]) {
            // a flow from a 1 µs slice on the waker's wakeup track to one on the wakee's
            *flow_id += 1;
            let (a, _) = span(l.pid, sub_tid(l.tid, Sub::Wakeups), m.ts, 1000);
            let (b, _) = span(w.pid, sub_tid(w.tid, Sub::Wakeups), m.ts, 1000);
            out.push(json!({"ph": "X", "cat": "wakeup", "name": name, "pid": gpid(l.pid), "tid": sub_tid(l.tid, Sub::Wakeups),
                "ts": us(a, base), "dur": 1.0, "bind_id": *flow_id, "flow_out": true, "args": args}));
            out.push(json!({"ph": "X", "cat": "wakeup", "name": format!("woken by thread {}", l.tid), "pid": gpid(w.pid), "tid": sub_tid(w.tid, Sub::Wakeups),
                "ts": us(b, base), "dur": 1.0, "bind_id": *flow_id, "flow_in": true}));
            continue;
        }
        if m.dur_ns == 0 {
            out.push(json!({"ph": "i", "s": "t", "cat": m.kind.as_str(), "name": name, "pid": gpid(l.pid), "tid": l.tid, "ts": us(m.ts, base), "args": args}));
            continue;
        }
        let sub = if matches!(m.kind, MarkKind::Preempted | MarkKind::Blocked) { Sub::OffCpu } else { Sub::Sys };
        let tid = sub_tid(l.tid, sub);
        let (start, dur) = span(l.pid, tid, m.ts, m.dur_ns);
        out.push(json!({"ph": "X", "cat": m.kind.as_str(), "name": name, "pid": gpid(l.pid), "tid": tid, "ts": us(start, base), "dur": us(dur, 0), "args": args}));
    }
}

/// The Chrome JSON trace of a session.
pub fn render(s: &Session) -> anyhow::Result<String> {
    let flaky: Vec<&str> = s.flaky().map(|t| t.nodeid.as_str()).collect();
    let wanted = |n: &str| flaky.is_empty() || flaky.contains(&n);
    let mut timelines: Vec<(&RunResult, Timeline)> = vec![];
    for run in s.runs.iter().filter(|r| r.trace_path.is_some()) {
        timelines.push((run, timeline::extract(run, &wanted, s.rootdir(), MAX_MARKS)?));
    }
    let mut events = vec![];
    let mut flow_id = 0u64;
    for (run, tl) in timelines.iter().filter(|(_, t)| !t.phases.is_empty()) {
        // every run on its own time origin (its first test starts at 0)
        run_events(run, tl, &run_label(run, s), tl.start_ns, &mut flow_id, &mut events);
    }
    let doc = json!({
        "traceEvents": events,
        "displayTimeUnit": "ms",
        "otherData": {"tool": "flakebpf", "version": s.report.tool.version, "command": s.report.command, "rootdir": s.report.rootdir},
    });
    Ok(serde_json::to_string(&doc)? + "\n")
}
