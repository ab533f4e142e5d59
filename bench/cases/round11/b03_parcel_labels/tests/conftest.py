import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from shipping import ZoneTable


class BenchScale:
    """USB bench scale: a reading settles after a few to a few dozen ms."""

    def weigh(self, items):
        time.sleep(random.uniform(0.005, 0.030))
        return round(sum(weight for _, weight in items), 2)


@pytest.fixture
def zones():
    return ZoneTable({"10": "01", "20": "02", "80": "07", "01": "11"})


@pytest.fixture
def scale():
    return BenchScale()
