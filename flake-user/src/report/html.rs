//! `--html FILE`: one self-contained page per session (inline CSS, SVG and
//! a few lines of JS; nothing loaded from the network). For each flaky test:
//! its verdict and counts, the ranked causes with evidence, fix, proof and
//! the source around the root-cause line (read from the rootdir), a
//! failing and a passing run's timelines on one time scale (threads as
//! lanes, test phases, events at their Python lines, off-CPU spans,
//! wakeups, the first event at the root-cause line marked as the
//! divergence), and the pass-vs-fail timings of [`super::timing`].
//!
//! This module computes the page's geometry into plain structs; the markup
//! is the minijinja template `html.j2`.

use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use super::outputs::{counts_text, Session};
use super::timeline::{self, MarkKind, Timeline};
use super::timing::{fmt_us, pcts, test_timing, Pcts, TestTiming};
use super::{Cause, TestReport, TrialSummary, Verdict};
use crate::align::Alignment;
use crate::run::repeat::{samples, Grouping};
use crate::run::RunResult;

const TEMPLATE: &str = include_str!("html.j2");
/// Timeline geometry (SVG user units).
const WIDTH: f64 = 1000.0;
const GUTTER: f64 = 170.0;
const LANE_H: f64 = 34.0;
const AXIS_H: f64 = 26.0;
/// Marks drawn per timeline, at most.
const MAX_MARKS: usize = 4000;
/// Wall-clock reads labelled with their time per timeline, at most.
const MAX_CLOCK_LABELS: usize = 12;
/// Source lines shown either side of a root-cause line.
const CONTEXT: u32 = 4;

#[derive(Serialize)]
struct SrcLine {
    no: u32,
    text: String,
    hit: bool,
}

#[derive(Serialize)]
struct CauseView {
    rank: usize,
    category: String,
    file: String,
    line: u32,
    function: String,
    confidence_pct: u32,
    proven: bool,
    evidence: String,
    fix: String,
    polluter: Option<String>,
    source: Vec<SrcLine>,
}

#[derive(Serialize)]
struct LaneView {
    y: f64,
    label: String,
}

#[derive(Serialize)]
struct RectView {
    x: f64,
    w: f64,
    y: f64,
    label: String,
    cls: String,
}

#[derive(Serialize)]
struct MarkView {
    x: f64,
    w: f64,
    y: f64,
    h: f64,
    kind: &'static str,
    tip: String,
    /// Drawn above the mark (the seconds a wall-clock read saw).
    label: Option<String>,
}

#[derive(Serialize)]
struct LinkView {
    x: f64,
    y1: f64,
    y2: f64,
}

#[derive(Serialize)]
struct Tick {
    x: f64,
    label: String,
    anchor: &'static str,
}

#[derive(Serialize)]
struct Divergence {
    x: f64,
    what: String,
    stack: Vec<String>,
}

#[derive(Serialize)]
struct TimelineView {
    title: String,
    failed: bool,
    height: f64,
    lanes: Vec<LaneView>,
    phases: Vec<RectView>,
    marks: Vec<MarkView>,
    links: Vec<LinkView>,
    ticks: Vec<Tick>,
    divergence: Option<Divergence>,
    note: String,
}

#[derive(Serialize)]
struct Bar {
    x: f64,
    w: f64,
    y: f64,
    h: f64,
}

#[derive(Serialize)]
struct HistView {
    pass: Vec<Bar>,
    fail: Vec<Bar>,
    ticks: Vec<Tick>,
    pass_n: usize,
    fail_n: usize,
    pass_txt: String,
    fail_txt: String,
}

#[derive(Serialize)]
struct LineRow {
    file: String,
    line: u32,
    function: String,
    pass: String,
    fail: String,
}

#[derive(Serialize)]
struct FlakyView {
    nodeid: String,
    anchor: String,
    counts: String,
    passed: u32,
    failed: u32,
    error: u32,
    causes: Vec<CauseView>,
    trials: Vec<TrialSummary>,
    timelines: Vec<TimelineView>,
    timeline_note: String,
    hist: Option<HistView>,
    lines: Vec<LineRow>,
}

#[derive(Serialize)]
struct TestRow {
    nodeid: String,
    verdict: String,
    passed: u32,
    failed: u32,
    error: u32,
    skipped: u32,
    causes: usize,
}

#[derive(Serialize)]
struct Legend {
    kind: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct Page {
    command: String,
    rootdir: String,
    runs: u32,
    python: String,
    version: String,
    lost_events: u64,
    stopped_early: Option<String>,
    flaky_count: usize,
    tests: Vec<TestRow>,
    flaky: Vec<FlakyView>,
    legend: Vec<Legend>,
}

fn source_lines(rootdir: &Path, c: &Cause) -> Vec<SrcLine> {
    let path = if Path::new(&c.file).is_absolute() { Path::new(&c.file).to_path_buf() } else { rootdir.join(&c.file) };
    let Ok(text) = std::fs::read_to_string(&path) else { return vec![] };
    let from = c.line.saturating_sub(CONTEXT).max(1);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l))
        .filter(|(no, _)| *no >= from && *no <= c.line + CONTEXT)
        .map(|(no, l)| SrcLine { no, text: l.to_string(), hit: no == c.line })
        .collect()
}

fn cause_view(rootdir: &Path, rank: usize, c: &Cause) -> CauseView {
    CauseView {
        rank,
        category: c.category.as_str().replace('_', " "),
        file: c.file.clone(),
        line: c.line,
        function: c.function.clone(),
        confidence_pct: (c.confidence * 100.0).round() as u32,
        proven: c.proven,
        evidence: c.evidence.clone(),
        fix: c.fix.clone(),
        polluter: c.polluter.clone(),
        source: source_lines(rootdir, c),
    }
}

fn legend_label(k: MarkKind) -> &'static str {
    match k {
        MarkKind::Clock => "clock read",
        MarkKind::Entropy => "entropy",
        MarkKind::Lock => "lock wait",
        MarkKind::Io => "I/O",
        MarkKind::Sleep => "sleep",
        MarkKind::Env => "env write",
        MarkKind::Preempted => "preempted",
        MarkKind::Blocked => "blocked",
        MarkKind::Wakeup => "wakeup",
    }
}

/// A time in ms with a precision that suits the span.
fn ms_label(ns: u64) -> String {
    let ms = ns as f64 / 1e6;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// The timeline of one run drawn on a scale of `span_ns`.
fn timeline_view(tl: &Timeline, failed: bool, span_ns: u64, root: Option<&Cause>) -> TimelineView {
    let scale = (WIDTH - GUTTER - 10.0) / span_ns.max(1) as f64;
    let x = |ts: u64| GUTTER + ts.saturating_sub(tl.start_ns) as f64 * scale;
    let lane_y = |i: usize| AXIS_H + i as f64 * LANE_H;
    let lanes = tl
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| LaneView { y: lane_y(i), label: if l.tid == l.pid { format!("main thread {}", l.tid) } else { format!("thread {}", l.tid) } })
        .collect();
    let phases = tl
        .phases
        .iter()
        .map(|p| RectView { x: x(p.start_ns), w: ((p.end_ns.saturating_sub(p.start_ns)) as f64 * scale).max(1.0), y: lane_y(p.lane), label: p.phase.to_string(), cls: p.phase.to_string() })
        .collect();
    let mut marks = vec![];
    let mut links = vec![];
    // the seconds each wall-clock read saw, when there are few enough to read
    let walls = tl.marks.iter().filter(|m| m.wall.is_some()).count();
    for m in &tl.marks {
        let at = m.at().map(|f| format!("{}:{} {}", f.file, f.line, f.function)).unwrap_or_else(|| "no project frame".into());
        let t = format!("+{} {}: {}\n{at}", ms_label(m.ts.saturating_sub(tl.start_ns)), legend_label(m.kind), m.what);
        // rows of a lane: instants across it, syscall spans above, off-CPU spans at the bottom
        let w = m.dur_ns as f64 * scale;
        let (dy, h, w) = match m.kind {
            _ if m.dur_ns == 0 || w < 1.5 => (9.0, 20.0, 2.5),
            MarkKind::Preempted | MarkKind::Blocked => (26.0, 5.0, w),
            _ => (14.0, 9.0, w),
        };
        let x0 = if w == 2.5 { x(m.ts) - 1.0 } else { x(m.ts) };
        let label = m.wall.as_ref().filter(|_| walls <= MAX_CLOCK_LABELS).map(|w| w.get(6..).unwrap_or(w).to_string());
        marks.push(MarkView { x: x0, w, y: lane_y(m.lane) + dy, h, kind: m.kind.as_str(), tip: t, label });
        if let Some(w) = m.wakee_lane.filter(|w| *w != m.lane) {
            links.push(LinkView { x: x(m.ts), y1: lane_y(m.lane) + LANE_H / 2.0, y2: lane_y(w) + LANE_H / 2.0 });
        }
    }
    let ticks = (0..=5).map(|i| {
        let ns = span_ns * i / 5;
        Tick { x: GUTTER + ns as f64 * scale, label: ms_label(ns), anchor: if i == 5 { "end" } else if i == 0 { "start" } else { "middle" } }
    }).collect();
    // the first event at the root-cause line; a line that makes no traced
    // event (an assignment) is shown by the first event of its function
    let divergence = root.and_then(|c| {
        let (i, whose) = match tl.first_at(&c.file, c.line) {
            Some(i) => (i, "at the root-cause line".to_string()),
            None => (tl.first_in(&c.file, &c.function)?, format!("in {} (the root-cause line itself makes no traced event)", c.function)),
        };
        let m = &tl.marks[i];
        Some(Divergence {
            x: x(m.ts),
            what: format!("First event {whose}: +{}: {} ({})", ms_label(m.ts.saturating_sub(tl.start_ns)), m.what, legend_label(m.kind)),
            // the project's frames (the runner's are noise here)
            stack: m.stack.iter().filter(|f| f.project).map(|f| format!("{}:{} {}", f.file, f.line, f.function)).collect(),
        })
    });
    let mut note = String::new();
    if root.is_some() && divergence.is_none() {
        note.push_str("No traced event at the root-cause line or in its function in this run. ");
    }
    if tl.dropped > 0 {
        note.push_str(&format!("{} later events not drawn. ", tl.dropped));
    }
    TimelineView {
        title: format!("Run {} — {}", tl.run, if failed { "failed" } else { "passed" }),
        failed,
        // room below the lanes for the divergence's label
        height: AXIS_H + tl.lanes.len().max(1) as f64 * LANE_H + 16.0,
        lanes,
        phases,
        marks,
        links,
        ticks,
        divergence,
        note: note.trim_end().to_string(),
    }
}

/// The first failing and the first passing run of `nodeid` that kept a trace.
fn pick_runs<'a>(runs: &'a [RunResult], nodeid: &str) -> (Option<&'a RunResult>, Option<&'a RunResult>) {
    let mut failing = None;
    let mut passing = None;
    for run in runs.iter().filter(|r| r.trace_path.is_some()) {
        let g = Grouping::of(std::slice::from_ref(run));
        let mine: Vec<_> = run.outcomes.iter().filter(|o| g.base(&o.nodeid) == nodeid).collect();
        if mine.is_empty() {
            continue;
        }
        if mine.iter().any(|o| o.outcome.is_bad()) {
            failing = failing.or(Some(run));
        } else if mine.iter().all(|o| o.outcome == crate::run::Outcome::Passed) {
            passing = passing.or(Some(run));
        }
    }
    (failing, passing)
}

fn timelines(s: &Session, t: &TestReport) -> (Vec<TimelineView>, String) {
    let (failing, passing) = pick_runs(s.runs, &t.nodeid);
    let mut got: Vec<(Timeline, bool)> = vec![];
    let mut notes = vec![];
    for (run, failed) in [(failing, true), (passing, false)] {
        let Some(run) = run else {
            notes.push(format!("No {} run kept a trace.", if failed { "failing" } else { "passing" }));
            continue;
        };
        match timeline::extract(run, &|n| n == t.nodeid, s.rootdir(), MAX_MARKS) {
            Ok(tl) => got.push((tl, failed)),
            Err(e) => notes.push(format!("Run {}: {e:#}", run.index)),
        }
    }
    let span = got.iter().map(|(tl, _)| tl.end_ns.saturating_sub(tl.start_ns)).max().unwrap_or(1);
    let views = got.iter().map(|(tl, failed)| timeline_view(tl, *failed, span, t.causes.first())).collect();
    (views, notes.join(" "))
}

/// Bars of two sample sets on shared bins (`w`×`h` box, left margin 40).
fn hist(t: &TestTiming) -> Option<HistView> {
    const W: f64 = 560.0;
    const H: f64 = 120.0;
    const BINS: u64 = 16;
    let all: Vec<u64> = t.dur_pass.iter().chain(&t.dur_fail).copied().collect();
    let (lo, hi) = (*all.iter().min()?, *all.iter().max()?);
    let width = ((hi - lo) / BINS).max(1);
    let count = |v: &[u64]| {
        let mut c = vec![0u32; BINS as usize];
        for &x in v {
            c[(((x - lo) / width).min(BINS - 1)) as usize] += 1;
        }
        c
    };
    let (cp, cf) = (count(&t.dur_pass), count(&t.dur_fail));
    let top = cp.iter().chain(&cf).copied().max().unwrap_or(1).max(1) as f64;
    let bw = (W - 40.0) / BINS as f64;
    let bars = |c: &[u32], off: f64| {
        c.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| {
                let h = *n as f64 / top * H;
                Bar { x: 40.0 + i as f64 * bw + off, w: bw / 2.0 - 1.0, y: 10.0 + H - h, h }
            })
            .collect::<Vec<_>>()
    };
    let ticks = (0..=4)
        .map(|i| Tick { x: 40.0 + (W - 40.0) * i as f64 / 4.0, label: fmt_us(lo + (width * BINS) * i / 4), anchor: if i == 4 { "end" } else { "middle" } })
        .collect();
    Some(HistView {
        pass: bars(&cp, 0.0),
        fail: bars(&cf, bw / 2.0),
        ticks,
        pass_n: t.dur_pass.len(),
        fail_n: t.dur_fail.len(),
        pass_txt: pct_text(&pcts(&t.dur_pass)),
        fail_txt: pct_text(&pcts(&t.dur_fail)),
    })
}

fn pct_text(p: &Option<Pcts>) -> String {
    match p {
        Some(p) => format!("p50 {} · p90 {} · max {}", fmt_us(p.p50), fmt_us(p.p90), fmt_us(p.max)),
        None => "—".into(),
    }
}

fn page(s: &Session) -> Page {
    let r = s.report;
    let flaky_tests: Vec<&TestReport> = s.flaky().collect();
    // timings: a test repeated inside a session counts each execution
    let samples = samples(s.runs, &Grouping::of(s.runs));
    let al = if flaky_tests.is_empty() { None } else { Some(Alignment::load(&samples, Some(s.rootdir().to_path_buf()))) };
    let flaky = flaky_tests
        .iter()
        .map(|t| {
            let timing = al.as_ref().map(|al| test_timing(&samples, al, &t.nodeid, 8));
            let (timelines, timeline_note) = timelines(s, t);
            FlakyView {
                nodeid: t.nodeid.clone(),
                anchor: t.nodeid.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect(),
                counts: counts_text(t),
                passed: t.outcomes.passed,
                failed: t.outcomes.failed,
                error: t.outcomes.error,
                causes: t.causes.iter().enumerate().map(|(i, c)| cause_view(s.rootdir(), i + 1, c)).collect(),
                trials: t.trials.clone(),
                timelines,
                timeline_note,
                hist: timing.as_ref().and_then(hist),
                lines: timing
                    .map(|tt| {
                        tt.lines
                            .iter()
                            .map(|l| LineRow { file: l.file.clone(), line: l.line, function: l.function.clone(), pass: pct_text(&pcts(&l.pass)), fail: pct_text(&pcts(&l.fail)) })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut tests: Vec<TestRow> = r
        .tests
        .iter()
        .map(|t| TestRow {
            nodeid: t.nodeid.clone(),
            verdict: t.verdict.as_str().to_string(),
            passed: t.outcomes.passed,
            failed: t.outcomes.failed,
            error: t.outcomes.error,
            skipped: t.outcomes.skipped,
            causes: t.causes.len(),
        })
        .collect();
    let order = |v: &str| [Verdict::Flaky, Verdict::Fail, Verdict::Pass, Verdict::Skipped].iter().position(|x| x.as_str() == v).unwrap_or(9);
    tests.sort_by_key(|t| order(&t.verdict));
    Page {
        command: crate::report::table::shell_words(&r.command),
        rootdir: r.rootdir.clone(),
        runs: r.runs,
        python: r.python.clone(),
        version: r.tool.version.clone(),
        lost_events: r.lost_events,
        stopped_early: r.stopped_early.clone(),
        flaky_count: flaky_tests.len(),
        tests,
        flaky,
        legend: MarkKind::ALL.iter().map(|&k| Legend { kind: k.as_str(), label: legend_label(k) }).collect(),
    }
}

/// The HTML page of a session.
pub fn render(s: &Session) -> anyhow::Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("report.html", TEMPLATE).context("the HTML template")?;
    let page = page(s);
    let html = env.get_template("report.html")?.render(minijinja::context! { p => page }).context("rendering the HTML page")?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_bins_share_a_scale() {
        let t = TestTiming { nodeid: "t".into(), dur_pass: vec![100, 110, 120], dur_fail: vec![900, 1000], lines: vec![] };
        let h = hist(&t).unwrap();
        // 100..120 share the first bin; 900 and 1000 fall in the last two
        assert_eq!((h.pass.len(), h.fail.len()), (1, 2), "bins with samples");
        assert!(h.pass.iter().all(|b| b.x < h.fail[0].x));
        assert_eq!((h.pass_n, h.fail_n), (3, 2));
        assert_eq!(ms_label(1_500_000), "1.50 ms");
    }
}
