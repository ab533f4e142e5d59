//! Scoring the features of the failing and passing runs into candidate
//! causes (how a feature separates the runs × how directly its kind names
//! a cause), ranking them, and building the causes reported for a test.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::causes::{cause_of, fix_for};
use super::fallbacks::{draw, hash_order_causes, random_cause};
use super::features::{features_of, views, FKey, Known, Obs, View};
use super::source::Sources;
use super::stats::Separation;
use crate::align::{Alignment, SiteTable};
use crate::report::{Category, Cause};
use crate::run::RunResult;

/// The runs of one test and their features.
pub(super) struct Runs<'a> {
    pub(super) views: &'a [View<'a>],
    feats: &'a [HashMap<FKey, Obs>],
    pub(super) sites: &'a SiteTable,
    pub(super) nodeid: &'a str,
    /// Failing runs.
    nf: u32,
    /// Passing runs.
    np: u32,
}

impl<'a> Runs<'a> {
    /// What was seen of feature `k` in the failing (or passing) runs that have it.
    pub(super) fn obs_of(&self, k: &FKey, failed: bool) -> Vec<&'a Obs> {
        self.views.iter().zip(self.feats).filter(|(v, _)| v.failed == failed).filter_map(|(_, fm)| fm.get(k)).collect()
    }

    /// When feature `k` first showed in each failing run (`None` where it did not).
    fn firsts(&self, k: &FKey) -> Vec<Option<u64>> {
        self.views.iter().zip(self.feats).filter(|(v, _)| v.failed).map(|(_, fm)| fm.get(k).map(|o| o.first).filter(|&t| t != u64::MAX)).collect()
    }
}

/// A scored candidate.
struct Cand {
    key: FKey,
    sep: Separation,
    score: f64,
    cause: Cause,
}

/// The causes of one test's failures, best first (none when it never
/// failed or never passed).
pub(super) fn diagnose_test(al: &Alignment, known: &Known, runs: &[RunResult], nodeid: &str, src: &mut Sources) -> Vec<Cause> {
    let views = views(al, runs, nodeid);
    let nf = views.iter().filter(|v| v.failed).count() as u32;
    let np = views.iter().filter(|v| !v.failed).count() as u32;
    if nf == 0 || np == 0 {
        return vec![];
    }
    let sites = &al.sites;
    let feats: Vec<HashMap<FKey, Obs>> = views.iter().map(|v| features_of(v, nodeid, known, sites, src)).collect();
    let rs = Runs { views: &views, feats: &feats, sites, nodeid, nf, np };
    let debug = std::env::var_os("FLAKEBPF_DEBUG_FEATURES").is_some();
    let mut cands = candidates(&rs, src, debug);
    rank(&rs, &mut cands);
    if debug {
        for c in cands.iter().take(12) {
            eprintln!("cand score={:.2} a={}/{} b={}/{} {}:{} {:?} {:?}", c.score, c.sep.a, c.sep.nf, c.sep.b, c.sep.np, c.cause.file, c.cause.line, c.cause.category, c.key);
        }
    }
    let mut seen: HashSet<(String, u32)> = HashSet::new();
    let mut out = one_per_line(&cands, &mut seen);
    add_fallbacks(&rs, &cands, &al.rootdir, src, &mut out, &mut seen);
    out.truncate(6);
    out
}

/// In how many failing and passing runs each feature showed.
fn tally(rs: &Runs) -> BTreeMap<FKey, (u32, u32)> {
    let mut keys: BTreeMap<FKey, (u32, u32)> = BTreeMap::new();
    for (v, fm) in rs.views.iter().zip(rs.feats) {
        for (k, o) in fm {
            if o.n == 0 {
                continue;
            }
            let t = keys.entry(k.clone()).or_default();
            if v.failed {
                t.0 += 1;
            } else {
                t.1 += 1;
            }
        }
    }
    keys
}

/// The features more common in the failing runs (one-sided Fisher p ≤ 0.1),
/// each mapped to the cause it points to and scored by its separation,
/// weighted by its kind, plus the bonus of its mapping.
fn candidates(rs: &Runs, src: &mut Sources, debug: bool) -> Vec<Cand> {
    let (nf, np, sites) = (rs.nf, rs.np, rs.sites);
    let mut cands: Vec<Cand> = vec![];
    for (k, &(a, b)) in &tally(rs) {
        let sep = Separation::new(a, nf, b, np);
        if debug && sep.positive() {
            let name = |s: u32| sites.get(s).loc();
            let desc = match k {
                FKey::Interleave { f, g, thread } => format!("Interleave f={} g#{g} thread={thread}", name(*f)),
                FKey::IoSize { site, nr, log2 } => format!("IoSize {} nr={nr} log2={log2}", name(*site)),
                other => format!("{other:?}"),
            };
            eprintln!("feature a={a}/{nf} b={b}/{np} p={:.2e} {desc}", sep.p);
        }
        if !sep.positive() || sep.p > 0.1 {
            continue;
        }
        let counts = format!("in {}; in {}", runs_txt(a, nf, "failing"), runs_txt(b, np, "passing"));
        let Some((cause, bonus)) = cause_of(rs, k, &counts, src) else { continue };
        let score = sep.strength() * k.weight() + bonus;
        cands.push(Cand { key: k.clone(), sep, score, cause });
    }
    cands
}

fn runs_txt(a: u32, n: u32, what: &str) -> String {
    format!("{a}/{n} {what} runs")
}

/// The candidates best first: races in test support code behind equally
/// separating ones in the code under test, and a cause before its
/// consequences.
fn rank(rs: &Runs, cands: &mut Vec<Cand>) {
    // The code under test before the test's own helpers: a race located in
    // test support code (a fake server, a fixture) is usually the harness
    // reacting to the failure the code under test caused, so when a race in
    // the code under test separates the runs at least as well, it leads.
    let best_cut = cands
        .iter()
        .filter(|c| is_race(&c.key) && !is_test_code(&c.cause.file))
        .map(|c| c.sep.strength())
        .fold(f64::NEG_INFINITY, f64::max);
    for c in cands.iter_mut() {
        if is_race(&c.key) && is_test_code(&c.cause.file) && best_cut >= c.sep.strength() {
            c.score *= 0.9;
        }
    }
    cands.sort_by(|x, y| y.score.partial_cmp(&x.score).unwrap_or(std::cmp::Ordering::Equal).then_with(|| x.key.cmp(&y.key)));
    earliest_first(rs, cands);
}

/// A cause precedes its consequences: among candidates nearly as strong
/// as the best, one that shows up clearly earlier in the failing runs
/// goes first (later ones are usually what the failure set off).
fn earliest_first(rs: &Runs, cands: &mut Vec<Cand>) {
    if cands.len() > 1 {
        let top_score = cands[0].score;
        let f0 = rs.firsts(&cands[0].key);
        let mut pick: Option<(usize, u32)> = None;
        let top_in_test_code = is_test_code(&cands[0].cause.file);
        for (i, c) in cands.iter().enumerate().skip(1).take(40) {
            if c.score < 0.75 * top_score {
                break;
            }
            // a race in test support code stays behind the code under test
            if is_race(&c.key) && is_test_code(&c.cause.file) && !top_in_test_code {
                continue;
            }
            let fi = rs.firsts(&c.key);
            let (mut both, mut earlier) = (0u32, 0u32);
            for (a, b) in fi.iter().zip(&f0) {
                if let (Some(a), Some(b)) = (a, b) {
                    both += 1;
                    if a + 5_000_000 < *b {
                        earlier += 1;
                    }
                }
            }
            if both >= 1 && earlier * 5 >= both * 4 && pick.map_or(true, |(_, e)| earlier > e) {
                pick = Some((i, earlier));
            }
        }
        if let Some((i, _)) = pick {
            let c = cands.remove(i);
            cands.insert(0, c);
        }
    }
}

fn is_race(k: &FKey) -> bool {
    matches!(k, FKey::Interleave { .. } | FKey::Abandoned { .. })
}

/// A file of the test suite rather than of the code under test: under a
/// `tests`/`test` directory, a `conftest.py`, or named `test_*.py` / `*_test.py`.
pub(crate) fn is_test_code(file: &str) -> bool {
    let p = std::path::Path::new(file);
    // `file` is UTF-8, so is its last component (no allocation: this runs for events' frames)
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "conftest.py"
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        || p.parent().is_some_and(|d| d.components().any(|c| matches!(c.as_os_str().to_str(), Some("tests" | "test" | "testing"))))
}

/// The ranked candidates as causes, one per line (the lines in `seen`), at
/// most five, confidence scaled by the score relative to the best.
fn one_per_line(cands: &[Cand], seen: &mut HashSet<(String, u32)>) -> Vec<Cause> {
    let mut out: Vec<Cause> = vec![];
    let top = cands.first().map(|c| c.score).unwrap_or(0.0);
    for c in cands {
        if !seen.insert((c.cause.file.clone(), c.cause.line)) {
            // Threads interleaving at a line that works on a fixed path two
            // threads share: the shared object is the file system.
            if matches!(c.key, FKey::SharedPath { .. }) {
                if let Some(o) = out.iter_mut().find(|o| o.file == c.cause.file && o.line == c.cause.line && o.category == Category::ThreadRace) {
                    o.category = Category::IoExternal;
                    o.fix = fix_for(Category::IoExternal).to_string();
                    o.evidence.push_str(&format!("; and {}", c.cause.evidence));
                }
            }
            continue;
        }
        if out.len() >= 5 {
            continue;
        }
        let mut cause = c.cause.clone();
        let rel = if top > 0.0 { (c.score / top).min(1.0) } else { 0.0 };
        cause.confidence = round2(c.sep.confidence() * rel.powi(2));
        out.push(cause);
    }
    out
}

/// The causes for when nothing separates the runs well, at lines not yet
/// in `seen`: unseeded random draws (first when the top candidate is weak,
/// last otherwise) and sets iterated in hash order (first, when nothing
/// separates at all and the test draws nothing).
fn add_fallbacks(rs: &Runs, cands: &[Cand], rootdir: &Path, src: &mut Sources, out: &mut Vec<Cause>, seen: &mut HashSet<(String, u32)>) {
    let (nf, np) = (rs.nf, rs.np);
    let mut out_hash: Vec<Cause> = vec![];
    // Unseeded randomness: reported when nothing separates well, and always as a lower candidate.
    // Hash-seed dependent order: nothing traced separates the runs and the
    // test draws no random numbers, yet the outcome varies: sets built and
    // then iterated in the code the test imports are the usual source.
    if cands.is_empty() || !cands[0].sep.positive() {
        let drew = rs.views.iter().any(|v| v.ar.events.iter().any(|e| v.in_test(e) && draw(e).is_some()));
        if !drew {
            out_hash = hash_order_causes(rootdir, rs.nodeid, src, nf, np);
        }
    }
    // Many features are tested: a top feature counts as strong only when its
    // p-value survives a (soft) correction for their number.
    let tested = cands.len().max(1) as f64;
    let strong = cands.first().is_some_and(|c| c.sep.p <= 0.05 / tested.sqrt());
    if let Some(r) = random_cause(rs.views, rs.sites, nf, strong, src) {
        if seen.insert((r.file.clone(), r.line)) {
            if strong {
                out.push(r);
            } else {
                out.insert(0, r);
            }
        }
    }
    for (i, h) in out_hash.into_iter().enumerate() {
        if seen.insert((h.file.clone(), h.line)) {
            out.insert(i.min(out.len()), h);
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_code_is_recognised() {
        assert!(is_test_code("tests/conftest.py"));
        assert!(is_test_code("tests/helpers/server.py"));
        assert!(is_test_code("test_app.py"));
        assert!(!is_test_code("src/pkg/registry.py"));
        assert!(!is_test_code("src/pkg/testing_utils.py"));
    }
}
