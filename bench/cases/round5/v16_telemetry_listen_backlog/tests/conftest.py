import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from fleetmon.collector import Collector


@pytest.fixture
def collector():
    with Collector() as c:
        yield c


@pytest.fixture
def durable_collector():
    """Collector that writes each report to the time-series store (~15 ms)."""
    with Collector(store_latency=0.015) as c:
        yield c
