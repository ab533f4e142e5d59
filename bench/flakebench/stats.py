"""The bench's own statistics: min/median/max summaries and the two-sided
Fisher exact test. `python3 -m flakebench.stats` runs the self-check."""
import math
import statistics


def summary(values):
    """(min, median, max) of a non-empty list."""
    values = list(values)
    if not values:
        raise ValueError("summary of no values")
    return min(values), statistics.median(values), max(values)


def fmt_summary(values, unit="", digits=3):
    lo, med, hi = summary(values)
    f = "%%.%df%s" % (digits, unit)
    return "median %s (min %s, max %s, n=%d)" % (f % med, f % lo, f % hi, len(values))


def _hypergeom(a, row1, col1, n):
    """P(top-left cell = a) for a 2x2 table with the given margins."""
    return math.comb(row1, a) * math.comb(n - row1, col1 - a) / math.comb(n, col1)


def fisher_exact(a, b, c, d):
    """Two-sided Fisher exact test p-value of the table [[a, b], [c, d]]:
    the probability, under fixed margins, of every table no more likely
    than the observed one (the rule R's fisher.test and SciPy use, with
    the same relative tolerance for ties)."""
    if min(a, b, c, d) < 0:
        raise ValueError("negative count")
    n = a + b + c + d
    row1, col1 = a + b, a + c
    if n == 0:
        return 1.0
    lo, hi = max(0, col1 - (n - row1)), min(row1, col1)
    p_obs = _hypergeom(a, row1, col1, n)
    p = sum(q for q in (_hypergeom(x, row1, col1, n) for x in range(lo, hi + 1)) if q <= p_obs * (1 + 1e-7))
    return min(1.0, p)


def self_check():
    """Known values (worked by hand from the hypergeometric sums, and as R
    and SciPy print them)."""
    assert summary([3, 1, 2]) == (1, 2, 3)
    assert summary([4, 1, 3, 2]) == (1, 2.5, 4)
    # [[6, 2], [1, 4]]: tables with top-left 2, 6, 7 are no more likely: (28 + 140 + 8) / 1716.
    assert abs(fisher_exact(6, 2, 1, 4) - 176 / 1716) < 1e-12
    # The tea-tasting table: R's fisher.test gives 0.4857 (= 34/70).
    assert abs(fisher_exact(3, 1, 1, 3) - 34 / 70) < 1e-12
    assert fisher_exact(5, 5, 5, 5) == 1.0
    assert fisher_exact(0, 0, 0, 0) == 1.0
    # 0/30 vs 30/30 failing: only the two extreme tables, each 1 / C(60, 30).
    assert abs(fisher_exact(0, 30, 30, 0) - 2 / math.comb(60, 30)) < 1e-25
    # Symmetric in rows and columns.
    assert fisher_exact(9, 21, 3, 27) == fisher_exact(3, 27, 9, 21) == fisher_exact(9, 3, 21, 27)
    try:
        summary([])
    except ValueError:
        pass
    else:
        raise AssertionError("summary([]) must fail")
    return "stats self-check: 9 checks passed"


if __name__ == "__main__":
    print(self_check())
