import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from stagebox import StagingArea, UserQuota


class ManualClock:
    def __init__(self, start=1_800_000_000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def area(tmp_path):
    return StagingArea(tmp_path / "staging")


@pytest.fixture
def quota():
    return UserQuota(limit_bytes=1_000_000)
