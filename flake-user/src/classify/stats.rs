//! Separation statistics for features over failing and passing runs.

fn ln_fact(n: u32) -> f64 {
    (1..=n).map(|k| (k as f64).ln()).sum()
}

fn ln_choose(n: u32, k: u32) -> f64 {
    ln_fact(n) - ln_fact(k) - ln_fact(n - k)
}

/// One-sided Fisher exact test: the probability, with the margins fixed,
/// that `a` or more of the `nf` failing runs show a feature that `a + b` of
/// all `nf + np` runs show.
pub fn fisher_greater(a: u32, nf: u32, b: u32, np: u32) -> f64 {
    let k = a + b;
    let n = nf + np;
    if nf == 0 || k == 0 || n == 0 {
        return 1.0;
    }
    let denom = ln_choose(n, k);
    let hi = k.min(nf);
    let mut p = 0.0;
    for x in a..=hi {
        if k - x > np {
            continue;
        }
        p += (ln_choose(nf, x) + ln_choose(np, k - x) - denom).exp();
    }
    p.min(1.0)
}

/// How a boolean feature separates failing from passing runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Separation {
    /// Failing runs with the feature, of `nf`.
    pub a: u32,
    pub nf: u32,
    /// Passing runs with the feature, of `np`.
    pub b: u32,
    pub np: u32,
    pub p: f64,
}

impl Separation {
    pub fn new(a: u32, nf: u32, b: u32, np: u32) -> Separation {
        Separation { a, nf, b, np, p: fisher_greater(a, nf, b, np) }
    }
    /// Smoothed difference of proportions (failing minus passing).
    pub fn diff(&self) -> f64 {
        (self.a as f64 + 0.5) / (self.nf as f64 + 1.0) - (self.b as f64 + 0.5) / (self.np as f64 + 1.0)
    }
    /// -log10(p), capped.
    pub fn strength(&self) -> f64 {
        (-self.p.max(1e-12).log10()).min(12.0)
    }
    /// More common in failing runs than in passing ones.
    pub fn positive(&self) -> bool {
        self.nf > 0 && (self.a as f64 / self.nf as f64) > (self.b as f64 / self.np.max(1) as f64)
    }
    /// 0..1: separation times evidence, lower with few runs.
    pub fn confidence(&self) -> f64 {
        let ev = (self.strength() / 4.0).min(1.0);
        (self.diff().max(0.0) * ev).clamp(0.0, 0.97)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fisher_values() {
        // perfect separation 7/7 vs 0/13: 1 / C(20,7)
        let p = fisher_greater(7, 7, 0, 13);
        assert!((p - 1.0 / 77520.0).abs() < 1e-9, "{p}");
        // no association
        assert!(fisher_greater(1, 2, 1, 2) > 0.5);
        assert_eq!(fisher_greater(0, 5, 0, 5), 1.0);
        let s = Separation::new(7, 7, 0, 13);
        assert!(s.positive() && s.confidence() > 0.8);
        let w = Separation::new(1, 1, 5, 19);
        assert!(w.confidence() < 0.3);
    }
}
