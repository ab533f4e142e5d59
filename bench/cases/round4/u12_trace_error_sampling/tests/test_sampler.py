import random

import pytest

from tracekit.sampler import RatioSampler


def test_ratio_bounds_checked():
    with pytest.raises(ValueError):
        RatioSampler(1.5)


def test_extremes_are_deterministic():
    assert all(RatioSampler(1.0).should_sample(str(i)) for i in range(50))
    assert not any(RatioSampler(0.0).should_sample(str(i)) for i in range(50))


def test_seeded_ratio_is_roughly_respected():
    sampler = RatioSampler(0.25, rng=random.Random(7))
    kept = sum(sampler.should_sample(str(i)) for i in range(4000))
    assert 900 <= kept <= 1100
