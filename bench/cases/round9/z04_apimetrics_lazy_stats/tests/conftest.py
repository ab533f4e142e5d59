import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import threading

import pytest

from apimetrics import StatsRegistry
from apimetrics.baseline import BaselineStore


@pytest.fixture
def baselines(tmp_path):
    store = BaselineStore(tmp_path / "baselines")
    store.save("/checkout", 0.004, 0.010)
    store.save("/search", 0.002, 0.005)
    return store


@pytest.fixture
def registry(baselines):
    return StatsRegistry(baselines)


def run_concurrently(fn, workers):
    """Start `workers` threads calling fn(i) together and wait for all of them."""
    gate = threading.Barrier(workers)
    errors = []

    def body(i):
        gate.wait()
        try:
            fn(i)
        except Exception as exc:  # surfaced to the test
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    return errors
