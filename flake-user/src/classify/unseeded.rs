//! Draws from numpy's global generator in the test's own file
//! (`dat + 5e-2 * np.random.randn(len(x))` in a data helper, a
//! `np.random.seed` nowhere in the file): numpy draws from its own C
//! generator, which no probe sees, so the runs show no draw at all and the
//! fix — seeding the test — is where no traced event points. A candidate
//! from the source, tested by seeding numpy's global generator at that line
//! with fixed seeds (the `draws` experiment).

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
/// in the file seeds it: only those in function `test` when it has any (a
/// file holds other tests' draws too), else all (a data helper's).
pub fn unseeded_numpy_draws(src: &mut Sources, abs: &str, test: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    if lines.iter().any(|l| {
        let t = code(l);
        t.contains("random.seed(") || t.contains("default_rng(") || t.contains("RandomState(")
    }) {
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
    }
}
