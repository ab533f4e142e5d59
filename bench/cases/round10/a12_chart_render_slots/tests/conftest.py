import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from chartsvc import Dashboard

PANELS = {
    "orders": [3, 5, 9, 4, 7, 8],
    "revenue": [10, 12, 9, 14, 15, 18],
    "refunds": [1, 0, 2, 1, 0, 1],
    "signups": [20, 22, 19, 25, 30, 28],
    "latency": [120, 130, 110, 150, 140, 135],
}


@pytest.fixture
def dashboard():
    d = Dashboard(PANELS)
    yield d
    d.join()
