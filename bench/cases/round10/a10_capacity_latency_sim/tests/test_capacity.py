import math
import random

import pytest

from capplan import LatencySimulator, ServiceModel, percentile, summarize
from capplan.simulate import headroom


def test_percentile_nearest_rank():
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95


def test_summary_keys():
    assert set(summarize([1.0, 2.0])) == {"count", "mean", "p50", "p95", "p99"}


def test_utilisation_and_mean(checkout_api):
    assert checkout_api.utilisation == pytest.approx(0.6)
    assert checkout_api.mean_response_ms() == pytest.approx(30.0)


def test_overloaded_model_is_rejected():
    with pytest.raises(ValueError):
        LatencySimulator(ServiceModel("batch", 30.0, 40.0)).run()


def test_headroom_with_known_estimate(checkout_api):
    assert headroom(checkout_api, 100.0, estimate=90.0) == 0.1


def test_seeded_runs_repeat(checkout_api):
    a = LatencySimulator(checkout_api, rng=random.Random(3)).run()
    b = LatencySimulator(checkout_api, rng=random.Random(3)).run()
    assert a == b


def test_simulated_p95_matches_queueing_model(checkout_api):
    expected = checkout_api.response_percentile_ms(95)
    simulated = LatencySimulator(checkout_api).run()["p95"]
    assert math.isclose(simulated, expected, rel_tol=0.08)
