import pytest

from latmon.histogram import LatencyHistogram


def test_bucket_assignment():
    h = LatencyHistogram(bounds=(10, 100))
    for ms in (1, 10, 11, 100, 101):
        h.observe(ms)
    assert h.buckets == [2, 2, 1]
    assert h.max_ms == 101


def test_quantile_from_buckets():
    h = LatencyHistogram(bounds=(10, 100, 1000))
    for ms in [5] * 90 + [50] * 9 + [500]:
        h.observe(ms)
    assert h.quantile(0.5) == 10.0
    assert h.quantile(0.95) == 100.0


def test_negative_latency_rejected():
    with pytest.raises(ValueError):
        LatencyHistogram().observe(-1)
