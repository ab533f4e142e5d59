import time

import pytest

from apimetrics import timed
from conftest import run_concurrently


def test_missing_baseline(registry):
    stats = registry.stats_for("/new-endpoint")
    assert stats.baseline == {"p50": None, "p95": None}


def test_failures_counted(registry):
    @timed(registry, "/search")
    def search(q):
        raise LookupError(q)

    with pytest.raises(LookupError):
        search("socks")
    assert registry.stats_for("/search").errors == 1


def test_regression_flagged(registry):
    stats = registry.stats_for("/checkout")
    for _ in range(20):
        stats.record(0.05)
    assert registry.regressions() == ["/checkout"]


def test_concurrent_checkouts_all_counted(registry):
    @timed(registry, "/checkout")
    def checkout(cart):
        return sum(cart)

    def shopper(i):
        for _ in range(8):
            checkout([i, 2, 3])

    errors = run_concurrently(shopper, workers=2)
    assert errors == []
    assert registry.snapshot() == {"/checkout": 16}
