//! The causes reported when nothing traced separates the runs: unseeded
//! random draws, and sets iterated in hash order in the code the test
//! imports.

use std::collections::{HashMap, HashSet};

use super::causes::fix_for;
use super::features::View;
use super::source::Sources;
use crate::align::{AEvent, AKind, SiteTable};
use crate::report::{Basis, Category, Cause};
use crate::trace::syscalls::nr;

/// Python files of the project packages a test file imports (and the file itself).
pub(super) fn imported_files(rootdir: &std::path::Path, test_file: &std::path::Path, src: &mut Sources) -> Vec<String> {
    let mut files = vec![test_file.to_string_lossy().into_owned()];
    let Some(lines) = src.lines(&files[0]).cloned() else { return files };
    let mut pkgs: Vec<String> = vec![];
    for l in &lines {
        let t = l.trim();
        if let Some(m) = t.strip_prefix("from ").or_else(|| t.strip_prefix("import ")) {
            let top: String = m.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !top.is_empty() && !pkgs.contains(&top) {
                pkgs.push(top);
            }
        }
    }
    fn walk(dir: &std::path::Path, depth: usize, pkgs: &[String], out: &mut Vec<String>, inside: bool) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with('.') || matches!(name.as_str(), "site-packages" | "venv" | "node_modules" | "__pycache__" | "build" | "dist") {
                continue;
            }
            if p.is_dir() {
                if depth < 4 {
                    walk(&p, depth + 1, pkgs, out, inside || pkgs.contains(&name));
                }
            } else if name.ends_with(".py") && (inside || pkgs.contains(&name.trim_end_matches(".py").to_string())) {
                out.push(p.to_string_lossy().into_owned());
            }
        }
    }
    walk(rootdir, 0, &pkgs, &mut files, false);
    files.dedup();
    files
}

/// Sets iterated in the code a test imports, when nothing traced explains it.
pub(super) fn hash_order_causes(rootdir: &std::path::Path, nodeid: &str, src: &mut Sources, nf: u32, np: u32) -> Vec<Cause> {
    let file = nodeid.split("::").next().unwrap_or(nodeid);
    let files = imported_files(rootdir, &rootdir.join(file), src);
    src.hash_ordered_sets(&files)
        .into_iter()
        .take(2)
        .map(|h| {
            let rel = std::path::Path::new(&h.abs).strip_prefix(rootdir).map(|p| p.to_string_lossy().into_owned()).unwrap_or(h.abs.clone());
            Cause {
                file: rel.clone(),
                line: h.line,
                function: src.enclosing_name(&h.abs, h.line),
                category: Category::Randomness,
                confidence: 0.25,
                evidence: format!(
                    "in {nf} failing runs and {np} passing runs, no traced event separates the failing runs from the passing ones and the test draws no random numbers, so its outcome is decided before anything observable happens; `{}` is a set built at {rel}:{} and iterated at line {}, whose order changes with the per-process string hash seed (PYTHONHASHSEED)",
                    h.name,
                    h.line,
                    h.iter_line
                ),
                fix: format!("iterate `{}` in a defined order (sorted({}), or build it with dict.fromkeys(...) to keep the insertion order) instead of the set's hash order", h.name, h.name),
                polluter: None,
                basis: Basis::SourceOnly,
                proven: false,
            }
        })
        .collect()
}

/// A draw of randomness: from the `random` module (`Some(true)` when it
/// was a seeding), or from the kernel's entropy pool (getrandom: os.urandom,
/// secrets, uuid4, random.SystemRandom).
pub(super) fn draw(e: &AEvent) -> Option<bool> {
    match e.kind {
        AKind::Random { seed } => Some(seed),
        AKind::Sys { nr: nr::GETRANDOM, .. } => Some(false),
        _ => None,
    }
}

/// A line of the test's own code, on the stack of the failing runs'
/// seedings or draws, that asks for a generator seeded from entropy by
/// passing `seed=None` (`World(random_seed=None)`): the test chose an
/// unseeded run, whatever the library then draws. (site, the line passing
/// it, failing runs).
fn entropy_seed_in_test(views: &[View], sites: &SiteTable, src: &mut Sources) -> Option<(u32, u32, u32)> {
    let mut runs: HashMap<(u32, u32), u32> = HashMap::new();
    for v in views.iter().filter(|v| v.failed) {
        let mut here: HashSet<(u32, u32)> = HashSet::new();
        for e in v.ar.events.iter().filter(|e| v.in_test(e) && draw(e).is_some()) {
            for &f in e.frames.iter() {
                let s = sites.get(f);
                if !super::is_test_code(&s.file) || here.iter().any(|h| h.0 == f) {
                    continue;
                }
                if let Some(line) = passes_seed_none(src, &s.abs, s.line) {
                    here.insert((f, line));
                }
            }
        }
        for k in here {
            *runs.entry(k).or_default() += 1;
        }
    }
    runs.into_iter().max_by_key(|&(k, n)| (n, std::cmp::Reverse(k))).map(|((f, l), n)| (f, l, n))
}

/// The line of the statement starting at line `n` (continuation lines
/// included: a call whose arguments span lines; at most 40) that passes
/// `seed=None` (any `..._seed=None` keyword).
fn passes_seed_none(src: &mut Sources, abs: &str, n: u32) -> Option<u32> {
    let lines = src.lines(abs)?;
    let mut depth = 0i32;
    for (i, l) in lines.iter().enumerate().skip(n as usize - 1).take(40) {
        let c = super::source::code(l);
        let flat: String = c.chars().filter(|ch| !ch.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if flat.contains("seed=none") {
            return Some(i as u32 + 1);
        }
        depth += super::source::bracket_balance(c);
        if depth <= 0 {
            break;
        }
    }
    None
}

/// Unseeded random draws in the test's failing runs.
pub(super) fn random_cause(views: &[View], sites: &SiteTable, nf: u32, strong: bool, src: &mut Sources) -> Option<Cause> {
    if let Some((site, line, runs)) = entropy_seed_in_test(views, sites, src).filter(|&(_, _, r)| r * 2 >= nf) {
        let s = sites.get(site);
        return Some(Cause {
            file: s.file.clone(),
            line,
            function: s.func.clone(),
            category: Category::Randomness,
            confidence: if strong { 0.1 } else { 0.35 },
            evidence: format!(
                "the test passes seed=None at {}:{line} ({}), so the generator is seeded from the OS entropy in every run, and the random values drawn under the call at line {} differ from run to run (in {runs}/{nf} failing runs)",
                s.file,
                s.func,
                s.line
            ),
            fix: "pass a fixed seed here (the test's outcome then no longer depends on the draws), or assert on properties that hold for every seed".to_string(),
            polluter: None,
            basis: Basis::Measured,
            proven: false,
        });
    }
    let mut per_site: HashMap<u32, (u32, u64)> = HashMap::new(); // site → (failing runs, draws)
    let mut seeded = false;
    for v in views.iter().filter(|v| v.failed) {
        let mut here: HashMap<u32, u64> = HashMap::new();
        for e in v.ar.events.iter().filter(|e| v.in_test(e)) {
            if let Some(seed) = draw(e) {
                if seed {
                    seeded = true;
                }
                if let Some(s) = e.site() {
                    *here.entry(s).or_default() += 1;
                }
            }
        }
        for (s, n) in here {
            let p = per_site.entry(s).or_default();
            p.0 += 1;
            p.1 += n;
        }
    }
    let (&site, &(runs, draws)) = per_site.iter().filter(|(_, (r, _))| *r * 2 >= nf).max_by_key(|(s, (r, d))| (*r, *d, std::cmp::Reverse(**s)))?;
    if seeded && strong {
        return None;
    }
    let s = sites.get(site);
    let conf = if strong { 0.1 } else { 0.35 };
    Some(Cause {
        file: s.file.clone(),
        line: s.line,
        function: s.func.clone(),
        category: Category::Randomness,
        confidence: conf,
        evidence: format!(
            "the test draws unseeded random values at {} ({}): {draws} draws in {runs}/{nf} failing runs; no traced event separates failing from passing runs more strongly, so the drawn values are the likely source",
            s.loc(),
            s.func
        ),
        fix: fix_for(Category::Randomness).to_string(),
        polluter: None,
        basis: Basis::Measured,
        proven: false,
    })
}
