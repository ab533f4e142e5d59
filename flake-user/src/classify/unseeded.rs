//! Unseeded generators the source shows.
//!
//! Draws from numpy's global generator in the test's own file
//! (`dat + 5e-2 * np.random.randn(len(x))` in a data helper, a
//! `np.random.seed` nowhere in the file): numpy draws from its own C
//! generator, which no probe sees, so the runs show no draw at all and the
//! fix — seeding the test — is where no traced event points. A candidate
//! from the source, tested by seeding numpy's global generator at that line
//! with fixed seeds (the `draws` experiment).
//!
//! A generator object made without a seed, or from a value that differs
//! per process (`random.Random()`, `random.Random(hash(key))`,
//! `np.random.default_rng()`), that a proven draw takes its values from:
//! where it is made is what to fix ([`generator_made_at`]).

use super::source::{code, Sources};

/// numpy's module-level functions that do not draw.
const NOT_DRAWS: &[&str] = &["seed", "default_rng", "RandomState", "Generator", "get_state", "set_state", "SeedSequence", "PCG64", "MT19937", "bit_generator"];

/// Whether code line `t` draws from numpy's global generator.
fn draws_globally(t: &str) -> bool {
    ["np.random.", "numpy.random."].iter().any(|p| {
        t.match_indices(p).any(|(at, _)| {
            let rest = &t[at + p.len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            !name.is_empty() && rest[name.len()..].starts_with('(') && !NOT_DRAWS.contains(&name.as_str())
        })
    })
}

/// Lines of file `abs` drawing from numpy's global generator, when nothing
/// that runs for `test` seeds it (the test itself, the module, a fixture or
/// set-up method; another test's own seeding does not count): only those in
/// function `test` when it has any (a file holds other tests' draws too),
/// else all (a data helper's).
pub fn unseeded_numpy_draws(src: &mut Sources, abs: &str, test: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let seeds = lines.iter().enumerate().any(|(i, l)| {
        let t = code(l);
        let seeding = t.contains("random.seed(") || t.contains("default_rng(") || t.contains("RandomState(");
        let mut other_test = || {
            let f = src.enclosing_name(abs, i as u32 + 1);
            let f = f.rsplit('.').next().unwrap_or("");
            f.starts_with("test") && f != test
        };
        seeding && !other_test()
    });
    if seeds {
        return vec![];
    }
    let out: Vec<u32> = lines.iter().enumerate().filter(|(_, l)| draws_globally(code(l))).map(|(i, _)| i as u32 + 1).collect();
    let (own, other): (Vec<u32>, Vec<u32>) = out.into_iter().partition(|&n| src.enclosing_name(abs, n).rsplit('.').next() == Some(test));
    if own.is_empty() { other } else { own }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn draws_from_numpys_global_generator_are_found_unless_the_file_seeds_it() {
        let text = "\
import numpy as np

def get_data():
    x = np.linspace(0, 10, 201)
    noise = np.random.randn(len(x))
    rng = np.random.default_rng
    return x + 5e-2 * noise

def test_fit():
    x = get_data()
    assert np.random.choice([1, 2]) in (1, 2)
";
        let (_d, p, mut s) = src(text);
        assert_eq!(unseeded_numpy_draws(&mut s, &p, "test_other"), vec![5, 11], "a test drawing nothing itself: every draw of its file");
        assert_eq!(unseeded_numpy_draws(&mut s, &p, "test_fit"), vec![11], "only the test's own draws when it has some");
        let (_d, p, mut s) = src(&format!("{text}\nnp.random.seed(0)\n"));
        assert!(unseeded_numpy_draws(&mut s, &p, "test_fit").is_empty());
        // another test seeding for itself leaves this one's draws unseeded
        let (_d, p, mut s) = src(&format!("{text}\ndef test_seeded():\n    np.random.seed(0)\n    assert np.random.rand() < 1\n"));
        assert_eq!(unseeded_numpy_draws(&mut s, &p, "test_fit"), vec![11]);
    }
}

/// Generator constructors.
const MAKERS: &[&str] = &["Random(", "default_rng(", "RandomState(", "Generator("];
/// Seeds that differ from one process to the next.
const PER_PROCESS: &[&str] = &["hash(", "time(", "time_ns(", "monotonic(", "getpid(", "id(", "urandom(", "uuid", "perf_counter("];

/// The object a draw on line `t` takes its values from (`self._rng`,
/// `rng`), when it is not a module (`random.`, `np.random.`).
fn drawn_from(t: &str) -> Option<String> {
    const DRAW_CALLS: &[&str] = &[
        "random", "uniform", "randint", "randrange", "choice", "choices", "shuffle", "sample", "expovariate", "gauss", "normalvariate", "lognormvariate", "betavariate",
        "getrandbits", "triangular", "integers", "normal", "exponential", "poisson", "binomial", "permutation", "standard_normal", "rand", "randn",
    ];
    for (i, _) in t.match_indices('.') {
        let rest = &t[i + 1..];
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !DRAW_CALLS.contains(&name.as_str()) || !rest[name.len()..].starts_with('(') {
            continue;
        }
        let recv: String = t[..i].chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
        let last = recv.rsplit('.').next().unwrap_or("");
        if recv.is_empty() || last == "random" || recv == "secrets" || recv.ends_with(')') {
            return None;
        }
        return Some(recv);
    }
    None
}

/// Where the generator a draw at line `n` of file `abs` uses is made, when
/// it is made unseeded or from a per-process value (`self._rng =
/// random.Random()`, or as the fallback of one a caller may pass, `rng or
/// random.Random()`): (line, its text, whether a caller may pass one).
pub fn generator_made_at(src: &mut Sources, abs: &str, n: u32) -> Option<(u32, String, bool)> {
    let lines = src.lines(abs)?.clone();
    let here = code(lines.get(n as usize - 1)?).trim().to_string();
    if MAKERS.iter().any(|m| here.contains(m)) {
        return None;
    }
    let recv = drawn_from(&here)?;
    // a local is made in the function above the draw; an attribute anywhere in the file
    let range: Vec<usize> = if recv.contains('.') { (0..lines.len()).collect() } else { (0..n as usize - 1).rev().collect() };
    for i in range {
        let t = code(&lines[i]).trim();
        let Some((lhs, rhs)) = t.split_once('=') else { continue };
        if lhs.trim() != recv || rhs.starts_with('=') {
            continue;
        }
        let rhs = rhs.trim();
        let Some(m) = MAKERS.iter().find(|m| rhs.contains(*m)) else { continue };
        // `rng or random.Random()`: the fallback when a caller passes none
        let (injected, rhs) = match rhs.split_once(" or ") {
            Some((given, fallback)) if given.trim().chars().all(|c| c.is_alphanumeric() || c == '_') => (true, fallback.trim()),
            _ => (false, rhs),
        };
        let head = &rhs[..rhs.find(m).unwrap_or(0)];
        if !head.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') || !rhs.ends_with(')') {
            continue; // a conditional, or more than the generator made
        }
        let args = &rhs[head.len() + m.len()..rhs.len() - 1];
        if args.trim().is_empty() || PER_PROCESS.iter().any(|p| args.contains(p)) {
            return Some((i as u32 + 1, t.to_string(), injected));
        }
        return None;
    }
    None
}

#[cfg(test)]
mod made_tests {
    use super::*;

    #[test]
    fn the_generator_a_draw_uses_is_found_where_it_is_made_unseeded() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sim.py");
        let text = "import random\n\nclass Sim:\n    def __init__(self, rate):\n        self.rate = rate\n        self._rng = random.Random()\n\n    def draw(self):\n        return self._rng.expovariate(self.rate)\n\ndef bucket(key, subject):\n    rng = random.Random(hash((key, subject)))\n    return rng.random()\n\ndef fixed(seed):\n    rng = random.Random(seed)\n    return rng.random()\n\nclass Inj:\n    def __init__(self, rng=None):\n        self._gen = rng or random.Random()\n\n    def pick(self):\n        return self._gen.choice([1, 2])\n\ndef plain():\n    return random.random()\n";
        std::fs::write(&p, text).unwrap();
        let abs = p.to_string_lossy().into_owned();
        let mut src = Sources::default();
        assert_eq!(generator_made_at(&mut src, &abs, 9).map(|x| x.0), Some(6));
        assert_eq!(generator_made_at(&mut src, &abs, 13).map(|x| x.0), Some(12), "seeded from a salted hash");
        assert_eq!(generator_made_at(&mut src, &abs, 17), None, "seeded by its caller");
        assert_eq!(generator_made_at(&mut src, &abs, 24).map(|x| (x.0, x.2)), Some((21, true)), "the fallback when no caller passes one");
        assert_eq!(generator_made_at(&mut src, &abs, 27), None, "the module's generator");
    }
}
