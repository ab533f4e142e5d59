import random

from hookrelay import Backoff


def test_same_seed_same_schedule():
    assert Backoff(seed=42).schedule(6) == Backoff(seed=42).schedule(6)


def test_delays_stay_within_equal_jitter_bounds():
    b = Backoff(base=0.01, cap=0.08, rng=random.Random())
    for attempt in range(8):
        ceiling = min(0.08, 0.01 * 2 ** attempt)
        d = b.delay(attempt)
        assert ceiling / 2 <= d <= ceiling
