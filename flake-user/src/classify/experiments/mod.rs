//! Experiments: the classifier's hypotheses (causes from the observed runs)
//! are tested by controlled reruns that change one thing at one place, and
//! the causes are ranked by the measured effect.
//!
//! For each flaky test the planner ([`plan`]) picks experiments for its
//! strongest hypotheses: the failing order replayed with leaked state
//! looked for and put back ([`order`]), fixed hash seeds or fixed draws at
//! a line ([`seeds`]), waits stretched or shrunk, a pause (also at the far
//! end of a window the runs showed), a clock edge at a line, or a clock
//! read that opens a window moved later ([`line`]),
//! results or tasks made to finish in order and in reverse ([`completion`]). Each
//! experiment asks for runs ([`next_trial`], within the budget the run loop
//! sets) and then says what its runs showed ([`conclude`]): the counts go
//! into the cause's evidence, a significant effect (Fisher exact test
//! against the plain runs, p < [`ALPHA`]) makes the cause `proven`. Proven
//! causes come first, most significant first; unproven ones keep the
//! classifier's order below them with their confidence capped; the
//! confidences reported are the rates measured on unseen code
//! ([`calibrate`]).

pub mod calibrate;
pub mod completion;
pub mod drivers;
pub mod fixes;
pub mod line;
pub mod moves;
pub mod order;
pub mod polluter;
pub mod seeds;
pub mod setter;

use std::path::Path;

use crate::report::{Basis, Category, Cause};
use crate::run::trials::{Condition, Trial};
use crate::run::RunResult;

use super::stats::fisher_greater;

/// Significance level of an experiment's effect.
pub const ALPHA: f64 = 0.05;
/// Highest confidence of a cause no experiment confirmed.
pub const UNPROVEN_CAP: f64 = 0.6;
/// The classifier's hypotheses (distinct lines) that get an experiment of
/// their own; the inventory's candidates follow, as the budget allows.
const MAX_HYPOTHESES: usize = 3;

/// What an experiment sees: the test, the observed runs, the hypotheses
/// and the reruns made so far for this test.
pub struct Ctx<'a> {
    pub nodeid: &'a str,
    pub runs: &'a [RunResult],
    pub causes: &'a [Cause],
    pub done: &'a [Trial],
}

impl Ctx<'_> {
    /// (failed, ran) of the test in the observed runs.
    pub fn plain(&self) -> (u32, u32) {
        let mut f = 0;
        let mut n = 0;
        for r in self.runs {
            if let Some(o) = r.outcome(self.nodeid) {
                n += 1;
                f += o.outcome.is_bad() as u32;
            }
        }
        (f, n)
    }

    /// The reruns made under `c`.
    pub fn of<'b>(&'b self, c: &'b Condition) -> impl Iterator<Item = &'b Trial> + 'b {
        self.done.iter().filter(move |t| t.condition == *c)
    }

    /// (failed, ran) under `c`.
    pub fn counts(&self, c: &Condition) -> (u32, u32) {
        counts(self.of(c))
    }
}

/// (failed, ran) of some reruns.
pub fn counts<'a>(it: impl Iterator<Item = &'a Trial>) -> (u32, u32) {
    it.fold((0, 0), |(f, n), t| (f + t.failed() as u32, n + t.outcome.is_some() as u32))
}

/// Two-sided Fisher exact test: do `fa` failures in `na` runs differ from
/// `fb` in `nb`?
pub fn fisher_two_sided(fa: u32, na: u32, fb: u32, nb: u32) -> f64 {
    let more = fisher_greater(fa, na, fb, nb);
    let less = fisher_greater(na - fa, na, nb - fb, nb);
    (2.0 * more.min(less)).min(1.0)
}

pub fn runs_of(n: u32) -> String {
    if n == 1 { "1 run".into() } else { format!("{n} runs") }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What an experiment concluded about the causes at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Which causes it is about.
    pub target: Target,
    /// The sentence with the counts, for the evidence.
    pub said: String,
    /// Significance of the effect (p), when measured.
    pub p: Option<f64>,
    /// Proven (a significant effect in the direction the cause predicts),
    /// refuted (the experiment contradicts it), or neither.
    pub verdict: Verdict,
    /// How specifically a proof singles out its line: 0 for a change of
    /// what the line reads, draws or waits for, or of leaked state; 1 for a
    /// pause that made failures more common; 2 for a pause that ended them.
    /// Proven causes rank by tier, then by p.
    pub tier: u8,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    Proven,
    Refuted,
    Open,
}

/// The causes a finding is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Line { file: String, line: u32 },
    HashOrder,
    OrderCauses,
    /// A cause the experiment found itself (added to the list).
    New(Cause),
}

impl Target {
    fn matches(&self, c: &Cause) -> bool {
        match self {
            Target::Line { file, line } => c.file == *file && c.line == *line,
            Target::HashOrder => c.basis == Basis::SourceOnly,
            Target::OrderCauses => c.category == Category::OrderDependency,
            Target::New(n) => c.file == n.file && c.line == n.line,
        }
    }
}

/// One experiment of the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Experiment {
    Order,
    HashSeed,
    Draws { file: String, line: u32 },
    /// `resource`: the hypothesis is a timed wait for a held resource.
    /// `decides`: what the cause says the wait is (see [`line::Decides`]).
    Timing { file: String, line: u32, decides: line::Decides },
    /// `async_race` at `line`, with the state held across the await at
    /// `at`; or (`holder`) a resource held across the slow call at `at`.
    Window { file: String, line: u32, at: u32, holder: line::Hold },
    /// A window the runs showed opening at `line` and closing at line `at`
    /// of the same file: widened by the waits of `at`'s function and by
    /// pauses before `at`.
    Widen { file: String, line: u32, at: u32 },
    /// Results taken in completion order at `line` handed out in input
    /// order, and in the reverse.
    InOrder { file: String, line: u32 },
    /// A store at `line` by tasks started at line `at`, whatever finished
    /// first: those tasks made to finish in order, and in reverse.
    TaskOrder { file: String, line: u32, at: u32 },
    /// A directory listing at `line` used as it comes: sorted by name, and
    /// in reverse.
    ListingOrder { file: String, line: u32 },
    /// A candidate fix applied at `line`: a slot given back at an early
    /// way out, or the line run as its corrected text.
    Fix { file: String, line: u32, fix: fixes::Fix },
    ClockEdge { file: String, line: u32 },
    /// A clock read that opens a window (`deadline = time.monotonic() +
    /// budget`): that read moved later.
    Deadline { file: String, line: u32 },
}

impl Experiment {
    /// The line it tests, if it tests one.
    fn line(&self) -> Option<(&str, u32)> {
        match self {
            Experiment::Draws { file, line }
            | Experiment::Timing { file, line, .. }
            | Experiment::ClockEdge { file, line }
            | Experiment::Deadline { file, line }
            | Experiment::Window { file, line, .. }
            | Experiment::Widen { file, line, .. }
            | Experiment::InOrder { file, line }
            | Experiment::ListingOrder { file, line }
            | Experiment::Fix { file, line, .. }
            | Experiment::TaskOrder { file, line, .. } => {
                Some((file, *line))
            }
            Experiment::Order | Experiment::HashSeed => None,
        }
    }

    fn next(&self, cx: &Ctx) -> Option<Condition> {
        match self {
            Experiment::Order => order::next(cx),
            Experiment::HashSeed => seeds::next_hash(cx),
            Experiment::Draws { file, line } => seeds::next_draws(cx, file, *line),
            Experiment::Timing { file, line, decides } => line::next_arm(cx, line::timing_arms(file, *line, *decides)),
            Experiment::Window { file, at, holder, .. } => line::next_arm(cx, line::window_arms(file, *at, *holder)),
            Experiment::Widen { file, at, .. } => line::next_arm(cx, line::arms(file, *at)),
            Experiment::InOrder { file, line } => completion::next(cx, file, *line, completion::Ordered::Results),
            Experiment::ListingOrder { file, line } => completion::next(cx, file, *line, completion::Ordered::Listing),
            Experiment::Fix { file, line, fix } => fixes::next(cx, file, *line, fix),
            Experiment::TaskOrder { file, line, at } => completion::next(cx, file, *line, completion::Ordered::Tasks { at: *at }),
            Experiment::ClockEdge { file, line } => line::next_clock(cx, file, *line),
            Experiment::Deadline { file, line } => line::next_arm(cx, line::shift_arms(file, *line)),
        }
    }

    fn conclude(&self, cx: &Ctx) -> Vec<Finding> {
        match self {
            Experiment::Order => order::conclude(cx),
            Experiment::HashSeed => seeds::conclude_hash(cx).into_iter().collect(),
            Experiment::Draws { file, line } => seeds::conclude_draws(cx, file, *line).into_iter().collect(),
            Experiment::Timing { file, line, decides } => line::conclude_arms(cx, line::timing_arms(file, *line, *decides), file, *line, *decides).into_iter().collect(),
            Experiment::Window { file, line, at, holder } => {
                let decides = if *holder == line::Hold::No { line::Decides::Path } else { line::Decides::Holder };
                line::conclude_arms(cx, line::window_arms(file, *at, *holder), file, *line, decides).into_iter().collect()
            }
            Experiment::InOrder { file, line } => completion::conclude(cx, file, *line, completion::Ordered::Results).into_iter().collect(),
            Experiment::ListingOrder { file, line } => completion::conclude(cx, file, *line, completion::Ordered::Listing).into_iter().collect(),
            Experiment::Fix { file, line, fix } => fixes::conclude(cx, file, *line, fix).into_iter().collect(),
            Experiment::TaskOrder { file, line, at } => completion::conclude(cx, file, *line, completion::Ordered::Tasks { at: *at }).into_iter().collect(),
            Experiment::Widen { file, line, at } => line::conclude_arms(cx, line::arms(file, *at), file, *line, line::Decides::Window).into_iter().collect(),
            Experiment::ClockEdge { file, line } => line::conclude_clock(cx, file, *line).into_iter().collect(),
            Experiment::Deadline { file, line } => line::conclude_shift(cx, file, *line).into_iter().collect(),
        }
    }
}

/// The experiments for a test's hypotheses, in the order to run them: the
/// classifier's lines (the order experiment first when they suspect an
/// order dependency or there are none), the order experiment, then the
/// inventory's candidates.
pub fn plan(cx: &Ctx) -> Vec<Experiment> {
    let mut lines: Vec<&Cause> = vec![];
    for c in cx.causes.iter().filter(|c| !c.basis.is_inventory()) {
        if lines.len() < MAX_HYPOTHESES && !lines.iter().any(|x| x.file == c.file && x.line == c.line) {
            lines.push(c);
        }
    }
    let order_first = lines.is_empty() || lines.iter().any(|c| c.category == Category::OrderDependency);
    let order_possible = order::has_predecessors(cx);
    let mut out = vec![];
    if order_first && order_possible {
        out.push(Experiment::Order);
    }
    let inventory = cx.causes.iter().filter(|c| c.basis.is_inventory());
    let rootdir = crate::align::rootdir_of(cx.runs);
    for (i, c) in lines.iter().copied().chain(inventory).enumerate() {
        if i == lines.len() && !order_first && order_possible {
            out.push(Experiment::Order);
        }
        let (file, line) = (c.file.clone(), c.line);
        let e = match (c.category, c.basis) {
            (_, Basis::SourceOnly) => Experiment::HashSeed,
            (Category::OrderDependency, _) => continue,
            (_, Basis::Window { at } | Basis::Callback { at } | Basis::Shared { at }) => Experiment::Widen { file, line, at },
            (_, Basis::Started { at }) => Experiment::TaskOrder { file, line, at },
            (_, Basis::Leak { .. } | Basis::Cleared { .. } | Basis::Corrected) => match fixes::of(c, rootdir.as_deref()) {
                Some(fix) => Experiment::Fix { file, line, fix },
                None => continue,
            },
            (Category::AsyncRace | Category::ThreadRace, _) if drivers::text(c, rootdir.as_deref()).is_some_and(|t| crate::classify::completion::takes_completion_order(&t)) => {
                Experiment::InOrder { file, line }
            }
            (Category::IoExternal, _) if drivers::text(c, rootdir.as_deref()).is_some_and(|t| crate::classify::listings::lists_unsorted(&t)) => Experiment::ListingOrder { file, line },
            (Category::TimeDependency, _) => Experiment::ClockEdge { file, line },
            (Category::Randomness, _) => Experiment::Draws { file, line },
            (Category::AsyncRace | Category::ThreadRace | Category::Resource | Category::IoExternal, Basis::Inventory { held_across: Some(at) }) => {
                let holder = match c.category {
                    Category::Resource if rootdir.as_deref().is_some_and(|r| crate::classify::generators::yields_at(&r.join(&file), at)) => line::Hold::Yield,
                    Category::Resource => line::Hold::Across,
                    _ => line::Hold::No,
                };
                Experiment::Window { file, line, at, holder }
            }
            (Category::Timing, _) if drivers::text(c, rootdir.as_deref()).is_some_and(|t| crate::classify::provenance::opens_window(&t)) => Experiment::Deadline { file, line },
            (cat, _) => {
                let decides = match cat {
                    Category::Resource => line::Decides::Timeout,
                    Category::Timing => line::Decides::Deadline,
                    _ => line::Decides::Path,
                };
                Experiment::Timing { file, line, decides }
            }
        };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if !order_first && order_possible && !out.contains(&Experiment::Order) {
        out.push(Experiment::Order);
    }
    // Windows the source shows (state read before a slow call or await and
    // used after it; a resource held across one) go right after the first
    // hypothesis: when that one is the timed wait that gave up, a holder is
    // what explains it, and none must wait for a budget its trends used up.
    // So do the order experiments: few runs each, and specific.
    // So do a done-callback's pause, which singles out its window as well,
    // and a clock read opening a deadline moved later (one arm).
    let (holders, rest): (Vec<Experiment>, Vec<Experiment>) = out
        .into_iter()
        .partition(|e| matches!(e, Experiment::Window { .. } | Experiment::Deadline { .. } | Experiment::InOrder { .. } | Experiment::TaskOrder { .. } | Experiment::ListingOrder { .. } | Experiment::Fix { .. }) || widens_callback(e, cx.causes));
    let mut out = rest;
    let at = out.len().min(1);
    out.splice(at..at, holders);
    // Candidate fixes (a slot given back at an early way out, a line run as
    // its corrected text) are tried first: a few runs, and a proof is the
    // fix itself.
    let (fixes, rest): (Vec<Experiment>, Vec<Experiment>) = out.into_iter().partition(|e| matches!(e, Experiment::Fix { .. }));
    let mut out = fixes;
    out.extend(rest);
    // And fixed hash seeds for a cause only the source shows further down
    // the list than the hypotheses that get an experiment of their own.
    if cx.causes.iter().any(|c| c.basis == Basis::SourceOnly) && !out.contains(&Experiment::HashSeed) {
        out.insert(out.len().min(1), Experiment::HashSeed);
    }
    out
}

/// Whether `e` pauses a done-callback (see [`crate::classify::callbacks`])
/// or right after a write to an object all threads share (see
/// [`crate::classify::singletons`]) that the source found.
fn widens_callback(e: &Experiment, causes: &[Cause]) -> bool {
    matches!(e, Experiment::Widen { .. })
        && e.line().is_some_and(|(f, l)| causes.iter().any(|c| matches!(c.basis, Basis::Callback { .. } | Basis::Shared { .. }) && c.file == f && c.line == l))
}

/// The next rerun for the test (`done`: all reruns so far, of every test).
pub fn next_trial(nodeid: &str, runs: &[RunResult], causes: &[Cause], done: &[Trial]) -> Option<Condition> {
    let mine: Vec<Trial> = done.iter().filter(|t| t.nodeid == nodeid).cloned().collect();
    let cx = Ctx { nodeid, runs, causes, done: &mine };
    let rootdir = crate::align::rootdir_of(runs);
    let drives = |t: &Target| causes.iter().any(|c| t.matches(c) && drivers::only_drives(c, rootdir.as_deref()));
    let cuts_clock = |e: &Experiment| match e {
        Experiment::ClockEdge { file, line } => causes.iter().any(|c| c.file == *file && c.line == *line && moves::truncating(c, rootdir.as_deref())),
        _ => false,
    };
    let inventory = |e: &Experiment| e.line().is_some_and(|(f, l)| causes.iter().any(|c| c.basis.is_inventory() && c.file == f && c.line == l));
    let mut proven = false;
    // A draw proven elsewhere (in the library) still lets the test's own
    // draws be tried: seeding the test may be what fixes both.
    let mut drawn = false;
    for e in plan(&cx) {
        // The inventory's candidates only when nothing better was proven;
        // but a holder of a resource, which would explain a proven timeout,
        // and a clock read cut to whole seconds (or days...), the decision a
        // proven boundary crossing elsewhere may only show.
        // And an order experiment (results or tasks put in order, and in
        // reverse): few runs, and it singles out its line as no pause can.
        // And a candidate fix: a few runs, and a proof is the fix itself.
        let ordering = matches!(e, Experiment::InOrder { .. } | Experiment::TaskOrder { .. } | Experiment::ListingOrder { .. } | Experiment::Fix { .. })
            || widens_callback(&e, causes);
        let test_draws = drawn && matches!(&e, Experiment::Draws { file, .. } if crate::classify::is_test_code(file));
        if proven && inventory(&e) && !matches!(e, Experiment::Window { holder: line::Hold::Across | line::Hold::Yield, .. }) && !cuts_clock(&e) && !ordering && !test_draws {
            continue;
        }
        // The order experiment runs last only when nothing else was proven.
        if e == Experiment::Order && proven && !causes.iter().take(MAX_HYPOTHESES).any(|c| c.category == Category::OrderDependency) {
            continue;
        }
        if let Some(c) = e.next(&cx) {
            return Some(c);
        }
        // A proof at a driver (a test double's latency) says only that timing
        // matters: the candidates in the code under test are still tried.
        // Nor does work proven to be on the critical path (longer: more
        // failures) when the deadline it misses may still be found.
        let found = e.conclude(&cx).iter().any(|f| f.verdict == Verdict::Proven && f.tier < 2 && !drives(&f.target));
        // Leaked state put back and traced to its line settles the question.
        if found && e == Experiment::Order {
            return None;
        }
        proven |= found;
        drawn |= found && matches!(e, Experiment::Draws { .. });
    }
    None
}

/// `causes` amended by the experiments' runs in `done`, ranked by effect.
pub fn conclude(nodeid: &str, runs: &[RunResult], causes: Vec<Cause>, done: &[Trial]) -> Vec<Cause> {
    let mine: Vec<Trial> = done.iter().filter(|t| t.nodeid == nodeid).cloned().collect();
    let findings: Vec<Finding> = {
        let cx = Ctx { nodeid, runs, causes: &causes, done: &mine };
        plan(&cx).iter().flat_map(|e| e.conclude(&cx)).collect()
    };
    let rootdir = crate::align::rootdir_of(runs);
    let mut out = merge_same_line(drivers::demote(rank(causes, &findings, |c| drivers::only_drives(c, rootdir.as_deref())), rootdir.as_deref()));
    moves::cut_clock_first(&mut out, rootdir.as_deref());
    moves::to_cut_in_callee(&mut out, rootdir.as_deref());
    moves::to_recomputing_call(&mut out, rootdir.as_deref());
    moves::to_own_pool_submission(&mut out, rootdir.as_deref());
    moves::to_lock_order_caller(&mut out, rootdir.as_deref());
    moves::to_retired_before_replaced(&mut out, rootdir.as_deref());
    moves::to_started_coroutine(&mut out, rootdir.as_deref());
    moves::to_generator_made(&mut out, rootdir.as_deref());
    moves::to_timeout_source(&mut out, rootdir.as_deref());
    moves::set_length_first(&mut out);
    moves::deadline_before_work(&mut out);
    moves::shared_state_first(&mut out, rootdir.as_deref());
    moves::write_back_first(&mut out);
    moves::window_over_its_call(&mut out);
    moves::test_seed_first(&mut out);
    // a cause moved to a line another one names is one cause
    let mut out = merge_same_line(out);
    for c in &mut out {
        c.confidence = round2(calibrate::calibrated(c.confidence, c.proven));
    }
    out
}

/// One cause per line: a candidate from the source at a line the runs
/// named too (kept for the fix it can be tested by) is merged into the
/// better ranked of the two, with the other's evidence.
fn merge_same_line(causes: Vec<Cause>) -> Vec<Cause> {
    let mut out: Vec<Cause> = vec![];
    for c in causes {
        match out.iter_mut().find(|k| k.file == c.file && k.line == c.line) {
            Some(k) => {
                let new: Vec<&str> = c.evidence.split(". ").filter(|s| !k.evidence.contains(s)).collect();
                if !new.is_empty() {
                    k.evidence = format!("{}. Also: {}", k.evidence, new.join(". "));
                }
                k.proven |= c.proven;
            }
            None => out.push(c),
        }
    }
    out
}

/// Applies the findings and orders the causes: proven first (smallest p
/// first), then the rest in their order; confidences follow. A proof at a
/// driver (`drives`, see [`drivers`]) shares no belief with the others: it
/// is demoted afterwards.
pub fn rank(mut causes: Vec<Cause>, findings: &[Finding], drives: impl Fn(&Cause) -> bool) -> Vec<Cause> {
    let mut best_p: Vec<Option<(u8, f64)>> = vec![None; causes.len()];
    for f in findings {
        if let Target::New(n) = &f.target {
            if !causes.iter().any(|c| f.target.matches(c)) {
                causes.push(n.clone());
                best_p.push(None);
            }
        }
        for (i, c) in causes.iter_mut().enumerate() {
            if !f.target.matches(c) {
                continue;
            }
            if !c.evidence.is_empty() {
                c.evidence.push_str(". ");
            }
            c.evidence.push_str(&f.said);
            match f.verdict {
                Verdict::Proven => {
                    c.proven = true;
                    let k = (f.tier, f.p.unwrap_or(ALPHA));
                    best_p[i] = Some(best_p[i].map_or(k, |q| if (k.0, k.1) < (q.0, q.1) { k } else { q }));
                }
                Verdict::Refuted => c.confidence *= 0.5,
                Verdict::Open => {}
            }
        }
    }
    // A holder proven to keep a resource across slow work explains why a
    // timed wait for that resource was too short: the wait is where the
    // failure shows, the holder is what to change.
    let holder = |c: &Cause| c.category == Category::Resource && matches!(c.basis, Basis::Inventory { held_across: Some(_) } | Basis::Callback { .. });
    if causes.iter().zip(&best_p).any(|(c, p)| c.proven && p.is_some_and(|p| p.0 == 0) && holder(c)) {
        for (c, p) in causes.iter().zip(best_p.iter_mut()) {
            if let Some(p) = p.as_mut().filter(|_| c.proven && c.category == Category::Resource && !holder(c)) {
                p.0 = p.0.max(1);
            }
        }
    }
    // Several lines proven by equally specific experiments share the belief.
    let top_tier = best_p.iter().zip(&causes).filter(|(_, c)| c.proven).filter_map(|(p, _)| p.map(|x| x.0)).min();
    let rivals = best_p.iter().zip(&causes).filter(|(p, c)| c.proven && p.map(|x| x.0) == top_tier && !drives(c)).count().max(1);
    for (c, p) in causes.iter_mut().zip(&best_p) {
        c.confidence = round2(match (c.proven, p) {
            (true, Some((tier, p))) => proven_confidence(*tier, *p) / (rivals as f64).sqrt(),
            _ => c.confidence.min(UNPROVEN_CAP),
        });
    }
    let mut idx: Vec<usize> = (0..causes.len()).collect();
    idx.sort_by(|&a, &b| {
        let ka = best_p[a].filter(|_| causes[a].proven);
        let kb = best_p[b].filter(|_| causes[b].proven);
        match (ka, kb) {
            (Some(x), Some(y)) => x.0.cmp(&y.0).then(x.1.partial_cmp(&y.1).unwrap_or(std::cmp::Ordering::Equal)).then(a.cmp(&b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(&b),
        }
    });
    let mut slots: Vec<Option<Cause>> = causes.into_iter().map(Some).collect();
    // Inventory candidates no experiment proved are not causes.
    idx.into_iter().filter_map(|i| slots[i].take()).filter(|c| !c.basis.is_inventory() || c.proven).collect()
}

/// Confidence of a proven cause: for the most specific experiments 0.8 at
/// p = ALPHA, up to 0.97; 0.65 and 0.5 for proofs that single out the line
/// less (see [`Finding::tier`]).
pub fn proven_confidence(tier: u8, p: f64) -> f64 {
    let s = -p.max(1e-12).log10();
    let at = -ALPHA.log10();
    match tier {
        0 => (0.8 + 0.17 * ((s - at) / (6.0 - at)).clamp(0.0, 1.0)).min(0.97),
        1 => 0.65,
        _ => 0.5,
    }
}

/// `file` as the plugin resolves it: relative to pytest's rootdir.
pub fn plugin_path(file: &str) -> String {
    crate::report::normalize(Path::new(file)).to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests;
